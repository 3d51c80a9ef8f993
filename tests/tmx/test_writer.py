"""The streaming writer: escaping, markup written back, one tuv per language, unique ids, atomicity."""

from __future__ import annotations

import tracemalloc

import pytest

from tmtool.errors import UsageError
from tmtool.tmx import TranslationUnit, Variant, iter_units, read_header, validate_tmx, write_tmx


@pytest.fixture(scope="module")
def dtd(shared):
    return shared / "standards" / "tmx14.dtd"


def _unit(*pairs, **kw):
    return TranslationUnit(variants=tuple(Variant(lang, text) for lang, text in pairs), **kw)


def test_inline_codes_are_written_back_unchanged(tmp_path, shared, dtd):
    source = shared / "interop" / "tmx" / "lisa-compkit_ImportTest2A.tmx"
    units = list(iter_units(source))
    out = tmp_path / "codes.tmx"
    write_tmx(units, out, srclang="en-us")
    again = list(iter_units(out))
    assert [[(v.text, v.markup) for v in u.variants] for u in again] == [
        [(v.text, v.markup) for v in u.variants] for u in units
    ]
    assert "<bpt" in out.read_text(encoding="utf-8")
    assert validate_tmx(out, dtd=dtd) == []


def test_edited_text_drops_stale_markup(tmp_path):
    markup = 'Close the <bpt i="1">&lt;b&gt;</bpt>window<ept i="1">&lt;/b&gt;</ept>.'
    unit = TranslationUnit((Variant("en", "Close the window.", markup), Variant("fr", "Fermez la fenêtre.")))
    edited = TranslationUnit((Variant("en", "Close the door.", markup), Variant("fr", "Fermez la porte.")))
    out = tmp_path / "m.tmx"
    write_tmx([unit, edited], out, srclang="en")
    first, second = iter_units(out)
    assert first.variants[0].markup == markup
    assert second.variants[0].markup is None and second.text("en") == "Close the door."


def test_only_elements_the_dtd_allows_are_written_inside_seg(tmp_path, dtd):
    # markup as an older tmtool stored it from a converted file: <g>'s text was left out of the plain text
    old_import = Variant("en", "Hello  end", 'Hello <g id="1">world</g> <x id="2"/>end')
    with_codes = Variant("en", "Hi there", '<bpt i="1">&lt;b&gt;</bpt>Hi <g id="7">there</g><ept i="1">&lt;/b&gt;</ept>')
    misplaced = {
        "hi inside a code": 'a <bpt i="1"><hi>b</hi></bpt>c<ept i="1">d</ept>',
        "bpt without i": 'a <bpt>b</bpt>c',
        "sub directly in seg": 'a <sub>b</sub>c',
        "it with a bad pos": 'a <it pos="middle">b</it>c',
        "unknown attribute": 'a <ph foo="1">b</ph>c',
    }
    units = [TranslationUnit((old_import, Variant("fr", "Bonjour fin"))),
             TranslationUnit((with_codes, Variant("fr", "Salut")))]
    units += [TranslationUnit((Variant("en", "a c", m), Variant("fr", "x")), tuid=k) for k, m in misplaced.items()]
    out = tmp_path / "seg.tmx"
    write_tmx(units, out, srclang="en")
    written = out.read_text(encoding="utf-8")
    assert "<g" not in written and "<x " not in written
    assert validate_tmx(out, dtd=dtd) == []
    got = list(iter_units(out))
    assert (got[0].variants[0].text, got[0].variants[0].markup) == ("Hello world end", None)  # text restored
    assert got[1].variants[0].markup == '<bpt i="1">&lt;b&gt;</bpt>Hi there<ept i="1">&lt;/b&gt;</ept>'
    assert [(u.text("en"), u.variants[0].markup) for u in got[2:]] == [("a c", None)] * len(misplaced)


def test_characters_xml_cannot_hold_are_replaced(tmp_path, dtd):
    out = tmp_path / "c.tmx"
    write_tmx([_unit(("en", "page\x0cbreak\x01 \ufffe end\r"), ("fr", "ok"))], out, srclang="en")
    (unit,) = iter_units(out)
    assert unit.text("en") == "page break  \ufffd end\r"
    assert validate_tmx(out, dtd=dtd) == []


def test_escaping_of_text_and_attributes(tmp_path, dtd):
    out = tmp_path / "e.tmx"
    unit = _unit(("en", 'a < b & c > "d" \'e\''), ("fr", "]]> <![CDATA[x]]>"), tuid='id "1" <&>',
                 props=(("x-<&>", 'v "q"\n\t'),), notes=("n & m",))
    write_tmx([unit], out, srclang="en")
    (back,) = iter_units(out)
    assert back.variants == unit.variants
    assert back.tuid == unit.tuid and back.props == unit.props and back.notes == unit.notes
    assert validate_tmx(out, dtd=dtd) == []


def test_one_tuv_per_language(tmp_path, dtd):
    unit = TranslationUnit((Variant("en", "Hello"), Variant("fr-CA", "Bonjour"), Variant("FR-ca", "Salut"),
                            Variant("de", "Hallo")), tuid="t")
    out = tmp_path / "d.tmx"
    assert write_tmx([unit], out, srclang="en") == 2
    units = list(iter_units(out))
    assert [[v.text for v in u.variants] for u in units] == [["Hello", "Bonjour", "Hallo"], ["Hello", "Salut", "Hallo"]]
    assert len({u.tuid for u in units}) == 2
    assert validate_tmx(out, dtd=dtd) == []


def test_units_with_fewer_than_two_languages_are_skipped(tmp_path):
    out = tmp_path / "s.tmx"
    units = [_unit(("en", "a"), ("fr", " ")), _unit(("en", "a"), ("EN", "b")), _unit(("en", "a"), ("fr", "b"))]
    assert write_tmx(units, out, srclang="en") == 1


def test_tuids_are_unique(tmp_path):
    out = tmp_path / "t.tmx"
    units = [_unit(("en", "a"), ("fr", "b"), tuid="x"), _unit(("en", "c"), ("fr", "d"), tuid="x"),
             _unit(("en", "e"), ("fr", "f")), _unit(("en", "g"), ("fr", "h"), tuid="1")]
    write_tmx(units, out, srclang="en")
    tuids = [u.tuid for u in iter_units(out)]
    assert len(set(tuids)) == 4 and tuids[0] == "x"


def test_dates_and_unknown_attributes(tmp_path, dtd):
    out = tmp_path / "a.tmx"
    unit = TranslationUnit(
        (Variant("en", "a", attrs=(("creationid", "me"), ("changedate", "yesterday"), ("x-mine", "1"))),
         Variant("fr", "b")),
        attrs=(("creationdate", "20240230T000000Z"), ("changedate", "20240101T120000Z"), ("foo", "bar"),
               ("segtype", "nonsense"), ("usagecount", "3")),
    )
    write_tmx([unit], out, srclang="en", creationdate="20250102T030405Z")
    (back,) = iter_units(out)
    # impossible date replaced by the export date, unknown and invalid attributes dropped
    assert dict(back.attrs) == {"changedate": "20240101T120000Z", "usagecount": "3", "creationdate": "20250102T030405Z"}
    assert dict(back.variants[0].attrs) == {"creationid": "me"}
    assert validate_tmx(out, dtd=dtd) == []


def test_unit_srclang_kept_when_it_differs_and_has_a_tuv(tmp_path):
    out = tmp_path / "u.tmx"
    units = [_unit(("en", "a"), ("fr", "b"), srclang="fr"), _unit(("en", "a"), ("fr", "b"), srclang="de"),
             _unit(("en", "a"), ("fr", "b"), srclang="en")]
    write_tmx(units, out, srclang="en")
    assert [u.srclang for u in iter_units(out)] == ["fr", "en", "en"]


def test_unit_srclang_kept_when_the_header_language_is_missing(tmp_path, dtd):
    # LISA's ImportTest1J: header srclang es-es, <tu srclang="en-us"> with en-us and en-gb only. The unit's own
    # source stays; it became *all* in the generic profile. A unit without a source of its own still gets *all*.
    out = tmp_path / "u.tmx"
    units = [_unit(("en-US", "a"), ("en-GB", "b"), srclang="en-US"), _unit(("en-US", "c"), ("en-GB", "d")),
             _unit(("en-US", "e"), ("en-GB", "f"), srclang="fr")]
    assert write_tmx(units, out, srclang="es-ES") == 3
    assert [u.srclang for u in iter_units(out)] == ["en-US", "*all*", "*all*"]
    assert validate_tmx(out, dtd=dtd) == []
    # the tool profiles leave such units out, as documented: the TM's source language is missing
    stats: dict[str, int] = {}
    assert write_tmx(units, out, srclang="es-ES", profile="trados", stats=stats) == 0 and stats["no_source"] == 3


def test_header_and_profiles(tmp_path):
    out = tmp_path / "h.tmx"
    write_tmx([_unit(("en", "a"), ("zh", "b"))], out, srclang="*all*", segtype="paragraph")
    header = read_header(out)
    assert header["srclang"] == "*all*" and header["segtype"] == "paragraph"
    for key in ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "datatype", "creationdate"):
        assert header[key]
    with pytest.raises(UsageError, match="real source language"):
        write_tmx([], tmp_path / "x.tmx", srclang="*all*", profile="trados")
    with pytest.raises(UsageError, match="unknown TMX profile"):
        write_tmx([], tmp_path / "x.tmx", srclang="en", profile="sdlx")
    write_tmx([_unit(("en", "a"), ("zh", "b"))], out, srclang="en", profile="trados")
    assert [v.lang for v in next(iter_units(out)).variants] == ["en-US", "zh-CN"]
    write_tmx([_unit(("en", "a"), ("zh-Hant", "b"))], out, srclang="en", profile="memoq")
    assert [v.lang for v in next(iter_units(out)).variants] == ["en", "zh-TW"]


def test_failed_write_leaves_the_old_file(tmp_path):
    out = tmp_path / "keep.tmx"
    out.write_text("old content", encoding="utf-8")

    def units():
        yield _unit(("en", "a"), ("fr", "b"))
        raise RuntimeError("source went away")

    with pytest.raises(RuntimeError):
        write_tmx(units(), out, srclang="en")
    assert out.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.tmx"]


def test_writing_streams_in_bounded_memory(tmp_path):
    def units(n):
        for i in range(n):
            yield _unit(("en", f"Sentence number {i} " * 5), ("fr", f"Phrase numéro {i} " * 5))

    def peak_and_size(n):
        path = tmp_path / f"{n}.tmx"
        tracemalloc.start()
        try:
            write_tmx(units(n), path, srclang="en")
            return tracemalloc.get_traced_memory()[1], path.stat().st_size
        finally:
            tracemalloc.stop()

    small_peak, small_size = peak_and_size(8_000)
    big_peak, big_size = peak_and_size(24_000)
    # a tree or the whole text would grow with the file; only the set of tuids does (a few % of it)
    assert big_peak - small_peak < (big_size - small_size) / 4
    assert big_peak < big_size


def test_omegat_profile_keeps_a_regional_variant_of_the_source(tmp_path, dtd):
    # a TM holding one text as en/fr (tm add) and as en-US/fr-FR (a Trados TMX imported): tm export --profile
    # omegat under srclang "en" left the en-US units out as "without the source language", though OmegaT picks
    # a tuv by language when the region differs (TMXReader2.getTuvByLang). They are written with srclang en-US.
    units = [_unit(("en", "a"), ("fr", "b")), _unit(("en-US", "c"), ("fr-FR", "d")),
             _unit(("de", "e"), ("fr", "f"))]
    out = tmp_path / "o.tmx"
    stats: dict[str, int] = {}
    assert write_tmx(units, out, srclang="en", profile="omegat", stats=stats) == 2 and stats["no_source"] == 1
    assert [u.srclang for u in iter_units(out)] == ["en", "en-US"]
    assert validate_tmx(out, dtd=dtd) == []
    # memoQ's and Trados's rule is unchanged: the TM's source language in every unit
    assert write_tmx(units, out, srclang="en", profile="memoq", stats=stats) == 1 and stats["no_source"] == 2


@pytest.mark.parametrize(("lang", "why"), [
    ("", "a tuv's language is empty"), (" ", "a tuv's language is empty"),
    ("French", "a tuv's language 'french' is not a language code"),
])
def test_a_variant_without_a_language_code_is_refused_not_written(tmp_path, lang, why):
    """A library caller's ``Variant("", ...)`` or ``Variant("French", ...)`` was written as ``xml:lang=""`` /
    ``xml:lang="french"``, which validate_tmx then reported as an error and CAT tools refuse; the writer now
    says so and, writing atomically, leaves nothing behind."""
    out = tmp_path / "out.tmx"
    units = [TranslationUnit((Variant("en", "Hello."), Variant("fr", "Bonjour."))),
             TranslationUnit((Variant("en", "Thank you."), Variant(lang, "Merci.")))]
    with pytest.raises(UsageError, match=f"^cannot write TMX: {why}$"):
        write_tmx(units, out, srclang="en")
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("attr", "value"), [("srclang", ""), ("adminlang", "English")])
def test_a_header_language_that_is_no_code_is_refused(tmp_path, attr, value):
    out = tmp_path / "out.tmx"
    options = {"srclang": "en", attr: value}
    with pytest.raises(UsageError, match=f"the header's {attr}"):
        write_tmx([TranslationUnit((Variant("en", "Hello."), Variant("fr", "Bonjour.")))], out, **options)
    assert not out.exists()


def test_language_codes_the_profiles_normalise_are_still_written(tmp_path, dtd):
    out = tmp_path / "out.tmx"
    write_tmx([TranslationUnit((Variant("EN_us", "Hello."), Variant("x-klingon", "nuqneH."),
                                Variant("zh_hans_cn", "你好。")))], out, srclang="EN_us")
    assert {v.lang for u in iter_units(out) for v in u.variants} == {"en-US", "x-klingon", "zh-Hans-CN"}
    assert validate_tmx(out, dtd=dtd) == []
