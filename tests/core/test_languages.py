"""Language names as CAT tools write them in column headers (memoQ's CSV export)."""

from __future__ import annotations

import pytest

from tmtool.languages import tag_from_name


@pytest.mark.parametrize("name, tag", [
    ("English_United_States", "en-US"), ("English", "en"), ("Chinese_PRC", "zh-CN"), ("Chinese_Taiwan", "zh-TW"),
    ("Chinese (Hong Kong SAR)", "zh-HK"), ("French_Canada", "fr-CA"), ("Arabic_Saudi_Arabia", "ar-SA"),
    ("Russian", "ru"), ("Spanish (Latin America)", "es-419"), ("Serbian_Latin", "sr-Latn"),
    ("Norwegian_Bokmål", "nb"), ("Norwegian_Bokmal", "nb"), ("Portuguese_Brazil", "pt-BR"),
    ("Chinese_Simplified", "zh-Hans"),
])  # fmt: skip
def test_english_names_give_their_tags(name: str, tag: str) -> None:
    assert tag_from_name(name) == tag


@pytest.mark.parametrize("name", ["Term_Info", "Entry_ID", "English_Def", "Francais", "French_Atlantis", ""])
def test_what_is_no_language_name_gives_none(name: str) -> None:
    assert tag_from_name(name) is None
