"""A batch: which files to convert (discover, shard, only-changed, prune), converting them, and
the report: every file's result, the lines to tell and the exit code, so that the command line
only parses its options, prints and exits."""

from __future__ import annotations

import signal
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import cache
from pipeline.database import DATABASE
from pipeline.extract import ENGINES, Engine
from pipeline.files import find_inputs, orphaned_outputs, out_of_date, output_stems, settle, shown
from pipeline.index import CITATION_FIELDS, INDEX_FILES, citations, write_index
from pipeline.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, Interrupted, stopped_by_signals
from pipeline.model import REVIEW_WARNINGS
from pipeline.render import FORMATS
from pipeline.run import DEFAULT_MAX_PAGES, Options, Result, code_files, convert_batch, failed, select_shard
from pipeline.stats import BY, FIELDS, By
from pipeline.stats import response_times as _response_times

__all__ = [
    "BY",
    "CITATION_FIELDS",
    "DEFAULT_ENGINE",
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_TIMEOUT",
    "ENGINES",
    "FORMATS",
    "STATS_FIELDS",
    "BatchReport",
    "By",
    "CannotRead",
    "Engine",
    "Listener",
    "NoInputs",
    "Request",
    "Result",
    "citations",
    "reindex",
    "response_times",
    "run",
]

STATS_FIELDS = FIELDS
"""The columns of ``kamerbrief stats`` ("group" is named after what the cases are grouped by)."""

DEFAULT_ENGINE: Engine = "pdfium"
"""The engine of a batch. Each document is converted in a child process, so whatever pdfium does
(abort at the memory limit, crash, loop) costs that one document, and on the corpus pdfium is about
five times as fast as pdfplumber for the same JSON, while isolation costs a few ms of CPU per
document (`make bench`). The library's in-process ``convert_document`` keeps pdfplumber, where an
abort would end the caller's process."""

EXIT_OK = 0
EXIT_FAILED = 1
"""A file failed, or the index could not be written."""
EXIT_NEEDS_REVIEW = 2
"""With ``strict``: none failed, but a converted letter needs review."""


class NoInputs(Exception):
    """Nothing to convert was found where the inputs were looked for."""


class CannotRead(Exception):
    """An output folder's database cannot be brought up to date or read."""


@dataclass(frozen=True)
class Request:
    """What to convert and how: the command line's options."""

    paths: tuple[Path, ...] = ()
    """Files and folders (none: ``input/``)."""
    output_dir: Path = Path("output")
    formats: tuple[str, ...] = FORMATS
    jobs: int = 1
    """Child processes converting at once."""
    timeout: int = DEFAULT_TIMEOUT
    max_pages: int = DEFAULT_MAX_PAGES
    max_memory: int = DEFAULT_MAX_MEMORY
    engine: Engine = DEFAULT_ENGINE
    shard: tuple[int, int] | None = None
    """Convert only the K-th (1-based) of N stable shares of the inputs."""
    cache_dir: Path | None = None
    """Where the extraction cache lives (None: the user's cache folder)."""
    use_cache: bool = True
    index: bool = True
    only_changed: bool = False
    prune: bool = False
    strict: bool = False
    debug: bool = False


@dataclass(frozen=True)
class BatchReport:
    """The outcome of a batch: a result per file, the lines to tell at the end, the exit code."""

    results: tuple[Result, ...]
    lines: tuple[str, ...]
    """The index's error if any, the summary, the letters that are no letters or need review."""
    exit_code: int


class Listener:
    """What a batch tells while it runs; the command line prints it (this one tells nothing)."""

    def line(self, text: str) -> None:
        """A line to tell now: a refused or skipped input, a removed output, a warning."""

    def planned(self, count: int) -> None:
        """How many files are about to be converted."""

    def done(self, result: Result, line: str) -> None:
        """A file is done; ``line`` tells how ("converted …" or "error: …")."""


@dataclass
class _Plan:
    """The files a batch converts, and what it found and refused on the way."""

    inputs: list[Path]
    stems: dict[Path, str]
    refusals: list[Result]
    present: set[str] | None = None
    """With ``prune``: the names of every input (an earlier failure of any other leaves the index)."""
    pruned: list[Path] = field(default_factory=list)
    up_to_date: int | None = None
    """With ``only_changed``, when none of the letters needs converting: how many there are."""

    @property
    def shown_stems(self) -> dict[str, str]:
        """Each input's output stem by the name its messages give it."""
        return {shown(path): stem for path, stem in self.stems.items()}


def run(request: Request, listener: Listener | None = None) -> BatchReport:
    """Convert a batch and report on it; SIGTERM and SIGHUP end it as Ctrl-C does.

    Raises NoInputs when nothing was found to convert.
    """
    listener = listener or Listener()
    with stopped_by_signals():
        try:
            return _run(request, listener)
        except Interrupted as stop:
            name = signal.Signals(stop.signum).name
            line = f"interrupted by {name}: the letters converted so far are written, the index is not"
            return BatchReport((), (line,), 128 + stop.signum)


def _run(request: Request, listener: Listener) -> BatchReport:
    plan = _plan(request, listener)
    if plan.up_to_date is not None:
        return _nothing_to_convert(request, plan)
    options = _options(request, listener)
    listener.planned(len(plan.inputs))
    results = list(plan.refusals)
    stems = plan.shown_stems
    for result in convert_batch(plan.inputs, request.output_dir, options, request.jobs, plan.stems):
        results.append(result)
        listener.done(result, _file_line(result, request, stems))
    index_error = _write_index(request, results, plan.present)
    return _report(request, results, index_error)


def _plan(request: Request, listener: Listener) -> _Plan:
    """Discover, shard, settle the output folder, prune, and keep only what changed."""
    found = find_inputs(request.paths or (Path("input"),))
    # Names are made unique over every input found, so a shard or a partial run names alike.
    stems = output_stems(found.files)
    inputs, refused, skipped = found.files, found.refused, found.skipped
    if request.shard:
        inputs = select_shard(inputs, *request.shard)
        refused = [(path, reason) for path, reason in refused if select_shard([path], *request.shard)]
        skipped = [(path, reason) for path, reason in skipped if select_shard([path], *request.shard)]
    if not inputs and not refused and not request.shard and not request.only_changed:
        raise NoInputs("no input files found (looked for .pdf, .txt and .docx)")
    for path, reason in skipped:
        listener.line(f"skipped {shown(path)}: {reason}")
    # Inputs refused on discovery (a symbolic link out of the folder) fail like a bad file.
    refusals = [failed(shown(path), reason) for path, reason in refused]
    for result in refusals:
        listener.line(f"error: {result.error}")
    plan = _Plan(inputs, stems, refusals)
    settle(request.output_dir)  # a switch of outputs a killed run left halfway: finished first
    if request.prune:
        plan.present = {Path(shown(path)).name for path in [*found.files, *(path for path, _ in found.refused)]}
        plan.pruned = _remove_orphans(request.output_dir, set(stems.values()), listener)
    if request.only_changed:
        plan.inputs = out_of_date(inputs, stems, request.output_dir, request.formats, code_files())
        plan.up_to_date = None if plan.inputs else len(inputs)
    return plan


def _nothing_to_convert(request: Request, plan: _Plan) -> BatchReport:
    """``only_changed`` found every letter up to date: write the index only if it is missing or
    letters were pruned."""
    missing = request.index and (bool(plan.pruned) or not (request.output_dir / INDEX_FILES[0]).exists())
    index_error = _write_index(request, plan.refusals, plan.present) if missing else ""
    letters = "the one letter" if plan.up_to_date == 1 else f"all {plan.up_to_date} letters"
    lines = [f"error: {index_error}"] if index_error else []
    lines.append(f"nothing to convert: the outputs of {letters} are up to date")
    return BatchReport(tuple(plan.refusals), tuple(lines), EXIT_FAILED if index_error or plan.refusals else EXIT_OK)


def _options(request: Request, listener: Listener) -> Options:
    """The conversion options, with the cache folder only if it can be used."""
    cache_dir = (request.cache_dir or cache.default_folder()) if request.use_cache else None
    if cache_dir is not None and (reason := cache.unusable(cache_dir)):
        # The cache only saves time: without it every letter is still converted.
        listener.line(f"warning: cannot use the cache folder {cache_dir} ({reason}); converting without it")
        cache_dir = None
    return Options(
        formats=request.formats,
        max_pages=request.max_pages,
        engine=request.engine,
        timeout=request.timeout,
        max_memory=request.max_memory,
        cache_dir=cache_dir,
        debug=request.debug,
    )


def _file_line(result: Result, request: Request, stems: dict[str, str]) -> str:
    """One file's line: "converted …", or its error, told once, here (the summary only counts)."""
    if result.status == "converted":
        origin = ", extraction from cache" if result.from_cache else ""
        return f"converted {result.source} ({count(len(result.warnings), 'warning')}{origin})"
    stem = stems.get(result.source)
    kept = stem is not None and (request.output_dir / f"{stem}.{request.formats[0]}").exists()
    return f"error: {result.error}{' (its previous outputs are kept)' if kept else ''}"


def _write_index(request: Request, results: list[Result], present: set[str] | None) -> str:
    """Write the index; if it cannot be written, the reason (else "")."""
    if not request.index or not request.output_dir.exists():
        return ""
    failures = [(result.source, result.index_error or result.error) for result in results if result.status == "failed"]
    try:
        write_index(request.output_dir, failures, [result.source for result in results], present)
    except (OSError, sqlite3.Error) as error:
        return index_failure(request.output_dir, error)
    return ""


def _report(request: Request, results: list[Result], index_error: str) -> BatchReport:
    """The lines at the end (the index's error, the summary, what needs a look) and the exit code."""
    failures = [result for result in results if result.status == "failed"]
    warned = sum(1 for result in results if result.warnings)
    doubtful = [result for result in results if result.needs_review]
    lines = [f"error: {index_error}"] if index_error else []
    lines.append(
        f"{len(results) - len(failures)} converted, {len(failures)} failed, {warned} with warnings, "
        f"{len(doubtful)} need review"
    )
    for result in results:
        lines += [
            f"  not a letter: {result.source}: {warning.message}"
            for warning in result.warnings
            if warning.code == "not-a-letter"
        ]
    for result in doubtful:
        for warning in result.warnings:
            if warning.code in REVIEW_WARNINGS:
                where = f" ({warning.where})" if warning.where else ""
                lines.append(f"  needs review: {result.source}{where}: {warning.code}: {warning.message}")
    code = EXIT_FAILED if failures or index_error else EXIT_NEEDS_REVIEW if request.strict and doubtful else EXIT_OK
    return BatchReport(tuple(results), tuple(lines), code)


def _remove_orphans(output_dir: Path, stems: set[str], listener: Listener) -> list[Path]:
    """Remove the outputs of letters no longer among the inputs, one line each; a file that cannot
    be removed is said and left."""
    removed = []
    for path in orphaned_outputs(output_dir, stems) if output_dir.is_dir() else []:
        try:
            path.unlink()
        except OSError as error:
            listener.line(f"warning: cannot remove {shown(path)} ({error.strerror or error})")
            continue
        removed.append(path)
        listener.line(f"removed {shown(path)} (its letter is no longer among the inputs)")
    return removed


def reindex(output_dir: Path) -> BatchReport:
    """Rewrite the index of an output folder (``kamerbrief index``)."""
    try:
        written = write_index(output_dir)
    except (OSError, sqlite3.Error) as error:
        return BatchReport((), (f"Error: {index_failure(output_dir, error)}",), EXIT_FAILED)
    return BatchReport((), tuple(f"wrote {shown(path)}" for path in written), EXIT_OK)


def index_failure(output_dir: Path, error: OSError | sqlite3.Error) -> str:
    """One line for an index that could not be written; the previous index, if any, is kept."""
    names = ", ".join(INDEX_FILES)
    reason = (error.strerror if isinstance(error, OSError) else None) or error
    return f"{shown(output_dir)}: cannot write {names} ({reason}); the previous index is kept"


def count(number: int, noun: str) -> str:
    """A number with its noun, singular for one.

    >>> count(1, "warning"), count(0, "warning"), count(2, "warning")
    ('1 warning', '0 warnings', '2 warnings')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def response_times(output_dir: Path, by: By) -> list[dict[str, Any]]:
    """How fast the questions in an output folder were answered, grouped ``by`` (``kamerbrief
    stats``), from its database, which is brought up to date first; raises CannotRead."""
    try:
        write_index(output_dir)
        with closing(sqlite3.connect(f"file:{output_dir / DATABASE}?mode=ro", uri=True)) as connection:
            rows = [row.as_dict() for row in _response_times(connection, by)]
    except (OSError, sqlite3.Error) as error:
        raise CannotRead(f"{shown(output_dir / DATABASE)}: cannot read it ({error})") from None
    return [{by if key == "group" else key: value for key, value in row.items()} for row in rows]
