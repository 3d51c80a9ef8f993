"""The held-out UN set builder (benchmarks/un_heldout.py): its gold ladders are right by construction."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from benchmarks.un_heldout import LANGS, _cut, build, gold_ladder
from tmtool.align import read_ladder


def test_gold_links_lines_that_share_a_unit() -> None:
    # unit 0 is cut in a and whole in b; units 1 and 2 are joined in a and apart in b; b has a layout line first
    a = [("The Council,", (0,)), ("having met, decided.", (0,)), ("It met. It ended.", (1, 2))]
    b = [("15-55992", ()), ("Le Conseil, s'étant réuni, a décidé.", (0,)), ("Il s'est réuni.", (1,)), ("Fin.", (2,))]
    assert gold_ladder(a, b) == [((), (0,)), ((0, 1), (1,)), ((2,), (2, 3))]


def test_a_unit_lost_in_one_version_is_linked_to_nothing() -> None:
    a = [("One.", (0,)), ("Two", (1,)), ("halves.", (1,)), ("Three.", (2,))]
    b = [("Un.", (0,)), ("Trois.", (2,))]
    # the two pieces of the lost unit are one link, as in the dev set's gold ([i, i+1]:[])
    assert gold_ladder(a, b) == [((0,), (0,)), ((1, 2), ()), ((3,), (1,))]


@pytest.mark.parametrize("lang, text", [
    ("en", "The Committee welcomed the report of the State party, which was submitted on time, and thanked it."),
    ("zh", "委员会欢迎缔约国按时提交的报告，并感谢缔约国代表团与委员会进行的建设性对话。"),
    ("ar", "ترحب اللجنة بتقرير الدولة الطرف، الذي قدم في موعده، وتشكرها على الحوار البناء."),
])
def test_a_cut_keeps_every_character(lang: str, text: str) -> None:
    for seed in range(20):
        pieces = _cut(text, lang, random.Random(seed))
        assert pieces is not None
        first, second = pieces
        joined = first + second if lang == "zh" else f"{first} {second}"
        assert joined == text
        assert 0.1 * len(text) < len(first) < 0.9 * len(text)


def test_short_units_are_not_cut() -> None:
    assert _cut("Agenda item 4", "en", random.Random(1)) is None


def test_built_set_is_complete_and_deterministic(shared: Path, tmp_path: Path) -> None:
    if not (shared / "corpora-src" / "unpc-v1.0-testsets" / "testset").is_dir():
        pytest.skip("the UN Parallel Corpus test split is not in ../shared/corpora-src")
    stems = build("testset", tmp_path / "one", seed=3, files=1)
    build("testset", tmp_path / "two", seed=3, files=1)
    assert stems == ["doc0"]
    for name in sorted(p.name for p in (tmp_path / "one").iterdir()):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    sizes = {lang: len((tmp_path / "one" / f"doc0.{lang}").read_text(encoding="utf-8").splitlines()) for lang in LANGS}
    kinds = set()
    for a, b in itertools.combinations(LANGS, 2):
        ladder = read_ladder(tmp_path / "one" / f"doc0.{a}-{b}")
        src = [i for x, _ in ladder for i in x]
        tgt = [j for _, y in ladder for j in y]
        assert src == list(range(sizes[a])) and tgt == list(range(sizes[b])), f"{a}-{b}: not every line once, in order"
        kinds |= {(len(x), len(y)) for x, y in ladder}
    assert {(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)} <= kinds
