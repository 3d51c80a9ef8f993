"""Opaque, readable colours for the review table.

Theme colours are often see-through (``$boost`` is white at 4%, ``$accent 40%``...). A rich style handed to the
terminal has no alpha: a see-through colour must be blended over the background it is drawn on first, or
see-through white becomes solid white. :func:`readable` then makes sure text keeps a WCAG contrast ratio of at
least :data:`MIN_CONTRAST` against its background, in truecolor and once reduced to the 256-colour palette.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.style import Style
from textual.color import Color

__all__ = ["MIN_CONTRAST", "blend", "contrast", "luminance", "readable", "terminal_rgb"]

MIN_CONTRAST = 4.5  # WCAG AA for normal text


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour (0 black .. 1 white)."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours (1 .. 21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def terminal_rgb(color: RichColor, system: ColorSystem = ColorSystem.TRUECOLOR) -> tuple[int, int, int]:
    """The RGB a terminal shows for ``color`` when it is sent in ``system`` (truecolor or 256 colours)."""
    if system != ColorSystem.TRUECOLOR:
        color = color.downgrade(system)
    return tuple(color.get_truecolor())  # type: ignore[return-value]


def blend(over: Color | None, under: Color) -> Color:
    """``over`` (possibly see-through) drawn on the opaque ``under``: an opaque colour."""
    if over is None:
        return under
    return under + over if over.a < 1 else over


def _min_contrast(fg: RichColor, bg: RichColor) -> float:
    return min(contrast(terminal_rgb(fg, system), terminal_rgb(bg, system))
               for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT))


@lru_cache(maxsize=4096)
def readable(style: Style) -> Style:
    """``style`` with its text colour moved towards white or black until it reads on its background.

    Both colours must be set; a style without them is returned unchanged. The hue is kept as long as possible:
    the colour is blended step by step, and only the last step is pure white or black.
    """
    if style.color is None or style.bgcolor is None:
        return style
    if _min_contrast(style.color, style.bgcolor) >= MIN_CONTRAST:
        return style
    fg = Color.from_rich_color(style.color)
    bg_rgb = terminal_rgb(style.bgcolor)
    target = Color(255, 255, 255) if luminance(bg_rgb) < 0.18 else Color(0, 0, 0)
    for step in range(1, 11):
        candidate = fg.blend(target, step / 10).rich_color
        if _min_contrast(candidate, style.bgcolor) >= MIN_CONTRAST:
            return style + Style(color=candidate)
    other = Color(0, 0, 0) if target.r else Color(255, 255, 255)
    return style + Style(color=other.rich_color)
