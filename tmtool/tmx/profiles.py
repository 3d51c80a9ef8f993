"""Export profiles: what each CAT tool expects from a TMX file.

A profile decides the language-code form, whether the header ``srclang`` may be ``*all*``, the header
props, and how tmtool's provenance props (``x-document``, ``x-confidence``, ``x-status``, ``x-link-type``)
are named so that the tool turns them into its own metadata. The reasons are in ``docs/tmx.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UsageError

__all__ = ["TRADOS_LEVELS", "Profile", "PROFILES", "get_profile", "bcp47", "with_region"]

_SEP = re.compile(r"[-_]")


@lru_cache(maxsize=512)
def bcp47(tag: str) -> str:
    """Canonical BCP 47 case: ``"EN-us" -> "en-US"``, ``"zh_hans_cn" -> "zh-Hans-CN"``; ``*all*`` kept."""
    tag = tag.strip()
    if tag.lower() == "*all*":
        return "*all*"
    parts = [p for p in _SEP.split(tag) if p]
    if not parts:
        return tag
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


@lru_cache(maxsize=512)
def with_region(tag: str) -> str:
    """Language plus region, adding CLDR's likely region when there is none: ``"fr" -> "fr-FR"``,
    ``"ar" -> "ar-EG"``, ``"zh" -> "zh-CN"``, ``"zh-Hant" -> "zh-TW"``; a script subtag is dropped."""
    norm = bcp47(tag)
    if norm == "*all*":
        return norm
    parts = norm.split("-")
    lang = parts[0]
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), None)
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha() or len(p) == 3 and p.isdigit()), None)
    if region is None:
        from babel.core import get_global  # CLDR data, already a dependency

        likely = get_global("likely_subtags")
        guess = likely.get(f"{lang}_{script}" if script else lang) or likely.get(lang)
        if guess:
            region = next((p for p in guess.split("_")[1:] if len(p) == 2 or p.isdigit()), None)
    return f"{lang}-{region}" if region else lang


Props = tuple[tuple[str, str], ...]


Notes = tuple[str, ...]


def _keep(props: Props, notes: Notes) -> tuple[Notes, Props]:
    return notes, props


def _from_alignment(props: Props) -> bool:
    return any(t == "x-link-type" for t, _ in props)


# Trados Studio's confirmation levels for tmtool's review statuses
TRADOS_LEVELS = {"auto": "Draft", "edited": "Translated", "confirmed": "ApprovedTranslation"}


def _trados(props: Props, notes: Notes) -> tuple[Notes, Props]:
    out: list[tuple[str, str]] = [("x-Origin", "Alignment")] if _from_alignment(props) else []
    for ptype, value in props:
        if ptype == "x-document":
            out.append(("x-Document:SingleString", value))
        elif ptype == "x-confidence":
            try:
                out.append(("x-AlignmentConfidence:Integer", str(round(float(value) * 100))))
            except ValueError:
                out.append(("x-AlignmentConfidence:SingleString", value))
        elif ptype == "x-status":
            out.append(("x-ConfirmationLevel", TRADOS_LEVELS.get(value, "Draft")))
            out.append(("x-ReviewStatus:SingleString", value))
        elif ptype == "x-link-type":
            out.append(("x-LinkType:SingleString", value))
        else:
            out.append((ptype, value))
    return notes, tuple(out)


def _memoq(props: Props, notes: Notes) -> tuple[Notes, Props]:
    # memoQ writes and reads "x-document" (its Document field) and "aligned" (yes/no) itself
    if _from_alignment(props) and not any(t == "aligned" for t, _ in props):
        props = (("aligned", "yes"),) + props
    return notes, props


_OMEGAT_NOTE = "tmtool alignment: "


def _omegat(props: Props, notes: Notes) -> tuple[Notes, Props]:
    if not _from_alignment(props) or any(n.startswith(_OMEGAT_NOTE) for n in notes):
        return notes, props
    d = dict(props)
    note = (
        f"{_OMEGAT_NOTE}{d.get('x-document', '?')}, link {d.get('x-link-type', '?')}, "
        f"confidence {d.get('x-confidence', '?')}, {d.get('x-status', '?')}"
    )
    return notes + (note,), props


def _memoq_lang(tag: str) -> str:
    """memoQ has neutral languages (``en``, ``fr``) but no neutral Chinese: ``zh`` becomes ``zh-CN``."""
    norm = bcp47(tag)
    return with_region(norm) if norm.split("-")[0] == "zh" else norm


@dataclass(frozen=True)
class Profile:
    """How one target tool wants its TMX."""

    name: str
    lang: Callable[[str], str]  # language-code form written in xml:lang / srclang / adminlang
    srclang_all: bool  # may the header srclang be *all* (no single source language)?
    transform: Callable[[Props, Notes], tuple[Notes, Props]] = _keep  # unit (props, notes) -> (notes, props)
    header_props: Props = ()
    creationid: str | None = None  # written on every tu when set
    # does a regional variant of the source language count as the source (the tool picks a tuv by language
    # and region, else by language alone: OmegaT's TMXReader2.getTuvByLang)?
    source_by_base: bool = False


PROFILES: dict[str, Profile] = {
    # Plain TMX 1.4b: BCP 47 codes as tmtool holds them, *all* when no source language is known,
    # provenance as tmtool's own x- props.
    "generic": Profile(name="generic", lang=bcp47, srclang_all=True),
    # Trados Studio: locale-specific codes (en-US), one source language, its own x-Origin and
    # x-ConfirmationLevel, custom fields as "x-Name:Type" props declared in the header.
    "trados": Profile(
        name="trados",
        lang=with_region,
        srclang_all=False,
        transform=_trados,
        header_props=(
            ("x-Document:SingleString", ""),
            ("x-AlignmentConfidence:Integer", ""),
            ("x-ReviewStatus:SingleString", ""),
            ("x-LinkType:SingleString", ""),
        ),
        creationid="tmtool",
    ),
    # memoQ: neutral codes except Chinese, one source language, its "x-document" and "aligned" props.
    "memoq": Profile(name="memoq", lang=_memoq_lang, srclang_all=False, transform=_memoq, creationid="tmtool"),
    # OmegaT: one source language; provenance repeated as a tu note, which OmegaT keeps.
    "omegat": Profile(name="omegat", lang=bcp47, srclang_all=False, transform=_omegat, source_by_base=True),
}


def get_profile(name: str) -> Profile:
    """The profile called ``name`` (generic, trados, memoq, omegat); :class:`UsageError` otherwise."""
    try:
        return PROFILES[name]
    except KeyError:
        raise UsageError(f"unknown TMX profile {name!r} (choose from {', '.join(PROFILES)})") from None
