"""A large batch of letters of known cases, written as text: question letters, notices of delay and
answers (in the Aanhangsel without a zaak number, or in the ministry's own form with one), spread
over ten years, fifteen ministries and a few hundred members; for `make bench` and the tests of
the overview at scale. The same count gives the same letters (a seeded random generator).

``clone_outputs`` makes thousands of letters faster still, as copies of converted letters' JSON
outputs, each made another letter (name, zaak, subject, dates)."""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.kamervragen import Questions, aanhangsel_answer, delay_notice, ministry_answer, question_letter

MINISTRIES = (
    "Algemene Zaken",
    "Buitenlandse Zaken",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Defensie",
    "Economische Zaken",
    "Financiën",
    "Infrastructuur en Waterstaat",
    "Justitie en Veiligheid",
    "Klimaat en Groene Groei",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Onderwijs, Cultuur en Wetenschap",
    "Sociale Zaken en Werkgelegenheid",
    "Volksgezondheid, Welzijn en Sport",
    "Volkshuisvesting en Ruimtelijke Ordening",
    "Asiel en Migratie",
)
PARTIES = ("VVD", "D66", "CDA", "SP", "PVV", "GroenLinks-PvdA", "ChristenUnie", "SGP", "PvdD", "NSC", "BBB", "JA21")
_STEMS = (
    "Bakker", "Jansen", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Brouwer",
    "Dijkstra", "Kok", "Jacobs", "Vermeulen", "Willems", "Hoekstra", "Koster", "Prins", "Blom", "Huisman", "Kuipers",
    "Veenstra", "Postma", "Schouten", "Wolters", "Groen", "Hermans", "Sanders", "Kramer", "Timmermans", "Kuiper",
)  # fmt: skip
_PREFIXES = ("", "Van ", "De ", "Van der ", "Ter ")
_WORDS = (
    "de", "het", "een", "bericht", "over", "gemeenten", "provincie", "toezicht", "onderzoek", "wetsvoorstel",
    "kosten", "wachtlijsten", "zorg", "politie", "asiel", "opvang", "dijk", "stikstof", "woningbouw", "huurders",
    "studenten", "leraren", "scholen", "boeren", "natuur", "energie", "netcongestie", "waterschap", "belasting",
    "toeslagen", "pensioen", "werkgevers", "arbeidsmigranten", "defensie", "munitie", "export", "ambassade",
    "sancties", "vluchtelingen", "Groningen", "Drenthe", "Rotterdam", "Utrecht", "Zeeland", "Limburg", "jeugdzorg",
    "ziekenhuis", "huisartsen", "vaccinatie", "spoorwegen", "veerdienst", "snelweg", "luchtvaart", "Schiphol",
    "privacy", "algoritmen", "cybersecurity", "archief", "subsidie", "begroting", "inspectie", "rechtspraak",
    "gevangenis", "cameratoezicht", "brandweer", "visserij", "drinkwater", "bodem", "grondwater", "klimaat",
)  # fmt: skip
_START = date(2015, 1, 5)
_SPAN_DAYS = 3800
"""About ten and a half years of questions, up to mid 2025."""


@dataclass(frozen=True)
class Letter:
    """A generated letter: its file name and its text."""

    name: str
    text: str


def members(rng: random.Random, count: int = 240) -> list[tuple[str, str]]:
    """Members of the Kamer (name, party): distinct names, each with one party."""
    names = sorted({f"{prefix}{stem}" for prefix in _PREFIXES for stem in _STEMS})
    rng.shuffle(names)
    return [(name, rng.choice(PARTIES)) for name in names[:count]]


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def vergaderjaar(day: date) -> str:
    """The parliamentary year of a date: from the third Tuesday of September, near enough the first."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}–{first + 1}"


def letters(count: int, seed: int = 21) -> list[Letter]:
    """``count`` letters of cases, in the order they were made; names are unique."""
    rng = random.Random(seed)
    people = members(rng)
    made: list[Letter] = []
    numbers = iter(range(100, 10**7))
    zaken = iter(range(1, 10**7))
    while len(made) < count:
        made.extend(_case(rng, people, next(zaken), numbers))
    return made[:count]


def _case(rng: random.Random, people: list[tuple[str, str]], zaak: int, numbers: Iterator[int]) -> list[Letter]:
    """The letters of one set of questions: which of them the batch holds is drawn at random."""
    submitted = _START + timedelta(days=rng.randrange(_SPAN_DAYS))
    askers = rng.sample(people, rng.choice((1, 1, 1, 2)))
    ministry = rng.choice(MINISTRIES)
    asked_by = " en ".join(f"{name} ({party})" for name, party in askers)
    questions = Questions(
        f"{submitted.year}Z{zaak:05d}",
        ("het lid " if len(askers) == 1 else "de leden ") + asked_by,
        f"de Minister van {ministry}",
        f"{sentence(rng, 3, 7).lower()} ({zaak})",
        submitted.isoformat(),
        [sentence(rng, 12, 40) + "?" for _ in range(rng.randint(1, 8))],
    )
    answerer = f"Minister {rng.choice(_STEMS)} ({ministry})"
    answered = submitted + timedelta(days=rng.choice((7, 14, 20, 21, 28, 35, 49, 63, 90, 150)))
    answers = [" ".join(sentence(rng, 10, 30) + "." for _ in range(rng.randint(1, 4))) for _ in questions.questions]
    year = vergaderjaar(answered)
    draw = rng.random()
    made = []
    if draw < 0.85:
        made.append(Letter(f"kv-tk-{questions.zaak}.txt", _year(question_letter(questions), vergaderjaar(submitted))))
    if 0.55 <= draw < 0.65 or draw >= 0.95:
        number = next(numbers)
        notified = (submitted + timedelta(days=20)).isoformat()
        notice = delay_notice(questions, number, answerer, notified, "de afstemming meer tijd vergt")
        made.append(Letter(f"ah-tk-{year.replace('–', '')}-{number}-mededeling.txt", notice))
    if draw < 0.75 or 0.85 <= draw < 0.95:
        number = next(numbers)
        if rng.random() < 0.7:
            text = _year(aanhangsel_answer(questions, number, answerer, answered.isoformat(), answers), year)
            made.append(Letter(f"ah-tk-{year.replace('–', '')}-{number}.txt", text))
        else:
            text = ministry_answer(questions, number, answerer, answered.isoformat(), answers)
            made.append(Letter(f"antwoord-{questions.zaak}.txt", text))
    return made


def _year(text: str, year: str) -> str:
    """The letter's own parliamentary year in its header (the templates print 2024–2025)."""
    return text.replace("Vergaderjaar 2024–2025", f"Vergaderjaar {year}", 1)


def clone_outputs(models: Path, out: Path, count: int) -> list[str]:
    """``count`` letters made quickly from the converted letters in ``models``: each a copy of one
    of their JSON outputs (its HTML linked beside it) as another letter, with its own file name,
    SHA-256, zaak number and subject, dated in one of ten years. Returns the names of the JSON
    files written. For the overview at a scale where converting every letter would take minutes."""
    made = []
    sources = sorted(path for path in models.glob("*.json") if not path.name.startswith(("index", ".")))
    for number in range(count):
        model = sources[number % len(sources)]
        data = json.loads(model.read_text(encoding="utf-8"))
        stem = f"{model.stem}-{number:05d}"
        year = 2015 + number % 10
        _vary(data, stem, year, number)
        (out / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        html = model.with_suffix(".html")
        if html.exists():
            os.link(html, out / f"{stem}.html")
        made.append(f"{stem}.json")
    return made


def _vary(data: dict[str, Any], stem: str, year: int, number: int) -> None:
    """Make a letter's JSON another letter's: its name, file, zaak, subject, and its dates moved by
    whole years so that it is dated in ``year``."""
    data["source"] |= {"name": f"{stem}.txt", "sha256": hashlib.sha256(stem.encode()).hexdigest()}
    zaak = f"{year}Z{number:05d}"
    life, metadata = data["lifecycle"], data["metadata"]
    life["zaak"] = zaak if life["zaak"] else ""
    metadata["kenmerk"] = zaak if metadata["kenmerk"] else ""
    metadata["subject"] = f"{metadata['subject']} ({number})"
    shift = year - int(life["date"][:4]) if life["date"] else 0
    for fields in (life, metadata):
        for key in ("date", "submitted", "answered", "received"):
            if fields.get(key):
                moved = f"{int(fields[key][:4]) + shift}{fields[key][4:]}"
                fields[key] = moved.replace("-02-29", "-02-28")
