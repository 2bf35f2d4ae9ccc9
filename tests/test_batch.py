"""Batches: corrections, the extraction cache, worker processes, timeouts, shards, determinism."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.batch import Listener, NoInputs, Request, run
from pipeline.corrections import parse_corrections
from pipeline.errors import CorrectionError
from pipeline.index import write_index
from pipeline.render.data import answer_paragraphs, text
from pipeline.run import Options, Result, convert_batch, convert_document, convert_file, select_shard
from pipeline.schema import validate
from tests.conftest import DATA, SEED, run_cli
from tests.pdfs import REFERENCE_CYCLES

ROOT = Path(__file__).resolve().parent.parent
SEED_PDF = DATA / "corpus" / "seed" / "2023Z00475-typeset.pdf"

CORRECTIONS = """
[[replace]]
find = "kilmaattransitie"
replace = "klimaattransitie"
page = 5

[[replace]]
find = "Ja we zijn ben bekend"
replace = "Ja, we zijn bekend"

[questions.9]
text = "En bent u bereid dat onderzoek met de Kamer te delen?"

[metadata]
subject = "kunstmatige intelligentie (AI)"
"""


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "brief.txt"
    path.parent.mkdir()
    shutil.copy(SEED, path)
    return path


def test_corrections_apply_and_are_recorded(letter: Path) -> None:
    letter.with_name("brief.corrections.toml").write_text(CORRECTIONS, encoding="utf-8")
    document = convert_document(letter)
    answer_7 = " ".join(answer_paragraphs(document.answers[5]))
    assert "klimaattransitie" in answer_7 and "kilmaattransitie" not in answer_7
    assert answer_paragraphs(document.answers[4])[0].startswith("Ja, we zijn bekend met de berichten.")
    assert text(document.questions[8].parts) == "En bent u bereid dat onderzoek met de Kamer te delen?"
    assert document.metadata.subject == "kunstmatige intelligentie (AI)"
    assert [(c.kind, c.target, c.count) for c in document.corrections] == [
        ("replace", "kilmaattransitie", 1),
        ("replace", "Ja we zijn ben bekend", 1),
        ("override", "questions.9", 1),
        ("override", "metadata.subject", 1),
    ]


def test_a_stale_correction_is_an_error(letter: Path, tmp_path: Path) -> None:
    letter.with_name("brief.corrections.toml").write_text('[[replace]]\nfind = "bestaat niet"\nreplace = "x"\n')
    result = convert_file(letter, tmp_path / "out", Options())
    assert result.status == "failed"
    assert result.error == (
        f"{letter.with_name('brief.corrections.toml')}: replacement 1: 'bestaat niet' no longer matches"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[[replace]]\nfind = 'a'\n", "needs a 'replace' text"),
        ("[questions.x]\ntext = 'a'\n", "must be a number"),
        ("[metadata]\ncolour = 'blue'\n", "metadata overrides take text values"),
        ("[[replace]\n", "not valid TOML"),
        ("[extra]\n", "unknown section"),
    ],
)
def test_malformed_corrections_say_why(text: str, reason: str) -> None:
    with pytest.raises(CorrectionError) as caught:
        parse_corrections(text, "c.toml")
    assert reason in str(caught.value)


def test_an_override_of_a_missing_question_is_an_error(letter: Path) -> None:
    letter.with_name("brief.corrections.toml").write_text('[questions.40]\ntext = "x"\n')
    with pytest.raises(CorrectionError, match="question 40 does not exist"):
        convert_document(letter)


def test_cache_is_used_on_the_second_run(letter: Path, tmp_path: Path) -> None:
    options = Options(cache_dir=tmp_path / "cache")
    first = convert_file(letter, tmp_path / "first", options)
    second = convert_file(letter, tmp_path / "second", options)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    assert first.document is None and second.document is None  # made in a child process
    for path in first.outputs:
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes()
    assert convert_document(letter, options=options) == convert_document(letter)


def test_batch_with_bad_files_converts_the_rest_in_workers(letter: Path, tmp_path: Path) -> None:
    folder = letter.parent
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    shutil.copy(letter, folder / "tweede.txt")
    paths = sorted(folder.iterdir())
    results = list(convert_batch(paths, tmp_path / "out", Options(), jobs=2))
    assert [r.status for r in results] == ["converted", "failed", "converted"]
    assert results[1].error.startswith(f"{folder / 'kapot.pdf'}: ")


def test_outputs_are_byte_identical_on_a_rerun(letter: Path, tmp_path: Path) -> None:
    convert_file(letter, tmp_path / "a", Options())
    convert_file(letter, tmp_path / "b", Options(cache_dir=tmp_path / "cache"))
    convert_file(letter, tmp_path / "b", Options(cache_dir=tmp_path / "cache"))
    for suffix in ("json", "md", "html"):
        assert (tmp_path / "a" / f"brief.{suffix}").read_bytes() == (tmp_path / "b" / f"brief.{suffix}").read_bytes()


def test_shards_partition_the_inputs() -> None:
    paths = [Path(f"input/brief-{n}.pdf") for n in range(200)]
    shards = [select_shard(paths, k, 4) for k in range(1, 5)]
    assert sorted(p for shard in shards for p in shard) == sorted(paths)
    assert all(shards) and len({p for shard in shards for p in shard}) == 200
    # Stable: a shard does not move when other files come along.
    assert select_shard([*paths, Path("input/nieuw.pdf")], 2, 4)[: len(shards[1])] == shards[1]


def test_index_lists_every_letter(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_file(letter, out, Options())
    write_index(out, [("in/kapot.pdf", "in/kapot.pdf: empty file (0 bytes)")])
    index = json.loads((out / "index.json").read_text())
    validate(index, "index")
    assert [d["status"] for d in index["documents"]] == ["converted", "failed"]
    assert index["documents"][0]["counts"] == {
        "questions": 12,
        "answered": 12,
        "answers": 10,
        "footnotes": 16,
        "warnings": 0,
    }
    assert index["documents"][0]["outputs"] == {"json": "brief.json", "md": "brief.md", "html": "brief.html"}
    lines = (out / "questions.jsonl").read_text().splitlines()
    assert len(lines) == 12
    fifth = json.loads(lines[4])
    assert fifth["answered_with"] == [4, 5]
    # Each line stands on its own: the letter's file name, date, subject and who answered.
    assert {key: fifth[key] for key in ("source", "kenmerk", "submitted", "subject", "aanhangsel_number")} == {
        "source": "brief.txt",
        "kenmerk": "2023Z00475",
        "submitted": "2023-01-18",
        "subject": "de ontwikkelingen op het gebied van kunstmatige intelligentie",
        "aanhangsel_number": "",
    }
    assert "De staatssecretaris van Binnenlandse Zaken" in fifth["answered_by"]
    assert index["documents"][0]["answered_by"] == fifth["answered_by"]
    assert 'href="brief.html"' in (out / "index.html").read_text()


def test_a_batch_in_workers_with_cyclic_pdfs_finishes(letter: Path, tmp_path: Path) -> None:
    folder = letter.parent
    for name in ("contents-self", "kids"):
        (folder / f"{name}.pdf").write_bytes(REFERENCE_CYCLES[name])
    out = tmp_path / "out"
    completed = run_cli(
        "convert", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "5", "--no-cache", "--engine", "pdfplumber",
        limit=90,
    )  # fmt: skip
    assert "1 converted, 2 failed" in completed.stderr, completed.stderr
    assert f"error: {folder / 'kids.pdf'}: took longer than 5 s to convert" in completed.stderr
    assert (out / "brief.json").exists() and (out / "index.json").exists()


def worker_pids(parent: int) -> list[int]:
    return [int(pid) for pid in Path(f"/proc/{parent}/task/{parent}/children").read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers in /proc")
def test_a_killed_worker_fails_its_own_letter_only(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        shutil.copy(SEED_PDF, folder / f"brief-{number}.pdf")
    command = [sys.executable, "-m", "pipeline", "convert", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2"]
    process = subprocess.Popen(
        [*command, "--no-cache"], cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stderr is not None
    try:
        first = process.stderr.readline()  # the first letter is done: both workers are running
        assert first.startswith("converted"), first
        os.kill(worker_pids(process.pid)[0], signal.SIGKILL)  # what the out-of-memory killer does
        err = first + process.communicate(timeout=120)[1]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    failed = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(failed) <= 1, err
    assert all(line.endswith("could not be converted: the worker process was killed (SIGKILL; out of memory?)")
               for line in failed), err  # fmt: skip
    assert f"{6 - len(failed)} converted, {len(failed)} failed" in err


def alive(pid: int) -> bool:
    """True while the process runs (a zombie left to a parent that does not reap it has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the workers in /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=lambda s: s.name)
def test_no_worker_outlives_a_killed_run(tmp_path: Path, stop: signal.Signals) -> None:
    """Killed runs left their busy workers converting on, orphaned: the parent now stops them on
    SIGTERM and SIGHUP, and a worker whose parent is killed outright ends itself."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(3):  # a cyclic page tree keeps a worker busy until the time limit
        (folder / f"kids-{number}.pdf").write_bytes(REFERENCE_CYCLES["kids"])
    command = [sys.executable, "-m", "pipeline", "convert", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2"]
    process = subprocess.Popen(
        [*command, "--timeout", "60", "--no-cache", "--engine", "pdfplumber"],
        cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(workers := worker_pids(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) == 2
        time.sleep(1.5)  # both are busy with their document
        os.kill(process.pid, stop)
        _, err = process.communicate(timeout=20)
        deadline = time.monotonic() + 30  # an event awaited, not a speed: it comes within a second
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(pid) for pid in workers), err
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    if stop != signal.SIGKILL:
        assert process.returncode == 128 + stop
        assert err.strip().splitlines()[-1] == (
            f"interrupted by {stop.name}: the letters converted so far are written, the index is not"
        )


def test_a_batch_reports_its_results_its_lines_and_its_exit_code(letter: Path, tmp_path: Path) -> None:
    """The library computes what the command line prints and how it exits (batch.run -> BatchReport)."""
    (letter.parent / "kapot.pdf").write_bytes(b"")
    told: list[str] = []

    class Recorder(Listener):
        def line(self, text: str) -> None:
            told.append(text)

        def done(self, result: Result, line: str) -> None:
            told.append(line)

    request = Request(paths=(letter.parent,), output_dir=tmp_path / "out", use_cache=False, strict=True)
    report = run(request, Recorder())
    assert [result.status for result in report.results] == ["converted", "failed"]
    assert told == [f"converted {letter} (0 warnings)", f"error: {letter.parent / 'kapot.pdf'}: empty file (0 bytes)"]
    assert report.lines == ("1 converted, 1 failed, 0 with warnings, 0 need review",)
    assert report.exit_code == 1
    (letter.parent / "kapot.pdf").unlink()
    assert run(request).exit_code == 0
    (tmp_path / "leeg").mkdir()
    with pytest.raises(NoInputs):
        run(Request(paths=(tmp_path / "leeg",), output_dir=tmp_path / "out"))
