"""Moving to the rows a report names: `:` (a row number, or a link as `tmtool glossary check` names it) and `!`
(the next row whose terms need a look), on the shipped UN letter and the shipped place names."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from reviewkit import running

from tmtool.glossary import read_glossary
from tmtool.review.app import row_from_text

ROOT = Path(__file__).resolve().parents[2]
LETTER = sorted((ROOT / "corpora" / "un-letter-2023").glob("letter.*.txt"))
PLACES = ROOT / "glossaries" / "un-places.tbx"
ORGANS = ROOT / "glossaries" / "un-organs.csv"


@pytest.mark.parametrize(("text", "row"), [
    ("21", 20), (" 1 ", 0), ("32", 31),              # rows as the panel counts them, from 1
    ("#20", 20), ("#0", 0), ("demo-output/alignment.json#20", 20), ("a#b.json#31", 31),  # links, from 0
])
def test_a_row_number_or_a_link_as_check_names_it(text: str, row: int) -> None:
    assert row_from_text(text, 32) == row


@pytest.mark.parametrize(("text", "message"), [
    ("0", "no row 0 (rows 1-32)"), ("33", "no row 33 (rows 1-32)"), ("#32", "no link #32 (the file has links #0-#31)"),
    ("row 3", "not a row: 'row 3'"), ("-1", "not a row: '-1'"), ("٣", "not a row: '٣'"), ("#", "not a row: '#'"),
])
def test_what_is_not_a_row_says_why(text: str, message: str) -> None:
    answer = row_from_text(text, 32)
    assert isinstance(answer, str) and answer.startswith(message)


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letter aligned by sentence in six languages."""
    from tmtool.cli import main

    out = tmp_path_factory.mktemp("letter")
    with pytest.raises(SystemExit) as done:
        main(["align", *map(str, LETTER), "--level", "sentence", "-o", str(out)])
    assert done.value.code == 0
    return out / "alignment.json"


def _check_report(path: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    from tmtool.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["glossary", "check", "--glossary", str(PLACES), str(path), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_colon_goes_to_the_link_a_check_report_names(letter, capsys) -> None:
    """A reviewer with a glossary check report (`alignment.json#N: variant fr ...`) had no way to that row but
    moving down one row at a time: `:` takes the report's `file#N` as it is written."""
    path = letter
    report = _check_report(path, capsys)
    where = sorted({p["where"] for p in report}, key=lambda w: -int(w.rpartition("#")[2]))
    assert len(where) >= 2  # the letter's report names several links (variants in ar and fr)

    async def scenario():
        async with running(path, size=(160, 40)) as (app, pilot, notes):
            for w in where:
                await pilot.press("colon")
                await pilot.pause()
                for ch in w:
                    await pilot.press(ch)
                await pilot.press("enter")
                await pilot.pause()
                assert app.screen.table.row == int(w.rpartition("#")[2])
            await pilot.press("colon", "1", "enter")
            await pilot.pause()
            assert app.screen.table.row == 0
            await pilot.press("colon", "9", "9", "enter")
            await pilot.pause()
            assert app.screen.table.row == 0 and ("no row 99 (rows 1-32)", "error") in notes

    asyncio.run(scenario())


def test_exclamation_mark_visits_every_row_the_table_marks_and_only_those(letter) -> None:
    path = letter
    glossaries = [read_glossary(PLACES), read_glossary(ORGANS)]

    async def scenario():
        async with running(path, size=(160, 40), glossaries=glossaries) as (app, pilot, notes):
            table = app.screen.table
            links = app.session.alignment.links
            marked = [r for r, link in enumerate(links) if table.has_term_problem(link)]
            assert len(marked) >= 2  # the letter: e.g. 安全理事会 where the others say "the Council"
            visited = []
            for _ in range(len(marked) + 1):
                await pilot.press("exclamation_mark")
                await pilot.pause()
                visited.append(table.row)
            assert visited == [*marked, marked[0]]  # in order, wrapping around

    asyncio.run(scenario())


def test_exclamation_mark_without_a_glossary_says_how_to_get_one(letter) -> None:
    path = letter

    async def scenario():
        async with running(path, size=(160, 40)) as (app, pilot, notes):
            before = app.screen.table.row
            await pilot.press("exclamation_mark")
            await pilot.pause()
            assert app.screen.table.row == before
            assert any("--glossary" in message and severity == "warning" for message, severity in notes)

    asyncio.run(scenario())
