"""Glossary terms in the review screen: highlighted in every column, listed with renderings in the panel."""

from __future__ import annotations

import asyncio

from reviewkit import DATA, running
from rich.color import ColorSystem

from tmtool.glossary import find_terms, read_glossary
from tmtool.review.app import SidePanel
from tmtool.review.colours import MIN_CONTRAST, contrast, terminal_rgb
from tmtool.review.terms import TermFinder

GLOSSARY = DATA / "terms.csv"


def test_row_terms_report_renderings_and_where_they_are_missing():
    glossary = read_glossary(GLOSSARY)
    finder = TermFinder([glossary])
    texts = {"en": "The Working Group met.", "fr": "Le groupe s'est réuni.", "zh": "工作组举行会议。"}
    (term,) = finder.row_terms(texts, ["en", "fr", "zh"])
    assert term.label == "Working Group"
    assert term.renderings == {"en": ["Working Group"], "fr": ["Groupe de travail"], "zh": ["工作组"]}
    assert term.found == {"en": True, "fr": False, "zh": True}
    hit = finder.matches("工作组举行会议。", "zh")[0]
    assert (hit.start, hit.end) == (0, 3)


def test_terms_highlighted_in_every_column_and_listed_in_the_panel(six):
    glossary = read_glossary(GLOSSARY)

    async def scenario():
        async with running(six, glossaries=[glossary]) as (app, pilot, notes):
            await pilot.press("j", "j", "j")  # row 4: Security Council + Working Group in all six languages
            table = app.screen.table
            term_style = table.get_component_rich_style("table--term", partial=True)
            alignment = app.session.alignment
            for lang, width in zip(table.langs, table._lang_widths):
                text = alignment.texts(alignment.links[3], lang, sep=" ¦ ")
                expected = {text[m.start:m.end] for m in find_terms(glossary, text, lang)}
                assert expected  # every language has a term in this row
                styled = "".join(
                    seg.text for line, _ in table._cell_lines(3, lang, width) for seg in line
                    if seg.style is not None and seg.style.underline == term_style.underline and seg.style.underline
                )
                for surface in expected:
                    assert "".join(surface.split()) in "".join(styled.split()), (lang, surface)
            panel = app.screen.query_one(SidePanel).plain
            assert "Terms (2)" in panel
            assert "✓ fr Conseil de sécurité" in panel and "✓ zh 安全理事会" in panel
            await pilot.press("j", "j")  # row 6: no term
            assert "Terms (0)" in app.screen.query_one(SidePanel).plain

    asyncio.run(scenario())


def _bahrain(tmp_path):
    """Three languages, one place; Spanish writes the deprecated form the UN does not use, and the glossary
    has no Russian term."""
    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    csv = tmp_path / "places.csv"
    csv.write_text("id,lang,term,status\nbh,en,Bahrain,preferred\nbh,fr,Bahreïn,preferred\n"
                   "bh,es,Bahrein,preferred\nbh,es,Baréin,deprecated\nbh,fr,Bahrayn,forbidden\n", encoding="utf-8")
    docs = (AlignedDocument("en", ("Bahrain agreed.",), None), AlignedDocument("fr", ("Bahreïn a accepté.",), None),
            AlignedDocument("es", ("Baréin estuvo de acuerdo.",), None),
            AlignedDocument("ru", ("Бахрейн согласился.",), None))
    path = tmp_path / "alignment.json"
    write_alignment(Alignment(docs, (Link({"en": (0,), "fr": (0,), "es": (0,), "ru": (0,)}, 0.9, "auto"),)), path)
    return path, read_glossary(csv)


def test_a_deprecated_or_forbidden_term_is_shown_as_wrong_not_as_found(tmp_path):
    """A cell that uses a deprecated term ("Baréin" where the UN writes "Bahrein") was marked ✓ in the side
    panel and highlighted like an approved term: the reviewer was told the terminology was right."""
    path, glossary = _bahrain(tmp_path)
    finder = TermFinder([glossary])
    texts = {"en": "Bahrain agreed.", "fr": "Bahrayn a accepté.", "es": "Baréin estuvo de acuerdo."}
    (term,) = finder.row_terms(texts, ["en", "fr", "es"])
    assert term.found == {"en": True, "fr": False, "es": False}
    assert term.wrong == {"fr": [("Bahrayn", "forbidden")], "es": [("Baréin", "deprecated")]}

    async def scenario():
        async with running(path, size=(160, 30), glossaries=[glossary]) as (app, pilot, notes):
            await pilot.press("l", "l")  # the es column
            await pilot.pause()
            panel = app.screen.query_one(SidePanel).plain.splitlines()
            assert "  ✓ en Bahrain" in panel and "  ✓ fr Bahreïn" in panel
            assert "  ! es Bahrein" in panel and "      deprecated: Baréin" in panel
            assert "  - ru (no approved term)" in panel  # not a ✗: there is nothing the cell could have
            table = app.screen.table
            styles = table._styles()
            assert styles["term_wrong"].color != styles["term"].color
            width = table._lang_widths[table.langs.index("es")]
            wrong = "".join(seg.text for line, _ in table._cell_lines(0, "es", width) for seg in line
                            if seg.style is not None and seg.style.color == styles["term_wrong"].color)
            assert wrong == "Baréin"
            fr_width = table._lang_widths[table.langs.index("fr")]
            right = "".join(seg.text for line, _ in table._cell_lines(0, "fr", fr_width) for seg in line
                            if seg.style is not None and seg.style.color == styles["term"].color)
            assert right == "Bahreïn"
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT):
                ratio = contrast(terminal_rgb(styles["term_wrong"].color, system),
                                 terminal_rgb(styles["base"].bgcolor, system))
                assert ratio >= MIN_CONTRAST

    asyncio.run(scenario())


def test_a_row_whose_terms_need_a_look_is_marked_in_the_table_and_a_derived_word_is_not_missing(tmp_path):
    """The side panel, the only place that said a rendering was missing or wrong, hides itself in a narrow
    terminal (six languages at 80x24): nothing in the table told the reviewer which rows to look at. A row with a
    missing or wrong term now has a "!" beside its status. A column that uses a word derived from the place name
    (« forces arméniennes » for Arménie) is "~", as tmtool glossary check counts it (a variant, not missing),
    and does not mark the row."""
    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    csv = tmp_path / "places.csv"
    csv.write_text("id,lang,term,status,subject\nam,en,Armenia,preferred,place-name\n"
                   "am,fr,Arménie,preferred,place-name\nam,es,Armenia,preferred,place-name\n", encoding="utf-8")
    docs = (AlignedDocument("en", ("Armenia withdrew.", "Armenia agreed."), None),
            AlignedDocument("fr", ("Les forces arméniennes se sont retirées.", "Le pays a accepté."), None),
            AlignedDocument("es", ("Armenia se retiró.", "Armenia aceptó."), None))
    path = tmp_path / "alignment.json"
    write_alignment(Alignment(docs, tuple(Link({lg: (i,) for lg in ("en", "fr", "es")}, 0.9, "auto")
                                          for i in range(2))), path)
    glossary = read_glossary(csv)

    async def scenario():
        async with running(path, size=(80, 24), glossaries=[glossary]) as (app, pilot, notes):
            await pilot.pause()
            table = app.screen.table
            assert not app.screen.query_one("#side").display  # too narrow: the panel is hidden
            marks = ["".join(seg.text for seg in table._line(row, 0, 80))[5:7] for row in range(2)]
            assert marks == ["· ", "·!"]  # row 2: fr has neither Arménie nor a word derived from it
            await pilot.press("p", "l")  # show the panel, fr column
            await pilot.pause()
            panel = app.screen.query_one(SidePanel).plain.splitlines()
            assert "  ~ fr Arménie" in panel and "      as: arméniennes" in panel
            await pilot.press("j")
            await pilot.pause()
            assert "  ✗ fr Arménie" in app.screen.query_one(SidePanel).plain.splitlines()

    asyncio.run(scenario())


def test_a_term_not_to_use_shows_in_a_language_without_an_approved_term(tmp_path):
    """A language where the glossary has only a term not to use (a common termbase pattern): the row got its "!"
    but the side panel said "(no approved term)" and nothing else, so the reviewer found nothing wrong there."""
    path, glossary = _bahrain(tmp_path)
    csv = tmp_path / "places.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "bh,ru,Бахрейн,forbidden\n", encoding="utf-8")
    glossary = read_glossary(csv)

    async def scenario():
        async with running(path, size=(160, 30), glossaries=[glossary]) as (app, pilot, notes):
            await pilot.pause()
            panel = app.screen.query_one(SidePanel).plain.splitlines()
            at = panel.index("  - ru (no approved term)")
            assert panel[at + 1] == "      forbidden: Бахрейн"

    asyncio.run(scenario())


def test_the_review_and_the_check_agree_on_the_terms_not_to_use():
    """The review keeps its own copy of the statuses not to use (so that it starts without the glossary
    package): it must be the glossary's."""
    from tmtool.glossary.model import NOT_TO_USE as glossary_rule
    from tmtool.review.terms import NOT_TO_USE as review_rule

    assert review_rule == glossary_rule
