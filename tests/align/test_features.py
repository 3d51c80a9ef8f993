"""Segment features: anchors must be equal across scripts and digit systems."""

from __future__ import annotations

from tmtool.align.features import anchors


def test_arabic_indic_and_full_width_digits_are_the_same_numbers():
    nums = lambda text: sorted(f for f in anchors(text) if f.startswith("N:"))  # noqa: E731
    assert nums("١٣-١٧ نيسان/أبريل ٢٠١٥") == nums("13-17 April 2015") == ["N:13", "N:17", "N:2015"]
    assert nums("２０１５年６日") == nums("6 March 2015")
