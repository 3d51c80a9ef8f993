"""How a translation unit becomes TM rows: the rules ``tm import`` and ``tm add`` share.

- One row per language variant set: a unit with two variants in one language (alternative translations, as
  OmegaT writes) gives one row per alternative, as :meth:`tmtool.tmx.writer.TmxWriter.write` splits it.
- Provenance props are read back from tmtool's own TMX, generic or Trados profile (``x-Document:SingleString``
  is ``x-document``, ...), so ``export → import`` keeps documents, statuses and link types.
- A unit's ``<note>``s are kept as stored props of type :data:`NOTE` (in file order) and written back as
  ``<note>``s by :meth:`tmtool.tm.store.TMStore.iter_units` (OmegaT keeps a segment's notes so); its attributes
  other than ``creationdate`` (stored as ``created``) as props of type ``ATTR + name`` (Trados's ``creationid``,
  ``changedate``, ``changeid``, ``usagecount``...), written back as the unit's attributes.
- Lone surrogates (a ``\\udXXX`` escape in a hand-edited alignment.json) become U+FFFD, as the TMX export
  writes them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..errors import UsageError
from ..languages import normalise_tag, tag_from_name
from ..tmx.model import TranslationUnit
from ..tmx.validate import lang_problem

__all__ = ["ATTR", "JOIN", "LINK_LANGS", "NOTE", "Row", "tag_of", "clean", "unit_rows"]

JOIN = "; "  # several documents / origins of one unit in one exported prop
LINK_LANGS = "x-link-langs"  # stored (not exported): the languages x-link-type counts, in order
NOTE = "x-tmtool-note"  # stored: one of the unit's <note>s, exported as a <note>, never as a prop
ATTR = "x-tmtool-attr:"  # stored: ATTR + name, one of the unit's attributes, exported as that attribute
_SURROGATE = re.compile("[\ud800-\udfff]")
# the Trados profile's names (tmtool.tmx.profiles) for tmtool's props
_TRADOS = {"x-Document:SingleString": "x-document", "x-LinkType:SingleString": "x-link-type",
           "x-ReviewStatus:SingleString": "x-status", "x-AlignmentConfidence:SingleString": "x-confidence"}


@functools.lru_cache(maxsize=4096)
def tag_of(lang: str) -> str:
    """``lang`` as the store keeps it: the normalised tag; a language's English name as its tag (``French`` ->
    ``fr``, ``English_United_States`` -> ``en-US``, as CAT tools' headers write them), since no TMX could be
    written with the name; anything else lower-cased as it is (``tm export`` then names it)."""
    try:
        tag: str | None = normalise_tag(lang)
    except UsageError:
        tag = None
    if tag is not None and lang_problem(tag, "language") is None:
        return tag
    return tag_from_name(lang) or tag or lang.strip().lower()


def clean(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (they cannot be stored as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


@dataclass
class Row:
    """One unit occurrence as a part stores it."""

    texts: dict[str, str]
    markup: dict[str, str]
    srclang: str | None
    origins: list[str]
    documents: list[str]
    props: list[tuple[str, str]]
    created: str | None
    count: int


def _props(tu: TranslationUnit) -> list[tuple[str, str]]:
    """The unit's props with the Trados profile's names mapped back to tmtool's; the props that profile
    derives from others (``x-Origin`` Alignment, ``x-ConfirmationLevel``) dropped when those others are there."""
    raw = [(_TRADOS.get(t, t), clean(v)) for t, v in tu.props]
    types = {t for t, _ in raw}
    out = []
    for typ, val in raw:
        if typ == "x-Origin" and val == "Alignment" and "x-link-type" in types:
            continue
        if typ == "x-ConfirmationLevel" and "x-status" in types:
            continue
        if typ == "x-AlignmentConfidence:Integer":
            if not val.strip().isdigit() or "x-confidence" in types:
                out.append((typ, val))
                continue
            typ, val = "x-confidence", f"{int(val) / 100:.2f}"
        out.append((typ, val))
    return out


def unit_rows(tu: TranslationUnit, origin: str, documents: list[str] | None) -> list[Row]:
    """The rows of one unit: none when fewer than two languages have text, several for alternatives."""
    groups: dict[str, list] = {}
    for v in tu.variants:
        lang = tag_of(v.lang)
        if lang != "*all*" and v.text.strip():
            groups.setdefault(lang, []).append(v)
    if len(groups) < 2:
        return []
    docs: list[str] = []
    origins: list[str] = []  # x-count / x-origin are written by tmtool's own export: read back
    props: list[tuple[str, str]] = []
    count = 1
    for typ, val in _props(tu):
        if typ in ("x-document", "x-origin"):  # several values are exported joined by "; "
            target = docs if typ == "x-document" else origins
            target.extend(v for part in val.split(JOIN.strip()) if (v := part.strip()) and v not in target)
        elif typ == "x-count":
            count = int(val) if val.isdigit() else count
        elif typ != NOTE and not typ.startswith(ATTR):  # a prop of such a name in a file is not ours
            props.append((typ, val))
    props.extend((NOTE, clean(n)) for n in tu.notes)
    props.extend((ATTR + k, clean(v)) for k, v in tu.attrs if k != "creationdate")
    link_type = next((v for t, v in props if t == "x-link-type"), None)
    if link_type is not None and all(t != LINK_LANGS for t, _ in props) and link_type.count("-") + 1 == len(groups):
        props.append((LINK_LANGS, ",".join(groups)))  # tmtool's TMX: one count per tuv, in tuv order
    if origin and origin not in origins:
        origins.append(origin)
    created = next((v for k, v in tu.attrs if k == "creationdate"), None)
    srclang = tag_of(tu.srclang) if tu.srclang else None
    docs = docs or [clean(d) for d in documents or ()]
    depth = max(len(g) for g in groups.values())
    rows = []
    for i in range(depth):  # alternative i: each language's i-th variant, else its first
        chosen = {lang: g[i] if i < len(g) else g[0] for lang, g in groups.items()}
        texts = {lang: clean(v.text) for lang, v in chosen.items()}
        markup = {lang: clean(v.markup) for lang, v in chosen.items() if v.markup is not None}
        rows.append(Row(texts, markup, srclang, list(origins), list(docs), list(props), created, count))
    return rows
