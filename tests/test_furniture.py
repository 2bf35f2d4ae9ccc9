"""Page furniture by repetition: a line at the same place on most pages is taken out and recorded,
and no line of the letter ever is."""

from __future__ import annotations

import pytest

from pipeline.clean import clean
from pipeline.extract import read_document
from pipeline.furniture import repeated_lines
from pipeline.model import Box, Document, RawDocument, RawLine, RawPage
from pipeline.pdf.grid import Glyph, place_chars
from pipeline.pdf.lines import group_lines
from pipeline.pdf.reader import Engine
from pipeline.pdf.runs import split_smaller_type
from pipeline.render.data import document_data, to_json
from pipeline.run import Options, convert_document
from tests.conftest import DATA

NOTA = DATA / "real-answers" / "nota-nav-verslag-OCW-studiefinanciering-BES-34331-2015-12-21.pdf"


def page(number: int, *lines: tuple[str, float, float]) -> RawPage:
    """A page of body lines, each (text, top, x0), nine points high and 200 wide."""
    return RawPage(
        number,
        tuple(
            RawLine(text, number, index, "body", box=Box(x0, top, x0 + 200, top + 9))
            for index, (text, top, x0) in enumerate(lines, start=1)
        ),
    )


def text(number: int, top: float = 100, lines: int = 40) -> list[tuple[str, float, float]]:
    """A page's running text: ``lines`` lines of their own, twelve points apart from ``top`` on."""
    return [(f"Regel {index} van de tekst op pagina {number}", top + 12 * index, 100) for index in range(lines)]


def taken(*pages: RawPage) -> list[str]:
    found = repeated_lines(pages)
    return [line.text for p in pages for line in p.lines if (p.number, line.number) in found]


def test_the_nota_s_document_code_at_the_foot_of_every_page_is_furniture() -> None:
    # Pages 1-3 print "W6662.NAV" centred at the foot, below the text (and footnote 1 on page 2).
    document = clean(read_document(NOTA, NOTA.name))
    assert [r.page for r in document.removed if (r.kind, r.text) == ("furniture", "W6662.NAV")] == [1, 2, 3]
    assert not any("W6662" in line.text for line in document.body)
    assert [f.text for f in document.footnotes] == ["Zie de bijlage bij de nota naar aanleiding van het verslag."]


def test_a_running_head_and_a_two_line_footer_aligned_right() -> None:
    pages = [
        page(n, ("Antwoorden Kamervragen 2024Z01234", 40, 100), *text(n, 80, 50 - n),
             ("Ministerie van Financiën", 790, 480 + (n % 2)), ("DOC-4711.NAV", 800, 520 + (n % 2)))
        for n in range(1, 12)
    ]  # fmt: skip
    found = taken(*pages)
    assert sorted(set(found)) == ["Antwoorden Kamervragen 2024Z01234", "DOC-4711.NAV", "Ministerie van Financiën"]
    assert len(found) == 33


def test_a_question_atop_each_page_is_no_furniture() -> None:
    # "Vraag 2" atop page 2, "Vraag 3" atop page 3: the page's own number makes no running head.
    pages = [page(n, (f"Vraag {n}", 60, 100), *text(n, 72)) for n in (1, 2, 3)]
    assert taken(*pages) == []


def test_the_same_text_elsewhere_on_the_page_is_letter_text() -> None:
    # "Ja." answers on three pages, each at another height, one last on its page: text, not furniture.
    pages = [
        page(n, (f"Vraag {n}", 60, 100), ("Bent u bekend met het bericht?", 72, 100), ("Ja.", 90 + 40 * n, 100),
             (f"Vraag {n + 1}", 110 + 40 * n, 100), ("Deelt u die zorg?", 122 + 40 * n, 100),
             ("Ja.", 140 + 40 * n, 100))
        for n in (1, 2, 3)
    ]  # fmt: skip
    assert taken(*pages) == []


def test_a_line_on_fewer_than_half_of_the_pages_is_kept() -> None:
    pages = [page(n, *text(n), ("Zie bijlage", 800 if n == 1 else 600 + 40 * n, 100)) for n in (1, 2, 3)]
    assert taken(*pages) == []
    assert taken(page(1, *text(1), ("Slot", 800, 100))) == []


def test_a_table_s_header_row_repeated_on_every_page_is_the_table_s() -> None:
    def header(n: int) -> RawPage:
        row = RawLine("Nr Vraag Blz.", n, 1, "body", box=Box(100, 60, 400, 69), cells=("Nr", "Vraag", "Blz."))
        return RawPage(n, (row, RawLine(f"{n} Kunt u dit toelichten?", n, 2, "body", box=Box(100, 80, 400, 89))))

    assert repeated_lines([header(1), header(2), header(3)]) == frozenset()


def test_text_input_needs_three_pages_and_the_first_or_last_line() -> None:
    def text_page(n: int, *texts: str) -> RawPage:
        return RawPage(n, tuple(RawLine(text, n, index) for index, text in enumerate(texts, start=1)))

    two = [text_page(n, "Antwoord", f"Tekst {n}") for n in (1, 2)]
    assert repeated_lines(two) == frozenset()
    three = [text_page(n, f"Tekst {n}", "Kenmerk DOC-4711", f"Slot {n}") for n in (1, 2, 3)]
    assert repeated_lines(three) == frozenset()
    footers = [text_page(n, f"Tekst {n}", f"Meer tekst {n}", "DOC-4711 vertrouwelijk") for n in (1, 2, 3)]
    assert sorted(repeated_lines(footers)) == [(1, 3), (2, 3), (3, 3)]
    document = clean(RawDocument("x.txt", "text", tuple(footers)))
    removed = [("furniture", n, "DOC-4711 vertrouwelijk") for n in (1, 2, 3)]
    assert [(r.kind, r.page, r.text) for r in document.removed] == removed


FOOTER = "Totaallijst feitelijke vragen Examens in het voortgezet onderwijs (31289-235)"


def test_a_running_footer_with_the_page_s_number_beside_it_is_furniture() -> None:
    # Review finding C1: the footer of an annex gives "n/6" on its baseline, so that its text is
    # another on every page; a sentence runs on across the page break, past the footer.
    last = {2: "Of de leraar nu eerst nakijkt, wijzigt mijns", 3: "Dat is in de pilots", 4: "Zo is het gegaan."}
    first = {2: "Vraag 1", 3: "inziens niets in het taakbeleid.", 4: "besproken met de scholen."}
    pages = [
        page(n, (first[n], 71, 108), *text(n, 90, 30), (last[n], 460, 108), (f"{FOOTER} {n - 1}/6", 794, 90))
        for n in (2, 3, 4)
    ]
    cover = page(1, ("Geachte voorzitter,", 360, 80), *text(1, 380, 20), ("Pagina 1 van 1", 801, 465))
    document = clean(RawDocument("x.pdf", "pdf", (cover, *pages)))
    assert [(r.page, r.text) for r in document.removed] == [(n, f"{FOOTER} {n - 1}/6") for n in (2, 3, 4)]
    body = " ".join(line.text for line in document.body)
    assert "wijzigt mijns inziens niets" in body
    assert "Totaallijst" not in body


def test_a_footer_that_numbers_its_pages_needs_half_of_them_not_half_of_the_document() -> None:
    # A cover letter of four pages with its own footer, then an annex of three pages numbered n/3.
    cover = [page(n, *text(n, 100, 20), (f"Ministerie van OCW Pagina {n} van 4", 801, 400)) for n in (1, 2, 3, 4)]
    annex = [page(n, *text(n, 100, 20), (f"{FOOTER} {n - 4}/3", 794, 90)) for n in (5, 6, 7)]
    assert taken(*cover, *annex) == [f"Ministerie van OCW Pagina {n} van 4" for n in (1, 2, 3, 4)] + [
        f"{FOOTER} {n}/3" for n in (1, 2, 3)
    ]


def test_a_number_that_does_not_grow_with_the_page_makes_no_footer() -> None:
    # The same text at the same place with numbers that are not the pages' own: letter text.
    pages = [page(n, *text(n), ("Tabel 3.1 Aantallen per school 12/40", 800, 100 + n)) for n in (1, 2, 3)]
    pages[1] = page(2, *text(2), ("Tabel 3.1 Aantallen per school 7/40", 800, 100))
    assert taken(*pages) == []


def test_a_heading_numbered_like_its_page_is_no_running_head() -> None:
    # "Bijlage 2" atop page 2 and "Bijlage 3" atop page 3: a bare number counts in a footer only.
    pages = [page(n, (f"Bijlage {n}", 40, 100), *text(n, 80)) for n in (1, 2, 3)]
    assert taken(*pages) == []
    footers = [page(n, *text(n), (f"Jaarverslag MIVD 2014 {n}", 800, 100)) for n in (1, 2, 3)]
    assert taken(*footers) == [f"Jaarverslag MIVD 2014 {n}" for n in (1, 2, 3)]


REVIEW = DATA / "review"


def letter_text(document: Document) -> str:
    """The document's JSON without what was removed from it."""
    return to_json({key: value for key, value in document_data(document).items() if key != "removed"})


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_annex_s_running_footer_with_its_page_numbers_is_gone(engine: Engine) -> None:
    # Review finding C1: pages 2-7 print "Totaallijst … (31289-235)" with "n/6" on its baseline.
    path = REVIEW / "annex-OCW-feitelijke-vragen-examens-31289-235-2015-06-23.pdf"
    document = convert_document(path, path.name, Options(engine=engine))
    removed = [(r.page, r.text) for r in document.removed if r.kind == "furniture"]
    assert removed == [(1, "Pagina 1 van 1"), *((n, f"{FOOTER} {n - 1}/6") for n in range(2, 8))]
    data = letter_text(document)
    assert "Totaallijst" not in data
    assert "Of de leraar nu eerst de examens van de eigen leerling nakijkt of die van de leerlingen van een " \
        "andere school, wijzigt mijns inziens niets in het taakbeleid." in data  # answer 3, pages 2-3
    assert [footnote["text"] for footnote in document_data(document)["footnotes"]] == [
        "Motie van het lid Beertema inzake de correctievolgorde voor eindexamens havo en vwo "
        "(Kamerstuk 31 289, nr. 208)."
    ]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_footer_beside_the_page_s_last_line_is_a_line_of_its_own(engine: Engine) -> None:
    # Review finding C2: page 2's footer "Pagina 2 van 4" (6.5 pt) ends on the baseline of the last
    # body line (9 pt); answer 4 runs on to page 3.
    path = REVIEW / "antwoord-VWS-kamervragen-eilandsraad-st-eustatius-2023-01-18.pdf"
    document = convert_document(path, path.name, Options(engine=engine))
    removed = [(r.page, r.text) for r in document.removed if r.kind == "furniture"]
    footers = [(n, f"Pagina {n} van 4") for n in (1, 2, 3, 4)]
    assert [item for item in removed if item[1].startswith("Pagina")] == footers
    data = letter_text(document)
    assert "Pagina" not in data
    assert "Specialisten en huisartsen zijn onderling verantwoordelijk voor het delen van medische informatie " \
        "over patiënten." in data


def glyphs(text: str, x0: float, size: float, baseline: float) -> list[Glyph]:
    """A run of text from ``x0`` on, each character half its size wide, on a baseline ``baseline``
    points from the page's foot."""
    width = 0.5 * size
    return [
        (char, "Arial", size, x0 + i * width, x0 + (i + 1) * width, baseline, i > 0 and text[i - 1] == " ")
        for i, char in enumerate(text)
    ]


def lines_of(*runs: list[Glyph]) -> list[str]:
    chars, _ = place_chars([glyph for run in runs for glyph in run], 842.0)
    return [part.text for line in group_lines(chars) for part in split_smaller_type(line)]


def test_a_footer_in_small_type_on_the_last_line_s_baseline_is_a_line_of_its_own() -> None:
    # Review finding C2: "Pagina 2 van 4" in 6.5 pt at x 492 ends 0.5 pt below the baseline of the
    # last body line in 9 pt: one row by baseline, two lines by type and gap.
    body = glyphs("voor het delen", 300, 9.0, 63.9)
    footer = glyphs("Pagina 2 van 4", 492, 6.5, 63.4)
    assert lines_of(body, footer) == ["voor het delen", "Pagina 2 van 4"]


def test_type_of_one_size_a_wide_gap_apart_stays_one_line() -> None:
    # A row of a table, a line beside the reference column: split elsewhere, by columns.
    assert lines_of(glyphs("Bonaire", 80, 9.0, 400), glyphs("9", 300, 9.0, 400)) == ["Bonaire 9"]
    # A footnote marker stands against its word, no wide gap away: it stays in its line.
    assert lines_of(glyphs("het delen", 300, 9.0, 400), glyphs("1", 340.5, 6.0, 403)) == ["het delen¹"]
