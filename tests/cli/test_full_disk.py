"""A write that the disk refuses (full, or a file size limit): one line naming the file or the TM the user gave,
exit 1, the earlier file or TM as it was, no temp file left beside it.

Each command runs in a process of its own under a real limit (``RLIMIT_FSIZE``: a write past it fails with
``EFBIG``, ``File too large``, as one on a full disk fails with ``ENOSPC``), on the shipped UN letter. Before,
``tm import``/``tm add`` ended in a polars traceback, and the other writes said ``tmtool: error: File too large``
without naming a file.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LIMIT = 4096  # bytes: above a TM manifest (some 300), below the part, alignment, TMX and index files written here
LETTER = ["{root}/corpora/un-letter-2023/letter.en.txt", "{root}/corpora/un-letter-2023/letter.fr.txt"]


def _tmtool(args: list[str], cwd: Path, root: Path, limit: int | None = None) -> subprocess.CompletedProcess:
    def size_limit() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "tmtool", *[a.format(root=root) for a in args]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                          preexec_fn=size_limit)


@pytest.fixture(scope="module")
def made(tmp_path_factory, root) -> Path:
    """The letter's English and French aligned (out/alignment.json, out/letter.tmx) and added to a TM (tm/), both."""
    folder = tmp_path_factory.mktemp("made")
    for args in (["align", *LETTER, "-o", "out"], ["tm", "add", "out/alignment.json", "--tm", "tm"],
                 ["tm", "import", "out/letter.tmx", "--tm", "tm"],
                 ["glossary", "convert", "{root}/glossaries/un-places.tbx", "places.csv"]):
        proc = _tmtool(args, folder, root)
        assert proc.returncode == 0, proc.stderr
    (folder / "x.tmx").write_text("an earlier export\n", "utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("args, error", [
    (["align", *LETTER, "-o", "out"], "out/alignment.json: File too large"),
    (["export", "out/alignment.json", "--tmx", "x.tmx"], "x.tmx: File too large"),
    (["glossary", "convert", "{root}/glossaries/un-places.tbx", "places.csv"], "places.csv: File too large"),
    (["tm", "import", "out/letter.tmx", "--tm", "tm"],
     "tm: cannot write a part of the translation memory (File too large); it is left as it was"),
    (["tm", "add", "out/alignment.json", "--tm", "tm"],
     "tm: cannot write a part of the translation memory (File too large); it is left as it was"),
    (["tm", "compact", "--tm", "tm"],
     "tm: cannot write a part of the translation memory (File too large); it is left as it was"),
    (["lookup", "puppet regime", "--src", "en", "--tgt", "fr", "--tm", "tm"],
     "tm/index: cannot write the lookup index (File too large); the translation memory itself is unchanged"),
])  # fmt: skip
def test_a_write_past_the_disk_limit_names_the_file_and_keeps_the_old_one(made, tmp_path, root, args, error):
    work = tmp_path / "work"
    shutil.copytree(made, work)
    before = _snapshot(work)
    proc = _tmtool(args, work, root, limit=LIMIT)
    assert (proc.returncode, proc.stderr) == (1, f"tmtool: error: {error}\n")
    after = _snapshot(work)
    after.pop("tm/lock", None)  # the TM's lock file (empty), made when missing
    before.pop("tm/lock", None)
    assert after == before  # the old files as they were, no temp file left (index/ holds no half build)
    assert [p for p in work.rglob(".*")] == []
