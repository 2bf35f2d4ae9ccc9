"""Text rules kept as data (tests/cases/*.json): joining lines and reading footnote markers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import mark_footnote_references
from pipeline.model import Mark, Marked
from pipeline.pdf.reader import Engine
from pipeline.render.data import document_data, to_json
from pipeline.run import Options, convert_document
from pipeline.text import join_lines, join_marked, spellings
from tests.conftest import DATA, written

CASES = Path(__file__).resolve().parent / "cases"


def cases(name: str) -> list[Any]:
    data: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["title"]) for case in data]


@pytest.mark.parametrize("case", cases("join_lines.json"))
def test_join_lines(case: dict[str, Any]) -> None:
    # "letter": other lines the letter prints, whose spellings decide the hyphens at line ends too.
    assert join_lines(case["lines"], spellings([*case.get("letter", []), *case["lines"]])) == case["expected"]


@pytest.mark.parametrize("case", cases("footnote_references.json"))
def test_footnote_references(case: dict[str, Any]) -> None:
    # The expected text writes each footnote reference found as [^N], as the JSON does.
    assert written(mark_footnote_references(case["text"], set(case["footnotes"]))) == case["expected"]


# --- Marked text: a footnote reference is never lost on the way from cleaning to the blocks ------

TEXTS = st.text(st.sampled_from("ab -?.\u00a0"), max_size=12)


@st.composite
def marked(draw: st.DrawFn) -> Marked:
    text = draw(TEXTS)
    places = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    return Marked(text, tuple(Mark(at, number) for number, at in enumerate(places, start=1)))


@given(marked(), st.data())
def test_a_cut_keeps_every_mark_on_one_side(text: Marked, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text.text)))
    before, after = text.cut(at)
    assert before + after == text


@given(marked(), st.data())
def test_strip_tail_and_join_lose_no_mark(text: Marked, data: st.DataObject) -> None:
    numbers = [mark.number for mark in text.marks]
    assert [mark.number for mark in text.strip().marks] == numbers
    length = data.draw(st.integers(0, len(text.text)))
    assert [mark.number for mark in text.tail(length).marks] == numbers
    assert all(0 <= mark.at <= len(part.text) for part in (text.strip(), text.tail(length)) for mark in part.marks)
    joined = join_marked([text, Marked("c", (Mark(1, 9),)), text])
    assert [mark.number for mark in joined.marks] == [*numbers, 9, *numbers] or not (text.text.strip() or text.marks)


# --- Line-end hyphens: what the letter prints elsewhere decides --------------------------------

PIECES = st.text(st.sampled_from("abdeiklmnorstuv"), min_size=2, max_size=8)
LINES = st.text(st.sampled_from("aAb-“”. 1"), min_size=1, max_size=10)


@given(PIECES, PIECES.filter(lambda word: word not in {"en", "of", "tot", "and", "or"}), st.booleans())
def test_a_compound_the_letter_prints_with_its_hyphen_keeps_it_at_a_line_end(
    first: str, second: str, hyphenates: bool
) -> None:
    # (Before a conjunction, "op- en afbouw", "pre- or post-", the hyphen is an elided compound's.)
    layout = ["zij doorbre-", "ken de maatrege-", "len en de organisa-", "ties"] if hyphenates else []
    printed = spellings([*layout, f"het {first}-{second} is"])
    assert join_lines([f"de {first}-", f"{second} hier"], printed) == f"de {first}-{second} hier"


@given(LINES, LINES)
def test_a_line_end_hyphen_is_all_a_join_may_take(before: str, after: str) -> None:
    # Joined, the text is both lines, with a space between them or without, or without the hyphen.
    first, second = (join_lines([line]) for line in (before + "-", after))
    joined = join_lines([before + "-", after], spellings([before + "-", after]))
    assert joined in {first + second, first + " " + second, first[:-1] + second} or not second


# --- Real letters (review finding M3): a compound's hyphen at a line end stays -------------------

HYPHENS = DATA / "hyphens"
LETTERS_PRINT = {
    # Page 4: "procureur-" | "generaal"; the same letter splits "Poli-" | "tie," for layout.
    "antwoord-BZK-kamervragen-politie-sint-maarten-2015-09-23.pdf": (
        ["hebben wij de procureur-generaal van Curaçao", "Politie,", "grensoverschrijdende"],
        ["procureurgeneraal", "Poli-tie", "grensoverschrij-dende"],
    ),
    # Page 3 "vmbo-" | "mbo", page 10 "mbo-" | "hbo" (printed "mbo-hbo" on the same line); a Word
    # letter that splits no word for layout, so "super-" | "evenementen" is printed so too.
    "antwoord-OCW-kamervragen-djv-2014-2015-06-05.pdf": (
        ["werkagenda vmbo-mbo opgenomen", "Vanuit het sectorplan mbo-hbo techniek", "voor de super-evenementen"],
        ["vmbombo", "mbohbo"],
    ),
    # Page 1: "ministers-" | "presidenten van Aruba".
    "kamerbrief-BZK-vierlandenoverleg-2023-01-20.pdf": (
        ["met de ministers-presidenten van Aruba"],
        ["ministerspresidenten"],
    ),
}


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("name", sorted(LETTERS_PRINT))
def test_a_letter_keeps_its_compounds_hyphens_and_joins_its_split_words(name: str, engine: Engine) -> None:
    document = convert_document(HYPHENS / name, name, Options(engine=engine))
    data = to_json({key: value for key, value in document_data(document).items() if key != "removed"})
    printed, not_printed = LETTERS_PRINT[name]
    assert [text for text in printed if text not in data] == []
    assert [text for text in not_printed if text in data] == []
