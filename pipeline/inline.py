"""Inline parts: every text of the letter as typed pieces, made once, so renderers never parse text.

A footnote reference comes from cleaning as a mark, typed, and becomes a FootnoteRef; in the
text between the marks a note's label ``[N]`` (in a question also "N)", where no list item can
stand) becomes a NoteRef where the note exists, a written URL a Url (with where it leads), a
reference to a parliamentary or legal document a Reference; the rest is Text. A "[^1]" the letter
prints is text like any other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

import regex

from pipeline import patterns
from pipeline.model import (
    Document,
    DocumentReference,
    Footnote,
    FootnoteRef,
    FootnoteText,
    Inline,
    Marked,
    Note,
    NoteRef,
    NoteText,
    Paragraph,
    Reference,
    Span,
    Text,
    Url,
)
from pipeline.notes import NoteReference, note_references
from pipeline.references import find_references
from pipeline.urls import is_safe, normalise_url

ReferenceFinder = Callable[[str], list[tuple[int, int, Reference]]]
"""Finds the references to other documents in a text: (start, end, part) each."""


def find_reference_parts(text: str) -> list[tuple[int, int, Reference]]:
    """The references to other documents in a text, as inline parts with their spans."""
    return [
        (found.start, found.end, Reference(found.printed, found.type, found.identifier, found.url))
        for found in find_references(text)
    ]


Notes = Mapping[str, int]
"""The questions' notes of a letter by label, each with the footnote that prints its text (0 where
the letter prints it as a note)."""


def parse_inline(
    text: Marked | str,
    notes: Notes | frozenset[str] = frozenset(),
    references: ReferenceFinder | None = None,
    question: bool = False,
) -> Paragraph:
    """A text as inline parts: its marks as footnote references, the text between them parsed; in a
    ``question`` a note's "1)" too.

    >>> from pipeline.model import Mark
    >>> parse_inline(Marked("Zie het rapport en www.nos.nl/a [1].", (Mark(15, 2),)), frozenset({"1"}))
    (Text(text='Zie het rapport'), FootnoteRef(number=2), Text(text=' en '), \
Url(printed='www.nos.nl/a', href='https://www.nos.nl/a'), Text(text=' '), NoteRef(label='1', printed='', footnote=0), \
Text(text='.'))
    >>> parse_inline("Kent u ‘X’? 1) 2)", {"1": 0, "2": 4}, question=True)[1:]
    (NoteRef(label='1', printed='1)', footnote=0), Text(text=' '), NoteRef(label='2', printed='2)', footnote=4))
    """
    marked = Marked(text) if isinstance(text, str) else text
    labels = notes if isinstance(notes, Mapping) else dict.fromkeys(notes, 0)
    parts: list[Inline] = []
    position = 0
    for mark in marked.marks:
        _add_run(parts, marked.text[position : mark.at], labels, references, question)
        parts.append(FootnoteRef(mark.number))
        position = mark.at
    _add_run(parts, marked.text[position:], labels, references, question)
    return tuple(parts)


Parse = Callable[[Marked | str], Paragraph]
"""Makes the inline parts of one text of a letter."""


def parser(
    notes: Notes | frozenset[str], references: ReferenceFinder | None = find_reference_parts, question: bool = False
) -> Parse:
    """``parse_inline`` for one letter: its notes, and references to other documents found; for its
    questions (``question``), whose "1)" may refer to a note."""
    return partial(parse_inline, notes=notes, references=references, question=question)


def _add_run(parts: list[Inline], text: str, notes: Notes, references: ReferenceFinder | None, question: bool) -> None:
    """The parts of a text without marks, added to ``parts``."""
    spans: list[tuple[int, int, Inline]] = []
    for match in patterns.URL.finditer(text):
        href = normalise_url(match.group())
        spans.append((match.start(), match.end(), Url(match.group(), href if is_safe(href) else "")))
    urls = [(start, end) for start, end, _ in spans]
    found = note_references(text) if question else [note_label(match) for match in patterns.NOTE_LABEL.finditer(text)]
    for note in found:
        if note.label in notes and not any(start < note.end and note.start < end for start, end in urls):
            printed = "" if note.printed == f"[{note.label}]" else note.printed
            spans.append((note.start, note.end, NoteRef(note.label, printed, notes[note.label])))
    if references is not None:
        taken = [(start, end) for start, end, _ in spans]
        for start, end, reference in references(text):
            if not any(start < other_end and other_start < end for other_start, other_end in taken):
                spans.append((start, end, reference))
    position = 0
    for start, end, part in sorted(spans, key=lambda span: span[0]):
        if start > position:
            _add_text(parts, text[position:start])
        parts.append(part)
        position = end
    if position < len(text):
        _add_text(parts, text[position:])


def note_label(match: regex.Match[str]) -> NoteReference:
    """A note's label in brackets ("[1]") as a reference, wherever it stands."""
    return NoteReference(match.start(), match.end(), match["label"], match.group(), False)


def _add_text(parts: list[Inline], text: str) -> None:
    if parts and isinstance(parts[-1], Text):
        parts[-1] = Text(parts[-1].text + text)
    else:
        parts.append(Text(text))


def footnotes(texts: Sequence[FootnoteText], parse: Parse) -> tuple[Footnote, ...]:
    """The footnotes with their inline parts."""
    return tuple(Footnote(f.number, parse(f.text), f.urls, Span(f.page, f.lines, box=f.box)) for f in texts)


def notes(texts: Sequence[NoteText], parse: Parse) -> tuple[Note, ...]:
    """The questions' notes with their inline parts."""
    return tuple(Note(note.label, parse(note.text), note.urls, note.span) for note in texts)


def references_of(document: Document) -> list[DocumentReference]:
    """Every reference part of the document with where it stands, in the order of the letter."""
    return [
        DocumentReference(part.type, part.identifier, part.printed, part.url, where, span.page)
        for where, span, paragraph in document.paragraphs()
        for part in paragraph
        if isinstance(part, Reference)
    ]
