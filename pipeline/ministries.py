"""Ministries and parties: the package's data files, and printed names matched to them."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

import regex

DATA = Path(__file__).resolve().parent / "data"

_WORD = regex.compile(r"[\p{L}\p{N}&]+")
_FUZZY_LENGTH = 8
"""Words this long may differ by a letter ("Koninkrijkrelaties"); shorter ones must be exact."""
_FUZZY_RATIO = 0.9


@dataclass(frozen=True)
class Ministry:
    """A current ministry: its canonical abbreviation and name."""

    abbreviation: str
    name: str


@dataclass(frozen=True)
class Name:
    """A name of a ministry or of a portfolio within it, as words to match."""

    words: tuple[str, ...]
    ministry: Ministry
    portfolio: str
    """The portfolio's name ("Rechtsbescherming"), or empty for a name of the ministry itself."""
    abbreviation: bool
    """An abbreviation ("BZ", "VenJ"): matched only exactly, letter case included."""


@dataclass(frozen=True)
class Found:
    """A ministry or portfolio named in a text, and where."""

    ministry: Ministry
    portfolio: str
    start: int
    end: int
    """The span in the text that names it."""


def fold(word: str) -> str:
    """A word compared without case and diacritics.

    >>> fold("Financiën"), fold("ZAKEN")
    ('financien', 'zaken')
    """
    folded = word.casefold()
    if folded.isascii():  # nothing to decompose: most words, and many times faster
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _read(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as stream:
        return tomllib.load(stream)


@cache
def names() -> tuple[Name, ...]:
    """Every name of every ministry and portfolio since 2000, from ``data/ministries.toml``."""
    found: list[Name] = []
    for entry in _read("ministries.toml")["ministry"]:
        ministry = Ministry(entry["abbreviation"], entry["name"])
        spelled = [(entry["name"], entry["abbreviation"])] + [
            (earlier["name"], earlier["abbreviation"]) for earlier in entry.get("earlier", ())
        ]
        for name, abbreviation in spelled:
            found.append(Name(_words(name), ministry, "", False))
            found.append(Name((abbreviation,), ministry, "", True))
        found.extend(Name((alias,), ministry, "", True) for alias in entry.get("aliases", ()))
        for portfolio in entry.get("portfolios", ()):
            found.append(Name(_words(portfolio["name"]), ministry, portfolio["name"], False))
            if "abbreviation" in portfolio:
                found.append(Name((portfolio["abbreviation"],), ministry, portfolio["name"], True))
    # Longest first, so that "Economische Zaken en Klimaat" wins over "Economische Zaken".
    return tuple(sorted(dict.fromkeys(found), key=lambda name: -len(name.words)))


def _words(text: str) -> tuple[str, ...]:
    return tuple(fold(match.group()) for match in _WORD.finditer(text))


def _same_word(printed: str, known: str) -> bool:
    if printed == known:
        return True
    if min(len(printed), len(known)) < _FUZZY_LENGTH or abs(len(printed) - len(known)) > 2:
        return False
    return SequenceMatcher(None, printed, known).ratio() >= _FUZZY_RATIO


def find_ministries(text: str) -> list[Found]:
    """Every ministry or portfolio a text names, in order, longest names first where they overlap.

    A portfolio ("voor Rechtsbescherming") is found as the ministry it belongs to. Names are
    compared without case or diacritics, and a long word may have one letter wrong.

    >>> [(f.ministry.abbreviation, f.portfolio) for f in find_ministries(
    ...     "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel en Ontwikkelingssamenwerking")]
    [('BZ', ''), ('BZ', 'Buitenlandse Handel en Ontwikkelingssamenwerking')]
    >>> [f.ministry.abbreviation for f in find_ministries("Binnenlandse Zaken en Koninkrijkrelaties; VenJ")]
    ['BZK', 'JenV']
    """
    tokens = list(_WORD.finditer(text))
    folded = [fold(token.group()) for token in tokens]
    found: list[Found] = []
    position = 0
    while position < len(tokens):
        match = _match_at(tokens, folded, position)
        if match is None:
            position += 1
            continue
        name, length = match
        found.append(
            Found(name.ministry, name.portfolio, tokens[position].start(), tokens[position + length - 1].end())
        )
        position += length
    return found


def _match_at(tokens: list[regex.Match[str]], folded: list[str], position: int) -> tuple[Name, int] | None:
    """The longest name that starts at a word; of a ministry's and a portfolio's name spelled alike
    ("Volkshuisvesting en Ruimtelijke Ordening"), the portfolio after "voor", else the ministry."""
    voor = position > 0 and folded[position - 1] == "voor"
    matches: list[Name] = []
    for name in names():
        if matches and len(name.words) < len(matches[0].words):
            break
        if name.abbreviation:
            if tokens[position].group() == name.words[0]:
                matches.append(name)
            continue
        end = position + len(name.words)
        if end <= len(tokens) and all(
            _same_word(word, known) for word, known in zip(folded[position:end], name.words, strict=True)
        ):
            matches.append(name)
    if not matches:
        return None
    best = min(matches, key=lambda name: not name.abbreviation and bool(name.portfolio) != voor)
    return best, len(best.words)


@cache
def _parties() -> dict[str, str]:
    table: dict[str, str] = {}
    for entry in _read("parties.toml")["party"]:
        for spelled in (entry["name"], *entry.get("aliases", ())):
            table[_party_key(spelled)] = entry["name"]
    return table


def _party_key(text: str) -> str:
    return " ".join(_words(text))


def party_name(printed: str) -> str:
    """A party's canonical short name; a party not in the data file as printed.

    >>> party_name("GL-PvdA"), party_name("Nieuw Sociaal Contract"), party_name("Groep Van Haga")
    ('GroenLinks-PvdA', 'NSC', 'Groep Van Haga')
    """
    return _parties().get(_party_key(printed), printed.strip())


def ministries() -> Iterator[Ministry]:
    """The current ministries, each once, in the order of the data file."""
    yield from dict.fromkeys(name.ministry for name in names() if not name.portfolio)
