"""A letter's records in the batch index, made from its JSON: its entry in index.json and its lines
in questions.jsonl, each without the fields of its case, which joining the batch adds."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.cases import Case
from pipeline.model import REVIEW_WARNINGS
from pipeline.render import answered_questions
from pipeline.render.data import as_printed

CASE_FIELDS = ("case", "zaak", "submitted", "answered", "days", "late")
"""The fields of an entry and of a question's line that the letter's case decides."""
OUTPUT_SUFFIXES = ("json", "md", "html")


def index_entry(data: dict[str, Any]) -> dict[str, Any]:
    """One letter's entry in the index; its outputs and its case's fields are filled in when the
    batch is written (``with_case``)."""
    metadata = data["metadata"]
    life = data["lifecycle"]
    return {
        "source": data["source"]["name"],
        "outputs": {},
        "status": "converted",
        "error": "",
        "kind": data["kind"],
        "stage": life["stage"],
        "date": life["date"],
        "submitted": life["submitted"],
        "answered": life["answered"],
        "days": life["days"],
        "late": life["late"],
        "kenmerk": metadata["kenmerk"],
        "reference": metadata["reference"],
        "zaak": life["zaak"],
        "case": "",
        "subject": metadata["subject"],
        "questioners": [{"name": m["name"], "party": m["party"]} for m in life["questioners"]],
        "ministry": life["ministry"],
        "ministry_printed": life["ministry_printed"],
        "answered_by": answered_by(life),
        "aanhangsel_number": metadata["aanhangsel_number"],
        "needs_review": needs_review(data["warnings"]),
        "warnings": [
            {"code": warning["code"], "message": warning["message"], "page": warning["page"]}
            for warning in data["warnings"]
        ],
        "references": cited(data["references"]),
        "counts": {
            "questions": len(data["questions"]),
            "answered": answered_questions(data),
            "answers": len(data["answers"]),
            "footnotes": len(data["footnotes"]),
            "warnings": len(data["warnings"]),
        },
    }


def failure_entry(source: str, error: str) -> dict[str, Any]:
    """The entry of a file that could not be converted: its name (without the folder as typed) and why."""
    return {
        "source": Path(source).name,
        "outputs": {},
        "status": "failed",
        "error": error,
        "kind": "unknown",
        "stage": "none",
        "date": "",
        "submitted": "",
        "answered": "",
        "days": None,
        "late": None,
        "kenmerk": "",
        "reference": "",
        "zaak": "",
        "case": "",
        "subject": "",
        "questioners": [],
        "ministry": "",
        "ministry_printed": "",
        "answered_by": "",
        "aanhangsel_number": "",
        "needs_review": False,
        "warnings": [],
        "references": [],
        "counts": {"questions": 0, "answered": 0, "answers": 0, "footnotes": 0, "warnings": 0},
    }


def answered_by(life: Mapping[str, Any]) -> str:
    """Who answered, as printed: "minister van X; staatssecretaris van Y"."""
    return "; ".join(official["printed"] for official in life["answered_by"])


def outputs(stem: str, present: Collection[str]) -> dict[str, str]:
    """A letter's outputs among the files ``present`` in its folder, by format."""
    return {suffix: f"{stem}.{suffix}" for suffix in OUTPUT_SUFFIXES if f"{stem}.{suffix}" in present}


def cited(references: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """The documents a letter cites, each once, in the order first cited: type, identifier, URL."""
    seen: dict[str, dict[str, str]] = {}
    for reference in references:
        seen.setdefault(
            reference["identifier"],
            {"type": reference["type"], "identifier": reference["identifier"], "url": reference["url"]},
        )
    return list(seen.values())


def needs_review(warnings: Sequence[Mapping[str, Any]]) -> bool:
    """True if a warning says the questions and answers may be read wrong."""
    return any(warning["code"] in REVIEW_WARNINGS for warning in warnings)


def cited_in(where: str, number: int, answered_with: str | None) -> bool:
    """True if a reference stands in this question or in the answer it got ("answer 4, 5")."""
    if where == f"question {number}":
        return True
    kind, _, numbers = where.partition(" ")
    return kind == "answer" and answered_with is not None and numbers == answered_with


def case_fields(case: Case | None) -> dict[str, Any]:
    """The fields a case decides (``CASE_FIELDS``); empty for a letter in no case."""
    if case is None:
        return {"case": "", "zaak": "", "submitted": "", "answered": "", "days": None, "late": None}
    return {
        "case": case.key,
        "zaak": case.zaak,
        "submitted": case.submitted,
        "answered": case.answered,
        "days": case.days,
        "late": case.late,
    }


def question_lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per question with the answer it got, who asked it, who answered and when, for
    analysis (questions.jsonl); the case's fields are empty until the batch is joined. A question
    number printed twice counts once (the first), and so does a footnote number."""
    life, metadata = data["lifecycle"], data["metadata"]
    footnotes: dict[int, dict[str, Any]] = {}
    for note in data["footnotes"]:
        footnotes.setdefault(note["number"], {"number": note["number"], "text": note["text"], "urls": note["urls"]})
    answer_of: dict[int, dict[str, Any]] = {}
    for answer in data["answers"]:
        for number in answer["questions"]:
            answer_of.setdefault(number, answer)
    questions: dict[int, dict[str, Any]] = {}
    for question in data["questions"]:
        questions.setdefault(question["number"], question)
    shared = {
        "source": data["source"]["name"],
        "case": "",
        "zaak": "",
        "kenmerk": metadata["kenmerk"],
        "kind": data["kind"],
        "stage": life["stage"],
        "subject": metadata["subject"],
        "questioners": [member["name"] for member in life["questioners"]],
        "parties": list(dict.fromkeys(member["party"] for member in life["questioners"] if member["party"])),
        "ministry": life["ministry"],
        "ministry_printed": life["ministry_printed"],
        "answered_by": answered_by(life),
        "submitted": "",
        "answered": "",
        "days": None,
        "late": None,
        "aanhangsel_number": metadata["aanhangsel_number"],
    }
    return [
        shared | _question(number, questions[number], answer_of.get(number), footnotes, data["references"])
        for number in sorted(questions)
    ]


def _question(
    number: int,
    question: Mapping[str, Any],
    answer: Mapping[str, Any] | None,
    footnotes: Mapping[int, dict[str, Any]],
    references: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """A question's own fields in its line: its text, its answer, their footnotes and citations."""
    text, notes = as_printed(question["text"])
    answer_text, answer_notes = as_printed("\n\n".join(answer["paragraphs"])) if answer else ("", ())
    answered_with = ", ".join(map(str, answer["questions"])) if answer else None
    return {
        "question": number,
        "text": text,
        "footnotes": [footnotes[n] for n in notes if n in footnotes],
        "answered_with": list(answer["questions"]) if answer else [],
        "answer_label": answer["label"] if answer else "",
        "answer": answer_text,
        "answer_footnotes": [footnotes[n] for n in answer_notes if n in footnotes],
        "references": cited([r for r in references if cited_in(r["where"], number, answered_with)]),
    }
