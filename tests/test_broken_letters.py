"""Letters broken on purpose: each way a reading can go wrong must make the letter need review.

Generated and real letters are read, a few of their lines are changed as a careless PDF or a new
layout would change them (a number lost, a reference lost, the italics gone), and the warning
that says so must fire; a letter read right must not carry it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import regex

from pipeline.extract import read_document
from pipeline.model import REVIEW_WARNINGS, Document, RawDocument, RawLine
from pipeline.render.data import text
from pipeline.run import build_document
from tests.conftest import DATA

GENERATED = DATA / "generated"
REAL = DATA / "real-answers"


@cache
def raw(path: Path) -> RawDocument:
    return read_document(path, path.name)


def broken(path: Path, change: Callable[[RawLine], RawLine | None]) -> Document:
    """The letter with ``change`` applied to every line (None drops the line)."""
    document = raw(path)
    pages = []
    for page in document.pages:
        lines = [changed for line in page.lines if (changed := change(line)) is not None]
        pages.append(replace(page, lines=tuple(lines)))
    return build_document(replace(document, pages=tuple(pages)))


def codes(document: Document) -> set[str]:
    return {warning.code for warning in document.warnings}


def test_a_question_number_lost_runs_a_question_into_the_answer_before_it() -> None:
    # antwoorden-16: numbers alone on their line, italic questions, unlabelled answers; without the
    # "5" the fifth question is read into the answer to questions 3 and 4 before it.
    letter = GENERATED / "antwoorden-16-bare-number-unlabelled.pdf"
    assert not codes(build_document(raw(letter))) & REVIEW_WARNINGS
    document = broken(letter, lambda line: None if line.text.strip() == "5" and line.zone == "body" else line)
    assert {"answer-holds-questions", "question-gap"} <= codes(document)
    long = next(w for w in document.warnings if w.code == "answer-holds-questions")
    assert long.message.startswith("the answer to questions 3, 4 is")


def test_a_note_whose_reference_is_lost_is_a_note_nobody_refers_to() -> None:
    # VWS 2023, page 2: question 1 ends "...Gelderland'? 1) 2)"; the notes are printed on page 7.
    letter = REAL / "antwoord-VWS-kamervragen-ransomware-ziekenhuizen-2023-04-13.pdf"
    assert not codes(build_document(raw(letter))) & REVIEW_WARNINGS
    document = broken(letter, lambda line: replace(line, text=regex.sub(r"(?<=1\))\s*2\)", "", line.text)))
    unreferenced = [w.message for w in document.warnings if w.code == "unreferenced-note"]
    assert [message.split()[1] for message in unreferenced] == ["2"]


def test_a_reference_to_a_note_that_was_not_printed() -> None:
    # SZW 2023: question 1 refers to note "1)", printed on page 4; without it, nothing resolves it.
    letter = REAL / "antwoord-SZW-kamervragen-kinderopvang-caribisch-nl-2023-05-09.pdf"
    assert "note-missing" not in codes(build_document(raw(letter)))
    document = broken(letter, lambda line: None if line.page == 4 and line.text.startswith(("1)", "NOS")) else line)
    assert "note-missing" in codes(document)


def test_a_nota_whose_italics_are_lost_halfway_says_it_missed_questions() -> None:
    # nota-cursief-01: italic questions with no numbers. With the italics gone from page 2 on,
    # the committee's questions there are read as answer text, and the letter must say so.
    letter = GENERATED / "nota-cursief-01-unnumbered-italic.pdf"
    assert not codes(build_document(raw(letter))) & REVIEW_WARNINGS
    document = broken(letter, lambda line: replace(line, italic=False) if line.page >= 2 else line)
    assert len(document.questions) == 3
    missed = next(w for w in document.warnings if w.code == "questions-missed")
    assert missed.page == 2 and "De leden van de PVV-fractie vernemen graag" in missed.message


def test_a_nota_without_its_italics_is_read_from_the_committees_openings() -> None:
    letter = GENERATED / "nota-cursief-02-unnumbered-italic.pdf"
    italic = build_document(raw(letter))
    roman = broken(letter, lambda line: replace(line, italic=False))
    assert [text(q.parts) for q in roman.questions] == [text(q.parts) for q in italic.questions]
    assert len(italic.questions) == 4 and not codes(roman) & REVIEW_WARNINGS


def test_a_table_list_whose_rows_cannot_be_read_says_so() -> None:
    # lijst-01: the number of row 5 lost; the rows run 1-4, 6, ... and the table is not read.
    letter = GENERATED / "lijst-01-table-pages-top.pdf"
    assert not codes(build_document(raw(letter))) & REVIEW_WARNINGS
    document = broken(letter, lambda line: replace(line, text=line.text[2:]) if line.text.startswith("5 ") else line)
    assert "table-unread" in codes(document)
    unread = next(w for w in document.warnings if w.code == "table-unread")
    assert "1, 2, 3, 4, 6" in unread.message
