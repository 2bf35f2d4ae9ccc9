"""Crash isolation and limits: whatever converting one file does (a C library's abort or segfault,
a loop that swallows every exception, an allocation explosion) costs that file only, under
``--jobs 1`` as under ``--jobs 2``, and the run still ends with its summary and index."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import Engine
from pipeline.run import Options, convert_file
from tests.conftest import DATA, SEED, TESTS, run_cli
from tests.pdfs import one_page_pdf

HOSTILE = DATA / "hostile"
PACKAGE = TESTS.parent / "pipeline"


def with_doubles() -> dict[str, str]:
    """The environment that loads ``tests/doubles/sitecustomize.py`` in every process of a run."""
    path = os.pathsep.join(filter(None, [str(TESTS / "doubles"), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "KAMERBRIEF_DOUBLES": "1"}


def error_lines(stderr: str) -> dict[str, str]:
    """The error lines of a run, by the file they name."""
    lines = [line.removeprefix("error: ") for line in stderr.splitlines() if line.startswith("error: ")]
    return dict(line.split(": ", 1) for line in lines)


def index_failures(out: Path) -> dict[str, str]:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return {entry["source"]: entry["error"] for entry in index["documents"] if entry["status"] == "failed"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_pdfium_blowing_up_on_form_cycles_costs_one_file_each(tmp_path: Path, jobs: str) -> None:
    """Two Form XObjects that draw each other (c06) and a fan-out of forms (c07) made pdfium allocate
    up to the memory limit and abort the process: with --jobs 1, the whole run (exit 134, no line,
    no summary, no index)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("c06-xobject-mutual.pdf", "c07-xobject-billion-laughs.pdf"):
        shutil.copy(HOSTILE / name, folder / name)
    shutil.copy(SEED, folder / "goed.txt")
    out = tmp_path / "out"
    completed = run_cli(
        "convert", str(folder), "-o", str(out), "--engine", "pdfium", "--jobs", jobs,
        "--max-memory", "256", "--timeout", "120", "--no-cache", limit=300,
    )  # fmt: skip
    errors = error_lines(completed.stderr)
    assert sorted(errors) == [str(folder / "c06-xobject-mutual.pdf"), str(folder / "c07-xobject-billion-laughs.pdf")]
    # An abort at the memory limit, or whatever one-line error a cap inside the engine gives.
    assert all("\n" not in reason and "internal error" not in reason for reason in errors.values()), errors
    assert "1 converted, 2 failed" in completed.stderr and completed.returncode == 1, completed.stderr
    assert (out / "goed.json").exists()
    assert sorted(index_failures(out)) == ["c06-xobject-mutual.pdf", "c07-xobject-billion-laughs.pdf"]


@pytest.mark.parametrize(("engine", "jobs"), [("pdfplumber", "1"), ("pdfium", "2")])
def test_an_abort_a_segfault_a_loop_or_a_hoard_costs_one_file_on_any_engine(
    tmp_path: Path, engine: Engine, jobs: str
) -> None:
    """Test doubles (tests/doubles) misbehave in the process that converts them, as a C library
    or a bug can: each fails with one line naming the file and the cause, and the others convert."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("abort", "segfault", "stubborn", "greedy", "broken", "goed"):
        (folder / f"{name}.pdf").write_bytes(one_page_pdf())
    shutil.copy(SEED, folder / "z.txt")
    out = tmp_path / "out"
    completed = run_cli(
        "convert", str(folder), "-o", str(out), "--engine", engine, "--jobs", jobs,
        "--timeout", "3", "--max-memory", "256", "--no-cache", limit=180, env=with_doubles(),
    )  # fmt: skip
    library = "pdfium" if engine == "pdfium" else "the conversion"
    assert error_lines(completed.stderr) == {
        str(folder / "abort.pdf"): f"{library} aborted (out of memory?)",
        str(folder / "broken.pdf"): "internal error (KeyError: 'oeps'); please report it (--debug shows where)",
        str(folder / "greedy.pdf"): "needed more than 256 MB of memory (the per-document limit, --max-memory)",
        str(folder / "segfault.pdf"): f"{library} crashed with signal 11 (SIGSEGV)",
        str(folder / "stubborn.pdf"): "took longer than 3 s to convert (the per-document time limit)",
    }, completed.stderr
    assert "2 converted, 5 failed" in completed.stderr and completed.returncode == 1
    assert (out / "goed.json").exists() and (out / "z.json").exists()
    assert index_failures(out)["segfault.pdf"] == f"segfault.pdf: {library} crashed with signal 11 (SIGSEGV)"


def test_a_limit_cannot_be_swallowed_by_a_library_call(tmp_path: Path) -> None:
    """The library call converts in the caller's process without an alarm; convert_file converts
    in a child and ends it at the limit, even one that swallows every exception."""
    (tmp_path / "stubborn.txt").write_bytes(SEED.read_bytes())
    code = (
        "import sys; from pathlib import Path; from pipeline.run import Options, convert_file; "
        "print(convert_file(Path(sys.argv[1]), Path(sys.argv[2]), Options(timeout=1)).error)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "stubborn.txt"), str(tmp_path / "out")],
        env=with_doubles(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert completed.stdout.strip() == (
        f"{tmp_path / 'stubborn.txt'}: took longer than 1 s to convert (the per-document time limit)"
    ), completed.stderr
    assert convert_file(SEED, tmp_path / "out", Options(timeout=60)).status == "converted"


def test_no_alarm_is_ever_set() -> None:
    """SIGALRM fired inside hypothesis's garbage-collection hook and was swallowed there
    (PytestUnraisableExceptionWarning): a signal can be delivered into any Python code. The time
    limit is enforced by ending the child process instead; nothing in the package arms an alarm."""
    armed = [
        f"{path.relative_to(PACKAGE)}: {word}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for word in ("SIGALRM", "setitimer", "signal.alarm")
        if word in path.read_text(encoding="utf-8")
    ]
    assert armed == []
