"""Word spaces from the gaps between glyphs: where the words of a line part, whether or not the
PDF drew a space glyph between them.

A PDF places glyphs; a space is a glyph some PDFs draw and others leave out (a word placed on its
own, a bold heading), and where it is drawn it may stand anywhere (over the last letter of a
word). So a space is read from the gap between two glyphs, measured in ems of their size and
against the line's own letter gap (letter-spaced text stretches every gap of a line alike):

- a gap after a drawn space glyph is a word space once it is a real gap (``DRAWN_GAP``): Word
  sets small type on a grid of pixels, where a word gap can be narrower than the widest gap
  inside a word ("Straffen en Beschermen" at 6.8 pt);
- any other gap is a word space when it passes the line's letter gap by ``WORD_GAP`` em and
  ``WORD_GAP_POINTS`` more: a space is 0.25 to 0.35 em, kerning and italic overhang are well under
  a tenth, so no word of normally set text is split;
- a letter-spaced line with no drawn space, whose gaps fall between the two (``UNCLEAR``), cannot
  be read for sure: that is said in a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

WORD_GAP = 0.15
"""How far (in ems) a gap must pass the line's letter gap to part two words."""
WORD_GAP_POINTS = 0.2
"""And this much more, in points: at 4 pt, 0.6 pt is no word gap yet."""
DRAWN_GAP = 0.05
"""The gap (in ems) after a drawn space glyph that parts two words: a space drawn over a letter
("Rijksoverheid.n l") leaves no gap and parts nothing."""
MEASURED = 8
"""How many gaps a line needs before its own letter gap is measured: a short line ("22 mei 2023")
has too few to tell its letter gaps from its word gaps."""
LETTER_SPACED = 0.05
"""A line whose letter gap is this many ems or more is letter-spaced (tracked): its word gaps
may stand out little from its letter gaps."""
UNCLEAR = (0.09, 0.22)
"""The gaps (in ems past the line's letter gap) that may be a tight word gap or a wide letter
gap; between them sits the rule's own limit, ``WORD_GAP`` em and ``WORD_GAP_POINTS``."""


class Gap(NamedTuple):
    """The white space between two glyphs of a line, the second of which may start a word. (A
    named tuple, not a frozen dataclass: a page has thousands, made each time a line's text is.)"""

    width: float
    """From the first glyph's advance to the second glyph's origin, in points (below 0 where they
    overlap: kerning, an italic's overhang)."""
    size: float
    """The smaller of the two glyphs' sizes, in points: what an em is for this gap."""
    drawn: bool = False
    """True when the PDF drew a space glyph just before the second glyph."""


def letter_gap(gaps: Sequence[Gap]) -> float:
    """The line's own gap between letters, in ems: the median of its gaps without a drawn space,
    never below 0; 0 for a line of too few gaps to tell.

    >>> letter_gap([Gap(0.0, 10.0)] * 7 + [Gap(3.0, 10.0)])
    0.0
    >>> letter_gap([Gap(2.0, 10.0)] * 6 + [Gap(5.0, 10.0)] * 3)
    0.2
    """
    ratios = sorted(gap.width / gap.size for gap in gaps if not gap.drawn and gap.size > 0)
    if len(ratios) < MEASURED:
        return 0.0
    return max(0.0, ratios[len(ratios) // 2])


def is_word_space(gap: Gap, letters: float = 0.0) -> bool:
    """True when the gap parts two words, on a line whose letter gap is ``letters`` ems.

    >>> is_word_space(Gap(2.8, 10.0)), is_word_space(Gap(0.4, 10.0)), is_word_space(Gap(-0.6, 10.0))
    (True, False, False)
    >>> is_word_space(Gap(1.1, 6.8, drawn=True)), is_word_space(Gap(0.0, 7.0, drawn=True))
    (True, False)
    >>> is_word_space(Gap(2.0, 10.0), letters=0.2), is_word_space(Gap(4.8, 10.0), letters=0.2)
    (False, True)
    """
    if gap.drawn and gap.width >= DRAWN_GAP * gap.size:
        return True
    return gap.width - letters * gap.size > WORD_GAP * gap.size + WORD_GAP_POINTS


def word_spaces(gaps: Sequence[Gap]) -> list[bool]:
    """For each gap of a line, whether it is a word space.

    >>> word_spaces([Gap(0.1, 10.0), Gap(2.8, 10.0), Gap(-0.2, 10.0)])
    [False, True, False]
    """
    letters = letter_gap(gaps)
    return [is_word_space(gap, letters) for gap in gaps]


def unclear(gaps: Sequence[Gap]) -> bool:
    """True when a letter-spaced line without a drawn space has a gap that is as likely a word
    gap as a letter gap. (Unspaced lines are not asked: Word's small type has single gaps of a
    tenth of an em inside words, which the rule reads right.)

    >>> tracked = [Gap(2.0, 10.0)] * 8
    >>> unclear([*tracked, Gap(5.0, 10.0)]), unclear([*tracked, Gap(3.5, 10.0)])
    (False, True)
    >>> unclear([*tracked, Gap(3.5, 10.0, drawn=True)]), unclear([Gap(0.0, 10.0)] * 8 + [Gap(1.5, 10.0)])
    (False, False)
    """
    if any(gap.drawn for gap in gaps):
        return False
    letters = letter_gap(gaps)
    if letters < LETTER_SPACED:
        return False
    low, high = UNCLEAR
    return any(low < gap.width / gap.size - letters < high for gap in gaps if gap.size > 0)
