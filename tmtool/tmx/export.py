"""From an alignment (``alignment.json``) to translation units and a TMX file.

One unit per link that has text in at least two of the exported languages; with two languages of an alignment
of several versions, the pair's own links between reviewed links (:meth:`~tmtool.align.model.Alignment.pair_units`).
Provenance is kept as ``x-`` props: ``x-document`` (the document symbol, all of them for a joint document, else the
file name), ``x-confidence``, ``x-status`` (the review status) and ``x-link-type`` (``"1-2"``-style, over the
exported languages).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..align.model import Alignment, Link, read_alignment
from ..errors import AlignmentError, LanguageError, UsageError
from ..languages import base, uses_spaces
from .model import TranslationUnit, Variant
from .profiles import get_profile
from .reader import lang_key
from .writer import write_tmx

__all__ = ["STATUS_FILTERS", "alignment_units", "export_alignment", "document_id", "source_language"]

STATUS_FILTERS = ("all", "confirmed")
_REVIEWED = frozenset({"confirmed", "edited"})


def document_id(alignment: Alignment) -> str:
    """The document as its symbol says it, else its file name.

    The symbol comes from ``metadata["symbols"]`` (or ``["symbol"]``) of the first document that has one;
    a joint document keeps all of its symbols, joined the way the UN writes them: ``A/78/371-S/2023/684``.
    Without a symbol: the file name of the original-language document (``metadata["original_language"]``),
    else of the first document that has a path; else ``"alignment"``."""
    for doc in alignment.documents:
        meta = doc.metadata or {}
        symbols = meta.get("symbols")
        if isinstance(symbols, str) and symbols.strip():
            return symbols.strip()
        if isinstance(symbols, (list, tuple)):
            parts = [str(s).strip() for s in symbols if str(s).strip()]
            if parts:
                return "-".join(dict.fromkeys(parts))
        if meta.get("symbol"):
            return str(meta["symbol"]).strip()
    with_path = [doc for doc in alignment.documents if doc.path]
    if not with_path:
        return "alignment"
    originals = {lang_key(str((d.metadata or {}).get("original_language") or "")) for d in with_path}
    original = next((d for d in with_path if lang_key(d.lang) in originals), with_path[0])
    return Path(original.path).name


def source_language(alignment: Alignment, langs: Sequence[str]) -> str | None:
    """The original language of the documents (``metadata["original_language"]``) if it is exported."""
    keys = {lang_key(lang): lang for lang in langs}
    for doc in alignment.documents:
        orig = (doc.metadata or {}).get("original_language")
        if isinstance(orig, str) and orig:
            key = lang_key(orig)
            if key in keys:
                return keys[key]
            primary = base(key)
            for k, lang in keys.items():
                if base(k) == primary:
                    return lang
    return None


def _resolve_langs(alignment: Alignment, langs: Sequence[str] | None) -> list[str]:
    available = {lang_key(lang): lang for lang in alignment.langs}
    if not langs:
        chosen = list(alignment.langs)
    else:
        chosen = []
        for lang in langs:
            key = lang_key(lang)
            if key not in available:
                raise LanguageError(f"language {lang!r} is not in the alignment (it has {', '.join(alignment.langs)})")
            if available[key] not in chosen:
                chosen.append(available[key])
    if len(chosen) < 2:
        raise UsageError("a TMX export needs at least two languages")
    return chosen


def _paragraph_groups(alignment: Alignment, links: Sequence[Link]) -> Iterator[list[int]]:
    """Group consecutive sentence links into paragraph-level runs: a run ends where every language is
    at a paragraph boundary."""
    para = {doc.lang: doc.paragraph_of or () for doc in alignment.documents}
    group: list[int] = []
    for n, link in enumerate(links):
        group.append(n)
        at_boundary = True
        for lang, ids in link.segments.items():
            if not ids:
                continue
            last = ids[-1]
            of = para[lang]
            if last + 1 < len(of) and of[last + 1] == of[last]:
                at_boundary = False
                break
        if at_boundary:
            yield group
            group = []
    if group:
        yield group


def alignment_units(
    alignment: Alignment,
    *,
    status: str = "all",
    min_confidence: float = 0.0,
    langs: Sequence[str] | None = None,
    segtype: str | None = None,
) -> Iterator[TranslationUnit]:
    """The translation units of ``alignment`` with the filters of :func:`export_alignment`.

    Options are checked at once: :class:`UsageError` for an option that cannot be (an unknown status,
    fewer than two languages), :class:`LanguageError` for a language the alignment does not have,
    :class:`AlignmentError` for a unit size this alignment cannot give; the units come lazily."""
    if status not in STATUS_FILTERS:
        raise UsageError(f"status must be one of {', '.join(STATUS_FILTERS)}, not {status!r}")
    chosen = _resolve_langs(alignment, langs)
    level = alignment.level
    segtype = segtype or level
    if segtype not in ("paragraph", "sentence"):
        raise UsageError(f"segtype must be paragraph or sentence, not {segtype!r}")
    if segtype == "sentence" and level != "sentence":
        raise AlignmentError(
            "this alignment is paragraph-level: a sentence-level TMX needs a sentence alignment "
            "(tmtool align --level sentence)"
        )
    if segtype == "paragraph" and level == "sentence":
        missing = [d.lang for d in alignment.documents if d.paragraph_of is None]
        if missing:
            raise AlignmentError(
                "--segtype paragraph needs paragraph numbers, but the sentence alignment has none for "
                + ", ".join(missing)
            )
    return _units(alignment, status, min_confidence, chosen, segtype)


def _units(
    alignment: Alignment, status: str, min_confidence: float, chosen: list[str], segtype: str
) -> Iterator[TranslationUnit]:
    doc_id = document_id(alignment)
    links = alignment.links
    numbers: list[str] | None = None
    if segtype == "paragraph" and alignment.level == "sentence":
        groups: Iterator[list[int]] = _paragraph_groups(alignment, links)
    else:
        if len(chosen) == 2:  # two languages: the pair's own links between reviewed links
            numbered = alignment.pair_units(*chosen)
            links = tuple(link for _, link in numbered)
            numbers = [number for number, _ in numbered]
        groups = ([n] for n in range(len(links)))
    segments = {lang: alignment.document(lang).segments for lang in chosen}
    seps = {lang: " " if uses_spaces(lang) else "" for lang in chosen}
    for group in groups:
        members = [links[n] for n in group]
        statuses = [m.status for m in members]
        if status == "confirmed" and not all(s in _REVIEWED for s in statuses):
            continue
        confidence = min(m.confidence for m in members)
        unreviewed = [m.confidence for m, s in zip(members, statuses) if s not in _REVIEWED]
        if unreviewed and min(unreviewed) < min_confidence:  # a reviewer's decision outweighs the score
            continue
        variants = []
        counts = []
        for lang in chosen:
            ids = [i for m in members for i in m.segments.get(lang, ())]
            counts.append(str(len(ids)))
            text = seps[lang].join(segments[lang][i] for i in ids).strip()
            if text:
                variants.append(Variant(lang, text))
        if len(variants) < 2:
            continue
        link_status = next((s for s in ("auto", "edited", "confirmed") if s in statuses), statuses[0])
        if numbers is not None:
            number = numbers[group[0]]
        else:
            number = f"{group[0] + 1}" if len(group) == 1 else f"{group[0] + 1}-{group[-1] + 1}"
        yield TranslationUnit(
            variants=tuple(variants),
            tuid=f"{doc_id}:{number}",
            props=(
                ("x-document", doc_id),
                ("x-confidence", f"{confidence:.4f}".rstrip("0").rstrip(".") if confidence else "0"),
                ("x-status", link_status),
                ("x-link-type", "-".join(counts)),
            ),
        )


def export_alignment(
    alignment: Alignment | str | Path,
    path: str | Path,
    *,
    profile: str = "generic",
    status: str = "all",
    min_confidence: float = 0.0,
    langs: Sequence[str] | None = None,
    segtype: str | None = None,
    srclang: str | None = None,
    creationdate: str | None = None,
    stats: dict[str, int] | None = None,
) -> int:
    """Write the links of ``alignment`` (an :class:`Alignment` or an ``alignment.json`` path) as TMX 1.4.

    ``status="confirmed"`` keeps only reviewed links (status ``confirmed`` or ``edited``);
    ``min_confidence`` drops unreviewed links scored below it (a reviewer's decision is kept); ``langs`` chooses and orders the languages (default:
    all); ``segtype`` is ``paragraph`` or ``sentence`` (default: the alignment's level; a sentence
    alignment can be exported by paragraph). The header ``srclang`` is ``srclang`` if given, else the
    documents' original language when exported, else ``*all*`` (generic profile) or the first language.
    A unit without text in the header's ``srclang`` gets ``srclang="*all*"`` of its own in the generic
    profile and is left out in the tool profiles; ``stats``, if given, receives ``no_source``, the number
    left out. Returns the number of units written.
    """
    if not isinstance(alignment, Alignment):
        alignment = read_alignment(alignment)
    prof = get_profile(profile)
    chosen = _resolve_langs(alignment, langs)
    src = srclang or source_language(alignment, chosen) or ("*all*" if prof.srclang_all else chosen[0])
    level = segtype or alignment.level
    units = alignment_units(
        alignment, status=status, min_confidence=min_confidence, langs=chosen, segtype=segtype
    )
    return write_tmx(units, path, srclang=src, profile=prof.name, segtype=level, o_tmf=None, adminlang="en",
                     creationdate=creationdate, stats=stats)
