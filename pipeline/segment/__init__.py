"""Segmenting: take the cleaned body apart into cover letter, questions, answers and notes.

Two passes: ``candidates`` finds every line that could start a question or an answer, with its
evidence; ``assign`` chooses the reading on which numbers, labels and typography agree, and
says so in a warning where the letter does not add up.
"""

from __future__ import annotations

from pipeline import patterns
from pipeline.inline import parser
from pipeline.model import Answer, CleanDocument, Question, SegmentedDocument, plain_block
from pipeline.notes import note_sources
from pipeline.segment.assign import check_reading, choose_reading, questions_not_found
from pipeline.segment.blocks import build_blocks
from pipeline.segment.candidates import answer_label, find_answer_labels, find_question_starts, parse_numbers
from pipeline.segment.cover import cover_blocks
from pipeline.segment.kind import document_kind, looks_like_letter
from pipeline.segment.parts import cut_parts
from pipeline.text import spellings

__all__ = ["answer_label", "parse_numbers", "segment"]

_HEADER_BLOCKS = 8
"""How many first paragraphs may name the document (a Mededeling, questions, a nota)."""


def segment(document: CleanDocument) -> SegmentedDocument:
    """Find the cover letter, signatories, questions, answers and the questions' notes."""
    lines = document.body
    # Candidates: every line that could start a question, every answer label.
    starts = find_question_starts(lines)
    labels = find_answer_labels(lines)
    header_lines = [line.text for line in lines[:40]] + [line.text for line in document.reference_lines]
    answer_document = any(patterns.ANSWER_HEADER.search(text) for text in header_lines)
    nota = any(patterns.NOTA_HEADER.search(text) for text in header_lines)
    # Assignment: the consistent reading, then the body cut along it.
    reading = choose_reading(lines, starts, labels, answer_document, nota)
    # Spellings: the words the letter prints inside its lines decide the hyphens that end them.
    printed = spellings([line.text for line in lines])
    parts = cut_parts(lines, reading, printed)
    # Inline parts: every text typed, once; a note's label is a reference where the note exists, as
    # a note or as the footnote that prints its text.
    footnotes = [(footnote.number, footnote.text) for footnote in document.footnotes]
    notes = note_sources([q.text.text for q in parts.questions], (note.label for note in parts.notes), footnotes)
    parse, ask = parser(notes), parser(notes, question=True)
    questions = tuple(Question(q.number, q.label, ask(q.text), q.span, q.printed) for q in parts.questions)
    answers = tuple(
        Answer(a.questions, a.label, build_blocks(a.paragraphs, parse, printed=printed), a.span) for a in parts.answers
    )
    blocks, signatures = cover_blocks(parts.cover, parse, printed)
    is_letter = looks_like_letter(document, signatures)
    header = [plain_block(block) for block in blocks[:_HEADER_BLOCKS]] + [removal.text for removal in document.removed]
    kind = document_kind(questions, answers, is_letter, parts.mededeling, header)
    warnings = [*parts.warnings, *check_reading(questions, answers, kind)]
    if not questions:
        warnings.extend(questions_not_found(lines, starts, labels))
    return SegmentedDocument(
        clean=document,
        kind=kind,
        body=blocks,
        signatory_lines=tuple(signatures),
        questions=questions,
        answers=answers,
        notes=tuple(parts.notes),
        warnings=tuple(warnings),
    )
