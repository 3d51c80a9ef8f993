"""The translation memory: a Parquet store with duplicate merging, and concordance / fuzzy lookup.

``TMStore.open(dir)`` opens (or creates) a store; :func:`concordance` and :func:`fuzzy` look it up through
an index built once per store state and kept under ``dir/index``. A damaged store: :func:`drop_broken` takes
unreadable parts out (``tm compact --drop-broken``), :func:`rebuild_manifest` writes a lost manifest again
(``tm repair --rebuild-manifest``).
"""

from .concordance import ConcordanceResult, Rendering, concordance
from .fuzzy import fuzzy, fuzzy_score
from .index import open_index
from .repair import Rebuilt, drop_broken, rebuild_manifest
from .results import Hit
from .store import TMStore

__all__ = ["TMStore", "concordance", "fuzzy", "fuzzy_score", "open_index", "Hit", "ConcordanceResult", "Rendering",
           "drop_broken", "rebuild_manifest", "Rebuilt"]
