"""Aligning every pair of versions with the other versions as bridges.

When a document comes in several languages, the alignment of a pair ``a``-``b`` can lean on every third version
``x``: if segment ``i`` of ``a`` is linked to segment ``k`` of ``x``, and segment ``j`` of ``b`` is linked to the same
``k``, then ``i`` and ``j`` probably translate each other. Each such ``k`` becomes a shared feature ``B:x:k`` of
``i`` and of ``j`` (a segment linked to several ``x`` segments gets each of them, so splits and merges carry over),
weighted like every other feature by its rarity. The versions are damaged independently (a page break cuts one
version, another loses a paragraph), so four bridges rarely fail at the same place: on the UN development set
this is what lifts the pairs with Chinese and Arabic, whose texts share no cognates.

One round: align all pairs on their own, then align every pair again with the others as bridges; with four or
more versions, each pair then goes through the consensus vote of ``consensus.py``. When English is among the
versions, the two sides of a pair without English also share the English readings of their words in the bridged
round (``interlingua.py``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from .consensus import consensus_links
from .evidence import Evidence
from .interlingua import english_features_by_language
from .pairwise import Extra, PairAligner, ScoredBead
from .search import Params

__all__ = ["bridge_features", "align_all_pairs"]

Pair = tuple[str, str]
# the pair alignments of several versions leave short lines unlinked more readily (a heading one version lost is
# otherwise absorbed into a neighbour's link, the same way in every pair with that version, so the vote cannot undo
# it). UN dev six files: doc0-1 0.9691 -> 0.9705, doc2-3 0.9687 -> 0.9744; 0.25 x the median: 0.9688 (x 0.6),
# 0.9681 (x 0.8). A link that holds a number on one side only costs 1.5 more (Params.number_gap; ninth round: UN dev
# six files 0.9818 -> 0.9835, rebuilt dev split seeds 1-3 +0.0009/+0.0036/+0.0023; two versions keep it off, since
# Text+Berg dev falls 0.879 -> 0.870 with it). A link whose last segment ends a sentence on one side only costs 2.0
# more (Params.end_gap; tenth round: six files 0.9835 -> 0.9851, six rebuilt dev-split sets 0.9824 -> 0.9848).
# They learn no IBM Model 1 pairs (PairAligner.model1; twenty-fourth round: UN dev six files 195 -> 169 wrong links
# with them, but the rebuilt dev split 554 -> 578)
PARAMS = Params(short_fraction=0.4, short_skip=0.6, number_gap=1.5, end_gap=2.0)


def bridge_features(
    alignments: Mapping[Pair, Sequence[ScoredBead]], a: str, b: str, sizes: Mapping[str, int]
) -> Extra:
    """Per-segment bridge features of ``a`` and ``b`` from the alignments of each with every third language.

    ``alignments`` holds one alignment per pair (either order); ``sizes`` the number of segments per language.
    """
    ea: list[list[str]] = [[] for _ in range(sizes[a])]
    eb: list[list[str]] = [[] for _ in range(sizes[b])]
    for x in sizes:
        if x in (a, b):
            continue
        for bead in _beads(alignments, a, x):
            for i in bead.src:
                ea[i].extend(f"B:{x}:{k}" for k in bead.tgt)
        for bead in _beads(alignments, b, x):
            for j in bead.src:
                eb[j].extend(f"B:{x}:{k}" for k in bead.tgt)
    return ea, eb


def align_all_pairs(
    segments: Mapping[str, Sequence[str]],
    *,
    evidence: Evidence = Evidence(),
    pairs: Sequence[Pair] | None = None,
    aligners: dict[Pair, PairAligner] | None = None,
    consensus: bool = True,
    cache: dict | None = None,
    bridges: bool = True,
) -> dict[Pair, list[ScoredBead]]:
    """Align each pair of ``pairs`` (default: every pair, in the order of ``segments``) using the others as
    bridges. With two languages this is plain pairwise alignment. With ``consensus`` and four or more languages,
    every pair is aligned with bridges and each wanted pair then goes through the vote of
    :func:`tmtool.align.consensus.consensus_links`.

    ``evidence``: glossary terms, dictionaries, word lists, what other documents taught, embeddings
    (:class:`~tmtool.align.evidence.Evidence`); its ``learnt`` (optional) receives each aligned pair's own word
    counts. ``aligners`` (optional) receives the bridged :class:`PairAligner` of each wanted pair, with what it
    learnt (length model, lexicon), for aligning sentences inside the paragraphs later. ``cache`` (optional, a dict
    the caller keeps) holds the pair alignments of a call for later calls on the same texts with the same
    evidence. ``bridges=False``: each pair on its own (no bridges, no vote).
    """
    langs = list(segments)
    wanted = list(pairs) if pairs is not None else list(itertools.combinations(langs, 2))
    vote = bridges and consensus and len(langs) >= 4
    bridged = list(wanted)
    if vote:  # every pair, each once, in the orientation wanted when it is wanted
        bridged += [(a, b) for a, b in itertools.combinations(langs, 2) if (a, b) not in wanted and (b, a) not in wanted]
    cache = cache if cache is not None else {}
    digest = {lang: hash((lang, tuple(segments[lang]), evidence.identity())) for lang in langs}
    shared: dict = {}  # the features of each language's texts, computed once for all pairs
    first: dict[Pair, list[ScoredBead]] = {}
    first_lexicons: dict[Pair, tuple[dict, dict]] = {}  # the lexicons of the first round
    if bridges and len(langs) >= 3:
        # the pairs the bridges need: each pair's two languages with every third one
        needed = {tuple(sorted((x, y), key=langs.index)) for a, b in bridged for x in (a, b) for y in langs
                  if y not in (a, b)}
        for a, b in itertools.combinations(langs, 2):
            if (a, b) in needed:
                key = ("first", digest[a], digest[b])
                if key not in cache:
                    first_aligner = evidence.aligner(a, b, shared=shared, filter_lexicon=False, params=PARAMS,
                                                     confidence=False, model1=False)
                    beads = first_aligner.align(segments[a], segments[b])
                    cache[key] = beads, (first_aligner.lexicon, first_aligner.lexicon_t)
                first[a, b], first_lexicons[a, b] = cache[key]
    sizes = {lang: len(segments[lang]) for lang in langs}
    english = english_features_by_language(segments, first_lexicons, dictionary=evidence.dictionary) if first else {}
    done: dict[Pair, list[ScoredBead]] = {}
    for a, b in bridged:
        key = ("bridged", digest[a], digest[b], tuple(sorted(digest.values())) if first else ())
        if key not in cache:
            aligner = evidence.aligner(a, b, shared=shared, params=PARAMS if first else Params(), model1=not first)
            extra = bridge_features(first, a, b, sizes) if first else None
            if extra is not None and a in english and b in english:  # a pair without English
                extra = ([e + f for e, f in zip(extra[0], english[a])], [e + f for e, f in zip(extra[1], english[b])])
            beads = aligner.align(segments[a], segments[b], extra=extra)
            aligner.shared = None  # later calls (sentences) see other texts
            cache[key] = (beads, aligner)
        done[a, b], aligner = cache[key]
        if evidence.learnt is not None and aligner.counts:
            evidence.learnt.add(a, b, aligner.counts.cooccurrence())
        if aligners is not None and (a, b) in wanted:
            aligners[a, b] = aligner
    if not vote:
        return {pair: done[pair] for pair in wanted}
    out: dict[Pair, list[ScoredBead]] = {}
    for a, b in wanted:
        via = {x: (_beads(done, a, x), _beads(done, x, b)) for x in langs if x not in (a, b)}
        out[a, b] = consensus_links(done[a, b], via, sizes[a], sizes[b])
    return out


def _beads(alignments: Mapping[Pair, Sequence[ScoredBead]], a: str, b: str) -> list[ScoredBead]:
    """The links of ``a``-``b`` with ``a`` as source, whichever way round the pair was aligned."""
    if (a, b) in alignments:
        return list(alignments[a, b])
    return [ScoredBead(bd.tgt, bd.src, bd.confidence) for bd in alignments[b, a]]
