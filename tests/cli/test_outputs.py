"""Outputs never replace an input: every output option of every command is checked before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align import AlignedDocument, Alignment, Link, write_alignment


@pytest.fixture
def alignment(tmp_path):
    path = tmp_path / "alignment.json"
    docs = (AlignedDocument("en", ("The Security Council met.", "The Council adopted it.")),
            AlignedDocument("fr", ("Le Conseil de sécurité s'est réuni.", "Le Conseil l'a adoptée.")))
    links = (Link({"en": (0,), "fr": (0,)}, 0.9), Link({"en": (1,), "fr": (1,)}, 0.9))
    write_alignment(Alignment(docs, links), path)
    return path


@pytest.fixture
def tm_dir(cli_run, alignment, tmp_path):
    tm = tmp_path / "tm"
    assert cli_run(["tm", "add", alignment, "--tm", tm])[0] == 0
    return tm


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_glossary_extract_refuses_to_write_over_its_alignment(cli_run, alignment):
    before = alignment.read_bytes()
    code, _, err = cli_run(["glossary", "extract", alignment, "--src", "en", "--tgt", "fr", "-o", alignment])
    assert code == 2 and "same file as the input" in err
    assert alignment.read_bytes() == before


def test_glossary_extract_refuses_an_output_inside_its_tm(cli_run, tm_dir):
    before = _snapshot(tm_dir)
    code, _, err = cli_run(["glossary", "extract", "--tm", tm_dir, "--src", "en", "--tgt", "fr",
                            "-o", tm_dir / "manifest.json"])
    assert code == 2 and "inside the input folder" in err
    assert _snapshot(tm_dir) == before


@pytest.mark.parametrize("inside", ["manifest.json", "parts/new.tmx", "x.tmx"])
def test_tm_export_refuses_any_file_inside_the_tm(cli_run, tm_dir, inside):
    before = _snapshot(tm_dir)
    code, _, err = cli_run(["tm", "export", "--tm", tm_dir, "--tmx", tm_dir / inside])
    assert code == 2 and "inside the input folder" in err
    assert _snapshot(tm_dir) == before
    assert cli_run(["tm", "stats", "--tm", tm_dir])[0] == 0


@pytest.mark.parametrize("option", ["--links-out", "--lexicon-out"])
def test_align_refuses_an_output_over_an_input_document(cli_run, pair, tmp_path, option):
    en, fr = pair
    before = fr.read_bytes()
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", tmp_path / "out", option, fr])
    assert code == 2 and "same file as the input" in err and option in err
    assert fr.read_bytes() == before
    assert not (tmp_path / "out").exists()


def test_align_refuses_a_lexicon_out_over_its_glossary_or_inside_its_tm(cli_run, pair, tmp_path, root, tm_dir):
    en, fr = pair
    glossary = tmp_path / "places.tbx"
    glossary.write_bytes((root / "glossaries" / "un-places.tbx").read_bytes())
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", tmp_path / "out",
                            "--glossary", glossary, "--lexicon-out", glossary])
    assert code == 2 and "same file as the input" in err
    assert glossary.read_bytes() == (root / "glossaries" / "un-places.tbx").read_bytes()
    before = _snapshot(tm_dir)
    code, _, err = cli_run(["align", en, fr, "--input-format", "lines", "-o", tmp_path / "out",
                            "--lexicon", tm_dir, "--lexicon-out", tm_dir / "manifest.json"])
    assert code == 2 and "inside the input folder" in err
    assert _snapshot(tm_dir) == before


def test_align_refuses_pair_links_over_an_input(cli_run, tmp_path):
    en = tmp_path / "en-fr.ladder"  # an input named as the pair file would be
    fr = tmp_path / "doc.fr.txt"
    en.write_text("The Security Council met.\nIt adopted the resolution.\n", "utf-8")
    fr.write_text("Le Conseil de sécurité s'est réuni.\nIl a adopté la résolution.\n", "utf-8")
    before = en.read_bytes()
    code, _, err = cli_run(["align", en, fr, "--lang", "en,fr", "--input-format", "lines", "-o", tmp_path / "out",
                            "--pair-links-out", tmp_path])
    assert code == 2 and "same file as the input" in err
    assert en.read_bytes() == before


def test_export_to_standard_output_writes_the_tmx_there_and_the_summary_on_stderr(alignment, tmp_path, root):
    """``--tmx /dev/stdout`` with stdout redirected to a file (tested through ``/proc/self/fd/1``, where
    ``/dev/stdout`` leads): the file is written through, not replaced, and holds the TMX alone."""
    import subprocess
    import sys

    from lxml import etree

    out = tmp_path / "redirected.tmx"
    with open(out, "wb") as stdout:
        proc = subprocess.run([sys.executable, "-m", "tmtool", "export", str(alignment), "--tmx", "/proc/self/fd/1"],
                              stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "2 translation units" in proc.stderr
    assert etree.parse(str(out)).getroot().tag == "tmx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alignment.json", "redirected.tmx"]


@pytest.mark.parametrize("langs, options", [
    ("fr,en", []),  # two versions: the pairs come from align_document_pairs
    ("zh,fr,en", []),  # three: alignment.json's own pair_links
    ("zh,fr,en", ["--no-bridges"]),
    ("zh,fr,en", ["--level", "sentence"]),
    ("ru,es,fr,en", []),  # four: the consensus vote
])
def test_the_pair_ladders_written_are_the_ones_checked_before_aligning(cli_run, tmp_path, monkeypatch, langs,
                                                                         options):
    """align checks the --pair-links-out files against the inputs before it reads the documents, by names made
    from the languages in file order; it writes them by the pairs the aligner gives back. Both must agree (the
    check is not repeated after aligning), whatever the number of versions, the level or the bridges."""
    import tmtool.cli.align as align_module

    texts = {"en": "The Council met. It adopted the text.\nThe meeting rose.\n",
             "fr": "Le Conseil s'est réuni. Il a adopté le texte.\nLa séance est levée.\n",
             "es": "El Consejo se reunió. Aprobó el texto.\nSe levanta la sesión.\n",
             "ru": "Совет собрался. Он принял текст.\nЗаседание закрывается.\n",
             "zh": "安理会举行了会议。它通过了案文。\n散会。\n"}
    files = []
    for lang in langs.split(","):
        files.append(tmp_path / f"doc.{lang}.txt")
        files[-1].write_text(texts[lang], "utf-8")
    checked = []

    def recording(inputs, path, *args):  # noqa: ANN001, ANN002
        checked.append(Path(path))
        return refuse(inputs, path, *args)

    refuse = align_module.refuse_overwriting_inputs
    monkeypatch.setattr(align_module, "refuse_overwriting_inputs", recording)
    pairs = tmp_path / "pairs"
    code, _, err = cli_run(["align", *files, "--lang", langs, "-o", tmp_path / "out", "--pair-links-out", pairs,
                            *options])
    assert code == 0, err
    written = sorted(pairs.iterdir())
    n = len(files)
    assert len(written) == n * (n - 1) // 2
    assert set(written) <= set(checked)


def test_counts_are_singular_for_one(cli_run, tmp_path):
    """``align`` said "1 links"; one helper writes every count of the CLI."""
    (tmp_path / "a.en.txt").write_text("The Council met on 3 May 2023.\n", encoding="utf-8")
    (tmp_path / "a.fr.txt").write_text("Le Conseil s'est réuni le 3 mai 2023.\n", encoding="utf-8")
    code, out, err = cli_run(["align", tmp_path / "a.en.txt", tmp_path / "a.fr.txt", "-o", tmp_path / "out"])
    assert code == 0, err
    assert out.startswith("1 link ("), out
    from tmtool.cli.outputs import counted

    assert [counted(n, "link") for n in (0, 1, 2, 1234)] == ["0 links", "1 link", "2 links", "1,234 links"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(3, "entry", "entries") == "3 entries"


_GLOSSARY = "id,lang,term\nc1,en,Security Council\nc1,fr,Conseil de sécurité\n"
_CONVERT = ["glossary", "convert", "g.csv", "{target}", "--to", "tbx"]
_EXTRACT = ["glossary", "extract", "alignment.json", "--src", "en", "--tgt", "fr", "-o", "{target}"]
_ALIGN = ["align", "doc.en.txt", "doc.fr.txt", "-o", "out"]
_DASH = "-: this writes a file, not standard output; give a file name"
_MISSING = "nodir/sub/out.tbx: its folder {tmp}/nodir/sub does not exist"


@pytest.mark.parametrize("command, target, message", [
    (_CONVERT, "-", "OUT " + _DASH),
    (_EXTRACT, "-", "-o " + _DASH),
    ([*_ALIGN, "--links-out", "{target}"], "-", "--links-out " + _DASH),
    ([*_ALIGN, "--lexicon-out", "{target}"], "-", "--lexicon-out " + _DASH),
    (_CONVERT, "nodir/sub/out.tbx", _MISSING),
    (_EXTRACT, "nodir/sub/out.tbx", _MISSING),
    # and a folder named '-' (align -o, --pair-links-out, batch -o)
    (["align", "doc.en.txt", "doc.fr.txt", "-o", "{target}"], "-",
     "the output folder -: this writes a folder, not standard output; give a folder name"),
    ([*_ALIGN, "--pair-links-out", "{target}"], "-",
     "the --pair-links-out folder -: this writes a folder, not standard output; give a folder name"),
    (["batch", ".", "-o", "{target}"], "-", "-o -: a batch writes a folder, not standard output; give a folder name"),
])  # fmt: skip
def test_an_output_file_named_dash_or_in_a_missing_folder_is_refused(cli_run, pair, alignment, tmp_path,
                                                                    monkeypatch, command, target, message):
    """A file named '-' was written where '-' says standard output (glossary convert, glossary extract -o,
    align --links-out/--lexicon-out), and glossary convert/extract made a mistyped folder: one line now, exit 2,
    nothing made, as tmtool export and tm export do."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "g.csv").write_text(_GLOSSARY, "utf-8")
    before = _snapshot(tmp_path)
    code, _, err = cli_run([word.format(target=target) for word in command])
    assert (code, err) == (2, f"tmtool: error: {message.format(tmp=tmp_path)}\n")
    assert _snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["g.csv", "alignment.json", "doc.en.txt",
                                                                 "doc.fr.txt"])
