"""Sentence embeddings as optional evidence (tmtool.align.embeddings): the rows the search compares, the search
following them where the texts cannot tell, each text embedded once, the model check that leaves out a model that
does not know the languages, the loader's errors and ``tmtool align --embeddings``. No real model: none is needed,
none is installed; the models here are made up for each test."""

from __future__ import annotations

import math
import re
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pytest

from tmtool.align import align_documents, align_segments, ladder_from_links, pairwise, score_pairs
from tmtool.align import AlignmentWarning
from tmtool.align.embeddings import (
    CENTRE_MIN, EMBED_MIN_FIT, FIT_MIN_LINKS, MemoEmbedder, embedding_fit, load_embedder, segment_vectors,
)
from tmtool.align.ladder import read_ladder
from tmtool.align.search import PairInput, Params, _Scorer
from tmtool.documents import read_document
from tmtool.documents.model import Document, Paragraph
from tmtool.errors import AlignmentError, InputError, TmtoolError


def _nonsense(rng: np.random.Generator, words: int) -> str:
    """A sentence of three-letter lowercase words: no number, name, cognate or shared word with another one."""
    letters = np.array(list("bcdfghjklmnpqrstvwxz"))
    return " ".join("".join(rng.choice(letters, 3)) for _ in range(words)) + "."


class Meanings:
    """A made-up embedding model: each text means one random direction, given per text; counts what it embeds."""

    def __init__(self, dim: int = 32, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)
        self.dim = dim
        self.vectors: dict[str, np.ndarray] = {}
        self.embedded: list[str] = []

    def mean(self, *texts: str) -> None:
        """The texts mean the same thing (translations of each other)."""
        v = self.rng.normal(size=self.dim)
        for t in texts:
            self.vectors[t] = v + 0.3 * self.rng.normal(size=self.dim)

    def __call__(self, texts):
        self.embedded.extend(texts)
        return np.stack([self.vectors.get(t, np.zeros(self.dim)) for t in texts])


def test_rows_are_centred_unit_vectors_and_empty_or_layout_lines_are_zero():
    rng = np.random.default_rng(1)
    texts = [_nonsense(rng, 5) for _ in range(CENTRE_MIN + 2)] + ["", "A/78/371"]
    raw = {t: rng.normal(size=8) for t in texts}
    rows = segment_vectors(lambda ts: np.stack([raw[t] for t in ts]), texts)
    norms = np.linalg.norm(rows, axis=1)
    assert np.allclose(norms[:-2], 1.0, atol=1e-5) and np.all(norms[-2:] == 0)
    # what every segment shares is taken off: a vector added to every row changes nothing
    shifted = segment_vectors(lambda ts: np.stack([raw[t] + 5.0 for t in ts]), texts)
    assert np.allclose(rows, shifted, atol=1e-5)
    # a short list is not centred (its mean is mostly its own rows): the shift then shows
    few = texts[:3]
    assert not np.allclose(segment_vectors(lambda ts: np.stack([raw[t] for t in ts]), few),
                           segment_vectors(lambda ts: np.stack([raw[t] + 5.0 for t in ts]), few), atol=1e-3)


@pytest.mark.parametrize("bad", [np.zeros((2, 4)), np.zeros(3), np.full((3, 4), np.nan)])
def test_an_embedder_giving_the_wrong_rows_is_an_alignment_error(bad):
    with pytest.raises(AlignmentError, match="embedding model gave"):
        segment_vectors(lambda ts: bad, ["a b c.", "d e f.", "g h i."])


def test_a_model_changing_its_row_size_is_an_alignment_error():
    sizes = iter([4, 5])
    memo = MemoEmbedder(lambda ts: np.ones((len(ts), next(sizes))))
    memo(["a."])
    with pytest.raises(AlignmentError, match="rows of 5 numbers, earlier of 4"):
        memo(["b."])


def test_each_distinct_text_is_embedded_once():
    model = Meanings()
    model.mean("one.", "un.")
    memo = MemoEmbedder(model)
    first = memo(["one.", "un.", "one."])
    again = memo(["un.", "two.", "one."])
    assert model.embedded == ["one.", "un.", "two."]
    assert np.array_equal(first[0], again[2]) and np.array_equal(first[1], again[0])


def test_the_embedding_cosine_enters_the_link_cost():
    rng = np.random.default_rng(3)
    n = 6
    zs = np.zeros(n)
    base = dict(u=rng.normal(size=(n, 4)).astype(np.float32), v=rng.normal(size=(n, 4)).astype(np.float32),
                len_s=zs + 50, len_t=zs + 50, skip_s=zs + 3, skip_t=zs + 3, stray_s=zs, stray_t=zs, cut_s=zs,
                cut_t=zs, join_s=zs, join_t=zs)
    e = rng.normal(size=(n, 5)).astype(np.float32)
    e /= np.linalg.norm(e, axis=1, keepdims=True)
    params = Params()
    plain = _Scorer(PairInput(**base), params).block(1, n + 1, 0, n)
    embedded = _Scorer(PairInput(**base, eu=e, ev=e[::-1].copy()), params).block(1, n + 1, 0, n)
    one_one = 0  # (1, 1) is the first move
    cos = e @ e[::-1].T  # the 1-1 link ending at (i, j) holds source i-1 and target j-1
    assert np.allclose(embedded[one_one][:, 1:] - plain[one_one][:, 1:], -params.embed_weight * cos, atol=1e-4)


def test_the_search_follows_the_embeddings_where_the_texts_cannot_tell():
    """Sentences of equal length sharing nothing: only the embeddings tell where the sentence the French lacks
    was."""
    rng = np.random.default_rng(7)
    de = [_nonsense(rng, 9) for _ in range(12)]
    fr = [_nonsense(rng, 9) for _ in range(12)]
    model = Meanings()
    for a, b in zip(de, fr):
        model.mean(a, b)
    del fr[5]  # the French version lost its sixth sentence
    expected = [((i,), (i,)) for i in range(5)] + [((5,), ())] + [((i,), (i - 1,)) for i in range(6, 12)]

    with_model = ladder_from_links(align_segments({"de": de, "fr": fr}, embedder=model), "de", "fr")
    without = ladder_from_links(align_segments({"de": de, "fr": fr}), "de", "fr")
    assert with_model == expected
    assert without != expected  # the texts alone cannot place the gap: the test needs the embeddings


def test_through_three_versions_at_sentence_level_each_text_is_embedded_once():
    rng = np.random.default_rng(11)
    model = Meanings(seed=2)
    paras: dict[str, list[str]] = {"de": [], "fr": [], "it": []}
    for _ in range(6):
        sentences = {lang: [_nonsense(rng, 6).capitalize() for _ in range(2)] for lang in paras}
        for k in range(2):
            model.mean(*(sentences[lang][k] for lang in paras))
        for lang in paras:
            paras[lang].append(" ".join(sentences[lang]))
        model.mean(*(paras[lang][-1] for lang in paras))
    docs = [Document(path=f"x.{lang}", lang=lang, paragraphs=tuple(Paragraph(t) for t in texts))
            for lang, texts in paras.items()]
    alignment = align_documents(docs, level="sentence", embedder=model)  # a plain callable: the aligner memoises
    alignment.validate()
    assert len(model.embedded) == len(set(model.embedded)) > 0
    assert [len(link.segments["de"]) for link in alignment.links] == [1] * 12


def test_a_model_that_knows_something_lifts_a_short_real_document(shared):
    """Text+Berg dev, its middle fifth: the simulated model of ``benchmarks.embeddings`` (rows sharing the content of
    the gold links, noisily, as a multilingual model's would: cosine about 0.5 between translations) lifts strict
    F1 markedly, and the confidence still puts most wrong links under the review threshold."""
    from benchmarks.align import cut_parts
    from benchmarks.embeddings import simulated_model

    base = shared / "eval" / "textberg_de-fr"
    if not (base / "dev.de").exists():
        pytest.skip(f"{base} missing")
    whole = [(base / f"dev.{lang}").read_text("utf-8").splitlines() for lang in ("de", "fr")]
    de, fr, gold = cut_parts(*whole, read_ladder(base / "dev.defr"), 5)[2]
    model = simulated_model(de, fr, gold, noise=1.0)

    def strict(links):
        return score_pairs([(gold, ladder_from_links(links, "de", "fr"))]).strict_f1

    alone = strict(align_segments({"de": de, "fr": fr}))  # with the latent space of the document's own links
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pairwise, "LATENT", False)
        lexical = strict(align_segments({"de": de, "fr": fr}))
    memo = MemoEmbedder(model)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        links = align_segments({"de": de, "fr": fr}, embedder=memo)  # the model takes the latent space's place
    assert not caught and memo.fits[frozenset(("de", "fr"))] >= EMBED_MIN_FIT  # it passes its check
    helped = strict(links)
    assert helped >= lexical + 0.03 and helped > alone, (lexical, alone, helped)
    # the confidence keeps its meaning: links under the review threshold hold most of the wrong ones (6 of 9; at
    # the posterior's plain temperature, which the added evidence makes too sure, 2 of 9)
    held = {(tuple(s), tuple(t)) for s, t in gold}
    wrong = [link.confidence for link in links if (link.segments["de"], link.segments["fr"]) not in held]
    assert sum(c < 0.5 for c in wrong) > 0.5 * len(wrong) > 0, wrong


LETTER = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"
UN_LANGS = ("ar", "en", "es", "fr", "ru", "zh")


def test_embedding_fit_counts_the_partner_picked_among_its_neighbours():
    n = 30
    eu, ev = np.eye(n, dtype=np.float32), np.eye(n, dtype=np.float32)
    links = [(i, i) for i in range(n)]
    assert embedding_fit(eu, ev, links) == 1.0
    ev[[10, 11]] = ev[[11, 10]]  # targets 10 and 11 swap meanings: both links lose both their picks
    assert embedding_fit(eu, ev, links) == pytest.approx(56 / 60)
    # target 10 is nearer source 16 than source 10, six segments away: outside a window of 3, inside one of 6,
    # where target 10 loses its pick; link 14 (a zero row: an empty or layout line) is left out of the count
    ev = np.eye(n, dtype=np.float32)
    ev[10] = (eu[10] + 2 * eu[16]) / np.sqrt(5)
    ev[14] = 0.0
    assert embedding_fit(eu, ev, links) == 1.0
    assert embedding_fit(eu, ev, links, window=6) == pytest.approx(57 / 58)
    assert math.isnan(embedding_fit(eu, eu, links[: FIT_MIN_LINKS - 1]))  # too few to judge


def test_a_model_that_does_not_know_the_languages_is_left_out_with_one_warning(knows_nothing):
    """Six versions of the shipped letter with a model that knows no language: every pair is left out, the links
    (and each pair's own links) are those made without a model, and one warning names the 15 pairs."""
    docs = [read_document(LETTER / f"letter.{lang}.txt") for lang in UN_LANGS]
    plain = align_documents(docs)
    model = MemoEmbedder(knows_nothing)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checked = align_documents(docs, embedder=model)
    assert checked.links == plain.links and checked.pair_links == plain.pair_links
    told = [str(w.message) for w in caught if issubclass(w.category, AlignmentWarning)]
    assert len(told) == 1 and told[0].startswith("the embedding model was left out for ar-en ("), told
    assert told[0].count("%)") == 15 and all(f < 0.5 for f in model.fits.values()) and len(model.fits) == 15


def test_a_model_check_is_made_once_per_pair_in_a_run(monkeypatch, knows_nothing):
    """The paragraph check decides for the sentences too, and a MemoEmbedder keeps it for the next document."""
    calls = []
    monkeypatch.setattr(pairwise, "embedding_fit", lambda *a: calls.append(a) or embedding_fit(*a))
    docs = [read_document(LETTER / f"letter.{lang}.txt") for lang in ("en", "fr")]
    model = MemoEmbedder(knows_nothing)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        first = align_documents(docs, level="sentence", embedder=model)
        assert len(calls) == 1 and set(model.fits) == {frozenset(("en", "fr"))}
        again = align_documents(docs, level="sentence", embedder=model)
        assert len(calls) == 1 and again.links == first.links
        align_documents(docs, embedder=MemoEmbedder(knows_nothing))  # a new model is checked anew
    assert len(calls) == 2
    assert first.links == align_documents(docs, level="sentence").links


class _FakeSentenceTransformers(types.ModuleType):
    """Stands for the sentence-transformers package: ``SentenceTransformer(name).encode(texts, ...)``."""

    def __init__(self, fail: Exception | None = None) -> None:
        super().__init__("sentence_transformers")
        self.loaded: list[str] = []
        fake = self

        class SentenceTransformer:
            def __init__(self, name: str) -> None:
                if fail is not None:
                    raise fail
                fake.loaded.append(name)

            def encode(self, texts, batch_size=32, convert_to_numpy=True, show_progress_bar=False):
                if "boom" in texts:
                    raise RuntimeError("CUDA out of memory\nTried to allocate ...")
                return np.stack([np.bincount([ord(c) % 16 for c in t], minlength=16) for t in texts]).astype(float)

        self.SentenceTransformer = SentenceTransformer


def test_load_embedder_without_the_package_says_how_to_get_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import fails
    with pytest.raises(TmtoolError, match=r"pip install 'tmtool\[embeddings\]'"):
        load_embedder("LaBSE")


def test_a_model_that_cannot_be_loaded_is_an_input_error_naming_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers",
                        _FakeSentenceTransformers(OSError("We couldn't connect to the hub\nmore lines")))
    with pytest.raises(InputError) as err:
        load_embedder("/models/nowhere")
    assert str(err.value).startswith("/models/nowhere: cannot load the embedding model")
    assert "\n" not in str(err.value) and "couldn't connect" in str(err.value)


def test_the_model_runs_on_the_threads_it_is_given_and_keeps_the_default_otherwise(monkeypatch):
    """``tmtool batch`` gives each worker its share of the cores: PyTorch's default, every core in every worker,
    makes workers side by side contend for them (docs/batch.md)."""
    calls: list[int] = []
    torch = types.ModuleType("torch")
    torch.set_num_threads = calls.append
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "sentence_transformers", _FakeSentenceTransformers())
    load_embedder("/models/labse")
    assert calls == []
    load_embedder("/models/labse", threads=3)
    assert calls == [3]


def test_load_embedder_never_downloads_and_embeds_once(monkeypatch):
    fake = _FakeSentenceTransformers()
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    embed = load_embedder("/models/labse")
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and fake.loaded == ["/models/labse"]
    assert embed(["abc", "abd", "abc"]).shape == (3, 16)
    with pytest.raises(AlignmentError, match=r"^the embedding model /models/labse failed: CUDA out of memory$"):
        embed(["boom"])


def test_cli_embeddings_option(cli_run, monkeypatch, tmp_path):
    rng = np.random.default_rng(5)
    files = []
    for lang in ("de", "fr"):
        path = tmp_path / f"doc.{lang}.txt"
        path.write_text("\n".join(_nonsense(rng, 6) for _ in range(6)) + "\n", "utf-8")
        files.append(path)
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    code, out, err = cli_run(["align", *files, "--lang", "de,fr", "--input-format", "lines", "-o", tmp_path / "a",
                              "--embeddings", "LaBSE"])
    assert code == 1 and len(err.strip().splitlines()) == 1 and "sentence-transformers" in err
    assert not (tmp_path / "a").exists()

    fake = _FakeSentenceTransformers()
    monkeypatch.setitem(sys.modules, "sentence_transformers", fake)
    code, out, err = cli_run(["align", *files, "--lang", "de,fr", "--input-format", "lines", "-o", tmp_path / "b",
                              "--embeddings", "LaBSE"])
    assert code == 0, err
    assert fake.loaded == ["LaBSE"] and (tmp_path / "b" / "alignment.json").exists()


def test_cli_warns_once_naming_every_pair_the_model_is_left_out_for(cli_run, monkeypatch, tmp_path, knows_nothing):
    """Without bridges the pair links take a second call, which checks the pair the first did not (fr-zh): the
    command still prints one warning, the last, which names all three pairs."""
    import tmtool.align

    monkeypatch.setattr(tmtool.align, "load_embedder", lambda model, **kw: MemoEmbedder(knows_nothing))
    files = [LETTER / f"letter.{lang}.txt" for lang in ("en", "fr", "zh")]
    code, out, err = cli_run(["align", *files, "-o", tmp_path / "a", "--no-bridges", "--pair-links-out",
                              tmp_path / "pairs", "--embeddings", "any-model"])
    assert code == 0, err
    told = [line for line in err.splitlines() if "embedding model" in line]
    assert len(told) == 1, err
    assert re.match(r"tmtool: warning: the embedding model was left out for en-fr \(\d+%\), en-zh \(\d+%\), "
                    r"fr-zh \(\d+%\): it does not tell their translations apart", told[0]), told
