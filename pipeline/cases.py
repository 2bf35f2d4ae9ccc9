"""Cases: the question letters, notices and answers of one set of questions in a batch, joined with their evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

import regex

from pipeline.dates import days_between
from pipeline.lifecycle import TERM_DAYS
from pipeline.ministries import fold
from pipeline.render.data import as_printed

WINDOW_DAYS = 183
"""Letters without a zaak number are joined only within six months of each other: answers come
late (the corpus has one after 150 days), but not that late."""
SHINGLE = 3
"""Words per shingle when texts are compared (the Open State Kamervragentracker compares shingles)."""
SAME_TEXT = 0.5
"""Shingle similarity of the questions' texts above which two letters print the same questions."""
SAME_SUBJECT = 0.8
"""Shingle containment of two subjects above which they name the same thing."""
ANSWERING = ("answers", "further-answers", "referral")
_WORD = regex.compile(r"[\p{L}\p{N}]+")

Status = Literal["answered", "delayed", "open"]


@dataclass(frozen=True)
class Letter:
    """What joining needs to know of one letter (from its lifecycle)."""

    key: str
    """The letter's output name (``ah-tk-20232024-1314__tkdoc-00fe7edd``): unique in a batch."""
    sha256: str
    stage: str
    zaak: str
    date: str
    submitted: str
    answered: str
    questioners: tuple[str, ...]
    """The members' names, normalised."""
    ministries: tuple[str, ...]
    """Every ministry the letter names: addressed, answering, "mede namens"."""
    subject: str
    """The words of its subject, folded (``folded_words``)."""
    text: str
    """The words of its questions, folded, for comparing."""

    @cached_property
    def shingles(self) -> frozenset[tuple[str, ...]]:
        return shingles(self.text)

    @cached_property
    def subject_shingles(self) -> frozenset[tuple[str, ...]]:
        return shingles(self.subject, 2)

    @property
    def when(self) -> str:
        return self.submitted or self.date


@dataclass(frozen=True)
class Member:
    """A letter in its case: why it was joined, and how sure that is."""

    letter: str
    stage: str
    date: str
    evidence: str
    """Why the letter belongs here ("zaak 2024Z18792"; "same questions (text 0.93), same submission date")."""
    confidence: float
    """1.0 for a printed zaak number or the same file; less for a match on questioners, date and text."""


@dataclass(frozen=True)
class Case:
    """One set of questions and what became of it within the batch."""

    key: str
    """The zaak number, else the output name of the case's first letter."""
    zaak: str
    members: tuple[Member, ...]
    status: Status
    submitted: str
    answered: str
    days: int | None
    late: bool | None
    age: int | None
    """For a case not answered in the batch: days from submission to the batch's newest date."""


def join_cases(letters: Sequence[Letter]) -> list[Case]:
    """Join the letters of a batch into cases: by zaak number, else by who asked, whom, when and what.

    A letter whose file is the same as another's (its SHA-256) joins that letter's case. Without
    a printed zaak number, a letter joins the case of a letter that shares a questioner (when both
    name them) and a ministry (when both name them), was sent in on the same date (when both print
    it) or within ``WINDOW_DAYS``, and prints the same questions (shingle similarity of the
    questions' texts) or the same subject. Cases are in the order of their first letter.
    """
    ordered = sorted((letter for letter in letters if letter.stage not in ("none", "")), key=_order)
    joining = _Joining()
    for letter in ordered:
        joining.add(letter, *joining.place(letter))
    newest = max(
        (day for letter in ordered for day in (letter.date, letter.submitted, letter.answered) if day), default=""
    )
    return [_case(key, members, newest) for key, members in joining.groups.items()]


def _order(letter: Letter) -> tuple[str, int, str]:
    """Question letters first on their day, then notices, then answers; then by name: so every
    letter comes after those sent before it, and the letters without a date come last."""
    return (letter.when or "9999", _RANK.get(letter.stage, 2), letter.key)


_RANK = {"questions": 0, "delay": 1, "notice": 1}


class _Joining:
    """The cases made so far while a batch's letters are joined in their order, and the ways to
    find those a letter may join."""

    def __init__(self) -> None:
        self.groups: dict[str, list[tuple[Letter, str, float]]] = {}
        self.by_sha: dict[str, str] = {}
        self.by_zaak: dict[str, str] = {}
        self.by_member: dict[str, set[str]] = defaultdict(set)
        self.by_submitted: dict[str, set[str]] = defaultdict(set)
        self.newest: dict[str, str] = {}
        """The latest date (``Letter.when``) of each case's letters."""

    def add(self, letter: Letter, key: str, evidence: str, confidence: float) -> None:
        self.groups.setdefault(key, []).append((letter, evidence, confidence))
        self.by_sha.setdefault(letter.sha256, key)
        if letter.zaak:
            self.by_zaak.setdefault(letter.zaak, key)
        for name in letter.questioners:
            self.by_member[name].add(key)
        if letter.submitted:
            self.by_submitted[letter.submitted].add(key)
        self.newest[key] = max(self.newest.get(key, ""), letter.when)

    def place(self, letter: Letter) -> tuple[str, str, float]:
        """The case a letter joins, why, and how sure; a new case of its own when none fits."""
        if letter.sha256 and letter.sha256 in self.by_sha:
            return self.by_sha[letter.sha256], "the same file (SHA-256) as a letter of this case", 1.0
        if letter.zaak and letter.zaak in self.by_zaak:
            return self.by_zaak[letter.zaak], f"zaak {letter.zaak}", 1.0
        best: tuple[float, str, str] | None = None
        for key in self._candidates(letter):
            for other, _, _ in self.groups[key]:
                if letter.zaak and other.zaak and letter.zaak != other.zaak:
                    continue
                scored = match(letter, other)
                if scored and (best is None or scored[0] > best[0]):
                    best = (scored[0], key, scored[1])
        if best is not None:
            return best[1], best[2], best[0]
        return letter.zaak or letter.key, f"zaak {letter.zaak}" if letter.zaak else "first letter of its case", 1.0

    def _candidates(self, letter: Letter) -> list[str]:
        """The cases sent in on the same date or asked by one of the same members, in order; of a
        letter with a date, only those with a letter within ``WINDOW_DAYS`` before it (letters come
        in the order of their dates, so no later one is there yet): no other can match."""
        found = set(self.by_submitted.get(letter.submitted, ())) | {
            key for name in letter.questioners for key in self.by_member.get(name, ())
        }
        if letter.when:
            since = (date.fromisoformat(letter.when) - timedelta(days=WINDOW_DAYS)).isoformat()
            found = {key for key in found if self.newest[key] >= since}
        return sorted(found)


def match(letter: Letter, other: Letter) -> tuple[float, str] | None:
    """How sure it is that two letters without a common zaak number concern the same questions,
    with the evidence; None when something they print says they do not."""
    if letter.stage == other.stage == "questions":
        return None
    if letter.submitted and other.submitted and letter.submitted != other.submitted:
        return None
    if not _within_window(letter, other):
        return None
    evidence: list[str] = []
    score = 0.0
    shared = set(letter.questioners) & set(other.questioners)
    if letter.questioners and other.questioners:
        if not shared:
            return None
        evidence.append(f"asked by {', '.join(sorted(shared))}")
        score += 0.2
    ministries = set(letter.ministries) & set(other.ministries)
    if letter.ministries and other.ministries:
        if not ministries:
            return None
        evidence.append(f"put to {', '.join(sorted(ministries))}")
        score += 0.1
    if letter.submitted and letter.submitted == other.submitted:
        evidence.append(f"sent in on {letter.submitted}")
        score += 0.3
    text = similarity(letter.shingles, other.shingles)
    subject = containment(letter.subject_shingles, other.subject_shingles)
    if text >= SAME_TEXT:
        evidence.append(f"the same questions (text similarity {text:.2f})")
        score += 0.4 * text
    elif subject >= SAME_SUBJECT and (shared or letter.submitted == other.submitted != ""):
        evidence.append(f"the same subject (similarity {subject:.2f})")
        score += 0.3 * subject
    else:
        return None
    return min(round(score, 2), 0.99), "; ".join(evidence)


def _within_window(letter: Letter, other: Letter) -> bool:
    first, second = sorted(day for day in (letter.when, other.when))
    if not first:
        return True
    return days_between(first, second) <= WINDOW_DAYS


def folded_words(text: str) -> str:
    """The words of a text, compared without case and diacritics, one space apart: folded once,
    when a letter is read, so that joining a large batch folds nothing.

    >>> folded_words("Bent u bekend met «Financiën»?")
    'bent u bekend met financien'
    """
    return " ".join(fold(word) for word in _WORD.findall(text))


def shingles(words: str, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    """The runs of ``size`` words of folded words (``folded_words``).

    >>> sorted(shingles("bent u bekend met", 3))
    [('bent', 'u', 'bekend'), ('u', 'bekend', 'met')]
    """
    split = words.split()
    if len(split) < size:
        return frozenset({tuple(split)}) if split else frozenset()
    return frozenset(zip(*(split[start:] for start in range(size)), strict=False))


def similarity(first: frozenset[tuple[str, ...]], second: frozenset[tuple[str, ...]]) -> float:
    """Jaccard similarity of two sets of shingles; 0 when either is empty.

    >>> similarity(shingles("a b c d"), shingles("a b c e"))
    0.3333333333333333
    """
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def containment(first: frozenset[tuple[str, ...]], second: frozenset[tuple[str, ...]]) -> float:
    """The share of the smaller set of shingles found in the other: a notice that names the subject
    inside a sentence of its own still names it.

    >>> containment(shingles("de dijk bij kampen", 2), shingles("over de dijk bij kampen kunnen niet", 2))
    1.0
    """
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _case(key: str, joined: Iterable[tuple[Letter, str, float]], newest: str) -> Case:
    letters = list(joined)
    members = tuple(
        Member(letter.key, letter.stage, letter.date, evidence, confidence) for letter, evidence, confidence in letters
    )
    zaak = next((letter.zaak for letter, _, _ in letters if letter.zaak), "")
    submitted = min((letter.submitted for letter, _, _ in letters if letter.submitted), default="")
    answers = [letter.answered for letter, _, _ in letters if letter.stage in ANSWERING and letter.answered]
    answered = min(answers, default="")
    days = _days(submitted, answered)
    status: Status = (
        "answered" if answered else ("delayed" if any(letter.stage == "delay" for letter, _, _ in letters) else "open")
    )
    age = _days(submitted or min((letter.date for letter, _, _ in letters if letter.date), default=""), newest)
    return Case(
        key=zaak or key,
        zaak=zaak,
        members=members,
        status=status,
        submitted=submitted,
        answered=answered,
        days=days,
        late=None if days is None else days > TERM_DAYS,
        age=None if answered else age,
    )


def _days(start: str, end: str) -> int | None:
    if not (start and end):
        return None
    return days_between(start, end)


def letter_of(key: str, data: dict[str, object]) -> Letter:
    """What joining needs of a letter, from its JSON (``output/<key>.json``)."""
    life = data["lifecycle"]
    assert isinstance(life, dict)
    questions = data["questions"]
    assert isinstance(questions, list)
    source = data["source"]
    metadata = data["metadata"]
    assert isinstance(source, dict) and isinstance(metadata, dict)
    officials = [*life["addressed"], *life["answered_by"], *life["on_behalf_of"]]
    return Letter(
        key=key,
        sha256=str(source["sha256"]),
        stage=str(life["stage"]),
        zaak=str(life["zaak"]),
        date=str(life["date"]),
        submitted=str(life["submitted"]),
        answered=str(life["answered"]),
        questioners=tuple(fold(member["name"]) for member in life["questioners"]),
        ministries=tuple(sorted({official["ministry"] for official in officials if official["ministry"]})),
        subject=folded_words(str(metadata["subject"])),
        text=folded_words(" ".join(as_printed(str(question["text"]))[0] for question in questions)),
    )
