"""References to other documents: hand-made cases kept as data, and a run over the 86-letter corpus."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import RawDocument, RawLine, RawPage
from pipeline.references import Reference, find_references
from pipeline.run import build_document

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases" / "references.json"
CORPUS_TEXTS = HERE / "data" / "texts" / "texts-kamervragen-limburg-2024-11__86docs.csv"

MINIMUM_FOUND = {
    "kamerstuk": 58,
    "zaak": 90,
    "aanhangsel": 58,
    "ecli": 6,
    "staatsblad": 2,
    "document": 2,
    "handelingen": 1,
    "eu-act": 1,
}
"""Counted by reading the 86 texts (61 Kamerstukken, 93 zaak numbers, 61 Aanhangsels, ...), floors
set slightly below: a change that loses references fails here."""

def cases() -> list[Any]:
    data: list[dict[str, Any]] = json.loads(CASES.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["title"]) for case in data]


def corpus_texts() -> list[str]:
    csv.field_size_limit(10**8)
    with CORPUS_TEXTS.open(newline="", encoding="utf-8") as handle:
        return [row["text_content"] for row in csv.DictReader(handle)]


def assert_well_formed(text: str, references: list[Reference]) -> None:
    """Each reference is its slice of the text, with an https URL; in order, none overlapping."""
    position = 0
    for reference in references:
        assert reference.printed == text[reference.start : reference.end]
        assert reference.url.startswith("https://")
        assert reference.start >= position
        position = reference.end


@pytest.mark.parametrize("case", cases())
def test_references(case: dict[str, Any]) -> None:
    references = find_references(case["text"])
    assert [[r.type, r.identifier, r.printed] for r in references] == case["expected"]
    assert_well_formed(case["text"], references)


def test_urls_of_each_form() -> None:
    text = (
        "Kamerstuk 36 410 VIII, nr. 106; Aanhangsel Handelingen II 2022/23, nr. 1234; Handelingen II 2023/24, "
        "nr. 45, item 12; Stcrt. 2023, 3251; 2023Z00475; 2022D25169; Verordening (EU) 2016/679; "
        "ECLI:NL:RVS:2023:123"
    )
    assert [r.url for r in find_references(text)] == [
        "https://zoek.officielebekendmakingen.nl/kst-36410-VIII-106.html",
        "https://zoek.officielebekendmakingen.nl/ah-tk-20222023-1234.html",
        "https://zoek.officielebekendmakingen.nl/h-tk-20232024-45-12.html",
        "https://zoek.officielebekendmakingen.nl/stcrt-2023-3251.html",
        "https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475",
        "https://www.tweedekamer.nl/kamerstukken/detail?id=2022D25169&did=2022D25169",
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
        "https://deeplink.rechtspraak.nl/uitspraak?id=ECLI:NL:RVS:2023:123",
    ]


def test_the_86_letters() -> None:
    texts = corpus_texts()
    found: Counter[str] = Counter()
    # How fast this goes is measured by `make bench` (bench/run.py), not here.
    for text in texts:
        references = find_references(text)
        assert_well_formed(text, references)
        found.update(reference.type for reference in references)
    for kind, minimum in MINIMUM_FOUND.items():
        assert found[kind] >= minimum, f"{kind}: {found[kind]} found, at least {minimum} expected"


def _table_letter() -> RawDocument:
    """A letter as a PDF extractor reads it: a table in the cover letter and one in an answer,
    each citing a Kamerstuk in a cell."""

    def line(text: str, number: int, cells: tuple[str, ...] = ()) -> RawLine:
        return RawLine(text, 1, number, "body", cells=cells)

    rows = [
        ("Stuk Datum Betreft", ("Stuk", "Datum", "Betreft")),
        ("Kamerstuk 36 410 VIII, nr. 106 2024 begroting", ("Kamerstuk 36 410 VIII, nr. 106", "2024", "begroting")),
    ]
    answer_rows = [
        ("Bron Jaar Aantal", ("Bron", "Jaar", "Aantal")),
        ("Kamerstuk 29 282, nr. 5 2023 12", ("Kamerstuk 29 282, nr. 5", "2023", "12")),
    ]
    texts: list[tuple[str, tuple[str, ...]]] = [
        ("Geachte voorzitter,", ()),
        ("", ()),
        ("Hierbij de antwoorden op de vragen, met deze tabel:", ()),
        ("", ()),
        *rows,
        ("", ()),
        ("Vraag 1", ()),
        ("Hoeveel meldingen waren er?", ()),
        ("", ()),
        ("Antwoord 1", ()),
        ("Zie de tabel:", ()),
        ("", ()),
        *answer_rows,
    ]
    lines = tuple(line(text, number, cells) for number, (text, cells) in enumerate(texts, start=1))
    return RawDocument("tabel.pdf", "pdf", (RawPage(1, lines),))


def test_a_reference_inside_a_table_cell_reaches_the_documents_references() -> None:
    # Each walker walked the blocks its own way; the one that listed references skipped tables.
    document = build_document(_table_letter())
    assert [block.kind for block in document.body] == ["paragraph", "paragraph", "table"]
    assert [block.kind for block in document.answers[0].blocks] == ["paragraph", "table"]
    assert [(r.identifier, r.where) for r in document.references] == [
        ("kst-36410-VIII-106", "body"),
        ("kst-29282-5", "answer 1"),
    ]
