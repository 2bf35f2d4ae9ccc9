"""The README stays true to the code: its two commands at the top, its Python runs, and every
module it names is there (modules moved into ``pdf/`` and ``render/`` left stale names behind)."""

from __future__ import annotations

import ast
import importlib.util

import pytest
import regex

from tests.conftest import TESTS

ROOT = TESTS.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = regex.compile(r"^```(?P<language>\w*)\n(?P<code>.*?)^```$", regex.MULTILINE | regex.DOTALL)
SOURCE_NAME = regex.compile(r"`(?P<path>[\w./-]+\.(?:py|j2))`")


def test_the_two_commands_stand_at_the_top() -> None:
    first = next(FENCE.finditer(README))
    commands = [line.split("#")[0].strip() for line in first["code"].splitlines()]
    assert commands == ["make all", "make test"]


@pytest.mark.parametrize("number", range(sum(1 for m in FENCE.finditer(README) if m["language"] == "python")))
def test_the_python_of_the_readme_runs(number: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A block that imports a tool the project does not install (DuckDB, for readers of the
    database) is compiled, not run: its syntax is checked, its tool is the reader's."""
    code = [m["code"] for m in FENCE.finditer(README) if m["language"] == "python"][number]
    compiled = compile(code, f"README.md, Python block {number + 1}", "exec")
    if foreign_imports(code):
        return
    monkeypatch.chdir(ROOT)  # its paths are those of the repository, as for a newcomer in it
    exec(compiled, {})


def foreign_imports(code: str) -> list[str]:
    """The top-level packages a block imports that this environment does not have."""
    names = [
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [
        node.module.split(".")[0]
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.ImportFrom) and node.module and not node.level
    ]
    return sorted({name for name in names if importlib.util.find_spec(name) is None})


def test_only_a_readers_tool_is_foreign() -> None:
    """The blocks run against the pipeline itself: only DuckDB, which the README tells the reader
    to install, may be missing, so a typo in an import of ours is not taken for a foreign tool."""
    blocks = [m["code"] for m in FENCE.finditer(README) if m["language"] == "python"]
    assert {name for code in blocks for name in foreign_imports(code)} <= {"duckdb"}
    assert foreign_imports("import pipeline\nfrom pipeline import run") == []


def missing_modules(text: str) -> list[str]:
    """The modules a text names (``reader.py``, ``pdf/pdfium.py``) that end no path of the repository."""
    files = [
        path.relative_to(ROOT).as_posix()
        for pattern in ("*.py", "*.j2")
        for path in ROOT.rglob(pattern)
        if not {".venv", "build"} & set(path.relative_to(ROOT).parts)
    ]
    named = sorted({match["path"] for match in SOURCE_NAME.finditer(text)})
    return [name for name in named if not any(f == name or f.endswith(f"/{name}") for f in files)]


def test_every_module_the_readme_names_is_there() -> None:
    assert SOURCE_NAME.search(README), "the README names modules"
    assert missing_modules(README) == []


def test_a_module_that_moved_is_missing() -> None:
    """pdf.py became the pdf/ package, pdfium_engine.py its pdfium.py: the old names are caught."""
    text = "`pdf.py` and `pdfium_engine.py` moved to `pdf/reader.py` and `pdf/pdfium.py`; `render/data.py`"
    assert missing_modules(text) == ["pdf.py", "pdfium_engine.py"]
