"""The Parquet store: duplicates and provenance, stats, bad input, crash safety, concurrent writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tm_helpers import run_at_once, units_of

from tmtool.align.model import AlignedDocument, Alignment, Link
from tmtool.errors import StoreError
from tmtool.tm import TMStore, concordance

ROOT = Path(__file__).resolve().parent.parent.parent


def texts(store: TMStore, lang: str = "en") -> list[str]:
    df = store.units()
    return sorted(df[f"text:{lang}"].drop_nulls().to_list()) if df.height else []


def rows(prefix: str, n: int) -> list[dict[str, str]]:
    return [{"en": f"{prefix} sentence number {i}.", "fr": f"{prefix} phrase numéro {i}."} for i in range(n)]


def test_duplicates_merged_with_counts_and_provenance(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    same = {"en": "The Council met.", "fr": "Le Conseil s'est réuni."}
    store.add_units(units_of([same], doc="S/1"), origin="a.tmx")
    store.add_units(units_of([same, {"en": "Other.", "fr": "Autre."}], doc="S/2"), origin="b.tmx")
    store.add_units(units_of([{"en": "The Council met.", "FR": "Le Conseil s'est réuni."}], doc="S/1"), origin="a.tmx")
    df = store.units()
    assert df.height == 2
    row = df.filter(df["text:en"] == "The Council met.").row(0, named=True)
    assert row["count"] == 3
    assert row["origins"] == ["a.tmx", "b.tmx"]
    assert row["documents"] == ["S/1", "S/2"]


def test_same_text_in_other_languages_is_another_unit(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of([{"en": "Yes.", "fr": "Oui."}, {"en": "Yes.", "es": "Oui."},
                              {"en": "Yes.", "fr": "Oui.", "es": "Sí."}]), origin="x")
    assert store.units().height == 3


def test_units_with_fewer_than_two_languages_are_skipped(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    assert store.add_units(units_of([{"en": "Alone."}, {"en": "Empty.", "fr": "  "}]), origin="x") == 0
    assert store.stats()["units"] == 0


def test_stats_json_keys_and_values(tmp_path: Path, small_tm: TMStore) -> None:
    stats = small_tm.stats()
    assert {"units", "languages", "documents", "bytes"} <= set(stats)
    assert stats["units"] == 13 and stats["occurrences"] == 14
    assert stats["languages"] == {"en": 13, "fr": 13, "zh": 13}
    assert stats["documents"] == 5  # A/1 ... A/5
    parts = sum(p.stat().st_size for p in (small_tm.directory / "parts").iterdir())
    assert stats["bytes"] == parts + (small_tm.directory / "manifest.json").stat().st_size


def test_compaction_keeps_units_counts_and_provenance(small_tm: TMStore) -> None:
    small_tm.add_units(units_of(rows("extra", 5), doc="E/1"), origin="extra")
    before = small_tm.units().sort("key")
    assert small_tm.manifest()["parts"].__len__() == 2
    assert small_tm.compact() == 18
    after = small_tm.units().sort("key")
    assert len(small_tm.manifest()["parts"]) == 1
    assert len(list((small_tm.directory / "parts").iterdir())) == 1
    cols = ["key", "count", "origins", "documents"]
    assert after.select(cols).equals(before.select(cols))


def test_alignment_links_become_units(tmp_path: Path) -> None:
    docs = (
        AlignedDocument("en", ("One.", "Two.", "Three."), metadata={"symbols": ["A/70/1"]}),
        AlignedDocument("fr", ("Un.", "Deux et trois.")),
    )
    links = (Link({"en": (0,), "fr": (0,)}, 0.9, "confirmed"), Link({"en": (1, 2), "fr": (1,)}, 0.7),
             Link({"en": (), "fr": ()}, 0.0))
    store = TMStore.open(tmp_path / "tm")
    assert store.add_alignment(Alignment(docs, links), origin="set1") == 2
    df = store.units()
    assert sorted(df["text:en"].to_list()) == ["One.", "Two. Three."]
    assert df["documents"].to_list() == [["A/70/1"], ["A/70/1"]]
    assert df["origins"].to_list() == [["set1"], ["set1"]]
    props = {json.loads(p)[1][1] for p in df["props"].to_list()}  # x-status
    assert props == {"confirmed", "auto"}


# ---------------------------------------------------------------- bad input
def test_missing_tm_dir_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no translation memory here"):
        TMStore.open(tmp_path / "nope", create=False)


def test_corrupt_manifest_is_a_one_line_store_error(small_tm: TMStore) -> None:
    small_tm.manifest_path.write_text('{"format": "tmtool-tm", "parts": [', encoding="utf-8")
    with pytest.raises(StoreError) as err:
        TMStore.open(small_tm.directory, create=False)
    assert "manifest.json:1: corrupt manifest" in str(err.value) and "\n" not in str(err.value)


def test_manifest_of_another_kind_is_refused(small_tm: TMStore) -> None:
    small_tm.manifest_path.write_text('{"parts": "x"}', encoding="utf-8")
    with pytest.raises(StoreError, match="not a tmtool-tm manifest"):
        small_tm.stats()


def test_missing_part_is_a_store_error(small_tm: TMStore) -> None:
    for p in (small_tm.directory / "parts").iterdir():
        p.unlink()
    with pytest.raises(StoreError, match="part named in the manifest is missing"):
        small_tm.units()


def test_non_tm_directory_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        TMStore.open(tmp_path, create=True)


# ---------------------------------------------------------------- crash safety
def test_exception_between_part_write_and_manifest_loses_nothing(small_tm: TMStore, monkeypatch) -> None:
    before = texts(small_tm)
    import tmtool.tm.store as store_mod

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(store_mod, "atomic_write_text", boom)
    with pytest.raises(OSError, match="simulated"):
        small_tm.add_units(units_of(rows("lost", 3)), origin="lost")
    monkeypatch.undo()
    reopened = TMStore.open(small_tm.directory, create=False)
    assert texts(reopened) == before
    assert len(list((small_tm.directory / "parts").iterdir())) == 1  # the uncommitted part was removed
    assert reopened.add_units(units_of(rows("after", 2)), origin="after") == 2
    assert len(texts(reopened)) == len(before) + 2


KILL_SCRIPT = """
import sys, time
from pathlib import Path
import tmtool.tm.store as store_mod
from tmtool.tm import TMStore
from tmtool.tmx.model import TranslationUnit, Variant

real_commit = store_mod.TMStore._commit
def slow_commit(self, entries, remove=frozenset()):
    Path(sys.argv[2]).write_text("part written")   # the part file is on disk, the manifest not yet replaced
    time.sleep(60)
    real_commit(self, entries, remove)
store_mod.TMStore._commit = slow_commit
units = [TranslationUnit((Variant("en", f"killed {i}"), Variant("fr", f"tué {i}"))) for i in range(500)]
TMStore.open(sys.argv[1]).add_units(units, origin="killed")
"""


def test_sigkill_mid_add_leaves_earlier_units(small_tm: TMStore, tmp_path: Path) -> None:
    before = texts(small_tm)
    flag = tmp_path / "flag"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(small_tm.directory), str(flag)], env=env)
    deadline = time.monotonic() + 60
    while not flag.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert flag.exists(), "the writer never reached the commit"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(list((small_tm.directory / "parts").iterdir())) == 2  # an orphan part nobody can see
    reopened = TMStore.open(small_tm.directory, create=False)
    assert texts(reopened) == before
    assert concordance(reopened, "killed", "en", "fr").total == 0
    assert reopened.remove_orphans(older_than=0) and len(list((small_tm.directory / "parts").iterdir())) == 1
    assert reopened.stats()["units"] == 13


WRITER_SCRIPT = """
import sys
from tmtool.tm import TMStore
from tmtool.tmx.model import TranslationUnit, Variant
store = TMStore.open(sys.argv[1], create=True)
for batch in range(15):
    name = sys.argv[2]
    units = [TranslationUnit((Variant("en", f"{name} {batch} {i}"), Variant("fr", f"{name} fr {batch} {i}")))
             for i in range(20)]
    store.add_units(units, origin=sys.argv[2])
"""


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    tm_dir = tmp_path / "tm"
    assert run_at_once(WRITER_SCRIPT, [str(tm_dir), "alpha"], [str(tm_dir), "beta"]) == [0, 0]
    store = TMStore.open(tm_dir, create=False)
    stats = store.stats()
    assert stats["units"] == 600 and stats["parts"] == 30 and stats["generation"] == 30
    assert store.units()["origins"].list.first().value_counts().sort("origins")["count"].to_list() == [300, 300]


# ---------------------------------------------------------------- property: merging is order-free
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["x", "y"]), st.sampled_from(["o1", "o2"])),
                min_size=1, max_size=12))
def test_merged_counts_equal_additions(tmp_path_factory, adds) -> None:
    store = TMStore.open(tmp_path_factory.mktemp("tm") / "tm")
    for en, fr, origin in adds:
        store.add_units(units_of([{"en": en, "fr": fr}]), origin=origin)
    df = store.units()
    assert df.height == len({(en, fr) for en, fr, _ in adds})
    assert int(df["count"].sum()) == len(adds)
    for row in df.iter_rows(named=True):
        expected = {o for en, fr, o in adds if (en, fr) == (row["text:en"], row["text:fr"])}
        assert set(row["origins"]) == expected


def test_stats_from_index_equal_stats_from_parts(small_tm: TMStore) -> None:
    before = small_tm.stats()
    concordance(small_tm, "council", "en", "fr")  # builds the index (merged units on disk)
    after = small_tm.stats()
    assert after["index_bytes"] > 0
    after.pop("index_bytes"), before.pop("index_bytes")
    assert after == before


def test_garbled_part_is_a_one_line_store_error(small_tm: TMStore) -> None:
    (part,) = (small_tm.directory / "parts").iterdir()
    part.write_bytes(b"PAR1 this is not parquet")
    with pytest.raises(StoreError) as err:
        small_tm.units()
    assert f"{part.name}: cannot read part" in str(err.value) and "\n" not in str(err.value)  # names the part


CREATE_SCRIPT = """
import sys
from tmtool.tm import TMStore
from tmtool.tmx.model import TranslationUnit, Variant
TMStore.open(sys.argv[1], create=True).add_units(
    [TranslationUnit((Variant("en", sys.argv[2]), Variant("fr", sys.argv[2] + " fr")))], origin=sys.argv[2])
"""


def test_processes_creating_the_same_tm_at_once(tmp_path: Path) -> None:
    assert run_at_once(CREATE_SCRIPT, *([str(tmp_path / "tm"), f"w{i}"] for i in range(4))) == [0, 0, 0, 0]
    assert TMStore.open(tmp_path / "tm", create=False).stats()["units"] == 4


# ---------------------------------------------------------------- a lost manifest (audit cli #1)
@pytest.mark.parametrize("args", [["tm", "add", "{json}"], ["tm", "import", "{tmx}"], ["tm", "stats"],
                                  ["tm", "compact"], ["tm", "export", "--tmx", "{out}"],
                                  ["tm", "remove", "--origin", "x"], ["lookup", "council", "--src", "en"]])
def test_parts_without_a_manifest_are_refused_by_every_command(small_tm: TMStore, tmp_path: Path, cli_run,
                                                                args) -> None:
    from tmtool.align.model import write_alignment
    from tmtool.tmx import write_tmx

    small_tm.manifest_path.unlink()  # lost, or deleted because it was corrupt
    (part,) = small_tm.parts_dir.iterdir()
    os.utime(part, (time.time() - 7200, time.time() - 7200))  # old enough for remove_orphans
    json_path, tmx_path = tmp_path / "a.json", tmp_path / "a.tmx"
    write_alignment(Alignment((AlignedDocument("en", ("One.",)), AlignedDocument("fr", ("Un.",))),
                              (Link({"en": (0,), "fr": (0,)}, 0.9),)), json_path)
    write_tmx(units_of([{"en": "One.", "fr": "Un."}]), tmx_path, srclang="en")
    subs = {"{json}": str(json_path), "{tmx}": str(tmx_path), "{out}": str(tmp_path / "out.tmx")}
    code, _, err = cli_run([subs.get(a, a) for a in args] + ["--tm", str(small_tm.directory)])
    assert code == 1 and "parts/ holds 1 part file(s) but manifest.json is missing" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(small_tm.parts_dir.iterdir()) == [part] and not small_tm.manifest_path.exists()  # nothing written


def test_remove_orphans_keeps_files_older_than_the_tm(tmp_path: Path) -> None:
    store = TMStore.open(tmp_path / "tm")
    older = store.parts_dir / "part-from-an-earlier-tm.parquet"  # put back by hand: not a killed write of this TM
    older.write_bytes(b"PAR1")
    os.utime(older, (time.time() - 7200, time.time() - 7200))
    store.add_units(units_of(rows("x", 2)), origin="x")
    killed = store.parts_dir / "part-killed-write.parquet"
    killed.write_bytes(b"PAR1")
    assert store.remove_orphans(older_than=0) == [killed.name] and older.exists()



def _made_hours_ago(store: TMStore) -> None:
    """The TM made three hours ago (remove_orphans never deletes a file older than the TM)."""
    manifest = store.manifest()
    manifest["created"] = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(time.time() - 3 * 3600))
    store._write_manifest(manifest)


def test_a_compaction_never_deletes_the_parts_of_an_add_still_running(tmp_path: Path, monkeypatch) -> None:
    """An add writes its parts (100,000 units each), then commits them all. A ``tm compact`` run meanwhile (a cron
    job) took a part written over an hour before (an import of millions of units) for the orphan of a killed
    write and deleted it: the add then committed a manifest naming a part that no longer existed, and every read
    of the TM failed on it. A part is now held (a shared lock) by its writer until the commit: only a dead
    writer's parts are orphans."""
    import tmtool.tm.store as store_mod

    monkeypatch.setattr(store_mod, "CHUNK", 2)  # a part every two units
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of(rows("old", 3)), origin="old")
    _made_hours_ago(store)

    def units():
        yield from units_of(rows("big", 2))  # the first part is written once these are in
        for part in store.parts_dir.glob("part-*.parquet"):  # ... written hours ago, the import still running
            os.utime(part, (time.time() - 7200, time.time() - 7200))
        TMStore.open(tmp_path / "tm").compact()  # another process compacts now
        yield from units_of(rows("big-2", 2))

    assert store.add_units(units(), origin="big") == 4
    reopened = TMStore.open(tmp_path / "tm", create=False)
    assert sorted(reopened.units()["text:en"].to_list()) == sorted(r["en"] for r in rows("old", 3) + rows("big", 2)
                                                                   + rows("big-2", 2))


def test_the_orphan_of_a_killed_add_is_still_removed(tmp_path: Path) -> None:
    """kill -9 ends the writer and so its hold: its part is an orphan, removed."""
    store = TMStore.open(tmp_path / "tm")
    store.add_units(units_of(rows("x", 2)), origin="x")
    _made_hours_ago(store)
    script = (f"import os, sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})\n"
              "import tmtool.tm.store as m\n"
              "m.TMStore._commit = lambda *a, **k: os.kill(os.getpid(), 9)\n"
              "from tmtool.tmx.model import TranslationUnit, Variant\n"
              f"m.TMStore.open({str(store.directory)!r}).add_units("
              "[TranslationUnit((Variant('en', 'A.'), Variant('fr', 'B.')))], origin='y')\n")
    assert subprocess.run([sys.executable, "-c", script]).returncode == -9
    (orphan,) = [p for p in store.parts_dir.iterdir() if p.name not in {e["name"] for e in store.manifest()["parts"]}]
    os.utime(orphan, (time.time() - 7200, time.time() - 7200))
    assert store.remove_orphans() == [orphan.name]


LAZY_CREATE_SCRIPT = """
import sys, time
import tmtool.tm.store as store_mod
from tmtool.tm import TMStore
from tmtool.tmx.model import TranslationUnit, Variant
real_commit = store_mod.TMStore._commit
def slow_commit(self, *args, **kwargs):
    time.sleep(1.5)  # parts written, no manifest yet: the others open the folder now
    return real_commit(self, *args, **kwargs)
store_mod.TMStore._commit = slow_commit
TMStore.open(sys.argv[1], create=True, lazy=True).add_units(
    [TranslationUnit((Variant("en", sys.argv[2]), Variant("fr", sys.argv[2] + " fr")))], origin=sys.argv[2],
    replace=True)
"""


def test_processes_creating_the_same_tm_lazily_at_once(tmp_path: Path) -> None:
    """`tm import`/`tm add` write their first parts before the first manifest: that is no lost manifest."""
    assert run_at_once(LAZY_CREATE_SCRIPT, *([str(tmp_path / "tm"), f"w{i}"] for i in range(4))) == [0, 0, 0, 0]
    assert TMStore.open(tmp_path / "tm", create=False).stats()["units"] == 4


# ---------------------------------------------------------------- one joining rule (audit tmx #1, #8)
def test_tm_add_joins_segments_as_the_tmx_export_does(tmp_path: Path) -> None:
    from tmtool.tmx import iter_units
    from tmtool.tmx.export import export_alignment

    docs = (AlignedDocument("en", (" The statement provides for a ceasefire.", "It also obliges Armenia. ")),
            AlignedDocument("zh", ("声明规定全面停火。", "该声明还规定亚美尼亚有义务。\u2029")))
    alignment = Alignment(docs, (Link({"en": (0, 1), "zh": (0, 1)}, 0.9),))
    store = TMStore.open(tmp_path / "tm")
    store.add_alignment(alignment, origin="a.json")
    df = store.units()
    assert df["text:zh"].to_list() == ["声明规定全面停火。该声明还规定亚美尼亚有义务。"]  # no space, stripped
    assert df["text:en"].to_list() == ["The statement provides for a ceasefire. It also obliges Armenia."]
    export_alignment(alignment, tmp_path / "a.tmx")
    store.add_units(iter_units(tmp_path / "a.tmx"), origin="a.tmx")
    assert store.stats()["units"] == 1 and store.units()["count"].to_list() == [2]  # the same unit


def test_a_lone_surrogate_is_stored_as_a_replacement_character(tmp_path: Path) -> None:
    """As the TMX export writes it (a \\udXXX escape in a hand-edited alignment.json); no traceback."""
    docs = (AlignedDocument("en", ("lone \ud800 x",)), AlignedDocument("fr", ("seul",)))
    store = TMStore.open(tmp_path / "tm")
    assert store.add_alignment(Alignment(docs, (Link({"en": (0,), "fr": (0,)}, 0.9),)), origin="s") == 1
    assert store.units()["text:en"].to_list() == ["lone \ufffd x"]


# ---------------------------------------------------------------- damaged parts (audit cli #10)
def _foreign_part_at(path: Path) -> None:
    import polars as pl

    pl.DataFrame({"a": [1, 2]}).write_parquet(path)  # valid Parquet, not a TM part


def test_compact_refuses_a_part_of_another_kind_as_export_does(small_tm: TMStore, tmp_path: Path, cli_run) -> None:
    (part,) = small_tm.parts_dir.iterdir()
    _foreign_part_at(part)
    small_tm.add_units(units_of(rows("new", 3)), origin="new")
    tm = str(small_tm.directory)
    for args in (["tm", "compact"], ["tm", "export", "--tmx", str(tmp_path / "x.tmx")], ["tm", "stats"]):
        code, _, err = cli_run(args + ["--tm", tm])
        assert code == 1 and f"{part.name}: not a part of a tmtool TM (no column 'key')" in err, args
    assert part.exists() and TMStore.open(tm, create=False).manifest()["generation"] == 2  # nothing compacted


@pytest.mark.parametrize("damage", ["missing", "truncated", "foreign"])
def test_compact_drop_broken_keeps_the_other_units(small_tm: TMStore, cli_run, damage: str) -> None:
    (part,) = small_tm.parts_dir.iterdir()
    data = part.read_bytes()
    small_tm.add_units(units_of(rows("kept", 3)), origin="kept")
    if damage == "missing":
        part.unlink()
    elif damage == "truncated":
        part.write_bytes(data[:1000])
    else:
        _foreign_part_at(part)
    tm = small_tm.directory
    code, out, err = cli_run(["tm", "compact", "--drop-broken", "--tm", str(tm)])
    assert code == 0 and "compacted to 3 units" in out
    assert f"{part.name}: " in err and "its units dropped from the TM, the file moved to" in err
    assert texts(TMStore.open(tm, create=False)) == sorted(r["en"] for r in rows("kept", 3))
    assert (tm / "broken" / part.name).exists() == (damage != "missing")  # kept aside, not deleted
    assert cli_run(["tm", "compact", "--drop-broken", "--tm", str(tm)])[2] == ""  # nothing more to drop



def test_a_script_drops_a_broken_part_and_compacts_from_the_package_alone(small_tm: TMStore) -> None:
    """What ``tm compact --drop-broken`` does, from ``tmtool.tm`` (drop_broken and rebuild_manifest were reachable
    only through the private module tmtool.tm.repair)."""
    from tmtool.tm import drop_broken, rebuild_manifest

    (part,) = small_tm.parts_dir.iterdir()
    small_tm.add_units(units_of(rows("kept", 3)), origin="kept")
    _foreign_part_at(part)
    assert drop_broken(small_tm) == [(part.name, "not a part of a tmtool TM (no column 'key')")]
    assert small_tm.compact() == 3 and texts(small_tm) == sorted(r["en"] for r in rows("kept", 3))
    small_tm.manifest_path.unlink()
    rebuilt = rebuild_manifest(small_tm)
    assert rebuilt.units == 3 and rebuilt.left_out == [] and texts(small_tm) == sorted(r["en"] for r in rows("kept", 3))
def test_adding_to_a_tm_with_a_missing_part_is_refused(small_tm: TMStore, cli_run, tmp_path: Path) -> None:
    """An add used to succeed and leave the damage for the next read to find (audit, December 2026)."""
    (part,) = small_tm.parts_dir.iterdir()
    part.unlink()
    before = small_tm.manifest_path.read_bytes()
    with pytest.raises(StoreError, match=f"{part.name}: part named in the manifest is missing .*--drop-broken"):
        small_tm.add_units(units_of(rows("new", 3)), origin="new")
    assert small_tm.manifest_path.read_bytes() == before and list(small_tm.parts_dir.iterdir()) == []
