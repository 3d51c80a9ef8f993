"""Renderings between Chinese (or Arabic) and the other UN languages: whole terms, not the piece the length
expectation of running text preferred. Real data: the UN devset (../shared) as a six-language TM, one unit a line
(the audit of December 2026 found these on it with the letter and the UDHR added); hand-made cases for the parts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tm_helpers import unpc_tm

from tmtool.tm import TMStore, concordance
from tmtool.tm.closing import close_word
from tmtool.tm.lengths import HIGH, MIN_UNITS, longest_expected

LANGS = ("ar", "en", "es", "fr", "ru", "zh")


@pytest.fixture(scope="module")
def devset_tm(shared: Path, tmp_path_factory) -> TMStore:
    """The UN devset's 4,000 lines, one six-language unit each."""
    return unpc_tm(shared, tmp_path_factory.mktemp("devset") / "tm", "devset", LANGS)


@pytest.mark.parametrize("query,src,tgt,rendering", [
    # a Chinese target: the step that completes a piece to its term did not run (理事会 is common alone: 人权理事会)
    ("مجلس الأمن", "ar", "zh", "安全理事会"),  # was 理事会
    # a piece in all the hits of its term and more, ranked first by share though common elsewhere in the TM
    ("国际法", "zh", "en", "international law"),  # was « international »
    ("国际法", "zh", "es", "derecho internacional"),  # was « internacional »
    ("国际法", "zh", "fr", "droit international"),  # was « international »
    ("国际法", "zh", "ar", "القانون الدولي"),  # was « الدولي »
    ("droit international", "fr", "zh", "国际法"),  # was 国际
    ("人权", "zh", "fr", "droits de l'homme"),  # was « droits »
    # the completion bounded by twice the running-text expectation, too short for a Chinese compound or name
    ("联合国", "zh", "ru", "Организации Объединенных Наций"),  # was « Организации Объединенных »
    ("美国", "zh", "ar", "الولايات المتحدة"),  # was « الولايات »
    ("届会", "zh", "es", "período de sesiones"),  # was « sesiones »
    ("Libya", "en", "zh", "利比亚"),  # was 比亚
    ("Eritrea", "en", "zh", "厄立特里亚"),  # was 厄立特里
    # a function character that ends a word (其 "its", 等 "and so on")
    ("Turkey", "en", "zh", "土耳其"),  # was 土耳
    ("تركيا", "ar", "zh", "土耳其"),  # was 土耳
    ("equality", "en", "zh", "性别平等"),  # was 性别平 ("gender equality")
])
def test_a_rendering_between_chinese_and_another_script_is_the_whole_term(devset_tm: TMStore, query, src, tgt,
                                                                         rendering) -> None:
    res = concordance(devset_tm, query, src, tgt)
    assert res.renderings and res.renderings[0].text == rendering, [r.text for r in res.renderings]


def test_a_chinese_compound_gets_its_long_rendering_not_a_piece(devset_tm: TMStore) -> None:
    """大会 is the General Assembly (and a conference): « Assemblée générale » is nine times its two characters, more
    than twice what the running text of the hits expects (4.4 times), so « Assemblée » stayed a piece."""
    texts = [r.text for r in concordance(devset_tm, "大会", "zh", "fr").renderings]
    assert "Assemblée générale" in texts and "Assemblée" not in texts, texts


def test_a_function_character_ends_a_word_but_starts_none() -> None:
    """close_word adds a function character marked in ``ends`` after the n-gram (土耳 + 其), never before it (在 +
    部署, "in" + "deploy"), and one not marked not at all."""
    chars = ["土", "耳", "其", "在", "部", "署", "的"]
    ids = {c: i for i, c in enumerate(chars)}
    cjk = np.ones(len(chars), dtype=bool)
    bad = np.isin(np.arange(len(chars)), [ids[c] for c in "其在的"])
    ends = np.isin(np.arange(len(chars)), [ids[c] for c in "其在"])
    seq = np.array([ids[c] for c in "在部署土耳其的"])
    # each n-gram here always stands with the neighbours this text gives it, but for 署土耳 and 部署土
    freq = {"土耳": 5, "土耳其": 5, "耳其": 5, "耳其的": 5, "土耳其的": 5, "部署": 4, "在部署": 4}
    spell = lambda g: "".join(chars[t] for t in g)  # noqa: E731
    df = lambda g: freq.get(spell(g), 0)  # noqa: E731
    gram = lambda text: tuple(ids[c] for c in text)  # noqa: E731
    assert spell(close_word(seq, gram("土耳"), 6, cjk, bad, df, ends=ends)) == "土耳其"
    assert spell(close_word(seq, gram("土耳"), 6, cjk, bad, df)) == "土耳"  # without ends: as before
    assert spell(close_word(seq, gram("部署"), 6, cjk, bad, df, ends=ends)) == "部署"  # 在 ends words, starts none
    assert spell(close_word(seq, gram("耳其"), 6, cjk, bad, df, ends=ends)) == "土耳其"  # 的 ends none


def test_the_longest_expected_rendering_is_read_from_the_short_units() -> None:
    ratios = np.sort(np.linspace(1.0, 6.0, 100))
    assert longest_expected(2, 8.8, ratios) == pytest.approx(2 * float(np.quantile(ratios, HIGH)))
    assert longest_expected(2, 30.0, ratios) == 30.0  # never below the running-text expectation
    assert longest_expected(2, 8.8, ratios[: MIN_UNITS - 1]) == 8.8  # too few short units: no evidence
