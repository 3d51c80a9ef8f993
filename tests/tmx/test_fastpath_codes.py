"""A TMX whose units mostly carry inline codes (tagged Trados exports) is read by the lxml reader after the
first window of units: the fast path parsed each such unit alone with lxml, which made it about 1.3-1.5x slower
than the lxml reader on such a file (200,000 units with codes: 10.4 s against 6.7 s, one run). The units are
the same either way, also when plain units follow (the lxml reader resumes where the fast path stopped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tmx import iter_units
from tmtool.tmx import fastpath
from tmtool.tmx.reader import _unit
from tmtool.tmx.safety import check_prolog

WINDOW = getattr(fastpath, "_WINDOW", 1024)  # (before the hand-over the module had no window)
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" '
        'segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="html"/>\n<body>\n')


def _coded(i: int) -> str:
    return (f'<tu tuid="c{i}"><tuv xml:lang="en"><seg>Unit {i} <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;'
            f'</ept> end</seg></tuv><tuv xml:lang="fr"><seg>Unité {i} <ph x="1">&lt;br/&gt;</ph> fin</seg></tuv></tu>\n')


def _plain(i: int) -> str:
    return f'<tu tuid="p{i}"><tuv xml:lang="en"><seg>Plain {i}</seg></tuv><tuv xml:lang="fr"><seg>Simple {i}</seg></tuv></tu>\n'


def _write(path: Path, body: list[str]) -> Path:
    path.write_text(HEAD + "".join(body) + "</body></tmx>\n", encoding="utf-8")
    return path


def test_mostly_coded_units_hand_over_to_lxml(tmp_path: Path) -> None:
    path = _write(tmp_path / "coded.tmx", [_coded(i) for i in range(WINDOW * 2)])
    with pytest.raises(fastpath.Fallback) as exc:
        for _ in fastpath.fast_units(path, check_prolog(path).encoding, _unit):
            pass
    assert exc.value.count == WINDOW


@pytest.mark.parametrize("layout", ["coded-then-plain", "plain-then-coded", "mixed"])
def test_units_are_the_same_after_the_hand_over(tmp_path: Path, layout: str) -> None:
    n = WINDOW + 300
    body = {
        "coded-then-plain": [_coded(i) for i in range(n)] + [_plain(i) for i in range(300)],
        "plain-then-coded": [_plain(i) for i in range(300)] + [_coded(i) for i in range(n)],
        "mixed": [_coded(i) if i % 5 else _plain(i) for i in range(n)],
    }[layout]
    path = _write(tmp_path / f"{layout}.tmx", body)
    fast = list(iter_units(path))
    assert fast == list(iter_units(path, fast=False))
    assert [u.tuid for u in fast] == [b.split('"')[1] for b in body]
