"""An input that is a FIFO (a named pipe) is refused as 'not a regular file', as the TMX, glossary and query
readers refuse it; segment, align (its documents, --dictionary, --lexicon), eval and batch read it until a writer
came: without one, forever. Each case runs in a process of its own with a time limit, so that a reader that
waits again fails the test instead of hanging the suite."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

EN = "The Security Council met on 3 May 2023.\nIt adopted resolution 2680 (2023).\n"
FR = "Le Conseil de sécurité s'est réuni le 3 mai 2023.\nIl a adopté la résolution 2680 (2023).\n"


@pytest.mark.parametrize("fifo, args", [
    ("doc.de.txt", ["segment", "doc.de.txt"]),
    ("doc.de.txt", ["align", "doc.en.txt", "doc.de.txt", "-o", "out"]),
    ("words.tsv", ["align", "doc.en.txt", "doc.fr.txt", "-o", "out", "--dictionary", "words.tsv"]),
    ("counts.parquet", ["align", "doc.en.txt", "doc.fr.txt", "-o", "out", "--lexicon", "counts.parquet"]),
    ("pred.ladder", ["eval", "gold.ladder", "pred.ladder"]),
    ("sets.csv", ["batch", "sets.csv", "-o", "out", "--workers", "1"]),
])  # fmt: skip
def test_a_fifo_is_not_a_regular_file(tmp_path, root, fifo, args):
    (tmp_path / "doc.en.txt").write_text(EN, "utf-8")
    (tmp_path / "doc.fr.txt").write_text(FR, "utf-8")
    (tmp_path / "gold.ladder").write_text("[0]:[0]\n[1]:[1]\n", "utf-8")
    os.mkfifo(tmp_path / fifo)
    env = {**os.environ, "PYTHONPATH": str(root)}
    try:
        proc = subprocess.run([sys.executable, "-m", "tmtool", *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"tmtool {' '.join(args)} waited on the FIFO {fifo}")
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == f"tmtool: error: {fifo}: not a regular file\n"
    assert not (tmp_path / "out").exists()
