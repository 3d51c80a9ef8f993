"""alignment.json: round trip, invariant, clear errors on bad files."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.align import AlignedDocument, Alignment, Link, read_alignment, write_alignment
from tmtool.errors import AlignmentError, FormatError


def _sample() -> Alignment:
    docs = (
        AlignedDocument("en", ("A.", "B.", "C."), path="x.en.txt", metadata={"symbols": ["A/78/1"]}),
        AlignedDocument("fr", ("A1.", "A2.", "C."), path="x.fr.txt"),
    )
    links = (
        Link({"en": (0,), "fr": (0, 1)}, 0.9),
        Link({"en": (1,), "fr": ()}, 0.2),
        Link({"en": (2,), "fr": (2,)}, 0.99, "confirmed"),
    )
    return Alignment(docs, links)


def test_round_trip(tmp_path):
    path = tmp_path / "alignment.json"
    write_alignment(_sample(), path)
    back = read_alignment(path)
    assert back == _sample()
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == 1
    assert data["links"][0] == {"segments": {"en": [0], "fr": [0, 1]}, "confidence": 0.9, "status": "auto"}


def test_link_type():
    assert _sample().links[0].link_type() == "1-2"
    assert _sample().links[1].link_type(["fr", "en"]) == "0-1"


@pytest.mark.parametrize(
    "links, message",
    [
        ((Link({"en": (0, 1, 2), "fr": (0, 2)}),), "out of order"),
        ((Link({"en": (0, 1), "fr": (0, 1, 2)}),), "cover 2 of 3"),
        ((Link({"en": (1, 0, 2), "fr": (0, 1, 2)}),), "out of order"),
        ((Link({"en": (0, 1, 2), "fr": (0, 1, 2)}, status="maybe"),), "unknown status"),
        ((Link({"en": (0, 1, 2), "fr": (0, 1, 2), "de": ()}),), "unknown language"),
    ],
)
def test_invariant_violations_are_refused(tmp_path, links, message):
    bad = Alignment(_sample().documents, links)
    with pytest.raises(AlignmentError, match=message):
        bad.validate()
    with pytest.raises(AlignmentError):
        write_alignment(bad, tmp_path / "a.json")
    assert not (tmp_path / "a.json").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "not JSON"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"version": 9, "documents": [], "links": []}', "unsupported alignment version 9"),
        (b'{"version": 1, "documents": [{"lang": "en"}], "links": []}', "malformed"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": ["a"]}], "links": []}', "invalid alignment"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": [null]}], "links": []}', "segment 0 is NoneType"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": "abc"}], "links": []}', "list of strings"),
        (b'{"version": 1, "documents": [{"lang": 7, "segments": []}], "links": []}', "language tag"),
    ],
)
def test_bad_files_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=message) as info:
        read_alignment(path)
    assert str(path) in str(info.value)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=30))
def test_any_ladder_of_groups_is_valid(groups):
    """Any sequence of consecutive groups is a valid alignment, and survives JSON."""
    en_n = fr_n = 0
    links = []
    for a, b in groups:
        links.append(Link({"en": tuple(range(en_n, en_n + a)), "fr": tuple(range(fr_n, fr_n + b))}))
        en_n += a
        fr_n += b
    docs = (AlignedDocument("en", ("x",) * en_n), AlignedDocument("fr", ("y",) * fr_n))
    alignment = Alignment(docs, tuple(links))
    alignment.validate()
    from tmtool.align.model import _parse

    assert _parse(json.loads(json.dumps(alignment.to_json())), "mem") == alignment
