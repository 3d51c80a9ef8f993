"""The streaming reader: encodings, odd-but-legal XML, and the fast path agreeing with lxml everywhere."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmtool.errors import FormatError, InputError
from tmtool.tmx import TranslationUnit, Variant, iter_units, read_header, write_tmx

HEAD = ('<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
TAIL = "\n</body>\n</tmx>\n"
UNIT = '<tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="fr"><seg>{fr}</seg></tuv></tu>'


def _file(tmp_path, body, name="t.tmx", encoding="utf-8", bom=b"", decl=True):
    declared = "UTF-16" if encoding.startswith("utf-16") else encoding.upper()
    text = ('<?xml version="1.0" encoding="%s"?>\n' % declared if decl else "") + HEAD + body + TAIL
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    return path


def _both(path):
    fast = list(iter_units(path))
    slow = list(iter_units(path, fast=False))
    assert fast == slow
    return fast


@pytest.mark.parametrize(
    "encoding,bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-le", b""), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-be", b"")],
)
def test_encodings_with_and_without_bom(tmp_path, encoding, bom):
    body = UNIT.format(en="naïve “quotes” 中文 😀", fr="élève")
    for decl in (True, False):
        path = _file(tmp_path, body, encoding=encoding, bom=bom, decl=decl)
        (unit,) = _both(path)
        assert unit.text("en") == "naïve “quotes” 中文 😀"
        assert read_header(path)["srclang"] == "en"


def test_utf8_file_declaring_utf16_is_read_as_utf8(tmp_path):
    path = tmp_path / "lie.tmx"
    path.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>\n' + HEAD + UNIT.format(en="é", fr="è") + TAIL).encode())
    assert [u.text("fr") for u in _both(path)] == ["è"]


ODD_BUT_LEGAL = {
    "single quotes and spaces": "<tu tuid = '1' ><tuv xml:lang = 'en' ><seg>a</seg></tuv ><tuv xml:lang='fr'><seg>b</seg></tuv></tu>",
    "newlines in attributes": '<tu tuid="a\nb"><tuv\n xml:lang="en"\n><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
    "comments between and inside": "<!-- c --><tu><!-- x --><tuv xml:lang='en'><seg>a<!-- y -->b</seg></tuv><tuv xml:lang='fr'><seg>c</seg></tuv></tu><!-- z -->",
    "cdata": "<tu><tuv xml:lang='en'><seg><![CDATA[a < b & c]]></seg></tuv><tuv xml:lang='fr'><seg>d</seg></tuv></tu>",
    "empty and self-closing segs": "<tu><tuv xml:lang='en'><seg/></tuv><tuv xml:lang='fr'><seg></seg></tuv></tu>",
    "references everywhere": '<tu tuid="&amp;1&#x41;"><prop type="x-&lt;">&#169;&gt;</prop><tuv xml:lang="en"><seg>&lt;b&gt; &amp; &#x1F600; &apos;&quot;</seg></tuv><tuv xml:lang="fr"><seg>&#233;</seg></tuv></tu>',
    "no tuv at all": "<tu tuid='x'><prop type='a'>b</prop></tu>",
    "unknown attributes and elements": '<tu foo="bar" tuid="1"><tuv xml:lang="en" x-mine="1"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv><extra/></tu>',
    "namespaced attribute": '<tu xmlns:my="urn:x" my:a="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>',
    "tmx 1.1 lang and both": '<tu><tuv lang="EN"><seg>a</seg></tuv><tuv lang="fr" xml:lang="fr-FR"><seg>b</seg></tuv></tu>',
    "carriage returns": "<tu><tuv xml:lang='en'><seg>a\r\nb\rc&#13;</seg></tuv><tuv xml:lang='fr'><seg>d</seg></tuv></tu>",
    "greater-than in text and attribute": '<tu tuid="a>b"><tuv xml:lang="en"><seg>a > b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>',
    "notes and props at both levels": "<tu><note>n1</note><prop type='p'>v</prop><note>n2</note><tuv xml:lang='en'><prop type='q'>w</prop><note>m</note><seg>a</seg></tuv><tuv xml:lang='fr'><seg>b</seg></tuv></tu>",
    "inline codes then plain units": "<tu><tuv xml:lang='en'><seg>a<ph x='1'>&lt;br/&gt;</ph>b</seg></tuv><tuv xml:lang='fr'><seg>c</seg></tuv></tu>" + UNIT.format(en="p", fr="q") * 3,
    "stray text between units (well-formed, not DTD-valid)": UNIT.format(en="a", fr="b") + " stray " + UNIT.format(en="c", fr="d"),
    "changing layouts": UNIT.format(en="a", fr="b") * 2 + '<tu tuid="9"><tuv xml:lang="en"><seg>c</seg></tuv></tu>' + UNIT.format(en="d", fr="e"),
}


@pytest.mark.parametrize("name", sorted(ODD_BUT_LEGAL))
def test_fast_path_agrees_with_lxml_on_odd_but_legal_xml(tmp_path, name):
    units = _both(_file(tmp_path, ODD_BUT_LEGAL[name]))
    assert units  # every case holds at least one unit


def test_odd_values_are_read_as_xml_says(tmp_path):
    def one(name):
        return _both(_file(tmp_path, ODD_BUT_LEGAL[name], name=name.replace(" ", "_") + ".tmx"))

    assert one("newlines in attributes")[0].tuid == "a b"  # attribute-value normalisation
    assert one("comments between and inside")[0].text("en") == "ab"
    assert one("cdata")[0].text("en") == "a < b & c"
    refs = one("references everywhere")[0]
    assert refs.tuid == "&1A" and refs.props == (("x-<", "©>"),)
    assert refs.text("en") == "<b> & 😀 '\"" and refs.text("fr") == "é"
    assert one("carriage returns")[0].text("en") == "a\nb\nc\r"
    assert one("tmx 1.1 lang and both")[0].variants[1].lang == "fr-FR"
    assert one("no tuv at all")[0].variants == ()
    assert dict(one("unknown attributes and elements")[0].attrs) == {"foo": "bar"}


MALFORMED = {
    "truncated": UNIT.format(en="a", fr="b") + "<tu><tuv xml:lang='en'><seg>cut",
    "mismatched tags": "<tu><tuv xml:lang='en'><seg>a</tuv></seg></tu>",
    "raw ampersand": UNIT.format(en="a & b", fr="c"),
    "control character": UNIT.format(en="a\x0cb", fr="c"),
    "forbidden reference": UNIT.format(en="a&#1;b", fr="c"),
    "cdata end in text": UNIT.format(en="a ]]> b", fr="c"),
    "duplicate attribute": '<tu tuid="1" tuid="2"><tuv xml:lang="en"><seg>a</seg></tuv></tu>',
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_xml_is_a_one_line_format_error_with_line(tmp_path, name):
    path = _file(tmp_path, MALFORMED[name])
    for fast in (True, False):
        with pytest.raises(FormatError) as info:
            list(iter_units(path, fast=fast))
        assert info.value.line is not None and info.value.line >= 3
        assert "\n" not in str(info.value)


def test_units_before_an_error_are_yielded_first(tmp_path):
    path = _file(tmp_path, UNIT.format(en="a", fr="b") * 3 + "<tu><broken>")
    got = []
    with pytest.raises(FormatError):
        for unit in iter_units(path):
            got.append(unit.text("en"))
    assert got == ["a", "a", "a"]


def test_not_tmx_and_missing_file(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text("<xliff><body><tu/></body></xliff>")
    with pytest.raises(FormatError, match="not a TMX file"):
        list(iter_units(path))
    with pytest.raises(InputError, match="no such file"):
        list(iter_units(tmp_path / "missing.tmx"))


# ---- property: whatever the writer writes, both readers read back the same, identical units ---------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1, max_size=40,
).filter(lambda t: t.strip())
_lang = st.sampled_from(["en", "fr", "ar", "zh-Hans", "ru", "ES-es"])


@st.composite
def _units(draw):
    langs = draw(st.lists(_lang, min_size=2, max_size=4, unique_by=lambda s: s.lower()))
    return TranslationUnit(
        variants=tuple(Variant(lang, draw(_text)) for lang in langs),
        tuid=draw(st.one_of(st.none(), st.text("abc123-/", min_size=1, max_size=5))),
        props=tuple(draw(st.lists(st.tuples(st.sampled_from(["x-a", "x-b"]), _text), max_size=2))),
        notes=tuple(draw(st.lists(_text, max_size=1))),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=st.lists(_units(), min_size=1, max_size=6))
def test_written_units_read_back_identically_by_both_readers(tmp_path, units):
    path = tmp_path / "p.tmx"
    n = write_tmx(units, path, srclang="en")
    fast = _both(path)
    assert len(fast) == n == len(units)
    for wrote, read in zip(units, fast):
        # text survives except for characters XML cannot carry, which the writer replaces
        from tmtool.tmx.writer import clean_xml_text

        assert [clean_xml_text(v.text) for v in wrote.variants] == [v.text for v in read.variants]
        assert [(t, clean_xml_text(v)) for t, v in wrote.props] == list(read.props)


# ---- property: on arbitrary well-formed TMX markup, and on its truncations, both readers agree ----------

_ws = st.sampled_from(["", " ", "\n  ", "\t", "\r\n    "])
_plain = st.text(alphabet="ab é中&<>\"'\t\n]", max_size=12)


def _esc(text: str, quote: str = "") -> str:
    # ">" always escaped: escaped pieces are joined, and "]]" + ">" from two of them would spell "]]>", which XML
    # forbids in text (the reader rightly refuses it: see MALFORMED["cdata end in text"])
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace(quote, "&quot;" if quote == '"' else "&apos;") if quote else out


@st.composite
def _attrs(draw, names):
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=3))
    out = []
    for name in chosen:
        q = draw(st.sampled_from(['"', "'"]))
        value = draw(st.one_of(st.sampled_from(["en", "FR-ca", "20240101T000000Z", "1"]), _plain))
        out.append(f"{draw(st.sampled_from([' ', '  ', chr(10)]))}{name}{draw(st.sampled_from(['=', ' = ']))}{q}{_esc(value, q)}{q}")
    return "".join(out) + draw(st.sampled_from(["", " "]))


_seg_piece = st.one_of(
    _plain.map(_esc),
    st.sampled_from(["&#65;", "&#xE9;", "&amp;", "&lt;b&gt;", "&quot;", "<![CDATA[a<b&c]]>", "<!-- c -->",
                     '<ph x="1">&lt;br/&gt;</ph>', '<bpt i="1">&lt;b&gt;</bpt>x<ept i="1">&lt;/b&gt;</ept>',
                     '<hi type="t">hi<ph>p</ph></hi>', "<it pos='begin'>&lt;i&gt;</it>"]),
)


@st.composite
def _propnote(draw):
    if draw(st.booleans()):
        return f"<prop{draw(_attrs(['type', 'xml:lang']))}>{_esc(draw(_plain))}</prop>"
    return f"<note{draw(_attrs(['xml:lang']))}>{_esc(draw(_plain))}</note>"


@st.composite
def _tuv(draw):
    lang = draw(st.sampled_from([' xml:lang="en"', " xml:lang='fr-CA'", ' lang="DE"', ' xml:lang="zh" lang="x"']))
    extra = draw(_attrs(["creationid", "changedate", "usagecount"]))
    pn = "".join(draw(_ws) + draw(_propnote()) for _ in range(draw(st.integers(0, 2))))
    seg = draw(st.one_of(st.just("<seg/>"), st.lists(_seg_piece, max_size=4).map(lambda p: "<seg>" + "".join(p) + "</seg>")))
    return f"<tuv{lang}{extra}>{pn}{draw(_ws)}{seg}{draw(_ws)}</tuv>"


@st.composite
def _tu(draw):
    attrs = draw(_attrs(["tuid", "srclang", "creationdate", "datatype"]))
    pn = "".join(draw(_ws) + draw(_propnote()) for _ in range(draw(st.integers(0, 2))))
    tuvs = "".join(draw(_ws) + draw(_tuv()) for _ in range(draw(st.integers(1, 3))))
    return f"<tu{attrs}>{pn}{tuvs}{draw(_ws)}</tu>"


def _collect(path, fast):
    units = []
    try:
        for unit in iter_units(path, fast=fast):
            units.append(unit)
    except FormatError as exc:
        return units, (type(exc).__name__, str(exc))
    return units, None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(units=st.lists(st.one_of(_tu(), st.just("<tu><tuv xml:lang='en'><seg>same</seg></tuv></tu>")), max_size=8),
       between=_ws, comment=st.booleans(), cut=st.floats(0, 1))
def test_arbitrary_markup_and_truncations_read_identically(tmp_path, units, between, comment, cut):
    sep = between + ("<!-- between -->" if comment else "") + between
    body = sep.join(units)
    path = _file(tmp_path, body)
    fast, slow = _collect(path, True), _collect(path, False)
    assert fast == slow
    assert fast[1] is None and len(fast[0]) == len(units)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * cut)])
    assert _collect(path, True) == _collect(path, False)


def test_unit_text_matches_an_exact_tag_first_then_the_primary_language():
    tu = TranslationUnit(variants=(Variant(lang="en-US", text="color"), Variant(lang="en-GB", text="colour"),
                                   Variant(lang="fr-FR", text="couleur")))
    assert tu.text("EN-gb") == "colour"  # the exact tag, whatever its case
    assert tu.text("en_AU") == "color"  # no exact variant: the first of the primary language
    assert tu.text("FR") == "couleur" and tu.text("de") is None


def test_elements_tmx_does_not_define_are_unwrapped(tmp_path):
    # XLIFF's <g>/<x/> left in by a careless converter: their text is translatable text, the element goes
    body = (UNIT.format(en='Hello <g id="1">world</g> <x id="2"/>end', fr='Bonjour <g id="1">monde</g> <x id="2"/>fin')
            + UNIT.format(en='<bpt i="1">&lt;b&gt;</bpt>Hello <g id="1"><hi>big</hi> world</g><ept i="1">&lt;/b&gt;</ept>',
                          fr='<ph>&lt;br/&gt;</ph><mrk mtype="x">Salut</mrk>'))
    first, second = _both(_file(tmp_path, body))
    assert [(v.text, v.markup) for v in first.variants] == [("Hello world end", None), ("Bonjour monde fin", None)]
    assert [(v.text, v.markup) for v in second.variants] == [
        ("Hello big world", '<bpt i="1">&lt;b&gt;</bpt>Hello <hi>big</hi> world<ept i="1">&lt;/b&gt;</ept>'),
        ("Salut", "<ph>&lt;br/&gt;</ph>Salut"),
    ]


@pytest.mark.parametrize("tuv", ['<tuv><seg>no lang</seg></tuv>', '<tuv xml:lang=""><seg>empty</seg></tuv>',
                                 '<tuv lang=""><seg>empty 1.1</seg></tuv>'])
def test_a_tuv_without_a_language_is_a_format_error_with_its_line(tmp_path, tuv):
    body = UNIT.format(en="a", fr="b") + "\n<tu>\n" + tuv + '<tuv xml:lang="fr"><seg>c</seg></tuv></tu>'
    path = _file(tmp_path, body)
    for fast in (True, False):
        with pytest.raises(FormatError) as info:
            list(iter_units(path, fast=fast))
        assert str(info.value) == f"{path}:6: <tuv> without a language (xml:lang)"
