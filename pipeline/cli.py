"""The command line: a thin layer over ``pipeline.run`` and ``pipeline.index``."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import click

from pipeline import cache
from pipeline.database import DATABASE
from pipeline.extract import DEFAULT_ENGINE, ENGINES, Engine
from pipeline.files import find_inputs, orphaned_outputs, out_of_date, output_stems
from pipeline.index import CITATION_FIELDS, INDEX_FILES, citations, write_index
from pipeline.model import REVIEW_WARNINGS
from pipeline.render import FORMATS
from pipeline.run import (
    DEFAULT_MAX_MEMORY,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    Options,
    Result,
    code_files,
    convert_batch,
    select_shard,
)
from pipeline.stats import BY, FIELDS, By, response_times


def count(number: int, noun: str) -> str:
    """A number with its noun, singular for one.

    >>> count(1, "warning"), count(0, "warning"), count(2, "warning")
    ('1 warning', '0 warnings', '2 warnings')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    try:
        shard, shards = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter("use K/N, e.g. 2/8") from None
    if not 1 <= shard <= shards:
        raise click.BadParameter("K must be between 1 and N")
    return shard, shards


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kamerbrief")
def main() -> None:
    """Turn Dutch letters to parliament (Kamerbrieven) and answers to written questions
    into structured JSON, Markdown and HTML."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder to write the outputs to.",
)
@click.option(
    "--to",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Output format; repeat for several (default: all).",
)
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--timeout",
    type=click.IntRange(0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one document may take (0: no limit).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Refuse documents with more pages than this.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(0),
    default=DEFAULT_MAX_MEMORY,
    show_default=True,
    help="Megabytes of memory one document may take (0: no limit; Linux).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="The library that reads PDFs: pdfplumber, or pdfium (pypdfium2, several times faster).",
)
@click.option("--shard", metavar="K/N", help="Convert only the K-th of N stable shares of the inputs.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KAMERBRIEF_CACHE_DIR",
    help="Where extraction results are cached [default: $XDG_CACHE_HOME/kamerbrief, else ~/.cache/kamerbrief; "
    "also $KAMERBRIEF_CACHE_DIR].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
@click.option(
    "--index/--no-index", default=True, show_default=True, help="Write index.json, index.html, questions.jsonl."
)
@click.option(
    "--only-changed",
    is_flag=True,
    help="Convert only the letters whose outputs are missing or older than the letter, its corrections "
    "file, the pipeline or the templates (what `make all` runs).",
)
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the outputs of letters that are no longer among the inputs (what `make all` runs).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 2 when a converted letter needs review (its questions or answers may be read wrong).",
)
@click.option("--debug", is_flag=True, help="Show a traceback when something unexpected fails.")
def convert(
    paths: tuple[Path, ...],
    output_dir: Path,
    formats: tuple[str, ...],
    jobs: int,
    timeout: int,
    max_pages: int,
    max_memory: int,
    engine: Engine,
    shard: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    index: bool,
    only_changed: bool,
    prune: bool,
    strict: bool,
    debug: bool,
) -> None:
    """Convert letters (PDF or extracted text) to JSON, Markdown and HTML.

    PATHS are files or folders (default: input/). Each input becomes OUTPUT/<name>.json,
    .md and .html. A file that fails gets one line on standard error and keeps its previous
    outputs; the others are converted all the same. The exit code is 0 when every file
    converted and 1 when any failed; with --strict, 2 when none failed but a letter needs
    review (a warning says its questions or answers may be read wrong).
    """
    share = parse_shard(shard)
    found = find_inputs(paths or (Path("input"),))
    inputs = found.files
    # Names are made unique over every input found, so a shard or a partial run names alike.
    stems = output_stems(inputs)
    refused = found.refused
    if share:
        inputs = select_shard(inputs, *share)
        kept = set(select_shard([path for path, _ in refused], *share))
        refused = [(path, reason) for path, reason in refused if path in kept]
    if not inputs and not refused and not share and not only_changed:
        raise click.ClickException("no input files found (looked for .pdf, .txt and .docx)")
    # Inputs refused on discovery (a symbolic link out of the folder) fail like a bad file.
    refusals = [Result(str(path), "failed", error=f"{path}: {reason}") for path, reason in refused]
    for result in refusals:
        click.echo(f"error: {result.error}", err=True)
    formats = formats or FORMATS
    pruned = remove_orphans(output_dir, set(stems.values())) if prune else []
    if only_changed:
        count = len(inputs)
        inputs = out_of_date(inputs, stems, output_dir, formats, code_files())
        if not inputs:
            missing = index and (bool(pruned) or not (output_dir / "index.json").exists())
            index_error = write_index_or_say_why(output_dir) if missing else ""
            letters = "the one letter" if count == 1 else f"all {count} letters"
            click.echo(f"nothing to convert: the outputs of {letters} are up to date", err=True)
            sys.exit(1 if index_error or refusals else 0)
    cache_dir = cache_dir or cache.default_folder()
    if not no_cache and (reason := cache.unusable(cache_dir)):
        # The cache only saves time: without it every letter is still converted.
        click.echo(f"warning: cannot use the cache folder {cache_dir} ({reason}); converting without it", err=True)
        no_cache = True
    options = Options(
        formats=formats,
        max_pages=max_pages,
        engine=engine,
        timeout=timeout,
        max_memory=max_memory,
        cache_dir=None if no_cache else cache_dir,
        debug=debug,
    )
    try:
        with stopped_by_signals():
            results = refusals + run_batch(inputs, output_dir, options, jobs, stems)
    except Interrupted as stop:
        name = signal.Signals(stop.signum).name
        click.echo(f"interrupted by {name}: the letters converted so far are written, the index is not", err=True)
        sys.exit(128 + stop.signum)
    except Exception as error:
        if debug:
            traceback.print_exc()
        raise click.ClickException(f"unexpected error: {error} (run with --debug for details)") from None
    failed = [result for result in results if result.status == "failed"]
    index_error = ""
    if index and output_dir.exists():
        index_error = write_index_or_say_why(output_dir, [(result.source, result.error) for result in failed])
    warned = sum(1 for result in results if result.warnings)
    doubtful = [result for result in results if result.needs_review]
    click.echo(
        f"{len(results) - len(failed)} converted, {len(failed)} failed, {warned} with warnings, "
        f"{len(doubtful)} need review",
        err=True,
    )
    for result in results:
        for warning in result.warnings:
            if warning.code == "not-a-letter":
                click.echo(f"  not a letter: {result.source}: {warning.message}", err=True)
    for result in doubtful:
        for warning in result.warnings:
            if warning.code in REVIEW_WARNINGS:
                page = f" ({warning.where})" if warning.where else ""
                click.echo(f"  needs review: {result.source}{page}: {warning.code}: {warning.message}", err=True)
    sys.exit(1 if failed or index_error else 2 if strict and doubtful else 0)


class Interrupted(BaseException):
    """A signal asked the run to end (SIGTERM, SIGHUP): raised like Ctrl-C's KeyboardInterrupt, so
    that the worker processes are stopped and no output is left half written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise Interrupted instead of ending the process at once
    (which would leave the workers running on, orphaned)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def remove_orphans(output_dir: Path, stems: set[str]) -> list[Path]:
    """Remove the outputs of letters no longer among the inputs, one line each; a file that cannot
    be removed is said and left."""
    removed = []
    for path in orphaned_outputs(output_dir, stems) if output_dir.is_dir() else []:
        try:
            path.unlink()
        except OSError as error:
            click.echo(f"warning: cannot remove {path} ({error.strerror or error})", err=True)
            continue
        removed.append(path)
        click.echo(f"removed {path} (its letter is no longer among the inputs)", err=True)
    return removed


def write_index_or_say_why(output_dir: Path, failures: list[tuple[str, str]] | None = None) -> str:
    """Write the index; if it cannot be written, print one line and return it (else "")."""
    try:
        write_index(output_dir, failures or [])
    except OSError as error:
        message = index_failure(output_dir, error)
        click.echo(f"error: {message}", err=True)
        return message
    return ""


def run_batch(
    inputs: list[Path], output_dir: Path, options: Options, jobs: int, stems: dict[Path, str] | None = None
) -> list[Result]:
    """Convert with a progress bar on a terminal and one log line per file elsewhere (CI)."""
    results: list[Result] = []
    stems = stems or output_stems(inputs)
    batch = convert_batch(inputs, output_dir, options, jobs, stems)

    def error_line(result: Result) -> str:
        # Each failure is told once, here: the summary only counts them.
        kept = (output_dir / f"{stems[Path(result.source)]}.{options.formats[0]}").exists()
        return f"error: {result.error}{' (its previous outputs are kept)' if kept else ''}"

    if sys.stderr.isatty() and len(inputs) > 1:
        with click.progressbar(batch, length=len(inputs), label="converting", file=sys.stderr) as bar:
            for result in bar:
                results.append(result)
                if result.status == "failed":
                    click.echo(f"\n{error_line(result)}", err=True)
        return results
    for result in batch:
        results.append(result)
        if result.status == "failed":
            click.echo(error_line(result), err=True)
        else:
            origin = ", extraction from cache" if result.from_cache else ""
            click.echo(f"converted {result.source} ({count(len(result.warnings), 'warning')}{origin})", err=True)
    return results


@main.command("index")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
def index_command(output_dir: Path) -> None:
    """Write index.json, index.html and questions.jsonl for the letters in OUTPUT_DIR."""
    try:
        written = write_index(output_dir)
    except OSError as error:
        raise click.ClickException(index_failure(output_dir, error)) from None
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command("refs")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def refs_command(output_dir: Path, output_format: str) -> None:
    """Print which letters in OUTPUT_DIR cite which documents: one row per reference."""
    rows = citations(output_dir)
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=CITATION_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(stream.getvalue(), nl=False)


@main.command("stats")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
@click.option("--by", "by", type=click.Choice(BY), default="ministry", show_default=True, help="Group the cases by.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def stats_command(output_dir: Path, by: By, output_format: str) -> None:
    """Print how fast the questions in OUTPUT_DIR were answered: per ministry, party or member, the
    cases, how many were answered, the median days to answer and the share within three weeks.

    Read from OUTPUT_DIR/kamerbrief.db, which every run (and `kamerbrief index`) brings up to date
    first."""
    try:
        write_index(output_dir)
        with closing(sqlite3.connect(f"file:{output_dir / DATABASE}?mode=ro", uri=True)) as connection:
            rows = [row.as_dict() for row in response_times(connection, by)]
    except (OSError, sqlite3.Error) as error:
        raise click.ClickException(f"{output_dir / DATABASE}: cannot read it ({error})") from None
    fields = [by if name == "group" else name for name in FIELDS]
    rows = [{by if key == "group" else key: value for key, value in row.items()} for row in rows]
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if output_format == "csv":
        stream = io.StringIO()
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(stream.getvalue(), nl=False)
        return
    shown = [[("–" if value is None else str(value)) for value in row.values()] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(fields, *shown, strict=False)]
    for line in [fields, *shown]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())


def index_failure(output_dir: Path, error: OSError) -> str:
    """One line for an index that could not be written; the previous index, if any, is kept."""
    names = ", ".join(INDEX_FILES)
    return f"{output_dir}: cannot write {names} ({error.strerror or error}); the previous index is kept"
