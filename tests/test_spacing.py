"""Word spaces from the gaps between glyphs (``pipeline.pdf.spacing``): the rule itself, real
letters whose words ran together, and PDFs that draw not a single space glyph."""

from __future__ import annotations

import pytest

from pipeline.extract import ENGINES, Engine
from pipeline.model import REVIEW_WARNINGS, RawDocument
from pipeline.pdf import reader, spacing
from pipeline.pdf.spacing import Gap, is_word_space, letter_gap, unclear, word_spaces
from tests.conftest import DATA
from tests.pdfs import KERNING, Placed, placed_words_pdf

# --- The rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gap", "space"),
    [
        (Gap(2.78, 10.0), True),  # Helvetica's space
        (Gap(2.2, 10.0), True),  # a tight justified line: 0.22 em
        (Gap(1.6, 10.0), False),  # 0.16 em: below 0.15 em and 0.2 pt
        (Gap(-0.7, 10.0), False),  # kerned "Te", "AV"
        (Gap(-0.5, 10.0), False),  # an italic's overhang
        (Gap(0.3, 10.0), False),  # the noise of a justified line
        (Gap(1.09, 6.8, drawn=True), True),  # Word's small type: "Diversiteit in" (OCW, page 2)
        (Gap(1.09, 6.8), False),  # the same gap inside "Tijd" (no space drawn)
        (Gap(0.0, 7.0, drawn=True), False),  # a space drawn over the "l" of "Rijksoverheid.nl"
        (Gap(0.3, 7.0, drawn=True), False),  # ... or just before it
    ],
)
def test_a_gap_is_a_word_space_by_its_width_in_ems_and_the_space_drawn(gap: Gap, space: bool) -> None:
    assert is_word_space(gap) is space


def test_the_letter_gap_of_a_letter_spaced_line_is_taken_off_every_gap() -> None:
    tracked = [Gap(2.0, 10.0)] * 12  # 0.2 em between letters: no word gap
    assert letter_gap(tracked) == pytest.approx(0.2)
    assert word_spaces([*tracked, Gap(5.0, 10.0)]) == [False] * 12 + [True]
    # The old rule read every letter gap of it as a word gap: "W O O R D".
    assert all(is_word_space(gap) for gap in tracked)


def test_a_short_line_or_one_with_drawn_spaces_has_no_letter_gap_of_its_own() -> None:
    # Too few gaps to tell letters from words (a date in the reference column).
    assert letter_gap([Gap(1.0, 6.8)] * (spacing.MEASURED - 1)) == 0.0
    # Gaps after a drawn space are word gaps: they are not measured.
    assert letter_gap([Gap(0.0, 10.0)] * 8 + [Gap(3.0, 10.0, drawn=True)] * 8) == 0.0
    # A tightly set line has no negative letter gap: word gaps are never measured from below 0.
    assert letter_gap([Gap(-0.5, 10.0)] * 10) == 0.0


def test_a_letter_spaced_line_whose_word_gaps_stand_out_little_is_unclear() -> None:
    tracked = [Gap(2.0, 10.0)] * 10
    assert unclear([*tracked, Gap(3.5, 10.0)])  # 0.15 em past the letter gap: a word or not?
    assert not unclear([*tracked, Gap(5.0, 10.0)])  # 0.3 em past it: a word gap
    assert not unclear([*tracked, Gap(3.5, 10.0, drawn=True)])  # the PDF says where its words part
    # Word's small type: single gaps of 0.1 to 0.15 em inside a word, on a line not letter-spaced.
    assert not unclear([Gap(0.0, 6.8)] * 8 + [Gap(1.0, 6.8)])


# --- Real letters ------------------------------------------------------------------------------

REAL = DATA / "real-answers"


def lines_of(document: RawDocument) -> list[str]:
    """The text of the document's lines, without the blank lines that part its paragraphs."""
    return [line.text for page in document.pages for line in page.lines if line.text]


@pytest.fixture(scope="module", params=ENGINES)
def small_type(request: pytest.FixtureRequest) -> dict[str, list[str]]:
    """The lines of two letters in the Rijksoverheid house style, whose 6.8 pt reference column and
    footnotes Word sets on a grid of pixels, read by one engine."""
    engine: Engine = request.param
    return {
        name: lines_of(reader.read_pdf((REAL / f"{name}.pdf").read_bytes(), name, engine=engine))
        for name in (
            "antwoord-JenV-kamervragen-moord-gedetineerde-krimpen-2023-05-22",
            "antwoord-OCW-kamervragen-nwo-etniciteit-2023-06-13",
        )
    }


def test_words_of_small_type_no_longer_run_together(small_type: dict[str, list[str]]) -> None:
    justice, science = small_type.values()
    # JenV, pages 1-5: the reference column ("Straffen en Beschermen", "22 mei 2023").
    assert justice.count("Straffen en Beschermen") == 5 and "22 mei 2023" in justice
    # OCW, page 2: footnote 1; every page: the footer.
    assert any("SER. Diversiteit in de top – Tijd voor versnelling Deel II Analyse." in line for line in science)
    assert "Pagina 2 van 5" in science
    text = "\n".join(justice + science)
    for glued in ("StraffenenBeschermen", "mei2023", "Diversiteitin", "Tijdvoor", "versnellingDeel", "van5"):
        assert glued not in text
    # ... and no word of it is split where Word's pixels widened a gap inside it.
    for split in ("P agina", "T ijd", "W aterstaat"):
        assert split not in text


def test_both_engines_read_the_same_words_of_small_type() -> None:
    path = REAL / "antwoord-OCW-kamervragen-nwo-etniciteit-2023-06-13.pdf"
    documents = [reader.read_pdf(path.read_bytes(), path.name, engine=engine) for engine in ENGINES]
    assert lines_of(documents[0]) == lines_of(documents[1])


# --- PDFs without space glyphs -----------------------------------------------------------------

LETTER = [
    Placed(("Geachte", "voorzitter,")),
    Placed(("Besluitvormingsprocedure", "Raad", "en", "Europees", "Parlement"), font="B", size=11.0),
    Placed(("Tegen", "AVG-regels", "zijn", "Typeringen", "van", "Wouter", "en", "Yolanda", "LTO-breed.")),
    Placed(("Klopt", "het", "dat", "de", "officiële", "flexibele", "afspraken", "fijn", "waren?"), font="I"),
    Placed(("Zoals", "de", "regering", "eerder", "schreef,", "is", "dit", "rechtvaardig."), gap=0.62),
    Placed(("Een", "krap", "gezette", "regel", "met", "smalle", "spaties", "ertussen."), gap=0.2),
    Placed(("Den", "Haag,", "22", "mei", "2023"), size=6.8, gap=0.25),
    Placed(("Kamerbrief", "over", "de", "begroting"), font="B", tracking=2.0, gap=0.35),
    Placed(("Hoogachtend,",)),
]
"""A letter of known words: a bold heading, kerning pairs, an italic question, a justified line,
a tight one, small type, a letter-spaced heading."""


@pytest.mark.parametrize("engine", ENGINES)
def test_words_placed_one_by_one_come_out_with_exactly_their_spaces(engine: Engine) -> None:
    document = reader.read_pdf(placed_words_pdf(LETTER), "woorden.pdf", engine=engine)
    assert lines_of(document) == [line.text for line in LETTER]
    assert not [warning for warning in document.warnings if warning.code == reader.UNCLEAR_SPACES]


def test_the_kerned_pairs_are_kerned() -> None:
    """The kerning pairs of the letter are set closer than their glyphs' advance: the rule reads
    them through a gap below 0."""
    document = reader.read_pdf(placed_words_pdf([LETTER[2]]), "kerning.pdf")
    assert lines_of(document) == [LETTER[2].text]
    assert {pair for word in LETTER[2].words for pair in KERNING if pair in word} == set(KERNING)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_letter_spaced_line_whose_words_barely_part_is_a_warning(engine: Engine) -> None:
    lines = [
        Placed(("Geachte", "voorzitter,")),
        Placed(("Kamerbrief", "over", "de", "begroting"), tracking=2.0, gap=0.12),
    ]
    document = reader.read_pdf(placed_words_pdf(lines), "gespatieerd.pdf", engine=engine)
    (warning,) = [warning for warning in document.warnings if warning.code == reader.UNCLEAR_SPACES]
    assert warning.page == 1 and "a letter-spaced line" in warning.message
    assert reader.UNCLEAR_SPACES not in REVIEW_WARNINGS


def test_a_space_is_never_doubled() -> None:
    """Where a wide gap holds a drawn space, one space is written."""
    lines = [Placed(("Geachte", "voorzitter,")), Placed(("Zoals ", "gezegd"), gap=1.0)]
    document = reader.read_pdf(placed_words_pdf(lines), "spatie.pdf")
    assert lines_of(document) == ["Geachte voorzitter,", "Zoals gezegd"]
