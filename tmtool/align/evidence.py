"""What the aligner may use besides the texts themselves, as one value the layers pass down.

The public functions (:mod:`tmtool.align.api`) take these as keyword arguments and build one :class:`Evidence`;
the layers below them (:mod:`.multi`, :mod:`.bridges`) hand it on unchanged, and :meth:`Evidence.aligner` makes
each pair's :class:`~tmtool.align.pairwise.PairAligner` from it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .embeddings import Embedder
from .lexicon import CollectionCounts
from .pairwise import PairAligner, TermMarker
from .wordlists import WordList

__all__ = ["Evidence"]


@dataclass(frozen=True, eq=False)
class Evidence:
    """The evidence an alignment may use beyond lengths, anchors and what each document teaches itself.

    - ``terms``: marks the concepts of a glossary in a text (:func:`tmtool.align.terms.term_marker`); shared
      concepts are anchors.
    - ``dictionary``: pairs with a bilingual dictionary (Chinese and Arabic with English, French, Spanish or
      Russian: :mod:`tmtool.align.dictionary`) start from it.
    - ``wordlists``: the user's bilingual word lists (:mod:`tmtool.align.wordlists`), for the pairs they are for.
    - ``background``: word co-occurrence counts that other documents of a collection taught, per language pair
      (:mod:`tmtool.align.lexicon`), added to each pair's own when it learns its lexicon; ``learnt`` (optional)
      receives each aligned pair's own counts.
    - ``embedder``: sentence embeddings weighed beside the lexical similarity (optional,
      :mod:`tmtool.align.embeddings`).
    """

    terms: TermMarker | None = None
    dictionary: bool = True
    wordlists: tuple[WordList, ...] = ()
    background: CollectionCounts | None = None
    learnt: CollectionCounts | None = None
    embedder: Embedder | None = None

    def aligner(self, a: str, b: str, **options: object) -> PairAligner:
        """A :class:`PairAligner` for ``a``-``b`` using this evidence; ``options``: its other fields."""
        background = self.background.get(a, b) if self.background is not None else None
        return PairAligner(a, b, terms=self.terms, dictionary=self.dictionary, wordlists=self.wordlists,
                           embedder=self.embedder, background=background, **options)  # type: ignore[arg-type]

    def without_counts(self) -> Evidence:
        """The same evidence without what documents teach (``background``, ``learnt``): for alignments that learn
        nothing (sentences inside aligned paragraphs, the gaps the pivot leaves)."""
        return replace(self, background=None, learnt=None)

    def identity(self) -> tuple:
        """What tells two evidences apart for a cache of pair alignments (the objects' identities)."""
        return (id(self.terms), self.dictionary, id(self.background), tuple(map(id, self.wordlists)),
                id(self.embedder))
