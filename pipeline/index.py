"""The batch index: every letter of an output folder in index.json, index.html and questions.jsonl."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.files import write_together
from pipeline.model import REVIEW_WARNINGS, SCHEMA_VERSION
from pipeline.render import answered_questions, environment, to_json
from pipeline.search import SEARCH_SCRIPT, letter_words, row_terms, search_script

INDEX_FILES = ("index.json", "index.html", "questions.jsonl", SEARCH_SCRIPT)


def read_outputs(output_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The document JSON files in an output folder, sorted by name; other JSON is skipped."""
    documents = []
    for path in sorted(output_dir.glob("*.json")):
        if path.name in INDEX_FILES:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "schema_version" in data and "questions" in data:
            documents.append((path, data))
    return documents


def index_entry(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """One letter's line in the index, linking to its outputs."""
    metadata = data["metadata"]
    outputs = {
        suffix: path.with_suffix(f".{suffix}").name
        for suffix in ("json", "md", "html")
        if path.with_suffix(f".{suffix}").exists()
    }
    return {
        "source": data["source"]["name"],
        "outputs": outputs,
        "status": "converted",
        "error": "",
        "kind": data["kind"],
        "date": metadata["date"] or metadata["received"] or metadata["submitted"],
        "kenmerk": metadata["kenmerk"],
        "reference": metadata["reference"],
        "aanhangsel_number": metadata["aanhangsel_number"],
        "subject": metadata["subject"],
        "questioners": metadata["questioners"],
        "answered_by": answered_by(metadata),
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


def cited(references: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """The documents a letter cites, each once, in the order first cited: type, identifier, URL."""
    seen: dict[str, dict[str, str]] = {}
    for reference in references:
        seen.setdefault(
            reference["identifier"],
            {"type": reference["type"], "identifier": reference["identifier"], "url": reference["url"]},
        )
    return list(seen.values())


def answered_by(metadata: dict[str, Any]) -> str:
    """Who answered: as printed in an Aanhangsel, else who signed the letter (their roles)."""
    return str(metadata["answered_by"]) or "; ".join(s["role"] or s["name"] for s in metadata["signatories"])


def needs_review(warnings: Sequence[dict[str, Any]]) -> bool:
    """True if a warning says the questions and answers may be read wrong."""
    return any(warning["code"] in REVIEW_WARNINGS for warning in warnings)


def failure_entry(source: str, error: str) -> dict[str, Any]:
    return {
        "source": Path(source).name,
        "outputs": {},
        "status": "failed",
        "error": error,
        "kind": "unknown",
        "date": "",
        "kenmerk": "",
        "reference": "",
        "aanhangsel_number": "",
        "subject": "",
        "questioners": [],
        "answered_by": "",
        "needs_review": False,
        "warnings": [],
        "references": [],
        "counts": {"questions": 0, "answered": 0, "answers": 0, "footnotes": 0, "warnings": 0},
    }


def question_lines(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per question with the answer it got, for analysis (questions.jsonl)."""
    answers = {number: answer for answer in data["answers"] for number in answer["questions"]}
    metadata = data["metadata"]
    lines = []
    for question in data["questions"]:
        answer = answers.get(question["number"])
        lines.append(
            {
                "source": data["source"]["name"],
                "kenmerk": metadata["kenmerk"],
                "kind": data["kind"],
                "date": metadata["date"] or metadata["received"] or metadata["submitted"],
                "subject": metadata["subject"],
                "answered_by": answered_by(metadata),
                "aanhangsel_number": metadata["aanhangsel_number"],
                "question": question["number"],
                "text": question["text"],
                "answered_with": answer["questions"] if answer else [],
                "answer_label": answer["label"] if answer else "",
                "answer": "\n\n".join(answer["paragraphs"]) if answer else "",
                "references": cited(
                    [r for r in data["references"] if cited_in(r["where"], question["number"], answer)]
                ),
            }
        )
    return lines


def cited_in(where: str, number: int, answer: dict[str, Any] | None) -> bool:
    """True if a reference stands in this question or in the answer it got."""
    if where == f"question {number}":
        return True
    kind, _, numbers = where.partition(" ")
    return kind == "answer" and answer is not None and numbers == ", ".join(map(str, answer["questions"]))


CITATION_FIELDS = ("document", "kenmerk", "type", "identifier", "url", "printed", "where", "page")


def citations(output_dir: Path) -> list[dict[str, Any]]:
    """Every reference of every letter in an output folder: which letter cites which document."""
    return [
        {
            "document": data["source"]["name"],
            "kenmerk": data["metadata"]["kenmerk"],
            **{field: reference[field] for field in CITATION_FIELDS[2:]},
        }
        for _, data in read_outputs(output_dir)
        for reference in data["references"]
    ]


def write_index(output_dir: Path, failures: Sequence[tuple[str, str]] = ()) -> list[Path]:
    """Write index.json, index.html and questions.jsonl for every letter in the folder.

    ``failures`` are (source, error) pairs of the current run, listed so that the index shows
    what is missing; a failed letter's previous outputs, if any, are listed as well.
    """
    outputs = read_outputs(output_dir)
    entries = [index_entry(path, data) for path, data in outputs]
    entries += [failure_entry(source, error) for source, error in failures]
    index = {"schema_version": SCHEMA_VERSION, "documents": entries}
    questions = [line for _, data in outputs for line in question_lines(data)]
    overview = environment().get_template("index.html.j2")
    contents = [
        to_json(index) + "\n",
        overview.render(index=index, review_codes=sorted(REVIEW_WARNINGS), terms=[row_terms(e) for e in entries]),
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in questions),
        # The overview's search in the letters' words, loaded by index.html when a reader searches.
        search_script([letter_words(data) for _, data in outputs] + [""] * len(failures)),
    ]
    targets = [output_dir / name for name in INDEX_FILES]
    # All three or none, like a letter's outputs; an OSError leaves the previous index whole.
    write_together(dict(zip(targets, contents, strict=True)))
    return targets
