"""Joining a batch's letters into cases: a generated batch of known cases comes back exactly, and the
86 real texts (tests/data/texts) give no join that their zaak numbers do not make."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cases import Letter, folded_words, join_cases
from pipeline.cli import main
from tests.kamervragen import Questions, aanhangsel_answer, delay_notice, ministry_answer, question_letter
from tests.test_texts import texts

JENV = "de Minister van Justitie en Veiligheid"
VAN_WEEL = "Minister Van Weel (Justitie en Veiligheid)"
POLICE = Questions(
    "2024Z18001",
    "het lid Boswijk (CDA)",
    JENV,
    "het bericht «Politie kampt met tekorten in Drenthe»",
    "2024-11-04",
    [
        "Bent u bekend met het bericht over de tekorten bij de politie in Drenthe?",
        "Hoeveel agenten ontbreken er op dit moment in de regio Noord-Nederland?",
    ],
)
# Near-duplicate: the same member, the same minister, a subject one word apart, sent in a week later.
POLICE_AGAIN = Questions(
    "2024Z18400",
    "het lid Boswijk (CDA)",
    JENV,
    "het bericht «Politie kampt met tekorten in Groningen»",
    "2024-11-11",
    [
        "Bent u bekend met het bericht over de tekorten bij de politie in Groningen?",
        "Hoeveel wijkagenten zijn er in Groningen nu nog in dienst?",
    ],
)
PRISONS = Questions(
    "2024Z18100",
    "de leden Podt (D66) en Van Nispen (SP)",
    JENV,
    "de gevangeniscapaciteit",
    "2024-10-01",
    ["Hoeveel cellen staan leeg door personeelstekort?", "Wanneer gaan ze weer open?"],
)
DYKES = Questions(
    "2024Z18200",
    "het lid Grinwis (ChristenUnie)",
    "de Minister van Infrastructuur en Waterstaat",
    "de dijkversterking bij Kampen",
    "2024-10-20",
    ["Wanneer begint de versterking van de dijk?"],
)
NATURE = Questions(
    "2024Z18300",
    "het lid Bromet (GroenLinks-PvdA)",
    "de Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
    "de stikstofruimte",
    "2024-10-10",
    ["Hoeveel ruimte is er nog?"],
)
HOUSING = Questions(
    "2024Z18500",
    "het lid Welzijn (NSC)",
    "de Minister van Volkshuisvesting en Ruimtelijke Ordening",
    "kleiner wonen",
    "2024-11-15",
    ["Hoe helpt u ouderen om kleiner te wonen?"],
)

BATCH = {
    # A: everything printed with its zaak: questions, a notice of delay, the ministry's answer.
    "a-questions.txt": question_letter(PRISONS),
    "a-delay.txt": delay_notice(PRISONS, 601, VAN_WEEL, "2024-10-22", "de afstemming meer tijd vergt"),
    "a-answer.txt": ministry_answer(PRISONS, 640, VAN_WEEL, "2024-11-19", ["Dat zijn er 700.", "In 2025."]),
    # B: the question letter has its zaak, the Aanhangsel answer none.
    "b-questions.txt": question_letter(POLICE),
    "b-answer.txt": aanhangsel_answer(POLICE, 650, VAN_WEEL, "2024-11-21", ["Ja.", "Dat zijn er 120."]),
    # C: near-duplicate of B, answered in the Aanhangsel without zaak.
    "c-questions.txt": question_letter(POLICE_AGAIN),
    "c-answer.txt": aanhangsel_answer(POLICE_AGAIN, 655, VAN_WEEL, "2024-11-25", ["Ja.", "Er zijn er 80."]),
    # D: no question letter in the batch; a notice and the answer, both without zaak.
    "d-delay.txt": delay_notice(
        DYKES,
        602,
        "Minister Madlener (Infrastructuur en Waterstaat)",
        "2024-11-08",
        "nog niet alle informatie binnen is",
        zaak=False,
    ),
    "d-answer.txt": aanhangsel_answer(
        DYKES, 660, "Minister Madlener (Infrastructuur en Waterstaat)", "2024-11-26", ["In maart 2025."]
    ),
    # E: open: the questions only.
    "e-questions.txt": question_letter(HOUSING),
    # E again: the same file under another name.
    "e-questions-copy.txt": question_letter(HOUSING),
    # F: delayed: questions and a notice with the zaak, no answer.
    "f-questions.txt": question_letter(NATURE),
    "f-delay.txt": delay_notice(
        NATURE,
        603,
        "Minister Wiersma (Landbouw, Visserij, Voedselzekerheid en Natuur)",
        "2024-10-30",
        "de afstemming meer tijd vergt",
    ),
}
CASES = {
    "2024Z18100": ({"a-questions", "a-delay", "a-answer"}, "answered", "2024-10-01", "2024-11-19", 49, None),
    "2024Z18001": ({"b-questions", "b-answer"}, "answered", "2024-11-04", "2024-11-21", 17, None),
    "2024Z18400": ({"c-questions", "c-answer"}, "answered", "2024-11-11", "2024-11-25", 14, None),
    "d-answer": ({"d-delay", "d-answer"}, "answered", "2024-10-20", "2024-11-26", 37, None),
    # Open cases are as old as the batch's newest date (26 November 2024) says.
    "2024Z18500": ({"e-questions", "e-questions-copy"}, "open", "2024-11-15", "", None, 11),
    "2024Z18300": ({"f-questions", "f-delay"}, "delayed", "2024-10-10", "", None, 47),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cases-in")
    for name, text in BATCH.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("cases")
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


def test_a_generated_batch_of_known_cases_comes_back_exactly(batch: Path) -> None:
    with closing(sqlite3.connect(batch / "kamerbrief.db")) as connection:
        cases = {
            key: (status, submitted, answered, days, age)
            for key, status, submitted, answered, days, age in connection.execute(
                "SELECT key, status, submitted, answered, days, age FROM cases"
            )
        }
        members: dict[str, set[str]] = {}
        for key, file in connection.execute(
            "SELECT cl.case_key, l.file FROM case_letters cl JOIN letters l ON l.id = cl.letter_id"
        ):
            members.setdefault(key, set()).add(file.removesuffix(".json"))
    assert members == {key: expected[0] for key, expected in CASES.items()}
    assert cases == {key: expected[1:] for key, expected in CASES.items()}


def test_each_join_without_a_zaak_number_says_why(batch: Path) -> None:
    with closing(sqlite3.connect(batch / "kamerbrief.db")) as connection:
        evidence = dict(
            connection.execute(
                "SELECT l.file, cl.evidence || ' ' || cl.confidence FROM case_letters cl "
            "JOIN letters l ON l.id = cl.letter_id"
            ).fetchall()
        )
    assert evidence["b-answer.json"].startswith(
        "asked by boswijk; put to JenV; sent in on 2024-11-04; the same questions"
    )
    assert evidence["e-questions-copy.json"].startswith("the same file (SHA-256)")
    assert evidence["a-answer.json"] == "zaak 2024Z18100 1.0"


def test_the_texts_join_only_what_their_zaak_numbers_join(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for index, (name, text) in enumerate(sorted(texts().items())):
        (folder / f"{index:02d}-{name.rsplit('.', 1)[0][:40]}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(out / "kamerbrief.db")) as connection:
        joined = connection.execute(
            "SELECT case_key, group_concat(evidence, ' | ') FROM case_letters GROUP BY case_key HAVING count(*) > 1"
        ).fetchall()
    # Read by hand: the only questions of the 86 whose answer is among them too are Boswijk's on the
    # decoupling of development aid (kv-tk-2024Z18792 and its answer, AH 605, which prints 2024Z18792).
    assert joined == [("2024Z18792", "zaak 2024Z18792 | zaak 2024Z18792")]


def test_letters_that_contradict_each_other_are_never_joined() -> None:
    base = Letter(
        "q",
        "1",
        "questions",
        "",
        "2024-01-01",
        "2024-01-01",
        "",
        ("boswijk",),
        ("JenV",),
        folded_words("de politie in Drenthe"),
        folded_words("Hoeveel agenten ontbreken er in Drenthe op dit moment?"),
    )
    answer = replace(base, key="a", sha256="2", stage="answers", date="2024-01-20", answered="2024-01-20")
    assert len(join_cases([base, answer])) == 1
    assert len(join_cases([base, replace(answer, submitted="2024-01-02")])) == 2
    assert len(join_cases([base, replace(answer, questioners=("podt",))])) == 2
    assert len(join_cases([base, replace(answer, ministries=("IenW",))])) == 2
    assert len(join_cases([base, replace(answer, submitted="", date="2024-09-01", answered="2024-09-01")])) == 2
