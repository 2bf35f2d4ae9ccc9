"""Segmenting, case by case: letters as text and what they hold, kept as data in tests/cases/segment/.

Each file holds cases the way markdown-it-py's fixtures do: a title, then the letter between two
lines of one ".", then what the pipeline must read in it, closed by a ".". A case is named by its
file and the line its title stands on, so a failure points at the case to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.extract import read_text
from pipeline.model import Block, Document, ListBlock, NoteRef, Table
from pipeline.render.data import block_data, text
from pipeline.run import build_document

CASES = Path(__file__).resolve().parent / "cases" / "segment"


@dataclass(frozen=True)
class Case:
    """One letter and what it holds, from a fixture file."""

    title: str
    letter: str
    expected: str
    where: str
    """``file:line`` of the title."""


def read_cases(path: Path) -> list[Case]:
    """The cases of one fixture file: title, ".", letter, ".", expected, "."."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title, start = lines[index], index
        if lines[index + 1] != ".":
            raise ValueError(f"{path.name}:{index + 2}: a '.' line must follow the title {title!r}")
        letter_end = lines.index(".", index + 2)
        expected_end = lines.index(".", letter_end + 1)
        letter = "\n".join(lines[index + 2 : letter_end]) + "\n"
        expected = "\n".join(lines[letter_end + 1 : expected_end])
        cases.append(Case(title, letter, expected, f"{path.name}:{start + 1}"))
        index = expected_end + 1
    return cases


def all_cases() -> list[object]:
    cases = [case for path in sorted(CASES.glob("*.txt")) for case in read_cases(path)]
    return [pytest.param(case, id=f"{case.where} {case.title}") for case in cases]


def block_line(block: Block) -> str:
    """A block on one line: its kind and text; a list's items and a table's rows apart by " | "."""
    if isinstance(block, ListBlock):
        kind = "numbered list" if block.ordered else "list"
        return f"{kind}: " + " | ".join(item.marker + text(item.parts) for item in block.items)
    if isinstance(block, Table):
        return "table: " + " | ".join(" / ".join(text(cell) for cell in row) for row in block.rows)
    return f"{block.kind}: {block_data(block)['text']}"


def note_line(part: NoteRef) -> str:
    """A question's reference to a note: "note 1", or "note 1 (footnote 2)" where a footnote prints it."""
    return f"note {part.label}" + (f" (footnote {part.footnote})" if part.footnote else "")


def summary(document: Document) -> str:
    """What the letter was read to hold, one thing a line, as the fixture files write it."""
    lines = [f"kind: {document.kind}"]
    lines += [f"body {block_line(block)}" for block in document.body]
    for question in document.questions:
        label = f" [{question.label}]" if question.label else ""
        lines.append(f"question {question.number}{label}: {text(question.parts)}")
        notes = [note_line(part) for part in question.parts if isinstance(part, NoteRef)]
        lines += [f"  refers to {', '.join(notes)}"] if notes else []
    for answer in document.answers:
        label = f" [{answer.label}]" if answer.label else ""
        lines.append(f"answer {', '.join(map(str, answer.questions))}{label}")
        lines += [f"  {block_line(block)}" for block in answer.blocks]
    lines += [f"note {note.label}: {text(note.parts)}" for note in document.notes]
    lines += [f"footnote {footnote.number}: {text(footnote.parts)}" for footnote in document.footnotes]
    lines += [f"signed: {signatory.role} | {signatory.name}" for signatory in document.metadata.signatories]
    lines += [f"warning {warning.code} ({warning.where})" for warning in document.warnings]
    return "\n".join(lines)


@pytest.mark.parametrize("case", all_cases())
def test_segment_case(case: Case) -> None:
    document = build_document(read_text(case.letter, "brief.txt"))
    assert summary(document) == case.expected


def test_every_case_of_every_fixture_file_is_read() -> None:
    # A case the reader skipped would pass without ever being run.
    for path in CASES.glob("*.txt"):
        separators = path.read_text(encoding="utf-8").split("\n").count(".")
        assert separators == 3 * len(read_cases(path)), path.name
