"""Resolving URLs: find them in footnotes and notes, and tie each link annotation to its note."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import unquote, urlsplit

import regex

from pipeline import patterns
from pipeline.model import Box, DocumentWarning, FootnoteText, Link, Marked, NoteText
from pipeline.urls import is_safe, normalise_url, without_scheme

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_GENERIC_HOST_LABELS = {"www", "nl", "com", "eu", "org", "net", "int", "gov", "http", "https"}
_MIN_SCORE = 1.0


@dataclass(frozen=True)
class _Target:
    """A footnote or note that URLs can be tied to, with the pages it is printed on."""

    key: str
    marked: Marked
    pages: frozenset[int]
    box: Box | None = None

    @property
    def text(self) -> str:
        return self.marked.text


@dataclass(frozen=True)
class ResolvedLinks:
    """Footnotes and notes with their URLs, link annotations tied to nothing, and warnings."""

    footnotes: tuple[FootnoteText, ...]
    notes: tuple[NoteText, ...]
    body_links: tuple[Link, ...]
    warnings: tuple[DocumentWarning, ...]


def _unsafe(url: str, page: int = 0) -> DocumentWarning:
    shown = url if len(url) <= 80 else url[:80] + "…"
    return DocumentWarning("unsafe-link", f"link to {shown!r} was dropped: only http, https and mailto are kept", page)


def urls_in(text: str) -> list[str]:
    """The URLs written in a text, in order, normalised and without repeats."""
    found: list[str] = []
    for match in patterns.URL.finditer(text):
        url = normalise_url(match.group())
        if url not in found:
            found.append(url)
    return found


def fold(text: str) -> str:
    """Lower case without accents, so that "artificiële" meets the URL's "artificiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> set[str]:
    return set(_WORD.findall(fold(unquote(text))))


def match_score(url: str, text: str) -> float:
    """How strongly a footnote's text points at a URL.

    The site named in the text ("(mckinsey.com)", "Rijksoverheid.nl") counts most, then a
    name of the host among its words ("WRR"), then the words of the URL's path it shares.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    text_words = words(text)
    score = 0.0
    for site in patterns.SITE_NAME.finditer(text):
        name = fold(site["site"])
        if host == name or host.endswith("." + name):
            score += 3.0
            break
    labels = [label for label in host.split(".") if label not in _GENERIC_HOST_LABELS and len(label) >= 3]
    squashed = fold("".join(_WORD.findall(text)))
    if any(label in text_words or label in squashed for label in labels):
        score += 2.0
    path_words = {word for word in words(parts.path + " " + parts.query) if len(word) >= 4 and not word.isdigit()}
    if path_words:
        score += 3.0 * len(path_words & text_words) / len(path_words)
    return score


def tie_by_order(urls: Sequence[str], targets: Sequence[_Target]) -> dict[str, list[str]]:
    """Tie a page's listed link URLs to its footnotes, keeping the order they are printed in.

    A text extraction lists a page's link annotations in reading order, so the best tying is
    the one with the highest total score in which later URLs never go to earlier footnotes.
    Footnotes printed alike ("Strategie Digitale Economie (overheid.nl)" twice) all get the URL.
    """
    if not urls or not targets:
        return {}
    scores = [[match_score(url, target.text) for target in targets] for url in urls]
    count = len(targets)

    def options(k: int, j: int, best: list[list[float]]) -> list[tuple[float, int | None]]:
        choices: list[tuple[float, int | None]] = [(best[k + 1][j], None)]
        for t in range(j, count):
            if scores[k][t] >= _MIN_SCORE:
                choices.append((scores[k][t] + best[k + 1][t], t))
        return choices

    # best[k][j]: the highest total score for urls[k:] when they may go to targets[j:] only.
    best = [[0.0] * (count + 1) for _ in range(len(urls) + 1)]
    for k in range(len(urls) - 1, -1, -1):
        for j in range(count):
            best[k][j] = max(score for score, _ in options(k, j, best))
    tied: dict[str, list[str]] = {}
    j = 0
    for k, url in enumerate(urls):
        # The first choice that reaches the best total, preferring a footnote over none.
        choices = sorted(options(k, j, best), key=lambda choice: (-choice[0], choice[1] is None))
        chosen = choices[0][1]
        if chosen is None:
            continue
        j = chosen
        target = targets[chosen]
        for other in targets:
            if other is target or fold(other.text).rstrip(". ") == fold(target.text).rstrip(". "):
                tied.setdefault(other.key, []).append(url)
    return tied


def tie_by_position(link: Link, targets: Sequence[_Target]) -> str | None:
    """Tie a PDF link annotation to the footnote whose text lies under its rectangle.

    Where the footnote's place on the page is known, the rectangle decides; otherwise the
    words under the rectangle do, preferring the footnote that holds them and little else.
    """
    on_page = [target for target in targets if link.page in target.pages]
    if link.box is not None:
        box = link.box
        under = [
            t for t in on_page if t.box is not None and t.box.top - 1 <= (box.top + box.bottom) / 2 <= t.box.bottom + 1
        ]
        if len(under) == 1:
            return under[0].key
    covered = words(link.covered_text)
    covered = {word for word in covered if not word.isdigit()} or covered
    if not covered:
        return None
    best_key, best = None, (0.0, 0.0)
    for target in on_page:
        text_words = words(target.text)
        share = len(covered & text_words) / len(covered)
        overlap = len(covered & text_words) / len(covered | text_words)
        if (share, overlap) > best:
            best_key, best = target.key, (share, overlap)
    return best_key if best[0] >= 0.6 else None


def mend_cut_url(text: Marked, uri: str) -> Marked:
    """Join a written URL that a line end cut with a space, where a link annotation shows how
    it goes on ("...Omgevingsverorde ning" under ".../Omgevingsverordening").

    >>> mend_cut_url(Marked("1 https://www.a.nl/Omgevingsverorde ning"), "https://www.a.nl/Omgevingsverordening").text
    '1 https://www.a.nl/Omgevingsverordening'
    >>> mend_cut_url(Marked("1 https://www.a.nl/plan en meer"), "https://www.a.nl/planning").text
    '1 https://www.a.nl/plan en meer'
    """
    target = without_scheme(uri)
    for match in patterns.URL.finditer(text.text):
        written = without_scheme(normalise_url(match.group()))
        if not target.startswith(written) or target == written:
            continue
        following = regex.match(r"\s+(?P<token>\S+)", text.text[match.end() :])
        if following is None:
            continue
        token = following["token"].rstrip(".,;:)»”’")
        if token and target[len(written) :].startswith(token):
            head, rest = text.cut(match.end())
            return mend_cut_url(head + rest.tail(len(rest.text) - following.start("token")), uri)
    return text


def without_cut_copies(urls: Sequence[str]) -> tuple[str, ...]:
    """The URLs without repeats, and without a written URL that is only the start of another one
    (the part before a line end the annotation shows whole)."""
    unique = list(dict.fromkeys(urls))
    return tuple(
        url
        for url in unique
        if not any(other != url and without_scheme(other).startswith(without_scheme(url)) for other in unique)
    )


def resolve_urls(
    footnotes: Sequence[FootnoteText], notes: Sequence[NoteText], links: Sequence[Link], last_page: int
) -> ResolvedLinks:
    """Give every footnote and note its URLs: those written in it and the annotations over it.

    URLs broken over lines were joined when the text was cleaned; here they are found,
    deduplicated, and the link annotations of each page are tied to the note they belong to.
    Annotations tied to no note are kept as body links.
    """
    targets = [_Target(f"fn{f.number}", Marked(f.text), frozenset({f.page}), f.box) for f in footnotes]
    for index, note in enumerate(notes):
        # A note printed after the answers can run on over the following page(s).
        end = notes[index + 1].page if index + 1 < len(notes) else last_page
        # Keyed by place, not label: a letter may print a label twice.
        targets.append(_Target(f"note{index}", note.text, frozenset(range(note.page, end + 1))))
    tied: dict[str, list[str]] = {target.key: urls_in(target.text) for target in targets}
    written = {url for urls in tied.values() for url in urls}
    body_links: list[Link] = []
    for page in sorted({link.page for link in links}):
        on_page = [link for link in links if link.page == page]
        body_links.extend(_tie_page(on_page, [target for target in targets if page in target.pages], tied, written))
    # A javascript:, file: or data: annotation in the running text is dropped like one in a footnote.
    unsafe_links = [_unsafe(link.uri, link.page) for link in body_links if not is_safe(normalise_url(link.uri))]
    body_links = [link for link in body_links if is_safe(normalise_url(link.uri))]
    warnings = unsafe_links + [
        DocumentWarning("unplaced-link", f"link {link.uri} is tied to no footnote", link.page)
        for link in body_links
        if link.box is None and not link.covered_text
    ]
    for key, urls in tied.items():
        unsafe = [url for url in urls if not is_safe(url)]
        if unsafe:
            tied[key] = [url for url in urls if is_safe(url)]
            warnings.extend(_unsafe(url) for url in unsafe)
    texts = {target.key: _mended(target, tied) for target in targets}
    return ResolvedLinks(
        footnotes=tuple(
            replace(f, text=texts[f"fn{f.number}"].text, urls=without_cut_copies(tied[f"fn{f.number}"]))
            for f in footnotes
        ),
        notes=tuple(
            NoteText(n.label, texts[f"note{index}"], n.span, without_cut_copies(tied[f"note{index}"]))
            for index, n in enumerate(notes)
        ),
        body_links=tuple(link for link in body_links if link.box is not None or link.covered_text),
        warnings=tuple(warnings),
    )


def _tie_page(
    on_page: Sequence[Link], targets: Sequence[_Target], tied: dict[str, list[str]], written: set[str]
) -> list[Link]:
    """Tie one page's link annotations to its footnotes and notes (in ``tied``); the links tied to
    none (as body links)."""
    body_links: list[Link] = []
    for link in on_page:
        if link.box is None:
            continue
        key = tie_by_position(link, targets)
        url = normalise_url(link.uri)
        if key is not None:
            tied[key].append(url)
        elif url not in written:
            body_links.append(link)
    listed: list[str] = []
    for link in on_page:
        url = normalise_url(link.uri)
        if link.box is None and url not in written and url not in listed:
            listed.append(url)
    ordered = sorted(targets, key=lambda target: (min(target.pages), _order(target.key)))
    by_order = tie_by_order(listed, ordered)
    for key, urls in by_order.items():
        tied[key].extend(urls)
    placed = {url for urls in by_order.values() for url in urls}
    page = on_page[0].page
    # A Word file's hyperlink knows the words it covers, as a PDF's annotation does.
    covered = {normalise_url(link.uri): link.covered_text for link in on_page if link.box is None}
    return [*body_links, *(Link(url, page, None, covered.get(url, "")) for url in listed if url not in placed)]


def _mended(target: _Target, tied: dict[str, list[str]]) -> Marked:
    """The target's text with the URLs a line end cut mended (in ``tied``, the URLs written in it)."""
    text = target.marked
    for uri in tied[target.key]:
        text = mend_cut_url(text, uri)
    if text != target.marked:
        tied[target.key] = [*urls_in(text.text), *tied[target.key]]
    return text


def _order(key: str) -> tuple[int, int]:
    """Notes of the questions are printed above the page's footnotes."""
    return (0, int(key[4:])) if key.startswith("note") else (1, int(key[2:]))
