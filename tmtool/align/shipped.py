"""The UN glossaries shipped with tmtool, used as default alignment anchors for UN languages.

Aligning with both shipped glossaries (``glossaries/un-places.tbx``: Member State names;
``glossaries/un-organs.tbx``: organs and titles) raised the strict F1 of the UN development pairs, most for
pairs with Chinese and Arabic, which share no cognates (docs/alignment.md gives the figures). The glossary is
read once per process and kept, so the term index that :func:`tmtool.glossary.find_terms` builds for it is
built once too.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ..glossary.model import Glossary
from ..languages import base

__all__ = ["SHIPPED_DIR", "SHIPPED_FILES", "SHIPPED_LANGS", "default_glossary", "shipped_glossary"]

# an installed wheel holds them in the package (setup.py copies them there); a source checkout beside it
_IN_PACKAGE = Path(__file__).resolve().parents[1] / "glossaries"
SHIPPED_DIR = _IN_PACKAGE if _IN_PACKAGE.is_dir() else Path(__file__).resolve().parents[2] / "glossaries"
# the CSV twins of un-places.tbx / un-organs.tbx (tests/glossary/test_shipped.py checks they hold the same
# entries): read in 0.04 s instead of 0.14 s
SHIPPED_FILES = ("un-places.csv", "un-organs.csv")
SHIPPED_LANGS = frozenset({"ar", "en", "es", "fr", "ru", "zh"})  # the languages both glossaries cover


@lru_cache(maxsize=1)
def shipped_glossary() -> Glossary | None:
    """Both shipped glossaries as one (read once, then cached); None when they are not installed."""
    from ..glossary import read_glossary

    paths = [SHIPPED_DIR / name for name in SHIPPED_FILES]
    if not all(p.is_file() for p in paths):
        return None
    entries = tuple(e for p in paths for e in read_glossary(p).entries)
    return Glossary(entries, path=str(SHIPPED_DIR), metadata={"description": "tmtool shipped UN glossaries"})


def default_glossary(langs: Iterable[str]) -> Glossary | None:
    """The shipped glossary when at least two of ``langs`` are UN languages it covers, else None."""
    covered = {base(lang) for lang in langs} & SHIPPED_LANGS
    return shipped_glossary() if len(covered) >= 2 else None
