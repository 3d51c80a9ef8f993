"""Alignment of the language versions of one document: model, file format, scoring, search, evaluation."""

from .model import FORMAT_VERSION, STATUSES, AlignedDocument, Alignment, Link, read_alignment, write_alignment

__all__ = [
    "FORMAT_VERSION",
    "STATUSES",
    "AlignedDocument",
    "Alignment",
    "Link",
    "read_alignment",
    "write_alignment",
]
