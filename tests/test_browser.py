"""Open the HTML pages in headless Chromium: standalone, footnotes, table of contents, axe, phone width.

The markup contract these tests hold the pages to is in tests/browser.py. The pages are the
hand-written samples in tests/data/html/ (or $KAMERBRIEF_HTML); later, the `html_file` fixture can
convert the input letters instead. Needs Chromium and axe-core (``make browser``, which runs
scripts/install-browser.sh: apt-get as root, and npm) and the Python package playwright (a test
dependency). Without Chromium or axe-core the module is skipped with one line saying why and how to
enable it, except under CI=true, where that fails (.ci/run runs ``make browser test``). Check other
pages: ``KAMERBRIEF_HTML=output .venv/bin/python -m pytest tests/test_browser.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline.index import write_index
from pipeline.render import MONTHS
from pipeline.run import Options, convert_file
from tests.browser import (
    AXE_JS,
    AXE_VERSION,
    DESKTOP,
    INSTALL_HINT,
    PHONE,
    ROOT,
    LoadedPage,
    axe_violations,
    contract_problems,
    duplicate_id_problems,
    find_chromium,
    footnote_problems,
    format_violations,
    head_problems,
    horizontal_overflow,
    in_ci,
    launch,
    open_page,
    pages_to_check,
    question_problems,
    sort_problems,
    visible_rows,
    word_break_problems,
)
from tests.conftest import DATA, SEED

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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
def browser() -> Iterator[Browser]:
    """One Chromium for every page and test in this module."""
    if CHROMIUM is None:
        pytest.fail(f"CI is set but no Chromium was found: {INSTALL_HINT}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(f"the Python package playwright is missing ({error}): install the test dependencies")
    with sync_playwright() as playwright:
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
    with open_page(browser, index_file, DESKTOP) as loaded:
        yield loaded


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
        display = loaded.page.evaluate("() => getComputedStyle(document.querySelector('table.letters tbody tr')).display")
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
            """links => links.map(a => [a.textContent.replace(/\\s+/g, ' ').trim(),
                document.querySelector(a.getAttribute('href') + ' p').textContent.replace(/\\s+/g, ' ').trim()])""",
        )
        assert len(contents) == 12
        for entry, question in contents:
            words = entry.partition(" ")[2].partition(" ")[2]
            assert entry.startswith("Vraag ") and len(words.split()) >= 3, entry
            assert question.startswith(" ".join(words.split()[:3])), (entry, question)
        sections = page.eval_on_selector_all(
            "nav.toc > ol > li > a",
            "links => links.map(a => [a.textContent.trim(),"
            " !!document.querySelector(a.getAttribute('href') + ' > h2')])",
        )
        names = [name for name, _ in sections]
        assert names == ["De brief", "Vragen en antwoorden", "Noten bij de vragen", "Voetnoten"]
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
    # 1178, PDF page 3: seven bulleted measures.
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1178__tkdoc-1c0f765c.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        items = loaded.page.eval_on_selector_all("ul.list", "lists => lists.map(l => l.children.length)")
        assert items[:1] == [7]


def test_a_table_is_a_table_with_headers(browser: Browser, tmp_path: Path) -> None:
    # 1314, PDF page 2: answer 6 prints two tables, "Grond | Meldingen in 2021 | ... 2023".
    letter = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1314__tkdoc-00fe7edd.pdf"
    result = convert_file(letter, tmp_path, Options(formats=("html",)))
    assert result.status == "converted", result.error
    with open_page(browser, result.outputs[0]) as loaded:
        tables = loaded.page.eval_on_selector_all(
            "table:not(.overview) ",
            """tables => tables.map(t => [
                [...t.querySelectorAll('thead th[scope=col]')].map(th => th.textContent.trim()),
                [...t.querySelectorAll('tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim()))])""",
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
