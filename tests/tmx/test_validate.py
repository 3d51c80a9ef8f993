"""tmtool tmx validate: DTD plus semantic checks, one line per problem with its line, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tmtool.errors import UsageError
from tmtool.tmx import validate_tmx
from tmtool.tmx.validate import DTD_ENV, find_dtd

HEADER = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
          '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
          'srclang="{src}" datatype="plaintext"{extra}/>\n<body>\n')


def _tmx(tmp_path, body, src="en", extra="", name="v.tmx"):
    path = tmp_path / name
    path.write_text(HEADER.format(src=src, extra=extra) + body + "</body>\n</tmx>\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dtd(shared):
    return shared / "standards" / "tmx14.dtd"


def _lines(problems):
    return [(p.line, p.message) for p in problems]


def test_clean_file(tmp_path, dtd):
    body = '<tu tuid="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n'
    assert validate_tmx(_tmx(tmp_path, body), dtd=dtd) == []


def test_srclang_without_tuv(tmp_path, dtd):
    body = ('<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n'
            '<tu srclang="de"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n'
            '<tu><tuv xml:lang="EN"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n')
    problems = validate_tmx(_tmx(tmp_path, body, src="es"), dtd=dtd)
    assert [p.line for p in problems] == [6, 7, 8]
    assert "'de' (its srclang)" in problems[1].message and "the header's" in problems[0].message
    assert validate_tmx(_tmx(tmp_path, body.replace(' srclang="de"', ""), src="*all*"), dtd=dtd) == []


def test_inline_code_pairing(tmp_path, dtd):
    body = ('<tu><tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>a<ept i="2">&lt;/b&gt;</ept>'
            '<bpt i="3">x</bpt><bpt i="3">y</bpt><ept i="3">z</ept></seg></tuv>\n'
            '<tuv xml:lang="fr"><seg><bpt i="1">&lt;b&gt;</bpt>b<ept i="1">&lt;/b&gt;</ept><it pos="end" x="1">q</it></seg></tuv></tu>\n')
    messages = [m for _, m in _lines(validate_tmx(_tmx(tmp_path, body), dtd=dtd))]
    assert messages == ['<ept i="2"> has no <bpt i="2"> before it', 'duplicate <bpt i="3"> in one segment',
                        '<bpt i="1"> has no matching <ept>']


def test_characters_dates_tuids_and_codes(tmp_path, dtd):
    body = ('<tu tuid="a" creationdate="2024-01-01"><tuv xml:lang="en"><seg>a&#1;b</seg></tuv>'
            '<tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n')
    problems = validate_tmx(_tmx(tmp_path, body), dtd=dtd)
    assert any(p.line == 6 and "&#1;" in p.message for p in problems)
    body = ('<tu tuid="a" creationdate="20240230T101010Z"><tuv xml:lang="en"><seg>a</seg></tuv>'
            '<tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n'
            '<tu tuid="a"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="f r"><seg>b</seg></tuv></tu>\n')
    found = _lines(validate_tmx(_tmx(tmp_path, body, extra=' changedate="yesterday"'), dtd=dtd))
    assert (4, "<header> changedate='yesterday' is not a date YYYYMMDDThhmmssZ") in found
    assert (6, "<tu> creationdate='20240230T101010Z' is not a date YYYYMMDDThhmmssZ") in found
    assert (7, "tuid 'a' already used at line 6") in found
    assert (7, "tuv language 'f r' is not a language code") in found


def test_raw_control_character_and_malformed_xml(tmp_path, dtd):
    path = tmp_path / "ctl.tmx"
    path.write_bytes((HEADER.format(src="en", extra="") + "<tu><tuv xml:lang='en'><seg>a\x01</seg></tuv></tu>\n"
                      "</body></tmx>").encode())
    assert _lines(validate_tmx(path, dtd=dtd)) == [(6, "character U+0001 is not allowed in XML")]
    broken = _tmx(tmp_path, "<tu><tuv xml:lang='en'><seg>a</tuv></tu>\n", name="broken.tmx")
    problems = validate_tmx(broken, dtd=dtd)
    assert problems and problems[0].line == 6 and "not well-formed" in problems[0].message


def test_cli(tmp_path, dtd, cli_run):
    good = _tmx(tmp_path, '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n')
    code, out, _ = cli_run(["tmx", "validate", good, "--dtd", dtd])
    assert code == 0 and "valid TMX" in out
    bad = _tmx(tmp_path, '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>\n',
               name="bad.tmx")
    code, out, err = cli_run(["tmx", "validate", bad, "--dtd", dtd])
    assert code == 1
    assert out.splitlines() == [f"{bad}:6: second tuv in language 'en' in one tu (first at line 6)"]
    assert "1 error," in err
    code, _, err = cli_run(["tmx", "validate", good, "--dtd", tmp_path / "missing.dtd"])
    assert code == 2 and "DTD not found" in err
    code, out, _ = cli_run(["tmx", "validate", bad, "--no-dtd"])
    assert code == 1 and len(out.splitlines()) == 1


def test_dtd_lookup(tmp_path, dtd, monkeypatch):
    monkeypatch.delenv(DTD_ENV, raising=False)
    assert find_dtd() == dtd  # ../shared/standards beside the project
    monkeypatch.setenv(DTD_ENV, str(tmp_path / "nope.dtd"))
    with pytest.raises(UsageError):
        find_dtd()
    monkeypatch.setenv(DTD_ENV, str(dtd))
    assert find_dtd() == dtd


@pytest.mark.parametrize("batch", [1, 2, 3, 5])
def test_dtd_check_in_batches_reports_each_problem_once(tmp_path, dtd, shared, batch):
    body = "".join(
        f'<tu tuid="{i}"{" foo=%s" % chr(34) + "x" + chr(34) if i % 3 == 0 else ""}>'
        f'<tuv xml:lang="en"><seg>a{"<bpt>b</bpt>" if i % 4 == 0 else ""}</seg></tuv>'
        f'<tuv xml:lang="fr"><seg>b</seg></tuv>{"<prop type=%sx%s>y</prop>" % (chr(34), chr(34)) if i == 7 else ""}</tu>\n'
        for i in range(10)
    )
    path = _tmx(tmp_path, body, extra=' bogus="1"')
    whole = validate_tmx(path, dtd=dtd, batch=10_000)
    assert len(whole) > 8 and len(set(whole)) == len(whole)
    assert validate_tmx(path, dtd=dtd, batch=batch) == whole
    # the same DTD findings as validating the whole parsed document at once
    validator = etree.DTD(str(dtd))
    validator.validate(etree.parse(str(path)))
    assert sorted((e.line, "DTD: " + e.message) for e in validator.error_log) == sorted(
        (p.line, p.message) for p in whole if p.message.startswith("DTD:"))
    trados = shared / "interop" / "tmx" / "okapi_trados-twb7_html_test_utf16.tmx"
    assert validate_tmx(trados, dtd=dtd, batch=batch) == validate_tmx(trados, dtd=dtd, batch=10_000)


@pytest.mark.parametrize("content", [b"\x00\xff\xfe binary \x89PNG\r\n", b"<!ELEMENT tmx (header", b"[tool]\nname = 1\n",
                                     # these parsed as a DTD: every element of the TMX was then a DTD error
                                     b"", b"  \n\n", b"<!-- tmx14.dtd -->\n",
                                     b'<!ELEMENT martif (martifHeader, text)>\n<!ATTLIST martif type CDATA #REQUIRED>\n'])
def test_a_file_that_is_not_a_dtd_is_a_one_line_error(tmp_path, cli_run, content):
    good = _tmx(tmp_path, '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n')
    notdtd = tmp_path / "notadtd.txt"
    notdtd.write_bytes(content)
    with pytest.raises(UsageError, match="not a usable DTD"):
        validate_tmx(good, dtd=notdtd)
    code, out, err = cli_run(["tmx", "validate", good, "--dtd", notdtd])
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("tmtool: error: ") and str(notdtd) in err and "Traceback" not in err


def test_language_codes_are_checked_everywhere(tmp_path):
    # an empty code passes the DTD (CDATA); a missing one only the DTD reported, so --no-dtd let it pass
    body = ('<tu><tuv><seg>no lang</seg></tuv><tuv xml:lang=""><seg>empty</seg></tuv></tu>\n'
            '<tu><tuv xml:lang=" en "><seg>a</seg></tuv><tuv xml:lang="en_US"><seg>b</seg></tuv>'
            '<tuv xml:lang="english"><seg>c</seg></tuv></tu>\n'
            '<tu srclang="fr_CA"><tuv xml:lang="fr-CA"><seg>a</seg></tuv><tuv lang="de"><seg>b</seg></tuv></tu>\n')
    path = _tmx(tmp_path, body, src="")
    path.write_text(path.read_text(encoding="utf-8").replace('adminlang="en"', 'adminlang=" en"'), encoding="utf-8")
    found = _lines(validate_tmx(path, use_dtd=False))
    assert found == [
        (4, "header srclang is empty"),
        (4, "header adminlang ' en' is not a language code (write 'en')"),
        (6, "tuv has no xml:lang: its language is unknown"),
        (6, "tuv language is empty"),
        (7, "tuv language ' en ' is not a language code (write 'en')"),
        (7, "tuv language 'en_US' is not a language code (write 'en-US')"),
        (7, "tuv language 'english' is not a language code"),
        (8, "tu srclang 'fr_CA' is not a language code (write 'fr-CA')"),
    ]
    # TMX 1.1 lang=, private-use and *all* codes are fine
    ok = ('<tu srclang="*all*"><tuv lang="EN"><seg>a</seg></tuv><tuv xml:lang="x-klingon"><seg>b</seg></tuv>'
          '<tuv xml:lang="zh-Hant-TW"><seg>c</seg></tuv></tu>\n')
    assert validate_tmx(_tmx(tmp_path, ok, src="*all*", name="ok.tmx"), use_dtd=False) == []


@pytest.mark.parametrize("declaration", ['<!ENTITY % ext SYSTEM "{target}">', '<!ENTITY leak SYSTEM "file://{target}">',
                                         '<!ENTITY leak PUBLIC "-//x//y" "{target}">'])  # fmt: skip
def test_a_dtd_declaring_an_external_entity_is_refused(tmp_path, dtd, declaration):
    """The user's --dtd is read, its external entities never (audit, December 2026: they were read from disk)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not for a validator\n", encoding="utf-8")
    hostile = tmp_path / "hostile.dtd"
    hostile.write_text(declaration.format(target=secret) + "\n" + Path(dtd).read_text(encoding="utf-8"), "utf-8")
    body = '<tu tuid="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>\n'
    with pytest.raises(UsageError, match="hostile.dtd: declares an external entity"):
        validate_tmx(_tmx(tmp_path, body), dtd=hostile)
    assert validate_tmx(_tmx(tmp_path, body), dtd=dtd) == []  # the DTD itself, read from its bytes, still works
