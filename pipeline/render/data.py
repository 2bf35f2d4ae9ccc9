"""The JSON projection: the document as JSON data, written from the model in one place."""

from __future__ import annotations

import json
from typing import Any

from pipeline.model import Block, Document, Link


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
            "kenmerk_url": metadata.kenmerk_url,
            "aanhangsel_url": metadata.aanhangsel_url,
            "evidence": [
                {"field": e.field, "source": e.source, "page": e.page, "text": e.text} for e in metadata.evidence
            ],
        },
        "body": [block_data(block) for block in document.body],
        "questions": [
            {"number": q.number, "label": q.label, "text": q.text, "page": q.page} for q in document.questions
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


def link_data(link: Link) -> dict[str, Any]:
    return {"uri": link.uri, "page": link.page, "text": link.covered_text}


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
