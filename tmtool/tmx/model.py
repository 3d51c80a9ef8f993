"""Translation units as read from and written to TMX."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..languages import base

__all__ = ["Variant", "TranslationUnit"]


@dataclass(frozen=True)
class Variant:
    """One ``<tuv>``: the text in one language.

    ``lang`` is the tag as written in the file; ``text`` is the plain text with inline codes removed;
    ``markup`` is the inner XML of ``<seg>`` kept verbatim when it holds inline codes (else ``None``), so
    that a writer can put the codes back unchanged.
    """

    lang: str
    text: str
    markup: str | None = None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TranslationUnit:
    """One ``<tu>``: variants in several languages plus provenance.

    ``props`` hold ``(type, value)`` pairs in file order (tmtool writes ``x-`` props for provenance:
    ``x-document``, ``x-confidence``, ``x-status``, ``x-link-type``); ``attrs`` hold other attributes of the
    ``<tu>`` (``creationdate``, ``changedate``, ...).
    """

    variants: tuple[Variant, ...]
    tuid: str | None = None
    srclang: str | None = None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = field(default=())

    def text(self, lang: str) -> str | None:
        """The text of the first variant whose language matches ``lang`` (case-insensitive, base match allowed)."""
        want = lang.lower()
        for v in self.variants:
            if v.lang.lower() == want:
                return v.text
        want_base = base(want)
        for v in self.variants:
            if base(v.lang) == want_base:
                return v.text
        return None
