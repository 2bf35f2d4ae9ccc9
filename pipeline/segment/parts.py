"""Parts: cut the body along the chosen reading into cover, questions, answers and notes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from pipeline import patterns
from pipeline.model import BodyLine, DocumentWarning, Marked, NoteText, Span
from pipeline.notes import reads_as_citation, referred_labels
from pipeline.segment.assign import Reading
from pipeline.segment.blocks import span_of, split_paragraphs
from pipeline.segment.candidates import SENTENCE_ENDS, QuestionStart, ends_paragraph
from pipeline.text import join_marked

_QUESTION_ENDS = ("?", "?”", "?»", "?’", '?"')
_NOTE_LINES = 4
"""How many lines of a note are read to tell whether it cites a source."""
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
    printed: bool = True
    """Its number is printed; False when it is its place in reading order."""


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
    printed: bool = True
    """A question whose number is printed; False when it is its place in reading order."""

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
    if text == line.text:
        return line
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
    walk = _Walk(reading, lines)
    for index, line in enumerate(lines):
        if not line.text or (line.page_start and index and ends_paragraph(lines[index - 1].text)):
            # A blank line ends a paragraph, and so does a page break after a sentence's end.
            walk.break_paragraph()
        if line.text:
            walk.place(index, line)
    walk.close()
    return walk.parts


@dataclass
class _Walk:
    """The walk of ``cut_parts``: the part being collected, and the question numbers so far."""

    reading: Reading
    lines: Sequence[BodyLine]
    parts: Parts = field(default_factory=Parts)
    part: _Part | None = None
    next_number: int = 1
    asked: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    """Questions asked that no answer answered yet."""
    answer_due: bool = False
    """A note was printed right after its question, in a letter whose answers carry no label."""

    def __post_init__(self) -> None:
        self.starts = {start.line: start for start in self.reading.questions}
        self.labels = {label.line: label for label in self.reading.labels}
        self.unlabelled = dict(self.reading.unlabelled)
        self.interludes = set(self.reading.interludes)

    def place(self, index: int, line: BodyLine) -> None:
        """Put a line where the reading says it goes: it opens a part, or joins the one open."""
        starts, labels, unlabelled = self.starts, self.labels, self.unlabelled
        if index in starts:
            self.question(line, starts[index])
        elif index in labels:
            label = labels[index]
            numbers = label.numbers or tuple(self.pending) or ((self.asked[-1],) if self.asked else ())
            self.answer(line, numbers, label.label, label.text)
        elif index in self.interludes:
            self.close()
            self.break_paragraph()
            self.parts.cover[-1].append(line)
        elif index in unlabelled:
            # Questions printed one after the other with no answer between them are answered
            # together by the first answer that follows (after the note printed right after them).
            if not self.note_at(index, line):
                self.answer(line, tuple(self.pending) or unlabelled[index], "", line.text)
        elif self.asked and not self.open("note") and patterns.MEDEDELING_LABEL.match(line.text):
            # The explanation of a Mededeling is letter text, like the cover letter.
            self.parts.mededeling = True
            self.close()
            self.parts.cover += [[line], []]
        elif patterns.NOTES_HEADING.match(line.text) and self.notes_follow(index):
            # "Noten" above the notes after the answers: letter text, like a signature there.
            self.close()
            self.parts.cover += [[line], []]
        elif self.note_at(index, line):
            pass
        elif self.answer_due and self.open("note") and self.pending and not self.part_paragraph_open():
            # The paragraph after a note printed right after its question: the unlabelled answer.
            self.answer(line, tuple(self.pending), "", line.text)
        elif self.part is None:
            self.parts.cover[-1].append(line)
        else:
            self.part.add(line)

    def note_at(self, index: int, line: BodyLine) -> bool:
        """Open a note of the questions at this line if one starts here; one printed right after its
        question in a letter whose answers carry no label makes the next paragraph the answer."""
        note = patterns.QUESTION_NOTE.match(line.text)
        if note is None:
            return False
        if not self.starts_note(note["label"], self.read_on(index)) and not self.closing_notes(index):
            return False
        self.answer_due = self.open("question") and bool(self.unlabelled)
        self.open_part(_Part("note", (), note["label"], line), line, note["text"])
        return True

    def part_paragraph_open(self) -> bool:
        """True if the part collected has a paragraph under way (no blank line ended it)."""
        return self.part is not None and bool(self.part.paragraphs[-1])

    def starts_note(self, label: str, text: str) -> bool:
        """A question's own note "[1]" or "1)" (``text``: its paragraph): numbered on from the note
        before; or a note the questions refer to that is not printed yet, after the answers (the
        first of them, or any that cites a source) or right after its question (there only after
        the question's last sentence, and only text that cites a source: "1) hoeveel ..." in a
        question is an item of it)."""
        part = self.part
        if part is not None and part.kind == "note":
            # Numbered on, a number or two may be missing ("[1]", "[2]", "[4]": jenv-06 has no [3]).
            return int(part.label) < int(label) <= int(part.label) + 3
        asked = [question.text.text for question in self.parts.questions]
        in_question = part is not None and part.kind == "question"
        if part is not None and in_question:
            asked.append(" ".join(line.text for paragraph in part.paragraphs for line in paragraph))
        referred = referred_labels(asked)
        waiting = sorted(referred - {note.label for note in self.parts.notes}, key=int)
        cites = label in waiting and reads_as_citation(text)
        if part is not None and in_question:
            last = next((paragraph[-1].text for paragraph in reversed(part.paragraphs) if paragraph), "")
            ended = not part.paragraphs[-1] or last.rstrip().endswith(("?", ".", ")", "]", "’", "”", '"'))
            return cites and ended
        return cites or (bool(waiting) and label == waiting[0]) or (label == "1" and "1" in referred)

    def closing_notes(self, index: int) -> bool:
        """True if the notes of the questions start here although no question refers to them (the
        letter dropped the references, as ministries do when they copy the questions): after the
        last answer, "1)" and its source, then only notes numbered on, up to the letter's end or
        its closing. Checks report the notes nobody refers to."""
        first = patterns.FIRST_QUESTION_NOTE.match(self.lines[index].text)
        if first is None or not self.open("answer") or self.pending or not reads_as_citation(self.read_on(index)):
            return False
        expected = 2
        for position in range(index + 1, len(self.lines)):
            if position in self.interludes or position in self.starts or position in self.labels:
                return position not in self.starts and position not in self.labels
            text = self.lines[position].text
            opening = not self.lines[position - 1].text or bool(patterns.QUESTION_NOTE.match(text))
            if not text or not opening:
                continue
            note = patterns.QUESTION_NOTE.match(text)
            if note is None or int(note["label"]) != expected or not reads_as_citation(self.read_on(position)):
                return False
            expected += 1
        return True

    def notes_follow(self, index: int) -> bool:
        """True if the next line of text is a note of the questions that they refer to."""
        following = next((line for line in self.lines[index + 1 :] if line.text), None)
        note = patterns.QUESTION_NOTE.match(following.text) if following is not None else None
        asked = [question.text.text for question in self.parts.questions]
        return note is not None and note["label"] in referred_labels(asked)

    def read_on(self, index: int) -> str:
        """The text of the paragraph that starts at line ``index`` (up to a blank line, a few lines)."""
        following = itertools.takewhile(lambda line: bool(line.text), self.lines[index : index + _NOTE_LINES])
        return " ".join(line.text for line in following)

    def question(self, line: BodyLine, start: QuestionStart) -> None:
        self.answer_due = False
        numbers = start.numbers or (self.next_number,)
        self.open_part(_Part("question", numbers, start.label, line, printed=bool(start.numbers)), line, start.text)
        self.asked.extend(numbers)
        self.pending.extend(numbers)
        self.next_number = max(self.asked) + 1

    def answer(self, line: BodyLine, numbers: tuple[int, ...], label: str, text: str) -> None:
        self.answer_due = False
        self.pending = [number for number in self.pending if number not in numbers]
        self.open_part(_Part("answer", numbers, label, line), line, text)

    def open_part(self, part: _Part, line: BodyLine, text: str) -> None:
        """Close the part before and open this one, with the text its opening line holds."""
        self.close()
        self.part = part
        if text:
            part.add(after_label(line, text))

    def open(self, kind: str) -> bool:
        return self.part is not None and self.part.kind == kind

    def break_paragraph(self) -> None:
        if self.part is not None:
            self.part.break_paragraph()
        elif self.parts.cover[-1]:
            self.parts.cover.append([])

    def close(self) -> None:
        """The part collected so far, done: a question (split per number), answer or note."""
        part, parts = self.part, self.parts
        if part is None:
            return
        texts = part.texts()
        if part.kind == "question":
            parts.questions.extend(split_question(part, texts, parts.warnings))
        elif part.kind == "answer":
            if not texts:
                warning = DocumentWarning.at("empty-answer", f"'{part.label}' is followed by no text", part.span())
                parts.warnings.append(warning)
            parts.answers.append(AnswerLines(part.numbers, part.label, part.pieces(), part.span()))
        else:
            parts.notes.extend(split_notes(NoteText(part.label, join_spaced(texts), part.span())))
        self.part = None


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
        return [QuestionText(part.numbers[0], part.label, join_spaced(texts), span, part.printed)]
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
                QuestionText(number, part.label, join_marked(line.marked for line in piece), span_of(piece))
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
        DocumentWarning.at(
            "combined-question",
            f"'{part.label}' could not be split into {len(part.numbers)} questions; "
            f"its text is kept whole under question {part.numbers[0]}",
            span,
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
