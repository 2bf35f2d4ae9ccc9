"""The extraction cache: each input's RawDocument, keyed by its content and the extractor's code.

Reading a PDF is by far the slowest stage, so a change to cleaning, segmenting or a template
re-renders from the cache without opening a single PDF. The key holds the SHA-256 of the input
bytes and a fingerprint of the extraction code (and pdfplumber's version), so a change to either
misses the cache by itself; nothing ever has to be invalidated by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.files import write_atomic
from pipeline.model import Box, DocumentWarning, Link, RawDocument, RawLine, RawPage

_EXTRACTION_MODULES = ("extract.py", "pdf.py", "model.py")


@cache
def extractor_version() -> str:
    """A fingerprint of the code that produces a RawDocument."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _EXTRACTION_MODULES:
        path = here / name
        if path.exists():
            digest.update(path.read_bytes())
    with contextlib.suppress(metadata.PackageNotFoundError):
        digest.update(metadata.version("pdfplumber").encode())
    return digest.hexdigest()[:16]


def cache_key(data: bytes, max_pages: int) -> str:
    return f"{hashlib.sha256(data).hexdigest()}-{extractor_version()}-p{max_pages}"


CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# A cache folder of kamerbrief: backups can skip it.\n"
"""The tag (https://bford.info/cachedir/) that tells backup tools the folder is a cache."""


def unusable(folder: Path) -> str | None:
    """Why the cache cannot be kept in this folder (read-only, full, a file in its place), or None.

    Writing the folder's cache tag is the test, so the folder is tagged when it can be used.
    """
    try:
        write_atomic(folder / "CACHEDIR.TAG", CACHEDIR_TAG)
    except OSError as error:
        return error.strerror or str(error)
    return None


def load(folder: Path, key: str) -> RawDocument | None:
    """The cached document for a key, or None if there is none (or it cannot be read)."""
    path = folder / f"{key}.json"
    try:
        return document_from_data(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path, key: str, document: RawDocument) -> None:
    """Keep a document for next time; a cache that cannot be written (a full disk) is skipped."""
    with contextlib.suppress(OSError):
        write_atomic(folder / f"{key}.json", json.dumps(document_to_data(document), ensure_ascii=False))


def document_to_data(document: RawDocument) -> dict[str, Any]:
    return {
        "source": document.source,
        "input_format": document.input_format,
        "warnings": [[w.code, w.message, w.page] for w in document.warnings],
        "pages": [
            {
                "number": page.number,
                "lines": [
                    [line.text, line.number, line.zone, line.bold, line.size, _box(line.box)] for line in page.lines
                ],
                "links": [[link.uri, _box(link.box), link.covered_text] for link in page.links],
            }
            for page in document.pages
        ],
    }


def document_from_data(data: dict[str, Any]) -> RawDocument:
    pages = []
    for page in data["pages"]:
        number = page["number"]
        lines = tuple(
            RawLine(text, number, line_number, zone, bold, size, _unbox(box))
            for text, line_number, zone, bold, size, box in page["lines"]
        )
        links = tuple(Link(uri, number, _unbox(box), covered) for uri, box, covered in page["links"])
        pages.append(RawPage(number, lines, links))
    warnings = tuple(DocumentWarning(code, message, page) for code, message, page in data["warnings"])
    return RawDocument(data["source"], data["input_format"], tuple(pages), warnings)


def _box(box: Box | None) -> list[float] | None:
    return None if box is None else [box.x0, box.top, box.x1, box.bottom]


def _unbox(values: list[float] | None) -> Box | None:
    return None if values is None else Box(*values)
