"""Crafted PDFs, written byte by byte: the hostile and broken files no corpus holds."""

from __future__ import annotations

import io
import zlib

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
    deflater = zlib.compressobj(9)
    chunk = b" " * 2**20
    packed = deflater.compress(_TEXT + b"\n") + b"".join(deflater.compress(chunk) for _ in range(megabytes))
    packed += deflater.flush()
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
