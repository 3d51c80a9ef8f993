"""tmtool glossary convert / show: formats, JSON shape, one-line errors, nothing lost on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.glossary import read_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"


@pytest.mark.parametrize("to,suffix", [("tbx", "tbx"), ("tbx2", "tbx"), ("csv", "csv"), ("memoq", "csv"),
                                       ("omegat", "txt")])  # fmt: skip
def test_convert_to_every_format(cli_run, tmp_path: Path, to: str, suffix: str) -> None:
    out = tmp_path / f"out.{suffix}"
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--to", to])
    assert code == 0, err
    back = read_glossary(out, to)
    assert "Conseil de sécurité" in {t.text for e in back.entries for t in e.terms}


def test_convert_guesses_formats_from_names(cli_run, tmp_path: Path) -> None:
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", tmp_path / "g.tbx"])
    assert code == 0, err
    assert b"urn:iso:std:iso:30042:ed-2" in (tmp_path / "g.tbx").read_bytes()
    code, _, err = cli_run(["glossary", "convert", tmp_path / "g.tbx", tmp_path / "g.csv"])
    assert code == 0, err
    assert read_glossary(tmp_path / "g.csv").entries == read_glossary(DATA / "sample.csv").entries


def test_convert_omegat_needs_languages_when_the_file_has_none(cli_run, tmp_path: Path) -> None:
    tsv = tmp_path / "plain.txt"
    tsv.write_text("Security Council\tConseil de sécurité\tcomment\n", "utf-8")
    code, _, err = cli_run(["glossary", "convert", tsv, tmp_path / "o.csv"])
    assert code == 2 and "--src-lang" in err
    code, _, err = cli_run(["glossary", "convert", tsv, tmp_path / "o.csv", "--src-lang", "en", "--tgt-lang", "fr"])
    assert code == 0, err
    (e,) = read_glossary(tmp_path / "o.csv").entries
    assert [(t.lang, t.text) for t in e.terms] == [("en", "Security Council"), ("fr", "Conseil de sécurité")]
    assert e.note == "comment"


def test_show_json(cli_run) -> None:
    code, out, err = cli_run(["glossary", "show", DATA / "sample.csv", "--format", "json", "--lang", "en,fr"])
    assert code == 0, err
    data = json.loads(out)
    first = data["entries"][0]
    assert {"id", "subject", "terms"} <= set(first)  # since December 2026 also the details (test_show.py)
    assert first["id"] == "place-TR" and first["subject"] == "place-name"
    old_keys = {lang: [{k: t[k] for k in ("text", "status")} for t in terms] for lang, terms in first["terms"].items()}
    assert old_keys == {
        "en": [{"text": "Türkiye", "status": "preferred"}, {"text": "Turkey", "status": "deprecated"}],
        "fr": [{"text": "Türkiye", "status": "preferred"}, {"text": "Turquie", "status": "deprecated"}],
    }


def test_show_text(cli_run) -> None:
    code, out, _ = cli_run(["glossary", "show", DATA / "sample.csv", "--lang", "fr"])
    assert code == 0
    assert "  fr: Türkiye; Turquie (deprecated)" in out.splitlines()


def test_show_language_the_glossary_lacks(cli_run) -> None:
    code, out, err = cli_run(["glossary", "show", DATA / "sample.csv", "--lang", "de"])
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "no terms in de" in err and "sample.csv" in err


@pytest.mark.parametrize("name", ["malformed.tbx", "unknown_encoding.tbx", "duplicate_entry.csv", "not_utf8.csv"])
def test_bad_input_leaves_output_untouched(cli_run, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.csv"
    out.write_text("precious", "utf-8")
    code, _, err = cli_run(["glossary", "convert", DATA / "bad" / name, out])
    assert code == 1
    assert err.startswith(f"tmtool: error: {DATA / 'bad' / name}") and err.count("\n") == 1
    assert out.read_text("utf-8") == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_extract_needs_one_input(cli_run) -> None:
    code, _, err = cli_run(["glossary", "extract", "--src", "en", "--tgt", "fr"])
    assert code == 2 and "ALIGNMENT.json" in err


def test_convert_to_omegat_in_a_language_the_glossary_lacks(cli_run, tmp_path: Path) -> None:
    out = tmp_path / "g.txt"
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--src-lang", "en", "--tgt-lang", "de"])
    assert code == 1 and "no terms in 'de'" in err and str(DATA / "sample.csv") in err
    assert not out.exists()


def test_unknown_encoding_option(cli_run, tmp_path: Path) -> None:
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", tmp_path / "g.tbx", "--encoding", "klingon"])
    assert code == 1 and "unknown encoding 'klingon'" in err


def test_latin1_csv_reads_with_its_encoding(cli_run, tmp_path: Path) -> None:
    code, out, err = cli_run(["glossary", "show", DATA / "bad" / "not_utf8.csv", "--encoding", "latin-1"])
    assert code == 0, err
    assert "Conseil de sécurité" in out


@pytest.mark.parametrize("tgt", ["en", "EN", "en-GB"])
def test_extract_and_check_refuse_one_language_as_source_and_target(cli_run, tmp_path: Path, tgt: str) -> None:
    from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment

    segs = ["The Security Council met.", "The Security Council decided."]
    docs = (AlignedDocument("en", tuple(segs)), AlignedDocument("fr", ("Le Conseil de sécurité.", "Le Conseil.")))
    path = tmp_path / "alignment.json"
    write_alignment(Alignment(docs, tuple(Link({"en": (i,), "fr": (i,)}, 1.0) for i in range(2))), path)
    out = tmp_path / "terms.tsv"
    code, stdout, err = cli_run(["glossary", "extract", path, "--src", "en", "--tgt", tgt, "-o", out])
    assert code == 2 and stdout == "" and err.count("\n") == 1 and "same language" in err
    assert not out.exists()
    code, _, err = cli_run(["glossary", "check", path, "--glossary", DATA / "sample.csv", "--src", "en", "--tgt", tgt])
    assert code == 2 and "same language" in err


def test_convert_refuses_to_overwrite_its_input(cli_run, tmp_path: Path) -> None:
    src = tmp_path / "same.csv"
    src.write_bytes((DATA / "sample.csv").read_bytes())
    before = src.read_bytes()
    (tmp_path / "d").mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(src)
    for out in (src, tmp_path / "d" / ".." / "same.csv", link):
        code, _, err = cli_run(["glossary", "convert", src, out, "--to", "tbx"])
        assert code == 2 and err.count("\n") == 1 and "same file" in err, err
    assert src.read_bytes() == before
    code, _, err = cli_run(["glossary", "convert", src, tmp_path / "other.tbx"])
    assert code == 0, err


def test_show_reads_a_plain_omegat_file_with_its_languages(cli_run) -> None:
    """show had no --src-lang/--tgt-lang, so an OmegaT glossary not written by tmtool could not be shown."""
    plain = DATA / "omegat_comments.txt"
    code, _, err = cli_run(["glossary", "show", plain])
    assert code == 2 and "--src-lang" in err
    code, out, err = cli_run(["glossary", "show", plain, "--src-lang", "en", "--tgt-lang", "fr"])
    assert code == 0, err
    assert out.splitlines()[:3] == ["e1", "  en: fair", "  fr: juste; foire"]


@pytest.mark.parametrize("tgt", ["fr", None])
def test_check_reads_a_plain_omegat_file_in_its_languages(cli_run, tmp_path: Path, tgt: str | None) -> None:
    """check passes --src/--tgt to the OmegaT reader (a file's tmtool header still wins); without --tgt it says
    which options to give."""
    from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment

    docs = (AlignedDocument("en", ("A fair price.", "The river bank.")),
            AlignedDocument("fr", ("Un prix juste.", "La berge du fleuve.")))  # fmt: skip
    path = tmp_path / "alignment.json"
    write_alignment(Alignment(docs, tuple(Link({"en": (i,), "fr": (i,)}, 1.0) for i in range(2))), path)
    args = ["glossary", "check", path, "--glossary", DATA / "omegat_comments.txt", "--src", "en"]
    code, out, err = cli_run(args + (["--tgt", tgt] if tgt else []))
    if tgt is None:
        assert code == 2 and "--tgt" in err and err.count("\n") == 1
        return
    assert code == 0, err  # read in en -> fr, the glossary finds "fair" rendered and "bank" not (berge)
    assert [x for x in out.splitlines() if "#" in x] == [f"{path}#1: missing fr: 'bank' (expected 'banque'): "
                                                        "La berge du fleuve."]
    assert out.splitlines()[-1].startswith("1 problem, 1 missing")
    # a file with a tmtool header reads as before
    written = tmp_path / "g.txt"
    written.write_text("# tmtool: source=en target=fr\nbank\tbanque\n", "utf-8")
    code, out, err = cli_run(["glossary", "check", path, "--glossary", written, "--src", "en", "--tgt", "fr"])
    assert code == 0 and out.splitlines()[-1].startswith("1 problem, 1 missing"), (out, err)


def test_skipped_omegat_rows_are_a_warning(cli_run, tmp_path: Path) -> None:
    plain = DATA / "omegat_missing_target.txt"
    for args in (["show", plain], ["convert", plain, tmp_path / "g.csv"]):
        code, _, err = cli_run(["glossary", *args, "--src-lang", "en", "--tgt-lang", "fr"])
        assert code == 0, err
        assert f"tmtool: warning: {plain}: 2 row(s) without a source or a target term skipped (first at line 2)" in err


@pytest.mark.parametrize("src, tgt", [("fr", "fr"), ("en", "en-GB"), ("FR", "fr")])
def test_convert_to_omegat_refuses_one_language_as_source_and_target(cli_run, tmp_path: Path, src: str,
                                                                     tgt: str) -> None:
    """--src-lang fr --tgt-lang fr wrote an OmegaT glossary of each French term as its own translation, exit 0;
    glossary extract and check refuse the same pair."""
    out = tmp_path / "g.txt"
    code, _, err = cli_run(["glossary", "convert", DATA / "sample.csv", out, "--src-lang", src, "--tgt-lang", tgt])
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "are the same language" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("encoding, message", [
    ("base64", "'base64' is not a text encoding"), ("rot13", "'rot13' is not a text encoding"),
    ("zlib_codec", "'zlib_codec' is not a text encoding"), ("hex", "'hex' is not a text encoding"),
    ("undefined", "cannot be read as undefined"), ("punycode", ":2: not valid punycode (byte 0xc3)"),
])  # fmt: skip
@pytest.mark.parametrize("command", ["show", "convert"])
def test_an_encoding_that_is_not_for_text_is_one_line(cli_run, tmp_path: Path, encoding: str, message: str,
                                                      command: str) -> None:
    """--encoding base64 (a codec Python knows, but not a text encoding) or 'undefined' was a traceback
    (LookupError, UnicodeError)."""
    out = tmp_path / "g.tbx"
    args = [DATA / "sample.csv", *([out] if command == "convert" else []), "--encoding", encoding]
    code, stdout, err = cli_run(["glossary", command, *args])
    assert (code, stdout) == (1, "") and err.count("\n") == 1, err
    assert err.startswith(f"tmtool: error: {DATA / 'sample.csv'}") and message in err and "Traceback" not in err
    assert not out.exists()
