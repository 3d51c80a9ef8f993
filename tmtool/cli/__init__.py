"""The ``tmtool`` command line: a thin layer over the library.

Each command group lives in its own module here and is imported only when used, so ``tmtool --help`` stays
fast. Every :class:`~tmtool.errors.TmtoolError` becomes one line on stderr and a non-zero exit code.
"""

from __future__ import annotations

import codecs
import importlib
import importlib.util
import os
import signal
import sys
import warnings

import click

from .. import __version__
from ..errors import TmtoolError

__all__ = ["main", "cli"]

# command name -> "module:attribute" (modules relative to tmtool.cli)
COMMANDS: dict[str, str] = {
    "segment": "segment:segment",
    "align": "align:align",
    "eval": "align:eval_cmd",
    "export": "tmx:export",
    "tmx": "tmx:tmx",
    "tm": "tm:tm",
    "lookup": "tm:lookup",
    "glossary": "glossary:glossary",
    "review": "review:review",
    "batch": "batch:batch",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [
            name
            for name, target in COMMANDS.items()
            if importlib.util.find_spec(f"{__name__}.{target.split(':')[0]}") is not None
        ]

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # click would turn this into exit code 1; a reader that stopped early (``| head``) is not an error.
            raise _OutputClosed() from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"{__name__}.{module_name}")
        return getattr(module, attr)


class _OutputClosed(Exception):
    """stdout was closed by its reader."""


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tmtool")
def cli() -> None:
    """Turn the language versions of official documents into translation memories and glossaries."""


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # type: ignore[no-untyped-def]
    """tmtool's own warnings (a glossary reader's skipped rows, an alignment's odd input) as one line,
    ``tmtool: warning: ...``, wherever a command lets them through; others as Python shows them."""
    if category.__module__.startswith("tmtool."):
        click.echo(f"tmtool: warning: {message}", err=True)
    else:
        (file or sys.stderr).write(warnings.formatwarning(message, category, filename, lineno, line))


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP (``kill``, a closed terminal), raised where the command is, as Ctrl-C is: the command
    unwinds as on Ctrl-C (a temp file beside its target removed, TM parts not committed deleted, locks released,
    a batch's workers ended) instead of dying on the spot and leaving those behind."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    if os.getpid() != _MAIN_PID:  # a child that inherited the handler: die as it would have
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise _Terminated(signum)


_MAIN_PID = os.getpid()
_TERMINATING = (signal.SIGTERM, signal.SIGHUP)


def _catch_termination() -> dict[int, object]:
    """Turn SIGTERM and SIGHUP into :class:`_Terminated` where they would kill the process (not where they are
    ignored, as under ``nohup``, or handled by whoever runs the command); the handlers replaced."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    replaced = {}
    for signum in _TERMINATING:
        if signal.getsignal(signum) is signal.SIG_DFL:
            replaced[signum] = signal.signal(signum, _raise_terminated)
    return replaced


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``tmtool`` console script."""
    warnings.showwarning = _show_warning
    try:
        replaced = _catch_termination()
    except ValueError:  # not the main thread (an embedding program's worker): signals are not ours to take
        replaced = {}
    try:
        _run(argv)
    finally:
        for signum, handler in replaced.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _run(argv: list[str] | None) -> None:
    try:
        cli.main(args=argv, prog_name="tmtool", standalone_mode=False)
    except TmtoolError as exc:
        click.echo(f"tmtool: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, _Terminated) as exc:  # click turns a KeyboardInterrupt into Abort
        cause = exc if isinstance(exc, _Terminated) else exc.__cause__
        if isinstance(cause, _Terminated):
            click.echo(f"tmtool: terminated ({signal.Signals(cause.signum).name})", err=True)
            sys.exit(128 + cause.signum)
        click.echo("tmtool: aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "tmtool"
        click.echo(f"tmtool: error: {exc.format_message()} (see '{command} --help')", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"tmtool: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("tmtool: interrupted", err=True)
        sys.exit(130)
    except (_OutputClosed, BrokenPipeError):
        _silence_stdout()
        sys.exit(0)
    except UnicodeEncodeError as exc:
        if not _is_stdout_encoding(exc.encoding):
            raise
        click.echo(f"tmtool: error: standard output is {sys.stdout.encoding}, which cannot hold "
                   f"{exc.object[exc.start:exc.end][:20]!a}: set PYTHONIOENCODING=utf-8 (or use a UTF-8 locale)",
                   err=True)
        sys.exit(1)
    except OSError as exc:
        # The file system said no (unwritable folder, disk full, a file where a folder should be...).
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"tmtool: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    sys.exit(0)


def _is_stdout_encoding(encoding: str) -> bool:
    """Whether ``encoding`` is that of stdout (a locale or pipe without Arabic or Chinese: Latin-1, cp1252)."""
    try:
        return codecs.lookup(encoding).name == codecs.lookup(sys.stdout.encoding).name
    except (LookupError, AttributeError, TypeError):
        return False


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
