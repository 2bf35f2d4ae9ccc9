"""Small text functions shared by the stages: joining lines into running text, fixing glyphs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

from pipeline import patterns
from pipeline.model import Marked

_SPACING_ACCENTS = {
    "\u00b8": "\u0327",  # cedilla: "Yes¸ilgöz" -> "Yeşilgöz"
    "\u00b4": "\u0301",  # acute: "Kostic´" -> "Kostić"
    "\u00a8": "\u0308",  # diaeresis
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u02c7": "\u030c",  # caron
}
_SPACING_ACCENT = regex.compile(r"(?<=\p{L})[" + "".join(_SPACING_ACCENTS) + "]")
_SPACES = regex.compile(r"[ \t\u00a0\u2009\u202f]+")
_URL_CHARS = set("/-._~=?&#%")
_CONJUNCTIONS = {"en", "of", "tot", "and", "or"}
_VOWEL_CLASHES = {"aa", "ee", "oo", "uu", "ie", "ei", "eu", "ou", "ui", "oe", "au", "ij"}


def compose_accents(text: str) -> str:
    """Turn a letter followed by a spacing accent into one composed letter.

    >>> compose_accents("Yes¸ilgöz en Kostic´")
    'Yeşilgöz en Kostić'
    """
    if not _SPACING_ACCENT.search(text):
        return text
    combined = _SPACING_ACCENT.sub(lambda m: _SPACING_ACCENTS[m.group()], text)
    return unicodedata.normalize("NFC", combined)


def normalise_line(text: str) -> str:
    """NFC, composed accents, single spaces, no white space at the ends.

    >>> normalise_line("  de aanpak van  het\\u00a0kabinet ")
    'de aanpak van het kabinet'
    """
    text = compose_accents(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text).strip()


def last_token(text: str) -> str:
    return text.rsplit(" ", 1)[-1]


def continues_url(before: str, after: str) -> bool:
    """True if ``after`` continues a URL that ``before`` was cut off in at its line end.

    >>> continues_url("zie https://www.oecd.org/impacts-of-", "on-the-workplace.htm")
    True
    >>> continues_url("Regenboogprovincies, https://", "www.movisie.nl/files")
    True
    >>> continues_url("(https://nos.nl/a)", "https://nos.nl/b")
    False
    >>> continues_url("zie https://www.rijksoverheid.nl", "en de bijlage")
    False
    >>> continues_url("[2] https://www.ad.nl/a,Dat%20zegt", "%20de%20politie[3] https://www.ad.nl/b")
    True
    >>> continues_url("24 https://www.noord-", "holland.nl/Onderwerpen")
    True
    """
    tail = last_token(before)
    # A note marker printed right after the URL ("...politie[3] https://...") is no part of it.
    head = patterns.NOTE_LABEL_AT_END.sub("", after.split(" ", 1)[0])
    if tail.lower().endswith(("http://", "https://")) and head:
        return True
    if not patterns.URL.search(tail) or not head:
        return False
    if tail.endswith("-") and head[:1].isalnum():
        # A hyphen at a line end inside a URL is the URL's own ("www.noord-" / "holland.nl/...").
        return True
    if patterns.URL.match(head) or not patterns.URL_CONTINUATION.match(head.rstrip(".,;:)")):
        return False
    if tail.endswith((".", ",", ";", ")")) and not tail.endswith("/."):
        # A URL followed by punctuation ended with the sentence.
        return False
    return tail[-1] in _URL_CHARS or any(char in _URL_CHARS for char in head.rstrip(".,;:)"))


_HYPHENATED_PREFIXES = frozenset({"niet", "oud", "ex", "non"})
"""Words that Dutch joins to the next with a hyphen (Woordenlijst): a line-end hyphen after
them is the word's own."""


def splits_word(before: str, after: str) -> bool:
    """True if a line-end hyphen split a word for layout ("doorbre-" + "ken"), not a real hyphen.

    >>> splits_word("zij doorbre-", "ken de cirkel")
    True
    >>> splits_word("de AI-", "toepassingen")
    False
    >>> splits_word("de uitrol van de Hervor-", "mingsagenda?")
    True
    >>> splits_word("voor drone-", "exploitanten")
    False
    >>> splits_word("op-", "en afbouw")
    False
    >>> splits_word("van niet-", "noodgevallen")
    False
    """
    if not before.endswith("-") or len(before) < 2 or not before[-2].isalpha():
        return False
    if not after[:1].islower():
        return False
    fragment = last_token(before)[:-1]
    # An acronym or number before the hyphen ("AI-", "CO2-") or a hyphen already in the word
    # ("e-mail-") makes it a real hyphen; a capitalised word ("Hervor-") was only split.
    if sum(char.isupper() for char in fragment) > 1 or any(char.isdigit() or char == "-" for char in fragment):
        return False
    if fragment.lower() in _HYPHENATED_PREFIXES:
        # "niet-actief", "oud-minister", "ex-partner": these prefixes always keep their hyphen.
        return False
    if (before[-2].lower() + after[0]) in _VOWEL_CLASHES:
        # Dutch keeps the hyphen where joining would merge two vowels: "drone-exploitanten".
        return False
    return after.split(" ", 1)[0].rstrip(".,;:") not in _CONJUNCTIONS


def compound_hyphen(before: str, after: str) -> bool:
    """True if a line ends in a real hyphen of a compound that continues on the next line.

    >>> compound_hyphen("de AI-", "toepassingen")
    True
    >>> compound_hyphen("op-", "en afbouw")
    False
    """
    if not before.endswith("-") or len(before) < 2 or not before[-2].isalnum():
        return False
    if not after[:1].isalnum():
        return False
    return after.split(" ", 1)[0].rstrip(".,;:") not in _CONJUNCTIONS


def join_lines(lines: Iterable[str]) -> str:
    """Join the lines of one paragraph into running text.

    A URL cut at a line end is joined without a space (keeping a hyphen inside it), a word
    split by a layout hyphen is rejoined, everything else is joined with one space.

    >>> join_lines(["9 https://www.oecd.org/impacts-of-artificial-intelligence-", "on-the-workplace.htm"])
    '9 https://www.oecd.org/impacts-of-artificial-intelligence-on-the-workplace.htm'
    >>> join_lines(["de AI-", "toepassingen worden door-", "gaans ingezet"])
    'de AI-toepassingen worden doorgaans ingezet'
    """
    return join_marked(Marked(normalise_line(line)) for line in lines).text


def join_marked(lines: Iterable[Marked]) -> Marked:
    """Join the lines of one paragraph, their footnote references kept, as ``join_lines`` does.

    A footnote reference at a line end (or a line start) ends its word, so the lines are joined
    with a space there: the reference was printed after the word.

    >>> from pipeline.model import Mark
    >>> join_marked([Marked("Klopt het dat de AI-", (Mark(20, 1),)), Marked("toepassingen")])
    Marked(text='Klopt het dat de AI- toepassingen', marks=(Mark(at=20, number=1),))
    """
    result = Marked()
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        before, after = result.text, line.text
        if not result:
            result = line
        elif result.ends_with_mark() or line.starts_with_mark():
            result = result + " " + line
        elif continues_url(before, after):
            result = result + line
        elif splits_word(before, after):
            result = result.cut(len(before) - 1)[0] + line
        elif compound_hyphen(before, after):
            result = result + line
        else:
            result = result + " " + line
    return result
