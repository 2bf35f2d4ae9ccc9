"""A page's lines into zones, the same code whichever engine read the page: the reference column,
the letterhead, footnotes below their rule, page furniture, paragraph gaps and table cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import astuple, dataclass, replace

import regex

from pipeline import patterns
from pipeline.model import Box, DocumentWarning, Link, RawLine, RawPage, Zone
from pipeline.pdf import typesize
from pipeline.pdf.lines import (
    BOLD_FONT,
    ITALIC_FONT,
    Line,
    footnote_text,
    group_lines,
    in_font,
    line_text,
    make_line,
    split_at_column,
    split_segments,
)
from pipeline.pdf.page import Char, PageRecord
from pipeline.pdf.paragraphs import paragraph_breaks
from pipeline.pdf.runs import split_smaller_type
from pipeline.pdf.tables import find_tables

_PAGE_NUMBER = regex.compile(r"^-?\s*\d{1,3}\s*-?$")
"""A bare number: a page number in the top or bottom margin, a table cell anywhere else."""
_LETTERHEAD_END = regex.compile(r"^(?:Betreft|Onderwerp)\b")
_NUMBERED = regex.compile(r"^\d{1,3}\s*\S")
"""A line that starts with a footnote's number."""
_ADDRESS = regex.compile(r"://|www\.|\S/\S|\.(?:pdf|html?|aspx?|xlsx?|docx?)\b", regex.IGNORECASE)
"""Text that is (part of) a web address or a file name: its underline is a link's."""
UNDERLINE_BELOW = (-0.1, 0.3)
"""Where an underline's top may be, as a part of the type size below the line's baseline (a
font's underline position is about 0.1 em under it)."""
UNDERLINE_THICKNESS = 0.15
"""The thickest rule, as a part of the type size, that is an underline (not a box or a shading)."""
UNDERLINE_SPAN = 0.9
"""The part of a line's width its underline must cover for the whole line to be underlined."""
_BOTTOM_MARGIN = 0.88
"""Below this part of the page's height is its bottom margin: page numbers and footers."""
_MEETS = 2.0
"""Drawn lines this close (in points) meet: the rules of one table."""
TABLE_UNCLEAR = "table-unclear"
"""The warning that lines set in columns may be a table that was read as text."""


@dataclass(frozen=True)
class Page:
    """A page as an engine read it, with its characters grouped into lines once."""

    number: int
    """1-based page number."""
    record: PageRecord
    lines: tuple[Line, ...]


def page_lines(number: int, record: PageRecord) -> Page:
    """The page with its characters grouped into lines, a run of smaller type a wide gap away
    (a footer beside the last line) a line of its own."""
    return Page(number, record, tuple(part for line in group_lines(record.chars) for part in split_smaller_type(line)))


@dataclass(frozen=True)
class _Frame:
    """What a page's lines are measured against to tell their zones apart."""

    body_size: float
    """The most common size of the body text (above the footnotes), to 0.1 pt."""
    separator: float | None
    """Where the footnotes start: the rule above them, or the first small numbered line."""
    rule_x: float | None
    """Where the footnote rule starts, if the page has one: where a footnote's number stands."""
    reference_x: float | None
    """Where the document's right-hand reference column starts, if it has one."""
    left_edge: float
    """Where most lines of body size start."""
    page_count: int | None = None
    """How many pages the document has, where known: what a page counter ("2/2") must give."""


def reference_column(pages: Sequence[Page]) -> float | None:
    """The x where a right-hand reference column starts, if the document has one.

    Ministry letters print Datum, Kenmerk and the like in a narrow column on the right of every
    page. Its segments start at the same x on most pages, far right of where body lines start.
    """
    # Column starts in 4 pt bins, so that 466 and 467 are one column.
    starts: Counter[int] = Counter()
    pages_with: dict[int, set[int]] = {}
    lowest: dict[int, float] = {}
    for page in pages:
        for line in page.lines:
            segments = split_segments(line)
            # A table row has many cells; a body line beside the reference column has two parts.
            if len(segments) > 2:
                continue
            x = segments[-1].x0
            # Words, not a page number at the end of a footer line.
            if x >= 0.68 * page.record.width and any(char["text"].isalpha() for char in segments[-1].chars):
                column = round(x / 4)
                starts[column] += 1
                pages_with.setdefault(column, set()).add(page.number)
                lowest[column] = min(lowest.get(column, x), x)
    if not starts:
        return None
    column = max(starts, key=lambda key: (len(pages_with[key]), starts[key]))
    enough_pages = len(pages_with[column]) >= max(1, (len(pages) + 1) // 2)
    enough_lines = starts[column] >= 2 * len(pages_with[column])
    return lowest[column] - 3.0 if starts[column] >= 3 and enough_pages and enough_lines else None


def layout_page(
    page: Page,
    reference_x: float | None,
    pitches: Mapping[float, float] | None = None,
    after_footnotes: bool = False,
    page_count: int | None = None,
) -> tuple[RawPage, tuple[DocumentWarning, ...]]:
    """The page's lines in reading order (body, footnotes, reference column, furniture), each
    with its zone, type and box, a blank line between paragraphs (``paragraphs``, against the
    document's line ``pitches`` for the page's body size), and its link annotations; and a
    warning where a paragraph's end or the footnotes' start is unclear. ``after_footnotes``: the
    page before ended in footnotes, which may run on at this page's foot without a number.
    ``page_count``, the document's number of pages, lets a page counter ("2/2") printed on one
    page only be told from text."""
    rule = _separator_rule(page)
    frame = replace(_frame(page, rule, reference_x), page_count=page_count)
    zoned: list[tuple[Line, Zone]] = []
    printed: list[int] = []
    """The printed line each segment is part of, by its index on the page."""
    for number, line in enumerate(page.lines):
        for segment in split_at_column(line, reference_x) if reference_x is not None else [line]:
            zoned.append((segment, _zone(segment, page, frame)))
            printed.append(number)
    zoned = _letterhead(zoned, page.number)
    if rule is not None:
        zoned = _below_the_rule(zoned, rule.top, frame.body_size)
    zoned, unsure = _footnotes_at_the_foot(zoned, page, frame.body_size, after_footnotes)
    zoned, tables = _tables(zoned, printed, frame.body_size)
    ordered = sorted(zoned, key=lambda item: (_zone_order(item[1]), item[0].top, item[0].x0))
    underlined = frozenset(id(line) for line, zone in ordered if zone == "body" and underlined_line(line, page.record))
    lines, unclear = _raw_lines(ordered, page.number, frame.body_size, pitches or {}, underlined, tables)
    links = tuple(
        Link(link.uri, page.number, link.box, _covered_text(page.record.chars, link.box)) for link in page.record.links
    )
    return RawPage(page.number, lines, links), (*unsure, *unclear)


def _frame(page: Page, rule: Box | None, reference_x: float | None) -> _Frame:
    # Body size = the most common size above the footnotes: on a page that a break left with a
    # few body lines, long footnotes may hold more characters than the body.
    chars = page.record.chars
    sizes = [char["size"] for char in chars if char["text"].strip() and (rule is None or char["top"] < rule.top)]
    body_size = Counter(round(size, 1) for size in sizes).most_common(1)[0][0] if sizes else 0.0
    separator = rule.top if rule is not None else _footnote_separator(page, body_size)
    starts = Counter(round(line.x0) for line in page.lines if line.size >= typesize.BODY * body_size)
    left_edge = float(starts.most_common(1)[0][0]) if starts else 0.0
    return _Frame(body_size, separator, rule.x0 if rule is not None else None, reference_x, left_edge)


def _raw_lines(
    ordered: Sequence[tuple[Line, Zone]],
    page: int,
    body_size: float,
    pitches: Mapping[float, float],
    underlined: frozenset[int],
    tables: _PageTables,
) -> tuple[tuple[RawLine, ...], tuple[DocumentWarning, ...]]:
    """The zoned lines in reading order as RawLines, with a blank line where a paragraph ends, and
    a warning for each line after which that is unclear and for each run of lines set in columns
    that was not read as a table. ``underlined`` holds the ids of the body lines that are
    underlined as a whole."""
    body = [segment for segment, zone in ordered if zone == "body" and _filled(segment, zone)]
    index = {id(segment): number for number, segment in enumerate(body)}
    rows = frozenset(index[key] for key in tables.cells if key in index)
    under = frozenset(index[key] for key in underlined if key in index)
    breaks = paragraph_breaks(body, body_size, pitches, rows, under)
    unclear = {id(body[number]) for number in breaks.unclear}
    raw_lines: list[RawLine] = []
    warnings: list[DocumentWarning] = []
    numbers: dict[int, int] = {}
    for segment, zone in ordered:
        if not _filled(segment, zone):
            continue
        if index.get(id(segment), 0) in breaks.before:
            raw_lines.append(RawLine("", page, len(raw_lines) + 1, "body"))
        text = footnote_text(segment) if zone == "footnote" else segment.text
        box = Box(min(c["x0"] for c in segment.chars), segment.top, max(c["x1"] for c in segment.chars), segment.bottom)
        bold, italic = in_font(segment, BOLD_FONT), in_font(segment, ITALIC_FONT)
        number = numbers[id(segment)] = len(raw_lines) + 1
        cells = tables.cells.get(id(segment), ())
        underline = id(segment) in underlined
        raw_lines.append(RawLine(text, page, number, zone, bold, segment.size, box, italic, cells, underline))
        if id(segment) in unclear:
            warnings.append(_unclear(raw_lines[-1]))
    for run in tables.unclear:
        warnings.append(_table_unclear([raw_lines[numbers[key] - 1] for key in run if key in numbers]))
    return tuple(raw_lines), tuple(warnings)


def _filled(segment: Line, zone: Zone) -> bool:
    """True if a line has text to keep (a segment of only white space has none)."""
    return bool(footnote_text(segment) if zone == "footnote" else segment.text)


def _unclear(line: RawLine) -> DocumentWarning:
    """The warning that a paragraph may or may not end after this line."""
    message = (
        f"line {line.number} (…{line.text[-30:]}) ends a sentence and stops well short of the column's right"
        " edge, yet the next line's first word would not have fitted there: it may or may not end its paragraph"
    )
    return DocumentWarning("paragraph-unclear", message, line.page)


def _table_unclear(lines: Sequence[RawLine]) -> DocumentWarning:
    """The warning that lines set in columns may be a table that was read as text."""
    first, last = min(line.number for line in lines), max(line.number for line in lines)
    shown = min(lines, key=lambda line: line.number).text[:40]
    message = (
        f"lines {first}–{last} ({shown}…) are set in aligned columns like a table without rules, but not clearly"
        " enough to read them as one: they are kept as text, in reading order row by row"
    )
    return DocumentWarning(TABLE_UNCLEAR, message, lines[0].page)


@dataclass(frozen=True)
class _PageTables:
    """The tables of a page's body, as its lines are laid out."""

    cells: dict[int, tuple[str, ...]]
    """The cells of each table row, by id of its line (a row's segments made one line)."""
    unclear: tuple[frozenset[int], ...]
    """For each run of rows set in columns that was not read as a table, the ids of its lines."""


def _tables(
    zoned: Sequence[tuple[Line, Zone]], printed: Sequence[int], body_size: float
) -> tuple[list[tuple[Line, Zone]], _PageTables]:
    """The body's tables without rules (``pipeline.pdf.tables``), read from its printed lines (all
    segments of a line, whatever column split them): each table row made one line with its cells."""
    by_line: dict[int, list[int]] = {}
    for position, ((segment, zone), number) in enumerate(zip(zoned, printed, strict=True)):
        if zone == "body" and _filled(segment, zone):
            by_line.setdefault(number, []).append(position)
    numbers = sorted(by_line)
    positions = [sorted(by_line[number], key=lambda position: zoned[position][0].x0) for number in numbers]
    found = find_tables([[zoned[position][0] for position in row] for row in positions], body_size)
    result = list(zoned)
    dropped: set[int] = set()
    cells: dict[int, tuple[str, ...]] = {}
    for row, row_cells in found.cells.items():
        first, *rest = positions[row]
        line = zoned[first][0] if not rest else make_line([c for p in positions[row] for c in zoned[p][0].chars])
        result[first] = (line, "body")
        dropped.update(rest)
        cells[id(line)] = row_cells
    unclear = tuple(
        frozenset(id(zoned[position][0]) for row in range(first, last + 1) for position in positions[row])
        for first, last in found.unclear
    )
    kept = [item for position, item in enumerate(result) if position not in dropped]
    return kept, _PageTables(cells, unclear)


def underlined_line(line: Line, record: PageRecord) -> bool:
    """True if rules drawn just under a line's baseline run from its start to its end: underlined
    type, a heading's mark where the text is set in one face (Word draws its underline so, too).

    A rule that runs well past the line is a table's or a page's; a line under a link annotation,
    or whose text is a web address or a file name, is underlined as a link is.
    """
    size, width = line.size, line.x1 - line.x0
    low, high = line.bottom + UNDERLINE_BELOW[0] * size, line.bottom + UNDERLINE_BELOW[1] * size
    rules = sorted(
        (shape.x0, shape.x1)
        for shape in record.shapes
        if shape.bottom - shape.top <= UNDERLINE_THICKNESS * size
        and low <= shape.top <= high
        and shape.x0 < line.x1
        and shape.x1 > line.x0
    )
    if not rules or width <= 0 or not any(char.isalpha() for char in line.text) or _ADDRESS.search(line.text):
        return False
    if rules[0][0] < line.x0 - size or max(x1 for _, x1 in rules) > line.x1 + size:
        return False
    if any(link.box.x0 < line.x1 and link.box.x1 > line.x0 and link.box.top < high and link.box.bottom > line.top
           for link in record.links):  # fmt: skip
        return False
    return _covered(rules, line.x0, line.x1) >= UNDERLINE_SPAN * width


def _covered(spans: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """How much of [start, end] the spans (sorted by their start) cover together."""
    covered, reached = 0.0, start
    for x0, x1 in spans:
        x0, x1 = max(x0, reached), min(x1, end)
        if x1 > x0:
            covered += x1 - x0
            reached = x1
    return covered


def _zone_order(zone: Zone) -> int:
    # Body first, then footnotes: the reading order the cleaning stage expects.
    return {"body": 0, "footnote": 1, "reference": 2, "furniture": 3, "unknown": 0}[zone]


def _is_rule(shape: Box) -> bool:
    """A short horizontal rule: what sets footnotes apart (a table's or a page's rules are longer)."""
    return shape.bottom - shape.top < 2.5 and 20 < shape.x1 - shape.x0 < 250


def _separator_rule(page: Page) -> Box | None:
    """The short rule above the footnotes, if the page has one: in the lower part of the page,
    with no text right above it (links are underlined too), drawn on its own (not one of a
    table's rules)."""
    rules = [
        shape
        for shape in page.record.shapes
        if _is_rule(shape)
        and shape.top > 0.4 * page.record.height
        and not _meets_another(shape, page.record.shapes)
        and not any(
            line.top - 1 <= shape.top <= line.bottom + 2.5 and line.x0 <= shape.x1 and line.x1 >= shape.x0
            for line in page.lines
        )
    ]
    return min(rules, key=lambda rule: rule.top) if rules else None


def _meets_another(rule: Box, shapes: Sequence[Box]) -> bool:
    """True if another drawn line or box meets the rule: a table's ruling, whose lines meet at
    their ends and corners (a row's rule drawn cell by cell), where a footnote rule stands alone.
    A rule drawn twice over is still one rule."""
    return any(
        not _same_place(rule, other)
        and other.x0 - _MEETS <= rule.x1
        and rule.x0 - _MEETS <= other.x1
        and other.top - _MEETS <= rule.bottom
        and rule.top - _MEETS <= other.bottom
        for other in shapes
    )


def _same_place(first: Box, other: Box) -> bool:
    return all(abs(a - b) <= 1.0 for a, b in zip(astuple(first), astuple(other), strict=True))


def _footnote_separator(page: Page, body_size: float) -> float | None:
    """Where the footnotes start on a page without a rule: the first small numbered line after
    the last line of body text at the page bottom."""
    lines = page.lines
    smaller = typesize.FOOTNOTE * body_size
    body_lines = [line for line in lines if line.size >= smaller and not _is_furniture_text(line.text)]
    if not body_lines:
        return None
    last_body = max(line.bottom for line in body_lines)
    below = [line for line in lines if line.top > last_body and line.size < smaller]
    if below and _NUMBERED.match(footnote_text(below[0])):
        return below[0].top - 0.5
    return None


def _is_furniture_text(text: str) -> bool:
    return bool(patterns.PAGE_FURNITURE.match(text.strip()))


def _zone(segment: Line, page: Page, frame: _Frame) -> Zone:
    text = segment.text
    in_margin = segment.bottom < 0.1 * page.record.height or segment.top > _BOTTOM_MARGIN * page.record.height
    if (
        _is_furniture_text(text)
        or (
            in_margin
            and _PAGE_NUMBER.match(text)
            and not _numbers_a_block(segment, page, frame)
            and not _numbers_a_footnote(segment, frame)
        )
        or _counts_its_page(segment, page, frame.page_count)
    ):
        return "furniture"
    if len(text) <= 3 and segment.size >= typesize.LOGO * frame.body_size:
        # A glyph as big as a logo (the "2" of the Tweede Kamer atop an Aanhangsel) is no text.
        return "furniture"
    if frame.reference_x is not None and segment.x0 >= frame.reference_x:
        return "reference"
    if frame.separator is not None and segment.top > frame.separator and segment.size < typesize.BODY * frame.body_size:
        return "footnote"
    return "body"


def _below_the_rule(zoned: list[tuple[Line, Zone]], rule: float, body_size: float) -> list[tuple[Line, Zone]]:
    """Below the footnote rule, a block that starts with a footnote number is footnotes, even in
    body size (a linked URL set larger than the note's text), and so are the lines after it."""
    below = sorted(
        (item for item in zoned if item[1] in ("body", "footnote") and item[0].top > rule), key=lambda i: i[0].top
    )
    if not below or below[0][1] == "footnote":
        return zoned
    first = below[0][0]
    if not _NUMBERED.match(footnote_text(first)) or first.size > typesize.FOOTNOTE_AT_MOST * body_size:
        return zoned
    footnotes = {id(line) for line, _ in below}
    return [(line, "footnote" if id(line) in footnotes else zone) for line, zone in zoned]


def _footnotes_at_the_foot(
    zoned: list[tuple[Line, Zone]], page: Page, body_size: float, after_footnotes: bool
) -> tuple[list[tuple[Line, Zone]], tuple[DocumentWarning, ...]]:
    """The footnotes kept only at the page's foot, where a footnote area is: lines in small type
    that body text follows further down are a table or a table's note in the running text (with
    a warning, since a rule or a number made them look like footnotes); and small type at the
    foot that no footnote number leads is footnote text only where it can go on with a footnote
    of the page before (``after_footnotes``)."""
    footnotes = sorted((line for line, zone in zoned if zone == "footnote"), key=lambda line: line.top)
    if not footnotes:
        return zoned, ()
    below = [line.top for line, zone in zoned if zone == "body" and _running_text(line, page, body_size)]
    last_body = max((top for top in below if top > footnotes[0].top), default=None)
    moved = [line for line in footnotes if last_body is not None and line.top < last_body]
    warnings: tuple[DocumentWarning, ...] = ()
    if moved:
        message = f"{len(moved)} lines in small type below a footnote rule or number (“{footnote_text(moved[0])}” …)"
        message += " are followed by body text, so they are no footnotes at the page's foot: kept as body text"
        warnings = (DocumentWarning("footnote-area-unclear", message, page.number),)
    rest = [line for line in footnotes if line not in moved]
    numbered = next((index for index, line in enumerate(rest) if _opens_footnote(line)), len(rest))
    if not after_footnotes:
        moved += rest[:numbered]
    body = {id(line) for line in moved}
    return [(line, "body" if id(line) in body else zone) for line, zone in zoned], warnings


def _opens_footnote(line: Line) -> bool:
    """True for a line that a footnote's number leads, or that is that number alone, as the
    cleaning stage reads a footnote's start ("15.278 9%" and "2014 …" are no footnote numbers)."""
    text = footnote_text(line).strip()
    starts = (patterns.FOOTNOTE_START, patterns.GLUED_FOOTNOTE_START, patterns.FOOTNOTE_NUMBER_ALONE)
    return any(start.match(text) for start in starts)


def _running_text(line: Line, page: Page, body_size: float) -> bool:
    """True for a line of body type above the bottom margin that is no page furniture."""
    return (
        line.size >= typesize.BODY * body_size
        and line.top <= _BOTTOM_MARGIN * page.record.height
        and bool(line.text.strip())
        and not _is_furniture_text(line.text)
    )


def _numbers_a_block(segment: Line, page: Page, frame: _Frame) -> bool:
    """True for a bare number in the margin that numbers a question: in body type at the text's
    left edge, where page numbers are centred or right, and either not the number of the page
    itself (at the foot of a page, it numbers the question on the next) or with the text it
    numbers right below it, no white space between (a page number atop a page stands apart)."""
    text = segment.text.strip(" -")
    return (
        text.isdigit()
        and segment.size >= typesize.BODY * frame.body_size
        and abs(segment.x0 - frame.left_edge) <= 2.0
        and (int(text) != page.number or _opens_text_below(segment, page))
    )


def _opens_text_below(segment: Line, page: Page) -> bool:
    """True if the next line below starts where the segment does, less than a line's height of
    white space below it, and is no bare number itself."""
    below = [line for line in page.lines if line.top >= segment.bottom - 0.5 and line is not segment]
    if not below:
        return False
    nearest = min(below, key=lambda line: line.top)
    height = segment.bottom - segment.top
    return (
        nearest.top - segment.bottom < height
        and abs(nearest.x0 - segment.x0) <= 2.0
        and not _PAGE_NUMBER.match(nearest.text)
    )


def _counts_its_page(segment: Line, page: Page, page_count: int | None) -> bool:
    """True for a lone page counter ("2/2", "2 / 2", "- 2 -") that gives the page's own number,
    and the document's page count where it gives one, standing above or below every other line
    of the page: furniture even where only one page prints it (the last page's "2/2"). A
    counter's number that is not the page's, or one with text beyond it, is left as text."""
    found = patterns.PAGE_COUNTER.match(segment.text.strip())
    if found is None or int(found["number"]) != page.number:
        return False
    total = found["total"]
    if total is not None and (int(total) < page.number or (page_count is not None and int(total) != page_count)):
        return False
    others = [line for line in page.lines if line is not segment and line.text.strip()]
    return all(line.top > segment.bottom for line in others) or all(line.bottom < segment.top for line in others)


def _numbers_a_footnote(segment: Line, frame: _Frame) -> bool:
    """True for a bare number in small type below the footnote rule, where the rule starts: a
    footnote's number on a line of its own (its text, a long URL, on the next), where a page
    number is centred or right."""
    return (
        frame.rule_x is not None
        and frame.separator is not None
        and segment.top > frame.separator
        and segment.size < typesize.BODY * frame.body_size
        and abs(segment.x0 - frame.rule_x) <= 2.0
    )


def _letterhead(zoned: list[tuple[Line, Zone]], page_number: int) -> list[tuple[Line, Zone]]:
    """On page 1 of a ministry letter, everything down to the Betreft block is letterhead."""
    if page_number != 1:
        return zoned
    body = sorted((item for item in zoned if item[1] == "body"), key=lambda item: item[0].top)
    end = next((index for index, (line, _) in enumerate(body) if _LETTERHEAD_END.match(line.text)), None)
    if end is None:
        return zoned
    last = body[end][0]
    for line, _ in body[end + 1 :]:
        if line.top - last.bottom > 0.6 * line.size + 1:
            break
        last = line
    letterhead = {id(line) for line, _ in body if line.top <= last.top}
    return [(line, "reference" if id(line) in letterhead else zone) for line, zone in zoned]


def _covered_text(chars: Sequence[Char], box: Box) -> str:
    """The text under a link annotation's rectangle, in reading order."""
    inside = [
        char
        for char in chars
        if box.x0 - 1 <= (char["x0"] + char["x1"]) / 2 <= box.x1 + 1
        and box.top - 1 <= (char["top"] + char["bottom"]) / 2 <= box.bottom + 1
    ]
    if not inside:
        return ""
    return " ".join(line_text(line, superscripts=False) for line in group_lines(inside))
