"""The public entry points: align segment lists, or whole documents (paragraphs, then sentences)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AlignmentError, UsageError
from ..languages import base
from .bridges import align_all_pairs
from .embeddings import EMBED_MIN_FIT, Embedder, MemoEmbedder
from .evidence import Evidence
from .features import char_length
from .lexicon import CollectionCounts
from .model import AlignedDocument, Alignment, AlignmentWarning, EmbeddingLeftOutWarning, Link
from .multi import align_multi
from .pairwise import PairAligner, ScoredBead
from .terms import term_marker
from .wordlists import WordList

if TYPE_CHECKING:
    from ..documents.model import Document
    from ..glossary.model import Glossary

__all__ = [
    "align_segments",
    "align_pairs",
    "align_documents",
    "align_document_pairs",
    "LEVELS",
    "REVIEW_THRESHOLD",
]

LEVELS = ("paragraph", "sentence")
REVIEW_THRESHOLD = 0.5  # links below this are the ones to review (the review screen uses the same value)


def _check_input(segments: Mapping[str, Sequence[str]]) -> None:
    """:class:`UsageError` for a language whose segments are one string (its characters were aligned as
    segments), :class:`AlignmentError` for fewer than two languages."""
    for lang, segs in segments.items():
        if isinstance(segs, str):
            raise UsageError(f"the {lang} segments are one string, not a list of segments (split a text with "
                             "tmtool.segment.split_sentences, or give [text] for one segment)")
    if len(segments) < 2:
        raise AlignmentError("need at least two language versions to align")


def _check(segments: Mapping[str, Sequence[str]], names: Mapping[str, str] | None = None) -> None:
    """Warn about inputs that cannot align well; never fails on them."""
    names = names or {lang: lang for lang in segments}
    langs = list(segments)
    sizes = {lang: len(segs) for lang, segs in segments.items()}
    for lang in langs:
        if sizes[lang] == 0 or not any(s.strip() for s in segments[lang]):
            warnings.warn(f"{names[lang]}: no text to align; all other segments stay unlinked", AlignmentWarning, 2)
    nonempty = [lang for lang in langs if sizes[lang]]
    chars = {lang: float(char_length(segments[lang]).sum()) for lang in nonempty}  # once per version, not per pair
    for k, a in enumerate(nonempty):
        for b in nonempty[k + 1 :]:
            if list(segments[a]) == list(segments[b]):
                warnings.warn(f"{names[a]} and {names[b]} are identical: not translations of each other?",
                              AlignmentWarning, 2)
                continue
            ca, cb = chars[a], chars[b]
            lo, hi = sorted((sizes[a], sizes[b]))
            if hi > 4 * lo + 10:
                warnings.warn(f"{names[a]} has {sizes[a]} segments, {names[b]} {sizes[b]}: very different; "
                              "many links will be 1-0/0-1", AlignmentWarning, 2)
            elif min(ca, cb) > 0 and max(ca, cb) > 6 * min(ca, cb):
                warnings.warn(f"{names[a]} and {names[b]} differ much in length ({ca:.0f} vs {cb:.0f} characters)",
                              AlignmentWarning, 2)


def align_segments(
    segments: Mapping[str, Sequence[str]],
    *,
    glossary: Glossary | None = None,
    default_glossary: bool = True,
    bridges: bool = True,
    dictionary: bool = True,
    background: CollectionCounts | None = None,
    learnt: CollectionCounts | None = None,
    wordlists: Sequence[WordList] = (),
    embedder: Embedder | None = None,
) -> list[Link]:
    """Align segment lists, one per language, into links covering every segment once, in order.

    Two languages are aligned directly; more through a pivot (English when present) with the gaps aligned
    among the remaining languages, each pivot pair using the other versions as bridges (``bridges=False``:
    not; faster, worse). Each link carries a confidence in 0..1. Without ``glossary``, the shipped UN
    glossaries anchor the alignment when two or more languages are UN ones (``default_glossary=False``: not).
    Chinese and Arabic with English, French, Spanish or Russian start from a dictionary
    (:mod:`tmtool.align.dictionary`; ``dictionary=False``: not).
    ``wordlists``: bilingual word lists (:func:`tmtool.align.read_wordlist`) whose pairs found in the texts
    become shared features, for the pairs of languages they are for.
    ``background``: word co-occurrence counts that other documents of a collection taught, per language pair
    (:mod:`tmtool.align.lexicon`), added to this document's own when the aligner learns its lexicon;
    ``learnt`` (optional) receives this document's own counts (see :func:`tmtool.align.align_collection`).
    ``embedder``: sentence embeddings weighed beside the lexical similarity (optional: a callable from texts to one
    row each, such as :func:`tmtool.align.load_embedder` gives; :mod:`tmtool.align.embeddings`).
    :class:`AlignmentError` for fewer than two languages, :class:`UsageError` for a language given one string.
    """
    _check_input(segments)
    _check(segments)
    _check_wordlists(wordlists, segments)
    evidence = _evidence(glossary, segments, default_glossary, dictionary, wordlists, background, learnt,
                         embedder)
    links = align_multi({lang: list(segs) for lang, segs in segments.items()}, evidence=evidence, bridges=bridges)
    _tell_left_out(evidence.embedder, segments)
    return links


def align_pairs(
    segments: Mapping[str, Sequence[str]],
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    glossary: Glossary | None = None,
    default_glossary: bool = True,
    dictionary: bool = True,
    background: CollectionCounts | None = None,
    learnt: CollectionCounts | None = None,
    wordlists: Sequence[WordList] = (),
    embedder: Embedder | None = None,
) -> dict[tuple[str, str], list[Link]]:
    """Align every pair of languages (or the given ``pairs``) on its own, each using the other versions as
    bridges: the links of a pair need not agree with those of another (one version may join two paragraphs
    that the others keep apart), so each pair keeps its own granularity. Returns two-language links per pair,
    covering every segment of both once, in order. With two languages this is :func:`align_segments`.
    ``glossary``, ``default_glossary``, ``dictionary``, ``background``, ``learnt``, ``wordlists``, ``embedder``:
    as for :func:`align_segments`, and so are the errors; :class:`AlignmentError` for a pair not of two of the
    languages given.
    """
    _check_input(segments)
    langs = list(segments)
    for a, b in pairs or ():
        if a not in segments or b not in segments or a == b:
            raise AlignmentError(f"cannot align the pair {a}-{b}: languages given are {', '.join(langs)}")
    _check(segments)
    _check_wordlists(wordlists, langs)
    evidence = _evidence(glossary, langs, default_glossary, dictionary, wordlists, background, learnt,
                         embedder)
    found = align_all_pairs({lang: list(segs) for lang, segs in segments.items()}, evidence=evidence, pairs=pairs)
    _tell_left_out(evidence.embedder, langs)
    return _two_language_links(found)


def _evidence(
    glossary: Glossary | None, langs: Iterable[str], default_glossary: bool, dictionary: bool,
    wordlists: Sequence[WordList], background: CollectionCounts | None, learnt: CollectionCounts | None,
    embedder: Embedder | None,
) -> Evidence:
    """The public functions' keyword arguments as the one value the layers below take (the glossary: the one
    given, else the shipped one where allowed, :func:`_glossary`)."""
    return Evidence(terms=term_marker(_glossary(glossary, langs, default_glossary)), dictionary=dictionary,
                    wordlists=tuple(wordlists), background=background, learnt=learnt, embedder=_memo(embedder))


def _memo(embedder: Embedder | None) -> Embedder | None:
    """``embedder`` embedding each distinct text once (:class:`~tmtool.align.embeddings.MemoEmbedder`): every pair
    of several versions, and the sentences after the paragraphs, ask again for the same texts."""
    return embedder if embedder is None or isinstance(embedder, MemoEmbedder) else MemoEmbedder(embedder)


def _tell_left_out(embedder: Embedder | None, langs: Iterable[str]) -> None:
    """One warning naming the pairs of ``langs`` the embedding model was left out for (it failed its check:
    :mod:`tmtool.align.embeddings`)."""
    if isinstance(embedder, MemoEmbedder) and (left := embedder.left_out(langs)):
        pairs = ", ".join(f"{a}-{b} ({fit:.0%})" for a, b, fit in left)
        warnings.warn(f"the embedding model was left out for {pairs}: it does not tell their translations apart (it "
                      f"picks the partner of fewer than {EMBED_MIN_FIT:.0%} of the sure links among their neighbours)",
                      EmbeddingLeftOutWarning, 3)


def _glossary(glossary: Glossary | None, langs: Iterable[str], use_default: bool) -> Glossary | None:
    """The glossary given, else (when allowed) the shipped UN one if it covers the languages."""
    if glossary is not None or not use_default:
        return glossary
    from .shipped import default_glossary

    return default_glossary(langs)


def _check_documents(documents: Sequence[Document], level: str) -> list[str]:
    """The documents' languages; :class:`AlignmentError` for an unknown level, fewer than two documents or two
    documents in one language."""
    if level not in LEVELS:
        raise AlignmentError(f"unknown alignment level {level!r} (expected paragraph or sentence)")
    if len(documents) < 2:
        raise AlignmentError("need at least two language versions to align")
    langs = [d.lang for d in documents]
    if len(set(langs)) != len(langs):
        lang = next(lang for lang in langs if langs.count(lang) > 1)
        named = " and ".join(Path(d.path).name or "(unnamed)" for d in documents if d.lang == lang)
        raise AlignmentError(f"two documents in the same language ({lang}): {named} (if that is wrong, give each "
                             "its language with --lang)")
    return langs


def _split(documents: Sequence[Document], cache: dict | None) -> dict[str, list[list[str]]]:
    """The sentences of each paragraph, per language (kept in ``cache`` for a later call on the same documents).
    A document read with ``--input-format lines`` is one segment a line, exactly as given: never re-split."""
    key = ("sentences", tuple((d.lang, tuple(d.texts)) for d in documents))
    if cache is not None and key in cache:
        return cache[key]
    out = {}
    for d in documents:
        as_given = (d.metadata or {}).get("format") == "lines"
        out[d.lang] = [[text] if as_given else _sentences(text, d.lang) for text in d.texts]
    if cache is not None:
        cache[key] = out
    return out


def _two_language_links(found: Mapping[tuple[str, str], Sequence[ScoredBead]]) -> dict[tuple[str, str], list[Link]]:
    """Pair alignments as two-language links."""
    return {pair: [Link(segments={pair[0]: b.src, pair[1]: b.tgt}, confidence=round(b.confidence, 4)) for b in beads]
            for pair, beads in found.items()}


def _check_languages(documents: Sequence[Document]) -> None:
    """Warn when a document's text looks like another language than the one it is labelled with."""
    from ..documents import detect_language

    for d in documents:
        sample = " ".join(d.texts)[:5000]
        found = detect_language(sample) if sample.strip() else None
        if found and base(found) != base(d.lang):
            warnings.warn(f"{d.path or d.lang}: labelled {d.lang} but the text looks like {found}", AlignmentWarning, 3)


def _check_wordlists(wordlists: Sequence[WordList], langs: Iterable[str]) -> None:
    """Warn about a word list for a pair of languages that is not among the documents' (it changes nothing)."""
    have = {base(lang) for lang in langs}
    for wl in wordlists:
        if not set(wl.langs) <= have:
            warnings.warn(f"{wl.path or 'word list'}: for {wl.langs[0]}-{wl.langs[1]}, but the documents are in "
                          f"{', '.join(sorted(have))}: not used", AlignmentWarning, 3)


def _sentences(text: str, lang: str) -> list[str]:
    from ..segment import split_sentences

    out = [s for s in split_sentences(text, lang) if s.strip()]
    return out or ([text] if text.strip() else [])


def align_documents(
    documents: Sequence[Document],
    *,
    level: str = "paragraph",
    glossary: Glossary | None = None,
    default_glossary: bool = True,
    bridges: bool = True,
    pair_cache: dict | None = None,
    dictionary: bool = True,
    background: CollectionCounts | None = None,
    learnt: CollectionCounts | None = None,
    wordlists: Sequence[WordList] = (),
    keep_pair_links: bool = True,
    embedder: Embedder | None = None,
) -> Alignment:
    """Align the language versions of one document; ``level`` is ``paragraph`` or ``sentence``.

    With three or more versions, each is aligned with the pivot using the others as bridges
    (``bridges=False``: not). ``pair_cache``: a dict kept by the caller so that :func:`align_document_pairs` on
    the same documents reuses the pair alignments made here.

    Without ``glossary``, the shipped UN glossaries anchor the alignment when two or more of the documents'
    languages are UN ones; ``default_glossary=False`` turns that off. ``dictionary=False``: Chinese and
    Arabic with English, French, Spanish or Russian without their dictionaries (:mod:`tmtool.align.dictionary`).
    ``background``, ``learnt``: what other documents of a collection taught, what this one teaches; ``wordlists``:
    bilingual word lists; ``embedder``: sentence embeddings (see :func:`align_segments`).

    ``sentence`` aligns paragraphs first, then the sentences inside each group of aligned paragraphs (what
    the paragraph pass learnt, length ratio and lexicon, is reused); ``paragraph_of`` maps sentences back.

    With three or more versions, bridges and ``keep_pair_links``, each pair's own alignment
    (:func:`align_document_pairs`, from the pair alignments the bridges already made) is kept in
    :attr:`Alignment.pair_links`: a link over all versions must hold whole segments of each, and the pair's own
    links give a TMX of two languages the pair's granularity.
    """
    pair_cache = pair_cache if pair_cache is not None else {}
    langs = _check_documents(documents, level)
    # one evidence for both calls below: the pair cache knows the glossary, word lists and embedder by identity
    evidence = _evidence(glossary, langs, default_glossary, dictionary, wordlists, background, learnt,
                         embedder)
    alignment = _align_documents(documents, level, langs, evidence, bridges, pair_cache)
    if keep_pair_links and bridges and len(documents) >= 3:  # without bridges only the pivot's pairs exist
        found = _document_pairs(documents, level, langs, replace(evidence, learnt=None), pair_cache, bridges)
        order = [d.lang for d in documents]
        pairs = sorted(found, key=lambda pair: (order.index(pair[0]), order.index(pair[1])))
        alignment = replace(alignment, pair_links={pair: tuple(found[pair]) for pair in pairs})
    _tell_left_out(evidence.embedder, langs)
    return alignment


def _align_documents(
    documents: Sequence[Document], level: str, langs: list[str], evidence: Evidence, bridges: bool, pair_cache: dict,
) -> Alignment:
    paras = {d.lang: d.texts for d in documents}
    names = {d.lang: d.path or d.lang for d in documents}
    _check(paras, names)
    _check_languages(documents)
    _check_wordlists(evidence.wordlists, langs)
    aligners: dict[tuple[str, str], PairAligner] = {}
    links = align_multi(paras, evidence=evidence, aligners=aligners, bridges=bridges, cache=pair_cache)
    if level == "paragraph":
        docs = tuple(_aligned(d, d.texts, None) for d in documents)
        return Alignment(docs, tuple(links), level="paragraph")
    split = _split(documents, pair_cache)
    sents: dict[str, list[str]] = {lang: [] for lang in langs}
    para_of: dict[str, list[int]] = {lang: [] for lang in langs}
    out: list[Link] = []
    for link in links:
        group: dict[str, list[str]] = {}
        offsets = {lang: len(sents[lang]) for lang in langs}
        for lang in langs:
            group[lang] = []
            for p in link.segments.get(lang, ()):
                for s in split[lang][p]:
                    group[lang].append(s)
                    sents[lang].append(s)
                    para_of[lang].append(p)
        inner = align_multi(group, evidence=evidence, aligners=aligners, learn=False)
        for sub in inner:
            out.append(Link(
                segments={lang: tuple(offsets[lang] + i for i in sub.segments.get(lang, ())) for lang in langs},
                confidence=round(min(sub.confidence, link.confidence) if len(inner) > 1 else link.confidence, 4),
            ))
    docs = tuple(_aligned(d, sents[d.lang], para_of[d.lang]) for d in documents)
    return Alignment(docs, tuple(out), level="sentence")


def align_document_pairs(
    documents: Sequence[Document],
    *,
    level: str = "paragraph",
    glossary: Glossary | None = None,
    default_glossary: bool = True,
    pair_cache: dict | None = None,
    bridges: bool = True,
    dictionary: bool = True,
    background: CollectionCounts | None = None,
    wordlists: Sequence[WordList] = (),
    embedder: Embedder | None = None,
) -> dict[tuple[str, str], list[Link]]:
    """Every pair of the documents' languages aligned on its own, with the other versions as bridges
    (:func:`align_pairs`), at ``level``; segment numbers are those of :func:`align_documents` (sentences are
    numbered through the document, paragraph after paragraph). Sentences are aligned inside each pair's own
    paragraph links, with what the pair learnt on paragraphs. ``pair_cache``: see :func:`align_documents`;
    ``bridges=False``: each pair from its two versions alone. ``dictionary``, ``background``, ``wordlists``,
    ``embedder``: see :func:`align_documents`.
    """
    langs = _check_documents(documents, level)
    evidence = _evidence(glossary, langs, default_glossary, dictionary, wordlists, background, None,
                         embedder)
    found = _document_pairs(documents, level, langs, evidence, pair_cache, bridges)
    _tell_left_out(evidence.embedder, langs)
    return found


def _document_pairs(
    documents: Sequence[Document], level: str, langs: list[str], evidence: Evidence, pair_cache: dict | None,
    bridges: bool,
) -> dict[tuple[str, str], list[Link]]:
    paras = {d.lang: list(d.texts) for d in documents}
    aligners: dict[tuple[str, str], PairAligner] = {}
    found = align_all_pairs(paras, evidence=evidence, aligners=aligners, cache=pair_cache, bridges=bridges)
    if level == "paragraph":
        return _two_language_links(found)
    sents = _split(documents, pair_cache)
    first = {lang: [0] for lang in langs}  # number of the first sentence of each paragraph
    for lang in langs:
        for group in sents[lang]:
            first[lang].append(first[lang][-1] + len(group))
    out: dict[tuple[str, str], list[Link]] = {}
    for (a, b), beads in found.items():
        links: list[Link] = []
        for bead in beads:
            sa = [s for p in bead.src for s in sents[a][p]]
            sb = [s for p in bead.tgt for s in sents[b][p]]
            oa = first[a][bead.src[0]] if bead.src else 0
            ob = first[b][bead.tgt[0]] if bead.tgt else 0
            inner = aligners[a, b].align(sa, sb, learn=False) if sa and sb else (
                [ScoredBead((k,), (), bead.confidence) for k in range(len(sa))]
                + [ScoredBead((), (k,), bead.confidence) for k in range(len(sb))])
            for sub in inner:
                conf = min(sub.confidence, bead.confidence) if len(inner) > 1 else bead.confidence
                links.append(Link(segments={a: tuple(oa + i for i in sub.src), b: tuple(ob + j for j in sub.tgt)},
                                  confidence=round(conf, 4)))
        out[a, b] = links
    return out


def _aligned(doc: Any, segments: Sequence[str], paragraph_of: Sequence[int] | None) -> AlignedDocument:
    return AlignedDocument(
        lang=doc.lang,
        segments=tuple(segments),
        path=str(doc.path),
        metadata=dict(doc.metadata or {}),
        paragraph_of=tuple(paragraph_of) if paragraph_of is not None else None,
    )
