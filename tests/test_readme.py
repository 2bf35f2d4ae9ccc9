"""The README stays true to the code: its two commands at the top, its Python runs, and every
module it names is there (modules moved into ``pdf/`` and ``render/`` left stale names behind)."""

from __future__ import annotations

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
    code = [m["code"] for m in FENCE.finditer(README) if m["language"] == "python"][number]
    monkeypatch.chdir(ROOT)  # its paths are those of the repository, as for a newcomer in it
    exec(compile(code, f"README.md, Python block {number + 1}", "exec"), {})


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
