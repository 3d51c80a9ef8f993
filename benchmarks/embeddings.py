"""What sentence embeddings add on Text+Berg dev, whole and cut in parts: a simulated model, or a real one.

No multilingual embedding model can be installed here, so ``tmtool align --embeddings`` is checked with a made-up
one (docs/alignment.md, "Sentence embeddings"): each gold link of Text+Berg dev gets random content units, each
segment the units of its share of the link plus noise (``--noise``: 1.0 gives a cosine of about 0.5 between
translations, 2.0 about 0.2) and a topic every segment shares. A simulation of a model, not a model: it shows what
the search does with such evidence, and which weight (``--weight``, ``Params.embed_weight``) suits which noise.
With ``--model PATH`` a real sentence-transformers model is measured instead (``pip install 'tmtool[embeddings]'``).
Each alignment first checks the model on its own sure links (``tmtool.align.embeddings.embedding_fit``) and leaves
it out where it picks fewer than 90% of the partners: the figure of each check is printed (``-``: too few links to
judge). With ``--un PAIRS`` UN dev pairs aligned from their two files are measured too.

    .venv/bin/python -m benchmarks.embeddings [--noise 1.0 | --model PATH] [--weight 19.5] [--parts 1,3,5,8]
    .venv/bin/python -m benchmarks.embeddings --model PATH --un en-fr,en-zh [--docs doc0,doc1]
    .venv/bin/python -m benchmarks.embeddings --speed 10000   # what the embeddings cost the search
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from tmtool.align import read_ladder, score_pairs
from tmtool.align.embeddings import MemoEmbedder
from tmtool.align.pairwise import PairAligner
from tmtool.align.search import Params

from .align import EVAL, confidence_summary, cut_parts, lines, speed_input

BASE = EVAL / "textberg_de-fr"


def simulated_model(src: list[str], tgt: list[str], gold, noise: float, seed: int = 0, dim: int = 256):
    """A callable from texts to rows: each gold link's content split among its segments on each side, plus noise
    and a shared topic; segments the gold leaves out get random rows."""
    rng = np.random.default_rng(seed)
    topic = rng.normal(size=dim)
    content: dict[tuple[int, int], np.ndarray] = {}
    for s, t in gold:
        units = rng.normal(size=(len(s) * len(t), dim)) if s and t else None
        for side, ids, share in ((0, s, len(t)), (1, t, len(s))):
            for n, i in enumerate(ids):
                content[side, i] = (units[n * share:(n + 1) * share].sum(axis=0) / np.sqrt(share)
                                    if units is not None else rng.normal(size=dim))
    rows = {}
    for side, texts in ((0, src), (1, tgt)):
        for i, text in enumerate(texts):
            own = content.get((side, i))
            rows[text] = (own if own is not None else rng.normal(size=dim)) + noise * rng.normal(size=dim) + 0.7 * topic

    def embed(texts):
        return np.stack([rows[t] for t in texts])

    return embed


def parts_f1(n: int, embedder, src: list[str], tgt: list[str], gold, weight: float | None = None,
             judged: list | None = None, checks: list | None = None) -> float:
    """Strict F1 of Text+Berg dev cut in ``n`` parts at gold links holding both sides, each part aligned alone (as
    ``align_segments`` aligns two versions: one pair aligner, German as the source); ``judged`` receives each
    link's (confidence, whether the gold holds it), ``checks`` each part's model check (NaN: too few links)."""
    params = Params() if weight is None else Params(embed_weight=weight)
    items = []
    for part_src, part_tgt, part_gold in cut_parts(src, tgt, gold, n):
        beads = _align_run("de", "fr", part_src, part_tgt, params, embedder, checks)
        items.append((part_gold, [(list(bead.src), list(bead.tgt)) for bead in beads]))
        if judged is not None:
            held = {(tuple(s), tuple(t)) for s, t in part_gold}
            judged.extend((bead.confidence, (bead.src, bead.tgt) in held) for bead in beads)
    return score_pairs(items).strict_f1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--noise", type=float, default=1.0, help="noise of the simulated model (default 1.0)")
    ap.add_argument("--weight", type=float, default=None, help="Params.embed_weight (default: the shipped one)")
    ap.add_argument("--parts", default="1,3,5,8", help="cuts of Text+Berg dev to align (1: the whole document)")
    ap.add_argument("--model", default=None, help="a real sentence-transformers model (folder or cached name)")
    ap.add_argument("--un", default=None, metavar="PAIRS",
                    help="with --model: also UN dev pairs (e.g. en-fr,en-zh), each aligned from its two files, "
                         "without and with the model")
    ap.add_argument("--docs", default="doc0,doc1", help="UN dev files for --un (default doc0,doc1)")
    ap.add_argument("--quick", action="store_true", help="the whole document and 5 parts only (as python -m "
                    "benchmarks --quick runs it)")
    ap.add_argument("--speed", type=int, default=None, metavar="N",
                    help="instead: time the search on the speed benchmark's N x ~1.05N input without embeddings and "
                         "with random rows of 384 and 768 dimensions, embedded beforehand")
    args = ap.parse_args()
    if args.speed:
        for line in speed(args.speed):
            print(line)
        return 0
    if args.un and not args.model:
        print("benchmarks.embeddings: --un needs --model (the simulated model knows only Text+Berg dev)")
        return 2
    if not (BASE / "dev.de").exists():
        print(f"skipped: {BASE} not found")
        return 0
    src, tgt, gold = lines(BASE / "dev.de"), lines(BASE / "dev.fr"), read_ladder(BASE / "dev.defr")
    if args.model:
        from tmtool.align import load_embedder
        from tmtool.errors import TmtoolError

        try:
            model, label = load_embedder(args.model), f"model {args.model}"
        except TmtoolError as err:
            print(f"benchmarks.embeddings: {err}")
            return 1
    else:
        model, label = simulated_model(src, tgt, gold, args.noise), f"simulated model noise {args.noise}"
    print(f"Text+Berg dev, strict F1, each part aligned alone; {label}, weight "
          f"{args.weight if args.weight is not None else 'shipped'}")
    for n in (1, 5) if args.quick else (int(x) for x in args.parts.split(",")):
        alone: list[tuple[float, bool]] = []
        helped: list[tuple[float, bool]] = []
        checks: list[float] = []
        print(f"  {'whole' if n == 1 else f'{n} parts':8} no model {parts_f1(n, None, src, tgt, gold, None, alone):.4f}"
              f"   with the model {parts_f1(n, model, src, tgt, gold, args.weight, helped, checks):.4f}"
              f"   model check {_checks(checks)}")
        for judged, which in ((alone, "no model"), (helped, "with the model")):
            print(f"  {'':8} {confidence_summary(judged, which)}")
    if args.un:
        for line in un_pairs(args.un, args.docs, model, args.weight):
            print(line)
    return 0


def _align_run(a: str, b: str, src: list[str], tgt: list[str], params: Params, embedder, checks: list | None):
    """``src`` and ``tgt`` aligned by one pair aligner as a run of their own (a model's check is made anew, its
    rows kept); the check's figure goes to ``checks``."""
    if isinstance(embedder, MemoEmbedder):
        embedder.fits.clear()
    aligner = PairAligner(a, b, params=params, embedder=embedder)
    beads = aligner.align(src, tgt)
    if checks is not None and embedder is not None:
        checks.append(aligner.embedding_fit)
    return beads


def _checks(fits: list) -> str:
    return " ".join("-" if fit is None or math.isnan(fit) else f"{fit:.2f}" for fit in fits)


def un_pairs(pairs: str, docs: str, model, weight: float | None) -> list[str]:
    """Strict F1 of UN dev pairs (``en-fr,...``), each aligned from its two files (``docs``) as ``align_segments``
    aligns two versions, without and with ``model``, and each document's model check."""
    root = EVAL / "unpc-6way-dev"
    params = Params() if weight is None else Params(embed_weight=weight)
    out = [f"UN dev ({docs}), each pair from its two files, strict F1"]
    for pair in pairs.split(","):
        a, b = pair.split("-")
        scores, checks = [], []
        for embedder in (None, model):
            items = []
            for doc in docs.split(","):
                beads = _align_run(a, b, lines(root / f"{doc}.{a}"), lines(root / f"{doc}.{b}"), params, embedder,
                                   checks)
                items.append((read_ladder(root / f"{doc}.{a}-{b}"), [(list(x.src), list(x.tgt)) for x in beads]))
            scores.append(score_pairs(items).strict_f1)
        out.append(f"  {a}-{b}: no model {scores[0]:.4f}   with the model {scores[1]:.4f}   model check "
                   f"{_checks(checks)}")
    return out


def speed(n: int) -> list[str]:
    """Seconds the aligner takes on ``n`` x ~1.05 ``n`` segments (``benchmarks.align.speed_input``) without
    embeddings and with random rows of 384 and 768 dimensions (the sizes of MiniLM and LaBSE), embedded before the
    clock starts: the search's cost, not the model's."""
    from tmtool.align import align_segments
    from tmtool.align.embeddings import MemoEmbedder

    src, tgt = speed_input(n)
    rng = np.random.default_rng(0)
    out = []
    for dim in (None, 384, 768):
        embedder = None
        if dim:
            rows = {text: rng.normal(size=dim).astype(np.float32) for text in set(src) | set(tgt)}
            embedder = MemoEmbedder(lambda texts, rows=rows: np.stack([rows[t] for t in texts]))
            embedder(list(src) + list(tgt))
        start = time.perf_counter()
        align_segments({"en": src, "fr": tgt}, embedder=embedder)
        out.append(f"{n} x {len(tgt)} segments, {f'{dim}-dimension rows' if dim else 'no embeddings'}: "
                   f"{time.perf_counter() - start:.1f} s")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
