"""Browser checks for the standalone HTML pages: helpers for tests/test_browser.py.

Each page is opened from its file (``file://``) in Debian's headless Chromium through Playwright,
one browser for all pages. ``make browser`` (``scripts/install-browser.sh``) installs Chromium
(``/usr/bin/chromium``) and axe-core (``build/axe/``); Playwright itself is a Python test dependency.
Without them the browser tests skip with one line saying so, except under ``CI=true``, where that
is an error.

The markup contract that every produced page follows and that these checks hold it to:

- ``<html lang="nl">``, a non-empty ``<title>``,
  ``<meta name="viewport" content="width=device-width, initial-scale=1">``, and one ``<style>``
  with a ``@media print`` block. The page is standalone: CSS inline, no scripts needed, no image,
  font, stylesheet or script loaded from anywhere (not even a file beside it: the overview alone
  loads its ``index-search.js`` when a reader searches); the page makes no request but its own and
  logs no console error. It may link to the overview, ``index.html``, beside it.
- ``<nav class="toc">`` lists ``<a href="#vraag-N">Vraag N …</a>`` for every question (the
  produced pages follow it with the question's first words); the list may be folded in a
  ``<details>``, which the checks open with a click on its ``<summary>``.
- Each question is ``<section class="qa" id="vraag-N">`` with a heading (``<h2>``, or ``<h3>`` under
  a section's ``<h2>``) and the question text.
  Its answer ``<div class="answer">`` (paragraphs) follows it; questions answered together are
  consecutive sections followed by one answer.
- A footnote reference is
  ``<sup><a class="footnote-ref" id="fnref-N-K" href="#fn-N">N</a></sup>``, where K counts the
  references to footnote N, starting at 1.
- The footnotes are ``<section class="footnotes"><ol><li id="fn-N" value="N">text …
  <a class="footnote-back" href="#fnref-N-1" aria-label="Terug naar de tekst">↩</a></li></ol>
  </section>``. Every referenced footnote has a back link; it may point at ``#fnref-N-K`` or
  ``#fnref-N``, and its target must exist.
- An external link is ``<a href="https://…" rel="noopener noreferrer">``.
- ids are unique in the page.
- axe-core finds no violation of impact "serious" or "critical" (colour contrast at least 4.5:1 for
  body text and 3:1 for large text, link text, alt text on images, names on landmarks, …).
- At a phone viewport (375 CSS pixels wide) the page does not scroll sideways.
- No word (a run of letters and digits) is broken over two lines: a line ends at a space, after
  punctuation, or at a soft hyphen, where the browser prints a hyphen; only an address shown as a
  link may break anywhere. The first question starts on the first screen of a 1280×800 laptop and
  within two of a 390×844 phone; and all of this holds with DejaVu fonts only and with Liberation
  fonts only (``fontconfig_file``).

Every ``*_problems`` function returns a list of readable problems, empty when the page is right, so
that a failing test names all of them at once.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Request, Route, ViewportSize

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PAGES = ROOT / "tests" / "data" / "html"
AXE_VERSION = "4.14.1"
"""The axe-core version pinned in scripts/axe/package-lock.json."""
AXE_JS = Path(os.environ.get("KAMERBRIEF_AXE_JS", ROOT / "build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
INSTALL_HINT = "run `make browser` to install them (Chromium with apt-get, as root; axe-core with npm)"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
"""Flags without which Debian's Chromium can hang on network look-ups here. Playwright adds
--headless and a fresh temporary --user-data-dir for every launch (it refuses one in args)."""

DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 375, "height": 667}
PHONE_TALL: ViewportSize = {"width": 390, "height": 844}
"""A current phone: where a reader must reach the first question within two screens."""

FONT_FAMILIES: dict[str, tuple[str, str]] = {
    "dejavu": ("DejaVu Serif", "DejaVu*.ttf"),
    "liberation": ("Liberation Serif", "Liberation*.ttf"),
}
"""Font families the layout is tested under, each as if the machine had no other fonts: the family
the pages' serif stack falls back to there, and the file names of its fonts. Debian packages them
as fonts-dejavu-core and fonts-liberation2 (scripts/install-browser.sh installs both)."""
FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
BLOCKING_IMPACTS = ("serious", "critical")
SCROLL_TIMEOUT_MS = 1_000
"""How long a click may take to bring its target into view (covers scroll-behavior: smooth)."""

FOOTNOTE_REF_HREF = re.compile(r"#fn-(\d+)")
FOOTNOTE_REF_ID = re.compile(r"fnref-(\d+)-(\d+)")
FOOTNOTE_BACK_HREF = re.compile(r"#fnref-(\d+)(?:-\d+)?")
QUESTION_ID = re.compile(r"vraag-(\d+)")


def in_ci() -> bool:
    """True when the environment variable CI is set to something other than "", 0, false or no.

    >>> os.environ.get("CI", "") in ("", "0", "false", "no") or in_ci()
    True
    """
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_chromium() -> Path | None:
    """The Chromium to use: $KAMERBRIEF_CHROMIUM if set, else Debian's, else one on PATH."""
    if configured := os.environ.get("KAMERBRIEF_CHROMIUM"):
        path = Path(configured)
        return path if os.access(path, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if found := shutil.which(candidate):
            return Path(found)
    return None


def pages_to_check() -> list[Path]:
    """The HTML files to check: $KAMERBRIEF_HTML (files or folders, separated by os.pathsep) or the
    hand-written samples in tests/data/html/."""
    configured = os.environ.get("KAMERBRIEF_HTML")
    roots = [Path(p) for p in configured.split(os.pathsep) if p] if configured else [SAMPLE_PAGES]
    files: list[Path] = []
    for root in roots:
        files.extend(sorted(root.glob("*.html")) if root.is_dir() else [root])
    return [f.resolve() for f in files]


def launch(playwright: Playwright, executable: Path, fontconfig: Path | None = None) -> Browser:
    """Start headless Chromium from `executable` with the flags that keep it off the network; with
    `fontconfig`, it sees only the fonts that file names (see fontconfig_file)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)} if fontconfig else None
    return playwright.chromium.launch(
        executable_path=str(executable), headless=True, args=list(CHROMIUM_ARGS), timeout=30_000, env=env
    )


def fontconfig_file(family: str, folder: Path) -> Path | None:
    """A fontconfig file in `folder` under which a browser finds only the fonts of one of
    FONT_FAMILIES, as on a machine that has no others; None when that family is not installed.
    The system's rules (aliases such as Times New Roman to Liberation Serif) still apply."""
    _, files = FONT_FAMILIES[family]
    folders = sorted({font.parent for root in FONT_FOLDERS if root.is_dir() for font in root.rglob(files)})
    if not folders:
        return None
    cache = folder / f"{family}-cache"
    config = folder / f"{family}.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        + "".join(f"<dir>{escape(str(path))}</dir>\n" for path in folders)
        + f"<cachedir>{escape(str(cache))}</cachedir>\n"
        + '<include ignore_missing="yes">/etc/fonts/conf.d</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    return config


def rendered_fonts(page: Page, selector: str) -> list[str]:
    """The font families Chromium actually drew the first element matching `selector` with."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return sorted({font["familyName"] for font in fonts})
    finally:
        session.detach()


@dataclass
class LoadedPage:
    """A page opened from its file, with what it did while loading and afterwards."""

    page: Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def standalone_problems(self) -> list[str]:
        problems = [f"console error: {e}" for e in self.console_errors]
        problems += [f"request for another resource (the page must be standalone): {u}" for u in self.requests]
        problems += [f"failed request: {u}" for u in self.failed_requests]
        return problems


@contextmanager
def open_page(
    browser: Browser,
    html_file: Path,
    viewport: ViewportSize = DESKTOP,
    *,
    phone: bool = False,
    beside: Sequence[str] = (),
    dark: bool = False,
) -> Iterator[LoadedPage]:
    """Open `html_file` in a fresh browser context. Every request except the page's own and those
    of the files `beside` it (by name: the overview's index-search.js) is recorded and aborted, so a
    page that reaches out fails fast instead of waiting on the network. `dark`: the reader prefers a
    dark colour scheme."""
    context = browser.new_context(
        viewport=viewport,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        service_workers="block",
        color_scheme="dark" if dark else "light",
    )
    try:
        context.set_default_timeout(10_000)  # a step that hangs fails instead of waiting 30 s
        page = context.new_page()
        loaded = LoadedPage(page=page, url=html_file.resolve().as_uri())
        allowed = {loaded.url, *((html_file.resolve().parent / name).as_uri() for name in beside)}

        def on_route(route: Route) -> None:
            if route.request.url in allowed:
                route.continue_()
            else:
                route.abort()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                where = message.location.get("url") or ""
                loaded.console_errors.append(f"{message.text} {where}".strip())

        def on_request(request: Request) -> None:
            if request.url not in allowed and not request.url.startswith("data:"):
                loaded.requests.append(request.url)

        def on_failed(request: Request) -> None:
            loaded.failed_requests.append(f"{request.url} ({request.failure})")

        context.route("**/*", on_route)
        page.on("console", on_console)
        page.on("pageerror", lambda error: loaded.console_errors.append(f"uncaught exception: {error}"))
        page.on("request", on_request)
        page.on("requestfailed", on_failed)
        page.goto(loaded.url, wait_until="load")
        yield loaded
    finally:
        context.close()


_IN_VIEWPORT_JS = """id => {
    const el = document.getElementById(id);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
}"""


def _click(page: Page, selector: str, index: int = 0) -> str | None:
    """A mouse click on the link, scrolled into view first; None, or why it could not be clicked
    (hidden, say). force=True skips Playwright's waits for the element to be stable and uncovered,
    which cost about 70 ms a click."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.locator(selector).nth(index).click(force=True, timeout=SCROLL_TIMEOUT_MS)
    except PlaywrightError as error:
        return f"cannot be clicked ({error.message.splitlines()[0]})"
    return None


def _scrolls_into_view(page: Page, element_id: str) -> bool:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    if page.evaluate(_IN_VIEWPORT_JS, element_id):
        return True
    try:
        page.wait_for_function(_IN_VIEWPORT_JS, arg=element_id, timeout=SCROLL_TIMEOUT_MS)
    except PlaywrightTimeout:
        return False
    return True


def _links(page: Page, selector: str) -> list[dict[str, str]]:
    result: list[dict[str, str]] = page.eval_on_selector_all(
        selector,
        "els => els.map(e => ({id: e.id, href: e.getAttribute('href') || '', text: e.textContent.trim()}))",
    )
    return result


def _exists(page: Page, element_id: str) -> bool:
    return bool(page.evaluate("id => document.getElementById(id) !== null", element_id))


def duplicate_id_problems(page: Page) -> list[str]:
    duplicates: list[str] = page.evaluate(
        """() => {
            const seen = new Map();
            for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
            return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n} times)`);
        }"""
    )
    return [f"duplicate id {d}" for d in duplicates]


def footnote_problems(page: Page) -> list[str]:
    """Click every footnote reference and check the footnote comes into view, then click that
    footnote's back link and check the reference comes into view."""
    problems: list[str] = []
    refs = _links(page, "a.footnote-ref")
    checked_back: set[str] = set()
    for index, ref in enumerate(refs):
        name = f"footnote reference {ref['text']!r} (id={ref['id']!r}, href={ref['href']!r})"
        href = FOOTNOTE_REF_HREF.fullmatch(ref["href"])
        if href is None:
            problems.append(f"{name}: href is not #fn-N")
            continue
        number = href.group(1)
        ref_id = FOOTNOTE_REF_ID.fullmatch(ref["id"])
        if ref_id is None or ref_id.group(1) != number:
            problems.append(f"{name}: id is not fnref-{number}-K")
        target = f"fn-{number}"
        if not _exists(page, target):
            problems.append(f"{name}: no element with id {target}")
            continue
        if failure := _click(page, "a.footnote-ref", index):
            problems.append(f"{name}: {failure}")
        elif not _scrolls_into_view(page, target):
            problems.append(f"{name}: clicking it does not bring #{target} into view")
        if target in checked_back:
            continue
        checked_back.add(target)
        back = page.locator(f"li#{target} a.footnote-back")
        if back.count() == 0:
            problems.append(f"footnote {target}: no a.footnote-back link")
            continue
        back_href = back.first.get_attribute("href") or ""
        match = FOOTNOTE_BACK_HREF.fullmatch(back_href)
        if match is None or match.group(1) != number:
            expected = f"#fnref-{number}-1 or #fnref-{number}"
            problems.append(f"footnote {target}: back link href {back_href!r} is not {expected}")
            continue
        if not _exists(page, back_href[1:]):
            problems.append(f"footnote {target}: back link {back_href!r} points at no element")
            continue
        page.evaluate("() => window.scrollTo(0, document.scrollingElement.scrollHeight)")
        if failure := _click(page, f"li#{target} a.footnote-back"):
            problems.append(f"footnote {target}: its back link {failure}")
        elif not _scrolls_into_view(page, back_href[1:]):
            problems.append(f"footnote {target}: clicking its back link does not bring {back_href} into view")
    for link in _links(page, "section.footnotes a.footnote-back"):
        if link["href"].startswith("#") and not _exists(page, link["href"][1:]):
            problems.append(f"back link {link['href']!r} points at no element")
    return problems


def question_problems(page: Page) -> list[str]:
    """Every question section has an id vraag-N, a link to it in nav.toc that brings it into view,
    and is followed (after any questions answered with it) by its answer."""
    problems: list[str] = []
    questions: list[dict[str, Any]] = page.eval_on_selector_all(
        "section.qa",
        """els => els.map(e => {
            let next = e.nextElementSibling;
            while (next && next.matches('section.qa')) next = next.nextElementSibling;
            return {id: e.id, heading: !!e.querySelector('h2, h3'), answer: !!(next && next.matches('.answer'))};
        })""",
    )
    toc = {link["href"] for link in _links(page, "nav.toc a")}
    open_contents(page)
    for number, question in enumerate(questions, start=1):
        qid = question["id"]
        if QUESTION_ID.fullmatch(qid) is None:
            problems.append(f"question section {number}: id {qid!r} is not vraag-N")
            continue
        if not question["heading"]:
            problems.append(f"question {qid}: no <h2> or <h3>")
        if not question["answer"]:
            problems.append(f"question {qid}: not followed by a .answer")
        if f"#{qid}" not in toc:
            problems.append(f'question {qid}: no nav.toc a[href="#{qid}"]')
            continue
        page.evaluate("() => window.scrollTo(0, 0)")
        if failure := _click(page, f'nav.toc a[href="#{qid}"]'):
            problems.append(f"question {qid}: its table-of-contents link {failure}")
        elif not _scrolls_into_view(page, qid):
            problems.append(f"question {qid}: its table-of-contents link does not bring it into view")
    for href in sorted(toc):
        if not href.startswith("#") or not _exists(page, href[1:]):
            problems.append(f"table-of-contents link {href!r} points at no element in the page")
    return problems


def open_contents(page: Page) -> None:
    """Unfold the table of contents as a reader does, with a click on its summary."""
    if page.locator("nav.toc details:not([open]) > summary").count():
        page.evaluate("() => window.scrollTo(0, 0)")
        page.locator("nav.toc details > summary").first.click()


def first_question_top(page: Page) -> float | None:
    """Where the first question starts, in CSS pixels from the top of the page; None without one."""
    top: float | None = page.evaluate(
        "() => { const q = document.querySelector('section.qa');"
        " return q ? q.getBoundingClientRect().top + window.scrollY : null; }"
    )
    return top


def head_problems(page: Page) -> list[str]:
    """lang="nl" and a non-empty title."""
    problems: list[str] = []
    lang = page.evaluate("() => document.documentElement.getAttribute('lang')")
    if lang != "nl":
        problems.append(f'<html lang> is {lang!r}, not "nl"')
    if not page.title().strip():
        problems.append("no <title> or an empty one")
    return problems


def contract_problems(page: Page) -> list[str]:
    """The rest of the markup contract: viewport meta, one <style> with @media print, external links' rel."""
    problems: list[str] = []
    viewport = page.evaluate("() => document.querySelector('meta[name=viewport]')?.getAttribute('content')")
    if not viewport or "width=device-width" not in viewport.replace(" ", ""):
        problems.append(f"<meta name=viewport> content is {viewport!r}, not width=device-width, initial-scale=1")
    styles = page.locator("style").count()
    if styles != 1:
        problems.append(f"{styles} <style> elements, not one")
    has_print = page.evaluate(
        """() => [...document.querySelectorAll('style')].some(s =>
            [...s.sheet.cssRules].some(r => r instanceof CSSMediaRule && r.media.mediaText.includes('print')))"""
    )
    if not has_print:
        problems.append("no @media print block in the page's style")
    for link in _links(page, "a[href^='http:'], a[href^='https:']"):
        rel = (page.locator(f"a[href={_css_string(link['href'])}]").first.get_attribute("rel") or "").split()
        if "noopener" not in rel or "noreferrer" not in rel:
            problems.append(f"external link {link['href']!r}: rel is {' '.join(rel)!r}, not 'noopener noreferrer'")
    return problems


def _css_string(value: str) -> str:
    """A CSS string literal.

    >>> _css_string('a"b\\\\c')
    '"a\\\\"b\\\\\\\\c"'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def axe_violations(page: Page, axe_source: str, impacts: Sequence[str] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """Run axe-core in the page and return its violations of the given impacts."""
    page.add_script_tag(content=axe_source)
    results: dict[str, Any] = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in impacts]


def format_violations(violations: Sequence[dict[str, Any]], max_nodes: int = 5) -> str:
    """axe violations as readable text: rule, impact, help, and the offending elements."""
    lines: list[str] = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:max_nodes]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > max_nodes:
            lines.append(f"    … and {len(v['nodes']) - max_nodes} more")
    return "\n".join(lines)


def horizontal_overflow(page: Page, width: int) -> tuple[int, list[str]]:
    """The page's scroll width and, when it exceeds `width` + 1, the innermost elements that stick out."""
    scroll_width: int = page.evaluate("() => document.scrollingElement.scrollWidth")
    if scroll_width <= width + 1:
        return scroll_width, []
    culprits: list[str] = page.evaluate(
        """limit => [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > limit
                && ![...e.children].some(c => c.getBoundingClientRect().right > limit))
            .slice(0, 5)
            .map(e => `<${e.tagName.toLowerCase()}${e.className ? ' class="' + e.className + '"' : ''}>`
                + ` right edge at ${Math.round(e.getBoundingClientRect().right)}px:`
                + ` ${(e.textContent || '').trim().slice(0, 60)}`)""",
        width + 1,
    )
    return scroll_width, culprits


_WORD_BREAKS_JS = """selector => {
    // The line a character is on: the top of its own box. (A range that starts a line right after a
    // soft hyphen also holds the hyphen printed at the end of the line before, so a word's range will not do.)
    const lineOf = (node, i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null;
    };
    const problems = [];
    for (const cell of document.querySelectorAll(selector)) {
        if (cell.offsetParent === null) continue;
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement.closest('.error')) continue;  // a file path may break anywhere
            const link = node.parentElement.closest('a[href^="http"], a[href^="mailto:"]');
            // An address shown as a link (no space in it, a dot, colon, @ or slash) has no hyphen to offer.
            if (link && /^[^\\s]*[.@:\\/][^\\s]*$/.test(link.textContent.trim())) continue;
            // A word is a run of letters and digits: a line may end at a space, after a hyphen, dash or other
            // punctuation, or at a soft hyphen (where the browser prints a hyphen); never inside a word.
            const words = /[\\p{L}\\p{M}\\p{N}]+/gu;
            let match;
            while ((match = words.exec(node.data))) {
                const first = lineOf(node, match.index), last = lineOf(node, match.index + match[0].length - 1);
                if (first !== null && last !== null && Math.abs(first - last) > 1) problems.push(
                    `<${cell.tagName.toLowerCase()}> "${cell.textContent.trim().slice(0, 40)}": `
                    + `"${match[0]}" is broken over two lines`);
            }
        }
    }
    return problems;
}"""


def word_break_problems(page: Page, selector: str = "th, td") -> list[str]:
    """Words (runs of letters and digits) broken inside, over two lines, in the elements the selector
    finds (table headers and cells by default): a line may end at a space, after a hyphen or other
    punctuation, or at a soft hyphen (printed as a hyphen) only. An address in a link may break
    anywhere."""
    problems: list[str] = page.evaluate(_WORD_BREAKS_JS, selector)
    return problems


def column_values(page: Page, column: int) -> list[str]:
    """The sort values (``data-value``, else the text) of one column of the visible rows of table.letters."""
    values: list[str] = page.evaluate(
        """column => [...document.querySelectorAll('table.letters tbody tr')].filter(r => !r.hidden).map(r => {
            const cell = r.cells[column];
            return cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent.trim();
        })""",
        column,
    )
    return values


def sort_problems(page: Page) -> list[str]:
    """Click each sortable header twice: the rows come out ascending, then descending (empty values
    last both times), and aria-sort says which."""
    problems: list[str] = []
    headers: list[str] = page.eval_on_selector_all(
        "table.letters thead th", "ths => ths.map(t => t.textContent.trim())"
    )
    for column, name in enumerate(headers):
        numeric = page.locator("table.letters thead th").nth(column).get_attribute("data-sort") == "number"
        for direction in ("ascending", "descending"):
            if failure := _click(page, "table.letters thead th button", column):
                problems.append(f"header {name!r}: {failure}")
                break
            values = column_values(page, column)
            filled = [v for v in values if v != ""]
            if values != filled + [""] * (len(values) - len(filled)):
                problems.append(f"header {name!r} {direction}: empty values are not last: {values}")
            keys = [float(v) for v in filled] if numeric else [v.lower() for v in filled]
            expected = sorted(keys, reverse=direction == "descending")
            if keys != expected and not numeric:
                # Text is compared as Dutch readers expect (localeCompare), not by code point: check the order the
                # browser itself gives.
                expected = page.evaluate(
                    "([values, down]) => values.slice().sort((a, b) => down ? b.localeCompare(a, 'nl') "
                    ": a.localeCompare(b, 'nl'))",
                    [keys, direction == "descending"],
                )
            if keys != expected:
                problems.append(f"header {name!r} {direction}: rows are not sorted: {filled}")
            sort = page.locator("table.letters thead th").nth(column).get_attribute("aria-sort")
            if sort != direction:
                problems.append(f"header {name!r}: aria-sort is {sort!r} after sorting {direction}")
    return problems


def visible_rows(page: Page) -> list[str]:
    """The text of the rows of table.letters that are shown."""
    rows: list[str] = page.eval_on_selector_all(
        "table.letters tbody tr", "rows => rows.filter(r => r.offsetParent !== null).map(r => r.textContent)"
    )
    return rows
