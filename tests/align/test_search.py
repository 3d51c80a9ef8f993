"""The search: link types beyond 1-3/3-1 (2-3, 3-2, 1-4, 4-1) and the group sums they rely on."""

from __future__ import annotations

import numpy as np
import pytest

from tmtool.align import align_segments, ladder_from_links
from tmtool.align.search import MAX_GROUP, PairInput, Params, _moves, _norms, search

EN_HEAD = [
    "The Committee met on 3 March 2021 to review the draft report.",
    "The meeting rose at 6 p.m.",
]
FR_HEAD = [
    "Le Comité s'est réuni le 3 mars 2021 pour examiner le projet de rapport.",
    "La séance est levée à 18 heures.",
]
EN_TAIL = [
    "The next meeting will be held on 14 April 2021 in Geneva.",
    "The report was adopted by 12 votes to 2, with 1 abstention.",
]
FR_TAIL = [
    "La prochaine séance aura lieu le 14 avril 2021 à Genève.",
    "Le rapport a été adopté par 12 voix contre 2, avec 1 abstention.",
]


def _ladder(src: list[str], tgt: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return ladder_from_links(align_segments({"en": src, "fr": tgt}), "en", "fr")


def test_one_sentence_split_in_four_is_one_1_4_link():
    en = EN_HEAD + [
        "Delegations from 31 States, including Austria, Belgium, Canada and Denmark, took part; the Chair recalled "
        "resolution 2250 (2015), and the secretariat presented document A/76/100 with its 45 recommendations."
    ] + EN_TAIL
    fr = FR_HEAD + [
        "Des délégations de 31 États ont participé.",
        "Parmi elles figuraient l'Autriche, la Belgique, le Canada et le Danemark.",
        "La Présidente a rappelé la résolution 2250 (2015).",
        "Le secrétariat a présenté le document A/76/100 et ses 45 recommandations.",
    ] + FR_TAIL
    assert ((2,), (2, 3, 4, 5)) in _ladder(en, fr)


def test_two_sentences_told_in_another_order_in_three_are_one_2_3_link():
    # the French tells the second English sentence first: no smaller monotone links fit
    en = EN_HEAD + [
        "The Programme of Action was adopted in 1995 by 31 States.",
        "Twenty years later, in December 2015, the Council adopted resolution 2250 on youth.",
    ] + EN_TAIL
    fr = FR_HEAD + [
        "En décembre 2015, le Conseil a adopté la résolution 2250 sur les jeunes,",
        "vingt ans après le Programme d'action",
        "que 31 États avaient adopté en 1995.",
    ] + FR_TAIL
    assert ((2, 3), (2, 3, 4)) in _ladder(en, fr)


def test_large_link_types_are_searched_only_with_a_prior():
    assert {(2, 3), (3, 2), (1, 4), (4, 1)} <= set(_moves(Params()))
    p = Params()
    for k in ((2, 3), (3, 2), (1, 4), (4, 1)):
        del p.prior[k]
    assert max(max(mv) for mv in _moves(p)) == 3
    assert max(max(mv) for mv in _moves(Params())) <= MAX_GROUP


@pytest.mark.parametrize("kmax", [1, 3, 5])
def test_group_norms_match_direct_sums(kmax):
    rng = np.random.default_rng(kmax)
    u = rng.normal(size=(9, 4)).astype(np.float32)
    n = _norms(u, kmax)
    for a in range(1, kmax + 1):
        for i in range(len(u) + 1):
            want = float(np.sum(u[i - a : i].sum(axis=0, dtype=np.float64) ** 2)) if i >= a else 0.0
            assert n[a][i] == pytest.approx(want, rel=1e-9, abs=1e-9)


def _crossed_input(shared: bool) -> PairInput:
    """Six segments a side; the middle two tell one text broken at different places (the source breaks early, the
    target late), so each diagonal 1-1 is 160 characters off while the 2-2 fits exactly."""
    e = np.eye(16, dtype=np.float32)
    first = e[2] if shared else e[12]  # without it the first diagonal 1-1 shares nothing
    u = np.stack([e[0], e[1], first + 0.5 * e[8], e[3] + e[4] + 0.5 * e[9], e[5], e[6]])
    v = np.stack([e[0], e[1], e[2] + e[3] + 0.5 * e[10], e[4] + 0.5 * e[11], e[5], e[6]])
    z = np.zeros(6)
    return PairInput(u=u, v=v, len_s=np.array([100, 100, 120, 280, 100, 100.0]),
                     len_t=np.array([100, 100, 280, 120, 100, 100.0]), skip_s=z + 3.2, skip_t=z + 3.2,
                     stray_s=z, stray_t=z, cut_s=z, cut_t=z, join_s=z, join_t=z, ratio=1.0, var=6.8)


def test_texts_broken_at_different_places_are_one_2_2_link():
    assert (2, 4, 2, 4) in search(_crossed_input(True), Params())
    assert (2, 4, 2, 4) not in search(_crossed_input(True), Params(crossed_break=0.0))  # the term does it


def test_no_crossed_break_bonus_when_a_diagonal_link_shares_nothing():
    inp = _crossed_input(False)
    assert search(inp, Params()) == search(inp, Params(crossed_break=0.0))


def test_ocr_debris_line_is_left_unlinked():
    from tmtool.align.features import is_debris

    assert is_debris("..... ") and is_debris("- _-") and is_debris('h * "')
    assert not is_debris("12") and not is_debris("Ja .") and not is_debris("")  # "12": a page number (boilerplate)
    en = EN_HEAD + EN_TAIL
    fr = FR_HEAD[:1] + [".....", "- _-"] + FR_HEAD[1:] + FR_TAIL
    ladder = _ladder(en, fr)
    assert ((0,), (0,)) in ladder and ((), (1,)) in ladder and ((), (2,)) in ladder


def test_a_date_cut_by_a_page_break_is_one_link():
    # UN dev doc3 ar-en, rewritten: the Arabic line is cut after "Monday," and the date goes on in the next line; before
    # cuts inside numbers were recognised, the second piece was linked to the next English paragraph and every link
    # after it moved by one
    en = [
        "The Committee met on 3 March 2021 to review the draft report.",
        "Note by the secretariat",
        "To be held on Monday, 19 January 2015, at 6 p.m.",
        "Sexual violence and violence against property are the least frequent offences.",
        "The report was adopted by 12 votes to 2, with 1 abstention.",
    ]
    ar = [
        "اجتمعت اللجنة في 3 آذار/مارس 2021 لاستعراض مشروع التقرير.",
        "مذكرة من الأمانة",
        "المقرر عقدها يوم الاثنين،",
        "19 كانون الثاني/يناير 2015، الساعة 18:00",
        "والعنف الجنسي والعنف ضد الممتلكات هما الأقل حدوثا.",
        "واعتُمد التقرير بأغلبية 12 صوتا مقابل 2 وامتناع عضو واحد عن التصويت.",
    ]
    ladder = ladder_from_links(align_segments({"en": en, "ar": ar}), "en", "ar")
    assert ladder == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,))]


def test_a_list_item_joined_to_its_heading_is_linked_to_both_pieces():
    # UN dev doc0 (four versions join "Draft decision ..." and "2. Encourages ...", the others keep them apart; a
    # heading only some versions have stands before it), rewritten: before the join bonus every link from the heading
    # on moved by one
    en = [
        "The Committee met on 3 March 2021 to review the draft report.",
        "United Nations Children's Fund",
        "Draft decision submitted to the Executive Board 2. Encourages UNICEF to continue to strengthen its internal "
        "capacities and its coordination with national Governments.",
        "3. Requests the Executive Director to report on progress at its annual session.",
        "The report was adopted by 12 votes to 2, with 1 abstention.",
    ]
    fr = [
        "Le Comité s'est réuni le 3 mars 2021 pour examiner le projet de rapport.",
        "Projet de décision présenté au Conseil d'administration",
        "2. Encourage l'UNICEF à continuer de renforcer ses capacités internes et sa coordination avec les "
        "gouvernements.",
        "3. Prie le Directeur exécutif de rendre compte des progrès accomplis à sa session annuelle.",
        "Le rapport a été adopté par 12 voix contre 2, avec 1 abstention.",
    ]
    ladder = _ladder(en, fr)
    assert ((2,), (1, 2)) in ladder and ((3,), (3,)) in ladder


def test_a_chinese_paragraph_full_of_symbols_is_not_taken_for_two():
    # rebuilt UN dev split (seed 1, doc1 en-zh), rewritten: the Chinese paragraph holds names and symbols in Latin
    # letters, which are as long as in English; counted like Chinese characters they made it look long enough for
    # two English paragraphs, and the English paragraph that the Chinese version lacks was linked to it
    en = [
        "The Committee met on 3 March 2021 to review the draft report of the working group.",
        "The documents before the meeting were S/2015/165, A/69/817, A/CONF.224/PC/III/4, E/CN.6/2015/NGO/161 and "
        "UNEP/OzL.Pro.27/13.",
        "The Chair recalled that the item had been deferred from the previous session at the request of several "
        "delegations.",
        "The Committee thanked the Chair of the Action Team for his dedicated work and wished him well.",
        "The report was adopted by 12 votes to 2, with 1 abstention.",
    ]
    zh = [
        "委员会于2021年3月3日举行会议，审议工作组的报告草稿。",
        "会议收到的文件有S/2015/165、A/69/817、A/CONF.224/PC/III/4、E/CN.6/2015/NGO/161和UNEP/OzL.Pro.27/13。",
        "委员会感谢行动小组主席的尽职工作，并祝他一切顺利。",
        "报告以12票对2票、1票弃权获得通过。",
    ]
    ladder = ladder_from_links(align_segments({"en": en, "zh": zh}), "en", "zh")
    assert ladder == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))]


def _learning_input() -> tuple[PairInput, list[list[str]], list[list[str]]]:
    """Ten 1-1 links that fit the lengths exactly: the first six share an anchor and the words haus/maison, the last
    four share nothing and the words falsc/wrong (what a wrong first-pass link teaches)."""
    e = np.eye(16, dtype=np.float32)
    u = np.stack([e[k] for k in range(6)] + [np.zeros(16, dtype=np.float32)] * 4)
    z = np.zeros(10)
    inp = PairInput(u=u, v=u.copy(), len_s=z + 100, len_t=z + 100, skip_s=z + 3.2, skip_t=z + 3.2, stray_s=z,
                    stray_t=z, cut_s=z, cut_t=z, join_s=z, join_t=z, ratio=1.0, var=6.8)
    ws = [["haus", f"a{k}"] for k in range(6)] + [["falsc"]] * 4
    wt = [["maiso", f"b{k}"] for k in range(6)] + [["wrong"]] * 4
    return inp, ws, wt


def test_first_lexicon_is_learnt_only_from_links_that_share_something():
    from tmtool.align.pairwise import LEARN_MIN_SIM, PairAligner

    inp, ws, wt = _learning_input()
    beads = [(k, k + 1, k, k + 1) for k in range(10)]
    al = PairAligner("de", "fr")
    al._learn(inp, beads, ws, wt, LEARN_MIN_SIM)
    assert "L:haus|maiso" in al.lexicon["haus"] and "falsc" not in al.lexicon
    al._learn(inp, beads, ws, wt, -1.0)  # every link: the pair of the featureless links is learnt too
    assert "L:falsc|wrong" in al.lexicon["falsc"]


@pytest.mark.parametrize("filter_lexicon", [True, False])
def test_only_the_first_lexicon_is_filtered(monkeypatch, filter_lexicon):
    import math

    from tmtool.align.pairwise import LEARN_MIN_SIM, PairAligner

    seen: list[float] = []
    learn = PairAligner._learn
    monkeypatch.setattr(PairAligner, "_learn", lambda self, *a, **k: (seen.append(a[-1]), learn(self, *a, **k))[1])
    en, fr = EN_HEAD + EN_TAIL, FR_HEAD + FR_TAIL
    PairAligner("en", "fr", filter_lexicon=filter_lexicon).align(en * 3, fr * 3)
    assert seen == [LEARN_MIN_SIM if filter_lexicon else -math.inf, -math.inf]  # three passes: two lexicons


def _lost_unit_input() -> PairInput:
    """Two source segments against one target: the target version lost one of them. Only the first holds a
    number; the target holds none, and fits the first segment's length slightly better."""
    z = np.zeros(2)
    u, v = np.zeros((2, 4), dtype=np.float32), np.zeros((1, 4), dtype=np.float32)
    return PairInput(u=u, v=v, len_s=np.array([100.0, 104.0]), len_t=np.array([100.0]), skip_s=z + 3.2,
                     skip_t=np.array([3.2]), stray_s=z, stray_t=np.zeros(1), cut_s=z, cut_t=np.zeros(1), join_s=z,
                     join_t=np.zeros(1), ratio=1.0, var=6.8, num_s=np.array([1.0, 0.0]), num_t=np.array([0.0]))


def test_link_with_a_number_on_one_side_only_costs_more():
    inp = _lost_unit_input()
    assert search(inp, Params()) == [(0, 1, 0, 1), (1, 2, 1, 1)]  # off by default: the lengths decide
    assert search(inp, Params(number_gap=1.5)) == [(0, 1, 0, 0), (1, 2, 0, 1)]  # the number decides


def test_numbers_flagged_are_those_both_versions_hold():
    from tmtool.align.pairwise import PairAligner

    src = ["The Council met on 12 March 2015.", "It adopted the report.", "Item 7 was deferred."]
    tgt = ["Le Conseil s'est réuni le 12 mars 2015.", "Il a adopté le rapport.", "Le point fut reporté."]
    inp, _, _ = PairAligner("en", "fr", params=Params(number_gap=1.5))._input(src, tgt)
    assert inp.num_s.tolist() == [1.0, 0.0, 0.0]  # "7" is in English only: no evidence either way
    assert inp.num_t.tolist() == [1.0, 0.0, 0.0]
    off, _, _ = PairAligner("en", "fr")._input(src, tgt)
    assert off.num_s is None and off.num_t is None  # the term is off: nothing computed for it


def _heading_input(end_s: list[int], end_t: list[int]) -> PairInput:
    """A paragraph and a short line after it against one paragraph of about their joint length: the lengths alone
    make the short line part of the link."""
    z = np.zeros(2)
    u, v = np.zeros((2, 4), dtype=np.float32), np.zeros((1, 4), dtype=np.float32)
    return PairInput(u=u, v=v, len_s=np.array([100.0, 12.0]), len_t=np.array([112.0]), skip_s=z + 3.2,
                     skip_t=np.array([3.2]), stray_s=z, stray_t=np.zeros(1), cut_s=z, cut_t=np.zeros(1), join_s=z,
                     join_t=np.zeros(1), ratio=1.0, var=6.8, end_s=np.array(end_s), end_t=np.array(end_t))


def test_a_heading_is_not_absorbed_into_the_link_of_the_paragraph_before_it():
    from tmtool.align.bridges import PARAMS  # the pair alignments of several versions

    heading = _heading_input([1, -1], [1])  # "... was adopted." + "Recommendations" against "... adopté."
    assert search(heading, Params()) == [(0, 2, 0, 1)]  # off by default (two versions): lengths alone, one 2-1 link
    assert search(heading, PARAMS) == [(0, 1, 0, 1), (1, 2, 1, 1)]  # the heading is left unlinked
    joined = _heading_input([1, -1], [-1])  # the other version ends with the heading too: one link
    assert search(joined, PARAMS) == [(0, 2, 0, 1)]
    assert search(_heading_input([1, 1], [1]), PARAMS) == [(0, 2, 0, 1)]  # two sentences: one link
    assert search(_heading_input([1, 0], [1]), PARAMS) == [(0, 2, 0, 1)]  # "... at 18:00": no evidence


def test_end_flags_mark_sentence_final_punctuation():
    from tmtool.align.bridges import PARAMS
    from tmtool.align.pairwise import PairAligner

    src = ["Recommendations", "The Council met.", "Il a dit : « oui »", "他说。", "هل وافق؟", "Page 3 of", "at 18:00 "]
    inp, _, _ = PairAligner("en", "fr", params=PARAMS)._input(src, src)
    assert inp.end_s.tolist() == [-1, 1, 1, 1, 1, -1, 0]
    off, _, _ = PairAligner("en", "fr")._input(src, src)
    assert off.end_s is None and off.end_t is None  # the term is off (two versions): nothing computed for it


def _random_input(n: int, m: int, seed: int) -> PairInput:
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(n, 16)).astype(np.float32)
    v = rng.normal(size=(m, 16)).astype(np.float32)
    v[: min(n, m)] += u[: min(n, m)]  # some similarity along the diagonal

    def flags(k: int) -> np.ndarray:
        return (rng.random(k) < 0.2).astype(np.float64)

    return PairInput(u=u, v=v, len_s=rng.uniform(20, 200, n), len_t=rng.uniform(20, 200, m),
                     skip_s=np.full(n, 3.2), skip_t=np.full(m, 3.2), stray_s=flags(n), stray_t=flags(m),
                     cut_s=flags(n), cut_t=flags(m), join_s=flags(n), join_t=flags(m), ratio=1.1, var=6.8)


def test_link_costs_of_a_block_are_those_of_each_cell(monkeypatch):
    """The search computes the costs of all link types over blocks of rows at once; each cell must get the cost of
    its own link, computed here from the group sums of that link directly, whatever the blocks."""
    from tmtool.align import search as search_module

    inp = _random_input(13, 11, seed=3)
    p = Params()
    assert p.crossed_break > 0  # the 2-2 term is checked too
    scorer = search_module._Scorer(inp, p)

    def cosine(x: np.ndarray, y: np.ndarray) -> float:
        return float(x @ y) / float(np.sqrt((x @ x) * (y @ y)))

    def fit(ls: float, lt: float) -> float:
        return float(search_module._length_cost(np.array((lt - inp.ratio * ls) ** 2
                                                         / (inp.var * (inp.ratio * ls + lt) / 2 + 1.0)), p))

    def direct(i: int, j: int, a: int, b: int) -> float:
        if b == 0:
            return float(inp.skip_s[i - 1])
        cos = cosine(inp.u[i - a : i].sum(axis=0, dtype=np.float64), inp.v[j - b : j].sum(axis=0, dtype=np.float64))
        own = fit(inp.len_s[i - a : i].sum(), inp.len_t[j - b : j].sum())
        stray = inp.stray_s[i - a : i].sum() + inp.stray_t[j - b : j].sum()
        cut = inp.cut_s[i - a : i - 1].sum() + inp.cut_t[j - b : j - 1].sum()
        join = inp.join_s[i - 1] if a == 1 and b >= 2 else inp.join_t[j - 1] if b == 1 and a >= 2 else 0.0
        crossed = 0.0
        if a == b == 2:  # both diagonal 1-1 links similar enough: how much worse the better of them fits
            diagonal = [(i - k, j - k) for k in (1, 2)]
            if all(cosine(inp.u[x].astype(np.float64), inp.v[y].astype(np.float64)) >= p.crossed_sim
                   for x, y in diagonal):
                crossed = max(0.0, min(fit(inp.len_s[x], inp.len_t[y]) for x, y in diagonal) - own)
        return float(p.prior[(a, b)] + p.length_weight * own - p.sim_weight * cos - p.join_bonus * join
                     + p.boilerplate_in_link * stray - p.cut_bonus * cut - p.crossed_break * crossed)

    for r0, r1, c0, c1 in [(1, 14, 0, 11), (1, 4, 0, 5), (5, 9, 3, 11), (12, 14, 7, 9)]:
        costs = scorer.block(r0, r1, c0, c1)
        for (a, b), block in zip(scorer.moves, costs):
            for i in range(r0, r1):
                for j in range(c0, c1 + 1):
                    got = np.inf if block is None else block[i - r0, j - c0]
                    want = direct(i, j, a, b) if i >= a and j >= b else np.inf
                    assert got == pytest.approx(want, abs=1e-5), (a, b, i, j)  # float32 dot products
    # and the search gives the same chain whatever the number of rows per block
    whole = search(inp, p)
    monkeypatch.setattr(search_module, "ROWS_PER_BLOCK", 1)
    assert search(inp, p) == whole


def test_the_similarity_products_run_on_one_blas_thread_and_the_setting_is_restored(monkeypatch):
    """Two batch workers on two cores ran slower than one when each product took every core's BLAS thread."""
    from threadpoolctl import ThreadpoolController, threadpool_limits

    import tmtool.align.search as search_module

    if not ThreadpoolController().select(user_api="blas").lib_controllers:
        pytest.skip("numpy's BLAS is not one threadpoolctl can limit")
    threads_seen: list[int] = []
    real_dots = search_module._dots

    def spy(*args):
        threads_seen.append(min(c.num_threads for c in ThreadpoolController().select(user_api="blas").lib_controllers))
        return real_dots(*args)

    monkeypatch.setattr(search_module, "_dots", spy)
    with threadpool_limits(limits=2, user_api="blas"):
        before = [c.num_threads for c in ThreadpoolController().select(user_api="blas").lib_controllers]
        if max(before) < 2:
            pytest.skip("this machine's BLAS will not run on two threads, so one thread cannot be told apart")
        _ladder(EN_HEAD + EN_TAIL, FR_HEAD + FR_TAIL)
        after = [c.num_threads for c in ThreadpoolController().select(user_api="blas").lib_controllers]
    assert threads_seen and set(threads_seen) == {1}
    assert after == before
