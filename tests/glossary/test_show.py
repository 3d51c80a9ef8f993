"""tmtool glossary show: definitions, notes, sources, part of speech, examples and kept TBX shown per entry.

Golden files in tests/data/glossary-show/: ``<input>.txt`` and ``<input>.json`` (what show prints by default),
``<input>.brief.txt`` and ``<input>.brief.json`` (``--brief``: what show printed before December 2026, byte for
byte; written by the code before the change). ``TMTOOL_UPDATE_GOLDEN=1`` rewrites the full ones after a deliberate
change; review the diff by eye.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
GOLDEN = DATA / "glossary-show"
INPUTS = [GOLDEN / "places-notes.tbx", DATA / "glossary" / "sample.csv", DATA / "glossary" / "extension-namespace.tbx"]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_matches_golden(cli_run, path: Path, fmt: str) -> None:
    code, out, err = cli_run(["glossary", "show", path, "--format", fmt])
    assert code == 0, err
    golden = GOLDEN / f"{path.name}.{'txt' if fmt == 'text' else 'json'}"
    if os.environ.get("TMTOOL_UPDATE_GOLDEN"):
        golden.write_text(out, "utf-8")
    assert out == golden.read_text("utf-8")


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_brief_is_the_output_of_before(cli_run, path: Path, fmt: str) -> None:
    code, out, err = cli_run(["glossary", "show", path, "--format", fmt, "--brief"])
    assert code == 0, err
    assert out == (GOLDEN / f"{path.name}.brief.{'txt' if fmt == 'text' else 'json'}").read_text("utf-8")


def test_every_field_of_the_model_is_shown(cli_run) -> None:
    """What a terminologist records beside the terms reaches the screen (it was read and never shown)."""
    code, out, _ = cli_run(["glossary", "show", GOLDEN / "places-notes.tbx"])
    assert code == 0
    for shown in ("definition: A fictitious Member State. [tmtool tests]",
                  "Newland — noun; fullForm; source: UN Protocol list; "
                  "example: the Permanent Representative of Newland [A/00/000]",
                  "Oldland — superseded; note: former name", "kept TBX: productSubset: Protocol",
                  "entry note: A State renamed in 2022", "entry kept TBX: 1 transacGrp"):  # fmt: skip
        assert shown in out, shown
    # the language lines read as before: a detail line is never taken for one
    langs = [x.split(":")[0].strip() for x in out.splitlines() if x.startswith("  ") and not x.startswith("   ")
             and not x.startswith("  entry ")]  # fmt: skip
    assert langs == ["en", "fr", "en", "fr"]


def test_json_keeps_the_old_keys_and_adds_the_details(cli_run) -> None:
    code, out, _ = cli_run(["glossary", "show", GOLDEN / "places-notes.tbx", "--format", "json", "--lang", "en"])
    assert code == 0
    (entry, _) = json.loads(out)["entries"]
    assert {"id", "subject", "terms"} <= set(entry)
    assert entry["note"].startswith("A State renamed") and entry["definitions"] == {
        "en": [{"text": "A fictitious Member State.", "source": "tmtool tests"}]}
    assert "transacGrp" in entry["xml"] and entry["lang_xml"] == {}  # --lang en: the French section's XML left out
    newland, oldland = entry["terms"]["en"]
    assert (newland["text"], newland["status"], newland["part_of_speech"], newland["term_type"], newland["source"],
            newland["examples"]) == ("Newland", "preferred", "noun", "fullForm", "UN Protocol list",
                                     [{"text": "the Permanent Representative of Newland", "source": "A/00/000"}])
    assert (oldland["status"], oldland["status_detail"]) == ("deprecated", "superseded")


def test_a_definition_without_a_term_line_is_shown_too() -> None:
    """TBX lets a language hold a definition and no term (en-US terms, an en definition; a de definition alone):
    shown after the languages, as the JSON's definitions hold it."""
    from tmtool.glossary.model import Definition, Entry, Term
    from tmtool.glossary.present import entry_lines

    e = Entry("x", (Term("star", "en-US"),), definitions=(Definition("a sun", "en", "Oxford"), Definition("Stern", "de")))
    assert entry_lines(e, lambda tag: True) == ["x", "  en-US: star", "    definition en: a sun [Oxford]",
                                                "    definition de: Stern"]  # fmt: skip
    assert entry_lines(e, lambda tag: tag.startswith("en"))[-1] == "    definition en: a sun [Oxford]"


def test_only_the_language_lines_have_two_spaces(cli_run) -> None:
    """A script that reads show's ``  TAG: terms`` lines (what show printed before December 2026) misread the
    entry's details, which stood at the same indent (``  entry note: ...``, ``  definition de: ...``): every line
    of two spaces is now a language line, the details are indented deeper."""
    from tmtool.languages import normalise_tag

    for path in INPUTS:
        code, out, _ = cli_run(["glossary", "show", path])
        two = [line for line in out.splitlines() if line.startswith("  ") and not line.startswith("   ")]
        assert two and all(normalise_tag(line.split(":", 1)[0].strip()) for line in two), two
