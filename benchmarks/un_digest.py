"""Whether a change moved the aligner's UN dev links: ``python -m benchmarks.un_digest``.

Aligns the four UN 6-way dev documents in the six-file setting (every pair, the other versions as bridges) and
each pair from its two files alone, and prints a digest of all the ladders (60 + 60) with the number of their
links that the gold holds. Run it before and after a change to anything the aligner reads (a shipped glossary,
term matching): the same digest means the same links. Reads ../shared/eval in place.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys

from benchmarks.align import EVAL, UN_LANGS, lines, pair_ladder
from tmtool.align import align_pairs, ladder_from_links, read_ladder


def main() -> int:
    root = EVAL / "unpc-6way-dev"
    if not root.is_dir():
        print(f"skipped: {root} not found", file=sys.stderr)
        return 0
    pairs = list(itertools.combinations(UN_LANGS, 2))
    digest, right, total = hashlib.sha256(), 0, 0
    for k in range(4):
        segs = {lang: lines(root / f"doc{k}.{lang}") for lang in UN_LANGS}
        six = align_pairs(segs, pairs=pairs)
        for mode in ("six", "two"):
            for a, b in pairs:
                links = six[a, b] if mode == "six" else pair_ladder(segs[a], segs[b], a, b)[1]
                ladder = [(list(s), list(t)) for s, t in ladder_from_links(links, a, b)]
                gold = {(tuple(s), tuple(t)) for s, t in read_ladder(root / f"doc{k}.{a}-{b}")}
                digest.update(json.dumps([k, mode, a, b, ladder]).encode())
                right += sum((tuple(s), tuple(t)) in gold for s, t in ladder)
                total += len(ladder)
    print(f"UN dev ladders (4 documents x 15 pairs, six files and two files): digest {digest.hexdigest()[:12]}, "
          f"{right:,} of {total:,} links right")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
