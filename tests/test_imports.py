"""The import rules of the house, drawn from the imports themselves, so that they stay true.

Arrows point one way: cli -> batch -> run -> (extract | stages | render | files | cache | limits |
workers) -> model. Render walks blocks and parts: it imports no stage and no pattern. The
foundation (model, patterns, text, urls, dates, errors) imports no stage. Stages never import the
readers (``pdf/``, the Word reader), files, the cache or render. Each outside library that reads
a file has one home: pdfplumber and pdfminer ``pdf/plumber.py``, pypdfium2 ``pdf/pdfium.py``,
python-docx the two Word modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

FOUNDATION = {"model", "patterns", "text", "urls", "dates", "errors"}
"""Shared by every stage; they import nothing but each other."""
STAGES = {"clean", "segment", "inline", "links", "metadata", "checks", "references", "corrections", "lifecycle"}
STAGES |= {"askers", "letterhead", "question_table", "furniture", "endnotes", "notes"}
"""The steps from a RawDocument to a Document, and the parts of them with a module of their own:
pure, text in and records out."""
LOOKUPS = {"ministries", "officials"}
"""The tables of ministries and officials that stages look names up in."""
READERS = {"pdf", "docx_reader", "docx_package", "docx_numbering", "docx_fields"}
"""What reads a file's bytes into a RawDocument, behind ``extract``."""
WORK = {"extract", "render", "hyphenate", "files", "cache", "limits", "workers", "schema"}
WORK |= {"index", "database", "search", "stats", "cases", "entries", "store", "overview"}
WORK |= READERS | STAGES | LOOKUPS
"""What ``run`` and ``batch`` compose: reading, the stages, rendering, files, the cache, the limits,
the workers and the index; these may import each other as the rules below allow."""

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(layer)
    for layer in (
        {"__main__"},
        {"cli", "pipeline"},
        {"batch"},
        {"run"},
        WORK,
        FOUNDATION,
    )
)
"""Every module of the house, from the top down: ``python -m pipeline``; the command line and
the library's entry points (``pipeline/__init__.py``); the batch; the composition of one
document; the work; the foundation. An import points down, or across within the work or the
foundation; never up."""

STAGE_MAY_IMPORT = STAGES | FOUNDATION | LOOKUPS
"""A stage never reads a file, writes one, keeps the cache or renders: it imports other stages,
the foundation and the lookups, nothing else."""
RENDER_MAY_IMPORT = {"model", "urls", "dates", "hyphenate", "render"}
"""Render walks blocks and parts; soft hyphens (``hyphenate``) are presentation too."""

LIBRARY_HOMES = {
    "pdfplumber": {"pdf/plumber.py"},
    "pdfminer": {"pdf/plumber.py"},
    "pypdfium2": {"pdf/pdfium.py"},
    "docx": {"docx_reader.py", "docx_package.py"},
}
"""The only files that import each library that reads a file (python-docx is ``docx``)."""

KNOWN_CYCLES: dict[frozenset[str], str] = {}
"""Import circles that are known and being mended elsewhere; a new one, or one mended and still
listed, fails."""


def module_name(path: Path) -> str:
    """``segment`` for ``pipeline/segment/parts.py`` and ``render`` for ``pipeline/render/data.py``:
    a package counts as one module of the house."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0] if parts[0] != "__init__" else "pipeline"


def imports(path: Path, source: str | None = None) -> Iterator[str]:
    """The full names a file (or ``source`` in its place) imports, at the top or inside a function,
    relative ones resolved: ``pipeline.model``, ``pdfplumber.page``; for ``from x import y`` both
    ``x`` and ``x.y``."""
    for module, names in import_statements(path, source):
        yield module
        yield from names


def import_statements(path: Path, source: str | None = None) -> Iterator[tuple[str, list[str]]]:
    """Each import of a file: ``("x", ["x.y", "x.z"])`` for ``from x import y, z`` (relative
    ones resolved), ``("x.y", [])`` for ``import x.y``."""
    package = ["pipeline", *path.relative_to(PACKAGE).parent.parts]
    tree = ast.parse(path.read_text(encoding="utf-8") if source is None else source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module, [f"{module}.{alias.name}" for alias in node.names]


def imported(path: Path, source: str | None = None) -> Iterator[str]:
    """The modules of the house a file imports (``model`` for ``pipeline.model.Box``)."""
    for name in imports(path, source):
        parts = name.split(".")
        if parts[0] == "pipeline" and len(parts) > 1:
            yield parts[1]


@cache
def graph() -> dict[str, frozenset[str]]:
    """Which module of the house imports which, packages taken whole."""
    edges: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        edges.setdefault(name, set()).update(other for other in imported(path) if other != name)
    return {name: frozenset(others) for name, others in edges.items()}


def layer(module: str) -> int:
    """How deep a module stands: 0 for ``__main__``, the foundation deepest."""
    depths = [depth for depth, members in enumerate(LAYERS) if module in members]
    assert depths, f"{module} is in no layer: give it its place in LAYERS"
    return depths[0]


@cache
def file_graph() -> dict[str, frozenset[str]]:
    """Which file of the house imports which, by dotted name (``pipeline.pdf.layout``); ``from
    pipeline.pdf import lines`` counts as ``pipeline.pdf.lines``, not the package's ``__init__``."""
    files = {dotted(path): path for path in PACKAGE.rglob("*.py")}
    edges: dict[str, frozenset[str]] = {}
    for name, path in files.items():
        found: set[str] = set()
        for module, names in import_statements(path):
            found.update(inner if inner in files else module for inner in names or [module])
        edges[name] = frozenset(other for other in found if other in files and other != name)
    return edges


def dotted(path: Path) -> str:
    parts = ("pipeline", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def cycles(edges: dict[str, frozenset[str]]) -> set[frozenset[str]]:
    """The nodes that import each other, directly or through others (strongly connected, by Tarjan)."""
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
    found = cycles(graph())
    assert found == set(KNOWN_CYCLES), "import circles: " + "; ".join(" <-> ".join(sorted(c)) for c in found)


def test_no_file_imports_itself_through_others() -> None:
    """Inside a package too (``pdf/``, ``segment/``, ``render/``): no two files import each other."""
    known = {frozenset(f"pipeline.{module}" for module in cycle) for cycle in KNOWN_CYCLES}
    assert cycles(file_graph()) == known
    assert "pipeline.pdf.lines" in file_graph()["pipeline.pdf.layout"]


def test_the_rules_of_the_pdf_layout_that_need_no_page_import_nothing_of_the_house() -> None:
    """``pdf/`` counts as one module of the layers; inside it, the type sizes and the word-space
    rule are pure functions over numbers, which every other part of the layout may use."""
    assert file_graph()["pipeline.pdf.spacing"] == frozenset()
    assert file_graph()["pipeline.pdf.typesize"] == frozenset()
    assert "pipeline.pdf.spacing" in file_graph()["pipeline.pdf.lines"]


def test_every_module_has_its_place_in_the_layers() -> None:
    """A new module is given its layer here, so the rules below cover the whole house."""
    modules = set(graph()) | {other for others in graph().values() for other in others}
    placed = [module for members in LAYERS for module in members]
    assert sorted(modules - set(placed)) == [], "modules in no layer"
    assert sorted(set(placed) - modules) == [], "layers name modules that are gone"
    assert len(placed) == len(set(placed)), "a module in two layers"


def test_no_arrow_points_back_up() -> None:
    """cli -> batch -> run -> the work -> the foundation: an import points down or across, never up."""
    upward = sorted(
        f"{module} imports {other}"
        for module, others in graph().items()
        for other in others
        if layer(other) < layer(module)
    )
    assert upward == []


@pytest.mark.parametrize("module", sorted(FOUNDATION))
def test_the_foundation_imports_no_stage(module: str) -> None:
    assert graph().get(module, frozenset()) <= FOUNDATION


@pytest.mark.parametrize("module", sorted(STAGES))
def test_a_stage_reads_no_file_writes_none_and_renders_nothing(module: str) -> None:
    assert not graph()[module] & {"pdf", "files", "cache", "render"}
    assert graph()[module] <= STAGE_MAY_IMPORT, sorted(graph()[module] - STAGE_MAY_IMPORT)


def test_the_pdf_room_stands_on_the_foundation_alone() -> None:
    """extract -> pdf/ -> model: the PDF room knows the model, the errors and the text helpers,
    never a stage, the batch or the extraction that calls it (pdf.py and extract.py once imported
    each other)."""
    assert graph()["pdf"] <= FOUNDATION


def test_render_imports_no_stage_and_no_pattern() -> None:
    assert graph()["render"] <= RENDER_MAY_IMPORT


def test_the_readers_sit_behind_extract() -> None:
    """Only ``extract`` opens a reader (the Word reader's own parts aside): the rest of the house
    meets a RawDocument."""
    for reader in READERS:
        importers = {module for module, others in graph().items() if reader in others}
        assert importers <= {"extract"} | READERS, (reader, sorted(importers))


@pytest.mark.parametrize("library", sorted(LIBRARY_HOMES))
def test_each_library_that_reads_a_file_has_one_home(library: str) -> None:
    importers = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(name == library or name.startswith(f"{library}.") for name in imports(path))
    }
    assert importers == LIBRARY_HOMES[library]


def test_relative_imports_are_resolved() -> None:
    """The rules see ``from ..model import Box`` in ``pdf/layout.py`` as an import of ``model``."""
    source = "from ..model import Box\nfrom . import lines\nfrom .page import Char\nimport pypdfium2.raw\n"
    path = PACKAGE / "pdf" / "layout.py"
    assert set(imported(path, source)) == {"model", "pdf"}
    assert {"pipeline.pdf.lines", "pypdfium2.raw"} <= set(imports(path, source))
