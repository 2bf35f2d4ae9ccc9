"""Headings marked only by an underline (review 2, M7), and paragraphs judged against the line
pitch of their own type size (review 2, M9): generated PDFs, and the two letters that showed them."""

from __future__ import annotations

import pytest

from pipeline.extract import ENGINES, Engine
from pipeline.model import Box, Document, Heading, Para, RawDocument, plain_block
from pipeline.pdf import reader
from pipeline.pdf.layout import underlined_line
from pipeline.pdf.lines import make_line
from pipeline.pdf.page import Char, LinkArea, PageRecord
from pipeline.pdf.paragraphs import line_pitches, paragraph_breaks
from pipeline.run import build_document
from tests.conftest import DATA
from tests.pdfs import Placed, placed_pages_pdf, placed_words_pdf

HEADINGS = DATA / "headings"
NAVO = HEADINGS / "kamerbrief-DEF-verslag-navo-ministers-2015-07-09.pdf"
REIS = HEADINGS / "antwoord-BZK-kamervragen-reis-directie-kr-2015-09-18.pdf"


def words(text: str, **kwargs: object) -> Placed:
    return Placed(tuple(text.split()), **kwargs)  # type: ignore[arg-type]


def body_blocks(document: Document) -> list[tuple[str, str]]:
    return [(block.kind, plain_block(block)) for block in document.body if isinstance(block, (Heading, Para))]


def underlined(raw: RawDocument) -> list[str]:
    return [line.text for page in raw.pages for line in page.lines if line.underline]


# --- A line is underlined when a rule runs under it from its start to its end -------------------


def _line(text: str = "Werkdiner", x0: float = 79.4, x1: float = 125.9, baseline: float = 183.0) -> list[Char]:
    step = (x1 - x0) / len(text)
    return [
        Char(text=char, font="Verdana", size=9.0, x0=x0 + index * step, x1=x0 + (index + 1) * step,
             top=baseline - 9.0, bottom=baseline, order=round((x0 + index * step) * 100), spaced=char == " ")
        for index, char in enumerate(text)
    ]  # fmt: skip


def _page(*shapes: Box, links: tuple[LinkArea, ...] = ()) -> PageRecord:
    return PageRecord(595.0, 842.0, (), 0, 0, shapes, links)


@pytest.mark.parametrize(
    ("shapes", "links", "expected"),
    [
        ((Box(79.4, 183.7, 125.9, 184.2),), (), True),  # the Navo letter's "Werkdiner" (p. 3)
        ((Box(79.4, 183.7, 100.0, 184.2), Box(100.0, 183.7, 125.9, 184.2)), (), True),  # one rule per run
        ((Box(79.4, 183.7, 100.0, 184.2),), (), False),  # a word of the line underlined, not the line
        ((Box(78.0, 183.7, 441.0, 184.2),), (), False),  # a rule across the page: a table's or a box's
        ((Box(79.4, 186.5, 125.9, 187.0),), (), False),  # too far below the baseline
        ((Box(79.4, 176.0, 125.9, 184.2),), (), False),  # a shading, not a rule
        ((Box(79.4, 183.7, 125.9, 184.2),), (LinkArea("https://x.nl", Box(79.0, 174.0, 126.0, 185.0)),), False),
    ],
)
def test_a_line_is_underlined_by_a_thin_rule_from_its_start_to_its_end(
    shapes: tuple[Box, ...], links: tuple[LinkArea, ...], expected: bool
) -> None:
    assert underlined_line(make_line(_line()), _page(*shapes, links=links)) is expected


def test_an_underlined_web_address_is_a_link_not_a_heading() -> None:
    """A link's underline where the PDF kept no link annotation (the CPB's and IenW's URLs)."""
    text = "9789240033771-eng.pdf"
    rule = Box(79.4, 183.7, 200.0, 184.2)
    assert not underlined_line(make_line(_line(text, x1=200.0)), _page(rule))
    assert not underlined_line(make_line(_line("www.rijksoverheid.nl", x1=200.0)), _page(rule))


# --- Generated letters ---------------------------------------------------------------------------

_FULL = [
    "De secretaris-generaal opende de vergadering en gaf het woord aan de",
    "ministers van de bondgenoten, die elk in een korte bijdrage ingingen op",
]
_REPORT = [
    words("Op 24 en 25 juni kwamen de ministers van Defensie te Brussel bijeen en zij"),
    words("spraken er over de gevolgen van de nieuwe veiligheidssituatie in Europa."),
    words("Werksessie over het actieplan", underline=True),
    *(words(text) for text in _FULL),
    words("de uitvoering van het plan."),
]
"""A report whose heading stands right above its paragraph, at the text's own pitch, in the
text's own type, and is underlined."""


@pytest.mark.parametrize("engine", ENGINES)
def test_an_underlined_line_above_its_paragraph_is_a_heading(engine: Engine) -> None:
    raw = reader.read_pdf(placed_words_pdf(_REPORT, leading=13.0), "verslag.pdf", engine=engine)
    assert underlined(raw) == ["Werksessie over het actieplan"]
    assert body_blocks(build_document(raw)) == [
        ("paragraph", " ".join(line.text for line in _REPORT[:2])),
        ("heading", "Werksessie over het actieplan"),
        ("paragraph", " ".join(line.text for line in _REPORT[3:])),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_linked_line_is_underlined_as_a_link_is_and_stays_in_its_paragraph(engine: Engine) -> None:
    """A hyperlink's underline is no heading's, even where it spans a short line of its own that
    ends no sentence: the link annotation over it says so."""
    lines = [
        words("Het rapport staat op de website van het ministerie, onder de titel"),
        words("Verslag van de bijeenkomst", underline=True, link="https://www.defensie.nl/verslag"),
        words("Deze titel is ook in het verslag zelf te vinden, met de bijlagen erbij."),
    ]
    raw = reader.read_pdf(placed_words_pdf(lines, leading=13.0), "link.pdf", engine=engine)
    assert underlined(raw) == []
    assert [kind for kind, _ in body_blocks(build_document(raw))] == ["paragraph"]


# --- Each type size is judged against its own pitch ---------------------------------------------

_COVER = [
    words("Hierbij bied ik u de antwoorden aan op de vragen van het lid Van Laar, met", size=9.0),
    words("kenmerk 2015Z16491, van het lid Van Raak, met kenmerk 2015Z16490, en van", size=9.0, drop=12.6),
    words("het lid Fritsma, met kenmerk 2015Z16649, over de reis van de directie naar", size=9.0, drop=12.6),
    words("Curaçao.", size=9.0, drop=12.6),
]
_ANNEX = [
    words(text, size=12.0, drop=12.0)
    for text in (
        "Het organisatieonderdeel Koninkrijksrelaties bestaat uit de",
        "directie in Den Haag en de Vertegenwoordiging van Nederland",
        "in Aruba, Curaçao en Sint Maarten. Deze organisatie geeft",
        "inhoud aan de onderlinge relaties binnen het Koninkrijk, op",
        "het terrein van goed bestuur en van de overheidsfinanciën, de",
        "rechtshandhaving en de economische ontwikkeling van de eilanden.",
    )
]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_cover_letter_in_its_own_type_size_is_judged_by_its_own_pitch(engine: Engine) -> None:
    """9 pt lines at 12.6 pt are one paragraph, though the 12 pt annex, the letter's most lines,
    is set at 12 pt (1.0): judged by that pitch, each line of the cover was a paragraph."""
    raw = reader.read_pdf(placed_pages_pdf([_COVER, _ANNEX]), "dekbrief.pdf", engine=engine)
    assert [[line.text for line in page.lines if line.zone == "body"] for page in raw.pages] == [
        [line.text for line in _COVER],
        [line.text for line in _ANNEX],
    ]


def test_the_pitch_of_each_type_size_is_its_own() -> None:
    def line(top: float, x1: float, size: float) -> list[Char]:
        return [Char(text="a", font="Verdana", size=size, x0=79.0, x1=x1, top=top, bottom=top + size, order=7900,
                     spaced=False)]  # fmt: skip

    cover = [make_line(line(350 + 12.6 * n, 437.0, 9.0)) for n in range(4)]
    annex = [make_line(line(150 + 12.0 * n, 450.0, 12.0)) for n in range(8)]
    pitches = line_pitches([cover, annex], None)
    assert pitches == {9.0: 1.4, 12.0: 1.0}
    assert paragraph_breaks(cover, 9.0, pitches, frozenset()).before == frozenset()
    # Judged by the annex's pitch, every line of the cover was a paragraph of its own.
    assert paragraph_breaks(cover, 9.0, {9.0: pitches[12.0]}, frozenset()).before == {1, 2, 3}


# --- The letters ---------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_the_navo_letters_underlined_headings_stand_apart(engine: Engine) -> None:
    raw = reader.read_pdf(NAVO.read_bytes(), NAVO.name, engine=engine)
    expected = [
        "Werksessie over het Readiness Action Plan",
        "Werkdiner",
        "Navo-Oekraïne Commissie",
        "Resolute Support",
        "Gesprek met Franse minister van Defensie",
        "Inzetscenario’s Very High Readiness Joint Task Force (VJTF)",
    ]
    assert underlined(raw) == expected
    blocks = body_blocks(build_document(raw))
    headings = [text for kind, text in blocks if kind == "heading"]
    # The italic headings of pp. 5-6 as before, each underlined one where the letter prints it.
    assert headings[:6] == expected
    assert headings[6:] == ["Crisisbeheersing buiten het Navo-verdragsgebied", "Artikel 5-situatie",
                            "Oplopende spanningen", "Reguliere oefeningen"]  # fmt: skip
    after = blocks[blocks.index(("heading", "Werkdiner")) + 1]
    assert after[0] == "paragraph" and after[1].startswith("Tijdens het diner werd vooruitgekeken")
    assert not any(text.startswith(tuple(expected)) for kind, text in blocks if kind == "paragraph")


def test_the_reis_letters_cover_paragraph_is_one_paragraph() -> None:
    """P. 1 is 9 pt at 1.4 lines a line, the annex 12 pt at 1.0: the cover's three printed lines
    are one paragraph (they were three), and the 9 pt questions of p. 5 one paragraph each."""
    document = build_document(reader.read_pdf(REIS.read_bytes(), REIS.name))
    first = document.body[0]
    assert isinstance(first, Para)
    assert plain_block(first) == (
        "Hierbij bied ik u de antwoorden aan op de vragen van Kamerlid Van Laar, met kenmerk 2015Z16491,"
        " van Kamerlid Van Raak, met kenmerk 2015Z16490, en van Kamerlid Fritsma, met kenmerk 2015Z16649."
    )
    last = document.answers[-1].blocks[-1]
    assert isinstance(last, Para) and plain_block(last).startswith("Deze vragen dienen ter aanvulling")
    assert plain_block(last).endswith("(vraagnummer 2015Z16491).")
