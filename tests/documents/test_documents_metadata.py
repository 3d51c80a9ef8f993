"""Header metadata (tmtool/documents/metadata.py): agenda items as the six languages write them."""

from __future__ import annotations

import pytest

from tmtool.documents.metadata import parse_agenda_items


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Agenda items 31, 61 and 129", ["31", "61", "129"]),
        ("Agenda item 71 (b)", ["71 (b)"]),
        ("Agenda items 71 (b) and (c)", ["71 (b)", "71 (c)"]),  # (c) was lost
        ("Item 71 (b) of the preliminary list*", ["71 (b)"]),  # the pre-session form gave nothing
        ("Point 71 b) de l'ordre du jour", ["71 (b)"]),  # French and Spanish sub-items gave only "71"
        ("Tema 71 b) del programa", ["71 (b)"]),
        ("Пункт 71(b) повестки дня", ["71 (b)"]),
        ("议程项目71(b)", ["71 (b)"]),
        ("临时项目清单*项目71(b)", ["71 (b)"]),
        # one form in every language: the English one, Latin letters (Arabic gave "71 (ب)", Russian "71 (б)")
        ("البند 71 (ب) من جدول الأعمال", ["71 (b)"]),
        ("البنود 71 (أ) و(هـ) و 72", ["71 (a)", "71 (e)", "72"]),  # abjad order: أ ب ج د هـ
        ("البندان 71 (ب) و 72 من جدول الأعمال", ["71 (b)", "72"]),  # the dual gave nothing
        ("Пункт 71 (б) повестки дня", ["71 (б)"]),  # no look-alike: kept (by the alphabet's order д and е clash)
        ("Пункт 71 (д) повестки дня", ["71 (д)"]),
        ("Пункт 71 (е) повестки дня", ["71 (e)"]),  # a Cyrillic look-alike of Latin e
        ("Пункт 71 (с) повестки дня", ["71 (c)"]),  # a Cyrillic look-alike of Latin c
        ("The Committee met on 5 July.", None),
    ],
)
def test_agenda_items_in_one_form_whatever_the_language(line: str, expected: list[str] | None) -> None:
    assert parse_agenda_items(line) == expected
