"""Both PDF engines give the same JSON: pdfium on every PDF of the corpus and every generated letter.

The pdfplumber side comes from the conversions test_corpus and test_generated make anyway (their
caches are shared within a session), so this costs one pdfium reading per file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import regex

from pipeline.errors import ConversionError, TooLarge
from pipeline.extract import ENGINES, Engine, read_document
from pipeline.model import REVIEW_WARNINGS
from pipeline.pdf import reader
from pipeline.pdf.page import EngineError, PageRecord
from pipeline.render import render
from pipeline.run import Options, convert_document, convert_file
from tests import test_corpus, test_generated
from tests.conftest import run_cli
from tests.pdfs import (
    REFERENCE_CYCLES,
    corrupt_checksum,
    font_with_to_unicode,
    long_string_page,
    missing_page,
    one_page_pdf,
    text_pages,
    to_unicode_map,
)

DIFFERENT: dict[str, str] = {}
"""Letters on which the engines may differ, with the reason: none left."""


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


# --- Long strings: pdfium keeps 32,767 bytes of one, pdfplumber reads them whole --------------------

LONG = 34_000
"""Characters of one string: more than pdfium's parser keeps (32,767 bytes), fewer than a page may hold."""


def test_pdfium_keeps_32767_bytes_of_a_string_and_marks_the_page() -> None:
    """What the reader guards against, and the mark it goes by: pdfium's content parser drops a
    string's bytes past 32,767 without a word; a text object that long marks its page ``cut``."""
    from pipeline.pdf import pdfium

    with pdfium.open_document(text_pages(LONG)) as document:
        record = document.read_page(0)
    assert len(record.chars) == pdfium.MAX_STRING_BYTES == 32_767 and record.cut
    with pdfium.open_document(text_pages(pdfium.MAY_BE_CUT - 1)) as document:
        assert not document.read_page(0).cut
    with pdfium.open_document(long_string_page(2_000)) as document:
        assert not document.read_page(0).cut


def test_a_string_longer_than_pdfium_keeps_is_read_whole_on_either_engine() -> None:
    """The text after a cut was lost without a word on pdfium; now a page where pdfium may have cut
    a string is read with pdfplumber, and the letter says so (it needs no review: nothing is lost)."""
    data = long_string_page(LONG)
    documents = {engine: reader.read_pdf(data, "lang.pdf", engine=engine) for engine in ENGINES}
    lines = [line.text for page in documents["pdfium"].pages for line in page.lines if line.text]
    assert lines[0] == "Geachte voorzitter," and lines[-1] == "Hoogachtend,"
    # Spaces in 1 pt type are narrower than the gap that makes one, but they are drawn: a word space.
    assert lines[1].endswith("woord EINDE") and lines[1].count("woord ") == (LONG - 5) // 6
    assert documents["pdfium"].pages == documents["pdfplumber"].pages
    assert documents["pdfplumber"].warnings == ()
    assert [(warning.code, warning.page) for warning in documents["pdfium"].warnings] == [("read-with-pdfplumber", 1)]
    assert "read-with-pdfplumber" not in REVIEW_WARNINGS


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_over_the_character_cap_in_one_string_fails_on_either_engine(tmp_path: Path, engine: Engine) -> None:
    """pdfium kept 32,767 of a string's 60,000 characters, under the cap of 50,000 a page: the
    page was read (cut) where pdfplumber failed it. Read again whole, it fails on both."""
    path = tmp_path / "vol.pdf"
    path.write_bytes(text_pages(60_000))
    with pytest.raises(TooLarge, match=r"more than 50,000 characters on one page \(the per-page limit\) \(page 1\)"):
        read_document(path, path.name, engine=engine)


def test_a_cut_pdfplumber_cannot_mend_is_a_warning_that_needs_review(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should pdfplumber fail on a file pdfium read, pdfium's text is kept, and the letter says
    where a string may have been cut, in a warning that makes it need review."""
    from pipeline.pdf import plumber

    @contextmanager
    def unreadable(data: bytes) -> Iterator[object]:
        raise EngineError("a damaged cross-reference table")
        yield

    monkeypatch.setattr(plumber, "open_document", unreadable)
    document = reader.read_pdf(long_string_page(LONG), "lang.pdf", engine="pdfium")
    ((code, message, page),) = [(warning.code, warning.message, warning.page) for warning in document.warnings]
    assert (code, page) == ("text-cut", 1) and code in REVIEW_WARNINGS
    assert message == (
        "page 1: pdfium may have read only the start of a long string, and pdfplumber could not read the PDF"
        " instead (truncated or damaged PDF: a damaged cross-reference table)"
    )
    assert [line.text for line in document.pages[0].lines if line.text][-1] == "Hoogachtend,"


# --- Hostile text, errors and log lines: the same promises on both engines -------------------------

INVALID = regex.compile(r"[\p{Cs}\p{Noncharacter_Code_Point}\p{Cc}--[\t\n]]", regex.V1)


@pytest.mark.parametrize("engine", ENGINES)
def test_text_from_either_engine_is_valid_unicode(tmp_path: Path, engine: Engine) -> None:
    """A ToUnicode map that gives glyphs a lone surrogate (c34), a noncharacter or a control code:
    pdfium's surrogates stopped the batch with UnicodeEncodeError, pdfminer's control codes went
    into the outputs. Each is replaced by U+FFFD and a warning that makes the letter need review."""
    mapping = {**{code: b"%04X" % code for code in range(32, 127)}, 0x41: b"D800", 0x42: b"FFFF", 0x43: b"0001"}
    path = tmp_path / "tekens.pdf"
    path.write_bytes(font_with_to_unicode(to_unicode_map(mapping), b"Geachte voorzitter, ABC"))
    result = convert_file(path, tmp_path / "out", Options(engine=engine))
    assert result.status == "converted" and result.needs_review, result
    (warning,) = [warning for warning in result.warnings if warning.code == "invalid-unicode"]
    assert warning.page == 1 and warning.message.startswith("2 characters that are no valid text")
    for output in result.outputs:
        # Strict: a surrogate could not have been written. (The HTML marks where words may break.)
        text = output.read_bytes().decode("utf-8").replace("\u00ad", "")
        assert "Geachte voorzitter, " in text and "\ufffd" in text
        assert not INVALID.search(json.loads(text)["body"][0]["text"] if output.suffix == ".json" else text)


def test_a_map_of_only_surrogates_reads_as_replacement_characters(tmp_path: Path) -> None:
    """The hostile c34: every code mapped to a surrogate. pdfium reads U+FFFD for each, with the
    warning; pdfminer drops such glyphs itself and finds only white space."""
    path = tmp_path / "c34.pdf"
    path.write_bytes(font_with_to_unicode(to_unicode_map(dict.fromkeys(range(32, 127), b"D800")), b"Geachte"))
    document = read_document(path, path.name, engine="pdfium")
    # (pdfium measures a glyph by its text, which it does not have: the gaps between them may be off.)
    assert [line.text.replace(" ", "") for line in document.pages[0].lines if line.text] == ["\ufffd" * 7]
    assert [warning.code for warning in document.warnings] == ["invalid-unicode"]
    with pytest.raises(ConversionError, match="only white space"):
        read_document(path, path.name, engine="pdfplumber")


def test_an_error_depends_on_the_file_alone(tmp_path: Path) -> None:
    """pdfium keeps its last error in a global that a failed page leaves alone: the page of
    pdfium-page-error.pdf was "not in PDF format or damaged" after a broken file, "page cannot be
    read" on its own, so index.json differed between --jobs 1 and --jobs 2."""
    broken, damaged = tmp_path / "a-kapot.pdf", tmp_path / "b-pagina.pdf"
    broken.write_bytes(b"%PDF-1.4 kapot")
    damaged.write_bytes(missing_page())

    def error(path: Path) -> str:
        with pytest.raises(ConversionError) as caught:
            read_document(path, path.name, engine="pdfium")
        return str(caught.value)

    alone = error(damaged)
    assert error(broken) == "a-kapot.pdf: truncated or damaged PDF: not in PDF format or damaged"
    assert error(damaged) == alone
    assert alone == (
        "b-pagina.pdf: truncated or damaged PDF (page 2): "
        "pdfium cannot load the page (its object or contents are damaged)"
    )


def test_one_job_and_two_give_the_same_index(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-kapot.pdf").write_bytes(b"%PDF-1.4 kapot")
    (folder / "b-pagina.pdf").write_bytes(missing_page())
    (folder / "c-goed.pdf").write_bytes(one_page_pdf())
    indexes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        run_cli("convert", str(folder), "-o", str(out), "--engine", "pdfium", "--jobs", jobs, "--no-cache", limit=120)
        indexes.append((out / "index.json").read_text(encoding="utf-8"))
    assert indexes[0] == indexes[1] and "pdfium cannot load the page" in indexes[0]


def test_pdfminer_warnings_become_the_letter_s_warnings(tmp_path: Path) -> None:
    """pdfminer's warnings went to standard error without the file's name (1,597 lines over 350
    fuzzed PDFs). They are the document's warnings now, with their page, and make it need review."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "brief.pdf").write_bytes(corrupt_checksum())
    args = ("convert", str(folder), "-o", str(tmp_path / "out"), "--engine", "pdfplumber", "--no-cache")
    completed = run_cli(*args, limit=120)
    assert "Data-loss" not in completed.stderr.replace(str(folder), "").split("needs review:")[0], completed.stderr
    data = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert [(w["code"], w["message"], w["page"]) for w in data["warnings"]] == [
        ("pdf-library", "pdfminer: Data-loss while decompressing corrupted data", 1)
    ]
    assert f"  needs review: {folder / 'brief.pdf'} (page 1): pdf-library: pdfminer: Data-loss" in completed.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_what_a_library_logs_is_kept_with_its_page(monkeypatch: pytest.MonkeyPatch, engine: Engine) -> None:
    """Whatever an engine's library logs while a page is read (pdfminer, pypdfium2) becomes a
    warning of that page, counted once per message; the loggers are as they were afterwards."""
    module = reader.engine_module(engine)
    original = module.open_document

    @contextmanager
    def chatty(data: bytes) -> Iterator[object]:
        with original(data) as document:
            read_page = document.read_page

            def read(index: int) -> PageRecord:
                for _ in range(3):
                    logging.getLogger(f"{module.LOGGERS[0]}.deep").warning("glyph %d repaired", index)
                return read_page(index)

            monkeypatch.setattr(document, "read_page", read)
            yield document

    monkeypatch.setattr(module, "open_document", chatty)
    path = test_corpus.locate("ah-tk-20232024-1999__tkdoc-01bf9f06.pdf")
    assert path is not None
    document = read_document(path, path.name, engine=engine)
    assert [(w.code, w.message, w.page) for w in document.warnings] == [
        ("pdf-library", f"{module.LOGGERS[0]}: glyph {index} repaired (3 times)", index + 1)
        for index in range(len(document.pages))
    ]
    for name in module.LOGGERS:
        assert logging.getLogger(name).propagate and not logging.getLogger(name).handlers
