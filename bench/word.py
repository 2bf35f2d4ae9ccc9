"""The part of `make bench` about Word files: how fast the Word reader and the whole pipeline read
the corpus's Word originals and the generated letters (as Word files), beside the same letters'
PDFs on pdfium, and what a Word file near the paragraph cap and one far past it cost.

Each measurement runs in a fresh interpreter (``run.child``); the times are the CPU time of the
measured loop only (after a first document, which pays for the imports), the best of a few runs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"

Child = Callable[..., dict[str, float]]

TIMED = """
import json, sys, time
from pathlib import Path
from pipeline.extract import read_document
from pipeline.render import render
from pipeline.run import Options, convert_document
whole = sys.argv[1] == "whole"
names = [Path(name) for name in sys.argv[2:]]

def one(path):
    if not whole:
        return read_document(path, path.name)
    document = convert_document(path, path.name, Options(timeout=0, max_pages=5000, engine="pdfium"))
    for output_format in ("json", "md", "html"):
        render(document, output_format)

one(names[0])  # the imports
start, wall = time.process_time(), time.perf_counter()
for path in names:
    one(path)
result = {"pages": len(names), "work": time.process_time() - start, "seconds": time.perf_counter() - wall}
"""

GENERATE = """
import json, sys
from pathlib import Path
from tests.generated import make_letters
folder = Path(sys.argv[1])
for letter in make_letters.letters():
    renderer = make_letters.Renderer(letter)
    renderer.render()
    renderer.doc.save(str(folder / letter.name.replace(".pdf", ".docx")))
result = {}
"""

LARGE = """
import json, sys
from pathlib import Path
from tests import wordfiles as wf
paragraphs, empty = int(sys.argv[2]), sys.argv[3] == "empty"
if empty:
    body = wf.p("Geachte voorzitter,") + "<w:p/>" * paragraphs
else:
    line = "Dit is alinea {} van een lange brief over de fietspaden en de wegen in het land."
    body = wf.p("Geachte voorzitter,") + "".join(wf.p(line.format(n)) for n in range(paragraphs))
Path(sys.argv[1]).write_bytes(wf.word_file(body))
result = {}
"""

REFUSED = """
import json, sys, time
from pathlib import Path
from pipeline.errors import ConversionError
from pipeline.extract import read_document
start = time.process_time()
try:
    read_document(Path(sys.argv[1]), "x.docx")
    message = "read"
except ConversionError as error:
    message = str(error)
result = {"work": time.process_time() - start, "message": message}
"""


def corpus_word_files() -> list[Path]:
    folder = SHARED if SHARED.exists() else ROOT / "tests" / "data" / "corpus"
    return sorted(path for path in folder.rglob("*.docx"))


def best(child: Child, code: str, names: list[str], runs: int, whole: bool) -> dict[str, float]:
    """The run with the least CPU in its loop: the one least disturbed by other work."""
    results = [child(code, "whole" if whole else "reader", *names) for _ in range(runs)]
    return min(results, key=lambda result: result["work"])


def speed_row(child: Child, what: str, names: list[str], runs: int) -> str:
    reader = best(child, TIMED, names, runs, whole=False)
    whole = best(child, TIMED, names, runs, whole=True)
    pdfs = [name[: -len(".docx")] + ".pdf" for name in names]
    pdf = best(child, TIMED, [name for name in pdfs if Path(name).exists()], runs, whole=True)
    count = len(names)
    return (
        f"| {what} ({count}) | {1000 * reader['work'] / count:.0f} ms | {1000 * whole['work'] / count:.0f} ms "
        f"| {1000 * pdf['work'] / max(1, int(pdf['pages'])):.0f} ms ({int(pdf['pages'])} PDFs) "
        f"| {whole['peak_mb']:.0f} MB |"
    )


def report(runs: int, child: Child) -> list[str]:
    """The report's section on Word files (Markdown lines)."""
    lines = [
        "## Word files",
        "",
        "CPU per document of the measured loop (best of runs): the Word reader alone, the whole",
        "pipeline with its three renderings, and the same letters' PDFs through the whole pipeline on pdfium.",
        "",
        "| Word files | reader | whole pipeline | the PDFs, pdfium | peak memory |",
        "|---|---|---|---|---|",
    ]
    corpus = [str(path) for path in corpus_word_files()]
    if corpus:
        lines.append(speed_row(child, "the corpus's Word originals", corpus, runs))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        child(GENERATE, str(folder))
        generated = sorted(str(path) for path in folder.glob("*.docx"))
        # Beside each generated Word file, its PDF: the committed one made from it by LibreOffice.
        for name in generated:
            pdf = ROOT / "tests" / "data" / "generated" / (Path(name).stem + ".pdf")
            (folder / pdf.name).symlink_to(pdf)
        lines.append(speed_row(child, "the generated letters", generated, runs))
        lines += ["", "| a large or hostile Word file | CPU | peak memory | result |", "|---|---|---|---|"]
        for paragraphs, kind in ((24_990, "text"), (1_000_000, "empty")):
            path = folder / f"large-{kind}.docx"
            child(LARGE, str(path), str(paragraphs), kind)
            if kind == "text":
                measured = best(child, TIMED, [str(path), str(path)], 1, whole=True)
                lines.append(
                    f"| {paragraphs:,} paragraphs of text (just under the cap), whole pipeline "
                    f"| {measured['work'] / 2:.1f} s | {measured['peak_mb']:.0f} MB | converted |"
                )
            else:
                refused = child(REFUSED, str(path))
                lines.append(
                    f"| {paragraphs:,} empty paragraphs ({path.stat().st_size // 1024} KB) | {refused['work']:.2f} s "
                    f"| {refused['peak_mb']:.0f} MB | {refused['message']} |"
                )
    return lines
