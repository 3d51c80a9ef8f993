"""The English-Chinese seed lexicon (CC-CEDICT): what it holds, what it seeds, and a misalignment it fixes.

Cases: tests/data/dictionary/<case>/{en.txt, zh.txt, expected.ladder}, own texts (no glossary anchors, so that the
dictionary is the only lexical evidence between the two scripts before bootstrapping).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align import AlignmentWarning, align_segments, ladder_from_links, read_ladder
from tmtool.align import dictionary
from tmtool.align.dictionary import english_stems, seed_lexicon
from tmtool.align.features import words

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


def test_no_dictionary_for_other_pairs():
    en, fr = [words("The Security Council", "en")], [words("Le Conseil de sécurité", "fr")]
    assert seed_lexicon("en", "fr", en, fr) == ({}, {})


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
