"""glossary check --format json: each problem carries the source segment beside the target segment."""

from __future__ import annotations

import json
from pathlib import Path

from tmtool.align.model import AlignedDocument, Alignment, Link, write_alignment

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary"


def test_json_problems_carry_the_source_segment(cli_run, tmp_path: Path) -> None:
    en = ("The Security Council met in Türkiye.", "Turkey was thanked.")
    fr = ("Le Conseil s'est réuni en Türkiye.", "La Turquie a été remerciée.")
    path = tmp_path / "alignment.json"
    write_alignment(Alignment((AlignedDocument("en", en), AlignedDocument("fr", fr)),
                              tuple(Link({"en": (i,), "fr": (i,)}, 1.0) for i in range(2))), path)  # fmt: skip
    code, out, err = cli_run(["glossary", "check", path, "--glossary", DATA / "sample.csv", "--tgt", "fr",
                              "--format", "json"])  # fmt: skip
    assert code == 0, err
    got = {(p["problem"], p["where"]): p for p in json.loads(out)}
    assert set(got) == {("missing", f"{path}#0"), ("deprecated", f"{path}#1")}
    for (_, where), p in got.items():
        n = int(where.rsplit("#", 1)[1])
        assert (p["source"], p["segment"]) == (en[n], fr[n])
    assert err.strip().endswith("2 problems, 1 missing, 1 deprecated; 0 for information")
