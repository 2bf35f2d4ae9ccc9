"""Inline parts and lists: texts as typed pieces, made once, that renderers only show."""

from __future__ import annotations

import ast
from pathlib import Path

from pipeline.inline import blocks_with_lists, parse_inline
from pipeline.model import Block, FootnoteRef, NoteRef, TextPart, UrlPart
from pipeline.run import Options, convert_document
from tests.conftest import DATA


def test_references_and_urls_become_parts_only_where_they_resolve() -> None:
    parts = parse_inline("Zie[^2] en[^9] [1] [7] javascript:x www.nos.nl/a.", frozenset({2}), frozenset({"1"}))
    assert parts == (
        TextPart("Zie"),
        FootnoteRef(2),
        TextPart(" en[^9] "),
        NoteRef("1"),
        TextPart(" [7] javascript:x "),
        UrlPart("www.nos.nl/a", "https://www.nos.nl/a"),
        TextPart("."),
    )


def test_bullets_and_numbers_counting_on_make_lists() -> None:
    blocks = [Block("paragraph", text, 1) for text in ("Dit:", "1. een;", "2. twee.", "– drie", "– vier", "3. los")]
    lists = blocks_with_lists(blocks)
    assert [(b.kind, b.ordered, b.text) for b in lists] == [
        ("paragraph", False, "Dit:"),
        ("list", True, "een;\ntwee."),
        ("list", False, "drie\nvier"),
        ("paragraph", False, "3. los"),
    ]


def test_render_imports_nothing_from_the_text_stages() -> None:
    source = (Path(__file__).parent.parent / "pipeline" / "render.py").read_text(encoding="utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline")
    }
    # hyphenate is presentation too: soft hyphens for the HTML page, no stage.
    assert imported == {"pipeline.model", "pipeline.hyphenate"}


def test_aanhangsel_bullets_are_a_list_in_every_format() -> None:
    # 1178, PDF page 3: seven bulleted measures, printed with "(cid:129)" glyphs.
    document = convert_document(
        DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1178__tkdoc-1c0f765c.pdf", "x.pdf", Options(timeout=0)
    )
    lists = [block for answer in document.answers for block in answer.blocks if block.kind == "list"]
    assert len(lists[0].items) == 7 and lists[0].text.startswith("Inzicht hebben in wat belangrijk is")
    from pipeline.render import render

    html = render(document, "html")
    assert '<ul class="list">' in html and "(cid:" not in html
    markdown = render(document, "md")
    assert "\n- Inzicht hebben in wat belangrijk is" in markdown
