"""Checks of the CLI's output paths, made before any work: an output never replaces an input (nor lands inside
an input folder such as a TM), and its folder exists or can be made; and counts as the CLI writes them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageError
from ..fileio import nearest_existing, same_file

__all__ = ["refuse_overwriting_input", "refuse_overwriting_inputs", "refuse_unwritable_target",
           "check_folder_can_be_made", "is_stdout", "counted"]


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``1 unit``, ``2 units``, ``1,000 units``; ``plural`` where adding an s is wrong (``entry``, ``entries``)."""
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def refuse_overwriting_input(infile: str | os.PathLike[str], outfile: str | os.PathLike[str],
                             what: str = "output") -> None:
    """:class:`UsageError` when ``outfile`` is the file ``infile`` (same path, symlink, hard link), or lies inside
    ``infile`` when that is a folder (a TM store given as input)."""
    if same_file(infile, outfile):
        raise UsageError(f"{outfile}: the {what} is the same file as the input {infile}; choose another {what}")
    if os.path.isdir(infile) and Path(os.path.realpath(outfile)).is_relative_to(os.path.realpath(infile)):
        raise UsageError(f"{outfile}: the {what} is inside the input folder {infile}, which it would damage; "
                         f"choose another {what}")


def refuse_overwriting_inputs(infiles: Iterable[str | os.PathLike[str] | None], outfile: str | os.PathLike[str],
                              what: str = "output") -> None:
    """:func:`refuse_overwriting_input` for each of ``infiles`` (``None`` entries skipped)."""
    for infile in infiles:
        if infile is not None:
            refuse_overwriting_input(infile, outfile, what)


def check_folder_can_be_made(folder: str | os.PathLike[str], what: str = "output folder") -> None:
    """:class:`UsageError` unless ``folder`` is a folder or can be made one: its nearest existing ancestor must be
    a writable folder (``afile.txt/sub``: ``afile.txt: not a directory``), and not ``-`` (a folder named ``-`` was
    made where ``-`` says standard output)."""
    if os.fspath(folder) == "-":
        raise UsageError(f"the {what} -: this writes a folder, not standard output; give a folder name")
    probe = nearest_existing(folder)
    if not probe.is_dir():
        raise UsageError(f"{probe}: not a directory, so the {what} {folder} cannot be made there")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise UsageError(f"{probe}: not writable, so the {what} {folder} cannot be written")


def is_stdout(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is this process's standard output (``--tmx /dev/stdout``): a command then prints its
    summary on stderr, so that stdout holds the file alone."""
    try:
        mine = os.fstat(sys.stdout.fileno())
        theirs = os.stat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def refuse_unwritable_target(path: str, option: str) -> None:
    """:class:`UsageError` when ``path`` is ``-`` (a file is written atomically, never standard output) or
    its folder does not exist (it is not created: a mistyped folder would go unnoticed)."""
    if path == "-":
        raise UsageError(f"{option} -: this writes a file, not standard output; give a file name")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(folder):  # a file in its place is the OS's error (exit 1), as for any write
        raise UsageError(f"{path}: its folder {folder} does not exist")
