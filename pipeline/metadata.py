"""Metadata: what the letter says about itself (kenmerk, dates, questioners, signatories)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import cast

import regex

from pipeline import patterns, references
from pipeline.dates import iso_date
from pipeline.model import (
    DocumentWarning,
    Evidence,
    EvidenceSource,
    Metadata,
    Questioner,
    RawLine,
    SegmentedDocument,
    Signatory,
    plain_block,
)
from pipeline.text import join_lines

_MINISTER_START = regex.compile(r",?\s*(?:\ben\s+)?(?=\bde\s+(?:minister|staatssecretaris)\b)", regex.IGNORECASE)
_NAME_SEPARATOR = regex.compile(r"\s*,\s*|\s+en\s+")
_QUESTIONER_GROUP = regex.compile(r"(?P<names>[^()]+?)\s*\((?P<party>[^()]+)\)")
_QUESTIONERS_INTRO = regex.compile(
    r"(?:gesteld\s+door|Vragen\s+van)\s+(?:de\s+leden|het\s+lid)\s+(?!der\s+Kamer)(?P<rest>.+)",
    regex.IGNORECASE | regex.DOTALL,
)
_ANSWERED_BY = regex.compile(
    r"\b(?:Antwoord|Mededeling)\s+van\s+(?P<who>.+?)\s*\(ontvangen", regex.IGNORECASE | regex.DOTALL
)
_AANHANGSEL_NUMBER = regex.compile(r"(?:gegeven\s+antwoorden\s+|^AH\s+)(?P<number>\d{1,5})\b")
_VERGADERJAAR = regex.compile(r"Vergaderjaar\s+(?P<year>\d{4}\s*[–-]\s*\d{4})", regex.IGNORECASE)
_FIELD_LABELS = (
    "Datum",
    "Betreft",
    "Onderwerp",
    "Kenmerk",
    "Ons kenmerk",
    "Uw kenmerk",
    "Onze referentie",
    "Uw referentie",
)
_FIELD_LABELS_LONGEST_FIRST = sorted(_FIELD_LABELS, key=len, reverse=True)
_MULTILINE_FIELDS = {"Betreft", "Onderwerp"}


def parse_questioners(text: str) -> tuple[Questioner, ...]:
    """The members who asked the questions, each with their party.

    >>> parse_questioners("gesteld door de leden Dekker-Abdulaziz en Van Meenen (D66) over")
    (Questioner(name='Dekker-Abdulaziz', party='D66'), Questioner(name='Van Meenen', party='D66'))
    >>> [q.party for q in parse_questioners("Vragen van de leden Mutluer (GroenLinks-PvdA) en Kostić (PvdD) aan")]
    ['GroenLinks-PvdA', 'PvdD']
    """
    intro = _QUESTIONERS_INTRO.search(text)
    if not intro:
        return ()
    questioners: list[Questioner] = []
    rest = intro["rest"]
    position = 0
    while True:
        group = _QUESTIONER_GROUP.match(rest, position)
        if not group:
            break
        names = group["names"].strip()
        names = regex.sub(r"^(?:,|en)\s+", "", names)
        for name in _NAME_SEPARATOR.split(names):
            if name.strip():
                # "Van Eijk en Aartsen (beiden VVD)": the party is VVD for both.
                party = regex.sub(r"^(?:beiden|allen|beide)\s+", "", group["party"].strip())
                questioners.append(Questioner(name.strip(), party))
        position = group.end()
        following = regex.match(r"\s*(?:,|en)\s+", rest[position:])
        if not following:
            break
        position += following.end()
    return tuple(questioners)


def parse_on_behalf_of(text: str) -> tuple[str, ...]:
    """The ministers in a "mede namens ..." clause, one per entry.

    >>> parse_on_behalf_of("mede namens de minister van Sociale Zaken en Werkgelegenheid en de "
    ...     "minister van Onderwijs, Cultuur en Wetenschap, de antwoorden")
    ('de minister van Sociale Zaken en Werkgelegenheid', 'de minister van Onderwijs, Cultuur en Wetenschap')
    """
    match = regex.search(r"mede\s+namens\s+(?P<rest>.+)", text, regex.IGNORECASE | regex.DOTALL)
    if not match:
        return ()
    rest = match["rest"]
    # The clause ends where the sentence goes on: ", de antwoorden", ", bied ik", ")".
    end = regex.search(r",\s+(?!de\s+(?:minister|staatssecretaris))(?=\p{Ll})|\s*\(|\)|\.\s", rest)
    clause = rest[: end.start()] if end else rest
    parts = [part.strip(" ,") for part in _MINISTER_START.split(clause)]
    return tuple(part for part in parts if part)


def subject_from_text(text: str) -> str:
    """The subject of the questions as the cover letter names it ("over ...").

    >>> subject_from_text("vragen van het lid Van Zanten (BBB) over de motie Van Zanten c.s. over subsidies "
    ...     "(ingezonden 7 maart 2024).")
    'de motie Van Zanten c.s. over subsidies'
    >>> subject_from_text("de vragen van de leden Mutluer c.s. over de sluiting van het politiebureau in "
    ...     "Wolvega worden beantwoord zoals aangegeven in de bijlage van deze brief.")
    'de sluiting van het politiebureau in Wolvega'
    """
    intro = regex.search(
        r"""\bvragen\b.*?\bover\s+(?P<subject>.+?)
        (?:\s*\((?:ingezonden|kenmerk|nr\.|20\d\dZ)       # "(ingezonden ...)", "(2024Z11859)"
          | \s+(?:worden|zijn|werden)\s+beantwoord
          | ,\s+(?:deel|bied|zend)\s
          | \.\s+(?=(?-i:\p{Lu})) | \.$ )""",
        text,
        regex.DOTALL | regex.IGNORECASE | regex.VERBOSE,
    )
    return intro["subject"].strip() if intro else ""


@dataclass(frozen=True)
class Field:
    """A labelled letterhead field as read: its value and the page it stands on."""

    value: str
    page: int


def letterhead_fields(lines: Sequence[RawLine]) -> dict[str, Field]:
    """Read the labelled fields of a letterhead or reference column: Datum, Betreft, Kenmerk ...

    A field's value follows its label on the same line, beside it, or below it in the same
    column; the subject may run over several lines, the others take one. Where fields overlap
    (Word letterheads converted to PDF), a line goes to the field whose column it is in. The
    first page's fields are the letter's own: a later page repeating "Datum" (of an annex) does
    not overwrite them.
    """
    values: dict[str, list[RawLine]] = {}
    labels: dict[str, RawLine] = {}
    open_fields: list[str] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        label = next((name for name in _FIELD_LABELS_LONGEST_FIRST if regex.match(rf"{name}\b", text)), "")
        if label:
            if label in labels:
                continue
            labels[label] = line
            rest = text[len(label) :].strip()
            values[label] = [replace(line, text=rest)] if rest else []
            if not rest or label in _MULTILINE_FIELDS:
                open_fields.append(label)
            continue
        for name in reversed(open_fields):
            if _continues_field(labels[name], values[name], line):
                values[name].append(line)
                if name not in _MULTILINE_FIELDS:
                    open_fields.remove(name)
                break
    return {
        "Betreft" if name == "Onderwerp" else name: Field(join_lines(line.text for line in found), labels[name].page)
        for name, found in values.items()
        if found
    }


def _continues_field(label: RawLine, found: Sequence[RawLine], line: RawLine) -> bool:
    """True if a line is (the next line of) the value of a field: beside its label, or below
    the label or the value's last line, in the same column."""
    previous = found[-1] if found else label
    if label.box is None or line.box is None:
        # No place on a page (a Word letterhead): a value goes on only on the very next line, so
        # the blank line that closes a text box, a table row or a header closes the field.
        return line.number == previous.number + 1
    if previous.box is None or line.page != label.page:
        return False
    height = max(previous.box.bottom - previous.box.top, 1.0)
    if not found and abs(line.box.top - label.box.top) < 0.5 * height and line.box.x0 > label.box.x0:
        return True  # beside a label that stands alone ("Datum  24 maart 2024")
    below = 0 <= line.box.top - previous.box.bottom < 1.5 * height
    same_column = abs(line.box.x0 - previous.box.x0) < 12 or (
        line.box.x0 < previous.box.x1 and line.box.x1 > previous.box.x0 and line.box.x0 > label.box.x0 - 2
    )
    return below and same_column


_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "’t", "la", "le", "du", "von"}
)
_GLUED_PARTICLE = regex.compile(r"^(?:van|de|der|den|ter|ten)\p{Lu}")
"""A particle the print glued to the name ("Inge vanDijk")."""
_PARTY_WORDS = frozenset({"voor", "de", "van", "het", "en"})


def looks_like_member(questioner: Questioner) -> bool:
    """True if a name and a party read as a member of parliament and a party.

    >>> looks_like_member(Questioner("Van der Lee", "GroenLinks-PvdA"))
    True
    >>> looks_like_member(Questioner("Grinwis", "zowel boven- als ondergronds"))
    False
    >>> looks_like_member(Questioner("Van Esch tijdens het commissiedebat Water", "PvdD"))
    False
    """
    name_words = questioner.name.split()
    party_words = questioner.party.split()
    name_ok = (
        1 <= len(name_words) <= 5
        and not any(char.isdigit() for char in questioner.name)
        and all(word[:1].isupper() or word.lower() in _PARTICLES or _GLUED_PARTICLE.match(word) for word in name_words)
        and any(word[:1].isupper() for word in name_words)
    )
    party_ok = (
        1 <= len(party_words) <= 4
        and len(questioner.party) <= 40
        and all(word[:1].isupper() or word[:1].isdigit() or word in _PARTY_WORDS for word in party_words)
    )
    return name_ok and party_ok


def looks_like_reference(text: str) -> bool:
    """True if a letterhead kenmerk reads as one: a code with digits, no sentence.

    >>> looks_like_reference("IENW/BSK-2023/297705"), looks_like_reference("vanwege zijn religie")
    (True, False)
    """
    return any(char.isdigit() for char in text) and len(text.split()) <= 4 and len(text) <= 60


_EVIDENCE_LENGTH = 300


@dataclass
class _Reading:
    """Metadata being read: field values, where each came from, and what was unclear."""

    values: dict[str, object] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)

    def set(
        self,
        name: str,
        value: object,
        source: EvidenceSource,
        page: int | None,
        text: str,
        where: tuple[int, int] | None = None,
    ) -> None:
        """Keep a value with the text it was read from: around ``where`` (a match's span), if given."""
        if not value:
            return
        self.values[name] = value
        if where is not None and len(text) > _EVIDENCE_LENGTH:
            start = max(0, where[0] - _EVIDENCE_LENGTH // 3)
            end = start + _EVIDENCE_LENGTH
            text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        self.evidence.append(Evidence(name, source, page, text.strip()[: _EVIDENCE_LENGTH + 2]))

    def unclear(self, name: str, printed: str, page: int | None) -> None:
        self.warnings.append(
            DocumentWarning("metadata-unclear", f"{name}: could not read {printed.strip()[:120]!r}; left empty", page)
        )


def extract_metadata(document: SegmentedDocument) -> tuple[Metadata, tuple[DocumentWarning, ...]]:
    """Collect the metadata from the places that state it, each field with its evidence.

    The letterhead's labelled fields (Datum, Betreft, Ons kenmerk, Uw kenmerk), the header of
    an Aanhangsel or of a set of questions, the cover letter's first sentences, and the
    signatures. Never the running text: a letter that mentions "vragen van het lid X" on
    page 12 was not asked by X. A field that cannot be read cleanly stays empty, with a
    ``metadata-unclear`` warning.
    """
    reading = _Reading()
    fields = letterhead_fields(document.clean.reference_lines)
    header = _header_blocks(document)
    header_text = " ".join(block.text for block in header)
    aanhangsel = "Aanhangsel van de Handelingen" in header_text or bool(_VERGADERJAAR.search(header_text))
    source: EvidenceSource = "aanhangsel-header" if aanhangsel or document.kind == "vragen" else "cover-letter"
    asks = document.kind in ("antwoorden", "nota", "mededeling", "vragen")

    labelled = (("date", "Datum"), ("subject", "Betreft"), ("reference", "Kenmerk"), ("reference", "Ons kenmerk"))
    for name, label in labelled:
        found = fields.get(label)
        if found is None or name in reading.values:
            continue
        value = iso_date(found.value) if name == "date" else found.value
        if name == "reference" and not looks_like_reference(found.value):
            reading.unclear("reference", found.value, found.page)
            continue
        reading.set(name, value, "letterhead", found.page, f"{label} {found.value}")
    theirs = fields.get("Uw kenmerk")
    if theirs and (match := patterns.KENMERK.search(theirs.value)):
        reading.set("kenmerk", match["kenmerk"], "letterhead", theirs.page, f"Uw kenmerk {theirs.value}")

    for block in header if asks else ():
        _read_header_block(block, source, reading)
    # Any letter may be sent "mede namens" other ministers: its opening paragraphs say so.
    for block in header[:4]:
        if "on_behalf_of" not in reading.values:
            reading.set("on_behalf_of", parse_on_behalf_of(block.text), source, block.page, block.text)
    # The Aanhangsel number stands on a line of its own, a block after "... gegeven antwoorden".
    if asks and header and (match := _AANHANGSEL_NUMBER.search(header_text)):
        reading.set("aanhangsel_number", match["number"], source, header[0].page, header_text, match.span())
    if asks and "subject" not in reading.values:
        for block in header:
            reading.set("subject", subject_from_text(block.text), source, block.page, block.text)
            if "subject" in reading.values:
                break

    signatories = tuple(
        Signatory(role=", ".join(line.rstrip(", ") for line in lines[:-1]), name=lines[-1])
        for lines in document.signatory_lines
    )
    if signatories:
        reading.set("signatories", signatories, "signature", None, "; ".join(s.name for s in signatories))
    values = reading.values
    metadata = Metadata(
        kenmerk=str(values.get("kenmerk", "")),
        submitted=str(values.get("submitted", "")),
        received=str(values.get("received", "")),
        date=str(values.get("date", "")),
        subject=str(values.get("subject", "")),
        questioners=cast(tuple[Questioner, ...], values.get("questioners", ())),
        on_behalf_of=cast(tuple[str, ...], values.get("on_behalf_of", ())),
        signatories=signatories,
        answered_by=str(values.get("answered_by", "")),
        aanhangsel_number=str(values.get("aanhangsel_number", "")),
        vergaderjaar=str(values.get("vergaderjaar", "")),
        reference=str(values.get("reference", "")),
        kenmerk_url=kenmerk_url(str(values.get("kenmerk", ""))),
        aanhangsel_url=aanhangsel_url(str(values.get("aanhangsel_number", "")), str(values.get("vergaderjaar", ""))),
        evidence=tuple(reading.evidence),
    )
    return metadata, tuple(reading.warnings)


_HEADER_BLOCKS = 10
"""How many first blocks of the letter may state its metadata (the Aanhangsel header, the cover
letter's opening); the rest is running text."""


@dataclass(frozen=True)
class _HeaderBlock:
    """What a block of the letter's header says, and its page."""

    text: str
    page: int


def _header_blocks(document: SegmentedDocument) -> list[_HeaderBlock]:
    first_question_page = min((question.page for question in document.questions), default=None)
    return [
        _HeaderBlock(plain_block(block), block.span.page)
        for block in document.body[:_HEADER_BLOCKS]
        if first_question_page is None or block.span.page <= first_question_page
    ]


def _read_header_block(block: _HeaderBlock, source: EvidenceSource, reading: _Reading) -> None:
    """Read what one header block states: kenmerk, dates, questioners, answerer, Aanhangsel number."""
    text = block.text
    values = reading.values
    if "kenmerk" not in values and (match := patterns.KENMERK.search(text)):
        reading.set("kenmerk", match["kenmerk"], source, block.page, text, match.span())
    if "submitted" not in values and (match := patterns.SUBMITTED.search(text)):
        reading.set("submitted", iso_date(match.group()), source, block.page, text, match.span())
    if "received" not in values and (match := patterns.RECEIVED.search(text)):
        reading.set("received", iso_date(match.group()), source, block.page, text, match.span())
    if "vergaderjaar" not in values and (match := _VERGADERJAAR.search(text)):
        reading.set("vergaderjaar", regex.sub(r"\s+", "", match["year"]), source, block.page, text, match.span())
    if "answered_by" not in values and (match := _ANSWERED_BY.search(text)):
        who = join_lines([match["who"]])
        answered_by, _, behalf = who.partition(", mede namens ")
        reading.set("answered_by", answered_by, source, block.page, text, match.span())
        if behalf:
            on_behalf_of = parse_on_behalf_of(f"mede namens {behalf})")
            reading.set("on_behalf_of", on_behalf_of, source, block.page, text, match.span())
    if "on_behalf_of" not in values:
        reading.set("on_behalf_of", parse_on_behalf_of(text), source, block.page, text)
    if "questioners" not in values and _QUESTIONERS_INTRO.search(text):
        questioners = parse_questioners(text)
        members = tuple(questioner for questioner in questioners if looks_like_member(questioner))
        for questioner in questioners:
            if questioner not in members:
                reading.unclear("questioners", f"{questioner.name} ({questioner.party})", block.page)
        reading.set("questioners", members, source, block.page, text)


def kenmerk_url(kenmerk: str) -> str:
    """The Tweede Kamer's page of the questions with this kenmerk.

    >>> kenmerk_url("2023Z00475")
    'https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475'
    """
    return references.TWEEDE_KAMER_ZAAK.format(number=kenmerk) if patterns.KENMERK.fullmatch(kenmerk) else ""


def aanhangsel_url(number: str, vergaderjaar: str) -> str:
    """The published Aanhangsel of the Tweede Kamer with this number and vergaderjaar.

    >>> aanhangsel_url("1314", "2023–2024")
    'https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1314.html'
    """
    years = regex.sub(r"\D", "", vergaderjaar)
    if not number.isdigit() or len(years) != 8:
        return ""
    return references.OFFICIELE_BEKENDMAKINGEN.format(identifier=f"ah-tk-{years}-{number}")
