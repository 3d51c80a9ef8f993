"""Golden tests of grouping: file-name lists in tests/data/batch/grouping, manifests in tests/data/batch/manifests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.batch.grouping import (
    DocumentSet,
    Grouping,
    check_set_name,
    compile_pattern,
    discover_sets,
    group_by_convention,
    group_by_pattern,
    read_manifest,
    split_language_suffix,
)
from tmtool.errors import FormatError, InputError, UsageError

DATA = Path(__file__).resolve().parent.parent / "data" / "batch"
LISTS = sorted((DATA / "grouping").glob("*.files"))
MANIFESTS = sorted(p for p in (DATA / "manifests").iterdir() if p.suffix in {".csv", ".jsonl"} and not p.name.startswith("bad_"))
BAD_MANIFESTS = sorted(p for p in (DATA / "manifests").iterdir() if p.name.startswith("bad_") and p.suffix != ".error")


def as_json(grouping: Grouping, base: Path) -> dict:
    sets = {}
    for s in grouping.sets:
        entry: dict = {"files": {lang: Path(path).relative_to(base).as_posix() for lang, path in s.files}}
        if s.problem:
            entry["problem"] = s.problem
        sets[s.name] = entry
    return {"sets": sets, "unmatched": grouping.unmatched}


@pytest.mark.parametrize("listing", LISTS, ids=lambda p: p.stem)
def test_grouping_golden(listing: Path) -> None:
    lines = listing.read_text(encoding="utf-8").splitlines()
    pattern = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("# pattern:")), None)
    files = [ln for ln in lines if ln.strip() and not ln.startswith("#")]
    base = Path("/input")
    grouping = group_by_pattern(base, pattern, files) if pattern else group_by_convention(base, files)
    expected = json.loads(listing.with_suffix(".json").read_text(encoding="utf-8"))
    assert as_json(grouping, base) == expected


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_manifest_golden(manifest: Path) -> None:
    grouping = read_manifest(manifest)
    expected = json.loads(manifest.with_suffix(".json").read_text(encoding="utf-8"))
    assert as_json(grouping, manifest.parent) == expected


@pytest.mark.parametrize("manifest", BAD_MANIFESTS, ids=lambda p: p.name)
def test_bad_manifest_one_line_error_with_place(manifest: Path) -> None:
    with pytest.raises(FormatError) as info:
        read_manifest(manifest)
    expected = manifest.with_suffix(".error").read_text(encoding="utf-8").strip()
    assert str(info.value) == f"{manifest}:{expected}"
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("A_78_371-EN", ("A_78_371", "en")),
        ("letter.fr", ("letter", "fr")),
        ("X_ar", ("X", "ar")),
        ("N2326548_C", ("N2326548", "zh")),
        ("N2326548_S", ("N2326548", "es")),
        ("report-final", None),  # 'final' is no code
        ("annex_xx", None),  # 'xx' is not an ISO 639-1 code
        ("annex_e", None),  # one-letter codes are upper case only
        ("EN", None),  # a language without a set name
        ("udhr_eng", ("udhr", "en")),  # ISO 639-2/639-3 codes of the UN languages
        ("udhr_cmn_hans", ("udhr", "zh-Hans")),  # ... with a script subtag
        ("udhr_arb", ("udhr", "ar")),
        ("notes_cat", None),  # Catalan's code, but a word as often: only the UN languages' codes are read
        ("memo_en_Text", None),  # 'Text' is no script
        ("letter.zh-CN", ("letter", "zh-CN")),  # a region subtag, kept in the tag
        ("report.pt-BR", ("report", "pt-BR")),  # was ("report.pt", "br"): Breton
        ("A_78_371-ZH-CN", ("A_78_371", "zh-CN")),
        ("letter.zh-cn", ("letter", "zh-CN")),
        ("A_ES-AR", ("A_ES", "ar")),  # the set A_ES in Arabic, as UN file names write it; not es-AR (hypothesis)
        ("A_ES-ar", ("A_ES", "ar")),
        ("x.es-AR", ("x", "es-AR")),  # a tag's own casing
        ("letter.zh-Hans-TW", ("letter", "zh-Hans-TW")),
        ("x.es-419", ("x", "es-419")),
        ("how_to_do", None),  # Tongan of the Dominican Republic: no CLDR locale, so no region
        ("how_to_be", ("how_to", "be")),  # no locale to-BE: read without the region rule, as before
    ],
)
def test_split_language_suffix(stem: str, expected) -> None:
    assert split_language_suffix(stem) == expected


def test_language_folders_need_every_top_folder_to_be_a_language() -> None:
    grouping = group_by_convention("/in", ["en/a.txt", "fr/a.txt", "misc/a.txt"])
    assert grouping.sets == []
    assert grouping.unmatched == ["en/a.txt", "fr/a.txt", "misc/a.txt"]


@pytest.mark.parametrize("pattern", ["{set}.txt", "{lang}.txt", "{set}{set}.{lang}", "{set}.{lang}.{lang}"])
def test_pattern_needs_set_and_lang_once(pattern: str) -> None:
    with pytest.raises(UsageError):
        compile_pattern(pattern)


def test_pattern_star_stays_inside_one_folder() -> None:
    regex = compile_pattern("{lang}/*/{set}.txt")
    assert regex.fullmatch("en/2019/a.txt")
    m = regex.fullmatch("en/2019/x/a.txt")  # {set} may cross folders, * may not
    assert m is not None and m.group("set") == "x/a"
    assert compile_pattern("*/{set}.{lang}").fullmatch("a/b/c.en").group("set") == "b/c"


@pytest.mark.parametrize("name", ["", "/abs", "a//b", "a/../b", ".", "a\\b", "x/done.json"])
def test_bad_set_names(name: str) -> None:
    assert check_set_name(name) is not None


def test_discover_on_real_folder_skips_hidden_files_and_outdir(tmp_path: Path) -> None:
    for name in ["a-en.txt", "a-fr.txt", ".hidden-en.txt", "out/alignments/a-en.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    grouping = discover_sets(tmp_path, exclude=tmp_path / "out")
    assert grouping.sets == [
        DocumentSet("a", (("en", str(tmp_path / "a-en.txt")), ("fr", str(tmp_path / "a-fr.txt"))))
    ]
    assert grouping.unmatched == []


def test_discover_missing_input_and_pattern_on_manifest(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        discover_sets(tmp_path / "nope")
    manifest = tmp_path / "m.csv"
    manifest.write_text("set,en,fr\na,a.en,a.fr\n", encoding="utf-8")
    with pytest.raises(UsageError):
        discover_sets(manifest, "{set}.{lang}")
    assert [s.name for s in discover_sets(manifest).sets] == ["a"]


SYMBOL = st.from_regex(r"[A-Z][A-Z0-9]{0,3}(_[A-Z0-9]{1,4}){0,3}", fullmatch=True)
LANG_SETS = st.sets(st.sampled_from(["ar", "en", "es", "fr", "ru", "zh"]), min_size=2, max_size=6)


@given(st.dictionaries(SYMBOL, LANG_SETS, min_size=1, max_size=8), st.sampled_from(["-", "_", "."]),
       st.booleans(), st.sampled_from([".txt", ".docx", ".pdf"]))
def test_convention_recovers_generated_sets(sets, sep, upper, ext) -> None:
    """Every set written as <symbol><sep><lang><ext> comes back whole: same names, same languages, same files."""
    files = {
        name: {lang: f"{name}{sep}{lang.upper() if upper else lang}{ext}" for lang in langs}
        for name, langs in sets.items()
    }
    listing = [f for per_set in files.values() for f in per_set.values()]
    grouping = group_by_convention(Path("/in"), reversed(listing))
    assert grouping.unmatched == []
    assert {s.name: {lang: Path(p).name for lang, p in s.files} for s in grouping.sets} == files
    assert all(s.problem is None for s in grouping.sets)
    assert [s.name for s in grouping.sets] == sorted(files)


@given(st.dictionaries(st.from_regex(r"[a-z0-9]+(/[a-z0-9]+)?", fullmatch=True), LANG_SETS, min_size=1, max_size=6))
def test_pattern_recovers_generated_sets(sets) -> None:
    listing = [f"{lang}/{name}.xml" for name, langs in sets.items() for lang in langs]
    grouping = group_by_pattern(Path("/in"), "{lang}/{set}.xml", listing)
    assert {s.name: set(s.langs) for s in grouping.sets} == sets


@pytest.mark.parametrize(("tag", "expected"), [
    ("eng", "en"), ("fre-CA", "fr-CA"), ("cmn_hans", "zh-Hans"), ("arb", "ar"), ("zho-Hant-TW", "zh-Hant-TW"),
    ("cat", "ca"),  # given as a tag, a three-letter code is read whatever it spells
    ("fil", "fil"), ("haw", "haw"),  # no two-letter code: kept
    ("EN-us", "en-US"),
])
def test_three_letter_language_codes_become_two_letter_ones(tag: str, expected: str) -> None:
    from tmtool.languages import normalise_tag

    assert normalise_tag(tag) == expected

