"""Telling the language: UN file-name conventions, the script, stop words; LanguageError when it cannot."""

from __future__ import annotations

import pytest

from tmtool.documents import detect_language, language_from_filename, read_document
from tmtool.errors import LanguageError

SAMPLES = {
    "en": "The committee noted with concern that the report of the working group was not available in time.",
    "fr": "Le comité a noté avec préoccupation que le rapport du groupe de travail n'était pas disponible à temps.",
    "es": "El comité observó con preocupación que el informe del grupo de trabajo no estaba disponible a tiempo.",
    "ru": "Комитет с озабоченностью отметил, что доклад рабочей группы не был представлен вовремя.",
    "zh": "委员会关切地注意到，工作组的报告未能及时提供。",
    "ar": "ولاحظت اللجنة مع القلق أن تقرير الفريق العامل لم يكن متاحا في الوقت المناسب.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detect_language_six_un_languages(lang):
    assert detect_language(SAMPLES[lang]) == lang


def test_detect_language_sees_through_an_english_header():
    text = "Distr.: General 14 September 2023 Chinese Original: English\n" + SAMPLES["zh"] * 3
    assert detect_language(text) == "zh"


@pytest.mark.parametrize("text", ["", "12345 67/89", "A/78/371", "OK"])
def test_detect_language_gives_none_when_it_cannot_tell(text):
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("name", "lang"),
    [
        ("A_78_371-FR.docx", "fr"),
        ("A_78_371-E.pdf", "en"),
        ("A_78_371-C.pdf", "zh"),
        ("A_78_371-R.docx", "ru"),
        ("letter_EN.docx", "en"),
        ("letter_AR.txt", "ar"),
        ("letter.zh.txt", "zh"),
        ("letter.es.md", "es"),
        ("report-ES.html", "es"),
        ("report_rus.txt", "ru"),
        ("000_bef0c6e9df192ef4.txt", None),
        ("notes.txt", None),
        ("plan-a.txt", None),
    ],
)
def test_language_from_filename(name, lang):
    assert language_from_filename(name) == lang


def test_file_name_gives_the_language_text_confirms(tmp_path):
    path = tmp_path / "A_78_371-F.txt"
    path.write_text(SAMPLES["fr"], encoding="utf-8")
    document = read_document(path)
    assert (document.lang, document.metadata["lang_source"]) == ("fr", "file name")


def test_text_wins_over_a_wrong_file_name(tmp_path):
    path = tmp_path / "letter.ru.txt"
    path.write_text(SAMPLES["en"], encoding="utf-8")
    assert read_document(path).lang == "en"


def test_lang_option_is_checked_against_the_text(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text(SAMPLES["en"], encoding="utf-8")
    with pytest.raises(LanguageError) as info:
        read_document(path, lang="fr")
    assert str(path) in str(info.value) and "'fr'" in str(info.value)
    with pytest.raises(LanguageError):
        read_document(path, lang="zh")
    assert read_document(path, lang="EN").lang == "en"


def test_other_language_with_lang_option_is_accepted(tmp_path):
    """A language we have no stop words for is taken as given (sane for other languages)."""
    path = tmp_path / "text.txt"
    path.write_text("Kamati ilikutana mara mbili katika kipindi hicho na kupitisha ripoti yake.", encoding="utf-8")
    assert read_document(path, lang="sw").lang == "sw"


def test_unknown_language_is_a_clear_error(tmp_path):
    path = tmp_path / "numbers.txt"
    path.write_text("12 34 56\n\n78 90\n", encoding="utf-8")
    with pytest.raises(LanguageError, match="cannot tell the language"):
        read_document(path)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("The report of the committee.", "en"), ("Le rapport du comité.", "fr"), ("El informe del comité.", "es"),
     ("The committee met.", None), ("the de la", None)],
)
def test_short_texts_need_two_function_words_and_no_rival(text, lang):
    assert detect_language(text) == lang
