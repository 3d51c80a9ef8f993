"""The real TMX files in ../shared/interop/tmx/ (written by other tools) are the reader's test suite.

Expected values were read off each file by hand (see its README row); the validator's diagnostics for
the broken files are those the README describes.
"""

from __future__ import annotations

import pytest

from tmtool.tmx import iter_units, lang_key, read_header, validate_tmx, write_tmx

# file -> (units, languages of the first unit as written, header srclang, version)
EXPECTED = {
    "lisa-compkit_ImportTest1A.tmx": (2, ["en-us", "fr-ca"], "en-us", "1.4"),
    "lisa-compkit_ImportTest1B.tmx": (1, ["eN-uS", "fR-Ca"], "en-us", "1.4"),
    "lisa-compkit_ImportTest1G.tmx": (3, ["en-us", "en-gb"], "en-us", "1.4"),
    "lisa-compkit_ImportTest1J_many.tmx": (3, ["en-us", "en-gb"], "es-es", "1.4"),
    "lisa-compkit_ImportTest1L.tmx": (1, ["en-us", "fr", "en-gb"], "en-us", "1.4"),
    "lisa-compkit_ImportTest2A.tmx": (7, ["en-us", "fr-ca"], "en-us", "1.4"),
    "omegat_project_save_tmx11.tmx": (5, ["en", "fr"], "en", "1.1"),
    "omegat_invalid_inline.tmx": (1, ["en", "be"], "en", "1.4"),
    "omegat_multiple-tuv14.tmx": (3, ["EN-US", "ES", "ES-AR", "ES-BO", "FR-CA", "FR-CA", "FR", "DE"], "EN-US", "1.4"),
    "okapi_trados-twb7_html_test_utf16.tmx": (11, ["EN-US", "FR-FR"], "EN-US", "1.4"),
    "okapi_olifant_tmxtest-attributes.tmx": (9, ["EN-US", "FR-FR"], "EN-US", "1.4"),
    "okapi_alignfactory_issue277.tmx": (2, ["EN", "DE"], "EN", "1.4"),
}


@pytest.fixture(scope="module")
def interop(shared):
    return shared / "interop" / "tmx"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_counts_languages_header(interop, name):
    count, langs, srclang, version = EXPECTED[name]
    units = list(iter_units(interop / name))
    assert len(units) == count
    assert [v.lang for v in units[0].variants] == langs
    header = read_header(interop / name)
    assert header["srclang"] == srclang
    assert header["version"] == version
    assert all(v.text.strip() for u in units for v in u.variants if name != "omegat_invalid_inline.tmx")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fast_path_and_lxml_reader_agree(interop, name):
    assert list(iter_units(interop / name)) == list(iter_units(interop / name, fast=False))


def test_every_shared_file_is_covered(interop):
    assert sorted(p.name for p in interop.glob("*.tmx")) == sorted(EXPECTED)


def test_numeric_character_references_keep_tabs_and_spaces(interop):
    units = list(iter_units(interop / "lisa-compkit_ImportTest1A.tmx"))
    assert units[0].text("en-us") == "First segment with [\t\t   ]"
    assert units[1].text("fr-ca") == "Second segment avec [  \t\t]"


def test_utf16_be_with_references_equal_literal_characters(interop):
    for unit in iter_units(interop / "lisa-compkit_ImportTest1G.tmx"):
        assert unit.text("en-us") == unit.text("en-gb")
    first = next(iter_units(interop / "lisa-compkit_ImportTest1G.tmx"))
    assert first.text("en-us") == "à=agrave, é=eacute, æ=aelig"


def test_mixed_case_codes_match_case_insensitively(interop):
    unit = next(iter_units(interop / "lisa-compkit_ImportTest1B.tmx"))
    assert unit.text("EN-US") == "Text of the segment"
    assert unit.text("fr-CA") == "Texte du segment"
    assert [lang_key(v.lang) for v in unit.variants] == ["en-us", "fr-ca"]


def test_unit_srclang_overrides_header(interop):
    units = list(iter_units(interop / "lisa-compkit_ImportTest1J_many.tmx"))
    assert [u.srclang for u in units] == ["en-us", "en-us", "es-es"]
    # "For import with source=en-us and target=en-gb, only first and second entries should be imported"
    pairs = [u for u in units if lang_key(u.srclang) == "en-us" and u.text("en-gb") is not None]
    assert [u.text("en-us") for u in pairs] == ["First entry in US English", "Second entry in US English"]


def test_every_optional_attribute_notes_and_props(interop):
    (unit,) = iter_units(interop / "lisa-compkit_ImportTest1L.tmx")
    assert unit.tuid == "tu001"
    assert unit.notes == ("Text of tu note 1", "Text of tu note 2")
    assert unit.props == (("myPropeType", "Data"),)
    assert dict(unit.attrs)["usagecount"] == "100"
    fr = unit.variants[1]
    assert fr.text == "Texte du segment."
    assert fr.notes == ("Text of tuv fr note 1", "Text of tuv fr note 1")
    assert len(fr.props) == 2
    header = read_header(interop / "lisa-compkit_ImportTest1L.tmx")
    assert header["notes"] == ["Text of header note 1", "Text of header note 2"]
    assert header["props"] == [("myPropeType", "Data")]


def test_inline_codes_give_plain_text_and_keep_markup(interop):
    units = list(iter_units(interop / "lisa-compkit_ImportTest2A.tmx"))
    en, fr = units[0].variants
    assert en.text == "The big black cat sleeps."
    assert fr.text == "Le gros chat noir dors."
    assert en.markup.count("<bpt") == 2 and 'type="bold"' in en.markup
    assert units[1].text("en-us") == 'Test for special characters = <=lt, >=gt, &=amp, "=quot.'
    assert units[2].text("fr-ca") == "Format en gigogne = gras+italique+souligné, gras+italique, gras."
    assert units[3].text("en-us") == "First sentence."
    assert units[5].text("en-us") == "Picture: "
    # <hi> content is text
    assert units[6].text("en-us") == "Some text with a part highlighted."
    assert units[6].variants[0].lang == "FR-CA"


def test_tmx11_lang_attribute(interop):
    units = list(iter_units(interop / "omegat_project_save_tmx11.tmx"))
    assert units[2].text("fr") == "Connectez-vous à un serveur personnalisé au lieu de apertium.org"
    assert dict(units[0].variants[1].attrs)["changeid"] == "Hiroshi Miura"


def test_trados_double_escaped_text_stays_escaped_once(interop):
    units = list(iter_units(interop / "okapi_trados-twb7_html_test_utf16.tmx"))
    assert units[0].text("en-us") == "start &lt; of &lt; body text"
    assert units[2].text("en-us") == "Second paragraph tag"
    # the <br> codes are dropped from the plain text (they are markup), kept in markup
    assert units[6].text("en-us") == "This isa paragraph with line breaks"
    assert units[6].variants[0].markup.count("<ph>") == 2


def test_olifant_repeated_source_with_props(interop):
    units = list(iter_units(interop / "okapi_olifant_tmxtest-attributes.tmx"))
    assert units[0].text("en") == "Test char: &=amp, <=lt, '=apos, \"=quot"
    same = [u for u in units if u.text("EN-US") == "One entry in the TM."]
    assert len(same) == 7
    assert len({u.text("FR-FR") for u in same}) == 7
    assert units[1].props == (("Txt::FileName", "file1"), ("Txt::GroupName", "group1"))


def test_alignfactory_paragraph_units_and_uppercase_codes(interop):
    units = list(iter_units(interop / "okapi_alignfactory_issue277.tmx"))
    assert units[1].text("de") == "Dieser Satz sollte nicht geteilt werden. Zu viele Segmente hier."
    assert dict(units[0].variants[0].attrs) == {"creationid": "ALIGN!"}


# ---- validator diagnostics --------------------------------------------------------------------------------

CLEAN = [
    "lisa-compkit_ImportTest1A.tmx", "lisa-compkit_ImportTest1B.tmx", "lisa-compkit_ImportTest1G.tmx",
    "lisa-compkit_ImportTest1J_many.tmx", "lisa-compkit_ImportTest1L.tmx", "lisa-compkit_ImportTest2A.tmx",
    "okapi_olifant_tmxtest-attributes.tmx", "okapi_alignfactory_issue277.tmx",
]


@pytest.mark.parametrize("name", CLEAN)
def test_valid_files_validate_clean(interop, shared, name):
    assert validate_tmx(interop / name, dtd=shared / "standards" / "tmx14.dtd") == []


def test_broken_inline_codes_are_reported(interop, shared):
    problems = validate_tmx(interop / "omegat_invalid_inline.tmx", dtd=shared / "standards" / "tmx14.dtd")
    messages = [(p.line, p.message) for p in problems if p.severity == "error"]
    # per tuv: ept before bpt, a second bpt with i=1, and an unclosed bpt
    assert (12, '<ept i="1"> has no <bpt i="1"> before it') in messages
    assert (15, 'duplicate <bpt i="1"> in one segment') in messages
    assert any(line == 20 and "ept" in m for line, m in messages)
    warnings = [p for p in problems if p.severity == "warning"]
    assert {p.line for p in warnings} == {13, 21}  # <it> without x


def test_duplicate_tuv_language_is_reported(interop, shared):
    problems = validate_tmx(interop / "omegat_multiple-tuv14.tmx", dtd=shared / "standards" / "tmx14.dtd")
    assert [(p.line, "FR-CA" in p.message) for p in problems] == [(23, True)]


def test_tmx11_fails_the_14_dtd(interop, shared):
    problems = validate_tmx(interop / "omegat_project_save_tmx11.tmx", dtd=shared / "standards" / "tmx14.dtd")
    assert any(p.line == 3 and "version" in p.message for p in problems)
    assert all(p.message.startswith("DTD:") for p in problems)


def test_trados_invalid_prop_attribute(interop, shared):
    problems = validate_tmx(interop / "okapi_trados-twb7_html_test_utf16.tmx", dtd=shared / "standards" / "tmx14.dtd")
    errors = [p for p in problems if p.severity == "error"]
    assert errors and all(p.line == 14 for p in errors)
    assert any("type2" in p.message for p in errors)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reexport_of_every_file_is_dtd_valid(interop, shared, tmp_path, name):
    out = tmp_path / "out.tmx"
    units = list(iter_units(interop / name))
    header = read_header(interop / name)
    src = header["srclang"]
    written = write_tmx(units, out, srclang=src)
    assert written >= sum(1 for u in units if len({lang_key(v.lang) for v in u.variants if v.text.strip()}) >= 2)
    problems = validate_tmx(out, dtd=shared / "standards" / "tmx14.dtd")
    # inline codes are written back unchanged, so Trados's <it> without x stays (a warning, not an error)
    assert [p for p in problems if p.severity == "error"] == []
    assert all("<it> without x" in p.message for p in problems)
    assert bool(problems) == (name == "okapi_trados-twb7_html_test_utf16.tmx")


def _as_written(unit, header_src):
    """What a re-export must keep of ``unit``: languages in canonical case, texts, markup, notes, props,
    the unit's own source language (its ``srclang``, else the header's), known attributes."""
    from tmtool.tmx.profiles import bcp47

    def variant(v):
        return (bcp47(v.lang), v.text, v.markup, v.notes, v.props)

    texts = [v for v in unit.variants if v.text.strip()]
    return (bcp47(unit.srclang or header_src), tuple(variant(v) for v in texts), unit.notes, unit.props)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_write_read_keeps_every_unit(interop, tmp_path, name):
    """read -> write_tmx (generic) -> read gives the same units: texts, inline markup, notes, props and each
    unit's source language (a unit's own srclang when it has a tuv in it, as LISA's ImportTest1J has where
    the header names another). Documented changes only: codes in canonical case, tuids and creation dates
    added, alternatives in one language split, units with text in fewer than two languages left out."""
    src = interop / name
    header = read_header(src)
    units = [u for u in iter_units(src) if len({lang_key(v.lang) for v in u.variants if v.text.strip()}) >= 2]
    if any(len({lang_key(v.lang) for v in u.variants}) < len(u.variants) for u in units):
        pytest.skip(f"{name}: alternatives in one language are split on writing (tested in test_writer.py)")
    out = tmp_path / "out.tmx"
    write_tmx(units, out, srclang=header["srclang"])
    back_header = read_header(out)["srclang"]
    back = list(iter_units(out))
    assert [_as_written(u, back_header) for u in back] == [_as_written(u, header["srclang"]) for u in units]
