"""Link types on small hand-made cases: tests/data/align/<case>/{en.txt, fr.txt, expected.ladder}."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align import align_segments, ladder_from_links, read_ladder

CASES = Path(__file__).resolve().parent.parent / "data" / "align"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "expected.ladder").exists()))
def test_golden(case):
    d = CASES / case
    src = (d / "en.txt").read_text(encoding="utf-8").splitlines()
    tgt = (d / "fr.txt").read_text(encoding="utf-8").splitlines()
    links = align_segments({"en": src, "fr": tgt})
    assert ladder_from_links(links, "en", "fr") == read_ladder(d / "expected.ladder")


def test_cli_writes_alignment_and_ladder(tmp_path, cli_run):
    d = CASES / "stray_lines"
    out = tmp_path / "out"
    code, stdout, err = cli_run(["align", d / "en.txt", d / "fr.txt", "--lang", "en,fr", "--input-format", "lines",
                                 "-o", out, "--links-out", tmp_path / "links.txt"])
    assert code == 0, err
    from tmtool.align import read_alignment

    alignment = read_alignment(out / "alignment.json")
    assert alignment.langs == ["en", "fr"]
    assert list(alignment.document("en").segments) == (d / "en.txt").read_text().splitlines()
    assert read_ladder(tmp_path / "links.txt") == read_ladder(d / "expected.ladder")
    assert "links" in stdout


def test_cli_links_out_needs_two_files(tmp_path, cli_run):
    d = CASES / "join"
    code, _, err = cli_run(["align", d / "en.txt", d / "fr.txt", d / "fr.txt", "--lang", "en,fr,es",
                            "--input-format", "lines", "-o", tmp_path, "--links-out", tmp_path / "x"])
    assert code == 2 and "exactly two" in err


def test_cli_default_outdir(tmp_path, cli_run, monkeypatch):
    for lang in ("en", "fr"):
        (tmp_path / f"letter.{lang}.txt").write_text((CASES / "join" / f"{lang}.txt").read_text())
    monkeypatch.chdir(tmp_path)
    code, _, err = cli_run(["align", "letter.en.txt", "letter.fr.txt", "--lang", "en,fr", "--input-format", "lines"])
    assert code == 0, err
    assert (tmp_path / "letter.tmtool" / "alignment.json").exists()


@pytest.mark.parametrize("names, stem", [
    (("letter.en.txt", "letter.fr.txt"), "letter"),
    (("udhr_eng.txt", "udhr_fra.txt"), "udhr"),
    (("A_78_371-EN.txt", "A_78_371-FR.txt"), "A_78_371"),
    (("report.txt", "rapport.txt"), "report"),
    (("2023_report_en.txt", "2023_rapport_fr.txt"), "2023_report"),
])
def test_cli_default_outdir_is_the_name_the_versions_share(tmp_path, cli_run, monkeypatch, names, stem):
    for name, lang in zip(names, ("en", "fr")):
        (tmp_path / name).write_text((CASES / "join" / f"{lang}.txt").read_text())
    monkeypatch.chdir(tmp_path)
    code, _, err = cli_run(["align", *names, "--lang", "en,fr", "--input-format", "lines"])
    assert code == 0, err
    assert (tmp_path / f"{stem}.tmtool" / "alignment.json").exists()
    assert (tmp_path / f"{stem}.tmtool" / f"{stem}.tmx").exists()
