"""`tmtool export` says why it wrote 0 units (exit 1) and warns when a review of the file is running or
left decisions unsaved (QA #7)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from tmtool.review.journal import Journal, sha256

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"


@pytest.fixture
def unreviewed(tmp_path: Path) -> Path:
    data = json.loads((DATA / "resolution.alignment.json").read_text(encoding="utf-8"))
    for link in data["links"]:
        link["status"] = "auto"
    path = tmp_path / "alignment.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("args,why", [
    (["--status", "confirmed"], "no link is confirmed or edited; review first"),
    (["--min-confidence", "1.0"], "every link scores below --min-confidence 1"),
])
def test_zero_units_says_why_and_exits_1(unreviewed: Path, cli_run, args, why) -> None:
    out = unreviewed.parent / "out.tmx"
    code, stdout, stderr = cli_run(["export", unreviewed, "--tmx", out, *args])
    assert code == 1 and "0 translation units" in stdout
    assert "0 units: " + why in stderr
    assert out.exists()  # the (valid, empty) file is written all the same


def test_export_with_units_exits_0_without_hints(unreviewed: Path, cli_run) -> None:
    code, stdout, stderr = cli_run(["export", unreviewed, "--tmx", unreviewed.parent / "out.tmx"])
    assert code == 0 and stderr == ""


def test_running_review_lock_and_unsaved_journal_warn(unreviewed: Path, cli_run) -> None:
    lock = unreviewed.with_name("alignment.json.lock")
    lock.write_text(json.dumps({"user": "ana", "host": socket.gethostname(), "pid": os.getpid(),
                                "time": "2026-11-29T07:00:00+00:00"}), encoding="utf-8")
    journal = Journal(unreviewed)
    journal.start(unreviewed.read_bytes())
    for row in (1, 2):
        journal.append({"op": {"name": "confirm", "row": row}, "cursor": {"row": row, "lang": "en"}})
    journal.close()
    code, _, stderr = cli_run(["export", unreviewed, "--tmx", unreviewed.parent / "out.tmx"])
    assert code == 0
    assert "is being reviewed by ana@" in stderr and "may be older than the review" in stderr
    assert "holds 2 review decisions not saved" in stderr


def test_journal_saved_since_its_decisions_does_not_warn(unreviewed: Path, cli_run) -> None:
    journal = Journal(unreviewed)
    journal.start(unreviewed.read_bytes())
    journal.append({"op": {"name": "confirm", "row": 1}})
    data = unreviewed.read_bytes().replace(b'"auto"', b'"confirmed"', 1)  # the review saved its decision
    journal.append({"saving": sha256(data)})
    unreviewed.write_bytes(data)
    journal.close()
    code, _, stderr = cli_run(["export", unreviewed, "--tmx", unreviewed.parent / "out.tmx"])
    assert code == 0 and "not saved" not in stderr


def test_unsaved_decisions_are_counted_as_the_review_counts_them(unreviewed: Path, cli_run) -> None:
    """Two decisions, one undone, the review killed before it saved: the review reopens with 1 recovered decision,
    and the export's warning said 3 (it counted the journal's events, the undo too)."""
    from tmtool.review.session import ReviewSession

    journal = Journal(unreviewed)
    journal.start(unreviewed.read_bytes())
    for record in ({"op": {"name": "confirm", "row": 1}}, {"op": {"name": "confirm", "row": 2}}, {"undo": True}):
        journal.append(record)
    journal.close()
    code, _, stderr = cli_run(["export", unreviewed, "--tmx", unreviewed.parent / "out.tmx"])
    assert code == 0 and "holds 1 review decision not saved" in stderr
    session = ReviewSession.open(unreviewed)
    assert session.unsaved == 1
    session.close()
