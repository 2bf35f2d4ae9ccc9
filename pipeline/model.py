"""The typed records that flow from stage to stage, from raw pages to the finished document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
        "table-unread",
    }
)
"""Warnings that mean the questions and answers may be read wrong."""

INVARIANT_WARNINGS = frozenset(
    {
        "footnote-missing",
        "unreferenced-footnote",
        "footnote-gap",
        "stray-glyph",
        "bad-url",
        "note-missing",
        "unreferenced-note",
    }
)
"""Warnings that an invariant of the output does not hold (``pipeline.checks``)."""

DAMAGE_WARNINGS = frozenset({"invalid-unicode", "pdf-library"})
"""Warnings that the PDF is damaged where its text was read (``pipeline.pdf.reader``): its font
maps glyphs to no valid text, or the library had to repair or skip a part of it."""

REVIEW_WARNINGS = READING_WARNINGS | INVARIANT_WARNINGS | DAMAGE_WARNINGS
"""Warnings that make a letter need review before anyone relies on it."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a PDF page in points, origin top left (pdfplumber's ``top``/``bottom``)."""

    x0: float
    top: float
    x1: float
    bottom: float


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
    """A footnote definition as printed at a page bottom, before its URLs are resolved."""

    number: int
    text: str
    page: int
    box: Box | None = None
    """Where the footnote is printed, for PDFs: the union of its lines."""


@dataclass(frozen=True)
class BodyLine:
    """A line of running text after cleaning; footnote references are written ``[^N]``.

    A blank line (``text == ""``) separates paragraphs.
    """

    text: str
    page: int
    number: int
    bold: bool = False
    page_start: bool = False
    """True for the first body line of a page after the first."""
    italic: bool = False
    x0: float | None = None
    """Where the line starts on its page in points, for PDFs: numbers printed in the margin."""


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
class DocumentWarning:
    """Something the pipeline could not place or was unsure of; never silently dropped."""

    code: str
    """Stable, machine-readable: ``unplaced-text``, ``unanswered-question`` ..."""
    message: str
    page: int | None = None


@dataclass(frozen=True)
class TextPart:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote of the letter (printed as a raised number)."""

    number: int


@dataclass(frozen=True)
class NoteRef:
    """A reference to a note of the questions ("[1]")."""

    label: str


@dataclass(frozen=True)
class UrlPart:
    """A URL written in the text."""

    printed: str
    href: str
    """Where it leads (a scheme added where the text has none), or "" when it may be no link."""


@dataclass(frozen=True)
class ReferencePart:
    """A reference to a parliamentary or legal document ("Kamerstuk 36 410 VIII, nr. 106")."""

    printed: str
    type: str
    identifier: str
    url: str


Inline = TextPart | FootnoteRef | NoteRef | UrlPart | ReferencePart
"""One typed piece of a paragraph."""

Paragraph = tuple[Inline, ...]
"""A paragraph as typed pieces, made once by ``pipeline.inline``; renderers show them, never parse."""


@dataclass(frozen=True)
class Question:
    """A numbered question of the member(s) of parliament."""

    number: int
    text: str
    """The question on one line; footnote references as ``[^N]``, note references as printed."""
    page: int
    label: str = ""
    """The label as printed ("Vraag 3, 4 en 5"), or empty for a numbered paragraph ("3. ...")."""
    parts: Paragraph = ()
    """The text as inline parts."""
    number_printed: bool = True
    """False where the letter prints no number (a nota's italic paragraphs): the number is then
    the question's place in reading order."""


@dataclass(frozen=True)
class Answer:
    """The answer to one or more questions."""

    questions: tuple[int, ...]
    """The question numbers it answers: ``(4, 5)`` for "Antwoord vraag 4 en 5:"."""
    label: str
    """The label as printed ("Antwoord vraag 4 en 5:"), or empty for an unlabelled answer."""
    paragraphs: tuple[str, ...]
    page: int
    blocks: tuple[Block, ...] = ()
    """The paragraphs as blocks: paragraphs and lists, with inline parts."""


@dataclass(frozen=True)
class Footnote:
    """A numbered footnote of the letter with the URLs tied to it."""

    number: int
    text: str
    urls: tuple[str, ...]
    page: int
    parts: Paragraph = ()
    """The text as inline parts."""


@dataclass(frozen=True)
class Note:
    """A note of the questions themselves (``[1]`` after the last answer)."""

    label: str
    text: str
    urls: tuple[str, ...]
    page: int
    parts: Paragraph = ()
    """The text as inline parts."""


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list of running text."""

    kind: Literal["heading", "paragraph", "list", "table"]
    text: str
    """The text; for a list, its items one per line; for a table, its rows one per line with
    the cells separated by tabs."""
    page: int
    parts: Paragraph = ()
    """The text as inline parts (a heading or paragraph)."""
    items: tuple[Paragraph, ...] = ()
    """The items of a list, without their bullets or numbers, as inline parts."""
    ordered: bool = False
    """A numbered list ("1.", "a)") rather than bullets."""
    rows: tuple[tuple[Paragraph, ...], ...] = ()
    """The rows of a table, each its cells as inline parts; the first row is the header."""

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Its inline parts as paragraphs: a list's items, a table's cells, or the heading's or
        paragraph's text."""
        if self.kind == "table":
            return tuple(cell for row in self.rows for cell in row)
        return self.items if self.kind == "list" else (self.parts,)


@dataclass(frozen=True)
class NoteText:
    """A note of the questions as printed, before its URLs are resolved."""

    label: str
    text: str
    page: int


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
    ("PvdA-fractie"), as printed."""
    party: str
    """The member's or fractie's party as printed; empty for a committee."""
    kind: AskerKind = "member"
    """``member`` (a member of parliament), ``committee`` (a committee that asked, as for
    feitelijke vragen) or ``fractie`` (a party's members in a committee's report on a bill)."""


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
    """The Tweede Kamer number of the questions, e.g. ``2023Z00475``."""
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
