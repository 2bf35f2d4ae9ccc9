"""Both PDF engines give the same JSON: pdfium on every PDF of the corpus and every generated letter.

The pdfplumber side comes from the conversions test_corpus and test_generated make anyway (their
caches are shared within a session), so this costs one pdfium reading per file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.render import render
from pipeline.run import Options, convert_document, convert_file
from tests import test_corpus, test_generated
from tests.pdfs import REFERENCE_CYCLES, one_page_pdf

DIFFERENT: dict[str, str] = {}
"""Letters on which the engines may differ, with the reason: none left."""
"""Letters on which the engines still differ, and why."""


def marked(names: list[str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=DIFFERENT[name])) if name in DIFFERENT else name
        for name in names
    ]


def pdfium_json(path: Path, name: str) -> str:
    return render(convert_document(path, name, Options(timeout=0, engine="pdfium")), "json")


@pytest.mark.parametrize("name", marked(test_corpus.ALL_DOCUMENTS))
def test_corpus_letters_read_the_same_on_both_engines(name: str) -> None:
    path = test_corpus.locate(name)
    if path is None:
        pytest.skip(f"{name} is not in tests/data/corpus and ../shared/corpus is not beside the repository")
    assert pdfium_json(path, name) == render(test_corpus.converted(name), "json")


@pytest.mark.parametrize("name", marked(test_generated.NAMES))
def test_generated_letters_read_the_same_on_both_engines(name: str) -> None:
    path = test_generated.GENERATED / name
    assert pdfium_json(path, name) == render(test_generated.converted(name), "json")


def test_the_engines_are_cached_apart(tmp_path: Path) -> None:
    from pipeline import cache

    data = b"%PDF-1.4"
    assert cache.cache_key(data, ".pdf", 500, engine="pdfium") != cache.cache_key(data, ".pdf", 500)


def test_reference_cycles_never_hang_pdfium(tmp_path: Path) -> None:
    """pdfplumber reads a cyclic tree until the time limit; pdfium sees the cycle and goes on."""
    for name, data in REFERENCE_CYCLES.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        # A generous limit: pdfium comes to an end by itself, never at the limit.
        result = convert_file(path, tmp_path / "out", Options(engine="pdfium", timeout=120))
        assert result.status == "converted" or result.error.startswith(f"{path}: "), result
        assert "\n" not in result.error and "took longer" not in result.error, result


def test_a_good_pdf_converts_on_pdfium(tmp_path: Path) -> None:
    path = tmp_path / "goed.pdf"
    path.write_bytes(one_page_pdf())
    result = convert_file(path, tmp_path / "out", Options(engine="pdfium"))
    assert result.status == "converted" and (tmp_path / "out" / "goed.json").exists()
