"""``tmtool review``: review an alignment in a terminal UI."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import UsageError

__all__ = ["not_a_terminal", "review"]


def not_a_terminal() -> str | None:
    """The stream the UI needs that is not a terminal: it reads keys on stdin and draws on stderr (Textual's
    choice, which keeps stdout free); None when both are terminals."""
    for name, stream in (("standard input", sys.stdin), ("standard error", sys.stderr)):
        if stream is None or not stream.isatty():
            return name
    return None


@click.command()
@click.argument("alignment_file", metavar="ALIGNMENT.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Glossary (TBX, CSV, TSV) whose terms are highlighted; repeatable.")
@click.option("--langs", default=None, metavar="en,fr,...",
              help="The 2 to 6 languages to show, in this order (default: the first six of the file).")
@click.option("--rtl", type=click.Choice(["logical", "visual"]), default="logical", show_default=True,
              help="Right-to-left text: logical order (for terminals that reorder it) or visual order "
                   "(for terminals without bidi, such as tmux or xterm); the key b toggles it.")
@click.option("--force", is_flag=True,
              help="Take over the review lock: a stale one (its process no longer runs), or one held on "
                   "another host that you know is abandoned; never that of a reviewer still running here.")
def review(alignment_file: Path, glossaries: tuple[Path, ...], langs: str | None, rtl: str, force: bool) -> None:
    """Review ALIGNMENT.json: confirm, fix and export links, keyboard first (press ? for the keys).

    Every decision is journaled beside the file as it is made (ALIGNMENT.json.journal) and the file is
    rewritten atomically on save (ctrl+s) and on quit (q). A lock (ALIGNMENT.json.lock) keeps a second
    reviewer out.
    """
    from ..languages import parse_lang_list

    shown = parse_lang_list(langs) if langs else None
    loaded = []
    if glossaries:
        from ..glossary import read_glossary  # type: ignore[attr-defined]

        loaded = [read_glossary(g) for g in glossaries]
    repeated = sorted({lang for lang in shown or () if shown.count(lang) > 1})
    if repeated:
        raise UsageError(f"--langs: {', '.join(repeated)} given more than once")
    if shown is not None and not 2 <= len(shown) <= 6:
        raise UsageError(f"--langs: choose 2 to 6 languages, not {len(shown)}")

    from ..review.app import ReviewApp
    from ..review.session import ReviewSession

    session = ReviewSession.open(alignment_file, force=force)
    file_langs = session.alignment.langs
    unknown = [lang for lang in shown or () if lang not in file_langs]
    if unknown:
        session.close(save=False)
        raise UsageError(f"--langs: {', '.join(unknown)} not in {alignment_file} ({', '.join(file_langs)})")
    missing = not_a_terminal()  # after the file's own errors, which say more; Textual would wait for keys forever
    if missing:
        session.close(save=False)
        raise UsageError(f"review is a terminal UI: {missing} is not a terminal (run it in one)")
    try:
        if session.lock is not None and session.lock.taken_over is not None:
            click.echo(f"tmtool: taking over the review lock of {session.lock.taken_over.owner}", err=True)
        app = ReviewApp(session, langs=shown, glossaries=loaded, visual_rtl=rtl == "visual", handle_signals=True)
        app.run()
    finally:
        session.close()
    if app.terminated_by is not None:  # SIGTERM / SIGHUP: saved; the terminal may be gone, so say nothing
        raise SystemExit(128 + app.terminated_by)
    # "saved" only when the file was written: a look without a decision leaves it as it was
    click.echo(f"saved {alignment_file}" if session.saves else f"{alignment_file}: no change", err=True)
