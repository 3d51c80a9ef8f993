"""Small UN document sets generated in tmp folders from the UNPC devset (read in place, never copied here)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

DEVSET = Path("corpora-src") / "unpc-v1.0-testsets" / "devset"


def devset_documents(shared: Path, langs: Sequence[str]) -> list[tuple[str, dict[str, list[str]]]]:
    """The devset's documents in file order: ``(symbol, {lang: sentences})``."""
    folder = shared / DEVSET
    ids = (folder / "UNv1.0.devset.ids").read_text(encoding="utf-8").splitlines()
    lines = {lang: (folder / f"UNv1.0.devset.{lang}").read_text(encoding="utf-8").splitlines() for lang in langs}
    docs: dict[str, dict[str, list[str]]] = {}
    for n, row in enumerate(ids):
        symbol = row.split()[0].split("/", 1)[1]  # "2015/a/69/817" -> "a/69/817"
        doc = docs.setdefault(symbol, {lang: [] for lang in langs})
        for lang in langs:
            doc[lang].append(lines[lang][n])
    return list(docs.items())


def write_sets(shared: Path, folder: Path, count: int, langs: Sequence[str] = ("en", "fr", "es"),
               min_sentences: int = 3) -> list[str]:
    """Write ``count`` sets as ``<SYMBOL>-<LANG>.txt`` (one paragraph per sentence); return the set names.

    Documents whose short sample the reader's language check rejects (a few names-only excerpts) are left out,
    so that every generated set is a good one.
    """
    from tmtool.documents import read_document
    from tmtool.errors import LanguageError

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for symbol, texts in devset_documents(shared, langs):
        if len(texts[langs[0]]) < min_sentences:
            continue
        name = symbol.replace("/", "_").upper()
        paths = [folder / f"{name}-{lang.upper()}.txt" for lang in langs]
        for lang, path in zip(langs, paths, strict=True):
            path.write_text("\n\n".join(texts[lang]) + "\n", encoding="utf-8")
        try:
            for lang, path in zip(langs, paths, strict=True):
                read_document(path, lang=lang)
        except LanguageError:
            for path in paths:
                path.unlink()
            continue
        names.append(name)
        if len(names) == count:
            break
    return names


@pytest.fixture
def make_sets(shared: Path):
    """``make_sets(folder, count, langs=...) -> [set names]``."""

    def make(folder: Path, count: int, langs: Sequence[str] = ("en", "fr", "es")) -> list[str]:
        return write_sets(shared, folder, count, langs)

    return make
