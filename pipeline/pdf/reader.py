"""Reading a PDF: check it against the caps, choose the engine, read and lay out its pages one by
one, and turn whatever the library says (errors, log lines, invalid text) into the project's terms.

Each page is parsed once and closed as soon as it is read; the reference column is decided on the
first pages, after which every page is laid out as soon as it is read and its characters are let
go, so memory stays flat however long the document is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Literal

import regex

from pipeline.errors import ConversionError, EncryptedPdf, NoTextLayer, TooLarge, UnreadableInput
from pipeline.model import DocumentWarning, RawDocument, RawPage
from pipeline.pdf import prescan
from pipeline.pdf.grid import REPLACEMENT, valid_text
from pipeline.pdf.layout import Page, layout_page, page_lines, reference_column
from pipeline.pdf.lines import spaces_unclear
from pipeline.pdf.page import EngineDocument, EngineError, OverLimit, PageRecord, PdfEngine
from pipeline.pdf.paragraphs import line_pitch

Engine = Literal["pdfplumber", "pdfium"]
ENGINES: tuple[Engine, ...] = ("pdfplumber", "pdfium")
"""The libraries a PDF can be read with: pdfplumber (the default) and pdfium (pypdfium2, faster)."""
DEFAULT_ENGINE: Engine = "pdfplumber"
WHOLE_STRINGS: Engine = "pdfplumber"
"""The engine that reads every string whole (pdfium keeps 32,767 bytes of one)."""
READ_AGAIN = "read-with-pdfplumber"
"""The warning that a PDF was read with pdfplumber because pdfium may have cut a string."""
UNCLEAR_SPACES = "word-spaces-unclear"
"""The warning that a page has letter-spaced lines whose word spaces the gaps do not tell for sure."""
CUT_TEXT = "text-cut"
"""The warning that text may be missing: pdfium may have cut a string, and pdfplumber could not
read the PDF instead."""

SAMPLE_PAGES = 4
"""How many first pages decide whether a document has a right-hand reference column."""
INVALID_CODE_POINT = regex.compile(r"[\p{Cs}\p{Noncharacter_Code_Point}]")
"""What no link target may hold. (A control code in a URI is a matter for the URLs' own checks,
which know that a browser drops a tab in "java\tscript:".)"""
MAX_LIBRARY_WARNINGS = 10
"""Distinct library messages kept as warnings per document; the rest are counted in one more."""


def engine_module(name: Engine) -> PdfEngine:
    """The module of an engine, imported when first asked for: a run loads one library only."""
    if name == "pdfium":
        from pipeline.pdf import pdfium

        return pdfium
    from pipeline.pdf import plumber

    return plumber


def read_pdf(data: bytes, source: str, max_pages: int = 500, engine: Engine = DEFAULT_ENGINE) -> RawDocument:
    """Read a PDF's bytes into pages of zoned lines and link annotations, or raise a ConversionError.

    ``engine`` picks the library that parses the PDF: pdfplumber (pdfminer, pure Python) or pdfium
    (about ten times faster). Both give the same records, so everything after reading a page is
    the same code, and both are held to the same caps: the file's raw objects are checked first
    (``prescan``), before either library sees them. A document whose strings pdfium may have cut
    is read again with pdfplumber, which reads strings whole.
    """
    document, cut = _read(data, source, max_pages, engine)
    if not cut:
        return document
    pages = ", ".join(str(page) for page in cut)
    where = f"page{'s' if len(cut) > 1 else ''} {pages}"
    try:
        whole, _ = _read(data, source, max_pages, WHOLE_STRINGS)
    except UnreadableInput as error:
        # Never worse than pdfium's reading: its text, with the loss said where it may be. (A
        # cap pdfplumber finds passed, as a page of more characters than pdfium kept, fails.)
        message = f"{where}: {engine} may have read only the start of a long string, and {WHOLE_STRINGS} could not"
        message += f" read the PDF instead ({error.detail})"
        return replace(document, warnings=(*document.warnings, DocumentWarning(CUT_TEXT, message, cut[0])))
    message = f"{where}: {engine} may have read only the start of a long string; read with {WHOLE_STRINGS} instead"
    return replace(whole, warnings=(*whole.warnings, DocumentWarning(READ_AGAIN, message, cut[0])))


def _read(data: bytes, source: str, max_pages: int, engine: Engine) -> tuple[RawDocument, tuple[int, ...]]:
    """The document as one engine reads it, and the pages where that engine may have cut a string."""
    library = engine_module(engine)
    reading = _Reading(source, max_pages)
    with _library_log(library.LOGGERS) as log:
        try:
            prescan.check(data, max_pages)
            with library.open_document(data) as document:
                pages = reading.pages(document, log)
        except EngineError as error:
            raise _failure(error, source, reading.page) from None
        except OverLimit as limit:
            where = limit.where or (f"page {reading.page}" if reading.page else "")
            raise TooLarge(source, f"{limit.reason} ({where})" if where else limit.reason) from None
    reading.check_text()
    warnings = (*reading.warnings, *reading.layout_warnings, *log.warnings())
    return RawDocument(source, "pdf", tuple(pages), warnings), reading.cut


def _failure(error: EngineError, source: str, page: int | None) -> ConversionError:
    if error.encrypted:
        return EncryptedPdf(source)
    where = f" (page {page})" if page else ""
    # A library's message may quote the file's bytes: it goes into the index as valid text.
    return UnreadableInput(source, f"truncated or damaged PDF{where}: {valid_text(error.reason)}")


@dataclass
class _Reading:
    """One document being read: where the reading is, and what it has seen."""

    source: str
    max_pages: int
    page: int | None = None
    """The page being read (1-based), None before the first."""
    has_text: bool = False
    has_blank: bool = False
    warnings: tuple[DocumentWarning, ...] = ()
    layout_warnings: list[DocumentWarning] = field(default_factory=list)
    """What laying out the pages was unsure of (a paragraph's end), page by page."""
    cut: tuple[int, ...] = ()
    """The pages on which the engine may have read only the start of a string."""

    def pages(self, document: EngineDocument, log: _LibraryLog) -> list[RawPage]:
        """The laid-out pages of an open PDF."""
        count = document.page_count
        if count == 0:
            raise UnreadableInput(self.source, "PDF has no pages")
        if count > self.max_pages:
            raise TooLarge(self.source, f"too many pages ({count}, the limit is {self.max_pages})")
        # The reference column and the line pitch are decided on the first pages; after that each
        # page is laid out as soon as it is read and its characters are let go, so memory stays flat.
        sample: list[Page] = []
        pages: list[RawPage] = []
        reference_x: float | None = None
        pitch: float | None = None
        for index in range(count):
            self.page = log.page = index + 1
            page = page_lines(index + 1, self._valid(document.read_page(index), index + 1))
            self._spacing(page)
            if len(pages) + len(sample) >= SAMPLE_PAGES:
                pages.append(self._laid_out(page, reference_x, pitch))
                continue
            sample.append(page)
            if len(sample) == min(SAMPLE_PAGES, count):
                reference_x = reference_column(sample)
                pitch = line_pitch([item.lines for item in sample], reference_x)
                pages.extend(self._laid_out(item, reference_x, pitch) for item in sample)
                sample = []
        self.page = log.page = None
        return pages

    def _laid_out(self, page: Page, reference_x: float | None, pitch: float | None) -> RawPage:
        """The page laid out, what the layout was unsure of kept as warnings."""
        raw, warnings = layout_page(page, reference_x, pitch)
        self.layout_warnings.extend(warnings)
        return raw

    def _valid(self, record: PageRecord, number: int) -> PageRecord:
        """The page with valid link targets, and a warning if it had text that was not valid."""
        self.has_text = self.has_text or bool(record.chars)
        self.has_blank = self.has_blank or bool(record.blank_chars)
        if record.cut:
            self.cut = (*self.cut, number)
        replaced = record.invalid_chars
        if any(INVALID_CODE_POINT.search(link.uri) for link in record.links):
            replaced += sum(len(INVALID_CODE_POINT.findall(link.uri)) for link in record.links)
            links = tuple(link._replace(uri=INVALID_CODE_POINT.sub(REPLACEMENT, link.uri)) for link in record.links)
            record = replace(record, links=links)
        if replaced:
            what = f"{replaced} characters" if replaced != 1 else "1 character"
            message = f"{what} that are no valid text (lone surrogates, noncharacters, control codes) replaced by"
            self.warnings = (*self.warnings, DocumentWarning("invalid-unicode", f"{message} {REPLACEMENT}", number))
        return record

    def _spacing(self, page: Page) -> None:
        """A warning for a page with lines whose word spaces the gaps do not tell for sure."""
        unclear = [line for line in page.lines if spaces_unclear(line)]
        if not unclear:
            return
        what = f"{len(unclear)} letter-spaced lines" if len(unclear) > 1 else "a letter-spaced line"
        message = f"{what} whose word spaces the gaps between the letters do not tell for sure, as"
        message += f" “{unclear[0].text}”: compare the words with the PDF"
        self.warnings = (*self.warnings, DocumentWarning(UNCLEAR_SPACES, message, page.number))

    def check_text(self) -> None:
        """Fail a document with no text at all: a scan, or a text layer of only white space."""
        if self.has_text:
            return
        if self.has_blank:
            raise NoTextLayer(self.source, "PDF text is empty (only white space); OCR it first")
        raise NoTextLayer(self.source)


class _LibraryLog(logging.Handler):
    """What the library logs while a document is read, kept with the page it was reading."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page: int | None = None
        self.counts: dict[tuple[int | None, str], int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's own malformed log call
            message = str(record.msg)
        lines = message.strip().splitlines() or [""]
        text = valid_text(f"{record.name.split('.')[0]}: {lines[0][:200]}")
        key = (self.page, text)
        if key in self.counts or len(self.counts) < 1000:
            self.counts[key] = self.counts.get(key, 0) + 1

    def warnings(self) -> tuple[DocumentWarning, ...]:
        """One warning per distinct message and page, the most frequent first, at most MAX_LIBRARY_WARNINGS."""
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0][0] or 0, item[0][1]))
        kept = [
            DocumentWarning("pdf-library", f"{text} ({count} times)" if count > 1 else text, page)
            for (page, text), count in ranked[:MAX_LIBRARY_WARNINGS]
        ]
        rest = sum(count for _, count in ranked[MAX_LIBRARY_WARNINGS:])
        if rest:
            kept.append(DocumentWarning("pdf-library", f"{rest} more messages of the PDF library"))
        return tuple(kept)


@contextmanager
def _library_log(names: Sequence[str]) -> Iterator[_LibraryLog]:
    """Catch what these loggers write while a document is read, instead of letting the lines
    reach standard error without the name of the file (and in any order, with workers)."""
    log = _LibraryLog()
    loggers = [logging.getLogger(name) for name in names]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(log)
        logger.propagate = False
    try:
        yield log
    finally:
        for logger, propagate in zip(loggers, saved, strict=True):
            logger.removeHandler(log)
            logger.propagate = propagate
