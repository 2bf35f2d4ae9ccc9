"""The part of `make bench` about limits and isolation: what converting each document in a child
process costs on both engines, how soon a document past its time limit or a hostile PDF fails,
and the speeds the tests used to assert (reference scanning, the page cap, hostile PDFs).

Each measurement runs in a fresh interpreter (``run.child``) that reports wall and CPU time
(its own and its children's).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "hostile"

ISOLATION = """
import json, os, sys, tempfile, time
from pathlib import Path
from pipeline.files import output_stem
from pipeline.run import Options, Rendered, convert_batch, render_file, write_rendered
from pipeline.workers import start_method
mode, paths = sys.argv[1], [Path(name) for name in sys.argv[2:]]
options = Options(max_pages=5000, engine=os.environ["ENGINE"])
out = Path(tempfile.mkdtemp())
start = time.perf_counter()
if mode == "child":
    results = list(convert_batch(paths, out, options, jobs=1))
else:
    results = []
    for path in paths:
        outcome = render_file(path, str(path), options)
        written = isinstance(outcome, Rendered) and write_rendered(outcome, out, output_stem(path), options)
        results.append(written or outcome)
failed = [result.error for result in results if result.status == "failed"]
result = {"pages": len(paths), "seconds": time.perf_counter() - start, "failed": len(failed), "method": start_method()}
"""

REFERENCES = """
import csv, json, sys, time
from pipeline.references import find_references
csv.field_size_limit(10**8)
with open(sys.argv[1], newline="", encoding="utf-8") as handle:
    texts = [row["text_content"] for row in csv.DictReader(handle)]
start = time.perf_counter()
for text in texts:
    find_references(text)
every = time.perf_counter() - start
longest = max(texts, key=len)
timings = []
for _ in range(3):
    start = time.perf_counter()
    find_references(longest)
    timings.append(time.perf_counter() - start)
result = {"pages": len(texts), "seconds": every, "per_text": every / len(texts), "longest": min(timings),
          "longest_chars": len(longest)}
"""

PAGE_CAP = """
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
from pipeline.errors import TooLarge
from pipeline.extract import read_document
from tests.pdfs import char_flood
path = Path(sys.argv[1]) / "vol.pdf"
path.write_bytes(char_flood(60_000))  # the cap is 50,000 characters a page
start = time.perf_counter()
try:
    read_document(path, "vol.pdf", engine=os.environ["ENGINE"])
    stopped = False
except TooLarge:
    stopped = True
result = {"pages": 1, "seconds": time.perf_counter() - start, "stopped": stopped}
"""

HOSTILE_SET = """
import json, os, random, sys, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
from pipeline.run import Options, convert_file
from tests.pdfs import REFERENCE_CYCLES, flate_bomb
folder = Path(sys.argv[1])
rng = random.Random(1999)
bomb = flate_bomb(80)
mutated = [bytes(rng.randrange(256) if rng.random() < 0.001 else byte for byte in bomb) for _ in range(6)]
slowest = 0.0
for index, data in enumerate([*REFERENCE_CYCLES.values(), bomb, *mutated]):
    path = folder / f"hostile-{index}.pdf"
    path.write_bytes(data)
    start = time.perf_counter()
    convert_file(path, folder / "out", Options(timeout=1, engine=os.environ["ENGINE"]))
    slowest = max(slowest, time.perf_counter() - start)
result = {"pages": index + 1, "seconds": slowest}
"""


def timed_run(arguments: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Seconds a ``kamerbrief`` run takes, and what it said."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", *arguments], cwd=ROOT, capture_output=True, text=True, env=env, check=False
    )
    return time.perf_counter() - start, completed.stderr


def isolation_rows(pdfs: list[Path], runs: int, child: Callable[..., dict[str, float]]) -> list[str]:
    """What converting each document in a child process costs, on both engines: the same files
    converted and written in one process, and each in a child (the way `kamerbrief convert` runs)."""
    names = [str(path) for path in pdfs]
    rows = []
    for engine in ("pdfplumber", "pdfium"):
        # The least of each over a few runs: the ones other work on a shared machine disturbed least.
        here = [child(ISOLATION, "here", *names, engine=engine) for _ in range(runs)]
        apart = [child(ISOLATION, "child", *names, engine=engine) for _ in range(runs)]
        seconds = {"here": min(r["seconds"] for r in here), "apart": min(r["seconds"] for r in apart)}
        wall = (seconds["apart"] - seconds["here"]) / len(pdfs) * 1000
        cpu = (min(r["cpu"] for r in apart) - min(r["cpu"] for r in here)) / len(pdfs) * 1000
        per_document = {key: value / len(pdfs) * 1000 for key, value in seconds.items()}
        rows.append(
            f"| isolation per document, {engine} (workers start by {apart[0]['method']}) | "
            f"{wall:+.0f} ms wall, {cpu:+.0f} ms CPU (in one process {per_document['here']:.0f} ms, "
            f"in a child {per_document['apart']:.0f} ms per document) | small beside a document |"
        )
    return rows


def limit_rows(child: Callable[..., dict[str, float]]) -> list[str]:
    """How soon what must fail does: a document past its time limit, a loop that swallows every
    exception, pdfium aborting at the memory limit, a page past the character cap, hostile PDFs."""
    sys.path.insert(0, str(ROOT))
    from tests.pdfs import REFERENCE_CYCLES

    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        out = str(folder / "out")
        (folder / "kids.pdf").write_bytes(REFERENCE_CYCLES["kids"])
        seconds, _ = timed_run(["convert", str(folder / "kids.pdf"), "-o", out, "--timeout", "1", "--engine",
                                "pdfplumber", "--no-cache"])  # fmt: skip
        rows.append(f"| a cyclic page tree (pdfplumber), `--timeout 1`: the whole run | {seconds:.1f} s | < 4 s |")
        stubborn = folder / "stubborn.txt"
        stubborn.write_bytes((ROOT / "tests" / "data" / "text" / "2023Z00475-antwoorden-ai.txt").read_bytes())
        env = {**os.environ, "PYTHONPATH": str(ROOT / "tests" / "doubles"), "KAMERBRIEF_DOUBLES": "1"}
        seconds, _ = timed_run(["convert", str(stubborn), "-o", out, "--timeout", "1", "--no-cache"], env)
        rows.append(f"| a loop that swallows every exception, `--timeout 1`: the whole run | {seconds:.1f} s | < 4 s |")
        for name in ("c06-xobject-mutual.pdf", "c07-xobject-billion-laughs.pdf"):
            for memory in ("256", "2048"):
                arguments = ["convert", str(HOSTILE / name), "-o", out, "--max-memory", memory, "--no-cache"]
                seconds, said = timed_run([*arguments, "--engine", "pdfium"])
                errors = [line.rsplit(": ", 1)[-1] for line in said.splitlines() if line.startswith("error:")]
                rows.append(f"| {name}, pdfium, `--max-memory {memory}`: the whole run | {seconds:.1f} s "
                            f"({errors[0] if errors else 'converted'}) | |")  # fmt: skip
        for engine in ("pdfplumber", "pdfium"):
            cap = child(PAGE_CAP, str(folder), engine=engine)
            said = "stops at the cap" if cap["stopped"] else "converts: the cap did not hold"
            rows.append(f"| a page of 60,000 characters, {engine}: {said} | {cap['seconds']:.2f} s | < 5 s |")
            hostile = child(HOSTILE_SET, str(folder), engine=engine)
            rows.append(f"| hostile PDFs (cycles, a bomb, mutations), {engine}, `--timeout 1`: the slowest "
                        f"| {hostile['seconds']:.1f} s | < 4 s |")  # fmt: skip
    return rows


def reference_rows(child: Callable[..., dict[str, float]]) -> list[str]:
    """Scanning the 86 texts of the corpus for references (the speed test_references asserted)."""
    texts = ROOT / "tests" / "data" / "texts" / "texts-kamervragen-limburg-2024-11__86docs.csv"
    result = child(REFERENCES, str(texts))
    return [
        f"| references in the {int(result['pages'])} texts, per text | {result['per_text'] * 1000:.1f} ms | < 50 ms |",
        f"| references in the longest text ({int(result['longest_chars']):,} characters), best of 3 "
        f"| {result['longest'] * 1000:.1f} ms | < 50 ms |",
    ]


def report(pdfs: list[Path], runs: int, child: Callable[..., dict[str, float]]) -> list[str]:
    """The section of the report: isolation, limits, and the speeds moved out of the tests."""
    return [
        "## Isolation and limits",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        *isolation_rows(pdfs, runs, child),
        *limit_rows(child),
        *reference_rows(child),
        "",
    ]


if __name__ == "__main__":
    # `python bench/isolation.py`: this section alone, printed.
    from run import child, corpus_pdfs

    print("\n".join(report(corpus_pdfs(), 3, child)))
    print(json.dumps({"python": sys.version.split()[0]}))
