"""The benchmark behind `make bench`: speed of both engines against pdftotext and bare pdfplumber,
memory, make timings, (bench/isolation.py) what isolation costs and how soon limits act, and
(bench/word.py) how fast Word files are read, (bench/scale.py) runs on a batch of 10,000
letters.

Writes a short Markdown report (default bench/report.md). Numbers live here, not in tests.
Runs on ../shared/corpus when it is beside the repository, else on the PDFs in tests/data/corpus.
Each measurement runs in a fresh interpreter that reports its wall time, its CPU time (user +
system, which other work on a shared machine disturbs far less) and its peak memory; speeds
and ratios are taken from CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import isolation
import scale
import word

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
LONG_LETTER = "kamerbrief-IenW-water-en-bodem-sturend-2022-11-25.pdf"


def corpus_pdfs() -> list[Path]:
    if SHARED.exists():
        return sorted(path for path in SHARED.rglob("*.pdf") if "not-letters" not in path.parts)
    folder = ROOT / "tests" / "data" / "corpus"
    return sorted(path for path in folder.rglob("*.pdf") if "not-letters" not in path.parts)


def child(code: str, *args: str, engine: str = "pdfplumber") -> dict[str, float]:
    """Run a measurement in a fresh interpreter, which reports its time and its own peak memory."""
    environment = {**os.environ, "ENGINE": engine}
    command = [sys.executable, "-c", code + PEAK, *args]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=environment)
    if completed.returncode:
        raise SystemExit(f"measurement failed: {completed.stderr.strip().splitlines()[-1]}")
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


PEAK = """
import resource
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
result["peak_mb"] = max(own.ru_maxrss, children.ru_maxrss) / 1024
result["cpu"] = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps(result))
"""

PDFTOTEXT = """
import json, subprocess, sys, time
start = time.perf_counter()
for name in sys.argv[1:]:
    subprocess.run(["pdftotext", "-bbox", name, "/dev/null"], check=True, capture_output=True)
result = {"pages": 0, "seconds": time.perf_counter() - start}
"""


BARE = """
import json, sys, time, pdfplumber
pages = 0
start = time.perf_counter()
for name in sys.argv[1:]:
    with pdfplumber.open(name) as pdf:
        for index in range(len(pdf.pages)):
            page = pdf.pages[index]
            page.extract_text()
            page.close()
            pages += 1
result = {"pages": pages, "seconds": time.perf_counter() - start}
"""

PIPELINE = """
import json, os, sys, time
from pathlib import Path
from pipeline.run import Options, convert_document
from pipeline.render import render
pages = 0
start = time.perf_counter()
for name in sys.argv[1:]:
    document = convert_document(Path(name), options=Options(max_pages=5000, engine=os.environ["ENGINE"]))
    for output_format in ("json", "md", "html"):
        render(document, output_format)
    pages += document.page_count
result = {"pages": pages, "seconds": time.perf_counter() - start}
"""


def joined_pdf(pdfs: list[Path], folder: Path, repeat: int) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(repeat):
        for pdf in pdfs:
            writer.append(str(pdf))
    target = folder / "joined.pdf"
    with target.open("wb") as stream:
        writer.write(stream)
    return target


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=False, capture_output=True)
    return time.perf_counter() - start


def make_timings(pdfs: list[Path], folder: Path) -> dict[str, float]:
    """Cold `make all`, a no-change `make all`, and a re-render after a template change."""
    project = folder / "project"
    project.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "pipeline", project / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / ".venv").symlink_to(ROOT / ".venv")
    (project / "input").mkdir()
    for pdf in pdfs:
        shutil.copy(pdf, project / "input" / pdf.name)
    make = ["make", "-o", ".venv/.installed", "all"]
    cold = timed(make, project)
    no_change = statistics.median(timed(make, project) for _ in range(3))
    template = project / "templates" / "document.html.j2"
    stamp = time.time() + 10
    os.utime(template, (stamp, stamp))
    rerender = timed(make, project)
    return {"cold": cold, "no_change": no_change, "rerender": rerender}


def jobs_timings(pdfs: list[Path], folder: Path) -> dict[str, float]:
    results = {}
    for jobs in (1, 2):
        out = folder / f"jobs{jobs}"
        command = [str(ROOT / ".venv" / "bin" / "kamerbrief"), "convert", *map(str, pdfs), "-o", str(out),
                   "--no-cache", "--jobs", str(jobs)]  # fmt: skip
        results[f"jobs{jobs}"] = timed(command, ROOT)
    return results


def find_pdftotext() -> str | None:
    """pdftotext from poppler-utils, installed with apt-get when it is missing and we may."""
    found = shutil.which("pdftotext")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("installing poppler-utils for pdftotext ...", file=sys.stderr)
    install = ["apt-get", "install", "-y", "-qq", "poppler-utils"]
    if subprocess.run(install, capture_output=True, check=False).returncode:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False)
        subprocess.run(install, capture_output=True, check=False)
    return shutil.which("pdftotext")


def best(code: str, names: list[str], runs: int, engine: str = "pdfplumber") -> dict[str, float]:
    """The run with the least CPU time of a few: the one least disturbed by other work."""
    return min((child(code, *names, engine=engine) for _ in range(runs)), key=lambda result: result["cpu"])


def speed_rows(pdfs: list[Path], runs: int) -> tuple[list[str], dict[str, dict[str, float]]]:
    """pdftotext -bbox, bare pdfplumber and the pipeline on each engine, on the same files."""
    names = [str(path) for path in pdfs]
    measured: dict[str, dict[str, float]] = {}
    if find_pdftotext():
        measured["pdftotext -bbox"] = best(PDFTOTEXT, names, runs)
    measured["bare pdfplumber `extract_text()`"] = best(BARE, names, 1)
    measured["pipeline, pdfplumber engine"] = best(PIPELINE, names, 1)
    measured["pipeline, pdfium engine"] = best(PIPELINE, names, runs, engine="pdfium")
    pages = measured["pipeline, pdfium engine"]["pages"]
    reference = measured.get("pdftotext -bbox")
    rows = []
    for name, result in measured.items():
        to_pdftotext = f"{result['cpu'] / reference['cpu']:.2f}×" if reference else "n/a"
        times = f"{result['seconds']:.2f} s | {result['cpu']:.2f} s"
        rows.append(f"| {name} | {times} | {pages / result['cpu']:.1f} | {to_pdftotext} |")
    if not reference:
        rows.append("| pdftotext -bbox | not installed (apt-get install poppler-utils) | | | |")
    return rows, measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "report.md")
    parser.add_argument("--repeat", type=int, default=2, help="How often the corpus is joined for the long PDF.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of the fast measurements; the least CPU counts.")
    arguments = parser.parse_args()
    pdfs = corpus_pdfs()
    large = scale.report(arguments.runs)
    limits = isolation.report(pdfs, arguments.runs, child)
    word_files = word.report(arguments.runs, child)
    speed, measured = speed_rows(pdfs, arguments.runs)
    plumber = measured["pipeline, pdfplumber engine"]
    fast = measured["pipeline, pdfium engine"]
    bare = measured["bare pdfplumber `extract_text()`"]
    reference = measured.get("pdftotext -bbox")
    long_letter = next((p for p in pdfs if p.name == LONG_LETTER), max(pdfs, key=lambda p: p.stat().st_size))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        joined = joined_pdf(pdfs, folder, arguments.repeat)
        memory = {
            engine: (child(PIPELINE, str(long_letter), engine=engine), child(PIPELINE, str(joined), engine=engine))
            for engine in ("pdfplumber", "pdfium")
        }
        make = make_timings(pdfs, folder)
        jobs = jobs_timings(pdfs, folder)
    faster = make["cold"] / make["rerender"]
    to_pdftotext = f"{fast['cpu'] / reference['cpu']:.2f}×" if reference else "n/a (no pdftotext)"
    lines = [
        "# Benchmark",
        "",
        f"Corpus: {len(pdfs)} PDFs, {int(fast['pages'])} pages; machine: {os.cpu_count()} cores. "
        f"Speeds from CPU time; the fast measurements are the best of {arguments.runs} runs.",
        "",
        "| on the same files | wall | CPU | pages/s | CPU / pdftotext |",
        "|---|---|---|---|---|",
        *speed,
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| pipeline on pdfplumber / pipeline on pdfium | {plumber['cpu'] / fast['cpu']:.1f}× | ≥ 5× |",
        f"| pipeline on pdfium / pdftotext -bbox | {to_pdftotext} | ≤ 3× |",
        f"| pipeline on pdfplumber / bare pdfplumber | {plumber['cpu'] / bare['cpu']:.2f}× | ≤ 1.2× |",
    ]
    for engine, (letter, whole) in memory.items():
        lines += [
            f"| peak memory, {engine}, {long_letter.name} ({int(letter['pages'])} p.) | {letter['peak_mb']:.0f} MB | |",
            f"| peak memory, {engine}, joined corpus ({int(whole['pages'])} p.) | {whole['peak_mb']:.0f} MB | flat |",
        ]
    lines += [
        f"| cold `make all` | {make['cold']:.1f} s | |",
        f"| no-change `make all` | {make['no_change']:.2f} s | < 1 s |",
        f"| re-render after a template change | {make['rerender']:.1f} s ({faster:.0f}× faster) "
        "| ≥ 20× faster than cold |",
        f"| `--jobs 1` / `--jobs 2` (no cache) | {jobs['jobs1']:.1f} s / {jobs['jobs2']:.1f} s "
        f"({jobs['jobs1'] / jobs['jobs2']:.2f}×) | |",
        "",
        *limits,
        "",
        *word_files,
        *large,
    ]
    arguments.report.parent.mkdir(parents=True, exist_ok=True)
    arguments.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
