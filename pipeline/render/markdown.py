"""Markdown: letter text escaped so that it reads back as exactly that text, inline parts as Markdown."""

from __future__ import annotations

import json
from typing import Any

import regex

from pipeline.dates import is_iso_date
from pipeline.model import FootnoteRef, Inline, NoteRef, Paragraph, Reference, Text, Url
from pipeline.urls import is_safe

_MARKDOWN_INLINE = regex.compile(
    r"""
    (?P<special>[\\`*_{}\[\]<>|~&\#])        # what starts inline markup anywhere: escaped
    | (?P<newline>[\n\r])                   # a line break would start a new block: a character reference
    """,
    regex.VERBOSE,
)
_MARKDOWN_BLOCK_START = regex.compile(r"^(?:[#>+\-=]|\d{1,9}(?=[.)]))")
"""What starts a block at the beginning of a line: a heading, quote, list item, rule or setext
underline, an ordered list (its "." or ")" is escaped). A footnote's definition "[^1]:" cannot
start: every "[" is escaped."""


def yaml_value(value: Any) -> str:
    """A value for YAML front matter: JSON on one line, which YAML 1.2 reads as the same value.

    >>> print(yaml_value('Vragen over "AI"'), yaml_value([{"name": "Kops", "party": "PVV"}]))
    "Vragen over \\"AI\\"" [{"name": "Kops", "party": "PVV"}]
    """
    return json.dumps(value, ensure_ascii=False)


def yaml_date(value: str) -> str:
    """A date for YAML front matter: an ISO date as it is (YAML reads a date), anything else quoted.

    >>> print(yaml_date("2023-02-22"), yaml_date("2023-01-01\\ntitle: x"))
    2023-02-22 "2023-01-01\\ntitle: x"
    """
    return value if is_iso_date(value) else yaml_value(value)


def markdown_text(text: str) -> str:
    """Letter text as Markdown that reads back as exactly this text: a "[^1]" the letter prints as well.

    Every character that could start inline markup is escaped with a backslash; so is what would
    start a block at the beginning of the line; white space at either end and line breaks
    become character references, since Markdown would drop or act on them. (Control characters
    are the exception CommonMark makes: NUL anywhere, and those but tab, form feed and line breaks
    at either end, read back as U+FFFD.)

    >>> markdown_text("# 1 *ster* en <b> zie[^3]")
    '\\\\# 1 \\\\*ster\\\\* en \\\\<b\\\\> zie\\\\[^3\\\\]'
    >>> markdown_text("1. ~~~ &lt; [^1]: x")
    '1\\\\. \\\\~\\\\~\\\\~ \\\\&lt; \\\\[^1\\\\]: x'
    """
    block = _MARKDOWN_BLOCK_START.match(text)
    head = ""
    if block:
        # "1." keeps its digits and escapes its "."; the others escape their first character.
        marker = block.group()
        cut = len(marker) + 1 if marker[0].isdigit() else 1
        head = text[: cut - 1] + "\\" + text[cut - 1]
        text = text[cut:]
    escaped = head + _MARKDOWN_INLINE.sub(_escape_markdown, text)
    # Markdown strips what str.isspace() calls white space from both ends of a line.
    first = len(escaped) - len(escaped.lstrip())
    last = first + len(escaped.strip())
    return _character_references(escaped[:first]) + escaped[first:last] + _character_references(escaped[last:])


def _escape_markdown(match: regex.Match[str]) -> str:
    if match["special"]:
        return "\\" + match["special"]
    return f"&#{ord(match['newline'])};"


def _character_references(text: str) -> str:
    return "".join(f"&#{ord(char)};" for char in text)


def markdown_parts(parts: Paragraph) -> str:
    """Inline parts as Markdown: text escaped, footnote references [^N], URLs and references as links.

    >>> markdown_parts((Text("Zie"), FootnoteRef(2), Text(" en "), Url("nos.nl/a", "https://nos.nl/a")))
    'Zie[^2] en [nos.nl/a](<https://nos.nl/a>)'
    >>> markdown_parts((FootnoteRef(2), Text(": of (niet)")))
    '[^2]\\\\: of (niet)'
    """
    pieces: list[str] = []
    last = len(parts) - 1
    for index, part in enumerate(parts):
        piece = _markdown_part(part, index == 0, index == last)
        if index and isinstance(parts[index - 1], FootnoteRef) and piece.startswith(("(", ":")):
            # "[^2](" would read as a link, "[^2]:" at the start of a line as a footnote's definition.
            piece = "\\" + piece
        pieces.append(piece)
    return "".join(pieces)


def _markdown_part(part: Inline, first: bool, last: bool) -> str:
    """One inline part as Markdown; ``first`` and ``last`` say where it stands in its paragraph."""
    match part:
        case Text():
            return _markdown_piece(part.text, first, last)
        case FootnoteRef():
            return footnote_reference(part.number)
        case NoteRef():
            shown = f"\\[{part.label}\\]" if not part.printed else _markdown_piece(part.printed, first, last)
            return shown + (footnote_reference(part.footnote) if part.footnote else "")
        case Url():
            return _markdown_link(_markdown_piece(part.printed, first, last), part.href)
        case Reference():
            return _markdown_link(_markdown_piece(part.printed, first, last), part.url)


def footnote_reference(number: int) -> str:
    """A reference to footnote ``number`` in Markdown's footnote syntax."""
    return f"[^{number}]"


def _markdown_link(label: str, href: str) -> str:
    """A link, or its label alone where the target may be no link."""
    return f"[{label}](<{href}>)" if is_safe(href) and not regex.search(r"[\s<>]", href) else label


def _markdown_piece(text: str, first: bool, last: bool) -> str:
    """A piece of a paragraph escaped: only the paragraph's start may open a block, and only its
    ends lose white space."""
    escaped = markdown_text(("" if first else "x") + text + ("" if last else "x"))
    return escaped[(0 if first else 1) : (None if last else -1)]


def markdown_url(url: str) -> str:
    """A URL as a Markdown autolink if it may be a link, else as escaped text."""
    if not is_safe(url) or regex.search(r"[\s<>\x00-\x1f\x7f]", url):
        return markdown_text(url)
    return f"<{url}>"
