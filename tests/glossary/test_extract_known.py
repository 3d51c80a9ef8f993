"""``glossary extract --glossary``: candidates a glossary already holds are marked (a terminologist reviews the
new ones; a known source term rendered otherwise than the glossary says is worth a look)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tmtool.glossary import read_glossary
from tmtool.glossary.extract import extract_terms
from tmtool.glossary.known import mark_known
from tmtool.glossary.pairs import SegmentPair

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary-extract"

VERBS = [("met", "собрался"), ("spoke", "выступил"), ("decided", "решил"), ("waited", "ждал"), ("agreed", "согласился"),
         ("voted", "голосовал")]
TERMS = [("the Security Council", "Совет Безопасности"), ("the Secretary-General", "Генсек"),
         ("the General Assembly", "Генеральный совет"), ("the peace process", "мирный процесс")]
PAIRS = [SegmentPair(f"On item {n}, {en} {v_en}.", f"По пункту {n} {ru} {v_ru}.")
         for t, (en, ru) in enumerate(TERMS) for k, (v_en, v_ru) in enumerate(VERBS[t : t + 3]) for n in (10 * t + k,)]


def test_candidates_are_marked_with_what_the_glossary_says() -> None:
    cands = mark_known(extract_terms(PAIRS, "en", "ru", limit=20), read_glossary(DATA / "known.csv"), "en", "ru")
    got = {c.source: (c.target, c.glossary) for c in cands}
    assert got["Security Council"] == ("Совет Безопасности", "known")
    assert got["Secretary-General"] == ("Генсек", "known, deprecated target")
    assert got["General Assembly"][1] == "other target: Генеральная Ассамблея"
    assert got["peace process"][1] == ""  # new


def test_cli_adds_a_glossary_column_only_when_asked(cli_run, tmp_path: Path) -> None:
    from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment

    docs = (AlignedDocument("en", tuple(p.src for p in PAIRS)), AlignedDocument("ru", tuple(p.tgt for p in PAIRS)))
    path = tmp_path / "alignment.json"
    write_alignment(Alignment(docs, tuple(Link({"en": (i,), "ru": (i,)}, 1.0) for i in range(len(PAIRS)))), path)
    code, plain, err = cli_run(["glossary", "extract", path, "--src", "en", "--tgt", "ru"])
    assert code == 0, err
    assert plain.splitlines()[0].split("\t")[-1] == "example_target"
    code, marked, err = cli_run(["glossary", "extract", path, "--src", "en", "--tgt", "ru",
                                 "--glossary", DATA / "known.csv"])  # fmt: skip
    assert code == 0, err
    rows = [line.split("\t") for line in marked.splitlines()]
    assert rows[0][-1] == "glossary" and all(len(r) == 11 for r in rows)
    assert {r[1]: r[-1] for r in rows[1:]}["Security Council"] == "known"
    # the TBX output says it in the entry note
    out = tmp_path / "terms.tbx"
    code, _, err = cli_run(["glossary", "extract", path, "--src", "en", "--tgt", "ru", "-o", out,
                            "--glossary", DATA / "known.csv"])  # fmt: skip
    assert code == 0, err
    notes = {e.terms[0].text: e.note for e in read_glossary(out).entries}
    assert notes["Security Council"].endswith("; glossary: known")


def test_a_bad_glossary_is_one_line_before_extraction(cli_run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><unclosed>", "utf-8")
    out = tmp_path / "terms.tsv"
    code, stdout, err = cli_run(["glossary", "extract", tmp_path / "missing.json", "--src", "en", "--tgt", "ru",
                                 "--glossary", bad, "-o", out])  # fmt: skip
    assert code == 1 and err.count("\n") == 1 and "bad.tbx" in err and not out.exists()


def test_an_approved_and_a_deprecated_term_matching_alike_count_as_approved() -> None:
    """Two terms of one entry that match the candidate whole (they differ in case only): the approved one marks
    it, whichever the entry lists first (the last match, the deprecated one, used to win)."""
    from tmtool.glossary.known import glossary_status
    from tmtool.glossary.model import Entry, Glossary, Term

    for order in (1, -1):
        terms = (Term("совет безопасности", "ru", "deprecated", part_of_speech="noun"),
                 Term("Совет Безопасности", "ru", "preferred"))[::order]
        glossary = Glossary((Entry("sc", (Term("Security Council", "en"), *terms)),))
        candidate = replace(extract_terms(PAIRS, "en", "ru", limit=20)[0], source="Security Council",
                            target="Совет Безопасности")
        assert glossary_status(candidate, glossary, "en", "ru") == "known"


def test_a_script_extracts_marks_and_writes_candidates_from_the_package_alone(tmp_path: Path) -> None:
    """What ``glossary extract --glossary G -o FILE`` does, from ``tmtool.glossary`` alone: mark_known,
    candidates_to_tsv and candidates_to_glossary were reachable only through private modules."""
    from tmtool.glossary import (candidates_to_glossary, candidates_to_tsv, extract_terms, mark_known,
                                 write_glossary)

    cands = mark_known(extract_terms(PAIRS, "en", "ru", limit=20), read_glossary(DATA / "known.csv"), "en", "ru")
    lines = candidates_to_tsv(cands, glossary_column=True).splitlines()
    assert lines[0].endswith("\texample_target\tglossary") and len(lines) == len(cands) + 1
    assert any(line.split("\t")[1:3] == ["Security Council", "Совет Безопасности"] and line.endswith("\tknown")
               for line in lines)
    write_glossary(candidates_to_glossary(cands, "en", "ru"), tmp_path / "candidates.tbx")
    back = read_glossary(tmp_path / "candidates.tbx")
    assert len(back.entries) == len(cands) and {t.status for e in back.entries for t in e.terms} == {"proposed"}


def test_checking_a_language_against_itself_is_a_usage_error() -> None:
    """check_pairs(glossary, pairs, "en", "en-GB") found nothing and said so (the CLI refused it before calling);
    as extract_terms does, it now says the two languages are one."""
    from tmtool.errors import UsageError
    from tmtool.glossary import check_pairs

    with pytest.raises(UsageError, match="the same language"):
        check_pairs(read_glossary(DATA / "known.csv"), PAIRS, "en", "en-GB")
