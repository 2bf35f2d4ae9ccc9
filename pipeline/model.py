"""The typed records that flow from stage to stage, from raw pages to the finished document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

SCHEMA_VERSION = "2.3.0"

Zone = Literal["unknown", "body", "footnote", "reference", "furniture"]
"""Where a line sits on its page.

``unknown`` for text input, where the cleaning stage has to infer footnote blocks; a PDF
extractor knows the rest from font size and position: ``body`` text, ``footnote`` text at the
page bottom, the right-hand ``reference`` column of a ministry letter (Datum, Kenmerk, ...),
and ``furniture`` (running heads, page numbers, the Aanhangsel footer).
"""

InputFormat = Literal["text", "pdf", "docx"]
"""What a document was read from: extracted text, a PDF, or a Word file (which has no pages)."""

DocumentKind = Literal["antwoorden", "nota", "mededeling", "vragen", "kamerbrief", "unknown"]

READING_WARNINGS = frozenset(
    {
        "questions-not-found",
        "question-gap",
        "answer-for-unknown-question",
        "question-answered-twice",
        "unanswered-question",
        "questions-missed",
        "answer-holds-questions",
        "answer-asks",
        "table-unread",
        "table-unclear",
    }
)
"""Warnings that mean the questions and answers may be read wrong (``table-unclear``: lines set
in columns like a table were kept as text, so an answer's table may be read as a paragraph)."""

INVARIANT_WARNINGS = frozenset(
    {
        "footnote-missing",
        "unreferenced-footnote",
        "footnote-gap",
        "stray-glyph",
        "bad-url",
        "note-missing",
        "unreferenced-note",
        "note-printed-twice",
        "note-in-text",
    }
)
"""Warnings that an invariant of the output does not hold (``pipeline.checks``)."""

DAMAGE_WARNINGS = frozenset({"invalid-unicode", "pdf-library", "text-cut"})
"""Warnings that the PDF's text may not have been read whole (``pipeline.pdf.reader``): its font
maps glyphs to no valid text, the library had to repair or skip a part of it, or pdfium may have
cut a long string that pdfplumber could not read instead."""

REVIEW_WARNINGS = READING_WARNINGS | INVARIANT_WARNINGS | DAMAGE_WARNINGS
"""Warnings that make a letter need review before anyone relies on it."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page in points, origin top left (pdfplumber's ``top``/``bottom``)."""

    x0: float
    top: float
    x1: float
    bottom: float


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box around all of them, or None for none."""
    boxes = list(boxes)
    if not boxes:
        return None
    return Box(
        min(b.x0 for b in boxes), min(b.top for b in boxes), max(b.x1 for b in boxes), max(b.bottom for b in boxes)
    )


# --- Stage 1: read -------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link annotation of a page: where it points and, for PDFs, what it covers."""

    uri: str
    """The annotation's target, as stored in the file."""
    page: int
    """1-based page number."""
    box: Box | None = None
    """The annotation's rectangle, for PDFs."""
    covered_text: str = ""
    """The text under the rectangle, for PDFs; empty for text input."""


@dataclass(frozen=True)
class RawLine:
    """One line of text as the extractor produced it.

    Footnote markers that the extractor recognised as superscript (by size and baseline) are
    written as Unicode superscript digits (``worden¹²``); plain digits glued to a word are left for
    the cleaning stage to judge.
    """

    text: str
    page: int
    """1-based page number."""
    number: int
    """1-based line number on the page."""
    zone: Zone = "unknown"
    bold: bool = False
    """True when (almost) all characters of the line are bold."""
    size: float | None = None
    """The most common font size of the line in points, for PDFs."""
    box: Box | None = None
    italic: bool = False
    """True when (almost) all characters of the line are italic or oblique."""
    cells: tuple[str, ...] = ()
    """For a row of a table, its cells (three or more parts that wide gaps keep apart)."""
    underline: bool = False
    """True when a rule drawn just under the line runs from its start to its end (a PDF's
    underlined type; not a link's underline)."""


@dataclass(frozen=True)
class RawPage:
    """One page: its lines in reading order and its link annotations."""

    number: int
    lines: tuple[RawLine, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class RawDocument:
    """What extraction yields: the pages of one input file."""

    source: str
    """The input file as given on the command line, for messages (``input/x.pdf``)."""
    input_format: InputFormat
    pages: tuple[RawPage, ...]
    warnings: tuple[DocumentWarning, ...] = ()
    """What reading noticed, e.g. text that was not UTF-8."""
    sha256: str = ""
    """The SHA-256 of the input's bytes (hex); empty for a document not read from a file."""


# --- Stage 2: clean ------------------------------------------------------------------------


@dataclass(frozen=True)
class Removal:
    """Text that cleaning took out of the body, kept so that nothing disappears unexplained."""

    kind: str
    """Why: ``page-number``, ``furniture``, ``link-list``, ``reference-column`` ..."""
    page: int
    text: str


@dataclass(frozen=True)
class FootnoteText:
    """A footnote definition as printed at a page bottom; after link resolution, with its URLs."""

    number: int
    text: str
    page: int
    box: Box | None = None
    """Where the footnote is printed, for PDFs: the union of its lines."""
    urls: tuple[str, ...] = ()
    """The URLs written in it and the link annotations over it, once resolved."""
    lines: tuple[int, int] = (0, 0)
    """Its first and last line on its page."""


@dataclass(frozen=True)
class Mark:
    """A footnote reference printed in a text (a raised number), kept apart from the text."""

    at: int
    """Where it stands: after ``text[:at]``."""
    number: int
    """The footnote it refers to."""


@dataclass(frozen=True)
class Spellings:
    """What a letter prints of its own words inside its lines: the evidence for the hyphens that
    end its lines (``pipeline.text.spellings``). Empty, it is a letter that shows nothing."""

    hyphenated: frozenset[str] = frozenset()
    """Pairs of parts printed with a hyphen between them, in lower case ("procureur-generaal",
    and "mbo-hbo" from "mbo-hbo-techniek")."""
    joined: frozenset[str] = frozenset()
    """Words printed without a hyphen, in lower case."""
    hyphenates: bool = True
    """False where the letter splits no words for layout at its line ends (a Word letter set
    ragged): a line-end hyphen there is the word's own unless the letter shows otherwise."""


@dataclass(frozen=True)
class Marked:
    """Text with the footnote references printed in it kept apart from it, as typed marks.

    The hand-off from cleaning to segmenting: the text holds only what the letter prints, so a
    "[^1]" the letter itself prints stays text, and a pattern never sees a footnote reference.
    A mark belongs to the text before it: where the text is cut at a mark, the mark stays left.
    """

    text: str = ""
    marks: tuple[Mark, ...] = ()
    """In the order of the text."""

    def __bool__(self) -> bool:
        return bool(self.text or self.marks)

    def __add__(self, other: Marked | str) -> Marked:
        other = Marked(other) if isinstance(other, str) else other
        shift = len(self.text)
        return Marked(self.text + other.text, self.marks + tuple(Mark(m.at + shift, m.number) for m in other.marks))

    def cut(self, at: int) -> tuple[Marked, Marked]:
        """The text before ``at`` and the text from it; marks at ``at`` stay with the text before.

        >>> Marked("Klopt dat?Zo ja", (Mark(10, 3),)).cut(10)
        (Marked(text='Klopt dat?', marks=(Mark(at=10, number=3),)), Marked(text='Zo ja', marks=()))
        """
        before = tuple(mark for mark in self.marks if mark.at <= at)
        after = tuple(Mark(mark.at - at, mark.number) for mark in self.marks if mark.at > at)
        return Marked(self.text[:at], before), Marked(self.text[at:], after)

    def tail(self, length: int) -> Marked:
        """The last ``length`` characters; marks before them move to their start, so none is lost."""
        head, rest = self.cut(len(self.text) - length)
        return Marked(rest.text, tuple(Mark(0, mark.number) for mark in head.marks) + rest.marks)

    def strip(self) -> Marked:
        """Without white space at either end; white space between a mark and the text stays, as
        it stood between the printed reference and the text."""
        start = len(self.text) - len(self.text.lstrip())
        end = len(self.text.rstrip())
        if self.marks:
            start = min(start, self.marks[0].at)
            end = max(end, self.marks[-1].at)
        return Marked(self.text[start:end], tuple(Mark(mark.at - start, mark.number) for mark in self.marks))

    def ends_with_mark(self) -> bool:
        return bool(self.marks) and self.marks[-1].at == len(self.text)

    def starts_with_mark(self) -> bool:
        return bool(self.marks) and self.marks[0].at == 0


@dataclass(frozen=True)
class BodyLine:
    """A line of running text after cleaning; its footnote references kept apart as marks.

    A blank line (``text == ""``) separates paragraphs.
    """

    text: str
    """What the line prints, footnote references apart; a table row's cells joined by spaces."""
    page: int
    number: int
    bold: bool = False
    page_start: bool = False
    """True for the first body line of a page after the first."""
    italic: bool = False
    box: Box | None = None
    """Where the line stands on its page, for PDFs."""
    marks: tuple[Mark, ...] = ()
    """The footnote references printed in the line."""
    cells: tuple[Marked, ...] = ()
    """For a row of a table, its cells."""
    underline: bool = False
    """True when the whole line is underlined (``RawLine.underline``): a heading's type, as bold is."""

    @property
    def x0(self) -> float | None:
        """Where the line starts on its page in points, for PDFs: numbers printed in the margin."""
        return self.box.x0 if self.box else None

    @property
    def marked(self) -> Marked:
        return Marked(self.text, self.marks)


@dataclass(frozen=True)
class CleanDocument:
    """The body as one stream of lines across pages, with footnotes and furniture set apart."""

    source: str
    input_format: InputFormat
    page_count: int
    body: tuple[BodyLine, ...]
    footnotes: tuple[FootnoteText, ...]
    links: tuple[Link, ...]
    reference_lines: tuple[RawLine, ...]
    """The right-hand reference column and letterhead of ministry PDFs, for metadata."""
    removed: tuple[Removal, ...]
    warnings: tuple[DocumentWarning, ...] = ()


# --- Stages 3-7: the document model --------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """Where a piece of the letter is printed: its page and lines, and its box on a PDF (provenance)."""

    page: int
    """The 1-based page it starts on."""
    lines: tuple[int, int] = (0, 0)
    """Its first and last line, each numbered on its own page (1-based); (0, 0) where unknown."""
    last_page: int = 0
    """The page of its last line where that is a later page; 0 for the same page."""
    box: Box | None = None
    """For PDFs: around its lines on its first page."""

    def opening(self) -> Span:
        """Its first line only: where a label or a heading stands."""
        return Span(self.page, (self.lines[0], self.lines[0]))

    def __str__(self) -> str:
        """Where it is, as a reader looks it up.

        >>> str(Span(3, (12, 14))), str(Span(3, (12, 12))), str(Span(3, (40, 2), 4)), str(Span(3))
        ('page 3, lines 12–14', 'page 3, line 12', 'page 3, line 40 to page 4, line 2', 'page 3')
        """
        first, last = self.lines
        if not first:
            return f"page {self.page}" if self.last_page <= self.page else f"pages {self.page}–{self.last_page}"
        if self.last_page > self.page:
            return f"page {self.page}, line {first} to page {self.last_page}, line {last}"
        return f"page {self.page}, line {first}" if last <= first else f"page {self.page}, lines {first}–{last}"


@dataclass(frozen=True)
class DocumentWarning:
    """Something the pipeline could not place or was unsure of; never silently dropped."""

    code: str
    """Stable, machine-readable: ``unplaced-text``, ``unanswered-question`` ..."""
    message: str
    page: int | None = None
    span: Span | None = None
    """Where in the letter, as closely as known (its lines, on a PDF its box); None for the whole."""

    @classmethod
    def at(cls, code: str, message: str, span: Span) -> DocumentWarning:
        """A warning about the text printed at ``span``."""
        return cls(code, message, span.page, span)

    @property
    def where(self) -> str:
        """Where it is, as a reader looks it up: "page 3, lines 12–14", "page 3", or "" for the
        letter as a whole.

        >>> DocumentWarning.at("x", "y", Span(3, (12, 14))).where, DocumentWarning("x", "y", 3).where
        ('page 3, lines 12–14', 'page 3')
        """
        if self.span is not None:
            return str(self.span)
        return f"page {self.page}" if self.page else ""


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote of the letter (printed as a raised number)."""

    number: int


@dataclass(frozen=True)
class NoteRef:
    """A reference to a note of the questions: "[1]", or "1)" in a question."""

    label: str
    printed: str = ""
    """As printed ("1)"); empty for "[label]"."""
    footnote: int = 0
    """The footnote that prints the note's text, where the letter gives it as a footnote of the page
    instead of a note (0: the note is printed as one of the questions' notes)."""

    @property
    def shown(self) -> str:
        """The reference as the letter prints it.

        >>> NoteRef("1").shown, NoteRef("2", "2)").shown
        ('[1]', '2)')
        """
        return self.printed or f"[{self.label}]"


@dataclass(frozen=True)
class Url:
    """A URL written in the text."""

    printed: str
    href: str
    """Where it leads (a scheme added where the text has none), or "" when it may be no link."""


@dataclass(frozen=True)
class Reference:
    """A reference to a parliamentary or legal document ("Kamerstuk 36 410 VIII, nr. 106")."""

    printed: str
    type: str
    identifier: str
    url: str


Inline = Text | FootnoteRef | NoteRef | Url | Reference
"""One typed piece of a paragraph."""

Paragraph = tuple[Inline, ...]
"""A paragraph as typed pieces, made once by ``pipeline.inline``; renderers show them, never parse."""


def plain(paragraph: Paragraph) -> str:
    """What a paragraph prints, without its footnote references (raised numbers): for reading what
    a text says (metadata, the kind of letter, checks), never for output.

    >>> plain((Text("Zie"), FootnoteRef(2), Text(" het bericht "), NoteRef("1"), Text(" "), NoteRef("2", "2)")))
    'Zie het bericht [1] 2)'
    """
    pieces = []
    for part in paragraph:
        if isinstance(part, Text):
            pieces.append(part.text)
        elif isinstance(part, NoteRef):
            pieces.append(part.shown)
        elif isinstance(part, (Url, Reference)):
            pieces.append(part.printed)
    return "".join(pieces)


def footnotes_referred(paragraph: Paragraph) -> Iterator[int]:
    """The footnotes a paragraph refers to, in order: its raised numbers, and its references to
    notes whose text the letter prints as a footnote.

    >>> list(footnotes_referred((FootnoteRef(2), Text(" en "), NoteRef("1", "1)", footnote=3), NoteRef("4"))))
    [2, 3]
    """
    for part in paragraph:
        if isinstance(part, FootnoteRef):
            yield part.number
        elif isinstance(part, NoteRef) and part.footnote:
            yield part.footnote


class Placed:
    """Something printed at a span of the letter; its page is the span's first."""

    span: Span

    @property
    def page(self) -> int:
        return self.span.page


@dataclass(frozen=True)
class _Text(Placed):
    """A block of one paragraph."""

    parts: Paragraph
    span: Span

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return (self.parts,)


@dataclass(frozen=True)
class Heading(_Text):
    """A heading of the letter: a short bold or numbered title."""

    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class Para(_Text):
    """A paragraph of running text."""

    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class ListItem:
    """One item of a list."""

    marker: str
    """Its bullet or number as printed, with the space after it ("• ", "2. ")."""
    parts: Paragraph


@dataclass(frozen=True)
class ListBlock(Placed):
    """A list: paragraphs that open with a bullet, or numbered on ("1.", "2." or "a)", "b)")."""

    items: tuple[ListItem, ...]
    ordered: bool
    """A numbered list rather than bullets."""
    span: Span
    kind: ClassVar[str] = "list"

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(item.parts for item in self.items)


@dataclass(frozen=True)
class Table(Placed):
    """A table: rows of cells, the first row its header."""

    rows: tuple[tuple[Paragraph, ...], ...]
    """Its rows, each a cell per column (an empty one where the row leaves that column blank); a
    row of one cell in a table of more columns spans them all (a group title: "Eilandsraadsleden")."""
    span: Span
    kind: ClassVar[str] = "table"

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(cell for row in self.rows for cell in row)


Block = Heading | Para | ListBlock | Table
"""A block of running text, each with where it is printed."""


def plain_block(block: Block) -> str:
    """What a block prints, its paragraphs (a list's items, a table's cells) one per line; for
    reading what it says, never for output."""
    return "\n".join(plain(paragraph) for paragraph in block.paragraphs)


@dataclass(frozen=True)
class Question(Placed):
    """A numbered question of the member(s) of parliament."""

    number: int
    label: str
    """The label as printed ("Vraag 3, 4 en 5"), or empty for a numbered paragraph ("3. ...")."""
    parts: Paragraph
    """The question as one paragraph."""
    span: Span
    number_printed: bool = True
    """False where the letter prints no number (a nota's italic paragraphs): the number is then
    the question's place in reading order."""


@dataclass(frozen=True)
class Answer(Placed):
    """The answer to one or more questions."""

    questions: tuple[int, ...]
    """The question numbers it answers: ``(4, 5)`` for "Antwoord vraag 4 en 5:"."""
    label: str
    """The label as printed ("Antwoord vraag 4 en 5:"), or empty for an unlabelled answer."""
    blocks: tuple[Block, ...]
    """Its paragraphs, lists and tables."""
    span: Span


@dataclass(frozen=True)
class Footnote(Placed):
    """A numbered footnote of the letter with the URLs tied to it."""

    number: int
    parts: Paragraph
    urls: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class Note(Placed):
    """A note of the questions themselves (``[1]`` after the last answer)."""

    label: str
    parts: Paragraph
    urls: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class NoteText(Placed):
    """A note of the questions as printed; after link resolution, with its URLs."""

    label: str
    text: Marked
    span: Span
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class SegmentedDocument:
    """The cleaned letter taken apart into cover letter, questions, answers and notes."""

    clean: CleanDocument
    kind: DocumentKind
    body: tuple[Block, ...]
    signatory_lines: tuple[tuple[str, ...], ...]
    """The signature blocks as printed: role lines, then the name."""
    questions: tuple[Question, ...]
    answers: tuple[Answer, ...]
    notes: tuple[NoteText, ...]
    warnings: tuple[DocumentWarning, ...]


AskerKind = Literal["member", "committee", "fractie"]


@dataclass(frozen=True)
class Questioner:
    """Who asked the questions: a member of parliament, a committee, or a party's members."""

    name: str
    """The member's name, the committee ("vaste commissie voor Defensie") or the fractie
    ("PvdA-fractie", "fractie Partij voor de Dieren"), as printed."""
    party: str
    """The member's or fractie's party as printed; empty for a committee."""
    kind: AskerKind = "member"
    """``member`` (a member of parliament), ``committee`` (a committee that asked, as for
    feitelijke vragen) or ``fractie`` (a party's members: in a committee's report on a bill, in a
    schriftelijk overleg, or a fractie of the Eerste Kamer that asked)."""


@dataclass(frozen=True)
class Signatory:
    """A minister or state secretary who signed the letter."""

    role: str
    name: str


EvidenceSource = Literal["letterhead", "aanhangsel-header", "cover-letter", "signature", "questions", "correction"]


@dataclass(frozen=True)
class Evidence:
    """Where a metadata field was read, so that a reader can check it against the letter."""

    field: str
    """The metadata field: ``kenmerk``, ``date``, ``questioners`` ..."""
    source: EvidenceSource
    """``letterhead`` (a labelled field: Datum, Betreft, Ons kenmerk), ``aanhangsel-header``
    (the header of an Aanhangsel or of a set of questions), ``cover-letter`` (a sentence of the
    cover letter), ``signature``, ``questions`` (the questions themselves: the fracties a nota's
    questions name), or ``correction`` (the user's corrections file)."""
    page: int | None
    text: str
    """The text the value was read from, as printed."""


@dataclass(frozen=True)
class Metadata:
    """What the letter says about itself."""

    kenmerk: str = ""
    """The Tweede Kamer number of the questions, e.g. ``2023Z00475``; one printed with a digit too
    many or too few ("2015Z146267") as printed, with a ``kenmerk-malformed`` warning."""
    submitted: str = ""
    """ISO date the questions were sent in (ingezonden)."""
    received: str = ""
    """ISO date the answers were received (ontvangen), where printed."""
    date: str = ""
    """ISO date of the letter itself (Datum), where printed."""
    subject: str = ""
    questioners: tuple[Questioner, ...] = ()
    on_behalf_of: tuple[str, ...] = ()
    """Ministers on whose behalf the answers are also given ("mede namens ...")."""
    signatories: tuple[Signatory, ...] = ()
    answered_by: str = ""
    """Who answered: the minister as printed in an Aanhangsel header ("Minister Heinen
    (Financiën)"), or else the role and name of the signature ("Minister van Defensie,
    J.A. Hennis-Plasschaert")."""
    aanhangsel_number: str = ""
    vergaderjaar: str = ""
    reference: str = ""
    """The ministry's own kenmerk from the letterhead."""
    kenmerk_url: str = ""
    """The Tweede Kamer's page of the questions (their kenmerk), or empty."""
    aanhangsel_url: str = ""
    """The published Aanhangsel (zoek.officielebekendmakingen.nl), or empty."""
    evidence: tuple[Evidence, ...] = ()
    """For every field that holds a value, where it was read."""


Role = Literal["minister", "minister voor", "minister-president", "staatssecretaris", ""]

Stage = Literal["questions", "answers", "further-answers", "delay", "referral", "notice", "none"]
"""What a letter is in the life of a set of questions: the ``questions`` sent in, the
``answers``, ``further-answers`` ("nadere" or "aanvullende" antwoorden), a notice of ``delay``
(a Mededeling that the answers will be late), a ``referral`` (a Mededeling that the questions
were answered elsewhere), another ``notice``, or ``none`` (a letter without questions)."""


@dataclass(frozen=True)
class Official:
    """A minister or state secretary as the letter prints them, and who that is."""

    printed: str
    """As printed: "Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties)"."""
    role: Role
    portfolio: str = ""
    """For a minister "voor" or a state secretary with a portfolio: "Rechtsbescherming"."""
    person: str = ""
    """The name, where printed ("De Jonge")."""
    ministry: str = ""
    """The ministry's canonical abbreviation today (``JenV`` for Veiligheid en Justitie), or empty
    when the printed name is none the data file knows."""
    ministry_name: str = ""
    """The ministry's canonical name today."""


@dataclass(frozen=True)
class Member:
    """A member of parliament who asked, with their party normalised."""

    name: str
    party: str
    """The party's canonical short name (``NSC`` for "Nieuw Sociaal Contract")."""
    printed: str
    """As printed: name and party ("Van Haga (Groep Van Haga)")."""


@dataclass(frozen=True)
class Lifecycle:
    """Who asked, who answered and how late: what the letter says, normalised for analysis."""

    stage: Stage = "none"
    zaak: str = ""
    """The Tweede Kamer's number of the questions (``2024Z01234``), where the letter prints it."""
    questioners: tuple[Member, ...] = ()
    committee: str = ""
    """A committee that asked ("vaste commissie voor Financiën"), as printed."""
    addressed: tuple[Official, ...] = ()
    """The ministers the questions were put to."""
    answered_by: tuple[Official, ...] = ()
    """Who answered (or sent the notice): the Aanhangsel's "Antwoord van …", else the signatories."""
    on_behalf_of: tuple[Official, ...] = ()
    """The ministers also answered for ("mede namens")."""
    ministry: str = ""
    """The canonical abbreviation of the ministry that answered (the first who answered), else of
    the first addressed."""
    ministry_printed: str = ""
    """That ministry as the letter prints it."""
    date: str = ""
    """When this letter was sent: its Datum, an Aanhangsel's "ontvangen", or the questions'
    "ingezonden"."""
    submitted: str = ""
    """When the questions were sent in: "ingezonden", else the date of the Kamer's letter that an
    answer letter replies to ("In antwoord op uw brief van …")."""
    submitted_printed: str = ""
    """The words the submission date was read from."""
    answered: str = ""
    """When the questions were answered: an Aanhangsel's "ontvangen", the answer letter's Datum,
    or the date a referral says they were answered."""
    days: int | None = None
    """Days from submitted to answered."""
    late: bool | None = None
    """True when answered more than 21 days after submission (the three weeks of the Reglement van
    Orde of the Tweede Kamer); None when either date is unknown."""
    delay_reason: str = ""
    """A notice of delay: why, as printed."""
    expected: str = ""
    """A notice of delay: the date the answers are expected, where it names one (ISO)."""
    expected_printed: str = ""
    """A notice of delay: what it says about when the answers come, as printed."""


@dataclass(frozen=True)
class DocumentReference:
    """A reference to another parliamentary or legal document, and where the letter makes it."""

    type: str
    """``kamerstuk``, ``aanhangsel``, ``handelingen``, ``staatscourant``, ``staatsblad``, ``zaak``,
    ``document``, ``eu-act`` or ``ecli``."""
    identifier: str
    """Normalised: ``kst-36410-VIII-106``, ``2023Z00475``, ``eli/reg/2016/679/oj`` ..."""
    printed: str
    url: str
    where: str
    """``body``, ``question 3``, ``answer 4``, ``footnote 2`` or ``note 1``."""
    page: int


@dataclass(frozen=True)
class AppliedCorrection:
    """A correction from the user's corrections file and how often it applied."""

    kind: Literal["replace", "override"]
    target: str
    count: int


@dataclass(frozen=True)
class Source:
    """The input a document was made from, the same however its path was typed."""

    name: str
    """The file name, without its folder (``2023Z00475-antwoorden-ai.txt``)."""
    sha256: str
    """The SHA-256 of the file's bytes (hex); empty for a document not read from a file."""
    format: InputFormat = "pdf"
    """What it was read from. A Word file (``docx``) has no pages: there, every ``page`` of the
    model holds the position of a paragraph in ``word/document.xml`` instead (0: none, e.g. the
    letterhead in a header), and the outputs say "paragraph", never "page"."""


@dataclass(frozen=True)
class Document:
    """The finished letter: what every output format renders."""

    source: Source
    kind: DocumentKind
    page_count: int
    metadata: Metadata
    body: tuple[Block, ...]
    """The cover letter of an answer document, or the whole text of a letter without questions."""
    questions: tuple[Question, ...]
    answers: tuple[Answer, ...]
    footnotes: tuple[Footnote, ...]
    notes: tuple[Note, ...]
    warnings: tuple[DocumentWarning, ...]
    links: tuple[Link, ...] = ()
    """Link annotations in the running text, tied to no footnote."""
    removed: tuple[Removal, ...] = ()
    """Page furniture that cleaning took out (page numbers, running heads, footers)."""
    corrections: tuple[AppliedCorrection, ...] = ()
    references: tuple[DocumentReference, ...] = ()
    """Every reference to another document, in the order of the letter."""
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """Who asked, who answered, and when: the letter's metadata normalised (``pipeline.lifecycle``)."""
    schema_version: str = field(default=SCHEMA_VERSION)

    def paragraphs(self) -> Iterator[tuple[str, Span, Paragraph]]:
        """Every paragraph of the letter, wherever it sits, in the order of the letter: the one walk
        that references, checks and footnote bookkeeping share.

        Each comes with where it stands (``body``, ``question 3``, ``answer 4, 5``, ``note 1``,
        ``footnote 2``) and the span of what holds it (a block, a question, a note, a footnote); a
        list gives each item, a table each cell.
        """
        for block in self.body:
            for paragraph in block.paragraphs:
                yield "body", block.span, paragraph
        for question in self.questions:
            yield f"question {question.number}", question.span, question.parts
        for answer in self.answers:
            where = "answer " + ", ".join(map(str, answer.questions))
            for block in answer.blocks:
                for paragraph in block.paragraphs:
                    yield where, block.span, paragraph
        for note in self.notes:
            yield f"note {note.label}", note.span, note.parts
        for footnote in self.footnotes:
            yield f"footnote {footnote.number}", footnote.span, footnote.parts
