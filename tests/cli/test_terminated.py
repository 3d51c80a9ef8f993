"""SIGTERM (``kill``, a service stopped, ``timeout``) or SIGHUP (a closed terminal) in the middle of a write: the
command unwinds as on Ctrl-C and leaves nothing behind, then says so in one line (exit 128 + the signal).

Before, the signal killed the process on the spot, as kill -9 does: a TMX export left its temp file beside the
target (``.letter.tmx.k3j2x9.tmp``, as big as the export, found by nothing), a TM import its part file. Each case
runs the real command in a process of its own that sends itself the signal at a known point: once the temp file
of the first write is complete and fsynced, before it is renamed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tmtool.align import align_documents, write_alignment
from tmtool.documents import read_document
from tmtool.tm import TMStore
from tmtool.tmx import export_alignment

LETTER = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"

SIGNALLED = """
import os, signal, sys
from tmtool.cli import main

real_fsync = os.fsync
def fsync(fd):  # the first write's temp file is complete and on disk: the signal comes now
    real_fsync(fd)
    os.fsync = real_fsync
    os.kill(os.getpid(), int(sys.argv[1]))
os.fsync = fsync
main(sys.argv[2:])
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """The letter's English and French aligned (alignment.json, letter.tmx), and in a TM (tm/)."""
    folder = tmp_path_factory.mktemp("made")
    alignment = align_documents([read_document(LETTER / f"letter.{lang}.txt") for lang in ("en", "fr")])
    write_alignment(alignment, folder / "alignment.json")
    export_alignment(alignment, folder / "letter.tmx")
    TMStore.open(folder / "tm").add_alignment(alignment, origin="letter")
    (folder / "old.tmx").write_text("an earlier export\n", "utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("args", [
    ["export", "alignment.json", "--tmx", "old.tmx"],
    ["tm", "import", "letter.tmx", "--tm", "tm"],
    ["tm", "import", "letter.tmx", "--tm", "new-tm"],
    ["glossary", "extract", "alignment.json", "--src", "en", "--tgt", "fr", "-o", "old.tmx"],
])  # fmt: skip
def test_a_terminated_write_leaves_nothing_behind(made, tmp_path, args, signum):
    work = tmp_path / "work"
    shutil.copytree(made, work)
    before = _files(work)
    env = {**os.environ, "PYTHONPATH": str(LETTER.parents[1])}
    proc = subprocess.run([sys.executable, "-c", SIGNALLED, str(int(signum)), *args], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 128 + signum
    assert proc.stderr.strip() == f"tmtool: terminated ({signum.name})"
    after = _files(work)
    after.pop("tm/lock", None)  # the TM's (empty) lock file, made when missing
    before.pop("tm/lock", None)
    assert after == before  # the target as it was, no temp file, no uncommitted part, no new-tm/ begun
    assert not (work / "new-tm").exists()


def test_the_handlers_are_given_back_after_the_command(cli_run, made):
    """Run in-process (a program calling ``main``), the command leaves the process's own handlers as they were."""
    before = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    assert cli_run(["tm", "stats", "--tm", str(made / "tm")])[0] == 0
    assert {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)} == before
