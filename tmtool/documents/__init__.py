"""tmtool.documents: reading one language version of an official document into clean paragraphs.

``read_document(path, *, lang=None, input_format="auto") -> Document`` (``lang`` and ``input_format`` by keyword) and
``detect_language(text)``.
"""

from .langid import detect_language, language_from_filename
from .model import Document, Paragraph
from .reading import INPUT_FORMATS, format_from_extension, read_document

__all__ = [
    "Document",
    "Paragraph",
    "read_document",
    "detect_language",
    "language_from_filename",
    "format_from_extension",
    "INPUT_FORMATS",
]
