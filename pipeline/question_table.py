"""Committee lists laid out as a table ("Nr | Vraag | Blz. (van) | (tot)"): rows read as numbered questions.

A committee's list of questions is often a Word table: the question's number in the first column,
its text in the second, the pages of the document it asks about in the last ones, and the
answer in a row of its own below, with no label and in the same type. Read as lines, the number
and the page columns stand on one line of the question: its first line when the cells are
aligned at the top, its last line when they are aligned at the bottom ("1 de begroting was
geraamd? 11 12"). This pass puts each number before the first line of its question, as a
question numbered in the margin is printed, and takes the page columns out (recorded as
removals), so that segmenting reads the list like any other. A table it cannot read row by row
is kept as it is, with a ``table-unread`` warning. Where the rows come with their cells and no
place on a page (a Word table), the cells say the same: each row becomes a paragraph, a
question's number and text from its first two cells, its page cells taken out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.model import BodyLine, CleanDocument, DocumentWarning, Mark, Marked, Removal
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
_NUMBER_CELL = regex.compile(r"(?P<number>\d{1,3})\.?")


def read_question_table(document: CleanDocument) -> CleanDocument:
    """The body with a committee's table list read row by row; any other body as it is."""
    lines = document.body
    header = next((index for index, line in enumerate(lines) if TABLE_HEADER.match(line.text)), None)
    number_x = lines[header].x0 if header is not None else None
    heading = TABLE_HEADER.match(lines[header].text) if header is not None else None
    pages = bool(heading and _PAGE_COLUMNS.search(heading["rest"]))
    if header is not None and number_x is None and lines[header].cells:
        return read_rows_by_cells(document, header, pages)
    if header is None or number_x is None:
        return document
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
        return unread(document, lines[header], numbers)
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


def unread(document: CleanDocument, header: BodyLine, numbers: Sequence[int]) -> CleanDocument:
    """The document as it is, with the warning that its table list could not be read row by row."""
    warning = DocumentWarning(
        "table-unread",
        f"a list of questions laid out as a table ({header.text!r}) could not be read row by row "
        f"(row numbers {', '.join(map(str, numbers[:12])) or 'none'})",
        header.page,
    )
    return replace(document, warnings=(*document.warnings, warning))


def read_rows_by_cells(document: CleanDocument, header: int, pages: bool) -> CleanDocument:
    """A table list whose rows carry their cells (a Word table): each row a paragraph, "N text" for
    a question (its page cells taken out, as removals), the filled cells of any other row (the
    answer) as they are."""
    lines = document.body
    end = next((index for index in range(header + 1, len(lines)) if not lines[index].cells), len(lines))
    rows = [line for line in lines[header + 1 : end] if not TABLE_HEADER.match(line.text)]
    removed = [Removal("table-header", line.page, line.text) for line in lines[header:end] if line not in rows]
    numbered = [row for row in rows if _NUMBER_CELL.fullmatch(row.cells[0].text.strip())]
    numbers = [int(row.cells[0].text.strip().rstrip(".")) for row in numbered]
    if not numbers or numbers != list(range(1, len(numbers) + 1)):
        return unread(document, lines[header], numbers)
    body = list(lines[:header])
    for row in rows:
        cells = [cell for cell in row.cells if cell.text.strip()]
        if row in numbered and len(row.cells) > 1:
            cells = [Marked(f"{row.cells[0].text.strip().rstrip('.')} ") + row.cells[1]]
            tail = [cell.text.strip() for cell in row.cells[2:] if cell.text.strip()]
            if pages and tail:
                removed.append(Removal("page-column", row.page, " ".join(tail)))
            else:
                cells += [cell for cell in row.cells[2:] if cell.text.strip()]
        text = Marked()
        for cell in cells:
            text = text + (" " if text.text else "") + cell
        if body and body[-1].text:
            body.append(replace(row, text="", marks=(), cells=()))
        body.append(replace(row, text=text.text, marks=text.marks, cells=()))
    if end < len(lines) and lines[end].text:
        body.append(replace(lines[end], text="", marks=(), cells=()))
    body += lines[end:]
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
