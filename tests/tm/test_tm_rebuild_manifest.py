"""`tm repair --rebuild-manifest`: a TM whose manifest.json was lost gets one again from its parts (audit cli #1,
the way back after the refusal), on a TM built from the bundled letter with `tm add` and `tm import`."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from tm_helpers import units_of

from tmtool.align.model import write_alignment
from tmtool.errors import StoreError
from tmtool.tm import TMStore
from tmtool.tm.repair import rebuild_manifest

LETTER = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"


@pytest.fixture(scope="module")
def letter_alignment(tmp_path_factory) -> Path:
    from tmtool.align import align_documents
    from tmtool.documents import read_document

    path = tmp_path_factory.mktemp("letter") / "alignment.json"
    write_alignment(align_documents([read_document(LETTER / f"letter.{lang}.txt") for lang in ("en", "fr")]), path)
    return path


@pytest.fixture
def letter_tm(letter_alignment: Path, tmp_path: Path, cli_run) -> Path:
    """The letter's alignment (tm add) and two units of a TMX (tm import): two parts, two origins."""
    from tmtool.tmx import write_tmx

    tm = tmp_path / "tm"
    write_tmx(units_of([{"en": "One.", "fr": "Un."}, {"en": "Two.", "fr": "Deux."}]), tmp_path / "b.tmx", srclang="en")
    assert cli_run(["tm", "add", letter_alignment, "--tm", tm])[0] == 0
    assert cli_run(["tm", "import", tmp_path / "b.tmx", "--tm", tm])[0] == 0
    return tm


def _snapshot(tm: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (tm / "parts").iterdir()}


def test_a_lost_manifest_is_rebuilt_from_the_parts(letter_tm: Path, tmp_path: Path, cli_run) -> None:
    store = TMStore.open(letter_tm, create=False)
    stats, units, origins = store.stats(), store.units(), store.origins()
    parts = [p["name"] for p in store.manifest()["parts"]]
    store.manifest_path.unlink()
    for part in store.parts_dir.iterdir():  # hours later: old enough for remove_orphans
        os.utime(part, (time.time() - 7200, time.time() - 7200))
    code, out, err = cli_run(["tm", "repair", "--rebuild-manifest", "--tm", letter_tm])
    assert code == 0 and err == ""
    assert f"manifest.json rebuilt from 2 parts: {stats['units']} units ({stats['occurrences']} added), 2 origins: " \
        f"{origins[0]}, {origins[1]}" in out  # fmt: skip
    assert all(name in out for name in parts)
    rebuilt = TMStore.open(letter_tm, create=False)
    assert [p["name"] for p in rebuilt.manifest()["parts"]] == sorted(parts) and rebuilt.origins() == origins
    after = rebuilt.stats()
    assert {k: after[k] for k in ("units", "occurrences", "languages", "documents", "origins", "parts")} == \
        {k: stats[k] for k in ("units", "occurrences", "languages", "documents", "origins", "parts")}
    assert sorted(rebuilt.units()["text:en"].to_list()) == sorted(units["text:en"].to_list())
    assert cli_run(["tm", "compact", "--tm", letter_tm])[1].endswith(f"compacted to {stats['units']} units\n")
    assert cli_run(["lookup", "Security Council", "--src", "en", "--tgt", "fr", "--tm", letter_tm])[0] == 0


def test_foreign_and_damaged_parts_are_listed_and_left_out_never_deleted(letter_tm: Path, cli_run) -> None:
    import polars as pl

    store = TMStore.open(letter_tm, create=False)
    first, second = store.manifest()["parts"]
    store.manifest_path.unlink()
    foreign = store.parts_dir / "part-20260101T000000-1-foreign.parquet"
    pl.DataFrame({"a": [1, 2]}).write_parquet(foreign)  # valid Parquet, not a TM part
    truncated = store.parts_dir / second["name"]
    truncated.write_bytes(truncated.read_bytes()[:1000])
    before = _snapshot(letter_tm)
    code, out, err = cli_run(["tm", "repair", "--rebuild-manifest", "--tm", letter_tm])
    assert code == 0 and "rebuilt from 1 part (2 left out)" in out
    assert f"parts/{foreign.name}: not a part of a tmtool TM (no column 'key'): left out of the manifest" in err
    assert f"parts/{truncated.name}: cannot read part: " in err and err.count("\n") == 2
    assert [p["name"] for p in TMStore.open(letter_tm, create=False).manifest()["parts"]] == [first["name"]]
    assert _snapshot(letter_tm) == before  # nothing deleted, nothing rewritten
    for path in (foreign, truncated):  # older than the rebuilt TM: remove_orphans keeps them
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert cli_run(["tm", "compact", "--tm", letter_tm])[0] == 0 and foreign.exists() and truncated.exists()


def test_refused_when_a_manifest_exists(letter_tm: Path, cli_run) -> None:
    manifest = (letter_tm / "manifest.json").read_bytes()
    code, out, err = cli_run(["tm", "repair", "--rebuild-manifest", "--tm", letter_tm])
    assert code == 1 and out == "" and err == f"tmtool: error: {letter_tm}: manifest.json exists: nothing to " \
        "rebuild (see 'tmtool tm stats')\n"  # fmt: skip
    assert (letter_tm / "manifest.json").read_bytes() == manifest
    assert cli_run(["tm", "repair", "--tm", letter_tm])[0] == 2  # what to repair must be said


def test_no_readable_part_writes_nothing(tmp_path: Path, cli_run) -> None:
    tm = tmp_path / "tm"
    (tm / "parts").mkdir(parents=True)
    (tm / "parts" / "part-20260101T000000-1-x.parquet").write_bytes(b"PAR1 not really")
    code, _, err = cli_run(["tm", "repair", "--rebuild-manifest", "--tm", tm])
    assert code == 1 and "none of the 1 part file(s) in parts/ reads as a TM part" in err and err.count("\n") == 1
    assert not (tm / "manifest.json").exists()
    assert cli_run(["tm", "repair", "--rebuild-manifest", "--tm", tmp_path / "nothing"])[0] == 1


def test_a_failed_manifest_write_leaves_the_folder_as_it_was(letter_tm: Path, monkeypatch) -> None:
    store = TMStore.open(letter_tm, create=False)
    store.manifest_path.unlink()
    before = sorted(p.name for p in letter_tm.rglob("*") if p.name != "lock")

    def disk_full(src, dst):  # the manifest's temp file is written; putting it in place fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)  # inside the atomic write: its temp file must not be left
    with pytest.raises(OSError):
        rebuild_manifest(TMStore(letter_tm))
    assert sorted(p.name for p in letter_tm.rglob("*") if p.name != "lock") == before
    monkeypatch.undo()
    with pytest.raises(StoreError, match="manifest.json is missing: .*tm repair --rebuild-manifest"):
        TMStore.open(letter_tm, create=False)  # still refused, and the refusal names the way back
