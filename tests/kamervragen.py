"""Letters of known cases written as text, the way the Tweede Kamer and the ministries print them:
question letters, Aanhangsel answers (which print no zaak number), notices of delay, and the
answers of a ministry's own form (which do); for tests of joining and of the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Questions:
    """A set of questions: who asked whom about what, and when."""

    zaak: str
    asked_by: str
    """As printed: "het lid Boswijk (CDA)", "de leden Podt (D66) en Van Nispen (SP)"."""
    addressed: str
    """As printed: "de Minister van Justitie en Veiligheid"."""
    subject: str
    submitted: str
    questions: Sequence[str]

    def header(self) -> str:
        return (
            f"Vragen van {self.asked_by} aan {self.addressed} over {self.subject} (ingezonden {dutch(self.submitted)})."
        )


def question_letter(q: Questions) -> str:
    """The questions as the Tweede Kamer publishes them (kv-tk-…), with their zaak number."""
    lines = [
        "Tweede Kamer der Staten-Generaal",
        "Vergaderjaar 2024–2025 Vragen gesteld door de leden der Kamer",
        "",
        q.zaak,
        q.header(),
        "",
    ]
    for number, text in enumerate(q.questions, 1):
        lines += [f"Vraag {number}", text, ""]
    return "\n".join(lines)


def aanhangsel_answer(q: Questions, number: int, answerer: str, received: str, answers: Sequence[str]) -> str:
    """The answers as the Aanhangsel van de Handelingen prints them: no zaak number."""
    lines = [
        "Tweede Kamer der Staten-Generaal",
        "Vergaderjaar 2024–2025 Aanhangsel van de Handelingen",
        "Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden",
        str(number),
        q.header(),
        "",
        f"Antwoord van {answerer} (ontvangen {dutch(received)}).",
        "",
    ]
    for index, (text, answer) in enumerate(zip(q.questions, answers, strict=True), 1):
        lines += [f"Vraag {index}", text, "", f"Antwoord {index}", answer, ""]
    return "\n".join(lines)


def ministry_answer(q: Questions, number: int, answerer: str, received: str, answers: Sequence[str]) -> str:
    """The answers in the ministry's own form, as sent before publication: Aanhangsel number and zaak."""
    lines = [f"AH {number}", q.zaak, f"Antwoord van {answerer} (ontvangen {dutch(received)})", ""]
    for index, (text, answer) in enumerate(zip(q.questions, answers, strict=True), 1):
        lines += [f"Vraag {index}", text, "", f"Antwoord {index}", answer, ""]
    return "\n".join(lines)


def delay_notice(q: Questions, number: int, sender: str, received: str, reason: str, *, zaak: bool = True) -> str:
    """A Mededeling that the answers will be late, with or without the zaak number."""
    asked = q.asked_by.removeprefix("het lid ").removeprefix("de leden ")
    printed = f" ({q.zaak})" if zaak else ""
    lines = [
        f"AH {number}",
        *([q.zaak] if zaak else []),
        f"Mededeling van {sender} (ontvangen {dutch(received)})",
        "",
        f"De vragen van het lid {asked} over {q.subject}{printed} kunnen niet binnen de gebruikelijke termijn "
        f"worden beantwoord, omdat {reason}. Ik streef ernaar de vragen binnen drie weken te beantwoorden.",
    ]
    return "\n".join(lines)
