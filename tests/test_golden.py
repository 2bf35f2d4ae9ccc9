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

GOLDEN_PDFS = (
    "seed/2023Z00475-typeset.pdf",
    "aanhangsel/ah-tk-20232024-1314__tkdoc-00fe7edd.pdf",
    "aanhangsel/ah-tk-20232024-1481__tkdoc-1b650dd7.pdf",
    "aanhangsel/ah-tk-20232024-1949__tkdoc-1bb0809b.pdf",
    "aanhangsel/ah-tk-20232024-1999__tkdoc-01bf9f06.pdf",
    "aanhangsel/ah-tk-20232024-2367__tkdoc-1b2d2126.pdf",
    "ministry-answers/jenv-01-mutluer-gl-pvda-et-al-over-de-voorgenome.pdf",
    "ministry-answers/jenv-08-beckerman-sp-aan-de-staatssecretaris-van.pdf",
    "kamerbrieven/kamerbrief-IenW-verzamelbrief-luchtvaart-2023-10-18.pdf",
    "not-letters/negative-example__tk-besluitenlijst-openkamer-example3.pdf",
)
"""Real letters of every layout whose whole JSON was reviewed against the printed PDF."""
LETTERS = sorted((DATA / "text").glob("*.txt")) + [DATA / "corpus" / name for name in GOLDEN_PDFS]
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
