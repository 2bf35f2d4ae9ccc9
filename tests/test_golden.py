"""Golden files: the whole JSON of real letters, and for two of them the Markdown and HTML, against
reviewed expected files.

Regenerate with ``KAMERBRIEF_UPDATE_GOLDEN=1 make test`` and review the diff like code; that run
fails on purpose (``test_the_golden_flag_is_off``), so that no rewritten file passes unread.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.files import output_stem
from pipeline.model import Document
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
PAGES = ("2023Z00475-antwoorden-ai.txt", "ah-tk-20232024-1314__tkdoc-00fe7edd.pdf")
"""Letters whose Markdown and HTML are golden too: the seed as text (footnotes, notes, combined
and unlabelled answers) and an Aanhangsel PDF (tables, a combined question label)."""
GOLDENS = [(path, "json") for path in LETTERS] + [
    (path, output_format) for path in LETTERS if path.name in PAGES for output_format in ("md", "html")
]
KNOWN_WRONG: dict[tuple[str, str], str] = {}
"""Golden files that hold what the letter says where the program does not yet."""


def golden_cases() -> list[object]:
    return [
        pytest.param(
            path,
            output_format,
            id=f"{path.name}.{output_format}",
            marks=[pytest.mark.xfail(strict=True, reason=reason)]
            if (reason := KNOWN_WRONG.get((path.name, output_format)))
            else [],
        )
        for path, output_format in GOLDENS
    ]


@cache
def converted(path: Path) -> Document:
    return convert_document(path, path.name)


@pytest.mark.parametrize(("path", "output_format"), golden_cases())
def test_output_matches_the_reviewed_golden_file(path: Path, output_format: str) -> None:
    actual = render(converted(path), output_format)
    if output_format == "json":
        validate(json.loads(actual), "document")
    golden = GOLDEN / f"{output_stem(path)}.{output_format}"
    if UPDATE_GOLDEN and (path.name, output_format) in KNOWN_WRONG:
        pytest.skip(f"{golden.name} kept: it holds what the letter says, not what the program makes")
    if UPDATE_GOLDEN:
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"{golden.name} rewritten: review its diff")
    assert golden.exists(), f"{golden.name} is missing: make it with KAMERBRIEF_UPDATE_GOLDEN=1 and review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_the_golden_flag_is_off() -> None:
    # A run that rewrites the golden files compares nothing; it must not pass as a test run.
    assert not UPDATE_GOLDEN, (
        "KAMERBRIEF_UPDATE_GOLDEN=1 rewrote the golden files: review the diff, then run without it"
    )


def test_every_golden_file_belongs_to_a_letter() -> None:
    # A golden file whose letter left the list would never be compared again.
    expected = {f"{output_stem(path)}.{output_format}" for path, output_format in GOLDENS}
    assert {path.name for path in GOLDEN.iterdir()} == expected
