"""Soft hyphens in long Dutch words of a page, so that a narrow screen breaks them with a hyphen.

Browsers hyphenate by themselves (CSS ``hyphens: auto``) only where they have a dictionary for
the language, which headless Chromium on Linux does not; and Dutch compounds are long
("exportkredietverzekeringen"). So the HTML carries the break points itself: a soft hyphen
(U+00AD) is invisible, and where a line breaks at one the browser prints a hyphen. Only the HTML
gets them: JSON and Markdown keep the text as the letter prints it.
"""

from __future__ import annotations

from functools import cache

import pyphen
import regex

SOFT_HYPHEN = "\u00ad"
LONG_WORD = 10
"""Words of at least this many letters get break points; shorter ones fit any line and column."""
_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_@/.])"
    rf"(?:\p{{Lu}}[\p{{Ll}}\p{{M}}]{{{LONG_WORD - 1},}}|[\p{{Ll}}\p{{M}}]{{{LONG_WORD},}})"
    r"(?![\p{L}\p{M}\p{N}_@/])"
)
"""A long word in lower case, or capitalised: not an acronym ("ChatGPT"), a code ("2023Z00475"),
nor a piece of an address (after "/", "@" or "."), where a hyphen would change what is written."""


@cache
def _dictionary() -> pyphen.Pyphen:
    # At least two letters before a break and three after it, as Dutch typesetting does.
    return pyphen.Pyphen(lang="nl_NL", left=2, right=3)


@cache
def _hyphenated(word: str) -> str:
    return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)


def soft_hyphens(text: str) -> str:
    """The text with soft hyphens at the syllable and compound joints of its long words.

    >>> soft_hyphens("exportkredietverzekeringen, berichten en ChatGPT").replace(SOFT_HYPHEN, "|")
    'ex|port|kre|diet|ver|ze|ke|rin|gen, berichten en ChatGPT'
    >>> soft_hyphens("Koninkrijksrelaties (zie www.rijksoverheid.nl/ontwikkelingssamenwerking)").count(SOFT_HYPHEN)
    5
    """
    return _WORD.sub(lambda match: _hyphenated(match.group()), text)
