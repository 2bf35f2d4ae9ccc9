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
from pipeline.text import join_lines, join_marked
from tests.conftest import written

CASES = Path(__file__).resolve().parent / "cases"


def cases(name: str) -> list[Any]:
    data: list[dict[str, Any]] = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["title"]) for case in data]


@pytest.mark.parametrize("case", cases("join_lines.json"))
def test_join_lines(case: dict[str, Any]) -> None:
    assert join_lines(case["lines"]) == case["expected"]


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
