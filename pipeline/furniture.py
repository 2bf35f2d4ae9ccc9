"""Page furniture by repetition: a line printed at the same place on most pages is no letter text.

A document code in the footer ("W6662.NAV"), a running head: whatever the wording, such a line
stands at the very top or foot of the page's text, at the same position on page after page, while
no real text repeats itself like that. The rule is careful, so that no line of the letter is ever
taken: the very same text at the same place (on a PDF within a few points) on at least two pages
and at least half of them, first or last on each (or next to one such line), and never a row of a
table (a header row repeated on every page is read by the table lists). A page's own number does
not count as the same text: "Vraag 3" atop page 3 and "Vraag 4" atop page 4 are questions (page
numbers have their own patterns).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import patterns
from pipeline.model import RawLine, RawPage
from pipeline.text import normalise_line

_PLACE = 3.0
"""Points a line may stand apart from its place on other pages: extraction puts a glyph's box a
little differently when its text differs (a page number), never further."""
_DEPTH = 3
"""How many lines deep at the top and the foot of a page furniture may stand (a footer of two
lines above a page number)."""
_APART = 1.5
"""The white space, in line heights, that sets a running head or footer apart from the text."""
_MIN_TEXT_PAGES = 3
"""Text input has no positions, only first and last lines: it needs more pages to be sure."""


@dataclass(frozen=True)
class _Edge:
    """A line first or last on its page: where, and what it says."""

    page: int
    number: int
    key: str
    """The text, normalised."""
    side: str
    """``top`` or ``foot``."""
    top: float
    x0: float
    x1: float

    def near(self, other: _Edge) -> bool:
        """Printed at the same place: the same height, and the same left edge, right edge or middle
        (a footer aligned right or centred moves its start when its page number grows a digit)."""
        return abs(self.top - other.top) <= _PLACE and any(
            abs(mine - theirs) <= _PLACE
            for mine, theirs in ((self.x0, other.x0), (self.x1, other.x1), (self.x0 + self.x1, other.x0 + other.x1))
        )


def repeated_lines(pages: Sequence[RawPage]) -> frozenset[tuple[int, int]]:
    """The (page, line number) of every line that repeats at the same place on most pages.

    >>> from pipeline.model import Box
    >>> def line(text, page, number, top):
    ...     return RawLine(text, page, number, "body", box=Box(100, top, 140, top + 9))
    >>> pages = [RawPage(p, (line(f"Tekst {p}", p, 1, 80), line("W6662.NAV", p, 2, 795))) for p in (1, 2, 3)]
    >>> sorted(repeated_lines(pages))
    [(1, 2), (2, 2), (3, 2)]
    """
    positioned = any(line.box is not None for page in pages for line in page.lines)
    if len(pages) < (2 if positioned else _MIN_TEXT_PAGES):
        return frozenset()
    blocks = [block for page in pages for block in _edges(page)]
    groups: dict[tuple[str, str], list[_Edge]] = {}
    for edge in (edge for block in blocks for edge in block):
        groups.setdefault((edge.key, edge.side), []).append(edge)
    count = len(pages)
    needed = max(2, (count + 1) // 2) if positioned else max(_MIN_TEXT_PAGES, (2 * count + 2) // 3)
    found: set[tuple[int, int]] = set()
    for group in groups.values():
        for anchor in group:
            same = [edge for edge in group if edge.near(anchor)]
            if len({edge.page for edge in same}) >= needed:
                found.update((edge.page, edge.number) for edge in same)
    # From the page's edge inwards: a line repeated behind one that is not is the page's text.
    return frozenset(
        place
        for block in blocks
        for place in itertools.takewhile(found.__contains__, ((edge.page, edge.number) for edge in block))
    )


def _edges(page: RawPage) -> list[list[_Edge]]:
    """The blocks at the top and the foot of the page's text (its footnotes too: a footer in their
    type stands below them) that stand apart from it, each from the page's edge inwards: on
    a PDF a block of up to three lines with white space of more than a line and a half between it
    and the text; in text input the lines that are no sentence and no label. A table's
    row never (a header row repeated on every page is read by the table lists)."""
    lines = [line for line in page.lines if line.zone in ("body", "unknown", "footnote") and line.text.strip()]
    if any(line.box is not None for line in lines):
        lines.sort(key=lambda line: line.box.top if line.box is not None else 0.0)
    blocks: list[list[_Edge]] = []
    for side, ordered in (("top", lines), ("foot", lines[::-1])):
        if not any(line.box is not None for line in lines):
            blocks.append([_edge(page.number, line, side) for line in _unplaced_block(ordered)])
            continue
        for depth in range(1, min(_DEPTH, len(ordered) - 1) + 1):
            block = ordered[:depth]
            if any(line.cells for line in block):
                break
            if _apart(block[-1], ordered[depth]):
                blocks.append([_edge(page.number, line, side) for line in block])
                break
    return blocks


def _unplaced_block(ordered: Sequence[RawLine]) -> list[RawLine]:
    """In text input, the lines from the page's edge inwards that are no sentence and no label, never
    the whole page. No depth limit: once a running head is taken, the line behind it must not become
    the next page edge that a second cleaning takes (cleaning clean text changes nothing)."""
    return list(
        itertools.takewhile(lambda line: not line.cells and not _sentence(normalise_line(line.text)), ordered[:-1])
    )


def _sentence(text: str) -> bool:
    return text.endswith((".", "?", "!", ":", ";", ",")) or bool(patterns.QUESTION_OR_ANSWER_LINE.match(text))


def _edge(page: int, line: RawLine, side: str) -> _Edge:
    box = line.box
    place = (box.top, box.x0, box.x1) if box is not None else (0.0, 0.0, 0.0)
    return _Edge(page, line.number, normalise_line(line.text), side, *place)


def _apart(line: RawLine, neighbour: RawLine) -> bool:
    """True if a line at a page's edge stands apart from the text beside it (``neighbour``): more
    than a line and a half of white space between them on a PDF, or more than a line where it is no
    sentence and no label (a footer just below the footnotes); in text input, no sentence and no label."""
    box, other = line.box, neighbour.box
    text = normalise_line(line.text)
    sentence = _sentence(text)
    if box is None or other is None:
        return not sentence
    gap = other.top - box.bottom if other.top > box.top else box.top - other.bottom
    height = box.bottom - box.top
    return gap > _APART * height or (gap > height and not sentence)
