"""The engine interface: what a PDF library must give for each page, in which records, under which caps.

An engine is a module (``plumber``, ``pdfium``) that satisfies ``PdfEngine``: it opens a PDF's
bytes and reads its pages one at a time into ``PageRecord``s. Everything after that (lines, zones,
footnotes, tables) is the same code for every engine, so two engines that give the same records
give the same JSON. The records hold numbers on one grid (``pipeline.pdf.grid``): distances in
points from the page's top left, to the thousandth of a point.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypedDict

from pipeline.model import Box

MAX_STREAM_BYTES = 64 * 2**20
"""What one stream of a PDF may inflate to. A page's text and fonts take a few hundred kB at most;
a 1.25 MB stream that inflates to 1.2 GB (a decompression bomb) once took 2.5 GB of memory."""
MAX_PAGE_CHARS = 50_000
"""Characters one page may hold: ten times a page of small type. Each costs about 2.4 kB while
pdfplumber reads the page, so a page of 1 MB of text once took 24 s and 2.4 GB."""

INFLATES_TOO_MUCH = f"a stream inflates to more than {MAX_STREAM_BYTES // 2**20} MB (a decompression bomb?)"
"""Why a document that passes MAX_STREAM_BYTES fails, whichever engine or check found it."""
TOO_MANY_CHARS = f"more than {MAX_PAGE_CHARS:,} characters on one page (the per-page limit)"
"""Why a document that passes MAX_PAGE_CHARS fails, whichever engine or check found it."""


class Char(TypedDict):
    """One glyph on a page, placed on the grid: the same numbers whichever engine read it.

    A typed dict, not a frozen dataclass: a page has thousands, and the layout reads each of
    them dozens of times; a dict is made and read fastest (made as NamedTuples, the corpus's
    characters took a third longer, 0.1 s more). Nothing changes a Char once it is made.
    """

    text: str
    """What the glyph stands for: one character, or several for a ligature ("ﬁ" read as "fi");
    a soft hyphen is "-", and Word's Symbol-font list bullets are "•" and their like. Always
    valid text: what is not is U+FFFD (see ``PageRecord.invalid_chars``)."""
    font: str
    """The font's name without its subset prefix ("Verdana-Bold", not "ABCDEF+Verdana-Bold")."""
    size: float
    """The font size in points, as the text and page matrices scale it."""
    x0: float
    """The glyph's origin, in points from the page's left edge."""
    x1: float
    """The origin plus the glyph's advance (for a ligature, its box's right edge)."""
    top: float
    """One em above the baseline, in points from the page's top edge."""
    bottom: float
    """The baseline, in points from the page's top edge. (Not the font's descent: the libraries
    read that from different places; the baseline they agree on.)"""
    order: int
    """x0 in hundredths of a point: the order of characters within a line, so that glyphs printed
    on (almost) the same x come in one order whichever engine read them."""
    spaced: bool
    """True when the page draws a space glyph just before this one (the glyph before it in the
    page's drawing order is a space): a word may start here, if the gap says so too."""


class LinkArea(NamedTuple):
    """A link annotation with a URI, as the page holds it."""

    uri: str
    """The target as stored in the file (decoded; never checked here)."""
    box: Box
    """The annotation's rectangle, turned with the page as it is shown."""


@dataclass(frozen=True)
class PageRecord:
    """What an engine gives for one page, read while the page is open."""

    width: float
    """The page's width in points as it is shown (turned by its /Rotate)."""
    height: float
    """The page's height in points as it is shown."""
    chars: tuple[Char, ...]
    """Upright glyphs that show a character, in the order the page draws them. Spaces are left
    out: some PDFs have none and others misplace them, so the layout infers them from the gaps
    (``pipeline.pdf.spacing``); where a space glyph was drawn, the glyph after it says so."""
    blank_chars: int
    """White-space glyphs the page draws: a page of only these has a text layer with nothing in it."""
    invalid_chars: int
    """Characters whose text was no valid text (a lone surrogate, a noncharacter or a control
    code, as a font's ToUnicode map may give): each is U+FFFD in ``chars``."""
    shapes: tuple[Box, ...]
    """The straight lines and rectangles drawn on the page, in forms too, as pdfminer tells them
    from other paths: the footnote rule is one of them."""
    links: tuple[LinkArea, ...]
    """The page's link annotations that have a URI."""
    cut: bool = False
    """True when the library may have read only the start of a string the page shows: pdfium
    keeps 32,767 bytes of one string and drops the rest without a word (see
    ``pipeline.pdf.pdfium.MAX_STRING_BYTES``); the reader then reads the document with pdfplumber."""


class EngineDocument(Protocol):
    """An open PDF, read one page at a time."""

    @property
    def page_count(self) -> int:
        """How many pages the library finds in the document."""
        ...

    def read_page(self, index: int) -> PageRecord:
        """Read page ``index`` (from 0) and let it go again.

        Raises EngineError when the library cannot read it, and OverLimit when the page holds
        more than MAX_PAGE_CHARS characters (counted before they are read, where the library
        allows) or a stream it needs inflates to more than MAX_STREAM_BYTES.
        """
        ...


class PdfEngine(Protocol):
    """A PDF library behind the interface: the modules ``plumber`` and ``pdfium`` are the two."""

    LOGGERS: tuple[str, ...]
    """The names of the loggers the library writes its warnings to, which the reader turns into
    the document's warnings instead of lines on standard error that name no file."""

    def open_document(self, data: bytes) -> AbstractContextManager[EngineDocument]:
        """Open a PDF from its bytes for reading, or raise EngineError (OverLimit for a cap)."""
        ...


class EngineError(Exception):
    """The library could not read the document or a page: ``reason`` is one line for the user,
    the same for the same file whatever was read before it."""

    def __init__(self, reason: str, encrypted: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.encrypted = encrypted
        """True when the document needs a password."""


class OverLimit(BaseException):
    """A document passed a cap (MAX_STREAM_BYTES, MAX_PAGE_CHARS, or the prescan's caps on forms).

    Not an Exception, so that no ``except Exception`` in a library can take it for a damaged part
    and carry on.
    """

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where
        """Where it was found ("page 3", "object 12"), or "" when the reader knows better."""
