"""Blocks: the one builder of headings, paragraphs, lists and tables, for the cover letter and the answers.

Lines come in paragraphs. ``split_paragraphs`` sets each list item and each table apart (a list
printed with no space between its items, rows set apart by white space are still one table);
``build_blocks`` reads each paragraph as a table, heading or paragraph, gathers runs of list
items into lists, and gives every text its inline parts, once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from pipeline import patterns
from pipeline.model import (
    Block,
    BodyLine,
    Heading,
    ListBlock,
    ListItem,
    Marked,
    Para,
    Paragraph,
    Span,
    Table,
    union,
)
from pipeline.text import join_marked

Parse = Callable[[Marked], Paragraph]
"""Makes a text's inline parts (``pipeline.inline``)."""

_MAX_HEADING_LENGTH = 90


def span_of(lines: Sequence[BodyLine]) -> Span:
    """Where lines are printed: from the first to the last, with their box on the first page."""
    first, last = lines[0], lines[-1]
    box = union([line.box for line in lines if line.box is not None and line.page == first.page])
    return Span(first.page, (first.number, last.number), last.page if last.page != first.page else 0, box)


def starts_list_item(text: str, previous: str) -> bool:
    """True if a line opens an item of a list: a bullet, or a dash, number or letter after a line
    that ended a clause or opened an item itself.

    >>> starts_list_item("• Inzicht hebben in de eigen systemen;", "ondernomen worden:")
    True
    >>> starts_list_item("2. Controles door de inspecties;", "de volgende punten: 1. controles;")
    True
    >>> starts_list_item("3 procent van het budget", "ongeveer")
    False
    >>> starts_list_item("– Jeugd, Preventie en Sport)", "(Volksgezondheid, Welzijn en Sport")
    False
    >>> starts_list_item("– vier", "– drie")
    True
    """
    item = patterns.LIST_ITEM.match(text)
    if item is None:
        return False
    return bool(item["bullet"] or patterns.LIST_ITEM.match(previous)) or previous.rstrip().endswith((":", ";", "."))


def is_table(lines: Sequence[BodyLine]) -> bool:
    """True for the lines of a table: rows of cells, every one."""
    return bool(lines) and all(line.cells for line in lines)


def split_paragraphs(paragraphs: Iterable[Sequence[BodyLine]]) -> list[list[BodyLine]]:
    """Each item of a list printed with no space between the items stands apart, and so does a
    table from the text around it; rows of a table set apart by white space are still one table."""
    pieces: list[list[BodyLine]] = []
    for paragraph in paragraphs:
        for piece in _split(paragraph):
            if is_table(piece) and pieces and is_table(pieces[-1]):
                pieces[-1].extend(piece)
            else:
                pieces.append(piece)
    return pieces


def _split(paragraph: Sequence[BodyLine]) -> list[list[BodyLine]]:
    pieces: list[list[BodyLine]] = []
    for line in paragraph:
        previous = pieces[-1][-1] if pieces else None
        if previous is None or starts_list_item(line.text, previous.text) or bool(line.cells) != bool(previous.cells):
            pieces.append([])
        pieces[-1].append(line)
    return pieces


@dataclass(frozen=True)
class _Piece:
    """A paragraph read, before its inline parts are made."""

    kind: str
    """``heading``, ``paragraph`` or ``table``."""
    text: Marked
    lines: Sequence[BodyLine]


def build_blocks(paragraphs: Iterable[Sequence[BodyLine]], parse: Parse, headings: bool = False) -> tuple[Block, ...]:
    """The blocks of paragraphs (split already): tables, headings (where ``headings``), paragraphs,
    and runs of bulleted or numbered paragraphs as lists; each text parsed once.

    >>> lines = [BodyLine(text, 1, number) for number, text in enumerate(["Zo:", "", "• een", "", "• twee"], 1)]
    >>> blocks = build_blocks([lines[:1], lines[2:3], lines[4:]], lambda text: ())
    >>> [block.kind for block in blocks], [item.marker for item in blocks[1].items]
    (['paragraph', 'list'], ['• ', '• '])
    """
    pieces = [piece for paragraph in paragraphs if (piece := _piece(paragraph, headings)) is not None]
    blocks: list[Block] = []
    index = 0
    while index < len(pieces):
        run = _list_run(pieces, index)
        if run is None:
            blocks.append(_block(pieces[index], parse))
            index += 1
            continue
        items, ordered = run
        lines = [line for piece in pieces[index : index + len(items)] for line in piece.lines]
        blocks.append(
            ListBlock(tuple(ListItem(marker, parse(text)) for marker, text in items), ordered, span_of(lines))
        )
        index += len(items)
    return tuple(blocks)


def _piece(paragraph: Sequence[BodyLine], headings: bool) -> _Piece | None:
    if is_table(paragraph):
        return _Piece("table", Marked(), paragraph)
    text = join_marked(line.marked for line in paragraph)
    if not text:
        return None
    return _Piece("heading" if headings and is_heading(paragraph, text.text) else "paragraph", text, paragraph)


def _block(piece: _Piece, parse: Parse) -> Block:
    span = span_of(piece.lines)
    if piece.kind == "table":
        return Table(tuple(tuple(parse(cell) for cell in line.cells) for line in piece.lines), span)
    if piece.kind == "heading":
        return Heading(parse(piece.text), span)
    return Para(parse(piece.text), span)


def is_heading(paragraph: Sequence[BodyLine], text: str) -> bool:
    """A heading: a short bold or numbered title, or a committee's section opening ("Vragen en
    opmerkingen van de leden van de D66-fractie"), no sentence.

    >>> is_heading([BodyLine("2. Controles door de Arbeidsinspectie en de", 2, 1),
    ...             BodyLine("Inspectie Leefomgeving en Transport (ILT)", 2, 2)],
    ...            "2. Controles door de Arbeidsinspectie en de Inspectie Leefomgeving en Transport (ILT)")
    True
    >>> is_heading([BodyLine("c) Voorgestelde implementatietermijn (bij richtlijnen), dan wel", 11, 55, italic=True),
    ...             BodyLine("inwerkingtreding (bij verordeningen) met commentaar", 11, 57, italic=True)],
    ...            "c) Voorgestelde implementatietermijn (bij richtlijnen), dan wel inwerkingtreding (bij"
    ...            " verordeningen) met commentaar")
    True
    """
    emphasis = all(line.bold or line.italic for line in paragraph)
    # A lettered title in emphasis counts as numbered, a lettered question ("a) Hoe ...?") not.
    lettered = emphasis and bool(patterns.LETTERED_HEADING.match(text)) and not text.endswith("?")
    numbered = bool(patterns.SECTION_NUMBER.match(text)) or lettered
    bold = emphasis or bool(patterns.SECTION_OPENING.match(text))
    return (
        any(char.isalpha() for char in text)  # the Aanhangsel's number ("1314") is no heading
        and len(paragraph) <= 2
        and len(text) <= 2 * _MAX_HEADING_LENGTH
        and (len(paragraph) == 1 or numbered)
        and not text.endswith((".", ",", ";", ":"))
        and (bold or numbered)
    )


def _list_run(pieces: Sequence[_Piece], start: int) -> tuple[list[tuple[str, Marked]], bool] | None:
    """The items of a list starting at ``start`` (bullets or dashes, or numbers counting on), each
    its marker as printed and its text, and whether it is numbered; None if no list starts there."""
    items: list[tuple[str, Marked]] = []
    first = _list_item(pieces[start])
    if first is not None and not first["number"]:
        for piece in pieces[start:]:
            bullet = _list_item(piece)
            if bullet is None or bullet["number"]:
                break
            items.append(_item(piece, bullet))
        return items, False
    expected = ["1", "a"]
    for piece in pieces[start:]:
        numbered = _list_item(piece)
        if numbered is None or numbered["number"] not in expected:
            break
        items.append(_item(piece, numbered))
        marker = numbered["number"]
        expected = [str(int(marker) + 1)] if marker.isdigit() else [chr(ord(marker) + 1)]
    return (items, True) if len(items) >= 2 else None


def _list_item(piece: _Piece) -> regex.Match[str] | None:
    # A short numbered item without a full stop reads as a heading on its own ("3. Levensduurverlenging
    # en"); in a run of items counting on, it is an item.
    return patterns.LIST_ITEM.match(piece.text.text) if piece.kind != "table" else None


def _item(piece: _Piece, match: regex.Match[str]) -> tuple[str, Marked]:
    start = match.start("text")
    return piece.text.text[:start], piece.text.tail(len(piece.text.text) - start)
