"""Page furniture by repetition: a line printed at the same place on most pages is no letter text.

A document code in the footer ("W6662.NAV"), a running head: whatever the wording, such a line
stands at the very top or foot of the page's text, at the same position on page after page, while
no real text repeats itself like that. The rule is careful, so that no line of the letter is ever
taken: the very same text at the same place (on a PDF within a few points) on at least two pages
and at least half of them, first or last on each (or next to one such line), and never a row of a
table (a header row repeated on every page is read by the table lists). A page's own number does
not count as the same text: "Vraag 3" atop page 3 and "Vraag 4" atop page 4 are questions (page
numbers have their own patterns). A page number beside a running head or footer does not make it
another text either: "Totaallijst feitelijke vragen (31289-235) 2/6" on page 3 and "… 3/6" on
page 4 repeat one footer, when the number grows with the page, one by one. Such a footer that
gives its page count ("n/6", "Pagina n van 6") need only stand on half of those pages: an annex
numbers its own pages, after a cover letter with other footers.
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
    """The text, normalised, without the page's number (``folio``) beside it."""
    side: str
    """``top`` or ``foot``."""
    top: float
    x0: float
    x1: float
    folio: int | None = None
    """The page number the line gives, if any ("2" of "… 2/6")."""
    total: int | None = None
    """The page count the line gives with it ("6" of "… 2/6")."""

    def numbered_with(self, other: _Edge) -> bool:
        """True if both lines are unnumbered, or number their pages alike (the same count, the
        number growing with the page)."""
        if self.folio is None or other.folio is None:
            return self.folio is other.folio
        return self.total == other.total and self.folio - self.page == other.folio - other.page

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
            same = [edge for edge in group if edge.near(anchor) and edge.numbered_with(anchor)]
            if len({edge.page for edge in same}) >= _needed(needed, anchor):
                found.update((edge.page, edge.number) for edge in same)
    # From the page's edge inwards: a line repeated behind one that is not is the page's text.
    return frozenset(
        place
        for block in blocks
        for place in itertools.takewhile(found.__contains__, ((edge.page, edge.number) for edge in block))
    )


def _needed(needed: int, anchor: _Edge) -> int:
    """On how many pages a line must repeat: ``needed``, or half the pages it numbers, where it
    gives their count ("n/6")."""
    return needed if anchor.total is None else min(needed, max(2, (anchor.total + 1) // 2))


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
    key, folio, total = _folio(normalise_line(line.text), bare=box is not None and side == "foot")
    return _Edge(page, line.number, key, side, *place, folio, total)


def _folio(text: str, bare: bool) -> tuple[str, int | None, int | None]:
    """The text without a page number at its end or start, the number and the page count it
    gives; the text itself where it has none, is nothing but one, or opens a question or an
    answer ("Vraag 3" atop page 3 is a question). A bare number ("Jaarverslag 2014 3") counts
    only where ``bare``: in a footer on a PDF, where a heading ("Bijlage 2" atop page 2) is not."""
    if patterns.QUESTION_OR_ANSWER_LINE.match(text):
        return text, None, None
    for pattern in (patterns.FOLIO_AT_END, patterns.FOLIO_AT_START):
        found = pattern.search(text)
        rest = (text[: found.start()] + " " + text[found.end() :]).strip() if found else ""
        if found and rest and (bare or not found.group(0).strip().isdigit()):
            total = found.group("total")
            return rest, int(found.group("number")), int(total) if total else None
    return text, None, None


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
