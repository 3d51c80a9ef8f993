"""tmtool.glossary: glossary model, TBX/CSV/OmegaT/memoQ formats, term finding, extraction and checking."""

from .io import FORMATS, detect_format, read_glossary, write_glossary
from .matching import TermMatch, TermMatcher, find_terms
from .model import APPROVED, STATUSES, Definition, Entry, Example, Glossary, Term

__all__ = [
    "APPROVED",
    "STATUSES",
    "FORMATS",
    "Definition",
    "Entry",
    "Example",
    "Glossary",
    "Term",
    "TermMatch",
    "TermMatcher",
    "detect_format",
    "find_terms",
    "read_glossary",
    "write_glossary",
]
