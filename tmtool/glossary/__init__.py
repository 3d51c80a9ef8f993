"""tmtool.glossary: glossary model, TBX/CSV/OmegaT/memoQ formats, term finding, extraction and checking.

``read_glossary`` / ``write_glossary`` (formats in :data:`FORMATS`), ``find_terms`` (spans of glossary terms
in a text), ``extract_terms`` (candidate term pairs from aligned segment pairs; ``mark_known`` marks those a
glossary holds, ``candidates_to_tsv`` / ``candidates_to_glossary`` write them as ``glossary extract`` does),
``check_pairs`` (terminology QA; its problem classes in :data:`PROBLEMS`). Readers warn with
:class:`GlossaryWarning` about rows they skip. See docs/glossary.md.
"""

from .check import PROBLEMS, Problem, check_pairs, merge_glossaries
from .extract import Candidate, candidates_to_glossary, candidates_to_tsv, extract_terms
from .io import FORMATS, detect_format, read_glossary, write_glossary
from .known import mark_known
from .matching import TermMatch, TermMatcher, find_terms
from .model import APPROVED, STATUSES, Definition, Entry, Example, Glossary, GlossaryWarning, Term
from .pairs import SegmentPair, pairs_from_alignment, pairs_from_units

__all__ = [
    "APPROVED",
    "STATUSES",
    "FORMATS",
    "PROBLEMS",
    "Candidate",
    "Definition",
    "Entry",
    "Example",
    "Glossary",
    "GlossaryWarning",
    "Problem",
    "SegmentPair",
    "Term",
    "TermMatch",
    "TermMatcher",
    "candidates_to_glossary",
    "candidates_to_tsv",
    "check_pairs",
    "detect_format",
    "extract_terms",
    "find_terms",
    "mark_known",
    "merge_glossaries",
    "pairs_from_alignment",
    "pairs_from_units",
    "read_glossary",
    "write_glossary",
]
