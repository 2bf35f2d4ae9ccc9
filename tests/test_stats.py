"""The corpus's answers through the whole batch: response times per ministry against the dates the
PDFs print, the database answering a question in one SQL query, and the overview's chart in a browser.

The expectations below were read from the letters themselves (each Aanhangsel's page 1: "ingezonden"
and "ontvangen"; each JenV ministry letter's letterhead "Datum" and "In antwoord op uw brief van";
the typeset seed letter's "Datum" and "ingezonden op"), never from the program's output.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.browser import DESKTOP, INSTALL_HINT, find_chromium, in_ci, launch, open_page
from tests.conftest import DATA, SEED
from tests.kamervragen import Questions, aanhangsel_answer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# (submitted, answered) as printed, per letter; the ministry of who answered.
PRINTED: dict[str, tuple[str, str, str]] = {
    "ah-tk-20232024-878": ("BZK", "2023-12-13", "2024-01-26"),
    "ah-tk-20232024-1076": ("BZK", "2023-11-20", "2024-02-20"),
    "ah-tk-20232024-1178": ("BZK", "2024-01-16", "2024-03-07"),
    "ah-tk-20232024-1292": ("BZK", "2024-03-11", "2024-03-21"),
    "ah-tk-20232024-1314": ("OCW", "2024-03-06", "2024-03-25"),
    "ah-tk-20232024-1432": ("OCW", "2024-03-07", "2024-04-05"),
    "ah-tk-20232024-1481": ("BZK", "2024-02-12", "2024-04-11"),
    "ah-tk-20232024-1771": ("IenW", "2024-03-29", "2024-05-17"),
    "ah-tk-20232024-1786": ("Fin", "2024-04-04", "2024-05-21"),
    "ah-tk-20232024-1893": ("BZ", "2024-04-18", "2024-06-03"),
    "ah-tk-20232024-1949": ("JenV", "2024-05-06", "2024-06-11"),
    "ah-tk-20232024-1980": ("VWS", "2024-05-07", "2024-06-13"),
    "ah-tk-20232024-1984": ("Fin", "2024-05-29", "2024-06-14"),
    # A Mededeling: "zijn beantwoord middels een brief … (36 471-64) op 7 juni 2024".
    "ah-tk-20232024-1999": ("BZK", "2024-05-30", "2024-06-07"),
    # Answered by Minister Bruins Slot (BZ) and the minister voor BHOS (BZ too).
    "ah-tk-20232024-2129": ("BZ", "2024-06-05", "2024-06-28"),
    "ah-tk-20232024-2168": ("KGG", "2024-06-18", "2024-07-17"),
    "ah-tk-20232024-2210": ("KGG", "2024-07-02", "2024-07-23"),
    "ah-tk-20232024-2271": ("VWS", "2024-06-21", "2024-08-12"),
    "ah-tk-20232024-2313": ("SZW", "2024-07-05", "2024-08-22"),
    "ah-tk-20232024-2367": ("Fin", "2024-06-28", "2024-08-29"),
    "ah-tk-20232024-2395": ("VWS", "2024-08-15", "2024-08-30"),
    "jenv-01": ("JenV", "2024-07-05", "2024-07-25"),
    "jenv-02": ("JenV", "2024-03-08", "2024-05-16"),
    "jenv-03": ("JenV", "2023-12-06", "2024-01-11"),
    "jenv-04": ("JenV", "2024-03-05", "2024-03-24"),
    "jenv-05": ("JenV", "2024-07-08", "2024-08-26"),
    # Signed by the minister van Landbouw, Natuur en Voedselkwaliteit: LVVN today.
    "jenv-06": ("LVVN", "2023-09-07", "2023-10-18"),
    "jenv-07": ("JenV", "2023-10-10", "2023-11-07"),
    "jenv-08": ("JenV", "2023-11-09", "2023-12-04"),
    # The seed letter three times (its text twice, typeset once): one case, signed first by the
    # staatssecretaris of BZK; only the typeset PDF prints a Datum.
    "2023Z00475": ("BZK", "2023-01-18", "2023-02-22"),
}


def expected_stats() -> dict[str, dict[str, Any]]:
    """Per ministry: cases, answered and the median days, worked out from the printed dates."""
    from datetime import date
    from statistics import median

    days: dict[str, list[int]] = {}
    for ministry, submitted, answered in PRINTED.values():
        days.setdefault(ministry, []).append((date.fromisoformat(answered) - date.fromisoformat(submitted)).days)
    return {
        ministry: {
            "cases": len(values),
            "answered": len(values),
            "median_days": float(median(values)),
            "within_term": round(sum(1 for value in values if value <= 21) / len(values), 4),
        }
        for ministry, values in days.items()
    }


@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus's answer letters, the seed (text and typeset) and the other letters, converted."""
    out = tmp_path_factory.mktemp("corpus")
    inputs = [str(DATA / "corpus" / folder) for folder in ("aanhangsel", "ministry-answers", "seed", "kamerbrieven")]
    result = CliRunner().invoke(
        main,
        [
            "convert",
            *inputs,
            str(SEED),
            "-o",
            str(out),
            "--engine",
            "pdfium",
            "--no-cache",
            "--to",
            "json",
            "--to",
            "html",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def stats(output: Path, by: str = "ministry") -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["stats", str(output), "--by", by, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def test_stats_per_ministry_are_the_dates_the_pdfs_print(corpus_output: Path) -> None:
    found = {
        row["ministry"]: {key: row[key] for key in ("cases", "answered", "median_days", "within_term")}
        for row in stats(corpus_output)
    }
    assert found == expected_stats()


def test_stats_as_a_table_and_as_csv(corpus_output: Path) -> None:
    table = CliRunner().invoke(main, ["stats", str(corpus_output)]).output.splitlines()
    assert table[0].split() == ["ministry", "cases", "answered", "timed", "median_days", "within_term", "open"]
    assert table[1].split()[:2] == ["JenV", "8"]
    csv = CliRunner().invoke(main, ["stats", str(corpus_output), "--by", "party", "--format", "csv"]).output
    assert csv.splitlines()[0] == "party,cases,answered,timed,median_days,within_term,open"
    # Dekker-Abdulaziz and Van Meenen (D66) asked the seed's questions: one case, not three.
    members = {row["member"]: row["cases"] for row in stats(corpus_output, "member")}
    assert members["Van Meenen"] == 1


ASYLUM = Questions(
    "",
    "het lid Podt (D66)",
    "de Minister van Justitie en Veiligheid",
    "de opvang in Ter Apel",
    "2024-09-02",
    ["Hoeveel mensen sliepen in september buiten?", "Wat doet u daaraan?"],
)


@pytest.fixture(scope="module")
def asylum_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Answers on asylum and others: JenV in 2024 and 2023, another ministry, a question that asks about it."""
    folder = tmp_path_factory.mktemp("asylum-in")
    later = replace(ASYLUM, submitted="2023-11-06")
    other = replace(ASYLUM, addressed="de Minister van Asiel en Migratie")
    letters = {
        "jenv-2024.txt": aanhangsel_answer(
            ASYLUM,
            101,
            "Minister Van Weel (Justitie en Veiligheid)",
            "2024-10-01",
            ["Het COA telde 60 asielzoekers buiten.", "Ik spreek de gemeenten aan."],
        ),
        "jenv-2023.txt": aanhangsel_answer(
            later,
            102,
            "Minister Yeşilgöz-Zegerius (Justitie en Veiligheid)",
            "2023-12-01",
            ["Dat waren 40 asielzoekers.", "Er komen plaatsen bij."],
        ),
        "aenm-2024.txt": aanhangsel_answer(
            other,
            103,
            "Minister Faber-Van de Klashorst (Asiel en Migratie)",
            "2024-10-02",
            ["Het asielbeleid wordt strenger.", "Niets."],
        ),
        "jenv-other-2024.txt": aanhangsel_answer(
            replace(ASYLUM, subject="de politie", questions=["Hoeveel asielaanvragen waren er?", "En nu?"]),
            104,
            "Minister Van Weel (Justitie en Veiligheid)",
            "2024-10-03",
            ["Dat zijn er 12.000.", "Evenveel."],
        ),
    }
    for name, text in letters.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("asylum")
    assert CliRunner().invoke(main, ["convert", str(folder), "-o", str(out), "--no-cache"]).exit_code == 0
    return out


def test_the_database_answers_jenv_answers_of_2024_on_asylum_in_one_query(asylum_batch: Path) -> None:
    query = """
        SELECT l.source, a.label, a.text
        FROM answers_fts
        JOIN answers a ON a.id = answers_fts.rowid
        JOIN letters l ON l.id = a.letter_id
        WHERE answers_fts MATCH 'asiel*' AND l.ministry = 'JenV' AND l.answered LIKE '2024-%'
        ORDER BY l.source, a.position
    """
    with closing(sqlite3.connect(asylum_batch / "kamerbrief.db")) as connection:
        rows = connection.execute(query).fetchall()
    # Not the 2023 answer, not the other ministry's, not the answer whose question (only) asks about it.
    assert rows == [("jenv-2024.txt", "Antwoord 1", "Het COA telde 60 asielzoekers buiten.")]


def test_the_database_has_the_tables_and_keys_it_documents(corpus_output: Path) -> None:
    with closing(sqlite3.connect(corpus_output / "kamerbrief.db")) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {
            "letters",
            "questions",
            "answers",
            "footnotes",
            "citations",
            "cases",
            "case_letters",
            "questions_fts",
            "answers_fts",
        } <= tables
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = connection.execute(
            "SELECT count(*) FROM questions q LEFT JOIN answers a ON a.id = q.answer_id "
            "WHERE q.answer_id IS NOT NULL AND a.id IS NULL"
        ).fetchone()
        assert orphans == (0,)


def test_questions_jsonl_has_one_meaning_per_field(corpus_output: Path) -> None:
    lines = [json.loads(line) for line in (corpus_output / "questions.jsonl").read_text().splitlines()]
    assert not any("[^" in line["answer"] or "[^" in line["text"] for line in lines)
    seed = [line for line in lines if line["zaak"] == "2023Z00475"]
    # The seed's two texts are one file: its questions are counted once (and once more for the typeset PDF).
    assert len(seed) == 2 * len({line["question"] for line in seed})
    jenv = next(line for line in lines if line["source"].startswith("ah-tk-20232024-1949"))
    assert (jenv["ministry"], jenv["submitted"], jenv["answered"], jenv["days"], jenv["late"]) == (
        "JenV",
        "2024-05-06",
        "2024-06-11",
        36,
        True,
    )
    footnoted = [line for line in lines if line["answer_footnotes"]]
    assert footnoted and all(note["text"] for line in footnoted for note in line["answer_footnotes"])


# --- The overview's chart, read in a browser ------------------------------------------------

CHROMIUM = find_chromium()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        if in_ci():
            pytest.fail(f"CI is set but no Chromium was found: {INSTALL_HINT}")
        pytest.skip(f"browser tests: no Chromium found; {INSTALL_HINT}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright, CHROMIUM)
        yield chromium
        chromium.close()


@pytest.mark.browser
def test_the_overviews_chart_table_is_what_kamerbrief_stats_says(browser: Browser, corpus_output: Path) -> None:
    with open_page(browser, corpus_output / "index.html", DESKTOP) as loaded:
        page = loaded.page
        cells = page.eval_on_selector_all(
            "#response-times tbody tr",
            "rows => rows.map(row => Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent.trim()))",
        )
        bars = page.eval_on_selector_all("svg rect.bar", "bars => bars.length")
    shown = {row[0]: row[1:] for row in cells}
    expected = {
        row["ministry"]: [
            str(row["cases"]),
            str(row["answered"]),
            "–" if row["median_days"] is None else str(row["median_days"]),
            "–" if row["within_term"] is None else f"{round(row['within_term'] * 100)}%",
            str(row["open"]),
        ]
        for row in stats(corpus_output)
    }
    assert shown == expected
    assert bars == sum(1 for row in stats(corpus_output) if row["median_days"] is not None)
