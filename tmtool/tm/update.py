"""Updating a lookup index after parts were appended, instead of rebuilding it from scratch.

When the store's parts are an earlier index's parts plus a few appended ones (the usual case after
``tm add`` / ``tm import``), the new index is derived from the old one: units already indexed keep their
ids (their counts, origins and documents are updated), new units are appended after them, and each
language index already built only tokenises the new units and merges their postings in (new unit ids are
larger than every old one, so posting lists stay ascending). The static rank (most frequent first) is then
exact for the old units and for the new ones among themselves; a full rebuild (after ``tm compact``, or
when the appended parts are larger than half the indexed units) restores it everywhere.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ..fileio import atomic_write, parquet_bytes
from .index import INDEX_VERSION, ORIGIN_LABEL, building, csr, tokenize_column, write_lang
from .store import TEXT, TMStore, text_column

__all__ = ["find_base", "update_index"]

MAX_SHARE = 0.5


def find_base(root: Path, manifest: dict[str, Any], files: dict[str, list[int]]) -> Path | None:
    """The newest index under ``root`` whose parts are all still committed and unchanged on disk (``files``,
    :func:`~tmtool.tm.repair.part_files`), with few enough new rows."""
    names = {p["name"] for p in manifest["parts"]}
    rows = {p["name"]: int(p.get("rows", 0)) for p in manifest["parts"]}
    best, best_len = None, 0
    if not root.is_dir():
        return None
    for folder in root.iterdir():
        if folder.name.startswith("."):
            continue
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        old = set(meta.get("parts", []))
        if meta.get("version") != INDEX_VERSION or not old or not old < names or len(old) <= best_len:
            continue
        if sum(rows[n] for n in names - old) > MAX_SHARE * int(meta.get("units", 0)):
            continue
        recorded = meta.get("files")
        if not isinstance(recorded, dict) or any(recorded.get(n) != files[n] for n in old):
            continue  # a part it indexed was replaced or rewritten since: its units are not these
        best, best_len = folder, len(old)
    return best


def update_index(store: TMStore, manifest: dict[str, Any], base: Path, dest: Path,
                 files: dict[str, list[int]]) -> None:
    """Write the index of ``manifest`` to ``dest`` from the index in ``base`` plus the appended parts."""
    meta = json.loads((base / "meta.json").read_text(encoding="utf-8"))
    indexed = set(meta["parts"])
    added = store.units({"parts": [p for p in manifest["parts"] if p["name"] not in indexed]})
    schema = pl.read_parquet_schema(base / "units.parquet")
    texts = [c for c in schema if c.startswith(TEXT)]
    # the old units' other columns only: reading every text of a 2,000,000-unit six-language TM at once, and
    # joining them, took more than 7 GB; each language's texts are read below, one at a time
    old = pl.read_parquet(base / "units.parquet", columns=[c for c in schema if c not in texts])
    inc = added.select("key", pl.col("count").alias("_c"), pl.col("origins").alias("_o"),
                       pl.col("documents").alias("_d"))
    updated = old.join(inc, on="key", how="left", maintain_order="left").with_columns(
        (pl.col("count") + pl.col("_c").fill_null(0)).cast(pl.UInt32).alias("count"),
        *[
            pl.when(pl.col(extra).is_null()).then(pl.col(name))
            .otherwise(pl.concat_list(name, extra).list.unique(maintain_order=True)).alias(name)
            for name, extra in (("origins", "_o"), ("documents", "_d"))
        ],
    ).drop("_c", "_o", "_d")
    fresh = added.filter(~pl.col("key").is_in(old["key"].implode())).sort(["count", "key"], descending=[True, False])
    order = pl.concat([pl.DataFrame(schema=schema).drop(ORIGIN_LABEL), fresh.clear()], how="diagonal_relaxed").columns
    units = pl.concat([updated.drop(ORIGIN_LABEL), fresh.drop(texts, strict=False)], how="diagonal_relaxed")
    for column in texts:  # old texts, then the fresh units' (none where they have no text in that language)
        old_texts = pl.read_parquet(base / "units.parquet", columns=[column])[column]
        new_texts = fresh[column] if column in fresh.columns else pl.Series(column, [None] * fresh.height)
        units = units.with_columns(pl.concat([old_texts, new_texts.cast(pl.String)], rechunk=False).alias(column))
        del old_texts
    units = units.select(order).with_columns(
        pl.when(pl.col("documents").list.len() > 0).then(pl.col("documents").list.first())
        .otherwise(pl.col("origins").list.first()).alias(ORIGIN_LABEL)
    )
    tmp = dest.parent / f".tmp-{secrets.token_hex(6)}"
    with building(tmp, dest.parent):
        tmp.mkdir(parents=True)
        (tmp / "units.parquet").write_bytes(parquet_bytes(units, compression="lz4"))  # a temp folder
        n_units = units.height
        del units  # every language's texts: not kept while the language indexes are updated
        for lang_dir in sorted(base.iterdir()):
            if (lang_dir / "numeric.npy").exists():
                tags = lang_dir.name.split("+")
                cols = [pl.col(text_column(t)) for t in tags if text_column(t) in fresh.columns]
                if cols:
                    texts = fresh.select(pl.coalesce(cols)).to_series()
                else:  # the new units have no text in this language
                    texts = pl.Series([None] * fresh.height, dtype=pl.String)
                _update_lang(lang_dir, texts.cast(pl.String), old.height, tmp, lang_dir.name)
        with atomic_write(tmp / "meta.json", "w", encoding="utf-8") as fh:
            json.dump({"version": INDEX_VERSION, "units": n_units, "parts": [p["name"] for p in manifest["parts"]],
                       "files": files, "incremental": True}, fh)
        try:
            os.rename(tmp, dest)
        except OSError:  # another process built it first
            shutil.rmtree(tmp, ignore_errors=True)


def _update_lang(old: Path, texts: pl.Series, first_uid: int, folder: Path, key: str) -> None:
    """One language: the old arrays plus the tokens and postings of ``texts`` (units ``first_uid``...)."""
    old_tokens = pl.read_parquet(old / "vocab.parquet")["token"]
    postings_old, offsets_old = np.load(old / "postings.npy", mmap_mode="r"), np.load(old / "offsets.npy")
    seq_old, seq_offsets_old = np.load(old / "seq.npy", mmap_mode="r"), np.load(old / "seq_offsets.npy")
    numeric_old = np.load(old / "numeric.npy")
    if len(seq_offsets_old) != first_uid + 1 or int(offsets_old[-1]) != len(postings_old):
        return  # the old language index does not fit its units: left out, built afresh when looked up
    lengths, ex, bigrams = tokenize_column(texts)
    seen = pl.concat([ex["tok"], bigrams["tok"]]).unique()
    unseen = seen.filter(~seen.is_in(old_tokens.implode())).sort()
    vocab = pl.concat([old_tokens, unseen])
    ids = pl.DataFrame({"tok": vocab, "tid": pl.int_range(len(vocab), dtype=pl.UInt32, eager=True)})
    seq_new = ex.join(ids, on="tok", how="left", maintain_order="left")["tid"].to_numpy()
    big_new = bigrams.join(ids, on="tok", how="left", maintain_order="left")["tid"].to_numpy()
    uids = np.concatenate([ex["uid"].to_numpy(), bigrams["uid"].to_numpy()]).astype(np.int64) + first_uid
    postings_new, offsets_new = csr(np.concatenate([seq_new, big_new]), uids, len(vocab))
    n_old, n = len(old_tokens), len(vocab)
    df_old = np.zeros(n, dtype=np.int64)
    df_old[:n_old] = np.diff(offsets_old)
    df_new = np.diff(offsets_new)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(df_old + df_new, out=offsets[1:])
    # every token's old postings, then its new ones (larger unit ids): lists stay ascending. The new ones are
    # inserted at the end of their token's old list (a new token's after every old list): two int64 position
    # arrays as long as all the postings took 1.6 GB a language at 2,000,000 units
    new_tids = np.repeat(np.arange(n, dtype=np.int64), df_new)
    ends = np.append(offsets_old[1:], len(postings_old))  # where token t's old list ends; t >= n_old: at the end
    postings = np.insert(postings_old, ends[np.minimum(new_tids, n_old)], postings_new)
    seq = np.concatenate([seq_old, seq_new.astype(np.uint32)])
    seq_offsets = np.concatenate([seq_offsets_old, seq_offsets_old[-1] + np.cumsum(lengths)])
    numeric = np.concatenate([numeric_old, unseen.str.contains(r"^\d+$").to_numpy().astype(bool)])
    write_lang(folder, key, vocab, {"postings": postings, "offsets": offsets, "seq": seq,
                                    "seq_offsets": seq_offsets, "numeric": numeric})
