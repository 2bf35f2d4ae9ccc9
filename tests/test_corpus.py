"""The whole corpus against its reviewed ground truth (tests/corpus/expected_structure.json).

The PDFs are copied into tests/data/corpus; a document found only in ../shared/corpus (the
32-page letter) is checked when that folder is beside the repository.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import regex
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from pipeline.model import INVARIANT_WARNINGS, Document, Metadata, plain_block
from pipeline.render import pair_questions, render
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import Options, convert_document
from pipeline.schema import validate
from pipeline.urls import normalise_url
from tests.conftest import DATA, SHARED_CORPUS, TESTS

EXPECTED: dict[str, dict[str, Any]] = json.loads((TESTS / "corpus" / "expected_structure.json").read_text())
CORPUS = DATA / "corpus"

pytestmark = pytest.mark.slow
"""Every letter of the corpus through the whole pipeline."""


def locate(name: str) -> Path | None:
    for root in (CORPUS, SHARED_CORPUS):
        found = sorted(root.glob(f"*/{name}")) if root.exists() else []
        if found:
            return found[0]
    return None


@cache
def converted(name: str) -> Document:
    path = locate(name)
    if path is None:
        pytest.skip(f"{name} is not in tests/data/corpus and ../shared/corpus is not beside the repository")
    return convert_document(path, name, Options(timeout=0))


def words(text: str) -> str:
    """Text compared loosely: no footnote references, quotes or punctuation, lower case."""
    text = regex.sub(r"\[\^\d+\]|\[\d+\]|\b\d\)", " ", unicodedata.normalize("NFC", text))
    return " ".join(regex.findall(r"[\p{L}\p{N}]+", text.lower()))


def names(kind: str) -> list[str]:
    return sorted(name for name, entry in EXPECTED.items() if entry["kind"] == kind)


ANSWER_DOCUMENTS = names("antwoorden") + names("mededeling")


@pytest.mark.parametrize("name", ANSWER_DOCUMENTS)
def test_questions_and_answer_groupings(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    assert document.kind == expected["kind"]
    assert [q.number for q in document.questions] == expected["questions"]
    assert [list(a.questions) for a in document.answers] == expected["answers"]
    if "answer_labels" in expected:
        assert [a.label.rstrip(":") for a in document.answers] == [
            label.rstrip(":") for label in expected["answer_labels"]
        ]
    if document.kind == "antwoorden":
        answered = sorted(n for a in document.answers for n in a.questions)
        assert answered == sorted(expected["questions"]), "every question is answered exactly once"


@pytest.mark.parametrize("name", ANSWER_DOCUMENTS)
def test_question_texts_start_and_end_right(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    texts = {str(q.number): words(text(q.parts)) for q in document.questions}
    for number, start in expected.get("question_starts", {}).items():
        assert texts[number].startswith(words(start)), f"question {number}: {texts[number][:80]}"
    for number, end in expected.get("question_ends", {}).items():
        assert texts[number].endswith(words(end)), f"question {number}: …{texts[number][-80:]}"


@pytest.mark.parametrize("name", ANSWER_DOCUMENTS)
def test_answers_start_right_and_hold_no_furniture(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    starts = [words(" ".join(answer_paragraphs(a))) for a in document.answers]
    for actual, start in zip(starts, expected.get("answer_starts", []), strict=False):
        assert actual.startswith(words(start)), actual[:80]
    questions = [text(q.parts) for q in document.questions]
    for written in questions + [p for a in document.answers for p in answer_paragraphs(a)]:
        assert not regex.search(r"ah-tk-\d{8}|ISSN 0921|Pagina \d+ van \d+|Aanhangsel \d+$", written), written[-120:]
        assert not regex.search(r"^(?:Vraag|Antwoord)\s+\d", written), written[:80]


@pytest.mark.parametrize("name", ANSWER_DOCUMENTS)
def test_footnotes_and_their_urls(name: str) -> None:
    expected = EXPECTED[name].get("footnotes", {})
    document = converted(name)
    footnotes = {str(f.number): f for f in document.footnotes}
    for number, entry in expected.items():
        assert number in footnotes, f"footnote {number} missing; found {sorted(footnotes, key=int)}"
        assert words(text(footnotes[number].parts)).startswith(words(entry["starts"])[:40])
        # URLs printed without a scheme get one ("www.x.nl" -> "https://www.x.nl").
        assert sorted(footnotes[number].urls) == sorted(map(normalise_url, entry["urls"])), f"footnote {number}"


@pytest.mark.parametrize("name", ANSWER_DOCUMENTS)
def test_metadata(name: str) -> None:
    expected = EXPECTED[name].get("metadata", {})
    metadata = converted(name).metadata
    for field in ("kenmerk", "aanhangsel_number", "submitted", "received", "date", "subject", "answered_by"):
        if field in expected:
            assert getattr(metadata, field) == expected[field], field
    if "questioners" in expected:
        assert [[q.name, q.party] for q in metadata.questioners] == expected["questioners"]


@pytest.mark.parametrize("name", names("kamerbrief") + names("not-a-letter"))
def test_no_questioners_are_invented_for_letters_without_questions(name: str) -> None:
    metadata = converted(name).metadata
    assert metadata.questioners == ()
    assert metadata.kenmerk == "" or converted(name).kind == "kamerbrief"


@pytest.mark.parametrize("name", ALL_QUESTION_DOCUMENTS := names("antwoorden") + names("mededeling"))
def test_every_metadata_value_has_its_evidence(name: str) -> None:
    assert unevidenced(converted(name).metadata) == []


EVIDENCED = ("kenmerk", "submitted", "received", "date", "subject", "answered_by", "reference")
"""The metadata fields that say where in the letter their value was read."""


def unevidenced(metadata: Metadata, fields: Sequence[str] = EVIDENCED) -> list[str]:
    """The fields that have a value but no evidence, or evidence but no value."""
    evidenced = {item.field for item in metadata.evidence}
    return [field for field in fields if bool(getattr(metadata, field)) != (field in evidenced)]


@pytest.mark.parametrize("name", names("kamerbrief"))
def test_kamerbrieven_come_out_as_letters(name: str) -> None:
    expected = EXPECTED[name]
    document = converted(name)
    assert document.kind == "kamerbrief"
    assert document.questions == () and document.answers == ()
    assert len(document.body) > 3
    metadata = expected.get("metadata", {})
    if "date" in metadata:
        assert document.metadata.date == metadata["date"]
    # The reference column (Kenmerk, Datum ...) never leaks into the running text.
    reference = document.metadata.reference
    for block in document.body:
        written = plain_block(block)
        assert not reference or reference not in written, written[:200]
        assert not regex.search(r"Pagina \d+ van \d+", written), written[:200]


@pytest.mark.parametrize("name", names("not-a-letter"))
def test_documents_that_are_no_letters_are_reported(name: str) -> None:
    document = converted(name)
    assert document.kind == "unknown"
    assert document.questions == () and document.answers == ()
    assert "not-a-letter" in [warning.code for warning in document.warnings]


ALL_DOCUMENTS = sorted(EXPECTED)


@pytest.mark.parametrize("name", ALL_DOCUMENTS)
def test_every_output_is_valid_json_and_markdown(name: str) -> None:
    document = converted(name)
    validate(json.loads(render(document, "json")), "document")
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(render(document, "md"))
    inline = [child for token in tokens for child in (token.children or [])]
    references = {child.meta["label"] for child in inline if child.type == "footnote_ref"}
    definitions = {token.meta["label"] for token in tokens if token.type == "footnote_open"}
    assert references <= definitions, f"references without a definition: {references - definitions}"
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    # Each answer follows the questions it answers, so questions answered together come together.
    expected = [f"Vraag {q.number}" for pair in pair_questions(document) for q in pair.questions]
    assert [heading for heading in headings if heading.startswith("Vraag ")] == expected
    strong = [child.content for child in inline if child.type == "text" and child.content.startswith("Antwoord")]
    assert len(strong) >= sum(1 for answer in document.answers if answer.label)


def test_the_86_texts_all_convert_to_valid_documents() -> None:
    import csv

    from pipeline.extract import read_text
    from pipeline.run import build_document

    table = DATA / "texts" / "texts-kamervragen-limburg-2024-11__86docs.csv"
    csv.field_size_limit(10**8)
    with table.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    kinds = []
    for row in rows:
        document = build_document(read_text(row["text_content"], row["name"]))
        validate(json.loads(render(document, "json")), "document")
        kinds.append(document.kind)
    assert len(rows) == 86
    # Answers, questions just sent in, and Mededelingen; tests/test_texts.py checks each letter.
    assert kinds.count("unknown") == 0 and kinds.count("antwoorden") == 43


def test_the_questions_notes_of_jenv_07_are_notes() -> None:
    # Word original, last three paragraphs (a numbered list): the notes that questions 1-3 refer to.
    document = converted("jenv-07-mutluer-pvda-en-ellemeet-groenlinks-over.pdf")
    assert [note.label for note in document.notes] == ["1", "2", "3"]
    assert document.notes[0].urls == (
        "https://www.vpro.nl/argos/media/kijk/kort/algemeen/2023/het-laatste-kwartier-van-sammy.html",
    )
    assert not any("vng.nl" in paragraph for answer in document.answers for paragraph in answer_paragraphs(answer))


def test_the_footnotes_of_the_32_page_letter_are_all_there() -> None:
    # Read on the PDF: 27 footnotes; 3 and 16 are set in a larger type for their links, 21 has its
    # number alone on a line, 24's and 25's URLs run over a line end (their link annotations show
    # them whole).
    document = converted("kamerbrief-IenW-water-en-bodem-sturend-2022-11-25.pdf")
    footnotes = {footnote.number: footnote for footnote in document.footnotes}
    assert sorted(footnotes) == list(range(1, 28))
    assert footnotes[3].urls == ("https://zoek.officielebekendmakingen.nl/stcrt-2001-36-p8-SC27983.pdf",)
    assert footnotes[20].urls == ("https://www.klimaatakkoord.nl/",)
    assert footnotes[21].urls[0].endswith("bedrijvenproef_spengen_2017_2022_lage_resolutie.pdf")
    assert footnotes[24].urls == (
        "https://www.noord-holland.nl/Onderwerpen/Ruimtelijke_inrichting/Projecten/Omgevingswet/Omgevingsverordening",
    )
    assert footnotes[25].urls[0].endswith("Raad%20van%20State/Adviesaanvraag%20aanhangig%20bij%20Raad%20van%20State/1")
    body = " ".join(plain_block(block) for block in document.body)
    assert "overeenkomst³" not in body and "¹⁶" not in body
    assert document.metadata.questioners == ()


@pytest.mark.parametrize("name", ALL_DOCUMENTS)
def test_every_corpus_letter_keeps_the_invariants(name: str) -> None:
    warnings = [(w.code, w.page, w.message) for w in converted(name).warnings if w.code in INVARIANT_WARNINGS]
    assert warnings == []


def test_references_of_the_corpus_are_found_and_linked() -> None:
    # 1481 (PDF page 1 and the footnotes of pages 2-3): "Zie ook Aanhangsel Handelingen, vergaderjaar
    # 2023–2024, nr. 1137", footnotes "Kamerstuk 36 200 IV, nr. 25" and "Kamerstukken II 2023/24,
    # 36 410 IV, nr. 15".
    document = converted("ah-tk-20232024-1481__tkdoc-1b650dd7.pdf")
    found = [(r.type, r.identifier, r.where) for r in document.references]
    assert ("aanhangsel", "ah-tk-20232024-1137", "body") in found
    assert ("kamerstuk", "kst-36200-IV-25", "footnote 1") in found
    assert ("kamerstuk", "kst-36410-IV-15", "footnote 2") in found
    html = render(document, "html")
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-36410-IV-15.html"' in html
    assert document.metadata.aanhangsel_url == "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1481.html"
