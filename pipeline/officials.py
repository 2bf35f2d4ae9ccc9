"""Who asked and who answered, as printed, normalised: ministers with their ministries, members with their parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import regex

from pipeline.ministries import Found, find_ministries, party_name
from pipeline.model import Member, Official, Questioner, Role

_ROLE = regex.compile(
    r"\b(?P<role>minister-president|min(?:i)?sters?|staatssecretariss(?:en)?|staatssecretaris(?:sen)?)\b",
    regex.IGNORECASE,
)
_NAMED = regex.compile(r"^\s*(?P<person>[^()]*?)\s*\((?P<where>[^()]+)(?:\)|$)")
"""The Aanhangsel's form after the role: "De Jonge (Binnenlandse Zaken en Koninkrijksrelaties)"."""
_DASH = regex.compile(r"\s+[–-]\s+")
_PREPOSITION = regex.compile(r"\b(?P<word>van|voor)\s*$", regex.IGNORECASE)
_BARE = regex.compile(r"(?i)(?:minister|staatssecretaris)")
_GLUED = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


def parse_officials(printed: str) -> tuple[Official, ...]:
    """The ministers and state secretaries a text names, each with their ministry.

    The Aanhangsel's form ("Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties)",
    "Staatssecretaris Van Rij (Financiën – Fiscaliteit en Belastingdienst)") and the letters'
    ("De Minister van Justitie en Veiligheid", "de Staatssecretarissen van Volksgezondheid,
    Welzijn en Sport en van Justitie en Veiligheid", "de minister voor Rechtsbescherming").

    >>> [(o.role, o.person, o.ministry, o.portfolio) for o in parse_officials(
    ...     "Staatssecretaris Van Rij (Financiën – Fiscaliteit en Belastingdienst)")]
    [('staatssecretaris', 'Van Rij', 'Fin', 'Fiscaliteit en Belastingdienst')]
    >>> [(o.role, o.ministry) for o in parse_officials("de Ministers van Buitenlandse Zaken en voor "
    ...     "Buitenlandse Handel en Ontwikkelingssamenwerking")]
    [('minister', 'BZ'), ('minister voor', 'BZ')]
    >>> [o.ministry for o in parse_officials("De minister van Veiligheid en Justitie")]
    ['JenV']
    """
    roles = list(_ROLE.finditer(printed))
    officials: list[Official] = []
    for index, match in enumerate(roles):
        end = roles[index + 1].start() if index + 1 < len(roles) else len(printed)
        segment = printed[match.start() : end]
        officials.extend(_officials_in(segment, _role(match["role"])))
    # "de Staatssecretaris en de Minister van Volksgezondheid, …": a bare role shares the next one's ministry.
    for index in range(len(officials) - 2, -1, -1):
        bare, following = officials[index], officials[index + 1]
        if not bare.ministry and _BARE.fullmatch(bare.printed):
            officials[index] = replace(
                following,
                printed=bare.printed,
                role=bare.role,
                portfolio="" if bare.role != following.role else following.portfolio,
                person="",
            )
    return tuple(officials)


def _role(word: str) -> Role:
    word = word.casefold()
    if word.startswith("staatssecretaris"):
        return "staatssecretaris"
    return "minister-president" if word == "minister-president" else "minister"


def _officials_in(segment: str, role: Role) -> list[Official]:
    """The officials of one role word and what follows it, up to the next role word."""
    rest = _ROLE.sub("", segment, count=1)
    named = _NAMED.match(rest)
    # "Van Rij (Financiën)" is a name; "van Financiën (…)" (lower case, or all capitals) is not.
    if named and not regex.match(r"(?:van|voor|VAN|VOOR)\b", named["person"]):
        return [_named(segment, role, named["person"], named["where"])]
    printed = _clean(segment)
    found = find_ministries(rest)
    if not found:
        return [Official(printed, role)]
    officials = []
    for place in found:
        before = _PREPOSITION.search(rest[: place.start])
        voor = bool(place.portfolio) and (before is None or before["word"].casefold() == "voor" or role == "minister")
        spelled = f"{role} {before['word'] if before else ''} {rest[place.start : place.end]}"
        officials.append(_official(printed if len(found) == 1 else _clean(spelled), role, place, voor=bool(voor)))
    return officials


def _named(segment: str, role: Role, person: str, where: str) -> Official:
    """An official printed with their name and, in brackets, their ministry and portfolio."""
    ministry, *rest = _DASH.split(where, maxsplit=1)
    portfolio = rest[0] if rest else ""
    found = find_ministries(ministry)
    printed = _clean(segment.split(")")[0] + ")")
    person = regex.sub(r"\s*[–-]\s*", "-", person.strip())
    if not found:
        return Official(printed, role, portfolio=portfolio.strip(), person=person)
    place = found[0]
    official = _official(printed, role, place, voor=bool(place.portfolio) and role == "minister")
    return Official(
        printed,
        official.role,
        portfolio=portfolio.strip() or official.portfolio,
        person=person,
        ministry=official.ministry,
        ministry_name=official.ministry_name,
    )


def _official(printed: str, role: Role, place: Found, voor: bool) -> Official:
    if voor and role == "minister":
        role = "minister voor"
    return Official(
        printed,
        role,
        portfolio=place.portfolio,
        ministry=place.ministry.abbreviation,
        ministry_name=place.ministry.name,
    )


def _clean(text: str) -> str:
    """Spaces made single, and the words that join the next official ("en de", "en van") cut off.

    >>> _clean("staatssecretaris van Infrastructuur en de ")
    'staatssecretaris van Infrastructuur'
    """
    text = regex.sub(r"\s+", " ", text).strip(" ,;.")
    return regex.sub(r"(?:[\s,]+(?:en|de|van|het|antwoord))+$", "", text, flags=regex.IGNORECASE)


def signed_by(roles: Sequence[tuple[str, str]]) -> tuple[Official, ...]:
    """The officials who signed, from each signature's role lines and name.

    >>> [(o.role, o.person, o.ministry) for o in signed_by([("De Minister van Justitie en Veiligheid",
    ...     "D. Yeşilgöz-Zegerius")])]
    [('minister', 'D. Yeşilgöz-Zegerius', 'JenV')]
    """
    officials: list[Official] = []
    for role, name in roles:
        found = parse_officials(role)
        if len({official.ministry for official in found}) == 1:
            # "De staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties, Digitalisering en
            # Koninkrijksrelaties": one official, of a ministry and a portfolio within it.
            only = max(found, key=lambda official: bool(official.portfolio))
            only = replace(only, printed=_clean(role))
            officials.append(Official(only.printed, only.role, only.portfolio, name, only.ministry, only.ministry_name))
        else:
            officials.extend(found)
    return tuple(officials)


def members(questioners: Sequence[Questioner]) -> tuple[Member, ...]:
    """The members who asked, each with their party's canonical name; names glued in print spaced.

    >>> members([Questioner("Inge vanDijk", "CDA"), Questioner("Hirsch", "GL-PvdA")])
    (Member(name='Inge van Dijk', party='CDA', printed='Inge vanDijk (CDA)'), \
Member(name='Hirsch', party='GroenLinks-PvdA', printed='Hirsch (GL-PvdA)'))
    """
    return tuple(
        Member(
            name=_GLUED.sub(" ", questioner.name).strip(),
            party=party_name(questioner.party) if questioner.party else "",
            printed=f"{questioner.name} ({questioner.party})" if questioner.party else questioner.name,
        )
        for questioner in questioners
    )
