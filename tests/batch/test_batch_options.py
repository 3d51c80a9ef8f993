"""Option mistakes and an unreachable scheduler: one line, nothing created."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "doc.en.txt").write_text("The Council met on 3 May 2023.\n", "utf-8")
    (folder / "doc.fr.txt").write_text("Le Conseil s'est réuni le 3 mai 2023.\n", "utf-8")
    return folder


def test_scheduler_without_dask_engine_creates_nothing(cli_run, corpus, tmp_path):
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", corpus, "-o", out, "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert err.strip() == "tmtool: error: --scheduler needs --engine dask"
    assert not out.exists()


def test_unreachable_scheduler_is_one_line(cli_run, corpus, tmp_path):
    pytest.importorskip("dask.distributed")
    code, _, err = cli_run(["batch", corpus, "-o", tmp_path / "out", "--engine", "dask",
                            "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 1
    assert "Traceback" not in err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in err


def test_dictionary_reaches_every_set(cli_run, tmp_path):
    """``--dictionary`` as for ``tmtool align``: the word list decides the omission in the set's alignment."""
    import json
    from pathlib import Path

    from tmtool.align import read_ladder

    case = Path(__file__).resolve().parent.parent / "data" / "wordlists" / "align" / "mountain"
    folder = tmp_path / "in"
    folder.mkdir()
    for lang in ("de", "fr"):  # one paragraph a sentence
        lines = (case / f"{lang}.txt").read_text("utf-8").splitlines()
        (folder / f"mountain.{lang}.txt").write_text("\n\n".join(lines) + "\n", "utf-8")
    wordlist = case.parent.parent / "freedict-deu-fra.index"
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", folder, "-o", out, "--workers", "1", "--dictionary", wordlist])
    assert code == 0, err
    alignment = json.loads((out / "alignments" / "mountain" / "alignment.json").read_text("utf-8"))
    got = [(tuple(link["segments"]["de"]), tuple(link["segments"]["fr"])) for link in alignment["links"]]
    assert got == [(tuple(s), tuple(t)) for s, t in read_ladder(case / "expected.ladder")]


def test_bad_dictionary_stops_the_batch_before_anything(cli_run, corpus, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("de\tfr\nZelt\n", "utf-8")
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", corpus, "-o", out, "--dictionary", bad])
    assert code == 1
    assert err.strip().splitlines()[-1] == f"tmtool: error: {bad}:2: expected two tab-separated columns, found 1"
    assert not out.exists()


def test_a_translation_memory_reaches_every_set(cli_run, shared, tmp_path):
    """``--lexicon FILE.tmx`` as for ``tmtool align``: each set is aligned with the memory counted for its words."""
    import json

    from tmtool.align import align_documents, read_ladder, read_lexicon
    from tmtool.documents import read_document
    from tmtool.tmx import TranslationUnit, Variant, write_tmx

    base = shared / "eval" / "textberg_de-fr"
    if not (base / "dev.de").exists():
        pytest.skip(f"{base} missing")
    de = (base / "dev.de").read_text("utf-8").splitlines()
    fr = (base / "dev.fr").read_text("utf-8").splitlines()
    tmx = tmp_path / "memory.tmx"
    write_tmx([TranslationUnit((Variant("de", " ".join(de[i] for i in s)),
                                Variant("fr", " ".join(fr[j] for j in t))))
               for s, t in read_ladder(base / "dev.defr") if s and t and max(s) < 199 and max(t) < 235], tmx,
              srclang="de")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, part_de, part_fr in (("one", slice(300, 320), slice(350, 374)),
                                   ("two", slice(420, 440), slice(490, 516))):
        (folder / f"{name}.de.txt").write_text("\n\n".join(de[part_de]) + "\n", "utf-8")
        (folder / f"{name}.fr.txt").write_text("\n\n".join(fr[part_fr]) + "\n", "utf-8")
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", folder, "-o", out, "--workers", "1", "--lexicon", tmx])
    assert code == 0, err
    for name in ("one", "two"):
        got = json.loads((out / "alignments" / name / "alignment.json").read_text("utf-8"))
        docs = [read_document(folder / f"{name}.{lang}.txt", lang=lang) for lang in ("de", "fr")]
        taught = read_lexicon(tmx, ["de", "fr"], {d.lang: d.texts for d in docs})
        expected = align_documents(docs, background=taught)
        alone = align_documents(docs)
        assert [(k["segments"], k["confidence"]) for k in got["links"]] == \
            [({lang: list(ids) for lang, ids in k.segments.items()}, pytest.approx(k.confidence, abs=1e-4))
             for k in expected.links]
        assert [k.confidence for k in expected.links] != [k.confidence for k in alone.links]


def test_bad_memory_stops_the_batch_before_anything(cli_run, corpus, tmp_path):
    bad = tmp_path / "bad.tmx"
    bad.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de"/><body>\n<tu>\n</body></tmx>\n',
                   "utf-8")
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", corpus, "-o", out, "--lexicon", bad])
    assert code == 1
    assert err.splitlines()[0].startswith(f"tmtool: error: {bad}:4:")
    assert len(err.splitlines()) == 1, err  # no progress bar above it
    assert not out.exists()


def _garbage_lexicon(tmp_path, out):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"PAR1 not really\x00\x01")
    return ["--lexicon", bad], f"tmtool: error: {bad}: not a Parquet file"


def _garbage_tm_manifest(tmp_path, out):
    (out / "tm").mkdir(parents=True)
    (out / "tm" / "manifest.json").write_bytes(b"\x80\x81 not json")
    return ["--resume"], f"tmtool: error: {out / 'tm' / 'manifest.json'}: "


def _garbage_wordlist(tmp_path, out):
    bad = tmp_path / "words.tsv"
    bad.write_bytes(b"en\tfr\n\xff\xfe\n")
    return ["--dictionary", bad], f"tmtool: error: {bad}:2: "


@pytest.mark.parametrize("make", [_garbage_lexicon, _garbage_tm_manifest, _garbage_wordlist])
def test_a_bad_input_found_by_the_batch_is_one_line_without_a_progress_bar(cli_run, corpus, tmp_path, make):
    """A bad lexicon, word list or TM found by run_batch came below the progress bar, drawn before the checks:
    two lines on stderr. The bar is drawn once the inputs are checked."""
    out = tmp_path / "out"
    options, start = make(tmp_path, out)
    code, _, err = cli_run(["batch", corpus, "-o", out, "--workers", "1", *options])
    assert code == 1
    assert len(err.splitlines()) == 1 and err.startswith(start), err


def _fake_sentence_transformers(monkeypatch):
    """A stand-in for the sentence-transformers package: the "model" is a folder holding ``meanings.json`` (text ->
    meaning number); texts of one meaning get nearby rows."""
    import json
    from pathlib import Path

    import numpy as np

    module = types.ModuleType("sentence_transformers")

    class SentenceTransformer:
        def __init__(self, name):
            self.meanings = json.loads((Path(name) / "meanings.json").read_text("utf-8"))
            rng = np.random.default_rng(0)
            self.rows = rng.normal(size=(max(self.meanings.values()) + 1, 32))

        def encode(self, texts, **kwargs):
            return np.stack([self.rows[self.meanings[t]] if t in self.meanings else np.zeros(32) for t in texts])

    module.SentenceTransformer = SentenceTransformer
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)


def test_embeddings_reach_the_sets_alignment(monkeypatch, tmp_path):
    """``--embeddings`` as for ``tmtool align``: each worker loads the model and the set is aligned with it (here
    in-process, as a worker runs it: sentences of equal length sharing nothing, one lost in French, placed right only
    with the embeddings)."""
    import json

    import numpy as np

    from tmtool.batch.grouping import DocumentSet
    from tmtool.batch.runner import _create_tm
    from tmtool.batch.worker import _embedder, process_set

    _fake_sentence_transformers(monkeypatch)
    rng = np.random.default_rng(7)
    letters = list("bcdfghjklmnpqrstvwxz")
    texts = {lang: [" ".join("".join(rng.choice(letters, 3)) for _ in range(9)).capitalize() + "."
                    for _ in range(12)] for lang in ("de", "fr")}
    model = tmp_path / "model"
    model.mkdir()
    (model / "meanings.json").write_text(json.dumps({t: k for lang in texts for k, t in enumerate(texts[lang])}))
    del texts["fr"][5]
    files = []
    for lang, paragraphs in texts.items():
        path = tmp_path / f"doc.{lang}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", "utf-8")
        files.append((lang, str(path)))
    out = tmp_path / "out"
    _create_tm(out / "tm")
    threads: list[int] = []
    torch = types.ModuleType("torch")
    torch.set_num_threads = threads.append
    monkeypatch.setitem(sys.modules, "torch", torch)
    _embedder.cache_clear()
    try:
        result = process_set(DocumentSet("doc", tuple(files)), str(out), embeddings=str(model), embed_threads=1)
    finally:
        _embedder.cache_clear()
    assert result.status == "done", result.error
    assert threads == [1]  # the worker's share of the cores, as the driver gives it
    alignment = json.loads((out / "alignments" / "doc" / "alignment.json").read_text("utf-8"))
    got = [(link["segments"]["de"], link["segments"]["fr"]) for link in alignment["links"]]
    assert got == [([i], [i]) for i in range(5)] + [([5], [])] + [([i], [i - 1]) for i in range(6, 12)]


@pytest.mark.parametrize(("workers", "scheduler", "expected"), [(1, None, 4), (2, None, 2), (4, None, 1),
                                                                (8, None, 1), (2, "tcp://elsewhere:8786", None)])
def test_each_worker_runs_the_model_on_its_share_of_the_cores(monkeypatch, tmp_path, workers, scheduler, expected):
    """Every task of the batch is told its worker's share of this machine's cores (4 here); a remote cluster's workers
    keep PyTorch's default, since their cores are not this machine's."""
    import tmtool.batch.runner as runner
    from tmtool.batch.grouping import DocumentSet

    _fake_sentence_transformers(monkeypatch)
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "meanings.json").write_text('{"Text.": 0}')
    monkeypatch.setattr(runner, "default_workers", lambda: 4)
    told: list[dict] = []
    monkeypatch.setattr(runner, "run_tasks", lambda fn, items, **kwargs: told.append(kwargs) or iter(()))
    doc = tmp_path / "doc.en.txt"
    doc.write_text("Text.\n", "utf-8")
    runner.run_batch([DocumentSet("doc", (("en", str(doc)), ("fr", str(doc))))], tmp_path / "out", workers=workers,
                     engine="dask" if scheduler else "local", scheduler=scheduler, embeddings=str(tmp_path / "model"),
                     shared_lexicon=1)
    assert [kwargs["embed_threads"] for kwargs in told] == [expected, expected]  # the first sweep, then the sets


def test_embeddings_without_the_package_stop_the_batch_before_anything(cli_run, corpus, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    out = tmp_path / "out"
    code, _, err = cli_run(["batch", corpus, "-o", out, "--embeddings", "LaBSE"])
    assert code == 1
    assert err.strip().splitlines()[-1] == ("tmtool: error: --embeddings needs the optional package "
                                            "sentence-transformers: pip install 'tmtool[embeddings]'")
    assert not out.exists()


def test_each_set_keeps_its_own_embeddings_and_model_check(monkeypatch, tmp_path, knows_nothing):
    """A worker loads the model once, but the rows it embeds and the model check belong to each set: rows of a
    finished set are not kept (a long batch would hold every text's row), and a model that does not know the
    languages is left out of every set, each set's log saying so."""
    import tmtool.align
    from tmtool.align.embeddings import MemoEmbedder
    from tmtool.batch.grouping import DocumentSet
    from tmtool.batch.runner import _create_tm
    from tmtool.batch.worker import _embedder, process_set

    loaded: list[MemoEmbedder] = []
    monkeypatch.setattr(tmtool.align, "load_embedder",
                        lambda model, threads=None: loaded.append(MemoEmbedder(knows_nothing)) or loaded[-1])
    letter = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"
    out = tmp_path / "out"
    _create_tm(out / "tm")
    _embedder.cache_clear()
    try:
        results = [process_set(DocumentSet(name, tuple((lang, str(letter / f"letter.{lang}.txt"))
                                                       for lang in ("en", "fr"))), str(out), embeddings="model")
                   for name in ("first", "second")]
    finally:
        _embedder.cache_clear()
    assert [r.status for r in results] == ["done", "done"], [r.error for r in results]
    assert len(loaded) == 1 and not loaded[0].rows and not loaded[0].fits
    for result in results:
        assert any(w.startswith("the embedding model was left out for en-fr (") for w in result.warnings), result


def test_interrupted_batch_suggests_the_same_options_again(tmp_path, cli_run, monkeypatch):
    """The Ctrl-C hint repeats --pattern, --level, --workers ...: without them the suggested --resume run finds
    no set, or refuses sets aligned at another level."""
    import shlex

    import tmtool.batch

    folder = tmp_path / "in 3"
    folder.mkdir()
    for lang, text in (("en", "The Council met."), ("fr", "Le Conseil s'est réuni.")):
        (folder / f"{lang}_s1.txt").write_text(text + "\n", "utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(tmtool.batch, "run_batch", interrupted)
    out = tmp_path / "ob4"
    options = ["--pattern", "{lang}_{set}.txt", "--level", "sentence", "--workers", "3"]
    code, _, err = cli_run(["batch", folder, "-o", out, *options])
    assert code == 130
    hint = err[err.index("continue with `") + len("continue with `"):].split("`")[0]
    assert shlex.split(hint) == ["tmtool", "batch", str(folder), "-o", str(out), "--workers", "3",
                                 "--level", "sentence", "--pattern", "{lang}_{set}.txt", "--resume"]


def _given_every_option(command):
    """Command-line words setting every option of ``command`` to a value other than its default (two values for
    a repeatable one; values with spaces or a leading dash where a path or text may hold them)."""
    import click

    words = []
    for param in command.params:
        if not isinstance(param, click.Option) or param.name == "resume":
            continue
        if param.is_flag:
            words.append(param.opts[0] if not param.default else param.secondary_opts[0])
            continue
        if isinstance(param.type, click.Choice):
            values = [next(c for c in param.type.choices if c != param.default)]
        elif isinstance(param.type, click.types.IntParamType):
            values = [(param.type.min or 0) + 3]
        else:
            values = [f"-{param.name} value", f"{param.name} two"]
        for value in values if param.multiple else values[:1]:
            words += [param.opts[-1], value]
    return words


def _with_an_option_added_later():
    import click

    from tmtool.cli.batch import batch

    return click.Command("batch", params=[*batch.params, click.Option(["--new-knob"], default=None)])


@pytest.mark.parametrize("command", ["batch", "batch with an option added later"])
def test_the_resume_hint_repeats_every_option_given(tmp_path, monkeypatch, command):
    """The Ctrl-C hint is derived from the command's parameters: every option given comes back with its value
    (an option added to the command later too), and an INPUT folder named like an option stays the INPUT."""
    import shlex

    from tmtool.cli.batch import _resume_command, batch

    command = batch if command == "batch" else _with_an_option_added_later()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-in 3").mkdir()
    ctx = command.make_context("batch", [*_given_every_option(command), "--", "-in 3"])
    hint = shlex.split(_resume_command(ctx))
    assert hint[:2] == ["tmtool", "batch"] and hint[-3:] == ["--resume", "--", "-in 3"]
    again = command.make_context("batch", hint[2:])
    assert again.params == {**ctx.params, "resume": True}
    for param in command.params:  # every option was given a value of its own
        assert param.name == "resume" or ctx.params[param.name] not in (None, (), param.default), param.name


def test_the_summary_counts_one_of_a_kind_in_the_singular(cli_run, corpus, tmp_path):
    """The summary said "1 sets: ... 1 links, 1 TM units ... 1 workers"."""
    import re

    code, _, err = cli_run(["batch", corpus, "-o", tmp_path / "out", "--workers", "1"])
    assert code == 0, err
    assert re.search(r"^1 set: 1 aligned, 0 failed, 0 done before \(skipped\); this run: 1 link, 1 TM unit in "
                     r"[\d.]+ s \([\d.]+ sets/s, local engine, 1 worker\)$", err, re.M), err


@pytest.mark.parametrize("resume", [False, True])
@pytest.mark.parametrize("where", ["afile/out", "afile/out/deeper"])
def test_an_output_folder_that_cannot_be_made_is_one_line_before_anything(cli_run, corpus, tmp_path, where,
                                                                          resume):
    """-o under a file: one line naming the file, before any set is read; the batch's progress bar was drawn
    first and the OS's 'Not a directory' came out of the run, two lines."""
    (tmp_path / "afile").write_text("mine\n", "utf-8")
    code, out, err = cli_run(["batch", corpus, "-o", tmp_path / where, "--workers", "1",
                              *(["--resume"] if resume else [])])
    assert code == 2, err
    assert err.splitlines() == [f"tmtool: error: {tmp_path / 'afile'}: not a directory, so the output folder "
                                f"{tmp_path / where} cannot be made there"]
    assert (tmp_path / "afile").read_text("utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "in"]


@pytest.mark.parametrize("outdir", [".", "in", "in/.."])
def test_an_output_folder_holding_the_input_folder_is_refused(cli_run, corpus, tmp_path, monkeypatch, outdir):
    """-o the input folder (or a folder above it): every input file lies under OUTDIR, whose files are left out,
    and the batch said 'no document sets found in in', as if the folder held none."""
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    code, _, err = cli_run(["batch", "in", "-o", outdir, "--workers", "1"])
    assert (code, err) == (2, f"tmtool: error: -o {outdir}: the output folder holds the input folder in, whose "
                              "files would all be left out; choose another -o\n")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli_run, corpus, tmp_path):
    """Logged or piped, stderr got the bar's last frame, cut to 80 columns ('batch ━━━━━ 1/1 done 1 · ... 0:00:…')
    above the summary; now the summary line alone, as the TM commands do."""
    code, _, err = cli_run(["batch", corpus, "-o", tmp_path / "out", "--workers", "1"])
    assert code == 0, err
    assert err.splitlines()[0].startswith("1 set: 1 aligned"), err
    assert "━" not in err and "…" not in err
