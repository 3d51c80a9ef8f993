"""Alignment of the language versions of one document: model, file format, scoring, search, evaluation."""

from .api import LEVELS, REVIEW_THRESHOLD, AlignmentWarning, align_documents, align_segments
from .evaluate import Score, merge_by_units, score_pairs
from .ladder import format_ladder, ladder_from_links, parse_ladder, read_ladder, write_ladder
from .model import FORMAT_VERSION, STATUSES, AlignedDocument, Alignment, Link, read_alignment, write_alignment

__all__ = [
    "FORMAT_VERSION",
    "LEVELS",
    "REVIEW_THRESHOLD",
    "STATUSES",
    "AlignedDocument",
    "Alignment",
    "AlignmentWarning",
    "Link",
    "Score",
    "align_documents",
    "align_segments",
    "format_ladder",
    "ladder_from_links",
    "merge_by_units",
    "parse_ladder",
    "read_alignment",
    "read_ladder",
    "score_pairs",
    "write_alignment",
    "write_ladder",
]
