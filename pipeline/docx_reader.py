"""Read a Word (.docx) file into the records a PDF gives: lines in zones, footnotes, links.

A Word file has no pages, so the whole document is one ``RawPage``, and each line's ``page``
holds the position of its paragraph instead: the 1-based index of the ``w:p`` element among all
paragraphs of ``word/document.xml`` in document order (0 for text that is not in the main part,
such as the letterhead in a header). Footnote texts take the position of the paragraph that
holds their reference mark.

- Running text (``body``): each paragraph a line (a manual line break starts another), a blank
  line between paragraphs, automatic list numbers printed as Word prints them ("3.", "b)", "•"),
  bold and italic from the runs and their styles, a table's rows as lines of cells.
- Footnotes and endnotes (``footnote``): from their own parts, numbered in the order of their
  reference marks (endnotes after the footnotes), each mark written as a superscript number in
  the text, as the PDF reader writes raised markers.
- The letterhead (``reference``): text boxes, frames, tables that float or stand before the
  first running text, and the headers and footers; a table row of label and value ("Datum",
  "16 mei 2024") is one line, and a blank line closes each box, row or header.
- Page numbers (``furniture``): paragraphs with a PAGE or NUMPAGES field, removed by cleaning.
- Hyperlinks: the targets of their relationships, never fetched, as link annotations.

Field instructions (``DOCPROPERTY datum``) are not text; their results ("16 mei 2024") are. A
``DOCPROPERTY`` or ``DOCVARIABLE`` field whose saved result is empty prints the value the
document's properties or variables hold (``pipeline.docx_fields``), with an ``empty-field``
warning naming the field.

A note with a mark of its own (``w:customMarkFollows``: "*", "†") is tied to its mark like any
other, but the model numbers every footnote (``[^N]``): such notes are numbered after the ones
Word numbers, so those keep the numbers the letter prints, and a ``footnote-mark`` warning says
which mark the letter prints instead. The mark is taken out of the text and the note.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.docx_fields import (
    Field,
    Fields,
    FieldValues,
    core_properties,
    custom_properties,
    document_variables,
    field_name,
    names_page_number,
)
from pipeline.docx_numbering import Numbering, format_count
from pipeline.docx_package import open_word, read_parts, refuse_other_word_files, xml_error
from pipeline.errors import TooLarge, UnreadableInput
from pipeline.model import DocumentWarning, Link, RawDocument, RawLine, RawPage, Zone

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
M_TEXT = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SKIPPED = frozenset({f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}proofErr", f"{W}commentRangeStart"})
"""Inside a paragraph: deleted text (tracked changes) and properties are not text."""
_DRAWINGS = frozenset({f"{W}drawing", f"{W}pict", f"{W}object", MC_ALTERNATE})
"""Run content that may hold text boxes."""
_NOTE_KINDS = (("footnote", "footnotes"), ("endnote", "endnotes"))
_REFERENCES = {f"{W}footnoteReference": "footnote", f"{W}endnoteReference": "endnote"}
_LINE_BREAKS = re.compile(r"[\r\n\v]")
"""Line breaks in a property's value (``_x000d_``)."""
_LETTERHEAD_END = re.compile(r"^(?:Betreft|Onderwerp)\b")
"""The last field of a ministry letter's letterhead, as the PDF reader ends it."""
FIRST_PAGE = 25
"""Paragraphs of text a first page holds at most, where the file records no page break."""
MAX_PARAGRAPHS = 25_000
"""Paragraphs (and notes) a Word file may hold: as many as the lines of the longest PDF the page
limit lets in (500 pages of 50 lines); a real letter has a few hundred."""
_STRONG = 0.9
"""A line is bold (italic) when this share of its letters is: a word in roman type does not break it."""


def read_docx(path: Path, source: str) -> RawDocument:
    """Read a Word file into a RawDocument, or raise a ConversionError naming ``source``."""
    data = path.read_bytes()
    refuse_other_word_files(data, source, path.suffix.lower())
    word = open_word(read_parts(data, source), source)
    document = _Reader(word, source).read()
    return RawDocument(source, "docx", document.pages, document.warnings, sha256=hashlib.sha256(data).hexdigest())


@dataclass
class _Line:
    """A line being built: its text and how many of its letters are bold and italic."""

    text: str = ""
    letters: int = 0
    bold: int = 0
    italic: int = 0

    def mark(self, text: str) -> None:
        """Text that says nothing of the line's type: a list number, a footnote mark."""
        self.text += text

    def add(self, text: str, bold: bool, italic: bool) -> None:
        self.text += text
        count = sum(not char.isspace() for char in text)
        self.letters += count
        self.bold += count if bold else 0
        self.italic += count if italic else 0

    def raw(self, zone: Zone, position: int) -> RawLine:
        strong = self.letters > 0
        return RawLine(
            text=" ".join(self.text.split()),
            page=position,
            number=0,
            zone=zone,
            bold=strong and self.bold >= _STRONG * self.letters,
            italic=strong and self.italic >= _STRONG * self.letters,
        )


@dataclass
class _Paragraph:
    """One Word paragraph read: its lines, what it holds besides text, and where it stands."""

    position: int
    lines: list[_Line] = field(default_factory=lambda: [_Line()])
    boxes: list[Any] = field(default_factory=list)
    """The text boxes anchored in it (``w:txbxContent``), read as letterhead."""
    page_field: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines).strip()


class _Reader:
    """Walks one Word document and sorts what it reads into zones."""

    def __init__(self, word: WordDocument, source: str) -> None:
        from docx.oxml import parse_xml

        self.word = word
        self.source = source
        self.parse_xml = parse_xml
        self.body_element = word.element.body
        _refuse_too_many(self.body_element, "paragraphs", f"{W}p", source)
        # Keyed by the elements themselves, which keeps them alive: lxml then hands out the same objects.
        self.positions = {p: index for index, p in enumerate(self.body_element.iter(f"{W}p"), start=1)}
        self.numbering = Numbering.parse(self._part_root("numbering"))
        self.styles = _Styles(self._part_root("styles"))
        self.notes = {kind: self._notes(kind, part) for kind, part in _NOTE_KINDS}
        self.note_order: list[tuple[str, str, int]] = []
        """(kind, id, position of the paragraph with its mark), in the order the marks are read."""
        self.own_marks: dict[tuple[str, str], str] = {}
        """The notes referred to with a mark of their own ("*"), and that mark."""
        self.values = FieldValues(self._field_values)
        self.body: list[RawLine] = []
        self.reference: list[RawLine] = []
        self.furniture: list[RawLine] = []
        self.links: list[Link] = []
        self.warnings: list[DocumentWarning] = []
        self.fields = Fields()

    def read(self) -> RawDocument:
        self._main_story()
        self._letterhead_paragraphs()
        for tag, element in self._headers_and_footers():
            self.fields = Fields()
            # A footer is printed at the foot of every page of its section, as the furniture a
            # PDF repeats on every page (a page number, the template's document code "W6662.NAV").
            self._container(element, position=0, zone="furniture" if tag == "footerReference" else "reference")
        footnote_lines = self._footnote_lines()
        ordered = [*self.body, *footnote_lines, *self.reference, *self.furniture]
        lines = tuple(
            RawLine(line.text, line.page, number, line.zone, line.bold, None, None, line.italic, line.cells)
            for number, line in enumerate(ordered, start=1)
        )
        if not any(line.text for line in lines if line.zone == "body"):
            raise UnreadableInput(self.source, "the Word document has no text")
        return RawDocument(self.source, "docx", (RawPage(1, lines, tuple(self.links)),), tuple(self.warnings))

    # --- the parts -----------------------------------------------------------------------

    def _relationship(self, kind: str, rels: Any = None) -> Any | None:
        """The part the main document (or ``rels``, the package's) relates to by this type
        (``numbering``, ``footnotes``, ``custom-properties``)."""
        for relationship in (self.word.part.rels if rels is None else rels).values():
            if relationship.reltype.rsplit("/", 1)[-1] != kind:
                continue
            if relationship.is_external:
                raise UnreadableInput(
                    self.source,
                    f"its {kind} part is outside the file ({relationship.target_ref[:80]}); it is not fetched",
                )
            return relationship.target_part
        return None

    def _part_root(self, kind: str, rels: Any = None) -> Any | None:
        part = self._relationship(kind, rels)
        if part is None:
            return None
        element = getattr(part, "element", None)
        return element if element is not None else self._parse(part)

    def _field_values(self) -> tuple[dict[str, str], dict[str, str]]:
        """The document's properties (the core ones over the custom ones, as Word reads them) and
        its variables, for the fields whose saved result is empty."""
        package = self.word.part.package.rels
        properties = custom_properties(self._part_root("custom-properties", package))
        properties.update(core_properties(self._part_root("core-properties", package)))
        return properties, document_variables(self._part_root("settings"))

    def _parse(self, part: Any) -> Any:
        try:
            return self.parse_xml(part.blob)
        except SyntaxError as error:
            raise xml_error(str(part.partname).lstrip("/"), error, self.source) from None

    def _notes(self, kind: str, part_kind: str) -> dict[str, Any]:
        root = self._part_root(part_kind)
        if root is None:
            return {}
        _refuse_too_many(root, f"{kind}s", f"{W}{kind}", self.source)
        return {
            note.get(f"{W}id", ""): note
            for note in root.findall(f"{W}{kind}")
            if note.get(f"{W}type") in (None, "normal")  # not the separator lines
        }

    def _headers_and_footers(self) -> Iterator[tuple[str, Any]]:
        """The headers, then the footers, of every section: the first page's before the others
        (with the tag that refers to each, ``headerReference`` or ``footerReference``)."""
        seen: set[str] = set()
        order = {"first": 0, "default": 1, "even": 2}
        for tag in ("headerReference", "footerReference"):
            for section in self.body_element.iter(f"{W}sectPr"):
                references = sorted(section.findall(f"{W}{tag}"), key=lambda r: order.get(r.get(f"{W}type"), 3))
                for reference in references:
                    rid = reference.get(f"{R}id", "")
                    if rid in seen or rid not in self.word.part.rels:
                        continue
                    seen.add(rid)
                    relationship = self.word.part.rels[rid]
                    if relationship.is_external:
                        where = relationship.target_ref[:80]
                        raise UnreadableInput(
                            self.source, f"a header or footer is outside the file ({where}); it is not fetched"
                        )
                    yield tag, relationship.target_part.element

    # --- the main text -------------------------------------------------------------------

    def _letterhead_paragraphs(self) -> None:
        """On the first page of a ministry letter typed as plain paragraphs, everything down to the
        Betreft paragraph is letterhead, as the PDF reader reads page 1: "Datum 3 juni 2024" then
        gives the date. The first page ends where the file records a page break; in a file that
        records none, it holds at most ``FIRST_PAGE`` paragraphs of text."""
        end = _first_page_end(self.body_element, self.positions)
        filled = sorted({line.page for line in self.body if line.text})
        first_page = [position for position in filled if position < end][:FIRST_PAGE]
        betreft = next(
            (line for line in self.body if line.page in first_page and _LETTERHEAD_END.match(line.text)), None
        )
        if betreft is None:
            return
        last = betreft.page
        if _LETTERHEAD_END.fullmatch(betreft.text.rstrip(":")) and filled.index(last) + 1 < len(filled):
            last = filled[filled.index(last) + 1]  # "Betreft" alone, its value in the next paragraph
        head = [line for line in self.body if line.page <= last]
        self.body = [line for line in self.body if line.page > last]
        moved = [RawLine(line.text, line.page, 0, "reference", line.bold, None, None, line.italic) for line in head]
        self.reference = [*moved, RawLine("", last, 0, "reference"), *self.reference]

    def _main_story(self) -> None:
        running_text = False
        for element in self.body_element:
            if element.tag == f"{W}p":
                paragraph = self._paragraph(element)
                framed = element.find(f"{W}pPr/{W}framePr") is not None
                if paragraph.page_field or framed:
                    self._emit_reference(paragraph, "furniture" if paragraph.page_field else "reference")
                else:
                    self._emit_body(paragraph)
                    running_text = running_text or bool(paragraph.text)
            elif element.tag == f"{W}tbl":
                # A letterhead table floats beside the text, or stands before it with its labels
                # and values in columns; a one-column table there lays out the cover letter.
                floating = element.find(f"{W}tblPr/{W}tblpPr") is not None
                if floating or (not running_text and _in_columns(element)):
                    self._letterhead_table(element)
                else:
                    before = len(self.body)
                    self._table(element)
                    running_text = running_text or any(line.text for line in self.body[before:])
            elif element.tag in (f"{W}altChunk", f"{W}subDoc"):
                self.warnings.append(
                    DocumentWarning("unplaced-text", "the document embeds a part in another format, which is not read")
                )
            elif element.tag == f"{W}sdt":
                content = element.find(f"{W}sdtContent")
                if content is not None:
                    self._container(content, position=0, zone="body")

    def _emit_body(self, paragraph: _Paragraph) -> None:
        if paragraph.text:
            if self.body and self.body[-1].text:
                self.body.append(RawLine("", paragraph.position, 0, "body"))
            self.body.extend(_printed(paragraph, "body"))
        self._boxes(paragraph)

    def _emit_reference(self, paragraph: _Paragraph, zone: Zone) -> None:
        target = self.furniture if zone == "furniture" else self.reference
        target.extend(_printed(paragraph, zone))
        self._boxes(paragraph)

    def _boxes(self, paragraph: _Paragraph) -> None:
        for box in paragraph.boxes:
            self._container(box, paragraph.position)

    def _container(self, element: Any, position: int, zone: Zone = "reference") -> None:
        """A text box, header, frame or letterhead table: its paragraphs and rows as letterhead
        lines (or body lines, for content controls), closed by a blank line."""
        for child in element:
            if child.tag == f"{W}p":
                paragraph = self._paragraph(child)
                own = self.positions.get(child, position)
                paragraph.position = own
                if zone == "body" and not paragraph.page_field:
                    self._emit_body(paragraph)
                else:
                    furniture = paragraph.page_field or zone == "furniture"
                    self._emit_reference(paragraph, "furniture" if furniture else "reference")
            elif child.tag == f"{W}tbl":
                self._letterhead_table(child, position)
            elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
                self._container(content, position, zone)
        if zone == "reference" and self.reference and self.reference[-1].text:
            self.reference.append(RawLine("", position, 0, "reference"))

    def _letterhead_table(self, table: Any, position: int = 0) -> None:
        for row in table.findall(f"{W}tr"):
            self._letterhead_row(row, position)

    def _letterhead_row(self, row: Any, position: int) -> None:
        """A letterhead table's row: label and value side by side make one line ("Datum 16 mei 2024");
        a row with one filled cell (a column of fields) gives its paragraphs one by one."""
        cells = row.findall(f"{W}tc")
        if sum(bool(_plain_text(cell).strip()) for cell in cells) <= 1:
            for cell in cells:
                self._container(cell, position)
            return
        read = [[self._paragraph(p) for p in _cell_paragraphs(cell)] for cell in cells]
        texts = [" ".join(p.text for p in paragraphs if p.text) for paragraphs in read]
        first = next((p for paragraphs in read for p in paragraphs if p.text), None)
        here = first.position if first is not None else position
        line = " ".join(text for text in texts if text)
        if any(p.page_field for paragraphs in read for p in paragraphs):
            self.furniture.append(RawLine(line, here, 0, "furniture"))
        else:
            self.reference.append(RawLine(line, here, 0, "reference"))
            self.reference.append(RawLine("", here, 0, "reference"))
        for paragraphs in read:
            for paragraph in paragraphs:
                self._boxes(paragraph)

    def _table(self, table: Any) -> None:
        """A table of the running text: a table of data gives its rows as lines of cells; a table
        that only lays text out (a signature block) gives its paragraphs as running text."""
        rows = [
            [[self._paragraph(p) for p in _cell_paragraphs(cell)] for cell in row.findall(f"{W}tc")]
            for row in table.findall(f"{W}tr")
        ]
        texts = [[" ".join(p.text for p in cell if p.text) for cell in row] for row in rows]
        if sum(sum(bool(text) for text in row) >= 2 for row in texts) < 2:
            for row in rows:
                for cell in row:
                    for paragraph in cell:
                        self._emit_body(paragraph)
            return
        for row, cells in zip(rows, texts, strict=True):
            if not any(cells):
                continue
            position = next((p.position for cell in row for p in cell), 0)
            if self.body and self.body[-1].text and self.body[-1].cells == ():
                self.body.append(RawLine("", position, 0, "body"))
            # Its cells kept apart, as the PDF reader keeps a table row's.
            self.body.append(RawLine(" ".join(cells), position, 0, "body", cells=tuple(cells)))
            for cell in row:
                for paragraph in cell:
                    self._boxes(paragraph)
        self.body.append(RawLine("", self.body[-1].page, 0, "body"))

    # --- paragraphs and runs -------------------------------------------------------------

    def _paragraph(self, element: Any) -> _Paragraph:
        """Read one ``w:p``: its text by runs, fields, marks, breaks and list number."""
        paragraph = _Paragraph(self.positions.get(element, 0))
        style = _value(element.find(f"{W}pPr/{W}pStyle"))
        label = self._list_label(element, style)
        if label:
            paragraph.lines[0].mark(label + " ")
        self._inline(element, paragraph, style, link=None)
        return paragraph

    def _list_label(self, element: Any, style: str | None) -> str | None:
        number = element.find(f"{W}pPr/{W}numPr")
        if number is None:
            number = self.styles.numbering(style)
        if number is None:
            return None
        num_id = _value(number.find(f"{W}numId"))
        ilvl = _value(number.find(f"{W}ilvl")) or "0"
        if not num_id or num_id == "0" or not ilvl.isdigit():
            return None
        return self.numbering.label(num_id, int(ilvl))

    def _inline(self, element: Any, paragraph: _Paragraph, style: str | None, link: list[str] | None) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED or tag == MC_FALLBACK:
                continue
            if tag == f"{W}r":
                self._run(child, paragraph, style, link)
            elif tag == f"{W}hyperlink":
                self._hyperlink(child, paragraph, style)
            elif tag == f"{W}fldSimple":
                self._simple_field(child, paragraph, style, link)
            elif tag == M_TEXT:
                paragraph.lines[-1].add(child.text or "", False, False)
            elif tag == f"{W}txbxContent":
                paragraph.boxes.append(child)
            else:  # insertions, content controls, smart tags, math: their runs are text
                self._inline(child, paragraph, style, link)

    def _hyperlink(self, element: Any, paragraph: _Paragraph, style: str | None) -> None:
        covered: list[str] = []
        self._inline(element, paragraph, style, covered)
        rid = element.get(f"{R}id")
        relationship = self.word.part.rels.get(rid) if rid else None
        if relationship is not None and relationship.is_external:
            # Only the address is kept; it is never fetched.
            self.links.append(Link(relationship.target_ref, paragraph.position, None, "".join(covered).strip()))

    def _simple_field(self, element: Any, paragraph: _Paragraph, style: str | None, link: list[str] | None) -> None:
        """A field written as one element (``w:fldSimple``): its runs are its saved result."""
        instruction = element.get(f"{W}instr", "")
        paragraph.page_field = paragraph.page_field or names_page_number(instruction)
        depth = len(self.fields.stack)
        self.fields.stack.append(Field(instruction, separated=True))
        self._inline(element, paragraph, style, link)
        # Unbalanced field characters inside it end with it.
        ended = self.fields.stack[depth] if len(self.fields.stack) > depth else None
        del self.fields.stack[depth:]
        if ended is not None:
            self._unsaved_result(ended, paragraph, False, False)

    def _run(self, run: Any, paragraph: _Paragraph, style: str | None, link: list[str] | None) -> None:
        bold, italic = self.styles.run_flags(run, style)
        own: tuple[str, str] | None = None
        own_mark: list[str] = []
        """A note referred to with a mark of its own: its mark is the text after the reference."""
        for child in run:
            tag = child.tag
            if tag == f"{W}fldChar":
                ended = self.fields.char(child.get(f"{W}fldCharType"))
                if ended is not None:
                    self._unsaved_result(ended, paragraph, bold, italic)
                continue
            if tag == f"{W}instrText":
                # A paragraph that prints a page number ("Pagina 2 van 4") is page furniture.
                paragraph.page_field = paragraph.page_field or names_page_number(child.text or "")
                self.fields.instruction(child.text or "")
                continue
            if self.fields.in_instruction:
                continue
            if own is not None and tag in (f"{W}t", f"{W}sym"):
                own_mark.append(self._run_text(child, paragraph) or "")
                continue
            text = self._run_text(child, paragraph)
            if text is None:
                continue
            self.fields.printed()
            if tag in _REFERENCES and _on(child.get(f"{W}customMarkFollows")):
                own = (_REFERENCES[tag], child.get(f"{W}id", ""))
            self._add(paragraph, text, bold, italic, link)
        if own is not None:
            self.own_marks.setdefault(own, " ".join("".join(own_mark).split()))

    def _add(self, paragraph: _Paragraph, text: str, bold: bool, italic: bool, link: list[str] | None) -> None:
        """Text read from a run: a line break, a note's mark, or text."""
        if text == "\n":
            paragraph.lines.append(_Line())
        elif text.startswith("\0"):
            paragraph.lines[-1].mark(text)
        else:
            paragraph.lines[-1].add(text, bold, italic)
            if link is not None:
                link.append(text)

    def _unsaved_result(self, ended: Field, paragraph: _Paragraph, bold: bool, italic: bool) -> None:
        """A field that ended with nothing in its result: what Word prints when it updates the field
        (a document property's value), with a warning; nothing for a field inside an instruction."""
        if ended.printed or self.fields.in_instruction:
            return
        named = field_name(ended.instruction)
        value = self.values.value(ended.instruction)
        if named is None or value is None or not value.strip():
            return
        for index, line in enumerate(_LINE_BREAKS.split(value)):
            if index:
                self._add(paragraph, "\n", bold, italic, None)
            self._add(paragraph, line, bold, italic, None)
        self.fields.printed()
        kind, name = named
        where = "document property" if kind == "DOCPROPERTY" else "document variable"
        shown = " ".join(value.split())
        self.warnings.append(
            DocumentWarning(
                "empty-field",
                f"the field {kind} {name} has no saved result; the value of its {where} is read: '{shown[:100]}'",
                paragraph.position or None,
            )
        )

    def _run_text(self, child: Any, paragraph: _Paragraph) -> str | None:
        """The text of one element of a run; "\\n" for a line break; None for none."""
        tag = child.tag
        if tag == f"{W}t":
            return str(child.text or "")
        if tag in (f"{W}tab", f"{W}ptab"):
            return " "
        if tag in (f"{W}br", f"{W}cr"):
            # A page or column break inside a paragraph does not end its line of text.
            return "\n" if child.get(f"{W}type") in (None, "textWrapping") else None
        if tag == f"{W}noBreakHyphen":
            return "-"
        if tag in _REFERENCES:
            return self._mark(_REFERENCES[tag], child.get(f"{W}id", ""), paragraph.position)
        if tag == f"{W}sym":
            return chr(int(child.get(f"{W}char", "25CF"), 16)) if _hex(child.get(f"{W}char")) else None
        if tag in _DRAWINGS:
            paragraph.boxes.extend(_text_boxes(child))
        return None

    # --- footnotes and endnotes ----------------------------------------------------------

    def _mark(self, kind: str, note_id: str, position: int) -> str:
        """A footnote or endnote mark, numbered in order of appearance (endnotes after the footnotes)."""
        self.note_order.append((kind, note_id, position))
        return "\0" + f"{kind}:{note_id}" + "\0"

    def _number_notes(self) -> dict[tuple[str, str], int]:
        """Each note's number: in the order of their marks, the footnotes Word numbers, then its
        endnotes, then the notes with marks of their own (so Word's numbers stay as printed),
        then the notes nobody refers to (kept: checks report them)."""
        numbers: dict[tuple[str, str], int] = {}
        marks = [(kind, note_id) for kind, note_id, _ in self.note_order]
        for kind in ("footnote", "endnote"):
            for mark in marks:
                if mark[0] == kind and mark not in self.own_marks and mark not in numbers:
                    numbers[mark] = len(numbers) + 1
        positions = {(kind, note_id): position for kind, note_id, position in reversed(self.note_order)}
        for mark in marks:
            if mark in self.own_marks and mark not in numbers:
                numbers[mark] = len(numbers) + 1
                printed = self.own_marks[mark]
                said = f"marks it '{printed}'" if printed else "marks it with a symbol that is no text"
                message = (
                    f"footnote {numbers[mark]}: the Word file {said}, not with a number; it is numbered "
                    f"{numbers[mark]} here, after the notes Word numbers"
                )
                self.warnings.append(DocumentWarning("footnote-mark", message, positions[mark] or None))
        for kind in ("footnote", "endnote"):
            for note_id in self.notes[kind]:
                numbers.setdefault((kind, note_id), len(numbers) + 1)
        self._check_printed_numbers(numbers)
        return numbers

    def _check_printed_numbers(self, numbers: dict[tuple[str, str], int]) -> None:
        """Warn where a note's number here is not the one Word prints: endnotes counted apart from
        the footnotes ("i, ii" or "1, 2" again), a count that starts elsewhere or restarts."""
        marked = {(kind, note_id) for kind, note_id, _ in self.note_order}
        for kind in ("footnote", "endnote"):
            number_format, start, restarts = self._note_numbering(kind)
            counted = [
                number
                for mark, number in numbers.items()
                if mark[0] == kind and mark in marked and mark not in self.own_marks
            ]
            printed = [format_count(start + index, number_format) for index in range(len(counted))]
            if not restarts and printed == [str(number) for number in counted]:
                continue
            pairs = ", ".join(f"{word} is {number}" for word, number in zip(printed, counted, strict=True))
            restart = ", and restarts their count on every page or section" if restarts else ""
            message = (
                f"the Word file numbers its {kind}s in a count of their own ({pairs}{restart}); "
                "the JSON numbers all notes in one count: check the numbers against the printed letter"
            )
            self.warnings.append(DocumentWarning("note-renumbered", message, None))

    def _note_numbering(self, kind: str) -> tuple[str, int, bool]:
        """How Word numbers the notes of ``kind``: its format ("decimal", "lowerRoman"), the first
        number, and whether the count restarts (on each page or section). The last section's
        properties over the document's settings over Word's defaults (endnotes i, ii, iii)."""
        number_format = "decimal" if kind == "footnote" else "lowerRoman"
        start, restart = 1, "continuous"
        sections = list(self.body_element.iter(f"{W}sectPr"))
        for root in (self._part_root("settings"), sections[-1] if sections else None):
            properties = None if root is None else root.find(f"{W}{kind}Pr")
            if properties is None:
                continue
            number_format = _value(properties.find(f"{W}numFmt")) or number_format
            first = _value(properties.find(f"{W}numStart")) or ""
            start = int(first) if first.isdigit() and len(first) < 6 else start
            restart = _value(properties.find(f"{W}numRestart")) or restart
        return number_format, start, restart != "continuous"

    def _footnote_lines(self) -> list[RawLine]:
        """Number the marks, write them as superscript numbers, and give each note its lines."""
        numbers = self._number_notes()
        positions = {(kind, note_id): position for kind, note_id, position in reversed(self.note_order)}
        self.body = [_with_marks(line, numbers) for line in self.body]
        self.reference = [_with_marks(line, numbers) for line in self.reference]
        lines: list[RawLine] = []
        for (kind, note_id), number in sorted(numbers.items(), key=lambda item: item[1]):
            note = self.notes[kind].get(note_id)
            if note is None:
                continue  # a mark without its note: checks report the missing footnote
            self.fields = Fields()
            position = positions.get((kind, note_id), 0)
            known = len(self.links)
            texts = [self._paragraph(p) for p in _cell_paragraphs(note)]
            # A hyperlink in a note stands where the note's mark stands.
            self.links[known:] = [Link(link.uri, position, None, link.covered_text) for link in self.links[known:]]
            filled = [line for paragraph in texts for line in paragraph.lines if line.text.strip()]
            if filled and (printed := self.own_marks.get((kind, note_id))):
                # The note repeats its own mark where Word would print its number: the number is written.
                first_text = filled[0].text.lstrip()
                filled[0].text = first_text[len(printed) :] if first_text.startswith(printed) else filled[0].text
            first = True
            for line in filled:
                raw = _with_marks(line.raw("footnote", position), numbers)
                text = f"{number} {raw.text}" if first else raw.text
                lines.append(RawLine(text, position, 0, "footnote", raw.bold, None, None, raw.italic))
                first = False
            if first:
                lines.append(RawLine(f"{number} ", position, 0, "footnote"))
        return lines


def _first_page_end(body: Any, positions: dict[Any, int]) -> float:
    """The position of the first paragraph on a later page, as far as the file records page
    breaks (a page break in the text or before a paragraph, a section's end, or where Word last
    broke the page when it laid the document out); infinity where it records none."""
    for paragraph in body.iter(f"{W}p"):
        properties = paragraph.find(f"{W}pPr")
        before = properties is not None and properties.find(f"{W}pageBreakBefore") is not None
        if before and _on(properties.find(f"{W}pageBreakBefore").get(f"{W}val", "1")):
            return positions[paragraph]
        inline = paragraph.find(f".//{W}br[@{W}type='page']") is not None
        if inline or paragraph.find(f".//{W}lastRenderedPageBreak") is not None:
            return positions[paragraph] + 1  # the text before the break is on the page before
        if properties is not None and properties.find(f"{W}sectPr") is not None:
            return positions[paragraph] + 1
    return float("inf")


def _printed(paragraph: _Paragraph, zone: Zone) -> list[RawLine]:
    """A paragraph's lines as printed: an empty line between two lines of text (manual line
    breaks one after the other, as under a signature) is a gap, a blank line as between paragraphs."""
    lines: list[RawLine] = []
    gap = False
    for line in paragraph.lines:
        if not line.text.strip():
            gap = bool(lines)
            continue
        if gap:
            lines.append(RawLine("", paragraph.position, 0, zone))
        lines.append(line.raw(zone, paragraph.position))
        gap = False
    return lines


def _refuse_too_many(root: Any, what: str, tag: str, source: str) -> None:
    """Raise TooLarge if the part holds more of these elements than any letter (counted without
    keeping them: a part of a million empty paragraphs is a few kilobytes zipped)."""
    count = sum(1 for _ in itertools.islice(root.iter(tag), MAX_PARAGRAPHS + 1))
    if count > MAX_PARAGRAPHS:
        raise TooLarge(source, f"the Word document holds more than {MAX_PARAGRAPHS:,} {what}: no letter")


def _with_marks(line: RawLine, numbers: dict[tuple[str, str], int]) -> RawLine:
    """A line with its note marks written as superscript numbers (the PDF reader's raised markers)."""
    if "\0" not in line.text:
        return line
    return RawLine(
        _marks(line.text, numbers),
        line.page,
        line.number,
        line.zone,
        line.bold,
        line.size,
        line.box,
        line.italic,
        tuple(_marks(cell, numbers) for cell in line.cells),
    )


def _marks(text: str, numbers: dict[tuple[str, str], int]) -> str:
    pieces = text.split("\0")
    for index in range(1, len(pieces), 2):
        kind, _, note_id = pieces[index].partition(":")
        number = numbers.get((kind, note_id))
        pieces[index] = str(number).translate(SUPERSCRIPT) if number else ""
    return "".join(pieces)


def _text_boxes(element: Any) -> Iterator[Any]:
    """The text boxes inside a drawing or picture, each once: the copy Word writes for older
    readers (``mc:Fallback``) is skipped."""
    for child in element:
        if child.tag == MC_FALLBACK:
            continue
        if child.tag == f"{W}txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _cell_paragraphs(element: Any) -> Iterator[Any]:
    """The paragraphs of a table cell or a note, nested tables included, text boxes not."""
    for child in element:
        if child.tag == f"{W}p":
            yield child
        elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            yield from _cell_paragraphs(child)


def _in_columns(table: Any) -> bool:
    """True if a row of the table has two or more filled cells."""
    return any(
        sum(bool(_plain_text(cell).strip()) for cell in row.findall(f"{W}tc")) >= 2 for row in table.findall(f"{W}tr")
    )


def _plain_text(element: Any) -> str:
    """All text inside an element, field instructions excepted: enough to see whether a cell is filled."""
    return "".join(text.text or "" for text in element.iter(f"{W}t"))


def _on(value: str | None) -> bool:
    """An on/off attribute of Word ("1", "true", "on"); absent is off."""
    return value is not None and value.lower() in ("1", "true", "on")


def _hex(text: str | None) -> bool:
    try:
        return text is not None and 0x20 <= int(text, 16) < 0xE000
    except ValueError:
        return False


def _value(element: Any) -> str | None:
    return None if element is None else element.get(f"{W}val")


class _Styles:
    """Bold, italic and list numbering as styles give them, through ``basedOn``."""

    def __init__(self, root: Any | None) -> None:
        self.by_id = {} if root is None else {s.get(f"{W}styleId"): s for s in root.findall(f"{W}style")}
        defaults = None if root is None else root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = defaults

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = _value(style.find(f"{W}basedOn"))

    def numbering(self, style_id: str | None) -> Any | None:
        for style in self._chain(style_id):
            if (number := style.find(f"{W}pPr/{W}numPr")) is not None:
                return number
        return None

    def run_flags(self, run: Any, paragraph_style: str | None) -> tuple[bool, bool]:
        properties = run.find(f"{W}rPr")
        run_style = _value(properties.find(f"{W}rStyle")) if properties is not None else None
        sources = [properties]
        sources += [style.find(f"{W}rPr") for style in self._chain(run_style)]
        sources += [style.find(f"{W}rPr") for style in self._chain(paragraph_style)]
        sources.append(self.defaults)
        return _flag(sources, "b"), _flag(sources, "i")


def _flag(sources: list[Any], tag: str) -> bool:
    """The first explicit setting of a toggle (``<w:b/>``, ``<w:b w:val="0"/>``) in order of precedence."""
    for properties in sources:
        if properties is None:
            continue
        element = properties.find(f"{W}{tag}")
        if element is not None:
            return element.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")
    return False
