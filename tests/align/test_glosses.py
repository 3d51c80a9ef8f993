"""What the dictionaries give the words of Chinese (CC-CEDICT) and Arabic (Buckwalter's lexicon): the English stems of
their glosses, read from the installed packages; and a missing package is a warning, not a failure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import AlignmentWarning, align_segments, glosses
from tmtool.align.features import words
from tmtool.align.glosses import english_stems
from tmtool.documents import buckwalter
from tmtool.glossary import zhwords


def arabic(text: str) -> frozenset[str]:
    """The English stems of the one word type of ``text``."""
    (word,) = words(text, "ar")
    return english_stems(word, "ar")


def test_english_stems_of_two_character_chinese_words_in_both_scripts():
    assert {"safe", "safet", "secur"} <= english_stems("安全", "zh")
    assert "resol" in english_stems("决议", "zh")
    assert english_stems("決議", "zh") == english_stems("决议", "zh")  # traditional headwords too
    assert english_stems("国家", "zh") >= {"count", "natio", "state"}
    assert english_stems("理事会", "zh") == frozenset()  # the word types of Chinese text are bigrams
    assert english_stems("ab", "zh") == frozenset()
    # cross-references and words that translate nothing are left out
    every = set().union(*(english_stems(w, "zh") for w in ("安全", "国家", "会议", "发展", "合作", "人权")))
    assert not every & {"the", "and", "variant", "see", "surname"}


def test_english_stems_of_arabic_words_through_their_prefixes_and_suffixes():
    assert {"secur", "safet"} <= arabic("أمن")
    assert arabic("امن") == arabic("أمن")  # alef with or without hamza
    assert {"counc", "board"} <= arabic("مجلس") and arabic("بمجلس") == arabic("مجلس")  # "bi-": in, with
    assert {"resol", "decis"} <= arabic("بالقرار")  # the article is off (features.words), "bi-" here
    assert "commi" in arabic("اللجنة")  # the suffix -a (ta marbuta)
    assert "right" in arabic("بحقوقهم")  # cut to five letters, "-hum" (their) cut too
    assert "debat" in arabic("المناقشة")
    assert "peace" in arabic("السلام") and "unite" in arabic("المتحدة")
    assert arabic("في") == frozenset() and arabic("من") == frozenset()  # prepositions: too short to be read
    assert english_stems("أمن", "fr") == frozenset()  # only Chinese and Arabic are glossed


def test_buckwalter_glosses_keep_their_content_words():
    every = set().union(*(arabic(w) for w in ("أمن", "مجلس", "قرار", "لجنة", "حقوق", "سلام", "متحدة")))
    assert not every & {"the", "and", "pos", "what", "become", "noun"}  # stop words, Buckwalter's <pos> notes
    assert all(len(stem) <= 5 and stem.isalpha() and stem.islower() for stem in every)


@pytest.mark.parametrize("module, attribute, missing, name, texts", [
    (zhwords, "_CEDICT", ("no-such-distribution-tmtool", "x.gz"), "CC-CEDICT",
     {"en": ["The Security Council met."], "zh": ["安全理事会举行了会议。"]}),
    (buckwalter, "PACKAGE", "no-such-distribution-tmtool", "Buckwalter",
     {"en": ["The Security Council met."], "ar": ["اجتمع مجلس الأمن."]}),
])
def test_missing_dictionary_warns_and_aligns_without(monkeypatch, module, attribute, missing, name, texts):
    def clear():
        for cached in (glosses._cedict, glosses._chinese, glosses._buckwalter, glosses._arabic,
                       zhwords.chinese_words, zhwords._by_character, zhwords.other_words):
            cached.cache_clear()

    monkeypatch.setattr(module, attribute, missing)
    clear()
    try:
        with pytest.warns(AlignmentWarning, match=name):
            links = align_segments(texts)
        assert [tuple(link.segments.values()) for link in links] == [((0,), (0,))]
    finally:
        clear()


# letters of the two lexicons (so that lookups run), and any character besides
LETTERS = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآؤئء" "安全国家决议會議" "abcé"))


@given(st.text(alphabet=LETTERS | st.characters(codec="utf-8"), max_size=8), st.sampled_from(["ar", "zh", "en", "fr"]))
@settings(max_examples=200, deadline=None)
def test_any_word_gets_english_stems_or_none(word, lang):
    stems = english_stems(word, lang)
    assert isinstance(stems, frozenset)
    assert all(0 < len(stem) <= 5 and stem == stem.lower() for stem in stems)
    if lang not in ("ar", "zh"):
        assert not stems


def test_arabic_vowel_marks_do_not_cut_a_word():
    # shadda, tanween and short vowels are optional in Arabic script and are no letters to a regex: a word written
    # with them is the same word type, and reads as the same English, as the word written without them
    assert words("التفكُّر بقوّة مجالاً محدِّد", "ar") == words("التفكر بقوة مجالا محدد", "ar") == [
        "تفكر", "بقوة", "مجالا", "محدد"]
    assert "refle" in arabic("التفكُّر") and arabic("التفكُّر") == arabic("التفكر")
    assert "verif" in arabic("تحقّق") and "defin" in arabic("محدِّد")
