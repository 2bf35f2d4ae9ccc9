"""Tables without rules, read from where their words stand (review finding F; issue 20, item 7).

Generated pages set a table as a word processor does (each cell a string at its own place,
figures set left or flush right, a group title centred across the table) between lines of
running text, on both engines; pages that set words in columns but hold no table (a list with
hanging numbers, a letterhead's labels, signatures side by side, a committee's list of
questions, justified lines stretched wide) must come out without one. A table of words only is
told as ``table-unclear``. The real letter whose table came out as one paragraph is read whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.extract import ENGINES, Engine
from pipeline.model import REVIEW_WARNINGS, RawDocument, RawLine
from pipeline.pdf import reader, tables
from pipeline.pdf.layout import TABLE_UNCLEAR, page_lines
from pipeline.render.data import document_data
from pipeline.run import Options, convert_document
from tests.conftest import DATA
from tests.pdfs import Cell, cells_pdf

LETTER = DATA / "tables" / "antwoord-BZK-kamervragen-eerste-kamer-pvdd-eilandsraden-2023-03-29.pdf"

PROSE = [
    "De openbare lichamen hebben de wens geuit het aantal eilandsraadsleden te verhogen, waarbij",
    "is aangegeven dat dit aantal hoger zou moeten zijn dan het aantal op basis van de staffel.",
    "Dit omdat het takenpakket op de openbare lichamen groot is in vergelijking met gemeenten.",
]
"""Running text around a table: the page's own word spaces are measured on it."""


def prose(*lines: str) -> list[list[Cell]]:
    return [[Cell(72, line)] for line in lines]


def read(rows: list[list[Cell]], engine: Engine = "pdfplumber") -> RawDocument:
    return reader.read_pdf(cells_pdf(rows), "tabel.pdf", engine=engine)


def body(document: RawDocument) -> list[RawLine]:
    return [line for page in document.pages for line in page.lines if line.zone == "body" and line.text]


def table_rows(document: RawDocument) -> list[tuple[str, ...]]:
    return [line.cells for line in body(document) if line.cells]


def unclear(document: RawDocument) -> list[str]:
    return [warning.message for warning in document.warnings if warning.code == TABLE_UNCLEAR]


# --- Tables that must be read ------------------------------------------------------------------

ISLANDS = [
    *prose(*PROSE),
    [Cell(72, "De verhogingen worden in de volgende tabel weergegeven:")],
    [Cell(175, "Nu"), Cell(262, "Per 1 januari 2027"), Cell(360, "Per 1 januari 2031")],
    [Cell(222, "Eilandsraadsleden")],
    [Cell(76, "Bonaire"), Cell(175, "9"), Cell(262, "15"), Cell(360, "19")],
    [Cell(76, "Sint Eustatius"), Cell(175, "5"), Cell(262, "11"), Cell(360, "11")],
    [Cell(76, "Saba"), Cell(175, "5"), Cell(262, "9"), Cell(360, "9")],
    [Cell(218, "Eilandgedeputeerden")],
    [Cell(76, "Bonaire"), Cell(175, "3"), Cell(262, "4"), Cell(360, "5")],
    *prose("Afhankelijk van de bevolkingsgroei kunnen de aantallen per 1 januari 2031 anders zijn."),
]
"""The letter's table: a blank corner, group titles centred across the columns, figures set left."""

BUDGET = [
    *prose(*PROSE),
    [Cell(72, "Post"), Cell(300, "2023", right=True), Cell(380, "2024", right=True), Cell(470, "Verschil", right=True)],
    [Cell(72, "Apparaatskosten"), Cell(300, "1.250", True), Cell(380, "1.310", True), Cell(470, "4,8%", True)],
    [
        Cell(72, "Subsidies aan gemeenten"),
        Cell(300, "12.400", True),
        Cell(380, "9.875", True),
        Cell(470, "-20,4%", True),
    ],
    [Cell(72, "Totaal"), Cell(300, "13.650", True), Cell(380, "11.185", True), Cell(470, "-18,1%", True)],
    *prose("Het verschil komt vooral door de lagere subsidies aan gemeenten in het jaar 2024."),
]
"""Amounts and percentages flush right: a column's cells overlap rather than start at one x."""


@pytest.mark.parametrize("engine", ENGINES)
def test_a_table_with_a_blank_corner_and_group_titles_is_read_row_by_row(engine: Engine) -> None:
    document = read(ISLANDS, engine)
    assert table_rows(document) == [
        ("", "Nu", "Per 1 januari 2027", "Per 1 januari 2031"),
        ("Eilandsraadsleden",),
        ("Bonaire", "9", "15", "19"),
        ("Sint Eustatius", "5", "11", "11"),
        ("Saba", "5", "9", "9"),
        ("Eilandgedeputeerden",),
        ("Bonaire", "3", "4", "5"),
    ]
    texts = [line.text for line in body(document) if not line.cells]
    assert texts[3] == "De verhogingen worden in de volgende tabel weergegeven:"
    assert texts[4].startswith("Afhankelijk van de bevolkingsgroei")
    assert not unclear(document)


@pytest.mark.parametrize("engine", ENGINES)
def test_figures_set_flush_right_are_read_in_their_columns(engine: Engine) -> None:
    document = read(BUDGET, engine)
    assert table_rows(document) == [
        ("Post", "2023", "2024", "Verschil"),
        ("Apparaatskosten", "1.250", "1.310", "4,8%"),
        ("Subsidies aan gemeenten", "12.400", "9.875", "-20,4%"),
        ("Totaal", "13.650", "11.185", "-18,1%"),
    ]
    assert not unclear(document)


def test_both_engines_read_the_tables_alike() -> None:
    for rows in (ISLANDS, BUDGET):
        plumber, pdfium = read(rows, "pdfplumber"), read(rows, "pdfium")
        assert [(line.text, line.cells) for line in body(plumber)] == [(line.text, line.cells) for line in body(pdfium)]


def test_a_table_becomes_a_table_block_of_its_answer(tmp_path: Path) -> None:
    rows = [
        *prose("Vraag 1", "Hoeveel eilandsraadsleden heeft elk openbaar lichaam nu en straks?", ""),
        *prose("Antwoord 1", "De verhogingen worden in de volgende tabel weergegeven:"),
        *ISLANDS[4:-1],
        *prose("Afhankelijk van de bevolkingsgroei kunnen de aantallen per 1 januari 2031 anders zijn."),
    ]
    path = tmp_path / "antwoord.pdf"
    path.write_bytes(cells_pdf(rows, leading=16))
    data = document_data(convert_document(path, path.name, Options(timeout=0)))
    kinds = [block["kind"] for block in data["answers"][0]["blocks"]]
    assert kinds == ["paragraph", "table", "paragraph"]
    table = data["answers"][0]["blocks"][1]
    assert table["rows"][0] == ["", "Nu", "Per 1 januari 2027", "Per 1 januari 2031"]
    assert table["rows"][1] == ["Eilandsraadsleden"]
    assert table["text"].splitlines()[2] == "Bonaire\t9\t15\t19"


# --- Words in columns that are no table --------------------------------------------------------


def numbered_list() -> list[list[Cell]]:
    """Items whose numbers hang left of their text (a tab after the number)."""
    return [
        *prose(PROSE[0]),
        [Cell(72, "1."), Cell(100, "Het aantal eilandsraadsleden van Bonaire gaat van 9 naar 15;")],
        [Cell(72, "2."), Cell(100, "het aantal van Sint Eustatius gaat van 5 naar 11, per 2027;")],
        [Cell(100, "dat van Saba van 5 naar 9, eveneens per 1 januari 2027.")],
        [Cell(72, "3."), Cell(100, "Het aantal eilandgedeputeerden volgt in 2031.")],
    ]


def letterhead() -> list[list[Cell]]:
    """A letterhead's labels and values, and a date and reference side by side."""
    return [
        [Cell(72, "Datum"), Cell(160, "29 maart 2023")],
        [Cell(72, "Kenmerk"), Cell(160, "2023-0000121437")],
        [Cell(72, "Betreft"), Cell(160, "Antwoorden op Kamervragen")],
        *prose(*PROSE),
    ]


def signatures() -> list[list[Cell]]:
    """Three signatures side by side: offices closed by commas, then the names."""
    return [
        *prose(*PROSE),
        [
            Cell(72, "De minister van Financiën,"),
            Cell(230, "De minister van Justitie,"),
            Cell(390, "De staatssecretaris,"),
        ],
        [Cell(72, "E. Heinen"), Cell(230, "D. van Weel"), Cell(390, "Z. Szabó")],
    ]


def committee_list() -> list[list[Cell]]:
    """A committee's list of questions laid out as a table: long questions, page columns."""
    question = "Hoeveel eilandsraadsleden telt elk openbaar lichaam nu, en hoeveel worden dat"
    return [
        [Cell(72, "Nr"), Cell(100, "Vraag"), Cell(470, "Blz. (van)"), Cell(530, "(tot)")],
        [Cell(72, "1"), Cell(100, question), Cell(470, "3"), Cell(530, "4")],
        [Cell(100, "na de herziening van de WolBES en de FinBES per 1 januari 2027?")],
        [Cell(72, "2"), Cell(100, question), Cell(470, "5"), Cell(530, "5")],
        [Cell(72, "3"), Cell(100, question), Cell(470, "6"), Cell(530, "7")],
    ]


def justified() -> list[list[Cell]]:
    """A paragraph set justified, two of its lines stretched to almost an em between words."""
    return [
        *prose(*PROSE),
        [Cell(72, "In 2027 en 2031 komen er eilandsraadsleden bij: Bonaire 15 en 19 zetels,", spacing=6.5)],
        [Cell(72, "Sint Eustatius 11 zetels in 2027 en Saba 9 zetels, beide eveneens in 2027.", spacing=6.0)],
        *prose("Het aantal eilandgedeputeerden wordt 25% van het aantal eilandsraadsleden."),
    ]


@pytest.mark.parametrize("layout", [numbered_list, letterhead, signatures, committee_list, justified])
@pytest.mark.parametrize("engine", ENGINES)
def test_words_in_columns_that_are_no_table_stay_text(layout: Any, engine: Engine) -> None:
    document = read(layout(), engine)
    assert table_rows(document) == []
    assert unclear(document) == []


def test_the_stretched_lines_fall_apart_into_chunks_that_agree_on_no_columns() -> None:
    """The justified page really tests the rule: its stretched lines part at every space (wider
    than three word spaces), and only the columns, which their words do not share, keep them
    out of a table."""
    with reader.engine_module("pdfplumber").open_document(cells_pdf(justified())) as pdf:
        page = page_lines(1, pdf.read_page(0))
    rows = [[line] for line in page.lines]
    ratio = tables._word_space(rows)
    parts = [len(tables._chunks(row, ratio, 10.0)) for row in rows]
    assert parts == [1, 1, 1, 13, 14, 1]
    assert tables.find_tables(rows, 10.0) == tables.Tables({}, ())


# --- Words in columns that may be a table: a warning -------------------------------------------

WORDS = [
    *prose(*PROSE),
    [Cell(72, "Openbaar lichaam"), Cell(200, "Bestuurscollege"), Cell(370, "Toezicht")],
    [Cell(72, "Bonaire"), Cell(200, "Gezaghebber en gedeputeerden"), Cell(370, "Rijksvertegenwoordiger")],
    [Cell(72, "Sint Eustatius"), Cell(200, "Regeringscommissaris"), Cell(370, "Staatssecretaris")],
    *prose("De rollen verschillen per eiland, zoals hierboven weergegeven."),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_table_of_words_is_kept_as_text_with_a_warning(engine: Engine) -> None:
    document = read(WORDS, engine)
    assert table_rows(document) == []
    (message,) = unclear(document)
    assert message.startswith("lines 4–6 (Openbaar lichaam Bestuurscollege Toezich")
    assert TABLE_UNCLEAR in REVIEW_WARNINGS
    (warning,) = [warning for warning in document.warnings if warning.code == TABLE_UNCLEAR]
    assert warning.page == 1


# --- The letter of finding F -------------------------------------------------------------------


@pytest.fixture(scope="module")
def letter() -> dict[str, Any]:
    return document_data(convert_document(LETTER, LETTER.name, Options(timeout=0)))


def test_the_letters_table_is_a_table_block_of_answer_2(letter: dict[str, Any]) -> None:
    """Page 4: the table under "De verhogingen worden in de volgende tabel weergegeven:"."""
    (answer,) = [answer for answer in letter["answers"] if answer["questions"] == [2]]
    tables = [block for block in answer["blocks"] if block["kind"] == "table"]
    assert [table["page"] for table in tables] == [4]
    assert tables[0]["rows"] == [
        ["", "Nu", "Per 1 januari 2027", "Per 1 januari 2031"],
        ["Eilandsraadsleden"],
        ["Bonaire", "9", "15", "19"],
        ["Sint Eustatius", "5", "11", "11"],
        ["Saba", "5", "9", "9"],
        ["Eilandgedeputeerden"],
        ["Bonaire", "3", "4", "5"],
        ["Sint Eustatius", "2", "3", "3"],
        ["Saba", "2", "3", "3"],
    ]
    before = answer["blocks"][answer["blocks"].index(tables[0]) - 1]
    assert before["text"] == "De verhogingen worden in de volgende tabel weergegeven:"
    assert not [warning for warning in letter["warnings"] if warning["code"] == TABLE_UNCLEAR]


def test_the_letter_reads_the_same_on_both_engines(letter: dict[str, Any]) -> None:
    pdfium = document_data(convert_document(LETTER, LETTER.name, Options(timeout=0, engine="pdfium")))
    assert pdfium == letter
