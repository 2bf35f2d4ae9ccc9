"""`make all` as users run it: incremental, re-rendering from the cache, per-letter corrections."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (VENV / "bin" / "kamerbrief").exists() or shutil.which("make") is None,
        reason="needs the project's .venv (make setup) and make",
    ),
]


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
    # The .venv runs the repository's pipeline; the copied templates are the ones it renders with.
    completed = subprocess.run(
        ["make", "-o", ".venv/.installed", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MAKEFLAGS": "", "KAMERBRIEF_TEMPLATES": str(project / "templates")},
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
    assert "--jobs 2" in make(project, "-j", "2", "all")
    assert (project / "output" / "twee.html").exists()
    make(project, "clean")
    assert list((project / "output").iterdir()) == []
    assert (project / "input" / "een.txt").exists()


def test_any_file_name_converts_and_none_runs_a_command(project: Path) -> None:
    names = ["y`id>PWNED`.txt", "$(touch PWNED2).txt", "met spatie.txt", "a;b.txt", "c&d|e.txt", "it's.txt"]
    names += ["50%:#x.txt", "new\nline.txt"]
    for name in names:
        shutil.copy(SEED, project / "input" / name)
    log = make(project, "all")
    assert [path.name for path in project.rglob("PWNED*")] == []
    for name in names:
        shown = name.replace("\n", "\\n")  # a newline in a name is shown escaped: it never splits the line
        assert f"converted input/{shown} " in log, log
    stems = ["y_id_PWNED", "touch_PWNED2", "met_spatie", "a_b", "c_d_e", "it_s", "50_x", "new_line"]
    assert {f"{stem}.html" for stem in stems} <= set(mtimes(project))
    assert "converted" not in make(project, "all")


def test_a_removed_letter_loses_its_outputs_and_its_index_entry(project: Path) -> None:
    make(project, "all")
    (project / "output" / "notes.json").write_text('{"mine": true}\n', encoding="utf-8")
    (project / "input" / "twee.txt").unlink()
    log = make(project, "all")
    assert "removed output/twee.json" in log and "converted" not in log
    assert not any(path.stem == "twee" for path in (project / "output").iterdir())
    assert (project / "output" / "notes.json").exists()  # not a letter's output: never touched
    index = json.loads((project / "output" / "index.json").read_text(encoding="utf-8"))
    assert [entry["source"] for entry in index["documents"]] == ["een.txt"]
    assert "twee" not in (project / "output" / "questions.jsonl").read_text(encoding="utf-8")
    log = make(project, "all")
    assert "removed output/" not in log and "the outputs of the one letter are up to date" in log


def test_a_removed_corrections_file_regenerates_its_letter(project: Path) -> None:
    corrections = project / "input" / "een.corrections.toml"
    corrections.write_text('[metadata]\nsubject = "AI"\n', encoding="utf-8")
    make(project, "all")
    assert json.loads((project / "output" / "een.json").read_text(encoding="utf-8"))["metadata"]["subject"] == "AI"
    corrections.unlink()
    log = make(project, "all")
    assert "converted input/een.txt" in log and "twee" not in log.replace("twee.json", "")
    data = json.loads((project / "output" / "een.json").read_text(encoding="utf-8"))
    assert data["metadata"]["subject"] != "AI" and data["corrections"] == []
    assert "converted" not in make(project, "all")
