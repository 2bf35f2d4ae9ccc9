"""Checks: the invariants every finished document must keep, each failure a warning with its page.

Run on every output, so that a letter the program read wrong says so instead of looking fine:
footnote markers resolve and every footnote is referenced, footnote numbers run without gaps,
no raised digit or unmapped glyph is left in the text, every URL is a web address, every note
the questions refer to exists and every note is referred to; and the reading is plausible: no
paragraph of a committee that asks is left outside the questions, and no answer is far longer
than the others while it asks questions itself.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from urllib.parse import urlsplit

import regex

from pipeline import patterns
from pipeline.model import Document, DocumentWarning

_STRAY_SUPERSCRIPT = regex.compile(r"(?<!\b(?:c|d|k|m|km|cm|mm|dm)\s?)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
"""A raised digit left in the text: a footnote marker that found no footnote (m², km³ are units)."""
_UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")
_NOTE_REFERENCE = regex.compile(r"\[(?P<label>\d{1,2})\]|(?<![\d(/-])(?P<label>\d{1,2})\)")
"""A note reference: "[2]", "2)", also glued to the word before it ("gedrag2)")."""
_NOTE_AFTER_SENTENCE = regex.compile(r"(?<=[?!.’”\"»)]\s?)(?P<label>\d{1,2})\)")
"""A note reference where no list item can stand: right after a question mark or a closing
quote ("... tourism’? 1)", "... worden’ 1), waarin")."""
_LONG_ANSWER = 3.0
"""An answer this many times as long as the letter's median answer is suspect if it asks."""
_LONG_ANSWER_WORDS = 150
_ADDRESSES_MINISTER = regex.compile(
    r"\b(?:u|uw|de\s+regering|het\s+kabinet|de\s+minister|de\s+staatssecretaris)\b", regex.IGNORECASE
)
"""A question of parliament asks the minister ("Bent u ...", "Kan de regering ..."); an answer's
rhetorical question ("Is dat voldoende?") does not."""


def texts_of(document: Document) -> Iterator[tuple[str, int | None]]:
    """Every running text of the document with its page: body, questions, answers, footnotes, notes."""
    for block in document.body:
        yield block.text, block.page
    for question in document.questions:
        yield question.text, question.page
    for answer in document.answers:
        for paragraph in answer.paragraphs:
            yield paragraph, answer.page
    for footnote in document.footnotes:
        yield footnote.text, footnote.page
    for note in document.notes:
        yield note.text, note.page


def check_document(document: Document) -> list[DocumentWarning]:
    """The invariants of a finished document, as warnings; none when all hold."""
    return [
        *check_footnotes(document),
        *check_glyphs(document),
        *check_urls(document),
        *check_notes(document),
        *check_unread_questions(document),
        *check_long_answers(document),
    ]


def check_footnotes(document: Document) -> list[DocumentWarning]:
    """Every marker resolves, every footnote is referenced, and the numbers run without gaps."""
    warnings: list[DocumentWarning] = []
    defined = {footnote.number: footnote for footnote in document.footnotes}
    referenced: dict[int, int | None] = {}
    for text, page in texts_of(document):
        for match in patterns.FOOTNOTE_REFERENCE.finditer(text):
            referenced.setdefault(int(match["number"]), page)
    for number, page in sorted(referenced.items()):
        if number not in defined:
            warnings.append(
                DocumentWarning("footnote-missing", f"the text refers to footnote {number}, which was not found", page)
            )
    for number, footnote in sorted(defined.items()):
        if number not in referenced:
            warnings.append(
                DocumentWarning(
                    "unreferenced-footnote",
                    f"footnote {number} is defined but no reference to it was found",
                    footnote.page,
                )
            )
    numbers = sorted(defined)
    if numbers:
        missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        if missing:
            page = next(footnote.page for footnote in document.footnotes if footnote.number > missing[0])
            listed = ", ".join(map(str, missing))
            warnings.append(DocumentWarning("footnote-gap", f"footnote numbers skip {listed}", page))
    return warnings


def check_glyphs(document: Document) -> list[DocumentWarning]:
    """No raised digit and no glyph the PDF could not map to a character is left in any text."""
    warnings: list[DocumentWarning] = []
    for text, page in texts_of(document):
        for pattern, what in ((_STRAY_SUPERSCRIPT, "a raised number"), (_UNMAPPED_GLYPH, "a glyph with no character")):
            match = pattern.search(text)
            if match:
                context = text[max(0, match.start() - 30) : match.end() + 10]
                warnings.append(DocumentWarning("stray-glyph", f"{what} is left in the text: …{context}…", page))
    return warnings


def check_urls(document: Document) -> list[DocumentWarning]:
    """Every URL of a footnote or note is a web or mail address with a host that has a dot."""
    warnings: list[DocumentWarning] = []
    for label, urls, page in [
        *((f"footnote {f.number}", f.urls, f.page) for f in document.footnotes),
        *((f"note [{n.label}]", n.urls, n.page) for n in document.notes),
    ]:
        for url in urls:
            if not is_plausible_url(url):
                warnings.append(DocumentWarning("bad-url", f"{label}: {url!r} does not read as a web address", page))
    return warnings


def is_plausible_url(url: str) -> bool:
    """True for a URL that parses and has a host with a dot (or is a mail address).

    >>> is_plausible_url("https://www.rijksoverheid.nl/a"), is_plausible_url("https://Discriminatie")
    (True, False)
    """
    if url.startswith("mailto:"):
        return "@" in url
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and "." in host.strip(".") and not regex.search(r"\s", url)


def check_notes(document: Document) -> list[DocumentWarning]:
    """Every note the questions refer to ("[2]", "2)") exists, and every note is referred to.

    In a letter with no notes at all, only a reference that no list item could be counts: one
    right after a question mark or a closing quote ("... tourism’? 2)").
    """
    labels = {note.label for note in document.notes}
    pattern = _NOTE_REFERENCE if labels else _NOTE_AFTER_SENTENCE
    warnings: list[DocumentWarning] = []
    referred: set[str] = set()
    for question in document.questions:
        for match in pattern.finditer(question.text):
            label = match["label"]
            before = question.text[: match.start()]
            if not match.group().startswith("[") and before.rfind("(") > before.rfind(")"):
                continue  # "(artikel 3)" closes a parenthesis; it refers to no note
            if label not in labels and label not in referred:
                warnings.append(
                    DocumentWarning(
                        "note-missing",
                        f"question {question.number} refers to note {label}, which was not found",
                        question.page,
                    )
                )
            referred.add(label)
    for note in document.notes:
        if note.label not in referred:
            warnings.append(
                DocumentWarning(
                    "unreferenced-note",
                    f"note {note.label} is printed but no question refers to it: its reference was lost",
                    note.page,
                )
            )
    return warnings


def check_unread_questions(document: Document) -> list[DocumentWarning]:
    """A committee's paragraph that asks ("De leden van de VVD-fractie vragen ...") outside every
    question: a nota's question the reading missed."""
    asked = [
        (text, page)
        for text, page in [
            *((block.text, block.page) for block in document.body),
            *((paragraph, answer.page) for answer in document.answers for paragraph in answer.paragraphs),
        ]
        if patterns.PARTY_STATEMENT.match(text) and ("?" in text or patterns.COMMITTEE_ASKS.search(text))
    ]
    if not asked:
        return []
    first = asked[0]
    return [
        DocumentWarning(
            "questions-missed",
            f"{len(asked)} paragraph(s) of the committee ask something but are read as no question "
            f"({len(document.questions)} questions were read): {first[0][:80]!r}",
            first[1],
        )
    ]


def reads_as_question(paragraph: str) -> bool:
    """True for a paragraph that reads as a question of parliament, not an answer's rhetorical one:
    it only asks ("Is er onderzoek gedaan naar ...? Zo ja, welke?"), or it asks the minister
    ("... Wat is uw reactie?"), or it is a committee's asking.

    >>> reads_as_question("Is er onderzoek gedaan naar de oorzaken? Zo ja, graag een toelichting.")
    True
    >>> reads_as_question("Het kabinet werkt eraan. Waarom is dat zo belangrijk?")
    False
    """
    sentences = [s.rstrip(' ”’"') for s in regex.split(r"(?<=[.?!])\s+(?=\p{Lu})", paragraph.strip())]
    asks = [sentence.endswith("?") for sentence in sentences]
    only_asks = any(asks) and all(
        ask or patterns.QUESTION_CONTINUATION.match(sentence) for ask, sentence in zip(asks, sentences, strict=True)
    )
    return (
        only_asks
        or (asks[-1] and bool(_ADDRESSES_MINISTER.search(sentences[-1])))
        or bool(patterns.COMMITTEE_ASKS.search(paragraph))
    )


def check_long_answers(document: Document) -> list[DocumentWarning]:
    """An answer far longer than the letter's others that asks questions itself: questions the
    reading missed, run into the answer before them."""
    lengths = [sum(len(paragraph.split()) for paragraph in answer.paragraphs) for answer in document.answers]
    if len(lengths) < 3:
        return []
    median = statistics.median(lengths)
    warnings = []
    for answer, length in zip(document.answers, lengths, strict=True):
        asking = [paragraph for paragraph in answer.paragraphs if reads_as_question(paragraph)]
        if length > max(_LONG_ANSWER * median, _LONG_ANSWER_WORDS) and asking:
            numbers = ("questions " if len(answer.questions) > 1 else "question ") + ", ".join(
                map(str, answer.questions)
            )
            warnings.append(
                DocumentWarning(
                    "answer-holds-questions",
                    f"the answer to {numbers} is {length} words, {length / median:.0f} times the median, "
                    f"and asks: {asking[0][:80]!r}",
                    answer.page,
                )
            )
    return warnings
