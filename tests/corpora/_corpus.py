"""Helpers for the bundled-corpus tests: where the corpus, its damage manifest and its ground truth are."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpora" / "un-letter-2023"
README = ROOT / "corpora" / "README.md"
TRUTH = ROOT / "tests" / "data" / "corpora" / "un-letter-2023"
DAMAGE = json.loads((ROOT / "tests" / "data" / "corpora" / "damage.json").read_text(encoding="utf-8"))
LANGS = ("en", "fr", "es", "ru", "zh", "ar")
TRANSLATIONS = LANGS[1:]


def letter(lang: str) -> Path:
    return CORPUS / f"letter.{lang}.txt"


def raw_lines(lang: str) -> list[str]:
    """The raw file's lines, trailing whitespace (the Markdown hard-break spaces) removed."""
    return [line.rstrip() for line in letter(lang).read_text(encoding="utf-8").splitlines()]


def body_truth(lang: str) -> list[str]:
    """The twelve body paragraphs as they must read after repair (ground truth we wrote with the translations)."""
    return (TRUTH / f"body.{lang}.txt").read_text(encoding="utf-8").splitlines()


def sentence_truth(lang: str) -> list[list[str]]:
    """The body sentences, grouped by paragraph."""
    text = (TRUTH / f"sentences.{lang}.txt").read_text(encoding="utf-8").strip("\n")
    return [block.split("\n") for block in text.split("\n\n")]


def titles() -> dict[str, str]:
    return json.loads((TRUTH / "titles.json").read_text(encoding="utf-8"))


def joiner(lang: str) -> str:
    """What joins two sentences of one paragraph: nothing in Chinese, a space elsewhere."""
    return "" if lang == "zh" else " "
