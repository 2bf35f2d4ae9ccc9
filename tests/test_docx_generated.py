"""The generated letters of known structure, read from Word: each comes back exactly as it was built.

``tests/generated/make_letters.py`` builds every letter from a seed, writes it as a Word file
with python-docx and converts that to the committed PDF. Here the same code writes the same Word
files again (python-docx writes the same parts for the same letter; only the ZIP's timestamps
differ), so no ``.docx`` is committed; a first test checks that the generator still builds the
letters of ``expected.json``, so the Word files are the ones the PDFs were made from. Every
letter must then read exactly as built: kind, question numbers and texts, answer groups, labels
and paragraphs, and every footnote with its text, number and the question or answer its mark is
in; with no warning about the reading (the PDFs may be excused by a review warning, a Word file
has no lost layout to excuse it), only the ones the letter as built deserves.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import Document
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import Options, convert_document
from tests.generated import make_letters
from tests.test_generated import EXPECTED, NAMES, differences, normalise

LETTER_WARNINGS = frozenset({"date-before-submitted"})
"""Warnings about the letter itself: the generator dates some letters before their questions."""

pytestmark = pytest.mark.slow
"""76 Word files written and read through the whole pipeline."""


def word_file(letter: make_letters.Letter) -> bytes:
    """The letter as the generator writes it before LibreOffice turns it into the PDF."""
    renderer = make_letters.Renderer(letter)
    renderer.render()
    buffer = io.BytesIO()
    renderer.doc.save(buffer)
    return buffer.getvalue()


def letters() -> Iterator[make_letters.Letter]:
    return make_letters.letters()


@pytest.fixture(scope="module")
def word_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("generated-docx")
    paths = {}
    for letter in letters():
        path = folder / letter.name.replace(".pdf", ".docx")
        path.write_bytes(word_file(letter))
        paths[letter.name] = path
    return paths


@pytest.fixture(scope="module")
def documents(word_files: dict[str, Path]) -> dict[str, Document]:
    return {name: convert_document(path, path.name, Options(timeout=0)) for name, path in word_files.items()}


def test_the_generator_builds_the_letters_of_expected_json() -> None:
    built = {letter.name: json.loads(json.dumps(make_letters.expected(letter))) for letter in letters()}
    assert sorted(built) == NAMES
    changed = [name for name in NAMES if built[name] != EXPECTED[name]]
    assert not changed, f"the generator no longer builds these letters as committed (rerun it): {changed}"


def test_python_docx_writes_the_same_parts_for_the_same_letter() -> None:
    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    first, again = next(letters()), next(letters())
    assert parts(word_file(first)) == parts(word_file(again))


def footnote_problems(expected: dict[str, Any], document: Document) -> list[str]:
    """Every footnote with its number and text, its mark in the question or answer it was put in."""
    actual = [(note.number, normalise(text(note.parts))) for note in document.footnotes]
    wanted = [(note["number"], normalise(note["text"])) for note in expected["footnotes"]]
    if actual != wanted:
        return [f"footnotes {actual}\n    expected {wanted}"]
    problems = []
    for note in expected["footnotes"]:
        kind, _, where = note["in"].partition(" ")
        if kind == "question":
            texts = [text(q.parts) for q in document.questions if q.number == int(where)]
        else:
            group = json.loads(where)
            texts = [p for a in document.answers if list(a.questions) == group for p in answer_paragraphs(a)]
        if not any(f"[^{note['number']}]" in found for found in texts):
            problems.append(f"footnote {note['number']}: its mark is not in {note['in']}")
    return problems


@pytest.mark.parametrize("name", NAMES)
def test_a_generated_word_letter_reads_exactly_as_built(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    problems = differences(EXPECTED[name], document) + footnote_problems(EXPECTED[name], document)
    problems += [f"warning {w.code}: {w.message}" for w in document.warnings if w.code not in LETTER_WARNINGS]
    assert not problems, "\n  ".join([name, *problems])
