"""What the overview's search looks in: letters' words folded as its script folds a query.

The overview (index.html) filters its rows in the page itself, without network. A row's own text
and a few folded terms (Aanhangsel number, ons kenmerk, the ISO date) stay in the page; the
words of the questions, answers and letter text go to ``index-search.js`` beside it, which the page
loads only when a reader starts to search: a ``<script src>`` loads from ``file://`` where
``fetch`` may not, and the page stays small with thousands of letters (each letter's distinct
words are about 4.5 kB on the corpus; its full text about 12 kB).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import regex

SEARCH_SCRIPT = "index-search.js"
"""The file beside index.html with each letter's words, in the order of the index's rows."""
_WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits (the standard library's re: three times faster here than regex)."""
_MARKS = regex.compile(r"[\p{M}\u00ad]+")


def fold(text: str) -> str:
    """Text as the search compares it: lower case, without diacritics or soft hyphens (the page's
    script does the same to a query: NFKD, marks removed, toLowerCase).

    >>> fold("Kostić, Yeşilgöz-Zegerius en Ka\\u00adjsa Ollongren")
    'kostic, yesilgoz-zegerius en kajsa ollongren'
    """
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def distinct_words(texts: Iterable[str]) -> str:
    """Every word of the texts once, folded, sorted, separated by spaces.

    >>> distinct_words(["ChatGPT en AI", "AI-toepassingen in het onderwijs"])
    'ai chatgpt en het in onderwijs toepassingen'
    """
    return " ".join(sorted(set(_WORD.findall(fold("\n".join(texts))))))


def letter_words(data: dict[str, Any]) -> str:
    """The words of a letter (its JSON data) a reader may search for: questions, answers, the
    letter's own text, notes and footnotes, and who signed it (the overview shows their roles)."""
    metadata = data["metadata"]
    texts = [f"{signatory['name']} {signatory['role']}" for signatory in metadata["signatories"]]
    texts += [*metadata["on_behalf_of"], *(question["text"] for question in data["questions"])]
    texts += [paragraph for answer in data["answers"] for paragraph in answer["paragraphs"]]
    texts += [block["text"] for block in data["body"]]
    texts += [item["text"] for item in (*data["notes"], *data["footnotes"])]
    return distinct_words(texts)


def row_terms(entry: Mapping[str, Any]) -> str:
    """Folded terms of an index entry that its row does not show as such: the Aanhangsel number,
    ons kenmerk, the ISO date and the source's name."""
    terms = (entry["aanhangsel_number"], entry["reference"], entry["date"], entry["source"])
    return fold(" ".join(term for term in terms if term))


def search_script(words: Sequence[str]) -> str:
    """index-search.js: each row's words, in row order, for the overview's script to pick up."""
    return "window.kamerbriefSearch = " + json.dumps(list(words), ensure_ascii=False) + ";\n"
