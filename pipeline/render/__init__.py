"""Rendering: one document model through the Jinja2 templates to JSON, Markdown and HTML."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2

from pipeline.dates import dutch_date
from pipeline.hyphenate import soft_hyphens
from pipeline.model import (
    Answer,
    Document,
    DocumentWarning,
    Paragraph,
    Question,
    Reference,
    Text,
    Url,
    footnotes_referred,
)
from pipeline.render.data import document_data, text, to_json
from pipeline.render.html import HtmlText, link
from pipeline.render.markdown import (
    footnote_reference,
    markdown_parts,
    markdown_text,
    markdown_url,
    yaml_date,
    yaml_value,
)

__all__ = ["FORMATS", "TEMPLATES", "document_data", "environment", "markdown_text", "render", "to_json"]

FORMATS = ("json", "md", "html")


def template_folder() -> Path:
    """Where the templates are: ``$KAMERBRIEF_TEMPLATES``; else inside the installed package, where
    a wheel ships them (``pipeline/templates``); else the checkout's top-level ``templates/``, the one
    folder they are edited in (an editable install, a test run from the repository)."""
    if configured := os.environ.get("KAMERBRIEF_TEMPLATES"):
        return Path(configured)
    package = Path(__file__).resolve().parent.parent
    shipped = package / "templates"
    return shipped if shipped.is_dir() else package.parent / "templates"


TEMPLATES = template_folder()

PREVIEW_WORDS = 12
"""How many words of a question the table of contents shows."""


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


def first_words(parts: Paragraph, count: int = PREVIEW_WORDS) -> str:
    """The first words of a text without its footnote and note references, "…" when cut.

    >>> from pipeline.model import FootnoteRef
    >>> first_words((Text("Bent u bekend met het bericht"), FootnoteRef(1), Text(" over AI")), 5)
    'Bent u bekend met het …'
    >>> first_words((Text("Klopt dit"), FootnoteRef(3), Text("?")))
    'Klopt dit?'
    """
    words = plain_text(parts).split()
    return " ".join(words) if len(words) <= count else " ".join(words[:count]) + " …"


def plain_text(parts: Paragraph) -> str:
    """The words of inline parts, without footnote and note references."""
    return "".join(
        part.text if isinstance(part, Text) else part.printed
        for part in parts
        if isinstance(part, (Text, Url, Reference))
    )


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
    env.filters["md_parts"] = markdown_parts
    env.filters["md_url"] = markdown_url
    env.filters["md_footnote"] = footnote_reference
    env.filters["link"] = link
    env.filters["dutch_date"] = dutch_date
    env.filters["first_words"] = first_words
    env.filters["yaml"] = yaml_value
    env.filters["yaml_date"] = yaml_date
    env.filters["unprinted"] = unprinted
    env.filters["hyphenate"] = soft_hyphens
    return env


def place(document: Document, page: int | None) -> str:
    """Where something stands, for a reader: "pagina 3", or "alinea 57" in a Word file; "" if unknown.

    >>> from pipeline.model import Metadata, Source
    >>> place(Document(Source("x.docx", "", "docx"), "unknown", 1, Metadata(), (), (), (), (), (), ()), 57)
    'alinea 57'
    """
    if not page:
        return ""
    return f"alinea {page}" if document.source.format == "docx" else f"pagina {page}"


def answered_questions(data: dict[str, Any]) -> int:
    """How many questions of a document's JSON data have an answer: one answer may answer several
    ("Antwoord op vraag 3 en 4"), so this is not the number of answers."""
    answered = {number for answer in data["answers"] for number in answer["questions"]}
    return sum(1 for question in data["questions"] if question["number"] in answered)


def render(document: Document, output_format: str) -> str:
    """Render a document to one of FORMATS."""
    template = environment().get_template(f"document.{output_format}.j2")
    data = document_data(document)
    context: dict[str, Callable[..., Any] | Any] = {
        "document": document,
        "data": data,
        "pairs": pair_questions(document),
        "title": title(document),
        "unreferenced": unreferenced_footnotes(document),
        "place": partial(place, document),
        "where": partial(where, document),
    }
    if output_format == "html":
        context.update(page_context(document, data))
    return template.render(**context)


def page_context(document: Document, data: dict[str, Any]) -> dict[str, Any]:
    """What only the HTML page needs: its text renderer, how many questions are answered, and
    where the letter is published."""
    published = document.metadata.aanhangsel_url
    return {
        "text": HtmlText(frozenset(footnote.number for footnote in document.footnotes)),
        "answered": answered_questions(data),
        # officielebekendmakingen serves each publication as .html and as the printed .pdf.
        "official_pdf": published.removesuffix(".html") + ".pdf" if published.endswith(".html") else "",
    }


def where(document: Document, warning: DocumentWarning) -> str:
    """Where a warning is, as a Dutch reader looks it up: "pagina 3, regels 12–14" (in a Word file,
    which has no pages or lines: "alinea 57").

    >>> from pipeline.model import Metadata, Source, Span
    >>> letter = Document(Source("x.pdf", ""), "unknown", 1, Metadata(), (), (), (), (), (), ())
    >>> where(letter, DocumentWarning.at("x", "y", Span(3, (12, 14)))), where(letter, DocumentWarning("x", "y", 3))
    ('pagina 3, regels 12–14', 'pagina 3')
    >>> where(letter, DocumentWarning.at("x", "y", Span(3, (40, 2), 4)))
    'pagina 3, regel 40 tot pagina 4, regel 2'
    """
    span = warning.span
    if span is None or not span.lines[0] or document.source.format == "docx":
        return place(document, warning.page)
    first, last = span.lines
    if span.last_page > span.page:
        return f"pagina {span.page}, regel {first} tot pagina {span.last_page}, regel {last}"
    return f"pagina {span.page}, " + (f"regel {first}" if last <= first else f"regels {first}–{last}")


def unprinted(urls: tuple[str, ...], parts: Paragraph) -> list[str]:
    """The URLs of a footnote or note that its text does not print (they came from a link)."""
    printed = text(parts)
    return [url for url in urls if url not in printed]


def unreferenced_footnotes(document: Document) -> list[int]:
    """Footnotes no text refers to: listed so that Markdown viewers still show them."""
    referenced = {number for _, _, paragraph in document.paragraphs() for number in footnotes_referred(paragraph)}
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
