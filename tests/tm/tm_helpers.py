"""Helpers for the TM tests (a uniquely named module: tests are collected without packages)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tmtool.tmx.model import TranslationUnit, Variant

DATA = Path(__file__).resolve().parent.parent / "data" / "tm"
ROOT = Path(__file__).resolve().parents[2]


def small_units() -> list[TranslationUnit]:
    lines = (DATA / "small_tm.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    units = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        variants = tuple(Variant(lang, row[lang]) for lang in header[1:])
        units.append(TranslationUnit(variants, props=(("x-document", row["doc"]),)))
    return units


def units_of(rows: list[dict[str, str]], doc: str | None = None) -> list[TranslationUnit]:
    props = (("x-document", doc),) if doc else ()
    return [TranslationUnit(tuple(Variant(k, v) for k, v in r.items()), props=props) for r in rows]


def run_at_once(script: str, *argvs: list[str], timeout: float = 300) -> list[int]:
    """Run ``script`` in one Python process per argument list, all at once; their exit codes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", script, *argv], env=env) for argv in argvs]
    return [p.wait(timeout=timeout) for p in procs]


def through_tm(src: Path, tmp_path: Path, profile: str = "generic") -> list[TranslationUnit]:
    """The units of TMX ``src`` added to a new TM, exported with ``profile`` (checked free of errors), read back."""
    from tmtool.tm import TMStore
    from tmtool.tmx import iter_units, validate_tmx, write_tmx

    store = TMStore.open(tmp_path / "tm")
    store.add_units(iter_units(src), origin=src.name)
    out = tmp_path / f"out-{profile}.tmx"
    write_tmx(store.iter_units(), out, srclang=store.languages()[0], profile=profile)
    assert [p for p in validate_tmx(out, use_dtd=False) if p.severity == "error"] == []
    return list(iter_units(out))


def unpc_tm(shared: Path, folder: Path, part: str, langs: tuple[str, ...], lines: int | None = None):  # noqa: ANN201
    """A TM at ``folder`` of the UN Parallel Corpus ``part`` ("devset" or "testset", read in place from
    ../shared, never copied): one unit a line (the first ``lines``, else all) in ``langs``."""
    from tmtool.tm import TMStore

    source = shared / "corpora-src" / "unpc-v1.0-testsets" / part
    text = {lang: (source / f"UNv1.0.{part}.{lang}").read_text(encoding="utf-8").splitlines() for lang in langs}
    count = len(text[langs[0]]) if lines is None else lines
    store = TMStore.open(folder)
    store.add_units([TranslationUnit(tuple(Variant(lang, text[lang][i]) for lang in langs)) for i in range(count)],
                    origin=part)
    return store
