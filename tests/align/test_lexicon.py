"""Word co-occurrence counts (tmtool.align.lexicon) and aligning a collection (tmtool.align.collection)."""

from __future__ import annotations

from collections import Counter
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.align import align_segments
from tmtool.align.collection import align_collection
from tmtool.align.lexicon import MIN_PAIR_COUNT, CollectionCounts, Cooccurrence, LinkCounts, read_counts, write_counts
from tmtool.align.pairwise import PairAligner
from tmtool.errors import FormatError


def test_counts_of_links():
    c = Cooccurrence.of([(["glets", "hoch"], ["glaci"]), (["glets"], ["glaci", "haute"])])
    assert c.src == Counter({"glets": 2, "hoch": 1})
    assert c.tgt == Counter({"glaci": 2, "haute": 1})
    assert c.pairs == Counter({("glets", "glaci"): 2, ("hoch", "glaci"): 1, ("glets", "haute"): 1})
    assert c.swapped().pairs[("glaci", "glets")] == 2 and c.swapped().src == c.tgt


_SIDE = st.lists(st.sampled_from(["glets", "hoch", "tal", "gipfe", "lager"]), max_size=4)


@given(st.lists(st.tuples(_SIDE, st.lists(st.sampled_from(["glaci", "haut", "vallé", "somme"]), max_size=4)),
                max_size=12))
def test_link_counts_are_every_word_pair_counted_in_the_order_pairs_first_occur(links):
    # the compact counts the aligner keeps (numpy codes) answer as Counter.update(product(a, b)) over the links
    # would: the same counts, pairs in the same order (the lexicon breaks its ties by that order), the same lexicon
    naive = Cooccurrence()
    for a, b in links:
        naive.src.update(a)
        naive.tgt.update(b)
        naive.pairs.update(product(a, b))
    compact = LinkCounts.of(links)
    assert list(compact.cooccurrence().pairs.items()) == list(naive.pairs.items())
    assert compact.cooccurrence() == Cooccurrence.of(links) == naive and bool(compact) == bool(naive)
    for min_count in (1, 2, 3):
        assert compact.lexicon_pairs(min_count) == naive.lexicon_pairs(min_count)
    for x, y in product(["glets", "tal", "none"], ["glaci", "vallé", "none"]):
        assert compact.pair_count(x, y) == naive.pair_count(x, y) == naive.pairs.get((x, y), 0)


def test_a_pair_seen_once_in_each_of_two_documents_is_learnt_from_both_together():
    one = Cooccurrence.of([(["glets"], ["glaci"]), (["gipfe"], ["somme"])])
    other = Cooccurrence.of([(["glets", "lager"], ["glaci", "camp"])])
    assert MIN_PAIR_COUNT == 2
    assert "glets" not in one.lexicon()[0] and "glets" not in other.lexicon()[0]
    lex, lex_t = (one + other).lexicon()
    assert lex["glets"] == ["L:glets|glaci"] and lex_t["glaci"] == ["L:glets|glaci"]
    assert (one + other - other).pairs == one.pairs  # a document's own counts can be left out again


def test_min_count_keeps_only_the_pairs_seen_in_that_many_links():
    c = Cooccurrence.of([(["glets"], ["glaci"])] * 3 + [(["gipfe"], ["somme"])] * 2)
    assert set(c.lexicon()[0]) == {"glets", "gipfe"}
    assert set(c.lexicon(min_count=3)[0]) == {"glets"}


def test_restricted_keeps_every_pair_that_can_fire_or_compete_in_a_document():
    other = Cooccurrence.of([(["glets", "hoch"], ["glaci", "haut"]), (["glets"], ["glaci"]), (["hoch"], ["haut"]),
                             (["tal"], ["vallé"]), (["tal"], ["vallé"])])
    cut = other.restricted({"glets"}, {"haut"})
    assert set(cut.pairs) == {("glets", "glaci"), ("glets", "haut"), ("hoch", "haut")}  # no tal/vallé
    assert cut.src == Counter({"glets": 2, "hoch": 2}) and cut.tgt == Counter({"glaci": 2, "haut": 2})
    own = Cooccurrence.of([(["glets"], ["haut"])])
    lex, lex_t = (own + other).lexicon()
    lex_cut, lex_t_cut = (own + cut).lexicon()
    assert lex_cut["glets"] == lex["glets"] and lex_t_cut["haut"] == lex_t["haut"]


def test_collection_counts_are_kept_per_base_language_pair_in_either_orientation():
    counts = CollectionCounts()
    counts.add("fr-CA", "de", Cooccurrence.of([(["glaci"], ["glets"])]))
    counts.add("de", "fr", Cooccurrence.of([(["glets"], ["glaci"])]))
    assert list(counts) == [("de", "fr")]
    assert counts.get("de", "fr").pairs == Counter({("glets", "glaci"): 2})
    assert counts.get("FR", "de_CH").pairs == Counter({("glaci", "glets"): 2})
    assert counts.get("de", "en") is None


def test_add_and_sub_leave_their_operands_alone():
    a, b = CollectionCounts(), CollectionCounts()
    a.add("de", "fr", Cooccurrence.of([(["x"], ["y"])]))
    b.add("de", "fr", Cooccurrence.of([(["x"], ["y"])]))
    total = a + b
    total.add("de", "fr", Cooccurrence.of([(["x"], ["y"])]))
    assert a.get("de", "fr").pairs[("x", "y")] == 1 and total.get("de", "fr").pairs[("x", "y")] == 3
    rest = total - a
    rest.add("de", "fr", Cooccurrence.of([(["x"], ["z"])]))
    assert ("x", "z") not in total.get("de", "fr").pairs and rest.get("de", "fr").pairs[("x", "y")] == 2


words = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=3, unique=True)


@given(st.lists(st.tuples(words, words), max_size=12), st.lists(st.tuples(words, words), max_size=12))
def test_write_then_read_gives_the_same_counts(tmp_path_factory, links_a, links_b):
    counts = CollectionCounts()
    counts.add("de", "fr", Cooccurrence.of(links_a))
    counts.add("en", "zh", Cooccurrence.of(links_b))
    path = tmp_path_factory.mktemp("counts") / "c.parquet"
    write_counts(counts, path)
    back = read_counts(path)
    for pair in (("de", "fr"), ("en", "zh")):
        mine, theirs = counts.get(*pair), back.get(*pair)
        if not mine:
            assert theirs is None
        else:
            assert (theirs.src, theirs.tgt, theirs.pairs) == (mine.src, mine.tgt, mine.pairs)


def test_reading_a_file_that_is_not_a_counts_file_names_it(tmp_path):
    bad = tmp_path / "counts.parquet"
    bad.write_text("not parquet", encoding="utf-8")
    with pytest.raises(FormatError) as err:
        read_counts(bad)
    assert err.value.path == str(bad) and "\n" not in str(err.value)
    import polars as pl

    pl.DataFrame({"src_lang": ["de"], "count": [1]}).write_parquet(tmp_path / "other.parquet")
    with pytest.raises(FormatError, match="no column tgt_lang, src_word, tgt_word"):
        read_counts(tmp_path / "other.parquet")
    with pytest.raises(FormatError, match="no such"):
        read_counts(tmp_path / "missing.parquet")


def test_collection_gives_each_document_the_counts_of_the_others_only():
    seen: dict[int, list] = {0: [], 1: [], 2: []}

    def one(k, background, learnt):
        seen[k].append(None if background is None else background.get("de", "fr").pairs)
        if learnt is not None:
            learnt.add("de", "fr", Cooccurrence.of([([f"w{k}"], [f"v{k}"])]))
        return k

    assert align_collection(3, one) == [0, 1, 2]
    assert seen[0] == [None, Counter({("w1", "v1"): 1, ("w2", "v2"): 1})]
    assert seen[2] == [None, Counter({("w0", "v0"): 1, ("w1", "v1"): 1})]


def test_collection_with_a_sample_learns_from_that_many_documents():
    calls = []

    def one(k, background, learnt):
        calls.append((k, learnt is not None))
        if learnt is not None:
            learnt.add("de", "fr", Cooccurrence.of([([f"w{k}"], [f"v{k}"])]))
        return background.get("de", "fr").pairs if background else None

    out = align_collection(6, one, sample=2)
    assert [k for k, learning in calls if learning] == [0, 3]
    assert out[0] == Counter({("w3", "v3"): 1}) and out[1] == Counter({("w0", "v0"): 1, ("w3", "v3"): 1})
    assert align_collection(1, one) == [None]


GERMAN = [
    "Der Gletscher war im Sommer sehr gross und gefährlich .",
    "Wir erreichten den Gipfel am Morgen nach langer Arbeit .",
    "Das Lager lag auf dem Gletscher unter dem Gipfel .",
    "Am Abend kehrten wir zum Lager zurück .",
    "Der Gletscher hatte viele Spalten .",
    "Vom Gipfel sahen wir das ganze Tal .",
    "Im Lager blieben zwei Träger .",
    "Über den Gletscher führte der Weg nach Norden .",
    "Der Führer kannte den Gletscher seit vielen Jahren .",
    "Nach drei Tagen verliessen wir das Tal .",
]
FRENCH = [
    "Le glacier était en été très grand et dangereux .",
    "Nous avons atteint le sommet le matin après un long travail .",
    "Le camp se trouvait sur le glacier sous le sommet .",
    "Le soir nous sommes revenus au camp .",
    "Le glacier avait beaucoup de crevasses .",
    "Du sommet nous avons vu toute la vallée .",
    "Au camp restèrent deux porteurs .",
    "Le chemin menait vers le nord par le glacier .",
    "Le guide connaissait le glacier depuis de longues années .",
    "Après trois jours nous avons quitté la vallée .",
]


def test_a_short_document_starts_from_what_another_document_taught():
    learnt = CollectionCounts()
    align_segments({"de": GERMAN, "fr": FRENCH}, learnt=learnt)
    assert learnt.get("de", "fr").pairs[("glets", "glaci")] >= 2
    short_de, short_fr = ["Der Gletscher .", "Das Tal ."], ["Le glacier .", "La vallée ."]
    alone = PairAligner("de", "fr")
    alone.align(short_de, short_fr)
    assert "glets" not in alone.lexicon  # two segments teach nothing
    helped = PairAligner("de", "fr", background=learnt.get("de", "fr"))
    helped.align(short_de, short_fr)
    assert "L:glets|glaci" in helped.lexicon["glets"]
