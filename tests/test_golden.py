"""Golden files: the whole JSON of real letters against a reviewed expected file.

Regenerate with ``KAMERBRIEF_UPDATE_GOLDEN=1 make test`` and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.files import output_stem
from pipeline.render import render
from pipeline.run import convert_document
from pipeline.schema import validate
from tests.conftest import DATA, GOLDEN, UPDATE_GOLDEN

LETTERS = sorted(path for path in (DATA / "text").glob("*.txt")) + sorted((DATA / "pdf").glob("*.pdf"))
GOLDEN_LETTERS = [path for path in LETTERS if (GOLDEN / f"{output_stem(path)}.json").exists() or UPDATE_GOLDEN]


@pytest.mark.parametrize("path", GOLDEN_LETTERS, ids=[path.name for path in GOLDEN_LETTERS])
def test_whole_json_matches_the_reviewed_golden_file(path: Path) -> None:
    actual = render(convert_document(path, path.name), "json")
    validate(json.loads(actual), "document")
    golden = GOLDEN / f"{output_stem(path)}.json"
    if UPDATE_GOLDEN:
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_golden_files_are_compared_not_rewritten_in_ci() -> None:
    assert not (os.environ.get("CI") and UPDATE_GOLDEN), "KAMERBRIEF_UPDATE_GOLDEN must be off in CI"


def test_the_seed_has_a_golden_file() -> None:
    assert (GOLDEN / "2023Z00475-antwoorden-ai.json").exists()
