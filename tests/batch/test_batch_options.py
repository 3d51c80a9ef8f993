"""Option mistakes and an unreachable scheduler: one line, nothing created."""

from __future__ import annotations

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
    assert err.strip().splitlines()[-1].startswith(f"tmtool: error: {bad}:4:")
    assert not out.exists()
