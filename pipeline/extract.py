"""Read an input file into pages of lines: text input here, PDFs through ``pipeline.pdf.reader``."""

from __future__ import annotations

import codecs
import hashlib
import unicodedata
from dataclasses import replace
from pathlib import Path

from pipeline import patterns
from pipeline.errors import UnreadableInput
from pipeline.model import DocumentWarning, Link, RawDocument, RawLine, RawPage
from pipeline.pdf.reader import DEFAULT_ENGINE as DEFAULT_ENGINE
from pipeline.pdf.reader import ENGINES as ENGINES
from pipeline.pdf.reader import Engine as Engine
from pipeline.pdf.reader import read_pdf

PDF_SIGNATURE = b"%PDF-"
FORM_FEED = "\f"

_SIGNATURES = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive",
    b"\xd0\xcf\x11\xe0": "old Office document",
}
DOCX_SUFFIXES = (".docx", ".docm", ".doc", ".dotx", ".dotm")
"""Word files: a .docx is read; macros (.docm), an old .doc and templates are refused with their own line."""
WORD_SUFFIXES = (".odt", ".rtf")
SAVE_AS_PDF = "save it as PDF in Word (File > Save As > PDF) and convert the PDF"


def word_hint(path: Path, kind: str | None) -> str:
    """What to do with a word processor's file given as a letter ("" if it is not one).

    >>> word_hint(Path("brief.odt"), "ZIP archive")
    ': a word processor document (OpenDocument or RTF); save it as .docx or PDF and convert that'
    >>> word_hint(Path("brief.pdf"), "ZIP archive")
    ', often a Word document; save it as PDF in Word (File > Save As > PDF) and convert the PDF'
    """
    if path.suffix.lower() in WORD_SUFFIXES:
        return ": a word processor document (OpenDocument or RTF); save it as .docx or PDF and convert that"
    if kind in ("ZIP archive", "old Office document"):
        return f", often a Word document; {SAVE_AS_PDF}"
    return ""


def sniff(data: bytes) -> str | None:
    """Name the kind of a file that is not a PDF, from its first bytes; None if unknown."""
    for signature, name in _SIGNATURES.items():
        if data.startswith(signature):
            return name
    return None


def is_pdf(data: bytes) -> bool:
    """True if the bytes start like a PDF (some writers put junk before the header)."""
    return PDF_SIGNATURE in data[:1024]


def read_document(path: Path, source: str, max_pages: int = 500, engine: Engine = DEFAULT_ENGINE) -> RawDocument:
    """Read a PDF or text file into a RawDocument, or raise a ConversionError naming ``source``."""
    data = path.read_bytes()
    return replace(_read(path, data, source, max_pages, engine), sha256=hashlib.sha256(data).hexdigest())


def _read(path: Path, data: bytes, source: str, max_pages: int, engine: Engine) -> RawDocument:
    if not data:
        raise UnreadableInput(source, "empty file (0 bytes)")
    if is_pdf(data):
        # The bytes read once: the checks and the engine see the very same data.
        return read_pdf(data, source, max_pages=max_pages, engine=engine)
    if path.suffix.lower() in DOCX_SUFFIXES:
        # Imported here so that PDF and text input never load python-docx.
        from pipeline.docx_reader import read_docx

        return read_docx(path, source)
    if path.suffix.lower() == ".pdf":
        kind = sniff(data)
        what = f"it is a {kind}" if kind else "it does not start with %PDF-"
        raise UnreadableInput(source, f"not a PDF ({what}){word_hint(path, kind)}")
    if hint := word_hint(path, sniff(data)):
        raise UnreadableInput(source, f"not a PDF or text file{hint}")
    text, warnings = decode_text(data, source)
    document = read_text(text, source)
    if len(document.pages) > max_pages:
        from pipeline.errors import TooLarge

        raise TooLarge(source, f"too many pages ({len(document.pages)}, the limit is {max_pages})")
    return RawDocument(document.source, "text", document.pages, warnings)


_BYTE_ORDER_MARKS = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, source: str) -> tuple[str, tuple[DocumentWarning, ...]]:
    """Decode text input: UTF-16 or UTF-32 by its byte order mark, UTF-8, else Windows-1252 with a
    warning; binary data is an error.

    >>> decode_text("Geachte voorzitter".encode("utf-16"), "x.txt")
    ('Geachte voorzitter', ())
    """
    encoding = next((name for mark, name in _BYTE_ORDER_MARKS if data.startswith(mark)), None)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise UnreadableInput(
                source,
                f"text is not valid {encoding.upper()} despite its byte order mark "
                f"(invalid bytes at offset {error.start})",
            ) from None
        if not text.strip():
            raise UnreadableInput(source, "text is empty (only white space)")
        return text, ()
    kind = sniff(data)
    if kind or b"\x00" in data[:4096]:
        raise UnreadableInput(source, f"not a text file ({kind or 'binary data'})")
    try:
        text = data.decode("utf-8-sig")
        warnings: tuple[DocumentWarning, ...] = ()
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableInput(
                source, f"text is not UTF-8 (invalid byte at offset {error.start}) and not Windows-1252"
            ) from None
        warnings = (
            DocumentWarning(
                "not-utf8",
                f"text is not UTF-8 (invalid byte at offset {error.start}); decoded as Windows-1252",
            ),
        )
    if not text.strip():
        raise UnreadableInput(source, "text is empty (only white space)")
    return text, warnings


def read_text(text: str, source: str) -> RawDocument:
    """Split extracted text into pages and each page into its lines and link URLs.

    Two layouts are understood: pages separated by form feeds, and the layout of the seed
    letter, where a page's first line starts with a single space, its blank lines hold one
    space, and the URLs of its link annotations are listed after its text.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if FORM_FEED in text:
        page_texts = [page.split("\n") for page in text.split(FORM_FEED)]
        with_link_lists = False
    else:
        page_texts = split_pages_at_indent(text.split("\n"))
        if len(page_texts) == 1:
            page_texts = split_pages_at_footers(page_texts[0])
        with_link_lists = True
    pages = []
    for number, lines in enumerate(page_texts, start=1):
        if with_link_lists:
            lines, urls = split_link_list(lines)
        else:
            urls = []
        raw_lines = tuple(
            RawLine(text=line.strip(), page=number, number=index) for index, line in enumerate(lines, start=1)
        )
        links = tuple(Link(uri=url, page=number) for url in urls)
        pages.append(RawPage(number=number, lines=raw_lines, links=links))
    while pages and not any(line.text for line in pages[-1].lines) and not pages[-1].links:
        pages.pop()
    return RawDocument(source=source, input_format="text", pages=tuple(pages))


def split_pages_at_indent(lines: list[str]) -> list[list[str]]:
    """Split the seed layout into pages: a page starts at a line with one leading space and text.

    >>> split_pages_at_indent([" Een", "twee", " ", " Drie"])
    [[' Een', 'twee', ' '], [' Drie']]
    """
    pages: list[list[str]] = []
    for line in lines:
        starts_page = line.startswith(" ") and len(line) > 1 and not line[1].isspace()
        if starts_page or not pages:
            pages.append([])
        pages[-1].append(line)
    return pages


def split_pages_at_footers(lines: list[str]) -> list[list[str]]:
    """Split text with no page breaks after each running footer ("Tweede Kamer, vergaderjaar
    2024–2025, Aanhangsel 2"), which closes a page: footnotes then sit at their page's end.

    >>> split_pages_at_footers(["Een", "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2", "Twee"])
    [['Een', 'Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2'], ['Twee']]
    """
    pages: list[list[str]] = [[]]
    for line in lines:
        pages[-1].append(line)
        if patterns.RUNNING_FOOTER.search(line.strip()):
            pages.append([])
    return [page for page in pages if page] or [[]]


def split_link_list(lines: list[str]) -> tuple[list[str], list[str]]:
    """Take the trailing run of bare URL lines (the page's link annotations) off a page.

    >>> split_link_list(["tekst", "", "https://a.nl/x", "https://a.nl/x"])
    (['tekst', ''], ['https://a.nl/x', 'https://a.nl/x'])
    """
    end = len(lines)
    start = end
    index = end - 1
    while index >= 0:
        line = lines[index]
        if patterns.BARE_URL_LINE.match(line):
            start = index
        elif line.strip():
            break
        index -= 1
    urls = [line.strip() for line in lines[start:end] if line.strip()]
    # A URL that is part of the text (a note continued on this page) has text after it, so
    # only a run that reaches the page end counts; keep the blank lines before it as text.
    return lines[:start], urls
