"""The questions' own notes and the letter's endnotes in every form: each tied to its reference."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.checks import check_document
from pipeline.clean import clean
from pipeline.endnotes import find_endnotes
from pipeline.extract import read_document, read_text
from pipeline.inline import parse_inline
from pipeline.model import REVIEW_WARNINGS, Footnote, FootnoteRef, NoteRef, Question, Span, Text
from pipeline.notes import note_references, reads_as_citation
from pipeline.pdf.reader import Engine
from pipeline.render import render
from pipeline.render.data import document_data, text
from pipeline.run import Options, build_document, convert_document
from tests.conftest import DATA
from tests.test_checks import BASE
from tests.test_texts import converted as converted_text

REAL = DATA / "real-answers"
GENERATED = DATA / "generated"


@pytest.mark.parametrize(
    ("question", "labels"),
    [
        ("Bent u bekend met de berichten ‘X’ en ‘Y’? 1) 2)", ["1", "2"]),  # VWS 2023, question 1
        ("het artikel ‘De dood van Nigel’ 1), waarin staat", ["1"]),  # JenV 2023, question 1
        ("“wij adviseren Saba.” 2); kunt u uiteenzetten", ["2"]),  # IenM 2015, question 6
        ("de Nederlandse Organisatie voor Wetenschappelijk Onderzoek (NWO)?[1]", ["1"]),  # OCW 2023
        ("Kent u het Handelingskader verward gedrag2) waarin staat", ["2"]),  # jenv-07, glued
        ("Bent u bekend met het bericht 1) over de haven?", ["1"]),
        ("Kunt u aangeven: 1) hoeveel meldingen, en 2) welke?", []),  # items of a list
        ("Welke 1) kosten en 2) baten ziet u?", []),
        ("Klopt het (artikel 3) dat? En (Kamerstuk 36 600, nr. 42) of (artikel 11.04)?", []),
    ],
)
def test_how_a_question_refers_to_its_notes(question: str, labels: list[str]) -> None:
    assert [reference.label for reference in note_references(question)] == labels


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("NOS, 4 april 2023, 'Kwaliteit kinderopvang Caribisch Nederland moet omhoog'", True),
        ("Vragen van de leden Tielen en Rajkowski (beiden VVD) (ingezonden 2 februari 2023).", True),
        ("https://www.nwo.nl/onderzoeksprogrammas/advancing-equity-academia", True),
        ("Kamerstuk 19637, nr. 3203", True),
        ("hoeveel kinderen er in 2023 op een wachtlijst stonden?", False),
        ("de kosten van de maatregel, en", False),
    ],
)
def test_what_a_note_s_text_looks_like(text: str, cites: bool) -> None:
    assert reads_as_citation(text) is cites


def test_a_note_s_reference_in_a_question_is_typed_where_the_note_exists() -> None:
    parts = parse_inline("Kent u het bericht ‘X’? 1) 2) 3)", {"1": 0, "2": 4}, question=True)
    assert parts == (
        Text("Kent u het bericht ‘X’? "),
        NoteRef("1", "1)"),
        Text(" "),
        NoteRef("2", "2)", footnote=4),
        Text(" 3)"),
    )
    # Outside a question "1)" numbers an item; "[1]" is a note's label wherever it stands.
    assert parse_inline("Twee stappen: 1) meten [1]", {"1": 0}) == (Text("Twee stappen: 1) meten "), NoteRef("1"))


def test_a_note_printed_as_a_footnote_is_written_with_that_footnote() -> None:
    question = Question(1, "Vraag 1", (Text("Kent u ‘X’ "), NoteRef("1", "1)", footnote=2), Text("?")), Span(1))
    footnotes = (*BASE.footnotes[:1], Footnote(2, (Text("NOS, ‘X’"),), (), Span(2)))
    document = replace(BASE, questions=(question,), footnotes=footnotes, notes=())
    assert text(question.parts) == "Kent u ‘X’ 1)[^2]?"
    assert check_document(document) == []  # footnote 2 is referred to, note 1 is found
    assert "Kent u ‘X’ 1)[^2]?" in render(document, "md")
    assert 'Kent u ‘X’ 1)<sup><a class="footnote-ref" id="fnref-2-1" href="#fn-2"' in render(document, "html")


def test_jenv_s_note_1_is_the_footnote_2_that_names_its_article() -> None:
    # Page 2, question 1: "... het artikel ‘De dood van Nigel had voorkomen kunnen worden’ 1), waarin";
    # page 4: footnote 2 "Caribisch Netwerk, 1 april 2023, ‘De dood van Nigel had voorkomen kunnen
    # worden’ (https://...)", its raised number after question 10. The letter prints no note "1)".
    name = "antwoord-JenV-kamervragen-moord-gedetineerde-krimpen-2023-05-22.pdf"
    document = convert_document(REAL / name, name, Options(timeout=0))
    assert [part for part in document.questions[0].parts if isinstance(part, NoteRef)] == [NoteRef("1", "1)", 2)]
    assert FootnoteRef(2) in document.questions[9].parts
    assert document.notes == () and [f.number for f in document.footnotes] == [1, 2]
    assert document.warnings == ()


def test_the_uyghur_letter_s_note_below_its_rule_is_a_note() -> None:
    # The 86 texts: "Kunt u deze vragen elk afzonderlijk beantwoorden?", a rule of underscores,
    # "1) The New York Times, 10 november 2024, ..." once ran into question 7.
    document = converted_text("De_situatie_van_Oeigoeren_in_Thailand.docx")
    assert text(document.questions[-1].parts) == "Kunt u deze vragen elk afzonderlijk beantwoorden?"
    assert [note.label for note in document.notes] == ["1"]
    assert text(document.notes[0].parts).startswith("The New York Times, 10 november 2024")
    assert [part for part in document.questions[0].parts if isinstance(part, NoteRef)] == [NoteRef("1", "1)")]
    assert [r.kind for r in document.removed if r.kind == "rule"] == ["rule"]
    assert document.warnings == ()


def test_word_endnotes_listed_at_the_end_are_the_letter_s_notes() -> None:
    # noten-04: raised 1, 2 and 4 in questions 1, 2 and 4, raised 3 in the answer to question 2;
    # the list "1 NRC, ..." to "4 NRC, ..." on page 2, the endnotes' own page.
    letter = GENERATED / "noten-04-word-endnotes.pdf"
    raw = read_document(letter, letter.name)
    endnotes = find_endnotes(raw.pages)
    assert endnotes.numbers == frozenset({1, 2, 3, 4}) and {page for page, _ in endnotes.places} == {2}
    cleaned = clean(raw)
    assert [(f.number, f.page) for f in cleaned.footnotes] == [(1, 2), (2, 2), (3, 2), (4, 2)]
    assert sorted(mark.number for line in cleaned.body for mark in line.marks) == [1, 2, 3, 4]
    assert not any("NRC" in line.text for line in cleaned.body)


def test_a_list_at_the_end_that_no_raised_number_refers_to_is_letter_text() -> None:
    # A raised 1 on page 1, a list 1-2 at the end of page 2: the 2 is referred to by nothing.
    letter = "Vraag 1\nKlopt het?¹\n\nAntwoord 1\nJa.\n\f"
    letter += "Vraag 2\nEn dit?\n\nAntwoord 2\nTwee punten:\n1 Het eerste\n2 Het tweede\n"
    document = build_document(read_text(letter, "brief.txt"))
    assert document.footnotes == ()
    assert [w.code for w in document.warnings] == ["stray-glyph"]
    assert "1 Het eerste" in " ".join(text(p) for b in document.answers[-1].blocks for p in b.paragraphs)


def test_a_footnote_citing_a_kamerstuk_is_no_page_footer() -> None:
    # The 86 texts, Piri en ..., page 2: the footnotes "2Tweede Kamer, vergaderjaar 2023–2024, 19 637,
    # nr. 3198" and "3Tweede Kamer, ..., nr. 3241" look like a Kamerstuk's footer but for their glued
    # number; read as footers they cut two pages too many and footnote 3 ran into answer 5.
    document = converted_text("Antwoord_op_vragen_van_de_leden_Piri_en_.pdf")
    assert document.page_count == 3  # "Aanhangsel 1", "Aanhangsel 2", "Aanhangsel 3"
    assert [f.number for f in document.footnotes] == [1, 2, 3, 4]
    assert text(document.footnotes[2].parts) == "Tweede Kamer, vergaderjaar 2023–2024, 19 637, nr. 3241"
    assert not any("nr. 3241" in text(p) for a in document.answers for b in a.blocks for p in b.paragraphs)
    assert document.warnings == ()


@pytest.mark.parametrize(
    ("name", "number", "start"),
    [
        # Page 2: "22023 Annual report: https://..." is footnote 2, its number glued to a year.
        ("Antwoord_op_vragen_van_de_leden_Koekkoek.pdf", 2, "2023 Annual report: https://op.europa.eu/"),
        # Page 1: "2wetten.nl – Regeling – ..." is footnote 2, its number glued to a site's name.
        ("Antwoord_op_vragen_van_het_lid_Westervel.pdf", 2, "wetten.nl – Regeling – Subsidieregeling"),
        # Page 3: the raised 6 was set on a line of its own with the comma after it ("sturen", "6,").
        ("Antwoord_op_vragen_van_het_lid_Hertzberg.pdf", 6, "Mede naar aanleiding van de motie"),
    ],
)
def test_footnotes_of_text_input_in_the_forms_extractors_give(name: str, number: int, start: str) -> None:
    document = converted_text(name)
    footnote = next(f for f in document.footnotes if f.number == number)
    assert text(footnote.parts).startswith(start)
    codes = {w.code for w in document.warnings if str(number) in w.message.split()}
    assert not codes & {"footnote-gap", "unreferenced-footnote"}


def test_a_number_after_vraag_on_a_line_of_its_own_is_no_marker() -> None:
    letter = "Vraag 1\nKlopt het?\n\nAntwoord 1\nZie het antwoord op vraag\n5, dat ook hier geldt.\n\n5 Een bron\n"
    document = build_document(read_text(letter.replace("5, dat", "5,\ndat"), "brief.txt"))
    answer = " ".join(text(p) for b in document.answers[0].blocks for p in b.paragraphs)
    assert "op vraag 5, dat ook hier geldt." in answer


NOTES2 = DATA / "notes2"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_numbered_list_in_an_answer_is_no_notes(engine: Engine) -> None:
    # Review 2, M5: answer 4 (page 3) lists "1. Gemeenten zonder ...;" / "2. Gemeenten waar ..."
    # after "twee categorieën van gemeenten:" and goes on for two paragraphs; the notes 1)-6) the
    # questions refer to are printed after the last answer (page 5).
    path = NOTES2 / "antwoord-OCW-kamervragen-bibliotheekvoorziening-2023-04-04.pdf"
    data = document_data(convert_document(path, path.name, Options(engine=engine)))
    answer = next(answer for answer in data["answers"] if answer["questions"] == [4])
    assert [block["kind"] for block in answer["blocks"]] == ["paragraph", "list", "paragraph", "paragraph"]
    assert answer["paragraphs"][1] == "1. Gemeenten zonder bibliotheekvestiging in de zin van de Wsob;"
    assert answer["paragraphs"][3].startswith("Daarna volgen alle overige gemeenten.")
    assert answer["paragraphs"][4].startswith("Langs verschillende communicatiekanalen")
    assert [(note["label"], note["page"]) for note in data["notes"]] == [(str(n), 5) for n in range(1, 7)]
    assert data["notes"][0]["text"] == "Kamerstuk 32 820, nr. 474"
    assert not data["warnings"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_note_label_with_no_space_after_it_opens_a_note(engine: Engine) -> None:
    # Review 2, M5: page 4 prints "1) https://dossierkoninkrijksrelaties.nl/…/" and "2)Telegraaf, …".
    path = NOTES2 / "antwoord-JenV-kamervragen-tuin-van-bezinning-2023-10-18.pdf"
    data = document_data(convert_document(path, path.name, Options(engine=engine)))
    first, second = (note["text"] for note in data["notes"])
    assert [note["label"] for note in data["notes"]] == ["1", "2"]
    assert first.startswith("https://dossierkoninkrijksrelaties.nl/") and first.endswith("/tot-in-de-dood-tweederangs/")
    assert second.startswith("Telegraaf, 6 september 2023, https://www.telegraaf.nl/")
    assert not [warning for warning in data["warnings"] if warning["code"].startswith("note")]


def test_a_note_printed_twice_is_said() -> None:
    letter = (
        "Vraag 1\nKent u het bericht ‘Bibliotheken sluiten’? 1)\n\nAntwoord 1\nDe regeling kent:\n\n"
        "Vraag 2\nKent u het rapport? 2)\n\nAntwoord 2\nNee.\n\n"
        "1) NOS, 3 maart 2023, ‘Bibliotheken sluiten’\n2) Kamerstuk 33 846, nr. 70\n"
    )
    document = build_document(read_text(letter, "brief.txt"))
    twice = replace(document, notes=(*document.notes, document.notes[0]))
    messages = [w.message for w in check_document(twice) if w.code == "note-printed-twice"]
    assert messages == [
        "note 1 is printed twice (page 1): text that is no note (a numbered list) was read as the "
        "questions' notes: 'NOS, 3 maart 2023, ‘Bibliotheken sluiten’'"
    ]
    assert "note-printed-twice" in REVIEW_WARNINGS
    assert not [w for w in check_document(document) if w.code == "note-printed-twice"]
