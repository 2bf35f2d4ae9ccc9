"""Reading text input: pages, link lists, encodings and bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import UnreadableInput
from pipeline.extract import read_document, read_text
from pipeline.model import RawDocument


def test_seed_has_ten_pages_with_their_link_lists(seed_raw: RawDocument) -> None:
    assert len(seed_raw.pages) == 10
    assert [len(page.links) for page in seed_raw.pages] == [0, 0, 3, 2, 2, 4, 4, 0, 9, 4]
    assert seed_raw.pages[1].lines[0].text.startswith("1. Bent u bekend")
    assert seed_raw.pages[2].lines[0].text.startswith("gegenereerd door AI")
    # The note's URL that opens page 10 is text, not part of the link list.
    assert seed_raw.pages[9].lines[0].text.startswith("https://nos.nl/artikel/2460020")


def test_link_list_lines_are_not_text(seed_raw: RawDocument) -> None:
    for page in seed_raw.pages:
        texts = [line.text for line in page.lines]
        for link in page.links:
            assert link.uri not in texts


def test_form_feeds_split_pages() -> None:
    document = read_text("Een\ntwee\fDrie\nvier\f", "x.txt")
    assert [[line.text for line in page.lines] for page in document.pages] == [["Een", "twee"], ["Drie", "vier"]]


def test_windows_1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes("Geachte voorzitter, de financiën – ook voor ’24.\n".encode("cp1252"))
    document = read_document(path, "brief.txt")
    assert document.pages[0].lines[0].text == "Geachte voorzitter, de financiën – ook voor ’24."
    assert [warning.code for warning in document.warnings] == ["not-utf8"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_decoded_by_their_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    """Such text was refused as "binary data" (its zero bytes)."""
    path = tmp_path / "brief.txt"
    text = "Geachte voorzitter, de financiën – ook voor ’24 🇳🇱.\n"
    # The codecs without an endianness write the mark themselves.
    mark = "" if encoding in ("utf-16", "utf-32") else "\ufeff"
    path.write_bytes((mark + text).encode(encoding))
    document = read_document(path, "brief.txt")
    assert document.pages[0].lines[0].text == text.strip()
    assert document.warnings == ()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("kapot16.txt", b"\xff\xfeG\x00\x00\xd8", "text is not valid UTF-16 despite its byte order mark"),
        ("leeg.txt", b"", "empty file"),
        ("leeg.pdf", b"", "empty file"),
        ("plaatje.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64), "not a PDF (it is a PNG image)"),
        ("binair.txt", b"abc\x00\x01\x02", "not a text file"),
        ("spaties.txt", b"  \n \n\t\n", "text is empty"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableInput) as caught:
        read_document(path, name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert reason in message
    assert "\n" not in message
