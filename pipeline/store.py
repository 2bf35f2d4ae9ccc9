"""The index's working store (output/.kamerbrief-index.db): what the batch index is made from, kept
up to date letter by letter, so that a run reads only the letters whose JSON changed.

It holds the database's tables (``database.TABLES``) and, per letter, what the index needs of it:
when its JSON was read (modification time and size: a changed file is read again), its entry of
index.json and lines of questions.jsonl without its case's fields, its search words, what joining
it needs, and those records as last written, with the case and outputs they were written with, so
that a run serialises again only the letters whose case or outputs changed. It is no deliverable:
nothing in it is promised to be the same from run to run, and a store that is missing, damaged or
made by other code is built anew from the letters' JSON files.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline import cases, database, entries, ministries, search
from pipeline.cases import Case, Letter, join_cases, letter_of
from pipeline.render import data as projection
from pipeline.render.data import as_printed

STORE = ".kamerbrief-index.db"

PRIVATE = """
CREATE TABLE store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    letter_id INTEGER PRIMARY KEY REFERENCES letters(id),
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    entry TEXT NOT NULL,                -- entries.index_entry, as JSON
    words TEXT NOT NULL,                -- search.letter_words
    joining TEXT NOT NULL,              -- cases.Letter, as JSON
    entry_text TEXT NOT NULL DEFAULT '', -- the entry as index.json holds it
    lines_text TEXT NOT NULL,           -- entries.question_lines as questions.jsonl holds them
    written_with TEXT NOT NULL DEFAULT ''  -- the outputs and case fields those two hold
);
CREATE TABLE pages (name TEXT PRIMARY KEY, signature TEXT NOT NULL);
"""

_MODULES = (cases, database, entries, ministries, search, projection)
"""The modules that make what the store holds."""


@dataclass(frozen=True)
class Sync:
    """What an update found: how many letters it read again and removed."""

    read: int
    removed: int


@dataclass(frozen=True)
class Stored:
    """A letter as the index writes it: its records, and how they were last written."""

    letter_id: int
    file: str
    sha256: str
    case_key: str
    entry: str
    written_with: str
    entry_text: str
    lines_text: str


def code_version(code: Iterable[Path] = ()) -> str:
    """The store's version: a digest of the code that makes what it holds (this module, those of
    ``_MODULES`` and ``code``), so that a store made by other code is never read."""
    digest = hashlib.sha256()
    for path in (Path(__file__), *(Path(str(module.__file__)) for module in _MODULES), *code):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def opened(output_dir: Path, code: Iterable[Path] = ()) -> Iterator[sqlite3.Connection]:
    """The folder's store in one transaction, committed at the end of the block (rolled back on an
    error); a missing or damaged store, or one made by other code (``code_version``), is made anew."""
    path = output_dir / STORE
    version = code_version(code)
    if _version(path) != version:
        for stale in (path, path.with_name(f"{STORE}-journal")):
            stale.unlink(missing_ok=True)
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        if _version(path) != version:
            connection.executescript(database.TABLES + PRIVATE)
            connection.execute("INSERT INTO store VALUES ('version', ?)", (version,))
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _version(path: Path) -> str | None:
    """The version of the code that made the store, or None if there is none to read."""
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM store WHERE key = 'version'").fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def value(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM store WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def remember(connection: sqlite3.Connection, key: str, content: str) -> None:
    connection.execute("INSERT OR REPLACE INTO store VALUES (?, ?)", (key, content))


def synchronise(connection: sqlite3.Connection, output_dir: Path, present: Mapping[str, tuple[int, int]]) -> Sync:
    """Bring the letters up to date with the JSON files ``present`` in the folder (each name with
    its modification time and size): read the new and changed ones, remove those that are gone.
    Files that are no letter's JSON are skipped."""
    known = {
        file: (mtime, size)
        for file, mtime, size in connection.execute(
            "SELECT l.file, f.mtime_ns, f.size FROM letters l JOIN files f ON f.letter_id = l.id"
        )
    }
    gone = [file for file in known if file not in present]
    for file in gone:
        _remove(connection, file)
    read = 0
    for file in sorted(present):
        if known.get(file) == present[file]:
            continue
        _remove(connection, file)
        data = _document(output_dir / file)
        if data is not None:
            _insert(connection, file, present[file], data)
            read += 1
    return Sync(read, len(gone))


def _document(path: Path) -> dict[str, Any] | None:
    """A letter's JSON as written by kamerbrief (with its lifecycle); None for anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(data, dict) and {"schema_version", "questions", "lifecycle", "source"} <= data.keys():
        return data
    return None


_TABLES = ("questions", "answers", "footnotes", "citations", "questioners", "officials", "case_letters", "files")


def _remove(connection: sqlite3.Connection, file: str) -> None:
    row = connection.execute("SELECT id FROM letters WHERE file = ?", (file,)).fetchone()
    if row is None:
        return
    for table in _TABLES:
        connection.execute(f"DELETE FROM {table} WHERE letter_id = ?", row)
    connection.execute("DELETE FROM letters WHERE id = ?", row)


def _insert(connection: sqlite3.Connection, file: str, stat: tuple[int, int], data: dict[str, Any]) -> None:
    """One letter: its rows in the database's tables and what the index needs of it."""
    letter_id = _insert_letter(connection, file, data)
    joining = letter_of(Path(file).stem, data)
    connection.execute(
        "INSERT INTO files (letter_id, mtime_ns, size, entry, words, joining, lines_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            letter_id,
            *stat,
            _compact(entries.index_entry(data)),
            search.letter_words(data),
            _compact(asdict(joining)),
            "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in entries.question_lines(data)),
        ),
    )
    _insert_people(connection, letter_id, data["lifecycle"])
    _insert_questions(connection, letter_id, data)
    connection.executemany(
        "INSERT OR IGNORE INTO footnotes VALUES (?, ?, ?, ?, ?)",
        [(letter_id, f["number"], f["text"], json.dumps(f["urls"]), f["page"]) for f in data["footnotes"]],
    )
    connection.executemany(
        "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (letter_id, n, r["type"], r["identifier"], r["printed"], r["url"], r["where"], r["page"])
            for n, r in enumerate(data["references"], 1)
        ],
    )


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_LETTER_COLUMNS = (
    "file, source, sha256, kind, stage, kenmerk, zaak, aanhangsel_number, subject, date, submitted, answered, "
    "days, late, ministry, ministry_name, ministry_printed, committee, delay_reason, expected, needs_review"
)


def _insert_letter(connection: sqlite3.Connection, file: str, data: dict[str, Any]) -> int:
    life, metadata = data["lifecycle"], data["metadata"]
    values = (
        file,
        data["source"]["name"],
        data["source"]["sha256"],
        data["kind"],
        life["stage"],
        metadata["kenmerk"],
        life["zaak"],
        metadata["aanhangsel_number"],
        metadata["subject"],
        *(life[key] for key in ("date", "submitted", "answered", "days", "late", "ministry")),
        _ministry_name(life),
        *(life[key] for key in ("ministry_printed", "committee", "delay_reason", "expected")),
        entries.needs_review(data["warnings"]),
    )
    marks = ", ".join("?" * len(values))
    cursor = connection.execute(f"INSERT INTO letters ({_LETTER_COLUMNS}) VALUES ({marks})", values)
    return int(cursor.lastrowid or 0)


def _ministry_name(life: dict[str, Any]) -> str:
    for official in (*life["answered_by"], *life["addressed"]):
        if official["ministry"] == life["ministry"]:
            return str(official["ministry_name"])
    return ""


def _insert_people(connection: sqlite3.Connection, letter_id: int, life: dict[str, Any]) -> None:
    """Who asked, and the officials the letter names: addressed, who answered, "mede namens"."""
    connection.executemany(
        "INSERT INTO questioners VALUES (?, ?, ?, ?, ?)",
        [(letter_id, n, m["name"], m["party"], m["printed"]) for n, m in enumerate(life["questioners"], 1)],
    )
    fields = ("printed", "role", "portfolio", "person", "ministry", "ministry_name")
    connection.executemany(
        "INSERT INTO officials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (letter_id, relation, n, *(official[field] for field in fields))
            for relation in ("addressed", "answered_by", "on_behalf_of")
            for n, official in enumerate(life[relation], 1)
        ],
    )


def _insert_questions(connection: sqlite3.Connection, letter_id: int, data: dict[str, Any]) -> None:
    """The answers, then the questions with the answer each got (the first that names it); the
    texts as the letter prints them, with the footnotes they refer to beside them."""
    answer_of: dict[int, int] = {}
    for position, answer in enumerate(data["answers"], 1):
        text, notes = as_printed("\n\n".join(answer["paragraphs"]))
        answer_id = connection.execute(
            "INSERT INTO answers (letter_id, position, questions, label, text, footnotes, page)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (letter_id, position, ", ".join(map(str, answer["questions"])), answer["label"], text, _numbers(notes),
             answer["page"]),
        ).lastrowid  # fmt: skip
        for number in answer["questions"]:
            answer_of.setdefault(number, int(answer_id or 0))
    rows = []
    for question in data["questions"]:
        text, notes = as_printed(question["text"])
        number = question["number"]
        rows.append(
            (letter_id, number, question["label"], text, _numbers(notes), question["page"], answer_of.get(number))
        )
    connection.executemany(
        "INSERT OR IGNORE INTO questions (letter_id, number, label, text, footnotes, page, answer_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _numbers(notes: tuple[int, ...]) -> str:
    return ", ".join(map(str, notes))


def store_cases(connection: sqlite3.Connection) -> list[Case]:
    """Join every letter into its case again and keep the cases (one run's cases replace the last's)."""
    rows = connection.execute(
        "SELECT l.id, f.joining, l.ministry, l.subject FROM letters l JOIN files f ON f.letter_id = l.id"
        " ORDER BY l.file"
    ).fetchall()
    letters = []
    ids: dict[str, int] = {}
    about: dict[str, tuple[str, str]] = {}
    for letter_id, joining, ministry, subject in rows:
        fields = json.loads(joining)
        fields |= {"questioners": tuple(fields["questioners"]), "ministries": tuple(fields["ministries"])}
        letter = Letter(**fields)
        letters.append(letter)
        ids[letter.key] = letter_id
        about[letter.key] = (ministry, subject)
    joined = join_cases(letters)
    connection.execute("UPDATE letters SET case_key = NULL")
    connection.execute("DELETE FROM case_letters")
    connection.execute("DELETE FROM cases")
    connection.executemany(
        "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (case.key, case.zaak, case.status, case.submitted, case.answered, case.days, case.late, case.age,
             *_case_about(case, about))
            for case in joined
        ],
    )  # fmt: skip
    members = [(case.key, n, member) for case in joined for n, member in enumerate(case.members, 1)]
    connection.executemany(
        "INSERT INTO case_letters VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(key, ids[m.letter], n, m.stage, m.date, m.evidence, m.confidence) for key, n, m in members],
    )
    placed = [(key, ids[m.letter]) for key, _, m in members]
    connection.executemany("UPDATE letters SET case_key = ? WHERE id = ?", placed)
    return joined


def _case_about(case: Case, about: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The ministry of a case (of its first answer, else of its first letter) and its subject."""
    answering = [m.letter for m in case.members if m.stage in cases.ANSWERING]
    first = answering[0] if answering else case.members[0].letter
    ministry = about[first][0] or next((about[m.letter][0] for m in case.members if about[m.letter][0]), "")
    subject = next((about[m.letter][1] for m in case.members if about[m.letter][1]), "")
    return ministry, subject


def stored(connection: sqlite3.Connection) -> list[Stored]:
    """Every letter as the index writes it, in the order of the files' names."""
    rows = connection.execute(
        """SELECT l.id, l.file, l.sha256, coalesce(l.case_key, ''), f.entry, f.written_with,
        f.entry_text, f.lines_text FROM letters l JOIN files f ON f.letter_id = l.id ORDER BY l.file"""
    )
    return [Stored(*row) for row in rows]


def written(connection: sqlite3.Connection, letter_id: int, written_with: str, entry: str, lines: str) -> None:
    """Keep a letter's records as written now, with the outputs and case fields they hold."""
    connection.execute(
        "UPDATE files SET written_with = ?, entry_text = ?, lines_text = ? WHERE letter_id = ?",
        (written_with, entry, lines, letter_id),
    )


def words(connection: sqlite3.Connection) -> dict[int, str]:
    """Every letter's search words, by its id."""
    return dict(connection.execute("SELECT letter_id, words FROM files"))


def signatures(connection: sqlite3.Connection) -> dict[str, str]:
    """What each page of the overview was last written from (a digest), by its file name."""
    return dict(connection.execute("SELECT name, signature FROM pages"))


def keep_signatures(connection: sqlite3.Connection, pages: Mapping[str, str]) -> None:
    connection.execute("DELETE FROM pages")
    connection.executemany("INSERT INTO pages VALUES (?, ?)", pages.items())


def facts(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """What the overview needs to place every letter on its page, in the order of the files' names."""
    rows = connection.execute("SELECT date, needs_review FROM letters ORDER BY file")
    return [{"status": "converted", "date": date, "needs_review": bool(review)} for date, review in rows]
