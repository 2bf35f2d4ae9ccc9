"""Who asked: members of parliament with their parties, a committee, or a nota's fracties."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from pipeline.model import Question, Questioner, plain

_QUESTIONERS_INTRO = regex.compile(
    r"(?:gesteld\s+door|vragen\s+van)\s+(?:de\s+leden|het\s+lid|leden|lid)\s+(?!der\s+Kamer)(?P<rest>.+)",
    regex.IGNORECASE | regex.DOTALL,
)
"""Where the members are named: "gesteld door de leden ...", "vragen van het lid ...", and as
letters also print it, "gesteld door lid Sjoerdsma", "Kamervragen van het lid Hachchi"."""
_QUESTIONER_GROUP = regex.compile(r"(?P<names>[^()]+?)\s*\((?P<party>[^()]+)\)")
_NAME_SEPARATOR = regex.compile(r"\s*,\s*|\s+en\s+")
_COMMITTEE = regex.compile(
    r"""\b(?P<name>(?:(?-i:vaste|algemene|tijdelijke)\s+)?(?-i:commissie)\s+(?:voor|van)\s+
    (?P<subject>(?-i:\p{Lu})[\p{L}-]*(?:(?:,\s*|\s+en\s+|\s+)(?-i:\p{Lu})[\p{L}-]*)*))""",
    regex.VERBOSE,
)
"""A committee of the Kamer: "de vaste commissie voor Volksgezondheid, Welzijn en Sport"."""
_ASKS = regex.compile(r"\bvragen\b|\bgesteld\b", regex.IGNORECASE)
_FRACTIE = regex.compile(r"^De\s+leden\s+van\s+(?:de\s+)?(?P<party>[\p{L}\d]+(?:[-‑][\p{L}\d]+)*?)[-‑]?fractie\b")
"""The opening by which a nota's question names the fractie that asks: "De leden van de PvdA-fractie"."""

_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "’t", "la", "le", "du", "von"}
)
_GLUED_PARTICLE = regex.compile(r"^(?:van|de|der|den|ter|ten)\p{Lu}")
"""A particle the print glued to the name ("Inge vanDijk")."""
_PARTY_WORDS = frozenset({"voor", "de", "van", "het", "en"})


def parse_questioners(text: str) -> tuple[Questioner, ...]:
    """The members who asked the questions, each with their party where it is printed.

    >>> [(q.name, q.party) for q in parse_questioners("gesteld door de leden Dekker-Abdulaziz en Van Meenen (D66)")]
    [('Dekker-Abdulaziz', 'D66'), ('Van Meenen', 'D66')]
    >>> [q.party for q in parse_questioners("Vragen van de leden Mutluer (GroenLinks-PvdA) en Kostić (PvdD) aan")]
    ['GroenLinks-PvdA', 'PvdD']
    >>> parse_questioners("de schriftelijke vragen gesteld door lid Sjoerdsma over de sancties")
    (Questioner(name='Sjoerdsma', party='', kind='member'),)
    """
    intro = _QUESTIONERS_INTRO.search(text)
    if not intro:
        return ()
    rest = intro["rest"]
    questioners: list[Questioner] = []
    position = 0
    while group := _QUESTIONER_GROUP.match(rest, position):
        names = regex.sub(r"^(?:,|en)\s+", "", group["names"].strip())
        # "Van Eijk en Aartsen (beiden VVD)": the party is VVD for both.
        party = regex.sub(r"^(?:beiden|allen|beide)\s+", "", group["party"].strip())
        questioners.extend(Questioner(name.strip(), party) for name in _NAME_SEPARATOR.split(names) if name.strip())
        position = group.end()
        following = regex.match(r"\s*(?:,|en)\s+", rest[position:])
        if not following:
            break
        position += following.end()
    if not questioners:
        return tuple(Questioner(name, "") for name in bare_names(rest))
    return tuple(questioners)


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
    """
    match = _COMMITTEE.search(text)
    if match is None or not _ASKS.search(text):
        return None
    return Questioner(match["name"], "", "committee")


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
    """
    name_words = questioner.name.split()
    party_words = questioner.party.split()
    name_ok = (
        1 <= len(name_words) <= 5
        and not any(char.isdigit() for char in questioner.name)
        and all(word[:1].isupper() or word.lower() in _PARTICLES or _GLUED_PARTICLE.match(word) for word in name_words)
        and any(word[:1].isupper() for word in name_words)
    )
    party_ok = not party_words or (
        len(party_words) <= 4
        and len(questioner.party) <= 40
        and all(word[:1].isupper() or word[:1].isdigit() or word in _PARTY_WORDS for word in party_words)
    )
    return name_ok and party_ok
