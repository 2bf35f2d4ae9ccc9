"""The pdfplumber engine (pdfminer below it, pure Python): the only module that imports either.

The caps are installed inside pdfminer, where it inflates a stream and where pdfplumber lays out a
character, so that a bomb or a page of a million characters stops at the cap however the reader's
prescan missed it. The library's errors become EngineErrors with one line for the user.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

from pipeline.pdf.grid import Glyph, grid, place_box, place_chars
from pipeline.pdf.page import (
    INFLATES_TOO_MUCH,
    MAX_PAGE_CHARS,
    MAX_STREAM_BYTES,
    TOO_MANY_CHARS,
    EngineError,
    LinkArea,
    OverLimit,
    PageRecord,
)

LOGGERS: tuple[str, ...] = ("pdfminer", "pdfplumber")
"""pdfminer warns of what it repairs or skips in a damaged file ("Data-loss while decompressing
corrupted data") on these loggers."""

_ENCRYPTION_ERRORS = ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning")


class _BoundedInflater:
    """zlib's decompressor that stops with OverLimit once MAX_STREAM_BYTES are out."""

    def __init__(self, *args: Any) -> None:
        self._inflater = zlib.decompressobj(*args)
        self._size = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self._inflater.decompress(data, MAX_STREAM_BYTES + 1 - self._size)
        self._size += len(out)
        if self._size > MAX_STREAM_BYTES:
            raise OverLimit(INFLATES_TOO_MUCH)
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
            raise OverLimit(INFLATES_TOO_MUCH)
    return bytes(out)


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's reading of a damaged Flate stream (byte by byte, up to the damage; a damaged
    checksum only costs a warning), in linear time: pdfminer's own joins bytes to bytes, which
    took minutes on a bomb damaged after some megabytes. Bounded by MAX_STREAM_BYTES."""
    import pdfminer.pdftypes

    inflater = _BoundedInflater()
    out = bytearray()
    index = 0
    try:
        for index in range(len(data)):
            out += inflater.decompress(data[index : index + 1])
    except zlib.error:
        # The error is let through unless it is in the checksum at the end.
        if index < len(data) - 3:
            raise
        pdfminer.pdftypes.logger.warning("Data-loss while decompressing corrupted data")
    return bytes(out)


@cache
def _pdfplumber() -> ModuleType:
    """pdfplumber, imported when a PDF is first read with it (the pdfium engine never loads it nor
    pdfminer), with the caps installed wherever pdfminer and pdfplumber read a stream or lay out
    a page."""
    import pdfminer.pdftypes
    import pdfplumber
    import pdfplumber.page

    class _CountingAggregator(pdfplumber.page.PDFPageAggregatorWithMarkedContent):
        """pdfplumber's layout device, stopping with OverLimit at MAX_PAGE_CHARS characters."""

        chars = 0

        def render_char(self, *args: Any, **kwargs: Any) -> Any:
            self.chars += 1
            if self.chars > MAX_PAGE_CHARS:
                raise OverLimit(TOO_MANY_CHARS)
            return super().render_char(*args, **kwargs)

    pdfminer.pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined,assignment]
    pdfminer.pdftypes.lzwdecode = _bounded_lzwdecode  # type: ignore[attr-defined]
    pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted
    pdfplumber.page.PDFPageAggregatorWithMarkedContent = _CountingAggregator  # type: ignore[misc]
    return pdfplumber


class Document:
    """An open PDF: its page count and its pages, read one at a time."""

    def __init__(self, pdf: Any, page_count: int) -> None:
        self._pdf = pdf
        self.page_count = page_count

    def read_page(self, index: int) -> PageRecord:
        """Read page ``index`` (from 0) and close it again."""
        try:
            page = self._pdf.pages[index]
        except Exception as error:
            raise _engine_error(error) from None
        try:
            return _read_page(page)
        except Exception as error:
            raise _engine_error(error) from None
        finally:
            page.close()


@contextmanager
def open_document(data: bytes) -> Iterator[Document]:
    """Open a PDF for reading, or raise EngineError (``encrypted`` when it needs a password)."""
    # The PDF is never closed by pdfplumber: its close() reads the page tree again, which never
    # ends on a tree with a reference cycle (after a time limit has already stopped the first
    # reading). Each page is closed as soon as it is read.
    pdfplumber = _pdfplumber()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as error:  # pdfminer raises many kinds for damaged files
        raise _engine_error(error) from None
    yield Document(pdf, count)


def _read_page(page: Any) -> PageRecord:
    height = grid(page.height)
    chars, invalid = place_chars(_glyphs(page.chars), height)
    shapes = tuple(
        place_box(shape["x0"], shape["y0"], shape["x1"], shape["y1"], height) for shape in (*page.lines, *page.rects)
    )
    links = tuple(
        LinkArea(link["uri"], place_box(link["x0"], link["y0"], link["x1"], link["y1"], height))
        for link in page.hyperlinks
        if link.get("uri")
    )
    blank = sum(1 for char in page.chars if not char["text"].strip())
    return PageRecord(grid(page.width), height, chars, blank, invalid, shapes, links)


def _glyphs(chars: list[dict[str, Any]]) -> Iterator[Glyph]:
    """The upright glyphs that show a character, each with whether a space glyph was drawn just
    before it. Spaces are inferred from the gaps between glyphs (``pipeline.pdf.spacing``): space
    glyphs are missing in some PDFs and misplaced in others (a space drawn over the "l" of
    "Rijksoverheid.nl")."""
    spaced = False
    for char in chars:
        text = char["text"]
        if not text.strip():
            spaced = True
            continue
        if char.get("upright", True):
            yield (text, char["fontname"], char["size"], char["x0"], char["x1"], char["matrix"][5], spaced)
        spaced = False


def _engine_error(error: Exception) -> EngineError:
    """A pdfminer or pdfplumber error as a one-line reason for the user."""
    names = {type(error).__name__, type(error.__cause__).__name__ if error.__cause__ else ""}
    names |= {type(arg).__name__ for arg in getattr(error, "args", ())}
    if "MemoryError" in names:
        # Out of memory (the per-document limit) where pdfminer wrapped it: not a damaged file.
        raise MemoryError
    if names & set(_ENCRYPTION_ERRORS) or "password" in str(error).lower():
        return EngineError("password required", encrypted=True)
    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
    return EngineError(detail)
