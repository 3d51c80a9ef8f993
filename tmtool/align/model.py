"""The alignment model and its file, ``alignment.json`` (version 1).

An :class:`Alignment` holds the documents (one per language, each a list of segments) and the
:class:`Link` list. The invariant, checked by :meth:`Alignment.validate`: for every language, the links
taken in order list that language's segment numbers 0, 1, 2, ... exactly once each, in order (so links are
in document order and cover every segment exactly once). A link may be empty in some languages (1-0, 0-1).

File format::

    {"version": 1,
     "level": "paragraph" | "sentence",
     "documents": [{"lang": "en", "path": "...", "metadata": {...}, "segments": ["...", ...],
                    "paragraph_of": [0, 0, 1, ...]            # optional: sentence -> paragraph index (one a
                                                              # segment, 0 or more, never going back)
                    "original": {"3": "text before edit"}},   # optional: edited segments' originals
                   ...],
     "links": [{"segments": {"en": [0], "fr": [0, 1], "zh": []}, "confidence": 0.97, "status": "auto"}, ...],
     "pair_links": [{"langs": ["en", "fr"], "links": [[[0], [0], 0.97], [[], [1], 0.4], ...]}, ...]}  # optional

``pair_links`` (optional; written by ``tmtool align`` for three or more versions, with bridges) holds each
pair's own alignment, each link ``[segments of the first language, of the second, confidence]``, covering both
languages' segments once, in order. A link of ``links`` must hold whole segments of every language, so where one version
joins two sentences the link joins them in all; the pair's own links keep the pair's granularity.
:meth:`Alignment.pair_units` gives them between reviewed links (which stay as reviewed), as the TMX export of two
languages does. Readers that do not know the key ignore it (the format stays version 1).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import AlignmentError, FormatError, InputError, UsageError, shown
from ..fileio import atomic_write_text, regular_file
from ..languages import normalise_tag, uses_spaces

__all__ = [
    "check_storable",
    "FORMAT_VERSION",
    "STATUSES",
    "AlignedDocument",
    "Link",
    "Alignment",
    "read_alignment",
    "write_alignment",
    "AlignmentWarning",
    "EmbeddingLeftOutWarning",
]

FORMAT_VERSION = 1
STATUSES = ("auto", "confirmed", "edited")


class AlignmentWarning(UserWarning):
    """Something about the input or the installation that makes the alignment doubtful (empty or identical
    versions, a missing dictionary, ...); the CLI prints each as ``tmtool: warning: ...``."""


class EmbeddingLeftOutWarning(AlignmentWarning):
    """The embedding model was left out for some language pairs (it failed its check: :mod:`.embeddings`). Each
    names every pair of its documents left out so far in the run, so a caller that aligns twice keeps the last."""


@dataclass(frozen=True)
class AlignedDocument:
    """One language version inside an alignment: its segments and where they came from."""

    lang: str
    segments: tuple[str, ...]
    path: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    paragraph_of: tuple[int, ...] | None = None
    original: dict[int, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "lang": self.lang,
            "path": self.path,
            "metadata": self.metadata,
            "segments": list(self.segments),
        }
        if self.paragraph_of is not None:
            out["paragraph_of"] = list(self.paragraph_of)
        if self.original:
            out["original"] = {str(k): v for k, v in sorted(self.original.items())}
        return out


@dataclass(frozen=True)
class Link:
    """One link: for each language, the (consecutive, ascending) segment numbers it groups."""

    segments: dict[str, tuple[int, ...]]
    confidence: float = 0.0
    status: str = "auto"

    def link_type(self, langs: list[str] | tuple[str, ...] | None = None) -> str:
        """``"1-2"``-style type over ``langs`` (default: all languages of the link, in key order)."""
        keys = langs if langs is not None else list(self.segments)
        return "-".join(str(len(self.segments.get(lang, ()))) for lang in keys)

    def with_status(self, status: str) -> Link:
        return replace(self, status=status)

    def to_json(self) -> dict[str, Any]:
        return {
            "segments": {lang: list(ids) for lang, ids in self.segments.items()},
            "confidence": round(float(self.confidence), 4),
            "status": self.status,
        }


@dataclass(frozen=True)
class Alignment:
    """Documents in several languages and the links between their segments."""

    documents: tuple[AlignedDocument, ...]
    links: tuple[Link, ...]
    level: str = "paragraph"
    pair_links: dict[tuple[str, str], tuple[Link, ...]] = field(default_factory=dict)

    @property
    def langs(self) -> list[str]:
        return [d.lang for d in self.documents]

    def document(self, lang: str) -> AlignedDocument:
        for d in self.documents:
            if d.lang == lang:
                return d
        raise KeyError(lang)

    def texts(self, link: Link, lang: str, sep: str = " ") -> str:
        """The text of ``link`` in ``lang``: its segments joined with ``sep``."""
        segs = self.document(lang).segments
        return sep.join(segs[i] for i in link.segments.get(lang, ()))

    def unit_text(self, link: Link, lang: str) -> str:
        """The text of ``link`` in ``lang`` as a TM or TMX unit holds it: its segments joined with a space
        (with nothing for languages written without spaces: Chinese, Japanese, Thai), stripped."""
        return self.texts(link, lang, sep=" " if uses_spaces(lang) else "").strip()

    def pair_units(self, a: str, b: str) -> list[tuple[str, Link]]:
        """The links of the pair ``a``-``b`` at the pair's own granularity, in order, each with the number(s) of
        the link(s) of :attr:`links` it comes from (``"12"``; ``"12.1"``, ``"12.2"`` for parts of one; ``"12-13"``
        across two).

        A reviewed link (``confirmed``, ``edited``) is kept exactly as the reviewer saw it. Between reviewed links,
        a run of automatic links is given as the pair's own links (:attr:`pair_links`) when these fall wholly
        inside the run; else each automatic link is cut into the pair's links that fall wholly inside it, or kept
        whole. Without pair links, each link's segments of the two languages (links empty in both left out)."""
        own = self.pair_links.get((a, b))
        if own is None and (b, a) in self.pair_links:
            own = tuple(Link({a: k.segments[a], b: k.segments[b]}, k.confidence) for k in self.pair_links[b, a])
        links = self.links
        out: list[tuple[str, Link]] = []
        n = 0
        while n < len(links):
            end = n + 1
            if own and links[n].status == "auto":
                while end < len(links) and links[end].status == "auto":
                    end += 1
            out.extend(_pair_run(links, n, end, own or (), a, b))
            n = end
        return out

    def validate(self, pair_links: bool = True) -> None:
        """Raise :class:`AlignmentError` unless every segment of every language is linked once, in order (in
        :attr:`links`, and with ``pair_links`` in each pair's own links of two languages)."""
        langs = self.langs
        if len(set(langs)) != len(langs):
            raise AlignmentError(f"duplicate language in alignment: {langs}")
        for doc in self.documents:
            _check_document(doc)
            _check_cover(self.links, doc.lang, len(doc.segments), "")
        for (a, b), links in self.pair_links.items() if pair_links else ():
            if a == b or a not in langs or b not in langs:
                raise AlignmentError(f"pair links of {a}-{b}: not two languages of the alignment")
            for lang in (a, b):
                _check_cover(links, lang, len(self.document(lang).segments), f"pair links of {a}-{b}, ")
        for n, link in enumerate(self.links):
            unknown = set(link.segments) - set(langs)
            if unknown:
                raise AlignmentError(f"link {n}: unknown language(s) {sorted(unknown)}")
            if link.status not in STATUSES:
                raise AlignmentError(f"link {n}: unknown status {shown(link.status)}")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "level": self.level,
            "documents": [d.to_json() for d in self.documents],
            "links": [link.to_json() for link in self.links],
        }
        if self.pair_links:
            out["pair_links"] = [
                {"langs": [a, b], "links": [[list(k.segments[a]), list(k.segments[b]), round(float(k.confidence), 4)]
                                            for k in links]}
                for (a, b), links in self.pair_links.items()
            ]
        return out


def _check_document(doc: AlignedDocument) -> None:
    """Raise :class:`AlignmentError` unless ``doc``'s ``paragraph_of`` gives each segment a paragraph number (0 or
    more, never going back) and ``original`` names only segments it has (the review UI and the export read both)."""
    size = len(doc.segments)
    para = doc.paragraph_of
    if para is not None:
        if len(para) != size:
            raise AlignmentError(f"{doc.lang}: 'paragraph_of' has {len(para)} paragraph numbers for {size} segments")
        for seg, number in enumerate(para):
            if number < 0:
                raise AlignmentError(f"{doc.lang}: 'paragraph_of' of segment {seg} is {number}: paragraph numbers "
                                     "are 0 or more")
            if seg and number < para[seg - 1]:
                raise AlignmentError(f"{doc.lang}: 'paragraph_of' of segment {seg} is {number}, less than the "
                                     f"{para[seg - 1]} of segment {seg - 1}: paragraph numbers never go back")
    for seg in sorted(doc.original):
        if not 0 <= seg < size:
            raise AlignmentError(f"{doc.lang}: 'original' of segment {seg}: the document has segments 0 to {size - 1}"
                                 if size else f"{doc.lang}: 'original' of segment {seg}: the document has no segments")


def _check_cover(links: Sequence[Link], lang: str, size: int, where: str) -> None:
    """Raise :class:`AlignmentError` unless ``links`` list ``lang``'s segments 0 .. size-1 once each, in order."""
    expected = 0
    for n, link in enumerate(links):
        for i in link.segments.get(lang, ()):
            if i != expected:
                raise AlignmentError(f"{where}link {n}: {lang} segment {i} out of order (expected {expected})")
            expected += 1
    if expected != size:
        raise AlignmentError(f"{where}{lang}: links cover {expected} of {size} segments")


def _pair_run(links: Sequence[Link], start: int, end: int, own: Sequence[Link], a: str, b: str
              ) -> list[tuple[str, Link]]:
    """:meth:`Alignment.pair_units` for the links ``start`` .. ``end - 1`` (one reviewed link, or a run of
    automatic ones)."""
    joint_of = {(lang, i): n for n in range(start, end) for lang in (a, b) for i in links[n].segments.get(lang, ())}
    inner = [k for k in own if any((lang, i) in joint_of for lang in (a, b) for i in k.segments[lang])]
    fits = bool(inner) and all((lang, i) in joint_of for k in inner for lang in (a, b) for i in k.segments[lang])
    if not fits or links[start].status != "auto":
        if end - start > 1:  # the pair's links reach out of the run: link by link
            return [unit for n in range(start, end) for unit in _pair_run(links, n, n + 1, own, a, b)]
        return [_projected(links, start, a, b)] if joint_of else []
    homes = [sorted({joint_of[lang, i] for lang in (a, b) for i in k.segments[lang]}) for k in inner]
    touching = Counter(n for home in homes for n in home)
    out: list[tuple[str, Link]] = []
    seen: Counter[int] = Counter()
    for k, home in zip(inner, homes):
        first = home[0]
        if len(home) > 1:  # across two or more links of all versions
            out.append((f"{first + 1}-{home[-1] + 1}", k))
        elif touching[first] == 1:  # the pair link is that link's part of the pair: kept as it is
            out.append(_projected(links, first, a, b))
        else:
            seen[first] += 1
            out.append((f"{first + 1}.{seen[first]}", k))
    return out


def _projected(links: Sequence[Link], n: int, a: str, b: str) -> tuple[str, Link]:
    link = links[n]
    return str(n + 1), Link({a: link.segments.get(a, ()), b: link.segments.get(b, ())}, link.confidence, link.status)


class _Malformed(Exception):
    """A value of the wrong kind in an alignment file (the message names where)."""


def _key(obj: dict[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise _Malformed(f"{where}missing key {key!r}")
    return obj[key]


def _of_type(value: Any, kind: type, name: str, where: str) -> Any:
    if not isinstance(value, kind):
        raise _Malformed(f"{where}{name} must be {'an object' if kind is dict else 'a list'}, not "
                         f"{json.dumps(value)[:40]}")
    return value


def _index(value: Any, where: str) -> int:
    """A segment or paragraph number: a JSON integer (not ``"0"``, ``true`` or ``0.0``)."""
    if type(value) is not int:
        raise _Malformed(f"{where}{json.dumps(value)[:40]} is not a segment number (an integer)")
    return value


def _indices(value: Any, name: str, where: str) -> tuple[int, ...]:
    return tuple(_index(i, where) for i in _of_type(value, list, name, where))


def _confidence(value: Any, where: str) -> float:
    """A confidence: a number from 0 to 1 (not NaN, not ``"high"``)."""
    if type(value) not in (int, float) or not 0.0 <= value <= 1.0:  # NaN fails both comparisons
        raise _Malformed(f"{where}confidence {json.dumps(value)[:40]} is not a number from 0 to 1")
    return float(value)


def _document(d: Any, n: int) -> AlignedDocument:
    where = f"document {n}: "
    _of_type(d, dict, "a document", where)
    lang = _key(d, "lang", where)
    if not isinstance(lang, str) or not lang:
        raise _Malformed(f"{where}'lang' must be a language tag")
    segments = _key(d, "segments", where)
    if not isinstance(segments, list) or not all(isinstance(seg, str) for seg in segments):
        k = next((i for i, seg in enumerate(segments) if not isinstance(seg, str)), None) if isinstance(
            segments, list
        ) else None
        what = f" (segment {k} is {type(segments[k]).__name__})" if k is not None else ""
        raise _Malformed(f"{lang}: 'segments' must be a list of strings{what}")
    original = _of_type(d.get("original") or {}, dict, "'original'", where)
    para = d.get("paragraph_of")
    return AlignedDocument(
        lang=lang,
        segments=tuple(segments),
        path=str(d.get("path", "")),
        metadata=dict(_of_type(d.get("metadata") or {}, dict, "'metadata'", where)),
        paragraph_of=_indices(para, "'paragraph_of'", where) if para is not None else None,
        original={_index(int(k) if k.isascii() and k.isdigit() else k, f"{where}'original': "): str(v)
                  for k, v in original.items()},
    )


def _link(link: Any, n: int) -> Link:
    where = f"link {n}: "
    _of_type(link, dict, "a link", where)
    segments = _of_type(_key(link, "segments", where), dict, "'segments'", where)
    return Link(segments={str(k): _indices(v, f"'segments' of {k}", where) for k, v in segments.items()},
                confidence=_confidence(link.get("confidence", 0.0), where),
                status=str(link.get("status", "auto")))


def _pair(pair: Any, n: int) -> tuple[tuple[str, str], tuple[Link, ...]]:
    where = f"pair_links {n}: "
    _of_type(pair, dict, "a pair", where)
    langs = _of_type(_key(pair, "langs", where), list, "'langs'", where)
    if len(langs) != 2:
        raise _Malformed(f"{where}'langs' must name two languages")
    a, b = (str(lang) for lang in langs)
    links = []
    for k, row in enumerate(_of_type(_key(pair, "links", where), list, "'links'", where)):
        here = f"pair links of {a}-{b}, link {k}: "
        if not isinstance(row, list) or len(row) != 3:
            raise _Malformed(f"{here}must be [segments of {a}, segments of {b}, confidence]")
        links.append(Link({a: _indices(row[0], a, here), b: _indices(row[1], b, here)}, _confidence(row[2], here)))
    return (a, b), tuple(links)


def _parse(data: Any, path: str) -> Alignment:
    if not isinstance(data, dict):
        raise FormatError("alignment file is not a JSON object", path)
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise FormatError(f"unsupported alignment version {version!r} (this tmtool reads {FORMAT_VERSION})", path)
    level = data.get("level", "paragraph")
    if level not in ("paragraph", "sentence"):
        raise FormatError(f"level must be paragraph or sentence, not {json.dumps(level)[:40]}", path)
    try:
        docs = tuple(_document(d, n) for n, d in enumerate(_of_type(_key(data, "documents", ""), list,
                                                                   "'documents'", "")))
        links = tuple(_link(link, n) for n, link in enumerate(_of_type(_key(data, "links", ""), list, "'links'", "")))
        pair_links = dict(_pair(pair, n) for n, pair in enumerate(_of_type(data.get("pair_links") or [], list,
                                                                          "'pair_links'", "")))
    except _Malformed as exc:
        raise FormatError(str(exc), path) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # a shape the checks above did not foresee
        raise FormatError(f"malformed alignment file: {exc!r}", path) from None
    alignment = Alignment(docs, links, level=level, pair_links=pair_links)
    try:
        alignment.validate()
    except AlignmentError as exc:
        raise FormatError(f"invalid alignment: {exc}", path) from None
    try:
        check_storable(alignment)
    except AlignmentError as exc:
        raise FormatError(str(exc), path) from None
    return alignment


def check_storable(alignment: Alignment) -> None:
    """What an ``alignment.json`` must be beyond :meth:`Alignment.validate`, checked on reading and on writing
    (tmtool never writes a file it refuses to read): two documents or more (one: tm add added nothing, glossary
    check found nothing, review opened one column, each with exit 0), each ``lang`` a language tag."""
    for n, doc in enumerate(alignment.documents):
        try:  # checked, not changed: the file keeps its own spelling
            normalise_tag(doc.lang)
        except UsageError:
            raise AlignmentError(f"document {n}: 'lang' {shown(doc.lang)} is not a language tag") from None
    if len(alignment.documents) < 2:
        raise AlignmentError(f"an alignment holds two documents or more, this one {len(alignment.documents)}")


def _looks_like_xml(raw: bytes) -> bool:
    """Whether ``raw`` starts as XML does (``<`` after a byte order mark and white space, in UTF-8 or UTF-16)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):len(bom) + 200].decode(codec, errors="ignore").lstrip().startswith("<")
    return raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def read_alignment(path: str | Path) -> Alignment:
    """Read and validate an ``alignment.json`` file."""
    p = regular_file(path)  # /dev/null read as empty: "not JSON"
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if _looks_like_xml(raw):
        raise FormatError("an XML file (TMX, TBX?), not an alignment.json", p)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FormatError("not UTF-8 JSON", p) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"not JSON: {exc.msg}", p, exc.lineno, exc.colno) from None
    except RecursionError:
        raise FormatError("not JSON: nested too deeply", p) from None
    return _parse(data, str(p))


def write_alignment(alignment: Alignment, path: str | Path) -> None:
    """Validate ``alignment`` (and :func:`check_storable`) and write it atomically as ``alignment.json`` (UTF-8,
    indented)."""
    alignment.validate()
    check_storable(alignment)
    text = json.dumps(alignment.to_json(), ensure_ascii=False, indent=1)
    atomic_write_text(path, text + "\n")
