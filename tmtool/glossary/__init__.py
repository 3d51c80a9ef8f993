"""tmtool.glossary: glossary model, TBX/CSV/OmegaT/memoQ formats, term finding, extraction and checking.

``read_glossary`` / ``write_glossary`` (formats in :data:`FORMATS`), ``find_terms`` (spans of glossary terms
in a text), ``extract_terms`` (candidate term pairs from aligned segment pairs), ``check_pairs``
(terminology QA). See docs/glossary.md.
"""

from .check import Problem, check_pairs, merge_glossaries
from .extract import Candidate, extract_terms
from .io import FORMATS, detect_format, read_glossary, write_glossary
from .matching import TermMatch, TermMatcher, find_terms
from .model import APPROVED, STATUSES, Definition, Entry, Example, Glossary, Term
from .pairs import SegmentPair, pairs_from_alignment, pairs_from_units

__all__ = [
    "APPROVED",
    "STATUSES",
    "FORMATS",
    "Candidate",
    "Definition",
    "Entry",
    "Example",
    "Glossary",
    "Problem",
    "SegmentPair",
    "Term",
    "TermMatch",
    "TermMatcher",
    "check_pairs",
    "detect_format",
    "extract_terms",
    "find_terms",
    "merge_glossaries",
    "pairs_from_alignment",
    "pairs_from_units",
    "read_glossary",
    "write_glossary",
]
