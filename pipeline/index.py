"""The batch index: every letter of an output folder in index.json, index.html and questions.jsonl."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from pipeline import database
from pipeline.cases import Case
from pipeline.database import DATABASE
from pipeline.files import folder_lock, settle, write_together
from pipeline.model import REVIEW_WARNINGS, SCHEMA_VERSION
from pipeline.render import TEMPLATES, answered_questions, environment, to_json
from pipeline.search import SEARCH_SCRIPT, row_terms, search_script
from pipeline.stats import overview

INDEX_FILES = ("index.json", "index.html", "questions.jsonl", SEARCH_SCRIPT)
RESERVED = (*INDEX_FILES, DATABASE)
"""Names in an output folder that are the batch's, never a letter's."""


def read_outputs(output_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The document JSON files in an output folder, sorted by name; other JSON is skipped.

    A switch of a letter's outputs that a killed process left halfway is finished first, so
    that no letter is read with a new JSON beside an old HTML.
    """
    settle(output_dir)
    documents = []
    for path in sorted(output_dir.glob("*.json")):
        if path.name in RESERVED:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "schema_version" in data and "questions" in data:
            documents.append((path, data))
    return documents


def index_entry(path: Path, data: dict[str, Any]) -> dict[str, Any]:
    """One letter's line in the index, linking to its outputs; the case's fields are added when the
    batch's letters are joined (``with_case``)."""
    metadata = data["metadata"]
    life = data["lifecycle"]
    return {
        "source": data["source"]["name"],
        "outputs": outputs(path),
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
        "answered_by": "; ".join(official["printed"] for official in life["answered_by"]),
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


def outputs(path: Path) -> dict[str, str]:
    """A letter's outputs beside its JSON, by format."""
    return {
        suffix: path.with_suffix(f".{suffix}").name
        for suffix in ("json", "md", "html")
        if path.with_suffix(f".{suffix}").exists()
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


def cited_in(where: str, number: int, answered_with: str | None) -> bool:
    """True if a reference stands in this question or in the answer it got ("answer 4, 5")."""
    if where == f"question {number}":
        return True
    kind, _, numbers = where.partition(" ")
    return kind == "answer" and answered_with is not None and numbers == answered_with


CITATION_FIELDS = ("document", "kenmerk", "type", "identifier", "url", "printed", "where", "page")


def citations(output_dir: Path) -> list[dict[str, Any]]:
    """Every reference of every letter in an output folder: which letter cites which document
    (``read_outputs`` finishes any switch of outputs a killed process left first)."""
    return [
        {
            "document": data["source"]["name"],
            "kenmerk": data["metadata"]["kenmerk"],
            **{field: reference[field] for field in CITATION_FIELDS[2:]},
        }
        for _, data in read_outputs(output_dir)
        for reference in data["references"]
    ]


def write_index(
    output_dir: Path,
    failures: Sequence[tuple[str, str]] = (),
    done: Collection[str] = (),
    present: Collection[str] | None = None,
) -> list[Path]:
    """Write index.json, index.html and questions.jsonl, and update kamerbrief.db, for every letter
    in the folder.

    ``failures`` are (source, error) pairs of the current run, listed so that the index shows
    what is missing; a failed letter's previous outputs, if any, are listed as well. The
    failures of earlier runs stay listed until a run converts or fails that file again (its
    name is in ``done``) or, when ``present`` names the inputs (``--prune``), the file is gone.
    Only the letters whose JSON changed since the last run are read (the database keeps the
    rest); when nothing changed and the index is there, nothing is written. The folder is locked
    meanwhile, so two runs at once on one folder each add their failures and neither loses the
    other's; a switch of a letter's outputs that a killed run left halfway is finished first.
    """
    targets = [output_dir / name for name in INDEX_FILES]
    output_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(output_dir, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        # Said as the files would say it, before the database (which says "unable to open").
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(output_dir))
    with folder_lock(output_dir):
        settle(output_dir)
        failed = _failures(output_dir, failures, done, present)
        fingerprint = json.dumps([SCHEMA_VERSION, failed, _template_times()])
        with database.opened(output_dir) as connection:
            sync = database.synchronise(connection, output_dir, RESERVED)
            stored = connection.execute("SELECT value FROM meta WHERE key = 'index'").fetchone()
            if not (sync.read or sync.removed) and stored == (fingerprint,) and all(path.exists() for path in targets):
                return targets
            _write(output_dir, connection, failed, targets)
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('index', ?)", (fingerprint,))
    return targets


def _write(output_dir: Path, connection: sqlite3.Connection, failed: list[dict[str, Any]], targets: list[Path]) -> None:
    """Write the index files from the database, with the failure entries after the letters."""
    cases = {case.key: case for case in database.store_cases(connection)}
    documents = [*entries(connection, output_dir, cases), *failed]
    index = {"schema_version": SCHEMA_VERSION, "documents": documents}
    questions = question_lines(connection, cases)
    # The overview's search: each row's folded terms in the page, the letters' words beside it
    # (index-search.js, loaded when a reader searches), in the order of the rows.
    words = [text for (text,) in connection.execute("SELECT words FROM letters ORDER BY file")]
    words += [""] * len(failed)
    contents = [
        to_json(index) + "\n",
        environment()
        .get_template("index.html.j2")
        .render(
            index=index,
            review_codes=sorted(REVIEW_WARNINGS),
            overview=overview(connection),
            terms=[row_terms(entry) for entry in documents],
        ),
        "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in questions),
        search_script(words),
    ]
    # All four or none, like a letter's outputs; an OSError leaves the previous index whole, and
    # rolls the database back with it.
    write_together(dict(zip(targets, contents, strict=True)))


def _failures(
    output_dir: Path, failures: Sequence[tuple[str, str]], done: Collection[str], present: Collection[str] | None
) -> list[dict[str, Any]]:
    """The failure entries of the index: earlier runs' that still stand, then this run's."""
    new = [failure_entry(source, error) for source, error in failures]
    forget = {entry["source"] for entry in new} | {Path(name).name for name in done}
    earlier = [
        entry
        for entry in previous_failures(output_dir)
        if entry["source"] not in forget and (present is None or entry["source"] in present)
    ]
    return [*earlier, *new]


def previous_failures(output_dir: Path) -> list[dict[str, Any]]:
    """The failure entries of the index in the folder, as an earlier run wrote them ([] if none)."""
    try:
        index = json.loads((output_dir / INDEX_FILES[0]).read_text(encoding="utf-8"))
        entries = index["documents"]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    if not isinstance(entries, list):
        return []
    fields = set(failure_entry("x", "x"))
    return [
        entry
        for entry in entries
        if isinstance(entry, dict) and set(entry) == fields and entry["status"] == "failed"
        and isinstance(entry["source"], str) and isinstance(entry["error"], str)
    ]  # fmt: skip


def _template_times() -> list[int]:
    return [path.stat().st_mtime_ns for path in sorted(TEMPLATES.glob("*index*.j2")) + sorted(TEMPLATES.glob("_*.j2"))]


def entries(connection: sqlite3.Connection, output_dir: Path, cases: dict[str, Case]) -> list[dict[str, Any]]:
    """Every letter's index entry, with the fields of its case: the life of its questions."""
    found = []
    for file, entry, case_key in connection.execute("SELECT file, entry, case_key FROM letters ORDER BY file"):
        data = json.loads(entry)
        data["outputs"] = outputs(output_dir / file)
        case = cases.get(case_key) if case_key else None
        if case is not None:
            data.update(case_fields(case), case=case.key, zaak=case.zaak)
        found.append(data)
    return found


def case_fields(case: Case) -> dict[str, Any]:
    """When the questions of a case were sent in and answered, the days between, and whether late."""
    return {"submitted": case.submitted, "answered": case.answered, "days": case.days, "late": case.late}


def question_lines(connection: sqlite3.Connection, cases: dict[str, Case]) -> list[dict[str, Any]]:
    """One record per question with the answer it got, who asked it, who answered and when, for
    analysis (questions.jsonl); a letter that is the same file as another of its case is left out."""
    footnotes: dict[tuple[int, str], dict[str, Any]] = {
        (letter, str(number)): {"number": number, "text": text, "urls": json.loads(urls)}
        for letter, number, text, urls in connection.execute("SELECT letter_id, number, text, urls FROM footnotes")
    }
    cited_by: dict[int, list[dict[str, str]]] = {}
    for letter, place, kind, identifier, url in connection.execute(
        "SELECT letter_id, place, type, identifier, url FROM citations ORDER BY letter_id, position"
    ):
        cited_by.setdefault(letter, []).append({"where": place, "type": kind, "identifier": identifier, "url": url})
    people: dict[int, list[tuple[str, str]]] = {}
    for letter, name, party in connection.execute(
        "SELECT letter_id, name, party FROM questioners ORDER BY letter_id, position"
    ):
        people.setdefault(letter, []).append((name, party))
    lines = []
    first_of: dict[tuple[str, str], int] = {}
    rows = connection.execute(
        """SELECT l.id, l.source, l.sha256, l.kind, l.stage, l.case_key, l.kenmerk, l.subject, l.ministry,
        l.ministry_printed, l.aanhangsel_number, l.entry, q.number, q.text, q.footnotes, a.questions, a.label,
        a.text, a.footnotes FROM questions q JOIN letters l ON l.id = q.letter_id
        LEFT JOIN answers a ON a.id = q.answer_id ORDER BY l.file, q.number"""
    )
    for (
        letter,
        source,
        sha256,
        kind,
        stage,
        case_key,
        kenmerk,
        subject,
        ministry,
        ministry_printed,
        number_printed,
        entry,
        number,
        text,
        notes,
        answered_with,
        label,
        answer,
        answer_notes,
    ) in rows:
        # A letter whose file another letter of its case already is: its questions are counted once.
        if first_of.setdefault((case_key, sha256), letter) != letter:
            continue
        case = cases.get(case_key) if case_key else None
        asked = people.get(letter, [])
        lines.append(
            {
                "source": source,
                "case": case_key or "",
                "zaak": case.zaak if case else "",
                "kenmerk": kenmerk,
                "kind": kind,
                "stage": stage,
                "subject": subject,
                "questioners": [name for name, _ in asked],
                "parties": list(dict.fromkeys(party for _, party in asked if party)),
                "ministry": ministry,
                "ministry_printed": ministry_printed,
                "answered_by": json.loads(entry)["answered_by"],
                **(case_fields(case) if case else {"submitted": "", "answered": "", "days": None, "late": None}),
                "aanhangsel_number": number_printed,
                "question": number,
                "text": text,
                "footnotes": [footnotes[letter, n] for n in notes.split(", ") if (letter, n) in footnotes],
                "answered_with": [int(n) for n in answered_with.split(", ")] if answered_with else [],
                "answer_label": label or "",
                "answer": answer or "",
                "answer_footnotes": [
                    footnotes[letter, n] for n in (answer_notes or "").split(", ") if (letter, n) in footnotes
                ],
                "references": cited(
                    [
                        r | {"printed": ""}
                        for r in cited_by.get(letter, [])
                        if cited_in(r["where"], number, answered_with)
                    ]
                ),
            }
        )
    return lines
