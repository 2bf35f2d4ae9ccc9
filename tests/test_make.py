"""`make all` as users run it: incremental, re-rendering from the cache, per-letter corrections."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"

pytestmark = pytest.mark.skipif(
    not (VENV / "bin" / "kamerbrief").exists() or shutil.which("make") is None,
    reason="needs the project's .venv (make setup) and make",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / ".venv").symlink_to(VENV)
    (tmp_path / "input").mkdir()
    shutil.copy(SEED, tmp_path / "input" / "een.txt")
    shutil.copy(SEED, tmp_path / "input" / "twee.txt")
    return tmp_path


def make(project: Path, *args: str) -> str:
    # -o: the shared .venv is set up already; never reinstall it from the copied pyproject.
    completed = subprocess.run(
        ["make", "-o", ".venv/.installed", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    return completed.stdout + completed.stderr


def mtimes(project: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted((project / "output").iterdir())}


def later(path: Path) -> None:
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))


def test_second_make_all_touches_nothing(project: Path) -> None:
    log = make(project, "all")
    assert log.count("converted input/") == 2
    assert {"een.json", "een.md", "een.html", "twee.json", "index.json", "index.html", "questions.jsonl"} <= set(
        mtimes(project)
    )
    before = mtimes(project)
    assert "converted" not in make(project, "all")
    assert mtimes(project) == before


def test_template_change_rerenders_without_reextracting(project: Path) -> None:
    make(project, "all")
    later(project / "templates" / "document.md.j2")
    log = make(project, "all")
    assert log.count("extraction from cache") == 2


def test_corrections_regenerate_only_their_letter(project: Path) -> None:
    make(project, "all")
    before = mtimes(project)
    corrections = project / "input" / "een.corrections.toml"
    corrections.write_text('[metadata]\nsubject = "AI"\n', encoding="utf-8")
    later(corrections)
    log = make(project, "all")
    assert "converted input/een.txt" in log and "twee" not in log.replace("twee.json", "")
    after = mtimes(project)
    assert after["twee.json"] == before["twee.json"]
    assert after["een.json"] != before["een.json"]


def test_parallel_make_and_clean(project: Path) -> None:
    make(project, "-j", "2", "all")
    assert (project / "output" / "twee.html").exists()
    make(project, "clean")
    assert list((project / "output").iterdir()) == []
    assert (project / "input" / "een.txt").exists()
