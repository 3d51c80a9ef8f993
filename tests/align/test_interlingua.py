"""English readings of every version's words, shared by pairs without English (tmtool/align/interlingua.py)."""

from __future__ import annotations

from tmtool.align.interlingua import english_features, english_features_by_language, english_readings

# what an English-French first round may have learnt (features L:<source word>|<target word>)
EN_FR = ({"secur": ["L:secur|sécur"], "resol": ["L:resol|résol"]}, {"sécur": ["L:secur|sécur"], "résol": ["L:resol|résol"]})


def test_readings_follow_the_orientation_of_the_pair():
    assert english_readings(*EN_FR, english_first=True) == {"sécur": {"secur"}, "résol": {"resol"}}
    fr_en = ({"sécur": ["L:sécur|secur"]}, {"secur": ["L:sécur|secur"]})
    assert english_readings(*fr_en, english_first=False) == {"sécur": {"secur"}}


def test_features_from_the_lexicon_and_for_chinese_the_dictionary():
    fr = english_features(["Le Conseil de sécurité a adopté la résolution.", "Rien."], "fr",
                          {"sécur": {"secur"}, "résol": {"resol"}})
    assert fr == [["E:resol", "E:secur"], []]
    (zh,) = english_features(["安全理事会通过了决议。"], "zh", {})
    assert {"E:secur", "E:resol", "E:counc"} <= set(zh)
    assert english_features(["安全理事会通过了决议。"], "zh", {}, dictionary=False) == [[]]


def test_pairs_without_english_meet_at_english_stems():
    segments = {"en": ["The Security Council adopted the resolution."],
                "fr": ["Le Conseil de sécurité a adopté la résolution."],
                "zh": ["安全理事会通过了决议。"]}
    learnt = {("en", "fr"): EN_FR, ("en", "zh"): ({}, {})}
    found = english_features_by_language(segments, learnt)
    assert set(found) == {"fr", "zh"}  # English itself needs no reading
    assert {"E:secur", "E:resol"} <= set(found["fr"][0]) & set(found["zh"][0])
    assert english_features_by_language({k: v for k, v in segments.items() if k != "en"}, {}) == {}
