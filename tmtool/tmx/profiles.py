"""Export profiles: what each CAT tool expects from a TMX file.

A profile decides the language-code form, whether the header ``srclang`` may be ``*all*``, the header
props, and how tmtool's provenance props (``x-document``, ``x-confidence``, ``x-status``, ``x-link-type``)
are named so that the tool turns them into its own metadata. The reasons are in ``docs/tmx.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import UsageError

__all__ = ["Profile", "PROFILES", "get_profile", "bcp47", "with_region"]

# tmtool's provenance props, in the order they are written
PROVENANCE = ("x-document", "x-confidence", "x-status", "x-link-type")

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


@dataclass(frozen=True)
class Profile:
    """How one target tool wants its TMX."""

    name: str
    lang: Callable[[str], str]  # language-code form written in xml:lang / srclang
    srclang_all: bool  # may the header srclang be *all* (no single source language)?
    props: dict[str, str | None] = field(default_factory=dict)  # tmtool prop type -> written type (None: drop)
    status_values: dict[str, str] = field(default_factory=dict)  # review status -> value written
    header_props: tuple[tuple[str, str], ...] = ()
    o_tmf: str = "tmtool"
    creationid: str | None = None  # written on every tu when set

    def prop_type(self, prop: str) -> str | None:
        """The prop type written for tmtool's ``prop`` (``None``: not written)."""
        return self.props.get(prop, prop)

    def prop_value(self, prop: str, value: str) -> str:
        if prop == "x-status":
            return self.status_values.get(value, value)
        return value


PROFILES: dict[str, Profile] = {
    # Plain TMX 1.4b: BCP 47 codes as tmtool holds them, *all* when no source language is known.
    "generic": Profile(name="generic", lang=bcp47, srclang_all=True),
    # Trados Studio: locale-specific codes; custom fields as "x-Name:Type" props, declared in the header
    # so that the import creates them; a single source language.
    "trados": Profile(
        name="trados",
        lang=with_region,
        srclang_all=False,
        props={
            "x-document": "x-Document:SingleString",
            "x-confidence": "x-Confidence:SingleString",
            "x-status": "x-ReviewStatus:SinglePicklist",
            "x-link-type": "x-LinkType:SingleString",
        },
        header_props=(
            ("x-Document:SingleString", ""),
            ("x-Confidence:SingleString", ""),
            ("x-ReviewStatus:SinglePicklist", "auto"),
            ("x-ReviewStatus:SinglePicklist", "confirmed"),
            ("x-ReviewStatus:SinglePicklist", "edited"),
            ("x-LinkType:SingleString", ""),
        ),
        creationid="tmtool",
    ),
    # memoQ: maps the standard props "client", "project", "domain", "subject" and its own document
    # field; tmtool's provenance goes to those it has, the rest stays as x- props (kept as custom fields).
    "memoq": Profile(
        name="memoq",
        lang=bcp47,
        srclang_all=False,
        props={"x-document": "x-Document"},
        creationid="tmtool",
    ),
    # OmegaT: reads tuvs by language, region optional; notes are shown, props "file"/"id" give context.
    "omegat": Profile(
        name="omegat",
        lang=bcp47,
        srclang_all=False,
        props={"x-document": "file"},
    ),
}


def get_profile(name: str) -> Profile:
    """The profile called ``name`` (generic, trados, memoq, omegat); :class:`UsageError` otherwise."""
    try:
        return PROFILES[name]
    except KeyError:
        raise UsageError(f"unknown TMX profile {name!r} (choose from {', '.join(PROFILES)})") from None
