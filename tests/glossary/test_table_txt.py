"""A .txt/.tsv glossary whose first line names languages is a table of terms (read as memoQ-style), not OmegaT.

Excel's "Unicode Text" (UTF-16 with a BOM, tab-separated, CRLF; what memoQ's help recommends saving an Excel
glossary as) of a sheet with the columns English, French, Chinese, Russian: until December 2026 the name made it an
OmegaT glossary, which without --src-lang/--tgt-lang was refused and with them took the header row for an entry
and the Chinese column for its note. ``tests/data/glossary/excel-unicode-text.txt`` is such a file (written for
the tests, with a blank row as Excel leaves one).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.glossary import detect_format, read_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"


def test_excel_unicode_text_is_a_table_of_terms(cli_run) -> None:
    path = DATA / "excel-unicode-text.txt"
    assert detect_format(path) == "memoq"
    g = read_glossary(path)
    assert [[(t.lang, t.text) for t in e.terms] for e in g.entries] == [
        [("en", "high seas"), ("fr", "haute mer"), ("zh", "公海"), ("ru", "открытое море")],
        [("en", "territorial sea"), ("fr", "mer territoriale"), ("zh", "领海"), ("ru", "территориальное море")],
    ]
    code, out, err = cli_run(["glossary", "show", path, "--brief"])
    assert code == 0 and out.splitlines()[:2] == ["e1", "  en: high seas"], err


@pytest.mark.parametrize("first, fmt", [("en\tfr", "memoq"), ("id\tEnglish\tFrench", "memoq"),
                                        ("Hindi\thindi", "omegat"), ("English\tFrench\tcomment", "omegat"),
                                        ("Chad\tTchad", "omegat"), ("# comment\tline", "omegat"),
                                        # an acronym glossary's first row: well-formed subtags, no languages
                                        ("ICJ\tCIJ", "omegat"), ("sea\tmer", "omegat"), ("ILO\tOIT", "omegat"),
                                        ("law\tloi", "omegat"), ("WHO\tOMS", "omegat"), ("EN\tFR", "memoq"),
                                        ("eng\tfra", "memoq"), ("en-US\tfr_FR", "memoq")])  # fmt: skip
def test_only_a_header_of_two_languages_makes_a_table(tmp_path: Path, first: str, fmt: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text(f"{first}\nhigh seas\thaute mer\n", "utf-8")
    assert detect_format(path) == fmt


def test_a_table_in_utf16_without_a_byte_order_mark_is_told_by_the_encoding_given(tmp_path: Path) -> None:
    """The table check decoded the header by its byte order mark or as UTF-8 and ignored --encoding: a table in
    UTF-16 without a mark, read with the --encoding its error message advises, took its header row for an entry."""
    path = tmp_path / "g.txt"
    path.write_bytes("English\tFrench\r\nhigh seas\thaute mer\r\n".encode("utf-16-le"))
    assert detect_format(path, "utf-16-le") == "memoq"
    g = read_glossary(path, encoding="utf-16-le")
    assert [[(t.lang, t.text) for t in e.terms] for e in g.entries] == [[("en", "high seas"), ("fr", "haute mer")]]
