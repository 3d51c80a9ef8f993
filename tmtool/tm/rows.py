"""The rows of a TM's parts: one occurrence of a unit a row (its texts in ``text:<lang>`` columns, markup in
``markup:<lang>``, and key, srclang, count, origins, documents, props, created, owner), built in memory a part at
a time (:class:`PartRows`), and merged into units (:func:`merged_units`; the rules in :mod:`.store`'s docstring).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["TEXT", "MARKUP", "unit_key", "PartRows", "merge_aggs", "merged_units"]

TEXT = "text:"
MARKUP = "markup:"


def unit_key(texts: dict[str, str]) -> int:
    """The content hash that decides duplicates: same texts in the same languages -> same key."""
    canon = "\x1e".join(f"{lang}\x1f{texts[lang]}" for lang in sorted(texts))
    return int.from_bytes(hashlib.blake2b(canon.encode("utf-8"), digest_size=8).digest(), "big")


def merge_aggs(cols: list[str]) -> list:
    """How rows of one unit merge (:mod:`.store`'s docstring): first text / markup / srclang / props, counts
    summed, origins and documents united in order, the earliest creation date."""
    import polars as pl

    return [pl.col(c).drop_nulls().first() for c in cols if c.startswith((TEXT, MARKUP))] + [
        pl.col("srclang").drop_nulls().first(),
        pl.col("count").sum().cast(pl.UInt32),
        pl.col("origins").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True),
        pl.col("documents").list.explode(keep_nulls=False, empty_as_null=False).unique(maintain_order=True),
        pl.col("props").drop_nulls().first(),
        pl.col("created").min(),
    ]


def merged_units(lf, ranked: bool):
    """The rows of ``lf`` merged per unit (:func:`merge_aggs`), optionally ranked. Duplicates have the same texts
    (the key hashes them), so every text is taken from the unit's first occurrence, one language at a time, after
    the other columns are merged and ranked: grouping and sorting all the texts at once held the TM's text two
    to three times over (5.9 GB at 2,000,000 six-language units)."""
    import polars as pl

    cols = lf.collect_schema().names()
    texts = [c for c in cols if c.startswith(TEXT)]
    aggs = merge_aggs(cols)
    head = (lf.select([c for c in cols if c not in texts]).with_row_index("_row")
            .group_by("key", maintain_order=True).agg(pl.col("_row").first(), *[a for a in aggs if
                                                                               a.meta.output_name() not in texts])
            .collect())
    if ranked:
        head = head.sort(["count", "key"], descending=[True, False])
    rows = head["_row"]
    head = head.drop("_row")
    for column in texts:  # one language's occurrences in memory at a time
        head = head.with_columns(lf.select(column).collect().to_series().gather(rows))
    return head.select("key", *[a.meta.output_name() for a in aggs])


class PartRows:
    """Columns of one part being built in memory (plain lists, one per column)."""

    FIXED = ("key", "srclang", "count", "origins", "documents", "props", "created", "owner")

    def __init__(self) -> None:
        self.size = 0
        self.fixed: dict[str, list] = {name: [] for name in self.FIXED}
        self.langs: dict[str, list] = {}  # text:<lang> / markup:<lang> -> values, None where absent

    def _put(self, column: str, value: str) -> None:
        values = self.langs.get(column)
        if values is None:
            values = self.langs[column] = [None] * self.size
        values.append(value)

    def add(self, texts: dict[str, str], markup: dict[str, str], srclang: str | None, origins: list[str],
            documents: list[str], props: list[tuple[str, str]], created: str, count: int = 1,
            owner: str | None = None) -> None:
        f = self.fixed
        f["owner"].append(owner or None)
        f["key"].append(unit_key(texts))
        f["srclang"].append(srclang)
        f["count"].append(count)
        f["origins"].append("\x1f".join(origins))
        f["documents"].append("\x1f".join(documents))
        f["props"].append(json.dumps(props, ensure_ascii=False) if props else None)
        f["created"].append(created)
        for lang, text in texts.items():
            self._put(TEXT + lang, text)
        for lang, m in markup.items():
            self._put(MARKUP + lang, m)
        self.size += 1
        for values in self.langs.values():
            if len(values) < self.size:
                values.append(None)

    def frame(self):
        import polars as pl

        data: dict[str, Any] = {c: pl.Series(c, self.langs[c], dtype=pl.String) for c in sorted(self.langs)}
        for name, dtype in (("key", pl.UInt64), ("srclang", pl.String), ("count", pl.UInt32),
                            ("props", pl.String), ("created", pl.String), ("owner", pl.String)):
            data[name] = pl.Series(name, self.fixed[name], dtype=dtype)
        for name in ("origins", "documents"):  # lists built in one go: one Python list per row is slow
            joined = pl.Series(name, self.fixed[name], dtype=pl.String)
            data[name] = pl.select(
                pl.when(joined.str.len_bytes() == 0).then(pl.lit([], dtype=pl.List(pl.String)))
                .otherwise(joined.str.split("\x1f")).alias(name)
            ).to_series()
        return pl.DataFrame(data)
