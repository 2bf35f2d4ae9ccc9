"""Crafted PDFs, written byte by byte: the hostile and broken files no corpus holds."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

_TEXT = b"BT /F1 12 Tf 72 720 Td (Geachte voorzitter,) Tj ET"
_PAGE = b"/MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >>"


def build_pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def one_page_pdf(
    page: bytes = _PAGE,
    kids: bytes = b"[3 0 R]",
    length: bytes = b"%d" % len(_TEXT),
    extra: tuple[bytes, ...] = (),
    stream: bytes = _TEXT,
) -> bytes:
    """One page of text; the arguments replace its parts, ``extra`` objects are numbered from 6."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids " + kids + b" /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + page + b" >>",
            b"<< /Length " + length + b" >>\nstream\n" + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            *extra,
        ]
    )


REFERENCE_CYCLES = {
    "contents-self": one_page_pdf(page=_PAGE.replace(b"/Contents 4 0 R", b"/Contents 6 0 R"), extra=(b"6 0 R",)),
    "contents-2-cycle": one_page_pdf(
        page=_PAGE.replace(b"/Contents 4 0 R", b"/Contents 6 0 R"), extra=(b"7 0 R", b"6 0 R")
    ),
    "mediabox": one_page_pdf(page=_PAGE.replace(b"[0 0 595 842]", b"6 0 R"), extra=(b"6 0 R",)),
    "resources": one_page_pdf(page=_PAGE.split(b"/Resources")[0] + b"/Resources 6 0 R", extra=(b"6 0 R",)),
    "kids": one_page_pdf(kids=b"6 0 R", extra=(b"6 0 R",)),
    "length": one_page_pdf(length=b"6 0 R", extra=(b"6 0 R",)),
}
"""PDFs with an indirect object that refers to itself (``6 0 obj 6 0 R endobj``) or to another
that refers back, where a page's contents, media box, resources, kids or a stream length belong."""


def flate_bomb(megabytes: int) -> bytes:
    """One page whose content stream is a few kB of Flate that inflates to ``megabytes`` MB of spaces."""
    packed = _bomb(megabytes, _TEXT + b"\n")
    return one_page_pdf(page=_PAGE, length=b"%d /Filter /FlateDecode" % len(packed), extra=(), stream=packed)


def text_pages(chars: int, pages: int = 1) -> bytes:
    """``pages`` pages that each show one line of ``chars`` characters in 1 pt type."""
    text = b"BT /F1 1 Tf 10 800 Td (" + b"x" * chars + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + n) for n in range(pages)), pages),
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R " + _PAGE.replace(b"4 0 R", b"3 0 R").replace(b"5 0 R", b"4 0 R") + b" >>"
    ] * pages
    return build_pdf(objects)


def long_string_page(chars: int) -> bytes:
    """One page that greets in 12 pt type, then shows ``chars`` characters as one string in 1 pt
    type ("woord woord ... EINDE"), then closes: pdfium keeps 32,767 bytes of one string."""
    words = b"woord " * ((chars - 5) // 6)
    string = words + b"EINDE" + b" " * (chars - 5 - len(words))
    content = b"BT /F1 12 Tf 72 760 Td (Geachte voorzitter,) Tj ET\n"
    content += b"BT /F1 1 Tf 72 740 Td (" + string + b") Tj ET\nBT /F1 12 Tf 72 720 Td (Hoogachtend,) Tj ET"
    return one_page_pdf(length=b"%d" % len(content), stream=content)


def _stream(content: bytes, info: bytes = b"", compress: bool = False) -> bytes:
    """A stream object's body: ``info`` entries, the Length, the data (Flate-compressed if asked)."""
    if compress:
        content, info = zlib.compress(content, 9), info + b" /Filter /FlateDecode"
    return b"<< " + info + b" /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _form(content: bytes, xobjects: bytes) -> bytes:
    resources = b"/Resources << /Font << /F1 5 0 R >> /XObject << " + xobjects + b" >> >>"
    return _stream(content, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources)


def _page_with_forms(first_form: bytes, forms: list[bytes]) -> bytes:
    """One page of text that draws form 6 (as /X0); ``forms`` are objects 6, 7, ..."""
    page = _PAGE.replace(b"/Font << /F1 5 0 R >>", b"/Font << /F1 5 0 R >> /XObject << /X0 " + first_form + b" >>")
    return one_page_pdf(page=page, stream=_TEXT + b"\n/X0 Do", extra=tuple(forms))


def form_cycle() -> bytes:
    """Two forms that draw each other twice (the hostile c06): pdfium aborted on it."""
    text = b"BT /F1 12 Tf 72 700 Td (Vorm) Tj ET\n"
    return _page_with_forms(
        b"6 0 R",
        [_form(text + b"/X2 Do /X2 Do", b"/X2 7 0 R"), _form(text + b"/X1 Do /X1 Do", b"/X1 6 0 R")],
    )


def form_fan_out(levels: int) -> bytes:
    """Forms that each draw the next twice, ``levels`` deep: 2**levels forms on one page (c07)."""
    forms = [_form(b"/N Do /N Do", b"/N %d 0 R" % (7 + level)) for level in range(levels)]
    forms.append(_form(b"BT /F1 12 Tf 72 700 Td (x) Tj ET", b""))
    return _page_with_forms(b"6 0 R", forms)


def char_flood(chars: int) -> bytes:
    """One page whose few kB of Flate show ``chars`` characters (the hostile c18 held 10**6)."""
    line = b"(" + b"x" * 1000 + b") Tj 0 -2 Td\n"
    packed = zlib.compress(b"BT /F1 1 Tf 10 800 Td\n" + line * (chars // 1000) + b"ET", 9)
    return one_page_pdf(length=b"%d /Filter /FlateDecode" % len(packed), stream=packed)


def _bomb(megabytes: int, head: bytes = b"") -> bytes:
    """A few kB of Flate that inflate to ``head`` and ``megabytes`` MB of spaces."""
    deflater = zlib.compressobj(9)
    chunk = b" " * 2**20
    return deflater.compress(head) + b"".join(deflater.compress(chunk) for _ in range(megabytes)) + deflater.flush()


def map_bomb(megabytes: int) -> bytes:
    """One page of text whose font's ToUnicode map (object 6, no page content) is a Flate bomb."""
    packed = _bomb(megabytes)
    return font_with_to_unicode(packed, b"Geachte voorzitter,", b"/Filter /FlateDecode")


def chained_bomb(megabytes: int) -> bytes:
    """One page whose content is Flate inside Flate: a few hundred bytes that inflate twice over."""
    twice = zlib.compress(_bomb(megabytes, _TEXT + b"\n"), 9)
    return one_page_pdf(length=b"%d /Filter [/FlateDecode /FlateDecode]" % len(twice), stream=twice)


def missing_page() -> bytes:
    """Two pages in the page tree, the second a reference to nowhere: pdfium cannot load it."""
    return one_page_pdf(kids=b"[3 0 R 9 0 R]").replace(b"/Count 1", b"/Count 2")


def corrupt_checksum() -> bytes:
    """One page whose Flate content ends in a wrong checksum: pdfminer reads it and logs a warning."""
    packed = zlib.compress(_TEXT)
    packed = packed[:-1] + bytes([packed[-1] ^ 0xFF])
    return one_page_pdf(length=b"%d /Filter /FlateDecode" % len(packed), stream=packed)


def font_with_to_unicode(cmap: bytes, text: bytes, filters: bytes = b"", compress: bool = False) -> bytes:
    """One page of ``text`` in a font whose ToUnicode map (object 6) is ``cmap``."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
    content = b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"
    pdf = one_page_pdf(stream=content, length=b"%d" % len(content), extra=(_stream(cmap, filters, compress),))
    return pdf.replace(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", font)


def to_unicode_map(mapping: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap that maps each one-byte code to the UTF-16BE hex given (``b"D800"``)."""
    pairs = b"".join(b"<%02X> <%s>\n" % (code, target) for code, target in mapping.items())
    return (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"%d beginbfchar\n"
        % len(mapping)
        + pairs
        + b"endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )


# --- Words placed one by one, without a space glyph --------------------------------------------

KERNING = {"Te": 70, "AV": 70, "Ty": 70, "Wo": 35, "Yo": 90, "LT": 90}
"""How far (in thousandths of an em) a typesetter moves these pairs together: kerning that must
never part a word."""
_FONTS = {"R": "Helvetica", "B": "Helvetica-Bold", "I": "Helvetica-Oblique"}
"""The fonts of a placed line: roman, bold, italic (an oblique Helvetica)."""


@dataclass(frozen=True)
class Placed:
    """A line of words, each placed on its own (its own text object), with no space glyph."""

    words: tuple[str, ...]
    gap: float = 0.278
    """The white space between two words, in ems (Helvetica's space is 0.278)."""
    font: str = "R"
    size: float = 10.0
    tracking: float = 0.0
    """Letter spacing (Tc) in points, after every letter, the last of a word too."""
    underline: bool = False
    """Draw a rule under the line from its first letter to its last, as Word underlines."""
    link: str = ""
    """A web address to lay a link annotation over the line for."""
    drop: float | None = None
    """How far (pt) the baseline stands below the line before, instead of the page's leading."""

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _advance(font: str, char: str) -> int:
    from pdfminer.fontmetrics import FONT_METRICS

    widths: dict[str, int] = FONT_METRICS[_FONTS[font]][1]
    return widths.get(char, 0)


def _kerned(word: str, font: str) -> tuple[bytes, float]:
    """A word as a TJ array with its kerning pairs moved together, and how far it moves (in ems)."""
    parts: list[bytes] = []
    run = ""
    kerned = 0
    for index, char in enumerate(word):
        pair = word[index - 1 : index + 1] if index else ""
        if pair in KERNING:
            parts.append(b"(" + _escaped(run) + b") %d" % KERNING[pair])
            kerned += KERNING[pair]
            run = ""
        run += char
    parts.append(b"(" + _escaped(run) + b")")
    width = sum(_advance(font, char) for char in word) - kerned
    return b"[" + b" ".join(parts) + b"]", width / 1000


def _escaped(text: str) -> bytes:
    return text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def placed_words_pdf(lines: list[Placed], top: float = 780.0, leading: float = 20.0) -> bytes:
    """One page of these lines, every word a text object of its own at its own place: the PDF
    draws not a single space glyph (as some fiches set their bold headings, and TeX all text)."""
    return placed_pages_pdf([lines], top, leading)


def placed_pages_pdf(pages: list[list[Placed]], top: float = 780.0, leading: float = 20.0) -> bytes:
    """Pages of lines placed as ``placed_words_pdf`` places them."""
    widths = {
        font: b" ".join(b"%d" % _advance(font, bytes([code]).decode("cp1252", "replace")) for code in range(32, 256))
        for font in _FONTS
    }
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages' numbers are known
        *(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding"
            b" /FirstChar 32 /LastChar 255 /Widths [%s] >>" % (name.encode(), widths[font])
            for font, name in _FONTS.items()
        ),
    ]
    resources = b" ".join(b"/F%s %d 0 R" % (font.encode(), 3 + index) for index, font in enumerate(_FONTS))
    kids: list[bytes] = []
    for lines in pages:
        stream, links = _placed_content(lines, top, leading)
        first_link = len(objects) + 3
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        annotations = b" ".join(b"%d 0 R" % (first_link + index) for index in range(len(links)))
        kids.append(b"%d 0 R" % (len(objects) + 1))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R" % (len(objects))
            + b" /Resources << /Font << "
            + resources
            + b" >> >> /Annots ["
            + annotations
            + b"] >>"
        )
        objects.extend(links)
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(pages)
    return build_pdf(objects)


def _placed_content(lines: list[Placed], top: float, leading: float) -> tuple[bytes, list[bytes]]:
    """A page's content stream drawing these lines, and the link annotations over them."""
    content: list[bytes] = []
    links: list[bytes] = []
    y = top + leading
    for line in lines:
        x = 72.0
        y -= leading if line.drop is None else line.drop
        for word in line.words:
            array, width = _kerned(word, line.font)
            content.append(
                b"BT /F%s %.2f Tf %.2f Tc 1 0 0 1 %.3f %.2f Tm %s TJ ET"
                % (line.font.encode(), line.size, line.tracking, x, y, array)
            )
            x += width * line.size + len(word) * line.tracking + line.gap * line.size
        end = x - line.gap * line.size
        if line.underline:
            # Word's underline: a filled rectangle 0.1 em under the baseline, 0.05 em thick.
            content.append(b"%.3f %.3f %.3f %.3f re f" % (72.0, y - 0.15 * line.size, end - 72.0, 0.05 * line.size))
        if line.link:
            rect = b"%.2f %.2f %.2f %.2f" % (72.0, y - 0.25 * line.size, end, y + line.size)
            links.append(
                b"<< /Type /Annot /Subtype /Link /Rect [" + rect + b"] /Border [0 0 0]"
                b" /A << /S /URI /URI (" + _escaped(line.link) + b") >> >>"
            )
    return b"\n".join(content), links


# --- Pages of lines and rules at given places ---------------------------------------------------


@dataclass(frozen=True)
class At:
    """A line of text (in Helvetica, its spaces drawn) at a place: its left edge and its
    baseline, both in points, the baseline measured from the page's top."""

    text: str
    x: float
    y: float
    size: float = 10.0


@dataclass(frozen=True)
class Rule:
    """A horizontal rule drawn as a thin filled rectangle (as Word draws the footnote rule), from
    ``x0`` to ``x1`` at ``y`` points from the page's top."""

    x0: float
    x1: float
    y: float


def text_width(text: str, size: float, font: str = "R") -> float:
    """How wide a text is set in one of the placed fonts (Helvetica by default) at ``size`` points
    (to place a raised marker after it, or a cell flush right)."""
    return sum(_advance(font, char) for char in text) * size / 1000


def drawn_pages_pdf(pages: list[list[At | Rule]]) -> bytes:
    """A PDF of A4 pages, each showing its lines and drawing its rules where they are placed."""
    height = 842.0
    streams: list[bytes] = []
    for items in pages:
        content: list[bytes] = []
        for item in items:
            if isinstance(item, Rule):
                content.append(b"%.2f %.2f %.2f 0.5 re f" % (item.x0, height - item.y, item.x1 - item.x0))
            else:
                content.append(
                    b"BT /FR %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET"
                    % (item.size, item.x, height - item.y, _escaped(item.text))
                )
        streams.append(b"\n".join(content))
    widths = b" ".join(b"%d" % _advance("R", bytes([code]).decode("cp1252", "replace")) for code in range(32, 256))
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding"
        b" /FirstChar 32 /LastChar 255 /Widths [%s] >>" % widths
    )
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * index) for index in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        font,
    ]
    for index, stream in enumerate(streams):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
            b" /Resources << /Font << /FR 3 0 R >> >> >>" % (first_page + 2 * index + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return build_pdf(objects)


# --- Text set at places, as a word processor sets a table without rules ------------------------


@dataclass(frozen=True)
class Cell:
    """A run of words set at ``x`` as one string, spaces drawn as glyphs (a table's cell, or a
    line of running text); ``right`` sets it flush right against ``x`` (figures in a column)."""

    x: float
    text: str
    right: bool = False
    spacing: float = 0.0
    """Extra white space (Tw) in points after every space: a justified line stretched."""
    font: str = "R"


def cells_pdf(rows: list[list[Cell]], top: float = 760.0, leading: float = 14.0, size: float = 10.0) -> bytes:
    """One page of these rows, one under the other, each cell a text object at its own place."""
    content: list[bytes] = []
    for number, row in enumerate(rows):
        y = top - number * leading
        for cell in row:
            width = text_width(cell.text, size, cell.font) + cell.spacing * cell.text.count(" ")
            x = cell.x - width if cell.right else cell.x
            content.append(
                b"BT /F%s %.2f Tf %.2f Tw 1 0 0 1 %.3f %.2f Tm (%s) Tj ET"
                % (cell.font.encode(), size, cell.spacing, x, y, _escaped(cell.text))
            )
    return _helvetica_page(b"\n".join(content))


def _helvetica_page(stream: bytes) -> bytes:
    """One A4 page that draws this content stream with the placed fonts (Helvetica, its bold and
    oblique, their widths given)."""
    widths = {
        font: b" ".join(b"%d" % _advance(font, bytes([code]).decode("cp1252", "replace")) for code in range(32, 256))
        for font in _FONTS
    }
    fonts = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding"
        b" /FirstChar 32 /LastChar 255 /Widths [%s] >>" % (name.encode(), widths[font])
        for font, name in _FONTS.items()
    ]
    resources = b" ".join(b"/F%s %d 0 R" % (font.encode(), 5 + index) for index, font in enumerate(_FONTS))
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << " + resources + b" >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            *fonts,
        ]
    )
