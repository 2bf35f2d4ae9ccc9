"""The grid every engine's numbers are put on: what makes two libraries give the same records.

The libraries measure in PDF space (points, y upwards), pdfium in single-precision floats and
pdfminer in doubles. Every length is put on a grid of 1/1000 pt and turned into a distance from
the page's top, so that both give the same numbers and a gap that sits exactly on a threshold
does so on both. Engines hand their glyphs, lines and rectangles to the functions here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import regex

from pipeline.model import Box
from pipeline.pdf.page import Char

Glyph = tuple[str, str, float, float, float, float, bool]
"""A glyph as a library measures it, the argument of ``place_chars``: text, font name, size, x0,
x1 and baseline, in PDF space (y upwards) as pdfminer measures them, and whether the page drew a
space glyph just before it."""

_SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")
_SYMBOL_FONT = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf02d": "–"}
"""Word's list bullets in the Symbol and Wingdings fonts sit in the private-use area."""
_CHAR_TEXT = {
    # A soft hyphen is only drawn where a word is split at a line end: a layout hyphen.
    "\u00ad": "-",
    **_SYMBOL_FONT,
}
REPLACEMENT = "\ufffd"
INVALID_TEXT = regex.compile(r"[\p{Cs}\p{Noncharacter_Code_Point}\p{Cc}]")
"""What no text may hold: lone surrogates (UTF-8 cannot even write them), noncharacters and
control codes, which a font's ToUnicode map can give any glyph."""


def valid_text(text: str) -> str:
    """Text with every lone surrogate, noncharacter and control code replaced by U+FFFD.

    >>> valid_text("a\\ud800b\\x01")
    'a\ufffdb\ufffd'
    """
    return INVALID_TEXT.sub(REPLACEMENT, text)


def grid(value: float) -> float:
    """The nearest 1/1000 pt (a third of the time of ``round(value, 3)``).

    >>> grid(12.34449), grid(12.3445)
    (12.344, 12.345)
    """
    return math.floor(value * 1000.0 + 0.5) / 1000.0


def place_box(x0: float, y0: float, x1: float, y1: float, height: float) -> Box:
    """A rectangle given in PDF space (y upwards) on a page of ``height`` (on the grid), as a Box
    measured from the page's top.

    >>> place_box(10, 700, 20, 702.5, 842.0)
    Box(x0=10.0, top=139.5, x1=20.0, bottom=142.0)
    """
    return Box(grid(x0), grid(height - grid(y1)), grid(x1), grid(height - grid(y0)))


def place_chars(glyphs: Iterable[Glyph], height: float) -> tuple[tuple[Char, ...], int]:
    """The glyphs of a page of ``height`` (on the grid) as Chars: the same for the same glyphs
    from either engine; and how many characters were no valid text (each now U+FFFD).

    A box runs from the baseline up one em: pdfminer puts the bottom at the font's descent,
    which it reads from the font descriptor and pdfium from the font file when the descriptor
    says 0; the baseline is where both agree. One loop, no call per character: a page has
    thousands.
    """
    floor = math.floor
    # A page has a few hundred distinct texts: each is mapped and checked once.
    texts: dict[str, str] = {}
    invalid: dict[str, int] = {}
    replaced = 0
    fonts: dict[str, str] = {}
    # A page has a few sizes and a few dozen baselines: each is put on the grid once.
    sizes: dict[float, float] = {}
    bottoms: dict[float, float] = {}
    placed: list[Char] = []
    for text, font, raw_size, x0, x1, baseline, spaced in glyphs:
        name = fonts.get(font)
        if name is None:
            name = fonts[font] = _SUBSET_PREFIX.sub("", font)
        size = sizes.get(raw_size)
        if size is None:
            size = sizes[raw_size] = floor(raw_size * 1000.0 + 0.5) / 1000.0
        bottom = bottoms.get(baseline)
        if bottom is None:
            bottom = bottoms[baseline] = height - floor(baseline * 1000.0 + 0.5) / 1000.0
        # round(x, 3): the order of characters at (almost) the same x depends on it. Worked out
        # on the grid where that gives the very same number (not within a hair of a half, not
        # zero, whose sign round keeps), at a quarter of round's cost.
        scaled = x0 * 1000.0
        left_grid = floor(scaled + 0.5) if -1e9 < scaled < 1e9 else 0
        left = left_grid / 1000.0 if left_grid and -0.4999 < scaled - left_grid < 0.4999 else round(x0, 3)
        scaled = x1 * 1000.0
        right_grid = floor(scaled + 0.5) if -1e9 < scaled < 1e9 else 0
        right = right_grid / 1000.0 if right_grid and -0.4999 < scaled - right_grid < 0.4999 else round(x1, 3)
        # x to the hundredth (both engines' x can differ in the thousandth): the reading order.
        order = (left_grid + 5) // 10 if left_grid else floor(x0 * 100.0 + 0.5) if -1e9 < x0 < 1e9 else 0
        mapped = texts.get(text)
        if mapped is None:
            mapped = texts[text] = _text_of(text, invalid)
        if invalid and text in invalid:
            replaced += invalid[text]
        placed.append(
            {
                "text": mapped,
                "font": name,
                "size": size,
                "x0": left,
                "x1": right,
                "top": bottom - size,
                "bottom": bottom,
                "order": order,
                "spaced": spaced,
            }
        )
    return tuple(placed), replaced


def _text_of(text: str, invalid: dict[str, int]) -> str:
    """A glyph's text as the layout takes it (and in ``invalid`` how many characters it had to replace)."""
    mapped = _CHAR_TEXT.get(text, text)
    found = len(INVALID_TEXT.findall(mapped))
    if found:
        invalid[text] = found
        return valid_text(mapped)
    return mapped
