"""The real TMX files of ../shared/interop/tmx (read in place): import into the TM, export, re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tm import TMStore, concordance
from tmtool.tmx import iter_units, validate_tmx, write_tmx

INTEROP = Path(__file__).resolve().parents[3] / "shared" / "interop" / "tmx"
FILES = sorted(p.name for p in INTEROP.glob("*.tmx")) or ["(interop folder absent)"]


def _content(store: TMStore) -> list[tuple]:
    df = store.units()
    cols = sorted(c for c in df.columns if c.startswith(("text:", "markup:")))
    return sorted(tuple("" if v is None else v for v in row) for row in df.select(cols + ["count"]).iter_rows())


@pytest.mark.parametrize("name", FILES)
def test_import_export_import(shared: Path, tmp_path: Path, name: str) -> None:
    path = shared / "interop" / "tmx" / name
    units = list(iter_units(path))
    multilingual = [u for u in units if len({v.lang.lower() for v in u.variants if v.text.strip()}) >= 2]
    langs = [[v.lang.lower() for v in u.variants if v.text.strip()] for u in multilingual]
    store = TMStore.open(tmp_path / "tm")  # alternatives in one language: one unit each
    assert store.add_units(units, origin=name) == sum(max(map(ls.count, ls)) for ls in langs)
    if not multilingual:
        return
    out = tmp_path / "out.tmx"
    write_tmx(store.iter_units(), out, srclang=store.languages()[0])
    assert [p for p in validate_tmx(out) if p.severity == "error"] == []  # warnings: codes as the file had them
    again = TMStore.open(tmp_path / "tm2")
    again.add_units(iter_units(out), origin="out.tmx")
    assert _content(again) == _content(store)  # texts, inline markup and counts survive


def test_language_codes_are_normalised_and_matched_by_base(shared: Path, tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(iter_units(shared / "interop" / "tmx" / "lisa-compkit_ImportTest1B.tmx"), origin="1B")
    assert store.languages() == ["en-US", "fr-CA"]  # written eN-uS / fR-Ca in the file
    assert store.resolve_lang("EN") == ["en-US"] and store.resolve_lang("fr-ca") == ["fr-CA"]


def test_same_source_with_several_targets_stays_several_units(shared: Path, tmp_path: Path) -> None:
    path = shared / "interop" / "tmx" / "okapi_olifant_tmxtest-attributes.tmx"
    units = list(iter_units(path))
    sources = [u.text("en-US") for u in units]
    repeated = max(set(sources), key=sources.count)
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units, origin="olifant")
    first_word = repeated.split()[0]
    res = concordance(store, repeated, "en", "fr", limit=50)
    assert sum(h.source == repeated for h in res.hits) == sources.count(repeated) > 1, first_word
    assert len({h.target for h in res.hits if h.source == repeated}) == sources.count(repeated)
