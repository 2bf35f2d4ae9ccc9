"""Metadata: what the letter says about itself (kenmerk, dates, questioners, signatories)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pipeline import patterns
from pipeline.model import Metadata, Questioner, RawLine, SegmentedDocument, Signatory
from pipeline.text import join_lines

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}

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


def iso_date(text: str) -> str:
    """A Dutch date as ISO 8601: "18 januari 2023" -> "2023-01-18"; empty if there is none.

    >>> iso_date("ingezonden op 18 januari 2023")
    '2023-01-18'
    """
    match = patterns.DUTCH_DATE.search(text)
    if not match:
        return ""
    month = MONTHS[match["month"].lower()]
    return f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}"


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
    """The subject of the questions as the cover letter names it ("over ...")."""
    intro = regex.search(
        r"\bvragen\b.*?\bover\s+(?P<subject>.+?)(?:\s+\(ingezonden|\.\s|\.$)", text, regex.DOTALL | regex.IGNORECASE
    )
    return intro["subject"].strip() if intro else ""


def letterhead_fields(lines: Sequence[RawLine]) -> dict[str, str]:
    """Read the labelled fields of a letterhead or reference column: Datum, Betreft, Kenmerk ...

    A field's value follows its label on the same line or on the lines below it, in the same
    column: where lines have boxes, a line beside the field's first line (not under it) belongs
    to the column next to it.
    """
    fields: dict[str, list[str]] = {}
    current = ""
    anchor: RawLine | None = None
    for line in lines:
        text = line.text.strip()
        label = next((name for name in _FIELD_LABELS_LONGEST_FIRST if regex.match(rf"{name}\b", text)), "")
        if label:
            current, anchor = label, line
            fields[current] = [text[len(label) :].strip()]
        elif current and text and not fields[current][-1] and len(fields[current]) == 1:
            # The label stood alone (a bold "Betreft" beside its value): the value sets the column.
            fields[current] = [text]
            anchor = line
            if current not in _MULTILINE_FIELDS:
                current = ""
        elif current and text and _same_column(anchor, line):
            fields[current].append(text)
            if current not in _MULTILINE_FIELDS:
                current = ""
    return {"Betreft" if name == "Onderwerp" else name: join_lines(values) for name, values in fields.items()}


def _same_column(anchor: RawLine | None, line: RawLine) -> bool:
    if anchor is None or anchor.box is None or line.box is None:
        return True
    return line.box.x0 < anchor.box.x1 and line.box.x1 > anchor.box.x0


def extract_metadata(document: SegmentedDocument) -> Metadata:
    """Collect the metadata from the cover letter, the letterhead and the signatures."""
    cover = " ".join(block.text for block in document.body)
    fields = letterhead_fields(document.clean.reference_lines)
    kenmerk_match = patterns.KENMERK.search(fields.get("Uw kenmerk", "")) or patterns.KENMERK.search(cover)
    submitted = patterns.SUBMITTED.search(cover)
    received = patterns.RECEIVED.search(cover)
    answered_by = _ANSWERED_BY.search(cover)
    vergaderjaar = _VERGADERJAAR.search(cover)
    signatories = tuple(
        Signatory(role=", ".join(line.rstrip(", ") for line in lines[:-1]), name=lines[-1])
        for lines in document.signatory_lines
    )
    return Metadata(
        kenmerk=kenmerk_match["kenmerk"] if kenmerk_match else "",
        submitted=iso_date(submitted.group()) if submitted else "",
        received=iso_date(received.group()) if received else "",
        date=iso_date(fields.get("Datum", "")),
        subject=fields.get("Betreft", "") or (subject_from_text(cover) if document.questions else ""),
        questioners=parse_questioners(cover),
        on_behalf_of=next(filter(None, (parse_on_behalf_of(block.text) for block in document.body)), ()),
        signatories=signatories,
        answered_by=join_lines([answered_by["who"]]) if answered_by else "",
        aanhangsel_number=aanhangsel_number(document),
        vergaderjaar=regex.sub(r"\s+", "", vergaderjaar["year"]) if vergaderjaar else "",
        reference=fields.get("Kenmerk", "") or fields.get("Ons kenmerk", ""),
    )


def aanhangsel_number(document: SegmentedDocument) -> str:
    """The Aanhangsel number, printed on a line of its own in the header after "antwoorden"."""
    blocks = [block.text for block in document.body[:6]]
    header = " ".join(blocks)
    if "Aanhangsel van de Handelingen" not in header:
        return ""
    match = regex.search(r"gegeven\s+antwoorden\s+(?P<number>\d{1,5})\b", header)
    return match["number"] if match else ""
