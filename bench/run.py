"""The benchmark behind `make bench`: speed against bare pdfplumber, memory, and make timings.

Writes a short Markdown report (default bench/report.md). Numbers live here, not in tests.
Runs on ../shared/corpus when it is beside the repository, else on the PDFs in tests/data/pdf.
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

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
LONG_LETTER = "kamerbrief-IenW-water-en-bodem-sturend-2022-11-25.pdf"


def corpus_pdfs() -> list[Path]:
    if SHARED.exists():
        return sorted(path for path in SHARED.rglob("*.pdf") if "not-letters" not in path.parts)
    return sorted((ROOT / "tests" / "data" / "pdf").glob("*.pdf"))


def child(code: str, *args: str) -> dict[str, float]:
    """Run a measurement in a fresh interpreter, which reports its time and its own peak memory."""
    completed = subprocess.run([sys.executable, "-c", code + PEAK, *args], capture_output=True, text=True, cwd=ROOT)
    if completed.returncode:
        raise SystemExit(f"measurement failed: {completed.stderr.strip().splitlines()[-1]}")
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


PEAK = """
import resource
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
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
import json, sys, time
from pathlib import Path
from pipeline.run import Options, convert_document
from pipeline.render import render
pages = 0
start = time.perf_counter()
for name in sys.argv[1:]:
    document = convert_document(Path(name), options=Options(max_pages=5000))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "report.md")
    parser.add_argument("--repeat", type=int, default=2, help="How often the corpus is joined for the long PDF.")
    arguments = parser.parse_args()
    pdfs = corpus_pdfs()
    names = [str(path) for path in pdfs]
    bare = child(BARE, *names)
    pipeline = child(PIPELINE, *names)
    long_letter = next((p for p in pdfs if p.name == LONG_LETTER), max(pdfs, key=lambda p: p.stat().st_size))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        memory_letter = child(PIPELINE, str(long_letter))
        joined = joined_pdf(pdfs, folder, arguments.repeat)
        memory_joined = child(PIPELINE, str(joined))
        make = make_timings(pdfs, folder)
        jobs = jobs_timings(pdfs, folder)
    ratio = pipeline["seconds"] / bare["seconds"]
    speed = pipeline["pages"] / pipeline["seconds"]
    faster = make["cold"] / make["rerender"]
    lines = [
        "# Benchmark",
        "",
        f"Corpus: {len(pdfs)} PDFs, {int(bare['pages'])} pages; machine: {os.cpu_count()} cores.",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| bare pdfplumber `extract_text()` | {bare['pages'] / bare['seconds']:.1f} pages/s | |",
        f"| whole pipeline (extract, all stages, 3 formats) | {speed:.1f} pages/s | |",
        f"| pipeline time / bare extraction time | {ratio:.2f}× | ≤ 1.2× |",
        f"| peak memory, {long_letter.name} ({int(memory_letter['pages'])} p.) | {memory_letter['peak_mb']:.0f} MB | |",
        f"| peak memory, joined corpus ({int(memory_joined['pages'])} p.) | {memory_joined['peak_mb']:.0f} MB | flat |",
        f"| cold `make all` | {make['cold']:.1f} s | |",
        f"| no-change `make all` | {make['no_change']:.2f} s | < 1 s |",
        f"| re-render after a template change | {make['rerender']:.1f} s ({faster:.0f}× faster) "
        "| ≥ 20× faster than cold |",
        f"| `--jobs 1` / `--jobs 2` (no cache) | {jobs['jobs1']:.1f} s / {jobs['jobs2']:.1f} s "
        f"({jobs['jobs1'] / jobs['jobs2']:.2f}×) | |",
        "",
    ]
    arguments.report.parent.mkdir(parents=True, exist_ok=True)
    arguments.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
