"""One task of a batch: align one document set, write its outputs, add its units to the TM.

:func:`process_set` runs in a worker process (a local pool or a Dask worker). It never raises for a broken
set: it returns a :class:`SetResult` with ``status="failed"`` and a one-line reason. Its outputs, in order:

1. ``OUTDIR/alignments/<set>/alignment.json`` (atomic);
2. the set's units in ``OUTDIR/tm``, with ``origin=<set>``, replacing what that origin added before;
3. ``OUTDIR/alignments/<set>/done.json`` (atomic), the marker that ``--resume`` trusts.

A batch killed between two steps leaves no marker, so the set is redone; if its units were committed
(step 2 is one atomic manifest replacement in the store), adding them again replaces them (the store retracts
what the set's origin added before, in the same commit), so no unit is counted twice, and units of files that
changed before the resume do not stay.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import resource
import socket
import sys
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AlignmentError, TmtoolError
from ..fileio import atomic_write_text
from .grouping import DocumentSet

__all__ = [
    "SetResult",
    "ALIGNMENT_FILE",
    "DONE_FILE",
    "set_dir",
    "is_done",
    "read_done",
    "write_done",
    "process_set",
    "run_task",
    "committed_origins",
    "summarise_alignment",
    "learn_task",
    "read_lexicons",
    "COUNTS_FILE",
    "COUNTS_INPUTS_FILE",
    "stale_counts",
    "SHARED_LEXICON_FILE",
    "input_fingerprints",
    "changed_inputs",
]

ALIGNMENT_FILE = "alignment.json"
DONE_FILE = "done.json"
COUNTS_FILE = "lexicon-counts.parquet"  # in the set's folder: what the set taught (first sweep, --shared-lexicon)
COUNTS_INPUTS_FILE = "lexicon-inputs.json"  # beside it: the files it was learnt from (as done.json's ``inputs``)
SHARED_LEXICON_FILE = "shared-lexicon.parquet"  # in OUTDIR: the counts of every set of the first sweep
_BACKGROUNDS: dict[tuple[str, float], Any] = {}  # the shared counts, read once per process

_STORES: dict[str, Any] = {}  # one open TMStore per process and folder


@dataclass
class SetResult:
    """What happened to one set: the line written to ``batch-log.jsonl``."""

    set: str
    status: str  # done | failed | skipped
    level: str = ""
    langs: list[str] = field(default_factory=list)
    segments: dict[str, int] = field(default_factory=dict)
    links: int = 0
    link_types: dict[str, int] = field(default_factory=dict)
    units: int = 0
    mean_confidence: float | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    worker: str = ""
    peak_rss_mb: float = 0.0
    shared_lexicon: bool = False
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> size, mtime_ns, sha256 of its file

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SetResult:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def set_dir(outdir: str | Path, name: str) -> Path:
    """The folder of one set's outputs: ``OUTDIR/alignments/<set>`` (set names may hold ``/``)."""
    return Path(outdir, "alignments", *name.split("/"))


def read_done(outdir: str | Path, name: str) -> SetResult | None:
    """The finished set's recorded result, or ``None`` when the set is not finished (or its marker is unreadable)."""
    folder = set_dir(outdir, name)
    if not (folder / ALIGNMENT_FILE).is_file():
        return None
    try:
        data = json.loads((folder / DONE_FILE).read_text(encoding="utf-8"))
        result = SetResult.from_json(data)
    except (OSError, ValueError, TypeError):
        return None
    return result if result.status == "done" and result.set == name else None


def write_done(outdir: str | Path, result: SetResult) -> None:
    """Write the set's marker ``done.json`` (atomically): the last file a finished set writes."""
    atomic_write_text(set_dir(outdir, result.set) / DONE_FILE, json.dumps(result.to_json(), ensure_ascii=False) + "\n")


def is_done(outdir: str | Path, name: str) -> bool:
    """True when the set's outputs on disk say it finished: ``alignment.json`` and a valid ``done.json``."""
    return read_done(outdir, name) is not None


def _sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_fingerprints(doc_set: DocumentSet) -> dict[str, dict[str, Any]]:
    """What the set's files were when it was aligned: ``{lang: {"size", "mtime_ns", "sha256"}}``."""
    out = {}
    for lang, path in doc_set.files:
        try:
            info = os.stat(path)
            out[lang] = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "sha256": _sha256(path)}
        except OSError:
            continue  # the reader says why the file cannot be read
    return out


def changed_inputs(record: SetResult, doc_set: DocumentSet) -> str | None:
    """How the set's files differ from those ``record`` (its ``done.json``) was aligned from, or ``None``.

    A file whose size and modification time are the recorded ones is taken as unchanged; another is compared by
    its SHA-256, so a copied or touched corpus is not aligned again, and a file found the same that way has its new
    modification time put in ``record.inputs`` (save it with :func:`write_done`, so the next resume need not read
    the file again). A record without ``inputs`` (written before they were kept) cannot tell, and counts as
    unchanged.
    """
    if not record.inputs:
        return None
    before, now = sorted(record.inputs), doc_set.langs
    if before != now:
        return f"languages {', '.join(before)} -> {', '.join(now)}"
    changed = []
    for lang, path in doc_set.files:
        seen = record.inputs[lang]
        try:
            info = os.stat(path)
            if (info.st_size, info.st_mtime_ns) == (seen.get("size"), seen.get("mtime_ns")):
                continue
            if info.st_size == seen.get("size") and _sha256(path) == seen.get("sha256"):
                seen["mtime_ns"] = info.st_mtime_ns
                continue
        except OSError:
            pass  # unreadable now: aligning it again says why
        changed.append(f"{lang}: {Path(path).name}")
    return f"{', '.join(changed)} changed" if changed else None


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _one_line(exc: BaseException) -> str:
    text = str(exc) if isinstance(exc, TmtoolError) else f"{type(exc).__name__}: {exc}"
    return " ".join(text.split()) or type(exc).__name__


def summarise_alignment(alignment: Any) -> dict[str, Any]:
    """Link counts (total, per type) and mean confidence of an :class:`~tmtool.align.Alignment`."""
    langs = alignment.langs
    types = Counter(link.link_type(langs) for link in alignment.links)
    confs = [link.confidence for link in alignment.links]
    return {
        "langs": langs,
        "segments": {d.lang: len(d.segments) for d in alignment.documents},
        "links": len(alignment.links),
        "link_types": dict(sorted(types.items())),
        "mean_confidence": round(sum(confs) / len(confs), 4) if confs else None,
    }


def _store(tm_dir: Path) -> Any:
    from ..tm import TMStore

    key = str(tm_dir)
    if key not in _STORES:
        _STORES[key] = TMStore.open(tm_dir, create=True)
    return _STORES[key]


def committed_origins(tm_dir: str | Path) -> dict[str, int]:
    """Origins whose units are committed in the TM at ``tm_dir``, with their unit counts (empty if no TM yet).

    One scan of the ``origins`` column of every part: run once when a batch resumes, to name the sets of an
    earlier run that INPUT no longer holds.
    """
    import polars as pl

    from ..tm import TMStore

    if not Path(tm_dir, "manifest.json").exists():
        return {}
    frame = TMStore.open(tm_dir, create=False).scan()
    if frame is None:
        return {}
    counts = (
        frame.select(pl.col("origins").list.explode().alias("origin"))
        .drop_nulls()
        .group_by("origin")
        .len()
        .collect()
    )
    return dict(zip(counts["origin"].to_list(), counts["len"].to_list(), strict=True))


def _background(outdir: str, name: str) -> Any:
    """The shared counts of the first sweep without the set's own (a set must not learn its chance pairs twice)."""
    from ..align.lexicon import read_counts

    path = Path(outdir, SHARED_LEXICON_FILE)
    key = (str(path), path.stat().st_mtime)
    if key not in _BACKGROUNDS:
        _BACKGROUNDS.clear()
        _BACKGROUNDS[key] = read_counts(path)
    own = set_dir(outdir, name) / COUNTS_FILE
    return _BACKGROUNDS[key] - read_counts(own) if own.is_file() else _BACKGROUNDS[key]


@functools.lru_cache(maxsize=1)
def _wordlists(paths: tuple[str, ...]) -> list[Any]:
    """The word lists at ``paths`` (:func:`tmtool.align.read_wordlist`), read once per process."""
    from ..align import read_wordlist

    return [read_wordlist(p) for p in paths]


@functools.lru_cache(maxsize=1)
def _embedder(model: str | None, threads: int | None = None) -> Any:
    """The sentence-embedding model ``tmtool batch --embeddings`` names (:func:`tmtool.align.load_embedder`),
    loaded once per process, on ``threads`` CPU threads (the worker's share of the cores); None without one."""
    if not model:
        return None
    from ..align import load_embedder

    return load_embedder(model, threads=threads)


def _set_embedder(model: str | None, threads: int | None = None) -> Any:
    """The model of :func:`_embedder` with a memory of its own for one set: the rows the set's texts get and the
    model check of its language pairs (:mod:`tmtool.align.embeddings`) go with the set, so that a worker does not
    keep every row of a long batch, and each set's log says which of its pairs the model was left out for."""
    loaded = _embedder(model, threads)
    if loaded is None:
        return None
    from ..align.embeddings import MemoEmbedder

    return MemoEmbedder(loaded.embed)


@functools.lru_cache(maxsize=1)
def read_lexicons(paths: tuple[str, ...]) -> list[Any]:
    """What the files at ``paths`` teach (``tmtool batch --lexicon``), read once per process
    (:func:`tmtool.align.tmlexicon.read_source`: counts, or a memory's units as word types, counted per set)."""
    from ..align.tmlexicon import read_source

    return [read_source(p) for p in paths]


def _with_lexicons(background: Any, paths: tuple[str, ...], documents: list[Any]) -> Any:
    """``background`` (the shared counts, or None) plus what the ``--lexicon`` files teach these documents."""
    if not paths:
        return background
    from ..align.lexicon import CollectionCounts
    from ..align.tmlexicon import counts_for

    out = CollectionCounts()
    if background is not None:
        out.update(background)
    texts = {doc.lang: doc.texts for doc in documents}
    for found in read_lexicons(paths):
        out.update(counts_for(found, texts))
    return out


def learn_task(doc_set: DocumentSet, outdir: str, dictionaries: tuple[str, ...] = (),
               lexicons: tuple[str, ...] = (), embeddings: str | None = None,
               embed_threads: int | None = None) -> str | None:
    """First sweep of a batch with ``--shared-lexicon``: align one set's paragraphs on their own and write the word
    co-occurrence counts they teach to ``OUTDIR/alignments/<set>/lexicon-counts.parquet`` (atomic). Returns the
    set's name, or ``None`` for a broken set (the second sweep reports it)."""
    from ..align import align_documents
    from ..align.lexicon import CollectionCounts, write_counts
    from ..documents import read_document

    try:
        if doc_set.problem:
            return None
        learnt = CollectionCounts()
        inputs = input_fingerprints(doc_set)  # before reading: a file changed meanwhile is learnt again
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            documents = [read_document(path, lang=lang) for lang, path in doc_set.files]
            align_documents(documents, level="paragraph", learnt=learnt, wordlists=_wordlists(dictionaries),
                            background=_with_lexicons(None, lexicons, documents),
                            embedder=_set_embedder(embeddings, embed_threads),
                            keep_pair_links=False)  # only the counts are kept
        folder = set_dir(outdir, doc_set.name)
        atomic_write_text(folder / COUNTS_INPUTS_FILE, json.dumps(inputs) + "\n")  # first: the counts are the marker
        write_counts(learnt, folder / COUNTS_FILE)
        return doc_set.name
    except Exception:  # noqa: BLE001 - one broken set never stops the batch; the second sweep says why
        return None


def stale_counts(outdir: str | Path, doc_set: DocumentSet) -> bool:
    """Whether the set's first-sweep counts (``--shared-lexicon``) were learnt from other files than its files now
    (compared as ``--resume`` compares a finished set's: :func:`changed_inputs`). Counts written before their
    inputs were kept cannot tell, and count as current."""
    try:
        inputs = json.loads((set_dir(outdir, doc_set.name) / COUNTS_INPUTS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    except (OSError, ValueError):
        return True  # unreadable: learn again
    if not isinstance(inputs, dict):
        return True
    before = json.dumps(inputs, sort_keys=True)
    if changed_inputs(SetResult(doc_set.name, "done", inputs=inputs), doc_set) is not None:
        return True
    if json.dumps(inputs, sort_keys=True) != before:  # the same bytes under a new time: kept, so not hashed again
        atomic_write_text(set_dir(outdir, doc_set.name) / COUNTS_INPUTS_FILE, json.dumps(inputs) + "\n")
    return False


def process_set(
    doc_set: DocumentSet,
    outdir: str,
    level: str = "paragraph",
    shared_lexicon: bool = False,
    dictionaries: tuple[str, ...] = (),
    lexicons: tuple[str, ...] = (),
    embeddings: str | None = None,
    embed_threads: int | None = None,
) -> SetResult:
    """Align one set and write its outputs (see the module docstring). Never raises for a broken set.

    The set's units are added to the TM, replacing its origin's (a resumed set's files may have changed since an
    earlier commit). ``shared_lexicon``: add what the other sets of the first sweep taught (``OUTDIR/shared-lexicon.parquet``) to what this set teaches the aligner.
    ``dictionaries``: paths of bilingual word lists for the aligner (``tmtool align --dictionary``).
    ``lexicons``: paths of counts files or translation memories (TMX) that teach the aligner
    (``tmtool align --lexicon``). ``embeddings``: a sentence-embedding model for the aligner
    (``tmtool align --embeddings``), loaded once per worker process, on ``embed_threads`` CPU threads.
    """
    from ..align import align_documents, write_alignment
    from ..documents import read_document

    start, cpu_start = time.perf_counter(), time.process_time()
    result = SetResult(doc_set.name, "failed", level=level, langs=doc_set.langs,
                       worker=f"{socket.gethostname()}:{os.getpid()}", shared_lexicon=shared_lexicon)
    try:
        if doc_set.problem:
            raise AlignmentError(doc_set.problem)
        with warnings.catch_warnings(record=True) as caught:  # logged with the set, not printed by workers
            warnings.simplefilter("always")
            result.inputs = input_fingerprints(doc_set)  # before reading: a file changed meanwhile is redone
            documents = [read_document(path, lang=lang) for lang, path in doc_set.files]
            background = _with_lexicons(_background(outdir, doc_set.name) if shared_lexicon else None, lexicons,
                                        documents)
            alignment = align_documents(documents, level=level, background=background,
                                        wordlists=_wordlists(dictionaries),
                                        embedder=_set_embedder(embeddings, embed_threads))
        result.warnings = [" ".join(str(w.message).split()) for w in caught]
        folder = set_dir(outdir, doc_set.name)
        write_alignment(alignment, folder / ALIGNMENT_FILE)
        for key, value in summarise_alignment(alignment).items():
            setattr(result, key, value)
        result.units = int(_store(Path(outdir, "tm")).add_alignment(alignment, origin=doc_set.name))
        result.status = "done"
        _timings(result, start, cpu_start)
        write_done(outdir, result)
    except Exception as exc:  # one broken set never stops the batch
        result.status = "failed"
        result.error = _one_line(exc)
    _timings(result, start, cpu_start)
    return result


def _timings(result: SetResult, start: float, cpu_start: float) -> None:
    result.seconds = round(time.perf_counter() - start, 4)
    result.cpu_seconds = round(time.process_time() - cpu_start, 4)
    result.peak_rss_mb = round(_peak_rss_mb(), 1)


def run_task(
    doc_set: DocumentSet, outdir: str, level: str = "paragraph", shared_lexicon: bool = False,
    dictionaries: tuple[str, ...] = (), lexicons: tuple[str, ...] = (), embeddings: str | None = None,
    embed_threads: int | None = None,
) -> SetResult:
    """:func:`process_set`, the unit of work the engines ship to workers."""
    return process_set(doc_set, outdir, level, shared_lexicon, dictionaries, lexicons, embeddings,
                       embed_threads)
