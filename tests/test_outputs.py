"""An output folder as others see it: a letter's outputs all old or all new even after kill -9, and an
index that names files alike however they were typed and that two runs at once both add to."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipeline.files import JOURNAL_SUFFIX, folder_lock, settle
from pipeline.index import write_index
from pipeline.store import STORE
from tests.conftest import SEED, TESTS, run_cli

KILLED_AFTER_A_RENAME = """
import os, signal, sys
from pathlib import Path

rename = Path.replace


def replace(self, target):
    moved = rename(self, target)
    if Path(target).name == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)  # kill -9, right after the first of a letter's renames
    return moved


Path.replace = replace
from pipeline.cli import main

main(sys.argv[2:], prog_name="kamerbrief")
"""


def killed_after_renaming(name: str, *args: str) -> None:
    """Run ``kamerbrief`` in a process that is killed (SIGKILL) right after it renamed a file to ``name``."""
    completed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_A_RENAME, name, *args],
        cwd=TESTS.parent, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == -9, completed.stderr


def version(out: Path, suffix: str) -> str:
    text = (out / f"brief.{suffix}").read_text(encoding="utf-8")
    return "new" if "künstliche" in text else "old"


@pytest.fixture
def half_switched(tmp_path: Path) -> tuple[Path, Path]:
    """A letter whose new .json is in place beside its old .md and .html: its run was killed between
    the renames. Returns the letter and the output folder."""
    letter = tmp_path / "in" / "brief.txt"
    letter.parent.mkdir()
    shutil.copy(SEED, letter)
    out = tmp_path / "out"
    assert run_cli("convert", str(letter), "-o", str(out), "--no-cache", limit=120).returncode == 0
    letter.write_text(SEED.read_text(encoding="utf-8").replace("kunstmatige", "künstliche"), encoding="utf-8")
    killed_after_renaming("brief.json", "convert", str(letter), "-o", str(out), "--no-cache")
    assert [version(out, suffix) for suffix in ("json", "md", "html")] == ["new", "old", "old"]
    assert [path.name for path in out.glob(f".*{JOURNAL_SUFFIX}")] == [f".brief.json{JOURNAL_SUFFIX}"]
    return letter, out


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(lambda letter, out: run_cli("refs", str(out), limit=60), id="refs"),
        pytest.param(lambda letter, out: run_cli("index", str(out), limit=60), id="index"),
        pytest.param(lambda letter, out: settle(out), id="settle"),
        pytest.param(
            lambda letter, out: run_cli("convert", "--only-changed", str(letter), "-o", str(out), limit=60),
            id="next-run",
        ),
    ],
)
def test_a_letter_killed_between_its_renames_is_read_all_new(half_switched: tuple[Path, Path], reader: object) -> None:
    """kill -9 between a letter's three renames left a new .json beside an old .html; now the switch
    has a journal, and every reader of ours finishes it before it reads."""
    letter, out = half_switched
    reader(letter, out)  # type: ignore[operator]
    assert [version(out, suffix) for suffix in ("json", "md", "html")] == ["new", "new", "new"]
    # No journal, no temporary file left; only the index's working store (no deliverable).
    assert [path.name for path in out.glob(".*")] == [STORE]


def test_the_index_names_a_failed_file_alike_however_the_path_was_typed(tmp_path: Path) -> None:
    """Failure lines in the index held the path as typed: relative and absolute runs gave different indexes."""
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(SEED, folder / "brief.txt")
    (folder / "kapot.pdf").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "fout.txt").write_bytes(SEED.read_bytes())
    (folder / "fout.corrections.toml").write_text('[[replace]]\nfind = "bestaat niet"\nreplace = "x"\n')
    relative = os.path.relpath(folder, TESTS.parent)  # run_cli runs where the repository is
    for name, folder_as_typed in (("relative", relative), ("absolute", str(folder))):
        completed = run_cli("convert", folder_as_typed, "-o", str(tmp_path / name), "--no-cache", limit=120)
        assert completed.returncode == 1, completed.stderr
    for name in ("index.json", "index.html", "questions.jsonl"):
        assert (tmp_path / "relative" / name).read_bytes() == (tmp_path / "absolute" / name).read_bytes(), name
    index = json.loads((tmp_path / "relative" / "index.json").read_text(encoding="utf-8"))
    assert {entry["source"]: entry["error"] for entry in index["documents"] if entry["status"] == "failed"} == {
        "fout.txt": "fout.corrections.toml: replacement 1: 'bestaat niet' no longer matches",
        "kapot.pdf": "kapot.pdf: not a PDF (it is a PNG image)",
    }


def failures(out: Path) -> list[str]:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return [entry["source"] for entry in index["documents"] if entry["status"] == "failed"]


def test_a_run_keeps_the_failures_of_earlier_runs_until_that_file_converts(tmp_path: Path) -> None:
    """Two runs on one output folder (at once or one after the other) each lost the other's failures."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(b"kapot")
        assert run_cli("convert", str(tmp_path / name), "-o", str(out), "--no-cache", limit=60).returncode == 1
    assert failures(out) == ["a.pdf", "b.pdf"]
    shutil.copy(SEED, tmp_path / "a.txt")
    (tmp_path / "a.pdf").unlink()
    (tmp_path / "a.pdf").symlink_to(tmp_path / "a.txt")  # a.pdf is now a text file named .pdf: fails again
    assert run_cli("convert", str(tmp_path / "a.pdf"), "-o", str(out), "--no-cache", limit=60).returncode == 1
    assert failures(out) == ["b.pdf", "a.pdf"]
    (tmp_path / "b.pdf").unlink()
    shutil.copy(SEED, tmp_path / "b.pdf.txt")
    assert run_cli("convert", str(tmp_path / "b.pdf.txt"), "-o", str(out), "--no-cache", limit=60).returncode == 0
    assert failures(out) == ["b.pdf", "a.pdf"]  # another file converted: the failures stay
    pruning = run_cli("convert", str(tmp_path / "a.txt"), "-o", str(out), "--prune", "--no-cache", limit=60)
    assert pruning.returncode == 0
    assert failures(out) == []  # --prune: neither a.pdf nor b.pdf is among the inputs any more


def test_the_index_is_written_under_the_folder_s_lock(tmp_path: Path) -> None:
    """Two runs at once read the index, add their failure, write it: without a lock one is lost."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "held\n"
    writer = threading.Thread(target=write_index, args=(out, [("x.pdf", "x.pdf: empty file (0 bytes)")]))
    writer.start()
    writer.join(timeout=1)
    assert writer.is_alive() and not (out / "index.json").exists()  # waiting for the other run
    holder.stdin.close()
    holder.wait(timeout=60)
    writer.join(timeout=60)
    assert failures(out) == ["x.pdf"]
    with folder_lock(out), folder_lock(out):  # taken again by its holder without waiting
        write_index(out, [("y.pdf", "y.pdf: empty file (0 bytes)")])
    assert failures(out) == ["x.pdf", "y.pdf"]
