"""Which texts are read as printed lines with paragraphs run together (``pdftotext`` without ``-layout``): only
those, so that a file with blank lines between its paragraphs, or one sentence a line, is read as before. The cuts
themselves are checked by the golden files ``printed_*`` in ``tests/data/documents/repair/``."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from tmtool.documents.paragraph_ends import display_width, printed_column
from tmtool.documents.repair import split_blocks

DATA = Path(__file__).resolve().parent.parent / "data"
REPAIR = DATA / "documents" / "repair"


def _column(text: str, lang: str) -> int:
    text = re.sub("[\u202a-\u202e]", "", text)  # pdftotext's bidirectional controls, which reading removes first
    return printed_column([[line.strip() for line in block.lines] for block in split_blocks(text, False)], lang)


@pytest.mark.parametrize("name", ["printed_lines.en.txt", "printed_lines.zh.txt", "printed_lines.ar.txt",
                                  "printed_preamble.en.txt", "printed_preamble.ru.txt"])
def test_pdftotext_output_is_a_printed_column(name: str) -> None:
    lang = name.split(".")[1]
    assert 60 <= _column((REPAIR / name).read_text(encoding="utf-8"), lang) <= 90


@pytest.mark.parametrize("name", ["printed_lines.en.txt", "printed_preamble.en.txt", "printed_preamble.ru.txt"])
def test_the_same_paragraphs_with_blank_lines_between_are_not(name: str) -> None:
    """The paragraphs of a golden case, wrapped at the same width, a blank line between each: read as before."""
    lang = name.split(".")[1]
    expected = json.loads((REPAIR / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = "\n\n".join("\n".join(textwrap.wrap(paragraph, 82)) for _, paragraph in expected["paragraphs"])
    assert _column(text, lang) == 0


@pytest.mark.parametrize("path", ["corpora/un-letter-2023/sentences.en.txt", "corpora/un-letter-2023/body.en.txt",
                                  "documents/repair/numbered_headings.en.txt"])
def test_one_sentence_or_paragraph_a_line_is_not(path: str) -> None:
    assert _column((DATA / path).read_text(encoding="utf-8"), "en") == 0


def test_a_chinese_character_prints_as_wide_as_two_latin_letters() -> None:
    assert display_width("第七十八届会议") == 14
    assert display_width("A/78/371 大会") == 13
