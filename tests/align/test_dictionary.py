"""The Chinese seed lexicon (CC-CEDICT): what it holds, what it seeds (English words, and French, Spanish and Russian
words spelled as its English stems), and misalignments it fixes.

Cases: tests/data/dictionary/<case>/{en.txt, zh.txt, expected.ladder}, own texts (no glossary anchors, so that the
dictionary is the only lexical evidence between the two scripts before bootstrapping).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align import AlignmentWarning, align_segments, ladder_from_links, read_ladder
from tmtool.align import dictionary
from tmtool.align.dictionary import english_stems, seed_lexicon
from tmtool.align.features import sound_spelling, words

CASES = Path(__file__).resolve().parent.parent / "data" / "dictionary"


def test_english_stems_of_two_character_words_in_both_scripts():
    assert {"safe", "safet", "secur"} <= english_stems("安全")
    assert "resol" in english_stems("决议")
    assert english_stems("決議") == english_stems("决议")  # traditional headwords too
    assert english_stems("国家") >= {"count", "natio", "state"}
    assert english_stems("理事会") == frozenset()  # the word types of Chinese text are bigrams
    assert english_stems("ab") == frozenset()
    # cross-references and words that translate nothing are left out
    every = set().union(*(english_stems(w) for w in ("安全", "国家", "会议", "发展", "合作", "人权")))
    assert not every & {"the", "and", "variant", "see", "surname"}


def test_missing_dictionary_warns_and_aligns_without(monkeypatch):
    monkeypatch.setattr(dictionary, "_CEDICT", ("no-such-distribution-tmtool", "x.gz"))
    dictionary._glosses.cache_clear()
    dictionary.english_stems.cache_clear()
    try:
        with pytest.warns(AlignmentWarning, match="CC-CEDICT"):
            links = align_segments({"en": ["The Security Council met."], "zh": ["安全理事会举行了会议。"]})
        assert [(link.segments["en"], link.segments["zh"]) for link in links] == [((0,), (0,))]
    finally:
        dictionary._glosses.cache_clear()
        dictionary.english_stems.cache_clear()


def test_seed_lexicon_pairs_words_found_on_both_sides():
    en = ["The Security Council adopted the resolution.", "Farmers depend on water."]
    zh = ["安全理事会通过了该决议。", "农民依靠水。"]
    seed_en, seed_zh = seed_lexicon("en", "zh", [words(t, "en") for t in en], [words(t, "zh") for t in zh])
    assert "D:secur|安全" in seed_en["secur"] and "D:secur|安全" in seed_zh["安全"]
    assert "D:resol|决议" in seed_zh["决议"]
    assert "D:farme|农民" in seed_en["farme"]
    # only pairs whose two words occur: nothing for a word the English text lacks
    assert not any(f.startswith("D:rice|") for fs in seed_zh.values() for f in fs)
    # the other orientation gives the same pairs, sides swapped
    zh_side, en_side = seed_lexicon("zh-Hans", "en", [words(t, "zh") for t in zh], [words(t, "en") for t in en])
    assert (zh_side, en_side) == (seed_zh, seed_en)


def test_french_and_spanish_words_spelled_as_english_stems_meet_the_chinese_words():
    zh = [words("安全理事会通过了该决议。", "zh")]
    fr = [words("Le Conseil de sécurité a adopté la résolution.", "fr")]
    seed_fr, seed_zh = seed_lexicon("fr", "zh", fr, zh)
    assert seed_fr["sécur"] == ["D:secur|安全"] and seed_fr["résol"] == ["D:resol|决议"]
    assert "D:secur|安全" in seed_zh["安全"]
    es = [words("El Consejo de Seguridad aprobó la resolución.", "es")]
    _, seed_es = seed_lexicon("zh", "es", zh, es)
    assert seed_es["resol"] == ["D:resol|决议"] and "segur" not in seed_es  # "seguridad" is not spelled "secur"
    # a word of fewer than five letters is not read as an English stem (French "pour" is not English "pour")
    assert "pour" not in seed_lexicon("fr", "zh", [words("pour", "fr")], [words("倒水", "zh")])[0]


def test_russian_words_meet_the_english_stems_by_their_sound_spelling():
    ru = [words("Программа развития и Совет Безопасности приняли резолюцию.", "ru")]
    zh = [words("开发计划署和安全理事会通过了决议。", "zh")]
    seed_ru, seed_zh = seed_lexicon("ru", "zh", ru, zh)
    assert seed_ru == {"резол": ["D:resol|决议"], "прогр": ["D:progr|计划"]}
    assert seed_zh["决议"] == ["D:resol|决议"]
    assert sound_spelling("программа") == "programa" and sound_spelling("commission") == "komision"


def test_no_dictionary_for_other_pairs():
    en, fr = [words("The Security Council", "en")], [words("Le Conseil de sécurité", "fr")]
    assert seed_lexicon("en", "fr", en, fr) == ({}, {})
    de, zh = [words("Der Sicherheitsrat und die Resolution", "de")], [words("安全理事会通过了该决议。", "zh")]
    assert seed_lexicon("de", "zh", de, zh) == ({}, {})  # German: not measured, not read


@pytest.fixture(scope="module")
def dev_doc0(shared):
    """UN dev ``doc0``, a language with Chinese from their two files: gold, links found, links found without the
    readings of that language's words as English stems."""
    base = shared / "eval" / "unpc-6way-dev"
    if not (base / "doc0.fr-zh").exists():
        pytest.skip(f"UN dev set missing: {base}")
    cache = {}

    def aligned(lang):
        if lang not in cache:
            texts = {x: (base / f"doc0.{x}").read_text(encoding="utf-8").splitlines() for x in (lang, "zh")}
            found = ladder_from_links(align_segments(texts), lang, "zh")
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(dictionary, "COGNATE_LANGUAGES", dictionary.COGNATE_LANGUAGES - {lang})
                without = ladder_from_links(align_segments(texts), lang, "zh")
            cache[lang] = read_ladder(base / f"doc0.{lang}-zh"), found, without
        return cache[lang]

    return aligned


@pytest.mark.parametrize("lang, link", [
    ("fr", ((101,), (98,))),  # "Je constate avec inquiétude que des chars..." (without: 2-1 with the next one)
    ("fr", ((102,), (99,))),  # "Le point de passage établi entre les secteurs Alpha et Bravo..." (that next one)
    ("fr", ((154,), (148,))),  # "Ces dernières sont généralement issues de familles..." (without: one off)
    ("fr", ((155,), (149,))),  # (without: 3-1 with the two after it)
    # "Мы стараемся предоставлять юношам..." (the Chinese version lacks it), then "Кроме того, мы стремимся
    # помогать выпускникам..." (without: the first linked to the second's Chinese paragraph, the second left out)
    ("ru", ((33,), ())),
    ("ru", ((34,), (36,))),
    ("ru", ((156,), (155,))),  # "Отдел обеспечивал основное обслуживание..." (without: with the heading after it)
    ("ru", ((157,), ())),  # "4. Организация работы." (a heading the Chinese version lacks)
])
def test_links_the_readings_fix_on_dev_data(dev_doc0, lang, link):
    gold, found, without = dev_doc0(lang)
    assert link in gold and link in found and link not in without


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "expected.ladder").exists()))
def test_dictionary_cases(case):
    d = CASES / case
    en = (d / "en.txt").read_text(encoding="utf-8").splitlines()
    zh = (d / "zh.txt").read_text(encoding="utf-8").splitlines()
    expected = read_ladder(d / "expected.ladder")
    with_it = align_segments({"en": en, "zh": zh}, default_glossary=False)
    assert ladder_from_links(with_it, "en", "zh") == expected
    # the case is one the dictionary decides (without it, two short paragraphs with no shared number or name
    # become one 2-2 link): if this fails, the case no longer tests the dictionary and needs replacing
    without = align_segments({"en": en, "zh": zh}, default_glossary=False, dictionary=False)
    assert ladder_from_links(without, "en", "zh") != expected


def test_cli_no_dictionary_flag(tmp_path, cli_run):
    d = CASES / "committee_en_zh"
    for flag, out in (([], "with"), (["--no-dictionary"], "without")):
        code, _, err = cli_run(["align", d / "en.txt", d / "zh.txt", "--lang", "en,zh", "--input-format", "lines",
                                "--no-default-glossary", "-o", tmp_path / out, "--links-out", tmp_path / f"{out}.txt",
                                *flag])
        assert code == 0, err
    assert read_ladder(tmp_path / "with.txt") == read_ladder(d / "expected.ladder")
    assert read_ladder(tmp_path / "without.txt") != read_ladder(d / "expected.ladder")
