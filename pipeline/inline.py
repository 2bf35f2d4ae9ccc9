"""Inline parts: every text of the letter as typed pieces, made once, so renderers never parse text.

Footnote references ``[^N]`` become FootnoteRef where the footnote exists, note references
``[N]`` NoteRef where the note exists, written URLs UrlPart (with where they lead), references
to parliamentary and legal documents ReferencePart; the rest is TextPart. Paragraphs of answers
and of the letter whose lines open with a bullet or a number become lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import regex

from pipeline import patterns
from pipeline.model import (
    Block,
    Document,
    DocumentReference,
    FootnoteRef,
    Inline,
    NoteRef,
    Paragraph,
    ReferencePart,
    TextPart,
    UrlPart,
)
from pipeline.references import find_references
from pipeline.urls import is_safe, normalise_url

_TOKENS = regex.compile(
    rf"(?P<footnote>{patterns.FOOTNOTE_REFERENCE.pattern})|(?P<note>{patterns.NOTE_LABEL.pattern})|(?P<url>{patterns.URL.pattern}"
    # The URL pattern is verbose, with comments to its lines' ends: its group closes on a new line.
    + "\n)",
    regex.IGNORECASE | regex.VERBOSE,
)
ReferenceFinder = Callable[[str], list[tuple[int, int, ReferencePart]]]
"""Finds the references to other documents in a text: (start, end, part) each."""


def parse_inline(
    text: str,
    footnotes: frozenset[int] = frozenset(),
    notes: frozenset[str] = frozenset(),
    references: ReferenceFinder | None = None,
) -> Paragraph:
    """A text as inline parts.

    >>> parse_inline("Zie het rapport[^2] en www.nos.nl/a [1].", frozenset({2}), frozenset({"1"}))
    (TextPart(text='Zie het rapport'), FootnoteRef(number=2), TextPart(text=' en '), \
UrlPart(printed='www.nos.nl/a', href='https://www.nos.nl/a'), TextPart(text=' '), NoteRef(label='1'), \
TextPart(text='.'))
    """
    spans: list[tuple[int, int, Inline]] = []
    for match in _TOKENS.finditer(text):
        part: Inline
        if match["footnote"]:
            number = int(match["number"])
            part = FootnoteRef(number) if number in footnotes else TextPart(match.group())
        elif match["note"]:
            part = NoteRef(match["label"]) if match["label"] in notes else TextPart(match.group())
        else:
            href = normalise_url(match.group())
            part = UrlPart(match.group(), href if is_safe(href) else "")
        spans.append((match.start(), match.end(), part))
    if references is not None:
        taken = [(start, end) for start, end, _ in spans]
        for start, end, reference in references(text):
            if not any(start < other_end and other_start < end for other_start, other_end in taken):
                spans.append((start, end, reference))
    parts: list[Inline] = []
    position = 0
    for start, end, part in sorted(spans, key=lambda span: span[0]):
        if start > position:
            _add_text(parts, text[position:start])
        if isinstance(part, TextPart):
            _add_text(parts, part.text)
        else:
            parts.append(part)
        position = end
    if position < len(text):
        _add_text(parts, text[position:])
    return tuple(parts)


def _add_text(parts: list[Inline], text: str) -> None:
    if parts and isinstance(parts[-1], TextPart):
        parts[-1] = TextPart(parts[-1].text + text)
    else:
        parts.append(TextPart(text))


def plain(parts: Paragraph) -> str:
    """The text of inline parts, without footnote and note references.

    >>> plain((TextPart("Klopt dit"), FootnoteRef(3), TextPart("?")))
    'Klopt dit?'
    """
    pieces = []
    for part in parts:
        if isinstance(part, TextPart):
            pieces.append(part.text)
        elif isinstance(part, (UrlPart, ReferencePart)):
            pieces.append(part.printed)
    return "".join(pieces)


def blocks_with_lists(blocks: Sequence[Block]) -> list[Block]:
    """Runs of paragraphs that open with a bullet ("•", "–") become a list, and runs of two or
    more that are numbered on ("1.", "2." or "a)", "b)") a numbered list.

    >>> [b.kind for b in blocks_with_lists([Block("paragraph", t, 1) for t in ("Zo:", "• een", "• twee", "Klaar.")])]
    ['paragraph', 'list', 'paragraph']
    """
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        run = _list_run(blocks, index)
        if run is None:
            result.append(blocks[index])
            index += 1
            continue
        items, ordered = run
        # The items, one per line, until add_inline gives each its inline parts.
        result.append(Block("list", "\n".join(items), blocks[index].page, ordered=ordered))
        index += len(items)
    return result


def _list_run(blocks: Sequence[Block], start: int) -> tuple[list[str], bool] | None:
    """The items of a list starting at ``start`` (bullets, or numbers counting on), if any."""
    items: list[str] = []
    first = _list_item(blocks[start])
    if first is not None and not first["number"]:
        for block in blocks[start:]:
            bullet = _list_item(block)
            if bullet is None or bullet["number"]:
                break
            items.append(bullet["text"])
        return items, False
    expected = ["1", "a"]
    for block in blocks[start:]:
        numbered = _list_item(block)
        if numbered is None or numbered["number"] not in expected:
            break
        items.append(numbered["text"])
        marker = numbered["number"]
        expected = [str(int(marker) + 1)] if marker.isdigit() else [chr(ord(marker) + 1)]
    return (items, True) if len(items) >= 2 else None


def _list_item(block: Block) -> regex.Match[str] | None:
    return patterns.LIST_ITEM.match(block.text) if block.kind == "paragraph" else None


def find_reference_parts(text: str) -> list[tuple[int, int, ReferencePart]]:
    """The references to other documents in a text, as inline parts with their spans."""
    return [
        (found.start, found.end, ReferencePart(found.printed, found.type, found.identifier, found.url))
        for found in find_references(text)
    ]


def add_inline(document: Document, references: ReferenceFinder | None = find_reference_parts) -> Document:
    """The document with every text also as inline parts, lists as list blocks, and the list of
    references to other documents."""
    footnotes = frozenset(footnote.number for footnote in document.footnotes)
    notes = frozenset(note.label for note in document.notes)

    def inline(text: str) -> Paragraph:
        return parse_inline(text, footnotes, notes, references)

    def with_parts(block: Block) -> Block:
        if block.kind == "list":
            return replace(block, items=tuple(inline(item) for item in block.text.split("\n")))
        if block.kind == "table":
            rows = tuple(tuple(inline(cell) for cell in row.split("\t")) for row in block.text.split("\n"))
            return replace(block, rows=rows)
        return replace(block, parts=inline(block.text))

    def blocks_of(blocks: Sequence[Block]) -> tuple[Block, ...]:
        return tuple(with_parts(block) for block in blocks_with_lists(blocks))

    answers = tuple(
        replace(
            answer,
            blocks=blocks_of(
                [Block("table" if is_table(text) else "paragraph", text, answer.page) for text in answer.paragraphs]
            ),
        )
        for answer in document.answers
    )
    inlined = replace(
        document,
        body=blocks_of(document.body),
        questions=tuple(replace(question, parts=inline(question.text)) for question in document.questions),
        answers=answers,
        footnotes=tuple(replace(footnote, parts=inline(footnote.text)) for footnote in document.footnotes),
        notes=tuple(replace(note, parts=inline(note.text)) for note in document.notes),
    )
    return replace(inlined, references=tuple(references_of(inlined)))


def is_table(text: str) -> bool:
    """True for the text of a table: every row has its cells kept apart by tabs."""
    return all("\t" in row for row in text.split("\n"))


def references_of(document: Document) -> list[DocumentReference]:
    """Every reference part of the document with where it stands, in the order of the letter."""
    return [
        DocumentReference(part.type, part.identifier, part.printed, part.url, where, page)
        for where, page, paragraph in document.paragraphs()
        for part in paragraph
        if isinstance(part, ReferencePart)
    ]
