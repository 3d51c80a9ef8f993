"""glossary convert says which fields of the model the output format cannot hold, and how many.

The oracle is the written file itself: it is read back and each field counted in the input and in the result; the
warning names exactly the fields whose count went down, with the difference. Before December 2026 convert warned
only about TBX elements kept as XML, so TBX -> memoQ dropped part of speech, notes, examples and definitions
silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tmtool.glossary import read_glossary
from tmtool.glossary.model import Entry, Glossary

DATA = Path(__file__).resolve().parent.parent / "data"
INPUTS = [DATA / "glossary" / "sample.csv", DATA / "glossary-show" / "places-notes.tbx"]
PAIR = ("en", "fr")


def _terms(g: Glossary, f: Callable) -> int:
    return sum(f(t) for e in g.entries for t in e.terms)


def _entries(g: Glossary, f: Callable[[Entry], int]) -> int:
    return sum(f(e) for e in g.entries)


COUNTERS: dict[str, Callable[[Glossary], int]] = {
    "part of speech": lambda g: _terms(g, lambda t: bool(t.part_of_speech)),
    "term type": lambda g: _terms(g, lambda t: bool(t.term_type)),
    "term source": lambda g: _terms(g, lambda t: bool(t.source)),
    "example": lambda g: _terms(g, lambda t: len(t.examples)),
    "finer status": lambda g: _terms(g, lambda t: bool(t.status_detail)),
    "term note": lambda g: _terms(g, lambda t: bool(t.note.strip())),
    "source term note": lambda g: _terms(g, lambda t: t.lang == PAIR[0] and bool(t.note.strip())),
    "target term note": lambda g: _terms(g, lambda t: t.lang == PAIR[1] and bool(t.note.strip())),
    "language-level definition": lambda g: _entries(g, lambda e: len(e.definitions)),
    "definition": lambda g: _entries(g, lambda e: len(e.definitions) + bool(e.definition)),
    "entry source": lambda g: _entries(g, lambda e: bool(e.source)),
    "subject": lambda g: _entries(g, lambda e: bool(e.subject)),
    "term in another language": lambda g: _terms(g, lambda t: t.lang not in PAIR),
}


def _warned(err: str) -> dict[str, int]:
    m = re.search(r"cannot hold these fields, dropped: (.*)", err)
    return {name: int(n) for n, name in (x.split(" ", 1) for x in m.group(1).split(", "))} if m else {}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt,name", [("memoq", "g.csv"), ("omegat", "g.txt"), ("csv", "g.csv"), ("tbx", "g.tbx"),
                                      ("tbx2", "g.tbx")])  # fmt: skip
def test_the_warning_names_what_the_file_lost(cli_run, tmp_path: Path, path: Path, fmt: str, name: str) -> None:
    out = tmp_path / name
    code, _, err = cli_run(["glossary", "convert", path, out, "--to", fmt, "--src-lang", PAIR[0],
                            "--tgt-lang", PAIR[1]])  # fmt: skip
    assert code == 0, err
    before, after = read_glossary(path), read_glossary(out, fmt)
    warned = _warned(err)
    assert set(warned) <= set(COUNTERS) | {"term written once (differs only in fields memoQ lacks)"}, warned
    lost = {k: f(before) - f(after) for k, f in COUNTERS.items() if k in warned or f(before) - f(after) > 0}
    if fmt == "omegat":  # term notes are counted as source and target notes; "definition" counts both kinds
        lost.pop("term note", None), lost.pop("language-level definition", None)
    if fmt == "memoq":
        for k in ("source term note", "target term note", "definition", "term in another language"):
            lost.pop(k, None)
    assert warned == {k: n for k, n in lost.items() if n}, err
    assert (fmt in ("csv", "tbx", "tbx2")) == (not warned)
