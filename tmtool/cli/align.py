"""``tmtool align`` (align the language versions of one document) and ``tmtool eval`` (score ladders)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from collections import Counter
from pathlib import Path

import click

from ..errors import FormatError, UsageError
from ..fileio import nearest_existing
from .outputs import check_folder_can_be_made, counted, refuse_overwriting_inputs, refuse_unwritable_target

__all__ = ["align", "eval_cmd"]


def _stem(path: Path, lang: str | None) -> str:
    """``A_78_371-FR.docx`` -> ``A_78_371``; ``letter.en.txt`` -> ``letter``."""
    name = path.name
    while "." in name and re.fullmatch(r"\.[A-Za-z0-9]{1,5}", name[name.rindex(".") :]):
        head = name[: name.rindex(".")]
        tail = name[name.rindex(".") + 1 :]
        if lang and tail.lower() != lang.lower().split("-")[0] and len(tail) > 2 and not tail.isalpha():
            break
        name = head
        if not re.search(r"\.[A-Za-z]{2,3}$", name):
            break
    if lang:
        name = re.sub(rf"[-_.]{re.escape(lang.split('-')[0])}$", "", name, flags=re.IGNORECASE)
    return name or path.stem


def _common_stem(files: list[Path], langs: list[str | None]) -> str:
    """The name the versions share: ``udhr_eng.txt`` and ``udhr_fra.txt`` -> ``udhr``, ``A_78_371-FR.docx`` and
    ``A_78_371-EN.docx`` -> ``A_78_371``; where they share no name cut at a separator, or one under half the first
    file's (``report.txt`` and ``rapport.txt``, ``2023_report_en`` and ``2023_rapport_fr``), the first file's
    (:func:`_stem`)."""
    stems = [_stem(f, lang) for f, lang in zip(files, langs)]
    if len(set(stems)) == 1:
        return stems[0]
    prefix = os.path.commonprefix([f.name for f in files])
    cut = re.match(r"(.*[^-_. ])[-_. ]", prefix)  # up to the last separator the names share
    return cut.group(1) if cut and 2 * len(cut.group(1)) >= len(stems[0]) else stems[0]


def _check_can_replace(path: Path, force: bool) -> None:
    """Refuse to overwrite an alignment that is being reviewed, or (without --force) one holding review work."""
    from ..align import read_alignment
    from ..errors import TmtoolError
    from ..review.lock import lock_path, read_lock

    holder = read_lock(lock_path(path))
    if holder is not None and holder.is_stale():  # killed, or its terminal lost: there is no review to close
        from ..review.journal import Journal

        journal = Journal(path)
        kept = f"its unsaved decisions are in {journal.path.name}; " if journal.read().events else ""
        raise UsageError(
            f"{path}: a review of it ended without closing ({holder.owner}, no longer running); {kept}open it with "
            f"'tmtool review --force' to take its lock over and close it, or write elsewhere with -o"
        )
    if holder is not None:
        raise UsageError(
            f"{path} is open in review by {holder.owner}; close the review first or write elsewhere with -o"
        )
    if force or not path.exists():
        return
    try:
        existing = read_alignment(path)
    except TmtoolError:
        raise UsageError(f"{path} exists and is not a readable alignment; use --force to overwrite it") from None
    reviewed = sum(1 for link in existing.links if link.status != "auto")
    if reviewed:
        raise UsageError(
            f"{path} holds {counted(reviewed, 'reviewed link')} that re-aligning would lose; "
            "use --force to overwrite it, or -o another folder"
        )


def _read_anchor_glossary(path: Path):  # type: ignore[no-untyped-def]
    """``read_glossary(path)``; an OmegaT TSV without a language header, whose languages only
    ``glossary convert --src-lang/--tgt-lang`` can give, says how to make one align can read."""
    from ..glossary import read_glossary
    from ..glossary.io import detect_format

    try:
        return read_glossary(path)
    except UsageError:
        if detect_format(path) != "omegat":
            raise
        raise UsageError(
            f"{path}: an OmegaT glossary (two-column TSV) does not say its languages, and align cannot tell them; "
            f"convert it once, naming them: tmtool glossary convert {path} {path.with_suffix('.tbx')} "
            "--src-lang LANG --tgt-lang LANG, then give --glossary the .tbx"
        ) from None


def _check_file_folder(path: Path, outdir: Path | None) -> None:
    """Refuse an output file whose folder is missing, or is a file (``afile.txt/x``: not a directory); the output
    folder ``outdir`` (``-o``), which the run makes, counts as there (``-o out --links-out out/links.txt``)."""
    folder = path.resolve().parent
    if folder.is_dir() or (outdir is not None and folder == outdir.resolve()):
        return
    probe = nearest_existing(folder)
    if not probe.is_dir():  # nearest_existing gives a path that exists
        raise UsageError(f"{path}: {probe} is not a directory")
    raise UsageError(f"{path}: its folder does not exist")


def _new_folder(folder: Path, created: list[Path]) -> None:
    """Make ``folder`` (and its missing parents), noting in ``created`` the ones that did not exist."""
    chain = [folder, *folder.parents]
    missing = chain[:chain.index(nearest_existing(folder))]
    folder.mkdir(parents=True, exist_ok=True)
    created.extend(reversed(missing))


def _remove_new(created: list[Path]) -> None:
    """Take away the files and (emptied) folders this run made, newest first."""
    for path in reversed(created):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()


def _write_outputs(alignment, out: Path, stem: str, links_out, learnt, lexicon_out, pair_links, pair_links_out,
                   created: list[Path]) -> list[str]:
    """Write what ``tmtool align`` writes; return the paths written. Files and folders that did not exist
    before are noted in ``created``."""
    from ..align import ladder_from_links, write_alignment, write_counts, write_ladder

    def new(path: Path) -> Path:
        if not os.path.lexists(path):
            created.append(path)
        return path

    _new_folder(out, created)
    write_alignment(alignment, new(out / "alignment.json"))
    written = [str(out / "alignment.json")]
    try:
        from ..tmx import export_alignment
    except ImportError:  # the TMX package is optional at this point
        export_alignment = None
    if export_alignment is not None:
        tmx_path = out / f"{stem}.tmx"
        export_alignment(alignment, new(tmx_path))
        written.append(str(tmx_path))
    if links_out is not None:
        a, b = alignment.langs
        write_ladder(ladder_from_links(alignment.links, a, b), new(links_out))
        written.append(str(links_out))
    if learnt is not None:
        write_counts(learnt, new(lexicon_out))
        written.append(str(lexicon_out))
    if pair_links is not None:
        _new_folder(pair_links_out, created)
        for (a, b), links in pair_links.items():
            path = pair_links_out / f"{a}-{b}.ladder"
            write_ladder(ladder_from_links(links, a, b), new(path))
            written.append(str(path))
    return written


@click.command("align")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./<document stem>.tmtool/).")
@click.option("--lang", "langs", help="Languages of the files, comma-separated, in file order.")
@click.option("--level", type=click.Choice(["paragraph", "sentence"]), default="paragraph", show_default=True)
@click.option("--input-format", type=click.Choice(["auto", "lines"]), default="auto", show_default=True,
              help="lines: one segment a line, exactly as given.")
@click.option("--links-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the links as a ladder file (exactly two inputs).")
@click.option("--pair-links-out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write one ladder file per language pair, DIR/<lang1>-<lang2>.ladder, each pair aligned "
                   "on its own with the other versions as bridges (any number of inputs; with --no-bridges, from "
                   "its two versions alone).")
@click.option("--glossary", "glossaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Glossary whose term pairs anchor the alignment (repeatable; replaces the default one).")
@click.option("--no-default-glossary", is_flag=True,
              help="Without --glossary, do not anchor on the shipped UN glossaries (places, organs, titles).")
@click.option("--no-bridges", is_flag=True,
              help="With three or more files, align each with the pivot only, without the other versions as "
                   "bridges and without the consensus vote: several times faster, less accurate.")
@click.option("--no-dictionary", is_flag=True,
              help="Align Chinese and Arabic with English, French, Spanish or Russian without their dictionaries "
                   "(CC-CEDICT, Buckwalter's lexicon): the lexicon is then learnt from the documents alone.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="A bilingual word list whose word pairs found in the texts anchor the alignment (repeatable): "
                   "a FreeDict dictionary in dictd form (freedict-deu-fra.index or .dict.dz; languages from the "
                   "name) or a TSV file whose first line names the two languages (de<TAB>fr).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path),
              help="Word co-occurrence counts that other documents taught (a counts file: --lexicon-out, or "
                   "OUTDIR/shared-lexicon.parquet of tmtool batch --shared-lexicon), or a translation memory of the "
                   "field whose units teach them (a TMX file or a tmtool TM folder), added to what this document "
                   "teaches the aligner (repeatable: the counts add up).")
@click.option("--lexicon-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the word co-occurrence counts this document teaches (Parquet), for --lexicon.")
@click.option("--embeddings", "embedding_model", metavar="MODEL",
              help="Also weigh the similarity of sentence embeddings from this multilingual sentence-transformers "
                   "model (a local folder, or a name in the local Hugging Face cache; nothing is downloaded). "
                   "Optional: needs pip install 'tmtool[embeddings]'; off by default.")
@click.option("--force", is_flag=True,
              help="Overwrite an existing alignment.json even if it holds reviewed (confirmed/edited) links.")
def align(files, outdir, langs, level, input_format, links_out, pair_links_out, glossaries, no_default_glossary,
          no_bridges, no_dictionary, dictionaries, lexicons, lexicon_out, embedding_model, force) -> None:
    """Align the language versions FILE FILE [FILE ...] of one document; writes OUTDIR/alignment.json."""
    from ..align import (REVIEW_THRESHOLD, AlignmentWarning, CollectionCounts, EmbeddingLeftOutWarning,
                         align_document_pairs, align_documents, read_lexicon, read_wordlist)
    from ..documents import read_document
    from ..languages import parse_lang_list

    if len(files) < 2:
        raise UsageError("give at least two files, one per language")
    lang_list: list[str | None] = [None] * len(files)
    if langs:
        parsed = parse_lang_list(langs)
        if len(parsed) != len(files):
            raise UsageError(f"--lang lists {counted(len(parsed), 'language')} for {counted(len(files), 'file')}")
        lang_list = list(parsed)
    if links_out is not None and len(files) != 2:
        raise UsageError("--links-out needs exactly two input files")
    inputs = [*files, *glossaries, *dictionaries, *lexicons]
    for option, path in (("--links-out", links_out), ("--lexicon-out", lexicon_out)):
        if path is not None:
            if str(path) == "-":  # a file named '-' was written, where '-' says standard output
                refuse_unwritable_target("-", option)
            refuse_overwriting_inputs(inputs, path, f"{option} file")
            _check_file_folder(path, outdir)
    if outdir is not None:  # every output location is checked before the documents are read
        check_folder_can_be_made(outdir, "output folder")
    if pair_links_out is not None:
        check_folder_can_be_made(pair_links_out, "--pair-links-out folder")
    glossary = None
    if glossaries:
        from ..glossary.model import Glossary

        loaded = [_read_anchor_glossary(g) for g in glossaries]
        glossary = loaded[0] if len(loaded) == 1 else Glossary(tuple(e for g in loaded for e in g.entries))
    wordlists = [read_wordlist(path) for path in dictionaries]
    embedder = None
    if embedding_model:
        from ..align import load_embedder

        embedder = load_embedder(embedding_model)
    background = learnt = None
    if lexicon_out is not None:
        learnt = CollectionCounts()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        docs = [read_document(f, lang=lang, input_format=input_format if input_format == "lines" else "auto")
                for f, lang in zip(files, lang_list)]
        stem = _common_stem(list(files), [d.lang for d in docs])
        out = outdir if outdir is not None else Path(f"{stem}.tmtool")
        check_folder_can_be_made(out, "output folder")
        doc_langs = [d.lang for d in docs]  # the aligner gives the pairs in this order, each once (tested)
        pair_paths = [pair_links_out / f"{a}-{b}.ladder" for n, a in enumerate(doc_langs) for b in doc_langs[n + 1:]
                      ] if pair_links_out is not None else []
        for path in [out / "alignment.json", out / f"{stem}.tmx", *pair_paths]:
            refuse_overwriting_inputs(inputs, path)
        _check_can_replace(out / "alignment.json", force)
        if lexicons:  # a TMX file counts only the word pairs these documents can use
            background = CollectionCounts()
            texts = {doc.lang: doc.texts for doc in docs}
            for path in lexicons:
                background.update(read_lexicon(path, list(texts), texts))
        cache: dict = {}  # the pair alignments made for alignment.json, reused for --pair-links-out
        alignment = align_documents(docs, level=level, glossary=glossary, default_glossary=not no_default_glossary,
                                    bridges=not no_bridges, pair_cache=cache, dictionary=not no_dictionary,
                                    background=background, learnt=learnt, wordlists=wordlists, embedder=embedder)
        pair_links = None
        if pair_links_out is not None:  # kept in alignment.json for three or more versions
            pair_links = alignment.pair_links or align_document_pairs(
                docs, level=level, glossary=glossary, default_glossary=not no_default_glossary, pair_cache=cache,
                bridges=not no_bridges, dictionary=not no_dictionary, background=background, wordlists=wordlists,
                embedder=embedder)
    # each message once (two calls may warn alike); of the embedding model's, the last names every pair left out
    left_out = [str(w.message) for w in caught if issubclass(w.category, EmbeddingLeftOutWarning)]
    others = [str(w.message) for w in caught if not issubclass(w.category, EmbeddingLeftOutWarning)]
    for message in dict.fromkeys(others + left_out[-1:]):
        click.echo(f"tmtool: warning: {message}", err=True)
    created: list[Path] = []  # what this run made, taken away again if a write fails
    try:
        written = _write_outputs(alignment, out, stem, links_out, learnt, lexicon_out, pair_links, pair_links_out,
                                 created)
    except BaseException:
        _remove_new(created)
        raise
    types = Counter(link.link_type(alignment.langs) for link in alignment.links)
    low = sum(1 for link in alignment.links if link.confidence < REVIEW_THRESHOLD)
    summary = ", ".join(f"{n} {t}" for t, n in types.most_common(6))
    click.echo(f"{counted(len(alignment.links), 'link')} ({summary}); {low} below confidence {REVIEW_THRESHOLD} to review")
    for w_path in written:
        click.echo(f"wrote {w_path}")


@click.command("eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_cmd(files, fmt) -> None:
    """Strict and lax precision, recall and F1 of ladders: GOLD PRED [GOLD PRED ...], summed over all pairs."""
    from ..align import read_ladder, score_pairs

    if len(files) % 2:
        raise UsageError("give GOLD PRED pairs (an even number of files)")
    ladders = [read_ladder(path) for path in files]
    for path, beads in zip(files, ladders):
        if not beads:  # an empty file (a failed run, a wrong name) scored 0 as if it were a ladder
            raise FormatError("no links: an empty ladder (a ladder holds one link a line, [0]:[0, 1])", path)
    pairs = list(zip(ladders[::2], ladders[1::2]))
    scores = score_pairs(pairs).as_dict()
    if fmt == "json":
        click.echo(json.dumps(scores))
        return
    click.echo(f"{'':8}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ("strict", "lax"):
        s = scores[name]
        click.echo(f"{name:8}{s['p']:8.3f}{s['r']:8.3f}{s['f1']:8.3f}")
