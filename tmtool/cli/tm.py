"""``tmtool tm import|add|remove|export|stats|compact|repair`` and ``tmtool lookup``: thin wrappers over
:mod:`tmtool.tm`."""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from ..errors import EncodingError, InputError, UsageError
from ..fileio import regular_file
from .outputs import counted

__all__ = ["tm", "lookup"]

def _tm_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """``--tm -`` is refused: a TM is a folder, and ``tm add`` made one named ``-`` where ``-`` says a stream."""
    if os.fspath(value) == "-":
        raise UsageError("--tm -: a translation memory is a folder, not standard input or output; give its path")
    return value


TM_OPTION = click.option(
    "--tm", "tm_dir", type=click.Path(file_okay=False, path_type=Path), envvar="TMTOOL_TM", default="tm",
    show_default=True, help="Translation memory directory (or set TMTOOL_TM).", callback=_tm_folder,
)


@contextlib.contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on stderr (nothing when stderr is not a terminal); yields ``advance(n)``."""
    if not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)


def _forms(rendering) -> str:  # type: ignore[no-untyped-def]
    """": Совета Безопасности 55, Совет Безопасности 26" for a rendering found in several inflected forms; forms
    found once are only counted ("2 more forms once"): all are in the JSON."""
    if not rendering.forms:
        return ""
    shown = [f"{f.text} {f.count}" for f in rendering.forms if f.count > 1 or f is rendering.forms[0]]
    once = len(rendering.forms) - len(shown)
    return ": " + ", ".join(shown + ([f"{counted(once, 'more form')} once"] if once else []))


def _evidence(rendering) -> str:  # type: ignore[no-untyped-def]
    """"96" for a rendering's hits; "2 hits only" when they are too few to trust it unchecked."""
    return f"{rendering.count} hits only" if rendering.thin else str(rendering.count)



def _skipped(n: int) -> str:
    """Why units of a file were not added (empty when all were)."""
    if not n:
        return ""
    return f" ({counted(n, 'unit')} had text in fewer than two languages: a TM unit needs two)"


def _alternatives(n: int) -> str:
    """How units with several variants in one language were added (empty when none had)."""
    if not n:
        return ""
    return f" ({counted(n, 'unit')} had several variants in one language: each variant added as a unit of its own)"


def _kept(store, path: Path, tm_dir: Path, why: str = "") -> None:  # type: ignore[no-untyped-def]
    """Refuse an add of ``path`` that added nothing where its earlier add is in the TM (kept as it was)."""
    if store.kept:
        raise InputError(f"0 units to add{why}; its earlier units in {tm_dir} are kept (take them out with "
                         f"'tmtool tm remove --origin {path}')", path)


def _replaced(n: int) -> str:
    """What a replacing add took out (empty when the origin was new)."""
    return f", replacing the {counted(n, 'unit occurrence')} of its earlier add" if n else ""


@click.group("tm")
def tm() -> None:
    """Build and inspect the translation memory store (Parquet, default ./tm)."""


@tm.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@TM_OPTION
def import_cmd(files: tuple[Path, ...], tm_dir: Path) -> None:
    """Add the units of TMX files to the TM (duplicates merged)."""
    from ..tm import TMStore
    from ..tmx import iter_units

    for path in files:  # all checked before the TM is opened (created)
        regular_file(path)
    store = TMStore.open(tm_dir, create=True, lazy=True)
    for path in files:
        with _progress(f"import {path.name}") as advance:
            n = store.add_units(iter_units(path), origin=str(path.resolve()), progress=advance, replace=True)
        _kept(store, path, tm_dir)
        click.echo(f"{path}: {counted(n, 'unit')} added to {tm_dir}{_replaced(store.replaced)}{_skipped(store.skipped)}"
                   f"{_alternatives(store.alternatives)}")


@tm.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--status", type=click.Choice(("all", "reviewed")), default="all", show_default=True,
              help="reviewed: only links a reviewer confirmed or edited.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Leave out unreviewed links scored below this.")
@TM_OPTION
def add_cmd(files: tuple[Path, ...], status: str, min_confidence: float, tm_dir: Path) -> None:
    """Add the links of alignment.json files to the TM; a file added before replaces its earlier units."""
    from ..align.model import read_alignment
    from ..tm import TMStore

    for path in files:  # before the store is opened: nothing is added when one file is of the wrong kind
        regular_file(path)
        if path.suffix.lower() == ".tmx":
            raise UsageError(f"{path}: a TMX file; add it with 'tmtool tm import'")
    store = TMStore.open(tm_dir, create=True, lazy=True)
    for path in files:
        alignment = read_alignment(path)
        with _progress(f"add {path.name}", total=len(alignment.links)) as advance:
            n = store.add_alignment(alignment, origin=str(path.resolve()), progress=advance, status=status,
                                    min_confidence=min_confidence)
        why = ""
        if not n and status == "reviewed" and not any(link.status != "auto" for link in alignment.links):
            why = " (no link is confirmed or edited: review it first, or use --status all)"
        _kept(store, path, tm_dir, why)
        click.echo(f"{path}: {counted(n, 'unit')} added to {tm_dir}{_replaced(store.replaced)}"
                   f"{_skipped(store.skipped)}{why}")


@tm.command("remove")
@click.option("--origin", default=None,
              help="Remove what this origin added: the alignment/TMX file (path) or a batch set name.")
@click.option("--document", default=None, help="Remove every unit occurrence of this document symbol.")
@TM_OPTION
def remove_cmd(origin: str | None, document: str | None, tm_dir: Path) -> None:
    """Take an origin's (or a document's) units out of the TM, in one commit."""
    from ..tm import TMStore

    if (origin is None) == (document is None):
        raise UsageError("give --origin ORIGIN or --document SYMBOL")
    store = TMStore.open(tm_dir, create=False)
    if origin is not None:
        known = store.origins()
        if origin not in known and str(Path(origin).resolve()) in known:
            origin = str(Path(origin).resolve())  # a file given by a relative path: origins are absolute
        if origin not in known:
            listed = ", ".join(known[:5]) + (", ..." if len(known) > 5 else "")
            raise UsageError(f"{origin}: no such origin in {tm_dir} (it has: {listed or 'none'})")
    n = store.remove(origin=origin, document=document)
    if not n and document is not None:
        raise UsageError(f"{document}: no unit of this document in {tm_dir}")
    click.echo(f"{tm_dir}: {counted(n, 'unit occurrence')} of {origin or document} removed")


@tm.command("export")
@click.option("--tmx", "tmx_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="TMX file to write.")
@click.option("--langs", default=None, help="Languages to export, comma-separated (default: all).")
@click.option("--profile", default="generic", show_default=True,
              type=click.Choice(["generic", "trados", "memoq", "omegat"]), help="Target tool profile.")
@TM_OPTION
def export_cmd(tmx_path: Path, langs: str | None, profile: str, tm_dir: Path) -> None:
    """Write the merged units of the TM as TMX 1.4."""
    from ..languages import parse_lang_list
    from ..tm import TMStore
    from ..tm.store import select_tags
    from ..tmx import write_tmx
    from .outputs import is_stdout, refuse_overwriting_input, refuse_unwritable_target

    refuse_overwriting_input(tm_dir, tmx_path, "TMX file")
    refuse_unwritable_target(str(tmx_path), "--tmx")
    store = TMStore.open(tm_dir, create=False)
    wanted = parse_lang_list(langs)
    stats = store.stats()
    present = list(stats["languages"])
    if wanted:
        missing = [lang for lang in wanted if not select_tags(lang, present)]
        if missing:
            raise UsageError(f"not in the TM: {', '.join(missing)} (it has: {', '.join(present)})")
        if len({tag for lang in wanted for tag in select_tags(lang, present)}) < 2:  # "fr,fr", ",fr": no unit
            raise UsageError(f"--langs {langs}: a TMX export needs at least two languages")
        srclang = select_tags(wanted[0], present)[0]
    else:  # English (its tag with most units) when the TM has it, else the language with most units
        counts = stats["languages"]
        choice = select_tags("en", present) or present
        srclang = max(choice, key=lambda t: counts.get(t, 0)) if choice else "en"
    with _progress("export", total=stats["units"]) as advance:

        def units():
            for unit in store.iter_units(wanted):
                advance(1)
                yield unit

        skipped: dict[str, int] = {}
        n = write_tmx(units(), tmx_path, srclang=srclang, profile=profile, stats=skipped)
    left_out = f", {counted(skipped['no_source'], 'unit')} without the source language {srclang} skipped" \
        if skipped.get("no_source") else ""  # fmt: skip
    click.echo(f"{tmx_path}: {counted(n, 'unit')} written{left_out}", err=is_stdout(tmx_path))


@tm.command("stats")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@TM_OPTION
def stats_cmd(fmt: str, tm_dir: Path) -> None:
    """Units, languages, documents and size of the TM."""
    from ..tm import TMStore

    stats = TMStore.open(tm_dir, create=False).stats()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    click.echo(f"translation memory {stats['path']}")
    click.echo(f"  units        {stats['units']:,} ({stats['occurrences']:,} added, duplicates merged)")
    langs = ", ".join(f"{k} {v:,}" for k, v in stats["languages"].items())
    click.echo(f"  languages    {langs or '-'}")
    click.echo(f"  documents    {stats['documents']:,}   origins {stats['origins']:,}")
    click.echo(f"  parts        {stats['parts']}   {stats['bytes']:,} bytes (index {stats['index_bytes']:,})")


@tm.command("compact")
@click.option("--drop-broken", is_flag=True,
              help="First take parts that cannot be read (missing, damaged, not a TM part) out of the TM; "
                   "their files are moved to DIR/broken/.")
@TM_OPTION
def compact_cmd(drop_broken: bool, tm_dir: Path) -> None:
    """Merge all parts into one, duplicates merged; drop parts of killed writes."""
    from ..tm import TMStore
    from ..tm.repair import drop_broken as drop

    store = TMStore.open(tm_dir, create=False)
    if drop_broken:
        for name, why in drop(store):
            click.echo(f"tmtool: {tm_dir}/parts/{name}: {why}: its units dropped from the TM, the file moved to "
                       f"{tm_dir}/broken/", err=True)
    n = store.compact()
    click.echo(f"{tm_dir}: compacted to {counted(n, 'unit')}")


@tm.command("repair")
@click.option("--rebuild-manifest", is_flag=True,
              help="Write a lost manifest.json again from the part files found in DIR/parts/ (refused when "
                   "there is a manifest); parts that cannot be read are listed and left out, never deleted.")
@TM_OPTION
def repair_cmd(rebuild_manifest: bool, tm_dir: Path) -> None:
    """Repair a damaged TM (see also 'tm compact --drop-broken')."""
    from ..tm import TMStore
    from ..tm.repair import rebuild_manifest as rebuild

    if not rebuild_manifest:
        raise UsageError("say what to repair: --rebuild-manifest (damaged parts: 'tmtool tm compact --drop-broken')")
    report = rebuild(TMStore(tm_dir))
    for name, why in report.left_out:
        click.echo(f"tmtool: {tm_dir}/parts/{name}: {why}: left out of the manifest (the file is kept)", err=True)
    for part in report.parts:
        click.echo(f"  {part['name']}  {counted(part['rows'], 'row')}  {', '.join(part['owners']) or '-'}")
    origins = ", ".join(report.origins[:5]) + (", ..." if len(report.origins) > 5 else "")
    click.echo(f"{tm_dir}: manifest.json rebuilt from {counted(len(report.parts), 'part')}"
               f"{f' ({len(report.left_out):,} left out)' if report.left_out else ''}: {counted(report.units, 'unit')} "
               f"({report.occurrences:,} added), {counted(len(report.origins), 'origin')}"
               f"{': ' + origins if origins else ''}")


# ---------------------------------------------------------------------------------------------- lookup
def _mark(text: str, spans: list[tuple[int, int]], styled: bool) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        piece = text[start:end]
        out.append(text[last:start])
        out.append(click.style(piece, bold=True, fg="yellow") if styled else f"**{piece}**")
        last = end
    out.append(text[last:])
    return "".join(out)


def _kwic(text: str, spans: list[tuple[int, int]], styled: bool, width: int = 50,
          around: float | None = None) -> str:
    """Key word in context; without spans, the part of ``text`` around relative place ``around`` (0..1:
    where the query sits in the source, so the aligned region of a target), else its start."""
    if not spans:
        if len(text) <= 2 * width:
            return text
        if around is None:
            return text[: 2 * width] + "…"
        lo = min(max(0, int(around * len(text)) - width), len(text) - 2 * width)
        if lo > 0 and (space := text.find(" ", lo, lo + 20)) != -1:  # do not cut words
            lo = space + 1
        hi = min(len(text), lo + 2 * width)
        return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
    start, end = spans[0]
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0 and (space := text.find(" ", lo, start)) != -1:  # do not cut words
        lo = space + 1
    if hi < len(text) and (space := text.rfind(" ", end, hi)) != -1:
        hi = space
    shifted = [(s - lo, e - lo) for s, e in spans if s >= lo and e <= hi]
    return ("…" if lo else "") + _mark(text[lo:hi], shifted, styled) + ("…" if hi < len(text) else "")


def _hints(store: Any, query: str, src: str, tgt: str | None, **lookup: Any) -> None:
    """After a lookup that found nothing: where the query is found (another --src, --forms), one line each; a
    language that is ``--tgt`` swaps the two (``--src fr`` alone would be refused: the same language twice)."""
    from ..languages import base
    from ..tm.hints import no_hit_hints

    hints = no_hit_hints(store, query, src, **lookup)
    if hints.no_words:
        click.echo("hint: the query has no word to search for (spaces and punctuation are not searched)")
    for lang, found in hints.languages[:3]:
        what = f"best match {found}%" if lookup.get("use_fuzzy") else counted(found, "unit")
        swap = f" --tgt {src}" if tgt is not None and base(lang) == base(tgt) else ""
        click.echo(f"hint: found in {lang} ({what}): try --src {lang}{swap}")
    if hints.forms:
        hold = "holds" if hints.forms == 1 else "hold"
        click.echo(f"hint: {counted(hints.forms, 'unit')} {hold} other forms of its words: try --forms")
    if hints.wildcard:
        click.echo("hint: * ? % are no wildcards here (searched as punctuation): --substring matches inside "
                   "words, --forms other forms of a word")


def _read_queries(path: Path) -> list[str]:
    """The queries of ``path`` (``-``: standard input), one a line: UTF-8, or UTF-8/UTF-16/UTF-32 with a byte-order mark (what Windows
    Notepad saves as "Unicode"). NUL bytes without a byte-order mark are refused, never searched for."""
    from ..documents.decoding import decode_bytes, looks_like_utf16, read_file_bytes

    if str(path) == "-":  # standard input; a file of that name is './-'
        raw, path = sys.stdin.buffer.read(), Path("<stdin>")
    else:
        raw = read_file_bytes(regular_file(path))  # /dev/null read as no queries, a FIFO never ending
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)  # UTF-32-LE: as UTF-16-LE
    if not raw.startswith(boms) and b"\x00" in raw and not looks_like_utf16(raw):
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise EncodingError("NUL bytes: not a text file of queries", path, line)
    text = decode_bytes(raw, path)  # a byte-order mark's encoding, UTF-16 without one named, else strict UTF-8
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise EncodingError("NUL character: not a text file of queries", path, line)
    return [line.strip() for line in text.splitlines() if line.strip()]


@click.command("lookup")
@click.argument("query", required=False)
@click.option("--src", required=True, help="Language of the query.")
@click.option("--tgt", default=None, help="Language of the renderings (default: the TM's most common other).")
@TM_OPTION
@click.option("--fuzzy", "use_fuzzy", is_flag=True, help="Fuzzy-match a whole segment (CAT-style %).")
@click.option("--threshold", type=click.IntRange(1, 100), default=70, show_default=True, help="Fuzzy minimum %.")
@click.option("--substring", is_flag=True, help="Concordance: match inside words too (default: whole words).")
@click.option("--forms", is_flag=True,
              help="Concordance: also other inflected forms of the query's words (Russian from a dictionary, "
                   "other languages by Snowball stem: 'puppet regimes', 'марионеточного режима'); whole words.")
@click.option("--limit", type=click.IntRange(1, 10000), default=None, help="Results per query [20; fuzzy 10].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--queries", "queries_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File with one query a line ('-': standard input); prints one JSON object a line.")
def lookup(query: str | None, src: str, tgt: str | None, tm_dir: Path, use_fuzzy: bool, threshold: int,
           substring: bool, forms: bool, limit: int | None, fmt: str, queries_file: Path | None) -> None:
    """Concordance (default) or fuzzy lookup of QUERY in the translation memory."""
    from ..tm import TMStore, concordance, fuzzy

    if (query is None) == (queries_file is None):
        raise UsageError("give either a QUERY or --queries FILE")
    if use_fuzzy and (substring or forms):
        raise UsageError(f"{'--substring' if substring else '--forms'} applies to concordance, not to --fuzzy")
    if substring and forms:
        raise UsageError("--forms matches whole words: it does not go with --substring")
    limit = limit or (10 if use_fuzzy else 20)
    store = TMStore.open(tm_dir, create=False)
    from ..tm import open_index
    from ..tm.results import resolve_langs

    open_index(store, notify=lambda msg: click.echo(f"tmtool: {msg}", err=True) if sys.stderr.isatty() else None)
    if queries_file is not None:
        queries = _read_queries(queries_file)
        with _progress("lookup", total=len(queries)) as advance:
            for q in queries:
                if use_fuzzy:
                    hits = fuzzy(store, q, src, tgt, threshold=threshold, limit=limit)
                    extra: dict[str, Any] = {}
                else:
                    res = concordance(store, q, src, tgt, limit=limit, whole_word=not substring, forms=forms)
                    hits, extra = res.hits, {"total": res.total,
                                             "renderings": [{"text": r.text, "count": r.count, "thin": r.thin}
                                                            for r in res.renderings]}
                results = [{"score": h.score, "source": h.source, "target": h.target, "origin": h.origin} for h in hits]
                click.echo(json.dumps({"query": q, "results": results, **extra}, ensure_ascii=False))
                advance(1)
        return
    assert query is not None
    # ANSI bold on a terminal that takes it: not with NO_COLOR set (no-color.org: and not empty) nor TERM=dumb
    styled = (fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
              and os.environ.get("TERM") != "dumb")
    if use_fuzzy:
        hits = fuzzy(store, query, src, tgt, threshold=threshold, limit=limit)
        if fmt == "json":
            src_tags, tgt_tags = resolve_langs(open_index(store), src, tgt)
            click.echo(json.dumps({"query": query, "mode": "fuzzy", "src": src_tags, "tgt": tgt_tags,
                                   "threshold": threshold, "results": [h.to_json() for h in hits]},
                                  ensure_ascii=False, indent=1))
            return
        if not hits:
            click.echo(f"no fuzzy match of {threshold}% or more")
            _hints(store, query, src, tgt, use_fuzzy=True, threshold=threshold)
        for h in hits:
            click.echo(f"{h.score:3d}%  {_mark(h.source, h.source_spans, styled)}")
            click.echo(f"      → {h.target or ''}   [{h.origin or '-'}; ×{h.count}]")
        return
    res = concordance(store, query, src, tgt, limit=limit, whole_word=not substring, forms=forms)
    if fmt == "json":
        click.echo(json.dumps({"query": query, "mode": "concordance", "src": res.src, "tgt": res.tgt,
                               "total": res.total, "exact": res.exact, "sampled": res.sampled,
                               "renderings": [{"text": r.text, "count": r.count, "thin": r.thin, "score": r.score,
                                               "forms": [{"text": f.text, "count": f.count} for f in r.forms]}
                                              for r in res.renderings],
                               "results": [h.to_json() for h in res.hits]}, ensure_ascii=False, indent=1))
        return
    about = "" if res.exact else "about "
    click.echo(f"{query!r} in {'+'.join(res.src)}: {about}{counted(res.total, 'unit')}"
               + (f" (showing {len(res.hits)})" if len(res.hits) < res.total else ""))
    if not res.total:
        _hints(store, query, src, tgt, whole_word=not substring, forms=forms)
    if res.renderings:
        summary = "; ".join(f"{r.text} ({_evidence(r)}{_forms(r)})" for r in res.renderings)
        click.echo(f"renderings in {'+'.join(res.tgt)} (of {counted(res.sampled, 'hit')}): {summary}")
    for n, h in enumerate(res.hits, 1):
        click.echo(f"{n:3d}. {_kwic(h.source, h.source_spans, styled)}")
        if h.target is not None:
            tspans = [h.target_span] if h.target_span else []
            around = (h.source_spans[0][0] + h.source_spans[0][1]) / 2 / len(h.source) if h.source_spans else None
            click.echo(f"     → {_kwic(h.target, tspans, styled, width=60, around=around)}")
        click.echo(f"       [{h.origin or '-'}; ×{h.count}]")
