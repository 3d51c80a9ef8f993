"""Build the shipped glossaries from their sources (reproducible: same babel version, same output).

    .venv/bin/python glossaries/build_places.py          # writes glossaries/un-places.{tbx,csv}, un-organs.{tbx,csv}
    .venv/bin/python glossaries/build_places.py --check  # exit 1 if the shipped files are not what the sources give

Places: the names of the UN Member States and observer States (sources/un_members.txt) in the six UN
languages from CLDR's territory names (through babel), replaced by the UN name where CLDR differs
(sources/un_name_corrections.csv), plus former and formal names (sources/name_variants.csv) and the places
of the seed letter and other places UN texts name that are not States (sources/places_extra.csv), and the
Non-Self-Governing Territories (sources/territories.csv). Organs, titles and terms of official
letters: sources/organs.csv, written by hand. All source tables were written for tmtool.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tmtool.glossary import Entry, Glossary, Term, read_glossary, write_glossary  # noqa: E402
from tmtool.glossary.normalise import term_key, tokens  # noqa: E402

LANGS = ("en", "fr", "es", "ru", "zh", "ar")
SOURCES = HERE / "sources"


def _rows(name: str) -> list[dict[str, str]]:
    with open(SOURCES / name, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def _same(a: str, b: str, lang: str) -> bool:
    """Two names that term matching cannot tell apart (case, article, hamza, spelling by stem)."""
    if lang == "zh":
        return a == b
    return [term_key(w, lang) for _, _, w in tokens(a)] == [term_key(w, lang) for _, _, w in tokens(b)]


def build_places() -> Glossary:
    import babel

    members = []
    for line in (SOURCES / "un_members.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, *rest = line.split()
            members.append((code, "observer" in rest))
    corrections = {(r["code"], r["lang"]): r for r in _rows("un_name_corrections.csv")}
    variants: dict[str, list[dict[str, str]]] = {}
    for r in _rows("name_variants.csv"):
        variants.setdefault(r["code"], []).append(r)
    cldr = {lang: babel.Locale.parse(lang).territories for lang in LANGS}
    source_cldr = f"CLDR territory name (babel {babel.__version__})"
    entries = []
    for code, observer in members:
        terms: list[Term] = []
        for lang in LANGS:
            name = cldr[lang][code]
            fix = corrections.get((code, lang))
            if fix is None:
                terms.append(Term(name, lang, "preferred", source=source_cldr))
                continue
            terms.append(Term(fix["un_name"], lang, "preferred", source="UN usage (tmtool corrections table)"))
            if fix["cldr_form"] != "drop" and not _same(name, fix["un_name"], lang):
                note = "used in UN running text" if fix["cldr_form"] == "admitted" else "not the UN form"
                note = "used as a modifier (UN Chinese)" if lang == "zh" and fix["cldr_form"] == "admitted" else note
                terms.append(Term(name, lang, fix["cldr_form"], note=note, source=source_cldr))
        for v in variants.get(code, []):
            if not any(t.lang == v["lang"] and _same(t.text, v["name"], v["lang"]) for t in terms):
                terms.append(Term(v["name"], v["lang"], v["status"], note=v["note"], source="tmtool variants table"))
        terms.sort(key=lambda t: LANGS.index(t.lang))  # grouped by language, as TBX stores them
        entries.append(
            Entry(f"place-{code}", tuple(terms), subject="place-name",
                  note="non-member observer State" if observer else "Member State of the United Nations")  # fmt: skip
        )
    extra: dict[str, list[Term]] = {}
    for table, source in (("places_extra.csv", "tmtool places table"), ("territories.csv", "tmtool territories table")):
        for r in _rows(table):
            extra.setdefault(r["id"], []).append(Term(r["term"], r["lang"], r["status"], note=r["note"],
                                                      source=source))  # fmt: skip
    notes = {
        "place-garabagh": "Name used by Azerbaijan. See also place-nagorno-karabakh: render the form the author used.",
        "place-nagorno-karabakh": "Name used in Security Council resolutions of 1993 and by Armenia. "
        "See also place-garabagh: render the form the author used.",
        "place-kosovo": "All references to Kosovo are understood in the context of Security Council resolution 1244 "
        "(1999); the UN names it without designation of status.",
        "place-opt": "A territory, not a State: the State of Palestine is place-PS.",
        "place-taiwan": "Not a State: the UN's designation under General Assembly resolution 2758 (XXVI).",
        "place-falklands": "Name used by the United Kingdom. The UN form is place-nsgt-FK, Falkland Islands "
        "(Malvinas); see also place-malvinas: render the form the author used.",
        "place-malvinas": "Name used by Argentina. The UN form is place-nsgt-FK, Falkland Islands (Malvinas); "
        "see also place-falklands: render the form the author used.",
    }
    for eid, terms in extra.items():
        note = "Non-Self-Governing Territory (General Assembly list)" if eid.startswith("place-nsgt-") else ""
        entries.append(Entry(eid, tuple(terms), subject="place-name", note=notes.get(eid, note)))
    entries.sort(key=lambda e: (not e.id.startswith("place-") or len(e.id) > 8, e.terms[0].text))
    return Glossary(tuple(entries), metadata={"description": "UN Member States and places: tmtool glossaries/build_places.py"})


def build_organs() -> Glossary:
    g = read_glossary(SOURCES / "organs.csv", "csv")
    return Glossary(g.entries, metadata={"description": "UN organs, titles and terms of official letters (tmtool)"})


def outputs() -> dict[str, Glossary]:
    return {"un-places": build_places(), "un-organs": build_organs()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    args = parser.parse_args()
    status = 0
    for name, g in outputs().items():
        for fmt, suffix in (("tbx", "tbx"), ("csv", "csv")):
            target = HERE / f"{name}.{suffix}"
            if args.check:
                with tempfile.TemporaryDirectory() as tmp:
                    fresh = Path(tmp) / target.name
                    write_glossary(g, fresh, fmt, src_lang="en")
                    if not target.exists() or fresh.read_bytes() != target.read_bytes():
                        print(f"{target} is out of date: run glossaries/build_places.py", file=sys.stderr)
                        status = 1
            else:
                write_glossary(g, target, fmt, src_lang="en")
                print(f"{target}: {len(g.entries)} entries")
    return status


if __name__ == "__main__":
    sys.exit(main())
