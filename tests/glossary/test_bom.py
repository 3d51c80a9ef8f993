"""glossary convert --bom: CSV outputs that Excel opens as UTF-8 (a byte order mark first), read back as before.

The bytes after the mark are exactly the golden output without it (tests/data/glossary/golden/sample.<fmt>.csv).
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

import pytest

from tmtool.errors import UsageError
from tmtool.glossary import read_glossary, write_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"


@pytest.mark.parametrize("fmt", ["csv", "memoq"])
def test_bom_then_the_same_csv(cli_run, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "g.csv"
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--to", fmt, "--bom"])
    assert code == 0, err
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and not data[3:].startswith(codecs.BOM_UTF8)
    assert data[3:] == (DATA / "golden" / f"sample.{fmt}.csv").read_bytes()
    # tmtool reads it back as the file without the mark, format guessed from the header
    assert read_glossary(out).entries == read_glossary(DATA / "golden" / f"sample.{fmt}.csv").entries
    # as a reader that honours the mark does (Excel, memoQ, OmegaT's BOM skip): the first column is named as written
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh))[0] == "id"


def test_without_bom_nothing_changes(cli_run, tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--to", "memoq"])
    assert code == 0, err
    assert out.read_bytes() == (DATA / "golden" / "sample.memoq.csv").read_bytes()


@pytest.mark.parametrize("name,fmt", [("g.tbx", "tbx"), ("g.tbx", "tbx2"), ("g.txt", "omegat")])
def test_bom_is_refused_for_other_formats(cli_run, tmp_path: Path, name: str, fmt: str) -> None:
    out = tmp_path / name
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--to", fmt, "--bom"])
    assert code == 2 and err.count("\n") == 1 and "--bom is for the CSV formats (csv, memoq)" in err, err
    assert not out.exists()
    with pytest.raises(UsageError, match="CSV formats"):
        write_glossary(read_glossary(DATA / "sample.csv"), out, fmt, bom=True)
    assert not out.exists()


def _alignment(tmp_path: Path) -> Path:
    from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment

    en = ("The Security Council met.", "The Security Council decided.", "The Council rose.")
    ru = ("Совет Безопасности собрался.", "Совет Безопасности постановил.", "Совет закрыл заседание.")
    path = tmp_path / "alignment.json"
    write_alignment(Alignment((AlignedDocument("en", en), AlignedDocument("ru", ru)),
                              tuple(Link({"en": (i,), "ru": (i,)}, 1.0) for i in range(3))), path)  # fmt: skip
    return path


def test_extract_tsv_with_bom(cli_run, tmp_path: Path) -> None:
    """extract -o candidates.tsv: a terminologist opens it in Excel, Russian and all."""
    path = _alignment(tmp_path)
    args = ["glossary", "extract", path, "--src", "en", "--tgt", "ru"]
    code, _, err = cli_run([*args, "-o", tmp_path / "plain.tsv"])
    assert code == 0, err
    code, _, err = cli_run([*args, "-o", tmp_path / "marked.tsv", "--bom"])
    assert code == 0, err
    plain, marked = (tmp_path / "plain.tsv").read_bytes(), (tmp_path / "marked.tsv").read_bytes()
    assert "Совет Безопасности".encode() in plain and marked == codecs.BOM_UTF8 + plain


@pytest.mark.parametrize("out", [None, "c.tbx"])
def test_extract_bom_only_for_a_tsv_file(cli_run, tmp_path: Path, out: str | None) -> None:
    path = _alignment(tmp_path)
    code, stdout, err = cli_run(["glossary", "extract", path, "--src", "en", "--tgt", "ru", "--bom",
                                 *(["-o", tmp_path / out] if out else [])])  # fmt: skip
    assert code == 2 and stdout == "" and "--bom is for a TSV written with -o" in err
    assert not (tmp_path / "c.tbx").exists()
