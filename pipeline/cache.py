"""The extraction cache: each input's RawDocument, keyed by everything its extraction depends on.

Reading a PDF is by far the slowest stage, so a change to cleaning, segmenting or a template
re-renders from the cache without opening a single PDF. The key holds the SHA-256 of the input
bytes, the input's type (its suffix: a text file named ``.pdf`` is an error, not a text), the
page limit, and a fingerprint of the extraction code (every pipeline module that ``extract.py``
imports, found in their source) and of the libraries it runs on, so a change to any of them
misses the cache by itself; nothing ever has to be invalidated by hand.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import hashlib
import json
import os
import stat
import types
import typing
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.files import write_atomic
from pipeline.model import Box, DocumentWarning, Link, RawDocument, RawLine, RawPage

PACKAGE = Path(__file__).resolve().parent
EXTRACTION_ENTRY = "extract.py"
"""The module that reads an input file; it and everything it imports make a RawDocument."""
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "regex", "python-docx", "lxml")
"""The distributions extraction runs on: pdfplumber and the pdfminer.six below it, pypdfium2, regex,
and python-docx with the lxml below it (Word files)."""


def default_folder() -> Path:
    """Where the cache lives unless told otherwise: the user's cache folder,
    ``$XDG_CACHE_HOME/kamerbrief`` (``~/.cache/kamerbrief`` when that is unset), never the folder
    the user stands in. ``make all`` keeps its own in the repository's ``build/cache``."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "kamerbrief"


def extraction_modules(package: Path = PACKAGE) -> list[Path]:
    """``extract.py`` and every pipeline module it imports, directly or not, at the top or in a
    function, in subpackages too (``pdf/reader.py``, and ``pdf/__init__.py`` on the way)."""
    found: set[Path] = set()
    todo = [package / EXTRACTION_ENTRY]
    while todo:
        path = todo.pop()
        if path in found or not path.is_file():
            continue
        found.add(path)
        for name in _pipeline_imports(path.read_text(encoding="utf-8")):
            parts = name.split(".")
            # A module, or a package's __init__: importing ``pipeline.pdf.reader`` runs both.
            todo.extend(package.joinpath(*parts[:end], "__init__.py") for end in range(1, len(parts) + 1))
            todo.append(package.joinpath(*parts[:-1], f"{parts[-1]}.py"))
    return sorted(found)


def _pipeline_imports(source: str) -> set[str]:
    """The dotted names, below ``pipeline``, of the modules a module's source imports (a name
    imported from a package may be a module of it: both are listed, what exists is kept)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and (node.module + ".").startswith("pipeline."):
            below = node.module.removeprefix("pipeline").lstrip(".")
            if below:
                names.add(below)
            names.update(f"{below}.{alias.name}".lstrip(".") for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name[len("pipeline.") :] for alias in node.names if alias.name.startswith("pipeline."))
    return names


def library_versions() -> dict[str, str]:
    """The versions of the libraries extraction runs on, and of the Unicode database (NFC, ``str.isdigit``)."""
    # Imported here: a run without the cache never needs it, and it takes longer than a page.
    from importlib import metadata

    versions = {"unicodedata": unicodedata.unidata_version}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def extraction_fingerprint(package: Path = PACKAGE, versions: Mapping[str, str] | None = None) -> str:
    """A fingerprint of the code that produces a RawDocument: its modules' source and the libraries' versions."""
    digest = hashlib.sha256()
    for path in extraction_modules(package):
        source = path.read_bytes()
        digest.update(f"{path.relative_to(package).as_posix()}\0{len(source)}\0".encode() + source)
    for name, version in sorted((library_versions() if versions is None else versions).items()):
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()[:16]


@cache
def extractor_version() -> str:
    """The fingerprint of the extraction code as installed, computed once per process."""
    return extraction_fingerprint()


def cache_key(
    data: bytes, suffix: str, max_pages: int, fingerprint: str | None = None, engine: str = "pdfplumber"
) -> str:
    """The cache key of an input: its content, its type, the page limit, the PDF engine and the extraction code."""
    kind = suffix.lower().lstrip(".")
    if not kind.isascii() or not kind.isalnum():
        kind = "x" + hashlib.sha256(kind.encode()).hexdigest()[:8]
    return f"{hashlib.sha256(data).hexdigest()}-{kind}-{fingerprint or extractor_version()}-{engine}-p{max_pages}"


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


MAX_ENTRY_BYTES = 1 << 30
"""The largest cache entry read (1 GB, many times the largest letter's): anything larger is damaged."""


def load(folder: Path, key: str) -> RawDocument | None:
    """The cached document for a key, or None if there is none.

    An entry that cannot be what ``store`` wrote (truncated, garbage, nested beyond reason, a
    link to ``/dev/zero`` or a folder in its place) is a miss as well: it is dropped, and the
    letter is read again and its entry rebuilt.
    """
    path = folder / f"{key}.json"
    try:
        data = _read_entry(path)
    except FileNotFoundError:
        return None
    except (OSError, _Damaged):
        _drop(path)
        return None
    try:
        return document_from_data(json.loads(data))
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, _Damaged):
        _drop(path)
        return None


class _Damaged(Exception):
    """A cache entry that is not what ``store`` wrote."""


def _read_entry(path: Path) -> bytes:
    """The bytes of a cache entry that is a regular file of a sane size, read without following a
    symbolic link (an entry is never one) and without blocking on a pipe."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
            raise _Damaged(path)
        return stream.read(MAX_ENTRY_BYTES + 1)


def _drop(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink()


def encode(document: RawDocument) -> bytes:
    """A document as its cache entry holds it (UTF-8 JSON)."""
    return json.dumps(document_to_data(document), ensure_ascii=False).encode()


def store(folder: Path, key: str, entry: bytes) -> None:
    """Keep an entry (``encode``) for next time; a cache that cannot be written (a full disk) is skipped."""
    with contextlib.suppress(OSError):
        write_atomic(folder / f"{key}.json", entry)


def document_to_data(document: RawDocument) -> dict[str, Any]:
    return {
        "source": document.source,
        "input_format": document.input_format,
        "warnings": [[w.code, w.message, w.page] for w in document.warnings],
        "pages": [
            {
                "number": page.number,
                "lines": [
                    [
                        line.text,
                        line.number,
                        line.zone,
                        line.bold,
                        line.size,
                        _box(line.box),
                        line.italic,
                        list(line.cells),
                        line.underline,
                        # A Word file's lines hold their paragraph's position, not the page's number.
                        line.page,
                    ]
                    for line in page.lines
                ],
                "links": [[link.uri, _box(link.box), link.covered_text, link.page] for link in page.links],
            }
            for page in document.pages
        ],
    }


def document_from_data(data: dict[str, Any]) -> RawDocument:
    """The document of a cache entry; TypeError if a value is not of its field's type (a damaged entry)."""
    pages = []
    for page in data["pages"]:
        number = page["number"]
        lines = tuple(
            RawLine(text, at, line_number, zone, bold, size, _unbox(box), italic, tuple(cells), underline)
            for text, line_number, zone, bold, size, box, italic, cells, underline, at in page["lines"]
        )
        links = tuple(Link(uri, at, _unbox(box), covered) for uri, box, covered, at in page["links"])
        pages.append(RawPage(number, lines, links))
    warnings = tuple(DocumentWarning(code, message, page) for code, message, page in data["warnings"])
    document = RawDocument(data["source"], data["input_format"], tuple(pages), warnings)
    if not _conforms(document, RawDocument):
        raise TypeError("a value of the cache entry is not of its field's type")
    return document


def _conforms(value: Any, hint: Any) -> bool:
    """True if a value is of a type hint: a model dataclass (field by field), a tuple of some type,
    a union, a Literal, or a plain type (an int passes as a float, as JSON writes 12.0 as 12)."""
    origin = typing.get_origin(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return isinstance(value, hint) and all(
            _conforms(getattr(value, name), field_type) for name, field_type in _field_types(hint).items()
        )
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return isinstance(value, tuple) and all(_conforms(element, item) for element in value)
    if origin in (types.UnionType, typing.Union):
        return any(_conforms(value, option) for option in typing.get_args(hint))
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if hint in (int, float):
        return isinstance(value, int if hint is int else int | float) and not isinstance(value, bool)
    if hint is type(None):
        return value is None
    return isinstance(hint, type) and isinstance(value, hint)


@cache
def _field_types(record: type) -> dict[str, Any]:
    return typing.get_type_hints(record)


def _box(box: Box | None) -> list[float] | None:
    return None if box is None else [box.x0, box.top, box.x1, box.bottom]


def _unbox(values: list[float] | None) -> Box | None:
    return None if values is None else Box(*values)
