"""References to parliamentary and legal documents in running text, with identifier and URL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from pipeline.dates import MONTH_PREFIXES

ReferenceType = Literal[
    "kamerstuk", "aanhangsel", "handelingen", "staatscourant", "staatsblad", "zaak", "document", "eu-act", "ecli"
]
"""The kinds of document a reference can point at."""


@dataclass(frozen=True)
class Reference:
    """One reference to a document, as printed in a text and as a link target."""

    type: ReferenceType
    """What kind of document it points at."""

    identifier: str
    """The normalised identifier: "kst-36410-VIII-106", "ah-tk-20222023-1234", "2023Z00475",
    "eli/reg/2016/679/oj", "ECLI:NL:RVS:2023:123"."""

    printed: str
    """The text as printed, exactly ``text[start:end]`` (line breaks joined as they came)."""

    url: str
    """The canonical https URL of the document."""

    start: int
    """Where the reference starts in the text that was scanned."""

    end: int
    """Where it ends (exclusive)."""


# --- Where the links go -------------------------------------------------------------------
# Every form is documented, with the source that confirmed it, in the README section
# "References to other documents".

OFFICIELE_BEKENDMAKINGEN = "https://zoek.officielebekendmakingen.nl/{identifier}.html"
"""Kamerstukken, Aanhangsels, Handelingen, Staatscourant, Staatsblad: the ``preferredUrl`` that
KOOP's own metadata gives every publication ("https://zoek.officielebekendmakingen.nl/ah-tk-20192020-4046.html")."""

HANDELINGEN_MEETING = "https://zoek.officielebekendmakingen.nl/handelingen/{chamber}/{first}-{second}/{meeting}"
"""A whole plenary meeting, when the reference names no item ("Handelingen II 2024/25, nr. 8")."""

TWEEDE_KAMER_ZAAK = "https://www.tweedekamer.nl/kamerstukken/detail?id={number}"
TWEEDE_KAMER_DOCUMENT = "https://www.tweedekamer.nl/kamerstukken/detail?id={number}&did={number}"
"""The Tweede Kamer's own pages for a zaak ("2023Z00475") and a document ("2022D25169")."""

EUR_LEX_ELI = "https://eur-lex.europa.eu/{eli}"
"""An EU act by its European Legislation Identifier: eli/{type}/{year}/{number}/oj."""

RECHTSPRAAK_ECLI = "https://deeplink.rechtspraak.nl/uitspraak?id={ecli}"
"""A Dutch judgment: the deeplink that the Rechtspraak's open data gives as its identifier."""


# --- The parts references are made of -----------------------------------------------------

_DASH = r"[-‐‑–—]"
_YEAR_RANGE = rf"""(?P<first>(?:19|20)\d\d)\s?(?:/|{_DASH})\s?(?P<second>(?:19|20)?\d\d)(?!\d)"""
# A parliamentary year as printed: "2023/24", "2023/2024", "2023–2024", "2023 - 2024".

_VERGADERJAAR = r"(?i:verga-?\s?derjaar)"
# The word before a year, also when a hyphenated line break split it ("verga- derjaar").

_NUMBER = r"(?<!\d)[1-9]\d{0,4}(?!\d)(?![.,]\d)"
# A document number: 1 to 5 digits, not part of a longer number or a decimal.

_NOT_A_DATE = rf"(?!\s+(?i:{MONTH_PREFIXES})[a-z]*\b)"
# A number in a list is not the day of a date ("nrs. 1 en 2, 5 november").

_DOSSIER = r"""
    (?<!\d)\d\d\s?\d{3}(?!\d)                   # five digits, printed "36 410" or "36410"
    (?:\s?-\s?\d\d?(?!\d))?                     # a sub-series: "21 501-20"
    (?:(?:\s|-)(?:[IVXL]{1,7}[A-Z]?|[A-Z]{1,2})(?![\w]))?   # a chapter: "VIII", "IV", "IXB", "A"
"""
# Parsed again by _DOSSIER_PARTS once the whole reference matched.

_DOCUMENT_NUMBERS = rf"""
    (?:
        ,?\s*(?i:nrs)\.?\s*(?P<number>{_NUMBER})                  # "nrs. 1 en 2", "nrs. 3, 4 en 5"
            (?:\s*(?:,|\ben\b|&)\s*(?P<number>{_NUMBER}){_NOT_A_DATE})*
      | ,?\s*(?i:nr)\.?\s*(?P<number>{_NUMBER})                   # "nr. 106", "nr 106", "nr.537"
      | \s?-\s?(?P<number>[1-9]\d{{2,4}})(?!\d)                     # "21501-20-2128", "33529-1219"; two digits
                                                                  # after a hyphen are a sub-series: "21 501-20"
      | ,\s*(?P<number>[A-Z]{{1,3}})(?![\w-])                     # an Eerste Kamer letter: "36 021, B"
    )
"""

KAMERSTUK = regex.compile(
    rf"""
    (?:
        (?<!\p{{L}})[Kk]amer-?\s?stuk(?:-?\s?ken)?                  # Kamerstuk, Kamerstukken, Kamerstuk-ken
        (?:\s*(?P<chamber>I{{1,2}})(?![\w]))?                    # Kamerstukken I / II
        (?:,?\s*(?:{_VERGADERJAAR}\s*)?{_YEAR_RANGE})?            # 2023/24, vergaderjaar 2023–2024
      | (?<!\p{{L}})(?:TK|EK|Tweede\s+Kamer|Eerste\s+Kamer)          # TK vergaderjaar 2023–2024,
        ,?\s*{_VERGADERJAAR}\s*{_YEAR_RANGE}
    )
    ,?\s*(?P<dossier>{_DOSSIER})
    (?:,\s*\d\d\s?\d{{3}}(?!\d))*                                # a stuk of two dossiers: "31728, 30914, nr. 5"
    {_DOCUMENT_NUMBERS}
    """,
    regex.VERBOSE,
)
"""A Kamerstuk: "Kamerstukken II 2023/24, 36 410 IV, nr. 15", "(Kamerstuk 33529, nr. 1219)"."""

KAMERSTUK_CONTINUED = regex.compile(
    rf"""
    \s*(?:[,;]\s*(?:en\s+)?|\s(?:en|&)\s+)                       # ", " "; " " en "
    (?P<part>
        (?:(?P<chamber>I{{1,2}})\s+)?(?:{_YEAR_RANGE},?\s*)?       # "; I 2022/23, 36 021, B"
        (?P<dossier>{_DOSSIER})
        {_DOCUMENT_NUMBERS}
    )
    """,
    regex.VERBOSE,
)
"""A further Kamerstuk in the same list: "Kamerstukken 23 645, nr. 811 en 29 984, nr. 1207"."""

_DOSSIER_PARTS = regex.compile(
    r"(?P<main>\d\d\s?\d{3})(?:\s?-\s?(?P<sub>\d\d?))?(?:[\s-](?P<chapter>[A-Z]+))?",
)
"""The dossier number, sub-series and chapter of a matched dossier."""

_ROMAN_CHAPTER = regex.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})[A-D]?$")
_LETTER_CHAPTER = regex.compile(r"^[A-Z]{1,2}$")
"""A budget chapter: a Roman numeral with an optional letter ("VIII", "IXB"), or letters ("A")."""

AANHANGSEL = regex.compile(
    rf"""
    (?:
        (?<!\p{{L}})(?:Aanhangsel|Aanh\.)\s*(?:(?:van|bij)\s+de\s+)?(?:Handelingen|Hand\.)
        (?:\s*(?P<chamber>I{{1,2}})(?![\w]))?
        ,?\s*(?:{_VERGADERJAAR}\s*)?{_YEAR_RANGE}                  # Aanhangsel Handelingen II 2022/23
      | (?<!\p{{L}})(?P<house>Tweede|Eerste)\s+Kamer,?\s*{_VERGADERJAAR}\s*{_YEAR_RANGE}
        ,?\s*Aanhangsel\s+(?:van|bij)\s+de\s+Handelingen           # the Aanhangsel's own header
      | (?<!\p{{L}})Kamervragen\s*\(Aanhangsel\)\s*{_YEAR_RANGE}      # Kamervragen (Aanhangsel) 2023–2024
    )
    ,?\s*(?:(?i:nr)\.?\s*)?(?P<number>{_NUMBER})(?!/)
    """,
    regex.VERBOSE,
)
"""An answer in the Aanhangsel: "Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594"."""

HANDELINGEN = regex.compile(
    rf"""
    (?<!\p{{L}})(?:Handelingen|Hand\.)
    (?:\s*(?P<chamber>I{{1,2}})(?![\w]))?
    ,?\s*(?:{_VERGADERJAAR}\s*)?{_YEAR_RANGE}
    ,?\s*(?i:nr)\.?\s*(?P<meeting>{_NUMBER})                      # the meeting
    (?:,?\s*(?i:item)\s*(?P<item>{_NUMBER}))?                     # the item of its agenda
    """,
    regex.VERBOSE,
)
"""The record of a plenary meeting: "Handelingen II 2023/24, nr. 45, item 12"."""

PRINTED_IDENTIFIER = regex.compile(
    rf"""
    (?<![\p{{L}}-])
    (?:
        (?P<kind>ah|h)-(?P<house>tk|ek)-(?P<first>(?:19|20)\d\d){_DASH}?(?P<second>(?:19|20)\d\d)
        (?:{_DASH}|,\s*(?i:nr)\.?\s*)(?P<number>{_NUMBER})          # ah-tk-20242025-580, ah-tk-2017–2018, nr.2509
        (?:-(?P<item>{_NUMBER}))?
      | kst-(?P<dossier>\d{{5}}(?:-\d\d?)?(?:-(?:[IVXL]{{1,7}}[A-Z]?|[A-Z]{{1,2}}))?)
        -(?P<number>{_NUMBER}|[A-Z]{{1,3}})                         # kst-36410-VIII-106, kst-35261-B
      | (?P<kind>stcrt|stb)-(?P<year>(?:18|19|20)\d\d)-(?P<number>[1-9]\d{{0,5}})
    )
    (?![\w-])
    """,
    regex.VERBOSE,
)
"""An identifier printed as such: "ah-tk-20202021-2345", "kst-36600-VII-1", "stcrt-2023-3251"."""

GAZETTE = regex.compile(
    rf"""
    (?<!\p{{L}})(?:(?P<stcrt>Stcrt|Staatscourant)|(?P<stb>Stb|Staatsblad))\.?
    \s*(?P<year>(?:18|19|20)\d\d)
    (?:,\s*(?:(?i:nr)\.?\s*)?|\s+(?i:nr)\.?\s*)                     # ", " or ", nr. " or " nr. "
    (?P<number>[1-9]\d{{0,5}})(?![\d/])
    {_NOT_A_DATE}                                                 # not a date: "2020, 1 januari"
    """,
    regex.VERBOSE,
)
"""The Staatscourant and the Staatsblad: "Stcrt. 2023, 3251", "Stb. 2021, 123"."""

ZAAK_OR_DOCUMENT = regex.compile(r"(?<![\w])(?P<year>(?:19|20)\d\d)(?P<kind>[ZD])(?P<serial>\d{5})(?![\w])")
"""A Tweede Kamer zaak ("2023Z00475") or document ("2022D25169") number."""

EU_ACT = regex.compile(
    r"""
    (?<!\p{L})
    (?P<kind>
        (?i:gedelegeerde)\s+(?i:verordening|richtlijn|besluit)
      | (?i:uitvoerings-?)\s?(?i:verordening|richtlijn|besluit)
      | [Vv]erordening | [Rr]ichtlijn | [Bb]esluit | [Bb]eschikking
    )
    \s*
    (?:
        \((?P<marker>EU|EG|EEG|Euratom|EU,\s?Euratom|EG,\s?Euratom)\)
        \s*(?P<nr>(?i:nr)\.?\s*)?(?P<first>\d{1,4})/(?P<second>\d{1,4})(?![\d/])
                                                   # (EU) 2016/679, (EG) nr. 924/2009
      | (?P<nr>(?i:nr)\.?\s*)?(?P<first>\d{2,4})/(?P<second>\d{1,4})/(?P<suffix>EU|EG|EEG|Euratom)(?![\w])
                                                   # 2011/92/EU, 95/46/EG, nr. 1082/2013/EU
    )
    """,
    regex.VERBOSE,
)
"""An EU regulation, directive or decision by its number."""

ECLI = regex.compile(
    r"""
    (?<!\p{L})ECLI:
    (?P<country>NL)(?:-\s?)?:                       # "ECLI:NL-" + line break + ":RBDHA:…" too
    (?P<court>[A-Z][A-Z0-9]{0,6})(?:-\s?)?:
    (?P<year>\d{4})(?:-\s?)?:
    (?P<ordinal>[A-Z0-9](?:[A-Z0-9.]{0,23}[A-Z0-9])?)(?![\w])
    """,
    regex.VERBOSE,
)
"""A Dutch judgment: "ECLI:NL:RVS:2023:123", "ECLI:NL:HR:2007:BB5172"."""

URL_IN_TEXT = regex.compile(r"(?:https?://|www\.)\S+", regex.IGNORECASE)
"""A URL: references inside one ("detail?id=2024D42030") are part of the URL, not of the text."""


# --- Checking the parts -------------------------------------------------------------------


def parliamentary_year(first: str, second: str) -> str | None:
    """The year as identifiers write it, or None when the two years do not follow each other.

    >>> parliamentary_year("2023", "24")
    '20232024'
    >>> parliamentary_year("2023", "2024")
    '20232024'
    >>> parliamentary_year("1999", "00")
    '19992000'
    >>> parliamentary_year("2023", "25") is None
    True
    """
    start = int(first)
    end = int(second)
    follows = end == start + 1 if len(second) == 4 else end == (start + 1) % 100
    return f"{start}{start + 1}" if follows else None


def dossier_identifier(printed: str) -> str | None:
    """A dossier as identifiers write it: no spaces, parts joined by hyphens; None if invalid.

    >>> dossier_identifier("36 410 VIII")
    '36410-VIII'
    >>> dossier_identifier("21 501-20")
    '21501-20'
    >>> dossier_identifier("36410 A")
    '36410-A'
    >>> dossier_identifier("36 410 IIII") is None
    True
    """
    parts = _DOSSIER_PARTS.fullmatch(printed.strip())
    if parts is None:
        return None
    pieces = [regex.sub(r"\s", "", parts["main"])]
    if parts["sub"]:
        pieces.append(parts["sub"].zfill(2))
    chapter = parts["chapter"]
    if chapter:
        if not (_ROMAN_CHAPTER.match(chapter) or _LETTER_CHAPTER.match(chapter)):
            return None
        pieces.append(chapter)
    return "-".join(pieces)


def eu_year(printed: str) -> int | None:
    """The year of an EU act's number: four digits from 1952, or two digits for 1958-1999.

    >>> eu_year("2016"), eu_year("95"), eu_year("71")
    (2016, 1995, 1971)
    >>> eu_year("679") is None, eu_year("12") is None
    (True, True)
    """
    if len(printed) == 4 and 1952 <= int(printed) <= 2099:
        return int(printed)
    if len(printed) == 2 and int(printed) >= 58:
        return 1900 + int(printed)
    return None


def eu_year_and_number(first: str, second: str, *, number_first: bool, marker_style: bool) -> tuple[int, int] | None:
    """Which half of "2016/679" or "924/2009" is the year, by the way EU acts are numbered.

    An act printed with "nr." puts its number first ("(EG) nr. 924/2009", "Besluit nr.
    1082/2013/EU"); a directive or decision with the maker after the number puts the year first
    ("2011/92/EU", "95/46/EG"); and since 2015 every act is "(EU) year/number" ("(EU) 2016/679").
    A form that fits neither reading stays text.

    >>> eu_year_and_number("2016", "679", number_first=False, marker_style=True)
    (2016, 679)
    >>> eu_year_and_number("924", "2009", number_first=True, marker_style=True)
    (2009, 924)
    >>> eu_year_and_number("1907", "2006", number_first=False, marker_style=True)
    (2006, 1907)
    >>> eu_year_and_number("2011", "92", number_first=False, marker_style=False)
    (2011, 92)
    >>> eu_year_and_number("2023", "12", number_first=True, marker_style=True) is None
    True
    """
    as_year_number = (eu_year(first), int(second))
    as_number_year = (eu_year(second), int(first))
    if number_first:
        readings = [as_number_year]
    elif not marker_style:
        readings = [as_year_number]
    else:
        # "(EU) 2016/679" from 2015 on; "(EG) 1907/2006" printed without its "nr.".
        year_first = as_year_number[0] is not None and (as_year_number[0] >= 2015 or as_number_year[0] is None)
        readings = [as_year_number] if year_first else [as_number_year]
    for year, number in readings:
        if year is not None and number > 0:
            return year, number
    return None


# --- Recognising each form ----------------------------------------------------------------


def _officiele_bekendmaking(kind: ReferenceType, identifier: str, text: str, start: int, end: int) -> Reference:
    url = OFFICIELE_BEKENDMAKINGEN.format(identifier=identifier)
    return Reference(kind, identifier, text[start:end], url, start, end)


def _house(chamber: str | None) -> str:
    """The chamber as identifiers write it: "ek" for I, otherwise the Tweede Kamer, "tk"."""
    return "ek" if chamber == "I" else "tk"


def _kamerstukken(match: regex.Match[str], text: str, start: int) -> list[Reference]:
    """One Reference per document number, the first from ``start``, the others just the number."""
    if match["first"] is not None and parliamentary_year(match["first"], match["second"]) is None:
        return []
    dossier = dossier_identifier(match["dossier"])
    if dossier is None:
        return []
    if match["chamber"] != "I" and any(number.isalpha() for number in match.captures("number")):
        return []  # only Eerste Kamer stukken are numbered by letters: "(Kamerstuk 21 501-20, EU-Raad)" is no reference
    found = []
    for index, (number, (number_start, number_end)) in enumerate(
        zip(match.captures("number"), match.spans("number"), strict=True)
    ):
        identifier = f"kst-{dossier}-{number}"
        reference_start = start if index == 0 else number_start
        found.append(_officiele_bekendmaking("kamerstuk", identifier, text, reference_start, number_end))
    return found


def kamerstukken_in(text: str) -> Iterator[Reference]:
    """Kamerstukken, each number of a list its own reference.

    >>> [r.identifier for r in kamerstukken_in("Kamerstukken 29 282, nrs. 1 en 2")]
    ['kst-29282-1', 'kst-29282-2']
    >>> [r.printed for r in kamerstukken_in("(Kamerstuk 23 645, nr. 811 en 29 984, nr. 1207)")]
    ['Kamerstuk 23 645, nr. 811', '29 984, nr. 1207']
    """
    for match in KAMERSTUK.finditer(text):
        found = _kamerstukken(match, text, match.start())
        if not found:
            continue
        yield from found
        position = match.end()
        while (more := KAMERSTUK_CONTINUED.match(text, position)) is not None:
            continued = _kamerstukken(more, text, more.start("part"))
            if not continued:
                break
            yield from continued
            position = more.end()


def aanhangsels_in(text: str) -> Iterator[Reference]:
    """Answers published in the Aanhangsel van de Handelingen.

    >>> [r.identifier for r in aanhangsels_in("Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 594")]
    ['ah-tk-20232024-594']
    >>> [r.identifier for r in aanhangsels_in("Aanhangsel Handelingen I 2022/23, nr. 12")]
    ['ah-ek-20222023-12']
    """
    for match in AANHANGSEL.finditer(text):
        year = parliamentary_year(match["first"], match["second"])
        if year is None:
            continue
        chamber = "I" if match["house"] == "Eerste" else match["chamber"]
        identifier = f"ah-{_house(chamber)}-{year}-{match['number']}"
        yield _officiele_bekendmaking("aanhangsel", identifier, text, match.start(), match.end())


def handelingen_in(text: str) -> Iterator[Reference]:
    """Records of plenary meetings: an item of a meeting, or a whole meeting.

    >>> [r.url for r in handelingen_in("Handelingen II 2023/24, nr. 45, item 12")]
    ['https://zoek.officielebekendmakingen.nl/h-tk-20232024-45-12.html']
    >>> [r.url for r in handelingen_in("Handelingen II, vergaderjaar 2024–2025, nr. 8")]
    ['https://zoek.officielebekendmakingen.nl/handelingen/TK/2024-2025/8']
    """
    for match in HANDELINGEN.finditer(text):
        year = parliamentary_year(match["first"], match["second"])
        if year is None:
            continue
        house = _house(match["chamber"])
        identifier = f"h-{house}-{year}-{match['meeting']}"
        if match["item"]:
            identifier += f"-{match['item']}"
            yield _officiele_bekendmaking("handelingen", identifier, text, match.start(), match.end())
        else:
            url = HANDELINGEN_MEETING.format(
                chamber=house.upper(), first=year[:4], second=year[4:], meeting=match["meeting"]
            )
            yield Reference("handelingen", identifier, match.group(), url, match.start(), match.end())


def printed_identifiers_in(text: str) -> Iterator[Reference]:
    """Identifiers printed as such, normalised ("ah-tk-2017–2018, nr.2509" is ah-tk-20172018-2509).

    >>> [r.identifier for r in printed_identifiers_in("zie ah-tk-20202021–2345 en kst-35261-B")]
    ['ah-tk-20202021-2345', 'kst-35261-B']
    """
    for match in PRINTED_IDENTIFIER.finditer(text):
        kind: ReferenceType
        if match["dossier"]:
            dossier = dossier_identifier(match["dossier"])
            if dossier is None:
                continue
            kind, identifier = "kamerstuk", f"kst-{dossier}-{match['number']}"
        elif match["year"]:
            kind = "staatscourant" if match["kind"] == "stcrt" else "staatsblad"
            identifier = f"{match['kind']}-{match['year']}-{match['number']}"
        else:
            year = parliamentary_year(match["first"], match["second"])
            if year is None:
                continue
            kind = "aanhangsel" if match["kind"] == "ah" else "handelingen"
            identifier = f"{match['kind']}-{match['house']}-{year}-{match['number']}"
            if match["item"]:
                identifier += f"-{match['item']}"
        yield _officiele_bekendmaking(kind, identifier, text, match.start(), match.end())


def gazettes_in(text: str) -> Iterator[Reference]:
    """The Staatscourant and the Staatsblad.

    >>> [r.identifier for r in gazettes_in("Stcrt. 2023, 3251 en Stb. 2021, 123; Stcrt. 2023")]
    ['stcrt-2023-3251', 'stb-2021-123']
    """
    for match in GAZETTE.finditer(text):
        kind: ReferenceType = "staatscourant" if match["stcrt"] else "staatsblad"
        identifier = f"{'stcrt' if match['stcrt'] else 'stb'}-{match['year']}-{match['number']}"
        yield _officiele_bekendmaking(kind, identifier, text, match.start(), match.end())


def zaken_and_documents_in(text: str) -> Iterator[Reference]:
    """Tweede Kamer zaak and document numbers.

    >>> [(r.type, r.url) for r in zaken_and_documents_in("2023Z00475 en 2022D25169")]  # doctest: +NORMALIZE_WHITESPACE
    [('zaak', 'https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475'),
     ('document', 'https://www.tweedekamer.nl/kamerstukken/detail?id=2022D25169&did=2022D25169')]
    """
    for match in ZAAK_OR_DOCUMENT.finditer(text):
        if not 1990 <= int(match["year"]) <= 2099:
            continue
        number = match.group()
        if match["kind"] == "Z":
            yield Reference("zaak", number, number, TWEEDE_KAMER_ZAAK.format(number=number), match.start(), match.end())
        else:
            url = TWEEDE_KAMER_DOCUMENT.format(number=number)
            yield Reference("document", number, number, url, match.start(), match.end())


_ELI_TYPES = {"verordening": "reg", "richtlijn": "dir", "besluit": "dec", "beschikking": "dec"}


def eli_type(kind: str) -> str:
    """The ELI document type of an act's name: "reg", "dir", "dec", with "_impl" or "_del".

    >>> eli_type("Verordening"), eli_type("Uitvoeringsverordening"), eli_type("Gedelegeerde richtlijn")
    ('reg', 'reg_impl', 'dir_del')
    """
    lowered = kind.lower()
    base = next(code for word, code in _ELI_TYPES.items() if word in lowered)
    if lowered.startswith("uitvoerings"):
        return base + "_impl"
    if lowered.startswith("gedelegeerde"):
        return base + "_del"
    return base


def eu_acts_in(text: str) -> Iterator[Reference]:
    """EU regulations, directives and decisions, by their ELI.

    >>> [r.identifier for r in eu_acts_in("Verordening (EG) nr. 924/2009 en Richtlijn 2011/92/EU")]
    ['eli/reg/2009/924/oj', 'eli/dir/2011/92/oj']
    """
    for match in EU_ACT.finditer(text):
        reading = eu_year_and_number(
            match["first"],
            match["second"],
            number_first=match["nr"] is not None,
            marker_style=match["marker"] is not None,
        )
        if reading is None:
            continue
        year, number = reading
        eli = f"eli/{eli_type(match['kind'])}/{year}/{number}/oj"
        yield Reference("eu-act", eli, match.group(), EUR_LEX_ELI.format(eli=eli), match.start(), match.end())


def eclis_in(text: str) -> Iterator[Reference]:
    """Dutch judgments by their ECLI, also when a line break split one.

    >>> [r.identifier for r in eclis_in("ECLI:NL:RVS:2024:3951. En ECLI:NL- :RBDHA:2023:2055")]
    ['ECLI:NL:RVS:2024:3951', 'ECLI:NL:RBDHA:2023:2055']
    """
    for match in ECLI.finditer(text):
        if not 1800 <= int(match["year"]) <= 2099:
            continue
        ecli = f"ECLI:{match['country']}:{match['court']}:{match['year']}:{match['ordinal']}"
        yield Reference("ecli", ecli, match.group(), RECHTSPRAAK_ECLI.format(ecli=ecli), match.start(), match.end())


# --- All together -------------------------------------------------------------------------

_RECOGNISERS = (
    kamerstukken_in,
    aanhangsels_in,
    handelingen_in,
    printed_identifiers_in,
    gazettes_in,
    zaken_and_documents_in,
    eu_acts_in,
    eclis_in,
)


def find_references(text: str) -> list[Reference]:
    """Every reference in the text, in order, non-overlapping (a list "nrs. 1 en 2" gives one
    Reference per number, each with its own span covering the number, the first also covering
    the dossier part).

    Where two readings overlap, the one that starts first wins, then the longer one: "Aanhangsel
    Handelingen, vergaderjaar 2024–2025, nr. 507" is an Aanhangsel, not Handelingen. Nothing
    inside a URL is a reference.

    >>> [(r.type, r.identifier) for r in find_references("Zie Kamerstuk 36 410 VIII, nr. 106 (2023Z00475).")]
    [('kamerstuk', 'kst-36410-VIII-106'), ('zaak', '2023Z00475')]
    >>> find_references("nr. 3, 2023-2024, 070 426 64 26")
    []
    """
    urls = [match.span() for match in URL_IN_TEXT.finditer(text)]
    candidates = sorted(
        (reference for recognise in _RECOGNISERS for reference in recognise(text)),
        key=lambda reference: (reference.start, -reference.end),
    )
    kept: list[Reference] = []
    taken_until = 0
    for reference in candidates:
        if reference.start < taken_until:
            continue
        if any(start < reference.end and reference.start < end for start, end in urls):
            continue
        kept.append(reference)
        taken_until = reference.end
    return kept
