"""The letterhead: the labelled fields of a ministry letter (Datum, Betreft, Ons kenmerk, Uw referentie)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.model import RawLine
from pipeline.text import join_lines

FIELD_LABELS = (
    "Datum",
    "Datum document",
    "Betreft",
    "Onderwerp",
    "Kenmerk",
    "Ons kenmerk",
    "Uw kenmerk",
    "Onze referentie",
    "Uw referentie",
    "Uw brief",
)
"""The labels ministries print before a field. "Datum document" and "Uw brief" give the date of
the letter answered (the questions), so they must never be read as the letter's own "Datum"."""
_LONGEST_FIRST = sorted(FIELD_LABELS, key=len, reverse=True)
_MULTILINE_FIELDS = {"Betreft", "Onderwerp"}
_SAME_ROW = 0.4
"""Lines whose tops differ by less than this share of a line's height stand on one row."""


@dataclass(frozen=True)
class Field:
    """A labelled letterhead field as read: its value and the page it stands on."""

    value: str
    page: int
    label: str = ""
    """The label as printed ("Onze Referentie")."""


def field_label(text: str) -> str:
    """The field label a line starts with, as spelled in ``FIELD_LABELS``; "" for none.

    Letters capitalise the label's words as they like ("Onze Referentie"), but a label starts a
    line with a capital: "onze referentie en betreft vermelden" is an instruction, no label.

    >>> field_label("Onze Referentie"), field_label("Datum document"), field_label("onze referentie en")
    ('Onze referentie', 'Datum document', '')
    """
    for name in _LONGEST_FIRST:
        head = text[: len(name)]
        after = text[len(name) : len(name) + 1]
        if head.lower() == name.lower() and head[:1].isupper() and not after.isalnum():
            return name
    return ""


def letterhead_fields(lines: Sequence[RawLine]) -> dict[str, Field]:
    """Read the labelled fields of a letterhead or reference column: Datum, Betreft, Kenmerk ...

    A field's value follows its label on the same line, beside it, or below it in the same
    column; the subject may run over several lines, the others take one. Where fields overlap
    (Word letterheads converted to PDF), a line goes to the field whose column it is in. The
    first page's fields are the letter's own: a later page repeating "Datum" (of an annex) does
    not overwrite them.
    """
    values: dict[str, list[RawLine]] = {}
    labels: dict[str, RawLine] = {}
    open_fields: list[str] = []
    for line in in_rows(lines):
        text = line.text.strip()
        if not text:
            continue
        label = field_label(text)
        if label:
            if label in labels:
                continue
            labels[label] = line
            rest = text[len(label) :].strip()
            values[label] = [replace(line, text=rest)] if rest else []
            if not rest or label in _MULTILINE_FIELDS:
                open_fields.append(label)
            continue
        for name in reversed(open_fields):
            if _continues_field(labels[name], values[name], line):
                values[name].append(line)
                if name not in _MULTILINE_FIELDS:
                    open_fields.remove(name)
                break
    return {
        "Betreft" if name == "Onderwerp" else name: Field(
            join_lines(line.text for line in found), labels[name].page, labels[name].text.strip()[: len(name)]
        )
        for name, found in values.items()
        if found
    }


def in_rows(lines: Sequence[RawLine]) -> list[RawLine]:
    """The lines of each page row by row, left to right within a row.

    A label printed a point lower than the first line of its value ("Betreft" beside a subject of
    three lines, centred on them) still comes before the value it labels.
    """
    ordered: list[RawLine] = []
    row: list[RawLine] = []
    for line in lines:
        if row and not _same_row(row[0], line):
            ordered.extend(sorted(row, key=_left))
            row = []
        row.append(line)
    ordered.extend(sorted(row, key=_left))
    return ordered


def _same_row(first: RawLine, line: RawLine) -> bool:
    if first.box is None or line.box is None or first.page != line.page:
        return False
    height = max(first.box.bottom - first.box.top, 1.0)
    return abs(line.box.top - first.box.top) < _SAME_ROW * height


def _left(line: RawLine) -> float:
    return line.box.x0 if line.box is not None else 0.0


def _continues_field(label: RawLine, found: Sequence[RawLine], line: RawLine) -> bool:
    """True if a line is (the next line of) the value of a field: beside its label, or below
    the label or the value's last line, in the same column."""
    previous = found[-1] if found else label
    if label.box is None or line.box is None:
        # No place on a page (a Word letterhead): a value goes on only on the very next line, so
        # the blank line that closes a text box, a table row or a header closes the field.
        return line.number == previous.number + 1
    if previous.box is None or line.page != label.page:
        return False
    height = max(previous.box.bottom - previous.box.top, 1.0)
    if not found and abs(line.box.top - label.box.top) < 0.5 * height and line.box.x0 > label.box.x0:
        return True  # beside a label that stands alone ("Datum  24 maart 2024")
    below = 0 <= line.box.top - previous.box.bottom < 1.5 * height
    same_column = abs(line.box.x0 - previous.box.x0) < 12 or (
        line.box.x0 < previous.box.x1 and line.box.x1 > previous.box.x0 and line.box.x0 > label.box.x0 - 2
    )
    return below and same_column
