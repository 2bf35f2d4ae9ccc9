"""Word originals: the same questions, answers, footnotes and notes as their PDFs; hostile files fail alone."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import ConversionError, TooLarge, UnreadableInput
from pipeline.extract import read_document
from pipeline.model import Document, Table
from pipeline.render import document_data
from pipeline.render.data import answer_paragraphs, block_data, text
from pipeline.run import Options, convert_document, convert_file
from pipeline.schema import validate
from tests import wordfiles as wf
from tests.conftest import DATA
from tests.test_corpus import words
from tests.test_pdf import mutations

ANSWERS = DATA / "corpus" / "ministry-answers"
PAIRS = sorted(path.stem for path in ANSWERS.glob("jenv-*.docx"))

WORD_IS_RIGHT = {
    ("jenv-05-teunissen-pvdd-aan-de-minster-van-justit", "answer 21 paragraphs"): (
        "the Word file has four paragraphs where the PDF's conversion ran them into one (no short last line)"
    ),
    ("jenv-01-mutluer-gl-pvda-et-al-over-de-voorgenome", "subject"): (
        "the letterhead's Betreft, which the PDF's conversion printed over other fields (SOURCES.md), so the PDF "
        "reading fell back on the cover letter's 'over ...'"
    ),
}
"""Where the Word file and its PDF differ because the PDF's conversion lost something: the Word side
is right. Every other field must be equal."""
WORD_FILE_WARNINGS = frozenset({"empty-field", "footnote-mark"})


def converted(path: Path) -> Document:
    return convert_document(path, path.name, Options(timeout=0))


def differences(name: str) -> dict[str, tuple[object, object]]:
    """The fields in which the Word file's reading and its PDF's differ (PDF value, Word value)."""
    pdf, word = converted(ANSWERS / f"{name}.pdf"), converted(ANSWERS / f"{name}.docx")
    fields: dict[str, tuple[object, object]] = {
        "questions": ([q.number for q in pdf.questions], [q.number for q in word.questions]),
        "answer groups": ([a.questions for a in pdf.answers], [a.questions for a in word.answers]),
        "answer labels": ([a.label for a in pdf.answers], [a.label for a in word.answers]),
        "footnotes": (
            [(f.number, text(f.parts), f.urls) for f in pdf.footnotes],
            [(f.number, text(f.parts), f.urls) for f in word.footnotes],
        ),
        "notes": (
            [(n.label, text(n.parts), n.urls) for n in pdf.notes],
            [(n.label, text(n.parts), n.urls) for n in word.notes],
        ),
    }
    for q_pdf, q_word in zip(pdf.questions, word.questions, strict=True):
        fields[f"question {q_pdf.number}"] = (text(q_pdf.parts), text(q_word.parts))
    for a_pdf, a_word in zip(pdf.answers, word.answers, strict=True):
        # The words must be the same everywhere; where they are split into paragraphs may differ.
        fields[f"answer {a_pdf.questions[0]} words"] = (
            words(" ".join(answer_paragraphs(a_pdf))),
            words(" ".join(answer_paragraphs(a_word))),
        )
        fields[f"answer {a_pdf.questions[0]} paragraphs"] = (
            tuple(answer_paragraphs(a_pdf)),
            tuple(answer_paragraphs(a_word)),
        )
    for field in ("kenmerk", "date", "subject", "reference", "questioners", "on_behalf_of", "signatories"):
        fields[field] = (getattr(pdf.metadata, field), getattr(word.metadata, field))
    # The warnings about the Word file itself (a field read from the properties) have no PDF counterpart.
    fields["review warnings"] = (
        sorted(w.code for w in pdf.warnings if w.code != "metadata-unclear"),
        sorted(w.code for w in word.warnings if w.code not in {"metadata-unclear", *WORD_FILE_WARNINGS}),
    )
    return {field: values for field, values in fields.items() if values[0] != values[1]}


@pytest.mark.parametrize("name", PAIRS)
def test_a_word_file_reads_as_its_pdf(name: str) -> None:
    found = differences(name)
    unexplained = {field: values for field, values in found.items() if (name, field) not in WORD_IS_RIGHT}
    assert not unexplained, unexplained
    stale = [field for (letter, field) in WORD_IS_RIGHT if letter == name and field not in found]
    assert not stale, f"no longer different, drop from WORD_IS_RIGHT: {stale}"


def test_all_eight_word_files_are_compared() -> None:
    assert len(PAIRS) == 8 and all((ANSWERS / f"{name}.pdf").exists() for name in PAIRS)


@pytest.mark.parametrize("name", PAIRS)
def test_a_word_file_has_paragraphs_not_pages(name: str) -> None:
    document = converted(ANSWERS / f"{name}.docx")
    data = document_data(document)
    validate(data, "document")
    assert data["source"]["format"] == "docx" and data["page_count"] is None
    assert all(q["page"] is None and q["paragraph"] >= 1 for q in data["questions"])
    assert all(f["page"] is None and f["paragraph"] >= 1 for f in data["footnotes"])
    positions = [q["paragraph"] for q in data["questions"]]
    assert positions == sorted(positions) or name.startswith("jenv-08")  # jenv-08 prints 9 and 10 before 6


def test_the_letterhead_of_the_word_template_gives_the_metadata() -> None:
    # jenv-02: a table in the body holds "Datum | 16 mei 2024"; the headers hold a stale "11 april 2024".
    document = converted(ANSWERS / "jenv-02-lahlah-en-chakor-groenlinks-pvda-over-ve.docx")
    assert (document.metadata.date, document.metadata.reference) == ("2024-05-16", "5401166")
    assert document.metadata.subject.startswith("Beantwoording Kamervragen van de leden Lahlah en Chakor")
    # jenv-01: the fields stand in text boxes of the first page's header.
    document = converted(ANSWERS / "jenv-01-mutluer-gl-pvda-et-al-over-de-voorgenome.docx")
    assert document.metadata.date == "2024-07-25" and document.metadata.kenmerk == "2024Z11859"
    assert document.metadata.subject.startswith("Beantwoording Kamervragen leden Mutluer")
    assert [s.name for s in document.metadata.signatories] == ["D.M. van Weel"]


def test_a_salutation_from_a_field_without_saved_result_is_read_from_the_properties() -> None:
    # jenv-08's "Geachte heer/mevrouw," is a DOCPROPERTY aanhefdoc field whose saved result is empty;
    # its value stands in docProps/custom.xml, and page 1 of the PDF prints it.
    name = "jenv-08-beckerman-sp-aan-de-staatssecretaris-van"
    word, pdf = converted(ANSWERS / f"{name}.docx"), converted(ANSWERS / f"{name}.pdf")
    assert [block_data(b)["text"] for b in word.body] == [block_data(b)["text"] for b in pdf.body]
    assert block_data(word.body[0])["text"] == "Geachte heer/mevrouw,"
    assert [(w.code, w.message) for w in word.warnings] == [
        (
            "empty-field",
            "the field DOCPROPERTY aanhefdoc has no saved result; the value of its document property is read: "
            "'Geachte heer/mevrouw,'",
        )
    ]


# --- what the reader makes of each construct -------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "brief.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def letter(tmp_path: Path, body: str, **parts: object) -> Document:
    return converted(write(tmp_path, wf.word_file(body, **parts)))  # type: ignore[arg-type]


def assert_the_two_questions_on_cycle_paths(document: Document) -> None:
    assert [(q.number, text(q.parts)) for q in document.questions] == [
        (1, "Hoeveel fietspaden zijn er?"),
        (2, "Waarom niet meer?"),
    ]
    assert [(a.questions, tuple(answer_paragraphs(a))) for a in document.answers] == [
        ((1,), ("Vierhonderd.",)),
        ((2,), ("Daar is geen geld voor.",)),
    ]


def test_automatic_numbers_are_the_question_numbers(tmp_path: Path) -> None:
    body = "".join(
        [
            wf.p("Vragen van het lid Jansen (D66) over fietspaden."),
            wf.p("Hoeveel fietspaden zijn er?", num=(1, 0)),
            wf.p("Antwoord 1"),
            wf.p("Vierhonderd."),
            wf.p("Waarom niet meer?", num=(1, 0)),
            wf.p("Antwoord 2"),
            wf.p("Daar is geen geld voor."),
        ]
    )
    document = letter(tmp_path, body, parts={"numbering": wf.numbering("%1.")})
    assert_the_two_questions_on_cycle_paths(document)


def test_list_levels_count_and_restart(tmp_path: Path) -> None:
    body = "".join(
        wf.p(text, num=num)
        for text, num in [("een", (1, 0)), ("a", (1, 1)), ("b", (1, 1)), ("twee", (1, 0)), ("a weer", (1, 1))]
    )
    raw = read_document(write(tmp_path, wf.word_file(body, parts={"numbering": wf.numbering("%1)", start=3)})), "x")
    assert [line.text for line in raw.pages[0].lines if line.text] == ["3) een", "a) a", "b) b", "4) twee", "a) a weer"]


def test_footnotes_and_endnotes_are_tied_to_their_marks(tmp_path: Path) -> None:
    body = wf.p(
        wf.run("Eerst een eindnoot")
        + wf.footnote_mark(5, "endnote")
        + wf.run(" en dan een voetnoot")
        + wf.footnote_mark(2)
        + wf.run(".")
    )
    parts = {
        "footnotes": wf.notes("footnote", {2: "Kamerstuk 36 410 VIII, nr. 106."}),
        "endnotes": wf.notes("endnote", {5: "Zie www.rijksoverheid.nl."}),
    }
    document = letter(tmp_path, body, parts=parts)
    # Footnotes first (1), endnotes after them (2), each where its mark stands.
    assert block_data(document.body[0])["text"] == "Eerst een eindnoot[^2] en dan een voetnoot[^1]."
    assert [(f.number, text(f.parts)) for f in document.footnotes] == [
        (1, "Kamerstuk 36 410 VIII, nr. 106."),
        (2, "Zie www.rijksoverheid.nl."),
    ]
    assert document.footnotes[1].urls == ("https://www.rijksoverheid.nl",)
    assert not [w for w in document.warnings if w.code.startswith("footnote") or w.code == "unreferenced-footnote"]


def renumbered(document: Document) -> list[str]:
    return [w.message for w in document.warnings if w.code == "note-renumbered"]


def test_endnotes_counted_apart_from_the_footnotes_say_so(tmp_path: Path) -> None:
    # Word prints endnotes as i, ii by default, in a count of their own; the JSON has one count.
    body = wf.p(
        wf.run("Voetnoot") + wf.footnote_mark(1) + wf.run(", eindnoten") + wf.footnote_mark(1, "endnote")
        + wf.run(" en") + wf.footnote_mark(2, "endnote") + wf.run(".")
    )
    parts = {
        "footnotes": wf.notes("footnote", {1: "Kamerstuk 36 410, nr. 1."}),
        "endnotes": wf.notes("endnote", {1: "Eerste.", 2: "Tweede."}),
    }
    document = letter(tmp_path, body, parts=parts)
    assert [f.number for f in document.footnotes] == [1, 2, 3]
    [message] = renumbered(document)
    assert "endnotes in a count of their own (i is 2, ii is 3)" in message


def test_notes_whose_numbers_are_printed_as_counted_give_no_warning(tmp_path: Path) -> None:
    body = wf.p(wf.run("Eindnoot") + wf.footnote_mark(7, "endnote") + wf.run("."))
    decimal = '<w:endnotePr><w:numFmt w:val="decimal"/></w:endnotePr>'
    parts = {"endnotes": wf.notes("endnote", {7: "Zie nr. 3."}), "settings": wf.settings(note_numbering=decimal)}
    assert renumbered(letter(tmp_path, body, parts=parts)) == []
    footnotes = {"footnotes": wf.notes("footnote", {7: "Zie nr. 3."})}
    assert renumbered(letter(tmp_path, body.replace("endnote", "footnote"), parts=footnotes)) == []


def test_a_count_that_starts_elsewhere_or_restarts_is_said(tmp_path: Path) -> None:
    body = wf.p(wf.run("Noot") + wf.footnote_mark(1) + wf.run("."))
    parts = {"footnotes": wf.notes("footnote", {1: "Zie nr. 3."})}
    start = '<w:footnotePr><w:numStart w:val="4"/></w:footnotePr>'
    [message] = renumbered(letter(tmp_path, body, parts={**parts, "settings": wf.settings(note_numbering=start)}))
    assert "(4 is 1)" in message
    restart = '<w:footnotePr><w:numRestart w:val="eachPage"/></w:footnotePr>'
    [message] = renumbered(letter(tmp_path, body, parts={**parts, "settings": wf.settings(note_numbering=restart)}))
    assert "restarts their count on every page" in message


def test_a_note_nobody_refers_to_is_kept_and_reported(tmp_path: Path) -> None:
    document = letter(tmp_path, wf.p("Geen verwijzing."), parts={"footnotes": wf.notes("footnote", {1: "Verweesd."})})
    assert [text(f.parts) for f in document.footnotes] == ["Verweesd."]
    assert "unreferenced-footnote" in {w.code for w in document.warnings}


def test_fields_give_their_results_and_hyperlinks_their_targets(tmp_path: Path) -> None:
    body = wf.p(wf.run("Datum: ") + wf.field("DOCPROPERTY datum", "16 mei 2024")) + wf.p(
        '<w:hyperlink r:id="rIdL"><w:r><w:t>het bericht</w:t></w:r></w:hyperlink>'
    )
    document = letter(tmp_path, body, hyperlinks={"rIdL": "https://nos.nl/artikel/1"})
    assert [block_data(b)["text"] for b in document.body] == ["Datum: 16 mei 2024", "het bericht"]
    assert [(link.uri, link.covered_text) for link in document.links] == [("https://nos.nl/artikel/1", "het bericht")]


def test_a_note_with_a_mark_of_its_own_is_numbered_after_the_numbered_ones(tmp_path: Path) -> None:
    # As LibreOffice writes a footnote marked "*" between two numbered ones: Word prints 1, *, 2.
    body = wf.p(
        wf.run("Eerst een gewone")
        + wf.footnote_mark(2)
        + wf.run(" en dan een sterretje")
        + wf.own_mark(3, "*")
        + wf.run(" en weer gewoon")
        + wf.footnote_mark(4)
        + wf.run(".")
    )
    notes = wf.notes("footnote", {2: "Gewone noot.", 4: "Derde noot."}).replace(
        "</w:footnotes>",
        '<w:footnote w:id="3"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:tab/><w:t>Sternoot.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>",
    )
    document = letter(tmp_path, body, parts={"footnotes": notes})
    # The numbered notes keep the numbers the letter prints; the mark is neither text nor note.
    assert block_data(document.body[0])["text"] == "Eerst een gewone[^1] en dan een sterretje[^3] en weer gewoon[^2]."
    assert [(f.number, text(f.parts)) for f in document.footnotes] == [
        (1, "Gewone noot."),
        (2, "Derde noot."),
        (3, "Sternoot."),
    ]
    assert [(w.code, w.message, w.page) for w in document.warnings if w.code != "not-a-letter"] == [
        (
            "footnote-mark",
            "footnote 3: the Word file marks it '*', not with a number; it is numbered 3 here, after the notes "
            "Word numbers",
            1,
        )
    ]


def test_a_mark_of_its_own_that_is_a_symbol_is_said_so(tmp_path: Path) -> None:
    # A symbol-font character (private use) prints a glyph no text can say.
    body = wf.p(wf.run("Een kruisje") + wf.own_mark(1, '<w:sym w:font="Wingdings" w:char="F0FB"/>') + wf.run("."))
    document = letter(tmp_path, body, parts={"footnotes": wf.notes("footnote", {1: "Noot."})})
    assert block_data(document.body[0])["text"] == "Een kruisje[^1]."
    assert [text(f.parts) for f in document.footnotes] == ["Noot."]
    assert [w.message for w in document.warnings if w.code == "footnote-mark"] == [
        "footnote 1: the Word file marks it with a symbol that is no text, not with a number; it is numbered 1 "
        "here, after the notes Word numbers"
    ]


def test_fields_without_saved_result_print_the_documents_properties_and_variables(tmp_path: Path) -> None:
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Fietspaden in Drenthe</dc:title></cp:coreProperties>'
    )
    body = "".join(
        [
            wf.p(wf.field(r"DOCPROPERTY aanhefdoc \* MERGEFORMAT", "")),
            # A saved result is what the letter prints, even where the property says otherwise.
            wf.p(wf.run("Datum: ") + wf.field("DOCPROPERTY datum", "16 mei 2024")),
            wf.p(wf.run("Adres: ") + wf.field("DOCVARIABLE adres", "")),
            wf.p(wf.run("Titel: ") + '<w:fldSimple w:instr=" DOCPROPERTY Title "/>'),
            # Empty, or unknown, or inside another field's instruction: nothing to print, nothing to say.
            wf.p(wf.run("Leeg:") + wf.field("DOCPROPERTY rubricering", "") + wf.field("DOCPROPERTY onbekend", "")),
            wf.p(wf.run("Als:") + wf.field('IF "1" = "2" "x" ""', "")),
        ]
    )
    properties = wf.custom_properties(
        {"Aanhefdoc": "_x000d_Geachte heer/mevrouw,_x000d_", "datum": "11 april 2024", "rubricering": " "}
    )
    data = wf.word_file(
        body,
        parts={"settings": wf.settings({"adres": "Postbus 20018"})},
        package={
            "docProps/custom.xml": ("custom-properties", properties),
            "docProps/core.xml": ("core-properties", core),
        },
    )
    document = converted(write(tmp_path, data))
    assert [block_data(b)["text"] for b in document.body] == [
        "Geachte heer/mevrouw,",
        "Datum: 16 mei 2024",
        "Adres: Postbus 20018",
        "Titel: Fietspaden in Drenthe",
        "Leeg:",
        "Als:",
    ]
    assert [(w.code, w.message.split(";")[0], w.page) for w in document.warnings if w.code != "not-a-letter"] == [
        ("empty-field", "the field DOCPROPERTY aanhefdoc has no saved result", 1),
        ("empty-field", "the field DOCVARIABLE adres has no saved result", 3),
        ("empty-field", "the field DOCPROPERTY Title has no saved result", 4),
    ]


def test_a_field_inside_another_fields_instruction_prints_nothing_of_its_own(tmp_path: Path) -> None:
    # IF { DOCPROPERTY mailing-aan } = "1" ...: the inner field's value is the IF's condition, not text.
    inner = wf.field("DOCPROPERTY mailing-aan", "")
    outer = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        f'{inner}<w:r><w:instrText xml:space="preserve"> = "1" "ja" "" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    properties = ("custom-properties", wf.custom_properties({"mailing-aan": "1"}))
    data = wf.word_file(wf.p(wf.run("Voor") + outer + wf.run(" na.")), package={"docProps/custom.xml": properties})
    document = converted(write(tmp_path, data))
    assert [block_data(b)["text"] for b in document.body] == ["Voor na."]
    assert [w.code for w in document.warnings] == ["not-a-letter"]


def test_plain_paragraphs_down_to_betreft_on_the_first_page_are_the_letterhead(tmp_path: Path) -> None:
    # As the PDF reader reads page 1 of a ministry letter: the addressee, "Datum ..." and "Betreft ...".
    head = wf.p("De Voorzitter van de Tweede Kamer") + wf.p("Datum 3 juni 2024") + wf.p("Betreft Fietspaden")
    rest = wf.p("Geachte voorzitter,") + wf.p("Hierbij de brief.")
    document = letter(tmp_path, head + rest)
    assert (document.metadata.date, document.metadata.subject) == ("2024-06-03", "Fietspaden")
    assert [block_data(b)["text"] for b in document.body] == ["Geachte voorzitter,", "Hierbij de brief."]
    # Past the first page (a page break the file records), or past what a first page holds, it is text.
    page_break = wf.p('<w:r><w:br w:type="page"/></w:r>')
    for before in (page_break, wf.p("Een alinea.") * 25):
        document = letter(tmp_path, before + head + rest)
        assert document.metadata.date == "", before[:40]
        assert "Betreft Fietspaden" in [block_data(b)["text"] for b in document.body]


def test_an_empty_line_inside_a_paragraph_is_a_gap(tmp_path: Path) -> None:
    # A signature typed as one paragraph: the role, empty lines (manual breaks), the name.
    breaks = "<w:r><w:br/><w:br/><w:br/></w:r>"
    signature = wf.p(wf.run("De minister van Infrastructuur en Waterstaat,") + breaks + wf.run("A. de Wit"))
    document = letter(tmp_path, wf.p("Geachte voorzitter,") + wf.p("Hierbij de brief.") + signature)
    assert [(s.role, s.name) for s in document.metadata.signatories] == [
        ("De minister van Infrastructuur en Waterstaat", "A. de Wit")
    ]


def test_a_committee_list_in_a_word_table_reads_row_by_row(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{wf.p(cell)}</w:tc>" for cell in cells) + "</w:tr>"

    def answer(text: str) -> str:
        return f'<w:tr><w:tc>{wf.p("")}</w:tc><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>{wf.p(text)}</w:tc></w:tr>'

    table = "".join(
        [
            row("Nr", "Vraag", "Blz. (van)", "(tot)"),
            row("1", "Hoeveel fietspaden zijn er?", "12", "13"),
            answer("Vierhonderd."),
            row("2", "Waarom niet meer?", "14", "14"),
            answer("Daar is geen geld voor."),
        ]
    )
    document = letter(tmp_path, wf.p("Lijst van vragen en antwoorden") + f"<w:tbl>{table}</w:tbl>")
    assert_the_two_questions_on_cycle_paths(document)
    assert [(r.kind, r.text) for r in document.removed] == [
        ("table-header", "Nr Vraag Blz. (van) (tot)"),
        ("page-column", "12 13"),
        ("page-column", "14 14"),
    ]


def test_text_boxes_and_headers_are_the_letterhead(tmp_path: Path) -> None:
    box = wf.text_box(wf.p("Datum"), wf.p("3 juni 2024"), wf.p(""), wf.p("Betreft"), wf.p("Fietspaden"), wf.p(""))
    header = wf.p("Ons kenmerk") + wf.p("1234567") + wf.p(wf.field("PAGE", "1"))
    document = letter(tmp_path, wf.p(box) + wf.p("Geachte voorzitter,") + wf.p("Hierbij de brief."), header=header)
    assert (document.metadata.date, document.metadata.subject, document.metadata.reference) == (
        "2024-06-03",
        "Fietspaden",
        "1234567",
    )
    # Each text box is read once (not also its copy for old readers), and none of it is running text.
    assert [block_data(b)["text"] for b in document.body] == ["Geachte voorzitter,", "Hierbij de brief."]
    assert [(r.kind, r.text) for r in document.removed] == [("furniture", "1")]


def test_a_table_of_data_keeps_its_cells(tmp_path: Path) -> None:
    def row(*cells: str) -> str:
        return "<w:tr>" + "".join(f"<w:tc>{wf.p(cell)}</w:tc>" for cell in cells) + "</w:tr>"

    body = wf.p("Het aantal is:") + f"<w:tbl>{row('Jaar', 'Aantal')}{row('2023', '12')}{row('2024', '15')}</w:tbl>"
    document = letter(tmp_path, body)
    tables = [b for b in document.body if isinstance(b, Table)]
    assert [b.kind for b in document.body] == ["paragraph", "table"]
    assert [[text(cell) for cell in row] for row in tables[0].rows] == [
        ["Jaar", "Aantal"],
        ["2023", "12"],
        ["2024", "15"],
    ]


# --- files that are not read, and hostile files ------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
HOSTILE: dict[str, tuple[str, bytes, type[ConversionError], str]] = {
    "zip bomb (declared)": ("bom.docx", wf.lying_zip("word/document.xml", 1000, 2**32 - 1), TooLarge, "inflates to"),
    "zip bomb (lying)": (
        "liegt.docx",
        wf.lying_zip("word/document.xml", 80 * 2**20, 1000),
        UnreadableInput,
        "damaged Word document",
    ),
    "huge part": (
        "groot.docx",
        wf.lying_zip("word/document.xml", 80 * 2**20, 80 * 2**20),
        TooLarge,
        "part word/document.xml inflates to more than 64 MB",
    ),
    "external header": (
        "kop.docx",
        wf.word_file(
            wf.p("Tekst.") + '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>',
            relationships=[("header", "http://127.0.0.1:9/kop.xml", "External")],
        ),
        UnreadableInput,
        "is outside the file",
    ),
    "missing part": (
        "mist.docx",
        wf.word_file(
            wf.p("Tekst[^1]."), parts={"footnotes": wf.notes("footnote", {1: "x"})}, omit=("word/footnotes.xml",)
        ),
        UnreadableInput,
        "a part is missing (word/footnotes.xml)",
    ),
    "missing main part": (
        "leeg.docx",
        wf.word_file(wf.p("x"), omit=("word/document.xml",)),
        UnreadableInput,
        "a part is missing",
    ),
    "macros": ("macro.docx", wf.word_file(wf.p("x"), main_type=wf.MACRO_MAIN), UnreadableInput, "with macros (.docm)"),
    "docm": ("brief.docm", wf.word_file(wf.p("x")), UnreadableInput, "with macros (.docm)"),
    "old doc": ("brief.doc", OLE, UnreadableInput, "an old Word document (.doc"),
    "encrypted": (
        "geheim.docx",
        OLE + "EncryptedPackage".encode("utf-16-le"),
        UnreadableInput,
        "encrypted (password-protected)",
    ),
    "not a zip": (
        "tekst.docx",
        b"Geachte voorzitter, dit is geen Word-bestand.",
        UnreadableInput,
        "does not start like one",
    ),
    "truncated": (
        "half.docx",
        (ANSWERS / f"{PAIRS[0]}.docx").read_bytes()[:30000],
        UnreadableInput,
        "damaged Word document",
    ),
}


def entity_file(entity: str) -> bytes:
    """A Word file whose main part declares a DTD with an entity and uses it."""
    data = wf.word_file(wf.p("&x;"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"?><w:document", f"?><!DOCTYPE w:document [<!ENTITY x {entity}>]><w:document".encode()
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


HOSTILE["external entity"] = ("xxe.docx", entity_file('SYSTEM "file:///etc/passwd"'), UnreadableInput, "declares a DTD")
HOSTILE["entity bomb"] = ("lol.docx", entity_file('"lol"'), UnreadableInput, "declares a DTD")
HOSTILE["network entity"] = (
    "net.docx",
    entity_file('SYSTEM "http://127.0.0.1:9/x"'),
    UnreadableInput,
    "declares a DTD",
)


def with_header(target: str, mode: str = "") -> bytes:
    """A Word file whose header is the part (or address) ``target``."""
    section = '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>'
    return wf.word_file(wf.p("Tekst.") + section, relationships=[("header", target, mode)])


def nested_tables(depth: int) -> bytes:
    return wf.word_file(
        wf.p("Tekst.") + "<w:tbl><w:tr><w:tc>" * depth + wf.p("diep") + "</w:tc></w:tr></w:tbl>" * depth
    )


HOSTILE["relationship up out of the file"] = (
    "omhoog.docx",
    with_header("../../../../etc/passwd"),
    UnreadableInput,
    "a relationship in word/_rels/document.xml.rels leads out of the file (../../../../etc/passwd)",
)
HOSTILE["relationship to a file address"] = (
    "adres.docx",
    with_header("file:///etc/passwd"),
    UnreadableInput,
    "leads out of the file (file:///etc/passwd); nothing outside it is read",
)
HOSTILE["relationship to a network path"] = (
    "unc.docx",
    with_header("//server/share/kop.xml"),
    UnreadableInput,
    "leads out of the file (//server/share/kop.xml)",
)
HOSTILE["absolute part name"] = (
    "absoluut.docx",
    with_header("/etc/passwd"),
    UnreadableInput,
    "a part is missing (etc/passwd)",  # a name inside the archive, which does not hold it
)
HOSTILE["deeply nested tables"] = ("diep.docx", nested_tables(300), TooLarge, "more than 256 levels deep")
HOSTILE["a million paragraphs"] = (
    "alineas.docx",
    wf.word_file(wf.p("Tekst.") + "<w:p/>" * 1_000_000),
    TooLarge,
    "holds more than 25,000 paragraphs",
)
HOSTILE["too many footnotes"] = (
    "noten.docx",
    wf.word_file(
        wf.p("Tekst."),
        parts={
            "footnotes": wf.notes("footnote", {}).replace(
                "</w:footnotes>", '<w:footnote w:id="9"/>' * 30_000 + "</w:footnotes>"
            )
        },
    ),
    TooLarge,
    "holds more than 25,000 footnotes",
)
HOSTILE["too many elements"] = (
    "elementen.docx",
    wf.word_file(
        wf.p("Tekst."), parts={"styles": f"<w:styles {wf.NAMESPACES}>" + "<w:style/>" * 2_100_000 + "</w:styles>"}
    ),
    TooLarge,
    "part word/styles.xml holds more than 2,000,000 XML elements",
)


def test_tables_nested_as_deep_as_xml_may_are_read(tmp_path: Path) -> None:
    # 80 tables in one another: 240 levels of XML, just under the parser's limit.
    raw = read_document(write(tmp_path, nested_tables(80)), "x")
    assert [line.text for line in raw.pages[0].lines if line.text] == ["Tekst.", "diep"]


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_or_unsupported_word_file_gives_one_clear_line(tmp_path: Path, case: str) -> None:
    name, data, error, reason = HOSTILE[case]
    path = write(tmp_path, data, name)
    with pytest.raises(error) as caught:
        read_document(path, path.name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and reason in message and "\n" not in message, message


AUDITED = r"""
import json, sys
from pathlib import Path
from pipeline.errors import ConversionError
from pipeline.extract import read_document

files = sorted(Path(sys.argv[1]).iterdir())
def read_all():
    for path in files:
        try:
            read_document(path, path.name)
        except ConversionError:
            pass
read_all()  # first without the hook, so that every lazy import is done
seen = []
def hook(event, args):
    if event == "open" and args[0] not in {str(path) for path in files}:
        seen.append([event, str(args[0])])
    elif event.startswith(("socket.", "urllib.", "http.", "subprocess.", "os.system", "os.exec", "os.posix_spawn")):
        seen.append([event, repr(args)[:200]])
sys.addaudithook(hook)
read_all()
print(json.dumps(seen))
"""
"""Reads every hostile file twice in a fresh interpreter; the second time an audit hook records
every file opened (but the input) and every socket, request or process started."""


def test_hostile_word_files_reach_neither_the_network_nor_the_file_system(tmp_path: Path) -> None:
    # libxml2 opens files in C, unseen by the hook: what keeps it away is that a DTD is refused
    # before any parser runs (the entity cases), and python-docx reads the archive from memory.
    for name, data, _, _ in HOSTILE.values():
        write(tmp_path, data, name)
    write(tmp_path, with_header("http://127.0.0.1:9/kop.xml", "External"), "extern.docx")
    write(tmp_path, wf.word_file(wf.p("x"), relationships=[("image", "file:///etc/passwd", "External")]), "beeld.docx")
    result = subprocess.run(
        [sys.executable, "-c", AUDITED, str(tmp_path)], capture_output=True, text=True, timeout=300, check=True
    )
    assert json.loads(result.stdout) == [], result.stdout


def test_hostile_word_files_fail_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data, _, _ in HOSTILE.values():
        write(folder, data, name)
    shutil.copy(ANSWERS / f"{PAIRS[3]}.docx", folder / "goed.docx")
    (folder / "notitie.odt").write_bytes(b"PK\x03\x04 an OpenDocument text")
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(tmp_path / "out"), "--no-cache"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.exit_code == 1
    # Every file in the folder that is not read gets its own line, .doc, .docm and .odt included.
    assert sorted(line.split(": ")[1] for line in errors) == sorted(
        str(folder / name) for name in [*(case[0] for case in HOSTILE.values()), "notitie.odt"]
    )
    assert (tmp_path / "out" / "goed.json").exists()
    assert not [path for path in (tmp_path / "out").iterdir() if path.stem in {"bom", "xxe", "kop"}]


def xml_mutations(data: bytes, count: int, seed: int) -> list[bytes]:
    """Well-formed archives whose XML parts are cut or garbled: the XML parsers get the damage."""
    rng = random.Random(seed)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = [name for name in parts if name.endswith((".xml", ".rels"))]
    mutated = []
    for _ in range(count):
        name = rng.choice(xml)
        changed = dict(parts)
        content = bytearray(parts[name])
        for _ in range(rng.randrange(1, 8)):
            content[rng.randrange(len(content))] = rng.choice(b'<>&"/ x\x00')
        changed[name] = bytes(content)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content_bytes in changed.items():
                archive.writestr(part, content_bytes)
        mutated.append(buffer.getvalue())
    return mutated


def test_fuzzed_word_files_convert_or_fail_cleanly(tmp_path: Path) -> None:
    original = (ANSWERS / f"{PAIRS[3]}.docx").read_bytes()
    hostile = [case[1] for case in HOSTILE.values()]
    fuzzed = [*hostile, *mutations(original, 12), *xml_mutations(original, 24, 2024)]
    for index, data in enumerate(fuzzed):
        path = write(tmp_path, data, f"fuzz-{index}.docx")
        result = convert_file(path, tmp_path / "out", Options(timeout=20))
        assert "internal error" not in result.error and "\n" not in result.error, result.error
        if result.status == "failed":
            assert result.error.startswith(f"{path}: "), result.error
            assert not (tmp_path / "out" / f"fuzz-{index}.json").exists()
        else:
            assert (tmp_path / "out" / f"fuzz-{index}.json").exists()


# --- a Word file in a batch is like any input -------------------------------------------------


def convert(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stderr


def test_cache_only_changed_corrections_and_index_treat_a_word_file_like_any_input(tmp_path: Path) -> None:
    folder, out, cache = tmp_path / "in", tmp_path / "out", tmp_path / "cache"
    folder.mkdir()
    word = folder / "brief.docx"
    shutil.copy(ANSWERS / "jenv-04-eerdmans-ja21-over-het-bericht-dat-een-m.docx", word)
    code, err = convert(str(folder), "-o", str(out), "--cache-dir", str(cache))
    assert code == 0, err
    first = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    # The cache gives back what reading gave, positions of paragraphs included.
    assert convert_file(word, tmp_path / "again", Options(cache_dir=cache)).from_cache
    assert (tmp_path / "again" / "brief.json").read_text(encoding="utf-8") == (out / "brief.json").read_text(
        encoding="utf-8"
    )
    # The index lists it; --only-changed finds nothing to do until it changes.
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [entry["source"] for entry in index["documents"]] == ["brief.docx"]
    code, err = convert("--only-changed", str(folder), "-o", str(out), "--cache-dir", str(cache))
    assert code == 0 and "nothing to convert" in err
    # A corrections file beside it applies (a replacement before cleaning, an override at the end).
    (folder / "brief.corrections.toml").write_text(
        '[[replace]]\nfind = "complex en weerbarstig"\nreplace = "complex en taai"\n\n'
        '[questions.3]\ntext = "Hoe vaak gebeurt dit?"\n',
        encoding="utf-8",
    )
    later = word.stat().st_mtime + 5
    os.utime(folder / "brief.corrections.toml", (later, later))
    code, err = convert("--only-changed", str(folder), "-o", str(out), "--cache-dir", str(cache))
    assert code == 0, err
    corrected = json.loads((out / "brief.json").read_text(encoding="utf-8"))
    assert corrected["questions"][2]["text"] == "Hoe vaak gebeurt dit?"
    assert "complex en taai" in corrected["answers"][0]["paragraphs"][0]
    assert [c["count"] for c in corrected["corrections"]] == [1, 1]
    assert first["questions"][2]["paragraph"] == corrected["questions"][2]["paragraph"]
