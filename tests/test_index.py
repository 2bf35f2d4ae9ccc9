"""The batch index made from what changed: kamerbrief.db and the index's files are the same bytes
whatever the history of runs that made them, a run reads only the letters whose JSON changed, the
working store is a cache that may be lost, and a large batch gets a page of the overview per year."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline import overview, store
from pipeline.cli import main
from pipeline.index import write_index
from pipeline.render import to_json
from pipeline.store import STORE
from tests.large_batch import clone_outputs
from tests.test_cases import BATCH

DELIVERABLES = ("kamerbrief.db", "index.json", "index.html", "questions.jsonl", "index-search.js")


def convert(folder: Path, out: Path, *names: str, prune: bool = False) -> None:
    """Convert the letters ``names`` of ``folder`` (all when none) into ``out``."""
    paths = [str(folder / name) for name in names] or [str(folder)]
    arguments = ["convert", *paths, "-o", str(out), "--no-cache", *(["--prune"] if prune else [])]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    for name, text in BATCH.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def at_once(letters: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("at-once")
    convert(letters, out)
    return out


def contents(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in DELIVERABLES}


def test_the_database_and_index_are_the_same_bytes_whatever_runs_made_them(
    letters: Path, at_once: Path, tmp_path: Path
) -> None:
    """kamerbrief.db kept when each JSON was read, and its row ids and pages followed the order of
    the runs: two folders of the same letters differed."""
    names = sorted(BATCH)
    out = tmp_path / "out"
    convert(letters, out, *names[::2])  # every other letter first,
    convert(letters, out, *names[1::2])  # then the rest,
    (letters / "stray.txt").write_text(BATCH["a-answer.txt"].replace("700", "701"), encoding="utf-8")
    convert(letters, out)  # a letter that comes and goes again,
    (letters / "stray.txt").unlink()
    convert(letters, out, prune=True)
    (out / "a-questions.json").touch()  # and one read again unchanged
    write_index(out)
    assert contents(out) == contents(at_once)


def test_index_json_is_what_to_json_makes_of_it(at_once: Path) -> None:
    text = (at_once / "index.json").read_text(encoding="utf-8")
    assert text == to_json(json.loads(text)) + "\n"


def test_a_run_reads_only_the_letters_whose_json_changed(
    at_once: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    shutil.copytree(at_once, out)
    read: list[str] = []
    original = store._document
    monkeypatch.setattr(store, "_document", lambda path: read.append(path.name) or original(path))
    write_index(out)
    assert read == []  # nothing changed: nothing read (the store keeps the rest)
    before = contents(out)
    data = json.loads((out / "b-answer.json").read_text(encoding="utf-8"))
    data["metadata"]["subject"] = "de politie in Drenthe en Groningen"
    (out / "b-answer.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    write_index(out)
    assert read == ["b-answer.json"]
    entry = next(d for d in json.loads((out / "index.json").read_text())["documents"] if d["source"] == "b-answer.txt")
    assert entry["subject"] == "de politie in Drenthe en Groningen"
    assert contents(out)["kamerbrief.db"] != before["kamerbrief.db"]


def test_a_lost_or_damaged_store_is_made_anew_from_the_letters(at_once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(at_once, out)
    (out / STORE).write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)  # damaged
    assert CliRunner().invoke(main, ["index", str(out)]).exit_code == 0
    assert contents(out) == contents(at_once)
    (out / STORE).unlink()
    assert CliRunner().invoke(main, ["stats", str(out)]).exit_code == 0
    assert contents(out) == contents(at_once)
    with closing(sqlite3.connect(out / STORE)) as connection:  # made by other code: not read
        connection.execute("UPDATE store SET value = 'other code' WHERE key = 'version'")
        connection.execute("UPDATE files SET entry_text = 'garbage', written_with = 'garbage'")
        connection.commit()
    write_index(out, [("x.pdf", "x.pdf: empty file (0 bytes)")])
    documents = json.loads((out / "index.json").read_text(encoding="utf-8"))["documents"]
    assert [d["source"] for d in documents][-1] == "x.pdf" and len(documents) == len(BATCH) + 1


def test_a_store_damaged_past_its_version_is_made_anew(at_once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(at_once, out)
    with (out / STORE).open("r+b") as stream:
        stream.truncate((out / STORE).stat().st_size // 2)  # its later pages lost
    (out / "a-questions.json").touch()
    write_index(out)
    assert contents(out) == contents(at_once)


def test_the_index_lists_the_outputs_that_are_there(at_once: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(at_once, out)
    (out / "b-answer.html").unlink()
    write_index(out)
    entry = next(d for d in json.loads((out / "index.json").read_text())["documents"] if d["source"] == "b-answer.txt")
    assert entry["outputs"] == {"json": "b-answer.json", "md": "b-answer.md"}


def test_the_database_has_no_trace_of_the_runs(at_once: Path) -> None:
    with closing(sqlite3.connect(at_once / "kamerbrief.db")) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(letters)")}
        ids = [row[0] for row in connection.execute("SELECT id FROM letters ORDER BY file")]
    assert not columns & {"mtime_ns", "size", "entry", "words", "joining"}
    assert ids == list(range(1, len(BATCH) + 1))  # numbered in the order of the files' names


# --- A batch too large for one page ---------------------------------------------------------


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pages per year from 5 documents on, so that the small batch shows what a large one does."""
    monkeypatch.setattr(overview, "ONE_PAGE", 5)
    yield


def pages_of(out: Path) -> dict[str, list[str]]:
    """Each page of the overview with the subjects (or file names) of its rows."""
    from html.parser import HTMLParser

    found: dict[str, list[str]] = {}
    for page in sorted(out.glob("index*.html")):

        class Rows(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.rows: list[str] = []

            def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
                if tag == "tr" and any(name == "data-row" for name, _ in attributes):
                    self.rows.append(dict(attributes).get("data-terms") or "")

        parser = Rows()
        parser.feed(page.read_text(encoding="utf-8"))
        found[page.name] = parser.rows
    return found


@pytest.fixture
def years(at_once: Path, tmp_path: Path) -> Path:
    """20 letters over ten years (copies of the batch's)."""
    out = tmp_path / "years"
    out.mkdir()
    clone_outputs(at_once, out, 20)
    return out


@pytest.mark.usefixtures("small_pages")
def test_a_large_batch_gets_a_page_per_year_each_written_when_its_rows_change(years: Path) -> None:
    out = years
    write_index(out, [("kapot.pdf", "kapot.pdf: empty file (0 bytes)")])
    documents = json.loads((out / "index.json").read_text(encoding="utf-8"))["documents"]
    found = sorted({d["date"][:4] for d in documents if d["date"]}, reverse=True)
    pages = pages_of(out)
    assert len(found) == 10
    assert sorted(pages) == sorted(["index.html", *(f"index-{year}.html" for year in found[1:])])
    assert sum(len(rows) for rows in pages.values()) == len(documents)  # each document on one page
    for year in found[1:]:
        assert (out / f"index-search-{year}.js").is_file()
        assert all(year in terms for terms in pages[f"index-{year}.html"])
    assert "kapot.pdf" in pages["index.html"][-1]  # the failures on the first page
    older = {name: (out / name).stat().st_mtime_ns for name in pages}
    os.utime(out / "index.json", ns=(0, 0))  # a stamp no rewrite would give
    changed_letter = out / "a-answer-00000.json"
    data = json.loads(changed_letter.read_text(encoding="utf-8"))
    data["metadata"]["subject"] = "de gevangenissen"
    changed_letter.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    write_index(out)
    changed = {name for name in pages if (out / name).stat().st_mtime_ns != older[name]}
    year = data["lifecycle"]["date"][:4]
    own = "index.html" if year == found[0] else f"index-{year}.html"
    assert own in changed and changed <= {"index.html", own}  # the others were not written again
    assert (out / "index.json").stat().st_mtime_ns != 0


def test_year_pages_go_when_the_batch_fits_on_one_page_again(years: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = years
    monkeypatch.setattr(overview, "ONE_PAGE", 5)
    write_index(out)
    assert len(list(out.glob("index-*.html"))) == 9
    monkeypatch.setattr(overview, "ONE_PAGE", 2000)
    write_index(out, [("kapot.pdf", "kapot.pdf: empty file (0 bytes)")])
    assert sorted(path.name for path in out.glob("index*")) == ["index-search.js", "index.html", "index.json"]


def test_pages_put_the_newest_year_and_the_failures_first() -> None:
    def letter(day: str) -> dict[str, Any]:
        return {"status": "converted", "date": day, "needs_review": False}

    documents = [letter("2023-05-01"), letter(""), letter("2024-01-02"), letter("2023-01-01")]
    documents += [{"status": "failed", "date": "", "needs_review": False}]
    assert overview.pages(documents) == [overview.Page("index.html", "index-search.js", "", (0, 1, 2, 3, 4))]
    pages = overview.pages(documents * 500)  # 2,500 documents
    assert [(page.name, page.words, page.label) for page in pages] == [
        ("index.html", "index-search.js", "2024"),
        ("index-2023.html", "index-search-2023.js", "2023"),
        ("index-zonder-datum.html", "index-search-zonder-datum.js", "zonder datum"),
    ]
    assert pages[0].rows[:2] == (2, 7) and pages[0].rows[-1] == 2499  # its letters, then the failures
    assert sorted(row for page in pages for row in page.rows) == list(range(2500))


def test_cloned_letters_are_other_letters(at_once: Path, tmp_path: Path) -> None:
    """The helper of the browser test at scale: each copy is its own letter, dated in its own year."""
    clone_outputs(at_once, tmp_path, 30)
    write_index(tmp_path)
    documents = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))["documents"]
    assert len(documents) == 30 and len({d["source"] for d in documents}) == 30
    assert {d["date"][:4] for d in documents if d["date"]} == {str(year) for year in range(2015, 2025)}
