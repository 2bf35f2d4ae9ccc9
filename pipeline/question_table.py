"""Committee lists laid out as a table ("Nr | Vraag | Blz. (van) | (tot)"): rows read as numbered questions.

A committee's list of questions is often a Word table: the question's number in the first column,
its text in the second, the pages of the document it asks about in the last ones, and the
answer in a row of its own below, with no label and in the same type. Read as lines, the number
and the page columns stand on one line of the question: its first line when the cells are
aligned at the top, its last line when they are aligned at the bottom ("1 de begroting was
geraamd? 11 12"). This pass puts each number before the first line of its question, as a
question numbered in the margin is printed, and takes the page columns out (recorded as
removals), so that segmenting reads the list like any other. A table it cannot read row by row
is kept as it is, with a ``table-unread`` warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.model import BodyLine, CleanDocument, DocumentWarning, Mark, Removal
from pipeline.segment.candidates import SENTENCE_ENDS

TABLE_HEADER = regex.compile(r"^(?:Nr|Nummer|No)\.?\s+Vra(?:ag|gen)\b(?P<rest>.*)$", regex.IGNORECASE)
"""The header row of a committee's list: "Nr Vraag Blz. (van) (tot)", "Nr. Vraag Bladzijde"."""
_PAGE_COLUMNS = regex.compile(r"\b(?:Blz|Bladzijde|Pagina|Pag|P)\b\.?", regex.IGNORECASE)
_ROW = regex.compile(r"^(?P<number>\d{1,3})\.?\s+(?P<text>\S.*)$")
_PAGES = regex.compile(r"(?P<pages>(?:\s+\d{1,3}(?:\s*[-–]\s*\d{1,3})?){1,2})\s*$")
"""The page columns at the end of a row's line: "11 12", "11", "11-12"."""
_ASKED = ("?", "?”", "?’", '?"', "?)")
_COLUMN = 3.0
"""Points by which lines of one column may differ in where they start."""


def read_question_table(document: CleanDocument) -> CleanDocument:
    """The body with a committee's table list read row by row; any other body as it is."""
    lines = document.body
    header = next((index for index, line in enumerate(lines) if TABLE_HEADER.match(line.text)), None)
    number_x = lines[header].x0 if header is not None else None
    if header is None or number_x is None:
        return document
    heading = TABLE_HEADER.match(lines[header].text)
    pages = bool(heading and _PAGE_COLUMNS.search(heading["rest"]))
    # The header row, the rest of its cells ("(van)") and the header repeated on later pages are
    # no text; every one of them stands at or after ``header``, so the lines before keep their place.
    dropped = header_lines(lines, header)
    removed = [Removal("table-header", lines[index].page, lines[index].text) for index in dropped]
    body = without(lines, set(dropped))
    rows = [
        index
        for index in range(header, len(body))
        if body[index].text and _ROW.match(body[index].text) and _in_column(body[index], number_x)
    ]
    numbers = [int(match["number"]) for index in rows if (match := _ROW.match(body[index].text))]
    if not rows or numbers != list(range(1, len(rows) + 1)):
        warning = DocumentWarning(
            "table-unread",
            f"a list of questions laid out as a table ({lines[header].text!r}) could not be read row by row "
            f"(row numbers {', '.join(map(str, numbers[:12])) or 'none'})",
            lines[header].page,
        )
        return replace(document, warnings=(*document.warnings, warning))
    floor = header
    for index, number in zip(rows, numbers, strict=True):
        first = question_start(body, floor, index)
        row = _ROW.match(body[index].text)
        assert row is not None  # every row was chosen by this pattern
        end = len(body[index].text)
        if pages and (tail := _PAGES.search(body[index].text, row.start("text"))) and tail.start() > row.start("text"):
            removed.append(Removal("page-column", body[index].page, tail["pages"].strip()))
            end = tail.start()
        body[index] = retext(body[index], row.start("text"), end)
        body[first] = retext(body[first], 0, len(body[first].text), f"{number} ", number_x)
        floor = index + 1
    return replace(document, body=tuple(body), removed=(*document.removed, *removed))


def retext(line: BodyLine, start: int, end: int, prefix: str = "", x0: float | None = None) -> BodyLine:
    """The line's text from ``start`` to ``end`` after ``prefix``, its footnote marks moved along;
    with ``x0``, the line starts there (a number put before it stands in the number's column)."""
    text = prefix + line.text[start:end].rstrip()
    marks = tuple(
        Mark(min(len(prefix) + mark.at - start, len(text)), mark.number)
        for mark in line.marks
        if start <= mark.at <= end
    )
    box = replace(line.box, x0=x0) if x0 is not None and line.box is not None else line.box
    return replace(line, text=text, marks=marks, box=box)


def without(lines: Sequence[BodyLine], dropped: set[int]) -> list[BodyLine]:
    """The lines but the dropped ones; a line after a dropped first line of a page starts the page."""
    kept: list[BodyLine] = []
    carried = False
    for index, line in enumerate(lines):
        if index in dropped:
            carried = carried or line.page_start
            continue
        kept.append(replace(line, page_start=True) if carried and not line.page_start else line)
        carried = False
    return kept


def header_lines(lines: Sequence[BodyLine], header: int) -> list[int]:
    """The header row's lines, on its page and wherever it is repeated at the top of a later
    page: the row and the rest of its cells below it ("(van)", right of the question's column)."""
    found = []
    for index in range(header, len(lines)):
        if TABLE_HEADER.match(lines[index].text):
            found.append(index)
            following = index + 1
            while following < len(lines) and _header_rest(lines[following], lines[index]):
                found.append(following)
                following += 1
    return found


def _header_rest(line: BodyLine, header: BodyLine) -> bool:
    start = header.x0 or 0.0
    return (
        line.page == header.page and line.x0 is not None and line.x0 > start + 200 and 0 < len(line.text.split()) <= 3
    )


def _in_column(line: BodyLine, x: float) -> bool:
    return line.x0 is not None and abs(line.x0 - x) < _COLUMN


def question_start(lines: Sequence[BodyLine], floor: int, row: int) -> int:
    """The first line of the question whose number stands on line ``row``: the line after the
    last one above it (down to ``floor``, the line after the row before) that ends a sentence
    other than with a question mark, so that a number printed at the foot of its cell still
    opens its question."""
    for index in range(row - 1, floor - 1, -1):
        text = lines[index].text.rstrip()
        if not text or (text.endswith(SENTENCE_ENDS) and not text.endswith(_ASKED)):
            return index + 1
    return floor
