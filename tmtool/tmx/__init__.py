"""TMX 1.4b in and out: a streaming reader, a streaming writer with tool profiles, export of alignments,
and a validator (DTD plus the semantic checks a DTD cannot make)."""

from .export import alignment_units, export_alignment
from .model import TranslationUnit, Variant
from .profiles import PROFILES, Profile, get_profile
from .reader import iter_units, lang_key, read_header
from .validate import Problem, validate_tmx
from .writer import TmxWriter, tmx_date, write_tmx

__all__ = [
    "TranslationUnit",
    "Variant",
    "iter_units",
    "read_header",
    "lang_key",
    "write_tmx",
    "TmxWriter",
    "tmx_date",
    "export_alignment",
    "validate_tmx",
    "Problem",
    "alignment_units",
    "PROFILES",
    "Profile",
    "get_profile",
]
