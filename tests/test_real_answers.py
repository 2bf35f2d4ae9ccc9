"""Real answers of ten ministries (tests/data/real-answers): each document against what it says.

``expected.json`` (copied unchanged from the shared corpus, described in ``SOURCES.md``) records,
for every document with questions, the question numbers in printed order, the answer groups, the
first and last words of each question, the first words of each answer, how many footnote and
endnote texts it prints, and its metadata. The two negatives must give no questions.

Where ``expected.json`` records something the PDF does not print (a date taken from the
publisher's web address, a committee "implied"), ``PRINTED`` says what the page does print, with
the page that was checked: ground truth is what the document says. Where the program is still
wrong, that one check is a strict xfail with its reason (``KNOWN``), so that a fix shows as a pass.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
import regex

from pipeline.model import REVIEW_WARNINGS, Document
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import Options, convert_document
from tests.conftest import DATA
from tests.test_corpus import words

REAL = DATA / "real-answers"
EXPECTED: dict[str, dict[str, Any]] = json.loads((REAL / "expected.json").read_text())
NEGATIVES = sorted(path.stem for path in REAL.glob("negative-*.pdf"))

PRINTED: dict[tuple[str, str], Any] = {
    # Page 2 prints footnote 1 (SER) at its foot, page 3 footnotes 2 and 3 (De Jonge Akademie, CBS),
    # page 5 the questions' notes [1]-[4] after the last answer: seven note texts, not four.
    ("antwoord-OCW-kamervragen-nwo-etniciteit-2023-06-13", "footnotes"): 7,
    # Page 1: "Datum 25 maart 2014", a slip for 2015 (the questions were sent in on 11 maart 2015);
    # the letter's date is given as printed, with a warning (see test_a_letter_dated_before_its_questions).
    ("antwoord-BZ-kamervragen-sancties-venezuela-2015-03-25", "received"): "2014-03-25",
    # Page 2: "de feitelijke vragen van de vaste commissie van Defensie".
    ("antwoord-DEF-feitelijke-vragen-jaarplan-kustwacht-2015-02-23", "questioners"): ["vaste commissie van Defensie"],
    # Pages 1-10: an annex with no letterhead, date, committee or signature; its title names
    # neither who asked nor who answered. The date in expected.json is the publisher's.
    ("antwoord-VWS-schriftelijke-vragen-2e-suppletoire-begroting-2015-12-11", "received"): None,
    ("antwoord-VWS-schriftelijke-vragen-2e-suppletoire-begroting-2015-12-11", "questioners"): [],
    ("antwoord-VWS-schriftelijke-vragen-2e-suppletoire-begroting-2015-12-11", "answered_by"): "",
    # Page 1: "Ontvangen" with no date after it (the Kamerstuk's date is filled in on publication).
    ("nota-nav-verslag-OCW-studiefinanciering-BES-34331-2015-12-21", "received"): None,
}
"""What the PDF prints where expected.json gives something else, each with the page checked."""

KNOWN: dict[tuple[str, str], str] = {
    ("nota-nav-verslag-OCW-studiefinanciering-BES-34331-2015-12-21", "reference"): (
        "the ministry's document code 'W6662.NAV' printed at the foot of every page is kept as body text"
    ),
}
"""Checks the program still fails: (document, check) -> why."""

ABBREVIATIONS = {
    "BZ": "Buitenlandse Zaken",
    "BZK": "Binnenlandse Zaken en Koninkrijksrelaties",
    "DEF": "Defensie",
    "IenM": "Infrastructuur en Milieu",
    "JenV": "Justitie en Veiligheid",
    "OCW": "Onderwijs, Cultuur en Wetenschap",
    "SZW": "Sociale Zaken en Werkgelegenheid",
    "VWS": "Volksgezondheid, Welzijn en Sport",
}
"""The ministries expected.json names by their abbreviation, as their letters spell them."""


@cache
def converted(name: str) -> Document:
    return convert_document(REAL / f"{name}.pdf", f"{name}.pdf", Options(timeout=0))


def expected(name: str, key: str) -> Any:
    if (name, key) in PRINTED:
        return PRINTED[name, key]
    entry = EXPECTED[name]
    return entry[key] if key in entry else entry["meta"][key]


def question_texts(document: Document) -> dict[str, str]:
    return {str(question.number): words(text(question.parts)) for question in document.questions}


def answer_texts(document: Document) -> dict[str, str]:
    return {
        str(answer.questions[0]): words(" ".join(answer_paragraphs(answer)))
        for answer in document.answers
        if answer.questions
    }


def loose(text: str) -> list[str]:
    """A minister's role and name as words: abbreviations spelled out, "mede namens" and titles apart."""
    for short, long in ABBREVIATIONS.items():
        text = regex.sub(rf"\b{short}\b", long, text)
    return words(text).split()


def in_order(wanted: list[str], found: list[str]) -> bool:
    """True if the words of ``wanted`` appear in ``found`` in this order (titles such as "mw.
    drs." may stand between them)."""
    position = 0
    for word in found:
        if position < len(wanted) and word == wanted[position]:
            position += 1
    return position == len(wanted)


# --- the checks: each returns what is wrong, or "" --------------------------------------------


def check_kind(name: str, document: Document) -> str:
    want = "nota" if expected(name, "kind").startswith("nota") else "antwoorden"
    return "" if document.kind == want else f"kind {document.kind}, expected {want}"


def check_questions(name: str, document: Document) -> str:
    found = [question.number for question in document.questions]
    return "" if found == expected(name, "questions") else f"questions {found}"


def check_answers(name: str, document: Document) -> str:
    found = [list(answer.questions) for answer in document.answers]
    return "" if found == expected(name, "answers") else f"answer groups {found}"


def check_question_starts(name: str, document: Document) -> str:
    texts = question_texts(document)
    wrong = [
        n for n, start in expected(name, "question_starts").items() if not texts.get(n, "").startswith(words(start))
    ]
    return f"questions {wrong} start otherwise: {[texts.get(n, '')[:60] for n in wrong]}" if wrong else ""


def check_question_ends(name: str, document: Document) -> str:
    texts = question_texts(document)
    wrong = [n for n, end in expected(name, "question_ends").items() if not texts.get(n, "").endswith(words(end))]
    return f"questions {wrong} end otherwise: {[texts.get(n, '')[-60:] for n in wrong]}" if wrong else ""


def check_answer_starts(name: str, document: Document) -> str:
    texts = answer_texts(document)
    wrong = [n for n, start in expected(name, "answer_starts").items() if not texts.get(n, "").startswith(words(start))]
    return f"answers {wrong} start otherwise: {[texts.get(n, '')[:60] for n in wrong]}" if wrong else ""


def check_footnotes(name: str, document: Document) -> str:
    found = len(document.footnotes) + len(document.notes)
    return "" if found == expected(name, "footnotes") else f"{found} footnote and note texts"


STRUCTURE: dict[str, Callable[[str, Document], str]] = {
    "kind": check_kind,
    "questions": check_questions,
    "answers": check_answers,
    "question_starts": check_question_starts,
    "question_ends": check_question_ends,
    "answer_starts": check_answer_starts,
    "footnotes": check_footnotes,
}
"""What the document's questions, answers and notes must be: a failure here must be loud."""


def check_questioners(name: str, document: Document) -> str:
    found = [questioner.name for questioner in document.metadata.questioners]
    want = expected(name, "questioners")
    return "" if [words(n) for n in found] == [words(n) for n in want] else f"questioners {found}"


def check_answered_by(name: str, document: Document) -> str:
    want = regex.sub(r"\s*\([A-Za-z]+\)|,?\s*mede namens.*$", "", expected(name, "answered_by"))
    found = document.metadata.answered_by
    if not want:
        return "" if not found else f"answered by {found!r}, the document names nobody"
    return "" if found and in_order(loose(want), loose(found)) else f"answered by {found!r}"


def check_on_behalf_of(name: str, document: Document) -> str:
    printed = regex.search(r"mede namens (?P<who>.+)$", expected(name, "answered_by"))
    wanted = [ABBREVIATIONS[short] for short in regex.split(r"\s+en\s+", printed["who"])] if printed else []
    found = document.metadata.on_behalf_of
    missing = [ministry for ministry in wanted if not any(words(ministry) in words(who) for who in found)]
    return f"mede namens {found}" if missing or len(found) != len(wanted) else ""


def check_field(field: str, key: str) -> Callable[[str, Document], str]:
    def check(name: str, document: Document) -> str:
        want = expected(name, key) or ""
        found = getattr(document.metadata, field)
        return "" if found == want else f"{field} {found!r}, expected {want!r}"

    return check


METADATA: dict[str, Callable[[str, Document], str]] = {
    "questioners": check_questioners,
    "answered_by": check_answered_by,
    "on_behalf_of": check_on_behalf_of,
    "submitted": check_field("submitted", "submitted"),
    "date": check_field("date", "received"),
    "zaak": check_field("kenmerk", "zaak"),
    "reference": check_field("reference", "kenmerk"),
}
"""expected.json's metadata in the model's fields: ``received`` is the letter's date, ``zaak`` the
Tweede Kamer's number (``kenmerk``), ``kenmerk`` the ministry's own (``reference``)."""

CHECKS = {**STRUCTURE, **METADATA}


def marks(name: str, check: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=KNOWN[name, check])] if (name, check) in KNOWN else []


def cases() -> list[Any]:
    return [
        pytest.param(
            name,
            check,
            id=f"{name.split('-')[1]}-{name.split('-')[-3]}-{check}",
            marks=marks(name, check),
        )
        for name in sorted(EXPECTED)
        for check in CHECKS
    ]


@pytest.mark.parametrize(("name", "check"), cases())
def test_the_document_comes_out_as_it_says(name: str, check: str) -> None:
    wrong = CHECKS[check](name, converted(name))
    assert not wrong, wrong


@pytest.mark.parametrize("name", [pytest.param(name, marks=marks(name, "loud")) for name in sorted(EXPECTED)])
def test_a_wrong_reading_is_never_silent(name: str) -> None:
    # Whatever the program still gets wrong, the letter must say that it needs review.
    document = converted(name)
    wrong = [problem for check in STRUCTURE.values() if (problem := check(name, document))]
    review = [warning.code for warning in document.warnings if warning.code in REVIEW_WARNINGS]
    assert not wrong or review, f"wrong with no review warning: {wrong}"


@pytest.mark.parametrize("name", NEGATIVES)
def test_the_negatives_give_no_questions(name: str) -> None:
    document = converted(name)
    assert document.questions == () and document.answers == ()
    assert document.kind in ("kamerbrief", "unknown")


@pytest.mark.parametrize("name", [*sorted(EXPECTED), *NEGATIVES])
def test_every_metadata_value_has_its_evidence(name: str) -> None:
    metadata = converted(name).metadata
    fields = {item.field for item in metadata.evidence}
    for field in ("kenmerk", "submitted", "received", "date", "subject", "answered_by", "reference"):
        assert bool(getattr(metadata, field)) == (field in fields), field
    assert bool(metadata.questioners) == ("questioners" in fields)


def test_a_letter_dated_before_its_questions_keeps_its_date_and_says_so() -> None:
    # Page 1: "Datum 25 maart 2014"; the questions were sent in on 11 maart 2015 (2015Z04352).
    document = converted("antwoord-BZ-kamervragen-sancties-venezuela-2015-03-25")
    assert (document.metadata.date, document.metadata.submitted) == ("2014-03-25", "2015-03-11")
    assert [(w.code, w.page) for w in document.warnings] == [("date-before-submitted", 1)]
    others = [w.code for name in EXPECTED if "venezuela" not in name for w in converted(name).warnings]
    assert "date-before-submitted" not in others


def test_the_ministry_reference_and_the_kamer_number_stay_apart() -> None:
    # Page 1 of the BZ letter: "Onze Referentie Minbuza-2015.142144", "Uw Referentie 2015Z04352";
    # page 2 repeats the column with the annex's own reference (Minbuza-2015.152155).
    metadata = converted("antwoord-BZ-kamervragen-sancties-venezuela-2015-03-25").metadata
    assert (metadata.reference, metadata.kenmerk) == ("Minbuza-2015.142144", "2015Z04352")
    evidence = {item.field: item for item in metadata.evidence}
    assert (evidence["reference"].source, evidence["reference"].page) == ("letterhead", 1)
    assert evidence["reference"].text == "Onze Referentie Minbuza-2015.142144"


def test_a_committee_that_asked_is_recorded_as_such() -> None:
    questioners = converted("antwoord-BZK-kamervragen-chikungunya-2015-03-06").metadata.questioners
    assert [(q.name, q.party, q.kind) for q in questioners] == [
        ("vaste commissie voor Koninkrijksrelaties", "", "committee")
    ]


def test_unnumbered_questions_are_numbered_in_reading_order_and_say_so() -> None:
    # The nota prints no question numbers: its questions are the italic paragraphs (pages 1-3).
    nota = converted("nota-nav-verslag-OCW-studiefinanciering-BES-34331-2015-12-21")
    assert [(q.number, q.number_printed, q.label) for q in nota.questions] == [(n, False, "") for n in range(1, 8)]
    numbered = converted("antwoord-DEF-feitelijke-vragen-jaarplan-kustwacht-2015-02-23")
    assert all(q.number_printed for q in numbered.questions)
    fracties = [(q.name, q.party, q.kind) for q in nota.metadata.questioners]
    assert fracties == [("PvdA-fractie", "PvdA", "fractie"), ("D66-fractie", "D66", "fractie")]


def test_the_data_is_all_here() -> None:
    assert len(EXPECTED) == 10 and len(NEGATIVES) == 2
    assert sorted(path.stem for path in REAL.glob("*.pdf")) == sorted([*EXPECTED, *NEGATIVES])
