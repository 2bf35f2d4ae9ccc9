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
