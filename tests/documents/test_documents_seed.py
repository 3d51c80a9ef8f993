"""The user's seed letter, end to end: the reference case for repair and metadata."""

from __future__ import annotations

from tmtool.documents import read_document
from tmtool.segment import split_sentences


def test_seed_body_has_twelve_paragraphs_and_the_page_break_is_joined(seed):
    document = read_document(seed)
    body = [p.text for p in document.paragraphs if p.kind == "body"]
    assert len(body) == 12
    assert not any(text.startswith("night of") for text in body)
    joined = [text for text in body if "signed on the night of 9 to 10 November 2020" in text]
    assert len(joined) == 1 and joined[0].startswith("During the 44-day war")


def test_seed_is_plain_text(seed):
    document = read_document(seed)
    text = "\n".join(document.texts)
    for markup in ("**", "](#)", "\\(", "## ", "*(Signed)*"):
        assert markup not in text
    assert "In its resolutions 822 (1993), 853 (1993), 874 (1993) and 884 (1993), the Security Council" in text
    assert "(A/77/967-S/2023/529, A/77/981-S/2023/562 and A/77/1001-S/2023/604)" in text


def test_seed_metadata(seed):
    document = read_document(seed)
    md = document.metadata
    assert document.lang == "en"
    assert md["date"] == "2023-09-14"
    assert md["distribution"] == "general"
    assert md["original_language"] == "en"
    assert md["agenda_items"] == ["31", "61", "69", "71", "83", "129"]
    assert md["organs"] == ["General Assembly", "Security Council"]
    assert md["title"].startswith("Letter dated 13 September 2023 from the Permanent Representative of Azerbaijan")
    assert md["title"].endswith("addressed to the Secretary-General")
    # the body cites other letters' symbols; they are not this document's symbols
    assert "A/77/967" not in md.get("symbols", [])


def test_seed_kinds(seed):
    document = read_document(seed)
    kinds = [p.kind for p in document.paragraphs]
    assert kinds[-1] == "signature"
    assert document.paragraphs[-1].text == "(Signed) Yashar Aliyev Ambassador Permanent Representative"
    title = document.metadata["title"]
    assert [p.kind for p in document.paragraphs if p.text == title] == ["heading"]
    assert "Prevention of armed conflict" in [p.text for p in document.paragraphs if p.kind == "heading"]
    # the front matter (organs, Distr., date, Original) is metadata, not paragraphs
    assert not any(p.text.startswith(("Distr.", "Original", "General Assembly Security Council"))
                   for p in document.paragraphs)


def test_seed_sentences(seed):
    document = read_document(seed)
    paragraph = next(p.text for p in document.paragraphs if p.text.startswith("The illegality"))
    sentences = split_sentences(paragraph, "en")
    assert len(sentences) == 3
    assert sentences[1].startswith("In its resolutions 822 (1993)")
