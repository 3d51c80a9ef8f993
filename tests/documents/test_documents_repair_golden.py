"""Golden files for every repair rule: ``tests/data/documents/repair/<case>.<lang>.<ext>`` is read with
``read_document`` and must give ``<case>.<lang>.<ext>.expected.json`` (language, ``[kind, text]`` per paragraph,
and the metadata keys listed there).

After a deliberate change, regenerate with ``TMTOOL_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/documents``
and review the diff by eye before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tmtool.documents import read_document

CASES = Path(__file__).resolve().parent.parent / "data" / "documents" / "repair"
INPUTS = sorted(p for p in CASES.iterdir() if not p.name.endswith(".expected.json"))
METADATA_KEYS = ("symbols", "date", "distribution", "original_language", "agenda_items", "title", "organs")


def _render(path: Path) -> dict:
    document = read_document(path)
    return {
        "lang": document.lang,
        "paragraphs": [[p.kind, p.text] for p in document.paragraphs],
        "metadata": {k: document.metadata[k] for k in METADATA_KEYS if k in document.metadata},
    }


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_repair_golden(path: Path) -> None:
    expected_path = path.with_name(path.name + ".expected.json")
    got = _render(path)
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=True, indent=1) + "\n", encoding="utf-8")
    assert expected_path.exists(), f"no golden file {expected_path.name}; run with TMTOOL_UPDATE_GOLDEN=1"
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_every_rule_has_a_case() -> None:
    """The golden cases cover each repair rule of the issue (names say which)."""
    names = {p.name.split(".")[0] for p in INPUTS}
    assert {"page_break", "running_headers", "hard_breaks", "hyphenation", "markdown", "french_spaces",
            "unicode", "kinds", "unwrapped", "numbered_lines", "markdown_tables", "header"} <= names
    langs = {p.name.split(".")[1] for p in INPUTS if p.name.startswith("running_headers")}
    assert langs == {"ar", "en", "es", "fr", "ru", "zh"}
