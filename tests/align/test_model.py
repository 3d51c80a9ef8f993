"""alignment.json: round trip, invariant, clear errors on bad files."""

from __future__ import annotations

import json
from dataclasses import replace

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
        (b'{"version": 1, "documents": [{"lang": "en"}], "links": []}', "document 0: missing key 'segments'"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": ["a"]}], "links": []}', "invalid alignment"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": [null]}], "links": []}', "segment 0 is NoneType"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": "abc"}], "links": []}', "list of strings"),
        (b'{"version": 1, "documents": [{"lang": 7, "segments": []}], "links": []}', "language tag"),
        # these were read, a language that no command can name (export --langs, lookup --src refuse it)
        (b'{"version": 1, "documents": [{"lang": "f r!", "segments": []}], "links": []}',
         "document 0: 'lang' 'f r!' is not a language tag"),
        (b'{"version": 1, "documents": [{"lang": "en", "segments": []}, {"lang": "english language", "segments": []}],'
         b' "links": []}', "document 1: 'lang' 'english language' is not a language tag"),
    ],
)
def test_bad_files_name_the_file(tmp_path, content, message):
    _refused_naming_the_file(tmp_path, content, message)


def _refused_naming_the_file(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=message) as info:
        read_alignment(path)
    assert str(path) in str(info.value)


def _ladder(groups: list[tuple[int, int]], a: str, b: str) -> list[Link]:
    """Links of two languages holding consecutive groups of ``groups[k]`` segments of each."""
    i = j = 0
    out = []
    for x, y in groups:
        out.append(Link({a: tuple(range(i, i + x)), b: tuple(range(j, j + y))}))
        i, j = i + x, j + y
    return out


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=30))
def test_any_ladder_of_groups_is_valid(groups):
    """Any sequence of consecutive groups is a valid alignment, and survives JSON."""
    links = _ladder(groups, "en", "fr")
    docs = (AlignedDocument("en", ("x",) * sum(a for a, _ in groups)),
            AlignedDocument("fr", ("y",) * sum(b for _, b in groups)))
    alignment = Alignment(docs, tuple(links))
    alignment.validate()
    from tmtool.align.model import _parse

    assert _parse(json.loads(json.dumps(alignment.to_json())), "mem") == alignment


def _three() -> Alignment:
    """en and fr split a text in two sentences where zh has one: the link over all three holds both; the en-fr
    pair's own links keep them apart."""
    docs = (AlignedDocument("en", ("Title", "One.", "Two.", "End.")),
            AlignedDocument("fr", ("Titre", "Un.", "Deux.", "Fin.")),
            AlignedDocument("zh", ("标题", "一。二。", "完。")))
    links = (
        Link({"en": (0,), "fr": (0,), "zh": (0,)}, 0.9),
        Link({"en": (1, 2), "fr": (1, 2), "zh": (1,)}, 0.4),
        Link({"en": (3,), "fr": (3,), "zh": (2,)}, 0.95, "confirmed"),
    )
    en_fr = (Link({"en": (0,), "fr": (0,)}, 0.8), Link({"en": (1,), "fr": (1,)}, 0.7),
             Link({"en": (2,), "fr": (2,)}, 0.6), Link({"en": (3,), "fr": (3,)}, 0.9))
    return Alignment(docs, links, pair_links={("en", "fr"): en_fr})


def test_pair_links_round_trip(tmp_path):
    path = tmp_path / "alignment.json"
    write_alignment(_three(), path)
    assert read_alignment(path) == _three()
    data = json.loads(path.read_text("utf-8"))
    assert data["pair_links"][0] == {"langs": ["en", "fr"], "links": [[[0], [0], 0.8], [[1], [1], 0.7],
                                                                      [[2], [2], 0.6], [[3], [3], 0.9]]}
    assert "pair_links" not in _sample().to_json()  # two versions: nothing more is written


def test_pair_units_cut_an_automatic_link_into_the_pairs_own_links():
    alignment = _three()
    units = alignment.pair_units("en", "fr")
    assert [(n, link.segments["en"], link.segments["fr"]) for n, link in units] == [
        ("1", (0,), (0,)), ("2.1", (1,), (1,)), ("2.2", (2,), (2,)), ("3", (3,), (3,))]
    assert [link.confidence for _, link in units] == [0.9, 0.7, 0.6, 0.95]  # a cut link: the pair's confidence
    assert units[-1][1].status == "confirmed"  # reviewed links are kept as the reviewer saw them
    reverse = alignment.pair_units("fr", "en")  # the pair's links serve either order
    assert [n for n, _ in reverse] == ["1", "2.1", "2.2", "3"]
    assert [n for n, _ in alignment.pair_units("en", "zh")] == ["1", "2", "3"]  # no links of that pair: as they are


def test_pair_units_follow_the_pairs_links_between_reviewed_links():
    alignment = _three()
    crossing = (Link({"en": (0, 1), "fr": (0, 1)}, 0.5), Link({"en": (2,), "fr": (2,)}, 0.6),
                Link({"en": (3,), "fr": (3,)}, 0.9))
    units = Alignment(alignment.documents, alignment.links, pair_links={("en", "fr"): crossing}).pair_units("en", "fr")
    # links 1 and 2 are automatic: the pair's own links, the first across both; link 3 was confirmed
    assert [(n, link.segments["en"], link.segments["fr"]) for n, link in units] == [
        ("1-2", (0, 1), (0, 1)), ("2.1", (2,), (2,)), ("3", (3,), (3,))]
    confirmed = Alignment(alignment.documents, tuple(link.with_status("confirmed") for link in alignment.links),
                          pair_links=alignment.pair_links)
    assert [n for n, _ in confirmed.pair_units("en", "fr")] == ["1", "2", "3"]
    # the pair's link across a confirmed link's edge: the automatic links are cut one by one where they can be
    across = (Link({"en": (0,), "fr": (0,)}, 0.8), Link({"en": (1,), "fr": (1,)}, 0.7),
              Link({"en": (2, 3), "fr": (2, 3)}, 0.6))
    units = Alignment(alignment.documents, alignment.links, pair_links={("en", "fr"): across}).pair_units("en", "fr")
    assert [(n, link.segments["en"]) for n, link in units] == [("1", (0,)), ("2", (1, 2)), ("3", (3,))]


@pytest.mark.parametrize("pair, links, message", [
    (("en", "de"), (), "not two languages"),
    (("en", "fr"), (Link({"en": (0, 1, 2, 3), "fr": (0, 1, 2)}),), "pair links of en-fr, fr: links cover 3 of 4"),
    (("en", "fr"), (Link({"en": (1, 0, 2, 3), "fr": (0, 1, 2, 3)}),), "out of order"),
])
def test_bad_pair_links_are_refused(tmp_path, pair, links, message):
    bad = Alignment(_three().documents, _three().links, pair_links={pair: links})
    with pytest.raises(AlignmentError, match=message):
        write_alignment(bad, tmp_path / "a.json")
    data = _three().to_json()
    data["pair_links"][0]["links"][0][0] = [0, 1]  # en segment 1 twice
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(FormatError, match="invalid alignment: pair links of en-fr"):
        read_alignment(path)
    data["pair_links"] = [{"langs": ["en"], "links": []}]
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(FormatError, match="pair_links 0: 'langs' must name two languages"):
        read_alignment(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be"])
def test_an_xml_file_is_named_as_such(tmp_path, encoding):
    path = tmp_path / "memory.json"
    text = '\n  <?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n'
    path.write_bytes(("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be" else text.encode(encoding))
    with pytest.raises(FormatError, match=r"memory.json: an XML file \(TMX, TBX\?\), not an alignment.json"):
        read_alignment(path)
    path.write_text("[1, <2>]", "utf-8")  # JSON that goes wrong later is still reported as JSON
    with pytest.raises(FormatError, match="not JSON"):
        read_alignment(path)


def _merged(atoms: list[tuple[int, int]], joins: list[bool]) -> list[tuple[int, int]]:
    """Groups of consecutive atoms: an atom joins the one before it where ``joins`` says so."""
    out: list[tuple[int, int]] = []
    for k, (x, y) in enumerate(atoms):
        if out and joins[k % len(joins)]:
            out[-1] = (out[-1][0] + x, out[-1][1] + y)
        else:
            out.append((x, y))
    return out


_ATOM = st.sampled_from([(1, 1), (1, 1), (1, 1), (1, 0), (0, 1), (1, 2), (2, 1)])


@given(st.lists(_ATOM, min_size=1, max_size=14), st.lists(st.booleans(), min_size=1, max_size=14),
       st.lists(st.booleans(), min_size=1, max_size=14),
       st.lists(st.sampled_from(["auto", "auto", "confirmed", "edited"]), min_size=14, max_size=14))
def test_pair_units_cover_the_pair_once_and_keep_reviewed_links(atoms, joint_joins, pair_joins, statuses):
    """Whatever the links of all versions and the pair's own links (two groupings of the same segments): the units
    list each segment of the two languages once, in order; a reviewed link comes out exactly as it is; unit
    numbers are unique; with no reviewed link, the units are the pair's own links."""
    joint = _ladder(_merged(atoms, joint_joins), "en", "fr")
    own = tuple(_ladder(_merged(atoms, pair_joins), "en", "fr"))
    n_en, n_fr = sum(x for x, _ in atoms), sum(y for _, y in atoms)
    links = tuple(Link({**link.segments, "zh": (0,) if k == 0 else ()}, 0.5, statuses[k % len(statuses)])
                  for k, link in enumerate(joint))
    docs = (AlignedDocument("en", ("e",) * n_en), AlignedDocument("fr", ("f",) * n_fr), AlignedDocument("zh", ("z",)))
    alignment = Alignment(docs, links, pair_links={("en", "fr"): own})
    alignment.validate()
    units = alignment.pair_units("en", "fr")
    assert [i for _, u in units for i in u.segments["en"]] == list(range(n_en))
    assert [j for _, u in units for j in u.segments["fr"]] == list(range(n_fr))
    got = {(u.segments["en"], u.segments["fr"]) for _, u in units}
    for link in alignment.links:
        if link.status != "auto" and (link.segments["en"] or link.segments["fr"]):
            assert (link.segments["en"], link.segments["fr"]) in got
    assert len({number for number, _ in units}) == len(units)
    if all(link.status == "auto" for link in alignment.links):
        assert [(u.segments["en"], u.segments["fr"]) for _, u in units] == [
            (k.segments["en"], k.segments["fr"]) for k in own]


def _edited(edit) -> bytes:
    """The JSON of :func:`_sample` with one hand edit (``edit(data)`` changes it in place)."""
    data = _sample().to_json()
    edit(data)
    return json.dumps(data).encode("utf-8")


def _set(where, value):
    def edit(data):
        *path, last = where
        obj = data
        for key in path:
            obj = obj[key]
        if value is KeyError:
            del obj[last]
        else:
            obj[last] = value
    return edit


@pytest.mark.parametrize("edit, message", [
    (_set(("links", 1, "confidence"), float("nan")), "link 1: confidence NaN is not a number from 0 to 1"),
    (_set(("links", 0, "confidence"), 7), "link 0: confidence 7 is not a number from 0 to 1"),
    (_set(("links", 0, "confidence"), -0.1), "link 0: confidence -0.1 is not a number"),
    (_set(("links", 2, "confidence"), "high"), 'link 2: confidence "high" is not a number'),
    (_set(("links", 0, "segments", "en"), ["0"]), 'link 0: "0" is not a segment number'),
    (_set(("links", 0, "segments", "en"), [True]), "link 0: true is not a segment number"),
    (_set(("links", 0, "segments", "en"), [0.0]), "link 0: 0.0 is not a segment number"),
    (_set(("documents", 0, "paragraph_of"), [0, "1", 2]), 'document 0: "1" is not a segment number'),
    (_set(("links",), KeyError), "missing key 'links'"),
    (_set(("documents",), KeyError), "missing key 'documents'"),
    (_set(("links", 0, "segments"), KeyError), "link 0: missing key 'segments'"),
    (_set(("links",), None), "'links' must be a list, not null"),
    (_set(("documents", 0, "metadata"), [1]), "document 0: 'metadata' must be an object"),
    (_set(("level",), "chapter"), 'level must be paragraph or sentence, not "chapter"'),
    (_set(("documents", 0, "paragraph_of"), [0, 0]), "en: 'paragraph_of' has 2 paragraph numbers for 3 segments"),
    (_set(("documents", 0, "paragraph_of"), [0, 0, 1, 1]), "en: 'paragraph_of' has 4 paragraph numbers for 3"),
    (_set(("documents", 1, "paragraph_of"), [-1, 0, 1]), "fr: 'paragraph_of' of segment 0 is -1: paragraph numbers"),
    (_set(("documents", 0, "paragraph_of"), [0, 2, 1]), "en: 'paragraph_of' of segment 2 is 1, less than the 2 of"),
    (_set(("documents", 1, "original"), {"3": "x"}), "fr: 'original' of segment 3: the document has segments 0 to 2"),
    (_set(("documents", 1, "original"), {"\u00b2": "x"}), "document 1: 'original': .* is not a segment number"),
])
def test_hand_edited_values_are_one_line_errors_naming_the_file_and_link(tmp_path, edit, message):
    _refused_naming_the_file(tmp_path, _edited(edit), message)


def test_a_bad_paragraph_of_or_original_is_not_written(tmp_path):
    """The review UI writes through :func:`write_alignment`: a document whose ``paragraph_of`` or ``original`` does
    not fit its segments is refused there too, and nothing is written."""
    sample = _sample()
    en, fr = sample.documents
    for bad in (replace(en, paragraph_of=(0, 1)), replace(en, original={-1: "x"})):
        with pytest.raises(AlignmentError, match="en: '(paragraph_of|original)'"):
            write_alignment(replace(sample, documents=(bad, fr)), tmp_path / "a.json")
    assert not (tmp_path / "a.json").exists()
    write_alignment(replace(sample, documents=(replace(en, paragraph_of=(0, 0, 3), original={2: "x"}), fr)),
                    tmp_path / "a.json")  # numbers may skip (a paragraph without sentences)


def test_sentence_level_and_whole_number_confidences_still_read(tmp_path):
    def edit(data):
        data["level"] = "sentence"
        data["links"][0]["confidence"] = 1
        data["links"][1]["confidence"] = 0
    path = tmp_path / "ok.json"
    path.write_bytes(_edited(edit))
    back = read_alignment(path)
    assert back.level == "sentence" and [k.confidence for k in back.links[:2]] == [1.0, 0.0]


def test_deeply_nested_json_is_one_line_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100000 + "]" * 100000, "utf-8")
    with pytest.raises(FormatError, match="deep.json: not JSON: nested too deeply"):
        read_alignment(path)


_ONE = {"version": 1, "level": "paragraph",
        "documents": [{"lang": "en", "path": "x.en.txt", "metadata": {}, "segments": ["The Council met."]}],
        "links": [{"segments": {"en": [0]}, "confidence": 0.9, "status": "auto"}]}


@pytest.mark.parametrize("args", [
    ["tm", "add", "{file}", "--tm", "{tmp}/tm"],
    ["glossary", "check", "--glossary", "{tmp}/g.csv", "{file}"],
    ["glossary", "extract", "{file}", "--src", "en", "--tgt", "fr"],
    ["export", "{file}", "--tmx", "{tmp}/out.tmx"],
])  # fmt: skip
def test_an_alignment_of_one_document_is_refused_naming_the_file(tmp_path, cli_run, args):
    """An alignment.json of one document: tm add added 0 units, glossary check found 0 problems, both exit 0,
    and review opened a UI of one column; read_alignment now refuses it, one line naming the file."""
    path = tmp_path / "alignment.json"
    path.write_text(json.dumps(_ONE), "utf-8")
    (tmp_path / "g.csv").write_text("id,lang,term\nc1,en,Council\nc1,fr,Conseil\n", "utf-8")
    code, out, err = cli_run([a.format(file=path, tmp=tmp_path) for a in args])
    assert (code, out) == (1, "")
    assert err == f"tmtool: error: {path}: an alignment holds two documents or more, this one 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alignment.json", "g.csv"]


def test_review_refuses_an_alignment_of_one_document_before_its_ui(tmp_path):
    from tmtool.review.session import ReviewSession

    path = tmp_path / "alignment.json"
    path.write_text(json.dumps(_ONE), "utf-8")
    with pytest.raises(FormatError, match="two documents or more") as info:
        ReviewSession.open(path).close(save=False)
    assert info.value.path == str(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alignment.json"]


@pytest.mark.parametrize("docs", [
    (AlignedDocument("en", ("One.",)),),
    (AlignedDocument("en", ("One.",)), AlignedDocument("f r!", ("Un.",))),
])  # fmt: skip
def test_write_alignment_refuses_what_read_alignment_refuses(tmp_path, docs):
    """read_alignment refuses an alignment of one document or with a 'lang' that is no language tag, but
    write_alignment wrote them: the library made files its own commands then refused. Both check one rule now."""
    links = (Link({d.lang: (0,) for d in docs}, 0.9),)
    path = tmp_path / "alignment.json"
    with pytest.raises(AlignmentError, match="two documents or more|is not a language tag"):
        write_alignment(Alignment(docs, links), path)
    assert not path.exists()
