"""Open the HTML pages in headless Chromium: standalone, footnotes, table of contents, axe, phone width;
the overview's search, sorting and date range; every corpus letter's first screen and word breaks;
print and dark mode; the overview and letter pages under two font families (DejaVu, Liberation).

The markup contract these tests hold the pages to is in tests/browser.py. The pages are the
hand-written samples in tests/data/html/ (or $KAMERBRIEF_HTML); later, the `html_file` fixture can
convert the input letters instead. Needs Chromium and axe-core (``make browser``, which runs
scripts/install-browser.sh: apt-get as root, and npm) and the Python package playwright (a test
dependency), and the fonts-dejavu-core and fonts-liberation2 fonts (the same script). Without
Chromium or axe-core the module is skipped with one line saying why and how to
enable it, except under CI=true, where that fails (.ci/run runs ``make browser test``). Check other
pages: ``KAMERBRIEF_HTML=output .venv/bin/python -m pytest tests/test_browser.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.dates import MONTHS
from pipeline.index import write_index
from pipeline.run import Options, convert_file
from pipeline.search import SEARCH_SCRIPT
from tests.browser import (
    AXE_JS,
    AXE_VERSION,
    DESKTOP,
    FONT_FAMILIES,
    INSTALL_HINT,
    PHONE,
    PHONE_TALL,
    ROOT,
    LoadedPage,
    axe_violations,
    column_values,
    contract_problems,
    duplicate_id_problems,
    find_chromium,
    first_question_top,
    fontconfig_file,
    footnote_problems,
    format_violations,
    head_problems,
    horizontal_overflow,
    in_ci,
    launch,
    open_page,
    pages_to_check,
    question_problems,
    rendered_fonts,
    sort_problems,
    visible_rows,
    word_break_problems,
)
from tests.conftest import DATA, SEED
from tests.large_batch import clone_outputs

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, ViewportSize

pytestmark = pytest.mark.browser

CHROMIUM = find_chromium()
if CHROMIUM is None and not in_ci():
    pytest.skip(f"browser tests: no Chromium found; {INSTALL_HINT}", allow_module_level=True)
if not AXE_JS.is_file() and not in_ci():
    pytest.skip(f"browser tests: axe-core is missing at {AXE_JS}; {INSTALL_HINT}", allow_module_level=True)

LETTERS = [
    SEED,
    *(
        DATA / "corpus" / name
        for name in (
            "aanhangsel/ah-tk-20232024-2367__tkdoc-1b2d2126.pdf",
            "aanhangsel/ah-tk-20232024-1178__tkdoc-1c0f765c.pdf",
            "aanhangsel/ah-tk-20232024-1481__tkdoc-1b650dd7.pdf",
            "aanhangsel/ah-tk-20232024-1314__tkdoc-00fe7edd.pdf",
            "ministry-answers/jenv-08-beckerman-sp-aan-de-staatssecretaris-van.pdf",
            "kamerbrieven/kamerbrief-IenW-verzamelbrief-luchtvaart-2023-10-18.pdf",
            "seed/2023Z00475-typeset.pdf",
        )
    ),
]
"""Letters whose pages the pipeline produces for these tests, besides the hand-written samples."""
PAGES = [*pages_to_check(), *LETTERS]


def fail_on(problems: list[str], what: str) -> None:
    """Fail with every problem on its own line (and without pytest's repr of the list)."""
    if problems:
        pytest.fail(f"{what}:\n" + "\n".join(f"  - {p}" for p in problems), pytrace=False)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright, started once for every browser of this module."""
    if CHROMIUM is None:
        pytest.fail(f"CI is set but no Chromium was found: {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(f"the Python package playwright is missing ({error}): install the test dependencies")
    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One Chromium for every page and test in this module, with the machine's fonts."""
    assert CHROMIUM is not None
    chromium = launch(playwright, CHROMIUM)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core {AXE_VERSION} is missing at {AXE_JS}: {INSTALL_HINT}")
    package = json.loads((AXE_JS.parent / "package.json").read_text(encoding="utf-8"))
    if package.get("version") != AXE_VERSION:
        pytest.fail(f"{AXE_JS} is axe-core {package.get('version')}, not the pinned {AXE_VERSION}: {INSTALL_HINT}")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=PAGES, ids=[p.name for p in PAGES])
def html_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One page to check: a hand-written sample, or the page the pipeline makes of a letter."""
    path: Path = request.param
    if path.suffix == ".html":
        return path
    result = convert_file(path, tmp_path_factory.mktemp("html"), Options(formats=("html",)))
    assert result.status == "converted", result.error
    return result.outputs[0]


@pytest.fixture(scope="module")
def desktop(browser: Browser, html_file: Path) -> Iterator[LoadedPage]:
    """The page at a desktop viewport, loaded once and shared by the tests below, in file order:
    the read-only checks first, then the clicking ones, axe (which adds its script) last."""
    with open_page(browser, html_file) as loaded:
        yield loaded


@pytest.fixture(scope="module")
def phone(browser: Browser, html_file: Path) -> Iterator[LoadedPage]:
    with open_page(browser, html_file, PHONE, phone=True) as loaded:
        yield loaded


def test_there_are_pages_to_check() -> None:
    assert PAGES, "no HTML pages to check"
    missing = [str(p) for p in PAGES if not p.is_file()]
    assert not missing, f"pages not found: {missing}"


def test_lang_and_title(desktop: LoadedPage, html_file: Path) -> None:
    problems = head_problems(desktop.page)
    fail_on(problems, f"{html_file.name}")


def test_markup_contract(desktop: LoadedPage, html_file: Path) -> None:
    problems = contract_problems(desktop.page) + duplicate_id_problems(desktop.page)
    fail_on(problems, f"{html_file.name} breaks the markup contract")


def test_footnote_links_go_there_and_back(desktop: LoadedPage, html_file: Path) -> None:
    problems = footnote_problems(desktop.page)
    fail_on(problems, f"{html_file.name} footnote links")


def test_every_question_is_in_the_table_of_contents(desktop: LoadedPage, html_file: Path) -> None:
    problems = question_problems(desktop.page)
    fail_on(problems, f"{html_file.name} questions and table of contents")


def test_standalone_without_console_errors(desktop: LoadedPage, html_file: Path) -> None:
    """After loading and all the clicking above: no request but the page's own, no console error."""
    problems = desktop.standalone_problems()
    fail_on(problems, f"{html_file.name} is not standalone or logs errors")


def test_no_serious_accessibility_violations(desktop: LoadedPage, axe_source: str, html_file: Path) -> None:
    violations = axe_violations(desktop.page, axe_source)
    if violations:
        pytest.fail(
            f"{html_file.name}: axe-core {AXE_VERSION} reports serious or critical violations:\n"
            f"{format_violations(violations)}",
            pytrace=False,
        )


def test_no_horizontal_scroll_on_a_phone(phone: LoadedPage, html_file: Path) -> None:
    scroll_width, culprits = horizontal_overflow(phone.page, PHONE["width"])
    if scroll_width > PHONE["width"] + 1:
        fail_on(
            culprits or ["(no element found)"],
            f"{html_file.name} scrolls sideways at {PHONE['width']}px: scrollWidth {scroll_width}; sticking out",
        )


# --- The overview (index.html) and a letter page, as a reader sees them ----------------------

SCREENSHOTS = ROOT / "build" / "screenshots"
"""Where the screenshots of these tests are kept, to look at after a run."""
DUTCH_DATE = re.compile(rf"([1-9]|[12][0-9]|3[01]) ({'|'.join(MONTHS)}) [0-9]{{4}}")


def screenshot(loaded: LoadedPage, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    loaded.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


@pytest.fixture(scope="module")
def index_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """index.html of the letters above and one file that failed."""
    out = tmp_path_factory.mktemp("index")
    for letter in LETTERS:
        assert convert_file(letter, out, Options(formats=("json", "html"))).status == "converted"
    write_index(out, [("input/kapot.pdf", "input/kapot.pdf: empty file (0 bytes)")])
    return out / "index.html"


@pytest.fixture
def index_desktop(browser: Browser, index_file: Path) -> Iterator[LoadedPage]:
    with open_page(browser, index_file, DESKTOP, beside=[SEARCH_SCRIPT]) as loaded:
        yield loaded


def search(page: Page, query: str) -> list[str]:
    """Type a query in the overview's search box; the subjects (or file names) of the rows shown,
    once the letters' words have loaded."""
    page.fill("#filter", query)
    page.wait_for_function("() => window.kamerbriefSearch !== undefined")
    page.fill("#filter", query)  # once more: the words may have come in after the first input
    return visible_subjects(page)


def visible_subjects(page: Page) -> list[str]:
    subjects: list[str] = page.eval_on_selector_all(
        "table.letters tbody tr:not([hidden]) td.subject",
        "cells => cells.map(c => (c.querySelector('a') || c.querySelector('strong')).textContent.trim())",
    )
    return subjects


def test_the_overview_searches_names_without_diacritics_numbers_and_the_letters_words(
    index_desktop: LoadedPage, index_file: Path
) -> None:
    page = index_desktop.page
    documents = json.loads(index_file.with_suffix(".json").read_text(encoding="utf-8"))["documents"]
    by_source = {d["source"]: d["subject"] or d["source"] for d in documents}
    seed_subjects = sorted(by_source[name] for name in (SEED.name, "2023Z00475-typeset.pdf"))
    # Kostić asked the questions of Aanhangsel 1314 (PDF page 1); Yeşilgöz-Zegerius signed Beckerman's answers.
    assert search(page, "Kostic") == [by_source["ah-tk-20232024-1314__tkdoc-00fe7edd.pdf"]]
    assert search(page, "yesilgoz") == [by_source["jenv-08-beckerman-sp-aan-de-staatssecretaris-van.pdf"]]
    # An Aanhangsel number, and words found only in the questions ("ChatGPT") or an answer ("Kennisnet").
    assert search(page, "1481") == [by_source["ah-tk-20232024-1481__tkdoc-1b650dd7.pdf"]]
    assert sorted(search(page, "ChatGPT")) == seed_subjects
    assert sorted(search(page, "kennisnet surf")) == seed_subjects
    assert search(page, "kennisnet beckerman") == []
    # The ministry's own reference (ons kenmerk), shown in the row too.
    reference = next(d for d in documents if d["reference"])
    assert by_source[reference["source"]] in search(page, reference["reference"])
    assert f"ons kenmerk {reference['reference']}" in page.text_content("table.letters")
    fail_on(index_desktop.standalone_problems(), "index.html while searching")


def test_the_overview_filters_by_a_date_range(index_desktop: LoadedPage, index_file: Path) -> None:
    page = index_desktop.page
    documents = json.loads(index_file.with_suffix(".json").read_text(encoding="utf-8"))["documents"]
    page.fill("#from", "2024-03-01")
    page.fill("#to", "2024-04-30")
    expected = sorted(d["subject"] for d in documents if d["date"] and "2024-03-01" <= d["date"] <= "2024-04-30")
    assert 0 < len(expected) < len(documents)
    assert sorted(visible_subjects(page)) == expected
    assert page.text_content("#shown") == f"{len(expected)} van {len(documents)} getoond"


def test_the_overview_sorts_on_a_phone(browser: Browser, index_file: Path) -> None:
    with open_page(browser, index_file, PHONE_TALL, phone=True, beside=[SEARCH_SCRIPT]) as loaded:
        page = loaded.page
        assert page.locator("#sort").is_visible(), "no way to sort on a phone (the headers are hidden)"
        page.select_option("#sort", "1 descending")
        dates = [d for d in column_values(page, 1) if d]
        assert dates == sorted(dates, reverse=True) and len(dates) >= 5
        page.select_option("#sort", "5 descending")
        counts = [int(c) for c in column_values(page, 5)]
        assert counts == sorted(counts, reverse=True)
    with open_page(browser, index_file, DESKTOP) as loaded:
        assert not loaded.page.locator("#sort").is_visible()  # the headers sort on a laptop


def test_the_overview_searches_its_own_rows_without_the_words_file(
    browser: Browser, tmp_path: Path, index_file: Path
) -> None:
    alone = tmp_path / "index.html"
    alone.write_bytes(index_file.read_bytes())  # copied without index-search.js beside it
    with open_page(browser, alone, DESKTOP) as loaded:
        loaded.page.fill("#filter", "Kostic")
        loaded.page.wait_for_function("() => document.getElementById('search-note').textContent.includes('ontbreekt')")
        assert len(visible_rows(loaded.page)) == 1


def test_the_overview_prints_without_its_controls(index_desktop: LoadedPage) -> None:
    page = index_desktop.page
    page.emulate_media(media="print")
    assert not page.locator("#controls").is_visible()
    assert page.locator("table.letters").is_visible()


def test_the_overview_at_1280px_breaks_no_word_and_does_not_scroll(index_desktop: LoadedPage) -> None:
    screenshot(index_desktop, "index-1280.png")
    scroll_width, culprits = horizontal_overflow(index_desktop.page, DESKTOP["width"])
    assert scroll_width <= DESKTOP["width"] + 1, culprits
    fail_on(word_break_problems(index_desktop.page), "index.html at 1280 px breaks words")
    fail_on(head_problems(index_desktop.page) + contract_problems(index_desktop.page), "index.html")
    fail_on(index_desktop.standalone_problems(), "index.html is not standalone or logs errors")


def test_the_overview_on_a_phone_is_cards_without_sideways_scroll(browser: Browser, index_file: Path) -> None:
    with open_page(browser, index_file, PHONE, phone=True) as loaded:
        screenshot(loaded, "index-375.png")
        scroll_width, culprits = horizontal_overflow(loaded.page, PHONE["width"])
        if scroll_width > PHONE["width"] + 1:
            fail_on(culprits or ["(no element found)"], f"index.html scrolls sideways at 375 px: {scroll_width}")
        display = loaded.page.evaluate(
            "() => getComputedStyle(document.querySelector('table.letters tbody tr')).display"
        )
        assert display == "block", f"rows are not cards on a phone (display: {display})"
        fail_on(word_break_problems(loaded.page, "td"), "index.html at 375 px breaks words")


def test_the_overview_links_each_subject_to_its_letter(index_desktop: LoadedPage, index_file: Path) -> None:
    links = index_desktop.page.eval_on_selector_all(
        "table.letters td.subject > a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sorted(links) == sorted(f"{letter.stem}.html" for letter in LETTERS)
    assert all((index_file.parent / link).is_file() for link in links)


def test_the_overview_sorts_by_every_column(index_desktop: LoadedPage) -> None:
    fail_on(sort_problems(index_desktop.page), "sorting index.html")


def test_the_overview_filters(index_desktop: LoadedPage, index_file: Path) -> None:
    page = index_desktop.page
    total = len(visible_rows(page))
    assert total == len(LETTERS) + 1
    page.fill("#filter", "beckerman")
    rows = visible_rows(page)
    assert len(rows) == 1 and "Beckerman" in rows[0]
    assert page.text_content("#shown") == f"1 van {total} getoond"
    page.fill("#filter", "2023Z00475 d66")
    assert len(visible_rows(page)) == 2  # the seed as text and as typeset PDF
    page.fill("#filter", "")
    page.check("#review-only")
    documents = json.loads(index_file.with_suffix(".json").read_text(encoding="utf-8"))["documents"]
    assert len(visible_rows(page)) == sum(1 for d in documents if d["needs_review"])
    page.uncheck("#review-only")
    assert len(visible_rows(page)) == total


def test_the_overview_reads_without_script(browser: Browser, index_file: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(index_file.resolve().as_uri())
        assert page.locator("table.letters tbody tr").count() == len(LETTERS) + 1
        assert not page.locator("#controls").is_visible()
        assert page.locator("table.letters td.subject > a").count() == len(LETTERS)
    finally:
        context.close()


def test_the_overview_has_no_serious_accessibility_violations(index_desktop: LoadedPage, axe_source: str) -> None:
    violations = axe_violations(index_desktop.page, axe_source)
    assert not violations, format_violations(violations)


SCALE = 3000
"""Letters of the overview at scale: more than index.html holds on its own (overview.ONE_PAGE)."""


@pytest.fixture(scope="module")
def large_batch(index_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 letters (copies of the overview's, each made another letter, dated over ten years) and a
    file that failed, indexed."""
    out = tmp_path_factory.mktemp("large")
    clone_outputs(index_file.parent, out, SCALE)
    write_index(out, [("input/kapot.pdf", "input/kapot.pdf: empty file (0 bytes)")])
    return out


@pytest.mark.slow
def test_the_overview_of_3000_letters_is_a_page_per_year_that_searches_and_sorts(
    browser: Browser, large_batch: Path
) -> None:
    documents = json.loads((large_batch / "index.json").read_text(encoding="utf-8"))["documents"]
    by_year: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        by_year.setdefault("failed" if document["status"] == "failed" else document["date"][:4], []).append(document)
    # Ten years, newest first, then the letters without a date (the seed as text prints none).
    years = [*sorted((year for year in by_year if year not in ("", "failed")), reverse=True), ""]
    assert len(years) == 11 and by_year[""]
    names = ["index.html", *(f"index-{year or 'zonder-datum'}.html" for year in years[1:])]
    shown = 0
    for name, year in zip(names, years, strict=True):
        words = "index-search" + name.removeprefix("index").removesuffix(".html") + ".js"
        with open_page(browser, large_batch / name, DESKTOP, beside=[words]) as loaded:
            page = loaded.page
            links = page.eval_on_selector_all(
                "nav.pages a", "links => links.map(a => [a.getAttribute('href'), a.hasAttribute('aria-current')])"
            )
            assert links == [[other, other == name] for other in names]
            letters = by_year[year] + (by_year["failed"] if name == "index.html" else [])
            assert len(visible_rows(page)) == len(letters), name
            shown += len(letters)
            # A letter of this year found by its name, and by a word of its answers (in the search words).
            picked = by_year[year][len(by_year[year]) // 2]
            number = picked["source"].rsplit("-", 1)[1].removesuffix(".txt")
            assert search(page, number) == [picked["subject"]], name
            assert len(search(page, "")) == len(letters)
            if name in names[:2]:
                fail_on(sort_problems(page), f"sorting {name}")
            fail_on(loaded.standalone_problems(), name)
    assert shown == len(documents) == SCALE + 1


def test_a_letter_page_shows_dutch_dates_and_contents_with_question_text(browser: Browser, index_file: Path) -> None:
    with open_page(browser, index_file.parent / f"{SEED.stem}.html") as loaded:
        page = loaded.page
        screenshot(loaded, "letter-1280.png")
        times = page.eval_on_selector_all(
            "time", "els => els.map(t => [t.getAttribute('datetime'), t.textContent.trim()])"
        )
        assert times, "no <time> in the letter page"
        for iso, shown in times:
            year, month, day = (int(part) for part in iso.split("-"))
            assert DUTCH_DATE.fullmatch(shown) and shown == f"{day} {MONTHS[month - 1]} {year}", (iso, shown)
        contents = page.eval_on_selector_all(
            "nav.toc a[href^='#vraag-']",
            """links => links.map(a => [a.textContent.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim(),
                document.querySelector(a.getAttribute('href') + ' p').textContent
                    .replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim()])""",
        )
        assert len(contents) == 12
        for entry, question in contents:
            words = entry.partition(" ")[2].partition(" ")[2]
            assert entry.startswith("Vraag ") and len(words.split()) >= 3, entry
            assert question.startswith(" ".join(words.split()[:3])), (entry, question)
        sections = page.eval_on_selector_all(
            "nav.toc ol.sections > li > a",
            "links => links.map(a => [a.textContent.trim(),"
            " !!document.querySelector(a.getAttribute('href') + ' > h2')])",
        )
        names = [name for name, _ in sections]
        assert names == ["Vragen en antwoorden", "Noten bij de vragen", "Overige tekst van de brief", "Voetnoten"]
        assert all(has_heading for _, has_heading in sections)


def test_a_reference_is_a_link_that_leads_to_its_publisher(browser: Browser, tmp_path: Path) -> None:
    # 1481: its footnote 2 cites "Kamerstukken II 2023/24, 36 410 IV, nr. 15" (PDF page 2).
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1481__tkdoc-1b650dd7.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        selector = 'a.reference[href="https://zoek.officielebekendmakingen.nl/kst-36410-IV-15.html"]'
        assert loaded.page.locator(selector).count() == 1
        loaded.page.locator(selector).click(force=True)
        loaded.page.wait_for_timeout(300)
        # The page may reach nothing (the request is aborted): what it asked for is where the link leads.
        assert "https://zoek.officielebekendmakingen.nl/kst-36410-IV-15.html" in loaded.requests


def test_a_list_is_a_list(browser: Browser, tmp_path: Path) -> None:
    # 1178, PDF page 3: four bulleted actions, the paragraph "De volgende maatregelen ...:", three
    # more bullets.
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1178__tkdoc-1c0f765c.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        items = loaded.page.eval_on_selector_all("ul.list", "lists => lists.map(l => l.children.length)")
        assert items[:2] == [4, 3]


def test_a_table_is_a_table_with_headers(browser: Browser, tmp_path: Path) -> None:
    # 1314, PDF page 2: answer 6 prints two tables, "Grond | Meldingen in 2021 | ... 2023".
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1314__tkdoc-00fe7edd.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        tables = loaded.page.eval_on_selector_all(
            "table:not(.overview) ",
            """tables => tables.map(t => [
                [...t.querySelectorAll('thead th[scope=col]')].map(th => th.textContent.replace(/\u00ad/g, '').trim()),
                [...t.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(
                    c => c.textContent.replace(/\u00ad/g, '').trim()))])""",
        )
        assert tables[0] == [
            ["Grond", "Meldingen in 2021", "Meldingen in 2022", "Meldingen in 2023"],
            [
                ["Geslacht(Trans)", "2", "3", "6"],
                ["Seksuele gerichtheid", "10", "14", "34"],
                ["TOTAAL", "12", "17", "40"],
            ],
        ]
        assert len(tables) == 2


# --- Read as a reader would: under two font families, on a laptop and a phone ----------------------

CORPUS_LETTERS = [SEED, *sorted((DATA / "corpus").glob("*/*.pdf"))]
"""Every letter of the test corpus (the shared corpus is not needed: these are its copies)."""
LAPTOP_SCREENS = 1
PHONE_SCREENS = 2
"""Within how many screens the first question must start: a reader comes for the questions."""


@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The page of every corpus letter that converts (the not-letters are refused)."""
    out = tmp_path_factory.mktemp("corpus-pages")
    options = Options(formats=("html",), engine="pdfium")
    results = [convert_file(letter, out, options) for letter in CORPUS_LETTERS]
    pages = [result.outputs[0] for result in results if result.status == "converted"]
    assert len(pages) >= len(CORPUS_LETTERS) - 4, [r.error for r in results if r.status != "converted"]
    return pages


@pytest.fixture(scope="module", params=sorted(FONT_FAMILIES))
def font_browser(
    request: pytest.FixtureRequest, playwright: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Browser, str]]:
    """A Chromium that sees only one font family, as a machine with no other fonts would."""
    family: str = request.param
    config = fontconfig_file(family, tmp_path_factory.mktemp("fonts"))
    if config is None:
        why = f"the {FONT_FAMILIES[family][0]} fonts are not installed ({INSTALL_HINT})"
        if in_ci():
            pytest.fail(f"CI is set but {why}")
        pytest.skip(why)
    assert CHROMIUM is not None
    chromium = launch(playwright, CHROMIUM, config)
    yield chromium, FONT_FAMILIES[family][0]
    chromium.close()


def reading_problems(loaded: LoadedPage, viewport: ViewportSize, screens: int) -> list[str]:
    """What keeps a reader of a letter page from reading: sideways scroll, a word broken without a
    hyphen, a first question further down than `screens` screens."""
    page, width = loaded.page, viewport["width"]
    scroll_width, culprits = horizontal_overflow(page, width)
    problems = [f"scrolls sideways: {scroll_width}px, {culprits}"] if scroll_width > width + 1 else []
    problems += word_break_problems(page, "header, main, footer")
    top = first_question_top(page)
    if top is not None and top >= screens * viewport["height"]:
        problems.append(
            f"the first question starts at {top:.0f}px, below screen {screens} ({viewport['height']}px each)"
        )
    return problems


def test_every_corpus_letter_shows_its_first_question_early_and_breaks_no_word(
    browser: Browser, corpus_pages: list[Path]
) -> None:
    problems: list[str] = []
    for viewport, screens in ((DESKTOP, LAPTOP_SCREENS), (PHONE_TALL, PHONE_SCREENS)):
        phone = viewport["width"] < DESKTOP["width"]
        for html in corpus_pages:
            with open_page(browser, html, viewport, phone=phone) as loaded:
                problems += [
                    f"{html.name} at {viewport['width']}px: {p}" for p in reading_problems(loaded, viewport, screens)
                ]
    fail_on(problems, "corpus letters")


@pytest.mark.parametrize(
    "letter",
    [SEED, DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1786__tkdoc-1b0f0b98.pdf"],
    ids=lambda p: p.stem[:20],
)
def test_a_letter_page_reads_the_same_under_each_font_family(
    font_browser: tuple[Browser, str], letter: Path, tmp_path: Path
) -> None:
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    chromium, family = font_browser
    for viewport, screens in ((DESKTOP, LAPTOP_SCREENS), (PHONE_TALL, PHONE_SCREENS)):
        with open_page(chromium, result.outputs[0], viewport, phone=viewport is PHONE_TALL) as loaded:
            assert rendered_fonts(loaded.page, "section.qa p") == [family]
            screenshot(loaded, f"letter-{family.split()[0].lower()}-{viewport['width']}.png")
            fail_on(reading_problems(loaded, viewport, screens), f"{letter.name} at {viewport['width']}px in {family}")


def test_the_overview_reads_the_same_under_each_font_family(
    font_browser: tuple[Browser, str], index_file: Path
) -> None:
    chromium, family = font_browser
    # From the widest phone to the narrowest laptop the table must fit too, not only at 1280 px.
    for width in (390, 1023, 1025, 1280):
        viewport: ViewportSize = {"width": width, "height": 800}
        with open_page(chromium, index_file, viewport, phone=width < 600) as loaded:
            assert rendered_fonts(loaded.page, "td.subject") == [family]
            if width in (390, 1280):
                screenshot(loaded, f"index-{family.split()[0].lower()}-{width}.png")
            scroll_width, culprits = horizontal_overflow(loaded.page, width)
            assert scroll_width <= width + 1, (family, width, culprits)
            fail_on(word_break_problems(loaded.page), f"index.html at {width}px in {family} breaks words")


def test_the_seed_letter_prints_on_no_more_a4_pages_than_its_source(browser: Browser, tmp_path: Path) -> None:
    from pypdf import PdfReader

    letter = DATA / "corpus" / "seed" / "2023Z00475-typeset.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        printed = tmp_path / "printed.pdf"
        loaded.page.pdf(path=str(printed), format="A4", prefer_css_page_size=True)
    source_pages, printed_pages = len(PdfReader(letter).pages), len(PdfReader(printed).pages)
    assert printed_pages <= source_pages, f"{printed_pages} A4 pages printed for a letter of {source_pages}"
    text = "".join(page.extract_text() for page in PdfReader(printed).pages)
    assert "Inhoud" not in text and "Overzicht" not in text  # the folded contents and the way back stay on screen


@pytest.mark.parametrize("which", ["letter", "overview"])
def test_dark_mode_is_dark_and_readable(browser: Browser, index_file: Path, axe_source: str, which: str) -> None:
    page_file = index_file if which == "overview" else index_file.parent / f"{SEED.stem}.html"
    with open_page(browser, page_file, DESKTOP, dark=True) as loaded:
        screenshot(loaded, f"{which}-dark.png")
        background = loaded.page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
        red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
        assert red + green + blue < 3 * 64, f"the page is not dark in dark mode: {background}"
        violations = axe_violations(loaded.page, axe_source)
        assert not violations, format_violations(violations)


def facts(page: Page) -> dict[str, str]:
    """The letter's facts in its header: label and value."""
    pairs: list[list[str]] = page.eval_on_selector_all(
        "header dl.metadata > div",
        "divs => divs.map(d => [d.querySelector('dt').textContent.trim(),"
        " d.querySelector('dd').textContent.replace(/\\u00ad/g, '').replace(/\\s+/g, ' ').trim()])",
    )
    return dict(pairs)


def test_a_letter_page_links_its_publications_and_says_where_each_question_is_printed(
    browser: Browser, tmp_path: Path
) -> None:
    # Aanhangsel 1786 (2023–2024): 15 questions, all answered; question 1 and its answer on PDF page 1.
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1786__tkdoc-1b0f0b98.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    published = "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1786"
    with open_page(browser, result.outputs[0]) as loaded:
        page = loaded.page
        assert page.get_attribute("link[rel=canonical]", "href") == f"{published}.html"
        description = page.get_attribute("meta[name=description]", "content") or ""
        assert "exportkredietverzekeringen" in description and "Hirsch (GroenLinks-PvdA)" in description
        assert page.locator(f'header a[href="{published}.html"]').count() == 1  # the Aanhangsel number
        assert page.locator(f'header a[href="{published}.pdf"]').text_content() == "officiële PDF"
        assert page.locator('header a[href="index.html"]').count() == 1  # back to the overview
        assert facts(page)["Vragen"] == "15, alle beantwoord"
        assert facts(page)["Bron"].startswith(f"{letter.name}, 6 pagina's")
        assert (page.text_content("#vraag-1 h3") or "").replace("\xa0", " ") == "Vraag 1 p. 1"
        assert (page.text_content("#vraag-1 + .answer h4") or "").replace("\xa0", " ") == "Antwoord 1 p. 1"


def test_a_letter_page_shows_the_ministrys_reference_and_how_many_questions_are_answered(
    browser: Browser, index_file: Path
) -> None:
    # The typeset seed: "Ons kenmerk 2023-0000101234" (PDF page 1); 12 questions in 10 answers, all answered.
    with open_page(browser, index_file.parent / "2023Z00475-typeset.html") as loaded:
        shown = facts(loaded.page)
        assert shown["Ons kenmerk"] == "2023-0000101234"
        assert shown["Vragen"] == "12, alle beantwoord"
        assert shown["Kenmerk"] == "2023Z00475"
    with open_page(browser, index_file) as loaded:
        row = loaded.page.locator("tr", has=loaded.page.locator('a[href="2023Z00475-typeset.html"]'))
        assert "ons kenmerk 2023-0000101234" in (row.locator("td.subject").text_content() or "")
        assert (row.locator("td.counts").text_content() or "").split() == ["12", "alle", "beantwoord"]
