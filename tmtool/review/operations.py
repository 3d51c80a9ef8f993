"""Review operations on an :class:`~tmtool.align.Alignment`: pure functions, no UI.

Every operation takes an alignment and returns a NEW alignment, or raises
:class:`~tmtool.errors.AlignmentError` with a message a reviewer can read when it would break the links
invariant (every segment of every language exactly once, in order) or makes no sense where it is asked.
Operations are also available as data (:class:`Op`) so that the journal can record and replay them, and
:class:`History` keeps every state for unlimited undo and redo.

Statuses: the aligner writes ``auto``; a link the reviewer reshapes or whose text is corrected becomes
``edited``; ``confirm`` makes it ``confirmed``. ``edited`` and ``confirmed`` links are both *reviewed* (a
reviewer made them); the TMX exporter's ``status="confirmed"`` keeps exactly those.

Confidence stays the aligner's score (how sure the machine was; the status says what the reviewer did): a
link made from others inherits it — both halves of a split and a segment set apart keep their parent's
score, a merge keeps the lower of the two, moves leave each row's own; an inserted empty row gets 0.0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..align.model import Alignment, Link
from ..errors import AlignmentError

__all__ = [
    "confirm",
    "unconfirm",
    "confirm_through",
    "merge_next",
    "split",
    "default_cuts",
    "move_first_up",
    "move_last_down",
    "insert_empty",
    "no_counterpart",
    "edit_text",
    "split_text",
    "Op",
    "OPERATIONS",
    "apply_op",
    "History",
]


def _check_row(alignment: Alignment, row: int) -> Link:
    if not 0 <= row < len(alignment.links):
        raise AlignmentError(f"row {row + 1} does not exist (the alignment has {len(alignment.links)} rows)")
    return alignment.links[row]


def _check_lang(alignment: Alignment, lang: str) -> None:
    if lang not in alignment.langs:
        raise AlignmentError(f"language {lang!r} is not in this alignment ({', '.join(alignment.langs)})")


def _with_links(alignment: Alignment, links: list[Link] | tuple[Link, ...]) -> Alignment:
    new = replace(alignment, links=tuple(links))
    # cheap (linear) safety net: an operation bug can never reach the file. Only split_text changes the number of
    # segments and the pairs' own links, and checks them itself; the others leave them (writing checks them too)
    new.validate(pair_links=False)
    return new


def _edited(link: Link, segments: Mapping[str, tuple[int, ...]], confidence: float | None = None) -> Link:
    return Link(
        segments=dict(segments),
        confidence=link.confidence if confidence is None else confidence,
        status="edited",
    )


def confirm(alignment: Alignment, row: int) -> Alignment:
    """Mark the link at ``row`` as confirmed by the reviewer."""
    link = _check_row(alignment, row)
    if link.status == "confirmed":
        raise AlignmentError(f"row {row + 1} is already confirmed")
    links = list(alignment.links)
    links[row] = link.with_status("confirmed")
    return _with_links(alignment, links)


def unconfirm(alignment: Alignment, row: int, status: str = "auto") -> Alignment:
    """Take back a confirmation: the link gets back the ``status`` it had before (``auto``: unreviewed, as the
    aligner made it; ``edited``: reshaped or corrected by the reviewer, which a link must stay, or the export of a
    pair cuts it back into the aligner's own links of the pair)."""
    link = _check_row(alignment, row)
    if link.status != "confirmed":
        raise AlignmentError(f"row {row + 1} is not confirmed")
    if status not in ("auto", "edited"):
        raise AlignmentError(f"a link unconfirmed is auto or edited, not {status!r}")
    links = list(alignment.links)
    links[row] = link.with_status(status)
    return _with_links(alignment, links)


def confirm_through(alignment: Alignment, row: int) -> Alignment:
    """Confirm every link from the first row down to ``row`` included."""
    _check_row(alignment, row)
    if all(link.status == "confirmed" for link in alignment.links[: row + 1]):
        raise AlignmentError(f"rows 1-{row + 1} are already confirmed")
    links = [link.with_status("confirmed") for link in alignment.links[: row + 1]]
    return _with_links(alignment, links + list(alignment.links[row + 1 :]))


def merge_next(alignment: Alignment, row: int) -> Alignment:
    """Merge the link at ``row`` with the next one (each language's segments joined)."""
    link = _check_row(alignment, row)
    if row + 1 >= len(alignment.links):
        raise AlignmentError("the last row has no next row to merge with")
    nxt = alignment.links[row + 1]
    segments = {
        lang: tuple(link.segments.get(lang, ())) + tuple(nxt.segments.get(lang, ())) for lang in alignment.langs
    }
    merged = _edited(link, segments, confidence=min(link.confidence, nxt.confidence))
    links = list(alignment.links)
    links[row : row + 2] = [merged]
    return _with_links(alignment, links)


def default_cuts(alignment: Alignment, row: int) -> dict[str, int]:
    """A first guess for :func:`split`: each language cut in the middle (rounded up)."""
    link = _check_row(alignment, row)
    return {lang: math.ceil(len(link.segments.get(lang, ())) / 2) for lang in alignment.langs}


def split(alignment: Alignment, row: int, cuts: Mapping[str, int]) -> Alignment:
    """Split the link at ``row`` in two: language ``L`` keeps its first ``cuts[L]`` segments in the upper row,
    the rest go to the new row below. Languages not in ``cuts`` stay whole in the upper row."""
    link = _check_row(alignment, row)
    upper: dict[str, tuple[int, ...]] = {}
    lower: dict[str, tuple[int, ...]] = {}
    for lang in cuts:
        _check_lang(alignment, lang)
    for lang in alignment.langs:
        ids = tuple(link.segments.get(lang, ()))
        cut = cuts.get(lang, len(ids))
        if not 0 <= cut <= len(ids):
            raise AlignmentError(f"row {row + 1}: {lang} has {len(ids)} segment(s), cannot cut after {cut}")
        upper[lang], lower[lang] = ids[:cut], ids[cut:]
    if not any(upper.values()) or not any(lower.values()):
        raise AlignmentError(f"row {row + 1}: this split leaves one of the two rows empty; choose other cut points")
    links = list(alignment.links)
    links[row : row + 1] = [_edited(link, upper), _edited(link, lower)]  # both keep the aligner's score
    return _with_links(alignment, links)


def move_first_up(alignment: Alignment, row: int, lang: str) -> Alignment:
    """Move the first ``lang`` segment of the link at ``row`` to the end of the row above."""
    link = _check_row(alignment, row)
    _check_lang(alignment, lang)
    ids = tuple(link.segments.get(lang, ()))
    if row == 0:
        raise AlignmentError("the first row has no row above to move a segment to")
    if not ids:
        raise AlignmentError(f"row {row + 1} has no {lang} segment to move up")
    above = alignment.links[row - 1]
    links = list(alignment.links)
    links[row - 1] = _edited(above, {**above.segments, lang: tuple(above.segments.get(lang, ())) + ids[:1]})
    links[row] = _edited(link, {**link.segments, lang: ids[1:]})
    return _with_links(alignment, links)


def move_last_down(alignment: Alignment, row: int, lang: str) -> Alignment:
    """Move the last ``lang`` segment of the link at ``row`` to the start of the row below."""
    link = _check_row(alignment, row)
    _check_lang(alignment, lang)
    ids = tuple(link.segments.get(lang, ()))
    if row + 1 >= len(alignment.links):
        raise AlignmentError("the last row has no row below to move a segment to")
    if not ids:
        raise AlignmentError(f"row {row + 1} has no {lang} segment to move down")
    below = alignment.links[row + 1]
    links = list(alignment.links)
    links[row] = _edited(link, {**link.segments, lang: ids[:-1]})
    links[row + 1] = _edited(below, {**below.segments, lang: ids[-1:] + tuple(below.segments.get(lang, ()))})
    return _with_links(alignment, links)


def insert_empty(alignment: Alignment, row: int) -> Alignment:
    """Insert an empty link (no segment in any language) just below ``row`` (``row=-1``: at the top)."""
    if row != -1:
        _check_row(alignment, row)
    empty = Link({lang: () for lang in alignment.langs}, 0.0, "edited")
    links = list(alignment.links)
    links.insert(row + 1, empty)
    return _with_links(alignment, links)


def no_counterpart(alignment: Alignment, row: int, lang: str, index: int = 0) -> Alignment:
    """Mark the ``index``-th ``lang`` segment of the link at ``row`` as having no counterpart: it moves
    into a row of its own (empty in every other language), placed above the rest of the link when it is
    the cell's first segment, below it when it is the last. A middle segment is refused (split first)."""
    link = _check_row(alignment, row)
    _check_lang(alignment, lang)
    ids = tuple(link.segments.get(lang, ()))
    if not 0 <= index < len(ids):
        raise AlignmentError(f"row {row + 1} has no {lang} segment number {index + 1}")
    others = any(ids_ for other, ids_ in link.segments.items() if other != lang and ids_)
    if len(ids) == 1 and not others:
        raise AlignmentError(f"row {row + 1}: this {lang} segment already has no counterpart")
    if 0 < index < len(ids) - 1:
        raise AlignmentError(
            f"row {row + 1}: only the first or last {lang} segment of a cell can be set apart; split the row first"
        )
    alone = Link({other: (ids[index],) if other == lang else () for other in alignment.langs}, link.confidence,
                 "edited")  # the aligner's score of the link it came from, as for split
    rest = _edited(link, {**link.segments, lang: ids[1:] if index == 0 else ids[:-1]})
    links = list(alignment.links)
    links[row : row + 1] = [alone, rest] if index == 0 else [rest, alone]
    return _with_links(alignment, links)


def edit_text(alignment: Alignment, row: int, lang: str, index: int, text: str) -> Alignment:
    """Replace the text of the ``index``-th ``lang`` segment of the link at ``row`` (a typo fix).

    The text as first read is kept in :attr:`AlignedDocument.original`; editing back to it forgets the edit.
    """
    link = _check_row(alignment, row)
    _check_lang(alignment, lang)
    ids = tuple(link.segments.get(lang, ()))
    if not 0 <= index < len(ids):
        raise AlignmentError(f"row {row + 1} has no {lang} segment number {index + 1}")
    text = text.strip()
    if not text:
        raise AlignmentError("a segment cannot be made empty; mark it as having no counterpart instead")
    doc = alignment.document(lang)
    seg = ids[index]
    if doc.segments[seg] == text:
        raise AlignmentError("the text is unchanged")
    original = dict(doc.original)
    first = original.get(seg, doc.segments[seg])
    if text == first:
        original.pop(seg, None)
    else:
        original[seg] = first
    segments = list(doc.segments)
    segments[seg] = text
    new_doc = replace(doc, segments=tuple(segments), original=original)
    documents = tuple(new_doc if d.lang == lang else d for d in alignment.documents)
    links = list(alignment.links)
    links[row] = link.with_status("edited")
    return _with_links(replace(alignment, documents=documents), links)


def split_text(alignment: Alignment, row: int, lang: str, index: int, at: int) -> Alignment:
    """Cut the ``index``-th ``lang`` segment of the link at ``row`` in two at character ``at`` (two sentences the
    segmenter left as one): both parts stay in the row, as two segments, so that :func:`split` can then give each
    its own row. Every later segment of ``lang`` is numbered one more, in the links and the pairs' own links;
    the first part keeps the text as first read (:attr:`AlignedDocument.original`)."""
    link = _check_row(alignment, row)
    _check_lang(alignment, lang)
    ids = tuple(link.segments.get(lang, ()))
    if not 0 <= index < len(ids):
        raise AlignmentError(f"row {row + 1} has no {lang} segment number {index + 1}")
    doc = alignment.document(lang)
    seg = ids[index]
    text = doc.segments[seg]
    head, tail = (text[:at].strip(), text[at:].strip()) if 0 < at < len(text) else ("", "")
    if not head or not tail:
        raise AlignmentError("cut inside the text: each part needs some of it")

    def shifted(numbers: tuple[int, ...]) -> tuple[int, ...]:
        out = tuple(i + 1 if i > seg else i for i in numbers)
        return out[: out.index(seg) + 1] + (seg + 1,) + out[out.index(seg) + 1 :] if seg in out else out

    def moved(k: Link) -> Link:
        return replace(k, segments={**k.segments, lang: shifted(tuple(k.segments[lang]))}) if lang in k.segments else k

    original = {i + 1 if i > seg else i: t for i, t in doc.original.items()}
    original[seg] = doc.original.get(seg, text)
    paragraph_of = doc.paragraph_of
    if paragraph_of is not None:
        paragraph_of = paragraph_of[: seg + 1] + paragraph_of[seg:]
    new_doc = replace(doc, segments=doc.segments[:seg] + (head, tail) + doc.segments[seg + 1 :], original=original,
                      paragraph_of=paragraph_of)
    links = [moved(k) for k in alignment.links]
    links[row] = links[row].with_status("edited")
    new = replace(alignment, documents=tuple(new_doc if d.lang == lang else d for d in alignment.documents),
                  links=tuple(links),
                  pair_links={pair: tuple(moved(k) for k in own) for pair, own in alignment.pair_links.items()})
    new.validate()  # the number of segments changed: the pairs' own links are checked too
    return new


# -- operations as data ------------------------------------------------------------------------------------

OPERATIONS = {
    "confirm": confirm,
    "unconfirm": unconfirm,
    "confirm_through": confirm_through,
    "merge_next": merge_next,
    "split": split,
    "move_first_up": move_first_up,
    "move_last_down": move_last_down,
    "insert_empty": insert_empty,
    "no_counterpart": no_counterpart,
    "edit_text": edit_text,
    "split_text": split_text,
}


@dataclass(frozen=True)
class Op:
    """One operation with its arguments, e.g. ``Op("split", 4, {"cuts": {"en": 1}})``; JSON-serialisable."""

    name: str
    row: int
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "row": self.row, **({"args": self.args} if self.args else {})}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Op:
        name = str(data["name"])
        if name not in OPERATIONS:
            raise AlignmentError(f"unknown operation {name!r}")
        return cls(name, int(data["row"]), dict(data.get("args") or {}))


def apply_op(alignment: Alignment, op: Op) -> Alignment:
    """Apply ``op`` to ``alignment`` (see the functions of the same name)."""
    try:
        func = OPERATIONS[op.name]
    except KeyError:
        raise AlignmentError(f"unknown operation {op.name!r}") from None
    return func(alignment, op.row, **op.args)


def _texts_key(alignment: Alignment, link: Link) -> tuple:
    """A link by its texts in every language (what stays when segments are renumbered)."""
    return tuple(sorted((lang, tuple(alignment.document(lang).segments[i] for i in ids))
                        for lang, ids in link.segments.items()))


@dataclass
class _State:
    alignment: Alignment
    row: int  # where the operation that produced this state happened (for the cursor after undo/redo)


class History:
    """Every state since the start, for unlimited undo and redo. States share unchanged links and texts."""

    def __init__(self, alignment: Alignment) -> None:
        self._states = [_State(alignment, 0)]
        self._pos = 0
        self._opened: dict[tuple, str] | None = None  # a link's texts in the file as opened -> its status there

    @property
    def current(self) -> Alignment:
        return self._states[self._pos].alignment

    @property
    def can_undo(self) -> bool:
        return self._pos > 0

    @property
    def can_redo(self) -> bool:
        return self._pos + 1 < len(self._states)

    def __len__(self) -> int:
        return self._pos

    def apply(self, op: Op) -> Alignment:
        """Apply ``op`` to the current state; on success it becomes current and the redo list is dropped."""
        new = apply_op(self.current, op)
        self.push(new, op.row)
        return new

    def push(self, alignment: Alignment, row: int) -> None:
        """Make ``alignment`` (the result of an operation at ``row``) current; drops the redo list."""
        del self._states[self._pos + 1 :]
        self._states.append(_State(alignment, row))
        self._pos += 1

    def undo(self) -> int:
        """Go back one state; returns the row the undone operation was at."""
        if not self.can_undo:
            raise AlignmentError("nothing to undo")
        row = self._states[self._pos].row
        self._pos -= 1
        return row

    def redo(self) -> int:
        """Go forward one state; returns the row the redone operation was at."""
        if not self.can_redo:
            raise AlignmentError("nothing to redo")
        self._pos += 1
        return self._states[self._pos].row

    def status_before_confirmation(self, row: int) -> str:
        """What the confirmed link at ``row`` of the current state goes back to when unconfirmed: ``edited`` when
        the reviewer reshaped or corrected it in this session (its texts are those of no link of the file as
        opened), else the status that link had in the file (``confirmed`` there, unknown before: ``auto``).

        Compared by texts, not segment numbers: cutting a segment above renumbers the rows below it, not their
        texts. Linear in the links (the file's are indexed once)."""
        current = self.current
        key = _texts_key(current, current.links[row])
        if self._opened is None:
            first = self._states[0].alignment
            self._opened = {}
            for link in first.links:
                self._opened.setdefault(_texts_key(first, link), link.status)
        status = self._opened.get(key)
        if status is None:
            return "edited"
        return status if status in ("auto", "edited") else "auto"

    def mark(self) -> tuple:
        """A mark of the current state, for :meth:`steps_since` (e.g. the state a save wrote)."""
        return tuple(self._states[: self._pos + 1])

    def steps_since(self, mark: tuple) -> int:
        """How many decisions (undone or made) lead from the state marked by ``mark`` to the current one."""
        path = self._states[: self._pos + 1]
        common = 0
        while common < min(len(mark), len(path)) and mark[common] is path[common]:
            common += 1
        return (len(mark) - common) + (len(path) - common)
