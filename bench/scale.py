"""The part of `make bench` about scale: a batch of 10,000 generated letters (tests/large_batch.py:
text letters of known cases over ten years, fifteen ministries and 240 members), run as `make all`
runs it (``kamerbrief convert --only-changed --prune``): a run with nothing to do, and a run after
one letter changed, which converts that letter and brings the index, the overview, questions.jsonl
and kamerbrief.db up to date.

The batch is kept in build/bench-scale/ between runs: the first run converts all 10,000 letters
(minutes), a later one only what a change of the code made stale. Times are wall and CPU (user +
system, with the children's); the fast measurements are the best of a few runs.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "build" / "bench-scale"
COUNT = 10_000
TARGETS = {"no change": 2.0, "one letter changed": 5.0}


def prepare(count: int = COUNT) -> Path:
    """The batch's letters in build/bench-scale/input/, each written only when it is not there as
    generated (so their outputs stay up to date); letters of another count are removed."""
    sys.path.insert(0, str(ROOT))
    from tests.large_batch import letters

    folder = FOLDER / "input"
    folder.mkdir(parents=True, exist_ok=True)
    made = letters(count)
    names = {letter.name for letter in made}
    for path in folder.iterdir():
        if path.name not in names:
            path.unlink()
    for letter in made:
        path = folder / letter.name
        if not path.exists() or path.read_text(encoding="utf-8") != letter.text:
            path.write_text(letter.text, encoding="utf-8")
    return folder


def command() -> list[str]:
    return [
        str(ROOT / ".venv" / "bin" / "kamerbrief"), "convert", "--only-changed", "--prune", "--jobs", "2",
        "--cache-dir", str(FOLDER / "cache"), "-o", str(FOLDER / "output"), str(FOLDER / "input"),
    ]  # fmt: skip


def timed(arguments: list[str]) -> tuple[float, float]:
    """Wall and CPU time of a command (CPU of it and every process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(arguments, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode:
        raise SystemExit(f"{' '.join(arguments[:2])} failed: {completed.stderr.strip().splitlines()[-1:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def one_letter_changes(runs: int) -> list[tuple[float, float]]:
    """Runs after one letter changed: it gets a sentence more, then loses it again, ..."""
    questions = sorted((FOLDER / "input").glob("kv-tk-*.txt"))
    letter = questions[len(questions) // 2]  # a question letter; any letter of the batch would do
    original = letter.read_text(encoding="utf-8")
    measured = []
    try:
        for run in range(runs):
            letter.write_text(original + ("\nEen zin meer.\n" if run % 2 == 0 else ""), encoding="utf-8")
            measured.append(timed(command()))
    finally:
        letter.write_text(original, encoding="utf-8")
        timed(command())
    return measured


def sizes() -> dict[str, int]:
    """The batch's own files, in bytes."""
    output = FOLDER / "output"
    found = {
        name: (output / name).stat().st_size
        for name in ("index.json", "index.html", "index-search.js", "questions.jsonl", "kamerbrief.db")
    }
    years = sorted(output.glob("index-[0-9]*.html"))
    found["largest year page"] = max((path.stat().st_size for path in years), default=0)
    found["its search words"] = max((path.stat().st_size for path in output.glob("index-search-*.js")), default=0)
    found["the working store (.kamerbrief-index.db)"] = (output / ".kamerbrief-index.db").stat().st_size
    return found


def report(runs: int) -> list[str]:
    """The section of the report: the batch, its runs, and the sizes of its files."""
    prepare()
    cold = timed(command())
    no_change = [timed(command()) for _ in range(runs)]
    changed = one_letter_changes(runs)
    store = FOLDER / "output" / ".kamerbrief-index.db"
    store.unlink(missing_ok=True)
    anew = timed([str(ROOT / ".venv" / "bin" / "kamerbrief"), "index", str(FOLDER / "output")])
    best = {"no change": min(no_change), "one letter changed": min(changed)}
    lines = [
        f"## Scale: {COUNT:,} letters",
        "",
        "Generated letters of known cases (tests/large_batch.py), converted once into build/bench-scale/; "
        f"each run as `make all` runs it (`kamerbrief convert --only-changed --prune --jobs 2`); best of {runs}.",
        "",
        "| run | wall | CPU | median wall | target |",
        "|---|---|---|---|---|",
        f"| the first run of this bench (converts what is stale: every letter after a change of the code) "
        f"| {cold[0]:.1f} s | {cold[1]:.1f} s | | |",
    ]
    for name, values in (("no change", no_change), ("one letter changed", changed)):
        wall, cpu = best[name]
        median = statistics.median(value[0] for value in values)
        met = "met" if wall < TARGETS[name] else "not met"
        lines.append(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {median:.2f} s | < {TARGETS[name]:.0f} s ({met}) |")
    lines += [
        f"| `kamerbrief index` without its store (every letter's JSON read) | {anew[0]:.1f} s | {anew[1]:.1f} s | | |",
        "",
        "| file | size |",
        "|---|---|",
        *(f"| {name} | {size / 1e6:.1f} MB |" for name, size in sizes().items()),
        "",
    ]
    return lines


if __name__ == "__main__":
    # `python bench/scale.py [runs]`: this section alone, printed; `--clean` removes the batch.
    if sys.argv[1:] == ["--clean"]:
        shutil.rmtree(FOLDER, ignore_errors=True)
    else:
        print("\n".join(report(int(sys.argv[1]) if sys.argv[1:] else 3)))
