"""A unit's attributes survive the TM: tm import -> tm export writes back who created and changed it and when
(Trados Studio's creationid, changedate, changeid, usagecount, lastusagedate), not only its creation date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tm import TMStore
from tmtool.tmx import iter_units, write_tmx
from tmtool.tmx.writer import _TU_ATTRS

from tm_helpers import through_tm

DATA = Path(__file__).resolve().parents[1] / "data" / "tm" / "unit-attrs"
INTEROP = Path(__file__).resolve().parents[3] / "shared" / "interop" / "tmx"
SHARED_FILES = sorted(p.name for p in INTEROP.glob("*.tmx")) or ["(interop folder absent)"]


def _bilingual(units) -> list:
    return [u for u in units if len({v.lang.lower() for v in u.variants if v.text.strip()}) >= 2]


def _attrs(units) -> list[dict[str, str]]:
    """Each unit's attributes that TMX 1.4 declares on <tu>, by its sorted texts."""
    return sorted(
        (sorted(v.text for v in u.variants if v.text.strip()), {k: v for k, v in u.attrs if k in _TU_ATTRS})
        for u in units
    )


@pytest.mark.parametrize("profile", ["generic", "trados"])
def test_trados_unit_attributes_survive_import_and_export(tmp_path: Path, profile: str) -> None:
    src = DATA / "trados-attrs.tmx"
    back = through_tm(src, tmp_path, profile)
    assert _attrs(back) == _attrs(iter_units(src))
    first = next(u for u in back if "The Committee adopted the report." in [v.text for v in u.variants])
    assert dict(first.attrs)["changeid"] == "ben" and dict(first.attrs)["usagecount"] == "4"


@pytest.mark.parametrize("name", SHARED_FILES)
def test_unit_attributes_of_the_shared_files_survive_the_tm(shared: Path, tmp_path: Path, name: str) -> None:
    src = shared / "interop" / "tmx" / name
    units = _bilingual(iter_units(src))
    if not units:
        pytest.skip(f"{name}: no unit with text in two languages")
    if any(len({v.lang.lower() for v in u.variants}) < len(u.variants) for u in units):
        pytest.skip(f"{name}: alternatives in one language become several units (tests/tm/test_tm_interop.py)")
    back = through_tm(src, tmp_path)
    # a unit without a creationdate gets the import date: compare the other attributes, and dates where given
    want = [(t, {k: v for k, v in a.items() if k != "creationdate" or "creationdate" in a}) for t, a in _attrs(units)]
    got = [(t, {k: v for k, v in a.items() if k != "creationdate" or k in w}) for (t, a), (_, w) in zip(_attrs(back), want)]
    assert got == want


def test_a_unit_without_a_source_language_gets_none_made_up_on_export(tmp_path: Path) -> None:
    """A unit read with srclang="*all*" (no source language) came out of the TM with the language of its first
    text as its source, which the writer then kept as the unit's own: tm export wrote <tu srclang="es">."""
    src = tmp_path / "all.tmx"
    src.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="*all*" '
                   'datatype="plaintext"/><body><tu><tuv xml:lang="fr"><seg>Bonjour.</seg></tuv>'
                   '<tuv xml:lang="es"><seg>Hola.</seg></tuv></tu>'
                   '<tu srclang="en"><tuv xml:lang="en"><seg>Hello.</seg></tuv>'
                   '<tuv xml:lang="es"><seg>Hola, hola.</seg></tuv></tu></body></tmx>\n', encoding="utf-8")
    store = TMStore.open(tmp_path / "tm")
    store.add_units(iter_units(src), origin=src.name)
    by_text = {min(v.text for v in u.variants): u.srclang for u in store.iter_units()}
    assert by_text == {"Bonjour.": None, "Hello.": "en"}  # a source of its own is kept
    out = tmp_path / "out.tmx"
    write_tmx(store.iter_units(), out, srclang="en")
    written = {min(v.text for v in u.variants): u.srclang for u in iter_units(out)}
    assert written["Bonjour."] == "*all*" and written["Hello."] == "en"
