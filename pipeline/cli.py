"""The command line: options in, ``batch.run`` (which computes the report and the exit code), lines out."""

from __future__ import annotations

import csv
import io
import json
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from pipeline import batch


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
    type=click.Choice(batch.FORMATS),
    help="Output format; repeat for several (default: all).",
)
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--timeout",
    type=click.IntRange(0),
    default=batch.DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one document may take (0: no limit).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(1),
    default=batch.DEFAULT_MAX_PAGES,
    show_default=True,
    help="Refuse documents with more pages than this.",
)
@click.option(
    "--max-memory",
    type=click.IntRange(0),
    default=batch.DEFAULT_MAX_MEMORY,
    show_default=True,
    help="Megabytes of memory one document may take (0: no limit; Linux).",
)
@click.option(
    "--engine",
    type=click.Choice(batch.ENGINES),
    default=batch.DEFAULT_ENGINE,
    show_default=True,
    help="The library that reads PDFs: pdfium (pypdfium2, several times faster) or pdfplumber; either runs "
    "in a child process, so a crash costs one document.",
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
    engine: batch.Engine,
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
    request = batch.Request(
        paths=paths,
        output_dir=output_dir,
        formats=formats or batch.FORMATS,
        jobs=jobs,
        timeout=timeout,
        max_pages=max_pages,
        max_memory=max_memory,
        engine=engine,
        shard=parse_shard(shard),
        cache_dir=cache_dir,
        use_cache=not no_cache,
        index=index,
        only_changed=only_changed,
        prune=prune,
        strict=strict,
        debug=debug,
    )
    try:
        report = batch.run(request, Printer())
    except batch.NoInputs as error:
        raise click.ClickException(str(error)) from None
    except Exception as error:
        if debug:
            traceback.print_exc()
        raise click.ClickException(f"unexpected error: {error} (run with --debug for details)") from None
    for line in report.lines:
        click.echo(line, err=True)
    sys.exit(report.exit_code)


class Printer(batch.Listener):
    """Tells a batch as it goes: a progress bar on a terminal (and the errors), a line per file elsewhere (CI)."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.left = 0

    def line(self, text: str) -> None:
        click.echo(text, err=True)

    def planned(self, count: int) -> None:
        if sys.stderr.isatty() and count > 1:
            self.bar, self.left = click.progressbar(length=count, label="converting", file=sys.stderr), count
            self.bar.render_progress()

    def done(self, result: batch.Result, line: str) -> None:
        if self.bar is None:
            click.echo(line, err=True)
            return
        self.bar.update(1)
        if result.status == "failed":
            click.echo(f"\n{line}", err=True)
        self.left -= 1
        if not self.left:
            self.bar.render_finish()


@main.command("index")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
def index_command(output_dir: Path) -> None:
    """Write index.json, index.html and questions.jsonl for the letters in OUTPUT_DIR."""
    report = batch.reindex(output_dir)
    for line in report.lines:
        click.echo(line, err=True)
    sys.exit(report.exit_code)


@main.command("refs")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
@click.option("--format", "output_format", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
def refs_command(output_dir: Path, output_format: str) -> None:
    """Print which letters in OUTPUT_DIR cite which documents: one row per reference."""
    rows = batch.citations(output_dir)
    if output_format == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=batch.CITATION_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(stream.getvalue(), nl=False)


@main.command("stats")
@click.argument("output_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("output"))
@click.option(
    "--by", "by", type=click.Choice(batch.BY), default="ministry", show_default=True, help="Group the cases by."
)
@click.option(
    "--format", "output_format", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
def stats_command(output_dir: Path, by: batch.By, output_format: str) -> None:
    """Print how fast the questions in OUTPUT_DIR were answered: per ministry, party or member, the
    cases, how many were answered, the median days to answer and the share within three weeks.

    Read from OUTPUT_DIR/kamerbrief.db, which every run (and `kamerbrief index`) brings up to date
    first."""
    try:
        rows = batch.response_times(output_dir, by)
    except batch.CannotRead as error:
        raise click.ClickException(str(error)) from None
    fields = [by if name == "group" else name for name in batch.STATS_FIELDS]
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
