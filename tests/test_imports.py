"""The import rules of the house, drawn from the imports themselves, so that they stay true.

Arrows point one way: cli -> run -> (extract | stages | render | files | cache | workers) -> model.
Render walks blocks and parts: it imports no stage and no pattern. The foundation (model, patterns,
text, urls, dates) imports no stage. Stages never import reading, files, the cache or render.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

FOUNDATION = {"model", "patterns", "text", "urls", "dates"}
"""Shared by every stage; they import nothing but each other."""
STAGES = {"clean", "segment", "inline", "links", "metadata", "checks", "references", "corrections", "lifecycle"}
"""The steps from a RawDocument to a Document: pure, text in and records out."""
OUTSIDE_THE_STAGES = {"pdf", "pdfium_engine", "extract", "files", "cache", "render", "run", "batch", "cli"}
OUTSIDE_THE_STAGES |= {"workers", "index", "database", "limits"}
"""Reading files, writing them, the cache, rendering and the batch: no stage imports them."""
RENDER_MAY_IMPORT = {"model", "urls", "dates", "hyphenate", "render"}
"""Render walks blocks and parts; soft hyphens (``hyphenate``) are presentation too."""

KNOWN_CYCLES: dict[frozenset[str], str] = {}
"""Import circles that are known and being mended elsewhere; a new one, or one mended and still
listed, fails."""


def module_name(path: Path) -> str:
    """``segment`` for ``pipeline/segment/parts.py`` and ``render`` for ``pipeline/render/data.py``:
    a package counts as one module of the house."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0] if parts[0] != "__init__" else "pipeline"


def imported(path: Path) -> Iterator[str]:
    """The modules of the house a file imports, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline."):
            yield node.module.split(".")[1]
        elif isinstance(node, ast.Import):
            yield from (alias.name.split(".")[1] for alias in node.names if alias.name.startswith("pipeline."))


@cache
def graph() -> dict[str, frozenset[str]]:
    """Which module of the house imports which, packages taken whole."""
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        edges.setdefault(name, set()).update(other for other in imported(path) if other != name)
    return {name: frozenset(others) for name, others in edges.items()}


def cycles() -> set[frozenset[str]]:
    """The modules that import each other, directly or through others (strongly connected, by Tarjan)."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in edges.get(name, ()):
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == name:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for name in sorted(edges):
        if name not in index:
            visit(name)
    return found


def test_no_import_circle_but_those_being_mended() -> None:
    assert cycles() == set(KNOWN_CYCLES), "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in cycles())


@pytest.mark.parametrize("module", sorted(FOUNDATION))
def test_the_foundation_imports_no_stage(module: str) -> None:
    assert graph().get(module, frozenset()) <= FOUNDATION


@pytest.mark.parametrize("module", sorted(STAGES))
def test_a_stage_reads_no_file_writes_none_and_renders_nothing(module: str) -> None:
    assert not graph()[module] & OUTSIDE_THE_STAGES


def test_render_imports_no_stage_and_no_pattern() -> None:
    assert graph()["render"] <= RENDER_MAY_IMPORT


def test_nothing_imports_upward_into_the_command_line_or_the_composition() -> None:
    importers = {name for name, others in graph().items() if others & {"cli", "run", "batch"}}
    assert importers <= {"__main__", "pipeline", "cli", "batch"}
