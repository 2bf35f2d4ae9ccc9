"""Text rules kept as data (tests/cases/*.json): joining lines and reading footnote markers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.clean import mark_footnote_references
from pipeline.text import join_lines
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
