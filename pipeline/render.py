"""Rendering: one document model through the Jinja2 templates to JSON, Markdown and HTML."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import regex
from markupsafe import Markup

from pipeline import patterns
from pipeline.links import normalise_url
from pipeline.model import Answer, Document, Link, Question

FORMATS = ("json", "md", "html")


def template_folder() -> Path:
    """Where the templates are: ``$KAMERBRIEF_TEMPLATES``; else inside the installed package, where
    a wheel ships them (``pipeline/templates``); else the checkout's top-level ``templates/``, the one
    folder they are edited in (an editable install, a test run from the repository)."""
    if configured := os.environ.get("KAMERBRIEF_TEMPLATES"):
        return Path(configured)
    package = Path(__file__).resolve().parent
    shipped = package / "templates"
    return shipped if shipped.is_dir() else package.parent / "templates"


TEMPLATES = template_folder()
SAFE_SCHEMES = ("http://", "https://", "mailto:")

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
_ISO_DATE = regex.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_REFERENCE = regex.compile(rf"{patterns.FOOTNOTE_REFERENCE.pattern}|\[\d{{1,2}}\]")
PREVIEW_WORDS = 12
"""How many words of a question the table of contents shows."""
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
_HTML_TOKENS = regex.compile(
    rf"{patterns.FOOTNOTE_REFERENCE.pattern}|\[(?P<note>\d{{1,2}})\]|{patterns.URL.pattern}",
    regex.IGNORECASE | regex.VERBOSE,
)


@dataclass(frozen=True)
class QuestionAndAnswer:
    """Questions as printed together, followed by the answer they share (if any)."""

    questions: tuple[Question, ...]
    answer: Answer | None


def pair_questions(document: Document) -> list[QuestionAndAnswer]:
    """Put each answer after the questions it answers; unanswered questions stand alone."""
    answered = {number for answer in document.answers for number in answer.questions}
    by_number = {question.number: question for question in document.questions}
    items: list[QuestionAndAnswer] = []
    placed: set[int] = set()
    for answer in document.answers:
        group = tuple(by_number[n] for n in answer.questions if n in by_number and n not in placed)
        placed.update(question.number for question in group)
        items.append(QuestionAndAnswer(group, answer))
    items.extend(
        QuestionAndAnswer((question,), None) for question in document.questions if question.number not in answered
    )
    return sorted(items, key=lambda item: min((q.number for q in item.questions), default=0))


def document_data(document: Document) -> dict[str, Any]:
    """The document as JSON data, keys in a fixed order (the order of the model's fields)."""
    metadata = document.metadata
    return {
        "schema_version": document.schema_version,
        "source": {"name": document.source.name, "sha256": document.source.sha256},
        "kind": document.kind,
        "page_count": document.page_count,
        "metadata": {
            "kenmerk": metadata.kenmerk,
            "submitted": metadata.submitted,
            "received": metadata.received,
            "date": metadata.date,
            "subject": metadata.subject,
            "questioners": [{"name": q.name, "party": q.party} for q in metadata.questioners],
            "on_behalf_of": list(metadata.on_behalf_of),
            "signatories": [{"role": s.role, "name": s.name} for s in metadata.signatories],
            "answered_by": metadata.answered_by,
            "aanhangsel_number": metadata.aanhangsel_number,
            "vergaderjaar": metadata.vergaderjaar,
            "reference": metadata.reference,
            "evidence": [
                {"field": e.field, "source": e.source, "page": e.page, "text": e.text} for e in metadata.evidence
            ],
        },
        "body": [{"kind": b.kind, "text": b.text, "page": b.page} for b in document.body],
        "questions": [
            {"number": q.number, "label": q.label, "text": q.text, "page": q.page} for q in document.questions
        ],
        "answers": [
            {"questions": list(a.questions), "label": a.label, "paragraphs": list(a.paragraphs), "page": a.page}
            for a in document.answers
        ],
        "footnotes": [
            {"number": f.number, "text": f.text, "urls": list(f.urls), "page": f.page} for f in document.footnotes
        ],
        "notes": [{"label": n.label, "text": n.text, "urls": list(n.urls), "page": n.page} for n in document.notes],
        "links": [link_data(link) for link in document.links],
        "warnings": [{"code": w.code, "message": w.message, "page": w.page} for w in document.warnings],
        "removed": [{"kind": r.kind, "page": r.page, "text": r.text} for r in document.removed],
        "corrections": [{"kind": c.kind, "target": c.target, "count": c.count} for c in document.corrections],
    }


def dutch_date(iso: str) -> str:
    """An ISO date as people write it in Dutch; anything else as it is.

    >>> dutch_date("2023-02-22"), dutch_date("2023-03-01"), dutch_date("")
    ('22 februari 2023', '1 maart 2023', '')
    """
    match = _ISO_DATE.fullmatch(iso)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return iso
    return f"{int(match['day'])} {MONTHS[int(match['month']) - 1]} {match['year']}"


def first_words(text: str, count: int = PREVIEW_WORDS) -> str:
    """The first words of a text without its footnote and note references, "…" when cut.

    >>> first_words("Bent u bekend met het bericht[^1] over AI[2]?", 5)
    'Bent u bekend met het …'
    >>> first_words("Klopt dit[^3]?")
    'Klopt dit?'
    """
    words = _REFERENCE.sub("", text).split()
    return " ".join(words) if len(words) <= count else " ".join(words[:count]) + " …"


def yaml_value(value: Any) -> str:
    """A value for YAML front matter: JSON on one line, which YAML 1.2 reads as the same value.

    >>> print(yaml_value('Vragen over "AI"'), yaml_value([{"name": "Kops", "party": "PVV"}]))
    "Vragen over \\"AI\\"" [{"name": "Kops", "party": "PVV"}]
    """
    return json.dumps(value, ensure_ascii=False)


def link_data(link: Link) -> dict[str, Any]:
    return {"uri": link.uri, "page": link.page, "text": link.covered_text}


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


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


def markdown_url(url: str) -> str:
    """A URL as a Markdown autolink if it may be a link, else as escaped text."""
    if safe_href(url) is None or regex.search(r"[\s<>\x00-\x1f\x7f]", url):
        return markdown_text(url)
    return f"<{url}>"


def safe_href(url: str) -> str | None:
    """The URL if it may become a link (http, https, mailto); None for anything else.

    >>> safe_href("javascript:alert(1)") is None
    True
    """
    return url if url.strip().lower().startswith(SAFE_SCHEMES) else None


class HtmlText:
    """Turns letter text into safe HTML: escaped, with footnote references and URLs as links.

    One instance per page rendered, so that repeated references to a footnote get distinct ids
    (``fnref-3-1``, ``fnref-3-2``) and each footnote can link back to its first reference.
    """

    def __init__(self, footnotes: set[int], notes: frozenset[str] | set[str] = frozenset()) -> None:
        self.footnotes = footnotes
        self.notes = notes
        self.counts: dict[int, int] = {}

    def __call__(self, text: str) -> Markup:
        pieces: list[str] = []
        position = 0
        for match in _HTML_TOKENS.finditer(text):
            pieces.append(html.escape(text[position : match.start()]))
            if match["number"]:
                pieces.append(self.reference(match))
            elif match["note"]:
                pieces.append(self.note(match))
            else:
                pieces.append(self.link(match.group()))
            position = match.end()
        pieces.append(html.escape(text[position:]))
        return Markup("".join(pieces))

    def reference(self, match: regex.Match[str]) -> str:
        number = int(match["number"])
        if number not in self.footnotes:
            return html.escape(match.group())
        count = self.counts[number] = self.counts.get(number, 0) + 1
        return (
            f'<sup><a class="footnote-ref" id="fnref-{number}-{count}" href="#fn-{number}" '
            f'aria-label="Voetnoot {number}">{number}</a></sup>'
        )

    def note(self, match: regex.Match[str]) -> str:
        label = match["note"]
        if label not in self.notes:
            return html.escape(match.group())
        return f'<a class="note-ref" href="#noot-{label}" aria-label="Noot {label}">[{label}]</a>'

    def link(self, url: str) -> str:

        href = safe_href(normalise_url(url))
        if href is None:
            return html.escape(url)
        return f'<a href="{html.escape(href)}" rel="noopener noreferrer">{html.escape(url)}</a>'

    def referenced(self, number: int) -> bool:
        return number in self.counts


def link(url: str) -> Markup:
    """A URL as a safe link, or as plain text if its scheme is not allowed."""
    href = safe_href(url)
    if href is None:
        return Markup(html.escape(url))
    return Markup(f'<a href="{html.escape(href)}" rel="noopener noreferrer">{html.escape(url)}</a>')


@cache
def environment() -> jinja2.Environment:
    """The one Jinja environment: strict about missing fields, escaping HTML, tidy blocks."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["json"] = to_json
    env.filters["md"] = markdown_text
    env.filters["md_url"] = markdown_url
    env.filters["link"] = link
    env.filters["dutch_date"] = dutch_date
    env.filters["first_words"] = first_words
    env.filters["yaml"] = yaml_value
    return env


def render(document: Document, output_format: str) -> str:
    """Render a document to one of FORMATS."""
    template = environment().get_template(f"document.{output_format}.j2")
    context: dict[str, Callable[..., Any] | Any] = {
        "document": document,
        "data": document_data(document),
        "pairs": pair_questions(document),
        "title": title(document),
        "unreferenced": unreferenced_footnotes(document),
    }
    if output_format == "html":
        context["text"] = HtmlText(
            {footnote.number for footnote in document.footnotes}, {note.label for note in document.notes}
        )
    return template.render(**context)


def unreferenced_footnotes(document: Document) -> list[int]:
    """Footnotes no text refers to: listed so that Markdown viewers still show them."""
    texts = [block.text for block in document.body] + [question.text for question in document.questions]
    texts += [paragraph for answer in document.answers for paragraph in answer.paragraphs]
    texts += [note.text for note in document.notes] + [footnote.text for footnote in document.footnotes]
    referenced = {int(match["number"]) for text in texts for match in patterns.FOOTNOTE_REFERENCE.finditer(text)}
    return [footnote.number for footnote in document.footnotes if footnote.number not in referenced]


def title(document: Document) -> str:
    """A title for the letter: its subject, else its kenmerk, else its file name."""
    subject = document.metadata.subject
    if subject:
        prefix = (
            "Antwoorden op Kamervragen over "
            if document.kind == "antwoorden" and "vragen" not in subject.lower()
            else ""
        )
        return prefix + subject
    return document.metadata.kenmerk or Path(document.source.name).stem
