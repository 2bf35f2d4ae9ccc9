"""The batch's SQLite database (output/kamerbrief.db): letters, questions, answers, footnotes, citations and cases.

A deliverable like index.json: made whole by every run that changed something, from the index's
working store (``pipeline/store.py``, which keeps the same tables up to date letter by letter), in
memory, and written with the index's other files (all old or all new). It is deterministic: the
same letters give a byte-identical file, however many runs it took to convert them, because every
row is copied in the order of its key, the ids are numbered in that order (a letter's by its file
name), the full-text index is built anew from the rows, and nothing of a run (a time, a path, a
file's modification time) is stored. Written with the standard library's ``sqlite3``.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

DATABASE = "kamerbrief.db"
VERSION = "4"
"""The database's schema version (``meta.schema``)."""

TABLES = """
-- One row per letter: its JSON file and the lifecycle of its questions.
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,             -- numbered in the order of the files' names
    file TEXT NOT NULL UNIQUE,          -- <name>.json in the output folder
    source TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL, stage TEXT NOT NULL,
    kenmerk TEXT NOT NULL, zaak TEXT NOT NULL, aanhangsel_number TEXT NOT NULL, subject TEXT NOT NULL,
    date TEXT NOT NULL, submitted TEXT NOT NULL, answered TEXT NOT NULL, days INTEGER, late INTEGER,
    ministry TEXT NOT NULL, ministry_name TEXT NOT NULL, ministry_printed TEXT NOT NULL,
    committee TEXT NOT NULL, delay_reason TEXT NOT NULL, expected TEXT NOT NULL,
    needs_review INTEGER NOT NULL,
    case_key TEXT REFERENCES cases(key)
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
    id INTEGER PRIMARY KEY,             -- numbered by letter, then position
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, questions TEXT NOT NULL, label TEXT NOT NULL,
    text TEXT NOT NULL,                 -- its paragraphs as the letter prints them, without footnote references
    footnotes TEXT NOT NULL,            -- the numbers of the footnotes it refers to: "1, 3"
    page INTEGER                        -- null for a Word file, which has no pages
);
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,             -- numbered by letter, then number
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
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
"""
"""The tables people query, in the working store and in the database alike."""

SEARCH = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- Full-text search over the questions and the answers (FTS5), built from their rows.
CREATE VIRTUAL TABLE questions_fts USING fts5(
    text, content="questions", content_rowid="id", tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE answers_fts USING fts5(
    text, content="answers", content_rowid="id", tokenize='unicode61 remove_diacritics 2');
INSERT INTO questions_fts(questions_fts) VALUES ('rebuild');
INSERT INTO answers_fts(answers_fts) VALUES ('rebuild');
"""
"""What the database has besides the tables: its version and the full-text search."""

_RENUMBERED = {
    "letter_ids": "SELECT id, row_number() OVER (ORDER BY file) FROM store.letters",
    "answer_ids": """SELECT a.id, row_number() OVER (ORDER BY l.file, a.position)
        FROM store.answers a JOIN store.letters l ON l.id = a.letter_id""",
    "question_ids": """SELECT q.id, row_number() OVER (ORDER BY l.file, q.number)
        FROM store.questions q JOIN store.letters l ON l.id = q.letter_id""",
}
"""The new id of every old one, numbered in the order of the rows' keys."""
_COPIED: dict[str, tuple[dict[str, str], str]] = {
    "letters": ({"id": "letter_ids"}, "id"),
    "cases": ({}, "key"),
    "questioners": ({"letter_id": "letter_ids"}, "letter_id, position"),
    "officials": ({"letter_id": "letter_ids"}, "letter_id, relation, position"),
    "answers": ({"id": "answer_ids", "letter_id": "letter_ids"}, "id"),
    "questions": ({"id": "question_ids", "letter_id": "letter_ids", "answer_id": "answer_ids"}, "id"),
    "footnotes": ({"letter_id": "letter_ids"}, "letter_id, number"),
    "citations": ({"letter_id": "letter_ids"}, "letter_id, position"),
    "case_letters": ({"letter_id": "letter_ids"}, "case_key, position"),
}
"""Each table with the columns that hold ids (and which numbering renames them), and its order."""


def published(store: Path) -> bytes:
    """The database, made from the working store's tables: its bytes depend on their rows alone."""
    with closing(sqlite3.connect("file::memory:", uri=True, isolation_level=None)) as database:
        database.executescript(TABLES)
        database.execute("ATTACH DATABASE ? AS store", (f"{store.resolve().as_uri()}?mode=ro",))
        database.execute("BEGIN")
        for name, query in _RENUMBERED.items():
            database.execute(f"CREATE TEMP TABLE {name} (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
            database.execute(f"INSERT INTO temp.{name} {query}")
        for table, (ids, order) in _COPIED.items():
            database.execute(_copy(database, table, ids, order))
        database.execute("COMMIT")
        database.execute("DETACH DATABASE store")
        database.executescript(SEARCH)
        database.execute("INSERT INTO meta VALUES ('schema', ?)", (VERSION,))
        return database.serialize()


def _copy(database: sqlite3.Connection, table: str, ids: dict[str, str], order: str) -> str:
    """The statement that copies a table from the store in order, its ids renumbered."""
    columns = [row[1] for row in database.execute(f"PRAGMA main.table_info({table})")]
    joins = "".join(
        f" LEFT JOIN temp.{numbering} AS {column}_new ON {column}_new.old = t.{column}"
        for column, numbering in ids.items()
    )
    values = ", ".join(f"{column}_new.new AS {column}" if column in ids else f"t.{column}" for column in columns)
    selected = f"SELECT {values} FROM store.{table} AS t{joins} ORDER BY {order}"
    return f"INSERT INTO main.{table} ({', '.join(columns)}) {selected}"
