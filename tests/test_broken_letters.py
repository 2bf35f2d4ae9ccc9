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


def test_notes_whose_references_were_lost_are_notes_nobody_refers_to_and_say_so() -> None:
    # OCW 2023: questions 1 and 6 end in "[1]" and "[2]" (pages 2-3); the notes follow answer 12 on
    # page 5. With those two references lost, notes 1 and 2 are still the notes (not answer 12's
    # text), and the letter says nobody refers to them.
    letter = REAL / "antwoord-OCW-kamervragen-nwo-etniciteit-2023-06-13.pdf"
    whole = build_document(raw(letter))
    assert not codes(whole) & REVIEW_WARNINGS
    document = broken(letter, lambda line: replace(line, text=regex.sub(r"\[[12]\]$", "", line.text)))
    assert [note.label for note in document.notes] == [note.label for note in whole.notes] == ["1", "2", "3", "4"]
    assert document.answers[-1] == whole.answers[-1]
    lost = [(w.page, w.message.split(":")[0]) for w in document.warnings if w.code in REVIEW_WARNINGS]
    assert lost == [(5, f"note {n} is printed but no question refers to it") for n in (1, 2)]


def test_every_note_after_the_answers_without_its_reference_is_told() -> None:
    # VWS 2023: "1) 2)" after question 1 and "3)" after question 11 lost; the three notes on page 7.
    letter = REAL / "antwoord-VWS-kamervragen-ransomware-ziekenhuizen-2023-04-13.pdf"
    document = broken(
        letter, lambda line: replace(line, text=regex.sub(r"\s*\d\)", "", line.text)) if line.page < 7 else line
    )
    assert [w.message.split(":")[0] for w in document.warnings if w.code in REVIEW_WARNINGS] == [
        f"note {n} is printed but no question refers to it" for n in (1, 2, 3)
    ]
    assert [note.label for note in document.notes] == ["1", "2", "3"]


def test_a_note_printed_as_a_footnote_that_is_lost() -> None:
    # JenV 2023: question 1's "1)" is footnote 2 at the foot of page 4; without that footnote the
    # note is missing, and question 10's raised 2 refers to nothing.
    letter = REAL / "antwoord-JenV-kamervragen-moord-gedetineerde-krimpen-2023-05-22.pdf"
    document = broken(letter, lambda line: None if line.zone == "footnote" and line.page == 4 else line)
    assert {"note-missing", "stray-glyph"} <= codes(document)
    assert next(w for w in document.warnings if w.code == "note-missing").page == 2


def test_generated_notes_broken_every_way_are_told() -> None:
    # noten-03: the note printed after question 1 loses its label; noten-04: the page of Word's
    # endnotes is lost; noten-05: the footnote that prints note 1 is lost.
    after = GENERATED / "noten-03-note-after-question.pdf"
    assert not codes(build_document(raw(after))) & REVIEW_WARNINGS
    unlabelled = broken(after, lambda line: replace(line, text=line.text.removeprefix("1) ")))
    assert "note-missing" in codes(unlabelled)
    endnotes = GENERATED / "noten-04-word-endnotes.pdf"
    assert "stray-glyph" in codes(broken(endnotes, lambda line: None if line.page == 2 else line))
    footnote = GENERATED / "noten-05-note-as-footnote.pdf"
    lost = broken(footnote, lambda line: None if line.zone == "footnote" and "NRC" in line.text else line)
    assert "note-missing" in codes(lost)
