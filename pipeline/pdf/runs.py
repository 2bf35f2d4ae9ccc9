"""A run of clearly smaller type beside a line's text, a wide gap away, is a line of its own.

A footer printed on nearly the height of the page's last line ("Pagina 2 van 4" in 6.5 pt at the
right margin, beside a body line in 9 pt) ends within a point of that line's baseline, so the
grouping by baseline (``lines.group_lines``) joins them, and the footer would stand in the letter's
text. Type size and the gap part them again, in a step of its own after the grouping.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from pipeline.pdf import typesize
from pipeline.pdf.lines import Line, make_line
from pipeline.pdf.page import Char


def split_smaller_type(line: Line) -> list[Line]:
    """The line, or its parts where a wide gap (as between columns, ``lines.split_segments``)
    parts runs of type of clearly another size: one below ``typesize.MARKER`` of the other.
    Runs of one size side by side stay together (a table row, a line beside the reference column
    is split elsewhere); a footnote marker stands against its word, never a wide gap away."""
    runs = _runs(line)
    if len(runs) < 2:
        return [line]
    sizes = [make_line(run).size for run in runs]
    parts: list[list[Char]] = [list(runs[0])]
    for (previous, size), run in zip(itertools.pairwise(sizes), runs[1:], strict=True):
        if min(previous, size) < typesize.MARKER * max(previous, size):
            parts.append(list(run))
        else:
            parts[-1].extend(run)
    if len(parts) == 1:
        return [line]
    return [make_line(part) for part in parts]


def _runs(line: Line) -> list[Sequence[Char]]:
    """The line's characters in runs that a wide gap parts (a space goes with the run before it)."""
    gap = max(12.0, 1.8 * line.size)
    starts: list[int] = []
    previous_x1: float | None = None
    for index, char in enumerate(line.chars):
        if previous_x1 is not None and char["text"].strip() and char["x0"] - previous_x1 > gap:
            starts.append(index)
        if char["text"].strip():
            previous_x1 = char["x1"]
    bounds = [0, *starts, len(line.chars)]
    return [line.chars[start:end] for start, end in itertools.pairwise(bounds)]
