"""Adding an origin again replaces its earlier units (QA #5); `tm remove`; `tm add --status/--min-confidence`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import polars as pl
import pytest
from tm_helpers import run_at_once, units_of

from tmtool.align.model import Alignment, Link, write_alignment
from tmtool.errors import StoreError
from tmtool.tm import TMStore

ROOT = Path(__file__).resolve().parents[2]
LETTER = ROOT / "corpora" / "un-letter-2023"


@pytest.fixture(scope="module")
def letter() -> Alignment:
    from tmtool.align import align_documents
    from tmtool.documents import read_document

    return align_documents([read_document(LETTER / f"letter.{lang}.txt") for lang in ("en", "fr", "ru")])


def _merged(alignment: Alignment, i: int) -> Alignment:
    """``alignment`` with links i and i+1 merged into one: the state before a reviewer split that row."""
    a, b = alignment.links[i], alignment.links[i + 1]
    joined = Link({lang: a.segments.get(lang, ()) + b.segments.get(lang, ()) for lang in alignment.langs}, 0.9)
    return dataclasses.replace(alignment, links=alignment.links[:i] + (joined,) + alignment.links[i + 2 :])


def _texts(store: TMStore) -> list[tuple]:
    df = store.units()
    return sorted(zip(df["text:en"].to_list(), df["text:fr"].to_list(), df["count"].to_list(), strict=True))


def test_re_adding_a_split_alignment_gives_exactly_the_new_units(tmp_path: Path, letter: Alignment) -> None:
    before, after = _merged(letter, 3), letter
    store = TMStore.open(tmp_path / "tm")
    assert store.add_alignment(before, origin="letter.json") == len(before.links)
    assert store.add_alignment(after, origin="letter.json") == len(after.links)
    assert store.replaced == len(before.links)
    fresh = TMStore.open(tmp_path / "fresh")
    fresh.add_alignment(after, origin="letter.json")
    assert _texts(store) == _texts(fresh)  # the merged unit is gone, no count is doubled
    stats = store.stats()
    assert stats["units"] == stats["occurrences"] == len(after.links)
    store.compact()
    assert _texts(store) == _texts(fresh)


def test_replacing_keeps_other_origins_and_their_counts(tmp_path: Path, letter: Alignment) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_alignment(letter, origin="other")
    store.add_alignment(_merged(letter, 0), origin="mine")
    store.compact()  # a compacted part holds both origins: the retraction must still be exact
    store.add_alignment(letter, origin="mine")
    assert {c for *_, c in _texts(store)} == {2}  # every unit once from each origin, none left from "mine"'s first add
    assert store.remove(origin="other") == len(letter.links)
    assert {c for *_, c in _texts(store)} == {1} and store.origins() == ["mine"]


def test_remove_by_origin_and_by_document(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "One.", "fr": "Un."}, {"en": "Two.", "fr": "Deux."}], doc="S/1"), origin="a")
    store.add_units(units_of([{"en": "One.", "fr": "Un."}], doc="S/2"), origin="b")
    assert store.remove(origin="a") == 2
    df = store.units()
    assert df["text:en"].to_list() == ["One."] and df["count"].to_list() == [1] and df["origins"].to_list() == [["b"]]
    assert store.remove(origin="a") == 0
    assert store.remove(document="S/2") == 1
    assert store.units().height == 0


def test_parts_written_before_owners_are_retracted_too(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "Old.", "fr": "Vieux."}]), origin="old.json")
    m = json.loads(store.manifest_path.read_text())  # make it look like a TM written by the previous version
    part = store.parts_dir / m["parts"][0]["name"]
    pl.read_parquet(part).drop("owner").write_parquet(part)
    del m["parts"][0]["owners"]
    store.manifest_path.write_text(json.dumps(m))
    store.add_units(units_of([{"en": "New.", "fr": "Neuf."}]), origin="old.json", replace=True)
    assert store.units()["text:en"].to_list() == ["New."]


def test_failed_replacing_commit_leaves_the_tm_as_it_was(tmp_path: Path, letter: Alignment, monkeypatch) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_alignment(_merged(letter, 3), origin="letter.json")
    expected, files = _texts(store), sorted(store.parts_dir.iterdir())

    def boom(data):
        raise OSError("disk full")

    monkeypatch.setattr(store, "_write_manifest", boom)
    with pytest.raises(OSError):
        store.add_alignment(letter, origin="letter.json")
    monkeypatch.undo()
    assert _texts(TMStore.open(tmp_path / "tm", create=False)) == expected
    assert sorted(store.parts_dir.iterdir()) == files  # new and rewritten parts discarded


def test_compaction_does_not_resurrect_a_retraction(tmp_path: Path, monkeypatch) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "A.", "fr": "A fr."}]), origin="a")
    store.add_units(units_of([{"en": "B.", "fr": "B fr."}]), origin="b")
    real = store._merged_by_owner

    def merged_then_removed(snapshot):  # another process removes "a" while the compaction merges
        frame = real(snapshot)
        TMStore.open(tmp_path / "tm", create=False).remove(origin="a")
        return frame

    monkeypatch.setattr(store, "_merged_by_owner", merged_then_removed)
    with pytest.raises(StoreError, match="changed while compacting"):
        store.compact()
    assert store.units()["text:en"].to_list() == ["B."]


REPLACER = """
import sys
from tmtool.tm import TMStore
from tmtool.tmx.model import TranslationUnit, Variant
store = TMStore.open(sys.argv[1], create=True)
name = sys.argv[2]
for round in range(8):
    units = [TranslationUnit((Variant("en", f"{name} {round} {i}"), Variant("fr", f"{name} fr {i}")))
             for i in range(10)]
    store.add_units(units, origin=name, replace=True)
"""


def test_processes_replacing_at_once_keep_exactly_their_last_add(tmp_path: Path) -> None:
    tm_dir = tmp_path / "tm"
    assert run_at_once(REPLACER, [str(tm_dir), "alpha"], [str(tm_dir), "beta"]) == [0, 0]
    df = TMStore.open(tm_dir, create=False).units()
    assert sorted(df["text:en"].to_list()) == sorted(f"{n} 7 {i}" for n in ("alpha", "beta") for i in range(10))



def test_two_first_adds_of_one_file_at_once_keep_it_once(tmp_path: Path, letter: Alignment) -> None:
    """Two ``tm add`` of one file into a TM that does not exist yet, at once (two terminals, two cron jobs): each
    opened the folder lazily (no TM yet), so neither replaced, and the TM held the file twice, every count doubled.
    The two opens are made before either commits, as when the processes race; then each adds."""
    first = TMStore.open(tmp_path / "tm", create=True, lazy=True)
    second = TMStore.open(tmp_path / "tm", create=True, lazy=True)
    first.add_alignment(letter, origin="letter.json")
    second.add_alignment(letter, origin="letter.json")
    assert second.replaced == len(letter.links)
    stats = TMStore.open(tmp_path / "tm", create=False).stats()
    assert stats["units"] == stats["occurrences"] == len(letter.links)


def _reviewed(alignment: Alignment) -> Alignment:
    links = list(alignment.links)
    links[0] = dataclasses.replace(links[0], status="confirmed", confidence=0.1)
    links[1] = dataclasses.replace(links[1], status="edited", confidence=0.0)
    links[2] = dataclasses.replace(links[2], confidence=0.2)
    return dataclasses.replace(alignment, links=tuple(links))


def test_tm_add_status_and_min_confidence(tmp_path: Path, letter: Alignment, cli_run) -> None:
    path = tmp_path / "a.json"
    write_alignment(_reviewed(letter), path)
    tm = tmp_path / "tm"
    code, out, _ = cli_run(["tm", "add", str(path), "--tm", str(tm), "--status", "reviewed"])
    assert code == 0 and "2 units added" in out
    code, out, _ = cli_run(["tm", "add", str(path), "--tm", str(tm), "--min-confidence", "0.5"])
    low = sum(1 for link in letter.links[3:] if link.confidence < 0.5) + 1  # link 2 (0.2) too; reviewed kept
    assert code == 0 and f"{len(letter.links) - low} units added" in out and "replacing the 2 unit occurrences" in out
    assert TMStore.open(tm, create=False).stats()["occurrences"] == len(letter.links) - low


def test_tm_add_reviewed_of_an_unreviewed_file_says_why(tmp_path: Path, letter: Alignment, cli_run) -> None:
    path = tmp_path / "a.json"
    write_alignment(letter, path)
    code, out, _ = cli_run(["tm", "add", str(path), "--tm", str(tmp_path / "tm"), "--status", "reviewed"])
    assert code == 0 and "0 units added" in out and "no link is confirmed or edited" in out


def test_cli_add_twice_then_remove(tmp_path: Path, letter: Alignment, cli_run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_alignment(letter, tmp_path / "a.json")
    tm = str(tmp_path / "tm")
    assert cli_run(["tm", "add", "a.json", "--tm", tm])[0] == 0
    code, out, _ = cli_run(["tm", "add", "a.json", "--tm", tm])
    assert code == 0 and f"replacing the {len(letter.links)} unit occurrences" in out
    stats = TMStore.open(tm, create=False).stats()
    assert stats["occurrences"] == stats["units"] == len(letter.links)
    code, _, err = cli_run(["tm", "remove", "--origin", "nothing.json", "--tm", tm])
    assert code != 0 and "no such origin" in err
    code, out, _ = cli_run(["tm", "remove", "--origin", "a.json", "--tm", tm])  # relative path: resolved
    assert code == 0 and f"{len(letter.links)} unit occurrences" in out
    assert TMStore.open(tm, create=False).stats()["units"] == 0


def test_singular_counts_in_messages(tmp_path: Path, cli_run) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "Withdraw the troops.", "fr": "Retirer les troupes."},
                              {"en": "Other words.", "fr": "Autres mots."}]), origin="x")
    code, out, _ = cli_run(["lookup", "troops", "--src", "en", "--tgt", "fr", "--tm", str(tmp_path / "tm")])
    assert code == 0 and "'troops' in en: 1 unit\n" in out
    tmx = tmp_path / "one.tmx"
    from tmtool.tmx import write_tmx

    write_tmx(units_of([{"en": "Alone here.", "fr": "Seul ici."}]), tmx, srclang="en")
    code, out, _ = cli_run(["tm", "import", str(tmx), "--tm", str(tmp_path / "tm")])
    assert code == 0 and ": 1 unit added" in out


def test_a_re_add_that_adds_nothing_keeps_the_earlier_units(tmp_path: Path, letter: Alignment, cli_run) -> None:
    path = tmp_path / "a.json"
    write_alignment(letter, path)  # no link reviewed yet
    tm = tmp_path / "tm"
    assert cli_run(["tm", "add", str(path), "--tm", str(tm)])[0] == 0
    before = _texts(TMStore.open(tm, create=False))
    code, out, err = cli_run(["tm", "add", str(path), "--tm", str(tm), "--status", "reviewed"])
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "0 units to add (no link is confirmed or edited" in err and "earlier units in" in err and "kept" in err
    assert _texts(TMStore.open(tm, create=False)) == before  # not emptied


def test_add_units_replacing_with_nothing_changes_nothing(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "Kept.", "fr": "Gardé."}]), origin="o", replace=True)
    generation = store.stats()["generation"]
    assert store.add_units([], origin="o", replace=True) == 0
    assert store.kept and store.replaced == 0 and store.stats()["generation"] == generation
    assert store.add_units([], origin="never-added", replace=True) == 0 and not store.kept
