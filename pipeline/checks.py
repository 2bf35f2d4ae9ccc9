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

import regex

from pipeline import patterns
from pipeline.model import Answer, Document, DocumentWarning, ListBlock, NoteRef, Span, footnotes_referred, plain
from pipeline.notes import note_references, reads_as_citation
from pipeline.urls import is_plausible

_STRAY_SUPERSCRIPT = regex.compile(r"(?<!\b(?:c|d|k|m|km|cm|mm|dm)\s?)[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
"""A raised digit left in the text: a footnote marker that found no footnote (m², km³ are units)."""
_UNMAPPED_GLYPH = regex.compile(r"\(cid:\d+\)")
_GLUED_NOTE_REFERENCE = regex.compile(r"(?<=\p{L})(?P<label>\d{1,2})\)")
"""A note reference glued to the word before it ("gedrag2)"), as a PDF's text layer gives it."""
_NOTE_AFTER_SENTENCE = regex.compile(r"(?<=[?!.’”\"»)]\s?)(?P<label>\d{1,2})\)")
"""A note reference where no list item can stand: right after a question mark or a closing
quote ("... tourism’? 1)", "... worden’ 1), waarin")."""
_NOTE_IN_QUESTION = regex.compile(r"[?.’”]\s+(?P<note>(?:\[\d{1,2}\]|\d{1,2}\))\s+\p{Lu})")
"""A note's label and the start of its text after a question's sentence: "...? 1) NOS, ..."."""
_TRAILING_NOTES = 8
"""How many last blocks of the last answer may be notes whose references were lost."""
_LONG_ANSWER = 3.0
"""An answer this many times as long as the letter's median answer is suspect if it asks."""
_LONG_ANSWER_WORDS = 150
_ADDRESSES_MINISTER = regex.compile(
    r"\b(?:u|uw|de\s+regering|het\s+kabinet|de\s+minister|de\s+staatssecretaris)\b", regex.IGNORECASE
)
"""A question of parliament asks the minister ("Bent u ...", "Kan de regering ..."); an answer's
rhetorical question ("Is dat voldoende?") does not."""


_THESE_MEMBERS = regex.compile(r"\b(?:deze|de\s+genoemde)\s+leden\b", regex.IGNORECASE)
"""How a committee's report speaks of the members who ask, after its first sentence."""


def check_document(document: Document) -> list[DocumentWarning]:
    """The invariants of a finished document, as warnings; none when all hold."""
    return [
        *check_footnotes(document),
        *check_glyphs(document),
        *check_urls(document),
        *check_notes(document),
        *check_notes_in_text(document),
        *check_unread_questions(document),
        *check_long_answers(document),
        *check_answers_that_ask(document),
    ]


def check_footnotes(document: Document) -> list[DocumentWarning]:
    """Every marker resolves, every footnote is referenced, and the numbers run without gaps."""
    warnings: list[DocumentWarning] = []
    defined = {footnote.number: footnote for footnote in document.footnotes}
    referenced: dict[int, Span] = {}
    for _, span, paragraph in document.paragraphs():
        for number in footnotes_referred(paragraph):
            referenced.setdefault(number, span)
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
    """Every note the questions refer to ("[2]", "2)", "gedrag2)") exists, and every note is
    referred to.

    In a letter with no notes at all, only a reference that no list item could be counts: one
    right after a question mark or a closing quote ("... tourism’? 2)").
    """
    labels = {note.label for note in document.notes}
    resolved = labels | {part.label for q in document.questions for part in q.parts if isinstance(part, NoteRef)}
    warnings: list[DocumentWarning] = []
    referred: set[str] = set()
    for question in document.questions:
        for reference in note_references(plain(question.parts)):
            label = reference.label
            if not resolved and not reference.after_sentence:
                continue
            if label not in resolved and label not in referred:
                message = f"question {question.number} refers to note {label}, which was not found"
                warnings.append(DocumentWarning.at("note-missing", message, question.span))
            referred.add(label)
    for note in document.notes:
        if note.label not in referred:
            message = f"note {note.label} is printed but no question refers to it: its reference was lost"
            warnings.append(DocumentWarning.at("unreferenced-note", message, note.span))
    return warnings


def check_notes_in_text(document: Document) -> list[DocumentWarning]:
    """No note of the questions ran into the text: a paragraph or list item of an answer, the letter
    or a question that opens with a note's label and cites a source ("[1] NWO, 2022, ‘Advancing
    Equity ...’, https://..."), where a question refers to that note, or at the end of the last
    answer (where the notes are printed when their references were lost); never a note that was
    found (an answer may list sources of its own)."""
    referred = {reference.label for q in document.questions for reference in note_references(plain(q.parts))}
    # A note that was found (printed as a note, or as a footnote) cannot have run into the text.
    found = {note.label for note in document.notes}
    found |= {part.label for q in document.questions for part in q.parts if isinstance(part, NoteRef)}
    last = document.answers[-1] if document.answers else None
    warnings = []
    for where, span, text, trailing in _opening_texts(document, last):
        note = patterns.QUESTION_NOTE.match(text)
        if note is None or note["label"] in found or not reads_as_citation(note["text"]):
            continue
        if note["label"] not in referred and not trailing:
            continue
        message = f"{where} holds what reads as the questions' note {note['label']}: {text[:80]!r}"
        warnings.append(DocumentWarning.at("note-in-text", message, span))
    return warnings


def _opening_texts(document: Document, last: Answer | None) -> Iterator[tuple[str, Span, str, bool]]:
    """Every text where a note could have been read into the letter, as printed (a list item with
    its number): where it is, its span, its text, and whether it ends the last answer."""
    for where, blocks in [
        ("the letter", document.body),
        *((f"answer {_numbers(a)}", a.blocks) for a in document.answers),
    ]:
        ending = bool(blocks) and last is not None and blocks is last.blocks
        for index, block in enumerate(blocks):
            items = [item.marker + plain(item.parts) for item in block.items] if isinstance(block, ListBlock) else []
            for text in items or [plain(paragraph) for paragraph in block.paragraphs]:
                yield where, block.span, text, ending and index >= len(blocks) - _TRAILING_NOTES
    for question in document.questions:
        text = plain(question.parts)
        # A note run into its question's text: after the question's last sentence.
        for match in _NOTE_IN_QUESTION.finditer(text):
            yield f"question {question.number}", question.span, text[match.start("note") :], False


def _numbers(answer: Answer) -> str:
    return ", ".join(map(str, answer.questions))


def check_unread_questions(document: Document) -> list[DocumentWarning]:
    """A committee's paragraph that asks ("De leden van de VVD-fractie vragen ...") outside every
    question: a nota's question the reading missed."""
    asked = [
        (text, span)
        for where, span, paragraph in document.paragraphs()
        if where == "body" or where.startswith("answer")
        for text in [plain(paragraph)]
        if patterns.PARTY_STATEMENT.match(text) and ("?" in text or patterns.COMMITTEE_ASKS.search(text))
    ]
    if not asked:
        return []
    text, span = asked[0]
    message = (
        f"{len(asked)} paragraph(s) of the committee ask something but are read as no question "
        f"({len(document.questions)} questions were read): {text[:80]!r}"
    )
    return [DocumentWarning.at("questions-missed", message, span)]


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
    texts = [
        [plain(paragraph) for block in answer.blocks for paragraph in block.paragraphs] for answer in document.answers
    ]
    lengths = [sum(len(text.split()) for text in paragraphs) for paragraphs in texts]
    if len(lengths) < 3:
        return []
    median = statistics.median(lengths)
    warnings = []
    for answer, paragraphs, length in zip(document.answers, texts, lengths, strict=True):
        asking = [text for text in paragraphs if reads_as_question(text)]
        if length > max(_LONG_ANSWER * median, _LONG_ANSWER_WORDS) and asking:
            numbers = ("questions " if len(answer.questions) > 1 else "question ") + ", ".join(
                map(str, answer.questions)
            )
            message = (
                f"the answer to {numbers} is {length} words, {length / median:.0f} times the median, "
                f"and asks: {asking[0][:80]!r}"
            )
            warnings.append(DocumentWarning.at("answer-holds-questions", message, answer.span))
    return warnings


def check_answers_that_ask(document: Document) -> list[DocumentWarning]:
    """An answer that is no answer: the committee speaks in its first paragraph ("De leden van de
    D66-fractie merken op ...", "Waaruit bestaan de voorwaarden? Deze leden zien graag ..."), or it
    is numbered headings alone ("4. Keuze op hoofdlijnen"). The reading paired a
    question with another question or a heading, as where a report lists the committee's questions
    before the minister answers them. (An answer that only asks is no sign: answers end on a
    rhetorical question.)"""
    warnings = []
    for answer in document.answers:
        texts = [plain(paragraph) for block in answer.blocks for paragraph in block.paragraphs]
        if not texts:
            continue
        committee = patterns.PARTY_STATEMENT.match(texts[0]) or ("?" in texts[0] and _THESE_MEMBERS.search(texts[0]))
        if committee:
            what = "is the committee's text"
        elif all(patterns.SECTION_NUMBER.match(text) and not text.rstrip().endswith((".", "?")) for text in texts):
            what = "is a heading"
        else:
            continue
        message = f"the answer to question {_numbers(answer)} {what}: {' '.join(texts)[:80]!r}"
        warnings.append(DocumentWarning.at("answer-asks", message, answer.span))
    return warnings
