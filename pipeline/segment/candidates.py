"""Candidates: every line that could start a question or an answer, with the evidence for it.

Nothing is decided here. A numbered line inside an answer is a candidate as much as a real
question is; ``assign`` chooses the reading on which numbers, labels and typography agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline import patterns
from pipeline.model import BodyLine

QuestionStyle = Literal["label", "numbered", "bare", "margin", "typeset", "opening"]
"""How a question is marked: its number printed as "Vraag 3", "3. Tekst", "3" alone on its line, or
in the margin; or no number at all, only its type set apart from the answers' ("typeset"), or the
opening of a committee's paragraph that asks ("De leden van de VVD-fractie vragen ...")."""

SENTENCE_ENDS = (".", "!", "?", ":", ".”", "?”", ".’", "?’", '."', '?"', ".)", "?)")
"""How a line that ends a sentence ends."""
_MAX_RANGE = 40
"""A range label longer than this ("Antwoord 4-2024") is no range of question numbers."""
_MIN_ROMAN = 100
"""Characters of roman running text that make type evidence: more than a printed line, so a
stray roman line (a date, a signature) is not enough."""


@dataclass(frozen=True)
class QuestionStart:
    """A line that could start a question."""

    line: int
    """Index of the line in the body."""
    numbers: tuple[int, ...]
    """The numbers printed, or () for an unnumbered "Vraag:"."""
    label: str
    """The label as printed ("Vraag 3, 4 en 5"), or "" for a numbered paragraph."""
    text: str
    """The question's text on the label's own line, if any."""
    style: QuestionStyle
    asks: bool
    """A question mark follows before the paragraph ends."""
    emphasis: bool
    """The question is set apart by its type (bold or italic) from the running text."""
    at_break: bool
    """The line starts a paragraph (after a blank line, or a sentence ended before it)."""


@dataclass(frozen=True)
class AnswerLabel:
    """A line that labels an answer: "Antwoord", "Antwoord vraag 4 en 5:", "Antwoord op vragen 4-7"."""

    line: int
    numbers: tuple[int, ...]
    """The question numbers it names, or () for a bare "Antwoord"."""
    label: str
    text: str
    """Text after the label on the same line."""


def parse_numbers(text: str) -> tuple[int, ...]:
    """The question numbers of a label, ranges spelled out.

    >>> parse_numbers("7, 8, 9 10 en 11")
    (7, 8, 9, 10, 11)
    >>> parse_numbers("4-7")
    (4, 5, 6, 7)
    >>> parse_numbers("4 tot en met 6 en 9")
    (4, 5, 6, 9)
    >>> parse_numbers("1, 1 en 2")
    (1, 2)
    """
    numbers: list[int] = []
    for match in patterns.NUMBER_OR_RANGE.finditer(text or ""):
        first = int(match["first"])
        last = int(match["last"]) if match["last"] else first
        if first < last <= first + _MAX_RANGE:
            numbers.extend(range(first, last + 1))
        else:
            numbers.append(first)
            if last != first:
                numbers.append(last)
    # A number named twice is one question, not two.
    return tuple(dict.fromkeys(numbers))


def answer_label(text: str) -> tuple[str, tuple[int, ...], str] | None:
    """Read an answer label: (label as printed, question numbers, text after it on the line).

    >>> answer_label("Antwoord vraag 4 en 5:")
    ('Antwoord vraag 4 en 5:', (4, 5), '')
    >>> answer_label("Antwoord vraag 4-7: Deze vragen ...")
    ('Antwoord vraag 4-7:', (4, 5, 6, 7), 'Deze vragen ...')
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


def ends_paragraph(text: str) -> bool:
    """True if a line ends a sentence, so that a page break after it also ends the paragraph."""
    return text.rstrip().endswith(SENTENCE_ENDS)


def starts_paragraph(lines: Sequence[BodyLine], index: int) -> bool:
    """True if the line could open a paragraph: the first line, after a blank line, at the top
    of a page, or after a line that ends a sentence."""
    if index == 0 or not lines[index - 1].text or lines[index].page_start:
        return True
    return ends_paragraph(lines[index - 1].text)


def find_answer_labels(lines: Sequence[BodyLine]) -> list[AnswerLabel]:
    """Every line that reads as an answer label."""
    labels = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        read = answer_label(line.text)
        # A label alone on its line is one wherever it stands (after "...artikel?1" too).
        if read and (not read[2] or starts_paragraph(lines, index)):
            labels.append(AnswerLabel(index, read[1], read[0], read[2]))
    return labels


def find_question_starts(lines: Sequence[BodyLine]) -> list[QuestionStart]:
    """Every line that could start a question, in the ways letters number them."""
    emphasised = _emphasis_is_rare(lines)
    starts = []
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        read = _read_question_start(text, index, lines)
        if read is None:
            continue
        numbers, label, first_text, style = read
        # A number alone on its line, a change of type, or a number hanging in the margin before
        # an indented text starts a paragraph as well as a blank line does.
        at_break = (
            starts_paragraph(lines, index) or style == "bare" or _type_changes(lines, index) or _hangs(lines, index)
        )
        if style != "label" and not at_break:
            continue
        block = _question_block(lines, index, bool(first_text))
        asks = any("?" in lines[i].text for i in block) or "?" in first_text
        emphasis = emphasised and bool(block) and all(_emphasised(lines[i]) for i in block)
        starts.append(QuestionStart(index, numbers, label, first_text, style, asks, emphasis, at_break))
    return starts


def asks(text: str) -> bool:
    """True if a text asks something: a question mark, or a committee's asking phrase.

    >>> asks("Ook vragen deze leden wat de opbrengst was, zo vragen deze leden."), asks("Dat klopt.")
    (True, False)
    """
    return "?" in text or bool(patterns.COMMITTEE_ASKS.search(text))


def find_typeset_questions(lines: Sequence[BodyLine]) -> list[QuestionStart]:
    """Unnumbered questions set apart by their type: each run of italic (or bold) lines that asks,
    in a letter whose answers are roman.

    A run holds every emphasised line up to the next roman one, across blank lines and pages: a
    question's paragraphs, printed with no answer between them, are one question. A single line
    that ends no sentence and asks nothing is a heading, not a question; a heading set in another
    emphasis ("1.1 Overgang", bold italic over italic questions) is a run of its own.
    """
    if not _emphasis_is_rare(lines):
        return []
    starts = []
    for run in _type_runs(lines):
        if not _emphasised(lines[run[0]]):
            continue
        # The question starts at the run's first paragraph that asks: a statement before it ("De
        # leden van de VVD-fractie hebben kennisgenomen ...") is the committee's, not a question.
        paragraphs: list[list[int]] = []
        for index in run:
            broken = lines[index].page_start and ends_paragraph(lines[index - 1].text)
            if not paragraphs or index - 1 != paragraphs[-1][-1] or broken:
                paragraphs.append([])
            paragraphs[-1].append(index)
        asking = next((p for p in paragraphs if asks(" ".join(lines[i].text for i in p))), None)
        if asking is not None:
            starts.append(QuestionStart(asking[0], (), "", lines[asking[0]].text, "typeset", True, True, True))
    return starts


def find_opening_questions(lines: Sequence[BodyLine]) -> list[QuestionStart]:
    """Unnumbered questions that a committee's paragraph opens: "De leden van de CDA-fractie
    vragen ...", "Deze leden vragen ...", where nothing but the words marks them."""
    starts = []
    for index, line in enumerate(lines):
        if not line.text or not (index == 0 or not lines[index - 1].text or line.page_start):
            continue
        block = _question_block(lines, index, True)
        text = " ".join(lines[i].text for i in block)
        committee = patterns.COMMITTEE_ASKS.search(text) or patterns.PARTY_STATEMENT.match(text)
        if patterns.COMMITTEE_OPENING.match(text) and asks(text) and committee:
            starts.append(QuestionStart(index, (), "", line.text, "opening", True, False, True))
    return starts


def _type_runs(lines: Sequence[BodyLine]) -> list[list[int]]:
    """The filled lines in runs of one type (bold and italic alike), blank lines skipped; a line
    alone in its type that ends no sentence (a heading) is a run of its own."""
    runs: list[list[int]] = []
    for index, line in enumerate(lines):
        if not line.text:
            continue
        previous = lines[runs[-1][-1]] if runs else None
        heading = previous is not None and len(runs[-1]) == 1 and not ends_paragraph(previous.text)
        if previous is None or (previous.bold, previous.italic) != (line.bold, line.italic) or (
            heading and index - 1 != runs[-1][-1]
        ):
            runs.append([])
        runs[-1].append(index)
    return runs


def question_label(text: str) -> tuple[str, tuple[int, ...], str] | None:
    """Read a question label: (label as printed, numbers, text after it on the line).

    >>> question_label("Vraag 3, 4 en 5")
    ('Vraag 3, 4 en 5', (3, 4, 5), '')
    >>> question_label("Vraag: Bent u bekend met ...")
    ('Vraag:', (), 'Bent u bekend met ...')
    >>> question_label("Vragen van het lid Eerdmans (JA21)") is None
    True
    """
    labelled = patterns.QUESTION_LABEL.match(text)
    if not labelled or not (labelled["numbers"] or labelled["colon"] or not labelled["text"]):
        return None
    first_text = labelled["text"].strip()
    label = text[: len(text) - len(labelled["text"])].strip() if first_text else text.strip()
    return label, parse_numbers(labelled["numbers"] or ""), first_text


def _read_question_start(
    text: str, index: int, lines: Sequence[BodyLine]
) -> tuple[tuple[int, ...], str, str, QuestionStyle] | None:
    labelled = question_label(text)
    if labelled:
        label, numbers, first_text = labelled
        if not numbers and not first_text and _heads_numbered_questions(lines, index):
            return None
        return numbers, label, first_text, "label"
    numbered = patterns.NUMBERED_QUESTION.match(text)
    if numbered:
        if numbered["text"]:
            return (int(numbered["number"]),), "", numbered["text"].strip(), "numbered"
        # A number alone on its line: the question follows, after a blank line or a page break.
        following = next((line for line in lines[index + 1 :] if line.text), None)
        if following is None or patterns.NUMBERED_QUESTION.match(following.text):
            return None
        return (int(numbered["number"]),), "", "", "bare"
    combined = patterns.BARE_QUESTION_NUMBERS.match(text)
    if combined:
        return parse_numbers(combined["numbers"]), "", "", "bare"
    margin = patterns.MARGIN_QUESTION.match(text)
    if margin:
        return parse_numbers(margin["numbers"]), "", margin["text"].strip(), "margin"
    return None


def _heads_numbered_questions(lines: Sequence[BodyLine], index: int) -> bool:
    """True if a bare "Vraag" heads a column of numbered questions (a list's column header, its
    "Blz. van tot" elsewhere): the next line with text is a question that prints its own number
    ("1 Waarom ...?"), which the label would otherwise swallow as text."""
    following = next((line for line in lines[index + 1 :] if line.text), None)
    if following is None:
        return False
    numbered = patterns.NUMBERED_QUESTION.match(following.text) or patterns.MARGIN_QUESTION.match(following.text)
    return bool(numbered and numbered["text"].strip())


def _question_block(lines: Sequence[BodyLine], index: int, has_text: bool) -> list[int]:
    """The lines of a question's first paragraph: from the label line (if it carries text) or
    from the next line with text, to the next blank line or label."""
    block: list[int] = [index] if has_text else []
    position = index + 1
    while position < len(lines) and not lines[position].text and not block:
        position += 1
    while position < len(lines) and lines[position].text:
        text = lines[position].text
        if answer_label(text) or (question_label(text) and starts_paragraph(lines, position)):
            break
        block.append(position)
        position += 1
    return block


def _hangs(lines: Sequence[BodyLine], index: int) -> bool:
    """True if the line's number hangs in the margin: the next line starts well right of it."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or not following.text or line.x0 is None or following.x0 is None:
        return False
    return following.x0 > line.x0 + 5 and bool(
        patterns.MARGIN_QUESTION.match(line.text) or patterns.NUMBERED_QUESTION.match(line.text)
    )


def _type_changes(lines: Sequence[BodyLine], index: int) -> bool:
    """True if the line is set in another type than the line before it (roman after bold)."""
    if index == 0 or not lines[index - 1].text:
        return False
    before, line = lines[index - 1], lines[index]
    return (before.bold, before.italic) != (line.bold, line.italic)


def _emphasised(line: BodyLine) -> bool:
    return line.bold or line.italic


def _emphasis_is_rare(lines: Sequence[BodyLine]) -> bool:
    """Typography is evidence only where some running text is roman (a short letter of bold
    questions may well hold more bold text than roman). Measured in characters, not lines: a
    line of a Word file is a whole paragraph, a line of a PDF a printed line."""
    roman = sum(len(line.text) for line in lines if not _emphasised(line))
    return roman >= max(_MIN_ROMAN, 0.1 * sum(len(line.text) for line in lines))
