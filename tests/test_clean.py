"""Cleaning: footnote blocks, references, page breaks, furniture, and nothing lost."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.clean import clean, find_footnote_block, mark_footnote_references, split_marker
from pipeline.extract import read_text
from pipeline.model import CleanDocument, RawDocument
from pipeline.text import join_lines, normalise_line
from tests.conftest import written


def test_sixteen_footnotes_on_their_pages(seed_clean: CleanDocument) -> None:
    assert [(f.number, f.page) for f in seed_clean.footnotes] == [
        (1, 3), (2, 3), (3, 3), (4, 4), (5, 5), (6, 6), (7, 6), (8, 6),
        (9, 7), (10, 7), (11, 7), (12, 7), (13, 9), (14, 9), (15, 9), (16, 9),
    ]  # fmt: skip
    assert seed_clean.footnotes[8].text == (
        "https://www.oecd.org/future-of-work/reports-and-data/impacts-of-artificial-intelligence-on-the-workplace.htm"
    )
    assert seed_clean.footnotes[4].text.endswith("| Shaping Europe’s digital future (europa.eu).")


def test_no_footnote_text_or_url_list_in_the_body(seed_clean: CleanDocument) -> None:
    body = "\n".join(line.text for line in seed_clean.body)
    for footnote in seed_clean.footnotes:
        assert footnote.text not in body
    for link in seed_clean.links:
        assert link.uri not in body.replace("\n", "") or "nos.nl" in link.uri or "volkskrant" in link.uri


def test_every_footnote_is_referenced_once_or_more(seed_clean: CleanDocument) -> None:
    body = " ".join(written(line.marked) for line in seed_clean.body)
    referenced = {mark.number for line in seed_clean.body for mark in line.marks}
    assert referenced == set(range(1, 17))
    assert "kunnen worden[^1][^2]." in body
    assert "systeemtechnologie’[^3]." in body
    assert "bedrijfsleven.[^5] AI-toepassingen" in body
    assert "(D66)" in body and "2023Z00475" in body


def test_marker_digits_are_read_with_the_page_footnotes() -> None:
    assert split_marker("12", {1, 2}) == [1, 2]
    assert split_marker("12", {12}) == [12]
    assert split_marker("1011", {10, 11}) == [10, 11]
    assert split_marker("66", {6}) == []
    assert written(mark_footnote_references("zie https://a.nl/pagina2 en pagina2", {2})) == (
        "zie https://a.nl/pagina2 en pagina[^2]"
    )
    assert written(mark_footnote_references("de D66-fractie en art. 3.2 van 2023", {2, 3, 66})) == (
        "de D66-fractie en art. 3.2 van 2023"
    )


def test_superscripts_from_a_pdf_become_references() -> None:
    assert written(mark_footnote_references("worden¹². Ook m² blijft", {1, 2})) == "worden[^1][^2]. Ook m[^2] blijft"
    assert written(mark_footnote_references("een oppervlak in m²", set())) == "een oppervlak in m²"


def test_numbered_text_is_no_footnote_block() -> None:
    assert find_footnote_block(["Drie punten:", "", "1 het eerste", "2 het tweede"], 0) is None
    assert find_footnote_block(["Zie het rapport7.", "", "7 Rapport, 2023"], 6) == 2


def test_page_breaks_mark_the_first_line_of_each_page(seed_clean: CleanDocument) -> None:
    starts = [line.text[:25] for line in seed_clean.body if line.page_start]
    assert starts[1] == "gegenereerd door AI, zoal"
    assert len(starts) == 9


# --- Properties ----------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëçABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=10)
LINE = st.lists(WORD, min_size=0, max_size=8).map(" ".join)
PAGE = st.lists(LINE, min_size=1, max_size=12)


def accounted_characters(document: CleanDocument) -> Counter[str]:
    # A mark stands for the digits it was printed as.
    texts = [line.text + "".join(str(mark.number) for mark in line.marks) for line in document.body]
    texts += [f"{footnote.number} {footnote.text}" for footnote in document.footnotes]
    texts += [removal.text for removal in document.removed]
    texts += [link.uri for link in document.links]
    return Counter("".join(texts).replace(" ", ""))


@settings(max_examples=60, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=4))
def test_cleaning_never_loses_a_character(pages: list[list[str]]) -> None:
    text = "\f".join("\n".join(lines) for lines in pages)
    raw: RawDocument = read_text(text, "x.txt")
    expected = Counter(normalise_line(text).replace(" ", "").replace("\n", "").replace("\f", ""))
    assert accounted_characters(clean(raw)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=10))
def test_joining_and_normalising_are_idempotent(lines: list[str]) -> None:
    joined = join_lines(lines)
    assert join_lines([joined]) == joined
    assert normalise_line(joined) == joined


@settings(max_examples=40, deadline=None)
@given(st.lists(PAGE, min_size=1, max_size=3))
# A running head and, behind it, the same line again: the first cleaning once took only the head.
@example([["A A A A A", "A A A A A", "A"], ["A A A A A", "A A A A A", "A"], ["A A A A A", "A A A A A", "A A"]])
def test_cleaning_clean_text_changes_nothing(pages: list[list[str]]) -> None:
    first = clean(read_text("\f".join("\n".join(lines) for lines in pages), "x.txt"))
    again_text = "\f".join(
        "\n".join(line.text for line in first.body if line.page == page) for page in range(1, first.page_count + 1)
    )
    second = clean(read_text(again_text, "x.txt"))
    assert [line.text for line in second.body] == [line.text for line in first.body]


def test_a_long_run_of_raised_digits_stays_text(seed_raw: RawDocument) -> None:
    """5,000 superscript digits once failed the letter: "internal error (ValueError: Exceeds the
    limit (4300 digits) for integer string conversion)"."""
    run = "¹" * 5000
    page = seed_raw.pages[2]
    lines = (replace(page.lines[0], text=page.lines[0].text + run), *page.lines[1:])
    raw = replace(seed_raw, pages=(*seed_raw.pages[:2], replace(page, lines=lines), *seed_raw.pages[3:]))
    cleaned = clean(raw)
    assert run in "\n".join(line.text for line in cleaned.body)
    assert split_marker("1" * 5000, {1, 11, 111}) == []
