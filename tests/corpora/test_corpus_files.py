"""The bundled corpus is what corpora/README.md says: six letters, the right languages, the listed damage."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tmtool.documents import detect_language, language_from_filename

from _corpus import (
    CORPUS,
    DAMAGE,
    LANGS,
    README,
    TRANSLATIONS,
    TRUTH,
    body_truth,
    joiner,
    letter,
    raw_lines,
    sentence_truth,
)

NBSP = "\u00a0"


def test_exactly_the_six_letters() -> None:
    # `make demo` globs corpora/un-letter-2023/*.txt: any other .txt there would be aligned too
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(f"letter.{lang}.txt" for lang in LANGS)


def test_english_is_the_users_seed_byte_for_byte(seed: Path) -> None:
    assert letter("en").read_bytes() == seed.read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_utf8_nfc(lang: str) -> None:
    text = letter(lang).read_bytes().decode("utf-8")  # raises on anything but UTF-8
    assert unicodedata.is_normalized("NFC", text)
    assert "\ufffd" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_language_is_told_by_text_and_name(lang: str) -> None:
    assert detect_language(letter(lang).read_text(encoding="utf-8")) == lang
    assert language_from_filename(letter(lang)) == lang


@pytest.mark.parametrize("lang", LANGS)
def test_page_breaks_present_in_raw_file(lang: str) -> None:
    """A body paragraph ends mid-sentence at a page end and goes on after blank lines / running lines."""
    lines = raw_lines(lang)
    standalone = set(DAMAGE[lang]["standalone"])
    for before, after in DAMAGE[lang]["page_breaks"]:
        ends = [i for i, line in enumerate(lines) if line.endswith(before)]
        assert len(ends) == 1, f"{lang}: no single line ends with {before!r}"
        gap = []
        j = ends[0] + 1
        while not lines[j] or lines[j] in standalone:
            gap.append(lines[j])
            j += 1
        assert lines[j].startswith(after), f"{lang}: after {before!r} comes {lines[j][:40]!r}"
        assert "" in gap, "the halves are separated by at least one blank line"


@pytest.mark.parametrize("lang", LANGS)
def test_running_header_page_and_job_numbers_stand_alone(lang: str) -> None:
    lines = raw_lines(lang)
    for item in DAMAGE[lang]["standalone"]:
        assert item in lines, f"{lang}: {item!r} is not a line of its own"
    if lang != "en":  # the issue: every translation carries a running header, a page number and a job number
        items = DAMAGE[lang]["standalone"]
        assert {"A/78/371", "S/2023/684"} <= set(items)
        assert any(re.fullmatch(r"\d+/\d+", s) for s in items)
        letter_code = {"fr": "F", "es": "S", "ru": "R", "zh": "C", "ar": "A"}[lang]
        assert f"23-17890 ({letter_code})" in items


@pytest.mark.parametrize("lang", LANGS)
def test_hyphenation_and_hard_breaks_present(lang: str) -> None:
    lines = raw_lines(lang)
    raw = letter(lang).read_text(encoding="utf-8").splitlines()
    for end, start, word in DAMAGE[lang]["hyphenated"]:
        assert any(a.endswith(end) and b.startswith(start) for a, b in zip(lines, lines[1:])), (lang, end)
        assert word.startswith(end[:-1]) and word.endswith(start)
    for end, start in DAMAGE[lang]["hard_breaks"]:
        assert any(a.endswith(end + "  ") and b.startswith(start) for a, b in zip(raw, raw[1:])), (lang, end)


def test_latin_script_translation_has_a_hyphenated_word() -> None:
    assert DAMAGE["fr"]["hyphenated"] and DAMAGE["es"]["hyphenated"]


@pytest.mark.parametrize("lang", LANGS)
def test_readme_lists_the_damage_of_each_file(lang: str) -> None:
    readme = README.read_text(encoding="utf-8")
    section = readme.split(f"`letter.{lang}.txt`")[-1].split("\n- `letter.")[0]
    for before, after in DAMAGE[lang]["page_breaks"]:
        assert before in section and after in section, (lang, before)
    for item in DAMAGE[lang]["standalone"]:
        assert f"`{item}`" in section, (lang, item)
    for end, start, _ in DAMAGE[lang]["hyphenated"]:
        assert f"`{end}`" in section and f"`{start}`" in section, (lang, end)


def test_readme_labels_the_translations_as_not_official() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "NOT official United Nations texts" in readme
    assert "user's sample" in readme
    for lang in TRANSLATIONS:
        assert re.search(rf"letter\.{lang}\.txt` \| \w+ \| tmtool project's own working translation", readme)


# --- the translations themselves: anchors that must survive translation, typography ---------------------------

RESOLUTIONS = ("822", "853", "874", "884")
SYMBOLS = ("A/77/967-S/2023/529", "A/77/981-S/2023/562", "A/77/1001-S/2023/604")


@pytest.mark.parametrize("lang", LANGS)
def test_references_kept_in_every_version(lang: str) -> None:
    body = " ".join(body_truth(lang))
    for number in RESOLUTIONS:  # "822 (1993)"; Chinese UN style writes "第822(1993)号"
        assert re.search(rf"{number} ?\(1993\)", body), (lang, number)
    for symbol in SYMBOLS:
        assert symbol in body, (lang, symbol)
    agenda = re.findall(r"\d+", body_truth(lang)[-1])
    assert agenda == ["31", "61", "69", "71", "83", "129"], lang


def test_french_no_break_spaces() -> None:
    text = letter("fr").read_text(encoding="utf-8")
    assert f"Original{NBSP}: anglais" in text
    assert text.count("«") == text.count("»") > 0
    assert text.count(f"«{NBSP}") == text.count("«") and text.count(f"{NBSP}»") == text.count("»")
    assert not re.search(r"[^\S\u00a0][:;?!»]", text), "ordinary space before high punctuation"


def test_chinese_dates_and_punctuation() -> None:
    text = letter("zh").read_text(encoding="utf-8")
    assert "2023年9月13日" in text
    body = body_truth("zh")
    assert all(p.endswith("。") for p in body)
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", p) for p in body)


# --- the ground truth is self-consistent -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_ground_truth_sentences_make_the_paragraphs(lang: str) -> None:
    body = body_truth(lang)
    sentences = sentence_truth(lang)
    assert len(body) == len(sentences) == 12
    assert [joiner(lang).join(s) for s in sentences] == body


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_ground_truth_ladders_cover_every_segment_in_order(lang: str) -> None:
    from tmtool.align.ladder import read_ladder

    for level, counts in (
        ("paragraphs", (12, 12)),
        ("sentences", (sum(map(len, sentence_truth("en"))), sum(map(len, sentence_truth(lang))))),
    ):
        beads = read_ladder(TRUTH / f"en-{lang}.{level}.ladder")
        for side in (0, 1):
            ids = [i for bead in beads for i in bead[side]]
            assert ids == list(range(counts[side])), (lang, level, side)
