"""The overview's pages: every letter in index.html, or in a batch too large for one page, a page per
year, each with its own file of search words; a page is written only when what it shows changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.files import YEAR_PAGES
from pipeline.model import REVIEW_WARNINGS
from pipeline.render import TEMPLATES, environment
from pipeline.search import SEARCH_SCRIPT, row_terms, search_script

FRONT = "index.html"
ONE_PAGE = 2000
"""The most documents index.html holds on its own. The overview's search, sorting and filters work
in the page, so its size is what a browser handles: 2,993 letters, 2.7 MB of page and 14 MB of
search words, were usable; a larger batch gets a page per year of the letters' dates."""
UNDATED = "zonder-datum"
"""The page of the letters without a date, in a batch of pages per year."""


def year_page(name: str) -> bool:
    """True for the name of a page per year or its search words: no letter's output ever has one.

    >>> year_page("index-2024.html"), year_page("index-search-zonder-datum.js"), year_page("index-2024.json")
    (True, True, False)
    """
    stem, _, suffix = name.rpartition(".")
    return suffix in ("html", "js") and YEAR_PAGES.fullmatch(stem) is not None


@dataclass(frozen=True)
class Page:
    """A page of the overview and the documents it lists."""

    name: str
    """Its file name: ``index.html``, or ``index-2024.html`` for a year."""
    words: str
    """The file of its rows' search words (``index-search.js``, ``index-search-2024.js``)."""
    label: str
    """What it lists: "" (every document), the year ("2024"), or "zonder datum"."""
    rows: tuple[int, ...]
    """The positions in the index's documents of those it lists, in the index's order."""


def words_file(page: str) -> str:
    """The file of a page's search words.

    >>> words_file("index.html"), words_file("index-2024.html")
    ('index-search.js', 'index-search-2024.js')
    """
    return (
        SEARCH_SCRIPT if page == FRONT else "index-search-" + page.removeprefix("index-").removesuffix(".html") + ".js"
    )


def pages(documents: Sequence[Mapping[str, Any]]) -> list[Page]:
    """Every document on index.html; in a batch of more than ``ONE_PAGE``, a page per year of the
    letters' dates, the newest on index.html together with the files that failed, the letters
    without a date on a page of their own."""
    if len(documents) <= ONE_PAGE:
        return [Page(FRONT, words_file(FRONT), "", tuple(range(len(documents))))]
    years: dict[str, list[int]] = {}
    failed = []
    for position, document in enumerate(documents):
        if document["status"] == "failed":
            failed.append(position)
        else:
            years.setdefault(document["date"][:4], []).append(position)
    order = [*sorted((year for year in years if year), reverse=True), *([""] if "" in years else [])]
    if not order:
        return [Page(FRONT, words_file(FRONT), "", tuple(failed))]
    found = []
    for number, year in enumerate(order):
        name = FRONT if number == 0 else f"index-{year or UNDATED}.html"
        rows = (*years[year], *failed) if number == 0 else tuple(years[year])
        found.append(Page(name, words_file(name), year or "zonder datum", rows))
    return found


def stale(names: Iterable[str], made: Sequence[Page]) -> list[str]:
    """The year pages (and their search words) in a folder that the overview no longer has."""
    kept = {name for page in made for name in (page.name, page.words)}
    return sorted(name for name in names if year_page(name) and name not in kept)


@dataclass(frozen=True)
class Batch:
    """What every page says of the whole batch."""

    documents: int
    review: int
    failed: int
    pages: tuple[tuple[str, str], ...]
    """The pages' labels and file names (none when index.html holds every document)."""


def batch(documents: Sequence[Mapping[str, Any]], made: Sequence[Page]) -> Batch:
    return Batch(
        documents=len(documents),
        review=sum(1 for document in documents if document["needs_review"]),
        failed=sum(1 for document in documents if document["status"] == "failed"),
        pages=tuple((page.label, page.name) for page in made) if len(made) > 1 else (),
    )


def signature(page: Page, about: Batch, written: Sequence[str], words: Sequence[str], cases: Any) -> str:
    """A digest of all a page shows: when it is the one of the page's last writing, the page (and its
    search words) need not be written again. ``written`` and ``words`` are every document's entry as
    written in index.json and its search words; ``cases`` what the section on cases shows (on
    index.html only)."""
    digest = hashlib.sha256(json.dumps([templates_digest(), page.name, page.label, about.__dict__]).encode())
    if page.name == FRONT:
        digest.update(json.dumps(cases, default=lambda row: row.__dict__).encode())
    for row in page.rows:
        digest.update(b"\0" + written[row].encode() + b"\0" + words[row].encode())
    return digest.hexdigest()


def templates_digest() -> str:
    """A digest of the templates an overview page is made from."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.glob("*index*.j2")) + sorted(TEMPLATES.glob("_*")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def render(
    page: Page, about: Batch, shown: Sequence[Mapping[str, Any]], words: Sequence[str], cases: Any
) -> tuple[str, str]:
    """A page of the overview and its file of search words, from the documents it shows and their
    words. ``cases`` (the section on cases) is shown on index.html only."""
    html = (
        environment()
        .get_template("index.html.j2")
        .render(
            documents=shown,
            page=page,
            batch=about,
            review_codes=sorted(REVIEW_WARNINGS),
            overview=cases if page.name == FRONT else None,
            terms=[row_terms(document) for document in shown],
        )
    )
    return html, search_script(words)
