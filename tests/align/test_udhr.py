"""The UDHR in six languages read by tmtool's reader and aligned (``benchmarks/udhr.py``), and that benchmark's
gold builder on hand-made units."""

from __future__ import annotations

import re

import pytest

from benchmarks.udhr import HEADER, LANGS, PREAMBLE, UDHR, gold_links, read, run, unit_names, units

needs_udhr = pytest.mark.skipif(not UDHR.is_dir(), reason=f"UDHR files not found at {UDHR} (../shared)")

UNITS = [(("TITLE",), "Declaration"), (("A1",), "Article 1"), (("A1.1",), "All are equal."),
         (("A1.2",), "All are free.")]


def test_unit_names_reads_header_joined_and_cut_paragraphs() -> None:
    paragraphs = ["Declaration - English (c) the project", "Declaration", "Article 1 All are equal.", "All are",
                  "free."]
    names = unit_names(paragraphs, "en", UNITS)
    assert names == [frozenset(HEADER), {"TITLE"}, {"A1", "A1.1"}, {"A1.2"}, {"A1.2"}]


def test_unit_names_reports_a_paragraph_that_leaves_the_text() -> None:
    with pytest.raises(ValueError, match="paragraph 2.*A1.1"):
        unit_names(["Declaration", "Article 1", "All are free."], "en", UNITS)
    with pytest.raises(ValueError, match="units left"):
        unit_names(["Declaration", "Article 1"], "en", UNITS)


def test_gold_links_join_paragraphs_sharing_a_unit() -> None:
    a = [frozenset(HEADER), frozenset({"T"}), frozenset({"NOW"}), frozenset({"GA"}), frozenset({"P1", "P2"})]
    b = [frozenset(HEADER), frozenset({"T", "ADOPTED"}), frozenset({"NOW", "GA", "P1", "P2"})]
    assert gold_links(a, b) == [((0,), (0,)), ((1,), (1,)), ((2, 3, 4), (2,))]
    c = [frozenset({"T"}), frozenset({"GA"}), frozenset({"P1", "P2"})]
    assert gold_links(a[1:], c) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


@needs_udhr
@pytest.mark.parametrize("lang", LANGS)
def test_reader_gives_the_paragraphs_of_the_xml_edition(lang: str) -> None:
    """Every article heading is a paragraph of its own and every preamble paragraph too (Russian ones start in
    lower case after a comma or '; и'), whatever the text file's line breaks."""
    document = read(lang)
    names = unit_names(document.texts, lang)
    alone = {next(iter(held)) for held in names if len(held) == 1}
    assert {f"A{n}" for n in range(1, 31)} <= alone
    whereas = {name for key in PREAMBLE[lang] for name in key if name.startswith("W")}
    assert whereas <= alone
    articles = [p.kind for p, held in zip(document.paragraphs, names) if len(held) == 1
                and re.fullmatch(r"A\d+", next(iter(held)))]
    assert articles == ["heading"] * 30


@needs_udhr
@pytest.mark.parametrize("lang", LANGS)
def test_title_and_the_note_under_it_are_two_paragraphs(lang: str) -> None:
    """The title line and the indented note under it (es ``Adoptada y proclamada por la Asamblea General ...``, ru
    ``Принята и провозглашена ...``; ar and zh too) are read as two paragraphs, as the title of en and fr, which
    have no note, is read alone: four versions gave one paragraph holding both."""
    names = unit_names(read(lang).texts, lang)
    assert frozenset({"TITLE"}) in names
    assert frozenset({"ADOPTED"}) in names or not any("ADOPTED" in held for held in names)


@needs_udhr
def test_six_versions_align_paragraph_by_paragraph() -> None:
    """Every pair from the six files (other versions as bridges): the only disagreements left with the XML are
    the preamble's 'Now, therefore,' (a paragraph in English only)."""
    scores = run()
    assert len(scores) == 15
    assert min(f1 for f1, *_ in scores.values()) >= 0.98
    assert sum(f1 for f1, *_ in scores.values()) / 15 >= 0.99
    assert sum(wrong for _, wrong, *_ in scores.values()) <= 6


def test_preamble_names_cover_the_same_content() -> None:
    """The hand-read preamble names: every language says W1-W3, W5-W7, GA, P1 and P2 somewhere."""
    for lang in LANGS:
        said = {name for key in PREAMBLE[lang] for name in key}
        assert {"W1", "W2", "W3", "W5", "W6", "W7", "GA", "P1", "P2"} <= said, lang


@needs_udhr
def test_every_version_has_the_same_articles() -> None:
    """What the gold's unit names assume: the six XML editions differ only in title, notes and preamble."""
    articles = {lang: [names for names, _ in units(lang) if re.match(r"A\d", names[0])] for lang in LANGS}
    assert len(articles["en"]) > 60
    assert all(found == articles["en"] for found in articles.values())


@needs_udhr
def test_links_every_version_agrees_with_are_not_sent_to_review() -> None:
    """The six-language alignment.json of the UDHR: nearly every link right, so few under the review threshold
    (49 of 93 before the consensus vote lifted the links every bridge gives exactly)."""
    from tmtool.align import REVIEW_THRESHOLD, align_documents

    alignment = align_documents([read(lang) for lang in LANGS])
    low = [link for link in alignment.links if link.confidence < REVIEW_THRESHOLD]
    assert len(alignment.links) > 85
    assert len(low) <= 10
