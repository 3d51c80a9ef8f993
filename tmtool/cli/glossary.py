"""``tmtool glossary``: convert, show, extract, check."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import LanguageError, UsageError
from .outputs import counted

if TYPE_CHECKING:
    from ..glossary.model import Glossary

__all__ = ["glossary"]

_FORMATS = ["tbx", "tbx2", "omegat", "csv", "memoq"]


def _read(path: str, fmt: str | None = None, **options: str | None) -> Glossary:
    """``read_glossary``, printing what the reader skipped as ``tmtool: warning: ...`` lines."""
    import warnings

    from ..glossary import read_glossary
    from ..glossary.model import GlossaryWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GlossaryWarning)
        g = read_glossary(path, fmt, **options)
    for w in caught:
        if issubclass(w.category, GlossaryWarning):
            click.echo(f"tmtool: warning: {w.message}", err=True)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return g


@click.group()
def glossary() -> None:
    """Glossaries: TBX 2019, TBX v2, OmegaT TSV, CSV, memoQ CSV; term extraction and terminology QA."""


@glossary.command()
@click.argument("infile", metavar="IN", type=click.Path(dir_okay=False))
@click.argument("outfile", metavar="OUT", type=click.Path(dir_okay=False))
@click.option("--to", "to", type=click.Choice(_FORMATS),
              help="Output format (default: from OUT's extension; .csv = lossless csv).")
@click.option("--from", "from_", type=click.Choice(_FORMATS), help="Input format (default: guessed).")
@click.option("--src-lang",
              help="OmegaT: source language (writing: which pair; reading: files without a tmtool header).")
@click.option("--tgt-lang", help="OmegaT: target language.")
@click.option("--encoding", help="Encoding of a CSV/TSV input that is not UTF-8.")
@click.option("--bom", is_flag=True,
              help="CSV outputs (csv, memoq): start the file with a UTF-8 byte order mark, so that Excel opens "
                   "Arabic, Chinese, Russian... as written (memoQ, MultiTerm, OmegaT and tmtool read it either way).")
def convert(infile: str, outfile: str, to: str | None, from_: str | None, src_lang: str | None,
            tgt_lang: str | None, encoding: str | None, bom: bool) -> None:  # fmt: skip
    """Convert glossary IN to OUT."""
    from ..glossary import write_glossary
    from .outputs import refuse_overwriting_input, refuse_unwritable_target

    refuse_overwriting_input(infile, outfile)
    refuse_unwritable_target(outfile, "OUT")
    from ..glossary.io import CSV_FORMATS, dropped_by, format_for_output

    out_format = to or format_for_output(outfile)
    if bom and out_format not in CSV_FORMATS:  # before the input is read
        raise UsageError(f"--bom is for the CSV formats ({', '.join(CSV_FORMATS)}), not {out_format}")
    g = _read(infile, from_, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
    n = write_glossary(g, outfile, to, bom=bom, src_lang=src_lang, tgt_lang=tgt_lang)
    dropped = dropped_by(g, out_format)
    if dropped:
        what = ", ".join(f"{count} {name}" for name, count in sorted(dropped.items(), key=lambda x: (-x[1], x[0])))
        click.echo(f"tmtool: warning: {outfile}: the {out_format} format cannot hold "
                   f"these TBX elements, dropped: {what}", err=True)  # fmt: skip
    from ..glossary.lost import lost_fields

    lost = lost_fields(g, out_format, src_lang, tgt_lang)
    if lost:
        what = ", ".join(f"{count} {name}" for name, count in sorted(lost.items(), key=lambda x: (-x[1], x[0])))
        click.echo(f"tmtool: warning: {outfile}: the {out_format} format cannot hold "
                   f"these fields, dropped: {what}", err=True)  # fmt: skip
    skipped = len(g.entries) - n
    note = f" ({skipped} without a usable term in the language pair skipped)" if skipped else ""
    click.echo(f"{counted(n, 'entry', 'entries')} written to {outfile}{note}", err=True)


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", help="Only terms in these languages (comma-separated).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--from", "from_", type=click.Choice(_FORMATS), help="Input format (default: guessed).")
@click.option("--src-lang", help="OmegaT: source language of a file without a tmtool header.")
@click.option("--tgt-lang", help="OmegaT: target language of a file without a tmtool header.")
@click.option("--encoding", help="Encoding of a CSV/TSV input that is not UTF-8.")
@click.option("--brief", is_flag=True,
              help="Terms and statuses only: no definitions, notes, sources, part of speech, examples (the "
                   "output of show before these were shown; JSON: the keys id, subject, terms, text, status).")
@click.option("--term", "query",
              help="Only entries with a term holding this text (any language, or those of --lang): case, accents "
                   "and apostrophe styles ignored, whole words ('Korea' finds both Koreas).")
def show(file: str, lang: str | None, fmt: str, from_: str | None, src_lang: str | None, tgt_lang: str | None,
         encoding: str | None, brief: bool, query: str | None) -> None:  # fmt: skip
    """Print the entries of a glossary: per entry its terms by language with their statuses, and under them the
    definitions, term details (part of speech, type, note, source, examples), the entry's note and source."""
    from ..glossary.present import entry_json, entry_lines
    from ..glossary.search import entries_with_term
    from ..languages import base, parse_lang_list

    g = _read(file, from_, encoding=encoding, src_lang=src_lang, tgt_lang=tgt_lang)
    langs = parse_lang_list(lang)
    if langs:
        missing = [x for x in langs if not any(base(t) == base(x) for t in g.languages)]
        if missing:
            raise LanguageError(f"no terms in {', '.join(missing)} (the glossary has {', '.join(g.languages)})", file)
    wanted = {base(x) for x in langs or ()}
    keep = (lambda tag: base(tag) in wanted) if langs else (lambda tag: True)
    if query is not None and not query.strip():
        raise UsageError("--term is empty: give the text to look for")
    entries = g.entries if query is None else entries_with_term(g, query, langs)
    if query is not None and not entries:
        where = f" in {', '.join(langs)}" if langs else ""
        click.echo(f"tmtool: no entry of {file} has a term{where} holding {query!r}", err=True)
    if fmt == "json":
        shown = [x for e in entries if (x := entry_json(e, keep, brief)) is not None]
        click.echo(json.dumps({"entries": shown}, ensure_ascii=False, indent=1))
        return
    for e in entries:
        for line in entry_lines(e, keep, brief):
            click.echo(line)


def _pairs(alignments: tuple[str, ...], tm: str | None, src: str, tgt: str) -> Iterator:  # type: ignore[type-arg]
    """Segment pairs of the alignment files, or of the units of the TM store at ``tm``."""
    from ..glossary.pairs import pairs_from_alignment, pairs_from_units

    if bool(alignments) == bool(tm):
        raise UsageError("give ALIGNMENT.json files or --tm DIR (one of the two)")
    if tm:
        from ..errors import StoreError
        from ..tm import TMStore

        if not Path(tm).is_dir():
            raise StoreError(f"{tm}: no TM store here")
        store = TMStore.open(tm, create=False)
        yield from pairs_from_units(store.iter_units([src, tgt]), src, tgt, tm)
        return
    from ..align.model import read_alignment

    for path in alignments:
        yield from pairs_from_alignment(read_alignment(path), src, tgt, path)


@glossary.command()
@click.argument("alignments", metavar="[ALIGNMENT.json]...", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--tm", type=click.Path(file_okay=False), help="Read the segment pairs from this TM store.")
@click.option("--src", required=True, help="Source language.")
@click.option("--tgt", required=True, help="Target language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here (.tbx: TBX with status proposed; else TSV). Default: stdout.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True, help="Number of candidates.")
@click.option("--min-freq", type=click.IntRange(min=1), default=2, show_default=True, help="Minimum co-occurrences.")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False),
              help="Mark the candidates this glossary already holds (repeatable): a last TSV column, glossary.")
@click.option("--bom", is_flag=True,
              help="With -o FILE.tsv: start the TSV with a UTF-8 byte order mark, so that Excel opens it as UTF-8.")
def extract(alignments: tuple[str, ...], tm: str | None, src: str, tgt: str, output: str | None, limit: int,
            min_freq: int, glossaries: tuple[str, ...], bom: bool) -> None:  # fmt: skip
    """Propose term pairs from aligned text, best first.

    TSV columns: rank, source, target, frequency, joint, dice, llr, score, example_source, example_target;
    with --glossary also glossary: empty (new), known, "known, deprecated target", "other target: X".
    """
    from ..fileio import atomic_write_text
    from ..glossary import write_glossary
    from ..glossary.extract import candidates_to_glossary, candidates_to_tsv, extract_terms, same_language

    same_language(src, tgt)  # before anything is read
    to_tbx = bool(output) and output.lower().endswith((".tbx", ".xml"))  # type: ignore[union-attr]
    if bom and (not output or to_tbx):
        raise UsageError("--bom is for a TSV written with -o (not stdout, not TBX)")
    if output:
        from .outputs import refuse_overwriting_inputs, refuse_unwritable_target

        refuse_overwriting_inputs([*alignments, tm, *glossaries], output, "output file")
        refuse_unwritable_target(output, "-o")
    known = None
    if glossaries:  # read first: a bad glossary fails before the extraction's minutes
        from ..glossary.check import merge_glossaries

        pair = {"default_src_lang": src, "default_tgt_lang": tgt}
        known = merge_glossaries([_read(p, **pair) for p in glossaries])
    cands = extract_terms(_pairs(alignments, tm, src, tgt), src, tgt, limit=limit, min_freq=min_freq)
    if known is not None:
        from ..glossary.known import mark_known

        cands = mark_known(cands, known, src, tgt)
    if output and to_tbx:
        write_glossary(candidates_to_glossary(cands, src, tgt), output, "tbx", src_lang=src)
    elif output:
        tsv = candidates_to_tsv(cands, glossary_column=bool(glossaries))
        atomic_write_text(output, ("\ufeff" if bom else "") + tsv)
    else:
        sys.stdout.write(candidates_to_tsv(cands, glossary_column=bool(glossaries)))
    if output:
        click.echo(f"{counted(len(cands), 'candidate')} written to {output}", err=True)


@glossary.command()
@click.argument("alignments", metavar="[ALIGNMENT.json]...", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--glossary", "glossaries", multiple=True, required=True, type=click.Path(dir_okay=False),
              help="Glossary file (repeatable).")
@click.option("--tm", type=click.Path(file_okay=False), help="Check the units of this TM store.")
@click.option("--src", default="en", show_default=True, help="Source language.")
@click.option("--tgt", help="Target language(s), comma-separated (default: every other language of the glossary).")
@click.option("--allow-mirrored", is_flag=True,
              help="Do not report a deprecated target term when the source uses a deprecated term of the same entry.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", "fail_on", default="", metavar="CLASSES",
              help="Exit with code 3 when problems of these classes are found, comma-separated "
                   "(missing,deprecated,forbidden,variant,adjective,untranslated; 'all'). "
                   "Default: exit 0 whatever is found.")
def check(alignments: tuple[str, ...], glossaries: tuple[str, ...], tm: str | None, src: str, tgt: str | None,
          allow_mirrored: bool, fmt: str, fail_on: str) -> None:  # fmt: skip
    """Flag missing approved renderings and deprecated/forbidden terms in aligned targets.

    Text output: the problems (severity error), then the variants (severity info: a place name rendered by
    a derived word, « forces armées arméniennes » for "armed forces of Armenia"), then the summary line,
    all on stdout.
    """
    from ..glossary.check import PROBLEMS, check_pairs, merge_glossaries
    from ..languages import base, parse_lang_list

    failing = {x.strip() for x in fail_on.split(",") if x.strip()}
    failing = set(PROBLEMS) if "all" in failing else failing
    if failing - set(PROBLEMS):
        raise click.BadParameter(f"unknown problem class {', '.join(sorted(failing - set(PROBLEMS)))}; "
                                 f"choose from {', '.join(PROBLEMS)} or all", param_hint="--fail-on")  # fmt: skip

    given = parse_lang_list(tgt) or []
    # an OmegaT glossary without a tmtool header is read in the languages checked (its header wins)
    pair = {"default_src_lang": src, "default_tgt_lang": given[0] if len(given) == 1 else None}
    g = merge_glossaries([_read(p, **pair) for p in glossaries])
    from ..glossary.extract import same_language

    for lang in given:
        same_language(src, lang)
    targets = given or [x for x in g.languages if base(x) != base(src)]
    if alignments and not tgt:  # the alignments' own languages that the glossary has: each checked once
        from ..align.model import read_alignment

        wanted = {base(x) for x in targets}
        present = {x: None for p in alignments for x in read_alignment(p).langs if base(x) in wanted}
        targets = list(present)
    problems = []
    for lang in targets:
        problems += check_pairs(g, _pairs(alignments, tm, src, lang), src, lang, allow_mirrored=allow_mirrored)
    counts = {k: sum(p.problem == k for p in problems) for k in PROBLEMS}
    errors = [p for p in problems if p.severity != "info"]
    infos = [p for p in problems if p.severity == "info"]
    summary = counted(len(errors), "problem") + "".join(f", {counts[k]} {k}" for k in PROBLEMS[:3] if counts[k])
    summary += f"; {len(infos)} for information" + "".join(f", {counts[k]} {k}" for k in PROBLEMS[3:] if counts[k])
    if fmt == "json":
        keys = ("problem", "severity", "lang", "term", "expected", "segment", "where", "entry", "found", "source")
        click.echo(json.dumps([{k: getattr(p, k) for k in keys} for p in problems], ensure_ascii=False, indent=1))
        click.echo(summary, err=True)  # stdout stays one JSON document
    else:
        meaning = {"variant": "a place name as a derived word in the target, usually right",
                   "adjective": "a place name's adjective in the source, rendered in no form",
                   "untranslated": "a source term kept as written in the target, usually part of a name"}
        info = "for information: " + "; ".join(f"{k}: {v}" for k, v in meaning.items() if counts[k])
        for group, title in ((errors, ""), (infos, info)):
            if group and title:
                click.echo(("\n" if errors else "") + f"# {title}")
            for p in group:
                what = f"{p.problem} {p.lang}: {p.found or p.term!r}"
                hint = f" (expected {p.expected!r})" if p.expected else ""
                click.echo(f"{p.where}: {what}{hint}: {p.segment}")
        click.echo(summary)
    if any(counts[k] for k in failing):
        sys.exit(3)
