"""The pdfium engine (pypdfium2): the fast one, and the only module that imports pypdfium2.

It gives each page exactly what the pdfplumber engine takes from pdfminer: characters with their
text, font name, size and box (pdfminer's box: from the origin to the advance), the lines and
rectangles drawn on the page, link annotations and the page size. Where pdfium and pdfminer
differ, the difference is undone here: pdfium's made-up spaces and line breaks are dropped, a
glyph that stands for several letters (a ligature) is one character again, and boxes are
computed the way pdfminer computes them.

pdfium is a C library in this process: what it is asked to read must be safe to read. The reader
checks a file's raw objects against the caps first (``pipeline.pdf.prescan``); here a page's
characters are counted before any is read.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pypdfium2  # noqa: F401  (initialises the library)
import pypdfium2.raw as pdfium

from pipeline.pdf.grid import Glyph, grid, place_box, place_chars
from pipeline.pdf.page import MAX_PAGE_CHARS, TOO_MANY_CHARS, EngineError, LinkArea, OverLimit, PageRecord

LOGGERS: tuple[str, ...] = ("pypdfium2",)
"""pdfium itself writes nothing; pypdfium2 logs to this logger."""

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]
"""A rectangle in PDF space as pdfium gives it: (x0, y0, x1, y1), y upwards."""

_PDFIUM_TEXT = str.maketrans({"\ufffe": "-", "\u0002": "-"})
"""pdfium marks a hyphen that ends a line; pdfminer gives the hyphen itself."""

_LOAD_ERRORS = {
    pdfium.FPDF_ERR_FILE: "cannot open the file",
    pdfium.FPDF_ERR_FORMAT: "not in PDF format or damaged",
    pdfium.FPDF_ERR_PASSWORD: "password required",
    pdfium.FPDF_ERR_SECURITY: "unsupported security handler",
    pdfium.FPDF_ERR_PAGE: "page not found or damaged",
}
"""What FPDF_GetLastError says right after a document failed to load. pdfium keeps that code in
one global that only a failed load sets (a page that fails to load leaves it alone), so it is
read only there; every other failure is named by the call that failed, so that a message
depends on the file alone and never on the file read before it."""

MAX_STRING_BYTES = 32_767
"""pdfium's content stream parser keeps this many bytes of one string and drops the rest without
a word (``kMaxStringLength`` in ``CPDF_StreamParser::ReadString`` and ``ReadHexString``): a
``Tj`` of 40,000 characters reads as its first 32,767, and nothing in its API tells."""
MAY_BE_CUT = MAX_STRING_BYTES // 4
"""A text object of this many characters or more may show a string pdfium cut (a character's
code takes one to four bytes), and its page is marked ``cut``. A letter's page holds a few
thousand characters in text objects of a line or less: only a crafted page comes near this."""

REOPEN_EVERY = 50
"""pdfium keeps every object it has parsed until the document is closed: reopening it every
so many pages keeps memory flat however long the document is."""


class Document:
    """An open PDF: its page count and its pages, read one at a time."""

    def __init__(self, data: bytes) -> None:
        # pdfium reads the bytes where they are, for as long as the document is open: keep them.
        self._data = data
        self._handle: Any = _load(data)
        self._pages_read = 0

    @property
    def page_count(self) -> int:
        return int(pdfium.FPDF_GetPageCount(self._handle))

    def read_page(self, index: int) -> PageRecord:
        """Read page ``index`` (from 0) and close it again."""
        if self._pages_read >= REOPEN_EVERY:
            self.close()
            self._handle = _load(self._data)
            self._pages_read = 0
        self._pages_read += 1
        page = pdfium.FPDF_LoadPage(self._handle, index)
        if not page:
            raise EngineError("pdfium cannot load the page (its object or contents are damaged)")
        try:
            return _read_page(self._handle, page)
        finally:
            pdfium.FPDF_ClosePage(page)

    def close(self) -> None:
        if self._handle is not None:
            pdfium.FPDF_CloseDocument(self._handle)
            self._handle = None


def _load(data: bytes) -> Any:
    handle = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
    if not handle:
        code = pdfium.FPDF_GetLastError()
        raise EngineError(_LOAD_ERRORS.get(code, "unknown error"), encrypted=code == pdfium.FPDF_ERR_PASSWORD)
    return handle


@contextmanager
def open_document(data: bytes) -> Iterator[Document]:
    """Open a PDF for reading, or raise EngineError (``encrypted`` when it needs a password)."""
    document = Document(data)
    try:
        yield document
    finally:
        document.close()


# --- A page ----------------------------------------------------------------------------------


def _read_page(document: Any, page: Any) -> PageRecord:
    left, bottom, right, top = _media_box(page)
    rotation = pdfium.FPDFPage_GetRotation(page) * 90
    width, height = right - left, top - bottom
    if rotation in (90, 270):
        width, height = height, width
    # pdfminer turns the page first (its initial CTM) and measures from the media box's corner.
    turn = _page_matrix(rotation, left, bottom, right, top)
    glyphs, blank, longest = _chars(page, turn)
    on_grid = grid(height)
    chars, invalid = place_chars(glyphs, on_grid)
    shapes = tuple(place_box(x0, y0, x1, y1, on_grid) for x0, y0, x1, y1 in _shapes(page, turn))
    links = tuple(
        LinkArea(uri, place_box(*_annotation_box(rect, rotation, width, height), on_grid))
        for uri, rect in _links(document, page)
    )
    return PageRecord(grid(width), on_grid, chars, blank, invalid, shapes, links, longest >= MAY_BE_CUT)


def _media_box(page: Any) -> Rect:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return 0.0, 0.0, pdfium.FPDF_GetPageWidthF(page), pdfium.FPDF_GetPageHeightF(page)
    x0, x1 = sorted((left.value, right.value))
    y0, y1 = sorted((bottom.value, top.value))
    return x0, y0, x1, y1


def _page_matrix(rotation: int, x0: float, y0: float, x1: float, y1: float) -> Matrix:
    """pdfminer's initial CTM for a page turned by ``rotation`` degrees."""
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix of m applied first, then n (PDF's row-vector convention)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


# --- Characters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Font:
    """What the characters of one text object share."""

    handle: Any
    key: int
    name: str
    size: float
    matrix: tuple[float, float, float, float]
    """The text matrix times the CTM, without the position."""

    @property
    def upright(self) -> bool:
        return self.matrix[1] == 0 and self.matrix[2] == 0


def _chars(page: Any, turn: Matrix) -> tuple[list[Glyph], int, int]:
    text_page = pdfium.FPDFText_LoadPage(page)
    if not text_page:
        raise EngineError("pdfium cannot read the page's text")
    try:
        count = pdfium.FPDFText_CountChars(text_page)
        if count > MAX_PAGE_CHARS and _drawn(text_page, count) > MAX_PAGE_CHARS:
            # Counted before a single character is read: reading one costs far more than counting it.
            raise OverLimit(TOO_MANY_CHARS)
        return _text_page_chars(text_page, count, turn, _after_spaces(page))
    finally:
        pdfium.FPDFText_ClosePage(text_page)


def _fast(function: Any, restype: Any) -> Any:
    """A pdfium function without declared argument types, called once or twice per character.

    ctypes converts each argument through its declared type on every call; undeclared, a
    ctypes object goes as it is and a Python int as a C int. So its arguments must be ctypes
    objects (a c_void_p for a handle, pointers for results) or ints that fit a C int (an index),
    and then a call costs half as much as one through pypdfium2's declaration.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ImportError("pypdfium2 has no pdfium library loaded")
    return ctypes.CFUNCTYPE(restype)(address)


_text_object_at = _fast(pdfium.FPDFText_GetTextObject, ctypes.c_void_p)
"""FPDFText_GetTextObject(text page as c_void_p, index): the text object's address, or None."""
_origin_of = _fast(pdfium.FPDFText_GetCharOrigin, ctypes.c_int)
"""FPDFText_GetCharOrigin(text page as c_void_p, index, x pointer, y pointer)."""
_is_generated = _fast(pdfium.FPDFText_IsGenerated, ctypes.c_int)
"""FPDFText_IsGenerated(text page as c_void_p, index): 1 for a space or line break pdfium made up."""


def _drawn(text_page: Any, count: int) -> int:
    """How many of a text page's characters the page draws (pdfium adds spaces and line breaks)."""
    handle = ctypes.cast(text_page, ctypes.c_void_p)
    return sum(1 for index in range(count) if not _is_generated(handle, index))


def _page_text(text_page: Any, count: int) -> str:
    """The text of all characters of a text page, one character per index (maybe lone surrogates:
    the reader replaces what is not valid Unicode)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium.FPDFText_GetText(text_page, 0, count, buffer)
    units = bytes(memoryview(buffer).cast("B")[: 2 * max(written - 1, 0)])
    text = units.decode("utf-16-le", errors="surrogatepass")
    if len(text) != count:
        # One UTF-16 unit per character is what the API promises; read them one by one if not.
        text = "".join(chr(pdfium.FPDFText_GetUnicode(text_page, index)) for index in range(count))
    return text.translate(_PDFIUM_TEXT)


def _after_spaces(page: Any) -> frozenset[int]:
    """The text objects (by address) drawn right after a text object that draws only spaces.

    Word draws many a space as a text object of its own, and pdfium leaves such a space out of
    the page's text (where it puts in a space of its own making, or none); pdfminer reads it as
    a character. A text object that draws only spaces has a box without width or height: the
    glyph of a space has no outline.
    """
    stack = [pdfium.FPDFPage_GetObject(page, index) for index in range(pdfium.FPDFPage_CountObjects(page))]
    stack.reverse()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    after: set[int] = set()
    blank = False
    while stack:
        item = stack.pop()
        kind = pdfium.FPDFPageObj_GetType(item)
        if kind == pdfium.FPDF_PAGEOBJ_FORM:
            count = pdfium.FPDFFormObj_CountObjects(item)
            stack.extend(reversed([pdfium.FPDFFormObj_GetObject(item, index) for index in range(count)]))
            continue
        if kind != pdfium.FPDF_PAGEOBJ_TEXT:
            continue
        if blank:
            after.add(ctypes.cast(item, ctypes.c_void_p).value or 0)
        bounded = pdfium.FPDFPageObj_GetBounds(item, left, bottom, right, top)
        blank = bool(bounded) and left.value == right.value and bottom.value == top.value
    return frozenset(after)


def _text_page_chars(text_page: Any, count: int, turn: Matrix, after: frozenset[int]) -> tuple[list[Glyph], int, int]:
    """The glyphs of a text page as pdfminer measures them, how many blank glyphs it draws, and
    how many characters its longest text object holds (counted where the object changes: a text
    object's characters stand together, so counting costs nothing per character). The first
    glyph of a text object in ``after`` (``_after_spaces``) follows a drawn space."""
    if count <= 0:
        return [], 0, 0
    handle = ctypes.cast(text_page, ctypes.c_void_p)
    fonts = _Fonts(text_page, turn)
    widths: dict[str, float] = {}
    chars: list[Glyph] = []
    blank = 0
    x, y = ctypes.c_double(), ctypes.c_double()
    x_pointer, y_pointer = ctypes.pointer(x), ctypes.pointer(y)
    ta, tb, tc, td, te, tf = turn
    # Where the previous character stood (its text object and origin): a ligature's letters share it.
    previous_key: int | None = None
    previous_x = previous_y = 0.0
    # What the characters of the current text object share, looked up when the object changes.
    current_key: int | None = None
    font: _Font | None = None
    name, size, a, d, upright = "", 0.0, 1.0, 1.0, True
    # Where the current text object's characters start, and the most any object held so far.
    object_start = longest = 0
    text_object_at, origin_of, append = _text_object_at, _origin_of, chars.append
    space: Point | None = None  # a space the page drew just before the next glyph (``_space_before``)
    for index, letter in enumerate(_page_text(text_page, count)):
        if letter.isspace() or letter == "\x00":
            if letter not in "\r\n":
                drawn = not _is_generated(handle, index)
                blank += drawn
                space = _space_before(handle, index, letter, drawn, space)
            continue
        key = text_object_at(handle, index) or 0
        if key != current_key:
            longest, object_start = max(longest, index - object_start), index
            current_key, font = key, fonts.at(index, key)
            space = _DRAWN_SPACE if key in after else space
            if font is not None:
                name, size, a, d, upright = font.name, font.size, font.matrix[0], font.matrix[3], font.upright
                widths = fonts.widths(font)
        origin_of(handle, index, x_pointer, y_pointer)
        here_x, here_y = x.value, y.value
        if key == previous_key and here_x == previous_x and here_y == previous_y and chars:
            chars[-1] = _ligature(text_page, index, chars[-1], letter, turn, here_y)
            continue
        previous_key, previous_x, previous_y = key, here_x, here_y
        after_space, space = space is not None and space != (here_x, here_y), None
        if font is None:
            continue  # not upright
        width = widths.get(letter)
        if width is None:
            width = widths[letter] = _advance(font.handle, letter)
        ox = here_x * ta + here_y * tc + te
        oy = here_x * tb + here_y * td + tf
        if upright:
            append((letter, name, d * size, ox, ox + a * (width * size), oy, after_space))
        else:
            append(_turned(letter, font, width, ox, oy, after_space))
    return chars, blank, max(longest, count - object_start)


Point = tuple[float, float]
_DRAWN_SPACE: Point = (math.inf, math.inf)
"""A space glyph the page draws, wherever it stands."""


def _space_before(handle: ctypes.c_void_p, index: int, letter: str, drawn: bool, space: Point | None) -> Point | None:
    """Whether the page drew a space before the next glyph, once the white-space character
    ``index`` of the text page is read: ``_DRAWN_SPACE``, or where a space pdfium made up stands
    that may stand in for a drawn one, or None.

    pdfium makes up a space where a TJ array's number moves the next glyph far enough, at that
    glyph's origin; when the glyph is a drawn space, pdfium keeps its own and drops the drawn one
    (two spaces in a row are one). So a made-up space of a text object counts as drawn when the
    next glyph stands elsewhere. The spaces it makes up between text objects belong to none.
    """
    if drawn:
        return _DRAWN_SPACE if letter != "\x00" else None
    if letter == " " and _text_object_at(handle, index):
        x, y = ctypes.c_double(), ctypes.c_double()
        _origin_of(handle, index, ctypes.pointer(x), ctypes.pointer(y))
        return (x.value, y.value)
    return space


def _ligature(text_page: Any, index: int, glyph: Glyph, letter: str, turn: Matrix, here_y: float) -> Glyph:
    """One glyph that stands for several letters (a ligature): pdfminer's one character, as wide
    as the glyph's box (its advance is not to be had by its letters)."""
    box = pdfium.FS_RECTF()
    pdfium.FPDFText_GetLooseCharBox(text_page, index, box)
    text, font, size, x0, x1, baseline, spaced = glyph
    right = max(x1, box.right * turn[0] + here_y * turn[2] + turn[4])
    return (text + letter, font, size, x0, right, baseline, spaced)


def _turned(letter: str, font: _Font, width: float, ox: float, oy: float, spaced: bool) -> Glyph:
    """A glyph in a text object turned a little (upright, but not square to the page): its box
    is the box around its turned outline, as pdfminer computes it."""
    a, b, c, d = font.matrix
    advance = width * font.size
    xs = (ox, a * advance + ox, a * advance + c * font.size + ox, c * font.size + ox)
    ys = (oy, b * advance + oy, b * advance + d * font.size + oy, d * font.size + oy)
    return (letter, font.name, max(ys) - min(ys), min(xs), max(xs), oy, spaced)


class _Fonts:
    """The fonts of a page's text objects, each looked up once: a page has dozens of text objects
    in a few fonts, and thousands of characters."""

    def __init__(self, text_page: Any, turn: Matrix) -> None:
        self._text_page = text_page
        self._turn = turn
        self._by_object: dict[int, _Font | None] = {}
        self._names: dict[int, str] = {}
        self._widths: dict[int, dict[str, float]] = {}

    def at(self, index: int, key: int) -> _Font | None:
        """The font of the text object ``key`` that character ``index`` belongs to; None if not upright."""
        if key not in self._by_object:
            self._by_object[key] = self._font(index, key)
        return self._by_object[key]

    def widths(self, font: _Font) -> dict[str, float]:
        """The advance widths met so far of a font's characters, per unit of size."""
        return self._widths.setdefault(font.key, {})

    def _font(self, index: int, key: int) -> _Font | None:
        text_object = ctypes.cast(ctypes.c_void_p(key), pdfium.FPDF_PAGEOBJECT)
        matrix = pdfium.FS_MATRIX()
        pdfium.FPDFText_GetMatrix(self._text_page, index, matrix)
        a, b, c, d, _, _ = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0.0, 0.0), (*self._turn[:4], 0.0, 0.0))
        if not (a * d > 0 and b * c <= 0):
            return None
        font = pdfium.FPDFTextObj_GetFont(text_object) if key else None
        font_key = (ctypes.cast(font, ctypes.c_void_p).value or 0) if font else 0
        name = self._names.get(font_key)
        if name is None:
            name = self._names[font_key] = _font_name(font)
        size = ctypes.c_float()
        if key:
            pdfium.FPDFTextObj_GetFontSize(text_object, size)
        return _Font(font, font_key, name, size.value, (a, b, c, d))


def _font_name(font: Any) -> str:
    """A font's base name as the PDF gives it ("ABCDEF+Verdana-Bold"), or "" without a font."""
    if not font:
        return ""
    length = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(length, 1))
    pdfium.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("utf-8", errors="replace")


def _advance(font: Any, letter: str) -> float:
    """The advance width of a character in the font's own widths (the PDF's /Widths), per unit of size."""
    width = ctypes.c_float()
    if not font or len(letter) != 1 or not pdfium.FPDFFont_GetGlyphWidth(font, ord(letter), 1.0, width):
        return 0.0
    return float(width.value)


# --- Rules and links -------------------------------------------------------------------------


def _shapes(page: Any, turn: Matrix) -> Iterator[Rect]:
    """The straight lines and rectangles drawn on the page, in forms too, as pdfminer finds them."""
    stack = [(pdfium.FPDFPage_GetObject(page, index), turn) for index in range(pdfium.FPDFPage_CountObjects(page))]
    stack.reverse()
    matrix = pdfium.FS_MATRIX()
    while stack:
        item, outer = stack.pop()
        kind = pdfium.FPDFPageObj_GetType(item)
        if kind not in (pdfium.FPDF_PAGEOBJ_PATH, pdfium.FPDF_PAGEOBJ_FORM):
            continue
        if not pdfium.FPDFPageObj_GetMatrix(item, matrix):
            continue
        own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == pdfium.FPDF_PAGEOBJ_FORM:
            inner = [
                (pdfium.FPDFFormObj_GetObject(item, index), own)
                for index in range(pdfium.FPDFFormObj_CountObjects(item))
            ]
            stack.extend(reversed(inner))
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if pdfium.FPDFPath_GetDrawMode(item, fill, stroke) and not fill.value and not stroke.value:
            continue
        yield from _path_shapes(item, own)


def _path_shapes(path: Any, matrix: Matrix) -> Iterator[Rect]:
    """The boxes of the lines and rectangles of a path, split into subpaths as pdfminer does."""
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[str, tuple[float, float]]]] = []
    for index in range(pdfium.FPDFPath_CountSegments(path)):
        segment = pdfium.FPDFPath_GetPathSegment(path, index)
        kind = pdfium.FPDFPathSegment_GetType(segment)
        pdfium.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        if kind == pdfium.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([("m", point)])
        elif kind == pdfium.FPDF_SEGMENT_LINETO:
            subpaths[-1].append(("l", point))
        else:
            subpaths[-1].append(("c", point))
        if pdfium.FPDFPathSegment_GetClose(segment):
            subpaths[-1].append(("h", subpaths[-1][0][1]))
    for subpath in subpaths:
        box = _shape_box(subpath)
        if box is not None:
            yield box


def _shape_box(subpath: list[tuple[str, tuple[float, float]]]) -> Rect | None:
    """The rectangle of a subpath that pdfminer takes for a line or a rectangle, else None."""
    # pdfium gives a Bézier curve as three points; pdfminer sees one "c" and no line or rectangle.
    shape = "".join(op for op, _ in subpath)
    points = [point for _, point in subpath]
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop(-2)
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = points[0], points[1]
        return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if last == points[0] and square:
            return min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2)
    return None


def _links(document: Any, page: Any) -> Iterator[tuple[str, Rect]]:
    """The page's link annotations with a URI, and their rectangles as the file gives them."""
    position = ctypes.c_int(0)
    link = pdfium.FPDF_LINK()
    rect = pdfium.FS_RECTF()
    while pdfium.FPDFLink_Enumerate(page, position, link):
        action = pdfium.FPDFLink_GetAction(link)
        if not action or pdfium.FPDFAction_GetType(action) != pdfium.PDFACTION_URI:
            continue
        length = pdfium.FPDFAction_GetURIPath(document, action, None, 0)
        buffer = ctypes.create_string_buffer(max(length, 1))
        pdfium.FPDFAction_GetURIPath(document, action, buffer, length)
        uri = _decode(buffer.value)
        if uri and pdfium.FPDFLink_GetAnnotRect(link, rect):
            yield uri, (rect.left, rect.bottom, rect.right, rect.top)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _annotation_box(rect: Rect, rotation: int, width: float, height: float) -> Rect:
    """An annotation's rectangle as pdfplumber places it: turned with the page."""
    points = [(rect[0], rect[1]), (rect[2], rect[3])]
    for turn in range(rotation // 90):
        side = width if turn == (rotation // 90) % 2 else height
        points = [(y, side - x) for x, y in points]
    (xa, ya), (xb, yb) = points
    x0, x1 = sorted((xa, xb))
    y0, y1 = sorted((ya, yb))
    return x0, y0, x1, y1
