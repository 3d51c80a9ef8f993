"""Sentence segmentation for the six UN languages (and sane rules for others).

``split_sentences(text, lang)`` splits one paragraph; see :mod:`tmtool.segment.splitter` for the rules.
"""

from .splitter import abbreviations, boundaries, split_sentences

__all__ = ["split_sentences", "boundaries", "abbreviations"]
