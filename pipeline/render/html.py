"""HTML: letter text escaped, inline parts as links, footnote references numbered for their ids."""

from __future__ import annotations

import html

from markupsafe import Markup

from pipeline.hyphenate import soft_hyphens
from pipeline.model import FootnoteRef, Inline, NoteRef, Paragraph, Reference, Text, Url
from pipeline.urls import is_safe


class HtmlText:
    """Turns letter text into safe HTML: escaped, with footnote references and URLs as links.

    One instance per page rendered, so that repeated references to a footnote get distinct ids
    (``fnref-3-1``, ``fnref-3-2``) and each footnote can link back to its first reference.
    """

    def __init__(self, footnotes: frozenset[int]) -> None:
        self.footnotes = footnotes
        """The numbers of the letter's footnotes: a reference to any other links nowhere."""
        self.counts: dict[int, int] = {}

    def __call__(self, parts: Paragraph) -> Markup:
        return Markup("".join(self.part(part) for part in parts))

    def part(self, part: Inline) -> str:
        """One inline part as HTML."""
        match part:
            case Text():
                return html.escape(soft_hyphens(part.text))
            case FootnoteRef():
                return self.reference(part.number)
            case NoteRef() if part.footnote:
                # The note's text is printed as a footnote of the page: the reference leads there.
                return html.escape(part.shown) + self.reference(part.footnote)
            case NoteRef():
                return (
                    f'<a class="note-ref" href="#noot-{part.label}" aria-label="Noot {part.label}">'
                    f"{html.escape(part.shown)}</a>"
                )
            case Url():
                return str(link(part.href, part.printed))
            case Reference():
                return (
                    f'<a class="reference" href="{html.escape(part.url)}" rel="noopener noreferrer" '
                    f'data-type="{html.escape(part.type)}" title="{html.escape(part.identifier)}">'
                    f"{html.escape(part.printed)}</a>"
                )

    def reference(self, number: int) -> str:
        if number not in self.footnotes:
            return f"<sup>{number}</sup>"
        count = self.counts[number] = self.counts.get(number, 0) + 1
        return (
            f'<sup><a class="footnote-ref" id="fnref-{number}-{count}" href="#fn-{number}" '
            f'aria-label="Voetnoot {number}">{number}</a></sup>'
        )

    def referenced(self, number: int) -> bool:
        return number in self.counts


def link(url: str, printed: str | None = None) -> Markup:
    """A URL as a safe link, or as plain text if its scheme is not allowed."""
    shown = url if printed is None else printed
    if not is_safe(url):
        return Markup(html.escape(shown))
    return Markup(f'<a href="{html.escape(url)}" rel="noopener noreferrer">{html.escape(shown)}</a>')
