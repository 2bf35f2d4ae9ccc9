"""Parts: cut the body along the chosen reading into cover, questions, answers and notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from pipeline import patterns
from pipeline.model import Answer, BodyLine, DocumentWarning, NoteText, Question
from pipeline.segment.assign import Reading
from pipeline.segment.candidates import SENTENCE_ENDS, ends_paragraph
from pipeline.text import join_lines

_QUESTION_ENDS = ("?", "?”", "?»", "?’", '?"')
_GLUED_NEW_QUESTION = regex.compile(r"(?<=\?[”’\"]?(?:\[\^\d+\])*)(?=[\p{Lu}“‘])", regex.VERSION1)
"""A question mark with the next question glued to it ("hiervan?Deelt"): a line end the text
layer lost, so the next question started on a new line."""
_ASKED_THEN_NEW_SENTENCE = regex.compile(r"(?<=\?[”’\"]?(?:\[\^\d+\])*)\s*(?=[\p{Lu}“‘])", regex.VERSION1)
# VERSION1: split at empty matches too, as ``re`` does.


_BULLET_LINE = regex.compile(r"^[•▪➢❖✓◦●■]\s")
_DASH_OR_NUMBERED_LINE = regex.compile(r"^(?:[–-]|(?:\d{1,2}|[a-z])[.)])\s+\S")
"""A dash or a number opens an item only after a line that ended a clause: "– Jeugd, Preventie en
Sport)" continues the ministry's name before it."""


def is_table_row(text: str) -> bool:
    """True for a row of a table: its cells kept apart by tabs (only PDF extraction writes them)."""
    return "\t" in text


def is_table(lines: Sequence[str]) -> bool:
    """True for the lines of a table: rows, every one."""
    return bool(lines) and all(is_table_row(line) for line in lines)


def paragraph_text(lines: Sequence[str]) -> str:
    r"""A paragraph's lines as one text; a table's rows stay one per line.

    >>> paragraph_text(["Grond\t2021", "Geslacht\t2"]), paragraph_text(["een lange", "zin."])
    ('Grond\t2021\nGeslacht\t2', 'een lange zin.')
    """
    if is_table(lines):
        return "\n".join(lines)
    return join_lines(lines)


def starts_list_item(text: str, previous: str) -> bool:
    """True if a line opens an item of a list: a bullet, or a number or letter after a line that
    ended a clause.

    >>> starts_list_item("• Inzicht hebben in de eigen systemen;", "ondernomen worden:")
    True
    >>> starts_list_item("2. Controles door de inspecties;", "de volgende punten: 1. controles;")
    True
    >>> starts_list_item("3 procent van het budget", "ongeveer")
    False
    >>> starts_list_item("– Jeugd, Preventie en Sport)", "(Volksgezondheid, Welzijn en Sport")
    False
    """
    if _BULLET_LINE.match(text):
        return True
    return bool(_DASH_OR_NUMBERED_LINE.match(text)) and previous.rstrip().endswith((":", ";", "."))


@dataclass
class _Part:
    """A question, answer or note being collected; paragraphs are lists of lines."""

    kind: str
    numbers: tuple[int, ...]
    label: str
    page: int
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    printed: bool = True
    """A question whose number is printed; False when it is its place in reading order."""

    def add(self, text: str) -> None:
        # A bullet or a numbered item after a line that ends a clause starts a new paragraph:
        # each item of a list is one (Word lists are printed with no space between the items).
        previous = self.paragraphs[-1][-1] if self.paragraphs[-1] else ""
        if previous and (starts_list_item(text, previous) or is_table_row(text) != is_table_row(previous)):
            self.break_paragraph()
        elif not previous and is_table_row(text) and len(self.paragraphs) > 1 and is_table(self.paragraphs[-2]):
            # Rows set apart by white space are still one table.
            self.paragraphs.pop()
        self.paragraphs[-1].append(text)

    def break_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def texts(self) -> tuple[str, ...]:
        return tuple(text for text in (paragraph_text(lines) for lines in self.paragraphs) if text)


@dataclass
class Parts:
    """What the body holds, in the order printed."""

    cover: list[list[BodyLine]] = field(default_factory=lambda: [[]])
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    notes: list[NoteText] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)
    mededeling: bool = False
    """An Aanhangsel Mededeling: an explanation instead of answers."""


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
            parts.answers.append(Answer(part.numbers, part.label, texts, part.page))
        else:
            parts.notes.extend(split_notes(NoteText(part.label, " ".join(texts), part.page)))
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
            part = _Part("question", numbers, start.label, line.page, printed=bool(start.numbers))
            if start.text:
                part.add(start.text)
            asked.extend(numbers)
            pending.extend(numbers)
            next_number = max(asked) + 1
            continue
        if index in labels:
            close()
            label = labels[index]
            numbers = label.numbers or tuple(pending) or ((asked[-1],) if asked else ())
            pending = [number for number in pending if number not in numbers]
            part = _Part("answer", numbers, label.label, line.page)
            if label.text:
                part.add(label.text)
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
            part = _Part("answer", numbers, "", line.page)
            part.add(text)
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
            part = _Part("note", (), note["label"], line.page)
            part.add(note["text"])
            continue
        if part is None:
            parts.cover[-1].append(line)
        else:
            part.add(text)
    close()
    return parts


def _starts_note(label: str, part: _Part | None, questions: Sequence[Question]) -> bool:
    """A question's own note "[1]" or "1)" after the answers: numbered on from the one before."""
    if part is not None and part.kind == "note":
        # Numbered on, a number or two may be missing ("[1]", "[2]", "[4]": jenv-06 has no [3]).
        return int(part.label) < int(label) <= int(part.label) + 3
    if part is not None and part.kind == "question":
        return False  # a numbered line inside a question is the question's own text
    return label == "1" and any(
        "[1]" in question.text or regex.search(r"(?<![\w(])1\)", question.text) for question in questions
    )


def split_notes(note: NoteText) -> list[NoteText]:
    """A note with the next ones run into it ("... politie[3] https://...", as Word printed it)
    is cut where the next note's label stands.

    >>> [(n.label, n.text) for n in split_notes(NoteText("2", "https://a.nl/x[3] https://b.nl/y", 4))]
    [('2', 'https://a.nl/x'), ('3', 'https://b.nl/y')]
    """
    notes = [note]
    while True:
        last = notes[-1]
        following = next(
            (
                match
                for match in regex.finditer(r"\[(?P<label>\d{1,2})\]\s*", last.text)
                if int(last.label) < int(match["label"]) <= int(last.label) + 3 and match.start() > 0
            ),
            None,
        )
        if following is None:
            return notes
        notes[-1] = NoteText(last.label, last.text[: following.start()].rstrip(), last.page)
        notes.append(NoteText(following["label"], last.text[following.end() :], last.page))


def split_question(part: _Part, texts: tuple[str, ...], warnings: list[DocumentWarning]) -> list[Question]:
    """One Question per number; a block printed under "Vraag 3, 4 en 5" is split per question.

    Each question of such a block starts after one that ends with a question mark: at a line
    end first, then inside a line ("hiervan?Deelt"), and failing that at any sentence end.
    """
    if len(part.numbers) == 1:
        return [Question(part.numbers[0], " ".join(texts), part.page, part.label, number_printed=part.printed)]
    lines = [line for paragraph in part.paragraphs for line in paragraph]
    for ends in (_QUESTION_ENDS, SENTENCE_ENDS):
        pieces: list[list[str]] = [[]]
        for line in lines:
            pieces[-1].append(line)
            if patterns.FOOTNOTE_REFERENCE.sub("", line).rstrip().endswith(ends):
                pieces.append([])
        pieces = [piece for piece in pieces if piece]
        if len(pieces) == len(part.numbers):
            return [
                Question(number, join_lines(piece), part.page, part.label)
                for number, piece in zip(part.numbers, pieces, strict=True)
            ]
    for boundary in (_GLUED_NEW_QUESTION, _ASKED_THEN_NEW_SENTENCE):
        sentences = split_asked(" ".join(texts), boundary)
        if len(sentences) == len(part.numbers):
            return [
                Question(number, sentence, part.page, part.label)
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
        Question(number, " ".join(texts) if index == 0 else "", part.page, part.label)
        for index, number in enumerate(part.numbers)
    ]


def split_asked(text: str, boundary: regex.Pattern[str]) -> list[str]:
    """Cut a block of questions after each question mark that the boundary accepts; a piece that
    continues the question before it ("Zo ja, welke?") stays with it.

    >>> split_asked("Klopt dat? Zo ja, welke?Deelt u dit?", _GLUED_NEW_QUESTION)
    ['Klopt dat? Zo ja, welke?', 'Deelt u dit?']
    """
    pieces: list[str] = []
    for piece in boundary.split(text):
        piece = piece.strip()
        if pieces and patterns.QUESTION_CONTINUATION.match(piece):
            pieces[-1] = f"{pieces[-1]} {piece}"
        elif piece:
            pieces.append(piece)
    return pieces
