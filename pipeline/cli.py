"""The command line: a thin layer over ``pipeline.run``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.files import discover_inputs
from pipeline.render import FORMATS
from pipeline.run import DEFAULT_MAX_PAGES, convert_batch


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
@click.option(
    "--max-pages",
    type=click.IntRange(1),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Refuse documents with more pages than this.",
)
@click.option("--debug", is_flag=True, help="Show a traceback when something unexpected fails.")
def convert(paths: tuple[Path, ...], output_dir: Path, formats: tuple[str, ...], max_pages: int, debug: bool) -> None:
    """Convert letters (PDF or extracted text) to JSON, Markdown and HTML.

    PATHS are files or folders (default: input/). Each input becomes OUTPUT/<name>.json,
    .md and .html. The exit code is 0 when every file converted and 1 when any failed;
    a failed file keeps its previous outputs.
    """
    inputs = discover_inputs(paths or (Path("input"),))
    if not inputs:
        raise click.ClickException("no input files found (looked for .pdf and .txt)")
    failed = converted = warned = 0
    for result in convert_batch(inputs, output_dir, formats or FORMATS, max_pages):
        if result.status == "failed":
            failed += 1
            click.echo(f"error: {result.error}", err=True)
            continue
        converted += 1
        if result.warnings:
            warned += 1
        click.echo(f"converted {result.source} ({len(result.warnings)} warnings)")
    click.echo(f"{converted} converted, {failed} failed, {warned} with warnings")
    sys.exit(1 if failed else 0)
