"""Running the pipeline: the stages composed in one place, for one file and for a batch."""

from __future__ import annotations

import hashlib
import signal
import sys
import threading
import traceback
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pipeline import cache, inline
from pipeline.checks import check_document
from pipeline.clean import clean
from pipeline.corrections import Corrections, apply_overrides, apply_replacements, read_corrections
from pipeline.errors import ConversionError, Timeout, TooLarge, UnreadableInput
from pipeline.extract import DEFAULT_ENGINE, Engine, read_document
from pipeline.files import corrections_path, output_stem, output_stems, write_together
from pipeline.lifecycle import read_lifecycle
from pipeline.links import resolve_urls
from pipeline.metadata import extract_metadata
from pipeline.model import REVIEW_WARNINGS, Document, DocumentWarning, RawDocument, Source
from pipeline.question_table import read_question_table
from pipeline.render import FORMATS, TEMPLATES, render
from pipeline.segment import segment
from pipeline.workers import Lost, run_in_workers

DEFAULT_MAX_PAGES = 500
DEFAULT_TIMEOUT = 300
DEFAULT_MAX_MEMORY = 2048
"""Megabytes of memory one document may take beyond what the process held before it (0: no limit).
The largest letter of the corpus takes under 100 MB."""
TASKS_PER_WORKER = 25
"""Worker processes are replaced after this many files: pdfplumber's caches grow in long runs."""
DEADLINE_GRACE = 5
"""Seconds past the time limit after which the parent kills a worker that has not stopped itself
(stuck where the alarm cannot reach it); they also cover starting a fresh worker."""


@dataclass(frozen=True)
class Options:
    """How to convert: formats, limits, and where the extraction cache lives (None: no cache)."""

    formats: tuple[str, ...] = FORMATS
    max_pages: int = DEFAULT_MAX_PAGES
    engine: Engine = DEFAULT_ENGINE
    """The library that reads PDFs: pdfplumber or pdfium (faster; the same JSON on the corpus)."""
    timeout: int = DEFAULT_TIMEOUT
    max_memory: int = DEFAULT_MAX_MEMORY
    """Megabytes one document may take (0: no limit); see ``memory_limit``."""
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


def extract(path: Path, source: str, options: Options) -> tuple[RawDocument, bool]:
    """Read a file into a RawDocument, from the cache when its content was read before.

    Returns the document and whether it came from the cache.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(source, f"cannot read file ({error.strerror or error})") from error
    if options.cache_dir is None:
        # No cache: no key either (it hashes the extraction code, which takes longer than a page).
        return read_document(path, source, max_pages=options.max_pages, engine=options.engine), False
    key = cache.cache_key(data, path.suffix, options.max_pages, engine=options.engine)
    cached = cache.load(options.cache_dir, key)
    if cached is not None:
        return replace(cached, source=source, sha256=hashlib.sha256(data).hexdigest()), True
    raw = read_document(path, source, max_pages=options.max_pages, engine=options.engine)
    cache.store(options.cache_dir, key, raw)
    return raw, False


def convert_document(path: Path, source: str | None = None, options: Options | None = None) -> Document:
    """Read one input file and build its document; raises ConversionError for bad input."""
    return _convert(path, source or str(path), options or Options())[0]


def _convert(path: Path, source: str, options: Options) -> tuple[Document, bool]:
    corrections = read_corrections(corrections_path(path))
    # Extract: pages of lines (and link annotations) from the PDF or text file, or the cache.
    raw, cached = extract(path, source, options)
    if corrections is None or corrections.empty:
        return build_document(raw), cached
    # Correct: the user's text replacements before cleaning, field overrides once the texts are read.
    raw, replaced = apply_replacements(raw, corrections)
    document = build_document(raw, corrections)
    return replace(document, corrections=(*replaced, *document.corrections)), cached


@dataclass(frozen=True)
class Result:
    """The outcome of converting one input file."""

    source: str
    status: Literal["converted", "failed"]
    outputs: tuple[Path, ...] = ()
    error: str = ""
    warnings: tuple[DocumentWarning, ...] = field(default=())
    document: Document | None = None
    from_cache: bool = False
    """True when the extraction came from the cache rather than from reading the file."""

    @property
    def needs_review(self) -> bool:
        """True if a warning says the questions and answers may be read wrong."""
        return any(warning.code in REVIEW_WARNINGS for warning in self.warnings)


class _Expired(BaseException):
    """The time limit's alarm. Not an Exception, so that no ``except Exception`` on the way (pdfminer
    wraps whatever it meets in its own error) can take it for a damaged file and carry on."""


_ALARM_REPEAT = 1.0
"""Once the limit has passed, the alarm fires again every second until the block has ended, so
code that catches the first one and goes on (a ``finally`` that reads a cyclic page tree again)
is stopped by the next."""


@contextmanager
def time_limit(seconds: int, source: str) -> Iterator[None]:
    """Raise Timeout if the block runs longer than ``seconds`` (0: no limit).

    Only the main thread receives the alarm; elsewhere the block runs without a limit.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _ALARM_REPEAT)
    try:
        try:
            yield
        finally:
            _disarm(previous)
    except _Expired:
        raise Timeout(source, _took_too_long(seconds)) from None


def _took_too_long(seconds: int) -> str:
    return f"took longer than {seconds} s to convert (the per-document time limit)"


def _disarm(previous: Any) -> None:
    """Stop the alarm and restore the previous handler, even if the alarm fires meanwhile."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            return
        except _Expired:
            continue


@contextmanager
def memory_limit(megabytes: int, source: str) -> Iterator[None]:
    """Raise TooLarge if the block needs more than ``megabytes`` of memory beyond what the process
    holds now (0: no limit).

    The process's address space (RLIMIT_AS) is capped for the block, so an allocation past the
    cap fails with MemoryError instead of the machine's out-of-memory killer taking a process,
    and the cap is lifted again after it: each document gets the same allowance, in a worker or
    in the one process of ``--jobs 1``. Linux only (elsewhere the block runs without a limit).
    """
    statm = Path("/proc/self/statm")
    if megabytes <= 0 or sys.platform != "linux" or not statm.exists():
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = int(statm.read_text().split()[0]) * resource.getpagesize()
    cap = used + megabytes * 2**20
    for outer in (soft, hard):
        if outer != resource.RLIM_INFINITY:
            cap = min(cap, outer)  # never loosen a limit set from outside
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    except MemoryError:
        raise TooLarge(source, _needed_too_much(megabytes)) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _needed_too_much(megabytes: int) -> str:
    return f"needed more than {megabytes} MB of memory (the per-document limit, --max-memory)"


def convert_file(path: Path, output_dir: Path, options: Options | None = None, stem: str | None = None) -> Result:
    """Convert one file and write its outputs; a bad file gives a failed Result, not an exception.

    All formats are rendered and written to temporary files before any output is replaced, so a
    failure leaves the previous outputs of the letter untouched, all of them.
    """
    options = options or Options()
    source = str(path)
    try:
        with time_limit(options.timeout, source), memory_limit(options.max_memory, source):
            document, cached = _convert(path, source, options)
            rendered = {output_format: render(document, output_format) for output_format in options.formats}
    except ConversionError as error:
        return Result(source, "failed", error=str(error))
    except RecursionError:
        return Result(source, "failed", error=f"{source}: document too deeply nested to read")
    except Exception as error:
        # A bug must cost one letter, not the batch; --debug shows where it happened.
        if options.debug:
            traceback.print_exc()
        return Result(
            source,
            "failed",
            error=f"{source}: internal error ({type(error).__name__}: {error}); please report it (--debug shows where)",
        )
    stem = stem or output_stem(path)
    # All formats or none: a full disk must not leave a new .json beside an old .md and .html.
    outputs = {output_dir / f"{stem}.{output_format}": content for output_format, content in rendered.items()}
    try:
        write_together(outputs)
    except OSError as error:
        first, *others = outputs
        names = ", ".join([str(first), *(target.suffix for target in others)])
        return Result(source, "failed", error=f"{source}: cannot write {names} ({error.strerror or error})")
    return Result(source, "converted", tuple(outputs), warnings=document.warnings, document=document, from_cache=cached)


def _convert_in_worker(task: tuple[Path, str], output_dir: Path, options: Options) -> Result:
    # The document stays in the worker; the parent only needs the outcome.
    path, stem = task
    return replace(convert_file(path, output_dir, options, stem), document=None)


def convert_batch(
    paths: Iterable[Path],
    output_dir: Path,
    options: Options | None = None,
    jobs: int = 1,
    stems: Mapping[Path, str] | None = None,
) -> Iterator[Result]:
    """Convert files, one Result each, in input order; one bad file never stops the rest.

    With ``jobs`` above 1 the files are converted in worker processes, which are replaced
    every few files so that memory stays flat over long batches. ``stems`` names each file's
    outputs (default: ``output_stems`` of ``paths``). A worker that dies (killed,
    out of memory) or is still busy past the time limit and its grace fails its own file only.
    """
    options = options or Options()
    paths = list(paths)
    stems = stems or output_stems(paths)
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield convert_file(path, output_dir, options, stems[path])
        return
    # A worker stops its own document at the time limit; the parent kills one that does not.
    deadline = options.timeout + DEADLINE_GRACE if options.timeout > 0 else None
    convert = partial(_convert_in_worker, output_dir=output_dir, options=options)
    tasks = [(path, stems[path]) for path in paths]
    answers = run_in_workers(convert, tasks, jobs, deadline, TASKS_PER_WORKER)
    for path, answer in zip(paths, answers, strict=True):
        if isinstance(answer, Lost) and answer.reason == "deadline":
            yield Result(str(path), "failed", error=str(Timeout(str(path), _took_too_long(options.timeout))))
        elif isinstance(answer, Lost):
            yield Result(str(path), "failed", error=f"{path}: could not be converted: {answer.describe()}")
        else:
            yield answer


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
