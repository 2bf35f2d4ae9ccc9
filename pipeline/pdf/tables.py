"""Tables set without rules, read from where their words stand: printed lines whose words fall into
the same three or more columns, kept apart by gaps many word spaces wide.

A page's body lines are read one by one into *chunks*: runs of words with no gap between them
wider than ``WIDE`` word spaces of the page (a justified line stretches its spaces evenly, so it
is one chunk or falls apart at every space; a table row keeps its cells apart by much more than
its own word spaces). Consecutive lines of two or more short chunks are a table's candidate rows;
a short line of one chunk between them is a row too (a group title that spans the table, or a
label in one column). The columns are where the chunks of the candidate rows stand: the x-ranges
they cover, merged where they overlap (a column of numbers set right overlaps, it does not start
at one x). The first row is the header.

A table is read where the evidence agrees: three or more columns, two rows that fill three of
them, and numbers in a column. Where lines are set in such columns but the rest does not agree
(text cells only, as three signatures side by side; too few columns once merged), the lines stay
text and the page is told as unclear, so that the letter is looked at rather than flattened in
silence.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from pipeline.pdf.lines import Line, make_line
from pipeline.pdf.page import Char

WIDE = 3.0
"""A gap of this many of the page's word spaces (or more) parts two cells of a row."""
LEAST_GAP = 0.6
"""...and never less than this part of the type size (a page with too few words to measure)."""
WORD_SPACE = 0.3
"""The word space, as a part of the type size, where a page has too few gaps to measure its own."""
MIN_GAPS = 20
"""Word gaps a page must show for its own word space to count."""
CELL_WORDS = 8
"""A cell holds at most this many words: a longer run is running text (a question of a committee's
list laid out as a table, a line of prose), which no borderless table is read from."""
TITLE_WORDS = 5
"""A line of one chunk inside a table (a group title, a label) holds at most this many words."""
ROW_DISTANCE = 3.0
"""Rows of one table stand at most this many times their type size apart, top to top."""
MIN_COLUMNS = 3
UNCLEAR = "unclear"

_NUMBER = regex.compile(r"[-+±−–]?\s*[€$£]?\s*\d[\d.,\s%–-]*(?:%|€|mln|mld)?\.?", regex.IGNORECASE)
"""A cell that holds a number, an amount, a percentage or a list of numbers ("6, 9, 13")."""
_SENTENCE_END = regex.compile(r"[.?!;:,]$")


@dataclass(frozen=True)
class Chunk:
    """A run of words of a line with no wide gap inside it."""

    x0: float
    x1: float
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Tables:
    """What the rows of a page say about tables."""

    cells: dict[int, tuple[str, ...]]
    """The cells of each table row, by the row's index: one per column ("" where the row leaves it
    empty), or a single cell for a row that spans the table (a group title)."""
    unclear: tuple[tuple[int, int], ...]
    """The first and last row of each run of rows set in columns that was not read as a table."""


def find_tables(rows: Sequence[Sequence[Line]], body_size: float) -> Tables:
    """The tables among a page's body rows (each the segments of one printed line, top to bottom).

    >>> def row(*cells: tuple[float, str]) -> list[Line]:
    ...     return [_line(x, text) for x, text in cells]
    >>> rows = [row((70, "Een gewone zin zonder kolommen.")),
    ...         row((150, "2022"), (250, "2023"), (350, "2024")),
    ...         row((70, "Bonaire"), (150, "9"), (250, "15"), (350, "19")),
    ...         row((70, "Saba"), (150, "5"), (250, "9"), (350, "9"))]
    >>> found = find_tables(rows, 9.0)
    >>> [found.cells[index] for index in sorted(found.cells)]
    [('', '2022', '2023', '2024'), ('Bonaire', '9', '15', '19'), ('Saba', '5', '9', '9')]
    """
    if not rows:
        return Tables({}, ())
    ratio = _word_space(rows)
    chunks = [_chunks(row, ratio, body_size) for row in rows]
    cells: dict[int, tuple[str, ...]] = {}
    unclear: list[tuple[int, int]] = []
    for start, end in _runs(rows, chunks, body_size):
        index = start
        while index <= end:
            last = _extent(chunks, index, end)
            read = _read(chunks[index : last + 1])
            if isinstance(read, list):
                cells.update({index + offset: row for offset, row in enumerate(read)})
                index = last + 1
                continue
            if read == UNCLEAR:
                unclear.append((index, last))
            index += 1
    return Tables(cells, _merged([(first, last) for first, last in unclear if not cells.keys() & {first, last}]))


def _merged(ranges: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Ranges of rows that overlap made one."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def _extent(chunks: Sequence[list[Chunk]], start: int, end: int) -> int:
    """The last row of a table that starts at ``start``: rows go on while their columns agree (a
    row whose chunk stands across a gap between the columns above, or whose gap the columns above
    cover, ends it; a row of one chunk, a title, may span them)."""
    columns = _columns(chunks[start])
    last = start
    for number in range(start + 1, end + 1):
        row = chunks[number]
        if len(row) < 2:
            continue
        merged = _columns([*row, *(Chunk(x0, x1, "") for x0, x1 in columns)])
        if len(merged) < max(len(columns), len(_columns(row))):
            break
        columns, last = merged, number
    return last


def _word_space(rows: Sequence[Sequence[Line]]) -> float:
    """The page's word space as a part of the type size: the median gap between words."""
    gaps: list[float] = []
    for row in rows:
        for segment in row:
            size = segment.size or 1.0
            visible = [char for char in segment.chars if char["text"].strip()]
            for left, right in itertools.pairwise(visible):
                gap = (right["x0"] - left["x1"]) / size
                # A word space: more than a letter's spacing (as line_text reads it), less than an em.
                if 0.15 + 0.2 / size < gap < 1.0:
                    gaps.append(round(gap, 3))
    return statistics.median(gaps) if len(gaps) >= MIN_GAPS else WORD_SPACE


def _chunks(row: Sequence[Line], ratio: float, body_size: float) -> list[Chunk]:
    """A row's runs of words, left to right, split where a gap is ``WIDE`` word spaces or more."""
    chars = sorted((char for segment in row for char in segment.chars), key=lambda char: char["x0"])
    size = max((segment.size for segment in row), default=body_size) or body_size
    wide = max(WIDE * ratio, LEAST_GAP) * size
    runs: list[list[Char]] = []
    previous_x1: float | None = None
    for char in chars:
        visible = bool(char["text"].strip())
        if visible and (previous_x1 is None or char["x0"] - previous_x1 >= wide):
            runs.append([])
        if runs:
            runs[-1].append(char)
        if visible:
            previous_x1 = char["x1"]
    chunks = []
    for run in runs:
        drawn = [char for char in run if char["text"].strip()]
        chunks.append(Chunk(drawn[0]["x0"], drawn[-1]["x1"], make_line(run).text))
    return chunks


def _runs(rows: Sequence[Sequence[Line]], chunks: Sequence[list[Chunk]], body_size: float) -> list[tuple[int, int]]:
    """The runs of rows that may be a table: consecutive rows of two or more short chunks, with
    short rows of one chunk between them, each near the one above."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, row_chunks in enumerate(chunks):
        kind = _kind(row_chunks)
        near = index > 0 and rows[index][0].top - rows[index - 1][0].top <= ROW_DISTANCE * max(body_size, 1.0)
        if start is not None and (kind is None or not near):
            runs.append(_trimmed(chunks, start, index - 1))
            start = None
        if start is None and kind == "cells":
            start = index
    if start is not None:
        runs.append(_trimmed(chunks, start, len(chunks) - 1))
    return [(first, last) for first, last in runs if sum(len(row) >= 2 for row in chunks[first : last + 1]) >= 2]


def _kind(chunks: Sequence[Chunk]) -> str | None:
    """``cells`` for a row of two or more short chunks (not all closed by a comma), ``title`` for
    one short chunk that ends no clause, None for any other line."""
    if len(chunks) >= 2 and all(chunk.words <= CELL_WORDS for chunk in chunks):
        # Every part closed by a comma: the offices above signatures set side by side ("De
        # minister van Financiën,"), a closing rather than a table's row.
        return None if all(chunk.text.endswith(",") for chunk in chunks) else "cells"
    if len(chunks) == 1 and chunks[0].words <= TITLE_WORDS and not _SENTENCE_END.search(chunks[0].text):
        return "title"
    return None


def _trimmed(chunks: Sequence[list[Chunk]], first: int, last: int) -> tuple[int, int]:
    """A run without the rows of one chunk at its end (a run starts with a row of cells)."""
    while last > first and len(chunks[last]) < 2:
        last -= 1
    return first, last


def _read(rows: Sequence[list[Chunk]]) -> list[tuple[str, ...]] | str | None:
    """The cells of a run's rows where they clearly read as a table; ``UNCLEAR`` where two rows
    fill three columns but no column holds figures (text set in columns: a table of words, or
    three signatures side by side); None where the rows are no table."""
    columns = _columns([chunk for row in rows if len(row) >= 2 for chunk in row])
    if len(columns) < MIN_COLUMNS:
        return None
    read = [_cells(row, columns) for row in rows]
    full = sum(sum(bool(cell) for cell in row) >= MIN_COLUMNS for row in read if len(row) > 1)
    if full < 2:
        return None
    numeric = [column for column in range(1, len(columns)) if _numeric(column, read)]
    # Numbers in two cells at least: a header and one row of figures is a table, one figure is not.
    figures = sum(bool(row[column]) for row in read[1:] if len(row) > 1 for column in numeric)
    return read if figures >= 2 else UNCLEAR


def _columns(chunks: Sequence[Chunk]) -> list[tuple[float, float]]:
    """The x-ranges the chunks cover, merged where they overlap: the table's columns."""
    columns: list[tuple[float, float]] = []
    for chunk in sorted(chunks, key=lambda chunk: chunk.x0):
        if columns and chunk.x0 <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], chunk.x1))
        else:
            columns.append((chunk.x0, chunk.x1))
    return columns


def _cells(row: Sequence[Chunk], columns: Sequence[tuple[float, float]]) -> tuple[str, ...]:
    """A row's cells by column; a single chunk that stands across a gap between columns is one
    cell that spans the table."""
    if len(row) == 1 and not any(x0 - 0.5 <= row[0].x0 and row[0].x1 <= x1 + 0.5 for x0, x1 in columns):
        return (row[0].text,)
    cells = [""] * len(columns)
    for chunk in row:
        index = next(number for number, (x0, x1) in enumerate(columns) if chunk.x0 <= x1 and chunk.x1 >= x0)
        cells[index] = f"{cells[index]} {chunk.text}".strip()
    return tuple(cells)


def _numeric(column: int, rows: Sequence[tuple[str, ...]]) -> bool:
    """True if a column holds numbers below its header: most of its filled cells."""
    filled = [row[column] for row in rows[1:] if len(row) > column and row[column]]
    numbers = sum(bool(_NUMBER.fullmatch(cell)) for cell in filled)
    return numbers >= 1 and 3 * numbers >= 2 * len(filled)


def _line(x: float, text: str, top: float = 100.0, size: float = 9.0) -> Line:
    """A line of text set at x in a font whose every glyph is half an em wide (for the examples)."""
    chars: list[Char] = []
    for offset, letter in enumerate(text):
        x0 = x + offset * size * 0.5
        chars.append(
            {
                "text": letter,
                "x0": x0,
                "x1": x0 + size * 0.5,
                "top": top,
                "bottom": top + size,
                "size": size,
                "font": "Arial",
                "order": round(x0 * 100),
                "spaced": offset > 0 and text[offset - 1] == " ",
            }
        )
    return make_line(chars)
