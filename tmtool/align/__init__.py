"""Alignment of the language versions of one document: model, file format, scoring, search, evaluation."""

from typing import TYPE_CHECKING

from .model import FORMAT_VERSION, STATUSES, AlignedDocument, Alignment, Link, read_alignment, write_alignment

if TYPE_CHECKING:  # the lazy names below, as type checkers see them (the same objects): a user's script is checked
    from .api import LEVELS, REVIEW_THRESHOLD, align_document_pairs, align_documents, align_pairs, align_segments
    from .collection import align_collection
    from .embeddings import load_embedder
    from .evaluate import Score, merge_by_units, score_pairs
    from .ladder import format_ladder, ladder_from_links, parse_ladder, read_ladder, write_ladder
    from .lexicon import CollectionCounts, Cooccurrence, read_counts, write_counts
    from .model import AlignmentWarning, EmbeddingLeftOutWarning
    from .tmlexicon import read_lexicon
    from .wordlists import WordList, read_wordlist

# The aligner and its evaluation (numpy) load on first use (PEP 562), so that importing the model alone
# stays light: the review screen must start in under a second.
_LAZY = {
    "LEVELS": "api",
    "REVIEW_THRESHOLD": "api",
    "AlignmentWarning": "model",
    "EmbeddingLeftOutWarning": "model",
    "align_documents": "api",
    "align_document_pairs": "api",
    "align_pairs": "api",
    "align_segments": "api",
    "align_collection": "collection",
    "CollectionCounts": "lexicon",
    "Cooccurrence": "lexicon",
    "read_counts": "lexicon",
    "read_lexicon": "tmlexicon",
    "write_counts": "lexicon",
    "Score": "evaluate",
    "merge_by_units": "evaluate",
    "score_pairs": "evaluate",
    "format_ladder": "ladder",
    "ladder_from_links": "ladder",
    "parse_ladder": "ladder",
    "read_ladder": "ladder",
    "write_ladder": "ladder",
    "WordList": "wordlists",
    "read_wordlist": "wordlists",
    "load_embedder": "embeddings",
}

__all__ = [
    "FORMAT_VERSION",
    "LEVELS",
    "REVIEW_THRESHOLD",
    "STATUSES",
    "AlignedDocument",
    "Alignment",
    "AlignmentWarning",
    "CollectionCounts",
    "Cooccurrence",
    "EmbeddingLeftOutWarning",
    "Link",
    "Score",
    "WordList",
    "align_collection",
    "align_document_pairs",
    "align_documents",
    "align_pairs",
    "align_segments",
    "format_ladder",
    "ladder_from_links",
    "load_embedder",
    "merge_by_units",
    "parse_ladder",
    "read_alignment",
    "read_counts",
    "read_ladder",
    "read_lexicon",
    "read_wordlist",
    "score_pairs",
    "write_alignment",
    "write_counts",
    "write_ladder",
]


def __getattr__(name: str):  # noqa: ANN202
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
