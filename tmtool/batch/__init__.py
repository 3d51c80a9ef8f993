"""Corpus-scale batch alignment: group files into document sets, align each set, fill one TM.

``discover_sets(INPUT)`` groups a folder (UN naming conventions or a pattern) or reads a manifest;
``run_batch(sets, OUTDIR)`` aligns every set on a local process pool or a Dask cluster, resumably.
"""

from .engines import ENGINES, default_workers, run_tasks
from .grouping import DocumentSet, Grouping, discover_sets, group_by_convention, group_by_pattern, read_manifest
from .runner import LEVELS, LOG_FILE, BatchSummary, run_batch
from .worker import SetResult, is_done, process_set, read_done, set_dir

__all__ = [
    "ENGINES",
    "LEVELS",
    "LOG_FILE",
    "BatchSummary",
    "DocumentSet",
    "Grouping",
    "SetResult",
    "default_workers",
    "discover_sets",
    "group_by_convention",
    "group_by_pattern",
    "is_done",
    "process_set",
    "read_done",
    "read_manifest",
    "run_batch",
    "run_tasks",
    "set_dir",
]
