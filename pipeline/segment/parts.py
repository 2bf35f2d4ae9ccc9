"""Parts: cut the body along the chosen reading into cover, questions, answers and notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from pipeline import patterns
from pipeline.model import BodyLine, DocumentWarning, Marked, NoteText, Span
from pipeline.segment.assign import Reading
from pipeline.segment.blocks import span_of, split_paragraphs
from pipeline.segment.candidates import SENTENCE_ENDS, ends_paragraph
from pipeline.text import join_marked

_QUESTION_ENDS = ("?", "?”", "?»", "?’", '?"')
_GLUED_NEW_QUESTION = regex.compile(r"(?<=\?[”’\"]?)(?=[\p{Lu}“‘])", regex.VERSION1)
"""A question mark with the next question glued to it ("hiervan?Deelt"): a line end the text
layer lost, so the next question started on a new line."""
_ASKED_THEN_NEW_SENTENCE = regex.compile(r"(?<=\?[”’\"]?)\s*(?=[\p{Lu}“‘])", regex.VERSION1)
# VERSION1: split at empty matches too, as ``re`` does.


@dataclass(frozen=True)
class QuestionText:
    """A question as cut from the body, before its inline parts are made."""

    number: int
    label: str
    text: Marked
    span: Span


@dataclass(frozen=True)
class AnswerLines:
    """An answer as cut from the body: its paragraphs of lines, each list item and table apart."""

    questions: tuple[int, ...]
    label: str
    paragraphs: list[list[BodyLine]]
    span: Span


@dataclass
class _Part:
    """A question, answer or note being collected; paragraphs are lists of lines."""

    kind: str
    numbers: tuple[int, ...]
    label: str
    opening: BodyLine
    """The line that opens it (its label, or its first line)."""
    paragraphs: list[list[BodyLine]] = field(default_factory=lambda: [[]])

    @property
    def page(self) -> int:
        return self.opening.page

    def add(self, line: BodyLine) -> None:
        self.paragraphs[-1].append(line)

    def break_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def pieces(self) -> list[list[BodyLine]]:
        """Its paragraphs, each list item and each table apart (Word prints list items with no
        space between them)."""
        return split_paragraphs(paragraph for paragraph in self.paragraphs if paragraph)

    def texts(self) -> list[Marked]:
        return [text for text in (join_marked(line.marked for line in piece) for piece in self.pieces()) if text]

    def span(self) -> Span:
        return span_of([self.opening, *(line for paragraph in self.paragraphs for line in paragraph)])


@dataclass
class Parts:
    """What the body holds, in the order printed."""

    cover: list[list[BodyLine]] = field(default_factory=lambda: [[]])
    questions: list[QuestionText] = field(default_factory=list)
    answers: list[AnswerLines] = field(default_factory=list)
    notes: list[NoteText] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)
    mededeling: bool = False
    """An Aanhangsel Mededeling: an explanation instead of answers."""


def after_label(line: BodyLine, text: str) -> BodyLine:
    """What a line holds after its label: ``text`` (the end of the line as a pattern read it), with
    the line's marks from there on, and any before it (on the label) at its start."""
    rest = line.marked.tail(len(line.text) - line.text.rfind(text))
    return BodyLine(rest.text, line.page, line.number, line.bold, line.page_start, line.italic, line.box, rest.marks)


def join_spaced(texts: Sequence[Marked]) -> Marked:
    """Texts one after the other, a space between each two."""
    joined = Marked()
    for text in texts:
        joined = text if not joined else joined + " " + text
    return joined


def cut_parts(lines: Sequence[BodyLine], reading: Reading) -> Parts:
    """Walk the body once along the reading; every line lands in exactly one part."""
    questions = {start.line: start for start in reading.questions}
    labels = {label.line: label for label in reading.labels}
    unlabelled = dict(reading.unlabelled)
    interludes = set(reading.interludes)
    parts = Parts()
    part: _Part | None = None
    next_number = 1
    asked: list[int] = []
    pending: list[int] = []

    def close() -> None:
        nonlocal part
        if part is None:
            return
        texts = part.texts()
        if part.kind == "question":
            parts.questions.extend(split_question(part, texts, parts.warnings))
        elif part.kind == "answer":
            if not texts:
                parts.warnings.append(
                    DocumentWarning("empty-answer", f"'{part.label}' is followed by no text", part.page)
                )
            parts.answers.append(AnswerLines(part.numbers, part.label, part.pieces(), part.span()))
        else:
            parts.notes.extend(split_notes(NoteText(part.label, join_spaced(texts), part.span())))
        part = None

    for index, line in enumerate(lines):
        text = line.text
        if not text:
            if part is None:
                if parts.cover[-1]:
                    parts.cover.append([])
            else:
                part.break_paragraph()
            continue
        if line.page_start and index and ends_paragraph(lines[index - 1].text):
            if part is None:
                if parts.cover[-1]:
                    parts.cover.append([])
            else:
                part.break_paragraph()
        if index in questions:
            close()
            start = questions[index]
            numbers = start.numbers or (next_number,)
            part = _Part("question", numbers, start.label, line)
            if start.text:
                part.add(after_label(line, start.text))
            asked.extend(numbers)
            pending.extend(numbers)
            next_number = max(asked) + 1
            continue
        if index in labels:
            close()
            label = labels[index]
            numbers = label.numbers or tuple(pending) or ((asked[-1],) if asked else ())
            pending = [number for number in pending if number not in numbers]
            part = _Part("answer", numbers, label.label, line)
            if label.text:
                part.add(after_label(line, label.text))
            continue
        if index in interludes:
            close()
            if parts.cover[-1]:
                parts.cover.append([])
            parts.cover[-1].append(line)
            continue
        if index in unlabelled:
            close()
            # Questions printed one after the other with no answer between them are answered
            # together by the first answer that follows.
            numbers = tuple(pending) or unlabelled[index]
            pending = [number for number in pending if number not in numbers]
            part = _Part("answer", numbers, "", line)
            part.add(line)
            continue
        if asked and (part is None or part.kind != "note") and patterns.MEDEDELING_LABEL.match(text):
            # The explanation of a Mededeling is letter text, like the cover letter.
            parts.mededeling = True
            close()
            parts.cover.append([line])
            parts.cover.append([])
            continue
        note = patterns.QUESTION_NOTE.match(text)
        if note and _starts_note(note["label"], part, parts.questions):
            close()
            part = _Part("note", (), note["label"], line)
            part.add(after_label(line, note["text"]))
            continue
        if part is None:
            parts.cover[-1].append(line)
        else:
            part.add(line)
    close()
    return parts


def _starts_note(label: str, part: _Part | None, questions: Sequence[QuestionText]) -> bool:
    """A question's own note "[1]" or "1)" after the answers: numbered on from the one before."""
    if part is not None and part.kind == "note":
        # Numbered on, a number or two may be missing ("[1]", "[2]", "[4]": jenv-06 has no [3]).
        return int(part.label) < int(label) <= int(part.label) + 3
    if part is not None and part.kind == "question":
        return False  # a numbered line inside a question is the question's own text
    return label == "1" and any(
        reference["label"] == "1"
        for question in questions
        for reference in patterns.NOTE_REFERENCE.finditer(question.text.text)
    )


def split_notes(note: NoteText) -> list[NoteText]:
    """A note with the next ones run into it ("... politie[3] https://...", as Word printed it)
    is cut where the next note's label stands.

    >>> notes = split_notes(NoteText("2", Marked("https://a.nl/x[3] https://b.nl/y"), Span(4)))
    >>> [(note.label, note.text.text) for note in notes]
    [('2', 'https://a.nl/x'), ('3', 'https://b.nl/y')]
    """
    notes = [note]
    while True:
        last = notes[-1]
        following = next(
            (
                match
                for match in patterns.NOTE_LABEL.finditer(last.text.text)
                if int(last.label) < int(match["label"]) <= int(last.label) + 3 and match.start() > 0
            ),
            None,
        )
        if following is None:
            return notes
        before, rest = last.text.cut(following.start())
        after = rest.tail(len(rest.text) - (following.end() - following.start()))
        notes[-1] = NoteText(last.label, before.strip(), last.span)
        notes.append(NoteText(following["label"], after.strip(), last.span))


def split_question(part: _Part, texts: Sequence[Marked], warnings: list[DocumentWarning]) -> list[QuestionText]:
    """One question per number; a block printed under "Vraag 3, 4 en 5" is split per question.

    Each question of such a block starts after one that ends with a question mark: at a line
    end first, then inside a line ("hiervan?Deelt"), and failing that at any sentence end.
    """
    span = part.span()
    if len(part.numbers) == 1:
        return [QuestionText(part.numbers[0], part.label, join_spaced(texts), span)]
    lines = [line for paragraph in part.paragraphs for line in paragraph]
    for ends in (_QUESTION_ENDS, SENTENCE_ENDS):
        pieces: list[list[BodyLine]] = [[]]
        for line in lines:
            pieces[-1].append(line)
            if line.text.rstrip().endswith(ends):
                pieces.append([])
        pieces = [piece for piece in pieces if piece]
        if len(pieces) == len(part.numbers):
            return [
                QuestionText(number, part.label, join_marked(line.marked for line in piece), span)
                for number, piece in zip(part.numbers, pieces, strict=True)
            ]
    for boundary in (_GLUED_NEW_QUESTION, _ASKED_THEN_NEW_SENTENCE):
        sentences = split_asked(join_spaced(texts), boundary)
        if len(sentences) == len(part.numbers):
            return [
                QuestionText(number, part.label, sentence, span)
                for number, sentence in zip(part.numbers, sentences, strict=True)
            ]
    warnings.append(
        DocumentWarning(
            "combined-question",
            f"'{part.label}' could not be split into {len(part.numbers)} questions; "
            f"its text is kept whole under question {part.numbers[0]}",
            part.page,
        )
    )
    return [
        QuestionText(number, part.label, join_spaced(texts) if index == 0 else Marked(), span)
        for index, number in enumerate(part.numbers)
    ]


def split_asked(text: Marked, boundary: regex.Pattern[str]) -> list[Marked]:
    """Cut a block of questions after each question mark that the boundary accepts; a piece that
    continues the question before it ("Zo ja, welke?") stays with it.

    >>> [piece.text for piece in split_asked(Marked("Klopt dat? Zo ja, welke?Deelt u dit?"), _GLUED_NEW_QUESTION)]
    ['Klopt dat? Zo ja, welke?', 'Deelt u dit?']
    """
    pieces: list[Marked] = []
    rest, taken = text, 0
    cuts = [match.end() for match in boundary.finditer(text.text)] + [len(text.text)]
    for cut in cuts:
        piece, rest = rest.cut(cut - taken)
        taken = cut
        piece = piece.strip()
        if pieces and patterns.QUESTION_CONTINUATION.match(piece.text):
            pieces[-1] = pieces[-1] + " " + piece
        elif piece:
            pieces.append(piece)
    return pieces
