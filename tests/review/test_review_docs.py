"""docs/review.md shows the key map as it is (it is generated from the same table as the bindings)."""

from __future__ import annotations

from tmtool.review.keymap import markdown_table


def test_docs_key_map_is_current(root):
    text = (root / "docs" / "review.md").read_text("utf-8")
    assert markdown_table() in text, "regenerate the key map in docs/review.md from keymap.markdown_table()"
