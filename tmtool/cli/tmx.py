"""``tmtool export`` (alignment.json -> TMX) and ``tmtool tmx validate``."""

from __future__ import annotations

from pathlib import Path

import click

from .outputs import counted, is_stdout, refuse_overwriting_input, refuse_unwritable_target

__all__ = ["export", "review_warnings", "tmx"]

_PROFILES = ("generic", "trados", "memoq", "omegat")


@click.command()
@click.argument("alignment", type=click.Path(dir_okay=False))
@click.option("--tmx", "tmx_path", required=True, type=click.Path(dir_okay=False), help="TMX file to write.")
@click.option("--profile", type=click.Choice(_PROFILES), default="generic", show_default=True,
              help="Adjust the TMX for a CAT tool (see docs/tmx.md).")
@click.option("--status", type=click.Choice(("all", "confirmed")), default="all", show_default=True,
              help="confirmed: only links a reviewer confirmed or edited.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop unreviewed links scored below this (confirmed and edited links are kept).")
@click.option("--langs", default=None, help="Languages to export, in order, e.g. en,fr (default: all).")
@click.option("--segtype", type=click.Choice(("paragraph", "sentence")), default=None,
              help="Unit size (default: the alignment's level).")
def export(alignment, tmx_path, profile, status, min_confidence, langs, segtype):
    """Write the links of ALIGNMENT.json as a TMX 1.4 file.

    Exits 1 (after writing the empty TMX) when no link was exported, saying why on stderr."""
    from ..align.model import read_alignment
    from ..languages import parse_lang_list
    from ..tmx import export_alignment

    refuse_unwritable_target(tmx_path, "--tmx")
    refuse_overwriting_input(alignment, tmx_path, "TMX file")
    for warning in review_warnings(alignment):
        click.echo(f"tmtool: warning: {warning}", err=True)
    aligned = read_alignment(alignment)
    stats: dict[str, int] = {}
    count = export_alignment(
        aligned, tmx_path, profile=profile, status=status, min_confidence=min_confidence,
        langs=parse_lang_list(langs), segtype=segtype, stats=stats,
    )
    summary = f"{tmx_path}: {counted(count, 'translation unit')} ({profile} profile)"
    skipped = stats.get("no_source", 0)
    if skipped:
        summary += f", {counted(skipped, 'unit')} without the source language skipped"
    click.echo(summary, err=is_stdout(tmx_path))
    if not count:
        click.echo(f"tmtool: {tmx_path}: 0 units: {_why_empty(aligned, status, min_confidence, skipped)}", err=True)
        raise SystemExit(1)


def _why_empty(alignment, status: str, min_confidence: float, no_source: int = 0) -> str:
    """Why an export wrote no unit: the filter that left nothing."""
    links = alignment.links
    if not links:
        return "the alignment has no links"
    if no_source:
        return "no unit has text in the source language (the header's srclang)"
    reviewed = [link for link in links if link.status in ("confirmed", "edited")]
    if status == "confirmed" and not reviewed:
        return "no link is confirmed or edited; review first (tmtool review) or use --status all"
    if min_confidence > 0 and not reviewed and all(link.confidence < min_confidence for link in links):
        return f"every link scores below --min-confidence {min_confidence:g}"
    return "no link has text in two of the exported languages"


def review_warnings(alignment_path) -> list[str]:
    """Warnings when a review of ``alignment_path`` is running or left decisions unsaved (its lock or its
    journal beside it): the file read may be older than the review. Read-only."""
    from ..errors import TmtoolError
    from ..review.journal import Journal
    from ..review.lock import lock_path, read_lock

    out = []
    holder = read_lock(lock_path(alignment_path))
    if holder is not None:
        stale = "a stale review lock (the review did not end cleanly) from"
        state = stale if holder.is_stale() else "being reviewed by"
        out.append(f"{alignment_path} is {state} {holder.owner}: the export reads the file as last saved, "
                   "which may be older than the review")
    journal = Journal(alignment_path)
    try:
        state = journal.read()
    except TmtoolError:
        return out + [f"{journal.path}: unreadable review journal: the file may be older than the review"]
    if state.unfinished and state.events:
        n = _unsaved(journal, state, Path(alignment_path))
        if n:
            out.append(f"{journal.path} holds {counted(n, 'review decision')} not saved to "
                       f"{alignment_path} yet: they are not in this export (reopen the review to save them)")
    return out


def _unsaved(journal, state, alignment_path: Path) -> int:  # noqa: ANN001
    """The decisions of an unfinished journal that the file does not hold, counted as the review counts them when
    it reopens (:func:`~tmtool.review.session.replay_journal`: a decision undone is none); every event when the
    journal cannot be replayed on the file."""
    from ..align.model import read_alignment
    from ..errors import TmtoolError
    from ..review.journal import sha256
    from ..review.operations import History
    from ..review.session import replay_journal

    try:
        current = sha256(alignment_path.read_bytes())
        if current != state.base_sha256 and current not in state.saved_sha256:
            return len(state.events)  # the file changed since: the review will refuse it
        return replay_journal(History(read_alignment(journal.base_path)), state, current, journal.path)
    except (OSError, TmtoolError):
        return len(state.events)


@click.group()
def tmx():
    """TMX files: validate."""


@tmx.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dtd", type=click.Path(dir_okay=False), default=None,
              help="The TMX 1.4 DTD (default: $TMTOOL_TMX_DTD, else shared/standards/tmx14.dtd in the folder "
                   "that holds the tmtool project; never one beside FILE).")
@click.option("--no-dtd", is_flag=True, help="Skip the DTD check, run only the semantic checks.")
def validate(file, dtd, no_dtd):
    """Check FILE against the TMX 1.4 DTD and for what a DTD cannot see; one line per problem.

    Exits 0 only when no problem (error or warning) is found."""
    from ..tmx.validate import validate_tmx

    problems = validate_tmx(file, dtd=dtd, use_dtd=not no_dtd)
    for problem in problems:
        click.echo(f"{file}:{problem}" if problem.line is not None else f"{file}: {problem}")
    if problems:
        errors = sum(p.severity == "error" for p in problems)
        click.echo(f"{file}: {counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}", err=True)
        raise SystemExit(1)
    click.echo(f"{file}: valid TMX")
