"""Batch alignment: throughput with 1, 2 and all cores, and peak memory per worker.

    python -m benchmarks.batch [--quick] [--sets N] [--lines L] [--repeat R] [--langs en,fr,es] [--embeddings MODEL]

Generates N document sets (default 240; 40 with --quick) in a temp folder from the UNPC devset in
../shared (read in place): set i holds L consecutive devset sentences (default 12) in each language, one
paragraph per sentence, named like UN files (``B00042-EN.txt``). Then, with the real reader, aligner and TM:

* throughput (sets/s) of ``run_batch`` with 1, 2 and the machine's cores worker processes, as a ratio to
  1 worker (target: >= 0.8 x N; best of R runs, taken in alternation), over the whole wall time and in steady state (after the first set, so
  without the pool's start-up: process start and imports), with the CPU cores the workers really got
  (the tasks' CPU seconds / wall seconds), the machine's load average, since a shared machine caps the
  speed-up, and the CPU time per set, which shows any parallel overhead whatever the load;
* peak RSS per worker (from each worker's ``ru_maxrss``) for the full batch, for half of it, and for half of it
  plus one set 32 times larger: the peak follows the largest set, not the number of sets.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "corpora-src" / "unpc-v1.0-testsets" / "devset"


def make_sets(folder: Path, count: int, lines: int, langs: list[str], *, start: int = 0, big: int = 0) -> None:
    """Write ``count`` sets of ``lines`` devset sentences (plus one set of ``big`` sentences if ``big``)."""
    texts = {lang: (DEVSET / f"UNv1.0.devset.{lang}").read_text(encoding="utf-8").splitlines() for lang in langs}
    total = len(texts[langs[0]])
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [(f"B{start + i:05d}", lines) for i in range(count)] + ([("BIG", big)] if big else [])
    for n, (name, size) in enumerate(sizes):
        first = (n * lines) % total
        picked = [(first + k) % total for k in range(size)]
        for lang in langs:
            body = "\n\n".join(texts[lang][k] for k in picked) + "\n"
            (folder / f"{name}-{lang.upper()}.txt").write_text(body, encoding="utf-8")


def run(input_dir: Path, workers: int, embeddings: str | None = None) -> dict:
    """One batch into a fresh folder: wall time, results and the peak RSS of each worker (``embeddings``: a
    sentence-embedding model for the aligner, as ``tmtool batch --embeddings``)."""
    from tmtool.batch import discover_sets, run_batch

    sets = discover_sets(input_dir).sets
    with tempfile.TemporaryDirectory(prefix="tmtool-bench-batch-") as out:
        stamps: list[float] = []
        load0 = os.getloadavg()[0]
        start = time.perf_counter()
        summary = run_batch(sets, Path(out) / "o", workers=workers, embeddings=embeddings,
                            on_result=lambda result, summary: stamps.append(time.perf_counter()))
        seconds = time.perf_counter() - start
        cpu = 0.0
        load = (load0 + os.getloadavg()[0]) / 2
        peaks: dict[str, float] = defaultdict(float)
        for line in (Path(out) / "o" / "batch-log.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            peaks[record["worker"]] = max(peaks[record["worker"]], record["peak_rss_mb"])
            cpu += record["cpu_seconds"]  # each task's CPU time in its worker
    return {
        "workers": workers,
        "sets": len(sets),
        "done": summary.done,
        "failed": summary.failed,
        "units": summary.units,
        "seconds": seconds,
        "rate": len(sets) / seconds,
        # steady state: sets finished after the first one, over the time since it (pool start-up left out)
        "steady": (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0,
        "startup": stamps[0] - start if stamps else seconds,
        "peak_rss_mb": max(peaks.values()) if peaks else 0.0,
        "failures": summary.failures[:3],
        "cpu_ms_per_set": 1000 * cpu / max(len(sets), 1),  # parallel overhead shows here, whatever the load
        "cores_used": cpu / seconds,  # worker CPU seconds per wall second: < workers when the machine is busy
        "load": load,
    }


def main() -> int:
    from tmtool.batch import default_workers

    parser = argparse.ArgumentParser(prog="python -m benchmarks.batch", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="40 sets, for a smoke run")
    parser.add_argument("--sets", type=int, default=None, help="document sets (default 240, quick 40)")
    parser.add_argument("--lines", type=int, default=12, help="sentences per set and language (default 12)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per worker count, best kept (default 2, quick 1)")
    parser.add_argument("--langs", default="en,fr,es", help="languages of each set (default en,fr,es)")
    parser.add_argument("--embeddings", metavar="MODEL", default=None,
                        help="a sentence-embedding model for the aligner, as tmtool batch --embeddings (needs the "
                             "extra embeddings)")
    args = parser.parse_args()
    if not DEVSET.is_dir():
        print(f"skipped: {DEVSET} not found (the ../shared folder is needed)")
        return 0
    n_sets = args.sets or (40 if args.quick else 240)
    args.repeat = args.repeat or (1 if args.quick else 2)
    langs = args.langs.split(",")
    cores = default_workers()
    counts = sorted({1, 2, cores})
    model = f", embeddings {args.embeddings}" if args.embeddings else ""
    print(f"batch: {n_sets} sets x {len(langs)} languages x {args.lines} sentences, {cores} cores, local engine,"
          f" best of {args.repeat} run(s) per worker count{model}")

    with tempfile.TemporaryDirectory(prefix="tmtool-bench-sets-") as tmp:
        full, half, half_big = Path(tmp, "full"), Path(tmp, "half"), Path(tmp, "half_big")
        make_sets(full, n_sets, args.lines, langs)
        make_sets(half, n_sets // 2, args.lines, langs)
        make_sets(half_big, n_sets // 2, args.lines, langs, big=32 * args.lines)

        print("\nthroughput")
        print(f"{'workers':>8} {'wall s':>8} {'sets/s':>8} {'speed-up':>9} {'steady/s':>9} {'speed-up':>9}"
              f" {'target':>7} {'cores used':>10} {'load':>5} {'CPU ms/set':>10} {'failed':>7} {'peak MB/worker':>15}")
        best: dict[int, dict] = {}
        for _ in range(args.repeat):  # alternate the worker counts so that load drift hits them alike
            for w in counts:
                r = run(full, w, args.embeddings)
                if w not in best or r["rate"] > best[w]["rate"]:
                    best[w] = r
        base, steady_base = best[1]["rate"], best[1]["steady"]
        for w in counts:
            r = best[w]
            ratio, steady_ratio = r["rate"] / base, r["steady"] / steady_base
            flag = "ok" if ratio >= 0.8 * w else "below"
            print(f"{w:>8} {r['seconds']:>8.2f} {r['rate']:>8.2f} {ratio:>8.2f}x {r['steady']:>9.2f} {steady_ratio:>8.2f}x"
                  f" {0.8 * w:>6.1f}x {r['cores_used']:>10.2f} {r['load']:>5.1f} {r['cpu_ms_per_set']:>10.1f}"
                  f" {r['failed']:>7}"
                  f" {r['peak_rss_mb']:>15.1f}  {flag} (first set after"
                  f" {r['startup']:.1f} s)")
            if r["failures"]:
                print(f"         e.g. {r['failures'][0][0]}: {r['failures'][0][1]}")
        one_worker_full = best[1]

        print("\npeak memory per worker (1 worker)")
        small = run(half, 1, args.embeddings)
        big = run(half_big, 1, args.embeddings)
        rows = [(f"{small['sets']} sets of {args.lines}", small), (f"{one_worker_full['sets']} sets of {args.lines}",
                one_worker_full), (f"{small['sets']} sets + 1 set of {32 * args.lines}", big)]
        for label, r in rows:
            print(f"  {label:<28} {r['peak_rss_mb']:>8.1f} MB  ({r['peak_rss_mb'] / small['peak_rss_mb']:.2f}x)")
        print("  (twice the sets: about the same peak; one larger set: the peak follows it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
