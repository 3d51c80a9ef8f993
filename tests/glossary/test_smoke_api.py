"""The public API the review UI and the aligner rely on: read, write, find_terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.glossary import find_terms, read_glossary, write_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"


@pytest.mark.parametrize("fmt,suffix", [("csv", "csv"), ("tbx", "tbx"), ("tbx2", "tbx")])
def test_lossless_round_trip(tmp_path: Path, fmt: str, suffix: str) -> None:
    g = read_glossary(DATA / "sample.csv")
    out = tmp_path / f"g.{suffix}"
    assert write_glossary(g, out, fmt) == len(g.entries)
    assert read_glossary(out).entries == g.entries


def test_find_terms_spans() -> None:
    g = read_glossary(DATA / "sample.csv")
    text = "Le Conseil de sécurité et la Turquie"
    found = [(m.start, m.end, m.entry.id, m.term.status) for m in find_terms(g, text, "fr")]
    assert found == [(3, 22, "organ-SC", "preferred"), (29, 36, "place-TR", "deprecated")]
