"""The batch index: every letter of an output folder in index.json, the overview (index.html, or a
page per year), questions.jsonl and kamerbrief.db, rebuilt from the letters whose JSON changed."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import database, entries, overview, store
from pipeline.cases import Case
from pipeline.database import DATABASE
from pipeline.files import folder_lock, settle, write_together
from pipeline.model import SCHEMA_VERSION
from pipeline.render import to_json
from pipeline.search import SEARCH_SCRIPT
from pipeline.stats import overview as cases_overview

INDEX_FILES = ("index.json", "index.html", "questions.jsonl", SEARCH_SCRIPT)
RESERVED = (*INDEX_FILES, DATABASE)
"""Names in an output folder that are the batch's, never a letter's (and the year pages,
``overview.year_page``)."""
_INDEX, _QUESTIONS = INDEX_FILES[0], INDEX_FILES[2]
_CODE = (Path(__file__),)
"""This module makes the records the store keeps as written: a store made before it changed is not read."""


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


@dataclass(frozen=True)
class Listing:
    """What an output folder holds: every name, and each letter's JSON with its modification time
    and size (read in one pass over the folder)."""

    names: frozenset[str]
    letters: dict[str, tuple[int, int]]

    @classmethod
    def of(cls, folder: Path) -> Listing:
        names = set()
        letters = {}
        with os.scandir(folder) as found:
            for entry in found:
                names.add(entry.name)
                if entry.name.endswith(".json") and entry.name not in RESERVED and entry.is_file():
                    stat = entry.stat()
                    letters[entry.name] = (stat.st_mtime_ns, stat.st_size)
        return cls(frozenset(names), letters)

    def outputs_digest(self) -> str:
        """A digest of the letters' outputs present: the index lists each letter's."""
        names = sorted(
            name
            for name in self.names
            if name.endswith((".json", ".md", ".html")) and name not in RESERVED
            and not overview.year_page(name) and not name.startswith(".")
        )  # fmt: skip
        return hashlib.sha256("\0".join(names).encode()).hexdigest()


@dataclass
class Made:
    """The index's files to write, and what the store keeps once they are written."""

    contents: dict[Path, str | bytes] = field(default_factory=dict)
    signatures: dict[str, str] = field(default_factory=dict)
    """What each page of the overview was written from."""
    stale: list[str] = field(default_factory=list)
    """Year pages the overview no longer has."""


def write_index(
    output_dir: Path,
    failures: Sequence[tuple[str, str]] = (),
    done: Collection[str] = (),
    present: Collection[str] | None = None,
) -> list[Path]:
    """Write index.json, the overview, questions.jsonl and kamerbrief.db for every letter in the
    folder; the files written (or, when nothing changed, kept).

    ``failures`` are (source, error) pairs of the current run, listed so that the index shows
    what is missing; a failed letter's previous outputs, if any, are listed as well. The
    failures of earlier runs stay listed until a run converts or fails that file again (its
    name is in ``done``) or, when ``present`` names the inputs (``--prune``), the file is gone.
    Only the letters whose JSON changed since the last run are read (the store keeps the rest);
    when nothing changed and the index is there, nothing is written. All files are written
    together or none (the previous index is kept). The folder is locked meanwhile, so two runs at
    once on one folder each add their failures and neither loses the other's; a switch of a
    letter's outputs that a killed run left halfway is finished first.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    if not os.access(output_dir, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        # Said as the files would say it, before the store (which says "unable to open").
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(output_dir))
    with folder_lock(output_dir):
        settle(output_dir)
        try:
            return _update(output_dir, failures, done, present)
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError):  # cannot open or write: said as it is
                raise
            # The store is damaged past the version it still shows: a cache, made anew from the JSON.
            (output_dir / store.STORE).unlink(missing_ok=True)
            return _update(output_dir, failures, done, present)


def _update(
    output_dir: Path, failures: Sequence[tuple[str, str]], done: Collection[str], present: Collection[str] | None
) -> list[Path]:
    """``write_index`` in the folder's lock: the store brought up to date, then the files written."""
    listing = Listing.of(output_dir)
    with store.opened(output_dir, _CODE) as connection:
        failed = _failures(output_dir, connection, failures, done, present)
        fingerprint = json.dumps([SCHEMA_VERSION, failed, overview.templates_digest(), listing.outputs_digest()])
        sync = store.synchronise(connection, output_dir, listing.letters)
        kept = _targets(output_dir, store.signatures(connection))
        unchanged = not (sync.read or sync.removed) and store.value(connection, "written") == fingerprint
        if unchanged and all(path.is_file() for path in kept):
            return kept
        made = _made(output_dir, connection, failed, listing)
        # Until the files below are written, the store says nothing was (a killed run is redone).
        store.remember(connection, "written", "")
    made.contents[output_dir / DATABASE] = database.published(output_dir / store.STORE)
    write_together(made.contents)
    for name in made.stale:
        (output_dir / name).unlink(missing_ok=True)
    with store.opened(output_dir, _CODE) as connection:
        store.keep_signatures(connection, made.signatures)
        store.remember(connection, "written", fingerprint)
        store.remember(connection, "failures", json.dumps([_stamp(output_dir / _INDEX), failed]))
    return _targets(output_dir, made.signatures)


def _targets(output_dir: Path, pages: Mapping[str, str]) -> list[Path]:
    """The index's files: index.json, questions.jsonl, each page with its search words, the database."""
    names = [_INDEX, _QUESTIONS, *(name for page in sorted(pages) for name in _page_files(page)), DATABASE]
    return [output_dir / name for name in names]


def _page_files(page: str) -> tuple[str, str]:
    """A page of the overview and its file of search words."""
    return page, overview.words_file(page)


def _made(output_dir: Path, connection: sqlite3.Connection, failed: list[dict[str, Any]], listing: Listing) -> Made:
    """The index's files from the store: each letter's records as last written unless its case or
    outputs changed; the pages of the overview whose rows changed."""
    cases = {case.key: case for case in store.store_cases(connection)}
    letters = store.stored(connection)
    written = [_written(connection, letter, cases.get(letter.case_key), listing.names) for letter in letters]
    entry_texts = [entry for entry, _ in written] + [_indented(entry) for entry in failed]
    made = Made()
    made.contents[output_dir / _INDEX] = _index_json(entry_texts)
    made.contents[output_dir / _QUESTIONS] = "".join(_question_lines(letters, written))
    every = store.words(connection)
    words = [every[letter.letter_id] for letter in letters] + [""] * len(failed)
    facts = [*store.facts(connection), *failed]
    made_pages = overview.pages(facts)
    about = overview.batch(facts, made_pages)
    shown = cases_overview(connection)
    before = store.signatures(connection)
    for page in made_pages:
        signature = overview.signature(page, about, entry_texts, words, shown)
        made.signatures[page.name] = signature
        files = [output_dir / name for name in _page_files(page.name)]
        if signature != before.get(page.name) or not all(path.is_file() for path in files):
            # The entries as written, read back for the rows this page shows (the failures as they are).
            rows = [
                json.loads(entry_texts[row]) if row < len(letters) else failed[row - len(letters)] for row in page.rows
            ]
            html, script = overview.render(page, about, rows, [words[row] for row in page.rows], shown)
            made.contents |= dict(zip(files, (html, script), strict=True))
    made.stale = overview.stale(listing.names, made_pages)
    return made


def _written(
    connection: sqlite3.Connection, letter: store.Stored, case: Case | None, names: Collection[str]
) -> tuple[str, str]:
    """A letter's entry of index.json and lines of questions.jsonl, with its outputs and its case's
    fields; made again only when those changed since they were last written."""
    outputs = entries.outputs(letter.file.removesuffix(".json"), names)
    fields = entries.case_fields(case)
    written_with = json.dumps([outputs, fields], ensure_ascii=False)
    if written_with == letter.written_with:
        return letter.entry_text, letter.lines_text
    entry = json.loads(letter.entry) | {"outputs": outputs}
    if case is not None:  # a letter in no case keeps what it prints itself
        entry.update(fields)
    # Each line holds the case's fields already (the line break of a record is never in its text).
    lines = [json.loads(line) | fields for line in letter.lines_text.split("\n") if line]
    entry_text = _indented(entry)
    lines_text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    store.written(connection, letter.letter_id, written_with, entry_text, lines_text)
    return entry_text, lines_text


def _indented(entry: Mapping[str, Any]) -> str:
    """An entry as index.json holds it: in its list, two levels deep."""
    return "\n".join("    " + line for line in to_json(entry).split("\n"))


def _index_json(entry_texts: Sequence[str]) -> str:
    """index.json: the same text as ``to_json`` makes of the whole index, from the entries as written."""
    head = f'{{\n  "schema_version": {json.dumps(SCHEMA_VERSION)},\n  "documents": '
    if not entry_texts:
        return head + "[]\n}\n"
    return head + "[\n" + ",\n".join(entry_texts) + "\n  ]\n}\n"


def _question_lines(letters: Sequence[store.Stored], written: Sequence[tuple[str, str]]) -> Iterator[str]:
    """The lines of questions.jsonl, letter by letter; a letter that is the same file as another of
    its case is left out (its questions are counted once)."""
    first_of: dict[tuple[str, str], int] = {}
    for letter, (_, lines) in zip(letters, written, strict=True):
        if first_of.setdefault((letter.case_key, letter.sha256), letter.letter_id) == letter.letter_id:
            yield lines


def _failures(
    output_dir: Path,
    connection: sqlite3.Connection,
    failures: Sequence[tuple[str, str]],
    done: Collection[str],
    present: Collection[str] | None,
) -> list[dict[str, Any]]:
    """The failure entries of the index: earlier runs' that still stand, then this run's."""
    new = [entries.failure_entry(source, error) for source, error in failures]
    forget = {entry["source"] for entry in new} | {Path(name).name for name in done}
    earlier = [
        entry
        for entry in _earlier_failures(output_dir, connection)
        if entry["source"] not in forget and (present is None or entry["source"] in present)
    ]
    return [*earlier, *new]


def _earlier_failures(output_dir: Path, connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """The failures index.json lists: as the store remembers writing them while index.json is the
    file it wrote, else read from the file (someone else's, or the store's was made anew)."""
    remembered = store.value(connection, "failures")
    if remembered is not None:
        stamp, failed = json.loads(remembered)
        if stamp == _stamp(output_dir / _INDEX):
            return list(failed)
    return previous_failures(output_dir)


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]


def previous_failures(output_dir: Path) -> list[dict[str, Any]]:
    """The failure entries of the index in the folder, as an earlier run wrote them ([] if none)."""
    try:
        index = json.loads((output_dir / _INDEX).read_text(encoding="utf-8"))
        found = index["documents"]
    except (OSError, ValueError, TypeError, KeyError):
        return []
    if not isinstance(found, list):
        return []
    fields = set(entries.failure_entry("x", "x"))
    return [
        entry
        for entry in found
        if isinstance(entry, dict) and set(entry) == fields and entry["status"] == "failed"
        and isinstance(entry["source"], str) and isinstance(entry["error"], str)
    ]  # fmt: skip
