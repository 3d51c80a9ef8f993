"""Visual order for right-to-left lines, for terminals that do not reorder text themselves.

Terminals receive text in logical order. Some (mlterm, Konsole, VTE with bidi on) reorder Arabic and Hebrew
themselves; most (tmux, xterm, many others) do not, and an Arabic line then reads backwards. For those, the
review screen can send each *wrapped line* in visual order instead. This is the part of the Unicode
Bidirectional Algorithm that matters for a right-to-left paragraph: runs of left-to-right text (Latin words,
numbers, with the spaces and punctuation between them) keep their order; everything else reads right to left;
brackets are mirrored. Line by line, after wrapping, as the algorithm prescribes. Letter shaping (joining
forms) is left to the terminal.
"""

from __future__ import annotations

import unicodedata

from rich.style import Style
from rich.text import Text

__all__ = ["visual_order", "visual_line"]

_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_LTR_CLASSES = {"L", "EN", "AN"}  # strong left-to-right, European and Arabic-Indic numbers: kept in order


def _is_ltr(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in _LTR_CLASSES


def visual_order(text: str) -> list[int]:
    """Indices of ``text`` in display order (left to right on screen) for a right-to-left line.

    Combining marks (Arabic vowel signs, shadda...) stay right after their base letter.
    """
    clusters: list[list[int]] = []
    for idx, ch in enumerate(text):
        if clusters and unicodedata.bidirectional(ch) == "NSM":
            clusters[-1].append(idx)
        else:
            clusters.append([idx])
    base = [text[c[0]] for c in clusters]
    n = len(clusters)
    ltr = [_is_ltr(ch) for ch in base]
    # neutrals between two left-to-right characters join their run ("31, 61", "Security Council")
    in_run = list(ltr)
    i = 0
    while i < n:
        if ltr[i]:
            j = i + 1
            while j < n and not ltr[j] and unicodedata.bidirectional(base[j]) not in {"R", "AL"}:
                j += 1
            if j < n and ltr[j]:
                for k in range(i + 1, j):
                    in_run[k] = True
            i = j
        else:
            i += 1
    runs: list[list[int]] = []
    for c in range(n):
        if runs and in_run[c] and in_run[runs[-1][-1]]:
            runs[-1].append(c)
        else:
            runs.append([c])
    order: list[int] = []
    for run in reversed(runs):  # a left-to-right run keeps its order; right-to-left clusters are reversed
        for c in run:
            order.extend(clusters[c])
    return order


def visual_line(line: Text, width: int) -> Text:
    """``line`` (one wrapped, logical-order line of a right-to-left cell) in visual order, right-aligned in
    ``width`` cells; styles (glossary terms) follow their characters."""
    plain = line.plain.strip()
    if not plain:
        return line
    offset = len(line.plain) - len(line.plain.lstrip())
    styles: list[list] = [[] for _ in plain]
    for span in line.spans:
        for i in range(max(span.start - offset, 0), min(span.end - offset, len(plain))):
            styles[i].append(span.style)
    out = Text(justify="right", end="")
    for idx in visual_order(plain):
        ch = plain[idx]
        parts = [Style.parse(x) if isinstance(x, str) else x for x in styles[idx]]
        style = Style.combine(parts) if parts else None
        out.append(ch if _is_ltr(ch) else ch.translate(_MIRROR), style)
    out.pad_left(max(0, width - out.cell_len))
    return out

