"""Review operations: each one's effect, each refusal's message, and the invariant under random sequences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import AlignedDocument, Alignment, Link, read_alignment
from tmtool.errors import AlignmentError
from tmtool.review import operations as ops
from tmtool.review.operations import History, Op, apply_op

DATA = Path(__file__).resolve().parent.parent / "data" / "review"


def _alignment(rows: list[dict[str, int]], statuses: list[str] | None = None) -> Alignment:
    """Links from per-row segment counts, segments named like ``en3``."""
    langs = list(rows[0]) if rows else ["en", "fr"]
    counters = dict.fromkeys(langs, 0)
    links = []
    for n, row in enumerate(rows):
        segs = {}
        for lang in langs:
            segs[lang] = tuple(range(counters[lang], counters[lang] + row[lang]))
            counters[lang] += row[lang]
        links.append(Link(segs, 0.5, statuses[n] if statuses else "auto"))
    docs = tuple(AlignedDocument(lang, tuple(f"{lang}{i}" for i in range(counters[lang]))) for lang in langs)
    return Alignment(docs, tuple(links))


def _shape(alignment: Alignment) -> list[dict[str, list[int]]]:
    return [{lang: list(ids) for lang, ids in link.segments.items()} for link in alignment.links]


@pytest.fixture
def small() -> Alignment:
    # en0/fr0 | en1/fr1+fr2 | en2/- | en3/fr3
    return _alignment([{"en": 1, "fr": 1}, {"en": 1, "fr": 2}, {"en": 1, "fr": 0}, {"en": 1, "fr": 1}])


def test_confirm_unconfirm_and_confirm_through(small):
    a = ops.confirm(small, 1)
    assert [link.status for link in a.links] == ["auto", "confirmed", "auto", "auto"]
    assert ops.unconfirm(a, 1).links[1].status == "auto"
    b = ops.confirm_through(a, 2)
    assert [link.status for link in b.links] == ["confirmed", "confirmed", "confirmed", "auto"]
    with pytest.raises(AlignmentError, match="already confirmed"):
        ops.confirm(a, 1)
    with pytest.raises(AlignmentError, match="already confirmed"):
        ops.confirm_through(b, 1)
    with pytest.raises(AlignmentError, match="not confirmed"):
        ops.unconfirm(small, 0)
    with pytest.raises(AlignmentError, match="row 9 does not exist"):
        ops.confirm(small, 8)


def test_merge_next(small):
    a = ops.merge_next(small, 1)
    assert _shape(a) == [{"en": [0], "fr": [0]}, {"en": [1, 2], "fr": [1, 2]}, {"en": [3], "fr": [3]}]
    assert a.links[1].status == "edited"
    with pytest.raises(AlignmentError, match="last row has no next row"):
        ops.merge_next(small, 3)


def test_split_per_language(small):
    a = ops.split(small, 1, {"en": 1, "fr": 1})
    assert _shape(a)[1:3] == [{"en": [1], "fr": [1]}, {"en": [], "fr": [2]}]
    assert len(a.links) == 5
    assert ops.default_cuts(small, 1) == {"en": 1, "fr": 1}
    with pytest.raises(AlignmentError, match="leaves one of the two rows empty"):
        ops.split(small, 1, {"en": 1, "fr": 2})
    with pytest.raises(AlignmentError, match="fr has 2 segment"):
        ops.split(small, 1, {"fr": 3})
    with pytest.raises(AlignmentError, match="not in this alignment"):
        ops.split(small, 1, {"de": 1})


def test_move_first_up_and_last_down(small):
    up = ops.move_first_up(small, 1, "fr")
    assert _shape(up)[:2] == [{"en": [0], "fr": [0, 1]}, {"en": [1], "fr": [2]}]
    down = ops.move_last_down(small, 1, "fr")
    assert _shape(down)[1:3] == [{"en": [1], "fr": [1]}, {"en": [2], "fr": [2]}]
    with pytest.raises(AlignmentError, match="first row has no row above"):
        ops.move_first_up(small, 0, "en")
    with pytest.raises(AlignmentError, match="last row has no row below"):
        ops.move_last_down(small, 3, "en")
    with pytest.raises(AlignmentError, match="no fr segment to move up"):
        ops.move_first_up(small, 2, "fr")


def test_insert_empty(small):
    a = ops.insert_empty(small, 0)
    assert _shape(a)[1] == {"en": [], "fr": []}
    assert _shape(ops.insert_empty(small, -1))[0] == {"en": [], "fr": []}
    a.validate()


def test_no_counterpart(small):
    a = ops.no_counterpart(small, 1, "fr", 0)
    assert _shape(a)[1:3] == [{"en": [], "fr": [1]}, {"en": [1], "fr": [2]}]
    b = ops.no_counterpart(small, 1, "fr", 1)
    assert _shape(b)[1:3] == [{"en": [1], "fr": [1]}, {"en": [], "fr": [2]}]
    with pytest.raises(AlignmentError, match="already has no counterpart"):
        ops.no_counterpart(small, 2, "en", 0)
    three = _alignment([{"en": 1, "fr": 3}])
    with pytest.raises(AlignmentError, match="only the first or last"):
        ops.no_counterpart(three, 0, "fr", 1)


def test_edit_text_keeps_the_original(small):
    a = ops.edit_text(small, 1, "fr", 1, "  fr2 fixed ")
    doc = a.document("fr")
    assert doc.segments[2] == "fr2 fixed" and doc.original == {2: "fr2"}
    b = ops.edit_text(a, 1, "fr", 1, "fr2 again")
    assert b.document("fr").original == {2: "fr2"}  # the first original is kept
    c = ops.edit_text(b, 1, "fr", 1, "fr2")
    assert c.document("fr").original == {} and c.document("fr").segments[2] == "fr2"
    assert small.document("fr").segments[2] == "fr2"  # the input is never changed
    with pytest.raises(AlignmentError, match="cannot be made empty"):
        ops.edit_text(small, 1, "fr", 0, "   ")
    with pytest.raises(AlignmentError, match="unchanged"):
        ops.edit_text(small, 1, "fr", 0, "fr1")
    with pytest.raises(AlignmentError, match="no fr segment number 3"):
        ops.edit_text(small, 1, "fr", 2, "x")


def test_op_json_round_trip_and_unknown():
    op = Op("split", 3, {"cuts": {"en": 1}})
    assert Op.from_json(op.to_json()) == op
    small = _alignment([{"en": 1, "fr": 1}, {"en": 1, "fr": 2}])
    assert apply_op(small, Op.from_json(Op("merge_next", 0).to_json())) == ops.merge_next(small, 0)
    with pytest.raises(AlignmentError, match="unknown operation"):
        Op.from_json({"name": "explode", "row": 1})


def test_history_undo_redo(small):
    h = History(small)
    with pytest.raises(AlignmentError, match="nothing to undo"):
        h.undo()
    h.apply(Op("merge_next", 1))
    h.apply(Op("confirm", 0))
    assert h.undo() == 0 and h.undo() == 1 and h.current == small
    assert h.redo() == 1
    h.apply(Op("insert_empty", 0))  # drops the redo list
    with pytest.raises(AlignmentError, match="nothing to redo"):
        h.redo()


def test_fixture_is_valid_six_languages():
    a = read_alignment(DATA / "six.json")
    assert a.langs == ["ar", "en", "es", "fr", "ru", "zh"]
    assert any(len(link.segments["fr"]) == 2 for link in a.links)


# -- property: any sequence keeps the invariant; undo-all returns the start -----------------------------------

_rows = st.lists(
    st.fixed_dictionaries({"en": st.integers(0, 2), "fr": st.integers(0, 2), "zh": st.integers(0, 2)}),
    min_size=1,
    max_size=7,
)
_op = st.tuples(
    st.sampled_from(sorted(ops.OPERATIONS)),
    st.integers(-1, 8),
    st.sampled_from(["en", "fr", "zh"]),
    st.integers(0, 2),
    st.dictionaries(st.sampled_from(["en", "fr", "zh"]), st.integers(0, 3)),
    st.text(min_size=0, max_size=4),
)


def _make(alignment: Alignment, spec: tuple) -> Op:
    name, row, lang, index, cuts, text = spec
    args = {
        "split": {"cuts": cuts},
        "move_first_up": {"lang": lang},
        "move_last_down": {"lang": lang},
        "no_counterpart": {"lang": lang, "index": index},
        "edit_text": {"lang": lang, "index": index, "text": text},
        "split_text": {"lang": lang, "index": index, "at": len(text)},
    }.get(name, {})
    return Op(name, row, args)


@settings(max_examples=100, deadline=None)
@given(_rows, st.lists(_op, max_size=25), st.lists(st.booleans(), max_size=10))
def test_random_sequences_keep_the_invariant(rows, specs, undo_pattern):
    start = _alignment(rows)
    h = History(start)
    applied = 0
    for n, spec in enumerate(specs):
        op = _make(h.current, spec)
        before = h.current
        try:
            h.apply(op)
            applied = len(h)
        except AlignmentError:
            assert h.current is before  # a refused operation changes nothing
        h.current.validate()
        if n < len(undo_pattern) and undo_pattern[n] and h.can_undo:
            h.undo()
            h.current.validate()
            applied = len(h)
    final = h.current
    while h.can_undo:
        h.undo()
        h.current.validate()
    assert h.current == start
    for _ in range(applied):
        h.redo()
    assert h.current == final


def test_operations_keep_the_pairs_own_links_and_cut_only_what_stays_automatic():
    """A merge makes an edited link; the pairs' own links (alignment.json's pair_links) stay in the file, and a TMX
    of two languages cuts only the links still automatic."""
    base = _alignment([{"en": 1, "fr": 1, "zh": 1}, {"en": 2, "fr": 2, "zh": 1}, {"en": 1, "fr": 1, "zh": 1}])
    own = tuple(Link({"en": (i,), "fr": (i,)}, 0.8) for i in range(4))
    alignment = Alignment(base.documents, base.links, pair_links={("en", "fr"): own})
    assert [n for n, _ in alignment.pair_units("en", "fr")] == ["1", "2.1", "2.2", "3"]
    merged = ops.merge_next(alignment, 0)
    assert merged.pair_links == alignment.pair_links
    assert [n for n, _ in merged.pair_units("en", "fr")] == ["1", "2"]  # the edited link is kept whole
    confirmed = ops.confirm(alignment, 1)
    assert [n for n, _ in confirmed.pair_units("en", "fr")] == ["1", "2", "3"]


def test_split_text_cuts_one_segment_and_renumbers_what_follows():
    """Two sentences the segmenter left as one: cut the segment, then split the row."""
    base = _alignment([{"en": 1, "fr": 1}, {"en": 1, "fr": 2}, {"en": 1, "fr": 1}])
    docs = list(base.documents)
    docs[0] = AlignedDocument("en", ("en0", "It elected its Chair. It adopted its agenda.", "en2"),
                              paragraph_of=(0, 1, 2), original={2: "en 2"})
    own = tuple(Link({"en": en, "fr": fr}, 0.8) for en, fr in (((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))))
    alignment = Alignment(tuple(docs), base.links, pair_links={("en", "fr"): own})
    cut = ops.split_text(alignment, 1, "en", 0, len("It elected its Chair."))
    en = cut.document("en")
    assert en.segments == ("en0", "It elected its Chair.", "It adopted its agenda.", "en2")
    assert en.paragraph_of == (0, 1, 1, 2)  # both parts in the paragraph of the whole
    assert en.original == {1: "It elected its Chair. It adopted its agenda.", 3: "en 2"}  # renumbered
    assert _shape(cut) == [{"en": [0], "fr": [0]}, {"en": [1, 2], "fr": [1, 2]}, {"en": [3], "fr": [3]}]
    assert cut.links[1].status == "edited" and cut.links[0].status == "auto"
    assert [(k.segments["en"], k.segments["fr"]) for k in cut.pair_links["en", "fr"]] == [
        ((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]  # the pairs' own links follow the new numbering
    cut.validate()
    rows = ops.split(cut, 1, {"en": 1, "fr": 1})
    assert _shape(rows)[1:3] == [{"en": [1], "fr": [1]}, {"en": [2], "fr": [2]}]
    for at in (0, len("It elected its Chair. It adopted its agenda."), -1, 99):
        with pytest.raises(AlignmentError, match="cut inside the text"):
            ops.split_text(alignment, 1, "en", 0, at)


def test_unconfirm_gives_back_the_status_before_and_history_knows_it(small):
    h = ops.History(small)
    h.apply(ops.Op("merge_next", 1))  # rows 2-3 merged: edited
    h.apply(ops.Op("confirm", 1))
    h.apply(ops.Op("confirm", 0))
    assert h.status_before_confirmation(1) == "edited" and h.status_before_confirmation(0) == "auto"
    assert ops.unconfirm(h.current, 1, "edited").links[1].status == "edited"
    with pytest.raises(AlignmentError, match="auto or edited"):
        ops.unconfirm(h.current, 1, "confirmed")


def test_unconfirm_knows_a_reshaped_row_after_a_cut_renumbered_it(small):
    """The status a confirmed row goes back to was found by the identity of its earlier links: a segment cut
    above (which renumbers the rows below) made a merged row look like the aligner's, so unconfirming gave it
    back ``auto``, and a pair's TMX cut the merge apart again. It is now found by the row's texts."""
    h = ops.History(small)
    h.apply(ops.Op("merge_next", 2))  # rows 3-4 merged: edited
    h.apply(ops.Op("confirm", 2))
    h.apply(ops.Op("confirm", 0))  # an aligner's row, confirmed
    h.apply(ops.Op("split_text", 1, {"lang": "en", "index": 0, "at": 2}))  # en1 -> en, 1  # the rows below renumbered
    assert h.current.links[2].status == "confirmed"
    assert h.current.links[2].segments["en"] != small.links[2].segments["en"]
    assert h.status_before_confirmation(2) == "edited"
    assert h.status_before_confirmation(0) == "auto"
