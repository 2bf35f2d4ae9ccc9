"""Checks: the invariants every output keeps, and the warnings when one fails."""

from __future__ import annotations

from dataclasses import replace

from pipeline.checks import check_document
from pipeline.model import Answer, Block, Document, Footnote, Metadata, Note, Question

BASE = Document(
    source="brief.pdf",
    kind="antwoorden",
    page_count=2,
    metadata=Metadata(),
    body=(Block("paragraph", "Hierbij de antwoorden.[^1]", 1),),
    questions=(Question(1, "Kent u het bericht?[^2] [1]", 1, "Vraag 1"),),
    answers=(Answer((1,), "Antwoord 1", ("Ja, zie de bijlage.",), 1),),
    footnotes=(
        Footnote(1, "Kamerstuk 36 410, nr. 1", (), 1),
        Footnote(2, "NOS", ("https://nos.nl/artikel/1",), 1),
    ),
    notes=(Note("1", "AD, 1 mei", ("https://www.ad.nl/a",), 2),),
    warnings=(),
)


def codes(document: Document) -> list[str]:
    return [warning.code for warning in check_document(document)]


def test_a_sound_document_keeps_every_invariant() -> None:
    assert check_document(BASE) == []


def test_a_marker_without_its_footnote_and_a_footnote_nobody_refers_to() -> None:
    document = replace(BASE, body=(Block("paragraph", "Hierbij de antwoorden.[^3]", 1),))
    warnings = check_document(document)
    assert [(w.code, w.page) for w in warnings] == [("footnote-missing", 1), ("unreferenced-footnote", 1)]
    assert "footnote 3" in warnings[0].message and "footnote 1" in warnings[1].message


def test_footnote_numbers_that_skip() -> None:
    footnotes = (*BASE.footnotes, Footnote(4, "Trouw", (), 2))
    document = replace(BASE, footnotes=footnotes, answers=(Answer((1,), "Antwoord 1", ("Ja.[^4]",), 1),))
    assert codes(document) == ["footnote-gap"]


def test_raised_digits_and_unmapped_glyphs_left_in_the_text() -> None:
    document = replace(BASE, answers=(Answer((1,), "Antwoord 1", ("Dat is overeenkomst³ (cid:129) 3 m² groot.",), 2),))
    assert codes(document) == ["stray-glyph", "stray-glyph"]


def test_urls_that_are_no_web_address() -> None:
    document = replace(BASE, footnotes=(BASE.footnotes[0], Footnote(2, "x", ("https://Discriminatie",), 1)))
    assert codes(document) == ["bad-url"]


def test_a_note_the_questions_refer_to_must_exist() -> None:
    question = Question(1, "Kent u het bericht[^2] [1] en het artikel 2) (artikel 3)?", 1, "Vraag 1")
    warnings = check_document(replace(BASE, questions=(question,)))
    assert [(w.code, w.message) for w in warnings] == [
        ("note-missing", "question 1 refers to note 2, which was not found")
    ]


def test_a_note_nobody_refers_to() -> None:
    notes = (*BASE.notes, Note("2", "NRC, 2 mei", (), 2))
    warnings = check_document(replace(BASE, notes=notes))
    assert [(w.code, w.page) for w in warnings] == [("unreferenced-note", 2)]
    assert warnings[0].message.startswith("note 2 is printed but no question refers to it")


def test_a_note_reference_in_a_letter_with_no_notes_at_all() -> None:
    # IenM 2015, question 6: "... brengen al kennis, kunde en expertise in.” 2); kunt u ..." and no
    # note anywhere. A list item "1) de kosten" or "(artikel 3)" is no note reference.
    questions = (
        Question(1, "Welke punten: 1) de kosten, 2) de baten?", 1, "Vraag 1"),
        Question(2, "U zei: “wij adviseren Saba.” 2); kunt u dat toelichten?", 1, "Vraag 2"),
    )
    warnings = check_document(replace(BASE, questions=questions, notes=()))
    assert [(w.code, w.message) for w in warnings] == [
        ("unreferenced-footnote", "footnote 2 is defined but no reference to it was found"),
        ("note-missing", "question 2 refers to note 2, which was not found"),
    ]


def test_a_committees_question_left_in_an_answer_and_a_long_answer_that_asks() -> None:
    asked = "De leden van de VVD-fractie vragen of de regering de wet evalueert, zo vragen deze leden."
    short = [Answer((n,), "", ("Ja, dat klopt.[^1][^2]" if n == 1 else "Ja.",), 1) for n in (1, 2, 3)]
    long = Answer((4,), "", ("Nee. " + "Dat is zo. " * 60, "Bent u bereid de Kamer te informeren?"), 2)
    questions = tuple(Question(n, f"Klopt het?{' [1]' if n == 1 else ''}", 1) for n in (1, 2, 3, 4))
    document = replace(BASE, questions=questions, answers=(*short, long), body=(Block("paragraph", asked, 1),))
    warnings = check_document(document)
    assert [(w.code, w.page) for w in warnings] == [("questions-missed", 1), ("answer-holds-questions", 2)]
    assert "the answer to question 4 is 188 words" in warnings[1].message
