"""`tmtool align` never silently throws away review work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.align import read_alignment

ROOT = Path(__file__).resolve().parents[2]


def _confirm_first(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    data["links"][0]["status"] = "confirmed"
    path.write_text(json.dumps(data), "utf-8")


def test_reviewed_alignment_is_not_overwritten_without_force(cli_run, pair, tmp_path):
    en, fr = pair
    out = tmp_path / "out"
    assert cli_run(["align", en, fr, "--input-format", "lines", "-o", out])[0] == 0
    _confirm_first(out / "alignment.json")
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out])
    assert code == 2 and "1 reviewed link" in err and "--force" in err
    assert read_alignment(out / "alignment.json").links[0].status == "confirmed"
    code, _, _ = cli_run(["align", en, fr, "--input-format", "lines", "-o", out, "--force"])
    assert code == 0
    assert read_alignment(out / "alignment.json").links[0].status == "auto"


def test_alignment_under_review_is_refused_even_with_force(cli_run, pair, tmp_path):
    en, fr = pair
    out = tmp_path / "out"
    assert cli_run(["align", en, fr, "--input-format", "lines", "-o", out])[0] == 0
    before = (out / "alignment.json").read_bytes()
    (out / "alignment.json.lock").write_text(
        json.dumps({"user": "ana", "host": "elsewhere", "pid": 1, "time": "2026-11-29T07:00:00+00:00"}), "utf-8"
    )
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out, "--force"])
    assert code == 2 and "open in review by ana@elsewhere" in err
    assert (out / "alignment.json").read_bytes() == before


REVIEWER = """
import sys, time
from tmtool.review.operations import Op
from tmtool.review.session import ReviewSession
session = ReviewSession.open(sys.argv[1])
session.apply(Op("confirm", 0))
print("decided", flush=True)
time.sleep(120)
"""


def test_a_crashed_review_is_named_as_such_not_as_one_to_close(cli_run, pair, tmp_path):
    """A review killed (kill -9, a lost terminal) leaves its lock and its unsaved decisions in the journal. align
    said the file 'is open in review by ... (pid N); close the review first': no review to close. It now says the
    review ended without closing, and how to recover its decisions; the file is kept either way."""
    import os
    import signal
    import subprocess
    import sys

    en, fr = pair
    out = tmp_path / "out"
    assert cli_run(["align", en, fr, "--input-format", "lines", "-o", out])[0] == 0
    before = (out / "alignment.json").read_bytes()
    child = subprocess.Popen([sys.executable, "-c", REVIEWER, str(out / "alignment.json")], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout.readline() == "decided\n"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out, "--force"])
    assert code == 2
    assert err.startswith(f"tmtool: error: {out / 'alignment.json'}: a review of it ended without closing")
    assert "its unsaved decisions are in alignment.json.journal" in err
    assert "no longer running" in err and "tmtool review --force" in err and "open in review" not in err
    assert (out / "alignment.json").read_bytes() == before
    assert len(err.splitlines()) == 1


def test_missing_links_out_folder_fails_before_writing_anything(cli_run, pair, tmp_path):
    en, fr = pair
    out = tmp_path / "out"
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out,
                            "--links-out", tmp_path / "no" / "such" / "links.txt"])
    assert code == 2 and "links.txt" in err
    assert not (out / "alignment.json").exists()


def test_missing_links_out_folder_leaves_no_empty_output_folder(cli_run, pair, tmp_path):
    en, fr = pair
    out = tmp_path / "out"
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out,
                            "--links-out", tmp_path / "nodir" / "x.ladder"])
    assert code == 2 and "its folder does not exist" in err
    assert not out.exists()


@pytest.mark.parametrize("option", ["--pair-links-out", "--links-out", "--lexicon-out", "-o"])
def test_an_output_under_a_regular_file_is_refused_before_anything_is_read(cli_run, tmp_path, option):
    """Checked before the documents are read (here they are not even documents) and before anything is written."""
    blocker = tmp_path / "afile.txt"
    blocker.write_text("hi", "utf-8")
    en, fr = tmp_path / "doc.en.txt", tmp_path / "doc.fr.txt"
    en.write_bytes(b"\x00\x01\x02 not a document")
    fr.write_bytes(b"\x00\x01\x02 not a document")
    out = tmp_path / "out"
    args = ["align", en, fr, "--lang", "en,fr"]
    args += ["-o", blocker / "sub"] if option == "-o" else ["-o", out, option, blocker / "p"]
    code, _, err = cli_run(args)
    assert code == 2 and "not a directory" in err and "afile.txt" in err
    assert "review" not in err and "binary" not in err
    assert not out.exists() and blocker.read_text("utf-8") == "hi"


def test_a_failed_write_takes_away_what_the_run_made(cli_run, pair, tmp_path, monkeypatch):
    import tmtool.align

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device", "x.ladder")

    monkeypatch.setattr(tmtool.align, "write_ladder", fail)
    en, fr = pair
    out = tmp_path / "new" / "out"
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out,
                            "--links-out", tmp_path / "links.ladder"])
    assert code == 1 and "No space left" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.en.txt", "doc.fr.txt"]


def test_a_tsv_glossary_without_languages_says_what_align_needs(cli_run, pair, tmp_path):
    en, fr = pair
    tsv = tmp_path / "terms.txt"
    tsv.write_text("Security Council\tConseil de sécurité\n", "utf-8")
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", tmp_path / "out", "--glossary", tsv])
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "tmtool glossary convert" in err and "terms.tbx" in err
    assert "give --src-lang" not in err
    assert not (tmp_path / "out").exists()


def test_links_out_inside_the_new_output_folder_is_written(cli_run, pair, tmp_path):
    out = tmp_path / "new"  # made by the run: the ladder's folder is not missing
    code, _, err = cli_run(["align", *pair, "-o", out, "--links-out", out / "links.txt"])
    assert code == 0, err
    assert (out / "alignment.json").is_file() and (out / "links.txt").read_text(encoding="utf-8").strip()
