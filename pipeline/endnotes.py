"""Endnotes: notes listed after the letter's text, each referred to by a raised number on any page.

A Word file's endnotes come out of a PDF as a list at the end of the document ("1 NOS, 3 maart
2024, ...", its number raised or not, on a page of its own or below the last text), while their
raised numbers stand on the pages before it, where no footnote of the page defines them. Such a
list is read as the letter's notes for every page: the list must run 1, 2, 3 ... from its first
line to the document's end, and the raised numbers of the pages before it must refer to each of
its notes (else it is the letter's text, and the raised numbers left say so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from pipeline import patterns
from pipeline.model import RawLine, RawPage

_NUMBERED = regex.compile(
    r"^(?:(?P<raised>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*|(?P<number>[1-9]\d{0,2})\)?\s+|\[(?P<number>[1-9]\d{0,2})\]\s*)"
    r"(?P<text>\S.*)$"
)
"""An endnote's first line: its number raised ("¹NOS, ..."), or plain before a space ("1 NOS, ...",
"1) NOS, ...", "[1] NOS, ...": the raised numbers of the text say it is an endnote)."""
_ZONES = ("body", "unknown", "footnote")
_MAX_DIGITS = 6
"""Raised digits of a longer run are no references to notes (three notes of two digits at most)."""


@dataclass(frozen=True)
class Endnotes:
    """The endnote list at the end of a document: its lines, with each note's number as plain digits."""

    lines: tuple[RawLine, ...] = ()
    """The list's lines in order, a note's first line starting with its number and a space."""
    numbers: frozenset[int] = frozenset()
    """The notes' numbers: footnotes defined for every page."""
    places: frozenset[tuple[int, int]] = frozenset()
    """(page, line number) of the list's lines, to take them out of their page."""


def find_endnotes(pages: Sequence[RawPage]) -> Endnotes:
    """The endnote list at the end of the document, or none.

    The list is the run of lines at the end of the last page whose numbered lines run 1, 2, ... N
    from its first line (lines between them go on with a note); it counts only where raised numbers
    in the text before it refer to every one of its notes.
    """
    if len(pages) < 2:
        return Endnotes()  # one page (or a Word file, which gives its endnotes itself): its footnotes
    lines = [line for line in pages[-1].lines if line.zone in _ZONES and line.text.strip()]
    runs = [(len(numbers), start) for start in range(len(lines)) if (numbers := _run(lines[start:]))]
    # The list of the most notes; of two as long, the later (text above it that starts "1 ..." is the
    # letter's, a note's line that starts "1 januari" goes on with its note).
    for count, start in sorted(runs, reverse=True):
        before = [*(line for page in pages[:-1] for line in page.lines), *lines[:start]]
        if set(range(1, count + 1)) <= _raised_numbers(before):
            listed = tuple(_plain_number(line) for line in lines[start:])
            return Endnotes(
                listed, frozenset(range(1, count + 1)), frozenset((line.page, line.number) for line in listed)
            )
    return Endnotes()


def _raised_numbers(lines: Sequence[RawLine]) -> set[int]:
    """The numbers the raised digits of these lines of running text may stand for (a run "12" for
    12, or for 1 and 2)."""
    numbers: set[int] = set()
    for line in lines:
        if line.zone not in ("body", "unknown"):
            continue
        for match in patterns.SUPERSCRIPT_MARKER.finditer(line.text):
            digits = match.group().translate(patterns.SUPERSCRIPT_DIGITS)
            if len(digits) <= _MAX_DIGITS:  # a longer run is no reference (it stays text)
                numbers.add(int(digits))
                numbers.update(int(digit) for digit in digits)
    return numbers


def _run(lines: Sequence[RawLine]) -> list[int]:
    """The numbers of the notes if these lines are a list of notes 1..N (a line that starts with no
    next number goes on with the note before); else []."""
    numbers: list[int] = []
    for line in lines:
        match = _NUMBERED.match(line.text.strip())
        number = _number(match) if match else 0
        if number == len(numbers) + 1:
            numbers.append(number)
        elif not numbers:
            return []
    return numbers


def _number(match: regex.Match[str]) -> int:
    digits = match["raised"].translate(patterns.SUPERSCRIPT_DIGITS) if match["raised"] else match["number"]
    return int(digits)


def _plain_number(line: RawLine) -> RawLine:
    """The line with the number at its start written as plain digits and a space ("¹NOS", "1) NOS" ->
    "1 NOS"), as a footnote's."""
    match = _NUMBERED.match(line.text.strip())
    if match is None:
        return line
    return RawLine(
        f"{_number(match)} {match['text']}", line.page, line.number, "footnote", line.bold, line.size, line.box,
        line.italic, underline=line.underline,
    )  # fmt: skip
