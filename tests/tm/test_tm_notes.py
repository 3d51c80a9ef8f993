"""A unit's <note>s survive the TM: tm import -> tm export writes them back (OmegaT keeps a segment's notes as
its unit's <note> in the project memory; Trados and the LISA compliance kit files carry them too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tmx import iter_units, write_tmx

from tm_helpers import through_tm

DATA = Path(__file__).resolve().parents[1] / "data" / "tm" / "notes"
INTEROP = Path(__file__).resolve().parents[3] / "shared" / "interop" / "tmx"
SHARED_FILES = sorted(p.name for p in INTEROP.glob("*.tmx")) or ["(interop folder absent)"]


def _notes(units) -> dict[str, tuple[str, ...]]:
    """English text -> the unit's notes, for the units with text in two languages."""
    out = {}
    for u in units:
        texts = [v for v in u.variants if v.text.strip()]
        if len({v.lang.lower() for v in texts}) >= 2:
            out[texts[0].text if texts[0].lang.lower().startswith("en") else sorted(v.text for v in texts)[0]] = u.notes
    return out


def test_unit_notes_survive_import_and_export(tmp_path: Path) -> None:
    src = DATA / "omegat-notes.tmx"
    back = through_tm(src, tmp_path)
    assert _notes(back) == _notes(iter_units(src))
    assert _notes(back)["The Council adjourned."] == ("first note", "second note & more")


def test_notes_are_not_doubled_by_a_second_round(tmp_path: Path) -> None:
    first = tmp_path / "one"
    first.mkdir()
    back = through_tm(DATA / "omegat-notes.tmx", first)
    again = tmp_path / "again.tmx"
    write_tmx(back, again, srclang="en")
    second = tmp_path / "two"
    second.mkdir()
    assert _notes(through_tm(again, second)) == _notes(iter_units(DATA / "omegat-notes.tmx"))


@pytest.mark.parametrize("name", SHARED_FILES)
def test_notes_of_the_shared_files_survive_the_tm(shared: Path, tmp_path: Path, name: str) -> None:
    src = shared / "interop" / "tmx" / name
    units = list(iter_units(src))
    wanted = {n for u in units if len({v.lang.lower() for v in u.variants if v.text.strip()}) >= 2 for n in u.notes}
    if not any(len({v.lang.lower() for v in u.variants if v.text.strip()}) >= 2 for u in units):
        pytest.skip(f"{name}: no unit with text in two languages")
    back = through_tm(src, tmp_path)
    assert {n for u in back for n in u.notes} == wanted
