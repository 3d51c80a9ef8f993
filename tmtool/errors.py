"""The one exception hierarchy of tmtool.

Every error that a user can cause is a :class:`TmtoolError`; the CLI prints it as one line
(``tmtool: <file>:<line>: <message>``) and exits non-zero. Anything else is a bug.

::

    TmtoolError                  base; ``exit_code`` 1
    ├── InputError               a file cannot be read or understood (path, line, column)
    │   ├── FormatError          the file is of a known kind but malformed (bad XML, bad TMX/TBX/JSON)
    │   ├── EncodingError        the bytes are not text in any encoding we accept
    │   ├── LanguageError        the language cannot be told, or is not the one given
    │   └── UnsafeXMLError       entities, DTD fetches or other hostile XML refused
    ├── AlignmentError           the alignment cannot be made or an edit would break its invariant
    ├── StoreError               the translation memory store is unusable or locked
    └── UsageError               options that contradict each other (exit code 2)
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "TmtoolError",
    "InputError",
    "FormatError",
    "EncodingError",
    "LanguageError",
    "UnsafeXMLError",
    "AlignmentError",
    "StoreError",
    "UsageError",
    "shown",
]


class TmtoolError(Exception):
    """Base of every error a user can cause. ``str(err)`` is the one-line message."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(TmtoolError):
    """A file cannot be read or understood. Carries where: ``path``, and ``line``/``column`` if known."""

    def __init__(
        self,
        message: str,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class FormatError(InputError):
    """The file is of a known kind but malformed."""


class EncodingError(InputError):
    """The bytes of the file are not text in any accepted encoding."""


class LanguageError(InputError):
    """The language of a text cannot be told, or it is not the language the user gave."""


class UnsafeXMLError(InputError):
    """The XML asks for something we never do: resolve entities, read or fetch a DTD."""


class AlignmentError(TmtoolError):
    """An alignment cannot be made, or an edit would break the links invariant."""


class StoreError(TmtoolError):
    """The translation memory store cannot be used (corrupt, locked, missing)."""


class UsageError(TmtoolError):
    """Options that contradict each other or a missing required input."""

    exit_code = 2


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)`` for an error message, at most ``limit`` characters of it: a value read from the input (a
    language cell, a status) may be a whole line of a file, and the message must stay one readable line."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text):,} characters)"
