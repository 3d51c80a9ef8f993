"""Glossary terms in the review screen: highlighted in every column, listed with renderings in the panel."""

from __future__ import annotations

import asyncio

from reviewkit import DATA, running

from tmtool.glossary import find_terms, read_glossary
from tmtool.review.app import SidePanel
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
