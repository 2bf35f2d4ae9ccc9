"""Cleaning: set page furniture, footnote blocks and link lists apart from the running text.

What is taken out of the body is either moved (footnotes, link annotations, the reference
column) or recorded as a Removal, so that every character of the input is accounted for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from pipeline import patterns
from pipeline.endnotes import Endnotes, find_endnotes
from pipeline.furniture import repeated_lines
from pipeline.model import (
    BodyLine,
    Box,
    CleanDocument,
    FootnoteText,
    Link,
    Mark,
    Marked,
    RawDocument,
    RawLine,
    RawPage,
    Removal,
    union,
)
from pipeline.text import join_lines, normalise_line

_MAX_MARKER_DIGITS = 12
"""A run of marker digits longer than this is no footnote reference (at most four markers of
three digits); it stays as printed. (A run of 5,000 raised digits once failed the letter.)"""


@dataclass(frozen=True)
class _PageParts:
    """One page taken apart: the body lines, the footnote lines, and what was removed."""

    body: tuple[RawLine, ...]
    footnote_lines: tuple[RawLine, ...]
    reference: tuple[RawLine, ...]
    removed: tuple[Removal, ...]


def clean(document: RawDocument) -> CleanDocument:
    """Turn extracted pages into one stream of body lines plus footnotes, links and removals."""
    body: list[BodyLine] = []
    footnotes: list[FootnoteText] = []
    links: list[Link] = []
    reference: list[RawLine] = []
    removed: list[Removal] = []
    warnings = list(document.warnings)
    last_footnote = 0
    short_end: RawLine | None = None
    bare_numbers = numbers_its_pages(document.pages)
    repeated = repeated_lines(document.pages)
    endnotes = letter_endnotes(document, repeated)
    # A Word file marks every footnote reference; digits glued to a word ("A12") are never one.
    # Nor has it lines on pages: its "page" is a paragraph's place, and a warning names that.
    glued = numbered = document.input_format != "docx"
    for page in without(document.pages, endnotes.places):
        parts = split_page(page, last_footnote, bare_numbers, repeated)
        page_footnotes = parse_footnotes(parts.footnote_lines, last_footnote)
        continue_footnote(footnotes, page_footnotes)
        if page_footnotes:
            last_footnote = page_footnotes[-1].number
        footnotes.extend(page_footnotes)
        defined = {footnote.number for footnote in page_footnotes}
        mark = partial(marked_text, defined=defined, glued_digits=glued, raised=endnotes.numbers)
        lines = attach_loose_markers([(line, marked_line(line, mark)) for line in parts.body], defined)
        while lines and not lines[-1][1]:
            lines.pop()
        while lines and not lines[0][1]:
            lines.pop(0)
        if short_end is not None and lines and not continues_sentence(short_end.text, lines[0][0].text):
            # A short last line ends its paragraph, so the next page starts a new one, unless
            # the sentence plainly runs on (a page broken by hand in mid-sentence).
            body.append(BodyLine("", short_end.page, short_end.number + 1))
        short_end = None
        body.extend(
            body_line(line, marked, mark, index == 0 and bool(body), numbered)
            for index, (line, marked) in enumerate(lines)
        )
        if lines and ends_short(lines[-1][0], [line for line, _ in lines]):
            short_end = lines[-1][0]
        links.extend(page.links)
        reference.extend(parts.reference)
        removed.extend(parts.removed)
    # The endnotes listed after the letter: footnotes that the raised numbers of every page refer to.
    footnotes.extend(parse_footnotes(endnotes.lines, 0))
    return CleanDocument(
        source=document.source,
        input_format=document.input_format,
        page_count=len(document.pages),
        body=tuple(body),
        footnotes=tuple(footnotes),
        links=tuple(links),
        reference_lines=tuple(reference),
        removed=tuple(removed),
        warnings=tuple(warnings),
    )


def letter_endnotes(document: RawDocument, repeated: frozenset[tuple[int, int]]) -> Endnotes:
    """The endnotes listed at the end of the letter (``endnotes.find_endnotes``), looked for without
    the lines ``repeated`` on every page; none in a Word file, which gives its endnotes itself, or
    where the pages set footnotes apart at their foot (their numbers would meet)."""
    if document.input_format == "docx" or has_footnotes(document.pages):
        return Endnotes()
    return find_endnotes(without(document.pages, repeated))


def without(pages: Sequence[RawPage], lines: frozenset[tuple[int, int]]) -> list[RawPage]:
    """The pages without these lines (page and line number)."""
    return [
        replace(page, lines=tuple(line for line in page.lines if (page.number, line.number) not in lines))
        for page in pages
    ]


def has_footnotes(pages: Sequence[RawPage]) -> bool:
    """True if a PDF's pages before the last set footnotes apart at their foot."""
    return any(line.zone == "footnote" for page in pages[:-1] for line in page.lines)


def continue_footnote(footnotes: list[FootnoteText], page_footnotes: list[FootnoteText]) -> None:
    """Where a page starts with the rest of a footnote from the page before, join it to that one."""
    if page_footnotes and footnotes and page_footnotes[0].number == footnotes[-1].number:
        continued = page_footnotes.pop(0)
        footnotes[-1] = replace(footnotes[-1], text=join_lines([footnotes[-1].text, continued.text]))


def body_line(line: RawLine, marked: Marked, mark: Marking, page_start: bool, numbered: bool) -> BodyLine:
    """A line of the body: its text and marks, its cells if it is a table's row, its type and place
    (its number on its page where it has one)."""
    return BodyLine(
        text=marked.text,
        page=line.page,
        number=line.number if numbered else 0,
        bold=line.bold,
        page_start=page_start,
        italic=line.italic,
        box=line.box,
        marks=marked.marks,
        cells=tuple(map(mark, line.cells)),
        underline=line.underline,
    )


Marking = Callable[[str], Marked]
"""Reads a page's text: normalised, its footnote references as marks."""


def marked_text(text: str, defined: set[int], glued_digits: bool, raised: frozenset[int] = frozenset()) -> Marked:
    """A text of a page normalised, with the footnote references of its footnotes (and, raised, of
    the letter's endnotes) as marks."""
    return mark_footnote_references(normalise_line(text), defined, glued_digits, raised)


def marked_line(line: RawLine, mark: Marking) -> Marked:
    """A line's text with its footnote references as marks; a table row's cells joined by spaces
    (the cells themselves travel apart)."""
    if not line.cells:
        return mark(line.text)
    # An empty cell (a header's corner, a row that leaves a column blank) adds no space.
    cells = [mark(cell) for cell in line.cells if cell.strip()] or [mark("")]
    joined = cells[0]
    for cell in cells[1:]:
        joined = joined + " " + cell
    return joined


def attach_loose_markers(lines: list[tuple[RawLine, Marked]], defined: set[int]) -> list[tuple[RawLine, Marked]]:
    """Give footnote markers that a text extractor set apart back to the line they belong to.

    A line of nothing but numbers the page defines as footnotes ("3", "1 2"), or such a number
    at the start of a line ("4 van het Mulier Instituut"), is a raised marker printed at the
    end of the line before. Only for text input, and only for footnotes no other marker on
    the page refers to; PDF lines know their superscripts by size.
    """
    if not defined or any(line.zone != "unknown" for line, _ in lines):
        return lines
    glued = {
        int(number)
        for line, _ in lines
        for match in patterns.GLUED_MARKER.finditer(line.text)
        for number in split_marker(match["digits"], defined)
    }
    loose = defined - glued
    result: list[tuple[RawLine, Marked]] = []
    for line, marked in lines:
        text = marked.text
        alone = patterns.MARKER_LINE.match(text)
        leading = patterns.LEADING_MARKER.match(text)
        previous = next((index for index in range(len(result) - 1, -1, -1) if result[index][1]), None)
        if (
            previous is not None
            and alone
            and {int(n) for n in alone["numbers"].split()} <= loose
            and not (alone["punctuation"] and patterns.NUMBERING_WORD.search(result[previous][1].text))
        ):
            before, end = result[previous][1], len(result[previous][1].text)
            marks = tuple(Mark(end, int(n)) for n in alone["numbers"].split())
            result[previous] = (result[previous][0], Marked(before.text, before.marks + marks) + alone["punctuation"])
            continue
        # "2. Met" after a sentence that ended is a numbered paragraph, not the end of a marker.
        if (
            previous is not None
            and leading
            and int(leading["number"]) in loose
            and not (leading["punctuation"] and result[previous][1].text.endswith((".", "?", "!", ":")))
        ):
            before, end = result[previous][1], len(result[previous][1].text)
            after = Marked(before.text, (*before.marks, Mark(end, int(leading["number"])))) + leading["punctuation"]
            result[previous] = (result[previous][0], after)
            marked = marked.tail(len(text) - leading.end())
        result.append((line, marked))
    return result


def continues_sentence(before: str, after: str) -> bool:
    """True if the line after a page break goes on with the sentence of the line before it.

    >>> continues_sentence("om de toegang tot", "de huisarts te waarborgen.")
    True
    >>> continues_sentence("Alexandra C. van Huffelen", "Vraag 1")
    False
    """
    stripped = before.rstrip()
    return (
        bool(stripped) and not stripped.endswith((".", "!", "?", ":", ";", ")", "”", "’", '"')) and after[:1].islower()
    )


def ends_short(line: RawLine, lines: Sequence[RawLine]) -> bool:
    """True if a PDF line stops well before the right edge of the page's text: a paragraph end."""
    widths = [other.box.x1 for other in lines if other.box is not None and other.text]
    if line.box is None or not widths:
        return False
    return line.box.x1 < 0.7 * max(widths)


def split_page(
    page: RawPage, last_footnote: int, bare_numbers: bool = True, repeated: frozenset[tuple[int, int]] = frozenset()
) -> _PageParts:
    """Sort a page's lines into body, footnote lines, reference column and removed furniture; the
    lines ``repeated`` at the same place on most pages (``furniture.repeated_lines``) are furniture,
    and a rule typed as a line of underscores ends a paragraph (it sets notes apart)."""
    furniture = [line for line in page.lines if (page.number, line.number) in repeated]
    rules = [line for line in page.lines if line.zone in ("body", "unknown") and patterns.RULE_LINE.match(line.text)]
    page = replace(
        page,
        lines=tuple(replace(line, text="") if line in rules else line for line in page.lines if line not in furniture),
    )
    known = [line for line in page.lines if line.zone != "unknown"]
    unknown = [line for line in page.lines if line.zone == "unknown"]
    body = [line for line in known if line.zone == "body"]
    footnote_lines = [line for line in known if line.zone == "footnote"]
    reference = [line for line in known if line.zone == "reference"]
    removed = [
        Removal("furniture", page.number, line.text) for line in known if line.zone == "furniture" and line.text.strip()
    ]
    removed.extend(Removal("furniture", page.number, normalise_line(line.text)) for line in furniture)
    removed.extend(Removal("rule", page.number, line.text.strip()) for line in rules)
    if unknown:
        # Text input keeps the footers of the pages it was extracted from, page breaks or not.
        furniture = [line for line in unknown if patterns.PAGE_FURNITURE.match(line.text.strip())]
        removed.extend(Removal("furniture", page.number, line.text.strip()) for line in furniture)
        unknown = [line for line in unknown if line not in furniture]
        texts = [line.text for line in unknown]
        start = find_footnote_block(texts, last_footnote)
        if start is not None:
            footnote_lines.extend(unknown[start:])
            unknown = unknown[:start]
        kept, numbers = drop_page_numbers(unknown, page.number if bare_numbers else None)
        body.extend(kept)
        removed.extend(Removal("page-number", page.number, line.text.strip()) for line in numbers)
    return _PageParts(tuple(body), tuple(footnote_lines), tuple(reference), tuple(removed))


def numbers_its_pages(pages: Sequence[RawPage]) -> bool:
    """True if text pages carry bare page numbers: two pages or more (or the only one) have
    their own number, give or take one, as their first or last line."""
    count = 0
    for page in pages:
        filled = [line.text.strip() for line in page.lines if line.zone == "unknown" and line.text.strip()]
        edges = {filled[0], filled[-1]} if filled else set()
        count += any(text.isdigit() and abs(int(text) - page.number) <= 1 for text in edges)
    return count >= 2 or (count == 1 and len(pages) == 1)


def drop_page_numbers(lines: Sequence[RawLine], page: int | None) -> tuple[list[RawLine], list[RawLine]]:
    """Split off page-number lines standing first or last on a page.

    A bare number counts only where the document numbers its pages (``page`` given) and only
    when it is about the page's own number: "7" at the foot of page 2 numbers the question on
    the next page.
    """
    filled = [index for index, line in enumerate(lines) if line.text.strip()]
    edges = {filled[0], filled[-1]} if filled else set()
    numbers = [
        lines[index]
        for index in sorted(edges)
        if patterns.PAGE_NUMBER.match(lines[index].text)
        and (not lines[index].text.strip().isdigit() or (page is not None and abs(int(lines[index].text) - page) <= 1))
    ]
    return [line for line in lines if line not in numbers], numbers


def find_footnote_block(lines: Sequence[str], last_footnote: int) -> int | None:
    """Find where the footnote block at the bottom of a page of plain text starts.

    A block starts after a blank line with the next footnote number (a small gap is allowed,
    since a footnote can be lost in extraction), runs to the page end, and its numbers go up
    one by one. The page above it must refer to its first footnote with a glued marker
    ("worden12" refers to 1 and 2), which keeps numbered body text from being taken for one.

    >>> find_footnote_block(["Zij kunnen worden12.", "", "1 Een bron", "2 Nog een"], 0)
    2
    >>> find_footnote_block(["Zie de tabel.", "", "1 Een regel", "2 Nog een"], 0) is None
    True
    """
    for index, line in enumerate(lines):
        text = line.strip()
        spaced = patterns.FOOTNOTE_START.match(text)
        glued = patterns.GLUED_FOOTNOTE_START.match(text)
        if spaced and (index == 0 or not lines[index - 1].strip()):
            first = int(spaced["number"])
        elif glued and not any(patterns.QUESTION_OR_ANSWER_LINE.match(rest.strip()) for rest in lines[index:]):
            # Glued to its text ("1RTV Noord, ..."), a definition needs no blank line above it,
            # but then nothing after it up to the page end may be a question or an answer.
            first = int(glued["number"])
        else:
            continue
        if not last_footnote < first <= last_footnote + 3:
            continue
        if refers_to(first, lines[:index]):
            return index
    return None


def refers_to(number: int, lines: Sequence[str]) -> bool:
    """True if the text refers to a footnote: a marker glued to a word, or set apart by the
    text extractor on a line of its own or at the start of a line."""
    markers = "".join(glued["digits"] for text in lines for glued in patterns.GLUED_MARKER.finditer(text))
    if str(number) in markers:
        return True
    for text in lines:
        alone = patterns.MARKER_LINE.match(text.strip())
        leading = patterns.LEADING_MARKER.match(text.strip())
        if (alone and str(number) in alone["numbers"].split()) or (leading and int(leading["number"]) == number):
            return True
    return False


def parse_footnotes(lines: Sequence[RawLine], last_footnote: int) -> list[FootnoteText]:
    """Group footnote lines into numbered definitions; a line without the next number continues one.

    Text before the first number (a footnote continued from the previous page) is attached to
    nothing here and returned as a footnote numbered ``last_footnote``, which links merge.
    """
    groups: list[tuple[int, int, list[str], list[Box], list[int]]] = []
    expected = last_footnote + 1
    for line in lines:
        text = normalise_line(line.text)
        if not text:
            continue
        match = (
            patterns.FOOTNOTE_START.match(text)
            or patterns.GLUED_FOOTNOTE_START.match(text)
            or patterns.FOOTNOTE_NUMBER_ALONE.match(text)
        )
        number = int(match["number"]) if match else 0
        boxes = [line.box] if line.box else []
        if match and ((not groups and number >= expected) or (groups and number == groups[-1][0] + 1)):
            groups.append((number, line.page, [match["text"]], boxes, [line.number]))
        elif groups:
            groups[-1][2].append(text)
            groups[-1][3].extend(boxes)
            groups[-1][4].append(line.number)
        else:
            groups.append((last_footnote, line.page, [text], boxes, [line.number]))
    return [
        FootnoteText(number, join_lines(texts), page, union(boxes), lines=(numbers[0], numbers[-1]))
        for number, page, texts, boxes, numbers in groups
    ]


def mark_footnote_references(
    text: str, defined: set[int], glued_digits: bool = True, raised: frozenset[int] = frozenset()
) -> Marked:
    """Take the footnote references out of a line's text as marks, deciding glued digits by the
    footnotes on the page: raised digits (superscript), or digits glued to the end of a word
    (unless ``glued_digits`` is off: input whose every marker is raised); the letter's endnotes
    (``raised``) only by raised digits.

    >>> marked = mark_footnote_references("kunnen worden12. Ook D66 en 2023Z00475", {1, 2, 3})
    >>> marked.text, [(mark.at, mark.number) for mark in marked.marks]
    ('kunnen worden. Ook D66 en 2023Z00475', [(13, 1), (13, 2)])
    >>> mark_footnote_references("bedrijfsleven.5 AI-toepassingen", {5}).text
    'bedrijfsleven. AI-toepassingen'
    """
    urls = [match.span() for match in patterns.URL.finditer(text)]
    found: list[tuple[int, int, list[int]]] = []
    for match in patterns.SUPERSCRIPT_MARKER.finditer(text):
        # A raised number the page defines no footnote for (m², a date) stays as printed.
        digits = match.group().translate(patterns.SUPERSCRIPT_DIGITS)
        found.append((match.start(), match.end(), split_marker(digits, defined | raised)))
    for match in patterns.GLUED_MARKER.finditer(text) if glued_digits else ():
        if any(start <= match.start() < end for start, end in urls):
            continue
        word = patterns.WORD_BEFORE_DIGITS.search(text, 0, match.start())
        if word and word.group() + match["digits"] in patterns.NAMES_WITH_DIGITS:
            continue
        found.append((match.start(), match.end(), split_marker(match["digits"], defined)))
    marked = Marked()
    position = 0
    for start, end, numbers in sorted(found):
        if not numbers:
            continue
        marked = marked + text[position:start]
        marked = Marked(marked.text, marked.marks + tuple(Mark(len(marked.text), number) for number in numbers))
        position = end
    return marked + text[position:]


def split_marker(digits: str, defined: set[int]) -> list[int]:
    """Read a run of marker digits as one or more footnote numbers that the page defines.

    >>> split_marker("12", {1, 2, 3})
    [1, 2]
    >>> split_marker("12", {12})
    [12]
    >>> split_marker("910", {9, 10})
    [9, 10]
    >>> split_marker("66", {1})
    []
    """
    if not digits or digits.startswith("0") or len(digits) > _MAX_MARKER_DIGITS:
        return []
    if int(digits) in defined:
        return [int(digits)]
    for cut in range(1, len(digits)):
        head, rest = digits[:cut], digits[cut:]
        if head.startswith("0") or int(head) not in defined:
            continue
        tail = split_marker(rest, {number for number in defined if number > int(head)})
        if tail:
            return [int(head), *tail]
    return []
