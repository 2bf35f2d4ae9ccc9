"""PDF extraction: pdfplumber here (the only module that imports it), pdfium in ``pdfium_engine``.

Each page is parsed once, by either engine, into the same characters, rules and links; lines,
zones, superscript footnote markers and links are all derived from those. Pages are closed as
soon as they are read, so memory stays flat however long the document is.
"""

from __future__ import annotations

import io
import itertools
import math
import operator
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from types import ModuleType
from typing import Any

import regex

from pipeline import patterns
from pipeline.errors import EncryptedPdf, NoTextLayer, TooLarge, UnreadableInput
from pipeline.extract import Engine
from pipeline.model import Box, Link, RawDocument, RawLine, RawPage, Zone
from pipeline.text import compose_accents

Char = dict[str, Any]
EngineChar = tuple[str, str, float, float, float, float]
"""A character as an engine reads it: text, font name, size, x0, x1 and baseline (y upwards)."""

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_BOLD_FONT = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
_ITALIC_FONT = regex.compile(r"italic|oblique|kursiv|slanted", regex.IGNORECASE)
_PAGE_NUMBER = regex.compile(r"^-?\s*\d{1,3}\s*-?$")
"""A bare number: a page number in the top or bottom margin, a table cell anywhere else."""
_LETTERHEAD_END = regex.compile(r"^(?:Betreft|Onderwerp)\b")
_SYMBOL_FONT = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓", "\uf02d": "–"})
"""Word's list bullets in the Symbol and Wingdings fonts sit in the private-use area."""
_UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")
_SAMPLE_PAGES = 4
"""How many first pages decide whether a document has a right-hand reference column."""
_SUBSET_PREFIX = regex.compile(r"^[A-Z]{6}\+")
_CHAR_TEXT = {
    # A soft hyphen is only drawn where a word is split at a line end: a layout hyphen.
    "\u00ad": "-",
    **{chr(key): value for key, value in _SYMBOL_FONT.items() if isinstance(value, str)},
}
_ENCRYPTION_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")


MAX_STREAM_BYTES = 64 * 2**20
"""What one stream of a PDF may inflate to. A page's text and fonts take a few hundred kB at most;
a 1.25 MB stream that inflates to 1.2 GB (a decompression bomb) once took 2.5 GB of memory."""
MAX_PAGE_CHARS = 50_000
"""Characters one page may hold: ten times a page of small type. Each costs about 2.4 kB while the
page is read, so a page of 1 MB of text once took 24 s and 2.4 GB."""


class _OverLimit(BaseException):
    """A document passed a limit of MAX_STREAM_BYTES or MAX_PAGE_CHARS. Not an Exception, so that
    no ``except Exception`` in pdfminer can take it for a damaged part and carry on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _BoundedInflater:
    """zlib's decompressor that stops with _OverLimit once MAX_STREAM_BYTES are out."""

    def __init__(self, *args: Any) -> None:
        self._inflater = zlib.decompressobj(*args)
        self._size = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inflater.decompress(data, MAX_STREAM_BYTES + 1 - self._size)
        self._size += len(out)
        if self._size > MAX_STREAM_BYTES:
            raise _OverLimit(f"a stream inflates to more than {MAX_STREAM_BYTES // 2**20} MB (a decompression bomb?)")
        return out

    def flush(self, *args: Any) -> bytes:
        return self._inflater.flush(*args)

    @property
    def eof(self) -> bool:
        return self._inflater.eof


class _BoundedZlib:
    """The zlib pdfminer inflates streams with (``decompress``, and ``decompressobj`` for damaged
    streams), bounded by MAX_STREAM_BYTES."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = _BoundedInflater()
        out = inflater.decompress(data)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    decompressobj = _BoundedInflater


def _bounded_lzwdecode(data: bytes) -> bytes:
    """pdfminer's LZW decoding, bounded by MAX_STREAM_BYTES like Flate."""
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(io.BytesIO(data)).run():
        out += chunk
        if len(out) > MAX_STREAM_BYTES:
            raise _OverLimit(f"a stream inflates to more than {MAX_STREAM_BYTES // 2**20} MB (a decompression bomb?)")
    return bytes(out)


@cache
def _pdfplumber() -> ModuleType:
    """pdfplumber, imported when a PDF is first read with it (the pdfium engine never loads it nor
    pdfminer), with the limits installed wherever pdfminer and pdfplumber read a stream or lay out
    a page."""
    import pdfminer.pdftypes
    import pdfplumber
    import pdfplumber.page

    class _CountingAggregator(pdfplumber.page.PDFPageAggregatorWithMarkedContent):
        """pdfplumber's layout device, stopping with _OverLimit at MAX_PAGE_CHARS characters."""

        chars = 0

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.chars += 1
            if self.chars > MAX_PAGE_CHARS:
                raise _OverLimit(f"more than {MAX_PAGE_CHARS:,} characters on one page (the per-page limit)")
            return super().render_char(*args, **kwargs)

    pdfminer.pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined,assignment]
    pdfminer.pdftypes.lzwdecode = _bounded_lzwdecode  # type: ignore[attr-defined]
    pdfplumber.page.PDFPageAggregatorWithMarkedContent = _CountingAggregator  # type: ignore[misc]
    return pdfplumber


@dataclass(frozen=True)
class _Line:
    """A line of characters being built: its characters in reading order and where it sits."""

    chars: tuple[Char, ...]
    top: float
    bottom: float
    size: float

    @cached_property
    def text(self) -> str:
        return _text(self)

    @cached_property
    def fonts(self) -> dict[str, int]:
        """How many of the line's letters (not spaces) each font sets, counted once per line."""
        counts: dict[str, int] = {}
        for char in self.chars:
            if char["text"].strip():
                name = char["fontname"]
                counts[name] = counts.get(name, 0) + 1
        return counts


def read_pdf(path: Path, source: str, max_pages: int = 500, engine: Engine = "pdfplumber") -> RawDocument:
    """Read a PDF into pages of zoned lines and link annotations, or raise a ConversionError.

    ``engine`` picks the library that parses the PDF: pdfplumber (pdfminer, pure Python) or pdfium
    (``pipeline.pdfium_engine``, about ten times faster). Both give the same characters, rules and
    links, so everything after reading a page is the same code.
    """
    if engine == "pdfium":
        pages, has_text, has_blank = _read_with_pdfium(path, source, max_pages)
    else:
        pages, has_text, has_blank = _read_with_pdfplumber(path, source, max_pages)
    if not has_text:
        if has_blank:
            raise NoTextLayer(source, "PDF text is empty (only white space); OCR it first")
        raise NoTextLayer(source)
    return RawDocument(source, "pdf", tuple(pages))


def _read_with_pdfplumber(path: Path, source: str, max_pages: int) -> tuple[list[RawPage], bool, bool]:
    # The file is opened and closed here, never by pdfplumber: its close() reads the page tree
    # again, which never ends on a tree with a reference cycle (after a time limit has already
    # stopped the first reading). Each page is closed as soon as it is read.
    try:
        stream = path.open("rb")
    except OSError as error:
        raise UnreadableInput(source, f"cannot read file ({error.strerror or error})") from None
    with stream:
        pdfplumber = _pdfplumber()
        try:
            pdf = pdfplumber.open(stream)
            count = len(pdf.pages)
        except Exception as error:  # pdfminer raises many kinds for damaged files
            raise _translate(error, source) from None
        except _OverLimit as limit:
            raise TooLarge(source, limit.reason) from None

        def read(index: int) -> _PageContent:
            try:
                page = pdf.pages[index]
            except Exception as error:
                raise _translate(error, source, index + 1) from None
            try:
                return _read_page(page, index + 1)
            except Exception as error:
                raise _translate(error, source, index + 1) from None
            except _OverLimit as limit:
                raise TooLarge(source, f"{limit.reason} (page {index + 1})") from None
            finally:
                page.close()

        return _read_pages(count, read, source, max_pages)


def _read_with_pdfium(path: Path, source: str, max_pages: int) -> tuple[list[RawPage], bool, bool]:
    # Imported here so that the pdfplumber engine never loads pdfium.
    from pipeline import pdfium_engine

    def read(index: int) -> _PageContent:
        try:
            page = document.read_page(index)
        except pdfium_engine.PdfiumError as error:
            raise _translate(error, source, index + 1) from None
        return _content(index + 1, page.width, page.height, page.chars, page.shapes, page.links, page.blank_chars)

    try:
        with pdfium_engine.open_document(path) as document:
            return _read_pages(document.page_count, read, source, max_pages)
    except pdfium_engine.PdfiumError as error:
        raise _translate(error, source) from None


def _read_pages(
    count: int, read: Callable[[int], _PageContent], source: str, max_pages: int
) -> tuple[list[RawPage], bool, bool]:
    """The laid-out pages of an open PDF, and whether any page has text or only blank glyphs."""
    if count == 0:
        raise UnreadableInput(source, "PDF has no pages")
    if count > max_pages:
        raise TooLarge(source, f"too many pages ({count}, the limit is {max_pages})")
    # The reference column is decided on the first pages; after that each page is laid out
    # as soon as it is read and its characters are let go, so memory stays flat.
    sample: list[_PageContent] = []
    pages: list[RawPage] = []
    reference_x: float | None = None
    has_text = has_blank = False
    for index in range(count):
        content = read(index)
        has_text = has_text or bool(content.chars)
        has_blank = has_blank or bool(content.blank_chars)
        if len(pages) + len(sample) < _SAMPLE_PAGES:
            sample.append(content)
            if len(sample) < min(_SAMPLE_PAGES, count):
                continue
            reference_x = _reference_column(sample)
            pages.extend(_layout_page(item, reference_x) for item in sample)
            sample = []
        else:
            pages.append(_layout_page(content, reference_x))
    return pages, has_text, has_blank


def _translate(error: Exception, source: str, page: int | None = None) -> UnreadableInput | EncryptedPdf:
    """A pdfminer, pdfplumber or pdfium error as a one-line reason for the user."""
    names = {type(error).__name__, type(error.__cause__).__name__ if error.__cause__ else ""}
    names |= {type(arg).__name__ for arg in getattr(error, "args", ())}
    if "MemoryError" in names:
        # Out of memory (the per-document limit) where pdfminer wrapped it: not a damaged file.
        raise MemoryError
    if getattr(error, "encrypted", False) or names & set(_ENCRYPTION_ERRORS) or "password" in str(error).lower():
        return EncryptedPdf(source)
    where = f" (page {page})" if page else ""
    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
    return UnreadableInput(source, f"truncated or damaged PDF{where}: {detail}")


@dataclass(frozen=True)
class _PageContent:
    """What one page gives, read while the page is open: characters, rules and links."""

    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[tuple[float, float, float], ...]
    """Short horizontal rules (x0, x1, top): the separator above the footnotes."""
    links: tuple[tuple[str, Box], ...]
    lines: tuple[_Line, ...] = ()
    """The page's characters grouped into lines, once."""
    blank_chars: int = 0
    """White-space glyphs: a page of only these has a text layer with nothing in it."""


def _read_page(page: Any, number: int) -> _PageContent:
    chars = tuple(
        (char["text"], char["fontname"], char["size"], char["x0"], char["x1"], char["matrix"][5])
        for char in page.chars
        # Spaces are inferred from the gaps between glyphs: space glyphs are missing in some
        # PDFs and misplaced in others (a space drawn over the "l" of "Rijksoverheid.nl").
        if char.get("upright", True) and char["text"].strip()
    )
    shapes = tuple((shape["x0"], shape["x1"], shape["y0"], shape["y1"]) for shape in (*page.lines, *page.rects))
    links = tuple(
        (link["uri"], (link["x0"], link["y0"], link["x1"], link["y1"])) for link in page.hyperlinks if link.get("uri")
    )
    blank = sum(1 for char in page.chars if not char["text"].strip())
    return _content(number, page.width, page.height, chars, shapes, links, blank)


def _content(
    number: int,
    width: float,
    height: float,
    chars: Iterable[EngineChar],
    shapes: Iterable[tuple[float, float, float, float]],
    links: Iterable[tuple[str, tuple[float, float, float, float]]],
    blank: int,
) -> _PageContent:
    """A page as both engines give it, in the same numbers for the same page.

    The engines measure in PDF space (y upwards): here every length is put on a grid of 1/1000 pt
    and turned into distances from the top, so that pdfium's single-precision floats and pdfminer's
    doubles give the same numbers, and a gap that sits exactly on a threshold does on both.
    """
    height = _grid(height)
    layout_chars = _layout_chars(chars, height)
    rules = tuple(
        (_grid(x0), _grid(x1), _grid(height - _grid(y1)))
        for x0, x1, y0, y1 in shapes
        if _grid(y1) - _grid(y0) < 2.5 and 20 < _grid(x1) - _grid(x0) < 250
    )
    boxes = tuple(
        (uri, Box(_grid(x0), _grid(height - _grid(y1)), _grid(x1), _grid(height - _grid(y0))))
        for uri, (x0, y0, x1, y1) in links
    )
    lines = tuple(_group_lines(layout_chars))
    return _PageContent(number, _grid(width), height, layout_chars, rules, boxes, lines, blank)


def _grid(value: float) -> float:
    """The nearest 1/1000 pt (a third of the time of ``round(value, 3)``)."""
    return math.floor(value * 1000.0 + 0.5) / 1000.0


def _layout_chars(chars: Iterable[EngineChar], height: float) -> tuple[Char, ...]:
    """The characters for the layout, the same from both engines for the same glyphs.

    A box runs from the baseline up one em: pdfminer puts the bottom at the font's descent,
    which it reads from the font descriptor and pdfium from the font file when the descriptor
    says 0; the baseline is where both agree. One loop, no call per character: a page has
    thousands.
    """
    floor, char_text = math.floor, _CHAR_TEXT
    fonts: dict[str, str] = {}
    # A page has a few sizes and a few dozen baselines: each is put on the grid once.
    sizes: dict[float, float] = {}
    bottoms: dict[float, float] = {}
    layout: list[Char] = []
    for text, font, raw_size, x0, x1, baseline in chars:
        name = fonts.get(font)
        if name is None:
            name = fonts[font] = _font_name(font)
        size = sizes.get(raw_size)
        if size is None:
            size = sizes[raw_size] = floor(raw_size * 1000.0 + 0.5) / 1000.0
        bottom = bottoms.get(baseline)
        if bottom is None:
            bottom = bottoms[baseline] = height - floor(baseline * 1000.0 + 0.5) / 1000.0
        # round(x, 3): the order of characters at (almost) the same x depends on it. Worked out
        # on the grid where that gives the very same number (not within a hair of a half, not
        # zero, whose sign round keeps), at a quarter of round's cost.
        scaled = x0 * 1000.0
        grid = floor(scaled + 0.5) if -1e9 < scaled < 1e9 else 0
        left = grid / 1000.0 if grid and -0.4999 < scaled - grid < 0.4999 else round(x0, 3)
        scaled = x1 * 1000.0
        right_grid = floor(scaled + 0.5) if -1e9 < scaled < 1e9 else 0
        right = right_grid / 1000.0 if right_grid and -0.4999 < scaled - right_grid < 0.4999 else round(x1, 3)
        layout.append(
            {
                "fontname": name,
                "size": size,
                "x0": left,
                "x1": right,
                "top": bottom - size,
                "bottom": bottom,
                "text": char_text.get(text, text),
                # x to the hundredth (both engines' x can differ in the thousandth): the reading order.
                "order": (grid + 5) // 10 if grid else floor(x0 * 100.0 + 0.5) if -1e9 < x0 < 1e9 else 0,
            }
        )
    return tuple(layout)


def _font_name(name: str) -> str:
    """A font's name without its subset's prefix ("ABCDEF+Verdana"), which pdfium may drop."""
    return _SUBSET_PREFIX.sub("", name)


# --- Lines ---------------------------------------------------------------------------------


def _group_lines(chars: Sequence[Char]) -> list[_Line]:
    """Group characters into lines by baseline; raised small characters join the line below."""
    # round(bottom, 1) once per baseline, not once per character: a page has a few dozen.
    rounded: dict[float, float] = {}
    for char in chars:
        bottom = char["bottom"]
        if bottom not in rounded:
            rounded[bottom] = round(bottom, 1)
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
    lines = [_make_line(row) for row in rows]
    # A raised character that is clearly smaller than the line it stands on (a footnote marker)
    # forms a row of its own; give it to the line whose height holds it and whose width covers it.
    # Only a line smaller than 0.85 of the largest can be smaller than that of another.
    largest = 0.85 * max((line.size for line in lines), default=0.0)
    kept: dict[int, list[Char]] = {}
    for index, line in enumerate(lines):
        if not line.size < largest:
            continue
        inside_another = any(
            other is not line
            and other.top - 0.5 <= line.bottom <= other.bottom + 0.4 * other.size
            and line.size < 0.85 * other.size
            for other in lines
        )
        if not inside_another:
            continue
        for run in _marker_runs(line):
            target = _carrier(run[0], lines, index)
            if target is not None:
                for char in run:
                    kept.setdefault(index, list(line.chars)).remove(char)
                kept.setdefault(target, list(lines[target].chars)).extend(run)
    # A line that neither gave nor took a marker would be made again from the same characters: keep it.
    return [
        line if index not in kept else _make_line(kept[index])
        for index, line in enumerate(lines)
        if index not in kept or kept[index]
    ]


def _marker_runs(line: _Line) -> list[list[Char]]:
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


def _carrier(char: Char, lines: Sequence[_Line], own: int) -> int | None:
    """The index of the line a raised small character belongs to, if it is not its own line."""
    for index, line in enumerate(lines):
        if index == own or char["size"] >= 0.85 * line.size:
            continue
        # Markers stand after a word or, in a footnote, just before the first one.
        x0 = line.chars[0]["x0"] - 2 * line.size
        x1 = line.chars[-1]["x1"] + 2 * line.size
        # Raised (a marker) or lowered (a chemical index) within the line's height.
        middle = (char["top"] + char["bottom"]) / 2
        if line.top - 0.5 <= middle <= line.bottom + 0.2 * line.size and x0 <= char["x0"] <= x1:
            return index
    return None


def _make_line(chars: Iterable[Char]) -> _Line:
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
    threshold = 0.85 * body_size
    if all(size >= threshold for size in (*raw, *blank_sizes)):
        # No character is smaller than the line's own size (most lines): all of them count.
        main: Sequence[Char] = ordered
    else:
        main = [char for char in ordered if char["size"] >= threshold] or ordered
    top = min([char["top"] for char in main])
    bottom = max([char["bottom"] for char in main])
    return _Line(ordered, top, bottom, body_size)


_ROUNDED_SIZES: dict[float, float] = {}
"""round(size, 1) of the sizes met: a page has a handful of sizes and thousands of characters."""


_READING_ORDER = operator.itemgetter("order", "top", "text")
"""Reading order within a line: by x to the hundredth of a point, then by height and text, so
that characters printed on (almost) the same x, as where two letterheads lie over each other,
come in one order whichever engine read them."""


"""A character's x0, the key lines are sorted by (a C function: cheaper than a lambda)."""


def _split_segments(line: _Line) -> list[_Line]:
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
        # One segment: the line itself, which _make_line would only make again.
        return [line]
    bounds = [0, *starts, len(line.chars)]
    return [_make_line(line.chars[start:end]) for start, end in itertools.pairwise(bounds)]


def _split_at_column(line: _Line, reference_x: float) -> list[_Line]:
    """Split a line into its body part and its reference-column part, however narrow the gap."""
    left = [char for char in line.chars if char["x0"] < reference_x]
    right = [char for char in line.chars if char["x0"] >= reference_x]
    if not left or not right or left[-1]["x1"] > reference_x + 1:
        # A body line that runs into the column's x (no gap at all) is body text.
        return _split_segments(line)
    return [*_split_segments(_make_line(left)), _make_line(right)]


def _text(line: _Line, superscripts: bool = True) -> str:
    """The line's text with spaces where the gaps are, raised digits as superscript digits."""
    pieces: list[str] = []
    previous: Char | None = None
    # A raised digit (a footnote marker) is clearly smaller than the line and stands above its baseline.
    small, high = 0.8 * line.size, line.bottom - 0.2 * line.size
    for index, char in enumerate(line.chars):
        text = char["text"]
        if index == 0 and _UNMAPPED_GLYPH.fullmatch(text):
            # A glyph without a character that opens a line is a list bullet ("(cid:129)" in
            # the Aanhangsel's Univers); elsewhere it stays, and the checks report it.
            text = "•"
        raised = superscripts and text.isdigit() and char["size"] < small and char["bottom"] < high
        visible = bool(text.strip())
        if previous is not None and visible and not raised:
            gap = char["x0"] - previous["x1"]
            if gap > 0.15 * min(char["size"], previous["size"]) + 0.2 and not pieces[-1].endswith(" "):
                pieces.append(" ")
        if raised:
            text = text.translate(SUPERSCRIPTS)
        elif not visible and text.isspace():
            text = " "
        if not (text == " " and pieces and pieces[-1].endswith(" ")):
            pieces.append(text)
        if visible:
            previous = char
    return compose_accents("".join(pieces)).strip()


def _footnote_text(line: _Line) -> str:
    """A footnote line: its leading number as plain digits followed by a space ("1Wet" -> "1 Wet")."""
    text = _text(line, superscripts=False)
    return regex.sub(r"^(\d{1,3})(?=\p{L})", r"\1 ", text)


def _in_font(line: _Line, font: regex.Pattern[str]) -> bool:
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


# --- Layout --------------------------------------------------------------------------------


def _reference_column(pages: Sequence[_PageContent]) -> float | None:
    """The x where a right-hand reference column starts, if the document has one.

    Ministry letters print Datum, Kenmerk and the like in a narrow column on the right of every
    page. Its segments start at the same x on most pages, far right of where body lines start.
    """
    # Column starts in 4 pt bins, so that 466 and 467 are one column.
    starts: Counter[int] = Counter()
    pages_with: dict[int, set[int]] = {}
    lowest: dict[int, float] = {}
    for page in pages:
        for line in page.lines:
            segments = _split_segments(line)
            # A table row has many cells; a body line beside the reference column has two parts.
            if len(segments) > 2:
                continue
            x = segments[-1].chars[0]["x0"]
            # Words, not a page number at the end of a footer line.
            if x >= 0.68 * page.width and any(char["text"].isalpha() for char in segments[-1].chars):
                column = round(x / 4)
                starts[column] += 1
                pages_with.setdefault(column, set()).add(page.number)
                lowest[column] = min(lowest.get(column, x), x)
    if not starts:
        return None
    column = max(starts, key=lambda key: (len(pages_with[key]), starts[key]))
    enough_pages = len(pages_with[column]) >= max(1, (len(pages) + 1) // 2)
    enough_lines = starts[column] >= 2 * len(pages_with[column])
    return lowest[column] - 3.0 if starts[column] >= 3 and enough_pages and enough_lines else None


def _layout_page(page: _PageContent, reference_x: float | None) -> RawPage:
    lines = page.lines
    rule = _separator_rule(page, lines)
    # Body size = the most common size above the footnotes: on a page that a break left with a
    # few body lines, long footnotes may hold more characters than the body.
    sizes = [char["size"] for char in page.chars if char["text"].strip() and (rule is None or char["top"] < rule)]
    body_size = Counter(round(size, 1) for size in sizes).most_common(1)[0][0] if sizes else 0.0
    separator = rule if rule is not None else _footnote_separator(page, lines, body_size)
    starts = Counter(round(line.chars[0]["x0"]) for line in lines if line.size >= 0.95 * body_size)
    left_edge = float(starts.most_common(1)[0][0]) if starts else 0.0
    zoned: list[tuple[_Line, Zone]] = []
    for line in lines:
        for segment in _split_at_column(line, reference_x) if reference_x is not None else [line]:
            zoned.append((segment, _zone(segment, page, body_size, separator, reference_x, left_edge)))
    zoned = _letterhead(zoned, page.number)
    if rule is not None:
        zoned = _below_the_rule(zoned, rule, body_size)
    paragraph_gap = _paragraph_gap([line for line, zone in zoned if zone == "body"], body_size)
    raw_lines: list[RawLine] = []
    previous: _Line | None = None
    ordered = sorted(zoned, key=lambda item: (_zone_order(item[1]), item[0].top, item[0].chars[0]["x0"]))
    cells = _table_rows([segment for segment, zone in ordered if zone == "body"])
    for segment, zone in ordered:
        if zone == "body" and previous is not None and segment.top - previous.bottom > paragraph_gap:
            raw_lines.append(RawLine("", page.number, len(raw_lines) + 1, "body"))
        text = _footnote_text(segment) if zone == "footnote" else segment.text
        if not text:
            continue
        box = Box(min(c["x0"] for c in segment.chars), segment.top, max(c["x1"] for c in segment.chars), segment.bottom)
        raw_lines.append(
            RawLine(
                text,
                page.number,
                len(raw_lines) + 1,
                zone,
                _in_font(segment, _BOLD_FONT),
                segment.size,
                box,
                _in_font(segment, _ITALIC_FONT),
                cells.get(id(segment), ()),
            )
        )
        previous = segment if zone == "body" else previous
    links = tuple(Link(uri, page.number, box, _covered_text(page.chars, box)) for uri, box in page.links)
    return RawPage(page.number, tuple(raw_lines), links)


def _table_rows(lines: Sequence[_Line]) -> dict[int, tuple[str, ...]]:
    """The cells of the rows of tables without rules (1314's answer 6), by id of their line.

    A row is a line of three or more parts that wide gaps keep apart; a table is two or more
    such rows in a row, with as many parts each, whose columns start at the same places. A lone
    line with tab stops ("Noot:  •  Het verdrag ...") is no table.
    """
    parts = [_split_segments(line) for line in lines]
    rows: dict[int, tuple[str, ...]] = {}
    start = 0
    while start < len(lines):
        end = start
        while end + 1 < len(lines) and _same_columns(parts[start], parts[end + 1]):
            end += 1
        if end > start:
            for index in range(start, end + 1):
                rows[id(lines[index])] = tuple(segment.text for segment in parts[index])
        start = end + 1
    return rows


def _same_columns(first: Sequence[_Line], other: Sequence[_Line]) -> bool:
    """True if two lines are rows of one table: three or more parts each, one above the other
    (numbers may be aligned right, so a column's parts overlap rather than start alike)."""
    if len(first) < 3 or len(first) != len(other):
        return False
    return all(
        a.chars[0]["x0"] - 4 <= b.chars[-1]["x1"] and b.chars[0]["x0"] - 4 <= a.chars[-1]["x1"]
        for a, b in zip(first, other, strict=True)
    )


def _paragraph_gap(lines: Sequence[_Line], body_size: float) -> float:
    """The white space between two lines above which they are two paragraphs.

    Measured against the page's own line spacing: Word's "space after" of 6 pt adds less than
    0.6 of a line to the gap, but always stands well above the gap between lines of one paragraph.
    """
    ordered = sorted(lines, key=lambda line: line.top)
    gaps = sorted(
        below.top - above.bottom
        for above, below in itertools.pairwise(ordered)
        if 0 <= below.top - above.bottom <= 2 * body_size
    )
    fixed = 0.6 * body_size + 1
    if len(gaps) < 3:
        return fixed
    usual = gaps[len(gaps) // 4]
    return min(fixed, usual + 0.3 * body_size)


def _zone_order(zone: Zone) -> int:
    # Body first, then footnotes: the reading order the cleaning stage expects.
    return {"body": 0, "footnote": 1, "reference": 2, "furniture": 3, "unknown": 0}[zone]


def _separator_rule(page: _PageContent, lines: Sequence[_Line]) -> float | None:
    """The short rule above the footnotes, if the page has one: in the lower part of the page,
    with no text right above it (links are underlined too)."""
    rules = [
        top
        for x0, x1, top in page.rules
        if top > 0.4 * page.height
        and not any(
            line.top - 1 <= top <= line.bottom + 2.5 and line.chars[0]["x0"] <= x1 and line.chars[-1]["x1"] >= x0
            for line in lines
        )
    ]
    return min(rules) if rules else None


def _footnote_separator(page: _PageContent, lines: Sequence[_Line], body_size: float) -> float | None:
    """Where the footnotes start on a page without a rule: the first small numbered line after
    the last line of body text at the page bottom."""
    body_lines = [line for line in lines if line.size >= 0.9 * body_size and not _is_furniture_text(line.text)]
    if not body_lines:
        return None
    last_body = max(line.bottom for line in body_lines)
    below = [line for line in lines if line.top > last_body and line.size < 0.9 * body_size]
    if below and regex.match(r"^\d{1,3}\s*\S", _footnote_text(below[0])):
        return below[0].top - 0.5
    return None


def _is_furniture_text(text: str) -> bool:
    return bool(patterns.PAGE_FURNITURE.match(text.strip()))


def _zone(
    segment: _Line,
    page: _PageContent,
    body_size: float,
    separator: float | None,
    reference_x: float | None,
    left_edge: float,
) -> Zone:
    text = segment.text
    in_margin = segment.bottom < 0.1 * page.height or segment.top > 0.88 * page.height
    if _is_furniture_text(text) or (
        in_margin and _PAGE_NUMBER.match(text) and not _numbers_a_block(segment, page, body_size, left_edge)
    ):
        return "furniture"
    if len(text) <= 3 and segment.size >= 3 * body_size:
        # A glyph as big as a logo (the "2" of the Tweede Kamer atop an Aanhangsel) is no text.
        return "furniture"
    if reference_x is not None and segment.chars[0]["x0"] >= reference_x:
        return "reference"
    if separator is not None and segment.top > separator and segment.size < 0.95 * body_size:
        return "footnote"
    return "body"


def _below_the_rule(zoned: list[tuple[_Line, Zone]], rule: float, body_size: float) -> list[tuple[_Line, Zone]]:
    """Below the footnote rule, a block that starts with a footnote number is footnotes, even in
    body size (a linked URL set larger than the note's text), and so are the lines after it."""
    below = sorted(
        (item for item in zoned if item[1] in ("body", "footnote") and item[0].top > rule), key=lambda i: i[0].top
    )
    if not below or below[0][1] == "footnote":
        return zoned
    first = below[0][0]
    starts_with_number = bool(regex.match(r"^\d{1,3}\s*\S", _footnote_text(first)))
    if not starts_with_number or first.size > 1.15 * body_size:
        return zoned
    footnotes = {id(line) for line, _ in below}
    return [(line, "footnote" if id(line) in footnotes else zone) for line, zone in zoned]


def _numbers_a_block(segment: _Line, page: _PageContent, body_size: float, left_edge: float) -> bool:
    """True for a bare number at the foot of a page that numbers the question on the next page:
    in body type at the text's left edge, where page numbers are centred or right, and not the
    number of the page itself."""
    text = segment.text.strip(" -")
    return (
        text.isdigit()
        and int(text) != page.number
        and segment.size >= 0.95 * body_size
        and abs(segment.chars[0]["x0"] - left_edge) <= 2.0
    )


def _letterhead(zoned: list[tuple[_Line, Zone]], page_number: int) -> list[tuple[_Line, Zone]]:
    """On page 1 of a ministry letter, everything down to the Betreft block is letterhead."""
    if page_number != 1:
        return zoned
    body = sorted((item for item in zoned if item[1] == "body"), key=lambda item: item[0].top)
    end = next((index for index, (line, _) in enumerate(body) if _LETTERHEAD_END.match(line.text)), None)
    if end is None:
        return zoned
    last = body[end][0]
    for line, _ in body[end + 1 :]:
        if line.top - last.bottom > 0.6 * line.size + 1:
            break
        last = line
    letterhead = {id(line) for line, _ in body if line.top <= last.top}
    return [(line, "reference" if id(line) in letterhead else zone) for line, zone in zoned]


def _covered_text(chars: Sequence[Char], box: Box) -> str:
    """The text under a link annotation's rectangle, in reading order."""
    inside = [
        char
        for char in chars
        if box.x0 - 1 <= (char["x0"] + char["x1"]) / 2 <= box.x1 + 1
        and box.top - 1 <= (char["top"] + char["bottom"]) / 2 <= box.bottom + 1
    ]
    if not inside:
        return ""
    return " ".join(_text(line, superscripts=False) for line in _group_lines(inside))
