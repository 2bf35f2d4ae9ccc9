"""A page's lines into zones, the same code whichever engine read the page: the reference column,
the letterhead, footnotes below their rule, page furniture, paragraph gaps and table cells."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

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
    reference_x: float | None
    """Where the document's right-hand reference column starts, if it has one."""
    left_edge: float
    """Where most lines of body size start."""


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
    page: Page, reference_x: float | None, pitch: float | None = None
) -> tuple[RawPage, tuple[DocumentWarning, ...]]:
    """The page's lines in reading order (body, footnotes, reference column, furniture), each
    with its zone, type and box, a blank line between paragraphs (``paragraphs``, against the
    document's line ``pitch``), and its link annotations; and a warning where a paragraph's end
    is unclear."""
    rule = _separator_rule(page)
    frame = _frame(page, rule, reference_x)
    zoned: list[tuple[Line, Zone]] = []
    printed: list[int] = []
    """The printed line each segment is part of, by its index on the page."""
    for number, line in enumerate(page.lines):
        for segment in split_at_column(line, reference_x) if reference_x is not None else [line]:
            zoned.append((segment, _zone(segment, page, frame)))
            printed.append(number)
    zoned = _letterhead(zoned, page.number)
    if rule is not None:
        zoned = _below_the_rule(zoned, rule, frame.body_size)
    zoned, tables = _tables(zoned, printed, frame.body_size)
    ordered = sorted(zoned, key=lambda item: (_zone_order(item[1]), item[0].top, item[0].x0))
    lines, unclear = _raw_lines(ordered, page.number, frame.body_size, pitch, tables)
    links = tuple(
        Link(link.uri, page.number, link.box, _covered_text(page.record.chars, link.box)) for link in page.record.links
    )
    return RawPage(page.number, lines, links), unclear


def _frame(page: Page, rule: float | None, reference_x: float | None) -> _Frame:
    # Body size = the most common size above the footnotes: on a page that a break left with a
    # few body lines, long footnotes may hold more characters than the body.
    chars = page.record.chars
    sizes = [char["size"] for char in chars if char["text"].strip() and (rule is None or char["top"] < rule)]
    body_size = Counter(round(size, 1) for size in sizes).most_common(1)[0][0] if sizes else 0.0
    separator = rule if rule is not None else _footnote_separator(page, body_size)
    starts = Counter(round(line.x0) for line in page.lines if line.size >= typesize.BODY * body_size)
    left_edge = float(starts.most_common(1)[0][0]) if starts else 0.0
    return _Frame(body_size, separator, reference_x, left_edge)


def _raw_lines(
    ordered: Sequence[tuple[Line, Zone]], page: int, body_size: float, pitch: float | None, tables: _PageTables
) -> tuple[tuple[RawLine, ...], tuple[DocumentWarning, ...]]:
    """The zoned lines in reading order as RawLines, with a blank line where a paragraph ends, and
    a warning for each line after which that is unclear and for each run of lines set in columns
    that was not read as a table."""
    body = [segment for segment, zone in ordered if zone == "body" and _filled(segment, zone)]
    index = {id(segment): number for number, segment in enumerate(body)}
    rows = frozenset(index[key] for key in tables.cells if key in index)
    breaks = paragraph_breaks(body, body_size, pitch, rows)
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
        raw_lines.append(RawLine(text, page, number, zone, bold, segment.size, box, italic, cells))
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


def _zone_order(zone: Zone) -> int:
    # Body first, then footnotes: the reading order the cleaning stage expects.
    return {"body": 0, "footnote": 1, "reference": 2, "furniture": 3, "unknown": 0}[zone]


def _is_rule(shape: Box) -> bool:
    """A short horizontal rule: what sets footnotes apart (a table's or a page's rules are longer)."""
    return shape.bottom - shape.top < 2.5 and 20 < shape.x1 - shape.x0 < 250


def _separator_rule(page: Page) -> float | None:
    """The short rule above the footnotes, if the page has one: in the lower part of the page,
    with no text right above it (links are underlined too)."""
    rules = [
        shape.top
        for shape in page.record.shapes
        if _is_rule(shape)
        and shape.top > 0.4 * page.record.height
        and not any(
            line.top - 1 <= shape.top <= line.bottom + 2.5 and line.x0 <= shape.x1 and line.x1 >= shape.x0
            for line in page.lines
        )
    ]
    return min(rules) if rules else None


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
    in_margin = segment.bottom < 0.1 * page.record.height or segment.top > 0.88 * page.record.height
    if _is_furniture_text(text) or (
        in_margin and _PAGE_NUMBER.match(text) and not _numbers_a_block(segment, page.number, frame)
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


def _numbers_a_block(segment: Line, page_number: int, frame: _Frame) -> bool:
    """True for a bare number at the foot of a page that numbers the question on the next page:
    in body type at the text's left edge, where page numbers are centred or right, and not the
    number of the page itself."""
    text = segment.text.strip(" -")
    return (
        text.isdigit()
        and int(text) != page_number
        and segment.size >= typesize.BODY * frame.body_size
        and abs(segment.x0 - frame.left_edge) <= 2.0
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
