"""Assignment: the one reading of the candidates on which numbers, labels and typography agree.

Question numbers should run 1..N without gaps, answer labels should name questions printed
before them, and each question should be answered once. Each candidate brings evidence (a
"Vraag N" label, a question mark, bold or italic type, an answer label naming its number right
after it); the reading with the most evidence and the fewest broken rules wins. A question that
is missed therefore costs only itself, never the questions after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline import patterns
from pipeline.model import Answer, BodyLine, DocumentKind, DocumentWarning, Question, Span
from pipeline.segment.candidates import (
    AnswerLabel,
    QuestionStart,
    asks,
    ends_paragraph,
    find_opening_questions,
    find_typeset_questions,
)

_STYLE_EVIDENCE = {"label": 4.0, "numbered": 1.0, "bare": 1.0, "margin": 0.5, "typeset": 1.0, "opening": 0.5}
_ASKS = 1.5
_EMPHASIS = 1.0
_ANCHORED = 3.0
"""The answer label right after a question names its number: the strongest evidence there is."""
_INSIDE_ITS_ANSWER = -10.0
"""A numbered line after the answer to that very number is a list item or a reference."""
_GAP = 3.0
"""The cost of each question number a reading skips."""
_OUT_OF_ORDER = 1.0
"""The cost of a "Vraag N" printed after a higher number (letters reorder questions to group them)."""


@dataclass(frozen=True)
class Reading:
    """Where the questions and answers start, as decided."""

    questions: tuple[QuestionStart, ...]
    labels: tuple[AnswerLabel, ...]
    """The answer labels that are read as such: those after the first question."""
    unlabelled: tuple[tuple[int, tuple[int, ...]], ...]
    """(line, question numbers) where an answer without a label starts."""
    interludes: tuple[int, ...] = ()
    """Lines where letter text between or after the answers starts: a nota's party statements
    and headings, the signature under the last answer."""


def choose_reading(
    lines: Sequence[BodyLine],
    starts: Sequence[QuestionStart],
    labels: Sequence[AnswerLabel],
    answer_document: bool,
    nota: bool = False,
) -> Reading:
    """Choose the questions among the candidates, then the answers that carry no label."""
    questions = choose_questions(starts, labels) or unnumbered_questions(lines, labels, answer_document or nota)
    first = questions[0].line if questions else len(lines)
    accepted = tuple(label for label in labels if label.line > first)
    chosen = {start.line for start in questions} | {label.line for label in accepted}
    question_lines = [start.line for start in questions]
    interludes = tuple(index for index in find_interludes(lines, first, nota, question_lines) if index not in chosen)
    # A Mededeling's explanation and the questions' own notes end the question before them too.
    stops = {
        index
        for index, line in enumerate(lines)
        if index > first
        and (patterns.MEDEDELING_LABEL.match(line.text) or patterns.FIRST_QUESTION_NOTE.match(line.text))
    }
    boundaries = sorted(chosen | stops | set(interludes))
    named = {number for label in accepted for number in label.numbers}
    bare_labels = [label.line for label in accepted if not label.numbers]
    splits: list[tuple[int, tuple[int, ...]]] = []
    for question in questions:
        end = next((line for line in boundaries if line > question.line), len(lines))
        if end in {label.line for label in accepted}:
            continue
        numbers = question.numbers
        if numbers and all(number in named for number in numbers):
            continue  # answered further on, together with the questions after it
        if not numbers and any(line > question.line for line in bare_labels):
            continue
        split = unlabelled_answer_start(lines, question, end)
        if split is not None:
            splits.append((split, numbers))
    # In a letter that names itself no answer document, text after a question is an answer only
    # when the type sets it apart from the questions, or when most questions have one:
    # otherwise it is a set of questions with their explanations.
    by_type = any(question.emphasis for question in questions)
    if not accepted and not answer_document and not by_type and len(splits) * 2 <= len(questions):
        splits = []
    return Reading(tuple(questions), accepted, tuple(splits), interludes)


def unnumbered_questions(
    lines: Sequence[BodyLine], labels: Sequence[AnswerLabel], answers_expected: bool
) -> list[QuestionStart]:
    """Where no question carries a number: the runs of italic or bold type that ask, or else the
    paragraphs a committee's asking opens, numbered 1..N in reading order.

    Outside a document that names itself answers (or a nota), one such paragraph proves nothing
    (a letter may quote a question in italics): it takes two.
    """
    for found in (find_typeset_questions(lines), find_opening_questions(lines)):
        if len(found) >= (1 if answers_expected else 2):
            return choose_questions(found, labels)
    return []


def find_interludes(lines: Sequence[BodyLine], first: int, nota: bool, questions: Sequence[int] = ()) -> list[int]:
    """Where letter text that is no question and no answer starts after the first question.

    The closing formula and signature under the last answer ("Hoogachtend,", "De minister van
    ...," and a name, nothing after it); the heading of a section right above a question ("Vragen
    en opmerkingen van de leden van de D66-fractie": one line of its own that ends no sentence, in
    bold or italic type or opening as committees do), in any document whose ``questions`` (their
    lines) are known; and, in a nota, the committee's statements ("De leden van de VVD-fractie
    ...") and the headings of its sections anywhere.
    """
    found = []
    paragraph_starts = [
        index
        for index in range(first + 1, len(lines))
        if lines[index].text
        and (not lines[index - 1].text or (lines[index].page_start and ends_paragraph(lines[index - 1].text)))
    ]
    for position, index in enumerate(paragraph_starts):
        if _closes_the_letter(lines, index):
            found.append(index)
            break
        following = paragraph_starts[position + 1] if position + 1 < len(paragraph_starts) else len(lines)
        paragraph = [line for line in lines[index:following] if line.text]
        above_a_question = following in questions
        heading = _section_heading(paragraph, above_a_question) and (nota or above_a_question)
        # A committee's paragraph that asks is a question's, not a statement between them (its
        # second paragraph, "De leden van de D66-fractie vragen ...", with no answer between).
        statement = (
            nota
            and patterns.PARTY_STATEMENT.match(lines[index].text)
            and not asks(" ".join(line.text for line in paragraph))
        )
        if heading or statement:
            found.append(index)
    return found


def _closes_the_letter(lines: Sequence[BodyLine], index: int) -> bool:
    """True if the paragraph at ``index`` is the signature under the letter ("De minister van ...,"
    and a name, nothing after it) or the closing formula above it ("Hoogachtend,")."""
    text = lines[index].text
    rest = [line.text for line in lines[index:] if line.text]
    if patterns.SIGNATORY_ROLE.match(text) and len(rest) <= 4 and text.rstrip().endswith(","):
        return True
    return (
        bool(patterns.CLOSING_FORMULA.match(text))
        and len(rest) <= 8
        and any(patterns.SIGNATORY_ROLE.match(other) for other in rest[1:3])
    )


def _section_heading(paragraph: Sequence[BodyLine], above_a_question: bool) -> bool:
    """A heading of the letter's text: one line, no sentence, in bold (or, right above a question,
    in italic type or opening as a committee's section does)."""
    if len(paragraph) != 1:
        return False
    line = paragraph[0]
    text = line.text.rstrip()
    typeset = line.bold or (above_a_question and (line.italic or bool(patterns.SECTION_OPENING.match(text))))
    return typeset and len(text) <= 90 and not text.endswith((".", "?", "!", ":", ";", ","))


def evidence(start: QuestionStart, starts: Sequence[QuestionStart], labels: Sequence[AnswerLabel]) -> float:
    """How strongly a candidate reads as a question start; 0 or less: it is none."""
    if not labels and not start.asks and start.style != "label":
        # With no answer labels at all, "1. Inleiding" is a numbered heading, not a question.
        return 0.0
    score = _STYLE_EVIDENCE[start.style]
    if start.asks:
        score += _ASKS
    if start.emphasis:
        score += _EMPHASIS
    following = next((label for label in labels if label.line > start.line), None)
    if following is not None:
        if start.numbers and start.numbers[0] in following.numbers:
            score += _ANCHORED
        elif not following.numbers:
            after = next((other for other in starts if other.line > start.line), None)
            if after is None or after.line > following.line:
                score += _ANCHORED - 1
    if start.numbers and any(label.line < start.line and start.numbers[0] in label.numbers for label in labels):
        score += _INSIDE_ITS_ANSWER
    return score


def choose_questions(starts: Sequence[QuestionStart], labels: Sequence[AnswerLabel]) -> list[QuestionStart]:
    """The chain of question starts, in printed order, with the most evidence.

    A dynamic programme over the candidates: a state is the highest question number read so
    far; reading the next number costs nothing, skipping numbers costs per number skipped,
    and only a "Vraag N" label may go back to a lower number.
    """
    scored = [(start, evidence(start, starts, labels)) for start in starts]
    eligible = [(start, score) for start, score in scored if score > 0]
    # best[highest number] = (total score, chosen starts)
    best: dict[int, tuple[float, tuple[QuestionStart, ...]]] = {0: (0.0, ())}
    for start, score in eligible:
        updates: dict[int, tuple[float, tuple[QuestionStart, ...]]] = {}
        for highest, (total, chain) in best.items():
            step = _step(start, highest, chain)
            if step is None:
                continue
            cost, new_highest = step
            candidate = (total + score - cost, (*chain, start))
            current = updates.get(new_highest) or best.get(new_highest)
            if current is None or candidate[0] > current[0]:
                updates[new_highest] = candidate
        for highest, candidate in updates.items():
            if highest not in best or candidate[0] > best[highest][0]:
                best[highest] = candidate
    total, chain = max(best.values(), key=lambda item: (item[0], -len(item[1])))
    return list(chain)


def _step(start: QuestionStart, highest: int, chain: tuple[QuestionStart, ...]) -> tuple[float, int] | None:
    """The cost of reading ``start`` next after a chain whose highest number is ``highest``."""
    numbers = start.numbers or (highest + 1,)
    first, last = numbers[0], max(numbers)
    if first > highest:
        return _GAP * (first - highest - 1), last
    if start.style != "label":
        return None
    read = {number for other in chain for number in (other.numbers or ())}
    if read & set(numbers):
        return None
    return _OUT_OF_ORDER, highest


def unlabelled_answer_start(lines: Sequence[BodyLine], question: QuestionStart, end: int) -> int | None:
    """Where the answer starts in a question's span that no label ends, if anywhere.

    Typography decides where the PDF gives it: the answer starts at the first line set in
    another type than the question. Otherwise the question runs on while its paragraphs ask
    something ("Zo ja, graag een toelichting." asks too), and the answer is the first
    paragraph that does not; inside one paragraph, a line after one that ends with "?" starts
    the answer when nothing after it in that paragraph asks anything (question 12 of the seed).
    """
    span = [index for index in range(question.line + (0 if question.text else 1), end) if lines[index].text]
    if not span:
        return None
    if question.emphasis:
        return next((index for index in span if not (lines[index].bold or lines[index].italic)), None)
    paragraphs = _paragraphs(lines, span)
    if question.style == "opening":
        # A committee's question is the paragraph its opening starts; the answer is the next.
        return paragraphs[1][0] if len(paragraphs) > 1 else None
    first = paragraphs[0]
    for position in range(1, len(first)):
        previous, line = lines[first[position - 1]].text, lines[first[position]].text
        rest = [lines[index].text for index in first[position:]]
        if previous.rstrip().endswith("?") and line[:1].isupper() and not any("?" in text for text in rest):
            return first[position]
    for paragraph in paragraphs[1:]:
        text = " ".join(lines[index].text for index in paragraph)
        if patterns.QUESTION_CONTINUATION.match(text) or text.rstrip().endswith("?"):
            continue
        return paragraph[0]
    return None


def _paragraphs(lines: Sequence[BodyLine], span: Sequence[int]) -> list[list[int]]:
    """Group line indices into paragraphs: a blank line, or a page break after a sentence end."""
    paragraphs: list[list[int]] = []
    for index in span:
        new = not paragraphs or index - 1 != paragraphs[-1][-1]
        if not new and lines[index].page_start and ends_paragraph(lines[index - 1].text):
            new = True
        if new:
            paragraphs.append([index])
        else:
            paragraphs[-1].append(index)
    return paragraphs


def check_reading(
    questions: Sequence[Question], answers: Sequence[Answer], kind: DocumentKind
) -> list[DocumentWarning]:
    """The warnings that say the reading may be wrong; each makes the letter need review."""
    warnings: list[DocumentWarning] = []
    pages = {question.number: question.page for question in questions}
    numbers = [question.number for question in questions]
    if numbers:
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            listed = ", ".join(map(str, missing))
            first_after = min((q for q in questions if q.number > missing[0]), key=lambda q: q.number)
            warnings.append(DocumentWarning.at("question-gap", f"question numbers skip {listed}", first_after.span))
    answered: dict[int, Answer] = {}
    for answer in answers:
        unknown = [number for number in answer.questions if number not in pages]
        if unknown:
            printed = f"'{answer.label}'" if answer.label else "an unlabelled answer"
            warnings.append(
                DocumentWarning.at(
                    "answer-for-unknown-question",
                    f"{printed} answers question(s) {', '.join(map(str, unknown))} that were not found",
                    answer.span.opening(),
                )
            )
        for number in answer.questions:
            if number in answered:
                warnings.append(
                    DocumentWarning.at(
                        "question-answered-twice",
                        f"question {number} is answered on page {answered[number].page} and again here",
                        answer.span.opening(),
                    )
                )
            answered[number] = answer
    if kind in ("antwoorden", "nota"):
        for question in questions:
            if question.number not in answered:
                warnings.append(
                    DocumentWarning.at(
                        "unanswered-question", f"question {question.number} has no answer", question.span
                    )
                )
    return warnings


def questions_not_found(
    lines: Sequence[BodyLine], starts: Sequence[QuestionStart], labels: Sequence[AnswerLabel]
) -> list[DocumentWarning]:
    """A warning when a letter that reads no questions has the marks of answers to questions:
    numbered answer labels, several labels, or several numbered paragraphs that ask something."""
    asking = [start for start in starts if start.asks and start.style != "margin"]
    if not (any(label.numbers for label in labels) or len(labels) > 1 or len(asking) > 1):
        return []
    first = min([label.line for label in labels] + [start.line for start in asking])
    what = f"{len(labels)} answer label(s)" if labels else f"{len(asking)} numbered paragraphs that ask something"
    line = lines[first]
    where = Span(line.page, (line.number, line.number))
    return [DocumentWarning.at("questions-not-found", f"{what} found, but no questions were read", where)]
