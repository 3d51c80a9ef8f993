"""What a paragraph is: ``heading``, ``body``, ``signature`` or ``cell`` (a table cell)."""

from __future__ import annotations

import re

from ..languages import base
from .repair import ends_sentence

__all__ = ["classify", "SIGNATURE_RE"]

# "(Signed)" in the six languages, as UN documents write it (Chinese puts it after the name).
SIGNATURE_RE = re.compile(
    r"\(\s*(?:Signed|Signé(?:e)?|Firmado|Firmada|Подпись|Подписал[аи]?)\s*\)|[（(]\s*签名\s*[)）]|"
    r"[(（]\s*توقيع\s*[)）]|\(\s*Signature\s*\)",
    re.IGNORECASE,
)
_HEADING_MAX = {"zh": 80}
_LIST_MARKER_RE = re.compile(r"^(?:\(?[0-9]{1,3}[.)]|\([a-z]{1,4}\)|[a-z]\))\s")


def classify(text: str, hint: str | None, lang: str) -> str:
    """``"signature"`` for a ``(Signed)`` block, ``"cell"`` for a table cell (hint ``"cell"``), ``"heading"`` when
    markup says so or for a short line that does not end a sentence (and starts neither a list item nor in lower
    case), else ``"body"``."""
    if SIGNATURE_RE.search(text) and len(text) < 300:
        return "signature"
    if hint == "cell":  # "Staff costs" or "10 000" in a table is neither a heading nor running text
        return "cell"
    if hint == "heading":
        return "heading"
    limit = _HEADING_MAX.get(base(lang), 200)
    if (len(text) <= limit and not ends_sentence(text) and not text.endswith(",") and not _LIST_MARKER_RE.match(text)
            and not text[:1].islower()):  # a Russian preamble paragraph "принимая во внимание ...; и" is no heading
        return "heading"
    return "body"
