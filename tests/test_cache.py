"""The extraction cache: its key changes with every input of extraction, and only then."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from pipeline import cache
from pipeline.extract import read_document
from pipeline.run import Options, convert_file
from tests.conftest import DATA, SEED

MEDEDELING = DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1999__tkdoc-01bf9f06.pdf"
VERSIONS = cache.library_versions()


def test_the_key_covers_the_modules_extraction_imports_and_runs() -> None:
    modules = {path.relative_to(cache.PACKAGE).as_posix() for path in cache.extraction_modules()}
    engine = {"pdf/__init__.py", "pdf/page.py", "pdf/reader.py", "pdf/plumber.py", "pdf/pdfium.py", "pdf/layout.py"}
    assert {"extract.py", "model.py", "patterns.py", "text.py", "errors.py"} | engine <= modules
    # Independently of reading imports: every pipeline function that runs while a PDF and a text
    # file are read lives in a module of the key.
    ran: set[str] = set()

    def record(frame: FrameType, event: str, arg: Any) -> None:
        if event == "call":
            ran.add(frame.f_code.co_filename)

    sys.setprofile(record)
    try:
        read_document(MEDEDELING, "mededeling.pdf")
        read_document(MEDEDELING, "mededeling.pdf", engine="pdfium")
        read_document(SEED, "seed.txt")
    finally:
        sys.setprofile(None)
    ran_in_package = {Path(name) for name in ran if Path(name).is_relative_to(cache.PACKAGE)}
    assert {path.relative_to(cache.PACKAGE).as_posix() for path in ran_in_package} <= modules


@pytest.mark.parametrize("module", [path.relative_to(cache.PACKAGE).as_posix() for path in cache.extraction_modules()])
def test_a_change_to_any_extraction_module_changes_the_key(module: str, tmp_path: Path) -> None:
    package = shutil.copytree(cache.PACKAGE, tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.extraction_fingerprint(package, VERSIONS)
    assert before == cache.extraction_fingerprint(cache.PACKAGE, VERSIONS)
    (package / module).write_text((package / module).read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.extraction_fingerprint(package, VERSIONS) != before


def test_a_module_extraction_starts_to_import_joins_the_key(tmp_path: Path) -> None:
    package = shutil.copytree(cache.PACKAGE, tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    assert package / "links.py" not in cache.extraction_modules(package)
    text = (package / "text.py").read_text(encoding="utf-8")
    (package / "text.py").write_text(text + "\ndef later() -> None:\n    from pipeline.links import x\n")
    assert package / "links.py" in cache.extraction_modules(package)


@pytest.mark.parametrize("library", sorted(VERSIONS))
def test_a_new_version_of_a_library_changes_the_key(library: str) -> None:
    assert {"pdfplumber", "pdfminer.six", "regex", "unicodedata"} <= set(VERSIONS)
    changed = {**VERSIONS, library: VERSIONS[library] + ".1"}
    assert cache.extraction_fingerprint(versions=changed) != cache.extraction_fingerprint(versions=VERSIONS)


def test_content_type_and_page_limit_are_in_the_key() -> None:
    key = cache.cache_key(b"tekst", ".txt", 500)
    assert len({key, cache.cache_key(b"tekst!", ".txt", 500), cache.cache_key(b"tekst", ".pdf", 500)}) == 3
    assert key != cache.cache_key(b"tekst", ".txt", 400)
    assert cache.cache_key(b"tekst", ".TXT", 500) == key
    assert "/" not in cache.cache_key(b"tekst", ".a/b c", 500)


def test_a_text_file_renamed_to_pdf_is_not_served_from_the_cache(tmp_path: Path) -> None:
    options = Options(cache_dir=tmp_path / "cache")
    text = tmp_path / "a.txt"
    shutil.copy(SEED, text)
    assert convert_file(text, tmp_path / "out", options).status == "converted"
    renamed = shutil.copy(text, tmp_path / "b.pdf")
    result = convert_file(renamed, tmp_path / "out", options)
    assert (result.status, result.from_cache) == ("failed", False)
    assert result.error == f"{renamed}: not a PDF (it does not start with %PDF-)"


def damage_nested(entry: Path) -> None:
    entry.write_text("[" * 100_000 + "]" * 100_000)


def damage_zero(entry: Path) -> None:
    entry.unlink()
    entry.symlink_to("/dev/zero")


def damage_truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def damage_types(entry: Path) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["pages"][0]["lines"][0][0] = {"not": "text"}
    entry.write_text(json.dumps(data), encoding="utf-8")


def damage_folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()


@pytest.mark.parametrize("damage", [damage_nested, damage_zero, damage_truncated, damage_types, damage_folder])
def test_a_damaged_cache_entry_is_a_miss_and_is_rebuilt(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    """A deeply nested entry or a link to /dev/zero failed a good letter on every run."""
    options = Options(cache_dir=tmp_path / "cache")
    assert convert_file(SEED, tmp_path / "out", options).status == "converted"
    [entry] = (tmp_path / "cache").glob("*.json")
    damage(entry)
    result = convert_file(SEED, tmp_path / "out", options)
    assert (result.status, result.from_cache, result.error) == ("converted", False, "")
    assert entry.is_file() and not entry.is_symlink()
    assert convert_file(SEED, tmp_path / "out", options).from_cache  # rebuilt


def test_a_text_file_is_one_cache_entry_whichever_pdf_engine(tmp_path: Path) -> None:
    """Batches read PDFs with pdfium, the library with pdfplumber: a text (or Word) file, which no PDF
    engine reads, must not be read again for the other."""
    letter = shutil.copy(SEED, tmp_path / "brief.txt")
    assert not convert_file(letter, tmp_path / "out", Options(cache_dir=tmp_path / "cache", engine="pdfium")).from_cache
    assert convert_file(letter, tmp_path / "out", Options(cache_dir=tmp_path / "cache", engine="pdfplumber")).from_cache
