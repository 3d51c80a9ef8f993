"""`tmtool align --lexicon-out / --lexicon`: what one document teaches the aligner helps align another."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align import align_documents, read_alignment, read_counts
from tmtool.documents import read_document


@pytest.fixture
def textberg(shared: Path, tmp_path: Path) -> dict[str, Path]:
    """Two documents cut from Text+Berg dev (read in place, written to tmp): lines 0-199 teach, 300-319 learn."""
    base = shared / "eval" / "textberg_de-fr"
    if not (base / "dev.de").exists():
        pytest.skip(f"{base} missing")
    de = (base / "dev.de").read_text("utf-8").splitlines()
    fr = (base / "dev.fr").read_text("utf-8").splitlines()
    out = {}
    for name, (a, b) in {"big": (slice(0, 199), slice(0, 235)), "small": (slice(300, 320), slice(350, 374))}.items():
        for lang, lines, part in (("de", de, a), ("fr", fr, b)):
            path = tmp_path / f"{name}.{lang}.txt"
            path.write_text("\n".join(lines[part]) + "\n", "utf-8")
            out[f"{name}.{lang}"] = path
    return out


def test_counts_written_by_one_alignment_are_used_by_the_next(cli_run, textberg, tmp_path):
    counts = tmp_path / "big.counts.parquet"
    code, out, err = cli_run(["align", textberg["big.de"], textberg["big.fr"], "--input-format", "lines",
                              "-o", tmp_path / "big", "--lexicon-out", counts])
    assert code == 0, err
    assert f"wrote {counts}" in out
    taught = read_counts(counts).get("de", "fr")
    assert taught.pairs[("nicht", "pas")] >= 2 and taught.pairs[("höhen", "altit")] >= 2  # learnt from the links

    code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "--input-format", "lines",
                            "-o", tmp_path / "small", "--lexicon", counts])
    assert code == 0, err
    got = read_alignment(tmp_path / "small" / "alignment.json")
    docs = [read_document(textberg[f"small.{lang}"], lang=lang, input_format="lines") for lang in ("de", "fr")]
    expected = align_documents(docs, background=read_counts(counts))
    alone = align_documents(docs)
    assert [(k.segments, k.confidence) for k in got.links] == [(k.segments, k.confidence) for k in expected.links]
    assert [k.confidence for k in expected.links] != [k.confidence for k in alone.links]


def test_a_bad_lexicon_file_is_one_line_and_writes_nothing(cli_run, textberg, tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_text("not a counts file", "utf-8")
    code, out, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "-o", tmp_path / "o",
                              "--lexicon", bad])
    assert code == 1
    assert str(bad) in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "o").exists()
    code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "-o", tmp_path / "o",
                            "--lexicon-out", tmp_path / "nowhere" / "c.parquet"])
    assert code == 2 and "its folder does not exist" in err
    assert not (tmp_path / "o").exists()


def test_a_translation_memory_teaches_the_aligner(cli_run, textberg, shared, tmp_path):
    """`--lexicon FILE.tmx`: the gold links of the first 199 lines of Text+Berg dev, written as TMX, teach the
    alignment of lines 300-319 (counted for the documents' words only; the same as the library's)."""
    from tmtool.align import read_ladder, read_lexicon
    from tmtool.tmx import TranslationUnit, Variant, write_tmx

    base = shared / "eval" / "textberg_de-fr"
    de = (base / "dev.de").read_text("utf-8").splitlines()
    fr = (base / "dev.fr").read_text("utf-8").splitlines()
    units = [TranslationUnit((Variant("de-CH", " ".join(de[i] for i in s)),
                              Variant("fr-CH", " ".join(fr[j] for j in t))))
             for s, t in read_ladder(base / "dev.defr") if s and t and max(s) < 199 and max(t) < 235]
    tmx = tmp_path / "memory.tmx"
    write_tmx(units, tmx, srclang="de-CH")
    code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "--input-format", "lines",
                            "-o", tmp_path / "small", "--lexicon", tmx])
    assert code == 0, err
    got = read_alignment(tmp_path / "small" / "alignment.json")
    docs = [read_document(textberg[f"small.{lang}"], lang=lang, input_format="lines") for lang in ("de", "fr")]
    taught = read_lexicon(tmx, ["de", "fr"], {doc.lang: doc.texts for doc in docs})
    assert taught.get("de", "fr").pairs[("nicht", "pas")] >= 2
    expected = align_documents(docs, background=taught)
    alone = align_documents(docs)
    assert [(k.segments, k.confidence) for k in got.links] == [(k.segments, k.confidence) for k in expected.links]
    assert [k.confidence for k in expected.links] != [k.confidence for k in alone.links]


def test_a_broken_translation_memory_is_one_line_naming_file_and_line(cli_run, textberg, tmp_path):
    tmx = tmp_path / "broken.tmx"
    tmx.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de"/><body>\n<tu>\n</body></tmx>\n',
                   "utf-8")
    code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "-o", tmp_path / "o",
                            "--lexicon", tmx])
    assert code == 1
    assert f"{tmx}:" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_a_tm_folder_teaches_as_its_tmx_would(cli_run, textberg, tmp_path):
    from tmtool.align import read_alignment as read

    code, _, err = cli_run(["align", textberg["big.de"], textberg["big.fr"], "--input-format", "lines",
                            "-o", tmp_path / "big"])
    assert code == 0, err
    code, _, err = cli_run(["tm", "add", tmp_path / "big" / "alignment.json", "--tm", tmp_path / "tm"])
    assert code == 0, err
    code, _, err = cli_run(["tm", "export", "--tm", tmp_path / "tm", "--tmx", tmp_path / "tm.tmx"])
    assert code == 0, err
    runs = {}
    for name, given in (("folder", tmp_path / "tm"), ("tmx", tmp_path / "tm.tmx"), ("alone", None)):
        code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "--input-format", "lines",
                                "-o", tmp_path / name] + (["--lexicon", given] if given else []))
        assert code == 0, err
        runs[name] = [(k.segments, k.confidence) for k in read(tmp_path / name / "alignment.json").links]
    assert runs["folder"] == runs["tmx"] != runs["alone"]
    (tmp_path / "empty").mkdir()
    code, _, err = cli_run(["align", textberg["small.de"], textberg["small.fr"], "-o", tmp_path / "o",
                            "--lexicon", tmp_path / "empty"])
    assert code == 1 and "not a tmtool translation memory" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()
