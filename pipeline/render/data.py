"""The JSON projection: the document as JSON data, written from the model in one place."""

from __future__ import annotations

import json
from typing import Any

import regex

from pipeline.model import (
    Answer,
    Block,
    Document,
    FootnoteRef,
    Heading,
    Lifecycle,
    Link,
    ListBlock,
    Metadata,
    NoteRef,
    Official,
    Para,
    Paragraph,
    Reference,
    Table,
    Text,
    Url,
)


def document_data(document: Document) -> dict[str, Any]:
    """The document as JSON data, keys in a fixed order (the order of the model's fields)."""
    data = {
        "schema_version": document.schema_version,
        "source": {"name": document.source.name, "sha256": document.source.sha256, "format": document.source.format},
        "kind": document.kind,
        "page_count": document.page_count,
        "metadata": metadata_data(document.metadata),
        "lifecycle": lifecycle_data(document.lifecycle),
        "body": [block_data(block) for block in document.body],
        "questions": [
            {
                "number": q.number,
                "number_printed": q.number_printed,
                "label": q.label,
                "text": text(q.parts),
                "page": q.page,
            }
            for q in document.questions
        ],
        "answers": [
            {
                "questions": list(a.questions),
                "label": a.label,
                "paragraphs": answer_paragraphs(a),
                "blocks": [block_data(block) for block in a.blocks],
                "page": a.page,
            }
            for a in document.answers
        ],
        "footnotes": [
            {"number": f.number, "text": text(f.parts), "urls": list(f.urls), "page": f.page}
            for f in document.footnotes
        ],
        "notes": [
            {"label": n.label, "text": text(n.parts), "urls": list(n.urls), "page": n.page} for n in document.notes
        ],
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


def metadata_data(metadata: Metadata) -> dict[str, Any]:
    """What the letter says about itself, as JSON data, with where each field was read."""
    return {
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
        "evidence": [{"field": e.field, "source": e.source, "page": e.page, "text": e.text} for e in metadata.evidence],
    }


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
    """A heading, paragraph, list or table as JSON data: its text, a list's items (each without its
    bullet), a table's rows of cells; for a list its items one per line, for a table its rows one
    per line with their cells apart by tabs."""
    items = [text(item.parts) for item in block.items] if isinstance(block, ListBlock) else []
    rows = [[text(cell) for cell in row] for row in block.rows] if isinstance(block, Table) else []
    whole = "\n".join(items) if isinstance(block, ListBlock) else _texts(block)[0]
    return {
        "kind": block.kind,
        "text": whole,
        "page": block.span.page,
        "items": items,
        "ordered": isinstance(block, ListBlock) and block.ordered,
        "rows": rows,
    }


def answer_paragraphs(answer: Answer) -> list[str]:
    """An answer's paragraphs as texts: each list item a paragraph, with its bullet or number."""
    return [paragraph for block in answer.blocks for paragraph in _texts(block)]


def _texts(block: Block) -> list[str]:
    """A block's paragraphs as texts: a list's items with their markers, a table as one text of
    rows, its cells apart by tabs."""
    match block:
        case Heading() | Para():
            return [text(block.parts)]
        case ListBlock():
            return [item.marker + text(item.parts) for item in block.items]
        case Table():
            return ["\n".join("\t".join(text(cell) for cell in row) for row in block.rows)]


_PRINTED_CARET = regex.compile(r"\[(?=\\*\^)")
"""A "[" the letter prints before a "^" (after any backslashes)."""


def text(paragraph: Paragraph) -> str:
    r"""A paragraph as JSON text: the one place where a footnote reference is written ``[^N]``.

    A "[^" the letter prints itself is written "[\^" (a backslash after the "[", one more before
    any the letter prints there), so that it never reads as a footnote reference; a reader takes
    that one backslash away to have the letter's text (``as_printed``). What the letter prints
    between two footnote references is escaped as one text, so that a "[" and a "^" in two parts
    next to each other (two texts, a text and an address) are escaped too.

    A note reference is written as printed ("[1]", "1)"); where the letter prints that note's text as
    a footnote, the footnote's reference follows it ("1)[^2]").

    >>> text((Text("Zie"), FootnoteRef(2), Text(" en "), NoteRef("1"), Text(" "), NoteRef("3", "3)", footnote=4)))
    'Zie[^2] en [1] 3)[^4]'
    >>> print(text((Text("printed [^1] and [\\^2]"), FootnoteRef(1))))
    printed [\^1] and [\\^2][^1]
    >>> print(text((Text("a ["), Text("^1]"))))
    a [\^1]
    """
    written: list[str] = []
    printed: list[str] = []
    for part in paragraph:
        if not isinstance(part, FootnoteRef):
            printed.append(_printed(part))
        # A note whose text the letter prints as a footnote carries that footnote's reference.
        footnote = part.number if isinstance(part, FootnoteRef) else part.footnote if isinstance(part, NoteRef) else 0
        if footnote:
            written += [_PRINTED_CARET.sub("[\\\\", "".join(printed)), f"[^{footnote}]"]
            printed = []
    return "".join([*written, _PRINTED_CARET.sub("[\\\\", "".join(printed))])


def _printed(part: Text | NoteRef | Url | Reference) -> str:
    match part:
        case Text():
            return part.text
        case NoteRef():
            return part.shown
        case Url() | Reference():
            return part.printed


_WRITTEN = regex.compile(r"\[(?:\^(?P<number>\d+)\]|\\(?=\\*\^))")
"""What ``text`` writes besides the letter's text: a footnote reference, or the backslash before a
"^" the letter prints after a "["."""


def as_printed(written: str) -> tuple[str, tuple[int, ...]]:
    r"""A text of the JSON read back: the letter's text without its footnote references, and the
    footnotes it refers to, in order, each once (the inverse of ``text``, for readers of the JSON).

    >>> as_printed("Zie[^3] en[^1], weer[^3].")
    ('Zie en, weer.', (3, 1))
    >>> print(as_printed(r"printed [\^1] and [\\^2][^1]")[0])
    printed [^1] and [\^2]
    """
    numbers: dict[int, None] = {}

    def unwritten(match: regex.Match[str]) -> str:
        if match["number"] is None:
            return "["
        numbers.setdefault(int(match["number"]), None)
        return ""

    return _WRITTEN.sub(unwritten, written), tuple(numbers)


def link_data(link: Link) -> dict[str, Any]:
    return {"uri": link.uri, "page": link.page, "text": link.covered_text}


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
