"""PDF extraction: zones, markers, links and accents on real PDFs; every kind of bad PDF."""

from __future__ import annotations

import io
import random
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from pipeline.errors import ConversionError, EncryptedPdf, NoTextLayer, TooLarge, UnreadableInput
from pipeline.extract import ENGINES, Engine, read_document
from pipeline.model import RawDocument
from pipeline.pdf import reader
from pipeline.pdf.grid import place_chars
from pipeline.pdf.page import MAX_PAGE_CHARS, MAX_STREAM_BYTES
from pipeline.pdf.prescan import FORMS_DRAW_EACH_OTHER, TOO_MANY_FORMS
from pipeline.run import Options, convert_file
from tests.conftest import DATA, run_cli
from tests.pdfs import (
    REFERENCE_CYCLES,
    build_pdf,
    chained_bomb,
    char_flood,
    flate_bomb,
    form_cycle,
    form_fan_out,
    map_bomb,
    one_page_pdf,
    text_pages,
)

CORPUS = DATA / "corpus"
SEED_PDF = CORPUS / "seed" / "2023Z00475-typeset.pdf"
MEDEDELING = CORPUS / "aanhangsel" / "ah-tk-20232024-1999__tkdoc-01bf9f06.pdf"


def read_pdf(path: Path, source: str, engine: Engine = "pdfplumber") -> RawDocument:
    return reader.read_pdf(path.read_bytes(), source, engine=engine)


@pytest.fixture(scope="module")
def seed() -> RawDocument:
    return read_pdf(SEED_PDF, SEED_PDF.name)


def texts(document: RawDocument, page: int, zone: str) -> list[str]:
    return [line.text for line in document.pages[page - 1].lines if line.zone == zone and line.text]


def test_reference_column_is_kept_out_of_the_body(seed: RawDocument) -> None:
    body = texts(seed, 3, "body")
    assert "zoals wordt gedaan door DALL-E, daar een goed voorbeeld van." in body
    assert not any("Datum" in line or "2023-0000101234" in line for line in body)
    assert texts(seed, 3, "reference") == [
        "Directoraat-generaal", "Digitalisering", "Datum", "22 februari 2023", "Kenmerk", "2023-0000101234"
    ]  # fmt: skip


def test_footnotes_furniture_and_markers(seed: RawDocument) -> None:
    footnotes = texts(seed, 3, "footnote")
    assert [line[:20] for line in footnotes if line[0].isdigit()] == [
        "1 Wetenschappelijke ", "2 Verkenning naar he", "3 Opgave AI. De nieu"
    ]  # fmt: skip
    assert texts(seed, 3, "furniture") == ["Pagina 3 van 9"]
    body = " ".join(texts(seed, 3, "body"))
    assert "kunnen worden¹²." in body and "systeemtechnologie’³." in body


def test_bold_questions_and_links_with_what_they_cover(seed: RawDocument) -> None:
    bold = [line.text for line in seed.pages[2].lines if line.bold]
    assert bold == ["3. Welke handvaten hebben leraren en scholen om om te gaan met", "kunstmatige intelligentie?"]
    links = seed.pages[2].links
    assert [link.uri.split("/")[2] for link in links] == ["www.rijksoverheid.nl", "www.wrr.nl"]
    assert links[1].covered_text == "Opgave AI. De nieuwe systeemtechnologie | Rapport | WRR"
    assert all(link.box is not None for link in links)


def test_split_diacritics_are_composed() -> None:
    document = read_pdf(CORPUS / "aanhangsel" / "ah-tk-20232024-1949__tkdoc-1bb0809b.pdf", "1949")
    text = " ".join(line.text for page in document.pages for line in page.lines)
    assert "Yeşilgöz" in text and "s¸" not in text
    document = read_pdf(CORPUS / "aanhangsel" / "ah-tk-20232024-1314__tkdoc-00fe7edd.pdf", "1314")
    assert "Kostić" in " ".join(line.text for line in document.pages[0].lines)


def test_aanhangsel_footer_is_furniture() -> None:
    document = read_pdf(MEDEDELING, MEDEDELING.name)
    assert texts(document, 1, "furniture") == [
        "2",
        "ah-tk-20232024-1999",
        "ISSN 0921 - 7398",
        # The imprint (5.9 pt) and the footer (9.1 pt) share a baseline a wide gap apart: two lines.
        "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel",
        "’s-Gravenhage 2024",
    ]


# --- Bad PDFs ------------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def encrypted(tmp_path: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(MEDEDELING))
    writer.encrypt(user_password="geheim", owner_password="ook-geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    return write(tmp_path / "versleuteld.pdf", buffer.getvalue())


def scanned(tmp_path: Path) -> Path:
    path = tmp_path / "scan.pdf"
    Image.new("RGB", (200, 280), "white").save(path, "PDF")
    return path


def blank_text(tmp_path: Path) -> Path:
    stream = b"BT /F1 12 Tf 72 720 Td (     ) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return write(tmp_path / "leeg.pdf", build_pdf(objects))


@pytest.mark.parametrize(
    ("make", "error", "reason"),
    [
        (lambda tmp: write(tmp / "nul.pdf", b""), UnreadableInput, "empty file (0 bytes)"),
        (lambda tmp: write(tmp / "plaatje.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100)), UnreadableInput, "PNG image"),
        (lambda tmp: write(tmp / "half.pdf", SEED_PDF.read_bytes()[:20000]), UnreadableInput, "damaged PDF"),
        (encrypted, EncryptedPdf, "encrypted PDF, cannot read its text"),
        (scanned, NoTextLayer, "no text layer; OCR it first"),
        (blank_text, NoTextLayer, "only white space"),
    ],
    ids=["zero-bytes", "png", "truncated", "encrypted", "scanned", "whitespace"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_bad_pdfs_give_one_clear_line(
    tmp_path: Path, make, error: type[ConversionError], reason: str, engine: Engine
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        read_document(path, path.name, engine=engine)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ") and reason in message and "\n" not in message


@pytest.mark.parametrize("engine", ENGINES)
def test_page_limit(engine: Engine) -> None:
    with pytest.raises(TooLarge, match="too many pages \\(9, the limit is 4\\)"):
        read_document(SEED_PDF, "seed.pdf", max_pages=4, engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_pdf_without_pages(tmp_path: Path, engine: Engine) -> None:
    path = write(
        tmp_path / "leeg.pdf",
        build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]),
    )
    with pytest.raises(UnreadableInput, match=r"^leeg\.pdf: PDF has no pages$"):
        read_document(path, path.name, engine=engine)


def mutations(data: bytes, count: int) -> list[bytes]:
    rng = random.Random(1999)
    mutated = []
    for index in range(count):
        if index % 3 == 0:
            mutated.append(data[: rng.randrange(len(data))])
        else:
            flipped = bytearray(data)
            for _ in range(rng.randrange(1, 40)):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            mutated.append(bytes(flipped))
    return mutated


@cache
def hostile() -> dict[str, tuple[bytes, str]]:
    """Crafted PDFs that broke a promise, each with the reason it must fail with (both engines)."""
    bomb = "a stream inflates to more than 64 MB (a decompression bomb?)"
    return {
        "bomb": (flate_bomb(80), f"{bomb} (page 1)"),
        "map-bomb": (map_bomb(80), f"{bomb} (object 6)"),
        "flate-in-flate": (chained_bomb(80), f"{bomb} (page 1)"),
        "form-cycle": (form_cycle(), f"{FORMS_DRAW_EACH_OTHER} (page 1)"),
        "form-fan-out": (form_fan_out(30), f"{TOO_MANY_FORMS} (page 1)"),
        "char-flood": (char_flood(10**6), "more than 50,000 characters on one page (the per-page limit) (page 1)"),
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_fuzzed_pdfs_convert_or_fail_cleanly(tmp_path: Path, engine: Engine) -> None:
    crafted = [data for data, _ in hostile().values()]
    for index, data in enumerate([*REFERENCE_CYCLES.values(), *crafted, *mutations(flate_bomb(80), 6)]):
        path = write(tmp_path / f"hostile-{index}.pdf", data)
        result = convert_file(path, tmp_path / "out", Options(timeout=1, engine=engine))
        # pdfium reads past some reference cycles that pdfplumber cannot; neither may hang or crash.
        assert engine == "pdfium" or result.status == "failed", result
        assert "\n" not in result.error and "internal error" not in result.error, result.error
        assert result.status == "converted" or result.error.startswith(f"{path}: "), result.error
    for index, data in enumerate(mutations(MEDEDELING.read_bytes(), 24)):
        path = write(tmp_path / f"fuzz-{index}.pdf", data)
        result = convert_file(path, tmp_path / "out", Options(timeout=20, engine=engine))
        if result.status == "failed":
            assert result.error.startswith(f"{path}: ") and "\n" not in result.error, result.error
            assert not (tmp_path / "out" / f"fuzz-{index}.json").exists()
        else:
            assert (tmp_path / "out" / f"fuzz-{index}.json").exists()


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("engine", ENGINES)
def test_hostile_pdfs_cost_one_line_each_on_both_engines(tmp_path: Path, engine: Engine, jobs: int) -> None:
    """Form cycles, fan-outs, bombs and floods, and mutations of each, in a batch: each file is
    converted or fails with its one line, and the batch ends with its summary and index. (pdfium
    aborted the whole run on a form cycle, with no line, no summary and no index.)"""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name, (data, _) in hostile().items():
        write(folder / f"{name}.pdf", data)
        for index, mutated in enumerate(mutations(data, 4)):
            write(folder / f"{name}-{index}.pdf", mutated)
    write(folder / "goed.pdf", one_page_pdf())
    args = ("convert", str(folder), "-o", str(out), "--engine", engine, "--jobs", str(jobs), "--no-cache")
    completed = run_cli(*args, "--timeout", "10", limit=300)
    lines = completed.stderr.splitlines()
    for name, (_, reason) in hostile().items():
        assert f"error: {folder / name}.pdf: {reason}" in lines, completed.stderr
    assert f"converted {folder / 'goed.pdf'} (0 warnings)" in lines
    files = sorted(str(path) for path in folder.iterdir())
    outcomes = [match for line in lines if (match := re.match(r"(converted|error:) (.+?\.pdf)(?: \(|: )", line))]
    assert sorted(match.group(2) for match in outcomes) == files, completed.stderr
    # Nothing else: no line of a library without the file's name, no traceback; then the summary.
    failed = sum(match.group(1) == "error:" for match in outcomes)
    others = [line for line in lines if not line.startswith(("converted ", "error: ", "  "))]
    assert others[0].startswith(f"{len(files) - failed} converted, {failed} failed, "), completed.stderr
    assert len(others) == 1, completed.stderr
    assert all(str(folder) in line for line in lines if line.startswith("  ")), completed.stderr
    assert "internal error" not in completed.stderr and completed.returncode == 1
    assert (out / "index.json").exists() and (out / "goed.json").exists()


def test_the_typeset_seed_gives_what_its_text_gives() -> None:
    from pipeline.render.data import answer_paragraphs
    from pipeline.run import convert_document
    from tests.conftest import SEED

    text = convert_document(SEED)
    pdf = convert_document(SEED_PDF)
    assert [q.parts for q in pdf.questions] == [q.parts for q in text.questions]
    assert [a.questions for a in pdf.answers] == [a.questions for a in text.answers]
    # Paragraphs may break differently where the typesetting differs; the words may not.
    words = [" ".join(answer_paragraphs(a)) for a in pdf.answers]
    assert words == [" ".join(answer_paragraphs(a)) for a in text.answers]
    assert [(f.number, f.parts, f.urls) for f in pdf.footnotes] == [(f.number, f.parts, f.urls) for f in text.footnotes]
    assert [(n.label, n.urls) for n in pdf.notes] == [(n.label, n.urls) for n in text.notes]
    assert pdf.metadata.kenmerk == text.metadata.kenmerk == "2023Z00475"
    assert pdf.metadata.signatories == text.metadata.signatories
    assert pdf.warnings == () and pdf.links == ()


def test_word_list_bullets_become_real_bullets() -> None:
    path = CORPUS / "kamerbrieven" / "kamerbrief-IenW-emissies-luchtvaart-2022-12-22.pdf"
    text = " ".join(line.text for page in read_pdf(path, path.name).pages for line in page.lines)
    assert "\uf0b7" not in text and "•" in text


# --- Hostile PDFs --------------------------------------------------------------------------


def test_reference_cycles_fail_within_the_time_limit(tmp_path: Path) -> None:
    """A cyclic page tree used to hang for ever: the alarm was caught as a damaged file, and
    closing the PDF read the cyclic tree once more without a time limit."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in REFERENCE_CYCLES.items():
        write(folder / f"{name}.pdf", data)
    write(folder / "goed.pdf", one_page_pdf())
    completed = run_cli("convert", str(folder), "-o", str(tmp_path / "out"), "--timeout", "1", "--no-cache",
                        "--engine", "pdfplumber", limit=60)  # fmt: skip
    errors = sorted(line for line in completed.stderr.splitlines() if line.startswith("error:"))
    assert errors == [
        f"error: {folder / name}.pdf: took longer than 1 s to convert (the per-document time limit)"
        for name in sorted(REFERENCE_CYCLES)
    ]
    assert "1 converted, 6 failed" in completed.stderr and completed.returncode == 1
    assert (tmp_path / "out" / "goed.json").exists() and (tmp_path / "out" / "index.json").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_decompression_bomb_fails_at_the_stream_limit(tmp_path: Path, engine: Engine) -> None:
    """A few kB of Flate that inflate to 80 MB (the issue's 1.25 MB inflated to 1.2 GB and took
    2.56 GB of memory) stop at the limit on what one stream may inflate to: on pdfium as on
    pdfplumber, before the library inflates anything (pdfium read c26's 100 MB, and aborted the
    process on a gigabyte)."""
    path = write(tmp_path / "bom.pdf", flate_bomb(MAX_STREAM_BYTES // 2**20 + 16))
    assert path.stat().st_size < 200_000
    with pytest.raises(TooLarge) as caught:
        read_document(path, "bom.pdf", engine=engine)
    assert str(caught.value) == "bom.pdf: a stream inflates to more than 64 MB (a decompression bomb?) (page 1)"


@pytest.mark.parametrize(
    ("make", "where"),
    [(map_bomb, "object 6"), (chained_bomb, "page 1")],
    ids=["in-a-font's-map", "flate-in-flate"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_a_bomb_anywhere_fails_at_the_stream_limit(tmp_path: Path, make, where: str, engine: Engine) -> None:  # type: ignore[no-untyped-def]
    """A bomb outside the page's content (the font's ToUnicode map, which pdfium reads too) is named
    by its object; one packed twice (925 bytes) by the page that draws it."""
    path = write(tmp_path / "bom.pdf", make(MAX_STREAM_BYTES // 2**20 + 16))
    with pytest.raises(TooLarge) as caught:
        read_document(path, "bom.pdf", engine=engine)
    assert str(caught.value) == f"bom.pdf: a stream inflates to more than 64 MB (a decompression bomb?) ({where})"


@pytest.mark.parametrize("chars", [10**6, MAX_PAGE_CHARS + 10_000])
@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_of_too_many_characters_fails_at_the_page_limit(tmp_path: Path, chars: int, engine: Engine) -> None:
    """One page of 1 MB of text took 24 s and 2.4 GB on pdfplumber, and 732 MB on pdfium, which had
    no limit: a page stops at MAX_PAGE_CHARS characters on both engines. A million characters fail
    on their raw bytes, before either library reads the page; 60,000 when an engine counts them."""
    path = write(tmp_path / "vol.pdf", char_flood(chars))
    with pytest.raises(TooLarge) as caught:
        read_document(path, "vol.pdf", engine=engine)
    assert str(caught.value) == "vol.pdf: more than 50,000 characters on one page (the per-page limit) (page 1)"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_just_under_the_character_limit_is_read(tmp_path: Path, engine: Engine) -> None:
    path = write(tmp_path / "vol.pdf", char_flood(MAX_PAGE_CHARS - 1_000))
    lines = [line.text for line in read_document(path, "vol.pdf", engine=engine).pages[0].lines if line.text]
    assert lines == ["x" * 1_000] * 49


def test_a_timeout_while_reading_pages_is_a_timeout(tmp_path: Path) -> None:
    """A time limit passed while pdfminer read a page was once reported as "truncated or damaged
    PDF (page 97): …: took longer than 10 s", naming the file twice under the wrong cause."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("lang-1", "lang-2"):
        write(folder / f"{name}.pdf", text_pages(MAX_PAGE_CHARS - 10_000, pages=30))
    result = convert_file(folder / "lang-1.pdf", tmp_path / "out", Options(timeout=1))
    assert result.error == f"{folder / 'lang-1.pdf'}: took longer than 1 s to convert (the per-document time limit)"
    completed = run_cli("convert", str(folder), "-o", str(tmp_path / "out"), "--timeout", "1", "--jobs", "2",
                        "--no-cache", "--engine", "pdfplumber", limit=60)  # fmt: skip
    errors = sorted(line for line in completed.stderr.splitlines() if line.startswith("error:"))
    assert errors == [
        f"error: {folder / name}.pdf: took longer than 1 s to convert (the per-document time limit)"
        for name in ("lang-1", "lang-2")
    ], completed.stderr


def test_a_document_that_needs_too_much_memory_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory had no per-document limit: a document could take all the machine has."""
    import pipeline.run

    def greedy(raw: object) -> object:
        hoard = [bytearray(2**28) for _ in range(16)]  # 4 GB
        raise AssertionError(f"the memory limit did not stop the conversion ({len(hoard)})")

    monkeypatch.setattr(pipeline.run, "build_document", greedy)
    path = write(tmp_path / "brief.pdf", one_page_pdf())
    result = convert_file(path, tmp_path / "out", Options(max_memory=256))
    assert result.error == f"{path}: needed more than 256 MB of memory (the per-document limit, --max-memory)"
    monkeypatch.undo()
    assert convert_file(path, tmp_path / "out", Options(max_memory=256)).status == "converted"


@given(st.floats(allow_nan=False, allow_infinity=True, width=64) | st.floats(width=32))
@example(-0.0001)
@example(0.0005)
@example(-0.0)
@example(1234.5675)
@example(2.0625)
@example(-2.0625)
@example(1e12)
def test_placed_chars_round_x_exactly_as_round_does(x: float) -> None:
    """place_chars rounds x0 and x1 on the grid where that gives round(x, 3) bit for bit, and
    calls round() where it might not (within a hair of a half, at zero, far out): the same number always."""
    (char,), _ = place_chars([("a", "F", 10.0, x, x, 0.0, False)], 800.0)
    assert repr(char["x0"]) == repr(round(x, 3)) and repr(char["x1"]) == repr(round(x, 3))
