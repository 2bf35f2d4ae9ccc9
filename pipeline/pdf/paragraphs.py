"""Where a page's body lines end a paragraph, from what the page shows: white space wider than the
document's own line pitch, a line that ends a sentence short of the column's right edge, or a line
set in a heading's type (italic, bold) before one in running type.

A letter set with wide line spacing has a wide gap between every two lines, so a gap counts only
against the letter's usual pitch for its type size (``line_pitches``): a cover letter in 9 pt at
1.4 lines a line is not judged by the 12 pt annex's single spacing. An Aanhangsel marks a paragraph by nothing but
its short last line, so a line that ends a sentence and leaves room on its line for the next
line's first word ends its paragraph; where the text is justified, room at all is enough.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from pipeline import patterns
from pipeline.pdf import typesize
from pipeline.pdf.lines import BOLD_FONT, ITALIC_FONT, Line, in_font, split_at_column

SENTENCE_END = regex.compile(r"[.?!:;][\p{Pf}\p{Pe}\"'»]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$")
"""A line that ends a sentence: its last stop, maybe a closing quote or bracket after it, maybe a
footnote marker after that ("gevraagd.²", "waarborgen.”", "(zie artikel 5 AVG).")."""
OPENS_BLOCK = regex.compile(r"^(?:[\p{Lu}\d•\-–«“\"'‘(\[]|\p{Pd})")
"""A line that may open a paragraph: a capital, a digit, a bullet, a dash or an opening quote."""
OPENS_SENTENCE = regex.compile(r"^[\p{Lu}\d•]")
"""A line that opens a sentence or an item: a capital, a digit or a bullet (not a bracket: "(ingezonden
7 maart 2024)." goes on with an italic subject)."""

GAP = 0.3
"""White space beyond the usual line pitch, as a part of the type size, that parts paragraphs
(Word's smallest "space after" of 3 pt on 10 pt type)."""
WORD_SPACE = 0.25
"""The least word space, as a part of the type size: the room a next word needs besides its own width."""
JUSTIFIED_SHARE = 0.7
"""The part of a page's inner lines (lines a paragraph's next line follows) that must end at the
column's right edge for the page to be justified."""
EDGE = 1.0
"""How far (pt) a justified line may end from the column's right edge."""
UNCLEAR_ROOM = 0.3
"""A line that ends a sentence and leaves this part of the column empty, yet not room enough for
the next word, is ambiguous on ragged text: a word that long is rare, and hyphenation would have
filled the room."""
MIN_PAIRS = 3
"""Pairs of lines a pitch must be measured on to count."""


@dataclass(frozen=True)
class Breaks:
    """The paragraph breaks of a page's body lines."""

    before: frozenset[int]
    """Indexes (into the lines given) of the lines that start a new paragraph."""
    unclear: tuple[int, ...] = ()
    """Indexes of lines after which the page does not say whether a paragraph ends."""


@dataclass(frozen=True)
class _Column:
    """What a page's running lines are measured against."""

    right: float
    """The right edge of the column: where full lines end."""
    left: float
    """Where most lines start."""
    justified: bool
    """True if most inner lines end at ``right``: then any room left on a line is a paragraph end."""


def line_pitches(pages: Sequence[Sequence[Line]], reference_x: float | None) -> dict[float, float]:
    """The document's usual distance from one line's top to the next, as a part of the type size,
    for each type size it sets enough full lines in (a line that reaches its right edge has a next
    line in its own paragraph): a cover letter in 9 pt at 1.4 lines a line and an annex in 12 pt at
    1.0 each keep their own. A size that too few lines say has none.

    >>> from pipeline.pdf.lines import make_line
    >>> def line(top: float, x1: float, size: float = 9.0) -> Line:
    ...     return make_line([{"text": "a", "x0": 70.0, "x1": x1, "top": top, "bottom": top + size, "size": size,
    ...                        "font": "Arial", "order": 70.0}])
    >>> line_pitches([[line(100 + 16.4 * n, 520.0) for n in range(5)]], None)
    {9.0: 1.82}
    >>> cover = [line(100 + 12.6 * n, 430.0) for n in range(4)]
    >>> annex = [line(300 + 12 * n, 440.0, 12.0) for n in range(8)]
    >>> line_pitches([cover + annex], None)
    {9.0: 1.4, 12.0: 1.0}
    """
    ratios: dict[float, Counter[float]] = {}
    for page in pages:
        segments = [
            segment
            for line in page
            for segment in (split_at_column(line, reference_x) if reference_x is not None else [line])
            if (reference_x is None or segment.x0 < reference_x) and segment.text.strip()
        ]
        for size in sorted({segment.size for segment in segments}):
            _count_pitches(segments, size, ratios.setdefault(size, Counter()))
    return {size: _usual(counted) for size, counted in sorted(ratios.items()) if sum(counted.values()) >= MIN_PAIRS}


def _count_pitches(segments: Sequence[Line], size: float, ratios: Counter[float]) -> None:
    """Count the pitches of one page's full lines of one type size (a line whose next line in
    that size stands right under it, in its own paragraph because the line reaches the right edge)."""
    body = sorted((s for s in segments if abs(s.size - size) <= 0.25), key=lambda s: s.top)
    if len(body) < 2:
        return
    right = max(segment.x1 for segment in body)
    left = min(segment.x0 for segment in body)
    for above, below in itertools.pairwise(body):
        distance = below.top - above.top
        if above.x1 >= right - 0.15 * (right - left) and 0.8 * size < distance < 4 * size:
            ratios[round(distance / size, 2)] += 1


def _usual(ratios: Counter[float]) -> float:
    """The most frequent pitch; of equally frequent ones, the narrowest."""
    return max(ratios, key=lambda ratio: (ratios[ratio], -ratio))


def pitch_for(pitches: Mapping[float, float], size: float) -> float | None:
    """The usual pitch of lines of this type size (a size within a quarter point of it), or None
    where the document sets too few full lines in it to say.

    >>> pitch_for({9.0: 1.4, 12.0: 1.0}, 12.0), pitch_for({9.0: 1.4}, 9.1), pitch_for({9.0: 1.4}, 10.0)
    (1.0, 1.4, None)
    """
    near = [key for key in pitches if abs(key - size) <= 0.25]
    return pitches[min(near, key=lambda key: abs(key - size))] if near else None


def paragraph_breaks(
    lines: Sequence[Line],
    body_size: float,
    pitches: Mapping[float, float],
    table: frozenset[int],
    underlined: frozenset[int] = frozenset(),
) -> Breaks:
    """Which of a page's body lines (in reading order) start a paragraph, and where that is unclear.

    ``pitches`` are the document's usual line pitches by type size (``line_pitches``): lines of
    the page's body size are judged by that size's pitch; where it has none, a gap counts against
    the page's own spacing. ``table`` holds the indexes of table rows, which no
    short line parts; ``underlined`` those of the lines underlined as a whole (a heading's type).
    """
    column = _column(lines, body_size)
    fallback = _page_gap(lines, body_size)
    before: set[int] = set()
    unclear: list[int] = []
    # The heading types (italic, bold, underline) every line of the paragraph so far is set in.
    emphasis = _emphasis(lines[0], 0 in underlined) if lines else frozenset()
    for index in range(1, len(lines)):
        above, below = lines[index - 1], lines[index]
        if index - 1 in before:
            emphasis = _emphasis(above, index - 1 in underlined)
        else:
            emphasis &= _emphasis(above, index - 1 in underlined)
        if _gap_parts(above, below, body_size, pitch_for(pitches, body_size), fallback):
            before.add(index)
            continue
        # Only running lines of body type, one under the other, part by their type, their place or
        # their length (lines printed over each other, as a letterhead's layers, by a gap alone).
        if not _running(above, below, body_size):
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        below_type = _emphasis(below, index in underlined)
        if (
            _type_parts(emphasis, below_type, below)
            or _underline_opens(index - 1 in underlined, index in underlined, above)
            or _outdent(above, below)
            or _indented(above, below, after)
        ):
            before.add(index)
            continue
        if index in table or index - 1 in table or column is None:
            continue
        verdict = _short_line(above, below, column)
        if verdict == "break":
            before.add(index)
        elif verdict == "unclear":
            unclear.append(index - 1)
    return Breaks(frozenset(before), tuple(unclear))


def _gap_parts(above: Line, below: Line, body_size: float, pitch: float | None, fallback: float) -> bool:
    """True if the white space between two lines is wider than a line of the letter's own pitch
    for the page's body size.

    Lines in other type (a text box, a letterhead's small print, small-type rows on a page of
    larger text), or in a size the letter sets too few full lines in to measure its pitch, are
    measured against the gaps of the page."""
    if pitch is None or max(abs(above.size - body_size), abs(below.size - body_size)) > 0.25:
        return below.top - above.bottom > fallback
    return below.top - above.top > (pitch + GAP) * body_size


def _page_gap(lines: Sequence[Line], body_size: float) -> float:
    """Without the document's pitch: the white space between two lines above which they are two
    paragraphs, measured against the page's own line spacing (Word's "space after" of 6 pt adds
    less than 0.6 of a line to the gap, but always stands well above the gap inside a paragraph)."""
    ordered = sorted(lines, key=lambda line: line.top)
    gaps = sorted(
        below.top - above.bottom
        for above, below in itertools.pairwise(ordered)
        if 0 <= below.top - above.bottom <= 2 * body_size
    )
    fixed = 0.6 * body_size + 1
    if len(gaps) < 3:
        return fixed
    usual = gaps[len(gaps) // 4]
    return min(fixed, usual + GAP * body_size)


_HEADING_TYPES = {"italic": ITALIC_FONT, "bold": BOLD_FONT}


def _emphasis(line: Line, underlined: bool) -> frozenset[str]:
    """The heading types (italic, bold, underline) a whole line is set in."""
    fonts = {name for name, font in _HEADING_TYPES.items() if in_font(line, font)}
    return frozenset(fonts | {"underline"} if underlined else fonts)


def _type_parts(emphasis: frozenset[str], below_type: frozenset[str], below: Line) -> bool:
    """True if a paragraph set wholly in a heading's type (italic, bold or underlined: ``emphasis``)
    is followed by a line in running type (``below_type``) that opens a sentence: a heading, or a
    question set apart by its type, ends there. (A title in italics within a sentence is no such
    paragraph: the sentence started roman.)"""
    return bool(emphasis - below_type) and bool(OPENS_SENTENCE.match(below.text))


def _underline_opens(above_underlined: bool, below_underlined: bool, above: Line) -> bool:
    """True if an underlined line follows a line that is not and that ends a sentence: an
    underlined heading starts there, even where no white space sets it apart."""
    return below_underlined and not above_underlined and bool(SENTENCE_END.search(above.text))


def _outdent(above: Line, below: Line) -> bool:
    """True if an item's marker stands left of the line before: a hanging list item or heading
    ("5. Financiële implicaties, ... / aspecten") ends where the next one opens."""
    return below.x0 < above.x0 - 0.5 * above.size and bool(patterns.LIST_ITEM.match(below.text))


def _indented(above: Line, below: Line, after: Line | None) -> bool:
    """True if a line that opens a sentence is indented after one that ends a sentence, and the
    line after it goes back to the left: a paragraph's indented first line (not a list item's, a
    quote's or a hanging line's, whose next lines stay in)."""
    indent = below.x0 - above.x0
    return (
        0.5 * above.size < indent < 6 * above.size
        and after is not None
        and abs(after.x0 - above.x0) <= 1.0
        and bool(SENTENCE_END.search(above.text))
        and bool(OPENS_SENTENCE.match(below.text))
        and not patterns.LIST_ITEM.match(below.text)
    )


def _running(above: Line, below: Line, body_size: float) -> bool:
    """True if two lines are running text in body type, the second under the first."""
    return (
        above.size >= typesize.BODY * body_size
        and abs(above.size - below.size) <= 0.25
        and below.top > above.bottom - 0.2 * above.size
    )


def _short_line(above: Line, below: Line, column: _Column) -> str:
    """ "break" if a line ends a sentence short of the column's right edge: on justified text, any
    room left; on ragged text, room for the next line's first word. "unclear" if it ends a sentence
    and leaves much room, but not enough for that word; "" otherwise."""
    if not SENTENCE_END.search(above.text) or not OPENS_BLOCK.match(below.text):
        return ""
    room = column.right - above.x1
    if column.justified:
        return "break" if room > EDGE else ""
    needed = first_word_width(below) + WORD_SPACE * above.size
    if room >= needed:
        return "break"
    return "unclear" if room > UNCLEAR_ROOM * (column.right - column.left) else ""


def first_word_width(line: Line) -> float:
    """The width of a line's first word: up to its first space or the first gap a space stands for.

    >>> from pipeline.pdf.lines import make_line
    >>> chars = [{"text": t, "x0": x, "x1": x + 5, "top": 0.0, "bottom": 9.0, "size": 9.0, "font": "A", "order": x}
    ...          for t, x in (("D", 70.0), ("e", 75.0), (" ", 80.0), ("a", 85.0))]
    >>> first_word_width(make_line(chars))
    10.0
    """
    chars = list(itertools.dropwhile(lambda char: not char["text"].strip(), line.chars))
    if not chars:
        return 0.0
    end = chars[0]["x1"]
    for previous, char in itertools.pairwise(chars):
        if not char["text"].strip() or char["x0"] - previous["x1"] > 0.15 * char["size"] + 0.2:
            break
        end = char["x1"]
    return end - chars[0]["x0"]


def _column(lines: Sequence[Line], body_size: float) -> _Column | None:
    """The right edge of a page's running lines and whether they are justified; None where the
    page has too few lines to say (a line or two, or a page of table rows)."""
    running = [line for line in lines if line.size >= typesize.BODY * body_size and line.text.strip()]
    inner = [
        above
        for above, below in itertools.pairwise(running)
        if not SENTENCE_END.search(above.text) and 0 < below.top - above.top < 3 * above.size
    ]
    widest = max((line.x1 for line in inner), default=0.0)
    starts = Counter(round(line.x0) for line in running)
    left = float(starts.most_common(1)[0][0]) if starts else 0.0
    # Labels and headings that stand on a line of their own say nothing of the right edge.
    ends = sorted(line.x1 for line in inner if line.x1 - left >= 0.6 * (widest - left))
    if len(ends) < MIN_PAIRS:
        return None
    right = ends[int(0.9 * (len(ends) - 1))]
    at_edge = sum(1 for x1 in ends if abs(x1 - right) <= EDGE)
    return _Column(right, left, at_edge >= JUSTIFIED_SHARE * len(ends))
