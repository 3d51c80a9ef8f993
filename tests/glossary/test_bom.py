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
