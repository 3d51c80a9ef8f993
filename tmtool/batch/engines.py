"""Where the tasks of a batch run: a local process pool or a Dask distributed cluster.

Both engines take the same task function and arguments and yield results as tasks finish. At most
``2 x workers`` tasks are in flight at once, so the memory of the driver does not grow with the batch size.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import TmtoolError, UsageError

__all__ = ["ENGINES", "default_workers", "run_local", "run_dask", "run_tasks"]

ENGINES = ("local", "dask")


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _mp_context() -> multiprocessing.context.BaseContext:
    # forkserver: fork-safety without paying a fresh interpreter per worker start (spawn is the fallback).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def run_local(fn: Callable[..., Any], items: Iterable[Any], workers: int, **kwargs: Any) -> Iterator[Any]:
    """Run ``fn(item, **kwargs)`` for every item in a pool of ``workers`` processes; yield results as they finish."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    window = max(2 * workers, 1)
    pending: set[Any] = set()
    items = iter(items)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
        try:
            for item in items:
                pending.add(pool.submit(fn, item, **kwargs))
                while len(pending) >= window:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


SCHEDULER_TIMEOUT = "10s"  # how long to try reaching a --scheduler before giving up


def run_dask(
    fn: Callable[..., Any], items: Iterable[Any], workers: int, scheduler: str | None = None, **kwargs: Any
) -> Iterator[Any]:
    """Run the tasks on a Dask cluster at ``scheduler``, or on a LocalCluster of ``workers`` processes.

    The workers must see the input files and OUTDIR at the same paths (a shared file system).
    """
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("--engine dask needs dask.distributed: pip install 'tmtool[dask]'") from None

    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise TmtoolError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        client = Client(cluster)
    try:
        window = max(2 * workers, 1)
        if scheduler:
            window = max(2 * len(client.scheduler_info().get("workers", {})), window)
        items = iter(items)
        queue = as_completed()
        for item in items:
            queue.add(client.submit(fn, item, pure=False, **kwargs))
            if queue.count() >= window:
                break
        for future in queue:
            yield future.result()
            future.release()
            nxt = next(items, None)
            if nxt is not None:
                queue.add(client.submit(fn, nxt, pure=False, **kwargs))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_tasks(
    fn: Callable[..., Any],
    items: Iterable[Any],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    **kwargs: Any,
) -> Iterator[Any]:
    """Dispatch to :func:`run_local` or :func:`run_dask`."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    n = workers or default_workers()
    if n < 1:
        raise UsageError("--workers must be at least 1")
    if engine == "dask":
        return run_dask(fn, items, n, scheduler, **kwargs)
    return run_local(fn, items, n, **kwargs)
