"""The translation memory: a Parquet store with duplicate merging, and concordance / fuzzy lookup."""

from .store import TMStore

__all__ = ["TMStore"]
