"""OmegaT's tab-separated glossary (``.txt``, UTF-8): ``source<TAB>target<TAB>comment``, ``#`` lines ignored.

One language pair per file. Every source term (any status) gets one row per approved or proposed target
term. Deprecated and forbidden target terms never become a target: they are listed in the comment
(``deprecated: Turquie``), so that OmegaT shows them as a warning, not as a suggestion. Comment parts are
separated by `` | ``: ``source: <status>``, ``target: <status>`` (when not preferred), ``deprecated: X``,
``forbidden: X``, ``note: ...``. The writer adds a ``# tmtool: source=en target=fr`` line that the reader
uses for the languages. Entries whose target language has no usable term are skipped (counted).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LanguageError, UsageError
from ..fileio import atomic_write_text
from ..languages import base, normalise_tag
from ._text import read_text
from .model import APPROVED, Entry, Glossary, Term, warn_skipped

__all__ = ["pair_languages", "read_omegat", "write_omegat"]

_SEP = " | "
# a separator followed by one of the writer's keys: a term or a note holding " | " is not cut there
_PART = re.compile(r" \| (?=(?:source|target|deprecated|forbidden|note): )")


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def pair_languages(glossary: Glossary, src_lang: str | None, tgt_lang: str | None) -> tuple[str, str]:
    """The language pair the OmegaT writer writes: the given ones, else the glossary's first language and the next
    other one; a UsageError or LanguageError when there is none or the glossary lacks one."""
    langs = glossary.languages
    src = src_lang or (langs[0] if langs else None)
    tgt = tgt_lang or next((x for x in langs if base(x) != base(src or "")), None)
    if not src or not tgt:
        raise UsageError("OmegaT glossaries hold one language pair: give the source and target languages")
    if base(src) == base(tgt):  # each source term was written as its own target
        raise UsageError(f"OmegaT glossaries hold one language pair: the source {src} and the target {tgt} are "
                         "the same language; give two different languages")
    for lang in (src, tgt):
        if not any(base(x) == base(lang) for x in langs):
            raise LanguageError(f"the glossary has no terms in {lang!r} (it has {', '.join(langs)})", glossary.path or None)
    return src, tgt


def write_omegat(glossary: Glossary, path: str | Path, *, src_lang: str | None = None,
                 tgt_lang: str | None = None) -> int:  # fmt: skip
    """Write one language pair as OmegaT TSV; returns the number of entries written."""
    src, tgt = pair_languages(glossary, src_lang, tgt_lang)
    lines = ["# Glossary in tab-separated format -*- coding: utf-8 -*-", f"# tmtool: source={src} target={tgt}"]
    n = 0
    for e in glossary.entries:
        sources, targets = e.terms_in(src), e.terms_in(tgt)
        usable = [t for t in targets if t.status in APPROVED + ("proposed",)]
        if not sources or not usable:
            continue
        warn = [f"{t.status}: {_clean(t.text)}" for t in targets if t.status not in APPROVED + ("proposed",)]
        n += 1
        rows = [(s, t) for s in sources for t in usable]
        for k, (s, t) in enumerate(rows):
            # the reader's rule: the first row's note is the entry's, a later row's other note its target term's
            if k == 0:
                alone = all(t2 is not t for _, t2 in rows[1:])  # its target's note has no later row to go on
                note = _clean(e.note or (t.note if alone else ""))
            else:
                note = _clean(t.note or e.note)
            parts = []
            if s.status != "preferred":
                parts.append(f"source: {s.status}")
            if t.status != "preferred":
                parts.append(f"target: {t.status}")
            parts += warn
            if note:
                parts.append(f"note: {note}")  # last: a note may hold the separator
            lines.append("\t".join([_clean(s.text), _clean(t.text), _SEP.join(parts)]).rstrip("\t"))
    atomic_write_text(path, "\n".join(lines) + "\n")
    return n


def read_omegat(path: str | Path, *, src_lang: str | None = None, tgt_lang: str | None = None,
                encoding: str | None = None, default_src_lang: str | None = None,
                default_tgt_lang: str | None = None) -> Glossary:  # fmt: skip
    """Read an OmegaT TSV glossary; rows that share a source or target with the previous row form one entry.

    The languages: ``src_lang``/``tgt_lang``, else the ``# tmtool:`` header line, else ``default_*``."""
    p = Path(path)
    text = read_text(p, encoding)
    src, tgt = src_lang, tgt_lang
    groups: list[dict] = []
    skipped: list[int] = []  # lines of rows with a source but no target (or the other way round)
    extra: list[int] = []  # lines of rows with cells after the comment
    for line_no, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("#"):
            if raw.startswith("# tmtool:"):
                fields = dict(kv.split("=", 1) for kv in raw[9:].split() if "=" in kv)
                src, tgt = src or fields.get("source"), tgt or fields.get("target")
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) < 2 or not cells[0] or not cells[1]:
            if any(cells):
                skipped.append(line_no)
            continue
        if len(cells) > 3 and any(cells[3:]):  # OmegaT reads three cells and ignores the rest: so does tmtool
            extra.append(line_no)
        s, t, comment = cells[0], cells[1], cells[2] if len(cells) > 2 else ""
        info: dict[str, str] = {}
        warn: list[tuple[str, str]] = []
        note = ""
        parts = _PART.split(comment) if comment else []
        for k, part in enumerate(parts):
            key, _, value = part.partition(": ")
            if key in ("source", "target") and value in ("admitted", "proposed", "deprecated", "forbidden"):
                info[key] = value
            elif key in ("deprecated", "forbidden") and value:
                warn.append((key, value))
            elif key == "note" and value:
                note = _SEP.join([value, *parts[k + 1 :]])  # the rest of the comment, separators and all
                break
            else:
                note = comment  # a comment not written by tmtool: keep it whole
                warn, info = [], {}
                break
        last = groups[-1] if groups else None
        if last is None or (s not in last["src"] and t not in last["tgt"]):
            last = {"src": {}, "tgt": {}, "warn": {}, "note": note, "notes": {}, "line": line_no}
            groups.append(last)
        elif note and note != last["note"]:  # a later row's own comment: a note of its target term
            last["notes"].setdefault(t, note)
        last["src"].setdefault(s, info.get("source", "preferred"))
        last["tgt"].setdefault(t, info.get("target", "preferred"))
        for status, value in warn:
            last["warn"].setdefault(value, status)
    src, tgt = src or default_src_lang, tgt or default_tgt_lang
    if not src or not tgt:
        raise UsageError(f"{p}: an OmegaT glossary does not say its languages; give --src-lang and --tgt-lang "
                         "(glossary check: --src and --tgt)")  # fmt: skip
    src, tgt = normalise_tag(src), normalise_tag(tgt)
    warn_skipped(p, skipped, "row(s) without a source or a target term skipped")
    warn_skipped(p, extra, "row(s) with cells after the third (source, target, comment) read without them, as "
                           "OmegaT reads them")  # fmt: skip
    entries = []
    for n, g in enumerate(groups, start=1):
        terms = [Term(x, src, status=st) for x, st in g["src"].items()]
        terms += [Term(x, tgt, status=st, note=g["notes"].get(x, "")) for x, st in g["tgt"].items()]
        terms += [Term(x, tgt, status=st) for x, st in g["warn"].items() if x not in g["tgt"]]
        entries.append(Entry(f"e{n}", tuple(terms), note=g["note"]))
    return Glossary(tuple(entries), path=str(p), metadata={"format": "omegat"})
