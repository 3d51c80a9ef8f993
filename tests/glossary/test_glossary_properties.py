"""Property tests: any glossary the model can hold survives the lossless formats; OmegaT never suggests
a deprecated or forbidden term; memoQ keeps terms and statuses."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmtool.errors import LanguageError
from tmtool.glossary import STATUSES, Definition, Entry, Example, Glossary, Term, read_glossary, write_glossary

LANGS = ["en", "fr", "ru", "ar", "zh", "es-MX"]
# words without white space or control characters; texts are words joined by one space (XML and CSV
# readers collapse white space, as TBX files written by hand need)
WORD = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Cf")),
               min_size=1, max_size=8)  # fmt: skip
TEXT = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
OPT = st.one_of(st.just(""), TEXT)
NOTE = st.one_of(st.just(""), st.lists(TEXT, min_size=1, max_size=3).map("\n".join))


@st.composite
def entries(draw: st.DrawFn, eid: str) -> Entry:
    langs = draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=4, unique=True))
    terms = []
    for lang in langs:  # terms grouped by language, as TBX stores them
        texts = draw(st.lists(TEXT, min_size=1, max_size=3, unique=True))
        for text in texts:
            examples = tuple(Example(t, s) for t, s in draw(st.lists(st.tuples(TEXT, OPT), max_size=2)))
            terms.append(Term(text, lang, draw(st.sampled_from(STATUSES)), part_of_speech=draw(OPT),
                              note=draw(NOTE), examples=examples, term_type=draw(OPT), source=draw(OPT)))  # fmt: skip
    defs = tuple(Definition(draw(TEXT), lang, draw(OPT)) for lang in langs if draw(st.booleans()))
    definition = draw(OPT)
    return Entry(eid, tuple(terms), subject=draw(OPT), definition=definition, note=draw(NOTE),
                 source=draw(OPT) if definition else "", definitions=defs)  # fmt: skip


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    n = draw(st.integers(min_value=1, max_value=4))
    return Glossary(tuple(draw(entries(f"c{i}")) for i in range(n)))


def _round_trip(g: Glossary, fmt: str, suffix: str, **options: str) -> Glossary:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"g.{suffix}"
        write_glossary(g, path, fmt, **options)
        return read_glossary(path, fmt)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_lossless_formats(g: Glossary) -> None:
    for fmt, suffix in (("csv", "csv"), ("tbx", "tbx"), ("tbx2", "tbx")):
        assert _round_trip(g, fmt, suffix).entries == g.entries, fmt


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_memoq_keeps_terms_and_statuses(g: Glossary) -> None:
    back = _round_trip(g, "memoq", "csv")

    def by_lang(e: Entry) -> dict[str, list[tuple[str, str]]]:  # memoQ orders languages per file, not per entry
        return {lang: [(t.text, t.status) for t in e.terms if t.lang == lang] for lang in {t.lang for t in e.terms}}

    assert [by_lang(e) for e in back.entries] == [by_lang(e) for e in g.entries]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries())
def test_omegat_never_suggests_a_bad_term(g: Glossary) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.txt"
        if not {"en", "fr"} <= set(g.languages):
            with pytest.raises(LanguageError):
                write_glossary(g, path, "omegat", src_lang="en", tgt_lang="fr")
            return
        write_glossary(g, path, "omegat", src_lang="en", tgt_lang="fr")
        bad = {t.text for e in g.entries for t in e.terms_in("fr") if t.status in ("deprecated", "forbidden")}
        good = {t.text for e in g.entries for t in e.terms_in("fr") if t.status not in ("deprecated", "forbidden")}
        for line in path.read_text("utf-8").splitlines():
            if not line.startswith("#"):
                target = line.split("\t")[1]
                assert target in good or target not in bad
        back = read_glossary(path)
        original = {(t.text, t.status) for e in g.entries for t in e.terms_in("fr")}
        assert {(t.text, t.status) for e in back.entries for t in e.terms_in("fr")} <= original


@st.composite
def kept_xml(draw: st.DrawFn) -> str:
    """A fragment of TBX elements tmtool has no field for, as the TBX reader keeps it."""
    from lxml import etree

    from tmtool.glossary._xml import fragment_xml

    elements = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        grp = etree.Element("transacGrp")
        etree.SubElement(grp, "transac", type="transactionType").text = draw(TEXT)
        etree.SubElement(grp, "date").text = draw(TEXT)
        if draw(st.booleans()):
            etree.SubElement(grp, "transacNote", type="responsibility", target=draw(WORD)).text = draw(TEXT)
        elements.append(grp)
    if draw(st.booleans()):
        xref = etree.Element("xref", type="xGraphic", target=draw(WORD))
        xref.text = draw(TEXT)
        elements.append(xref)
    return fragment_xml(elements)


@st.composite
def glossaries_with_kept_xml(draw: st.DrawFn) -> Glossary:
    g = draw(glossaries())
    out = []
    for e in g.entries:
        terms = tuple(Term(t.text, t.lang, t.status, extra_xml=draw(st.one_of(st.just(""), kept_xml())))
                      for t in e.terms)  # fmt: skip
        langs = list(dict.fromkeys(t.lang for t in terms))  # language sections in term order, as read
        lang_xml = tuple((lang, draw(kept_xml())) for lang in langs if draw(st.booleans()))
        out.append(Entry(e.id, terms, extra_xml=draw(st.one_of(st.just(""), kept_xml())), lang_extra_xml=lang_xml))
    return Glossary(tuple(out))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(glossaries_with_kept_xml())
def test_kept_tbx_xml_survives_the_lossless_formats(g: Glossary) -> None:
    for fmt, suffix in (("csv", "csv"), ("tbx", "tbx"), ("tbx2", "tbx")):
        assert _round_trip(g, fmt, suffix).entries == g.entries, fmt
