"""Paragraph breaks as the page shows them (issue 20, item 4), on both engines.

An Aanhangsel ends a paragraph with nothing but a short last line; a letter set with wide line
spacing has a gap between every two lines. The counts of paragraphs per answer were made by hand
on the PDFs (``cases/paragraphs.json``, with the pages checked); every PDF of the test corpus is
held to a paragraph per sentence rather than a paragraph per printed line; and generated letters
of known paragraphs, one of them broken on purpose, prove the rules and the warning. (That each
ministry answer's PDF has the paragraphs of its Word file, ``test_docx`` checks.)
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.extract import ENGINES, Engine
from pipeline.pdf.lines import Line, make_line
from pipeline.pdf.page import Char
from pipeline.pdf.paragraphs import paragraph_breaks
from pipeline.render.data import document_data
from pipeline.run import Options, convert_document
from tests.conftest import DATA

TRUTH: dict[str, Any] = json.loads((Path(__file__).parent / "cases" / "paragraphs.json").read_text(encoding="utf-8"))
AANHANGSELS = DATA / "corpus" / "aanhangsel"
CORPUS = sorted([*(DATA / "corpus").rglob("*.pdf"), *(DATA / "real-answers").glob("*.pdf")])
NOT_LETTERS = {"not-letters"}
"""Folders of the corpus whose PDFs are no letters (decision lists laid out as tables)."""
GENERATED = DATA / "generated"
EXPECTED: dict[str, Any] = json.loads((GENERATED / "expected.json").read_text(encoding="utf-8"))
PARAGRAPH_LETTERS = sorted(name for name in EXPECTED if name.startswith("alinea-"))
SENTENCE_END = (".", "?", "!", ":", ";", ")", "”", "’", '"', "»")
FOOTNOTE_REFERENCES = re.compile(r"(?:\[\^\d+\])+$")


def unfinished(text: str) -> bool:
    """True if a paragraph ends mid-sentence (a footnote reference after its stop aside)."""
    return not FOOTNOTE_REFERENCES.sub("", text.rstrip()).endswith(SENTENCE_END)


@cache
def converted(path: Path, engine: Engine = "pdfplumber") -> dict[str, Any]:
    """The letter's JSON data, as the pipeline writes it."""
    return document_data(convert_document(path, path.name, Options(timeout=0, engine=engine)))


def blocks(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The letter's runs of blocks: its body, and each answer's."""
    return [data["body"], *(answer["blocks"] for answer in data["answers"])]


def paragraphs(data: dict[str, Any]) -> list[str]:
    return [block["text"] for run in blocks(data) for block in run if block["kind"] == "paragraph"]


def split_sentences(data: dict[str, Any]) -> int:
    """How often a paragraph ends mid-sentence and the next one goes on with it (a lower-case start)."""
    return sum(
        1
        for run in blocks(data)
        for above, below in itertools.pairwise(run)
        if above["kind"] == below["kind"] == "paragraph"
        and unfinished(above["text"])
        and below["text"][:1].islower()
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(TRUTH["letters"]))
def test_aanhangsel_answers_have_the_paragraphs_the_page_shows(name: str, engine: Engine) -> None:
    data = converted(AANHANGSELS / name, engine)
    found = {
        answer["label"]: {
            "paragraphs": sum(block["kind"] == "paragraph" for block in answer["blocks"]),
            "lists": sum(block["kind"] == "list" for block in answer["blocks"]),
        }
        for answer in data["answers"]
    }
    expected = {
        label: {"paragraphs": counts["paragraphs"], "lists": counts.get("lists", 0)}
        for label, counts in TRUTH["letters"][name]["answers"].items()
    }
    assert found == expected


def test_a_long_answer_of_three_paragraphs_is_not_one_block() -> None:
    """Aanhangsel 2367, "Antwoord 3, 4, 5 en 6": 560 words in three paragraphs (p.2)."""
    data = converted(AANHANGSELS / "ah-tk-20232024-2367__tkdoc-1b2d2126.pdf")
    (answer,) = [answer for answer in data["answers"] if answer["label"] == "Antwoord 3, 4, 5 en 6"]
    texts = [block["text"] for block in answer["blocks"]]
    assert [text.split()[0] for text in texts] == ["Ik", "Daarnaast", "Bunq"]
    assert all(text.endswith((".", ".[^2]")) for text in texts)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.name)
def test_no_corpus_letter_has_a_paragraph_per_printed_line(path: Path) -> None:
    """A sentence runs on in its paragraph: no more than one paragraph in twenty ends mid-sentence
    where the next goes on with it; and in a letter, at most five or a quarter of its paragraphs
    end mid-sentence at all (headings, a letterhead's lines, list introductions do). Before the
    pitch rule the BNC fiche had 328 of 391 paragraphs ending mid-sentence."""
    data = converted(path)
    texts = paragraphs(data)
    assert split_sentences(data) <= 0.05 * len(texts)
    if path.parent.name not in NOT_LETTERS:
        open_ended = [text for text in texts if unfinished(text)]
        assert len(open_ended) <= max(5, 0.25 * len(texts)), open_ended[:5]


def test_a_letter_in_wide_line_spacing_has_its_paragraphs() -> None:
    """The BNC fiche sets a gap of almost a line between every two lines (16.4 pt a line at 9 pt):
    a gap counts only against that pitch. Its headings with a hanging second line end where the
    next item's letter stands out left (p.9 "5. Financiële implicaties ... / aspecten" before
    "a) Consequenties EU-begroting") or where roman text follows the italic heading (p.11 "c)
    Voorgestelde implementatietermijn ... haalbaarheid" before "De inwerkingtreding ..."), and
    both are headings."""
    data = converted(DATA / "corpus" / "kamerbrieven" / "bnc-fiche-instant-payments-annex.pdf")
    headings = [block["text"] for block in data["body"] if block["kind"] == "heading"]
    assert 40 <= len(paragraphs(data)) <= 70
    assert "a) Consequenties EU-begroting" in headings
    heading = next(text for text in headings if text.startswith("c) Voorgestelde implementatietermijn"))
    assert heading.endswith("t.a.v. haalbaarheid")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", PARAGRAPH_LETTERS)
def test_generated_paragraphs_come_out(name: str, engine: Engine) -> None:
    """Justified with only a short last line to end a paragraph, or set at double line spacing:
    each answer has the paragraphs it was written with."""
    data = converted(GENERATED / name, engine)
    found = [[block["text"] for block in answer["blocks"]] for answer in data["answers"]]
    assert found == [answer["paragraphs"] for answer in EXPECTED[name]["answers"]]


@pytest.mark.parametrize("name", PARAGRAPH_LETTERS)
def test_paragraph_unclear_fires_only_where_the_page_does_not_say(name: str) -> None:
    """The letter broken on purpose has a line broken by hand after a sentence, before a word too
    long for the room left: the warning says where, and the paragraph is kept whole."""
    found = converted(GENERATED / name)["warnings"]
    warnings = [warning for warning in found if warning["code"] == "paragraph-unclear"]
    if "line-broken-by-hand" not in name:
        assert warnings == []
        return
    (warning,) = warnings
    assert warning["page"] == 1
    assert "jeugdzorgaanbieders." in warning["message"]


def line(text: str, top: float, x0: float = 70.0, width: float = 5.0, size: float = 10.0) -> Line:
    """A line of ``text`` at ``top``, each character ``width`` wide, spaces included."""
    chars: list[Char] = [
        {
            "text": char,
            "font": "Univers",
            "size": size,
            "x0": x0 + index * width,
            "x1": x0 + (index + 1) * width,
            "top": top,
            "bottom": top + size,
            "order": index,
            "spaced": index > 0 and text[index - 1] == " ",
        }
        for index, char in enumerate(text)
    ]
    return make_line(chars)


FULL = "x" * 80
"""A full line: it ends at the column's right edge (x 470)."""


def breaks(*texts: str, pitch: float | None = 1.2) -> list[int]:
    lines = [line(text, 100 + 12 * number) for number, text in enumerate(texts)]
    return sorted(paragraph_breaks(lines, 10.0, pitch, frozenset()).before)


def test_a_short_line_that_ends_a_sentence_ends_its_paragraph_where_the_next_word_fits() -> None:
    ragged = [FULL[:78], FULL[:74], FULL, FULL[:77]]
    assert breaks(*ragged, "Een zin eindigt hier.", "Dan volgt de rest", *ragged) == [5]
    # The next line's first word would not have fitted after the short line: no paragraph end.
    long_word = "Onderwijshuisvestingsplannen" + "x" * 40
    assert breaks(*ragged, "x" * 50 + " eindigt.", long_word, *ragged) == []
    # A short line that ends no sentence (a heading, an address) is left to the other evidence.
    assert breaks(*ragged, "Een regel zonder punt", "Dan volgt de rest", *ragged) == []


def test_on_justified_text_any_room_at_a_sentence_end_ends_the_paragraph() -> None:
    justified = [FULL, FULL, FULL, FULL]
    assert breaks(*justified, "x" * 66 + " einde.", "Onderwijshuisvestingsplannen", *justified) == [5]


def test_a_gap_counts_against_the_documents_own_line_pitch() -> None:
    """At 1.2 lines a line, a gap of 2.4 lines parts paragraphs; at a pitch of 2.4 it does not."""
    lines = [line(FULL, 100 + 24 * number) for number in range(4)]
    assert sorted(paragraph_breaks(lines, 10.0, 1.2, frozenset()).before) == [1, 2, 3]
    assert sorted(paragraph_breaks(lines, 10.0, 2.4, frozenset()).before) == []


def test_an_indented_first_line_after_a_sentence_starts_a_paragraph() -> None:
    """Where a paragraph's last line happens to be full, an indented first line still says where
    the next one starts; a hanging item's lines, which stay indented, say nothing of the kind."""
    texts = [FULL[:78], FULL[:74], FULL, FULL[:77], "x" * 77 + " af.", "Nieuw" + "x" * 60, FULL[:76], FULL]
    lines = [line(text, 100 + 12 * number, x0=90.0 if number == 5 else 70.0) for number, text in enumerate(texts)]
    assert sorted(paragraph_breaks(lines, 10.0, 1.2, frozenset()).before) == [5]
    hanging = [line(text, 100 + 12 * number, x0=70.0 if number < 5 else 90.0) for number, text in enumerate(texts)]
    assert sorted(paragraph_breaks(hanging, 10.0, 1.2, frozenset()).before) == []
