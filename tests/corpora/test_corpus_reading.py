"""Reading the bundled letters repairs their damage: every version reads into the same twelve body paragraphs."""

from __future__ import annotations

import pytest
from _corpus import DAMAGE, LANGS, TRANSLATIONS, body_truth, joiner, sentence_truth, titles


def body(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.kind == "body"]


@pytest.mark.parametrize("lang", LANGS)
def test_twelve_body_paragraphs_exactly_as_written(documents, lang: str) -> None:
    # the ground truth is the text we translated, before we damaged it
    assert body(documents[lang]) == body_truth(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_no_paragraph_starts_with_the_tail_of_a_page_broken_sentence(documents, lang: str) -> None:
    texts = documents[lang].texts
    for before, after in DAMAGE[lang]["page_breaks"]:
        assert not any(t.startswith(after) for t in texts), (lang, after)
        glued = f"{before}{joiner(lang)}{after}"
        assert sum(glued in t for t in texts) == 1, (lang, glued)


@pytest.mark.parametrize("lang", LANGS)
def test_running_headers_page_and_job_numbers_are_gone(documents, lang: str) -> None:
    texts = documents[lang].texts
    for item in DAMAGE[lang]["standalone"]:
        # none of these strings occurs in the letter's own text, so they must be gone entirely
        assert not any(item in t for t in texts), (lang, item)


@pytest.mark.parametrize("lang", LANGS)
def test_hyphenated_words_rejoined_and_hard_breaks_joined(documents, lang: str) -> None:
    text = "\n".join(documents[lang].texts)
    for end, start, word in DAMAGE[lang]["hyphenated"]:
        assert word in text and f"{end}{start}" not in text and f"{end} {start}" not in text, (lang, word)
    for end, start in DAMAGE[lang]["hard_breaks"]:
        assert f"{end} {start}" in text, (lang, end)


@pytest.mark.parametrize("lang", LANGS)
def test_title_and_signature(documents, lang: str) -> None:
    doc = documents[lang]
    title = titles()[lang]
    assert doc.metadata.get("title") == title
    assert title in doc.texts
    assert doc.paragraphs[-1].kind == "signature", doc.paragraphs[-1]


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_metadata_agrees_with_the_english(documents, lang: str) -> None:
    en, doc = documents["en"].metadata, documents[lang].metadata
    for key in ("date", "distribution", "original_language", "agenda_items"):
        assert doc.get(key) == en.get(key), (lang, key, doc.get(key), en.get(key))
    # the running header carries the symbols, which the English (first page only) lacks
    assert doc.get("symbols") == ["A/78/371", "S/2023/684"]


@pytest.mark.parametrize("lang", LANGS)
def test_sentences_of_the_body(lang: str) -> None:
    """The UN-tuned splitter cuts our body paragraphs where we wrote sentence ends (abbreviations, `822 (1993).`,
    quotes, Chinese 。, Arabic text where the comma ، is not a sentence end)."""
    from tmtool.segment import split_sentences

    for k, (paragraph, sentences) in enumerate(zip(body_truth(lang), sentence_truth(lang))):
        assert split_sentences(paragraph, lang) == sentences, (lang, k)
