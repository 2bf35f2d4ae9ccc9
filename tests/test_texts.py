"""The 86 texts of real Kamervragen documents (tests/data/texts), each against its structure as
read by hand (tests/corpus/texts_expected.json): 43 answer letters, questions and Mededelingen.

A letter that is itself irregular (a question printed twice, an answer to a question that was
never printed) lists the warnings it must carry in ``expect_warnings``: there the program
cannot be right, so it must say that it is unsure.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from typing import Any

import pytest
import regex

from pipeline.extract import read_text
from pipeline.model import READING_WARNINGS, Document
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import build_document
from tests.conftest import DATA, TESTS
from tests.test_corpus import words as loose_words

TABLE = DATA / "texts" / "texts-kamervragen-limburg-2024-11__86docs.csv"
EXPECTED: dict[str, dict[str, Any]] = json.loads((TESTS / "corpus" / "texts_expected.json").read_text())

pytestmark = pytest.mark.slow
"""All 86 texts through the whole pipeline."""


def words(text: str) -> str:
    """Compared loosely, as in the corpus test; a footnote marker that the text layer put after the
    question mark ("gesteld?1", "gesteld? 1") is no word of the question."""
    return loose_words(regex.sub(r"(?<=[?.])\s?\d{1,2}(?=\s|$)", " ", text))


@cache
def texts() -> dict[str, str]:
    csv.field_size_limit(10**8)
    with TABLE.open(encoding="utf-8") as stream:
        return {row["name"]: row["text_content"] for row in csv.DictReader(stream)}


@cache
def converted(name: str) -> Document:
    return build_document(read_text(texts()[name], name))


ANSWER_LETTERS = sorted(name for name, entry in EXPECTED.items() if entry["kind"] == "antwoorden")
REGULAR = [name for name in ANSWER_LETTERS if "expect_warnings" not in EXPECTED[name]]
IRREGULAR = [name for name in ANSWER_LETTERS if "expect_warnings" in EXPECTED[name]]


def test_every_text_has_its_ground_truth() -> None:
    assert sorted(texts()) == sorted(EXPECTED)
    assert len(ANSWER_LETTERS) == 43


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_kind(name: str) -> None:
    assert converted(name).kind == EXPECTED[name]["kind"]


@pytest.mark.parametrize("name", REGULAR)
def test_questions_and_answer_groups(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    assert [q.number for q in document.questions] == expected["questions"]
    assert [list(a.questions) for a in document.answers] == expected["answers"]
    assert [a.label.rstrip(":").strip() for a in document.answers] == [
        label.rstrip(":").strip() for label in expected["answer_labels"]
    ]
    review = [w for w in document.warnings if w.code in READING_WARNINGS]
    assert review == [], "the questions and answers of a regular letter are read with no doubt"


@pytest.mark.parametrize("name", REGULAR)
def test_question_and_answer_texts(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    texts = {str(q.number): words(text(q.parts)) for q in document.questions}
    for number, start in expected["question_starts"].items():
        assert texts[number].startswith(words(start)), f"question {number}: {texts[number][:100]}"
    for number, end in expected["question_ends"].items():
        assert texts[number].endswith(words(end)), f"question {number}: …{texts[number][-100:]}"
    starts = [words(" ".join(answer_paragraphs(a))) for a in document.answers]
    for index, (actual, start) in enumerate(zip(starts, expected["answer_starts"], strict=True)):
        assert actual.startswith(words(start)), f"answer {index + 1}: {actual[:100]}"


@pytest.mark.parametrize("name", IRREGULAR)
def test_irregular_letters_say_so(name: str) -> None:
    codes = {warning.code for warning in converted(name).warnings}
    assert set(EXPECTED[name]["expect_warnings"]) <= codes
