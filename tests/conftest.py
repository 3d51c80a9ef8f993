"""Shared fixtures: where the project and the read-only ../shared data are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: no per-example deadline (the CI machine is shared and its timing varies); in CI (CI=true) the
# examples are derandomised so a run is reproducible, locally they are random so new cases keep being explored.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project root (CI and developer machines have it)")
    return SHARED


@pytest.fixture(scope="session")
def seed(shared: Path) -> Path:
    path = shared / "seeds" / "000_bef0c6e9df192ef4.txt"
    if not path.exists():
        pytest.skip(f"seed document missing: {path}")
    return path


@pytest.fixture
def cli_run(capsys):
    """``cli_run(["segment", "x.txt"]) -> (exit_code, stdout, stderr)``: the real entry point, in-process."""

    def run(args: list[str]) -> tuple[int, str, str]:
        from tmtool.cli import main

        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def knows_nothing():
    """A sentence-embedding model that knows no language: each text a random direction of its own, the same on
    every call (the aligner's model check must leave it out)."""
    import numpy as np

    def embed(texts):
        return np.stack([np.random.default_rng(sum(map(ord, t)) * 7919 + len(t)).normal(size=24) for t in texts])

    return embed
