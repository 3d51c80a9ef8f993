"""End to end: `make demo`'s command aligns the six bundled letters, and the links over the letter's body are the
ones we know are right (we wrote the translations: tests/data/corpora/un-letter-2023/en-<lang>.*.ladder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from _corpus import CORPUS, LANGS, TRANSLATIONS, TRUTH, body_truth, sentence_truth


@pytest.fixture(scope="module", params=["paragraph", "sentence"])
def aligned(request, tmp_path_factory):
    """``tmtool align corpora/un-letter-2023/*.txt --level LEVEL -o OUT`` run through the real entry point."""
    from tmtool.align.model import read_alignment
    from tmtool.cli import main

    out = tmp_path_factory.mktemp(f"demo-{request.param}")
    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    try:
        main(["align", *files, "--level", request.param, "-o", str(out)])
    except SystemExit as exc:  # click's standalone mode exits, with 0 on success
        assert exc.code in (0, None), f"tmtool align exited with {exc.code}"
    alignment = read_alignment(out / "alignment.json")
    return request.param, alignment


def _truth_units(level: str, lang: str) -> list[str]:
    if level == "paragraph":
        return body_truth(lang)
    return [s for paragraph in sentence_truth(lang) for s in paragraph]


def _positions(segments: tuple[str, ...], units: list[str], lang: str) -> dict[int, int]:
    """segment number in the alignment -> number of the body unit (paragraph or sentence) in the ground truth.

    Every body unit must be one aligned segment, exactly as written, in order; stray segments the reader left
    between them (a page-footer line it did not drop) are allowed here: tests/corpora/test_corpus_reading.py
    reports those."""
    positions: dict[int, int] = {}
    i = 0
    for k, unit in enumerate(units):
        while i < len(segments) and segments[i] != unit:
            i += 1
        assert i < len(segments), f"{lang}: body unit {k} is not an aligned segment: {unit[:60]!r}"
        positions[i] = k
        i += 1
    return positions


def test_alignment_is_valid_and_covers_six_languages(aligned) -> None:
    _, alignment = aligned
    alignment.validate()
    assert sorted(alignment.langs) == sorted(LANGS)


def _joint_truth(level: str) -> dict[str, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """The ground truth of the six-way alignment, projected on each pair en-xx.

    One link of alignment.json spans all six languages, so where one translation merges two English sentences
    (Russian, body paragraph 3) the link must hold both English sentences and their translations in every
    language. From the pairwise ladders we build the finest six-way links: English groups are the unions of
    overlapping English sides of all pairs' links; each language's side is what its links map those groups to."""
    from tmtool.align.ladder import read_ladder

    ladders = {lang: read_ladder(TRUTH / f"en-{lang}.{level}s.ladder") for lang in TRANSLATIONS}
    group_of: dict[int, int] = {}
    groups: list[set[int]] = []
    for beads in ladders.values():
        for en_ids, _ in beads:
            assert en_ids, "the ground truth has no link without English"
            touched = {group_of[i] for i in en_ids if i in group_of}
            merged = set(en_ids).union(*(groups[g] for g in touched))
            groups.append(merged)
            for i in merged:
                group_of[i] = len(groups) - 1
    ordered = sorted({min(groups[g]) for g in group_of.values()})
    joint_groups = [tuple(sorted(groups[group_of[first]])) for first in ordered]
    out = {}
    for lang, beads in ladders.items():
        out[lang] = [
            (en_group, tuple(j for en_ids, xx_ids in beads if set(en_ids) <= set(en_group) for j in xx_ids))
            for en_group in joint_groups
        ]
    return out


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_body_links_match_the_known_ladder(aligned, lang: str) -> None:
    level, alignment = aligned
    en_pos = _positions(alignment.document("en").segments, _truth_units(level, "en"), "en")
    xx_pos = _positions(alignment.document(lang).segments, _truth_units(level, lang), lang)
    beads = []
    for link in alignment.links:
        en_ids = tuple(en_pos[i] for i in link.segments.get("en", ()) if i in en_pos)
        xx_ids = tuple(xx_pos[i] for i in link.segments.get(lang, ()) if i in xx_pos)
        if en_ids or xx_ids:
            # a link that holds body text holds nothing else (no heading, title, signature or stray line)
            assert len(en_ids) == len(link.segments.get("en", ())), ("en", link)
            assert len(xx_ids) == len(link.segments.get(lang, ())), (lang, link)
            beads.append((en_ids, xx_ids))
    expected = _joint_truth(level)[lang]
    wrong = sorted(set(expected) ^ set(beads))
    assert beads == expected, f"en-{lang} {level} links differ from the ground truth: {wrong}"


def test_demo_corpus_path_matches_the_makefile(root: Path) -> None:
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "corpora/un-letter-2023/*.txt --level sentence" in makefile


HEADER_PARAGRAPHS = 10  # session line, agenda line, six agenda-item titles, Security Council line, letter title


@pytest.mark.parametrize("aligned", ["paragraph"], indirect=True)
@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_header_paragraphs_link_one_to_one(aligned, documents, lang: str) -> None:
    """Every version has the same header block (we translated it line for line); at paragraph level, the link
    holding the English header paragraph k holds exactly header paragraph k of the translation."""
    _, alignment = aligned
    for code in ("en", lang):
        heads = documents[code].texts[:HEADER_PARAGRAPHS]
        assert list(alignment.document(code).segments[:HEADER_PARAGRAPHS]) == heads, code
    for k in range(HEADER_PARAGRAPHS):
        link = next(link for link in alignment.links if k in link.segments.get("en", ()))
        assert link.segments.get("en") == (k,) and link.segments.get(lang) == (k,), (
            f"en header paragraph {k} {alignment.document('en').segments[k]!r} is linked as {link.segments}"
        )
