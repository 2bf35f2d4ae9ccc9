"""Rendering: one document model through the Jinja2 templates to JSON, Markdown and HTML."""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
import regex
from markupsafe import Markup

from pipeline.hyphenate import soft_hyphens
from pipeline.model import (
    Answer,
    Block,
    Document,
    FootnoteRef,
    Lifecycle,
    Link,
    NoteRef,
    Official,
    Paragraph,
    Question,
    ReferencePart,
    TextPart,
    UrlPart,
)

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
    data = {
        "schema_version": document.schema_version,
        "source": {"name": document.source.name, "sha256": document.source.sha256, "format": document.source.format},
        "kind": document.kind,
        "page_count": document.page_count,
        "metadata": {
            "kenmerk": metadata.kenmerk,
            "submitted": metadata.submitted,
            "received": metadata.received,
            "date": metadata.date,
            "subject": metadata.subject,
            "questioners": [{"name": q.name, "party": q.party, "kind": q.kind} for q in metadata.questioners],
            "on_behalf_of": list(metadata.on_behalf_of),
            "signatories": [{"role": s.role, "name": s.name} for s in metadata.signatories],
            "answered_by": metadata.answered_by,
            "aanhangsel_number": metadata.aanhangsel_number,
            "vergaderjaar": metadata.vergaderjaar,
            "reference": metadata.reference,
            "kenmerk_url": metadata.kenmerk_url,
            "aanhangsel_url": metadata.aanhangsel_url,
            "evidence": [
                {"field": e.field, "source": e.source, "page": e.page, "text": e.text} for e in metadata.evidence
            ],
        },
        "lifecycle": lifecycle_data(document.lifecycle),
        "body": [block_data(block) for block in document.body],
        "questions": [
            {"number": q.number, "number_printed": q.number_printed, "label": q.label, "text": q.text, "page": q.page}
            for q in document.questions
        ],
        "answers": [
            {
                "questions": list(a.questions),
                "label": a.label,
                "paragraphs": list(a.paragraphs),
                "blocks": [block_data(block) for block in a.blocks],
                "page": a.page,
            }
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
        "references": [
            {
                "type": r.type,
                "identifier": r.identifier,
                "printed": r.printed,
                "url": r.url,
                "where": r.where,
                "page": r.page,
            }
            for r in document.references
        ],
    }
    located: dict[str, Any] = with_positions(data, paginated=document.source.format != "docx")
    return located


def with_positions(data: Any, paginated: bool) -> Any:
    """Beside every "page", the "paragraph": a PDF or text has pages and no paragraph positions;
    a Word file has no pages (its page count is null too), and its positions are paragraphs.

    >>> with_positions({"page_count": 1, "questions": [{"page": 12}]}, paginated=False)
    {'page_count': None, 'questions': [{'page': None, 'paragraph': 12}]}
    """
    if isinstance(data, list):
        return [with_positions(item, paginated) for item in data]
    if not isinstance(data, dict):
        return data
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key == "page":
            result["page"] = value if paginated else None
            result["paragraph"] = None if paginated else (value or None)
        elif key == "page_count":
            result[key] = value if paginated else None
        else:
            result[key] = with_positions(value, paginated)
    return result


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


def official_data(official: Official) -> dict[str, str]:
    """A minister or state secretary as JSON data: as printed, and normalised."""
    return {
        "printed": official.printed,
        "role": official.role,
        "portfolio": official.portfolio,
        "person": official.person,
        "ministry": official.ministry,
        "ministry_name": official.ministry_name,
    }


def lifecycle_data(lifecycle: Lifecycle) -> dict[str, Any]:
    """Who asked, who answered and when, as JSON data."""
    return {
        "stage": lifecycle.stage,
        "zaak": lifecycle.zaak,
        "questioners": [{"name": m.name, "party": m.party, "printed": m.printed} for m in lifecycle.questioners],
        "committee": lifecycle.committee,
        "addressed": [official_data(official) for official in lifecycle.addressed],
        "answered_by": [official_data(official) for official in lifecycle.answered_by],
        "on_behalf_of": [official_data(official) for official in lifecycle.on_behalf_of],
        "ministry": lifecycle.ministry,
        "ministry_printed": lifecycle.ministry_printed,
        "date": lifecycle.date,
        "submitted": lifecycle.submitted,
        "submitted_printed": lifecycle.submitted_printed,
        "answered": lifecycle.answered,
        "days": lifecycle.days,
        "late": lifecycle.late,
        "delay_reason": lifecycle.delay_reason,
        "expected": lifecycle.expected,
        "expected_printed": lifecycle.expected_printed,
    }


def block_data(block: Block) -> dict[str, Any]:
    """A heading, paragraph or list as JSON data; a list's items as texts, each without its bullet."""
    items = block.text.split("\n") if block.kind == "list" else []
    rows = [row.split("\t") for row in block.text.split("\n")] if block.kind == "table" else []
    return {
        "kind": block.kind,
        "text": block.text,
        "page": block.page,
        "items": items,
        "ordered": block.ordered,
        "rows": rows,
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


def first_words(parts: Paragraph, count: int = PREVIEW_WORDS) -> str:
    """The first words of a text without its footnote and note references, "…" when cut.

    >>> first_words((TextPart("Bent u bekend met het bericht"), FootnoteRef(1), TextPart(" over AI")), 5)
    'Bent u bekend met het …'
    >>> first_words((TextPart("Klopt dit"), FootnoteRef(3), TextPart("?")))
    'Klopt dit?'
    """
    words = plain_text(parts).split()
    return " ".join(words) if len(words) <= count else " ".join(words[:count]) + " …"


def plain_text(parts: Paragraph) -> str:
    """The words of inline parts, without footnote and note references."""
    return "".join(
        part.text if isinstance(part, TextPart) else part.printed
        for part in parts
        if isinstance(part, (TextPart, UrlPart, ReferencePart))
    )


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
            pieces.append(f"[{label}](<{href}>)" if safe_href(href) and not regex.search(r"[\s<>]", href) else label)
    return "".join(pieces)


def _markdown_piece(text: str, first: bool, last: bool) -> str:
    """A piece of a paragraph escaped: only the paragraph's start may open a block, and only its
    ends lose white space."""
    escaped = markdown_text(("" if first else "x") + text + ("" if last else "x"))
    return escaped[(0 if first else 1) : (None if last else -1)]


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

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}

    def __call__(self, parts: Paragraph) -> Markup:
        pieces: list[str] = []
        for part in parts:
            if isinstance(part, TextPart):
                pieces.append(html.escape(soft_hyphens(part.text)))
            elif isinstance(part, FootnoteRef):
                pieces.append(self.reference(part.number))
            elif isinstance(part, NoteRef):
                pieces.append(
                    f'<a class="note-ref" href="#noot-{part.label}" aria-label="Noot {part.label}">[{part.label}]</a>'
                )
            elif isinstance(part, UrlPart):
                pieces.append(str(link(part.href, part.printed)))
            else:
                pieces.append(
                    f'<a class="reference" href="{html.escape(part.url)}" rel="noopener noreferrer" '
                    f'data-type="{html.escape(part.type)}" title="{html.escape(part.identifier)}">'
                    f"{html.escape(part.printed)}</a>"
                )
        return Markup("".join(pieces))

    def reference(self, number: int) -> str:
        count = self.counts[number] = self.counts.get(number, 0) + 1
        return (
            f'<sup><a class="footnote-ref" id="fnref-{number}-{count}" href="#fn-{number}" '
            f'aria-label="Voetnoot {number}">{number}</a></sup>'
        )

    def referenced(self, number: int) -> bool:
        return number in self.counts


def link(url: str, printed: str | None = None) -> Markup:
    """A URL as a safe link, or as plain text if its scheme is not allowed."""
    href = safe_href(url)
    shown = url if printed is None else printed
    if href is None:
        return Markup(html.escape(shown))
    return Markup(f'<a href="{html.escape(href)}" rel="noopener noreferrer">{html.escape(shown)}</a>')


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
    env.filters["link"] = link
    env.filters["dutch_date"] = dutch_date
    env.filters["first_words"] = first_words
    env.filters["yaml"] = yaml_value
    env.filters["hyphenate"] = soft_hyphens
    return env


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
    }
    if output_format == "html":
        context.update(page_context(document, data))
    return template.render(**context)


def page_context(document: Document, data: dict[str, Any]) -> dict[str, Any]:
    """What only the HTML page needs: its text renderer, how many questions are answered, and
    where the letter is published."""
    published = document.metadata.aanhangsel_url
    return {
        "text": HtmlText(),
        "answered": answered_questions(data),
        # officielebekendmakingen serves each publication as .html and as the printed .pdf.
        "official_pdf": published.removesuffix(".html") + ".pdf" if published.endswith(".html") else "",
    }


def unreferenced_footnotes(document: Document) -> list[int]:
    """Footnotes no text refers to: listed so that Markdown viewers still show them."""
    paragraphs: list[Paragraph] = [question.parts for question in document.questions]
    for block in (*document.body, *(block for answer in document.answers for block in answer.blocks)):
        paragraphs.extend(block.paragraphs)
    paragraphs += [note.parts for note in document.notes] + [footnote.parts for footnote in document.footnotes]
    referenced = {part.number for parts in paragraphs for part in parts if isinstance(part, FootnoteRef)}
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
