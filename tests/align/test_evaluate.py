"""Ladder files and the Vecalign/Bertalign strict/lax scoring, on hand-made inputs with known scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.align import format_ladder, merge_by_units, parse_ladder, score_pairs
from tmtool.errors import FormatError

GOLD = "[0]:[0]\n[1]:[1, 2]\n[]:[3]\n[2]:[4]\n"


def test_parse_and_format_round_trip():
    beads = parse_ladder(GOLD + "\n[3,4]:[]\n")
    assert beads == [((0,), (0,)), ((1,), (1, 2)), ((), (3,)), ((2,), (4,)), ((3, 4), ())]
    assert parse_ladder(format_ladder(beads)) == beads


def test_bad_ladder_names_line():
    with pytest.raises(FormatError) as err:
        parse_ladder("[0]:[0]\n[1]-[1]\n", "x.ladder")
    assert "x.ladder:2" in str(err.value)


def test_perfect_prediction():
    s = score_pairs([(parse_ladder(GOLD), parse_ladder(GOLD))]).as_dict()
    assert s["strict"] == {"p": 1.0, "r": 1.0, "f1": 1.0}


def test_known_scores():
    # test: [0]:[0] right; [1]:[1] half of a 1-2 (lax right); [2]:[2] wrong side (strict and lax wrong:
    # gold links 2 only to 4); []:[3] right; [] : [4] insertion not in gold (wrong); [] handled as in vecalign
    test = parse_ladder("[0]:[0]\n[1]:[1]\n[2]:[2]\n[]:[3]\n[]:[4]\n")
    s = score_pairs([(parse_ladder(GOLD), test)]).as_dict()
    # precision over 5 test links: strict right 2 ([0]:[0], []:[3]); lax right 3 (+[1]:[1])
    assert s["strict"]["p"] == pytest.approx(2 / 5)
    assert s["lax"]["p"] == pytest.approx(3 / 5)
    # recall over gold links without insertions/deletions (3), against test links likewise (3):
    # [0]:[0] strict; [1]:[1,2] lax (test links 1 to 1); [2]:[4] wrong
    assert s["strict"]["r"] == pytest.approx(1 / 3)
    assert s["lax"]["r"] == pytest.approx(2 / 3)
    assert s["strict"]["f1"] == pytest.approx(2 * 0.4 * (1 / 3) / (0.4 + 1 / 3))


def test_counts_are_summed_over_pairs():
    gold = parse_ladder("[0]:[0]\n")
    good, bad = parse_ladder("[0]:[0]\n"), parse_ladder("[0]:[]\n[]:[0]\n")
    s = score_pairs([(gold, good), (gold, bad)]).as_dict()
    assert s["strict"]["p"] == pytest.approx(1 / 3)  # 1 right of 3 test links, not the mean of 1.0 and 0.0
    assert s["strict"]["r"] == pytest.approx(1 / 2)  # the second gold link is missed: 1-0 + 0-1 is not 1-1


def test_empty_inputs_score_zero():
    assert score_pairs([([], [])]).as_dict()["strict"]["f1"] == 0.0


def test_merge_by_verse():
    beads = parse_ladder("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n")
    src = {0: "v1", 1: "v2", 2: "v2"}
    tgt = {0: "v1", 1: "v2", 2: "v2", 3: "v2"}
    assert merge_by_units(beads, src, tgt) == [((0,), (0,)), ((1, 2), (1, 2, 3))]


def test_eval_cli(tmp_path, cli_run):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.write_text(GOLD)
    pred.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n[]:[3]\n[]:[4]\n")
    code, out, _ = cli_run(["eval", gold, pred, gold, gold, "--format", "json"])
    assert code == 0
    data = json.loads(out)
    assert data["strict"]["p"] == pytest.approx((2 + 4) / (5 + 4))
    code, out, _ = cli_run(["eval", gold, pred])
    assert code == 0 and "strict" in out and "lax" in out
    code, _, err = cli_run(["eval", gold])
    assert code != 0 and "GOLD PRED" in err


def test_vecalign_output_with_scores_is_read(cli_run):
    """Vecalign writes ``[0]:[0]:0.873``: the score is read and ignored."""
    data = Path(__file__).resolve().parents[1] / "data" / "align" / "vecalign_scores"
    assert parse_ladder((data / "vecalign.ladder").read_text("utf-8")) == parse_ladder(GOLD)
    code, out, err = cli_run(["eval", data / "gold.ladder", data / "vecalign.ladder", "--format", "json"])
    assert code == 0, err
    assert json.loads(out)["strict"] == {"p": 1.0, "r": 1.0, "f1": 1.0}


@pytest.mark.parametrize("line, message", [("[0]:[0]:high", "not a score 'high'"),
                                           ("[0]:[0]:0.5:1", "more than three")])
def test_a_bad_third_field_names_the_line(line, message):
    with pytest.raises(FormatError, match=message) as err:
        parse_ladder(f"[0]:[0]\n{line}\n", "x.ladder")
    assert "x.ladder:2" in str(err.value)


@pytest.mark.parametrize("content", ["", "\n\n", "  \n\t\n", "\ufeff"])
@pytest.mark.parametrize("which", [0, 1, 3])
def test_eval_refuses_an_empty_ladder_naming_it(tmp_path, cli_run, content, which):
    """An empty gold or prediction file (a run that wrote nothing, a wrong name) scored 0.000 with exit 0, as if
    it were a ladder; it is now one line naming the file, exit 1."""
    files = [tmp_path / f"l{n}.ladder" for n in range(4)]
    for n, path in enumerate(files):
        path.write_text(content if n == which else GOLD, "utf-8")
    code, out, err = cli_run(["eval", *files])
    assert (code, out) == (1, "")
    assert err == f"tmtool: error: {files[which]}: no links: an empty ladder (a ladder holds one link a line, " \
                  "[0]:[0, 1])\n"
