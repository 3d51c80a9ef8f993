"""Every reader: .docx (python-docx), .html (lxml.html), .pdf (pypdf), one-segment-a-line text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.documents import read_document
from tmtool.errors import EncodingError, UnsafeXMLError

READERS = Path(__file__).resolve().parent.parent / "data" / "documents" / "readers"


def test_docx_headings_paragraphs_tables_and_language_from_name(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Letter dated 2 October 2023 addressed to the President", level=1)
    document.add_paragraph("Le Comité s'est réuni deux fois. M. Dupont a présenté le rapport.")
    para = document.add_paragraph("Il a adopté son rapport")
    para.add_run().add_break()
    para.add_run("sans vote.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Budget ordinaire"
    table.cell(0, 1).text = "10 000 dollars"
    document.sections[0].header.paragraphs[0].text = "A/78/371"  # page header: not body text
    path = tmp_path / "A_78_371-F.docx"
    document.save(path)

    result = read_document(path)
    assert result.lang == "fr"
    assert result.metadata["format"] == "docx"
    assert [(p.kind, p.text) for p in result.paragraphs] == [
        ("heading", "Letter dated 2 October 2023 addressed to the President"),
        ("body", "Le Comité s'est réuni deux fois. M. Dupont a présenté le rapport."),
        ("body", "Il a adopté son rapport sans vote."),
        ("cell", "Budget ordinaire"),
        ("cell", "10 000 dollars"),
    ]


def test_html_blocks_without_scripts_navigation_or_footers():
    result = read_document(READERS / "letter.fr.html")
    assert result.lang == "fr"
    texts = result.texts
    assert texts[0] == "Lettre datée du 2 octobre 2023 adressée au Président du Conseil"
    assert result.paragraphs[0].kind == "heading"
    assert "Le Comité s’est réuni deux fois pendant la période considérée. Il a adopté son rapport sans vote." in texts
    assert "Premier point de l’ordre du jour\u202f;" in texts  # French no-break space restored
    assert result.paragraphs[-1].kind == "signature"
    joined = " ".join(texts)
    for unwanted in ("ne pas lire", "Accueil", "Page 1 de 1", "color: black", "A/78/371"):
        assert unwanted not in joined


def test_html_with_entity_declarations_is_refused():
    with pytest.raises(UnsafeXMLError) as info:
        read_document(READERS / "hostile.en.html")
    assert "hostile.en.html" in str(info.value)


def test_pdf_pages_are_repaired_like_converted_text(tmp_path, pdf_bytes):
    path = tmp_path / "A_78_371-E.pdf"
    path.write_bytes(pdf_bytes([
        ["A/78/371", "", "The committee met three times during the period under review and",
         "adopted its report on the"],
        ["A/78/371", "final day of the session, after a long debate on the budget.", "",
         "The next meeting will take place in Geneva.", "", "2/3", "23-17890 (E)"],
    ]))
    result = read_document(path)
    assert result.lang == "en"
    assert result.texts == [
        "The committee met three times during the period under review and adopted its report on the final day "
        "of the session, after a long debate on the budget.",
        "The next meeting will take place in Geneva.",
    ]
    assert result.metadata["symbols"] == ["A/78/371"]


def test_reading_a_pdf_gives_back_the_level_of_pypdf_s_logger(tmp_path, pdf_bytes):
    """pypdf's warnings are off while tmtool reads a PDF; the logger's level was then left at ERROR for good, which
    silenced pypdf in the program that called tmtool (its logging set-up is its own)."""
    import logging

    path = tmp_path / "A_78_371-E.pdf"
    path.write_bytes(pdf_bytes([["The committee met three times during the period under review."]]))
    logger = logging.getLogger("pypdf")
    before = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        assert read_document(path).texts == ["The committee met three times during the period under review."]
        assert logger.level == logging.DEBUG
    finally:
        logger.setLevel(before)


def test_lines_format_keeps_each_line_and_does_no_repair(tmp_path):
    path = tmp_path / "segments.txt"
    path.write_text("First segment, not ended\nsecond segment.\n\nA/78/371\n  Third  one.  \n", encoding="utf-8")
    result = read_document(path, input_format="lines", lang="en")
    # the blank line stays an (empty) segment: paragraph n is line n, as an aligner's ladder numbers them
    assert result.texts == ["First segment, not ended", "second segment.", "", "A/78/371", "Third one."]
    assert {p.kind for p in result.paragraphs} == {"body"}
    assert result.metadata["format"] == "lines"


def test_lines_format_numbers_lines_like_wc(tmp_path):
    """Only \\n, \\r\\n and \\r end a line; other Unicode line breaks and control characters do not."""
    path = tmp_path / "segments.txt"
    path.write_bytes("One\u2028two.\r\n\r\nThree\x01.\x85\rFour.\n\n".encode())
    result = read_document(path, input_format="lines", lang="en")
    assert result.texts == ["One two.", "", "Three.", "Four.", ""]


def test_markdown_extension_and_forced_markdown(tmp_path):
    text = "## **Title of the report**\n\nThe Council **decided** to act [now](#).\n"
    md = tmp_path / "report.en.md"
    md.write_text(text, encoding="utf-8")
    assert read_document(md).texts == ["Title of the report", "The Council decided to act now."]
    plain = tmp_path / "report.en.text"
    plain.write_text(text, encoding="utf-8")
    assert read_document(plain, input_format="markdown").texts == read_document(md).texts


def test_html_encoding_declared_or_utf8(tmp_path):
    body = "<html><body><p>Le comité a adopté le rapport à l'unanimité et sans vote.</p></body></html>"
    declared = tmp_path / "declared.html"
    declared.write_bytes(body.replace("<html>", '<html><head><meta charset="windows-1252"></head>').encode("cp1252"))
    assert read_document(declared).texts == ["Le comité a adopté le rapport à l'unanimité et sans vote."]
    utf8 = tmp_path / "utf8.html"  # no declaration: read as UTF-8, not as libxml2's default Latin-1
    utf8.write_bytes(body.encode("utf-8"))
    assert read_document(utf8).texts == ["Le comité a adopté le rapport à l'unanimité et sans vote."]
    undeclared = tmp_path / "undeclared.html"
    undeclared.write_bytes(body.encode("cp1252"))
    with pytest.raises(EncodingError, match="not UTF-8"):
        read_document(undeclared)


def test_docx_converted_from_pdf_is_repaired_and_its_header_gives_the_symbols(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("The trilateral statement, signed on the")  # a page break cut this paragraph
    document.add_paragraph("23-17791")
    document.add_paragraph("2/3")
    document.add_paragraph("night of 9 to 10 November 2020, provided for a complete ceasefire.")
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("Recalling its resolution 70/1,")
    document.sections[0].header.paragraphs[0].text = "A/78/371\nS/2023/684"
    document.sections[0].footer.paragraphs[0].text = "23-17791 (E)    150923"
    path = tmp_path / "letter.en.docx"
    document.save(path)

    result = read_document(path)
    assert result.texts == [
        "The trilateral statement, signed on the night of 9 to 10 November 2020, provided for a complete ceasefire.",
        "The General Assembly,",
        "Recalling its resolution 70/1,",
    ]
    assert result.metadata["symbols"] == ["A/78/371", "S/2023/684"]


def test_clean_docx_and_html_keep_a_paragraph_that_only_looks_like_a_running_header(tmp_path):
    """A body paragraph citing one symbol, or a number alone, is text: with nothing around it that says page
    break (no page number or job number next to it, no repeat), a clean file loses nothing."""
    import docx

    texts = ["Report of the Secretary-General", "The Council took note of the following document:", "S/2023/456",
             "The votes in favour numbered", "22", "The Council agreed."]
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = "A/78/123"
    path = tmp_path / "report.en.docx"
    document.save(path)
    result = read_document(path)
    assert result.texts == texts
    assert result.metadata["symbols"] == ["A/78/123"]  # the cited S/2023/456 is not this document's symbol
    page = tmp_path / "report.en.html"
    page.write_text("<html><body>" + "".join(f"<p>{text}</p>" for text in texts) + "</body></html>",
                    encoding="utf-8")
    result = read_document(page)
    assert result.texts == texts
    assert "symbols" not in result.metadata


def test_docx_russian_preamble_paragraphs_stay_apart(tmp_path):
    import docx

    document = docx.Document()
    for text in ("Генеральная Ассамблея,", "ссылаясь на свою резолюцию 70/1,",
                 "подтверждая свою приверженность Уставу,", "1. постановляет продолжить рассмотрение вопроса."):
        document.add_paragraph(text)
    path = tmp_path / "resolution.ru.docx"
    document.save(path)
    assert read_document(path).texts == [
        "Генеральная Ассамблея,", "ссылаясь на свою резолюцию 70/1,", "подтверждая свою приверженность Уставу,",
        "1. постановляет продолжить рассмотрение вопроса."]


def test_html_converted_from_pdf_loses_its_page_furniture(tmp_path):
    page = ("<html><body><p>Le Conseil a réaffirmé que les territoires occupés font partie intégrante de</p>"
            "<p>23-17890 (F)</p><p>A/78/371 S/2023/684</p>"
            "<p>l’Azerbaïdjan et a exigé le retrait des forces d’occupation.</p></body></html>")
    path = tmp_path / "lettre.fr.html"
    path.write_bytes(page.encode("utf-8"))
    result = read_document(path)
    assert result.texts == ["Le Conseil a réaffirmé que les territoires occupés font partie intégrante de "
                            "l’Azerbaïdjan et a exigé le retrait des forces d’occupation."]
    assert result.metadata["symbols"] == ["A/78/371", "S/2023/684"]


def test_html_note_marks_nested_lists_and_paragraphs_in_cells(tmp_path):
    page = ("<html><body><p>The Assembly requested a report<sup><a href='#fn1'>1</a></sup>. The area is 5 km<sup>2</sup>"
            " and the needs grew<sup>2</sup>.</p>"
            "<ul><li>Second item with a nested list:<ul><li>nested one;</li><li>nested two.</li></ul></li></ul>"
            "<table><tr><td><p>Asia</p><p>Pacific</p></td><td>10</td></tr></table>"
            "<div class='footnotes'><p id='fn1'><sup>1</sup> See A/77/123, para. 12.</p></div></body></html>")
    path = tmp_path / "report.en.html"
    path.write_text(page, encoding="utf-8")
    result = read_document(path)
    assert [(p.kind, p.text) for p in result.paragraphs] == [
        ("body", "The Assembly requested a report. The area is 5 km2 and the needs grew."),
        ("body", "Second item with a nested list:"),
        ("body", "nested one;"),
        ("body", "nested two."),
        ("cell", "Asia"),
        ("cell", "Pacific"),
        ("cell", "10"),
        ("body", "1 See A/77/123, para. 12."),
    ]


def test_html_note_marks_inside_links_table_note_letters_and_headings_in_cells(tmp_path):
    """Word's HTML export and most sites put the note mark in a link around it (audit, December 2026: "June2",
    "report.[1]", "Totala" were glued into the text); the link opening the note and other links to numbers stay."""
    page = ("<html><body><p>The Assembly requested a report.<a href='#_ftn1' name='_ftnref1'>"
            "<span class=MsoFootnoteReference><span>[1]</span></span></a> It met in June<a href='#x'><sup>2</sup></a>"
            " and July, see section <a href='#s2'>2</a>.</p>"
            "<table><tr><th><h4>Region</h4></th></tr><tr><td>Total<sup>a</sup></td><td>22</td></tr></table>"
            "<p>Le 1<sup>er</sup> janvier.</p>"
            "<div id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1' name='_ftn1'><span class=MsoFootnoteReference>"
            "[1]</span></a> See A/77/123, para. 12.</p></div></body></html>")
    path = tmp_path / "report.en.html"
    path.write_text(page, encoding="utf-8")
    assert [(p.kind, p.text) for p in read_document(path).paragraphs] == [
        ("body", "The Assembly requested a report. It met in June and July, see section 2."),
        ("cell", "Region"),  # a heading inside a cell is a cell: it was a heading, and the page's title
        ("cell", "Total"),
        ("cell", "22"),
        ("body", "Le 1er janvier."),
        ("body", "[1] See A/77/123, para. 12."),
    ]


_FOOTNOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See resolution </w:t></w:r>
    <w:r><w:t>2118 (2013).</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>A/78/123, para. 4.</w:t></w:r></w:p>
    <w:p><w:r><w:t>Also S/2023/684.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _with_notes(path, xml: str) -> None:
    """A .docx file at ``path`` with one paragraph and a footnotes part as Word relates it (python-docx writes
    none of its own)."""
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    document.add_paragraph("The Council recalled its earlier decisions on the matter.")
    notes = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(notes, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(path)


def test_docx_footnotes_come_after_the_body_numbered(tmp_path):
    path = tmp_path / "letter.en.docx"
    _with_notes(path, _FOOTNOTES)
    assert read_document(path).texts == [
        "The Council recalled its earlier decisions on the matter.",
        "1 See resolution 2118 (2013).",
        "2 A/78/123, para. 4. Also S/2023/684.",
    ]


_NOTES_WITH_MARK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> A/78/150.</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> See resolution 2118 (2013).</w:t></w:r></w:p>
  </w:footnote>
  <w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> See A/77/123, para. 12.</w:t></w:r></w:p>
  </w:footnote>
</w:footnotes>"""


def test_docx_footnotes_numbered_in_body_order_and_a_custom_mark_takes_no_number(tmp_path):
    """A GA report's title carries a '*' note (w:customMarkFollows): Word numbers the other notes 1, 2, in the
    order the body calls them, and the '*' stays with its note, not in the title."""
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def reference(paragraph, note_id: str, mark: str | None = None) -> None:
        run = paragraph.add_run()._r
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), note_id)
        if mark:
            ref.set(qn("w:customMarkFollows"), "1")
        run.append(ref)
        if mark:
            text = OxmlElement("w:t")
            text.text = mark
            run.append(text)

    document = docx.Document()
    title = document.add_paragraph("Report of the Secretary-General")
    reference(title, "1", "*")
    body = document.add_paragraph("The Council recalled its earlier decisions.")
    reference(body, "3")  # called first: Word shows it as note 1
    reference(document.add_paragraph("It acted on them."), "2")
    notes = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, _NOTES_WITH_MARK.encode(),
                 document.part.package)
    document.part.relate_to(notes, RELATIONSHIP_TYPE.FOOTNOTES)
    path = tmp_path / "report.en.docx"
    document.save(path)
    assert read_document(path).texts == [
        "Report of the Secretary-General",
        "The Council recalled its earlier decisions.",
        "It acted on them.",
        "* A/78/150.",
        "1 See A/77/123, para. 12.",
        "2 See resolution 2118 (2013).",
    ]


def test_docx_footnotes_that_are_not_xml_are_one_clear_error(tmp_path):
    from tmtool.errors import FormatError

    path = tmp_path / "letter.en.docx"
    _with_notes(path, "<w:footnotes><broken")
    with pytest.raises(FormatError, match="letter.en.docx: .*footnotes") as info:
        read_document(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le"])  # UTF-16 with and without a byte-order mark
def test_docx_with_entity_declarations_is_refused(tmp_path, encoding):
    """python-docx leaves an internal DTD's entities unexpanded and drops the text after them: refused, as in HTML,
    in any encoding of the part (audit, December 2026)."""
    import docx
    import zipfile

    plain = tmp_path / "plain.en.docx"
    document = docx.Document()
    document.add_paragraph("The Council met.")
    document.save(str(plain))
    hostile = tmp_path / "hostile.en.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{encoding.upper()[:6]}"')
                text = text.replace("?>", '?><!DOCTYPE w:document [<!ENTITY c "Council">]>', 1)
                data = text.replace("The Council met.", "The &c; met. Text after it.").encode(encoding)
            dst.writestr(item, data)
    assert read_document(plain).paragraphs[0].text == "The Council met."
    with pytest.raises(UnsafeXMLError, match="hostile.en.docx: .*word/document.xml .*entities") as info:
        read_document(hostile)
    assert "\n" not in str(info.value)
