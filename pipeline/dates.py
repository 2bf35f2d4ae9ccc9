"""Dutch dates: the month names, reading "18 januari 2023" as an ISO date and writing one back;
what an ISO date is, and the days between two."""

from __future__ import annotations

import datetime

import regex

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
"""The Dutch month names, January first."""

MONTH_PREFIXES = "|".join(dict.fromkeys(month[:3] for month in MONTHS))
"""The months' first three letters as a pattern alternation ("jan|feb|maa|..."): enough to see that a
number is the day of a date ("nrs. 1 en 2, 5 november"), however the month goes on."""

DUTCH_DATE = regex.compile(
    rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{'|'.join(MONTHS)})\s+(?P<year>(?:19|20)\d\d)\b", regex.IGNORECASE
)
"""A date as Dutch prints it: "18 januari 2023"."""

_ISO_DATE = regex.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def iso_date(text: str) -> str:
    """The first Dutch date in a text as ISO 8601: "18 januari 2023" -> "2023-01-18"; empty if there is none.

    >>> iso_date("ingezonden op 18 januari 2023")
    '2023-01-18'
    """
    match = DUTCH_DATE.search(text)
    if not match:
        return ""
    month = MONTHS.index(match["month"].lower()) + 1
    return f"{int(match['year']):04d}-{month:02d}-{int(match['day']):02d}"


def is_iso_date(value: str) -> bool:
    """True for a real date written YYYY-MM-DD (the only form a date of ours takes).

    >>> is_iso_date("2023-02-28"), is_iso_date("2023-02-30"), is_iso_date("2023-01-01\\ntitle: x")
    (True, False, False)
    """
    if not _ISO_DATE.fullmatch(value) or not value.isascii():
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def dutch_date(iso: str) -> str:
    """An ISO date as people write it in Dutch; anything else as it is.

    >>> dutch_date("2023-02-22"), dutch_date("2023-03-01"), dutch_date("")
    ('22 februari 2023', '1 maart 2023', '')
    """
    match = _ISO_DATE.fullmatch(iso)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return iso
    return f"{int(match['day'])} {MONTHS[int(match['month']) - 1]} {match['year']}"


def days_between(start: str, end: str) -> int:
    """The days from one ISO date to another (negative when ``end`` comes first).

    >>> days_between("2024-05-06", "2024-06-11"), days_between("2024-03-01", "2024-02-28")
    (36, -2)
    """
    return (datetime.date.fromisoformat(end) - datetime.date.fromisoformat(start)).days
