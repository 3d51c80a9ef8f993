"""The evidence the layers of the aligner hand down (tmtool.align.evidence)."""

from __future__ import annotations

from pathlib import Path

from tmtool.align import bridges
from tmtool.align.evidence import Evidence
from tmtool.align.lexicon import CollectionCounts, Cooccurrence
from tmtool.align.multi import align_multi


def _collection() -> CollectionCounts:
    counts = CollectionCounts()
    counts.add("en", "fr", Cooccurrence.of([(["peace", "secur"], ["paix", "sécur"])]))
    return counts


def test_each_pair_aligner_gets_the_background_of_its_pair_in_its_orientation():
    evidence = Evidence(background=_collection(), dictionary=False)
    forward, backward = evidence.aligner("en", "fr"), evidence.aligner("fr", "en")
    assert forward.background.src["peace"] == 1 and backward.background.src["paix"] == 1
    assert evidence.aligner("en", "ru").background is None  # the collection taught nothing for en-ru
    assert forward.dictionary is False and forward.params is not None
    assert evidence.aligner("en", "fr", passes=1).passes == 1  # the aligner's other fields as options


def test_without_counts_keeps_everything_but_what_documents_teach():
    evidence = Evidence(terms=len, dictionary=False, background=_collection(), learnt=CollectionCounts())
    bare = evidence.without_counts()
    assert bare.background is None and bare.learnt is None
    assert bare.terms is len and bare.dictionary is False


def test_identity_tells_evidence_apart_for_the_pair_cache_but_not_by_what_is_learnt():
    embed = lambda texts: None  # noqa: E731 (never called)
    base = Evidence(embedder=embed)
    assert base.identity() == Evidence(embedder=embed, learnt=CollectionCounts()).identity()
    assert base.identity() != Evidence(embedder=lambda texts: None).identity()
    assert base.identity() != Evidence(embedder=embed, dictionary=False).identity()
    assert base.identity() != Evidence(embedder=embed, background=_collection()).identity()


def _dev(shared: Path, lang: str, count: int = 80) -> list[str]:
    return (shared / "eval" / "unpc-6way-dev" / f"doc0.{lang}").read_text(encoding="utf-8").splitlines()[:count]


def test_only_an_alignment_that_learns_reports_what_it_learnt(shared):
    segments = {"en": _dev(shared, "en"), "fr": _dev(shared, "fr")}
    learnt = CollectionCounts()
    align_multi(segments, evidence=Evidence(learnt=learnt), learn=False)
    assert not learnt.by_pair  # sentences inside aligned paragraphs teach the collection nothing
    align_multi(segments, evidence=Evidence(learnt=learnt))
    taught = learnt.get("en", "fr")
    assert taught is not None and taught.pairs[("secur", "sécur")] >= 2


def test_pairs_of_several_versions_share_the_collections_counts(shared):
    segments = {lang: _dev(shared, lang, 40) for lang in ("en", "fr", "es")}
    learnt = CollectionCounts()
    bridges.align_all_pairs(segments, evidence=Evidence(learnt=learnt))
    assert {key for key, counts in learnt.by_pair.items() if counts.pairs} == {("en", "fr"), ("en", "es"), ("es", "fr")}
