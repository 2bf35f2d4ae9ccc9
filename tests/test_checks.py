"""Checks: the invariants every output keeps, and the warnings when one fails."""

from __future__ import annotations

from dataclasses import replace

from pipeline.checks import check_document
from pipeline.extract import read_text
from pipeline.model import (
    REVIEW_WARNINGS,
    Answer,
    Document,
    Footnote,
    FootnoteRef,
    ListBlock,
    ListItem,
    Metadata,
    Note,
    NoteRef,
    Para,
    Question,
    Source,
    Span,
    Text,
)
from pipeline.render import render
from pipeline.run import build_document

BASE = Document(
    source=Source("brief.pdf", ""),
    kind="antwoorden",
    page_count=2,
    metadata=Metadata(),
    body=(Para((Text("Hierbij de antwoorden."), FootnoteRef(1)), Span(1)),),
    questions=(
        Question(1, "Vraag 1", (Text("Kent u het bericht?"), FootnoteRef(2), Text(" "), NoteRef("1")), Span(1)),
    ),
    answers=(Answer((1,), "Antwoord 1", (Para((Text("Ja, zie de bijlage."),), Span(1)),), Span(1)),),
    footnotes=(
        Footnote(1, (Text("Kamerstuk 36 410, nr. 1"),), (), Span(1)),
        Footnote(2, (Text("NOS"),), ("https://nos.nl/artikel/1",), Span(1)),
    ),
    notes=(Note("1", (Text("AD, 1 mei"),), ("https://www.ad.nl/a",), Span(2)),),
    warnings=(),
)


def codes(document: Document) -> list[str]:
    return [warning.code for warning in check_document(document)]


def answer(*parts: Text | FootnoteRef, page: int = 1) -> tuple[Answer, ...]:
    return (Answer((1,), "Antwoord 1", (Para(parts, Span(page)),), Span(page)),)


def test_a_sound_document_keeps_every_invariant() -> None:
    assert check_document(BASE) == []


def test_a_marker_without_its_footnote_and_a_footnote_nobody_refers_to() -> None:
    document = replace(BASE, body=(Para((Text("Hierbij de antwoorden."), FootnoteRef(3)), Span(1)),))
    warnings = check_document(document)
    assert [(w.code, w.page) for w in warnings] == [("footnote-missing", 1), ("unreferenced-footnote", 1)]
    assert "footnote 3" in warnings[0].message and "footnote 1" in warnings[1].message


def test_footnote_numbers_that_skip() -> None:
    footnotes = (*BASE.footnotes, Footnote(4, (Text("Trouw"),), (), Span(2)))
    document = replace(BASE, footnotes=footnotes, answers=answer(Text("Ja."), FootnoteRef(4)))
    assert codes(document) == ["footnote-gap"]


def test_raised_digits_and_unmapped_glyphs_left_in_the_text() -> None:
    document = replace(BASE, answers=answer(Text("Dat is overeenkomst³ (cid:129) 3 m² groot."), page=2))
    assert codes(document) == ["stray-glyph", "stray-glyph"]


def test_urls_that_are_no_web_address() -> None:
    footnotes = (BASE.footnotes[0], Footnote(2, (Text("x"),), ("https://Discriminatie",), Span(1)))
    assert codes(replace(BASE, footnotes=footnotes)) == ["bad-url"]


def test_a_note_the_questions_refer_to_must_exist() -> None:
    parts = (
        Text("Kent u het bericht"),
        FootnoteRef(2),
        Text(" "),
        NoteRef("1"),
        Text(" en het artikel 2) (artikel 3)?"),
    )
    warnings = check_document(replace(BASE, questions=(Question(1, "Vraag 1", parts, Span(1)),)))
    assert [(w.code, w.message) for w in warnings] == [
        ("note-missing", "question 1 refers to note 2, which was not found")
    ]


def test_a_note_nobody_refers_to() -> None:
    notes = (*BASE.notes, Note("2", (Text("NRC, 2 mei"),), (), Span(2)))
    warnings = check_document(replace(BASE, notes=notes))
    assert [(w.code, w.page) for w in warnings] == [("unreferenced-note", 2)]
    assert warnings[0].message.startswith("note 2 is printed but no question refers to it")


def test_a_note_reference_in_a_letter_with_no_notes_at_all() -> None:
    # IenM 2015, question 6: "... brengen al kennis, kunde en expertise in.” 2); kunt u ..." and no
    # note anywhere. A list item "1) de kosten" or "(artikel 3)" is no note reference.
    questions = (
        Question(1, "Vraag 1", (Text("Welke punten: 1) de kosten, 2) de baten?"), FootnoteRef(2)), Span(1)),
        Question(2, "Vraag 2", (Text("U zei: “wij adviseren Saba.” 2); kunt u dat toelichten?"),), Span(1)),
    )
    warnings = check_document(replace(BASE, questions=questions, notes=()))
    assert [(w.code, w.message) for w in warnings] == [
        ("note-missing", "question 2 refers to note 2, which was not found")
    ]


def test_a_note_reference_glued_to_its_word_is_read() -> None:
    # jenv-07, page 3: "Kent u het Handelingskader aanpak personen verward gedrag2) waarin ..."
    notes = (*BASE.notes, Note("2", (Text("vng.nl"),), (), Span(2)))
    glued = Question(2, "Vraag 2", (Text("Kent u het Handelingskader verward gedrag2) waarin?"),), Span(1))
    assert codes(replace(BASE, questions=(*BASE.questions, glued), notes=notes)) == []


def test_a_committees_question_left_in_an_answer_and_a_long_answer_that_asks() -> None:
    asked = Para(
        (Text("De leden van de VVD-fractie vragen of de regering de wet evalueert, zo vragen deze leden."),), Span(1)
    )
    short = [
        Answer(
            (n,),
            "",
            (Para((Text("Ja, dat klopt."), *((FootnoteRef(1), FootnoteRef(2)) if n == 1 else ())), Span(1)),),
            Span(1),
        )
        for n in (1, 2, 3)
    ]
    paragraphs = (
        Para((Text("Nee. " + "Dat is zo. " * 60),), Span(2)),
        Para((Text("Bent u bereid dat te doen?"),), Span(2)),
    )
    long = Answer((4,), "", paragraphs, Span(2))
    questions = tuple(
        Question(n, "", (Text("Klopt het?"), *((Text(" "), NoteRef("1")) if n == 1 else ())), Span(1))
        for n in (1, 2, 3, 4)
    )
    document = replace(BASE, questions=questions, answers=(*short, long), body=(asked,))
    warnings = check_document(document)
    assert [(w.code, w.page) for w in warnings] == [("questions-missed", 1), ("answer-holds-questions", 2)]
    assert "the answer to question 4 is 187 words" in warnings[1].message


def test_a_warning_names_the_lines_it_is_about_in_every_output() -> None:
    # "page 3, lines 12-14": where a reader looks, in the CLI's words and the pages' Dutch.
    letter = "Geachte voorzitter,\n\nVraag 1\nKlopt het?\n\nAntwoord 1\nJa, en overeenkomst³.\n\nVraag 3\nEn dit?\n"
    document = build_document(read_text(letter, "brief.txt"))
    warnings = {warning.code: warning for warning in document.warnings}
    assert warnings["question-gap"].where == "page 1, lines 9–10"
    assert warnings["stray-glyph"].where == "page 1, line 7"
    assert "`question-gap` (pagina 1, regels 9–10)" in render(document, "md")
    assert "<code>stray-glyph</code> (pagina 1, regel 7)" in render(document, "html")


def test_a_note_that_ran_into_an_answer_and_an_answer_s_own_sources() -> None:
    # Question 1 refers to note 1 (printed) and note 2 (printed nowhere as a note); answer 1 lists
    # "1) Rapport ..., 12 maart 2023" (its own source: note 1 was found) and "2) NOS, 3 mei 2023, ..."
    # (the note 2 the question refers to, read into the answer).
    question = Question(
        1, "Vraag 1", (Text("Kent u ‘X’?"), FootnoteRef(2), Text(" "), NoteRef("1", "1)"), Text(" 2)")), Span(1)
    )
    sources = ListItem("1) ", (Text("Rapport van de inspectie, 12 maart 2023"),))
    ran_in = ListItem("2) ", (Text("NOS, 3 mei 2023, ‘X’"),))
    answers = (Answer((1,), "Antwoord 1", (ListBlock((sources, ran_in), True, Span(2)),), Span(2)),)
    document = replace(BASE, questions=(question,), answers=answers)
    assert [(w.code, w.page) for w in check_document(document)] == [("note-missing", 1), ("note-in-text", 2)]


def test_an_answer_that_is_a_question_the_committee_s_text_or_a_heading() -> None:
    # Review 2, verslag of a schriftelijk overleg (OCW 2015-01-07, pp. 3-4): its first part lists
    # the fracties' questions, read as questions answered by the next fractie's text or a heading.
    letter = (
        "Vraag 1\nWelke voorwaarden stelt u?\n\nAntwoord 1\nWaaruit bestaan de voorwaarden? Deze leden zien graag "
        "een toelichting.\n\nVraag 2\nKlopt het?\n\nAntwoord 2\nDe leden van de D66-fractie merken op dat het "
        "niet klopt.\n\nVraag 3\nEn dit?\n\nAntwoord 3\n4. Keuze op hoofdlijnen\n\nVraag 4\nEn dat?\n\n"
        "Antwoord 4\nHoe vaak gebeurt het? En waar?\n\nVraag 5\nWanneer?\n\nAntwoord 5\nJa\n\n"
        "Vraag 6\nWaarom?\n\nAntwoord 6\nDat weet ik niet. Waarom zou het? De leden van de VVD-fractie "
        "vroegen het ook.\n"
    )
    document = build_document(read_text(letter, "brief.txt"))
    warnings = [w for w in document.warnings if w.code == "answer-asks"]
    assert [w.message.split(":")[0] for w in warnings] == [
        "the answer to question 1 is the committee's text",
        "the answer to question 2 is the committee's text",
        "the answer to question 3 is a heading",
    ]
    assert {w.code for w in warnings} <= REVIEW_WARNINGS
