"""List numbers as Word prints them, counted from the numbering definitions (``numbering.xml``).

"1." before a question is often no text at all but automatic numbering: the paragraph names a
list (``numId``) and a level (``ilvl``), and the definition says how that level counts (start,
format) and prints ("%1.", "%1)", "%1.%2."). Counting the paragraphs in document order gives the
numbers a reader sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_ROMAN: tuple[tuple[int, str], ...] = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")),
    *((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


@dataclass(frozen=True)
class Level:
    """How one level of a list counts and prints."""

    start: int = 1
    format: str = "decimal"
    """Word's ``numFmt``: decimal, lowerLetter, upperRoman, bullet, none, ..."""
    text: str = "%1."
    """Word's ``lvlText``: "%1." prints the count of level 1 and a full stop."""


def roman(number: int) -> str:
    """A number in lower-case Roman numerals.

    >>> roman(4), roman(1994)
    ('iv', 'mcmxciv')
    """
    digits = []
    for value, letters in _ROMAN:
        while number >= value:
            digits.append(letters)
            number -= value
    return "".join(digits)


def letters(number: int) -> str:
    """A number as Word's list letters: a..z, then aa, bb, ...

    >>> letters(1), letters(26), letters(28)
    ('a', 'z', 'bb')
    """
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_count(count: int, number_format: str) -> str:
    """One level's count in its format ("decimal" -> "3", "lowerLetter" -> "c").

    >>> format_count(3, "upperRoman"), format_count(3, "decimalZero"), format_count(3, "lowerLetter")
    ('III', '03', 'c')
    """
    if number_format in ("lowerRoman", "upperRoman"):
        text = roman(count)
        return text.upper() if number_format == "upperRoman" else text
    if number_format in ("lowerLetter", "upperLetter"):
        text = letters(count)
        return text.upper() if number_format == "upperLetter" else text
    if number_format == "decimalZero":
        return f"{count:02d}"
    if number_format == "none":
        return ""
    return str(count)  # decimal, and the formats nobody writes letters in (ordinal, cardinalText, ...)


def bullet(text: str) -> str:
    """A bullet as text: Word's symbol-font bullets (private-use characters) print as "•".

    >>> bullet("\\uf0b7"), bullet("–")
    ('•', '–')
    """
    if not text.strip() or any("\ue000" <= char <= "\uf8ff" for char in text):
        return "•"
    return text.strip()


def _value(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return child.get(f"{W}val", default) if child is not None else default


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(element: Any) -> Level:
    return Level(
        start=_int(_value(element, "start"), 1),
        format=_value(element, "numFmt") or "decimal",
        text=_value(element, "lvlText") or "",
    )


@dataclass
class Numbering:
    """The lists of a document and their counts so far: ``label`` numbers the next paragraph."""

    levels: Mapping[str, Mapping[int, Level]]
    """Per list (``numId``): each level's definition, its abstract definition with the overrides."""
    counts: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: Any) -> Numbering:
        """Read the definitions from the root of ``numbering.xml`` (None: a document without lists)."""
        if root is None:
            return cls({})
        abstract = {
            element.get(f"{W}abstractNumId"): {
                _int(level.get(f"{W}ilvl"), 0): _level(level) for level in element.findall(f"{W}lvl")
            }
            for element in root.findall(f"{W}abstractNum")
        }
        levels: dict[str, dict[int, Level]] = {}
        for num in root.findall(f"{W}num"):
            own = dict(abstract.get(_value(num, "abstractNumId"), {}))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                if (level := override.find(f"{W}lvl")) is not None:
                    own[ilvl] = _level(level)
                if (start := _value(override, "startOverride")) is not None:
                    base = own.get(ilvl, Level())
                    own[ilvl] = Level(_int(start, 1), base.format, base.text)
            levels[num.get(f"{W}numId", "")] = own
        return cls(levels)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of a list at a level ("3.", "b)", "•"), counted on;
        None if the document defines no such list (``numId`` 0 switches numbering off)."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counts = self.counts.setdefault(num_id, {})
        level = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [other for other in counts if other > ilvl]:
            del counts[deeper]  # a new item restarts the levels below it
        if level.format == "bullet":
            return bullet(level.text)
        text = level.text
        for number in range(1, 10):
            if f"%{number}" in text:
                shown = levels.get(number - 1, Level())
                count = counts.get(number - 1, shown.start)
                text = text.replace(f"%{number}", format_count(count, shown.format))
        return text.strip()
