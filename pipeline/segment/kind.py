"""The kind of document: answers, a nota, a Mededeling, questions, another letter, or no letter."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline import patterns
from pipeline.model import Answer, CleanDocument, DocumentKind, Question


def document_kind(
    questions: Sequence[Question],
    answers: Sequence[Answer],
    is_letter: bool,
    mededeling: bool = False,
    header: Sequence[str] = (),
) -> DocumentKind:
    """``antwoorden`` with answers, ``nota`` when they answer a committee's report on a bill
    (a "Nota naar aanleiding van het verslag"); ``mededeling`` for an Aanhangsel Mededeling (questions with an
    explanation instead of answers, or a notice of delay); ``vragen`` for questions as they were
    sent in; ``kamerbrief`` for any other letter to parliament; ``unknown`` for anything else.

    ``header`` holds the first paragraphs, where a Mededeling or a set of questions names itself.
    """
    if questions and answers:
        return "nota" if any(patterns.NOTA_HEADER.search(text) for text in header) else "antwoorden"
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
