"""Run a batch: skip finished sets (``--resume``), run the rest on an engine, log every set, summarise.

Output layout::

    OUTDIR/alignments/<set>/alignment.json   the set's alignment (alignment.json v1)
    OUTDIR/alignments/<set>/done.json        marker written last: the set's result (as in the log)
    OUTDIR/alignments/<set>/lexicon-counts.parquet   what the set taught (--shared-lexicon, first sweep only)
    OUTDIR/alignments/<set>/lexicon-inputs.json      the files it was learnt from (learnt again when they change)
    OUTDIR/shared-lexicon.parquet            the counts of every set of the first sweep (--shared-lexicon)
    OUTDIR/tm/                               the TM store (Parquet parts + manifest), one origin per set
    OUTDIR/batch-log.jsonl                   one JSON object per set and run, appended as sets finish
    OUTDIR/batch.lock                        locked while a batch runs here (a second one stops)
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..fileio import nearest_existing
from .engines import default_workers, run_tasks
from .grouping import DocumentSet
from .worker import (
    COUNTS_FILE, COUNTS_INPUTS_FILE, SHARED_LEXICON_FILE, SetResult, changed_inputs, committed_origins, learn_task,
    read_done, read_lexicons, run_task, set_dir, stale_counts, write_done,
)

__all__ = ["LEVELS", "LOG_FILE", "BatchSummary", "run_batch", "check_outdir"]

LEVELS = ("paragraph", "sentence")
LOG_FILE = "batch-log.jsonl"
LOCK_FILE = "batch.lock"  # held (fcntl) while a batch runs in OUTDIR

ProgressCallback = Callable[[SetResult, "BatchSummary"], None]


@dataclass
class BatchSummary:
    """Counts of a batch run, updated as results arrive."""

    total: int = 0
    done: int = 0
    failed: int = 0
    skipped: int = 0
    units: int = 0
    links: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # finished sets whose files changed: aligned again
    gone: list[str] = field(default_factory=list)  # sets with units in the TM that INPUT no longer holds (resume)

    @property
    def remaining(self) -> int:
        return self.total - self.done - self.failed - self.skipped

    @property
    def throughput(self) -> float:
        """Sets processed (done or failed) per second in this run."""
        return (self.done + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "done": self.done,
            "failed": self.failed,
            "skipped": self.skipped,
            "changed": len(self.changed),
            "gone": len(self.gone),
            "units": self.units,
            "links": self.links,
            "seconds": round(self.seconds, 3),
            "sets_per_second": round(self.throughput, 3),
        }


def check_outdir(outdir: Path, resume: bool) -> None:
    """Refuse, before any set is read: an ``outdir`` that is a file or cannot be made (a file where one of its
    folders should be), and a fresh batch over an earlier one (its TM would get the units twice)."""
    if os.fspath(outdir) == "-":  # a folder named '-' was made, where '-' says standard output
        raise UsageError("-o -: a batch writes a folder, not standard output; give a folder name")
    probe = nearest_existing(outdir)
    if probe == outdir and not outdir.is_dir():
        raise UsageError(f"{outdir}: -o must be a folder")
    if not probe.is_dir():
        raise UsageError(f"{probe}: not a directory, so the output folder {outdir} cannot be made there")
    if resume or probe != outdir:
        return
    earlier = [p for p in ("alignments", "tm", LOG_FILE) if (outdir / p).exists()]
    if earlier:
        raise UsageError(f"{outdir} already holds a batch ({', '.join(earlier)}): add --resume, or choose a new -o")


@contextlib.contextmanager
def _running_batch(outdir: Path) -> Iterator[None]:
    """Hold ``OUTDIR/batch.lock`` (an fcntl lock, released even by kill -9) while a batch runs in ``outdir``.

    Two batches in one OUTDIR (a resume started twice, a cron job beside a manual run) aligned every set twice,
    each logging it; the second now stops with one line before anything runs.
    """
    path = outdir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            raise UsageError(f"{outdir}: another batch is running in this folder"
                             f"{f' (process {holder})' if holder else ''}: wait for it to end, or choose a new -o"
                             ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _create_tm(tm_dir: Path) -> None:
    from ..tm import TMStore

    TMStore.open(tm_dir, create=True)


def _drop_partial_line(log: Path) -> None:
    """Cut a last line left half-written by a killed run, so the log stays one JSON object a line."""
    try:
        with open(log, "rb+") as fh:
            size = fh.seek(0, os.SEEK_END)
            if size == 0:
                return
            fh.seek(size - 1)
            if fh.read(1) == b"\n":
                return
            fh.seek(max(0, size - (1 << 20)))
            tail = fh.read()
            cut = tail.rfind(b"\n")
            fh.truncate(size - len(tail) + cut + 1 if cut >= 0 else max(0, size - len(tail)))
    except FileNotFoundError:
        return


def _log_line(fh: IO[str], result: SetResult) -> None:
    record = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **result.to_json()}
    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    fh.flush()


def _count(summary: BatchSummary, result: SetResult) -> None:
    if result.status == "done":
        summary.done += 1
        summary.units += result.units
        summary.links += result.links
    elif result.status == "skipped":
        summary.skipped += 1
    else:
        summary.failed += 1
        summary.failures.append((result.set, result.error or "unknown error"))


def run_batch(
    sets: Sequence[DocumentSet],
    outdir: str | Path,
    *,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    level: str = "paragraph",
    resume: bool = False,
    on_result: ProgressCallback | None = None,
    shared_lexicon: int | None = None,
    dictionaries: Sequence[str | Path] = (),
    lexicons: Sequence[str | Path] = (),
    embeddings: str | None = None,
    on_start: Callable[[], None] | None = None,
) -> BatchSummary:
    """Align every set of ``sets`` into ``outdir`` (layout in the module docstring) and return the summary.

    With ``resume``, sets whose outputs say they are finished are logged as ``skipped`` and not run again;
    failed and unfinished sets are run again. ``on_result`` is called after every set (for a progress bar);
    ``on_start`` once, when every input (word lists, lexicons, the model, the TM and the earlier run's records)
    has been checked and the sets are about to run: a progress bar drawn before would stand above an error.

    ``shared_lexicon`` (a number of sets): the sets learn their lexicon together (:mod:`tmtool.align.collection`).
    A first sweep aligns that many sets, spread over the batch, on their own and keeps the word co-occurrence
    counts each teaches; every set is then aligned with the counts of the first sweep's *other* sets added to
    its own. Costs ``len(sets) + shared_lexicon`` alignments. A resumed batch keeps the first sweep's counts, but
    for sets whose files changed since: those are learnt again, and the sum is made again.

    ``dictionaries``: bilingual word lists for the aligner (``tmtool align --dictionary``), read here first so that a
    bad one stops the batch before any set is aligned, then once by each worker process. ``lexicons``: counts
    files or translation memories (TMX) that teach the aligner (``tmtool align --lexicon``), read the same way; a
    memory is counted for each set's own words. ``embeddings``: a sentence-embedding model for the aligner
    (``tmtool align --embeddings``), loaded here first so that a missing package or model stops the batch before
    any set is aligned, then once by each worker process, which runs it on its share of the cores (PyTorch would
    give every worker every core, and the workers would contend for them).
    """
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    outdir = Path(outdir)
    check_outdir(outdir, resume)
    lists = tuple(os.fspath(Path(p).resolve()) for p in dictionaries)
    taught = tuple(os.fspath(Path(p).resolve()) for p in lexicons)
    _check_inputs(sets, lists, taught, embeddings)
    outdir.mkdir(parents=True, exist_ok=True)
    with _running_batch(outdir):  # one batch at a time in OUTDIR
        summary = BatchSummary(total=len(sets))
        start = time.perf_counter()
        _drop_partial_line(outdir / LOG_FILE)
        _create_tm(outdir / "tm")  # before the workers, so that they never race to create it
        in_tm = committed_origins(outdir / "tm") if resume else {}
        summary.gone = sorted(set(in_tm) - {s.name for s in sets})
        todo, finished = _to_run(sets, outdir, level, bool(shared_lexicon), resume, summary)
        if on_start:
            on_start()
        engine_options = {"engine": engine, "workers": workers, "scheduler": scheduler}
        # a remote cluster's cores are not this machine's: its workers keep PyTorch's default there
        cores = default_workers()
        embed_threads = None if scheduler else max(1, cores // (workers or cores))
        if shared_lexicon and todo:
            _first_sweep(sets, outdir, shared_lexicon, engine_options, lists, taught, embeddings, embed_threads,
                         changed={name for name, _ in summary.changed})

        with open(outdir / LOG_FILE, "a", encoding="utf-8") as log:
            for record in finished:
                record.status = "skipped"
                _log_line(log, record)
                _count(summary, record)
                if on_result:
                    on_result(record, summary)
            results: Iterator[SetResult] = run_tasks(
                run_task,
                todo,
                **engine_options,
                on_crash=functools.partial(_crashed, level=level, shared_lexicon=bool(shared_lexicon)),
                outdir=os.fspath(outdir.resolve()),
                level=level,
                shared_lexicon=bool(shared_lexicon),
                dictionaries=lists,
                lexicons=taught,
                embeddings=embeddings,
                embed_threads=embed_threads,
            ) if todo else iter(())
            redone = dict(summary.changed)
            for result in results:
                if result.set in redone:
                    result.warnings.insert(0, f"aligned again, its files changed since the earlier run: {redone[result.set]}")
                _log_line(log, result)
                _count(summary, result)
                summary.seconds = time.perf_counter() - start
                if on_result:
                    on_result(result, summary)
        summary.seconds = time.perf_counter() - start
        return summary


def _check_inputs(sets: Sequence[DocumentSet], lists: tuple[str, ...], taught: tuple[str, ...],
                  embeddings: str | None) -> None:
    """Read every word list, lexicon and the embedding model once, and check the set names: a bad input stops
    the batch in one line before any set runs (each worker reads them again)."""
    if lists:
        from ..align import read_wordlist

        for path in lists:
            read_wordlist(path)  # a bad list is a one-line error now, not a failure in every set
    if taught:
        read_lexicons(taught)  # the same: a bad file stops the batch here (kept for workers that run in-process)
    if embeddings:
        from ..align import load_embedder

        load_embedder(embeddings)  # the same for the model
    counts = Counter(s.name for s in sets)
    if len(counts) != len(sets):
        dupes = sorted(n for n, c in counts.items() if c > 1)
        raise UsageError(f"set names must be unique: {', '.join(dupes[:5])}")


def _to_run(sets: Sequence[DocumentSet], outdir: Path, level: str, shared_lexicon: bool, resume: bool,
            summary: BatchSummary) -> tuple[list[DocumentSet], list[SetResult]]:
    """``(sets to run, records of sets finished earlier)``. Without ``resume`` every set runs. With it, a set runs
    again when no record says it finished, or when its files changed since (noted in ``summary.changed``); a
    record made with another ``--level`` or ``--shared-lexicon`` is a :class:`UsageError`."""
    todo: list[DocumentSet] = []
    finished: list[SetResult] = []
    for doc_set in sets:
        record = read_done(outdir, doc_set.name) if resume else None
        if record is None:
            # Units of it may be in the TM (a kill between the TM commit and done.json) from files that have
            # changed since: nothing tells, so the set is added again, and its units replace its origin's.
            todo.append(doc_set)
        elif record.level and record.level != level:
            raise UsageError(f"{outdir}: set {doc_set.name} was aligned with --level {record.level}; "
                             f"resume with the same level, or choose a new -o")
        elif record.shared_lexicon != shared_lexicon:
            raise UsageError(f"{outdir}: set {doc_set.name} was aligned "
                             f"{'with' if record.shared_lexicon else 'without'} --shared-lexicon; resume the same "
                             f"way, or choose a new -o")
        else:
            stamps = json.dumps(record.inputs, sort_keys=True)
            if (change := changed_inputs(record, doc_set)) is not None:
                summary.changed.append((doc_set.name, change))
                todo.append(doc_set)  # aligned again; its units replace the earlier ones in the TM
                continue
            if json.dumps(record.inputs, sort_keys=True) != stamps:  # touched or copied, the same bytes
                write_done(outdir, record)  # the new times, so that the next resume does not hash them again
            finished.append(record)
    return todo, finished


def _crashed(doc_set: DocumentSet, reason: str, level: str, shared_lexicon: bool) -> SetResult:
    """The failed record of a set whose worker process died while aligning it (the batch goes on)."""
    return SetResult(doc_set.name, "failed", level=level, langs=doc_set.langs, shared_lexicon=shared_lexicon,
                     error=f"the worker process died while aligning this set: {reason}")


def _first_sweep(sets: Sequence[DocumentSet], outdir: Path, sample: int, engine_options: dict[str, Any],
                 dictionaries: tuple[str, ...] = (), lexicons: tuple[str, ...] = (),
                 embeddings: str | None = None, embed_threads: int | None = None,
                 changed: set[str] | frozenset[str] = frozenset()) -> None:
    """Write every chosen set's counts (those not written by an earlier run from the set's files as they are now:
    the sets in ``changed``, or whose counts' recorded inputs differ, learn again), then their sum."""
    from ..align.collection import spread
    from ..align.lexicon import CollectionCounts, read_counts, write_counts

    chosen = [sets[k] for k in spread(len(sets), sample)]
    for s in chosen:
        if s.name in changed or stale_counts(outdir, s):  # learnt from files that have changed since
            for name in (COUNTS_FILE, COUNTS_INPUTS_FILE):  # a relearning that fails then teaches nothing
                (set_dir(outdir, s.name) / name).unlink(missing_ok=True)
    todo = [s for s in chosen if not (set_dir(outdir, s.name) / COUNTS_FILE).is_file()]
    for _ in run_tasks(learn_task, todo, on_crash=_learnt_nothing, outdir=os.fspath(outdir.resolve()),
                       dictionaries=dictionaries,
                       lexicons=lexicons, embeddings=embeddings, embed_threads=embed_threads,
                       **engine_options) if todo else ():
        pass
    total = CollectionCounts()
    for s in chosen:
        path = set_dir(outdir, s.name) / COUNTS_FILE
        if path.is_file():
            total.update(read_counts(path))
    write_counts(total, outdir / SHARED_LEXICON_FILE)


def _learnt_nothing(doc_set: DocumentSet, reason: str) -> None:
    """A first-sweep set whose worker died teaches nothing (the second sweep reports the set)."""
    return None
