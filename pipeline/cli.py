"""The command line: a thin layer over ``pipeline.run`` and ``pipeline.index``."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from pipeline import cache
from pipeline.extract import DEFAULT_ENGINE, ENGINES, Engine
from pipeline.files import discover_inputs, out_of_date, output_stems
from pipeline.index import INDEX_FILES, write_index
from pipeline.model import REVIEW_WARNINGS
from pipeline.render import FORMATS
from pipeline.run import (
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT,
    Options,
    Result,
    code_files,
    convert_batch,
    select_shard,
)


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
    default=Path("build/cache"),
    show_default=True,
    help="Where extraction results are cached.",
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
    engine: Engine,
    shard: str | None,
    cache_dir: Path,
    no_cache: bool,
    index: bool,
    only_changed: bool,
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
    inputs = discover_inputs(paths or (Path("input"),))
    # Names are made unique over every input found, so a shard or a partial run names alike.
    stems = output_stems(inputs)
    if share:
        inputs = select_shard(inputs, *share)
    if not inputs and not share and not only_changed:
        raise click.ClickException("no input files found (looked for .pdf and .txt)")
    formats = formats or FORMATS
    if only_changed:
        found = len(inputs)
        inputs = out_of_date(inputs, stems, output_dir, formats, code_files())
        if not inputs:
            missing = index and not (output_dir / "index.json").exists()
            index_error = write_index_or_say_why(output_dir) if missing else ""
            click.echo(f"nothing to convert: the outputs of all {found} letters are up to date", err=True)
            sys.exit(1 if index_error else 0)
    if not no_cache and (reason := cache.unusable(cache_dir)):
        # The cache only saves time: without it every letter is still converted.
        click.echo(f"warning: cannot use the cache folder {cache_dir} ({reason}); converting without it", err=True)
        no_cache = True
    options = Options(
        formats=formats,
        max_pages=max_pages,
        engine=engine,
        timeout=timeout,
        cache_dir=None if no_cache else cache_dir,
        debug=debug,
    )
    try:
        results = run_batch(inputs, output_dir, options, jobs, stems)
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
    for result in failed:
        kept = (output_dir / f"{stems[Path(result.source)]}.{formats[0]}").exists()
        click.echo(f"  failed: {result.error}{' (its previous outputs are kept)' if kept else ''}", err=True)
    for result in results:
        for warning in result.warnings:
            if warning.code == "not-a-letter":
                click.echo(f"  not a letter: {result.source}: {warning.message}", err=True)
    for result in doubtful:
        for warning in result.warnings:
            if warning.code in REVIEW_WARNINGS:
                page = f" (page {warning.page})" if warning.page else ""
                click.echo(f"  needs review: {result.source}{page}: {warning.code}: {warning.message}", err=True)
    if index_error:
        click.echo(f"  failed: {index_error}", err=True)
    sys.exit(1 if failed or index_error else 2 if strict and doubtful else 0)


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
    batch = convert_batch(inputs, output_dir, options, jobs, stems)
    if sys.stderr.isatty() and len(inputs) > 1:
        with click.progressbar(batch, length=len(inputs), label="converting", file=sys.stderr) as bar:
            for result in bar:
                results.append(result)
                if result.status == "failed":
                    click.echo(f"\nerror: {result.error}", err=True)
        return results
    for result in batch:
        results.append(result)
        if result.status == "failed":
            click.echo(f"error: {result.error}", err=True)
        else:
            origin = ", extraction from cache" if result.from_cache else ""
            click.echo(f"converted {result.source} ({len(result.warnings)} warnings{origin})", err=True)
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


def index_failure(output_dir: Path, error: OSError) -> str:
    """One line for an index that could not be written; the previous index, if any, is kept."""
    names = ", ".join(INDEX_FILES)
    return f"{output_dir}: cannot write {names} ({error.strerror or error}); the previous index is kept"
