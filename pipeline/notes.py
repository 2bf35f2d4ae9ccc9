"""The questions' own notes: how a question refers to one, what a note's text looks like, and the
note whose text a letter prints as a footnote.

A question of parliament cites its sources in notes of its own, "1)" or "[1]" after the sentence,
with the texts listed after the questions. Ministries copy them in every form: after the last
answer, right after the question, or as a footnote of the page (the Kamer's "1)" kept in the
question, its text moved into a Word footnote whose raised number stands elsewhere).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from pipeline import patterns
from pipeline.dates import DUTCH_DATE
from pipeline.references import find_references

_AFTER_SENTENCE = regex.compile(r"[?!.’”\"»')]\s?$")
_BEFORE_ITEM = regex.compile(r"(?:[:;,]|\b(?:en|of|and|or))\s*$")
"""What stands before an item of a list: "punten: 1)", "kosten, 2)", "en 3)"."""
_ITEM = regex.compile(r"(?<![\w(\[])(?P<label>\d{1,2})\)\s+\p{Ll}")
"""A number before the words of an item: "1) de kosten"."""
_DAY_AND_MONTH = regex.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b",
    regex.IGNORECASE,
)
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_TITLE_BEFORE = 200
"""How far before its reference a question names the title its note cites (characters)."""
_MIN_TITLE_WORDS = 3


@dataclass(frozen=True)
class NoteReference:
    """A reference to a note of the questions, as printed in a text."""

    start: int
    end: int
    label: str
    printed: str
    """As printed: "[1]", "1)"."""
    after_sentence: bool
    """It stands right after a question mark, full stop or closing quote, where no list item can."""


def note_references(text: str) -> list[NoteReference]:
    """The references to the questions' notes in a question's text, in order: "[1]", and "1)" where
    it numbers no item of a list and closes no parenthesis.

    >>> [(r.label, r.printed) for r in note_references("Kent u ‘X’? 1) 2) En (artikel 3)? Zie [4] (nr. 5).")]
    [('1', '1)'), ('2', '2)'), ('4', '[4]')]
    >>> [r.label for r in note_references("Kent u het bericht 1) over de haven?")]
    ['1']
    >>> note_references("Kunt u aangeven: 1) hoeveel meldingen, 2) welke? En welke 1) kosten en 2) baten?")
    []
    """
    found = []
    items = {match["label"] for match in _ITEM.finditer(text)}
    for match in patterns.NOTE_REFERENCE.finditer(text):
        printed, before = match.group(), text[: match.start()]
        after = bool(_AFTER_SENTENCE.search(before))
        if match["label"].startswith("0"):
            continue  # "(artikel 11.04)"
        if not printed.startswith("[") and before.rfind("(") > before.rfind(")"):
            continue  # "(artikel 3)", "(Kamerstuk 36 600, nr. 42)" close a parenthesis
        if not printed.startswith("[") and not after:
            if not before.strip() or _BEFORE_ITEM.search(before):
                continue  # "...: 1) de kosten, 2) de baten": items of a list
            label = int(match["label"])
            if _ITEM.match(text, match.start()) and {str(label - 1), str(label + 1)} & items:
                continue  # "welke 1) kosten en 2) baten": numbered on, each before its words
        found.append(NoteReference(match.start(), match.end(), match["label"], printed, after))
    return found


def referred_labels(texts: Iterable[str]) -> set[str]:
    """The labels of the notes that these question texts refer to."""
    return {reference.label for text in texts for reference in note_references(text)}


def reads_as_citation(text: str) -> bool:
    """True if a text reads as a note's, a source: a URL or a site, a reference to a parliamentary
    document, a date (day and month), or a title in quotes with its year; never a question.

    >>> reads_as_citation("NOS, 4 april 2023, ‘Kwaliteit kinderopvang moet omhoog’")
    True
    >>> reads_as_citation("hoeveel meldingen er in 2023 zijn gedaan?"), reads_as_citation("de kosten, en")
    (False, False)
    """
    stripped = text.strip()
    if not stripped or stripped.endswith("?"):
        return False
    quoted = bool(patterns.QUOTED.search(stripped))
    return bool(
        patterns.URL.search(stripped)
        or patterns.SITE_NAME.search(stripped)
        or DUTCH_DATE.search(stripped)
        or _DAY_AND_MONTH.search(stripped)
        or (quoted and _YEAR.search(stripped))
        or find_references(stripped)
    )


def squashed(text: str) -> str:
    """Letters and digits only, lower case and without accents: a title as it compares across the
    quotes, spaces and line ends of two places that print it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if char.isalnum())


def cited_title(text: str, reference: NoteReference) -> str:
    """The title a question names in quotes right before its reference to a note ("het artikel
    ‘De dood van Nigel had voorkomen kunnen worden’ 1)"), or "".

    >>> text = "Kent u het artikel ‘De dood van Nigel had voorkomen kunnen worden’ 1), waarin"
    >>> cited_title(text, note_references(text)[0])
    'De dood van Nigel had voorkomen kunnen worden'
    """
    window = text[max(0, reference.start - _TITLE_BEFORE) : reference.start]
    titles = [match["quoted"] for match in patterns.QUOTED.finditer(window)]
    title = titles[-1].strip() if titles else ""
    return title if len(title.split()) >= _MIN_TITLE_WORDS else ""


def footnote_printing(title: str, footnotes: Sequence[tuple[int, str]]) -> int:
    """The number of the one footnote whose text names ``title``: where the letter prints the text
    of a note its questions refer to; 0 when none does, or more than one (then it is not sure).

    >>> footnote_printing("De dood van Nigel", [(1, "Zie WODC"), (2, "Caribisch Netwerk, 'De dood van Nigel'")])
    2
    """
    wanted = squashed(title)
    if not wanted:
        return 0
    found = [number for number, text in footnotes if wanted in squashed(text)]
    return found[0] if len(found) == 1 else 0


def note_sources(
    questions: Sequence[str], printed: Iterable[str], footnotes: Sequence[tuple[int, str]]
) -> dict[str, int]:
    """Where the text of every note the questions refer to is printed: as one of the questions'
    notes (0), or as the footnote whose text names the title the question cites before its
    reference (its number). A reference that neither resolves is left out (and checked for).

    >>> note_sources(["Kent u het bericht ‘Nieuwe regels voor de haven’ 1)? En [2]?"], ["2"],
    ...     [(1, "Zie Kamerstuk 36 410"), (2, "NOS, 3 mei 2023, 'Nieuwe regels voor de haven'")])
    {'2': 0, '1': 2}
    """
    sources = dict.fromkeys(printed, 0)
    for text in questions:
        for reference in note_references(text):
            if reference.label not in sources:
                number = footnote_printing(cited_title(text, reference), footnotes)
                if number:
                    sources[reference.label] = number
    return sources
