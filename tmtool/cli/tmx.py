"""``tmtool export`` (alignment.json -> TMX) and ``tmtool tmx validate``."""

from __future__ import annotations

import os

import click

from ..errors import UsageError

__all__ = ["export", "refuse_overwriting_input", "tmx"]

_PROFILES = ("generic", "trados", "memoq", "omegat")


def refuse_overwriting_input(infile: str, outfile: str, what: str = "output") -> None:
    """:class:`UsageError` when ``outfile`` is the file ``infile`` (same path, symlink, hard link)."""
    try:
        same = os.path.samefile(infile, outfile)
    except OSError:  # one of them does not exist (yet): compare the resolved paths
        same = os.path.realpath(infile) == os.path.realpath(outfile)
    if same:
        raise UsageError(f"{outfile}: the {what} is the same file as the input {infile}; choose another {what}")


@click.command()
@click.argument("alignment", type=click.Path(dir_okay=False))
@click.option("--tmx", "tmx_path", required=True, type=click.Path(dir_okay=False), help="TMX file to write.")
@click.option("--profile", type=click.Choice(_PROFILES), default="generic", show_default=True,
              help="Adjust the TMX for a CAT tool (see docs/tmx.md).")
@click.option("--status", type=click.Choice(("all", "confirmed")), default="all", show_default=True,
              help="confirmed: only links a reviewer confirmed or edited.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Drop links scored below this.")
@click.option("--langs", default=None, help="Languages to export, in order, e.g. en,fr (default: all).")
@click.option("--segtype", type=click.Choice(("paragraph", "sentence")), default=None,
              help="Unit size (default: the alignment's level).")
def export(alignment, tmx_path, profile, status, min_confidence, langs, segtype):
    """Write the links of ALIGNMENT.json as a TMX 1.4 file."""
    from ..languages import parse_lang_list
    from ..tmx import export_alignment

    refuse_overwriting_input(alignment, tmx_path, "TMX file")
    count = export_alignment(
        alignment, tmx_path, profile=profile, status=status, min_confidence=min_confidence,
        langs=parse_lang_list(langs), segtype=segtype,
    )
    click.echo(f"{tmx_path}: {count} translation units ({profile} profile)")


@click.group()
def tmx():
    """TMX files: validate."""


@tmx.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dtd", type=click.Path(dir_okay=False), default=None,
              help="The TMX 1.4 DTD (default: $TMTOOL_TMX_DTD, else ../shared/standards/tmx14.dtd).")
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
        click.echo(f"{file}: {errors} error(s), {len(problems) - errors} warning(s)", err=True)
        raise SystemExit(1)
    click.echo(f"{file}: valid TMX")
