"""Generated answer letters of known structure against the pipeline.

``tests/generated/make_letters.py`` writes the letters as Word files in many layouts (question
numbering, answer labels, combined and range answers, typography, spacing, forced page breaks,
footnotes on the break page, cover letters, typefaces, margins; a few "Nota naar aanleiding van
het verslag", also with unnumbered italic questions; ministry letters in house style with a
reference column and a signature of role and name; committee lists laid out as a table) and
converts them to PDF with LibreOffice. Their structure is known by construction
and stored in ``tests/data/generated/expected.json``.

The rule: a letter must come out exactly as it was built (kind, question numbers and texts,
answer groups, labels and paragraphs), or carry a review warning that says the pipeline is unsure.
A letter that is wrong without such a warning is silently wrong, and that is the failure that
matters. Flagged letters are listed in KNOWN_FLAGGED so that a new one is seen.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import REVIEW_WARNINGS, Document
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import Options, convert_document
from tests.conftest import DATA

GENERATED = DATA / "generated"

pytestmark = pytest.mark.slow
"""76 generated PDFs through the whole pipeline."""
EXPECTED: dict[str, dict[str, Any]] = json.loads((GENERATED / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)

KNOWN_FLAGGED: frozenset[str] = frozenset()
"""Letters that are flagged with a review warning today; a letter flagged that is not listed fails."""

STYLES = (
    # How a question starts.
    "q-vraag-alone",  # "Vraag 3" on its own line
    "q-vraag-inline",  # "Vraag 3: Bent u ..."
    "q-number-dot",  # "3. Bent u ..."
    "q-bare-number",  # "3" alone, the text on the next line
    "q-bare-number-blank",  # "3" alone, an empty paragraph, then the text
    "q-margin-tab",  # "3<tab>Bent u ..." with a hanging indent
    "q-two-paragraphs",  # "Zo ja, graag een toelichting." as its own paragraph
    # Typography.
    "q-bold",
    "q-italic",
    "q-plain",
    "label-bold",
    # Answer labels.
    "a-antwoord",
    "a-antwoord-colon",
    "a-antwoord-n",
    "a-antwoord-vraag-n",
    "a-antwoord-op-vraag-n",
    "a-unlabelled",
    "a-inline-text",  # "Antwoord: Ja, ..."
    "a-indented",
    # Combined and range answers.
    "group-list-en",  # "Antwoorden op vragen 4 en 5"
    "group-list-comma",  # "Antwoord vragen 4, 5 en 6"
    "group-unnumbered-label",  # one "Antwoord" after questions 4, 5 and 6
    "range-hyphen",  # "Antwoord vraag 4-7"
    "range-dash",  # "Antwoord vragen 4 – 7"
    "range-tm",  # "Antwoord op vragen 4 t/m 7"
    "range-tot-en-met",  # "Antwoord op vragen 4 tot en met 7"
    # Answer texts.
    "a-multi-paragraph",
    "a-rhetorical-question",
    "a-starts-with-number",
    "a-refers-to-question",
    # Separation and pages.
    "sep-blank",
    "sep-spacing",
    "break-in-question",
    "break-in-answer",
    "break-between-q-and-a",
    "footnotes",
    "footnote-on-break-page",
    "footer-page",
    "footer-pagina-van",
    # The letter around the questions.
    "cover-letter",
    "one-question",
    "many-questions",
    "nota",
    "nota-statements",
    "nota-combined-block",
    "running-header",
    "signature-at-end",
    # Unnumbered questions, house style, table lists.
    "q-unnumbered-italic",  # a nota's italic paragraphs, numbered 1..N in reading order
    "q-committee-opening",  # "De leden van de VVD-fractie vragen ...", "..., zo vragen deze leden."
    "letterhead-column",  # "Ons kenmerk" / "Onze referentie" and "Uw kenmerk" in a column on every page
    "signature-role-name",  # "De minister van ...," and the name, also in capitals
    "table-list",  # Nr | Vraag | Blz. (van) | (tot), the answer in a row below, no label
    "table-pages-top",  # number and pages at the top of the row
    "table-pages-bottom",  # number and pages glued onto the question's last line
    # Type and page.
    "font-liberation-serif",
    "font-liberation-sans",
    "font-dejavu-sans",
    "size-small",
    "size-large",
    "margins-narrow",
    "margins-wide",
)

FOOTNOTE_REFERENCE = re.compile(r"\s*\[\^\d+\]")


def normalise(text: str) -> str:
    """Text as compared: NFC, footnote references ``[^N]`` taken out, white space collapsed."""
    return " ".join(FOOTNOTE_REFERENCE.sub("", unicodedata.normalize("NFC", text)).split())


def review_codes(document: Document) -> set[str]:
    return {warning.code for warning in document.warnings} & REVIEW_WARNINGS


def differences(expected: dict[str, Any], document: Document) -> list[str]:
    """Every way the document differs from the structure the letter was built with."""
    problems = []
    if document.kind != expected["kind"]:
        problems.append(f"kind {document.kind!r}, expected {expected['kind']!r}")
    numbers = [q.number for q in document.questions]
    expected_numbers = [q["number"] for q in expected["questions"]]
    if numbers != expected_numbers:
        problems.append(f"question numbers {numbers}, expected {expected_numbers}")
    texts = {q.number: normalise(text(q.parts)) for q in document.questions}
    printed = {q.number: q.number_printed for q in document.questions}
    for question in expected["questions"]:
        actual = texts.get(question["number"])
        if actual is not None and actual != normalise(question["text"]):
            problems.append(f"question {question['number']}: {actual!r}\n    expected {normalise(question['text'])!r}")
        if actual is not None and printed[question["number"]] != question.get("number_printed", True):
            problems.append(f"question {question['number']}: number_printed {printed[question['number']]}")
    problems += metadata_differences(expected.get("metadata", {}), document)
    groups = [list(a.questions) for a in document.answers]
    expected_groups = [list(a["questions"]) for a in expected["answers"]]
    if groups != expected_groups:
        problems.append(f"answer groups {groups}, expected {expected_groups}")
    actual_answers = {tuple(a.questions): a for a in document.answers}
    for answer in expected["answers"]:
        found = actual_answers.get(tuple(answer["questions"]))
        if found is None:
            continue
        where = f"answer {answer['questions']}"
        label, expected_label = normalise(found.label).rstrip(":"), normalise(answer["label"]).rstrip(":")
        if label != expected_label:
            problems.append(f"{where} label {found.label!r}, expected {answer['label']!r}")
        paragraphs = [normalise(p) for p in answer_paragraphs(found)]
        expected_paragraphs = [normalise(p) for p in answer["paragraphs"]]
        if paragraphs != expected_paragraphs:
            problems.append(f"{where} paragraphs {paragraphs!r}\n    expected {expected_paragraphs!r}")
    return problems


def metadata_differences(expected: dict[str, Any], document: Document) -> list[str]:
    """The metadata fields a letter was built with, as read (the date in ISO, askers with kind)."""
    metadata = document.metadata
    found = {
        "reference": metadata.reference,
        "kenmerk": metadata.kenmerk,
        "date": metadata.date,
        "answered_by": metadata.answered_by,
        "questioners": [[q.name, q.party, q.kind] for q in metadata.questioners],
    }
    return [
        f"metadata {key} {found[key]!r}, expected {value!r}" for key, value in expected.items() if found[key] != value
    ]


def verdict(name: str, expected: dict[str, Any], document: Document) -> str | None:
    """None when the letter is exact or flagged for review; else what is silently wrong."""
    problems = differences(expected, document)
    if not problems or review_codes(document):
        return None
    warnings = ", ".join(sorted({w.code for w in document.warnings})) or "none"
    shown = "\n  ".join(problems[:12]) + ("\n  ..." if len(problems) > 12 else "")
    return f"{name} is wrong without a review warning (warnings: {warnings}):\n  {shown}"


@cache
def converted(name: str) -> Document:
    return convert_document(GENERATED / name, name, Options(timeout=0))


@pytest.mark.parametrize("name", NAMES)
def test_letter_is_exact_or_flagged(name: str) -> None:
    problem = verdict(name, EXPECTED[name], converted(name))
    if problem:
        pytest.fail(problem, pytrace=False)


def test_only_known_letters_are_flagged() -> None:
    flagged = {name: sorted(review_codes(converted(name))) for name in NAMES}
    new = {name: codes for name, codes in flagged.items() if codes and name not in KNOWN_FLAGGED}
    assert not new, "letters newly flagged for review (fix, or add to KNOWN_FLAGGED):\n" + "\n".join(
        f"  {name}: {', '.join(codes)}" for name, codes in sorted(new.items())
    )


def test_the_collection_covers_every_style() -> None:
    assert len(EXPECTED) >= 60
    pdfs = {path.name for path in GENERATED.glob("*.pdf")}
    assert pdfs == set(EXPECTED), "expected.json and the PDFs disagree; rerun tests/generated/make_letters.py"
    used = {style for entry in EXPECTED.values() for style in entry["styles"]}
    missing = [style for style in STYLES if style not in used]
    assert not missing, f"no generated letter has these styles: {missing}"
    for name, entry in EXPECTED.items():
        assert entry["kind"] in ("antwoorden", "nota"), name
        assert set(entry.get("metadata", {})) <= {"reference", "kenmerk", "date", "answered_by", "questioners"}
        assert [q["number"] for q in entry["questions"]] == list(range(1, len(entry["questions"]) + 1)), name
        answered = sorted(n for a in entry["answers"] for n in a["questions"])
        assert answered == [q["number"] for q in entry["questions"]], f"{name}: every question answered once"


def test_the_pdfs_are_small() -> None:
    size = sum(path.stat().st_size for path in Path(GENERATED).glob("*.pdf"))
    assert size < 5_000_000, f"{size} bytes of generated PDFs"
