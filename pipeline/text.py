"""Small text functions shared by the stages: joining lines into running text, fixing glyphs."""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

import pyphen
import regex

from pipeline import patterns
from pipeline.model import Marked, Spellings

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
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*")
"""A word as printed inside a line, its own hyphens included."""


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


_HYPHENATED_PREFIXES = frozenset({"niet", "oud", "ex", "non", "luitenant"})
"""Words that Dutch joins to the next with a hyphen (Woordenlijst): a line-end hyphen after
them is the word's own ("niet-actief", "oud-minister", "luitenant-kolonel")."""
_POSTPOSED = frozenset({"generaal", "generaals"})
"""A title whose second part qualifies the first takes a hyphen: "procureur-generaal",
"secretarissen-generaal" (a "brigadegeneraal" is a general: there the first part ends in e)."""
_HYPHENATED_COMPOUNDS = frozenset({"minister-president", "ministers-president", "ministers-presidenten"})
"""Compounds of two equal parts that Dutch writes with a hyphen and letters often print."""
_ONSET_LIST = (
    "bl br ch chl chr cl cr dj dr dw fl fr gh gl gn gr kl kn kr kw ph pl pn pr ps sc sch schl schm "
    "schn schr scr sf sh sj sk skr sl sm sn sp spl spr sq st str sw th tj tr ts tw vl vr wh wr zw"
)
_ONSETS = frozenset(_ONSET_LIST.split())
"""The consonants a Dutch word (or a loan word) may start with before its first vowel. A lower-case
piece that starts otherwise ("mbo", "vmbo", "hbo", "mvo") is an abbreviation, not a syllable."""
_VOWELS = frozenset("aeiouyáéíóúàèäëïöüâêîôû")
_CLOSERS = "”’\"'»)"
"""What may close a word before its hyphen ("“winter”-scenario")."""
_WORD_END = '.,;:?!)»”’"'
_LAYOUT_SPLITS = 3
"""A letter that splits at least this many words at line ends where Dutch hyphenation may break
them hyphenates for layout; one that splits fewer prints its words' own hyphens there."""

_STEM = 4
"""The fewest letters of a compound's second part that tell an inflected form of it."""

HyphenJoin = Literal["drop", "keep", "space"]
"""How a line joins the next: the line-end hyphen dropped (a word split for layout), kept (the
word's own hyphen, no space), or a space between them (no hyphen, a dash, "op- en afbouw")."""

NO_SPELLINGS = Spellings()


def initialism(piece: str) -> bool:
    """True if a lower-case piece is an abbreviation: no vowel, or consonants no word starts with.

    >>> [initialism(piece) for piece in ("mbo", "vmbo", "btw", "hbo", "procureur", "straat", "ov")]
    [True, True, True, True, False, False, False]
    """
    if not piece.isalpha() or not piece.islower():
        return False
    first_vowel = next((index for index, char in enumerate(piece) if char in _VOWELS), None)
    if first_vowel is None:
        return True
    return first_vowel > 1 and piece[:first_vowel] not in _ONSETS


@functools.cache
def _breaks() -> pyphen.Pyphen:
    """Where Dutch hyphenation may break a word: the patterns a typesetter's dictionary has too."""
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def may_break(piece: str, rest: str) -> bool:
    """True if Dutch hyphenation may break the word ``piece + rest`` between the two.

    >>> may_break("maatrege", "len"), may_break("mbo", "hbo"), may_break("super", "evenementen")
    (True, False, False)
    """
    return len(piece) in _breaks().positions((piece + rest).lower())


def _own_hyphen(piece: str, word: str) -> bool:
    """True if Dutch spelling writes this hyphen whatever the layout (``piece`` before the
    hyphen as printed, ``word`` the next line's first word)."""
    last = piece.rsplit("-", 1)[-1].lower()
    # An acronym or number before the hyphen ("AI-", "CO2-") or a hyphen already in the word
    # ("e-mail-", "bruto-|netto-traject") makes it a real hyphen; a capitalised word ("Hervor-")
    # was only split.
    if sum(char.isupper() for char in piece) > 1 or any(char.isdigit() or char == "-" for char in piece):
        return True
    if "-" in word.strip("-") or last in _HYPHENATED_PREFIXES or initialism(last):
        return True
    first = word.split("-", 1)[0].lower()
    if f"{last}-{first}" in _HYPHENATED_COMPOUNDS or (first in _POSTPOSED and not last.endswith("e")):
        return True
    # Dutch keeps the hyphen where joining would merge two vowels: "drone-exploitanten".
    return (last[-1:] + first[:1]) in _VOWEL_CLASHES


def _pieces(before: str, after: str) -> tuple[str, str] | None:
    """The word piece before a line-end hyphen and the next line's first word, where the two are
    lower-case letters that may be one word; None where the hyphen stays or is no hyphen."""
    piece = last_token(before)[:-1].lstrip("(«“‘\"'[")
    word = after.split(" ", 1)[0].rstrip(_WORD_END)
    if not piece[-1:].isalpha() or not after[:1].islower() or _own_hyphen(piece, word):
        return None
    return piece, word


def printed_with_hyphen(piece: str, word: str, hyphenated: frozenset[str]) -> bool:
    """True if the letter prints ``piece-word`` inside a line, or the same compound inflected: the
    one second part the other's start, of at least ``_STEM`` letters ("aspirant-student" for
    "aspirant-studenten").

    >>> printed_with_hyphen("aspirant", "studenten", frozenset({"aspirant-student"}))
    True
    >>> printed_with_hyphen("kamer", "leden", frozenset({"kamer-lid", "ka-merleden"}))
    False
    """
    if f"{piece}-{word}" in hyphenated:
        return True
    for pair in hyphenated:
        first, _, second = pair.partition("-")
        shorter, longer = sorted((second, word), key=len)
        if first == piece and len(shorter) >= _STEM and longer.startswith(shorter):
            return True
    return False


def hyphen_join(before: str, after: str, printed: Spellings = NO_SPELLINGS) -> HyphenJoin:
    """How a line joins the next where it ends in a hyphen: by the rules of Dutch spelling, then by
    what the letter ``printed`` prints elsewhere, then by whether it hyphenates for layout at all.

    >>> hyphen_join("zij doorbre-", "ken de cirkel"), hyphen_join("de AI-", "toepassingen")
    ('drop', 'keep')
    >>> hyphen_join("de uitrol van de Hervor-", "mingsagenda?"), hyphen_join("voor drone-", "exploitanten")
    ('drop', 'keep')
    >>> hyphen_join("op-", "en afbouw"), hyphen_join("van niet-", "noodgevallen")
    ('space', 'keep')
    >>> hyphen_join("de procureur-", "generaal van Curaçao"), hyphen_join("werkagenda vmbo-", "mbo opgenomen")
    ('keep', 'keep')
    >>> hyphen_join("het sectorplan mbo-", "hbo", Spellings(hyphenated=frozenset({"mbo-hbo"})))
    'keep'
    >>> hyphen_join("de super-", "evenementen", Spellings(hyphenates=False))
    'keep'
    """
    if not before.endswith("-") or len(before) < 2 or not after[:1].isalnum():
        return "space"
    if not (before[-2].isalnum() or before[-2] in _CLOSERS):
        return "space"
    if after.split(" ", 1)[0].rstrip(_WORD_END) in _CONJUNCTIONS:
        return "space"
    pieces = _pieces(before, after)
    if pieces is None:
        return "keep"
    piece, word = (part.lower() for part in pieces)
    # What the letter prints inside its lines decides, where it prints the word one way only.
    hyphenated, joined = printed_with_hyphen(piece, word, printed.hyphenated), piece + word in printed.joined
    if hyphenated != joined:
        return "keep" if hyphenated else "drop"
    if not printed.hyphenates and not may_break(piece, word):
        return "keep"
    return "drop"


def spellings(lines: Sequence[str]) -> Spellings:
    """What the lines of a letter print of its words, for its line-end hyphens (``hyphen_join``).

    >>> found = spellings(["het sectorplan mbo-hbo techniek, de", "Poli-", "tie en de wer-", "kagenda"])
    >>> sorted(found.hyphenated), "politie" in found.joined, found.hyphenates
    (['mbo-hbo'], False, False)
    """
    hyphenated: set[str] = set()
    joined: set[str] = set()
    for text in lines:
        # A URL's words are an address's, not the letter's spelling ("…/voormalig-inval-woordvoerder").
        for token in _TOKEN.findall(patterns.URL.sub(" ", text)):
            parts = token.lower().split("-")
            if len(parts) == 1:
                joined.add(parts[0])
            hyphenated.update(f"{first}-{second}" for first, second in itertools.pairwise(parts))
    splits = 0
    for before, after in itertools.pairwise(lines):
        pieces = _pieces(before, after) if before.endswith("-") and after else None
        splits += pieces is not None and may_break(*pieces)
    return Spellings(frozenset(hyphenated), frozenset(joined), splits >= _LAYOUT_SPLITS)


def join_lines(lines: Iterable[str], printed: Spellings = NO_SPELLINGS) -> str:
    """Join the lines of one paragraph into running text.

    A URL cut at a line end is joined without a space (keeping a hyphen inside it), a word
    split by a layout hyphen is rejoined, everything else is joined with one space.

    >>> join_lines(["9 https://www.oecd.org/impacts-of-artificial-intelligence-", "on-the-workplace.htm"])
    '9 https://www.oecd.org/impacts-of-artificial-intelligence-on-the-workplace.htm'
    >>> join_lines(["de AI-", "toepassingen worden door-", "gaans ingezet"])
    'de AI-toepassingen worden doorgaans ingezet'
    """
    return join_marked((Marked(normalise_line(line)) for line in lines), printed).text


def join_marked(lines: Iterable[Marked], printed: Spellings = NO_SPELLINGS) -> Marked:
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
        else:
            join = hyphen_join(before, after, printed)
            if join == "drop":
                result = result.cut(len(before) - 1)[0] + line
            else:
                result = result + line if join == "keep" else result + " " + line
    return result
