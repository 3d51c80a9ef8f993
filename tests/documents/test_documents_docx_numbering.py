""".docx automatic numbering (tmtool/documents/docx_numbering.py): the numbers Word shows are put back, since UN
documents number their paragraphs this way and the numbers are alignment anchors (audit, December 2026: a
``List Number`` paragraph read ``Numbered item one.``)."""

from __future__ import annotations

import pytest

from tmtool.documents import read_document
from tmtool.documents.docx_numbering import format_number

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# A report's outline, by hand: chapters I., II. (upperRoman); paragraphs 1., 2. ... that run on across chapters
# (lvlRestart 0); sub-paragraphs (a), (b) under each paragraph; (i), (ii) under those. List 91 restarts the
# paragraphs at 10 (startOverride); list 92 is the same definition as 90 and counts on with it.
_OUTLINE = f"""<w:abstractNum {_W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
    <w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%4)"/>
    <w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2.%5"/></w:lvl>
</w:abstractNum>"""
_LISTS = [
    f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>',
    f'<w:num {_W} w:numId="91"><w:abstractNumId w:val="90"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="10"/></w:lvlOverride></w:num>',
    f'<w:num {_W} w:numId="92"><w:abstractNumId w:val="90"/></w:num>',
]


def _numbered(paragraph, num_id: str, ilvl: int) -> None:
    from docx.oxml import parse_xml

    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_list_number_style_paragraphs_get_their_numbers(tmp_path):
    """python-docx's own template: ``List Number`` is numbered by its style (numPr on the style, numId 5)."""
    import docx

    document = docx.Document()
    document.add_heading("Report of the Secretary-General", level=1)
    document.add_paragraph("Numbered item one.", style="List Number")
    document.add_paragraph("", style="List Number")  # an empty numbered paragraph still takes number 2
    document.add_paragraph("Numbered item three.", style="List Number")
    document.add_paragraph("A bullet stays without its bullet.", style="List Bullet")
    document.add_paragraph("Plain text.")
    path = tmp_path / "report.en.docx"
    document.save(path)
    assert [(p.kind, p.text) for p in read_document(path).paragraphs] == [
        ("heading", "Report of the Secretary-General"),
        ("body", "1. Numbered item one."),
        ("body", "3. Numbered item three."),
        ("body", "A bullet stays without its bullet."),
        ("body", "Plain text."),
    ]


def test_nested_levels_restarts_and_shared_definitions(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_OUTLINE))  # abstract definitions come before the lists
    for xml in _LISTS:
        numbering.append(parse_xml(xml))
    outline = [
        ("90", 0, "Introduction"),
        ("90", 1, "The General Assembly requested a report."),
        ("90", 2, "to strengthen cooperation;"),
        ("90", 3, "at the national level;"),
        ("90", 3, "at the regional level;"),
        ("90", 2, "to adopt legislation."),
        ("90", 1, "The report covers 2023."),
        ("90", 2, "a new first sub-paragraph;"),  # (a) again under a new paragraph
        ("90", 0, "Replies received"),
        ("90", 1, "Paragraph numbers run on across chapters."),
        ("90", 4, "A legal-style number."),
        ("0", 0, "numId 0 takes the numbering off."),
        ("92", 1, "Another list of the same definition counts on."),
        ("91", 1, "A list that restarts at 10."),
        ("91", 1, "It goes on from there."),
    ]
    for num_id, ilvl, text in outline:
        _numbered(document.add_paragraph(text), num_id, ilvl)
    table = document.add_table(rows=1, cols=1)
    _numbered(table.cell(0, 0).paragraphs[0], "90", 2)
    table.cell(0, 0).paragraphs[0].add_run("a numbered cell")
    path = tmp_path / "outline.en.docx"
    document.save(path)
    assert read_document(path).texts == [
        "I. Introduction",
        "1. The General Assembly requested a report.",
        "(a) to strengthen cooperation;",
        "(i) at the national level;",
        "(ii) at the regional level;",
        "(b) to adopt legislation.",
        "2. The report covers 2023.",
        "(a) a new first sub-paragraph;",
        "II. Replies received",
        "3. Paragraph numbers run on across chapters.",
        "2.3.1 A legal-style number.",
        "numId 0 takes the numbering off.",
        "4. Another list of the same definition counts on.",
        "10. A list that restarts at 10.",
        "11. It goes on from there.",
        "(a) a numbered cell",
    ]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (3, "decimal", "3"),
        (3, "decimalZero", "03"),
        (28, "lowerLetter", "bb"),
        (14, "upperRoman", "XIV"),
        (4, "lowerRoman", "iv"),
        (3, "russianLower", "в"),
        (3, "arabicAbjad", "ج"),
        (12, "chineseCounting", "十二"),
        (3, "none", ""),
        (3, "cardinalText", "3"),  # not known here: decimal
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected
