"""Checks: the invariants every finished document must keep, each failure a warning with its page.

Run on every output, so that a letter the program read wrong says so instead of looking fine:
footnote markers resolve and every footnote is referenced, footnote numbers run without gaps,
no raised digit or unmapped glyph is left in the text, every URL is a web address, and every
note the questions refer to exists.
"""

from __future__ import annotations

import regex

from pipeline import patterns
from pipeline.model import Document, DocumentWarning, FootnoteRef, Span, plain
from pipeline.urls import is_plausible

_STRAY_SUPERSCRIPT = regex.compile(r"(?<!\b(?:c|d|k|m|km|cm|mm|dm)\s?)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
"""A raised digit left in the text: a footnote marker that found no footnote (m², km³ are units)."""
_UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")


def check_document(document: Document) -> list[DocumentWarning]:
    """The invariants of a finished document, as warnings; none when all hold."""
    return [
        *check_footnotes(document),
        *check_glyphs(document),
        *check_urls(document),
        *check_notes(document),
    ]


def check_footnotes(document: Document) -> list[DocumentWarning]:
    """Every marker resolves, every footnote is referenced, and the numbers run without gaps."""
    warnings: list[DocumentWarning] = []
    defined = {footnote.number: footnote for footnote in document.footnotes}
    referenced: dict[int, Span] = {}
    for _, span, paragraph in document.paragraphs():
        for part in paragraph:
            if isinstance(part, FootnoteRef):
                referenced.setdefault(part.number, span)
    for number, span in sorted(referenced.items()):
        if number not in defined:
            message = f"the text refers to footnote {number}, which was not found"
            warnings.append(DocumentWarning.at("footnote-missing", message, span))
    for number, footnote in sorted(defined.items()):
        if number not in referenced:
            message = f"footnote {number} is defined but no reference to it was found"
            warnings.append(DocumentWarning.at("unreferenced-footnote", message, footnote.span))
    numbers = sorted(defined)
    if numbers:
        missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        if missing:
            after = next(footnote for footnote in document.footnotes if footnote.number > missing[0])
            listed = ", ".join(map(str, missing))
            warnings.append(DocumentWarning.at("footnote-gap", f"footnote numbers skip {listed}", after.span))
    return warnings


def check_glyphs(document: Document) -> list[DocumentWarning]:
    """No raised digit and no glyph the PDF could not map to a character is left in any text."""
    warnings: list[DocumentWarning] = []
    for _, span, paragraph in document.paragraphs():
        text = plain(paragraph)
        for pattern, what in ((_STRAY_SUPERSCRIPT, "a raised number"), (_UNMAPPED_GLYPH, "a glyph with no character")):
            match = pattern.search(text)
            if match:
                context = text[max(0, match.start() - 30) : match.end() + 10]
                warnings.append(DocumentWarning.at("stray-glyph", f"{what} is left in the text: …{context}…", span))
    return warnings


def check_urls(document: Document) -> list[DocumentWarning]:
    """Every URL of a footnote or note is a web or mail address with a host that has a dot."""
    warnings: list[DocumentWarning] = []
    for label, urls, span in [
        *((f"footnote {f.number}", f.urls, f.span) for f in document.footnotes),
        *((f"note [{n.label}]", n.urls, n.span) for n in document.notes),
    ]:
        for url in urls:
            if not is_plausible(url):
                message = f"{label}: {url!r} does not read as a web address"
                warnings.append(DocumentWarning.at("bad-url", message, span))
    return warnings


def check_notes(document: Document) -> list[DocumentWarning]:
    """Every note the questions refer to ("[2]", "2)") exists, where the letter has notes at all."""
    labels = {note.label for note in document.notes}
    if not labels:
        return []
    warnings: list[DocumentWarning] = []
    seen: set[str] = set()
    for question in document.questions:
        text = plain(question.parts)
        for match in patterns.NOTE_REFERENCE.finditer(text):
            label = match["label"]
            before = text[: match.start()]
            if not match.group().startswith("[") and before.rfind("(") > before.rfind(")"):
                continue  # "(artikel 3)" closes a parenthesis; it refers to no note
            if label not in labels and label not in seen:
                seen.add(label)
                message = f"question {question.number} refers to note {label}, which was not found"
                warnings.append(DocumentWarning.at("note-missing", message, question.span))
    return warnings
