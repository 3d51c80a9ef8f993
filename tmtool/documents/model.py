"""The document model: one language version of one document, as clean paragraphs plus metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Paragraph", "Document"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of running text after repair. ``kind`` is ``"heading"``, ``"body"``, ``"signature"`` or
    ``"cell"`` (a table cell). ``text`` is empty only for a blank line of a ``lines`` file (kept so that
    paragraph *n* is line *n*)."""

    text: str
    kind: str = "body"


@dataclass(frozen=True)
class Document:
    """One language version of a document.

    ``metadata`` holds what the official-document header says (``symbols``, ``date``, ``distribution``,
    ``original_language``, ``agenda_items``, ``title``, ...), JSON-serialisable.
    """

    path: str
    lang: str
    paragraphs: tuple[Paragraph, ...]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def texts(self) -> list[str]:
        """The paragraph texts, in order."""
        return [p.text for p in self.paragraphs]
