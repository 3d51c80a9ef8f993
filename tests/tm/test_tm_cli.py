"""`tmtool tm ...` and `tmtool lookup` through the real entry point; TMX round trip through the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tm_helpers import small_units

from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment
from tmtool.tm import TMStore
from tmtool.tmx import iter_units, validate_tmx, write_tmx


@pytest.fixture
def tmx_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.tmx"
    write_tmx(small_units(), path, srclang="en")
    return path


@pytest.fixture
def tm_dir(tmp_path: Path, tmx_file: Path, cli_run) -> Path:
    tm = tmp_path / "tm"
    code, out, err = cli_run(["tm", "import", tmx_file, "--tm", tm])
    assert code == 0, err
    assert "14 units added" in out
    return tm


def _units(tm: Path) -> list[tuple]:
    df = TMStore.open(tm, create=False).units()
    return sorted(df.select("text:en", "text:fr", "text:zh", "count", "documents").iter_rows())


def test_import_stats_json(tm_dir: Path, cli_run) -> None:
    code, out, _ = cli_run(["tm", "stats", "--format", "json", "--tm", tm_dir])
    stats = json.loads(out)
    assert code == 0 and stats["units"] == 13 and stats["documents"] == 5
    assert stats["languages"] == {"en": 13, "fr": 13, "zh": 13} and stats["bytes"] > 0
    code, out, _ = cli_run(["tm", "stats", "--tm", tm_dir])
    assert "13 (14 added, duplicates merged)" in out


def test_tm_dir_from_environment(tm_dir: Path, cli_run, monkeypatch) -> None:
    monkeypatch.setenv("TMTOOL_TM", str(tm_dir))
    code, out, _ = cli_run(["tm", "stats", "--format", "json"])
    assert code == 0 and json.loads(out)["units"] == 13


@pytest.fixture
def tmx_dtd(shared: Path) -> Path:
    """The TMX 1.4 DTD (not shipped: read in place from ../shared/standards)."""
    return shared / "standards" / "tmx14.dtd"


def test_round_trip_import_export_import(tm_dir: Path, tmp_path: Path, cli_run, tmx_dtd: Path) -> None:
    out_tmx = tmp_path / "out.tmx"
    code, out, err = cli_run(["tm", "export", "--tmx", out_tmx, "--tm", tm_dir])
    assert code == 0, err
    assert "13 units written" in out
    assert validate_tmx(out_tmx, dtd=tmx_dtd) == []
    tm2 = tmp_path / "tm2"
    assert cli_run(["tm", "import", out_tmx, "--tm", tm2])[0] == 0
    assert _units(tm2) == _units(tm_dir)  # texts, counts (x-count) and documents survive
    again = tmp_path / "again.tmx"
    assert cli_run(["tm", "export", "--tmx", again, "--tm", tm2])[0] == 0
    first = sorted((u.tuid, tuple((v.lang, v.text) for v in u.variants)) for u in iter_units(out_tmx))
    second = sorted((u.tuid, tuple((v.lang, v.text) for v in u.variants)) for u in iter_units(again))
    assert first == second


def test_export_selected_languages(tm_dir: Path, tmp_path: Path, cli_run) -> None:
    out_tmx = tmp_path / "enzh.tmx"
    code, _, err = cli_run(["tm", "export", "--tmx", out_tmx, "--langs", "zh,en", "--tm", tm_dir])
    assert code == 0, err
    units = list(iter_units(out_tmx))
    assert len(units) == 13 and all(sorted(v.lang for v in u.variants) == ["en", "zh"] for u in units)
    code, _, err = cli_run(["tm", "export", "--tmx", out_tmx, "--langs", "de", "--tm", tm_dir])
    assert code == 2 and "not in the TM: de" in err


def test_add_alignment_file(tmp_path: Path, cli_run) -> None:
    alignment = Alignment(
        (AlignedDocument("en", ("Hello.", "World.")), AlignedDocument("fr", ("Bonjour.", "Monde."))),
        (Link({"en": (0,), "fr": (0,)}, 0.9), Link({"en": (1,), "fr": (1,)}, 0.8)),
    )
    path = tmp_path / "alignment.json"
    write_alignment(alignment, path)
    code, out, err = cli_run(["tm", "add", path, "--tm", tmp_path / "tm"])
    assert code == 0, err
    assert "2 units added" in out
    code, out, _ = cli_run(["lookup", "world", "--src", "en", "--tm", tmp_path / "tm", "--format", "json"])
    assert json.loads(out)["results"][0]["target"] == "Monde."


def test_lookup_text_kwic(tm_dir: Path, cli_run) -> None:
    code, out, _ = cli_run(["lookup", "security council", "--src", "en", "--tgt", "fr", "--tm", tm_dir])
    assert code == 0
    assert "3 units" in out and "renderings in fr (of 3 hits): Conseil de sécurité (3)" in out
    assert "**Security Council**" in out and "**Conseil de sécurité**" in out


def test_lookup_json_and_fuzzy(tm_dir: Path, cli_run) -> None:
    code, out, _ = cli_run(["lookup", "安全理事会", "--src", "zh", "--tgt", "en", "--tm", tm_dir,
                            "--format", "json"])
    data = json.loads(out)
    assert code == 0 and data["total"] == 3 and data["renderings"][0]["text"] == "Security Council"
    code, out, _ = cli_run(["lookup", "The Security Council adopted the decision unanimously.", "--src", "en",
                            "--tgt", "fr", "--fuzzy", "--tm", tm_dir, "--format", "json"])
    data = json.loads(out)
    assert data["results"][0]["score"] == 85 and data["results"][0]["origin"] == "A/1"
    # the languages searched, as concordance gives them (a script reading fuzzy JSON had to guess the target)
    assert data["mode"] == "fuzzy" and data["src"] == ["en"] and data["tgt"] == ["fr"]
    code, out, _ = cli_run(["lookup", "The Security Council adopted the decision unanimously.", "--src", "en",
                            "--fuzzy", "--tm", tm_dir, "--format", "json"])
    data = json.loads(out)
    assert code == 0 and data["src"] == ["en"] and data["tgt"] and "en" not in data["tgt"]


@pytest.mark.parametrize("command", [["tm", "add", "ALIGNMENT"], ["tm", "stats"], ["lookup", "Council", "--src", "en"]])
def test_tm_dash_is_refused_and_no_folder_named_dash_is_made(command: list[str], tmp_path: Path, cli_run,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """`tm add --tm -` made a folder named '-' in the working folder and reported units added to it."""
    monkeypatch.chdir(tmp_path)
    alignment = tmp_path / "a.json"
    write_alignment(Alignment((AlignedDocument("en", ("Council.",)), AlignedDocument("fr", ("Conseil.",))),
                              (Link({"en": (0,), "fr": (0,)}, 0.9),)), alignment)
    args = [str(alignment) if a == "ALIGNMENT" else a for a in command]
    code, _, err = cli_run([*args, "--tm", "-"])
    assert code == 2 and err.startswith("tmtool: error: --tm -: a translation memory is a folder")
    assert len(err.splitlines()) == 1 and not (tmp_path / "-").exists()


def test_lookup_queries_file(tm_dir: Path, tmp_path: Path, cli_run) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("General Assembly\n\nnothing-like-this\n", encoding="utf-8")
    code, out, _ = cli_run(["lookup", "--queries", queries, "--src", "en", "--tgt", "fr", "--tm", tm_dir])
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [d["query"] for d in lines] == ["General Assembly", "nothing-like-this"]
    assert len(lines[0]["results"]) == 2 and lines[1]["results"] == []
    assert set(lines[0]["results"][0]) >= {"score", "source", "target", "origin"}
    code, out, _ = cli_run(["lookup", "--queries", queries, "--src", "en", "--fuzzy", "--threshold", "40",
                            "--tm", tm_dir])
    assert code == 0 and all(r["score"] >= 40 for d in map(json.loads, out.splitlines()) for r in d["results"])


@pytest.mark.parametrize("env, coloured", [
    ({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False),
    ({"NO_COLOR": ""}, True),  # no-color.org: set *and not empty* (as rich, which draws the progress bars, reads it)
])
@pytest.mark.parametrize("query", [["Security Council"], ["The Security Council adopted a resolution unanimously.", "--fuzzy"]])
def test_lookup_colours_only_a_terminal_that_takes_them(tm_dir: Path, cli_run, monkeypatch, env: dict, coloured: bool,
                                                        query: list) -> None:
    """On a terminal the query is ANSI bold; TERM=dumb (Emacs shells, some CI logs) got the escapes too."""
    import sys

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = cli_run(["lookup", *query, "--src", "en", "--tgt", "fr", "--tm", tm_dir])
    assert code == 0, err
    assert ("\x1b[" in out) == coloured and ("**" in out) != coloured, out


def test_lookup_queries_from_standard_input(tm_dir: Path, tmp_path: Path, cli_run, monkeypatch) -> None:
    """`--queries -` reads the queries from stdin (`cut -f1 terms.tsv | tmtool lookup --queries - ...`); it was
    'tmtool: error: -: no such file'. Same lines as from a file, NUL bytes refused naming <stdin>."""
    import io
    import sys

    monkeypatch.chdir(tmp_path)  # no file named '-' here
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("General Assembly\n\nnothing-like-this\n".encode())))
    code, out, err = cli_run(["lookup", "--queries", "-", "--src", "en", "--tgt", "fr", "--tm", tm_dir])
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["query"] for d in lines] == ["General Assembly", "nothing-like-this"] and len(lines[0]["results"]) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"General\nCoun\x00cil\n")))
    code, out, err = cli_run(["lookup", "--queries", "-", "--src", "en", "--tm", tm_dir])
    assert code == 1 and out == "" and err == "tmtool: error: <stdin>:2: NUL bytes: not a text file of queries\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32", "utf-32-be"])
def test_lookup_queries_with_a_byte_order_mark(tm_dir: Path, tmp_path: Path, cli_run, encoding: str) -> None:
    """What Windows Notepad saves as "Unicode" (UTF-16 with a BOM) or "UTF-8 with BOM"."""
    queries = tmp_path / "q.txt"
    text = "General Assembly\r\nnothing-like-this\r\n"
    queries.write_bytes(("\ufeff" + text).encode(encoding) if encoding.endswith("-be") else text.encode(encoding))
    code, out, err = cli_run(["lookup", "--queries", queries, "--src", "en", "--tgt", "fr", "--tm", tm_dir])
    assert code == 0, err
    assert [json.loads(line)["query"] for line in out.splitlines()] == ["General Assembly", "nothing-like-this"]


@pytest.mark.parametrize("content, needle", [
    ("General Assembly\nCouncil\n".encode("utf-16-le"), "q.txt: looks like UTF-16 without a byte-order mark"),
    (b"General Assembly\nCoun\x00cil\n", "q.txt:2: NUL bytes"),
    ("\ufeffGeneral\x00 Assembly\n".encode("utf-16-le"), "q.txt:1: NUL character"),
])
def test_lookup_queries_with_nul_bytes_are_refused(tm_dir: Path, tmp_path: Path, cli_run, content: bytes,
                                                   needle: str) -> None:
    queries = tmp_path / "q.txt"
    queries.write_bytes(content)
    code, out, err = cli_run(["lookup", "--queries", queries, "--src", "en", "--tm", tm_dir])
    assert code == 1 and needle in err and err.count("\n") == 1 and out == ""


@pytest.mark.parametrize("args,needle,exit_code", [
    (["lookup", "x", "--src", "en"], "no translation memory here", 1),
    (["tm", "stats"], "no translation memory here", 1),
    (["lookup", "--src", "en"], "give either a QUERY or --queries FILE", 2),
])
def test_errors_are_one_line(tmp_path: Path, cli_run, monkeypatch, args, needle, exit_code) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TMTOOL_TM", raising=False)
    code, out, err = cli_run(args)
    assert code == exit_code and needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_corrupt_manifest_and_bad_files(tm_dir: Path, tmp_path: Path, cli_run) -> None:
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json", encoding="utf-8")
    code, _, err = cli_run(["tm", "add", bad_json, "--tm", tm_dir])
    assert code == 1 and "bad.json:1" in err and err.count("\n") == 1
    (tm_dir / "manifest.json").write_text("garbage", encoding="utf-8")
    code, _, err = cli_run(["lookup", "x", "--src", "en", "--tm", tm_dir])
    assert code == 1 and "manifest.json:1: corrupt manifest" in err and err.count("\n") == 1


def test_a_tmx_file_given_to_add_points_to_import(tm_dir: Path, tmx_file: Path, tmp_path: Path, cli_run) -> None:
    """`tm add` takes alignment.json files: a TMX file, by its name or (renamed) by its content, is refused in one
    line that says what it is, and nothing of the other files goes in."""
    good = tmp_path / "good.json"
    write_alignment(Alignment((AlignedDocument("en", ("One.",), "a.txt"), AlignedDocument("fr", ("Un.",), "a.fr.txt")),
                              (Link({"en": (0,), "fr": (0,)}),)), good)
    before = _units(tm_dir)
    code, _, err = cli_run(["tm", "add", good, tmx_file, "--tm", tm_dir])
    assert code == 2 and "small.tmx: a TMX file; add it with 'tmtool tm import'" in err and err.count("\n") == 1
    renamed = tmp_path / "renamed.json"
    renamed.write_bytes(tmx_file.read_bytes().decode("utf-8").encode("utf-16"))  # with a byte order mark
    code, _, err = cli_run(["tm", "add", renamed, "--tm", tm_dir])
    assert code == 1 and "renamed.json: an XML file (TMX, TBX?), not an alignment.json" in err
    assert _units(tm_dir) == before


def test_broken_tmx_import_adds_nothing(tm_dir: Path, tmx_file: Path, tmp_path: Path, cli_run) -> None:
    raw = tmx_file.read_bytes()
    broken = tmp_path / "broken.tmx"
    broken.write_bytes(raw[: len(raw) * 2 // 3])  # cut in the middle of the body
    before = _units(tm_dir)
    code, _, err = cli_run(["tm", "import", broken, "--tm", tm_dir])
    assert code == 1 and "broken.tmx" in err and err.count("\n") == 1 and "Traceback" not in err
    assert _units(tm_dir) == before  # one import is one commit: nothing of the broken file went in
    assert len(list((tm_dir / "parts").iterdir())) == 1


@pytest.mark.parametrize("profile", ["generic", "trados", "memoq", "omegat"])
def test_export_profiles_are_valid_tmx(tm_dir: Path, tmp_path: Path, cli_run, profile: str, tmx_dtd: Path) -> None:
    out_tmx = tmp_path / f"{profile}.tmx"
    code, _, err = cli_run(["tm", "export", "--tmx", out_tmx, "--profile", profile, "--tm", tm_dir])
    assert code == 0, err
    assert [p for p in validate_tmx(out_tmx, dtd=tmx_dtd) if p.severity == "error"] == []
    assert len(list(iter_units(out_tmx))) == 13


def test_fuzzy_text_output_marks_the_differences(tm_dir: Path, cli_run) -> None:
    code, out, _ = cli_run(["lookup", "The Security Council adopted the decision unanimously.", "--src", "en",
                            "--tgt", "fr", "--fuzzy", "--tm", tm_dir])
    assert code == 0
    assert out.splitlines()[0] == " 85%  The Security Council adopted the **resolution** unanimously."


def test_alternatives_in_one_language_are_all_imported(tmp_path: Path, cli_run) -> None:
    """Two FR-CA tuvs in one tu (OmegaT's alternative translations): one unit each, as the TMX writer splits."""
    tm = tmp_path / "tm"
    code, out, _ = cli_run(["tm", "import", Path(__file__).parent.parent / "data" / "tm" / "alternatives.tmx",
                            "--tm", tm])
    assert code == 0 and ": 3 units added" in out
    assert "(1 unit had several variants in one language: each variant added as a unit of its own)" in out
    df = TMStore.open(tm, create=False).units()
    assert sorted(df.select("text:en-US", "text:fr-CA").iter_rows()) == [
        ("Goodbye.", "Au revoir."), ("Hello World!", "Bonjour le monde !"), ("Hello World!", "Bonjour tout le monde !")]


def test_lookup_json_results_always_carry_their_spans(tm_dir: Path, cli_run) -> None:
    """docs/tm.md lists source_spans and target_span as result keys: [] and null when there is none."""
    from tmtool.tm.results import Hit

    assert Hit(score=90, source="a", target=None, origin=None).to_json() == {
        "score": 90, "source": "a", "target": None, "origin": None, "count": 1, "documents": [],
        "source_spans": [], "target_span": None}
    for mode in ([], ["--fuzzy"]):
        code, out, _ = cli_run(["lookup", "The Security Council adopted the resolution.", "--src", "en",
                                "--tgt", "zh", "--tm", tm_dir, "--format", "json", *mode])
        results = json.loads(out)["results"]
        assert code == 0 and results
        assert all("source_spans" in r and "target_span" in r for r in results), mode


@pytest.mark.parametrize(("target", "message"), [("-", "--tmx -: this writes a file"),
                                                 ("no/such/out.tmx", "its folder")])
def test_export_to_dash_or_a_missing_folder_is_refused(tm_dir: Path, tmp_path: Path, cli_run, monkeypatch,
                                                      target: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli_run(["tm", "export", "--tmx", target, "--tm", tm_dir])
    assert code == 2 and message in err, err
    assert not (tmp_path / "-").exists() and not (tmp_path / "no").exists()


@pytest.mark.parametrize(("profile", "written", "summary"), [
    ("trados", 1, "1 unit written, 1 unit without the source language en skipped"),
    ("generic", 2, "2 units written"),
])  # fmt: skip
def test_tm_export_of_a_unit_without_the_source_language(tmp_path: Path, cli_run, tmx_dtd: Path, profile: str,
                                                          written: int, summary: str) -> None:
    """A fr/de unit under an English header: left out by the tool profiles, ``srclang="*all*"`` of its own in the
    generic one, as ``tmtool export`` does (it was written as it was, and Trados wants English in every unit)."""
    from tmtool.tmx.model import TranslationUnit, Variant

    tm = tmp_path / "tm"
    TMStore.open(tm).add_units([
        TranslationUnit((Variant("en", "The Council met."), Variant("fr", "Le Conseil s'est réuni."))),
        TranslationUnit((Variant("fr", "Le Conseil a voté."), Variant("de", "Der Rat hat abgestimmt."))),
    ], origin="test")  # fmt: skip
    out = tmp_path / "out.tmx"
    code, stdout, err = cli_run(["tm", "export", "--tmx", out, "--profile", profile, "--tm", tm])
    assert code == 0 and stdout.strip() == f"{out}: {summary}", (stdout, err)
    assert len(list(iter_units(out))) == written
    assert validate_tmx(out, dtd=tmx_dtd) == []


def test_a_lookup_that_finds_nothing_says_where_the_query_is(tm_dir: Path, cli_run) -> None:
    """A French term searched with --src en, a wrong-language fuzzy segment, a plural the TM holds in the singular
    and a CAT tool's wildcard all printed `0 units` (or `no fuzzy match`) and nothing else, as for a term the TM
    does not hold. Each now gets a hint line; a query found nowhere gets none, and JSON output is unchanged."""
    lookup = ["lookup", "--tm", tm_dir, "--tgt", "zh"]
    code, out, _ = cli_run([*lookup, "Conseil de sécurité", "--src", "en"])
    assert code == 0
    assert out.splitlines() == ["'Conseil de sécurité' in en: 0 units", "hint: found in fr (3 units): try --src fr"]
    code, out, _ = cli_run([*lookup, "Le Conseil de sécurité a adopté la résolution à l'unanimité.", "--src", "en",
                            "--fuzzy"])
    assert code == 0
    assert out.splitlines() == ["no fuzzy match of 70% or more", "hint: found in fr (best match 100%): try --src fr"]
    # the language found is --tgt: the hint swaps the two (--src fr alone is refused: fr twice)
    code, out, _ = cli_run(["lookup", "--tm", tm_dir, "Conseil de sécurité", "--src", "en", "--tgt", "fr"])
    assert out.splitlines()[1] == "hint: found in fr (3 units): try --src fr --tgt en", out
    code, out, _ = cli_run(["lookup", "--tm", tm_dir, "Conseil de sécurité", "--src", "fr", "--tgt", "en"])
    assert code == 0 and out.startswith("'Conseil de sécurité' in fr: 3 units"), out
    code, out, _ = cli_run([*lookup, "General Assemblies", "--src", "en"])
    assert out.splitlines()[1:] == ["hint: 2 units hold other forms of its words: try --forms"], out
    code, out, _ = cli_run([*lookup, "Secur*", "--src", "en"])
    assert out.splitlines()[1].startswith("hint: * ? % are no wildcards here")
    for nothing in ("", " ", "..."):
        code, out, _ = cli_run([*lookup, nothing, "--src", "en"])
        assert code == 0 and out.splitlines()[1] == ("hint: the query has no word to search for (spaces and "
                                                     "punctuation are not searched)")
    code, out, _ = cli_run([*lookup, "puppet regime", "--src", "en"])
    assert out.splitlines() == ["'puppet regime' in en: 0 units"]
    code, out, _ = cli_run([*lookup, "Conseil de sécurité", "--src", "en", "--format", "json"])
    assert "hint" not in out and json.loads(out)["total"] == 0


@pytest.mark.parametrize("langs", ["fr,fr", ",fr", "fr", "FR,fr"])
def test_export_of_fewer_than_two_languages_is_refused(tm_dir: Path, tmp_path: Path, cli_run, langs: str) -> None:
    """--langs that selects one language: a TMX of no unit was written with exit 0 ('0 units written'), where
    'tmtool export' refuses the same --langs."""
    out = tmp_path / "out.tmx"
    code, _, err = cli_run(["tm", "export", "--tmx", out, "--langs", langs, "--tm", tm_dir])
    assert (code, err) == (2, f"tmtool: error: --langs {langs}: a TMX export needs at least two languages\n")
    assert not out.exists()


@pytest.mark.parametrize("damage", [b"", b'{"format": "tmtool-tm", "vers', b"\x80\x81 not text",
                                    b'{"format": "tmtool-tm", "version": 1, "parts": [5]}', "a folder"])
def test_a_damaged_manifest_says_how_to_rebuild_it_and_that_works(tm_dir: Path, tmp_path: Path, cli_run,
                                                                  damage) -> None:
    """A manifest.json cut short, not UTF-8, with a bad part entry, or a folder: every command said 'corrupt
    manifest' (not UTF-8 and a folder: Python's own message, the path twice), and 'tm repair --rebuild-manifest'
    refuses while a manifest is there; the error now says to move it away first, and doing so recovers every
    unit."""
    units = _units(tm_dir)
    manifest = tm_dir / "manifest.json"
    manifest.unlink()
    if damage == "a folder":
        manifest.mkdir()
    else:
        manifest.write_bytes(damage)
    code, _, err = cli_run(["tm", "stats", "--tm", tm_dir])
    assert code == 1 and err.count("\n") == 1 and err.startswith(f"tmtool: error: {manifest}"), err
    assert err.endswith("; if the parts are sound, move manifest.json away and run 'tmtool tm repair "
                        "--rebuild-manifest'\n"), err
    assert err.count(str(manifest)) == 1, err
    manifest.rename(tmp_path / "manifest.json.damaged")
    code, _, err = cli_run(["tm", "repair", "--rebuild-manifest", "--tm", tm_dir])
    assert code == 0, err
    assert _units(tm_dir) == units


def test_a_manifest_that_cannot_be_read_for_another_reason_gets_no_rebuild_advice(tm_dir: Path, monkeypatch) -> None:
    """The advice to move manifest.json away and rebuild it was added to every read error, a permission or I/O
    error included, where the manifest may be sound and rebuilding it is the wrong thing to do."""
    from tmtool.errors import StoreError

    def refuse(self, *args, **kwargs):
        if self.name == "manifest.json":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(StoreError) as caught:
        TMStore.open(tm_dir, create=False).manifest()
    assert str(caught.value).endswith("cannot read manifest: Permission denied"), caught.value


def _tmx_with(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / "names.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
        'segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>'
        f'<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="{lang}"><seg>Bonjour.</seg></tuv></tu>'
        "</body></tmx>\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("written", "stored"), [("French", "fr"), ("French_Canada", "fr-CA"), ("FR_ca", "fr-CA")])
def test_a_language_name_in_a_tmx_is_stored_as_its_code(tmp_path: Path, cli_run, written: str, stored: str) -> None:
    """A tuv with xml:lang="French" was stored as the language 'french', beside 'fr', and the TMX writer cannot
    write it (no language code): `tm export` of the whole TM stopped. A language's English name (as CAT tools
    write their column headers) is now its code."""
    code, _, err = cli_run(["tm", "import", _tmx_with(tmp_path, written), "--tm", tmp_path / "tm"])
    assert code == 0, err
    code, out, _ = cli_run(["tm", "stats", "--tm", tmp_path / "tm", "--format", "json"])
    assert set(json.loads(out)["languages"]) == {"en", stored}
    code, _, err = cli_run(["tm", "export", "--tm", tmp_path / "tm", "--tmx", tmp_path / "out.tmx"])
    assert code == 0, err
    assert {v.lang for u in iter_units(tmp_path / "out.tmx") for v in u.variants} == {"en", stored}


def test_a_language_that_is_no_code_nor_name_is_named_by_the_export(tmp_path: Path, cli_run) -> None:
    tmx = _tmx_with(tmp_path, "Klingonese")
    tmx.write_text(tmx.read_text(encoding="utf-8").replace(
        "</tu>", '<tuv xml:lang="fr"><seg>Bonjour.</seg></tuv></tu>'), encoding="utf-8")
    code, _, err = cli_run(["tm", "import", tmx, "--tm", tmp_path / "tm"])
    assert code == 0, err
    code, _, err = cli_run(["tm", "export", "--tm", tmp_path / "tm", "--tmx", tmp_path / "out.tmx"])
    assert code == 2 and err == "tmtool: error: cannot write TMX: a tuv's language 'klingonese' is not a language code\n"
    assert not (tmp_path / "out.tmx").exists()
    code, _, err = cli_run(["tm", "export", "--tm", tmp_path / "tm", "--tmx", tmp_path / "out.tmx", "--langs", "en,fr"])
    assert code == 0, err
    assert {v.lang for u in iter_units(tmp_path / "out.tmx") for v in u.variants} == {"en", "fr"}
