"""Response times and counts from the batch's database: per ministry, party or member; the open cases."""

from __future__ import annotations

import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.lifecycle import TERM_DAYS

By = Literal["ministry", "party", "member"]
BY: tuple[By, ...] = ("ministry", "party", "member")
FIELDS = ("group", "cases", "answered", "timed", "median_days", "within_term", "open")

_CASES = {
    "ministry": "SELECT c.key, c.ministry, c.status, c.days FROM cases c",
    "party": """SELECT DISTINCT c.key, q.party, c.status, c.days FROM cases c
        JOIN case_letters cl ON cl.case_key = c.key JOIN questioners q ON q.letter_id = cl.letter_id""",
    "member": """SELECT DISTINCT c.key, q.name, c.status, c.days FROM cases c
        JOIN case_letters cl ON cl.case_key = c.key JOIN questioners q ON q.letter_id = cl.letter_id""",
}


@dataclass(frozen=True)
class Row:
    """The cases of one ministry, party or member, and how fast they were answered."""

    group: str
    """The ministry's canonical abbreviation, the party's canonical name or the member's name;
    empty when unknown."""
    cases: int
    answered: int
    timed: int
    """Answered cases whose submission date is known too."""
    median_days: float | None
    within_term: float | None
    """The share of timed cases answered within 21 days, from 0 to 1."""
    open: int
    """Cases not answered in the batch (open or delayed)."""

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def response_times(connection: sqlite3.Connection, by: By = "ministry") -> list[Row]:
    """Per ministry (of the case's first answer), party or member (of those who asked): cases,
    answered, median days to answer and the share within three weeks; most cases first.

    A case is one set of questions however many letters of it the batch holds (a question
    letter, a notice of delay, the answer in two files), so nothing is counted twice.
    """
    groups: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for _, group, status, days in connection.execute(_CASES[by]):
        groups[group or ""].append((status, days))
    rows = [_row(group, cases) for group, cases in groups.items()]
    return sorted(rows, key=lambda row: (-row.cases, row.group == "", row.group))


def _row(group: str, cases: Iterable[tuple[str, int | None]]) -> Row:
    cases = list(cases)
    answered = [days for status, days in cases if status == "answered"]
    timed = [days for days in answered if days is not None]
    return Row(
        group=group,
        cases=len(cases),
        answered=len(answered),
        timed=len(timed),
        median_days=float(statistics.median(timed)) if timed else None,
        within_term=round(sum(1 for days in timed if days <= TERM_DAYS) / len(timed), 4) if timed else None,
        open=len(cases) - len(answered),
    )


@dataclass(frozen=True)
class Bar:
    """One bar of the overview's chart: a ministry's median days, drawn to scale."""

    label: str
    median_days: float
    y: int
    width: float


def chart(rows: list[Row], width: int = 320, bar: int = 18) -> dict[str, Any]:
    """The geometry of a bar chart of median days per group (an inline SVG, no network), with the
    three weeks' term as a line."""
    timed = [row for row in rows if row.median_days is not None]
    longest = max([TERM_DAYS, *(row.median_days or 0 for row in timed)])
    scale = width / longest
    bars = [
        Bar(row.group or "onbekend", row.median_days or 0, index * (bar + 6), round((row.median_days or 0) * scale, 1))
        for index, row in enumerate(timed)
    ]
    return {
        "bars": bars,
        "width": width,
        "bar": bar,
        "height": max(len(bars) * (bar + 6), bar),
        "term": round(TERM_DAYS * scale, 1),
        "term_days": TERM_DAYS,
    }


def open_cases(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """The cases not answered in the batch, the oldest first, with their age in days."""
    rows = connection.execute(
        """SELECT key, zaak, status, submitted, age, ministry, subject FROM cases
        WHERE status != 'answered' ORDER BY age IS NULL, age DESC, key"""
    )
    names = ("key", "zaak", "status", "submitted", "age", "ministry", "subject")
    return [dict(zip(names, row, strict=True)) for row in rows]


def overview(connection: sqlite3.Connection) -> dict[str, Any]:
    """What the overview page shows of the batch's cases: response times per ministry (a chart and
    its table), the open cases, and counts per party and member."""
    ministries = response_times(connection, "ministry")
    return {
        "ministries": ministries,
        "chart": chart(ministries),
        "open_cases": open_cases(connection),
        "parties": response_times(connection, "party"),
        "members": response_times(connection, "member"),
    }
