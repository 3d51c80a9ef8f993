"""The batch runner end to end on generated UN document sets: real readers, aligner and TM store."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tmtool.align import read_alignment
from tmtool.batch import discover_sets, is_done, run_batch, set_dir
from tmtool.batch import worker as worker_module
from tmtool.batch.worker import DONE_FILE, committed_origins, read_done
from tmtool.tm import TMStore

ROOT = Path(__file__).resolve().parents[2]


def tm_content(outdir: Path) -> list[tuple]:
    """Every merged unit of OUTDIR/tm: texts per language, occurrence count, origins (sorted)."""
    frame = TMStore.open(outdir / "tm", create=False).units()
    text_cols = sorted(c for c in frame.columns if c.startswith("text:"))
    rows = frame.select([*text_cols, "count", "origins"]).to_dicts()
    return sorted(
        (tuple(row[c] for c in text_cols), row["count"], tuple(sorted(row["origins"]))) for row in rows
    )


def alignments(outdir: Path, names: list[str]) -> dict[str, dict]:
    out = {}
    for name in names:
        data = read_alignment(set_dir(outdir, name) / "alignment.json").to_json()
        for doc in data["documents"]:
            doc["path"] = Path(doc["path"]).name  # inputs live in different tmp folders
        out[name] = data
    return out


def last_records(outdir: Path) -> dict[str, dict]:
    records = {}
    for line in (outdir / "batch-log.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        records[record["set"]] = record
    return records


def test_failed_set_in_the_middle_does_not_stop_the_batch(tmp_path, make_sets, cli_run):
    names = make_sets(tmp_path / "in", 6)
    # a broken set whose name sorts in the middle: its French version is not a Word file
    (tmp_path / "in" / "E_BROKEN-EN.txt").write_text("A paragraph.\n", encoding="utf-8")
    (tmp_path / "in" / "E_BROKEN-FR.docx").write_bytes(b"PK\x03\x04\xff\xfe a truncated zip archive")
    sets = [s.name for s in discover_sets(tmp_path / "in").sets]
    assert 0 < sets.index("E_BROKEN") < len(sets) - 1

    code, out, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", "--workers", "2"])

    assert code == 1  # the batch ran to the end; a non-zero exit says that something failed
    records = last_records(tmp_path / "out")
    assert set(records) == set(names) | {"E_BROKEN"}
    broken = records["E_BROKEN"]
    assert broken["status"] == "failed"
    assert "E_BROKEN-FR.docx" in broken["error"] and "\n" not in broken["error"]
    assert "failed E_BROKEN:" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "alignments" / "E_BROKEN" / "alignment.json").exists()
    store = TMStore.open(tmp_path / "out" / "tm", create=False)
    stats = store.stats()
    assert stats["origins"] == len(names)
    for name in names:
        record = records[name]
        assert record["status"] == "done", record
        alignment = read_alignment(set_dir(tmp_path / "out", name) / "alignment.json")
        assert record["links"] == len(alignment.links) > 0
        assert sum(record["link_types"].values()) == record["links"]
        assert 0.0 <= record["mean_confidence"] <= 1.0
        assert record["segments"] == {d.lang: len(d.segments) for d in alignment.documents}
        assert is_done(tmp_path / "out", name)
    assert stats["occurrences"] == sum(records[n]["units"] for n in names) > 0
    assert f"{len(names) + 1} sets: {len(names)} aligned, 1 failed" in err


def _align_or_die(task, **kwargs):
    """The batch's task, except that the worker aligning a set named ``*_CRASH`` dies (as the OOM killer or a
    crash in native code ends it): no exception, no result, the process is gone. It dies once the other sets are
    done and none is running, and their results have had a moment to reach the driver: a set in flight on the
    dying worker is a suspect too (Dask counts it; under load a set re-run that way failed)."""
    from tmtool.batch.worker import run_task

    outdir = Path(kwargs["outdir"])
    if not task.name.endswith("_CRASH"):
        marker = outdir / f".running-{task.name.replace('/', '_')}"
        marker.touch()
        try:
            return run_task(task, **kwargs)
        finally:
            marker.unlink(missing_ok=True)
    others = len(list(Path(task.files[0][1]).parent.glob("*-EN.txt"))) - 1
    deadline = time.monotonic() + 60
    while (len(list(outdir.glob("alignments/*/done.json"))) < others or any(outdir.glob(".running-*"))) \
            and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # the last result on its way to the driver
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_that_dies_fails_its_set_and_the_batch_goes_on(tmp_path, make_sets, cli_run, monkeypatch):
    """A worker process killed while aligning one set (out of memory, a segfault) broke the process pool: the
    batch stopped with a BrokenProcessPool traceback, the sets after it were never aligned, and a resumed batch
    died on the same set again. Now that set alone is failed, with how its worker ended, and the rest is aligned."""
    import tmtool.batch.runner as runner

    names = make_sets(tmp_path / "in", 6)
    (tmp_path / "in" / "E_CRASH-EN.txt").write_text("The Council met.\n", encoding="utf-8")
    (tmp_path / "in" / "E_CRASH-FR.txt").write_text("Le Conseil s'est réuni.\n", encoding="utf-8")
    monkeypatch.setattr(runner, "run_task", _align_or_die)

    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", "--workers", "2"])

    assert code == 1 and "Traceback" not in err
    records = last_records(tmp_path / "out")
    assert sorted(records) == sorted([*names, "E_CRASH"])
    assert all(records[name]["status"] == "done" for name in names)
    crashed = records["E_CRASH"]
    assert crashed["status"] == "failed" and crashed["langs"] == ["en", "fr"]
    assert crashed["error"] == "the worker process died while aligning this set: killed by SIGKILL (out of memory?)"
    assert "failed E_CRASH: the worker process died" in err
    assert not is_done(tmp_path / "out", "E_CRASH")
    assert TMStore.open(tmp_path / "out" / "tm", create=False).stats()["origins"] == len(names)


SLOW_CONSUMER_DRIVER = """
import os, time
from tmtool.batch.engines import run_local


def task(item):
    if item == 2:
        time.sleep(0.3)
        os.kill(os.getpid(), 9)  # dies while the driver is busy with an earlier result
    return item


if __name__ == "__main__":
    results = []
    for result in run_local(task, range(8), 2, on_crash=lambda item, reason: ("crashed", item)):
        results.append(result)
        time.sleep(0.8)  # a slow consumer: the log line, the progress bar
    print(sorted(results, key=str))
"""


def test_a_worker_dying_while_the_driver_handles_a_result_fails_its_task_only(tmp_path):
    """The pool broke while the driver was handling a result; its next submit raised BrokenProcessPool, which
    stopped the batch with a traceback (the item taken for it was lost). Now that item joins the tasks lost with
    the pool: each is run again alone, and only the one that kills its process too is failed."""
    script = tmp_path / "driver.py"
    script.write_text(SLOW_CONSUMER_DRIVER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(sorted([0, 1, ("crashed", 2), 3, 4, 5, 6, 7], key=str))


CTRL_C_DRIVER = """
import sys, time
from tmtool.batch.engines import run_local
for result in run_local(time.sleep, [0.1, 60, 60, 60, 60, 60], 2):
    print("first task done", flush=True)
"""


def _alive_in_group(pgid: int) -> list[int]:
    """The processes of process group ``pgid`` that still run (not zombies: this container's init may not reap)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def test_ctrl_c_stops_the_tasks_in_flight_at_once(tmp_path):
    """Ctrl-C (SIGINT to the terminal's process group) interrupted the sets being aligned, but the pool then ran
    the tasks already queued for its workers to the end, and the batch exited only after them (here two rounds
    of 60 s; with real documents, minutes after the "batch interrupted" line). Now the workers are killed: the
    batch ends at once and leaves no process behind (a set killed half-way is redone by --resume)."""
    proc = subprocess.Popen([sys.executable, "-c", CTRL_C_DRIVER], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline() == "first task done\n"
        time.sleep(0.5)  # the 60 s tasks are running
        started = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=30) != 0
        assert time.monotonic() - started < 15
        time.sleep(0.5)
        assert _alive_in_group(proc.pid) == []  # no worker left running
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()


def test_workers_end_with_a_driver_killed_by_sigkill(tmp_path):
    """``kill -9`` of the batch process alone (not its process group) left its workers running: they finished the
    sets handed to them beside a resumed batch, unlogged, then waited for more tasks forever (a leak of one
    interpreter per worker, each run). Now every worker watches the driver and exits within moments of it."""
    proc = subprocess.Popen([sys.executable, "-c", CTRL_C_DRIVER], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout.readline() == "first task done\n"
        time.sleep(0.5)  # the 60 s tasks are running
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while _alive_in_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _alive_in_group(proc.pid) == []
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_resume_after_a_killed_batch_matches_an_uninterrupted_run(tmp_path, make_sets, cli_run):
    names = make_sets(tmp_path / "in", 16)
    # the reference: one uninterrupted run
    assert cli_run(["batch", tmp_path / "in", "-o", tmp_path / "ref", "--workers", "2"])[0] == 0

    # a batch in a subprocess, killed (SIGKILL, with its workers) as soon as the first set is logged
    killed = tmp_path / "killed"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tmtool", "batch", str(tmp_path / "in"), "-o", str(killed), "--workers", "2"],
        cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    log = killed / "batch-log.jsonl"
    deadline = time.monotonic() + 120
    while not (log.exists() and log.read_text(encoding="utf-8").count("\n") >= 1):
        assert proc.poll() is None and time.monotonic() < deadline, "the batch ended before it could be killed"
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished_before = [n for n in names if is_done(killed, n)]
    assert 1 <= len(finished_before) < len(names)

    # a fresh run over it is refused; --resume continues
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", killed, "--workers", "2"])
    assert code == 2 and "--resume" in err
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", killed, "--workers", "2", "--resume"])
    assert code == 0, err

    records = last_records(killed)
    assert sorted(records) == sorted(names)
    assert {n for n, r in records.items() if r["status"] == "skipped"} == set(finished_before)
    assert all(r["status"] in {"done", "skipped"} for r in records.values())
    assert tm_content(killed) == tm_content(tmp_path / "ref")
    assert all(count == 1 for _, count, _ in tm_content(killed))  # no unit added twice
    assert alignments(killed, names) == alignments(tmp_path / "ref", names)


@pytest.mark.parametrize("compacted", [False, True], ids=["parts", "compacted"])
def test_resume_when_units_were_committed_but_the_marker_was_not(tmp_path, make_sets, compacted):
    """A kill between the TM commit and done.json: resume must not count the set's units twice.

    Also after `tmtool tm compact` merged the parts (the origins survive compaction).
    """
    make_sets(tmp_path / "in", 3)
    sets = discover_sets(tmp_path / "in").sets
    out = tmp_path / "out"
    run_batch(sets, out, workers=1)
    before, first_records = tm_content(out), last_records(out)
    if compacted:
        TMStore.open(out / "tm", create=False).compact()
        assert TMStore.open(out / "tm", create=False).stats()["parts"] == 1
    victim = sets[1].name
    (set_dir(out, victim) / DONE_FILE).unlink()
    (set_dir(out, victim) / "alignment.json").unlink()
    assert not is_done(out, victim) and victim in committed_origins(out / "tm")

    again = run_batch(sets, out, workers=1, resume=True)

    assert (again.done, again.skipped, again.failed) == (1, len(sets) - 1, 0)
    assert tm_content(out) == before
    assert is_done(out, victim)
    assert last_records(out)[victim]["units"] == first_records[victim]["units"] > 0


def test_resume_after_the_kill_window_replaces_units_of_files_changed_meanwhile(tmp_path, make_sets):
    """A kill between the TM commit and done.json, then the set's file edited before the resume: the resume
    told the worker the units were already in the TM, so the TM kept the units of the old file for good (and the
    new done.json recorded the new file). Now the redone set's units replace what its origin added before."""
    names = make_sets(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(discover_sets(tmp_path / "in").sets, out, workers=1)
    victim = names[1]
    (set_dir(out, victim) / DONE_FILE).unlink()  # killed after the TM commit, before the marker
    french = tmp_path / "in" / f"{victim}-FR.txt"
    first, rest = french.read_text(encoding="utf-8").split("\n\n", 1)
    french.write_text(f"{first} (version corrigée)\n\n{rest}", encoding="utf-8")  # a corrected version

    summary = run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, resume=True)

    assert (summary.done, summary.skipped, summary.failed) == (1, 2, 0)
    fresh = tmp_path / "fresh"
    run_batch(discover_sets(tmp_path / "in").sets, fresh, workers=1)
    assert tm_content(out) == tm_content(fresh)  # the old file's units are gone, none counted twice
    assert last_records(out)[victim]["units"] == last_records(fresh)[victim]["units"]


def test_resume_aligns_again_the_sets_whose_files_changed(tmp_path, make_sets, monkeypatch):
    """A finished set whose files changed after the run (a corrected version downloaded, a language added) was
    skipped by --resume: its alignment and TM units stayed those of the old files, without a word. Now it is
    aligned again and its units replace the old ones; a file only touched or copied (same bytes) is not redone."""
    names = make_sets(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch(discover_sets(tmp_path / "in").sets, out, workers=1)
    edited, touched, _ = names
    with open(tmp_path / "in" / f"{edited}-FR.txt", "a", encoding="utf-8") as fh:
        fh.write("\nUn paragraphe ajouté après coup, que le premier alignement ne connaissait pas.\n")
    same = tmp_path / "in" / f"{touched}-EN.txt"
    same.write_bytes(same.read_bytes())  # a new modification time, the same content
    summary = run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, resume=True)

    assert (summary.done, summary.skipped, summary.failed) == (1, 2, 0)
    assert summary.changed == [(edited, f"fr: {edited}-FR.txt changed")]
    records = last_records(out)
    assert records[edited]["status"] == "done" and records[touched]["status"] == "skipped"
    assert records[edited]["warnings"][0].startswith("aligned again, its files changed since the earlier run")
    fresh = tmp_path / "fresh"
    run_batch(discover_sets(tmp_path / "in").sets, fresh, workers=1)
    assert tm_content(out) == tm_content(fresh)  # the old units of the edited set are gone, none counted twice
    assert alignments(out, names) == alignments(fresh, names)

    # The touched file's new time is kept: the next resume reads no file again (it hashed the copy every time)
    assert read_done(out, touched).inputs["en"]["mtime_ns"] == same.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        patch.setattr(worker_module, "_sha256", lambda path: pytest.fail(f"{path} hashed again"))
        summary = run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, resume=True)
    assert (summary.done, summary.skipped, summary.changed) == (0, 3, [])

    (tmp_path / "in" / f"{touched}-ES.txt").unlink()  # a language less is a change too
    summary = run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, resume=True)
    assert summary.changed == [(touched, "languages en, es, fr -> en, fr")] and summary.done == 1


def test_a_second_batch_in_the_same_outdir_stops_before_anything(tmp_path, make_sets, cli_run):
    """Two batches in one OUTDIR at once (a resume started twice, a cron job beside a manual run) aligned every
    set twice, each logging it. While one runs, the lock it holds on OUTDIR/batch.lock stops the other."""
    import fcntl

    make_sets(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / "batch.lock", "w", encoding="ascii") as running:  # as a batch running in another process
        fcntl.flock(running, fcntl.LOCK_EX | fcntl.LOCK_NB)
        running.write("4242\n")
        running.flush()
        code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--workers", "1", "--resume"])
    assert code == 2
    assert f"{out}: another batch is running in this folder (process 4242)" in err and "Traceback" not in err
    assert not (out / "batch-log.jsonl").exists() and not (out / "alignments").exists()

    code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--workers", "1", "--resume"])  # once it ended
    assert code == 0, err
    assert (out / "batch.lock").read_text(encoding="ascii").strip().isdigit()


def test_resume_names_the_sets_no_longer_in_input(tmp_path, make_sets, cli_run):
    """A set renamed or taken out of INPUT after a run kept its units in the TM, and --resume said nothing (a
    renamed set's units were then in the TM twice, under both names). The summary now names such sets."""
    names = make_sets(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert cli_run(["batch", tmp_path / "in", "-o", out, "--workers", "1"])[0] == 0
    for path in (tmp_path / "in").glob(f"{names[1]}-*.txt"):
        path.unlink()
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--workers", "1", "--resume"])
    assert code == 0, err
    assert (f"1 set of an earlier run is no longer in {tmp_path / 'in'}, their units stay in the TM "
            f"(tmtool tm remove --origin SET --tm {shlex.quote(str(out / 'tm'))}): {names[1]}") in " ".join(err.split())


def test_corrupt_marker_means_not_done(tmp_path, make_sets):
    make_sets(tmp_path / "in", 2)
    sets = discover_sets(tmp_path / "in").sets
    out = tmp_path / "out"
    run_batch(sets, out, workers=1)
    (set_dir(out, sets[0].name) / DONE_FILE).write_text("{half a marker", encoding="utf-8")
    with open(out / "batch-log.jsonl", "a", encoding="utf-8") as log:
        log.write('{"time": "2026-01-01T00:00:00Z", "set": "half a li')  # a line cut by a kill
    assert not is_done(out, sets[0].name) and is_done(out, sets[1].name)
    summary = run_batch(sets, out, workers=1, resume=True)
    assert (summary.done, summary.skipped) == (1, 1)
    assert all(count == 1 for _, count, _ in tm_content(out))
    lines = (out / "batch-log.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["done", "done", "skipped", "done"]


def test_dask_engine_on_a_local_cluster_gives_the_same_tm(tmp_path, make_sets, cli_run):
    names = make_sets(tmp_path / "in", 4)
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "local", "--workers", "2"])
    assert code == 0, err
    # without --scheduler: a LocalCluster of 2 worker processes is started for the batch
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "dask", "--workers", "2", "--engine", "dask"])
    assert code == 0, err
    assert "dask engine" in err
    assert tm_content(tmp_path / "dask") == tm_content(tmp_path / "local")
    assert len(tm_content(tmp_path / "dask")) > 0
    assert alignments(tmp_path / "dask", names) == alignments(tmp_path / "local", names)
    assert {r["status"] for r in last_records(tmp_path / "dask").values()} == {"done"}
    assert len({r["worker"] for r in last_records(tmp_path / "dask").values()}) <= 2


def test_dask_engine_fails_only_the_set_whose_workers_die(tmp_path, make_sets, cli_run, monkeypatch):
    """On Dask, a set that kills every worker it is tried on (Dask gives up after four: KilledWorker) stopped the
    batch with a traceback; now that set alone is failed, and the others are aligned."""
    import tmtool.batch.runner as runner

    names = make_sets(tmp_path / "in", 2)
    (tmp_path / "in" / "E_CRASH-EN.txt").write_text("The Council met.\n", encoding="utf-8")
    (tmp_path / "in" / "E_CRASH-FR.txt").write_text("Le Conseil s'est réuni.\n", encoding="utf-8")
    monkeypatch.setattr(runner, "run_task", _align_or_die)

    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", "--workers", "2", "--engine", "dask"])

    assert code == 1 and "Traceback" not in err
    records = last_records(tmp_path / "out")
    assert {name: records[name]["status"] for name in names} == dict.fromkeys(names, "done")
    assert records["E_CRASH"]["status"] == "failed"
    assert records["E_CRASH"]["error"].startswith("the worker process died while aligning this set: 4 Dask workers")


def test_dask_engine_on_a_given_scheduler(tmp_path, make_sets, cli_run):
    from dask.distributed import LocalCluster

    make_sets(tmp_path / "in", 3)
    assert cli_run(["batch", tmp_path / "in", "-o", tmp_path / "local", "--workers", "1"])[0] == 0
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "dask", "--engine", "dask",
                                "--scheduler", cluster.scheduler_address])
    assert code == 0, err
    assert tm_content(tmp_path / "dask") == tm_content(tmp_path / "local") != []


def test_sentence_level_and_resume_with_another_level(tmp_path, make_sets, cli_run):
    names = make_sets(tmp_path / "in", 2)
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", "--level", "sentence", "--workers", "1"])
    assert code == 0, err
    assert all(read_alignment(set_dir(tmp_path / "out", n) / "alignment.json").level == "sentence" for n in names)
    assert {r["level"] for r in last_records(tmp_path / "out").values()} == {"sentence"}
    log_before = (tmp_path / "out" / "batch-log.jsonl").read_text(encoding="utf-8")
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", "--resume", "--workers", "1"])
    assert code == 2 and "aligned with --level sentence" in err
    assert (tmp_path / "out" / "batch-log.jsonl").read_text(encoding="utf-8") == log_before


def test_pattern_and_manifest_inputs(tmp_path, make_sets, cli_run):
    names = make_sets(tmp_path / "in", 2)
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    rows = ["set,en,fr"]
    for name in names:
        for lang in ("EN", "FR"):
            (tmp_path / "in" / f"{name}-{lang}.txt").rename(renamed / f"{name}.{lang.lower()}.text")
        rows.append(f"{name},renamed/{name}.en.text,renamed/{name}.fr.text")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = cli_run(["batch", renamed, "-o", tmp_path / "p", "--pattern", "{set}.{lang}.text", "--workers", "1"])
    assert code == 0, err
    code, _, err = cli_run(["batch", tmp_path / "manifest.csv", "-o", tmp_path / "m", "--workers", "1"])
    assert code == 0, err
    assert tm_content(tmp_path / "p") == tm_content(tmp_path / "m") != []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
        (["--pattern", "{set}.txt"], "needs exactly one {set} and one {lang}"),
    ],
)
def test_usage_errors(tmp_path, make_sets, cli_run, args, message):
    make_sets(tmp_path / "in", 1)
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", tmp_path / "out", *args])
    assert code == 2
    assert message in err and "Traceback" not in err


def test_shared_lexicon_learns_across_the_sets_as_the_library_does(tmp_path, make_sets, cli_run):
    from tmtool.align import align_documents
    from tmtool.align.collection import align_collection
    from tmtool.align.lexicon import read_counts
    from tmtool.batch.worker import COUNTS_FILE, SHARED_LEXICON_FILE
    from tmtool.documents import read_document

    names = make_sets(tmp_path / "in", 3, langs=("en", "fr"))
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--workers", "2", "--shared-lexicon", "3"])
    assert code == 0, err
    assert "learning a shared lexicon from 3 sets" in err
    records = last_records(out)
    assert all(r["status"] == "done" and r["shared_lexicon"] for r in records.values())
    shared = read_counts(out / SHARED_LEXICON_FILE).get("en", "fr")
    own = [read_counts(set_dir(out, n) / COUNTS_FILE).get("en", "fr") for n in names]
    assert shared.pairs == sum((c.pairs for c in own), Counter())

    # the library's two sweeps over the same documents give the same alignments
    sets = sorted(discover_sets(tmp_path / "in").sets, key=lambda s: s.name)
    docs = [[read_document(path, lang=lang) for lang, path in s.files] for s in sets]
    expected = align_collection(len(docs), lambda k, bg, learnt: align_documents(docs[k], background=bg, learnt=learnt))
    alone = [align_documents(d) for d in docs]
    for s, alignment, plain in zip(sets, expected, alone, strict=True):
        got = read_alignment(set_dir(out, s.name) / "alignment.json")
        assert [(link.segments, link.confidence) for link in got.links] \
            == [(link.segments, link.confidence) for link in alignment.links]
    # and the shared counts made a difference (the confidences rest on the similarity of the linked texts)
    def confidences(alignments):
        return [[link.confidence for link in a.links] for a in alignments]

    assert confidences(expected) != confidences(alone)

    # resuming without the option (or a fresh run's option on a finished batch) is refused, with the option it skips
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--resume", "--workers", "1"])
    assert code == 2 and "with --shared-lexicon" in err
    code, _, err = cli_run(["batch", tmp_path / "in", "-o", out, "--resume", "--workers", "1", "--shared-lexicon", "3"])
    assert code == 0, err
    assert {r["status"] for r in last_records(out).values()} == {"skipped"}


@pytest.mark.parametrize("finished", [True, False], ids=["finished", "killed-before-done"])
def test_resume_recounts_the_shared_lexicon_of_a_set_whose_files_changed(tmp_path, make_sets, finished):
    """--shared-lexicon: a set of the first sweep whose files changed kept its first-sweep counts on resume, so
    the shared lexicon (and every set aligned from it) went on learning from the old files. Now the resume counts
    what the new files teach, whether the set had finished (done.json) or was killed before its marker."""
    from tmtool.align.lexicon import read_counts
    from tmtool.batch.worker import COUNTS_FILE, SHARED_LEXICON_FILE

    names = make_sets(tmp_path / "in", 3, langs=("en", "fr"))
    out = tmp_path / "out"
    run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, shared_lexicon=3)
    victim = names[1]
    if not finished:
        (set_dir(out, victim) / DONE_FILE).unlink()
    for lang in ("EN", "FR"):  # a shorter version of the document: its last paragraph taken out
        path = tmp_path / "in" / f"{victim}-{lang}.txt"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")

    summary = run_batch(discover_sets(tmp_path / "in").sets, out, workers=1, resume=True, shared_lexicon=3)

    assert (summary.done, summary.skipped, summary.failed) == (1, 2, 0)
    fresh = tmp_path / "fresh"
    run_batch(discover_sets(tmp_path / "in").sets, fresh, workers=1, shared_lexicon=3)

    def pairs(path: Path) -> Counter:
        return read_counts(path).get("en", "fr").pairs

    assert pairs(set_dir(out, victim) / COUNTS_FILE) == pairs(set_dir(fresh, victim) / COUNTS_FILE)
    assert pairs(out / SHARED_LEXICON_FILE) == pairs(fresh / SHARED_LEXICON_FILE)
    assert alignments(out, [victim]) == alignments(fresh, [victim])


def test_first_sweep_counts_keep_the_new_time_of_a_file_touched_with_the_same_bytes(tmp_path, monkeypatch):
    """--shared-lexicon --resume: the first-sweep counts of a set whose file was only touched or copied were found
    current by hashing the file, at every resume. The new modification time is now kept beside the counts, so
    the next resume compares times alone; a file whose bytes changed still makes the counts stale."""
    from tmtool.batch.grouping import DocumentSet
    from tmtool.batch.worker import COUNTS_INPUTS_FILE, input_fingerprints, stale_counts

    en, fr = tmp_path / "A-EN.txt", tmp_path / "A-FR.txt"
    en.write_text("One paragraph.\n", encoding="utf-8")
    fr.write_text("Un paragraphe.\n", encoding="utf-8")
    doc_set = DocumentSet("A", (("en", str(en)), ("fr", str(fr))))
    out = tmp_path / "out"
    set_dir(out, "A").mkdir(parents=True)
    (set_dir(out, "A") / COUNTS_INPUTS_FILE).write_text(json.dumps(input_fingerprints(doc_set)), encoding="utf-8")
    os.utime(en, ns=(en.stat().st_atime_ns, en.stat().st_mtime_ns + 5_000_000_000))  # touched: same bytes

    assert stale_counts(out, doc_set) is False
    kept = json.loads((set_dir(out, "A") / COUNTS_INPUTS_FILE).read_text(encoding="utf-8"))
    assert kept["en"]["mtime_ns"] == en.stat().st_mtime_ns
    with monkeypatch.context() as patch:
        patch.setattr(worker_module, "_sha256", lambda path: pytest.fail(f"{path} hashed again"))
        assert stale_counts(out, doc_set) is False
    fr.write_text("Un autre paragraphe.\n", encoding="utf-8")
    assert stale_counts(out, doc_set) is True
