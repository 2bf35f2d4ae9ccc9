"""Word files for the tests, written part by part: letters of known structure, and hostile ones.

``word_file`` assembles a .docx from the XML of its parts, so that a test states exactly what
the file holds (a footnote, a list, a text box, a field, a header) or how it is broken (a DTD,
a part outside the file, a part that is missing, a ZIP that lies about its sizes).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_TYPES = {
    "footnotes": f"{MAIN}.footnotes+xml",
    "endnotes": f"{MAIN}.endnotes+xml",
    "numbering": f"{MAIN}.numbering+xml",
    "styles": f"{MAIN}.styles+xml",
    "header": f"{MAIN}.header+xml",
    "settings": f"{MAIN}.settings+xml",
}
CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
XML = '<?xml version="1.0" encoding="UTF-8"?>'


def p(text: str = "", *, bold: bool = False, style: str = "", num: tuple[int, int] | None = None) -> str:
    """A paragraph of one run (``text`` may hold run XML: anything starting with "<" is taken as is)."""
    properties = ""
    if style or num:
        numbering = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
        properties = f"<w:pPr>{style_xml}{numbering}</w:pPr>"
    if text.startswith("<"):
        return f"<w:p>{properties}{text}</w:p>"
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{properties}<w:r>{run_properties}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def footnote_mark(note_id: int, kind: str = "footnote") -> str:
    return f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Reference w:id="{note_id}"/></w:r>'


def own_mark(note_id: int, mark: str) -> str:
    """A footnote reference with a mark of its own ("*"), as Word and LibreOffice write it: the mark
    is the text after the reference in the same run (``mark`` may hold run XML, such as a ``w:sym``)."""
    content = mark if mark.startswith("<") else f"<w:t>{mark}</w:t>"
    return (
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/>{content}</w:r>'
    )


def field(instruction: str, result: str) -> str:
    """A complex field: its instruction (not text) and its last result (text; "" for none saved;
    run XML as is, such as another field)."""
    saved = result if result.startswith("<") else run(result) if result else ""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{saved}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def custom_properties(values: dict[str, str]) -> str:
    """``docProps/custom.xml``: text properties by name (escape line breaks as Word does, ``_x000d_``)."""
    properties = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{value}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{properties}</Properties>"
    )


def settings(variables: dict[str, str] | None = None, *, note_numbering: str = "") -> str:
    """A settings part with document variables (``DOCVARIABLE`` reads them) and the numbering of
    notes (``note_numbering``: the XML of ``w:footnotePr`` and ``w:endnotePr``)."""
    docvars = "".join(f'<w:docVar w:name="{name}" w:val="{value}"/>' for name, value in (variables or {}).items())
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:settings {NAMESPACES}>'
    return f"{head}{note_numbering}<w:docVars>{docvars}</w:docVars></w:settings>"



def text_box(*paragraphs: str) -> str:
    """A text box as Word writes it: the drawing for new readers and a VML copy for old ones."""
    content = "".join(paragraphs)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"<w:txbxContent>{content}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def notes(kind: str, texts: dict[int, str]) -> str:
    """A footnotes or endnotes part: the separators Word always writes, then the notes."""
    body = "".join(
        f'<w:{kind} w:id="{note_id}"><w:p><w:r><w:{kind}Ref/></w:r>{run(" " + text)}</w:p></w:{kind}>'
        for note_id, text in texts.items()
    )
    separators = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s {NAMESPACES}>{separators}{body}</w:{kind}s>'


def numbering(text: str = "%1.", number_format: str = "decimal", start: int = 1) -> str:
    """A numbering part with one list (numId 1): level 0 counts from ``start`` and prints ``text``."""
    level = (
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {NAMESPACES}>'
        f'<w:abstractNum w:abstractNumId="7">{level}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )


def word_file(
    body: str,
    *,
    parts: dict[str, str] | None = None,
    relationships: list[tuple[str, str, str]] | None = None,
    header: str = "",
    main_type: str = f"{MAIN}.document.main+xml",
    hyperlinks: dict[str, str] | None = None,
    omit: tuple[str, ...] = (),
    package: dict[str, tuple[str, str]] | None = None,
) -> bytes:
    """A .docx: ``body`` is the XML inside ``w:body``; ``parts`` adds footnotes, endnotes, numbering,
    styles or settings by kind; ``relationships`` adds (type, target, mode) triples to the main
    part's; ``package`` adds parts the package relates to, by name: (type, XML), such as
    ``{"docProps/custom.xml": ("custom-properties", custom_properties(...))}``; ``omit`` leaves
    parts out."""
    document_parts = {f"word/{kind}.xml": (kind, xml) for kind, xml in (parts or {}).items()}
    rels = [(kind, f"{kind}.xml", "") for kind in parts or {}]
    section = ""
    if header:
        document_parts["word/header1.xml"] = ("header", f'{XML}<w:hdr {NAMESPACES}>{header}</w:hdr>')
        rels.append(("header", "header1.xml", ""))
        section = f'<w:sectPr><w:headerReference w:type="default" r:id="rId{len(rels)}"/></w:sectPr>'
    rels += relationships or []
    numbered = [(f"rId{index}", *rel) for index, rel in enumerate(rels, start=1)]
    numbered += [(rid, "hyperlink", target, "External") for rid, target in (hyperlinks or {}).items()]
    package = package or {}
    overrides = [(f"/{name}", _TYPES[kind]) for name, (kind, _) in document_parts.items()]
    overrides += [(f"/{name}", CUSTOM_PROPERTIES) for name, (kind, _) in package.items() if kind == "custom-properties"]
    files = {
        "[Content_Types].xml": _content_types([("/word/document.xml", main_type), *overrides]),
        "_rels/.rels": _relationships(
            [("rId1", "officeDocument", "word/document.xml", "")]
            + [(f"rId{index}", kind, name, "") for index, (name, (kind, _)) in enumerate(package.items(), start=2)]
        ),
        "word/document.xml": f"{XML}<w:document {NAMESPACES}><w:body>{body}{section}</w:body></w:document>",
        "word/_rels/document.xml.rels": _relationships(numbered),
        **{name: xml for name, (_, xml) in document_parts.items()},
        **{name: xml for name, (_, xml) in package.items()},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            if name not in omit:
                archive.writestr(name, content)
    return buffer.getvalue()


def _content_types(overrides: list[tuple[str, str]]) -> str:
    listed = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    return (
        f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{listed}</Types>'
    )


def _relationships(rels: list[tuple[str, str, str, str]]) -> str:
    """A relationships part of (id, type, target, mode)."""
    entries = []
    for rid, kind, target, mode in rels:
        address = CORE_PROPERTIES if kind == "core-properties" else f"{RELATIONSHIP}/{kind}"
        extern = f' TargetMode="{mode}"' if mode else ""
        entries.append(f'<Relationship Id="{rid}" Type="{address}" Target="{target}"{extern}/>')
    listed = "".join(entries)
    return f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{listed}</Relationships>'


def lying_zip(name: str, inflated: int, declared: int) -> bytes:
    """A ZIP of one part of ``inflated`` zero bytes whose headers declare ``declared`` bytes:
    a bomb that hides its size."""
    data = zlib.compress(bytes(inflated), 9)[2:-4]  # raw deflate
    crc = zlib.crc32(bytes(inflated))
    encoded = name.encode()
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared, len(encoded), 0)
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(data),
        declared,
        len(encoded),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    directory = central + encoded
    offset = len(local) + len(encoded) + len(data)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), offset, 0)
    return local + encoded + data + directory + end
