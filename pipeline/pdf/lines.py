"""Characters into lines: grouped by baseline, footnote markers given to the line they stand on,
split where wide gaps part columns, and each line's text with the spaces its gaps stand for."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import regex

from pipeline.pdf import spacing, typesize
from pipeline.pdf.page import Char
from pipeline.text import compose_accents

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
ITALIC_FONT = regex.compile(r"italic|oblique|kursiv|slanted", regex.IGNORECASE)
_UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")
_FOOTNOTE_NUMBER = regex.compile(r"^(\d{1,3})(?=\p{L})")

_READING_ORDER = operator.itemgetter("order", "top", "text")
"""Reading order within a line: by x to the hundredth of a point, then by height and text, so
that characters printed on (almost) the same x, as where two letterheads lie over each other,
come in one order whichever engine read them."""


@dataclass(frozen=True)
class Line:
    """A line of characters being laid out: its characters in reading order and where it sits."""

    chars: tuple[Char, ...]
    top: float
    """The top of its characters of the line's own size (a raised marker does not lift it)."""
    bottom: float
    size: float
    """The most common size of its letters, to 0.1 pt."""

    @cached_property
    def text(self) -> str:
        return line_text(self)

    @cached_property
    def fonts(self) -> dict[str, int]:
        """How many of the line's letters (not spaces) each font sets, counted once per line."""
        counts: dict[str, int] = {}
        for char in self.chars:
            if char["text"].strip():
                counts[char["font"]] = counts.get(char["font"], 0) + 1
        return counts

    @property
    def x0(self) -> float:
        """Where the line starts: its first character's left edge."""
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        """Where the line ends: its last character's right edge."""
        return self.chars[-1]["x1"]


def group_lines(chars: Sequence[Char]) -> list[Line]:
    """Group characters into lines by baseline; raised small characters join the line below."""
    lines = [make_line(row) for row in _rows(chars)]
    # A raised character that is clearly smaller than the line it stands on (a footnote marker)
    # forms a row of its own; give it to the line whose height holds it and whose width covers it.
    # Only a line smaller than a marker's part of the largest can be smaller than that of another.
    largest = typesize.MARKER * max((line.size for line in lines), default=0.0)
    kept: dict[int, list[Char]] = {}
    for index, line in enumerate(lines):
        if not line.size < largest or not _inside_another(line, lines):
            continue
        for run in _marker_runs(line):
            target = _carrier(run[0], lines, index)
            if target is not None:
                for char in run:
                    kept.setdefault(index, list(line.chars)).remove(char)
                kept.setdefault(target, list(lines[target].chars)).extend(run)
    # A line that neither gave nor took a marker would be made again from the same characters: keep it.
    return [
        line if index not in kept else make_line(kept[index])
        for index, line in enumerate(lines)
        if index not in kept or kept[index]
    ]


def _rows(chars: Sequence[Char]) -> list[list[Char]]:
    """The characters in rows of one baseline, top to bottom, each row left to right."""
    # round(bottom, 1) once per baseline, not once per character: a page has a few dozen.
    rounded: dict[float, float] = {}
    for char in chars:
        if char["bottom"] not in rounded:
            rounded[char["bottom"]] = round(char["bottom"], 1)
    ordered = sorted(chars, key=lambda char: (rounded[char["bottom"]], char["x0"]))
    rows: list[list[Char]] = []
    row: list[Char] = []
    row_bottom = row_size = 0.0
    for char in ordered:
        # Chars of one size share a baseline; a small raised marker must not pull in a line of
        # another column whose baseline is just below it. (Within 1 pt is within the limit,
        # which is at least 1 pt: most characters need no more.)
        distance = abs(row_bottom - char["bottom"])
        if row and (distance <= 1.0 or distance <= 0.2 * min(char["size"], row_size)):
            row.append(char)
        else:
            row = [char]
            rows.append(row)
            row_bottom, row_size = char["bottom"], char["size"]
    return rows


def _inside_another(line: Line, lines: Sequence[Line]) -> bool:
    """True if a small line stands within the height of a clearly larger one."""
    return any(
        other is not line
        and other.top - 0.5 <= line.bottom <= other.bottom + 0.4 * other.size
        and line.size < typesize.MARKER * other.size
        for other in lines
    )


def _marker_runs(line: Line) -> list[list[Char]]:
    """Runs of at most three digits standing apart: footnote markers, or the 2 of CO2.

    Longer runs and letters are text of their own (the ISSN line of a footer), never markers.
    """
    runs: list[list[Char]] = []
    for char in line.chars:
        if runs and char["x0"] - runs[-1][-1]["x1"] <= 0.5 * char["size"]:
            runs[-1].append(char)
        else:
            runs.append([char])
    return [run for run in runs if len(run) <= 3 and all(char["text"].isdigit() for char in run)]


def _carrier(char: Char, lines: Sequence[Line], own: int) -> int | None:
    """The index of the line a raised small character belongs to, if it is not its own line."""
    for index, line in enumerate(lines):
        if index == own or char["size"] >= typesize.MARKER * line.size:
            continue
        # Markers stand after a word or, in a footnote, just before the first one.
        x0 = line.x0 - 2 * line.size
        x1 = line.x1 + 2 * line.size
        # Raised (a marker) or lowered (a chemical index) within the line's height.
        middle = (char["top"] + char["bottom"]) / 2
        if line.top - 0.5 <= middle <= line.bottom + 0.2 * line.size and x0 <= char["x0"] <= x1:
            return index
    return None


def make_line(chars: Iterable[Char]) -> Line:
    """A line of these characters, in reading order, with its size and the height it takes."""
    ordered = tuple(sorted(chars, key=_READING_ORDER))
    # The most common size rounded to 0.1 (the first met among equals), counted by hand: a
    # Counter per line cost more than the rest of the line's making. Sizes as they are first,
    # then rounded: a line has one or two.
    raw: dict[float, int] = {}
    blank_sizes: set[float] = set()
    for char in ordered:
        if char["text"].strip():
            raw[char["size"]] = raw.get(char["size"], 0) + 1
        else:
            blank_sizes.add(char["size"])
    counts: dict[float, int] = {}
    for size, count in raw.items():
        rounded = _ROUNDED_SIZES.get(size)
        if rounded is None:
            rounded = _ROUNDED_SIZES[size] = round(size, 1)
        counts[rounded] = counts.get(rounded, 0) + count
    body_size = max(counts, key=counts.__getitem__) if counts else ordered[0]["size"]
    threshold = typesize.MARKER * body_size
    if all(size >= threshold for size in (*raw, *blank_sizes)):
        # No character is smaller than the line's own size (most lines): all of them count.
        main: Sequence[Char] = ordered
    else:
        main = [char for char in ordered if char["size"] >= threshold] or ordered
    top = min([char["top"] for char in main])
    bottom = max([char["bottom"] for char in main])
    return Line(ordered, top, bottom, body_size)


_ROUNDED_SIZES: dict[float, float] = {}
"""round(size, 1) of the sizes met: a page has a handful of sizes and thousands of characters."""


def split_segments(line: Line) -> list[Line]:
    """Split a line where a wide gap separates two columns (body text and reference column)."""
    gap = max(12.0, 1.8 * line.size)
    starts: list[int] = []
    previous_x1: float | None = None
    for index, char in enumerate(line.chars):
        if previous_x1 is not None and char["x0"] - previous_x1 > gap:
            starts.append(index)
        if char["text"].strip():
            previous_x1 = char["x1"]
    if not starts:
        # One segment: the line itself, which make_line would only make again.
        return [line]
    bounds = [0, *starts, len(line.chars)]
    return [make_line(line.chars[start:end]) for start, end in itertools.pairwise(bounds)]


def split_at_column(line: Line, reference_x: float) -> list[Line]:
    """Split a line into its body part and its reference-column part, however narrow the gap."""
    left = [char for char in line.chars if char["x0"] < reference_x]
    right = [char for char in line.chars if char["x0"] >= reference_x]
    if not left or not right or left[-1]["x1"] > reference_x + 1:
        # A body line that runs into the column's x (no gap at all) is body text.
        return split_segments(line)
    return [*split_segments(make_line(left)), make_line(right)]


def line_text(line: Line, superscripts: bool = True) -> str:
    """The line's text with spaces where the gaps are, raised digits as superscript digits."""
    pieces: list[str] = []
    spaced = _spaced(line, superscripts)
    small, high = _raised_limits(line)
    for index, char in enumerate(line.chars):
        text = char["text"]
        if index == 0 and _UNMAPPED_GLYPH.fullmatch(text):
            # A glyph without a character that opens a line is a list bullet ("(cid:129)" in
            # the Aanhangsel's Univers); elsewhere it stays, and the checks report it.
            text = "•"
        if index in spaced and not pieces[-1].endswith(" "):
            pieces.append(" ")
        if superscripts and text.isdigit() and char["size"] < small and char["bottom"] < high:
            text = text.translate(SUPERSCRIPTS)
        elif text.isspace():
            text = " "
        if not (text == " " and pieces and pieces[-1].endswith(" ")):
            pieces.append(text)
    return compose_accents("".join(pieces)).strip()


def spaces_unclear(line: Line) -> bool:
    """True when the line's word spaces cannot be read for sure from its gaps (letter-spaced text
    where the PDF draws no space)."""
    if any(char["spaced"] for char in line.chars):
        return False
    return spacing.unclear([gap for _, gap in _gaps(line, superscripts=True)])


def _raised_limits(line: Line) -> tuple[float, float]:
    """Below which size and above which baseline a digit is raised: a footnote marker is clearly
    smaller than the line and stands above its baseline."""
    return typesize.SUPERSCRIPT * line.size, line.bottom - 0.2 * line.size


def _gaps(line: Line, superscripts: bool) -> list[tuple[int, spacing.Gap]]:
    """The gaps before the line's visible characters that may part words, by the index of the
    character after the gap: from the visible character before it; none before a raised digit."""
    gaps: list[tuple[int, spacing.Gap]] = []
    append, gap = gaps.append, spacing.Gap
    previous_x1 = previous_size = 0.0
    started = False
    small, high = _raised_limits(line)
    for index, char in enumerate(line.chars):
        text, size = char["text"], char["size"]
        if not text.strip():
            continue
        if started and not (superscripts and size < small and text.isdigit() and char["bottom"] < high):
            least = size if size < previous_size else previous_size
            append((index, gap(char["x0"] - previous_x1, least, char["spaced"])))
        previous_x1, previous_size, started = char["x1"], size, True
    return gaps


def _spaced(line: Line, superscripts: bool) -> set[int]:
    """The indices of the characters a word space stands before."""
    gaps = _gaps(line, superscripts)
    decided = spacing.word_spaces([gap for _, gap in gaps])
    return {index for (index, _), space in zip(gaps, decided, strict=True) if space}


def footnote_text(line: Line) -> str:
    """A footnote line: its leading number as plain digits followed by a space ("1Wet" -> "1 Wet")."""
    return _FOOTNOTE_NUMBER.sub(r"\1 ", line_text(line, superscripts=False))


def in_font(line: Line, font: regex.Pattern[str]) -> bool:
    """True when (almost) all letters of the line are set in a font whose name says so."""
    fonts = line.fonts
    letters = sum(fonts.values())
    matching = sum(count for name, count in fonts.items() if _font_says(font, name))
    return bool(letters) and matching >= 0.8 * letters


_FONT_SAYS: dict[tuple[str, str], bool] = {}


def _font_says(font: regex.Pattern[str], name: str) -> bool:
    """Whether a font's name matches: asked once per font, not once per character."""
    key = (font.pattern, name)
    says = _FONT_SAYS.get(key)
    if says is None:
        says = _FONT_SAYS[key] = bool(font.search(name))
    return says
