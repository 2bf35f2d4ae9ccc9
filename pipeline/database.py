"""The batch's SQLite database (output/kamerbrief.db): letters, questions, answers, footnotes, citations and cases.

It is also the index's store: a letter's JSON is read only when the file changed since the last run
(its size or modification time), so the index, ``questions.jsonl`` and the database are rebuilt from
what changed. Written with the standard library's ``sqlite3``: the whole update is one transaction
(a reader or a crash sees the old database or the new one, never a half-written one), and a new or
outdated database is built beside the old one and renamed over it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from pipeline.cases import Case, Letter, join_cases, letter_of
from pipeline.search import letter_words

DATABASE = "kamerbrief.db"
VERSION = "3"
"""The database's own schema version (``meta.schema``): a database of another version is rebuilt."""

_MARKER = regex.compile(r"\[\^\d+\]")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per letter: its JSON file, the lifecycle of its questions, and its index entry.
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,          -- <name>.json in the output folder
    mtime_ns INTEGER NOT NULL,          -- when the JSON was read: a changed file is read again
    size INTEGER NOT NULL,
    source TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL, stage TEXT NOT NULL,
    kenmerk TEXT NOT NULL, zaak TEXT NOT NULL, aanhangsel_number TEXT NOT NULL, subject TEXT NOT NULL,
    date TEXT NOT NULL, submitted TEXT NOT NULL, answered TEXT NOT NULL, days INTEGER, late INTEGER,
    ministry TEXT NOT NULL, ministry_name TEXT NOT NULL, ministry_printed TEXT NOT NULL,
    committee TEXT NOT NULL, delay_reason TEXT NOT NULL, expected TEXT NOT NULL,
    needs_review INTEGER NOT NULL,
    case_key TEXT REFERENCES cases(key),
    entry TEXT NOT NULL,                -- its entry in index.json (JSON), without the case's fields
    words TEXT NOT NULL,                -- its words for the overview's search (pipeline/search.py)
    joining TEXT NOT NULL               -- what joining it into cases needs (JSON)
);
CREATE TABLE questioners (
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    name TEXT NOT NULL, party TEXT NOT NULL, printed TEXT NOT NULL, PRIMARY KEY (letter_id, position)
);
CREATE TABLE officials (
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    relation TEXT NOT NULL,             -- addressed, answered_by, on_behalf_of
    position INTEGER NOT NULL, printed TEXT NOT NULL, role TEXT NOT NULL, portfolio TEXT NOT NULL,
    person TEXT NOT NULL, ministry TEXT NOT NULL, ministry_name TEXT NOT NULL,
    PRIMARY KEY (letter_id, relation, position)
);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY, letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, questions TEXT NOT NULL, label TEXT NOT NULL,
    text TEXT NOT NULL,                 -- its paragraphs, without footnote markers
    footnotes TEXT NOT NULL,            -- the numbers of the footnotes it refers to: "1, 3"
    page INTEGER                        -- null for a Word file, which has no pages
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY, letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    number INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL, footnotes TEXT NOT NULL,
    page INTEGER, answer_id INTEGER REFERENCES answers(id),
    UNIQUE (letter_id, number)
);
CREATE TABLE footnotes (
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE, number INTEGER NOT NULL,
    text TEXT NOT NULL, urls TEXT NOT NULL, page INTEGER, PRIMARY KEY (letter_id, number)
);
-- The references to other documents ("references" is a word of SQL).
CREATE TABLE citations (
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    type TEXT NOT NULL, identifier TEXT NOT NULL, printed TEXT NOT NULL, url TEXT NOT NULL,
    place TEXT NOT NULL, page INTEGER, PRIMARY KEY (letter_id, position)
);
CREATE TABLE cases (
    key TEXT PRIMARY KEY, zaak TEXT NOT NULL, status TEXT NOT NULL, submitted TEXT NOT NULL,
    answered TEXT NOT NULL, days INTEGER, late INTEGER, age INTEGER, ministry TEXT NOT NULL,
    subject TEXT NOT NULL
);
CREATE TABLE case_letters (
    case_key TEXT NOT NULL REFERENCES cases(key) ON DELETE CASCADE,
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, stage TEXT NOT NULL, date TEXT NOT NULL, evidence TEXT NOT NULL,
    confidence REAL NOT NULL, PRIMARY KEY (case_key, letter_id)
);
CREATE INDEX questions_letter ON questions(letter_id);
CREATE INDEX answers_letter ON answers(letter_id);
CREATE INDEX letters_case ON letters(case_key);
CREATE VIRTUAL TABLE questions_fts USING fts5(
    text, content='questions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE answers_fts USING fts5(
    text, content='answers', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER questions_added AFTER INSERT ON questions BEGIN
    INSERT INTO questions_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER questions_removed AFTER DELETE ON questions BEGIN
    INSERT INTO questions_fts(questions_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
CREATE TRIGGER answers_added AFTER INSERT ON answers BEGIN
    INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER answers_removed AFTER DELETE ON answers BEGIN
    INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text); END;
"""


@dataclass(frozen=True)
class Sync:
    """What an update found: how many letters it read again and removed."""

    read: int
    removed: int


def plain(text: str) -> str:
    """A text without its footnote markers, which the footnotes table resolves.

    >>> plain("Zie het rapport.[^3] Dat klopt[^4].")
    'Zie het rapport. Dat klopt.'
    """
    return _MARKER.sub("", text)


def markers(text: str) -> str:
    """The footnotes a text refers to, in order, each once.

    >>> markers("Zie[^3] en[^1], weer[^3].")
    '3, 1'
    """
    return ", ".join(dict.fromkeys(match.group()[2:-1] for match in _MARKER.finditer(text)))


@contextmanager
def opened(output_dir: Path) -> Iterator[sqlite3.Connection]:
    """The folder's database in one transaction, committed at the end of the block (rolled back on
    an error). A missing database, or one of another schema version, is built anew in a temporary
    file that replaces it only once complete."""
    target = output_dir / DATABASE
    fresh = not _current(target)
    path = output_dir / f".{DATABASE}.tmp" if fresh else target
    if fresh:
        path.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as connection:
            connection.execute("PRAGMA foreign_keys = ON")
            if fresh:
                connection.executescript(SCHEMA)
                connection.execute("INSERT INTO meta VALUES ('schema', ?)", (VERSION,))
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        if fresh:
            path.replace(target)
    finally:
        if fresh:
            path.unlink(missing_ok=True)


def _current(path: Path) -> bool:
    """True if the database is there and of this schema version."""
    if not path.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == VERSION


def synchronise(connection: sqlite3.Connection, output_dir: Path, reserved: Sequence[str]) -> Sync:
    """Bring the letters up to date with the JSON files in the folder: read the new and changed
    ones, remove those that are gone. Files that are no letter's JSON are skipped."""
    known = {
        file: (mtime, size) for file, mtime, size in connection.execute("SELECT file, mtime_ns, size FROM letters")
    }
    present: dict[str, os.stat_result] = {}
    for path in output_dir.glob("*.json"):
        if path.name not in reserved:
            present[path.name] = path.stat()
    gone = [file for file in known if file not in present]
    for file in gone:
        _remove(connection, file)
    read = 0
    for file in sorted(present):
        stat = present[file]
        if known.get(file) == (stat.st_mtime_ns, stat.st_size):
            continue
        _remove(connection, file)
        data = _document(output_dir / file)
        if data is not None:
            _insert(connection, file, stat, data)
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


def _remove(connection: sqlite3.Connection, file: str) -> None:
    row = connection.execute("SELECT id FROM letters WHERE file = ?", (file,)).fetchone()
    if row is None:
        return
    for table in ("questions", "answers", "footnotes", "citations", "questioners", "officials", "case_letters"):
        connection.execute(f"DELETE FROM {table} WHERE letter_id = ?", row)
    connection.execute("DELETE FROM letters WHERE id = ?", row)


def _insert(connection: sqlite3.Connection, file: str, stat: os.stat_result, data: dict[str, Any]) -> None:
    """One letter with its questions, answers, footnotes, citations, questioners and officials."""
    from pipeline.index import index_entry  # the index's own entry, kept with the letter

    life = data["lifecycle"]
    metadata = data["metadata"]
    entry = index_entry(Path(file), data)
    joining = letter_of(Path(file).stem, data)
    letter_id = connection.execute(
        """INSERT INTO letters (file, mtime_ns, size, source, sha256, kind, stage, kenmerk, zaak,
        aanhangsel_number, subject, date, submitted, answered, days, late, ministry, ministry_name,
        ministry_printed, committee, delay_reason, expected, needs_review, entry, words, joining)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            file,
            stat.st_mtime_ns,
            stat.st_size,
            data["source"]["name"],
            data["source"]["sha256"],
            data["kind"],
            life["stage"],
            metadata["kenmerk"],
            life["zaak"],
            metadata["aanhangsel_number"],
            metadata["subject"],
            life["date"],
            life["submitted"],
            life["answered"],
            life["days"],
            life["late"],
            life["ministry"],
            _ministry_name(life),
            life["ministry_printed"],
            life["committee"],
            life["delay_reason"],
            life["expected"],
            entry["needs_review"],
            json.dumps(entry, ensure_ascii=False),
            letter_words(data),
            json.dumps(
                joining.__dict__ | {"questioners": list(joining.questioners), "ministries": list(joining.ministries)},
                ensure_ascii=False,
            ),
        ),
    ).lastrowid
    connection.executemany(
        "INSERT INTO questioners VALUES (?, ?, ?, ?, ?)",
        [(letter_id, n, m["name"], m["party"], m["printed"]) for n, m in enumerate(life["questioners"], 1)],
    )
    connection.executemany(
        "INSERT INTO officials VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                letter_id,
                relation,
                n,
                o["printed"],
                o["role"],
                o["portfolio"],
                o["person"],
                o["ministry"],
                o["ministry_name"],
            )
            for relation in ("addressed", "answered_by", "on_behalf_of")
            for n, o in enumerate(life[relation], 1)
        ],
    )
    answer_of: dict[int, int] = {}
    for position, answer in enumerate(data["answers"], 1):
        text = "\n\n".join(answer["paragraphs"])
        answer_id = connection.execute(
            "INSERT INTO answers (letter_id, position, questions, label, text, footnotes, page)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                letter_id,
                position,
                ", ".join(map(str, answer["questions"])),
                answer["label"],
                plain(text),
                markers(text),
                answer["page"],
            ),
        ).lastrowid
        for number in answer["questions"]:
            answer_of.setdefault(number, int(answer_id or 0))
    connection.executemany(
        "INSERT OR IGNORE INTO questions (letter_id, number, label, text, footnotes, page, answer_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                letter_id,
                q["number"],
                q["label"],
                plain(q["text"]),
                markers(q["text"]),
                q["page"],
                answer_of.get(q["number"]),
            )
            for q in data["questions"]
        ],
    )
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


def _ministry_name(life: dict[str, Any]) -> str:
    for official in (*life["answered_by"], *life["addressed"]):
        if official["ministry"] == life["ministry"]:
            return str(official["ministry_name"])
    return ""


def store_cases(connection: sqlite3.Connection) -> list[Case]:
    """Join every letter into its case again and keep the cases (one run's cases replace the last's)."""
    rows = connection.execute("SELECT id, joining, ministry, subject FROM letters ORDER BY file").fetchall()
    letters = []
    ids: dict[str, int] = {}
    about: dict[str, tuple[str, str]] = {}
    for letter_id, joining, ministry, subject in rows:
        fields = json.loads(joining)
        letter = Letter(
            **{**fields, "questioners": tuple(fields["questioners"]), "ministries": tuple(fields["ministries"])}
        )
        letters.append(letter)
        ids[letter.key] = letter_id
        about[letter.key] = (ministry, subject)
    cases = join_cases(letters)
    connection.execute("UPDATE letters SET case_key = NULL")
    connection.execute("DELETE FROM case_letters")
    connection.execute("DELETE FROM cases")
    for case in cases:
        ministry, subject = _case_about(case, about)
        connection.execute(
            "INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case.key,
                case.zaak,
                case.status,
                case.submitted,
                case.answered,
                case.days,
                case.late,
                case.age,
                ministry,
                subject,
            ),
        )
        connection.executemany(
            "INSERT INTO case_letters VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (case.key, ids[m.letter], n, m.stage, m.date, m.evidence, m.confidence)
                for n, m in enumerate(case.members, 1)
            ],
        )
        connection.executemany(
            "UPDATE letters SET case_key = ? WHERE id = ?", [(case.key, ids[m.letter]) for m in case.members]
        )
    return cases


def _case_about(case: Case, about: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The ministry of a case (of its first answer, else of its first letter) and its subject."""
    answering = [m.letter for m in case.members if m.stage in ("answers", "further-answers", "referral")]
    first = answering[0] if answering else case.members[0].letter
    ministry = about[first][0] or next((about[m.letter][0] for m in case.members if about[m.letter][0]), "")
    subject = next((about[m.letter][1] for m in case.members if about[m.letter][1]), "")
    return ministry, subject
