"""Inline parts and lists: texts as typed pieces, made once, that renderers only show."""

from __future__ import annotations

from pipeline.inline import parse_inline
from pipeline.model import BodyLine, FootnoteRef, ListBlock, Mark, Marked, NoteRef, Text, Url
from pipeline.render.data import block_data
from pipeline.run import Options, convert_document
from pipeline.segment.blocks import build_blocks
from tests.conftest import DATA


def test_marks_become_footnote_references_and_labels_note_references_where_the_note_exists() -> None:
    text = Marked("Zie en [^9] [1] [7] javascript:x www.nos.nl/a.", (Mark(3, 2),))
    parts = parse_inline(text, frozenset({"1"}))
    assert parts == (
        Text("Zie"),
        FootnoteRef(2),
        # A "[^9]" the letter prints is text: only a mark is a footnote reference.
        Text(" en [^9] "),
        NoteRef("1"),
        Text(" [7] javascript:x "),
        Url("www.nos.nl/a", "https://www.nos.nl/a"),
        Text("."),
    )


def test_bullets_and_numbers_counting_on_make_lists() -> None:
    texts = ("Dit:", "1. een;", "2. twee.", "– drie", "– vier", "3. los")
    paragraphs = [[BodyLine(text, 1, number)] for number, text in enumerate(texts, start=1)]
    blocks = build_blocks(paragraphs, parse_inline)
    assert [(b.kind, b.ordered if isinstance(b, ListBlock) else False, block_data(b)["text"]) for b in blocks] == [
        ("paragraph", False, "Dit:"),
        ("list", True, "een;\ntwee."),
        ("list", False, "drie\nvier"),
        ("paragraph", False, "3. los"),
    ]
    assert [item.marker for block in blocks if isinstance(block, ListBlock) for item in block.items] == [
        "1. ",
        "2. ",
        "– ",
        "– ",
    ]


def test_aanhangsel_bullets_are_a_list_in_every_format() -> None:
    # 1178, PDF page 3: four bulleted actions, printed with "(cid:129)" glyphs, then the paragraph
    # "De volgende maatregelen ... zullen zijn:" and three more bullets: two lists.
    document = convert_document(
        DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1178__tkdoc-1c0f765c.pdf", "x.pdf", Options(timeout=0)
    )
    lists = [block for answer in document.answers for block in answer.blocks if isinstance(block, ListBlock)]
    assert [len(block.items) for block in lists[:2]] == [4, 3]
    assert block_data(lists[0])["text"].startswith("Inzicht hebben in wat belangrijk is")
    from pipeline.render import render

    html = render(document, "html")
    assert '<ul class="list">' in html and "(cid:" not in html
    markdown = render(document, "md")
    assert "\n- Inzicht hebben in wat belangrijk is" in markdown
