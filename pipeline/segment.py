"""Segmenting: take the cleaned body apart into cover letter, questions, answers and notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from pipeline import patterns
from pipeline.model import (
    Answer,
    Block,
    BodyLine,
    CleanDocument,
    DocumentKind,
    DocumentWarning,
    NoteText,
    Question,
    SegmentedDocument,
)
from pipeline.text import join_lines

_TERMINAL = (".", "!", "?", ":", ".”", "?”", ".’", "?’", '."', '?"', ".)", "?)")
_MAX_HEADING_LENGTH = 90


@dataclass
class _Part:
    """A question, answer or note being collected; paragraphs are lists of lines."""

    kind: str
    numbers: tuple[int, ...]
    label: str
    page: int
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])

    def add(self, text: str) -> None:
        self.paragraphs[-1].append(text)

    def break_paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def texts(self) -> tuple[str, ...]:
        return tuple(text for text in (join_lines(lines) for lines in self.paragraphs) if text)


def parse_numbers(text: str) -> tuple[int, ...]:
    """The question numbers of a label: "3, 4, 5, 9 en 10" -> (3, 4, 5, 9, 10).

    >>> parse_numbers("7, 8, 9 10 en 11")
    (7, 8, 9, 10, 11)
    """
    return tuple(int(number) for number in patterns.NUMBER.findall(text or ""))


def ends_paragraph(text: str) -> bool:
    """True if a line ends a sentence, so that a page break after it also ends the paragraph."""
    stripped = patterns.FOOTNOTE_REFERENCE.sub("", text).rstrip()
    return stripped.endswith(_TERMINAL)


def answer_label(text: str) -> tuple[str, tuple[int, ...], str] | None:
    """Read an answer label: (label as printed, question numbers, text after it on the line).

    >>> answer_label("Antwoord vraag 4 en 5:")
    ('Antwoord vraag 4 en 5:', (4, 5), '')
    >>> answer_label("Antwoord van Minister Heinen (Financiën)") is None
    True
    """
    match = patterns.ANSWER_LABEL.match(text)
    if not match:
        return None
    label = match["label"].strip()
    rest = match["text"].strip()
    if not (match["numbers"] or label.endswith((":", ".")) or not rest):
        return None
    return label, parse_numbers(match["numbers"] or ""), rest


def asks_something(lines: Sequence[BodyLine]) -> bool:
    """True if the paragraph starting with these lines has a question mark before it ends."""
    for index, line in enumerate(lines):
        if not line.text or answer_label(line.text) or (index and line.page_start):
            return False
        if "?" in line.text:
            return True
    return False


class _Segmenter:
    """Walks the body lines once, as a reader would, and collects the parts of the letter."""

    def __init__(self, body: Sequence[BodyLine]) -> None:
        self.body = body
        self.cover: list[list[BodyLine]] = [[]]
        self.questions: list[Question] = []
        self.answers: list[Answer] = []
        self.notes: list[NoteText] = []
        self.warnings: list[DocumentWarning] = []
        self.part: _Part | None = None
        self.pending: list[int] = []
        self.next_question = 1
        self.seen: set[int] = set()
        self.mededeling = False
        self.question_style = ""
        # Numbered paragraphs are questions only in a letter that labels answers somewhere;
        # elsewhere "1. Inleiding" is a numbered heading.
        self.has_answer_labels = any(answer_label(line.text) for line in body if line.text)

    def run(self) -> None:
        at_break = True
        for index, line in enumerate(self.body):
            if not line.text:
                self.paragraph_break()
                at_break = True
                continue
            if line.page_start and index and ends_paragraph(self.body[index - 1].text):
                self.paragraph_break()
                at_break = True
            self.take(index, line, at_break)
            at_break = False
        self.close()
        for number in self.pending:
            self.warnings.append(
                DocumentWarning("unanswered-question", f"question {number} has no answer", self.page_of(number))
            )

    def page_of(self, number: int) -> int | None:
        return next((question.page for question in self.questions if question.number == number), None)

    def paragraph_break(self) -> None:
        if self.part is None:
            if self.cover[-1]:
                self.cover.append([])
        elif self.part.kind == "question" and self.question_style == "numbered":
            self.part.break_paragraph()
        else:
            self.part.break_paragraph()

    def take(self, index: int, line: BodyLine, at_break: bool) -> None:
        text = line.text
        in_notes = self.part is not None and self.part.kind == "note"
        if not in_notes and self.starts_question(index, at_break or line.page_start):
            return self.open_question(text, line)
        asked = bool(self.questions) or (self.part is not None and self.part.kind == "question")
        label = answer_label(text) if asked and not in_notes else None
        if label:
            return self.open_answer(label, line)
        if asked and not in_notes and patterns.MEDEDELING_LABEL.match(text):
            # The explanation of a Mededeling is letter text, like the cover letter.
            self.mededeling = True
            self.close()
            self.cover.append([line])
            self.cover.append([])
            return None
        note = patterns.QUESTION_NOTE.match(text)
        if note and self.starts_note(note["label"]):
            self.close()
            self.part = _Part("note", (), note["label"], line.page)
            self.part.add(note["text"])
            return None
        if self.part is None:
            self.cover[-1].append(line)
        elif self.part.kind == "question" and self.begins_unlabelled_answer(index, at_break):
            self.open_answer(("", (), text), line)
        else:
            self.part.add(text)
        return None

    def starts_question(self, index: int, at_break: bool) -> bool:
        text = self.body[index].text
        labelled = patterns.QUESTION_LABEL.match(text)
        if labelled:
            numbers = parse_numbers(labelled["numbers"])
            if not numbers or numbers[0] in self.seen:
                return False
            # Questions can be printed out of order; a label on a line of its own says so.
            return self.next_question <= numbers[0] <= self.next_question + 1 or not labelled["text"]
        numbered = patterns.NUMBERED_QUESTION.match(text)
        if not numbered or not at_break or self.question_style == "labelled" or not self.has_answer_labels:
            return False
        following = self.body[index:] if numbered["text"] else self.body[index + 1 :]
        if not numbered["text"] and not (index + 1 < len(self.body) and self.body[index + 1].text):
            return False
        return int(numbered["number"]) == self.next_question and asks_something(following)

    def starts_note(self, label: str) -> bool:
        if not self.questions:
            return False
        if self.part is not None and self.part.kind == "note":
            return label == str(int(self.part.label) + 1)
        return label == "1" and any(
            "[1]" in question.text or regex.search(r"(?<![\w(])1\)", question.text) for question in self.questions
        )

    def begins_unlabelled_answer(self, index: int, at_break: bool) -> bool:
        """After a numbered question, text that is not a label is its answer.

        It starts after a blank line, or, inside the question's paragraph, on the line after one
        that ends with a question mark when nothing after it up to the next blank line asks
        anything (question 12 of the seed: "... 25 januari?" / "Wij hebben geprobeerd ...").
        """
        if self.question_style == "labelled":
            # A "Vraag N" block runs to its "Antwoord" label, unless an answer follows with no
            # label: a paragraph that asks nothing after a question that ended with "?".
            asked = " ".join(" ".join(lines) for lines in self.part.paragraphs) if self.part else ""
            return at_break and asked.rstrip().endswith("?") and not asks_something(self.body[index:])
        if at_break:
            return True
        previous = self.body[index - 1].text
        if not previous.rstrip().endswith("?") or not self.body[index].text[:1].isupper():
            return False
        rest = []
        for line in self.body[index:]:
            if not line.text:
                break
            rest.append(line.text)
        return not any("?" in text for text in rest)

    def open_question(self, text: str, line: BodyLine) -> None:
        self.close()
        labelled = patterns.QUESTION_LABEL.match(text)
        if labelled:
            self.question_style = "labelled"
            numbers = parse_numbers(labelled["numbers"])
            label = text[: len(text) - len(labelled["text"])].strip() if labelled["text"] else text.strip()
            first_text = labelled["text"]
        else:
            self.question_style = "numbered"
            numbered = patterns.NUMBERED_QUESTION.match(text)
            assert numbered is not None
            numbers = (int(numbered["number"]),)
            label = ""
            first_text = numbered["text"] or ""
        if numbers[0] != self.next_question and numbers[0] > max(self.seen, default=0):
            self.warnings.append(
                DocumentWarning(
                    "missing-question",
                    f"question {self.next_question} was expected but question {numbers[0]} follows",
                    line.page,
                )
            )
        self.part = _Part("question", numbers, label, line.page)
        if first_text:
            self.part.add(first_text)
        self.seen.update(numbers)
        self.next_question = max(self.seen) + 1

    def open_answer(self, label: tuple[str, tuple[int, ...], str], line: BodyLine) -> None:
        self.close()
        printed, numbers, rest = label
        if not numbers:
            numbers = tuple(self.pending) or ((self.questions[-1].number,) if self.questions else ())
        unknown = [number for number in numbers if number not in {q.number for q in self.questions}]
        if unknown:
            self.warnings.append(
                DocumentWarning(
                    "answer-without-question",
                    f"'{printed}' answers question(s) {', '.join(map(str, unknown))} that were not found",
                    line.page,
                )
            )
        self.pending = [number for number in self.pending if number not in numbers]
        self.part = _Part("answer", numbers, printed, line.page)
        if rest:
            self.part.add(rest)

    def close(self) -> None:
        part, self.part = self.part, None
        if part is None:
            return
        texts = part.texts()
        if part.kind == "question":
            self.questions.extend(split_question(part, texts, self.warnings))
            self.pending.extend(part.numbers)
        elif part.kind == "answer":
            if not texts:
                self.warnings.append(
                    DocumentWarning("empty-answer", f"'{part.label}' is followed by no text", part.page)
                )
            self.answers.append(Answer(part.numbers, part.label, texts, part.page))
        else:
            self.notes.append(NoteText(part.label, " ".join(texts), part.page))


def split_question(part: _Part, texts: tuple[str, ...], warnings: list[DocumentWarning]) -> list[Question]:
    """One Question per number; a block printed under "Vraag 3, 4 en 5" is split per question.

    Each question of such a block starts on a new line after one that ends a question, so the
    block is cut at line ends with a question mark (or, failing that, any sentence end).
    """
    if len(part.numbers) == 1:
        return [Question(part.numbers[0], " ".join(texts), part.page, part.label)]
    lines = [line for paragraph in part.paragraphs for line in paragraph]
    for ends in (("?", "?”", "?»"), _TERMINAL):
        pieces: list[list[str]] = [[]]
        for line in lines:
            pieces[-1].append(line)
            if line.rstrip().endswith(ends):
                pieces.append([])
        pieces = [piece for piece in pieces if piece]
        if len(pieces) == len(part.numbers):
            return [
                Question(number, join_lines(piece), part.page, part.label)
                for number, piece in zip(part.numbers, pieces, strict=True)
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


def cover_blocks(paragraphs: Sequence[Sequence[BodyLine]]) -> tuple[list[Block], list[tuple[str, ...]]]:
    """Sort the paragraphs before the first question into text blocks and signature blocks.

    A signature block is a paragraph that names a role ("De minister van ...") followed by a
    one-line paragraph with the name of who signed.
    """
    blocks: list[Block] = []
    signatures: list[tuple[str, ...]] = []
    filled = [part for paragraph in paragraphs if paragraph for part in split_bold_heading(paragraph)]
    index = 0
    while index < len(filled):
        paragraph = filled[index]
        texts = [line.text for line in paragraph]
        following = filled[index + 1] if index + 1 < len(filled) else None
        if (
            patterns.SIGNATORY_ROLE.match(texts[0])
            and len(texts) <= 3
            and following is not None
            and len(following) == 1
            and looks_like_name(following[0].text)
        ):
            signatures.append((*texts, following[0].text))
            index += 2
            continue
        blocks.append(text_block(paragraph))
        index += 1
    return blocks, signatures


def split_bold_heading(paragraph: Sequence[BodyLine]) -> list[Sequence[BodyLine]]:
    """A bold heading printed right above its text, with no space between, stands apart."""
    leading = 0
    while leading < len(paragraph) and paragraph[leading].bold:
        leading += 1
    if 0 < leading <= 2 and leading < len(paragraph):
        return [paragraph[:leading], paragraph[leading:]]
    return [paragraph]


def looks_like_name(text: str) -> bool:
    """A person's name as signed: a few capitalised words, initials allowed, no sentence.

    >>> looks_like_name("Alexandra C. van Huffelen")
    True
    >>> looks_like_name("Hoogachtend,")
    False
    """
    words = text.split()
    if not 2 <= len(words) <= 6 or text.rstrip().endswith((",", ":", ";")):
        return False
    capitals = sum(1 for word in words if word[:1].isupper())
    return capitals >= 2 and not text.rstrip().endswith("?")


def text_block(paragraph: Sequence[BodyLine]) -> Block:
    """A paragraph of running text, or a heading: a short bold or numbered title, no sentence.

    >>> text_block([BodyLine("2. Controles door de Arbeidsinspectie en de", 2, 1),
    ...             BodyLine("Inspectie Leefomgeving en Transport (ILT)", 2, 2)]).kind
    'heading'
    """
    text = join_lines(line.text for line in paragraph)
    numbered = bool(patterns.SECTION_NUMBER.match(text))
    bold = all(line.bold for line in paragraph)
    is_heading = (
        len(paragraph) <= 2
        and len(text) <= 2 * _MAX_HEADING_LENGTH
        and (len(paragraph) == 1 or numbered)
        and not text.endswith((".", ",", ";", ":"))
        and (bold or numbered)
    )
    return Block("heading" if is_heading else "paragraph", text, paragraph[0].page)


def document_kind(
    questions: Sequence[Question],
    answers: Sequence[Answer],
    is_letter: bool,
    mededeling: bool = False,
    header: Sequence[str] = (),
) -> DocumentKind:
    """``antwoorden`` with answers; ``mededeling`` for an Aanhangsel Mededeling (questions with an
    explanation instead of answers, or a notice of delay); ``vragen`` for questions as they were
    sent in; ``kamerbrief`` for any other letter to parliament; ``unknown`` for anything else.

    ``header`` holds the first paragraphs, where a Mededeling or a set of questions names itself.
    """
    if questions and answers:
        return "antwoorden"
    if mededeling or any(patterns.MEDEDELING_HEADER.search(text) for text in header):
        return "mededeling"
    if questions or any(patterns.QUESTIONS_HEADER.search(text) for text in header):
        return "vragen"
    return "kamerbrief" if is_letter else "unknown"


def looks_like_letter(document: CleanDocument, signatures: Sequence[tuple[str, ...]]) -> bool:
    """True if the text has the addressee, greeting or closing of a letter, or a signature."""
    if signatures:
        return True
    texts = [line.text for line in document.reference_lines] + [line.text for line in document.body]
    return any(patterns.LETTER_SIGN.search(text) for text in texts)


def segment(document: CleanDocument) -> SegmentedDocument:
    """Find the cover letter, signatories, questions, answers and the questions' notes."""
    segmenter = _Segmenter(document.body)
    segmenter.run()
    blocks, signatures = cover_blocks(segmenter.cover)
    is_letter = looks_like_letter(document, signatures)
    header = [block.text for block in blocks[:8]]
    kind = document_kind(segmenter.questions, segmenter.answers, is_letter, segmenter.mededeling, header)
    warnings = segmenter.warnings
    if segmenter.seen and segmenter.seen == set(range(1, max(segmenter.seen) + 1)):
        # Printed out of order, but none is missing after all.
        warnings = [warning for warning in warnings if warning.code != "missing-question"]
    if kind in ("mededeling", "vragen"):
        # A Mededeling explains why there are no answers, and questions just sent in have none yet.
        warnings = [warning for warning in warnings if warning.code != "unanswered-question"]
    return SegmentedDocument(
        clean=document,
        kind=kind,
        body=tuple(blocks),
        signatory_lines=tuple(signatures),
        questions=tuple(segmenter.questions),
        answers=tuple(segmenter.answers),
        notes=tuple(segmenter.notes),
        warnings=tuple(warnings),
    )
