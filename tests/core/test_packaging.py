"""The wheel holds what the installed package reads: its data files and the shipped UN glossaries.

The wheel is built by pip (with build isolation: setuptools from the package index, as any install gets it) from a
copy of the project's build inputs, so nothing is written into the source tree. Without an index to get
setuptools from, the tests skip and say so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE")
BUILD_FOLDERS = ("tmtool", "glossaries")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from (a copy of) the project."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, src / name)
    for name in BUILD_FOLDERS:
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        if "No matching distribution" in done.stderr or "Could not find a version" in done.stderr:
            pytest.skip(f"no package index to build a wheel with: {done.stderr.strip().splitlines()[-1]}")
        pytest.fail(f"pip wheel failed:\n{done.stderr}")
    (found,) = (tmp / "dist").glob("tmtool-*.whl")
    return found


def _package_data() -> list[str]:
    """Every file of the source package that is not Python code, as wheel paths."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tmtool").rglob("*")
                  if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts)


def test_the_wheel_holds_every_data_file_and_the_shipped_glossaries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in _package_data() if name not in names]
    assert not missing
    with zipfile.ZipFile(wheel) as zf:
        for name in ("un-places.csv", "un-places.tbx", "un-organs.csv", "un-organs.tbx"):
            assert zf.read(f"tmtool/glossaries/{name}") == (ROOT / "glossaries" / name).read_bytes()


def test_the_wheel_names_the_package_version_and_carries_the_licence(wheel: Path) -> None:
    """The version is written once (``tmtool.__version__``; pyproject.toml takes it from there), and the MIT
    licence, whose notice must go with every copy, is in the wheel."""
    import tmtool

    with zipfile.ZipFile(wheel) as zf:
        (metadata,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        fields = dict(line.split(": ", 1) for line in zf.read(metadata).decode().split("\n\n")[0].splitlines()
                      if ": " in line)
        licences = [n for n in zf.namelist() if ".dist-info/licenses/" in n]
        assert [zf.read(n) for n in licences] == [(ROOT / "LICENSE").read_bytes()]
    assert fields["Version"] == tmtool.__version__
    assert fields["License-Expression"] == "MIT"
    assert wheel.name.startswith(f"tmtool-{tmtool.__version__}-")


def test_an_installed_wheel_anchors_on_the_shipped_glossaries(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # the installed package alone (dependencies from this interpreter), run from outside the project
    code = ("from tmtool.align.shipped import shipped_glossary, default_glossary; import tmtool; "
            "g = shipped_glossary(); print(tmtool.__file__); print(len(g.entries) if g else None); "
            "print(default_glossary(['en', 'zh']) is g)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    where, entries, used = done.stdout.split("\n")[:3]
    assert Path(where).is_relative_to(site)
    assert entries != "None" and int(entries) > 200
    assert used == "True"


# The oldest release of a dependency that has what tmtool calls, found by installing the bound pyproject.toml
# gave and running the tour and the tests of the code that uses it (December 2026). polars: list.explode(keep_nulls=,
# empty_as_null=), used by the TM store (tm/store.py), came in 1.36; with 1.0-1.35 every `tm stats`, `tm export`
# and `lookup` ended in a TypeError traceback. textual: with 0.80-0.81 `tmtool review` failed at import (Binding(id=)),
# with 0.82-0.85 on review.tcss ($text-error), with 0.86-3.1 a confirm was not applied (test_review_app.py);
# tests/review passes from 3.2 on (snapshots not compared: they are drawn by the installed version).
OLDEST_WORKING = {"polars": (1, 36), "textual": (3, 2)}


@pytest.mark.parametrize("name", sorted(OLDEST_WORKING))
def test_dependency_lower_bounds_admit_no_release_that_lacks_what_tmtool_calls(name: str) -> None:
    import re
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    (spec,) = [d for d in deps if re.match(rf"{name}\b", d, re.I)]
    bound = re.search(r">=\s*([\d.]+)", spec)
    assert bound, spec
    assert tuple(int(x) for x in bound.group(1).split(".")) >= OLDEST_WORKING[name], spec
