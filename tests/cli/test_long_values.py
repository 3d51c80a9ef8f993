"""A value read from the input and quoted in an error message (a language cell, a status, a --lang) is quoted
with at most 40 of its characters: the message stays one readable line however long the value."""

from __future__ import annotations

import json

import pytest

LONG = 100_000


def _alignment(tmp_path, **change):
    docs = [{"lang": "en", "path": "a.en.txt", "metadata": {}, "segments": ["The Council met."]},
            {"lang": "fr", "path": "a.fr.txt", "metadata": {}, "segments": ["Le Conseil s'est réuni."]}]
    link = {"segments": {"en": [0], "fr": [0]}, "confidence": 0.9, "status": "auto", **change}
    path = tmp_path / "alignment.json"
    path.write_text(json.dumps({"version": 1, "level": "paragraph", "documents": docs, "links": [link]}), "utf-8")
    return path


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


CASES = {
    "lossless csv lang": lambda t: ["glossary", "show", _write(t, "g.csv", f"id,lang,term\nc1,{'x' * LONG},a\n")],
    "memoq column": lambda t: ["glossary", "show", _write(t, "g.csv", f"en,{'y' * LONG}\na,b\n")],
    "tbx xml:lang": lambda t: ["glossary", "show", _write(
        t, "g.tbx", '<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" '
                    'xml:lang="en"><text><body><conceptEntry id="c1"><langSec xml:lang="' + "z" * LONG + '">'
                    "<termSec><term>a</term></termSec></langSec></conceptEntry></body></text></tbx>\n")],
    "alignment status": lambda t: ["export", _alignment(t, status="s" * LONG), "--tmx", t / "out.tmx"],
    "batch manifest column": lambda t: ["batch", _write(t, "m.csv", f"set,en,{'w' * LONG}\nA,a.en,a.fr\n"),
                                        "-o", t / "out"],
    "segment --lang": lambda t: ["segment", "--lang", "e" * 5000, _write(t, "a.en.txt", "The Council met.\n")],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_long_value_is_quoted_short(tmp_path, cli_run, name):
    code, out, err = cli_run(CASES[name](tmp_path))
    assert code in (1, 2) and out == "", err[:300]
    assert err.count("\n") == 1 and "Traceback" not in err
    assert len(err) < 400, err[:300]
    assert "characters)" in err
