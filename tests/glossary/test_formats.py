"""Every format: the real TBX files of ../shared/interop/tbx, round trips, golden outputs, bad input."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tmtool.errors import EncodingError, FormatError, LanguageError, UnsafeXMLError
from tmtool.glossary import Entry, Glossary, Term, read_glossary, write_glossary

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"
INTEROP = ["ltac_tbx-basic-2019_Example_Astronomy_DCA_VALID.tbx", "okapi_ibm_tbx.tbx",
           "okapi_maryland_ntig_multilang.tbx", "okapi_test02_win1254.tbx"]  # fmt: skip
SUFFIX = {"tbx": "tbx", "tbx2": "tbx", "csv": "csv", "memoq": "csv", "omegat": "txt"}


def _interop(shared: Path, name: str) -> Path:
    path = shared / "interop" / "tbx" / name
    if not path.exists():
        pytest.skip(f"missing {path}")
    return path


def _summary(g: Glossary, langs: tuple[str, str] | None = None) -> list[list[tuple[str, str, str]]]:
    """Per entry, (lang, text, status) of its terms, optionally only of two languages."""
    return [sorted((t.lang, t.text, t.status) for t in e.terms if not langs or t.lang in langs) for e in g.entries]


def test_tbx_basic_2019(shared: Path) -> None:
    g = read_glossary(_interop(shared, INTEROP[0]))
    assert len(g.entries) == 45
    statuses = [(t.status, t.status_detail) for e in g.entries for t in e.terms]
    assert statuses.count(("preferred", "")) >= 12  # 12 explicit + terms without a status
    assert sum(1 for s in statuses if s == ("admitted", "")) == 16
    assert sum(1 for s in statuses if s == ("deprecated", "")) == 3
    assert ("deprecated", "superseded") in statuses
    first = g.entries[0]
    assert first.subject == "General"
    assert [t.text for t in first.terms_in("en")] == ["open cluster", "galactic cluster"]
    assert first.terms[0].part_of_speech == "noun"
    assert first.terms[0].examples[0].source == "http://seds.org/MESSIER/open.html"
    assert {d.lang for d in first.definitions} == {"en", "es"}


def test_tbx2_ibm_two_langsets_for_one_language(shared: Path) -> None:
    g = read_glossary(_interop(shared, INTEROP[1]))
    c1 = next(e for e in g.entries if e.id == "c1")
    assert [t.text for t in c1.terms_in("en")] == ["navigation trail", "branch"]
    assert [t.text for t in c1.terms_in("fr")] == ["historique de navigation"]


def test_tbx2_ntig_synonyms_and_uppercase_lang(shared: Path) -> None:
    g = read_glossary(_interop(shared, INTEROP[2]))
    (e,) = g.entries
    assert [(t.text, t.term_type) for t in e.terms_in("fr")] == [
        ("copiste", "entryTerm"), ("scribe", "synonym"), ("écrivain", "synonym")]  # fmt: skip
    assert len(e.terms_in("it")) == 4 and len(e.terms_in("es")) == 4
    assert e.subject == "personnel" and "écriture" in e.definition


def test_tbx2_windows_1254(shared: Path) -> None:
    g = read_glossary(_interop(shared, INTEROP[3]))
    assert [(t.lang, t.text) for t in g.entries[0].terms] == [
        ("en", "term with: éá and İı"), ("tr", "tr term with: éá and İı")]  # fmt: skip


@pytest.mark.parametrize("name", INTEROP)
@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv"])
def test_interop_files_survive_lossless_formats(shared: Path, tmp_path: Path, name: str, fmt: str) -> None:
    g = read_glossary(_interop(shared, name))
    out = tmp_path / f"out.{SUFFIX[fmt]}"
    write_glossary(g, out, fmt)
    assert read_glossary(out, fmt).entries == g.entries


@pytest.mark.parametrize("name", INTEROP)
def test_interop_files_survive_memoq(shared: Path, tmp_path: Path, name: str) -> None:
    g = read_glossary(_interop(shared, name))
    out = tmp_path / "out.csv"
    write_glossary(g, out, "memoq")
    assert _summary(read_glossary(out, "memoq")) == _summary(g)


def test_round_trip_keeps_every_status(tmp_path: Path) -> None:
    g = read_glossary(DATA / "sample.csv")
    for fmt in ("tbx", "tbx2", "csv", "memoq"):
        out = tmp_path / f"g.{fmt}.{SUFFIX[fmt]}"
        write_glossary(g, out, fmt)
        assert _summary(read_glossary(out, fmt)) == _summary(g), fmt


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "memoq"])
def test_a_status_changed_after_a_finer_one_was_read_survives_every_format(tmp_path: Path, fmt: str) -> None:
    """A term read from TBX as supersededTerm-admn-sts (deprecated, detail "superseded"), its status then changed
    in the lossless CSV to forbidden or proposed, the detail column left as it was: the memoQ writer wrote the
    detail's TBX value (deprecated) or nothing (read back as preferred) in place of the status."""
    g = Glossary(entries=(Entry("organ-SC", (
        Term("Security Council", "en"),
        Term("Conseil de sûreté", "fr", status="forbidden", status_detail="superseded"),
        Term("Conseil", "fr", status="proposed", status_detail="superseded"),
        Term("Conseil S", "fr", status="deprecated", status_detail="superseded"),
    )),))
    out = tmp_path / f"g.{fmt}.{SUFFIX[fmt]}"
    write_glossary(g, out, fmt)
    assert _summary(read_glossary(out, fmt)) == _summary(g)


def test_omegat_keeps_the_pair_and_never_suggests_a_deprecated_term(tmp_path: Path) -> None:
    g = read_glossary(DATA / "sample.csv")
    out = tmp_path / "g.txt"
    write_glossary(g, out, "omegat", src_lang="en", tgt_lang="fr")
    rows = [line.split("\t") for line in out.read_text("utf-8").splitlines() if not line.startswith("#")]
    targets = {r[1] for r in rows}
    assert "Turquie" not in targets and "nom inventé" not in targets
    assert any("deprecated: Turquie" in r[2] for r in rows if len(r) > 2)
    back = read_glossary(out)
    assert _summary(back) == [s for s in _summary(g, ("en", "fr")) if any(x[0] == "fr" for x in s)]


def test_omegat_round_trip_keeps_statuses_when_a_note_or_term_holds_the_separator(tmp_path: Path) -> None:
    # found by the property test: the note "| 0" made the reader take the whole comment for a foreign one and the
    # admitted French term came back preferred
    g = Glossary((Entry("c0", (Term("0", "en"), Term("0", "fr", status="admitted"),
                               Term("a | b", "fr", status="deprecated")), note="| 0 | target: x"),))
    out = tmp_path / "g.txt"
    write_glossary(g, out, "omegat", src_lang="en", tgt_lang="fr")
    (entry,) = read_glossary(out).entries
    assert {(t.text, t.status) for t in entry.terms_in("fr")} == {("0", "admitted"), ("a | b", "deprecated")}
    assert entry.note == "| 0 | target: x"


@pytest.mark.parametrize("fmt", ["omegat", "csv", "tbx"])
def test_omegat_comments_of_merged_rows_are_kept(tmp_path: Path, fmt: str) -> None:
    """The comment of the first row of merged rows is the entry note, another row's comment a note of that row's
    target term (they were dropped); they come back from every format, OmegaT included."""
    g = read_glossary(DATA / "omegat_comments.txt", src_lang="en", tgt_lang="fr")
    fair, bank = g.entries
    assert fair.note == "adjective: equitable" and bank.note == ""
    assert [(t.text, t.note) for t in fair.terms_in("fr")] == [("juste", ""), ("foire", "noun: trade fair")]
    assert [(t.text, t.note) for t in bank.terms_in("fr")] == [("banque", ""), ("rive", "river bank")]
    out = tmp_path / f"g.{SUFFIX[fmt]}"
    write_glossary(g, out, fmt, src_lang="en", tgt_lang="fr")
    assert read_glossary(out, fmt).entries == g.entries


def test_omegat_rows_without_a_target_are_counted() -> None:
    """Rows with a source and no target (or the other way round) were skipped silently: a warning counts them."""
    from tmtool.glossary.model import GlossaryWarning

    words = r"2 row\(s\) without a source or a target term skipped \(first at line 2\)"
    with pytest.warns(GlossaryWarning, match=words):
        g = read_glossary(DATA / "omegat_missing_target.txt", src_lang="en", tgt_lang="fr")
    assert [t.text for e in g.entries for t in e.terms] == ["fair", "juste", "fair price", "prix juste"]


def test_omegat_cells_after_the_comment_are_left_as_omegat_leaves_them() -> None:
    """A row with more than three cells failed the whole file; OmegaT reads the first three (December 2026)."""
    from tmtool.glossary.model import GlossaryWarning

    with pytest.warns(GlossaryWarning, match=r"1 row\(s\) with cells after the third .* \(first at line 1\)"):
        g = read_glossary(DATA / "omegat_extra_columns.txt", src_lang="en", tgt_lang="fr")
    assert [(t.text, e.note) for e in g.entries for t in e.terms] == [
        ("Security Council", "organ"), ("Conseil de sécurité", "organ"),
        ("General Assembly", ""), ("Assemblée générale", "")]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "memoq", "omegat"])
def test_golden_output(tmp_path: Path, fmt: str) -> None:
    """Writing sample.csv gives exactly tests/data/glossary/golden/sample.<fmt>.* (TMTOOL_UPDATE_GOLDEN=1 rewrites)."""
    g = read_glossary(DATA / "sample.csv")
    expected = DATA / "golden" / f"sample.{fmt}.{SUFFIX[fmt]}"
    out = tmp_path / expected.name
    write_glossary(g, out, fmt, src_lang="en", tgt_lang="fr")
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_bytes(out.read_bytes())
    assert out.read_bytes() == expected.read_bytes()


BAD = {
    "malformed.tbx": (FormatError, "malformed XML"),
    "unknown_encoding.tbx": (EncodingError, "encoding"),
    "entity.tbx": (UnsafeXMLError, "entity"),
    "entity_utf16.tbx": (UnsafeXMLError, ":2: entity declarations are refused"),  # was read, &b; kept as text
    "undefined_entity.tbx": (UnsafeXMLError, ":4: entity reference &sec; is refused"),  # after an external DOCTYPE
    "duplicate_ids.tbx": (FormatError, "duplicate entry id 'a'"),
    "no_language.tbx": (LanguageError, "no xml:lang"),
    "unknown_status.tbx": (FormatError, "maybeTerm-admn-sts"),
    "memoq_zz_language.memoq.csv": (LanguageError, ":1: column 3 'zz' is not a language code"),
    "unknown_language.csv": (LanguageError, ":3: not a language tag: 'xx'"),
    "unknown_language.tbx": (LanguageError, ":4: not a language tag: 'xx'"),  # was read as a language 'xx'
    "unknown_term_language.tbx": (LanguageError, ":6: not a language tag: 'zz'"),  # on a termSec
    # a French row added at the bottom of a sheet: the message says how to put it right (it said only the first)
    "duplicate_entry.csv": (FormatError, ":4: duplicate entry 'c1' (first at line 2; the rows of one entry follow "
                                         "each other: sort the rows by id if this is the same entry, else give it"),
    "lang_conflict.tbx": (FormatError, ":6: <termSec> xml:lang 'pt' differs from its <langSec>'s 'es'"),
    "duplicate_term.csv": (FormatError, "duplicate term 'Security Council' (en) in entry 'c1': the same in every"),
    "duplicate_term.tbx": (FormatError, "duplicate term 'record' (en) in entry 'record': the same in every field"),
    "duplicate_term.memoq.csv": (FormatError, "duplicate term 'foo' (en) in entry 'e1': the same in every field"),
    "bad_language.csv": (LanguageError, "not a language tag"),
    "not_utf8.csv": (EncodingError, "not valid utf-8"),
    "unknown_status.csv": (FormatError, "unknown status 'recommended' (statuses: preferred, admitted, proposed,"),
    # a colleague's spreadsheet: the message says what was meant (it said only "unknown status 'depricated'")
    "misspelt_status.csv": (FormatError, ":3: unknown status 'depricated' (did you mean deprecated? statuses: "),
    "misspelt_status.memoq.csv": (FormatError, ":2: unknown status 'Prefered' (did you mean preferred? statuses:"),
    "language_name.csv": (LanguageError, ":3: not a language tag: 'Chinese' (Chinese is zh: write the code)"),
    "memoq_unknown_language.memoq.csv": (LanguageError, "'Francais' is not a language code"),
    "unclosed_quote.csv": (FormatError, "unclosed_quote.csv:3: bad CSV: unexpected end of data"),  # not one field
    "text_after_quote.memoq.csv": (FormatError, "text_after_quote.memoq.csv:2: bad CSV: ',' expected after"),
    "memoq_term_field_first.memoq.csv": (FormatError, ":1: column 2 'Term_Info' comes before any term column"),
    # decoded as UTF-8, a NUL after each letter: 'column 1 'i\x00d\x00...' is not a language code', 'no source'
    "utf16le_no_bom.csv": (EncodingError, "looks like UTF-16 without a byte-order mark"),
    "utf16be_no_bom.memoq.csv": (EncodingError, "looks like UTF-16 without a byte-order mark"),
    "utf16le_no_bom.txt": (EncodingError, "looks like UTF-16 without a byte-order mark"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_one_clear_error(name: str) -> None:
    cls, words = BAD[name]
    with pytest.raises(cls) as err:
        read_glossary(DATA / "bad" / name)
    message = str(err.value)
    assert message.startswith(str(DATA / "bad" / name)) and words in message and "\n" not in message


def test_bad_files_are_all_tested() -> None:
    assert sorted(p.name for p in (DATA / "bad").iterdir()) == sorted(BAD)


@pytest.mark.parametrize("name", ["same_text_two_pos.tbx", "same_text_two_status.memoq.csv"])
@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "memoq"])
def test_same_text_twice_in_a_language_survives_every_format(tmp_path: Path, name: str, fmt: str) -> None:
    """One rule for every reader: the same text twice in one language of an entry is allowed when another field
    differs ("record" noun and verb, a term also admitted); the lossless CSV used to refuse what it wrote."""
    g = read_glossary(DATA / name)
    assert [t.text for t in g.entries[0].terms_in("en")] == ["record", "record"]
    out = tmp_path / f"g.{SUFFIX[fmt]}"
    write_glossary(g, out, fmt)
    back = read_glossary(out, fmt)
    if fmt != "memoq":
        assert back.entries == g.entries
        return
    # memoQ has no part of speech: the noun and the verb are written once (not twice, which it would refuse)
    expected = [sorted(set(s)) for s in _summary(g)]
    assert _summary(back) == expected
    write_glossary(back, tmp_path / "again.csv", "csv")
    assert _summary(read_glossary(tmp_path / "again.csv")) == expected


@pytest.mark.parametrize("name", ["termsec_lang.tbx", "tig_lang.tbx"])
def test_xml_lang_of_a_term_section_is_read(tmp_path: Path, name: str) -> None:
    """A termSec/tig/term with its own xml:lang is in that language when its langSec has none (it was put in the
    root's language), and in its regional tag within a langSec of the same language; TBX -> CSV -> TBX keeps it."""
    g = read_glossary(DATA / name)
    assert [(t.lang, t.text) for t in g.entries[0].terms] == [
        ("en", "Security Council"), ("fr", "Conseil de sécurité"), ("es-419", "Consejo de Seguridad")]
    write_glossary(g, tmp_path / "g.csv", "csv")
    write_glossary(read_glossary(tmp_path / "g.csv"), tmp_path / "g.tbx", "tbx")
    assert read_glossary(tmp_path / "g.tbx").entries == g.entries


@pytest.mark.parametrize("value, expected", [
    ("obsolete", ("deprecated", "obsolete")), ("Obsolete-admn-sts", ("deprecated", "obsolete")),
    ("superseded", ("deprecated", "superseded")), ("SUPERSEDEDTERM-ADMN-STS", ("deprecated", "superseded")),
    ("notRecommended", ("deprecated", "notRecommended")), ("notrecommendedterm", ("deprecated", "notRecommended")),
    ("standardized", ("preferred", "standardized")), ("preferred", ("preferred", "")),
    ("admittedTerm", ("admitted", "")), ("Deprecated", ("deprecated", "")), ("forbidden", ("forbidden", "")),
    ("preferredTerm-admn-sts", ("preferred", "")), ("maybe", None), ("maybeTerm-admn-sts", None)])  # fmt: skip
def test_tbx_status_short_forms(value: str, expected: tuple[str, str] | None) -> None:
    """Weblate and translate-toolkit write the short values (obsolete, forbidden), in any case."""
    from tmtool.glossary.status import from_tbx

    assert from_tbx(value) == expected


def test_weblate_tbx_is_read(tmp_path: Path) -> None:
    g = read_glossary(DATA / "weblate.tbx")
    assert [(t.text, t.status, t.status_detail) for t in g.entries[0].terms] == [
        ("application", "preferred", ""), ("program", "deprecated", "obsolete"), ("application", "preferred", ""),
        ("logiciel", "forbidden", ""), ("appli", "deprecated", "superseded")]  # fmt: skip
    write_glossary(g, tmp_path / "g.tbx", "tbx2")
    assert read_glossary(tmp_path / "g.tbx").entries == g.entries


@pytest.mark.parametrize("name", ["memoq_gaps.memoq.csv", "generated_ids.tbx"])
def test_generated_ids_do_not_clash_with_the_files_own(name: str) -> None:
    """An entry without an id was named e<n>, which the file's next entry could use too ("duplicate entry 'e1'")."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = read_glossary(DATA / name)
    assert [(e.id, [t.text for t in e.terms]) for e in g.entries] == [
        ("e1-2", ["foo", "truc"]), ("e1", ["bar", "machin"])]  # fmt: skip


def test_memoq_cells_of_an_empty_term_and_rows_without_a_term() -> None:
    """A status after an empty term cell went to the synonym before it (foo came out deprecated); it is ignored
    with a warning, and so are rows without a term (dropped silently before)."""
    from tmtool.glossary.model import GlossaryWarning

    with pytest.warns(GlossaryWarning) as caught:
        g = read_glossary(DATA / "memoq_gaps.memoq.csv")
    assert [(t.text, t.status) for t in g.entries[0].terms] == [("foo", "preferred"), ("truc", "preferred")]
    path = DATA / "memoq_gaps.memoq.csv"
    assert [str(w.message) for w in caught] == [
        f"{path}: 2 row(s) without a term dropped (first at line 4)",
        f"{path}: 2 status or term field cell(s) whose term cell is empty ignored (first at line 2)"]  # fmt: skip


def test_model_languages_and_approved() -> None:
    e = Entry("x", (Term("a", "fr-CA", "admitted"), Term("b", "fr", "preferred"), Term("c", "fr", "deprecated")))
    assert [t.text for t in e.approved("fr")] == ["b", "a"]
    assert Glossary((e,)).languages == ["fr-CA", "fr"]


ASTRONOMY = "ltac_tbx-basic-2019_Example_Astronomy_DCA_VALID.tbx"


def _kept_elements(path: Path) -> dict[str, list[bytes]]:
    """Per entry id, the canonical XML (namespace-free, white space dropped) of its transacGrp and
    xref elements at every level, sorted: what a conversion must not lose."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)).getroot()
    out: dict[str, list[bytes]] = {}
    for entry in root.iter("{*}conceptEntry", "{*}termEntry"):
        found = []
        for el in entry.iter("{*}transacGrp", "{*}xref"):
            text = etree.tostring(el, method="c14n").decode()
            found.append(" ".join(text.replace(' xmlns="urn:iso:std:iso:30042:ed-2"', "").split()).encode())
        out[entry.get("id")] = sorted(found)
    return out


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_tbx_keeps_history_and_graphics(shared: Path, tmp_path: Path, cli_run, fmt: str) -> None:
    src = _interop(shared, ASTRONOMY)
    out = tmp_path / "out.tbx"
    code, _, err = cli_run(["glossary", "convert", src, out, "--to", fmt])
    assert code == 0 and "warning" not in err, err
    before, after = _kept_elements(src), _kept_elements(out)
    assert sum(len(v) for v in before.values()) == 316 + 34  # transacGrp, xref xGraphic
    assert after == before
    text = out.read_text("utf-8")
    assert text.count('type="xGraphic"') == 34 and text.count("<transac ") == 316
    assert "<refObjectSec" in text  # the back matter the transacNotes point to


def test_lossless_csv_keeps_history_and_graphics(shared: Path, tmp_path: Path, cli_run) -> None:
    src = _interop(shared, ASTRONOMY)
    csv_out, tbx_out = tmp_path / "g.csv", tmp_path / "back.tbx"
    code, _, err = cli_run(["glossary", "convert", src, csv_out])
    assert code == 0, err
    # the CSV has no place for the file's back matter: said, with what and how many
    assert "warning" in err and "1 refObjectSec" in err and "xGraphic" not in err
    header = csv_out.read_text("utf-8").splitlines()[0].split(",")
    assert header[-3:] == ["xml", "lang_xml", "entry_xml"]
    assert read_glossary(csv_out).entries == read_glossary(src).entries
    code, _, err = cli_run(["glossary", "convert", csv_out, tbx_out])
    assert code == 0, err
    assert _kept_elements(tbx_out) == _kept_elements(src)


@pytest.mark.parametrize("fmt, suffix", [("memoq", "csv"), ("omegat", "txt")])
def test_formats_without_room_for_history_say_what_they_drop(shared: Path, tmp_path: Path, cli_run, fmt: str,
                                                              suffix: str) -> None:  # fmt: skip
    src = _interop(shared, ASTRONOMY)
    code, _, err = cli_run(["glossary", "convert", src, tmp_path / f"g.{suffix}", "--to", fmt,
                            "--src-lang", "en", "--tgt-lang", "es"])  # fmt: skip
    assert code == 0, err
    warning = next(line for line in err.splitlines() if "warning" in line)
    assert "34 xGraphic" in warning and "316 transacGrp" in warning and "316 transac," in warning


def test_broken_kept_xml_in_a_csv_is_an_error_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,lang,term,xml\nc1,en,star,<transacGrp><transac>\n", "utf-8")
    with pytest.raises(FormatError, match="kept TBX XML is malformed") as info:
        read_glossary(bad)
    assert info.value.line == 2


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
def test_entry_ids_are_xml_ids(tmp_path: Path, fmt: str) -> None:
    """TBX entry ids are xs:ID: memoQ's numbered entries and a spreadsheet's ids with spaces are made valid,
    a clash that makes is resolved, a valid id is kept."""
    from lxml import etree

    ids = ["0", "1", "_0", "place TR", "place-TR", "UN.1"]
    g = Glossary(tuple(Entry(i, (Term(f"term {i}", "en"), Term(f"terme {i}", "fr"))) for i in ids))
    out = tmp_path / "g.tbx"
    write_glossary(g, out, fmt)
    written = [el.get("id") for el in etree.parse(str(out)).iter("{*}conceptEntry", "termEntry")]
    assert written == ["_0", "_1", "_0-2", "place_TR", "place-TR", "UN.1"]
    assert all(re.fullmatch(r"[^\W\d][\w.\-]*", i) for i in written)
    assert _summary(read_glossary(out, fmt)) == _summary(g)


def test_memoq_own_export_is_read(tmp_path: Path) -> None:
    """memoQ's own CSV export (semicolons, BOM, English language names, Entry_/Term_ columns) reads into the
    model: regional tags, a forbidden flag in Term_Info, examples, language-level definitions, the domain where
    the subject is empty; client, project, dates and users are not kept. TBX keeps all of it."""
    g = read_glossary(DATA / "memoq-export.csv")
    assert g.languages == ["en-US", "fr-FR", "zh-CN"]
    turkey, council = g.entries
    assert (turkey.id, turkey.subject, turkey.note) == ("0", "place-name", "UN short name since 2022")
    assert [(t.lang, t.text, t.status) for t in turkey.terms] == [
        ("en-US", "Türkiye", "preferred"), ("fr-FR", "Türkiye", "preferred"), ("fr-FR", "Turquie", "forbidden"),
        ("zh-CN", "土耳其", "preferred")]
    assert [ex.text for ex in turkey.terms[0].examples] == ["the Permanent Representative of Türkiye"]
    assert not turkey.terms[1].examples and not turkey.definitions
    assert council.subject == "organs" and not council.note
    assert [(d.lang, d.text) for d in council.definitions] == [("en-US", "the principal organ for peace and security")]
    out = tmp_path / "g.tbx"
    write_glossary(g, out, "tbx")
    back = read_glossary(out)
    assert _summary(back) == _summary(g)
    assert back.entries[0].terms[0].examples == turkey.terms[0].examples
    assert back.entries[1].definitions == council.definitions


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_an_extension_keeps_its_own_namespace(tmp_path: Path, fmt: str) -> None:
    """Elements of another namespace are written back in it, not inside TBX's, where they would be unknown TBX
    elements (audit, December 2026)."""
    from lxml import etree

    g = read_glossary(DATA / "extension-namespace.tbx")
    middle = tmp_path / f"middle.{fmt}"
    write_glossary(g, middle, fmt)
    out = tmp_path / "out.tbx"
    write_glossary(read_glossary(middle), out, "tbx")
    tags = {el.tag for el in etree.parse(str(out)).iter() if isinstance(el.tag, str)}
    ext = "{http://example.com/our-extension}"
    assert {ext + "reviewed", ext + "source"} <= tags
    assert not any(t.endswith(("}reviewed", "}source")) and not t.startswith(ext) for t in tags)


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "memoq", "omegat"])
def test_writers_refuse_what_every_reader_refuses(tmp_path: Path, fmt: str) -> None:
    """The same term twice in one entry, equal in every field, given from Python: every reader refuses such a
    file (duplicate term), so no writer writes one; the output is not created."""
    g = Glossary((Entry("c1", (Term("Security Council", "en"), Term("Conseil de sécurité", "fr"),
                               Term("Security Council", "en"))),))  # fmt: skip
    out = tmp_path / f"g.{SUFFIX[fmt]}"
    with pytest.raises(FormatError) as err:
        write_glossary(g, out, fmt, src_lang="en", tgt_lang="fr")
    assert "duplicate term 'Security Council' (en) in entry 'c1': the same in every field as its term 1" in str(err.value)
    assert not out.exists()


def test_tbx_reads_a_language_section_s_xml_lang_once(monkeypatch) -> None:
    """_own_lang (normalising and checking against CLDR) ran twice on every langSec; once is enough."""
    from tmtool.glossary import _tbxread

    calls: list[str] = []
    real = _tbxread._own_lang

    def counted(el, path):
        if _tbxread.local(el) in ("langSec", "langSet"):
            calls.append(el.get(_tbxread.XML_LANG) or "")
        return real(el, path)

    monkeypatch.setattr(_tbxread, "_own_lang", counted)
    read_glossary(DATA / "termsec_lang.tbx")  # three langSecs
    assert calls == ["en", "", "es"]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2"])
@pytest.mark.parametrize("char, becomes", [("\x00", " "), ("\x0c", " "), ("\x1b", " "), ("\ufffe", "\ufffd")])
def test_a_character_xml_cannot_hold_is_replaced_in_tbx(tmp_path: Path, cli_run, fmt: str, char: str,
                                                        becomes: str) -> None:
    """A NUL or form feed in a spreadsheet cell (or an aligned segment, for ``glossary extract -o x.tbx``) is
    replaced as the TMX writer replaces it; lxml raised ValueError, a traceback out of ``glossary convert``."""
    src = tmp_path / "in.csv"
    src.write_text(f"id,lang,term,note\nc1,en,Tur{char}key,a{char}b\nc1,fr,Turquie,\n", "utf-8")
    out = tmp_path / f"out.{fmt}.tbx"
    code, _, err = cli_run(["glossary", "convert", src, out, "--to", fmt])
    assert (code, "Traceback" in err) == (0, False), err
    g = read_glossary(out, fmt)
    assert [(t.lang, t.text) for t in g.entries[0].terms] == [("en", f"Tur{becomes}key"), ("fr", "Turquie")]
    assert g.entries[0].terms[0].note == f"a{becomes}b"


@pytest.mark.parametrize("encoding, option", [("utf-16", None), ("utf-16-le", "utf-16-le"),
                                              ("utf-16-be", "utf-16-be")])
def test_a_lossless_csv_in_another_encoding_is_read_as_one(tmp_path: Path, cli_run, encoding: str,
                                                           option: str | None) -> None:
    """The header of a lossless CSV in UTF-16 (with a byte order mark, or given --encoding) was decoded as
    UTF-8 to tell the format: not found, the file was read as memoQ CSV and refused ("column 2 'lang' is not a
    language code")."""
    path = tmp_path / "g.csv"
    path.write_bytes("id,lang,term,status\nc1,en,Türkiye,preferred\nc1,fr,Turquie,deprecated\n".encode(encoding))
    code, out, err = cli_run(["glossary", "show", path, *(["--encoding", option] if option else [])])
    assert (code, err) == (0, "")
    assert out == "c1\n  en: Türkiye\n  fr: Turquie (deprecated)\n"
    assert _summary(read_glossary(path, encoding=option)) == [[("en", "Türkiye", "preferred"),
                                                               ("fr", "Turquie", "deprecated")]]
