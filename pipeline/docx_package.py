"""Open a Word file safely: what it is, its parts inflated within caps, no DTD, no part outside it.

A ``.docx`` is a ZIP archive of XML parts. Everything here happens before python-docx sees a
byte: the archive's declared sizes are checked, each part is inflated with a bound (a ZIP that
lies about its sizes cannot grow past it), every XML part is refused if it declares a DTD (the
door to external entities and entity bombs) or holds more elements than any letter, an internal
relationship that leads out of the archive (``../../etc/passwd``, ``file:///``) is refused, and
the parts are handed to python-docx as a new, uncompressed archive in memory. Nothing is
fetched: a relationship to a target outside the file is never followed (see
``pipeline.docx_reader``), and no path of the archive reaches the disk. XML nested deeper than
256 levels is refused by the parser (lxml without ``huge_tree``), which keeps the reader's walk
over nested tables and boxes far from Python's recursion limit.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from typing import TYPE_CHECKING

from pipeline.errors import TooLarge, UnreadableInput

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

MAX_PART_BYTES = 64 * 1024 * 1024
"""What one part may inflate to: ten times the text of the longest letter, like a PDF's stream cap."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""What all parts together may inflate to (images included)."""
MAX_PARTS = 5000
"""A real letter has a few dozen parts; an archive of thousands is no letter."""
MAX_ELEMENTS = 2_000_000
"""Markup (``<``) one XML part may hold: a letter's largest part holds a few thousand, a Word file
of 500 pages a few hundred thousand. Parsing more would cost memory long before any other cap."""
MAX_DEPTH = 256
"""How deeply lxml lets XML nest without ``huge_tree`` (libxml2's limit)."""
_CHUNK = 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The compound file of Word 97-2003 documents, and the wrapper of an encrypted .docx."""
ZIP_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_MACRO_CONTENT = b"macroEnabled"
_DTD_MARKS = tuple(mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le"))
_DTD_MARKS += tuple(mark.encode("utf-16-be") for mark in ("<!DOCTYPE", "<!ENTITY"))

SAVE_AS_DOCX = "save it as a Word document (.docx) or as PDF and convert that"


def refuse_other_word_files(data: bytes, source: str, suffix: str) -> None:
    """Raise the one line for a Word file this program does not read: encrypted, old .doc, macros.

    >>> refuse_other_word_files(b"PK\\x03\\x04...", "brief.docx", ".docx")
    """
    if data.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_PACKAGE in data:
            raise UnreadableInput(source, "encrypted (password-protected) Word document, cannot read its text")
        raise UnreadableInput(source, f"an old Word document (.doc, Word 97-2003); {SAVE_AS_DOCX}")
    if suffix in (".docm", ".dotm"):
        raise UnreadableInput(source, f"a Word document with macros (.docm) is not read; {SAVE_AS_DOCX}")
    if suffix == ".dotx":
        raise UnreadableInput(source, f"a Word template (.dotx) is not a letter; {SAVE_AS_DOCX}")
    if suffix == ".doc":
        raise UnreadableInput(source, f"an old Word document (.doc) is not read; {SAVE_AS_DOCX}")
    if not data.startswith(ZIP_SIGNATURE):
        raise UnreadableInput(source, "not a Word document (a .docx is a ZIP archive, this does not start like one)")


def read_parts(data: bytes, source: str) -> dict[str, bytes]:
    """Every part of the archive by name, each inflated within the caps and every XML part free of DTDs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise UnreadableInput(
            source, f"damaged Word document: not a readable ZIP archive ({one_line(error)})"
        ) from None
    if len(entries) > MAX_PARTS:
        raise TooLarge(source, f"a Word document of {len(entries)} parts (the limit is {MAX_PARTS}): no letter")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise UnreadableInput(source, "encrypted (password-protected) Word document, cannot read its text")
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_TOTAL_BYTES:
        raise TooLarge(source, f"the Word document inflates to {declared // 2**20} MB (the limit is 256 MB)")
    parts: dict[str, bytes] = {}
    total = 0
    for entry in entries:
        # Declared sizes are checked first; the bounded read holds even when they lie.
        if entry.file_size > MAX_PART_BYTES:
            raise TooLarge(source, _too_large(entry.filename))
        content = _inflate(archive, entry, source)
        total += len(content)
        if total > MAX_TOTAL_BYTES:
            raise TooLarge(source, f"the Word document inflates to more than {MAX_TOTAL_BYTES // 2**20} MB")
        if _is_xml(entry.filename):
            _check_xml(entry.filename, content, source)
        parts[entry.filename] = content
    if _MACRO_CONTENT in parts.get("[Content_Types].xml", b""):
        raise UnreadableInput(source, f"a Word document with macros (.docm) is not read; {SAVE_AS_DOCX}")
    for name, content in parts.items():
        if name.endswith(".rels"):
            _check_relationships(name, content, source)
    return parts


def _check_xml(name: str, content: bytes, source: str) -> None:
    if any(mark in content for mark in _DTD_MARKS):
        raise UnreadableInput(source, f"{name} declares a DTD (external entities are refused, nothing is fetched)")
    if content.count(b"<") > MAX_ELEMENTS:
        raise TooLarge(source, f"part {name} holds more than {MAX_ELEMENTS:,} XML elements: no letter")


_TARGET = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b(Target|TargetMode)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')


def _check_relationships(name: str, content: bytes, source: str) -> None:
    """Refuse an internal relationship whose target leads out of the archive: up past its root
    (``../../etc/passwd``) or to an address (``file:///etc/passwd``). Word never writes one; an
    external target (``TargetMode="External"``) is only ever recorded, never followed."""
    # The folder the targets are relative to: word/_rels/document.xml.rels -> word.
    folder = posixpath.dirname(posixpath.dirname(name))
    for element in _TARGET.finditer(content):
        attributes = {match[1]: (match[2] or match[3] or b"") for match in _ATTRIBUTE.finditer(element[0])}
        if attributes.get(b"TargetMode", b"").lower() == b"external":
            continue
        target = attributes.get(b"Target", b"").decode("utf-8", "replace")
        if target.startswith("/"):
            out = target.startswith("//")  # a network path; one slash is the archive's root
        else:
            out = posixpath.normpath(posixpath.join(folder, target)).startswith("..")
        if out or ":" in target.split("/", 1)[0]:
            shown = " ".join(target.split())[:80]
            raise UnreadableInput(
                source, f"a relationship in {name} leads out of the file ({shown}); nothing outside it is read"
            )


def _too_large(name: str) -> str:
    return f"part {name} inflates to more than {MAX_PART_BYTES // 2**20} MB (a decompression bomb?)"


def _inflate(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, source: str) -> bytes:
    """One part's bytes, read in chunks and stopped at the cap."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise TooLarge(source, _too_large(entry.filename))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError) as error:
        # A bad CRC, a broken stream, an unknown compression method: a damaged file, not our bug.
        raise UnreadableInput(
            source, f"damaged Word document: part {entry.filename} cannot be read ({one_line(error)})"
        ) from None
    return b"".join(chunks)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"


def open_word(parts: dict[str, bytes], source: str) -> WordDocument:
    """The document as python-docx reads it, from the checked parts (an uncompressed archive in memory)."""
    # Imported here so that PDF and text input never load python-docx and lxml.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    try:
        return docx.Document(io.BytesIO(buffer.getvalue()))
    except KeyError as error:
        # python-docx says "There is no item named 'word/footnotes.xml' in the archive".
        missing = str(error.args[0]).split("'")[1] if str(error.args[0]).count("'") >= 2 else one_line(error)
        raise UnreadableInput(source, f"damaged Word document: a part is missing ({missing})") from None
    except PackageNotFoundError:
        raise UnreadableInput(source, "damaged Word document: no [Content_Types].xml or main part") from None
    except ValueError as error:
        raise UnreadableInput(source, f"not a Word document ({one_line(error)})") from None
    except SyntaxError as error:  # lxml.etree.XMLSyntaxError derives from it
        raise xml_error("an XML part", error, source) from None


def xml_error(what: str, error: SyntaxError, source: str) -> UnreadableInput | TooLarge:
    """The one line for an XML part lxml could not parse: too deeply nested, or damaged."""
    if "Excessive depth" in str(error):
        return TooLarge(source, f"{what} nests its elements more than {MAX_DEPTH} levels deep: no letter")
    return UnreadableInput(source, f"damaged Word document: {what} is not well-formed ({one_line(error)})")


def one_line(error: BaseException) -> str:
    r"""A library's message on one line, at most 200 characters.

    >>> one_line(ValueError("Invalid character\n, line 2"))
    'Invalid character , line 2'
    """
    return " ".join(str(error).split())[:200]
