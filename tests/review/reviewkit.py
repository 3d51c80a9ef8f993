"""Helpers for the review tests: run the app headless on a file (imported by the test modules)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from tmtool.review.app import ReviewApp
from tmtool.review.session import ReviewSession

DATA = Path(__file__).resolve().parent.parent / "data" / "review"


def repeated_fixture(times: int, path: Path) -> Path:
    """A bigger alignment: the six-language fixture's documents and links repeated ``times`` times."""
    from tmtool.align import AlignedDocument, Alignment, Link, read_alignment, write_alignment

    small = read_alignment(DATA / "six.json")
    docs = tuple(AlignedDocument(d.lang, d.segments * times, d.path) for d in small.documents)
    links = []
    for k in range(times):
        for link in small.links:
            shift = {lang: len(small.document(lang).segments) * k for lang in small.langs}
            links.append(Link({lang: tuple(i + shift[lang] for i in ids) for lang, ids in link.segments.items()},
                              link.confidence, "auto"))
    write_alignment(Alignment(docs, tuple(links)), path)
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
