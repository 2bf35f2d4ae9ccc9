"""Page counters and question numbers told apart (review2 findings M4, M8, M10)."""

from __future__ import annotations

import pytest

from pipeline.extract import read_text
from pipeline.pdf.grid import Glyph, place_chars
from pipeline.pdf.layout import layout_page, page_lines
from pipeline.pdf.page import PageRecord
from pipeline.pdf.reader import Engine
from pipeline.render.data import document_data
from pipeline.run import Options, build_document, convert_document
from tests.conftest import DATA

NUMBERING = DATA / "numbering"
HEIGHT = 842.0


def glyphs(text: str, x0: float, baseline_from_top: float, size: float = 9.0) -> list[Glyph]:
    """A run of text from ``x0`` on, each character half its size wide, its baseline
    ``baseline_from_top`` points below the page's top."""
    width = 0.5 * size
    baseline = HEIGHT - baseline_from_top
    return [
        (char, "Arial", size, x0 + i * width, x0 + (i + 1) * width, baseline, i > 0 and text[i - 1] == " ")
        for i, char in enumerate(text)
    ]


def zones(number: int, *runs: list[Glyph], page_count: int | None = None) -> list[tuple[str, str]]:
    chars, _ = place_chars([glyph for run in runs for glyph in run], HEIGHT)
    page = page_lines(number, PageRecord(595.0, HEIGHT, chars, 0, 0, (), ()))
    raw, _ = layout_page(page, None, None, page_count=page_count)
    return [(line.zone, line.text) for line in raw.lines if line.text]


def text_lines(first: float, count: int, x0: float = 71.0) -> list[list[Glyph]]:
    return [glyphs(f"Regel {n} van de tekst van het antwoord.", x0, first + 11 * n) for n in range(count)]


def test_a_page_counter_below_all_text_on_the_last_page_only_is_furniture() -> None:
    # M8: "2 / 2" at the foot of page 2 of 2 (page 1 prints no number).
    lines = zones(2, *text_lines(100, 5), glyphs("2 / 2", 526, 805, 12.0), page_count=2)
    assert lines[-1] == ("furniture", "2 / 2")
    assert {zone for zone, _ in lines[:-1]} == {"body"}
    assert zones(1, *text_lines(100, 3), glyphs("- 1 -", 290, 805), page_count=2)[-1] == ("furniture", "- 1 -")


def test_a_counter_that_is_not_the_page_s_own_or_has_text_below_it_is_text() -> None:
    # Another page's number, another page count, or a line below it: a number in the text.
    assert zones(2, *text_lines(100, 3), glyphs("1/2", 526, 805), page_count=2)[-1] == ("body", "1/2")
    assert zones(2, *text_lines(100, 3), glyphs("2/3", 526, 805), page_count=2)[-1] == ("body", "2/3")
    middle = zones(2, *text_lines(100, 3), glyphs("2/2", 71, 300), *text_lines(320, 3), page_count=2)
    assert ("body", "2/2") in middle


def test_a_bare_number_right_above_the_text_it_numbers_is_no_page_number() -> None:
    # M4: page 1 opens with "1" in the top margin and question 1 right below it, no white space.
    lines = zones(1, glyphs("1", 71, 80), glyphs("Kunt u cijfermatig uitsplitsen hoe dat zit?", 71, 91))
    assert lines[0] == ("body", "1")


def test_a_page_number_atop_the_page_apart_from_the_text_is_furniture() -> None:
    lines = zones(1, glyphs("1", 71, 50), glyphs("Kunt u cijfermatig uitsplitsen hoe dat zit?", 71, 91))
    assert lines[-1] == ("furniture", "1")
    # Centred, right above the text, it still numbers the page.
    lines = zones(1, glyphs("1", 290, 80), glyphs("Kunt u cijfermatig uitsplitsen hoe dat zit?", 71, 91))
    assert lines[-1] == ("furniture", "1")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_memorie_s_2_of_2_is_no_paragraph_of_answer_2(engine: Engine) -> None:
    path = NUMBERING / "memorie-OCW-36165-2023-04-26.pdf"
    data = document_data(convert_document(path, path.name, Options(engine=engine)))
    last = data["answers"][-1]["paragraphs"]
    assert "2 / 2" not in str(last)
    assert [(r["page"], r["text"]) for r in data["removed"] if r["kind"] == "furniture"] == [(2, "2 / 2")]
    assert len(data["questions"]) == 2


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_cpb_s_question_1_atop_page_1_is_a_question(engine: Engine) -> None:
    path = NUMBERING / "antwoorden-CPB-CEP-2023-04-11.pdf"
    data = document_data(convert_document(path, path.name, Options(engine=engine)))
    first = data["questions"][0]
    assert (first["number"], first["number_printed"], first["label"]) == (1, True, "")
    assert first["text"].startswith("Kunt u cijfermatig uitsplitsen hoe de verschillen")
    assert data["answers"][0]["questions"] == [1]
    assert data["answers"][0]["paragraphs"][0].startswith("De stand van het EMU-saldo")
    assert "question-gap" not in {w["code"] for w in data["warnings"]}
    assert [r for r in data["removed"] if r["text"] == "1"] == []


def test_the_column_header_vraag_is_no_label_of_question_1() -> None:
    path = NUMBERING / "antwoorden-SZW-beleidsdoorlichting-2015-03-03.pdf"
    data = document_data(convert_document(path, path.name, Options()))
    first = data["questions"][0]
    assert (first["number"], first["number_printed"], first["label"]) == (1, True, "")
    assert first["text"].startswith("Waarom zijn de Wet arbeidsongeschiktheidsverzekering")
    assert [q["number"] for q in data["questions"]] == list(range(1, 39))


def test_answers_that_start_again_at_1_name_several_sets_of_questions() -> None:
    # M4: 2015-09-18 answers three members' sets of questions, each numbered from 1.
    letter = "1)\nIs dat zo?\n\n2)\nEn dit?\n\nAntwoord vraag 1.\nJa.\n\nAntwoord vraag 2.\nNee.\n\n" \
        "1)\nWaarom?\n\nAntwoord vraag 1.\nDaarom.\n"
    warnings = build_document(read_text(letter, "brief.txt")).warnings
    twice = [warning.message for warning in warnings if warning.code == "question-answered-twice"]
    assert twice and all("several sets of questions, each numbered from 1" in message for message in twice)
    # A question answered twice in one set, after no higher number, is just that.
    letter = "1)\nIs dat zo?\n\nAntwoord vraag 1.\nJa.\n\nAntwoord vraag 1.\nNog eens ja.\n"
    warnings = build_document(read_text(letter, "brief.txt")).warnings
    twice = [warning.message for warning in warnings if warning.code == "question-answered-twice"]
    assert twice and not any("several sets" in message for message in twice)
