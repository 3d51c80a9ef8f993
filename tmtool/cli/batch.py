"""``tmtool batch INPUT -o OUTDIR``: align many document sets into one TM, locally or on Dask, resumably."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..errors import UsageError
from .outputs import counted

__all__ = ["batch"]


def _resume_command(ctx: click.Context) -> str:
    """The command that continues an interrupted batch: the options it was given (a set aligned otherwise, or
    another grouping, would not resume), then ``--resume``; shell-quoted. Derived from the command's own
    parameters and the values parsed, so an option added to the command is repeated without a word here."""
    from click.core import ParameterSource

    arguments: list[str] = []
    options: list[str] = []
    for param in ctx.command.params:
        value = ctx.params.get(param.name) if param.name else None
        if isinstance(param, click.Argument):
            arguments += [str(v) for v in value] if param.multiple or param.nargs != 1 else [str(value)]
        elif (isinstance(param, click.Option) and param.name != "resume" and value is not None
              and ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT):
            if param.is_flag:
                flags = param.opts if value else param.secondary_opts
                options += flags[:1] if value != param.default else []
            else:
                options += [word for v in (value if param.multiple else (value,)) for word in (param.opts[0], str(v))]
    # an argument that looks like an option (a folder named -in) goes after --, where it cannot be taken for one
    if any(argument.startswith("-") for argument in arguments):
        words = [*options, "--resume", "--", *arguments]
    else:
        words = [*arguments, *options, "--resume"]
    return shlex.join(["tmtool", ctx.info_name or "batch", *words])


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output folder: alignments/<set>/alignment.json, tm/, batch-log.jsonl.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster.")
@click.option("--level", type=click.Choice(["paragraph", "sentence"]), default="paragraph", show_default=True,
              help="Align paragraphs or sentences.")
@click.option("--resume", is_flag=True, help="Skip sets whose outputs show they are finished; redo the rest.")
@click.option("--shared-lexicon", "shared_lexicon", type=click.IntRange(min=2), default=None, metavar="SETS",
              help="Learn the aligner's lexicon across the batch: first align SETS sets (spread over the batch) "
                   "on their own, then every set with what the others taught (SETS more alignments).")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A bilingual word list for the aligner, as for tmtool align --dictionary (repeatable).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path),
              help="Word co-occurrence counts or a translation memory (TMX file or tmtool TM folder) that teach the "
                   "aligner, as for tmtool align --lexicon (repeatable).")
@click.option("--embeddings", "embedding_model", metavar="MODEL", default=None,
              help="A sentence-embedding model for the aligner, as for tmtool align --embeddings (optional extra; "
                   "each worker process loads it once).")
@click.option("--pattern", default=None, metavar="PATTERN",
              help="Group a folder by a pattern instead of UN naming conventions, e.g. '{set}.{lang}.txt'.")
def batch(input_path: Path, outdir: Path, workers: int | None, engine: str, scheduler: str | None,
          level: str, resume: bool, shared_lexicon: int | None, dictionaries: tuple[Path, ...],
          lexicons: tuple[Path, ...], embedding_model: str | None, pattern: str | None) -> None:
    """Align every document set of INPUT (a folder or a CSV/JSONL manifest) into OUTDIR."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..batch import default_workers, discover_sets, run_batch
    from ..batch.runner import LOG_FILE, check_outdir

    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    check_outdir(outdir, resume)
    if input_path.is_dir() and input_path.resolve().is_relative_to(outdir.resolve()):
        # every file of INPUT lies under OUTDIR, whose files are never read as inputs: 'no document sets found'
        raise UsageError(f"-o {outdir}: the output folder holds the input folder {input_path}, whose files would "
                         "all be left out; choose another -o")
    console = Console(stderr=True)
    grouping = discover_sets(input_path, pattern, exclude=outdir)
    if grouping.unmatched:
        first = ", ".join(grouping.unmatched[:3])
        console.print(f"tmtool: warning: {counted(len(grouping.unmatched), 'file matches', 'files match')} no naming rule, "
                      f"ignored: {first}"
                      + (" ..." if len(grouping.unmatched) > 3 else ""), markup=False, highlight=False, soft_wrap=True)
    if not grouping.sets:
        click.echo(f"tmtool: no document sets found in {input_path}", err=True)
        raise SystemExit(1)
    n_workers = workers or default_workers()
    if shared_lexicon:
        console.print("tmtool: first sweep: learning a shared lexicon from "
                      f"{counted(min(shared_lexicon, len(grouping.sets)), 'set')}", markup=False, highlight=False, soft_wrap=True)
    columns = (
        TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
        TextColumn("done {task.fields[done]} · failed {task.fields[failed]} · skipped {task.fields[skipped]}"
                   " · remaining {task.fields[remaining]} · {task.fields[rate]:.2f} sets/s"),
        TimeElapsedColumn(),
    )
    # logged or piped, no bar (its last frame, cut to 80 columns, landed in the log): the summary says it all
    progress = Progress(*columns, console=console, transient=False, disable=not console.is_terminal)
    total = len(grouping.sets)
    task = progress.add_task("batch", total=total, done=0, failed=0, skipped=0, remaining=total, rate=0.0)

    def on_result(result, summary) -> None:
        progress.update(task, completed=total - summary.remaining, done=summary.done, failed=summary.failed,
                        skipped=summary.skipped, remaining=summary.remaining, rate=summary.throughput)

    # drawn once the inputs are checked: a bad TM, lexicon or earlier run is then the one line on stderr
    try:
        summary = run_batch(grouping.sets, outdir, workers=n_workers, engine=engine, scheduler=scheduler,
                            level=level, resume=resume, on_result=on_result, shared_lexicon=shared_lexicon,
                            dictionaries=dictionaries, lexicons=lexicons, embeddings=embedding_model,
                            on_start=progress.start)
    except KeyboardInterrupt:
        again = _resume_command(click.get_current_context())
        console.print(f"tmtool: batch interrupted; finished sets are kept: continue with `{again}`",
                      markup=False, highlight=False, soft_wrap=True)
        raise
    finally:
        if progress.live.is_started:  # stopped unstarted, it writes an empty line
            progress.stop()
    console.print(
        f"{counted(summary.total, 'set')}: {summary.done} aligned, {summary.failed} failed, {summary.skipped} done "
        f"before (skipped); this run: {counted(summary.links, 'link')}, {counted(summary.units, 'TM unit')} in "
        f"{summary.seconds:.1f} s ({summary.throughput:.2f} sets/s, {engine} engine, {counted(n_workers, 'worker')})",
        markup=False, highlight=False, soft_wrap=True,
    )
    if summary.changed:
        shown = "; ".join(f"{name} ({change})" for name, change in summary.changed[:10])
        more = f"; ... {len(summary.changed) - 10} more in {outdir / LOG_FILE}" if len(summary.changed) > 10 else ""
        console.print(f"  aligned again, their files changed since the earlier run: {shown}{more}",
                      markup=False, highlight=False, soft_wrap=True)
    if summary.gone:
        shown = ", ".join(summary.gone[:5]) + (" ..." if len(summary.gone) > 5 else "")
        remove = shlex.join(["tmtool", "tm", "remove", "--origin", "SET", "--tm", str(outdir / "tm")])
        console.print(f"  {counted(len(summary.gone), 'set')} of an earlier run "
                      f"{'is' if len(summary.gone) == 1 else 'are'} no longer in {input_path}, their units stay in "
                      f"the TM ({remove}): {shown}",
                      markup=False, highlight=False, soft_wrap=True)
    for name, reason in summary.failures[:10]:
        console.print(f"  failed {name}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if len(summary.failures) > 10:
        console.print(f"  ... {len(summary.failures) - 10} more in {outdir / LOG_FILE}",
                      markup=False, highlight=False, soft_wrap=True)
    if summary.failed:
        raise SystemExit(1)
