"""`tmtool align` never silently throws away review work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.align import read_alignment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pair(tmp_path):
    en = tmp_path / "doc.en.txt"
    fr = tmp_path / "doc.fr.txt"
    en.write_text("The Security Council met on 3 May 2023.\nIt adopted resolution 2680 (2023).\n", "utf-8")
    fr.write_text("Le Conseil de sécurité s'est réuni le 3 mai 2023.\nIl a adopté la résolution 2680 (2023).\n", "utf-8")
    return en, fr


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


def test_missing_links_out_folder_fails_before_writing_anything(cli_run, pair, tmp_path):
    en, fr = pair
    out = tmp_path / "out"
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", out,
                            "--links-out", tmp_path / "no" / "such" / "links.txt"])
    assert code == 2 and "links.txt" in err
    assert not (out / "alignment.json").exists()
