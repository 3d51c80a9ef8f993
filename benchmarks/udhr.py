"""The Universal Declaration of Human Rights in the six UN languages, read and aligned as a user's files are.

``python -m benchmarks.udhr [--two-files] [--show]`` (a few seconds)

The other alignment sets give the aligner text already cut into segments. Here the six plain-text versions of
``../shared/corpora-src/udhr-6lang/txt`` (one paragraph a line, a heading line before each article, the
"UDHR in Unicode" project's header on top) go through the whole path a user's documents take: the reader and its
repairs make paragraphs (:func:`tmtool.documents.read_document`), and every pair of languages is aligned at the
paragraph level as ``tmtool align ... --pair-links-out DIR`` aligns it (the other four versions as bridges;
``--two-files``: each pair from its two files alone).

The gold comes from the same text's XML edition beside it (``xml/``), which marks every title, note, preamble
paragraph and article paragraph: each paragraph the reader made is matched, by its text, to the XML units it
holds, and two paragraphs of two versions are linked when they hold the same unit (a paragraph holding the
title and the note of one version against the title alone of another is a 1-1 link; one holding no unit of
the other version's is linked to nothing). Units are named by article and position, except in the preamble,
where the versions differ and the names below were read by hand from the six XML files. A paragraph that does
not match the XML text is an error of the reader (cut or joined where no unit ends), reported as such.

Nothing is copied from ``../shared``: the files are read in place.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
UDHR = SHARED / "corpora-src" / "udhr-6lang"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")
FILE_CODES = {"ar": "arb", "en": "eng", "es": "spa", "fr": "fra", "ru": "rus", "zh": "cmn_hans"}
_NS = "{http://www.unhchr.ch/udhr}"

# The preamble's paragraphs by what they say: W1-W7 the seven "Whereas" paragraphs, NOW "Now, therefore,", GA
# "The General Assembly", P1 "Proclaims this Universal Declaration of Human Rights", P2 "as a common standard of
# achievement ...". French, Spanish and Russian have no paragraph for "Now, therefore,"; Chinese says all of the
# last four in one paragraph; Arabic has no paragraph for W4 (friendly relations between nations), opens its
# "General Assembly" paragraph with "therefore" (فإن) and gives P1 and P2 a paragraph each.
_WHEREAS = tuple((f"W{i}",) for i in range(1, 8))
PREAMBLE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": _WHEREAS + (("NOW",), ("GA",), ("P1", "P2")),
    "es": _WHEREAS + (("GA",), ("P1", "P2")),
    "fr": _WHEREAS + (("GA",), ("P1", "P2")),
    "ru": _WHEREAS + (("GA",), ("P1", "P2")),
    "zh": _WHEREAS + (("NOW", "GA", "P1", "P2"),),
    "ar": _WHEREAS[:3] + _WHEREAS[4:] + (("NOW", "GA"), ("P1",), ("P2",)),
}
HEADER = ("HEADER",)  # the project's copyright header, the same English lines on top of each text file

Unit = tuple[tuple[str, ...], str]  # the names of what a unit says, its text
Link = tuple[tuple[int, ...], tuple[int, ...]]


def _text(element) -> str:
    return "".join(element.itertext())


def units(lang: str) -> list[Unit]:
    """The XML edition of one version as units in document order: title, notes, preamble title and paragraphs,
    then per article its title and paragraphs (``A11``, ``A11.1``, ``A11.2``)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(UDHR / "xml" / f"udhr_{FILE_CODES[lang]}.xml"), parser).getroot()
    out: list[Unit] = [(("TITLE",), _text(root.find(f"{_NS}title")))]
    for i, para in enumerate(root.iterfind(f"{_NS}note/{_NS}para")):
        out.append(((("ADOPTED",) if i == 0 else (f"NOTE{i}",)), _text(para)))
    preamble = root.find(f"{_NS}preamble")
    out.append((("PREAMBLE",), _text(preamble.find(f"{_NS}title"))))
    paras = preamble.findall(f"{_NS}para")
    if len(paras) != len(PREAMBLE[lang]):
        raise ValueError(f"{lang}: {len(paras)} preamble paragraphs in the XML, {len(PREAMBLE[lang])} named")
    out.extend(zip(PREAMBLE[lang], map(_text, paras)))
    for article in root.iterfind(f"{_NS}article"):
        n = article.get("number")
        out.append(((f"A{n}",), _text(article.find(f"{_NS}title"))))
        for j, para in enumerate(article.iter(f"{_NS}para"), 1):
            out.append(((f"A{n}.{j}",), _text(para)))
    return out


def _norm(text: str) -> str:
    """Text compared without its spaces, invisible characters and compatibility forms (the reader's repairs
    change those and nothing else)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u00ad\u200b\u200c\u200d\u2060\ufeff\u0640")


def _consume(text: str, todo: list[Unit], rest: str, names: tuple[str, ...]) -> tuple[set[str], str, tuple]:
    """Match one paragraph's normalised ``text`` against the units still ``todo`` (``rest``: what is left of a
    unit an earlier paragraph began); gives the names held, what is left of the last unit, and its names."""
    held: set[str] = set()
    while text:
        if not rest:
            if not todo:
                raise ValueError("text after the last unit")
            names, unit = todo.pop(0)
            rest = _norm(unit)
        if text.startswith(rest):
            text, rest = text[len(rest):], ""
        elif rest.startswith(text):
            rest, text = rest[len(text):], ""
        else:
            raise ValueError(f"leaves the XML text of {'/'.join(names)}")
        held.update(names)
    return held, rest, names


def unit_names(paragraphs: Sequence[str], lang: str, xml_units: Sequence[Unit] | None = None) -> list[frozenset]:
    """The names of the units each paragraph holds; a paragraph may hold several whole units or part of one.
    Paragraphs before the first that matches the XML text from its start are the header. Raises ``ValueError``
    naming the paragraph where the text leaves the XML's (a repair that cut or joined where no unit ends)."""
    all_units = list(xml_units if xml_units is not None else units(lang))
    first = 0
    while first < len(paragraphs):
        try:
            _consume(_norm(paragraphs[first]), list(all_units), "", ())
            break
        except ValueError:
            first += 1
    out = [frozenset(HEADER)] * first
    todo, rest, names = list(all_units), "", ()
    for k in range(first, len(paragraphs)):
        try:
            held, rest, names = _consume(_norm(paragraphs[k]), todo, rest, names)
        except ValueError as error:
            raise ValueError(f"{lang} paragraph {k}: {error}: {paragraphs[k][:60]!r}") from None
        out.append(frozenset(held))
    if todo or rest:
        raise ValueError(f"{lang}: XML units left after the last paragraph: {todo[:1] or rest[:40]}")
    return out


def gold_links(names_a: Sequence[frozenset], names_b: Sequence[frozenset]) -> list[Link]:
    """Links of two versions: paragraphs holding a common unit name are linked, together with all they are
    linked to (a connected group is one link); a paragraph sharing no name is linked to nothing. The grouping is
    :func:`benchmarks.un_heldout.gold_ladder`'s, with the names numbered in the order they first appear."""
    from benchmarks.un_heldout import gold_ladder

    number: dict[str, int] = {}
    for held in (*names_a, *names_b):
        for name in sorted(held):
            number.setdefault(name, len(number))

    def lines(names: Sequence[frozenset]):
        return [("", tuple(number[name] for name in held)) for held in names]

    return gold_ladder(lines(names_a), lines(names_b))


def read(lang: str):
    """One version read by tmtool's reader, as ``tmtool align`` reads it."""
    from tmtool.documents import read_document

    return read_document(UDHR / "txt" / f"udhr_{FILE_CODES[lang]}.txt", lang=lang)


def run(two_files: bool = False, show: bool = False) -> dict[tuple[str, str], tuple[float, int, int, int, int]]:
    """Align every pair; gives per pair (strict F1, wrong test links, of them under the review threshold, links,
    of them under the review threshold)."""
    from tmtool.align import REVIEW_THRESHOLD, align_document_pairs, score_pairs

    documents = [read(lang) for lang in LANGS]
    names = {d.lang: unit_names(d.texts, d.lang) for d in documents}
    found = align_document_pairs(documents, bridges=not two_files)
    texts = {d.lang: d.texts for d in documents}
    out = {}
    for (a, b), links in sorted(found.items()):
        test = [(tuple(link.segments[a]), tuple(link.segments[b])) for link in links]
        gold = gold_links(names[a], names[b])
        f1 = score_pairs([(gold, test)]).as_dict()["strict"]["f1"]
        gold_set = set(gold)
        wrong = [(t, link.confidence) for t, link in zip(test, links) if (t[0] or t[1]) and t not in gold_set]
        low = sum(conf < REVIEW_THRESHOLD for _, conf in wrong)
        out[a, b] = (f1, len(wrong), low, len(links), sum(link.confidence < REVIEW_THRESHOLD for link in links))
        if show:
            for (sa, sb), conf in wrong:
                print(f"  {a}-{b} {list(sa)}:{list(sb)} {conf:.2f}  "
                      f"{' | '.join(texts[a][i][:40] for i in sa)}  <>  {' | '.join(texts[b][j][:40] for j in sb)}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.udhr", description=__doc__.split("\n")[0])
    ap.add_argument("--two-files", action="store_true", help="align each pair from its two files only")
    ap.add_argument("--show", action="store_true", help="print every wrong link with the start of its text")
    ap.add_argument("--quick", action="store_true", help="(the same run: one document is quick already)")
    args = ap.parse_args(argv)
    if not UDHR.is_dir():
        print(f"no UDHR files at {UDHR}", file=sys.stderr)
        return 2
    scores = run(args.two_files, args.show)
    setting = "two files each" if args.two_files else "six files, other versions as bridges"
    print(f"UDHR, paragraphs read from the six text files, {setting}: strict F1 per pair")
    for (a, b), (f1, wrong, low, _, _) in scores.items():
        print(f"  {a}-{b}  {f1:.4f}  {wrong} wrong, {low} of them under the review threshold")
    f1s = [s[0] for s in scores.values()]
    wrong, low, links, flagged = (sum(s[k] for s in scores.values()) for k in range(1, 5))
    print(f"mean {sum(f1s) / len(f1s):.4f}, lowest {min(f1s):.4f}; {wrong} wrong links, {low} under the threshold; "
          f"{flagged} of the {links} links ({flagged / max(links, 1):.1%}) under the threshold")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
