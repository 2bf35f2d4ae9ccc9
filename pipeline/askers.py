"""Who asked: members of parliament with their parties, a committee, or a nota's fracties."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pipeline.ministries import find_ministries
from pipeline.model import Question, Questioner, plain

_QUESTIONERS_INTRO = regex.compile(
    r"""(?:gesteld\s+door|vragen\s+van)\s+(?:(?:de|het)\s+)?
    (?:(?:Eerste|Tweede)[\s-]+)?(?:Kamer)?(?:leden|lid)\s+     # "het lid", "het Kamerlid", "de Tweede Kamerleden"
    (?!der\s+Kamer)                                         # "de leden der Kamer"
    (?!van\s+(?:de|het)\s+[^()]*?(?:fracties?|commissie)\b)  # "de leden van de VVD-fractie": no names
    (?P<rest>.+)""",
    regex.IGNORECASE | regex.DOTALL | regex.VERBOSE,
)
"""Where the members are named: "gesteld door de leden ...", "vragen van het lid ...", and as
letters also print it, "gesteld door lid Sjoerdsma", "Kamervragen van het lid Hachchi", "vragen
van het Kamerlid Kamminga", "van de Kamerleden Segers (CU) en Voordewind (CU)"."""
_QUESTIONER_GROUP = regex.compile(r"(?P<names>[^()]+?)\s*\((?P<party>[^()]+)\)")
_NAME_SEPARATOR = regex.compile(r"\s*,\s*|\s+en\s+")
_COMMITTEE = regex.compile(
    r"""\b(?P<name>(?:(?-i:vaste|algemene|tijdelijke)\s+)?(?-i:commissie)\s+(?:voor|van)\s+
    (?P<subject>(?-i:\p{Lu})[\p{L}-]*(?:(?:,\s*|\s+en\s+|\s+)(?-i:\p{Lu})[\p{L}-]*)*))""",
    regex.VERBOSE,
)
"""A committee of the Kamer: "de vaste commissie voor Volksgezondheid, Welzijn en Sport"."""
_NAMED_COMMITTEE = regex.compile(r"\b(?:van|door)\s+de\s+(?P<name>(?:[Cc]ommissie)\s+(?P<subject>\p{Lu}[^,.;()]*))")
"""A committee named after its ministry alone: "vragen van de Commissie VWS", "de commissie
Buitenlandse Zaken" (the subject must name a ministry: "de commissie Remkes" advised, it asks nothing)."""
_ASKS = regex.compile(r"\b(?:kamer)?vragen\b|\bgesteld\b", regex.IGNORECASE)
_FRACTIE = regex.compile(r"^De\s+leden\s+van\s+(?:de\s+)?(?P<party>[\p{L}\d]+(?:[-‑][\p{L}\d]+)*?)[-‑]?fractie\b")
"""The opening by which a nota's question names the fractie that asks: "De leden van de PvdA-fractie"."""

_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "’t", "la", "le", "du", "von"}
)
_GLUED_PARTICLE = regex.compile(r"^(?:van|de|der|den|ter|ten)\p{Lu}")
"""A particle the print glued to the name ("Inge vanDijk")."""
_PARTY_WORDS = frozenset({"voor", "de", "van", "het", "en"})

_FRACTIE_INTRO = regex.compile(
    r"\b(?:vragen|opmerkingen|inbreng)\b(?:\s+[^\s.]+){0,4}?\s+van\s+", regex.IGNORECASE
)
"""What a fractie asked, up to "van": "Vragen van", "de vragen en opmerkingen van", "de vragen uit het
voorlopig verslag van"."""
_FRACTIE_MEMBERS = regex.compile(r"(?:de\s+|het\s+)?(?:leden\s+van\s+(?:de\s+)?)?", regex.IGNORECASE)
_FRACTIE_NAMED = regex.compile(r"fracties?\s+(?:van\s+)?(?:de\s+|het\s+)?", regex.IGNORECASE)
"""A fractie named after the word: "fractie Partij voor de Dieren", "fracties van de VVD, D66 en PVV"."""
_FRACTIE_HYPHENED = regex.compile(
    r"(?P<parties>(?:[\p{L}\d][\p{L}\d-]*?[-‑](?:\s*,\s*|\s+en\s+))*[\p{L}\d][\p{L}\d-]*?)[-‑]fracties?\b"
)
"""Fracties named before the word, the hyphen of all but the last suspended: "PvdA-, CDA- en SP-fractie"."""
_SUSPENDED = regex.compile(r"[-‑](?:\s*,\s*|\s+en\s+)")
_FRACTIE_CHAIN = regex.compile(
    r"""\s*,?\s*(?:mede\s+namens|en|alsmede|evenals)\s+
    (?:(?:de|het)\s+(?:vragen|opmerkingen|inbreng)\s+van\s+)?""",
    regex.IGNORECASE | regex.VERBOSE,
)
"""What joins one asking fractie to the next: ", mede namens", "en de vragen van"."""


def parse_questioners(text: str) -> tuple[Questioner, ...]:
    """The members who asked the questions, each with their party where it is printed.

    >>> [(q.name, q.party) for q in parse_questioners("gesteld door de leden Dekker-Abdulaziz en Van Meenen (D66)")]
    [('Dekker-Abdulaziz', 'D66'), ('Van Meenen', 'D66')]
    >>> [q.party for q in parse_questioners("Vragen van de leden Mutluer (GroenLinks-PvdA) en Kostić (PvdD) aan")]
    ['GroenLinks-PvdA', 'PvdD']
    >>> parse_questioners("de schriftelijke vragen gesteld door lid Sjoerdsma over de sancties")
    (Questioner(name='Sjoerdsma', party='', kind='member'),)
    >>> parse_questioners("de vragen van het lid De Vries over de dijken (ingezonden 2 mei 2023)")
    (Questioner(name='De Vries', party='', kind='member'),)
    """
    intro = _QUESTIONERS_INTRO.search(text)
    if not intro:
        return ()
    rest = intro["rest"]
    first = _QUESTIONER_GROUP.match(rest)
    if first and not looks_like_party(_party(first["party"])) and (bare := bare_names(rest)):
        # "het lid De Vries over de dijken (ingezonden 2 mei 2023)": no party follows the name.
        return tuple(Questioner(name, "") for name in bare)
    questioners: list[Questioner] = []
    position = 0
    while group := _QUESTIONER_GROUP.match(rest, position):
        names = regex.sub(r"^(?:,|en)\s+", "", group["names"].strip())
        party = _party(group["party"])
        questioners.extend(Questioner(name.strip(), party) for name in _NAME_SEPARATOR.split(names) if name.strip())
        position = group.end()
        following = regex.match(r"\s*(?:,|en)\s+", rest[position:])
        if not following:
            break
        position += following.end()
    if not questioners:
        return tuple(Questioner(name, "") for name in bare_names(rest))
    return tuple(questioners)


def _party(printed: str) -> str:
    """The party of a group of members: "Van Eijk en Aartsen (beiden VVD)" are both VVD."""
    return regex.sub(r"^(?:beiden|allen|beide)\s+", "", printed.strip())


def bare_names(text: str) -> list[str]:
    """Names printed without their party, up to the first word that is no name ("over", "D66").

    >>> bare_names("Sjoerdsma over de Amerikaanse sancties")
    ['Sjoerdsma']
    >>> bare_names("Hachchi van D66 over de haven"), bare_names("Van der Lee en Bromet, over")
    (['Hachchi'], ['Van der Lee', 'Bromet'])
    """
    names: list[list[str]] = [[]]
    for word in text.split():
        core = word.strip(",.;:")
        if core == "en":
            names.append([])
            continue
        if not _name_word(core):
            break
        names[-1].append(core)
        if word.endswith(","):
            names.append([])
    for name in names:
        while name and name[-1].lower() in _PARTICLES:
            name.pop()
    return [" ".join(name) for name in names if name]


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised or a particle; no party's letters or digits."""
    if word.lower() in _PARTICLES or _GLUED_PARTICLE.match(word):
        return True
    acronym = len(word) > 1 and word.isupper()
    return word[:1].isupper() and not acronym and not any(char.isdigit() for char in word)


def parse_committee(text: str) -> Questioner | None:
    """A committee that asked the questions, where the text says it asked.

    >>> parse_committee("De vaste commissie voor Koninkrijksrelaties heeft een aantal vragen gesteld")
    Questioner(name='vaste commissie voor Koninkrijksrelaties', party='', kind='committee')
    >>> parse_committee("Antwoorden op de feitelijke vragen van de vaste commissie van Defensie aan de minister")
    Questioner(name='vaste commissie van Defensie', party='', kind='committee')
    >>> parse_committee("De vaste commissie voor Defensie vergaderde") is None
    True
    >>> parse_committee("Antwoorden op Kamervragen van de Commissie VWS inzake beleidsdoorlichtingen")
    Questioner(name='Commissie VWS', party='', kind='committee')
    >>> parse_committee("op de feitelijke vragen van de commissie Buitenlandse Zaken over het jaarverslag")
    Questioner(name='commissie Buitenlandse Zaken', party='', kind='committee')
    >>> parse_committee("de vragen die zijn gesteld door de commissie Remkes") is None
    True
    """
    if not _ASKS.search(text):
        return None
    match = _COMMITTEE.search(text)
    if match is not None:
        return Questioner(match["name"], "", "committee")
    for named in _NAMED_COMMITTEE.finditer(text):
        subject = named["subject"]
        found = next((f for f in find_ministries(subject) if f.start == 0 and not f.portfolio), None)
        if found is not None:
            return Questioner(named["name"][: len(named["name"]) - len(subject) + found.end], "", "committee")
    return None


def nota_fracties(questions: Sequence[Question]) -> list[tuple[Questioner, Question]]:
    """The fracties whose members ask a nota's questions, in the order they first ask, each with
    the question that names it.

    >>> from pipeline.model import Span, Text
    >>> opening = (Text("De leden van PvdA-fractie vragen of ..."),)
    >>> [q.name for q, _ in nota_fracties([Question(number=1, label="", parts=opening, span=Span(1))])]
    ['PvdA-fractie']
    """
    found: dict[str, tuple[Questioner, Question]] = {}
    for question in questions:
        match = _FRACTIE.match(plain(question.parts))
        if match and match["party"] not in found:
            found[match["party"]] = (Questioner(f"{match['party']}-fractie", match["party"], "fractie"), question)
    return list(found.values())


def parse_fracties(text: str) -> tuple[Questioner, ...]:
    """The fracties a text says asked: their members' questions, remarks or contributions.

    >>> [q.name for q in parse_fracties("Vragen van de fractie Partij voor de Dieren aan de staatssecretaris")]
    ['fractie Partij voor de Dieren']
    >>> [q.party for q in parse_fracties("de vragen en opmerkingen van de leden van de fracties van de VVD, "
    ...     "D66, PVV en ChristenUnie inzake het fiche")]
    ['VVD', 'D66', 'PVV', 'ChristenUnie']
    >>> [q.name for q in parse_fracties("de vragen van de leden van de VVD-fractie, mede namens de leden van de "
    ...     "D66-fractie en de vragen van de leden van de PvdA-, CDA- en SP-fractie.")]
    ['VVD-fractie', 'D66-fractie', 'PvdA-fractie', 'CDA-fractie', 'SP-fractie']
    >>> parse_fracties("de vragen van de leden van de vaste commissie voor Financiën")
    ()
    """
    for intro in _FRACTIE_INTRO.finditer(text):
        parties: list[str] = []
        position = intro.end()
        while named := _fracties_at(text, position):
            found, position = named
            parties.extend(found)
            if not (chain := _FRACTIE_CHAIN.match(text, position)):
                break
            position = chain.end()
        if parties:
            return tuple(_fractie(party) for party in dict.fromkeys(parties))
    return ()


def _fracties_at(text: str, position: int) -> tuple[list[str], int] | None:
    """The parties of the fracties named at this position of the text, and where their mention ends."""
    position = _FRACTIE_MEMBERS.match(text, position).end()  # type: ignore[union-attr]
    if hyphened := _FRACTIE_HYPHENED.match(text, position):
        parties = _SUSPENDED.split(hyphened["parties"])
        return (parties, hyphened.end()) if all(map(looks_like_party, parties)) else None
    if named := _FRACTIE_NAMED.match(text, position):
        parties, length = party_list(text[named.end() :])
        return (parties, named.end() + length) if parties else None
    return None


def _fractie(party: str) -> Questioner:
    return Questioner(f"fractie {party}" if " " in party else f"{party}-fractie", party, "fractie")


def party_list(text: str) -> tuple[list[str], int]:
    """The parties named one after another at the start of a text, and the length of their mention.

    >>> party_list("de VVD, D66 en de Partij voor de Dieren over de")
    (['VVD', 'D66', 'Partij voor de Dieren'], 39)
    >>> party_list("zelf over de kwestie")
    ([], 0)
    """
    parties: list[str] = []
    words: list[str] = []
    end = 0
    for token in regex.finditer(r",|[^\s,]+", text):
        word = token.group().rstrip(".;:")
        if word in (",", "en"):
            parties.extend(_flush(words))
            continue
        if word.lower() in ("de", "het") and not words:
            continue
        if not (word[:1].isupper() or word[:1].isdigit() or (words and word in _PARTY_WORDS)):
            break
        words.append(word)
        if word[:1].isupper() or word[:1].isdigit():
            end = token.start() + len(word)
        if word != token.group():
            break
    parties.extend(_flush(words))
    parties = [party for party in parties if looks_like_party(party)]
    return parties, end if parties else 0


def _flush(words: list[str]) -> list[str]:
    """The party the words so far name (without lower-case words at its end); the words cleared."""
    while words and not (words[-1][:1].isupper() or words[-1][:1].isdigit()):
        words.pop()
    party = " ".join(words)
    words.clear()
    return [party] if party else []


def looks_like_party(party: str) -> bool:
    """True if a party as printed reads as one: a few words, the first capitalised or a number.

    >>> looks_like_party("Partij voor de Dieren"), looks_like_party("50PLUS"), looks_like_party("zowel boven- als")
    (True, True, False)
    """
    words = party.split()
    return (
        0 < len(words) <= 4
        and not party.endswith(("-", "‑"))
        and len(party) <= 40
        and (party[:1].isupper() or party[:1].isdigit())
        and all(word[:1].isupper() or word[:1].isdigit() or word in _PARTY_WORDS for word in words)
    )


def with_parties(first: Sequence[Questioner], others: Sequence[Sequence[Questioner]]) -> tuple[Questioner, ...]:
    """The members as first named, each party taken from a later mention where the first omits it
    ("gesteld door lid Sjoerdsma" in the letter, "vragen van lid Sjoerdsma (D66)" in the annex).

    >>> with_parties([Questioner("Sjoerdsma", "")], [[Questioner("Sjoerdsma", "D66")]])
    (Questioner(name='Sjoerdsma', party='D66', kind='member'),)
    """
    parties = {q.name: q.party for mentions in others for q in mentions if q.party}
    return tuple(Questioner(q.name, q.party or parties.get(q.name, ""), q.kind) for q in first)


def looks_like_member(questioner: Questioner) -> bool:
    """True if a name and a party (where printed) read as a member of parliament and a party.

    >>> looks_like_member(Questioner("Van der Lee", "GroenLinks-PvdA")), looks_like_member(Questioner("Hachchi", ""))
    (True, True)
    >>> looks_like_member(Questioner("Grinwis", "zowel boven- als ondergronds"))
    False
    >>> looks_like_member(Questioner("Van Esch tijdens het commissiedebat Water", "PvdD"))
    False
    >>> looks_like_member(Questioner("van de PvdA-", ""))
    False
    """
    name_words = questioner.name.split()
    name_ok = (
        1 <= len(name_words) <= 5
        and not any(char.isdigit() for char in questioner.name)
        and all(word[:1].isupper() or word.lower() in _PARTICLES or _GLUED_PARTICLE.match(word) for word in name_words)
        # No word of a name is a party's with its hyphen ("van de PvdA-", from "de leden van de
        # PvdA-, CDA- en SP-fractie").
        and not any(word.endswith(("-", "‑")) for word in name_words)
    )
    return name_ok and (not questioner.party or looks_like_party(questioner.party))
