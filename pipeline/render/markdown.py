"""Markdown: letter text escaped so that it reads back as exactly that text, inline parts as Markdown."""

from __future__ import annotations

import json
from typing import Any

import regex

from pipeline.model import FootnoteRef, NoteRef, Paragraph, TextPart, UrlPart
from pipeline.urls import is_safe

_MARKDOWN_INLINE = regex.compile(
    r"""
    (?P<reference>\[\^\d+\])(?P<paren>\()?   # a footnote reference [^N], kept; a "(" after it escaped
    | (?P<special>[\\`*_{}\[\]<>|~&\#])      # what starts inline markup anywhere: escaped
    | (?P<newline>[\n\r])                   # a line break would start a new block: a character reference
    """,
    regex.VERBOSE,
)
_MARKDOWN_BLOCK_START = regex.compile(r"^(?:[#>+\-=]|\d{1,9}(?=[.)])|\[(?=\^\d+\]:))")
"""What starts a block at the beginning of a line: a heading, quote, list item, rule or setext
underline, an ordered list (its "." or ")" is escaped), a footnote definition [^N]:."""


def yaml_value(value: Any) -> str:
    """A value for YAML front matter: JSON on one line, which YAML 1.2 reads as the same value.

    >>> print(yaml_value('Vragen over "AI"'), yaml_value([{"name": "Kops", "party": "PVV"}]))
    "Vragen over \\"AI\\"" [{"name": "Kops", "party": "PVV"}]
    """
    return json.dumps(value, ensure_ascii=False)


def markdown_text(text: str) -> str:
    """Letter text as Markdown that reads back as exactly this text, keeping footnote references ``[^N]``.

    Every character that could start inline markup is escaped with a backslash; so is what would
    start a block at the beginning of the line; white space at either end and line breaks
    become character references, since Markdown would drop or act on them. (Control characters
    are the exception CommonMark makes: NUL anywhere, and those but tab, form feed and line breaks
    at either end, read back as U+FFFD.)

    >>> markdown_text("# 1 *ster* en <b> zie[^3]")
    '\\\\# 1 \\\\*ster\\\\* en \\\\<b\\\\> zie[^3]'
    >>> markdown_text("1. ~~~ &lt; [^1]: x")
    '1\\\\. \\\\~\\\\~\\\\~ \\\\&lt; [^1]: x'
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
    if match["reference"]:
        return match["reference"] + ("\\(" if match["paren"] else "")
    if match["special"]:
        return "\\" + match["special"]
    return f"&#{ord(match['newline'])};"


def _character_references(text: str) -> str:
    return "".join(f"&#{ord(char)};" for char in text)


def markdown_parts(parts: Paragraph) -> str:
    """Inline parts as Markdown: text escaped, footnote references [^N], URLs and references as links.

    >>> markdown_parts((TextPart("Zie"), FootnoteRef(2), TextPart(" en "), UrlPart("nos.nl/a", "https://nos.nl/a")))
    'Zie[^2] en [nos.nl/a](<https://nos.nl/a>)'
    """
    pieces: list[str] = []
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if isinstance(part, TextPart):
            pieces.append(_markdown_piece(part.text, index == 0, index == last))
        elif isinstance(part, FootnoteRef):
            pieces.append(f"[^{part.number}]")
        elif isinstance(part, NoteRef):
            pieces.append(f"\\[{part.label}\\]")
        else:
            href = part.href if isinstance(part, UrlPart) else part.url
            label = _markdown_piece(part.printed, index == 0, index == last)
            pieces.append(f"[{label}](<{href}>)" if is_safe(href) and not regex.search(r"[\s<>]", href) else label)
    return "".join(pieces)


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
