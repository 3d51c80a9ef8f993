"""Inline codes whose bpt/ept pairing is broken (an ept before its bpt, a bpt never closed, one i for two pairs)
are written as TMX 1.4b requires: isolated codes become <it pos="begin|end">, a reused i is renumbered, the
native code and the text kept. They used to be written back as read, and `tmx validate` (and the tools that
pair codes by i) rejected tmtool's own file.

Golden files: ``tests/data/tmx-codes/<case>.in.tmx`` (synthetic) -> ``<case>.out.tmx``;
``TMTOOL_UPDATE_GOLDEN=1`` rewrites the outputs (then read the diff)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tmtool.tmx import iter_units, validate_tmx, write_tmx

DATA = Path(__file__).resolve().parents[1] / "data" / "tmx-codes"
CASES = sorted(p.name.removesuffix(".in.tmx") for p in DATA.glob("*.in.tmx"))
DTD = Path(__file__).resolve().parents[3] / "shared" / "standards" / "tmx14.dtd"


@pytest.mark.parametrize("case", CASES)
def test_written_codes_pair(tmp_path: Path, case: str) -> None:
    src = DATA / f"{case}.in.tmx"
    out = tmp_path / f"{case}.out.tmx"
    write_tmx(iter_units(src), out, srclang="en", creationdate="20260101T000000Z")
    got = out.read_text(encoding="utf-8")
    golden = DATA / f"{case}.out.tmx"
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    problems = validate_tmx(out, dtd=DTD) if DTD.is_file() else validate_tmx(out, use_dtd=False)
    assert [p for p in problems if p.severity == "error"] == []
    # the text is what it was, in every language
    assert [[v.text for v in u.variants] for u in iter_units(out)] == [[v.text for v in u.variants] for u in iter_units(src)]


def test_a_file_with_paired_codes_is_written_back_unchanged(tmp_path: Path) -> None:
    src = DATA / "paired-unchanged.in.tmx"
    out = tmp_path / "out.tmx"
    write_tmx(iter_units(src), out, srclang="en")
    assert [[v.markup for v in u.variants] for u in iter_units(out)] == [[v.markup for v in u.variants] for u in iter_units(src)]


def test_the_shared_broken_inline_file_reports_only_it_warnings(shared: Path, tmp_path: Path) -> None:
    # OmegaT's invalid.tmx: its segments hold codes only (no text), so it is not written at all; with a word of
    # text added to each segment the codes come out paired
    src = shared / "interop" / "tmx" / "omegat_invalid_inline.tmx"
    from dataclasses import replace

    units = [replace(u, variants=tuple(replace(v, text=v.text + "x", markup=v.markup + "x") for v in u.variants))
             for u in iter_units(src)]
    out = tmp_path / "out.tmx"
    assert write_tmx(units, out, srclang="en") == 1
    assert [p for p in validate_tmx(out, dtd=shared / "standards" / "tmx14.dtd") if p.severity == "error"] == []
