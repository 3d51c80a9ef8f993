"""Option mistakes and an unreachable scheduler: one line, nothing created."""

from __future__ import annotations

import pytest


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "doc.en.txt").write_text("The Council met on 3 May 2023.\n", "utf-8")
    (folder / "doc.fr.txt").write_text("Le Conseil s'est réuni le 3 mai 2023.\n", "utf-8")
    return folder


def test_scheduler_without_dask_engine_creates_nothing(cli_run, corpus, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", corpus, "-o", out, "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert err.strip() == "tmtool: error: --scheduler needs --engine dask"
    assert not out.exists()


def test_unreachable_scheduler_is_one_line(cli_run, corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    code, _, err = cli_run(["batch", corpus, "-o", tmp_path / "out", "--engine", "dask",
                            "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 1
    assert "Traceback" not in err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in err
