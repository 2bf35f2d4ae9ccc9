"""Metadata: what the letter says about itself (kenmerk, dates, questioners, signatories)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import regex

from pipeline import patterns, references
from pipeline.askers import (
    looks_like_member,
    nota_fracties,
    parse_committee,
    parse_fracties,
    parse_questioners,
    with_parties,
)
from pipeline.dates import iso_date
from pipeline.letterhead import Field, letterhead_fields
from pipeline.model import (
    DocumentWarning,
    Evidence,
    EvidenceSource,
    Metadata,
    Questioner,
    SegmentedDocument,
    Signatory,
    plain,
    plain_block,
)
from pipeline.text import join_lines

_MINISTER_START = regex.compile(r",?\s*(?:\ben\s+)?(?=\bde\s+(?:minister|staatssecretaris)\b)", regex.IGNORECASE)
_ANSWERED_BY = regex.compile(
    r"\b(?:Antwoord|Mededeling)\s+van\s+(?P<who>.+?)\s*\(ontvangen", regex.IGNORECASE | regex.DOTALL
)
_AANHANGSEL_NUMBER = regex.compile(r"(?:gegeven\s+antwoorden\s+|^AH\s+)(?P<number>\d{1,5})\b")
_VERGADERJAAR = regex.compile(r"Vergaderjaar\s+(?P<year>\d{4}\s*[–-]\s*\d{4})", regex.IGNORECASE)
_REFERENCE_LABELS = ("Ons kenmerk", "Onze referentie", "Kenmerk")
"""The labels of the ministry's own reference, in the order they are preferred."""
_THEIR_LABELS = ("Uw kenmerk", "Uw referentie")
"""The labels under which a ministry prints the Tweede Kamer's number of the questions."""
_THEIR_DATE_LABELS = ("Datum document", "Uw brief")
"""The labels of the date of the letter answered: the day the questions were sent."""
_ANSWERING_KINDS = ("antwoorden", "nota", "mededeling")
_ANSWERS_OF = regex.compile(r"^(?:Beantwoording|Antwoord(?:en)?)\s+van\s+(?P<office>de\s+\S.*)", regex.IGNORECASE)
"""The title of answers that name who gives them."""
_LOWER_WORDS = frozenset({"van", "voor", "en", "de", "het", "der"})


def parse_on_behalf_of(text: str) -> tuple[str, ...]:
    """The ministers in a "mede namens ..." clause, one per entry.

    >>> parse_on_behalf_of("mede namens de minister van Sociale Zaken en Werkgelegenheid en de "
    ...     "minister van Onderwijs, Cultuur en Wetenschap, de antwoorden")
    ('de minister van Sociale Zaken en Werkgelegenheid', 'de minister van Onderwijs, Cultuur en Wetenschap')
    >>> parse_on_behalf_of("mede namens de minister van Onderwijs, Cultuur en Wetenschap.")
    ('de minister van Onderwijs, Cultuur en Wetenschap',)
    """
    match = regex.search(r"mede\s+namens\s+(?P<rest>.+)", text, regex.IGNORECASE | regex.DOTALL)
    if not match:
        return ()
    rest = match["rest"]
    # The clause ends where the sentence goes on: ", de antwoorden", ", bied ik", ")".
    end = regex.search(r",\s+(?!de\s+(?:minister|staatssecretaris))(?=\p{Ll})|\s*\(|\)|\.(?:\s|$)", rest)
    clause = rest[: end.start()] if end else rest
    # Each part names an office, which ends at the first word that cannot go on naming it
    # ("de minister voor Natuur en Stikstof de vragen van ..." where no comma closes the clause);
    # a part that names no office ("de leden van de D66-fractie") is none.
    parts = [office(part.strip(" ,")) for part in _MINISTER_START.split(clause)]
    return tuple(part for part in parts if part)


_OFFICE = regex.compile(
    r"""^(?:(?:de|het|mijn|zijn|haar|onze)\s+)?
    (?:minister-president|ministers?|staatssecretariss?(?:en)?|ambtgeno(?:o|t)en|ambtgenoot|collega(?:'s|’s)?
      |bewindspersonen|bewindspersoon|premier)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)
"""A bewindspersoon, by the office: "de minister", "de staatssecretarissen", "mijn ambtgenoot"."""
_OFFICE_WORD = regex.compile(r"^(?:\p{Lu}|\d|\p{Ll}+\p{Lu})|^(?:en|van|voor|[-–,])$")
"""A word that may go on naming an office: a name ("Natuur", "enSport" glued in print), or what
joins the names ("en", "van", "voor", a dash)."""


def office(text: str) -> str:
    """The office a text starts by naming, up to the first word that cannot go on naming it; empty
    if the text names no minister or state secretary.

    >>> office("de minister voor Natuur en Stikstof de vragen van het lid Van Raan")
    'de minister voor Natuur en Stikstof'
    >>> office("de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Justitie en Veiligheid")
    'de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Justitie en Veiligheid'
    >>> office("de leden van de D66-fractie en de vragen van de leden van de PvdA-, CDA- en SP-fractie")
    ''
    """
    start = _OFFICE.match(text)
    if start is None:
        return ""
    end = start.end()
    for word in regex.finditer(r"[^\s,]+|,", text[end:]):
        if not _OFFICE_WORD.match(word.group()):
            break
        end = start.end() + word.end()
    return regex.sub(r"(?:[\s,]+(?:en|van|voor|[-–]))+$|[\s,]+$", "", text[:end])


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

    The letterhead's labelled fields (Datum, Betreft, Ons kenmerk, Uw referentie), the header of
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
    asks = document.kind in (*_ANSWERING_KINDS, "vragen")

    _read_letterhead(fields, reading)
    if "reference" not in reading.values:
        _read_document_code(document, reading)
    for block in header if asks else ():
        _read_header_block(block, source, reading)
    # The date of the letter answered, where no header says when the questions were sent in.
    for label in _THEIR_DATE_LABELS if asks else ():
        if (found := fields.get(label)) and "submitted" not in reading.values:
            reading.set("submitted", iso_date(found.value), "letterhead", found.page, f"{found.label} {found.value}")
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
    if asks:
        _read_askers(document, header, fields.get("Betreft"), source, reading)
        _read_kenmerk_elsewhere(fields, header, source, reading)
    signatories = tuple(Signatory(role=signed_lines(lines[:-1]), name=lines[-1]) for lines in document.signatory_lines)
    if signatories:
        reading.set("signatories", signatories, "signature", None, "; ".join(s.name for s in signatories))
        # Who answered, where no Aanhangsel header says so: who signed the answers.
        if document.kind in _ANSWERING_KINDS and "answered_by" not in reading.values:
            text = "; ".join(f"{s.role}, {s.name}" for s in signatories)
            reading.set("answered_by", answerer(signatories), "signature", None, text)
    # Unsigned answers name who gives them in their title: "Antwoorden van de minister van
    # Buitenlandse Zaken, op de feitelijke vragen ...".
    for block in header if document.kind in _ANSWERING_KINDS and "answered_by" not in reading.values else ():
        if (title := _ANSWERS_OF.match(block.text)) and (given_by := office(title["office"])):
            reading.set("answered_by", given_by.removeprefix("de "), source, block.page, block.text)
            break
    _check_dates(reading)
    return _metadata(reading.values, signatories, reading.evidence), tuple(reading.warnings)


def _metadata(values: dict[str, object], signatories: tuple[Signatory, ...], evidence: Sequence[Evidence]) -> Metadata:
    return Metadata(
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
        evidence=tuple(evidence),
    )


def _read_letterhead(fields: dict[str, Field], reading: _Reading) -> None:
    """The letter's date and subject, the ministry's own reference and the Kamer's number of the
    questions, each from its labelled field; the two numbers are never mixed up."""
    if found := fields.get("Datum"):
        reading.set("date", iso_date(found.value), "letterhead", found.page, f"{found.label} {found.value}")
    if found := fields.get("Betreft"):
        reading.set("subject", found.value, "letterhead", found.page, f"{found.label} {found.value}")
    for label in _THEIR_LABELS:
        found = fields.get(label)
        if found and "kenmerk" not in reading.values and (match := patterns.KENMERK.search(found.value)):
            reading.set("kenmerk", match["kenmerk"], "letterhead", found.page, f"{found.label} {found.value}")
    for label in _REFERENCE_LABELS:
        found = fields.get(label)
        if found is None or "reference" in reading.values:
            continue
        if not looks_like_reference(found.value) or patterns.KENMERK.fullmatch(found.value):
            reading.unclear("reference", found.value, found.page)
            continue
        reading.set("reference", found.value, "letterhead", found.page, f"{found.label} {found.value}")


def _read_kenmerk_elsewhere(
    fields: dict[str, Field], header: Sequence[_HeaderBlock], source: EvidenceSource, reading: _Reading
) -> None:
    """The Kamer's number of the questions where no labelled field or header sentence gave it: in
    the subject ("Beantwoording Kamervragen over … (2023Z04069)"); else a number printed with a
    digit too few or too many ("Uw referentie 2015Z146267"), kept as printed with a warning, as it
    links to no zaak."""
    betreft = fields.get("Betreft")
    if "kenmerk" in reading.values:
        return
    if betreft and (match := patterns.KENMERK.search(betreft.value)):
        reading.set("kenmerk", match["kenmerk"], "letterhead", betreft.page, f"{betreft.label} {betreft.value}")
        return
    printed = [found for label in (*_THEIR_LABELS, "Betreft") if (found := fields.get(label))]
    places = [(f"{found.label} {found.value}", found.page, "letterhead") for found in printed]
    places += [(block.text, block.page, source) for block in header]
    for text, page, where in places:
        if match := patterns.KENMERK_MALFORMED.search(text):
            value = match["kenmerk"]
            reading.set("kenmerk", value, cast(EvidenceSource, where), page, text, match.span())
            reading.warnings.append(
                DocumentWarning(
                    "kenmerk-malformed",
                    f"the Kamer's number of the questions is printed as {value!r}, which is no zaak number "
                    "(2023Z01234: four digits, Z, five digits); kept as printed, without a link",
                    page,
                )
            )
            return


_DOCUMENT_CODE = regex.compile(r"^(?=.*\d)(?=.*\p{L})[\p{L}\d][\p{L}\d./_-]{3,30}$")
"""A ministry's document code as its template prints it in the footer: "W6662.NAV"."""


def _read_document_code(document: SegmentedDocument, reading: _Reading) -> None:
    """The ministry's own reference where no letterhead labels one: a code (one word of letters and
    digits) that the letter prints alone as furniture on every page, as a Word template's footer does."""
    pages = document.clean.page_count
    codes = {
        removal.text
        for removal in document.clean.removed
        # The identifier of a publication (ah-tk-20232024-1893 atop an Aanhangsel) is none of the ministry's.
        if _DOCUMENT_CODE.match(removal.text) and not references.find_references(removal.text)
    }
    for code in sorted(codes):
        printed = sorted({r.page for r in document.clean.removed if r.text == code})
        if pages >= 2 and len(printed) == pages:
            reading.set("reference", code, "letterhead", printed[0], f"{code} (printed on every page)")
            return
        # A Word file has no pages; what it removed as furniture stands in a footer, on every page.
        if document.clean.input_format == "docx" and any(
            r.kind == "furniture" for r in document.clean.removed if r.text == code
        ):
            reading.set("reference", code, "letterhead", printed[0], f"{code} (in the footer)")
            return


def _read_askers(
    document: SegmentedDocument,
    header: Sequence[_HeaderBlock],
    betreft: Field | None,
    source: EvidenceSource,
    reading: _Reading,
) -> None:
    """Who asked: the members the header or the subject names (a party missing where they are
    first named is taken from a later mention), else the fracties it says asked ("de vragen van de
    leden van de VVD-fractie"), else a committee that the header says asked, else, in a nota, the
    fracties whose members ask its questions."""
    mentions = [(block.text, block.page, source) for block in header]
    if betreft is not None:
        mentions.append((f"{betreft.label} {betreft.value}", betreft.page, "letterhead"))
    read = [(parse_questioners(text), text, page, where) for text, page, where in mentions]
    chosen = None
    for questioners, text, page, where in read:
        members = tuple(questioner for questioner in questioners if looks_like_member(questioner))
        for questioner in questioners:
            if questioner not in members:
                reading.unclear("questioners", f"{questioner.name} ({questioner.party})", page)
        if members:
            chosen = (with_parties(members, [found for found, *_ in read]), text, page, where)
            break
    if chosen is not None:
        reading.set("questioners", chosen[0], chosen[3], chosen[2], chosen[1])
        return
    for text, page, where in mentions:
        if asked := parse_fracties(text):
            reading.set("questioners", asked, where, page, text)
            return
    for block in header:
        if committee := parse_committee(block.text):
            reading.set("questioners", (committee,), source, block.page, block.text)
            return
    if document.kind == "nota" and (fracties := nota_fracties(document.questions)):
        # Each fractie's evidence is the question that names it.
        for _, question in fracties:
            text = plain(question.parts)
            reading.set("questioners", tuple(fractie for fractie, _ in fracties), "questions", question.page, text)


def signed_lines(lines: Sequence[str]) -> str:
    """A role signed over several lines as one: a line cut after a word that cannot end a role
    runs on, other lines name a part of the role.

    >>> signed_lines(["De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties", "Digitalisering"])
    'De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Digitalisering'
    >>> signed_lines(["DE MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN", "SPORT,"])
    'DE MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN SPORT'
    """
    role = ""
    for line in lines:
        line = line.strip().rstrip(",")
        runs_on = not role or role.rsplit(" ", 1)[-1].lower() in _LOWER_WORDS
        role = f"{role} {line}".strip() if runs_on else f"{role}, {line}"
    return role


def answerer(signatories: Sequence[Signatory]) -> str:
    """Who answered, as the signatures say: role and name, the role without its article.

    >>> answerer([Signatory("DE MINISTER VAN INFRASTRUCTUUR EN MILIEU", "mw. drs. M.H. Schultz van Haegen")])
    'Minister van Infrastructuur en Milieu, mw. drs. M.H. Schultz van Haegen'
    >>> answerer([Signatory("De staatssecretaris van Financiën", "A. de Vries"), Signatory("", "B. Bakker")])
    'Staatssecretaris van Financiën, A. de Vries; B. Bakker'
    """
    return "; ".join(f"{signed_role(s.role)}, {s.name}" if s.role else s.name for s in signatories)


def signed_role(role: str) -> str:
    """A role as signed, without its article; one printed in capitals in the case of running text.

    >>> signed_role("DE MINISTER VOOR ARMOEDEBELEID, PARTICIPATIE EN PENSIOENEN")
    'Minister voor Armoedebeleid, Participatie en Pensioenen'
    """
    role = regex.sub(r"^de\s+", "", role.strip(), flags=regex.IGNORECASE)
    if role.isupper():
        role = " ".join(word.lower() if word.lower() in _LOWER_WORDS else word.capitalize() for word in role.split())
    return role[:1].upper() + role[1:]


def _check_dates(reading: _Reading) -> None:
    """A letter dated before its questions were sent in keeps its date as printed, with a warning:
    a ministry's slip ("25 maart 2014" for questions of 11 maart 2015) must not go unnoticed."""
    submitted = str(reading.values.get("submitted", ""))
    for name, what in (("date", "is dated"), ("received", "was received")):
        value = str(reading.values.get(name, ""))
        if submitted and value and value < submitted:
            page = next((item.page for item in reading.evidence if item.field == name), None)
            reading.warnings.append(
                DocumentWarning(
                    "date-before-submitted",
                    f"the letter {what} {value}, before its questions were sent in ({submitted}); "
                    "the date is given as printed",
                    page,
                )
            )


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
    """Read what one header block states: kenmerk, dates, answerer, Aanhangsel number."""
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
