"""Running the pipeline: the stages composed in one place, and each file converted in a child process.

``convert_document`` runs the stages in the caller's process. ``convert_file`` and
``convert_batch`` convert each file in a child process and write its outputs in this one: the
child holds the PDF library, so whatever the library does (abort, segfault, loop, allocate)
costs that one file; the time limit is enforced from here by ending the child, the memory
limit is set inside it, and no output is ever written by a process that can be killed halfway.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal

from pipeline import cache, inline
from pipeline.checks import check_document
from pipeline.clean import clean
from pipeline.corrections import Corrections, apply_overrides, apply_replacements, read_corrections
from pipeline.errors import ConversionError, UnreadableInput
from pipeline.extract import DEFAULT_ENGINE, Engine, is_pdf, read_document
from pipeline.files import corrections_path, output_stems, shown, write_together
from pipeline.lifecycle import read_lifecycle
from pipeline.limits import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_TIMEOUT,
    START_ALLOWANCE,
    crash_cause,
    memory_limit,
    took_too_long,
)
from pipeline.links import resolve_urls
from pipeline.metadata import extract_metadata
from pipeline.model import REVIEW_WARNINGS, Document, DocumentWarning, RawDocument, Source
from pipeline.question_table import read_question_table
from pipeline.render import FORMATS, TEMPLATES, render
from pipeline.segment import segment
from pipeline.workers import Lost, run_in_workers

DEFAULT_MAX_PAGES = 500
TASKS_PER_WORKER = 25
"""Child processes are replaced after this many files: pdfplumber's caches grow in long runs."""

CacheEntry = tuple[str, bytes]
"""A fresh extraction for the cache: its key and its JSON, written by the parent process."""


@dataclass(frozen=True)
class Options:
    """How to convert: formats, limits, and where the extraction cache lives (None: no cache)."""

    formats: tuple[str, ...] = FORMATS
    max_pages: int = DEFAULT_MAX_PAGES
    engine: Engine = DEFAULT_ENGINE
    """The library that reads PDFs: pdfplumber or pdfium (faster; the same JSON on the corpus)."""
    timeout: int = DEFAULT_TIMEOUT
    """Seconds one document may take in ``convert_file`` and ``convert_batch`` (0: no limit); the
    child converting it is ended when they have passed. ``convert_document`` takes no limit."""
    max_memory: int = DEFAULT_MAX_MEMORY
    """Megabytes one document may take (0: no limit); see ``limits.memory_limit``."""
    cache_dir: Path | None = None
    debug: bool = False
    """Print the traceback of an unexpected error (a bug) instead of only its one line."""


def build_document(raw: RawDocument, corrections: Corrections | None = None) -> Document:
    """Everything after extraction: pure, text in and document out (with the overrides of a
    corrections file applied, if given)."""
    # Clean: furniture, footnote blocks and link lists apart from the running text.
    cleaned = clean(raw)
    # Table lists: a committee's questions laid out as a table, read row by row.
    cleaned = read_question_table(cleaned)
    # Segment: cover letter, signatories, questions, answers, the questions' notes.
    segmented = segment(cleaned)
    # Resolve URLs: tie link annotations and written URLs to footnotes and notes.
    links = resolve_urls(cleaned.footnotes, segmented.notes, cleaned.links, cleaned.page_count)
    # Metadata: kenmerk, dates, questioners, ministers, signatories.
    metadata, unclear = extract_metadata(segmented)
    warnings = (*cleaned.warnings, *segmented.warnings, *links.warnings, *unclear)
    if segmented.kind == "unknown":
        reason = "no addressee, greeting, closing, signature or questions of a letter to parliament were found"
        warnings = (*warnings, DocumentWarning("not-a-letter", f"this does not look like a letter: {reason}"))
    # Inline parts of the footnotes and notes, once each (segmenting made those of the rest).
    parse = inline.parser(frozenset(note.label for note in links.notes))
    document = Document(
        # The file name and its hash, not the path as typed: the same file gives the same outputs.
        source=Source(Path(raw.source).name, raw.sha256, raw.input_format),
        kind=segmented.kind,
        page_count=cleaned.page_count,
        metadata=metadata,
        body=segmented.body,
        questions=segmented.questions,
        answers=segmented.answers,
        footnotes=inline.footnotes(links.footnotes, parse),
        notes=inline.notes(links.notes, parse),
        warnings=warnings,
        links=links.body_links,
        removed=cleaned.removed,
    )
    if corrections is not None:
        # Correct: the user's overrides of questions, footnotes and metadata, each text parsed once.
        document, overridden = apply_overrides(document, corrections, parse)
        document = replace(document, corrections=tuple(overridden))
    # References: every reference to another document, found by the one walk over the paragraphs.
    document = replace(document, references=tuple(inline.references_of(document)))
    # Check: the invariants every output keeps, each failure a warning with its page.
    document = replace(document, warnings=(*warnings, *check_document(document)))
    # Lifecycle: who asked, who answered and when, normalised (ministries, parties, days).
    return replace(document, lifecycle=read_lifecycle(document))


def extract(path: Path, source: str, options: Options) -> tuple[RawDocument, bool, CacheEntry | None]:
    """Read a file into a RawDocument, from the cache when its content was read before.

    Returns the document, whether it came from the cache, and the cache entry to keep when it
    did not (None without a cache).
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(source, f"cannot read file ({error.strerror or error})") from error
    if options.cache_dir is None:
        # No cache: no key either (it hashes the extraction code, which takes longer than a page).
        return read_document(path, source, max_pages=options.max_pages, engine=options.engine), False, None
    # The engine reads PDFs only: a text or Word file is the same entry whichever is chosen.
    engine = options.engine if is_pdf(data) else "any"
    key = cache.cache_key(data, path.suffix, options.max_pages, engine=engine)
    cached = cache.load(options.cache_dir, key)
    if cached is not None:
        return replace(cached, source=source, sha256=hashlib.sha256(data).hexdigest()), True, None
    raw = read_document(path, source, max_pages=options.max_pages, engine=options.engine)
    return raw, False, (key, cache.encode(raw))


def convert_document(path: Path, source: str | None = None, options: Options | None = None) -> Document:
    """Read one input file and build its document in this process; raises ConversionError for
    bad input. No time limit applies here (``convert_file`` converts in a child process that has one)."""
    options = options or Options()
    document, _, entry = _convert(path, source or str(path), options)
    if entry is not None and options.cache_dir is not None:
        cache.store(options.cache_dir, *entry)
    return document


def _convert(path: Path, source: str, options: Options) -> tuple[Document, bool, CacheEntry | None]:
    corrections = read_corrections(corrections_path(path))
    # Extract: pages of lines (and link annotations) from the PDF or text file, or the cache.
    raw, cached, entry = extract(path, source, options)
    if corrections is None or corrections.empty:
        return build_document(raw), cached, entry
    # Correct: the user's text replacements before cleaning, field overrides once the texts are read.
    raw, replaced = apply_replacements(raw, corrections)
    document = build_document(raw, corrections)
    return replace(document, corrections=(*replaced, *document.corrections)), cached, entry


@dataclass(frozen=True)
class Result:
    """The outcome of converting one input file."""

    source: str
    """The input file as given (control characters escaped), for messages."""
    status: Literal["converted", "failed"]
    outputs: tuple[Path, ...] = ()
    error: str = ""
    """The one-line error, naming the file as given: ``input/x.pdf: empty file (0 bytes)``."""
    warnings: tuple[DocumentWarning, ...] = field(default=())
    document: Document | None = None
    """The document, when it was built in this process (``convert_document``); None from a child."""
    from_cache: bool = False
    """True when the extraction came from the cache rather than from reading the file."""
    index_error: str = ""
    """The error as the index tells it, naming the file by its name only (``x.pdf: empty file
    (0 bytes)``), so that a run on ``input/`` and one on ``/home/…/input/`` give the same index."""

    @property
    def needs_review(self) -> bool:
        """True if a warning says the questions and answers may be read wrong."""
        return any(warning.code in REVIEW_WARNINGS for warning in self.warnings)


def failed(source: str, detail: str, about: str | None = None) -> Result:
    """A failed Result: "<source>: <detail>" (``about`` names another file the error is about,
    such as the letter's corrections file)."""
    named = about or source
    return Result(source, "failed", error=f"{named}: {detail}", index_error=f"{Path(named).name}: {detail}")


@dataclass(frozen=True)
class Rendered:
    """A converted letter on its way from the child process that made it to the parent that writes it."""

    source: str
    contents: Mapping[str, bytes]
    """Each format's output, encoded (UTF-8) in the child, so that text no encoding can hold
    fails that letter there and never the parent."""
    warnings: tuple[DocumentWarning, ...]
    from_cache: bool
    cache_entry: CacheEntry | None


def render_file(path: Path, source: str, options: Options) -> Rendered | Result:
    """Convert one file and render its formats in this process, under the memory limit; a bad file
    gives a failed Result, not an exception. This is what a child process runs."""
    try:
        with memory_limit(options.max_memory, source):
            document, cached, entry = _convert(path, source, options)
            contents = {name: render(document, name).encode() for name in options.formats}
    except ConversionError as error:
        return failed(source, error.detail, about=error.source)
    except RecursionError:
        return failed(source, "document too deeply nested to read")
    except Exception as error:
        # A bug must cost one letter, not the batch; --debug shows where it happened.
        if options.debug:
            traceback.print_exc()
        return failed(
            source, f"internal error ({type(error).__name__}: {error}); please report it (--debug shows where)"
        )
    return Rendered(source, contents, document.warnings, cached, entry)


def _render_task(task: tuple[Path, str], options: Options) -> Rendered | Result:
    return render_file(*task, options)


def write_rendered(rendered: Rendered, output_dir: Path, stem: str, options: Options) -> Result:
    """Write a rendered letter's outputs, all formats or none, and keep its extraction in the cache."""
    if rendered.cache_entry is not None and options.cache_dir is not None:
        cache.store(options.cache_dir, *rendered.cache_entry)
    # All formats or none: a full disk must not leave a new .json beside an old .md and .html.
    outputs = {output_dir / f"{stem}.{name}": content for name, content in rendered.contents.items()}
    try:
        write_together(outputs)
    except OSError as error:
        first, *others = outputs
        names = ", ".join([str(first), *(target.suffix for target in others)])
        detail = f"cannot write {names} ({error.strerror or error})"
        # The index names the outputs without their folder, as it names the input.
        short = detail.replace(str(first), first.name, 1)
        return Result(rendered.source, "failed", error=f"{rendered.source}: {detail}",
                      index_error=f"{Path(rendered.source).name}: {short}")  # fmt: skip
    return Result(
        rendered.source, "converted", tuple(outputs), warnings=rendered.warnings, from_cache=rendered.from_cache
    )


def convert_file(path: Path, output_dir: Path, options: Options | None = None, stem: str | None = None) -> Result:
    """Convert one file in a child process and write its outputs; a bad file gives a failed
    Result, not an exception, and so does a crash of the child or a passed time limit.

    All formats are rendered before any output is replaced, so a failure leaves the previous
    outputs of the letter untouched, all of them.
    """
    stems = {path: stem} if stem else None
    return next(iter(convert_batch([path], output_dir, options, 1, stems)))


def convert_batch(
    paths: Iterable[Path],
    output_dir: Path,
    options: Options | None = None,
    jobs: int = 1,
    stems: Mapping[Path, str] | None = None,
) -> Iterator[Result]:
    """Convert files, one Result each, in input order; one bad file never stops the rest.

    Each file is converted in one of ``jobs`` child processes, which are replaced every few
    files so that memory stays flat over long batches; the outputs are written here. ``stems``
    names each file's outputs (default: ``output_stems`` of ``paths``). A child that dies (a C
    library's abort or segfault, the out-of-memory killer) or is still busy at the time limit
    fails its own file only.
    """
    options = options or Options()
    paths = list(paths)
    stems = stems or output_stems(paths)
    tasks = [(path, shown(path)) for path in paths]
    deadline = options.timeout if options.timeout > 0 else None
    convert = partial(_render_task, options=options)
    answers = run_in_workers(convert, tasks, jobs, deadline, TASKS_PER_WORKER, START_ALLOWANCE)
    for (path, source), answer in zip(tasks, answers, strict=True):
        if isinstance(answer, Lost):
            yield failed(source, _why_lost(answer, path, options))
        elif isinstance(answer, Rendered):
            yield write_rendered(answer, output_dir, stems[path], options)
        else:
            yield answer


def _why_lost(lost: Lost, path: Path, options: Options) -> str:
    """Why a child gave no answer: the time limit, or how it crashed and in which library."""
    if lost.reason == "deadline":
        return took_too_long(options.timeout)
    library = "pdfium" if options.engine == "pdfium" and _starts_like_a_pdf(path) else "the conversion"
    return crash_cause(lost.exitcode, library)


def _starts_like_a_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return is_pdf(stream.read(1024))
    except OSError:
        return False


def code_files() -> list[Path]:
    """The files every output depends on besides its letter: the pipeline's modules and the templates."""
    package = Path(__file__).resolve().parent
    return sorted([*package.rglob("*.py"), *(path for path in TEMPLATES.glob("*") if path.is_file())])


def select_shard(paths: Sequence[Path], shard: int, shards: int) -> list[Path]:
    """The stable 1/N share of the inputs for shard K (1-based), by a hash of each file name.

    A file's shard depends on its name only, so shards never overlap, together cover every
    input, and do not move when other files are added.
    """
    return [path for path in paths if int(hashlib.sha256(path.name.encode()).hexdigest(), 16) % shards == shard - 1]
