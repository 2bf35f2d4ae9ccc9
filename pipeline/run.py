"""Running the pipeline: the stages composed in one place, for one file and for a batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipeline.clean import clean
from pipeline.errors import ConversionError, UnreadableInput
from pipeline.extract import read_document
from pipeline.files import output_stem, write_atomic
from pipeline.links import resolve_urls
from pipeline.metadata import extract_metadata
from pipeline.model import Document, DocumentWarning, RawDocument
from pipeline.render import FORMATS, render
from pipeline.segment import segment

DEFAULT_MAX_PAGES = 500


def build_document(raw: RawDocument) -> Document:
    """Everything after extraction: pure, text in and document out."""
    # Clean: furniture, footnote blocks and link lists apart from the running text.
    cleaned = clean(raw)
    # Segment: cover letter, signatories, questions, answers, the questions' notes.
    segmented = segment(cleaned)
    # Resolve URLs: tie link annotations and written URLs to footnotes and notes.
    links = resolve_urls(cleaned.footnotes, segmented.notes, cleaned.links, cleaned.page_count)
    # Metadata: kenmerk, dates, questioners, ministers, signatories.
    metadata = extract_metadata(segmented)
    warnings = (*cleaned.warnings, *segmented.warnings, *links.warnings)
    if segmented.kind == "unknown" or not (segmented.questions or segmented.body):
        warnings = (*warnings, DocumentWarning("not-a-letter", "no letter text or questions were found"))
    return Document(
        source=raw.source,
        kind=segmented.kind,
        page_count=cleaned.page_count,
        metadata=metadata,
        body=segmented.body,
        questions=segmented.questions,
        answers=segmented.answers,
        footnotes=links.footnotes,
        notes=links.notes,
        warnings=warnings,
        links=links.body_links,
    )


def convert_document(path: Path, source: str | None = None, max_pages: int = DEFAULT_MAX_PAGES) -> Document:
    """Read one input file and build its document; raises ConversionError for bad input."""
    source = source or str(path)
    try:
        # Extract: pages of lines (and link annotations) from the PDF or text file.
        raw = read_document(path, source, max_pages=max_pages)
    except OSError as error:
        raise UnreadableInput(source, f"cannot read file ({error.strerror or error})") from error
    return build_document(raw)


@dataclass(frozen=True)
class Result:
    """The outcome of converting one input file."""

    source: str
    status: Literal["converted", "failed"]
    outputs: tuple[Path, ...] = ()
    error: str = ""
    warnings: tuple[DocumentWarning, ...] = field(default=())
    document: Document | None = None


def convert_file(
    path: Path, output_dir: Path, formats: Sequence[str] = FORMATS, max_pages: int = DEFAULT_MAX_PAGES
) -> Result:
    """Convert one file and write its outputs; a bad file gives a failed Result, not an exception.

    All formats are rendered before any is written, so a failure leaves the previous outputs
    of the letter untouched.
    """
    source = str(path)
    try:
        document = convert_document(path, source, max_pages=max_pages)
        rendered = {output_format: render(document, output_format) for output_format in formats}
    except ConversionError as error:
        return Result(source, "failed", error=str(error))
    stem = output_stem(path)
    outputs = []
    for output_format, content in rendered.items():
        target = output_dir / f"{stem}.{output_format}"
        write_atomic(target, content)
        outputs.append(target)
    return Result(source, "converted", tuple(outputs), warnings=document.warnings, document=document)


def convert_batch(
    paths: Iterable[Path], output_dir: Path, formats: Sequence[str] = FORMATS, max_pages: int = DEFAULT_MAX_PAGES
) -> Iterator[Result]:
    """Convert files one after the other, one Result each; one bad file never stops the rest."""
    for path in paths:
        yield convert_file(path, output_dir, formats, max_pages)
