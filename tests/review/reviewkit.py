"""Helpers for the review tests: run the app headless on a file (imported by the test modules)."""

from __future__ import annotations

import shutil
from contextlib import asynccontextmanager
from pathlib import Path

from tmtool.review.app import ReviewApp
from tmtool.review.session import ReviewSession

DATA = Path(__file__).resolve().parent.parent / "data" / "review"


def copy_fixture(name: str, folder: Path) -> Path:
    """A fresh ``alignment.json`` in ``folder``, copied from ``tests/data/review/<name>.json``."""
    path = folder / "alignment.json"
    shutil.copy(DATA / f"{name}.json", path)
    return path


@asynccontextmanager
async def running(path: Path, *, size=(160, 40), close=True, **kwargs):
    """Open a session on ``path``, run the app headless; yields ``(app, pilot, notes)``.

    ``notes`` collects ``(message, severity)`` of every notification. The session is closed (saved) after,
    unless ``close=False`` (what a crash leaves).
    """
    session = ReviewSession.open(path, force=True)
    app = ReviewApp(session, **kwargs)
    notes: list[tuple[str, str]] = []
    real_notify = app.notify

    def notify(message, *, title="", severity="information", timeout=None, markup=True):  # noqa: ANN001
        notes.append((str(message), severity))
        real_notify(message, title=title, severity=severity, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield app, pilot, notes
    finally:
        if close:
            session.close()
        else:
            session.journal.close()
