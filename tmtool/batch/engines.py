"""Where the tasks of a batch run: a local process pool or a Dask distributed cluster.

Both engines take the same task function and arguments and yield results as tasks finish. At most
``2 x workers`` tasks are in flight at once, so the memory of the driver does not grow with the batch size.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import TmtoolError, UsageError

__all__ = ["ENGINES", "default_workers", "exit_reason", "run_local", "run_dask", "run_tasks"]

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


CrashCallback = Callable[[Any, str], Any]  # (item, how the worker ended) -> the result of a task whose worker died


def exit_reason(exitcode: int | None) -> str:
    """How a worker process ended, in words: ``killed by SIGKILL (out of memory?)``, ``exit code 3``."""
    if exitcode is None:
        return "no exit code"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}" + (" (out of memory?)" if name == "SIGKILL" else "")
    return f"exit code {exitcode}"


def run_local(fn: Callable[..., Any], items: Iterable[Any], workers: int, on_crash: CrashCallback | None = None,
              **kwargs: Any) -> Iterator[Any]:
    """Run ``fn(item, **kwargs)`` for every item in a pool of ``workers`` processes; yield results as they finish.

    A worker process that dies (out of memory, a crash in native code, a kill) breaks the pool. With ``on_crash``
    the batch goes on: the tasks in flight then are run again one at a time, each in a process of its own, and a
    task that kills that process too yields ``on_crash(item, reason)``; a fresh pool runs the rest. Without
    ``on_crash`` the pool's ``BrokenProcessPool`` is raised.
    """
    items = iter(items)
    while True:
        in_flight = yield from _run_pool(fn, items, workers, kwargs)
        if not in_flight:
            return
        if on_crash is None:
            raise BrokenProcessPool("a worker process died while running a task")
        for item in in_flight:  # alone, so that a task that kills its process is told from its neighbours
            yield _run_alone(fn, item, on_crash, kwargs)


def _exit_with_driver(driver: int) -> None:
    """In a worker process: exit as soon as the driver process ``driver`` ends. A driver killed with SIGKILL
    cannot stop its workers: they went on with the sets handed to them, beside a resumed batch, then waited for
    more forever. A pidfd names the driver even if its pid is reused later; without pidfds (not Linux), nothing."""
    try:
        handle = os.pidfd_open(driver)
    except (AttributeError, OSError):
        return

    def watch() -> None:
        select.select([handle], [], [])  # readable once the driver has ended
        os._exit(1)  # every output is written atomically: a set cut short is redone by --resume

    threading.Thread(target=watch, name="exit-with-driver", daemon=True).start()


def _run_pool(fn: Callable[..., Any], items: Iterator[Any], workers: int,
              kwargs: dict[str, Any]) -> Generator[Any, None, list[Any]]:
    """Run items on one pool until they run out (returns ``[]``) or a worker dies (returns the items whose
    results were lost with the pool). At most ``2 x workers`` tasks are in flight."""
    window = max(2 * workers, 1)
    pending: dict[Any, Any] = {}  # future -> item
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(), initializer=_exit_with_driver,
                             initargs=(os.getpid(),)) as pool:
        try:
            while True:
                for item in items:
                    try:
                        pending[pool.submit(fn, item, **kwargs)] = item
                    except BrokenProcessPool:  # a worker died while the consumer held the last result
                        return (yield from _drain(pending, [item]))
                    if len(pending) >= window:
                        break
                if not pending:
                    return []
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                lost = yield from _results({future: pending.pop(future) for future in done}, [])
                if lost:
                    return (yield from _drain(pending, lost))
        except BaseException:  # Ctrl-C, or the consumer stopped: end the tasks in flight now, not after them
            _kill_workers(pool)
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _results(finished: dict[Any, Any], lost: list[Any]) -> Generator[Any, None, list[Any]]:
    """Yield the results of the ``finished`` futures (future -> item); the items of those that ended with the
    broken pool are added to ``lost``, which is returned."""
    for future, item in finished.items():
        try:
            result = future.result()
        except BrokenProcessPool:
            lost.append(item)
            continue
        yield result
    return lost


def _drain(pending: dict[Any, Any], lost: list[Any]) -> Generator[Any, None, list[Any]]:
    """The pool is broken: every task in flight ends too, with a result (yielded) or not (added to ``lost``)."""
    wait(pending)
    return (yield from _results(pending, lost))


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's worker processes. Shutting the pool down cancels only the tasks not yet sent to a worker;
    those sent (up to two per worker) would run to the end first, long after Ctrl-C for real documents. A task
    killed half-way is safe: every output is written atomically and ``--resume`` redoes the set."""
    kill = getattr(pool, "kill_workers", None)  # Python 3.14
    if kill is not None:
        kill()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # already gone, or closed
            pass


def _run_in_child(send: Any, fn: Callable[..., Any], item: Any, kwargs: dict[str, Any], driver: int) -> None:
    _exit_with_driver(driver)
    try:
        outcome = (True, fn(item, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - handed to the driver, which raises it as the pool would
        outcome = (False, exc)
    send.send(outcome)
    send.close()


def _run_alone(fn: Callable[..., Any], item: Any, on_crash: CrashCallback, kwargs: dict[str, Any]) -> Any:
    """``fn(item, **kwargs)`` in a process of its own; ``on_crash(item, reason)`` if that process dies."""
    context = _mp_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run_in_child, args=(send, fn, item, kwargs, os.getpid()),
                              daemon=True)
    process.start()
    send.close()
    try:
        try:
            ok, value = receive.recv()
        except EOFError:  # the process died before it could answer
            process.join()
            return on_crash(item, exit_reason(process.exitcode))
    except BaseException:
        process.kill()
        raise
    finally:
        receive.close()
    process.join()
    if not ok:
        raise value
    return value


SCHEDULER_TIMEOUT = "10s"  # how long to try reaching a --scheduler before giving up


def run_dask(
    fn: Callable[..., Any], items: Iterable[Any], workers: int, scheduler: str | None = None,
    on_crash: CrashCallback | None = None, **kwargs: Any
) -> Iterator[Any]:
    """Run the tasks on a Dask cluster at ``scheduler``, or on a LocalCluster of ``workers`` processes.

    The workers must see the input files and OUTDIR at the same paths (a shared file system). A task whose
    workers keep dying (Dask gives up on it: ``KilledWorker``) yields ``on_crash(item, reason)`` when given.
    """
    try:
        from dask.distributed import Client, KilledWorker, LocalCluster, as_completed
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
        submitted: dict[str, Any] = {}  # future key -> item

        def submit(item: Any) -> None:
            future = client.submit(fn, item, pure=False, **kwargs)
            submitted[future.key] = item
            queue.add(future)

        for item in items:
            submit(item)
            if queue.count() >= window:
                break
        for future in queue:
            item = submitted.pop(future.key)
            try:
                result = future.result()
            except KilledWorker as exc:
                if on_crash is None:
                    raise
                result = on_crash(item, _killed_worker_reason(exc))
            yield result
            future.release()
            nxt = next(items, None)
            if nxt is not None:
                submit(nxt)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _killed_worker_reason(exc: BaseException) -> str:
    """Dask's ``KilledWorker`` in a few words: how many workers died on the task, the last one's address."""
    try:
        tries, last = exc.allowed_failures + 1, exc.last_worker.address  # type: ignore[attr-defined]
    except (AttributeError, TypeError, IndexError):
        return " ".join(str(exc).split())
    return f"{tries} Dask workers died on it, the last {last}"


def run_tasks(
    fn: Callable[..., Any],
    items: Iterable[Any],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    on_crash: CrashCallback | None = None,
    **kwargs: Any,
) -> Iterator[Any]:
    """Dispatch to :func:`run_local` or :func:`run_dask`; ``on_crash(item, reason)`` gives the result of a task
    whose worker process died (without it, that ends the run with the engine's error)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    n = workers or default_workers()
    if n < 1:
        raise UsageError("--workers must be at least 1")
    if engine == "dask":
        return run_dask(fn, items, n, scheduler, on_crash, **kwargs)
    return run_local(fn, items, n, on_crash, **kwargs)
