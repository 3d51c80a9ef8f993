"""Export of alignment.json to TMX: golden files per profile, DTD validity, filters, round trip, CLI.

Golden files: ``tests/data/tmx/<case>.<profile>.tmx``, the options of each case in ``cases.json``; the
creation dates are masked. ``TMTOOL_UPDATE_GOLDEN=1`` rewrites them (then read the diff).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tmtool.align.model import read_alignment
from tmtool.errors import AlignmentError, LanguageError, UsageError
from tmtool.tmx import export_alignment, iter_units, read_header, validate_tmx, write_tmx

DATA = Path(__file__).resolve().parent.parent / "data" / "tmx"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))
GOLDEN = sorted(f"{case}.{profile}.tmx" for case, spec in CASES.items() for profile in spec["profiles"])
_DATE = re.compile(r'((?:creation|change)date=")\d{8}T\d{6}Z"')


def _mask(text: str) -> str:
    return _DATE.sub(r'\1MASKED"', text)


def _export(case: str, profile: str, path: Path) -> int:
    spec = CASES[case]
    options = {k: spec[k] for k in ("status", "min_confidence", "langs", "segtype") if k in spec}
    return export_alignment(DATA / f"{spec['alignment']}.alignment.json", path, profile=profile, **options)


@pytest.fixture(scope="module")
def dtd(shared):
    return shared / "standards" / "tmx14.dtd"


@pytest.mark.parametrize("golden", GOLDEN)
def test_golden(tmp_path, golden, dtd):
    case, profile, _ = golden.rsplit(".", 2)
    out = tmp_path / golden
    _export(case, profile, out)
    got = _mask(out.read_text(encoding="utf-8"))
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        (DATA / golden).write_text(got, encoding="utf-8")
    assert got == (DATA / golden).read_text(encoding="utf-8")
    assert validate_tmx(out, dtd=dtd) == []


def test_every_golden_file_is_a_case():
    assert sorted(p.name for p in DATA.glob("*.tmx")) == GOLDEN


def test_units_links_and_provenance(tmp_path):
    out = tmp_path / "r.tmx"
    n = _export("resolution", "generic", out)
    units = list(iter_units(out))
    # 6 links; the last has text in English only and is skipped
    assert n == len(units) == 5
    assert [len(u.variants) for u in units] == [4, 4, 4, 4, 2]
    third = units[2]
    assert third.text("fr") == "Rappelant sa résolution 98/7 du 1er juin 2098 et le rapport « Océans <2098> »,"
    assert third.text("zh") == "回顾其2098年6月1日第98/7号决议和“海洋<2098>”报告，"
    assert dict(third.props) == {"x-document": "A/RES/99/1", "x-confidence": "0.62", "x-status": "edited",
                                 "x-link-type": "1-2-1-1"}
    assert len({u.tuid for u in units}) == len(units)
    header = read_header(out)
    assert header["srclang"] == "en"  # the documents' original language
    assert header["segtype"] == "paragraph" and header["creationtool"] == "tmtool"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header["creationdate"])


def test_filters(tmp_path):
    out = tmp_path / "f.tmx"
    assert _export("resolution-fr-en-confirmed", "generic", out) == 2  # confirmed + edited
    units = list(iter_units(out))
    assert [[v.lang for v in u.variants] for u in units] == [["fr", "en"], ["fr", "en"]]
    assert [dict(u.props)["x-link-type"] for u in units] == ["1-1", "2-1"]
    # 0.98 (confirmed) and 0.91, and 0.62 (edited): a reviewer's decision outweighs the automatic score
    assert _export("resolution-min-confidence", "generic", out) == 3
    assert [dict(u.props)["x-status"] for u in iter_units(out)] == ["confirmed", "auto", "edited"]


def test_sentence_alignment_by_paragraph(tmp_path):
    out = tmp_path / "p.tmx"
    assert _export("sentences-by-paragraph", "generic", out) == 3
    units = list(iter_units(out))
    assert units[1].text("en") == "The meeting will take place in Geneva. It will start at 10 a.m."
    assert dict(units[1].props)["x-link-type"] == "2-1"
    assert read_header(out)["segtype"] == "paragraph"
    assert units[0].tuid == "letter_en.docx:1"  # no symbol: the original document's file name


def test_paragraph_alignment_cannot_be_exported_by_sentence(tmp_path):
    with pytest.raises(AlignmentError, match="paragraph-level"):
        export_alignment(DATA / "resolution.alignment.json", tmp_path / "x.tmx", segtype="sentence")
    assert not (tmp_path / "x.tmx").exists()


@pytest.mark.parametrize("langs,error,message", [
    (["en", "de"], LanguageError, "not in the alignment"), (["en"], UsageError, "at least two"),
])
def test_bad_languages(tmp_path, langs, error, message):
    with pytest.raises(error, match=message):
        export_alignment(DATA / "resolution.alignment.json", tmp_path / "x.tmx", langs=langs)


@pytest.mark.parametrize("profile", ["generic", "trados", "memoq", "omegat"])
def test_round_trip_export_import_export(tmp_path, profile, dtd):
    first = tmp_path / "1.tmx"
    second = tmp_path / "2.tmx"
    _export("resolution", profile, first)
    units = list(iter_units(first))
    src = read_header(first)["srclang"]
    assert write_tmx(units, second, srclang=src, profile=profile, segtype="paragraph") == len(units)
    again = list(iter_units(second))
    # the same units: texts, languages, tuids, props, notes (a profile's own props are not added twice)
    assert again == units
    assert _mask(first.read_text(encoding="utf-8")) == _mask(second.read_text(encoding="utf-8"))
    assert validate_tmx(second, dtd=dtd) == []


def test_cli_export_matches_library(tmp_path, cli_run):
    out = tmp_path / "cli.tmx"
    code, stdout, stderr = cli_run([
        "export", DATA / "resolution.alignment.json", "--tmx", out, "--profile", "trados",
        "--status", "confirmed", "--min-confidence", "0.5", "--langs", "fr,en", "--segtype", "paragraph",
    ])
    assert code == 0, stderr
    assert "2 translation units" in stdout
    lib = tmp_path / "lib.tmx"
    export_alignment(DATA / "resolution.alignment.json", lib, profile="trados", status="confirmed",
                     min_confidence=0.5, langs=["fr", "en"], segtype="paragraph")
    assert _mask(out.read_text(encoding="utf-8")) == _mask(lib.read_text(encoding="utf-8"))


def test_cli_errors_are_one_line(tmp_path, cli_run):
    code, _, err = cli_run(["export", DATA / "resolution.alignment.json", "--tmx", tmp_path / "x.tmx",
                            "--langs", "en,xx"])
    assert code == 1 and err.count("\n") == 1 and "xx" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = cli_run(["export", bad, "--tmx", tmp_path / "x.tmx"])
    assert code == 1 and err.startswith("tmtool: error: ") and str(bad) in err
    assert not (tmp_path / "x.tmx").exists()


def test_alignment_object_and_path_give_the_same_file(tmp_path):
    a, b = tmp_path / "a.tmx", tmp_path / "b.tmx"
    export_alignment(read_alignment(DATA / "sentences.alignment.json"), a, creationdate="20250101T000000Z")
    export_alignment(DATA / "sentences.alignment.json", b, creationdate="20250101T000000Z")
    assert a.read_bytes() == b.read_bytes()


def _with_metadata(alignment, **changes):
    from dataclasses import replace

    docs = tuple(replace(d, metadata={**d.metadata, **changes}) if changes else d for d in alignment.documents)
    return replace(alignment, documents=docs)


def test_joint_symbol_is_kept_whole(tmp_path):
    # a General Assembly + Security Council letter has two symbols; the UN writes them A/78/371-S/2023/684
    alignment = _with_metadata(read_alignment(DATA / "resolution.alignment.json"), symbols=["A/78/371", "S/2023/684"])
    out = tmp_path / "joint.tmx"
    export_alignment(alignment, out)
    units = list(iter_units(out))
    assert {dict(u.props)["x-document"] for u in units} == {"A/78/371-S/2023/684"}
    assert units[0].tuid == "A/78/371-S/2023/684:1"


def test_without_symbol_the_file_name_is_said(tmp_path):
    from dataclasses import replace

    alignment = read_alignment(DATA / "resolution.alignment.json")
    alignment = replace(alignment, documents=tuple(
        replace(d, metadata={k: v for k, v in d.metadata.items() if k not in ("symbols", "symbol")})
        for d in alignment.documents))
    out = tmp_path / "nosymbol.tmx"
    export_alignment(alignment, out)
    # the original (English) document's file name, not the bare stem "A_RES_99_1"
    assert {dict(u.props)["x-document"] for u in iter_units(out)} == {"A_RES_99_1.en.txt"}


@pytest.mark.parametrize("langs, expected", [
    (["en", "fr"], ["1-1", "1-1", "1-2", "1-1"]),
    (["fr", "en"], ["1-1", "1-1", "2-1", "1-1"]),
    (["zh", "fr", "ar"], ["1-1-1", "1-1-1", "1-2-1", "1-1-1"]),
])
def test_link_type_counts_only_the_exported_languages(tmp_path, langs, expected, cli_run):
    out = tmp_path / "sub.tmx"
    code, _, err = cli_run(["export", DATA / "resolution.alignment.json", "--tmx", out, "--langs", ",".join(langs)])
    assert code == 0, err
    got = [dict(u.props)["x-link-type"] for u in iter_units(out)]
    assert got[:4] == expected and all(len(t.split("-")) == len(langs) for t in got)


def test_export_refuses_to_overwrite_its_input(tmp_path, cli_run):
    src = tmp_path / "alignment.json"
    src.write_bytes((DATA / "resolution.alignment.json").read_bytes())
    before = src.read_bytes()
    (tmp_path / "sub").mkdir()
    for target in (src, tmp_path / "sub" / ".." / "alignment.json"):
        code, _, err = cli_run(["export", src, "--tmx", target])
        assert code == 2 and err.count("\n") == 1 and "same file" in err, err
    link = tmp_path / "link.tmx"
    link.symlink_to(src)
    code, _, err = cli_run(["export", src, "--tmx", link])
    assert code == 2 and "same file" in err
    assert src.read_bytes() == before


def test_unit_without_the_source_language(tmp_path, dtd, cli_run):
    # link 4's English moved to link 3 (review action K): link 4 holds fr/zh/ar but no en, the header's srclang
    alignment = DATA / "no-source.alignment.json"
    generic, trados = tmp_path / "g.tmx", tmp_path / "t.tmx"
    stats: dict[str, int] = {}
    assert export_alignment(alignment, generic, stats=stats) == 5 and stats == {"no_source": 0}
    fourth = list(iter_units(generic))[3]
    assert fourth.tuid == "A/RES/99/1:4" and fourth.srclang == "*all*"  # generic: any language may be source
    assert [v.lang for v in fourth.variants] == ["fr", "zh", "ar"]
    assert export_alignment(alignment, trados, profile="trados", stats=stats) == 4 and stats == {"no_source": 1}
    assert "A/RES/99/1:4" not in {u.tuid for u in iter_units(trados)}  # Trados/memoQ: every tu holds en-US
    for out in (generic, trados):
        assert validate_tmx(out, dtd=dtd) == []
    code, stdout, err = cli_run(["export", alignment, "--tmx", tmp_path / "cli.tmx", "--profile", "memoq"])
    assert code == 0, err
    assert stdout == f"{tmp_path / 'cli.tmx'}: 4 translation units (memoq profile), " \
                     "1 unit without the source language skipped\n"
    code, stdout, err = cli_run(["tmx", "validate", tmp_path / "cli.tmx", "--dtd", dtd])
    assert code == 0, stdout


def test_cli_exit_codes_and_targets(tmp_path, cli_run, monkeypatch):
    # data errors exit 1 as docs/tmx.md says (they exited 2, the code of contradictory options)
    target = tmp_path / "k.tmx"
    target.write_text("old", encoding="utf-8")
    for extra in (["--langs", "de,fr"], ["--segtype", "sentence"]):
        code, _, err = cli_run(["export", DATA / "resolution.alignment.json", "--tmx", target, *extra])
        assert code == 1 and err.count("\n") == 1 and err.startswith("tmtool: error: "), err
    assert target.read_text(encoding="utf-8") == "old"
    # "-" is not standard output (it made a file named "-"); a missing folder is not created
    monkeypatch.chdir(tmp_path)
    code, _, err = cli_run(["export", DATA / "resolution.alignment.json", "--tmx", "-"])
    assert code == 2 and err == "tmtool: error: --tmx -: this writes a file, not standard output; give a file name\n"
    assert not (tmp_path / "-").exists()
    missing = tmp_path / "missing" / "dir"
    code, _, err = cli_run(["export", DATA / "resolution.alignment.json", "--tmx", missing / "x.tmx"])
    assert code == 2 and err == f"tmtool: error: {missing / 'x.tmx'}: its folder {missing} does not exist\n"
    assert not (tmp_path / "missing").exists()
