"""A translation memory (TMX) teaches the aligner word pairs (tmtool.align.tmlexicon, `--lexicon FILE.tmx`)."""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.align import AlignmentWarning, CollectionCounts, align_segments, read_ladder, score_pairs, write_counts
from tmtool.align import pairwise
from tmtool.align.features import words
from tmtool.align.lexicon import Cooccurrence
from tmtool.align.ladder import ladder_from_links
from tmtool.align.tmlexicon import is_memory, is_tmx, read_lexicon, units_counts
from tmtool.errors import FormatError, InputError, StoreError
from tmtool.tmx import TranslationUnit, Variant, write_tmx


def unit(*variants: tuple[str, str]) -> TranslationUnit:
    return TranslationUnit(tuple(Variant(lang, text) for lang, text in variants))


UNITS = [
    unit(("de-CH", "Der Gletscher ist hoch."), ("fr-CH", "Le glacier est haut."), ("en", "The glacier is high.")),
    unit(("de", "Der Gletscher schmilzt."), ("fr", "Le glacier fond."), ("fr", "Le glacier disparaît.")),
    unit(("de", "Das Tal."), ("en", "The valley.")),
    unit(("de", "Seite zwölf"), ("de", "Seite zwölf")),  # one language: nothing to pair
]


def test_each_unit_counts_once_for_every_pair_of_its_languages():
    counts = units_counts(UNITS)
    assert sorted(counts) == [("de", "en"), ("de", "fr"), ("en", "fr")]  # base languages, in order
    de_fr = counts.get("de", "fr")
    assert de_fr.src["glets"] == 2 and de_fr.tgt["glaci"] == 2  # the aligner's 5-letter word types
    assert de_fr.pairs[("glets", "glaci")] == 2
    assert de_fr.tgt["dispa"] == 0  # a unit's first French variant only
    assert "seite" not in de_fr.src
    assert counts.get("fr", "de").pairs[("glaci", "glets")] == 2  # either orientation
    assert counts.get("de", "en").pairs[("tal", "valle")] == 1


def test_only_the_languages_asked_for():
    counts = units_counts(UNITS, ["de-DE", "fr"])
    assert list(counts) == [("de", "fr")]


def test_given_the_texts_only_pairs_that_can_be_learnt_for_them_are_kept():
    texts = {"de": ["Der Gletscher."], "fr": ["Rien."]}
    counts = units_counts(UNITS, ["de", "fr"], texts).get("de", "fr")
    assert counts.pairs[("glets", "glaci")] == 2  # a word of the German text, seen in two units: learnable
    assert ("glets", "fond") not in counts.pairs  # seen once, and the French text cannot add to it
    assert ("hoch", "haut") not in counts.pairs  # neither word in the texts
    assert counts.src["hoch"] == 1 and counts.tgt["haut"] == 1  # every word's own count is kept
    both = units_counts(UNITS, ["de", "fr"], {"de": ["Der Gletscher."], "fr": ["Le glacier fond."]})
    assert both.get("de", "fr").pairs[("glets", "fond")] == 1  # both words in the texts: one own link can add


@pytest.fixture
def dev(shared: Path) -> tuple[list[str], list[str], list]:
    base = shared / "eval" / "textberg_de-fr"
    if not (base / "dev.de").exists():
        pytest.skip(f"{base} missing")
    return ((base / "dev.de").read_text("utf-8").splitlines(), (base / "dev.fr").read_text("utf-8").splitlines(),
            read_ladder(base / "dev.defr"))


def gold_units(src: list[str], tgt: list[str], links) -> list[TranslationUnit]:
    return [unit(("de", " ".join(src[i] for i in s)), ("fr", " ".join(tgt[j] for j in t))) for s, t in links if s and t]


def test_counting_for_the_texts_gives_the_aligner_the_same_lexicon_as_counting_everything(dev):
    src, tgt, gold = dev
    units = gold_units(src, tgt, gold[:300])
    texts = {"de": src[320:360], "fr": tgt[375:420]}
    vs = {w for t in texts["de"] for w in words(t, "de")}
    vt = {w for t in texts["fr"] for w in words(t, "fr")}
    every = units_counts(units, ["de", "fr"]).get("de", "fr")
    cut = units_counts(units, ["de", "fr"], texts).get("de", "fr")
    assert len(cut.pairs) < len(every.pairs)
    assert cut.restricted(vs, vt).lexicon() == every.restricted(vs, vt).lexicon()
    assert cut.restricted(vs, vt).lexicon()[0]  # and it teaches something


def test_a_memory_of_the_field_helps_align_a_short_document(dev, monkeypatch):
    """Text+Berg dev cut in eight parts: each part aligned alone, then with a memory made of the gold links of the
    other seven (as `tmtool align --lexicon FILE.tmx` reads it). The parts are short (58 lines); the memory must
    raise the total. The word pairs IBM Model 1 learns from each part (pairwise.MODEL1) are some of those the memory
    teaches (with them the memory gains less: 0.8837 -> 0.8897): held off in both, to compare the memory with
    nothing."""
    monkeypatch.setattr(pairwise, "MODEL1", False)
    src, tgt, gold = dev
    cuts = [len(gold) * q // 8 for q in range(9)]
    for q in range(1, 8):
        while not (gold[cuts[q]][0] and gold[cuts[q]][1]):
            cuts[q] += 1
    alone, taught = [], []
    for k in range(8):
        links = gold[cuts[k]:cuts[k + 1]]
        s0, t0 = links[0][0][0], links[0][1][0]
        s1 = gold[cuts[k + 1]][0][0] if k < 7 else len(src)
        t1 = gold[cuts[k + 1]][1][0] if k < 7 else len(tgt)
        part = {"de": src[s0:s1], "fr": tgt[t0:t1]}
        own = [([i - s0 for i in s], [j - t0 for j in t]) for s, t in links]
        others = [link for j in range(8) if j != k for link in gold[cuts[j]:cuts[j + 1]]]
        memory = units_counts(gold_units(src, tgt, others), ["de", "fr"], part)
        for out, background in ((alone, None), (taught, memory)):
            found = align_segments(part, background=background, default_glossary=False)
            out.append((own, ladder_from_links(found, "de", "fr")))
        if k in (1, 4):  # the pairs left out for the part change nothing: the same links as with every pair
            every = align_segments(part, background=units_counts(gold_units(src, tgt, others), ["de", "fr"]),
                                   default_glossary=False)
            assert [(x.segments, x.confidence) for x in every] == [(x.segments, x.confidence) for x in found]
    before, after = score_pairs(alone).strict_f1, score_pairs(taught).strict_f1
    assert after > before + 0.01, (before, after)


def test_read_lexicon_reads_a_tmx_file_or_a_counts_file(tmp_path):
    tmx = tmp_path / "memory.tmx"
    units = [UNITS[0], UNITS[2]]  # one variant per language (a writer may split a unit holding two)
    write_tmx(units, tmx, srclang="de")
    assert is_tmx(tmx)
    counts = read_lexicon(tmx, ["de", "fr"])
    assert counts.get("de", "fr").pairs == units_counts(units, ["de", "fr"]).get("de", "fr").pairs
    assert counts.get("de", "fr").pairs[("glets", "glaci")] == 1
    parquet = tmp_path / "memory.counts"  # a counts file under any name
    write_counts(counts, parquet)
    assert not is_tmx(parquet)
    again = read_lexicon(parquet)
    assert again.get("de", "fr").pairs == Counter(counts.get("de", "fr").pairs)
    unnamed = tmp_path / "memory.xml"  # a TMX file under another name
    unnamed.write_bytes(tmx.read_bytes())
    assert is_tmx(unnamed)


def test_a_tmtool_tm_folder_is_a_memory_too(tmp_path):
    from tmtool.tm.store import TMStore

    units = [UNITS[0], UNITS[2]]
    TMStore.open(tmp_path / "tm").add_units(units, origin="test")
    assert is_memory(tmp_path / "tm") and not is_tmx(tmp_path / "tm")
    counts = read_lexicon(tmp_path / "tm", ["de", "fr"])
    assert counts.get("de", "fr").pairs == units_counts(units, ["de", "fr"]).get("de", "fr").pairs
    (tmp_path / "folder").mkdir()
    with pytest.raises(StoreError, match="not a tmtool translation memory"):
        read_lexicon(tmp_path / "folder")


def test_a_memory_without_the_languages_warns(tmp_path):
    tmx = tmp_path / "memory.tmx"
    write_tmx(UNITS[2:3], tmx, srclang="de")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", AlignmentWarning)
        counts = read_lexicon(tmx, ["de", "fr"])
    assert not counts.by_pair
    assert [str(w.message) for w in caught] == [f"{tmx}: no translation unit with two of de, fr: it teaches the "
                                               "aligner nothing"]


def test_a_broken_memory_is_an_error_naming_the_file_and_line(tmp_path):
    tmx = tmp_path / "broken.tmx"
    tmx.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="de"/><body>\n<tu><tuv xml:lang="de">'
                   "<seg>Gletscher</seg></tuv>\n</body></tmx>\n", "utf-8")
    with pytest.raises(FormatError) as info:
        read_lexicon(tmx, ["de", "fr"])
    assert str(tmx) in str(info.value) and info.value.line is not None
    with pytest.raises(InputError):
        read_lexicon(tmp_path / "missing.tmx")


def test_a_large_memory_counts_a_sample_spread_over_it():
    many = [unit(("de", f"Gletscher {k:03d}x"), ("fr", f"glacier {k:03d}x")) for k in range(300)]
    counts = units_counts(many, max_units=40).get("de", "fr")
    assert counts.src["glets"] == 40 and counts.tgt["glaci"] == 40
    assert counts.pairs == units_counts(many, max_units=40).get("de", "fr").pairs  # the same sample each time
    assert units_counts(many, max_units=300).get("de", "fr").src["glets"] == 300


def test_the_memory_adds_up_with_other_counts():
    a = units_counts(UNITS[:1], ["de", "fr"])
    b = units_counts(UNITS[1:2], ["de", "fr"])
    total = CollectionCounts()
    for c in (a, b):
        total.update(c)
    assert total.get("de", "fr").pairs == units_counts(UNITS[:2], ["de", "fr"]).get("de", "fr").pairs


def _cooccurrence(links, held_a=None, held_b=None) -> Cooccurrence:
    """The module's numpy counting (``tmlexicon._count``) over ``links`` (source and target word types of each)."""
    from tmtool.align.tmlexicon import _Coded, _count

    memory = [{"a": list(xs), "b": list(ys)} for xs, ys in links]
    ca, cb = _Coded.of(memory, "a"), _Coded.of(memory, "b")
    both = ca.present & cb.present
    return _count(ca.only(both), cb.only(both), held_a, held_b)


ALPHABET = ["glets", "glaci", "hoch", "haut", "tal", "vallé", "der", "le", "la", "die"]


@given(st.lists(st.tuples(st.lists(st.sampled_from(ALPHABET[:5]), max_size=6, unique=True),
                          st.lists(st.sampled_from(ALPHABET[5:]), max_size=6, unique=True)), max_size=30))
def test_counted_pairs_are_those_of_every_word_pair_of_every_link(links):
    """The numpy counting (`_cooccurrence`) against the plain definition (`Cooccurrence.of`)."""
    kept = [(xs, ys) for xs, ys in links if xs and ys]
    plain = Cooccurrence.of(kept)
    got = _cooccurrence(kept) if kept else Cooccurrence()
    assert (got.src, got.tgt, got.pairs) == (plain.src, plain.tgt, plain.pairs)
    # in the same order too: the lexicon breaks ties between equally good pairs by it
    assert (list(got.src), list(got.tgt), list(got.pairs)) == (list(plain.src), list(plain.tgt), list(plain.pairs))


SEGMENT_A = st.lists(st.sampled_from(ALPHABET[:5]), min_size=1, max_size=3, unique=True)
SEGMENT_B = st.lists(st.sampled_from(ALPHABET[5:]), min_size=1, max_size=3, unique=True)


@given(st.lists(st.tuples(st.lists(st.sampled_from(ALPHABET[:5]), max_size=5, unique=True),
                          st.lists(st.sampled_from(ALPHABET[5:]), max_size=5, unique=True)), min_size=1, max_size=25),
       st.lists(st.tuples(SEGMENT_A, SEGMENT_B), max_size=6), st.lists(SEGMENT_A, max_size=3),
       st.lists(SEGMENT_B, max_size=3))
def test_pairs_left_out_never_change_the_lexicon_learnt_with_the_texts_own_links(memory, own_links, more_a, more_b):
    """The pairs kept for the texts give the lexicon of all pairs, whatever 1-1 links of the texts add: the texts
    are the segments of ``own_links`` and some more on either side."""
    memory = [(xs, ys) for xs, ys in memory if xs and ys]
    if not memory:
        return
    held_a = Counter(w for seg in [xs for xs, _ in own_links] + more_a for w in seg)
    held_b = Counter(w for seg in [ys for _, ys in own_links] + more_b for w in seg)
    own = Cooccurrence.of(own_links)
    full = own + _cooccurrence(memory)
    kept = own + _cooccurrence(memory, held_a, held_b)
    assert kept.restricted(held_a, held_b).lexicon() == full.restricted(held_a, held_b).lexicon()
    assert all(x in held_a or y in held_b for x, y in kept.pairs)


def test_counting_crosses_chunks(monkeypatch):
    from tmtool.align import tmlexicon

    monkeypatch.setattr(tmlexicon, "CHUNK", 3)
    links = [(["glets", f"w{k % 4}"], ["glaci", f"m{k % 5}"]) for k in range(20)]
    got = _cooccurrence(links, None, None)
    assert got.pairs == Cooccurrence.of(links).pairs and got.pairs[("glets", "glaci")] == 20
    assert list(got.pairs) == list(Cooccurrence.of(links).pairs)
