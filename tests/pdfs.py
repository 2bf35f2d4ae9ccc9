"""Crafted PDFs, written byte by byte: the hostile and broken files no corpus holds."""

from __future__ import annotations

import io

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
    page: bytes = _PAGE, kids: bytes = b"[3 0 R]", length: bytes = b"%d" % len(_TEXT), extra: tuple[bytes, ...] = ()
) -> bytes:
    """One page of text; the arguments replace its parts, ``extra`` objects are numbered from 6."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids " + kids + b" /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R " + page + b" >>",
            b"<< /Length " + length + b" >>\nstream\n" + _TEXT + b"\nendstream",
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
