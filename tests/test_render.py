"""Rendering: JSON, Markdown (parsed with markdown-it) and HTML, escaping untrusted text."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.index import write_index
from pipeline.inline import parse_inline
from pipeline.model import (
    Answer,
    Document,
    Footnote,
    FootnoteRef,
    Mark,
    Marked,
    NoteRef,
    Para,
    Question,
    Span,
    Text,
    plain,
)
from pipeline.render import markdown_text, render
from pipeline.render.data import as_printed
from pipeline.render.data import text as json_text
from pipeline.run import Options, convert_document, convert_file
from tests.conftest import DATA, SEED


def parse_markdown(text: str) -> list:  # type: ignore[type-arg]
    return MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).parse(text)


# CommonMark with the footnote plugin, and the GitHub extensions a viewer may add (~~strike~~, tables).
MARKDOWN = MarkdownIt("commonmark").use(footnote_plugin).enable(["strikethrough", "table"])


def test_json_is_stable_and_complete(seed_document: Document) -> None:
    text = render(seed_document, "json")
    data = json.loads(text)
    assert list(data)[:3] == ["schema_version", "source", "kind"]
    assert render(seed_document, "json") == text
    assert [q["number"] for q in data["questions"]] == list(range(1, 13))
    assert all("\n" not in q["text"] for q in data["questions"])


def test_markdown_footnotes_all_resolve(seed_document: Document) -> None:
    text = render(seed_document, "md")
    tokens = parse_markdown(text)
    references = {t.meta["label"] for t in tokens for t in (t.children or []) if t.type == "footnote_ref"}
    definitions = {t.meta["label"] for t in tokens if t.type == "footnote_open"}
    assert references == {str(n) for n in range(1, 17)}
    assert definitions == references
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert headings == [f"Vraag {n}" for n in range(1, 13)]


CONSTRUCTS = [
    # Blocks, each as the start of a line.
    "# kop", "## kop", "###### kop", "####### geen kop", "#5", "> citaat", "- lijst", "+ lijst", "* lijst", "-",
    "1. lijst", "1) lijst", "123456789. lijst", "---", "***", "___", "- - -", "===", "```", "~~~", "~~~ python",
    "    code", "\tcode", "<div>", "<!-- x -->", "<?php", "<![CDATA[", "[a]: /url", "[^1]: noot", "[^12]:",
    "| a | b |", "a\n---", "a\n===", "a\n\nb", "a\r\nb", "a  \nb", "a\\\nb", "a\n    b",
    # Inline constructs anywhere.
    "*nadruk*", "_nadruk_", "**vet**", "__vet__", "~~weg~~", "~x~", "`code`", "``co`de``", "[tekst](url)",
    "![beeld](url)", "[tekst][ref]", "[ref]", "<https://a.nl>", "<a@b.nl>", "<b>vet</b>", "&lt;", "&amp;",
    "&nbsp;", "&#65;", "&#x41;", "\\*", "\\", "a\\", "^[inline noot]", "[^1](url)", "!", "#", "x #", "x ##",
    # White space Markdown would drop.
    " voor", "na ", "\u00a0nbsp\u00a0", "\u2003em", "\t", " ", "\f",
]  # fmt: skip
"""Every construct of CommonMark, the footnote plugin and the common extensions, as letter text."""

CONTEXTS = {
    "paragraph": ("{}", ""),
    "heading": ("### {}", ""),
    "list item": ("- {}", ""),
    "note": ("- \\[1\\] {}", "[1] "),
    "label": ("**{}**", ""),
    "footnote": ("[^1]: {}\n\nzie[^1]", ""),
}
"""Where the templates put letter text: the Markdown around it, and what it adds to the text."""


def read_back(markdown: str, context: str) -> str | None:
    """The text of the one inline part that holds the letter text, or None if markup appeared."""
    tokens = MARKDOWN.parse(markdown)
    if context == "footnote":
        start = next(i for i, t in enumerate(tokens) if t.type == "footnote_open")
        tokens = tokens[start:]
    # A footnote referred to twice gets two back links (footnote_anchor).
    blocks = [t.type for t in tokens if t.type not in ("inline", "footnote_anchor")]
    expected = {
        "paragraph": ["paragraph_open", "paragraph_close"],
        "heading": ["heading_open", "heading_close"],
        "list item": ["bullet_list_open", "list_item_open", "paragraph_open", "paragraph_close", "list_item_close",
                      "bullet_list_close"],
        "note": ["bullet_list_open", "list_item_open", "paragraph_open", "paragraph_close", "list_item_close",
                 "bullet_list_close"],
        "label": ["paragraph_open", "paragraph_close"],
        "footnote": ["footnote_open", "paragraph_open", "paragraph_close", "footnote_close",
                     "footnote_block_close"],
    }[context]  # fmt: skip
    inline = next(t for t in tokens if t.type == "inline")
    if blocks != expected:
        return None
    children: list[Token] = [c for c in inline.children or [] if c.type != "text" or c.content]
    if context == "label":
        if [c.type for c in children[:1] + children[-1:]] != ["strong_open", "strong_close"]:
            return None
        children = children[1:-1]
    # Letter text reads back as text only: a "[^1]" the letter prints that came back as a footnote
    # reference would be markup too (issue 17, item 7).
    if any(child.type != "text" for child in children):
        return None
    return "".join(child.content for child in children)


@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("text", CONSTRUCTS)
def test_markdown_keeps_every_construct_as_text(text: str, context: str) -> None:
    around, prefix = CONTEXTS[context]
    assert read_back(around.format(markdown_text(text)), context) == prefix + text


TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(CONSTRUCTS),
            st.text(
                st.one_of(
                    st.sampled_from("\\`*_{}[]()<>#+-=.!|~&^:;\"' \t\n\r\f\u00a0\u2028\u3000ab1"),
                    # Any character but control characters (and surrogates), which CommonMark cannot carry.
                    st.characters(exclude_categories=("Cc", "Cs")),
                ),
                max_size=8,
            ),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(bool)
)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.sampled_from(sorted(CONTEXTS)))
@example("[^1]: x", "paragraph")
@example("1. [^2](x)", "heading")
def test_markdown_gives_back_exactly_the_text(text: str, context: str) -> None:
    around, prefix = CONTEXTS[context]
    assert read_back(around.format(markdown_text(text)), context) == prefix + text


def hostile(document: Document) -> Document:
    answer = "Zie [klik](javascript:alert(1)) en data:text/html,<x>"
    return replace(
        document,
        body=(Para(parse_inline('<script>alert(1)</script> "><img src=x onerror=alert(1)>'), Span(1)),),
        questions=(Question(1, "", parse_inline("Wat is <b>dit</b>? javascript:alert(1)"), Span(1)),),
        answers=(
            Answer((1,), "Antwoord:", (Para(parse_inline(Marked(answer, (Mark(len(answer), 1),))), Span(1)),), Span(1)),
        ),
        footnotes=(Footnote(1, (Text("Bron"),), ("javascript:alert(1)", "https://ok.nl/a"), Span(1)),),
        notes=(),
    )


def test_html_escapes_text_and_refuses_unsafe_links(seed_document: Document) -> None:
    page = render(hostile(seed_document), "html")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>dit</b>" not in page
    assert "&lt;script&gt;" in page
    hrefs = regex.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#", "https://", "http://", "mailto:")) or h == "index.html" for h in hrefs)
    assert 'href="https://ok.nl/a" rel="noopener noreferrer"' in page


def test_markdown_refuses_unsafe_links(seed_document: Document) -> None:
    text = render(hostile(seed_document), "md")
    tokens = parse_markdown(text)
    links = [c.attrs.get("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    # The letter's own kenmerk links to its page; of the letter's text, only the safe link.
    assert links == ["https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475", "https://ok.nl/a"]


def test_html_has_anchors_and_two_way_footnote_links(seed_document: Document) -> None:
    page = render(seed_document, "html")
    for number in range(1, 13):
        assert f'id="vraag-{number}"' in page and f'href="#vraag-{number}"' in page
    for number in range(1, 17):
        assert f'id="fn-{number}"' in page and f'href="#fnref-{number}-1"' in page
        assert f'id="fnref-{number}-1"' in page and f'href="#fn-{number}"' in page
    assert '<html lang="nl">' in page


def test_a_footnote_nothing_refers_to_is_still_shown_in_markdown(seed_document: Document) -> None:
    footnote = Footnote(17, (Text("Een losse noot"),), (), Span(9))
    document = replace(seed_document, footnotes=(*seed_document.footnotes, footnote))
    tokens = parse_markdown(render(document, "md"))
    references = {c.meta["label"] for t in tokens for c in (t.children or []) if c.type == "footnote_ref"}
    assert "17" in references


def test_a_notes_url_that_its_text_does_not_print_is_shown() -> None:
    # The seed PDF's note [2] names its site ("dutchitchannel.nl"); the URL comes from its link.
    document = convert_document(DATA / "corpus" / "seed" / "2023Z00475-typeset.pdf", "seed.pdf", Options(timeout=0))
    url = "https://dutchitchannel.nl/712584/de-voorspellingen-van-vier-ai-experts.html"
    assert url in document.notes[1].urls and url not in plain(document.notes[1].parts)
    assert url in render(document, "md")
    assert f'href="{url}"' in render(document, "html")


def test_one_page_is_singular(seed_document: Document) -> None:
    one = replace(seed_document, page_count=1)
    assert "(1 pagina)" in render(one, "md") and "pagina's" not in render(one, "md").split("Bron:")[1]
    assert ", 1 pagina;" in render(one, "html") and "1 pagina's" not in render(one, "html")
    assert "2 pagina's" in render(replace(seed_document, page_count=2), "html")


def test_markdown_starts_with_yaml_front_matter_for_static_sites(seed_document: Document) -> None:
    text = render(seed_document, "md")
    tokens = parse_markdown(text)
    assert tokens[0].type == "front_matter"
    fields = dict(line.split(": ", 1) for line in tokens[0].content.splitlines())
    assert list(fields) == ["title", "date", "kenmerk", "kind", "questioners", "answered_by", "source"]
    # Every value is JSON on one line, which YAML reads as the same value; the date is a bare ISO date.
    assert fields.pop("date") == "2023-01-18"
    values = {key: json.loads(value) for key, value in fields.items()}
    assert values["kenmerk"] == "2023Z00475" and values["kind"] == "antwoorden"
    assert values["source"] == "2023Z00475-antwoorden-ai.txt"
    questioners = [
        {"name": "Dekker-Abdulaziz", "party": "D66", "kind": "member"},
        {"name": "Van Meenen", "party": "D66", "kind": "member"},
    ]
    assert values["questioners"] == questioners
    assert tokens[1].type == "heading_open" and tokens[1].tag == "h1"
    assert "zonder label" not in text and "18 januari 2023" in text


def test_html_dates_in_dutch_and_contents_with_the_questions_first_words(seed_document: Document) -> None:
    page = render(seed_document, "html")
    assert '<time datetime="2023-01-18">18 januari 2023</time>' in page
    assert '<a href="#vraag-1"><span class="number">Vraag 1</span> Bent u bekend met de berichten' in page
    for section in ("vragen", "brief", "voetnoten"):
        assert f'<a href="#{section}">' in page and f'id="{section}"' in page
    assert '<html lang="nl">' in page and "@media print" in page


def test_a_table_reads_as_a_gfm_table() -> None:
    # 1314, PDF page 2: answer 6's first table.
    document = convert_document(
        DATA / "corpus" / "aanhangsel" / "ah-tk-20232024-1314__tkdoc-00fe7edd.pdf", "x.pdf", Options(timeout=0)
    )
    tokens = MarkdownIt("commonmark").enable("table").parse(render(document, "md"))
    cells = [
        t.children[0].content
        for i, t in enumerate(tokens)
        if t.type == "inline" and tokens[i - 1].type in ("th_open", "td_open")
    ]
    assert cells[:8] == [
        "Grond",
        "Meldingen in 2021",
        "Meldingen in 2022",
        "Meldingen in 2023",
        "Geslacht(Trans)",
        "2",
        "3",
        "6",
    ]
    data = json.loads(render(document, "json"))
    table = next(block for answer in data["answers"] for block in answer["blocks"] if block["kind"] == "table")
    assert table["rows"][-1] == ["TOTAAL", "12", "17", "40"]


def test_a_footnote_reference_the_letter_prints_stays_text_in_every_output(tmp_path: Path) -> None:
    """Issue 17, item 7 (../shared/hostile/inject-seed.txt): "[^1]" typed in a letter's text became
    a live footnote reference in Markdown. Own references and the letter's text differ by type."""
    letter = SEED.read_text(encoding="utf-8")
    printed = "Bent u [^1] bekend met [^16] de berichten"
    letter = letter.replace("Bent u bekend met de berichten", printed, 1)
    letter = letter.replace("Hierbij bieden wij", "[^2]: een eigen noot\nHierbij bieden wij", 1)
    path = tmp_path / "brief.txt"
    path.write_text(letter, encoding="utf-8")
    document = convert_document(path)
    own = Counter(
        part.number for _, _, paragraph in document.paragraphs() for part in paragraph if isinstance(part, FootnoteRef)
    )
    assert set(own) == set(range(1, 17))

    tokens = parse_markdown(render(document, "md"))
    references = Counter(c.meta["label"] for t in tokens for c in (t.children or []) if c.type == "footnote_ref")
    assert references == Counter({str(number): count for number, count in own.items()})
    inline = " ".join(t.content for t in tokens if t.type == "inline")
    markdown_text_of = "".join(c.content for t in tokens for c in (t.children or []) if c.type == "text")
    assert "Bent u [^1] bekend met [^16] de berichten" in markdown_text_of and inline
    assert "[^2]: een eigen noot" in markdown_text_of
    assert [t.meta["label"] for t in tokens if t.type == "footnote_open"] == [str(n) for n in range(1, 17)]

    page = render(document, "html")
    assert page.count('id="fnref-1-') == own[1] and page.count('id="fnref-16-') == own[16]
    assert "Bent u [^1] bekend met [^16] de berichten" in page

    data = json.loads(render(document, "json"))
    assert data["questions"][0]["text"].startswith("Bent u [\\^1] bekend met [\\^16] de berichten")
    # The texts that carry footnote references hold the letter's own as many times as the seed's do.
    seed = json.loads(render(convert_document(SEED), "json"))
    texts = ("body", "questions", "answers", "footnotes", "notes")
    for reference in ("[^1]", "[^2]", "[^16]"):
        counts = [sum(json.dumps(letter[key]).count(reference) for key in texts) for letter in (data, seed)]
        assert counts[0] == counts[1], reference


def list_items(tokens: list, heading: str | None = None) -> list[str]:  # type: ignore[type-arg]
    """The inline text of each item of the first bullet list (after the heading, if given)."""
    start = 0
    if heading is not None:
        start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == heading)
    first = next(i for i in range(start, len(tokens)) if tokens[i].type == "bullet_list_open")
    items: list[str] = []
    depth = 0
    for token in tokens[first:]:
        depth += {"bullet_list_open": 1, "bullet_list_close": -1}.get(token.type, 0)
        if depth == 0:
            break
        if token.type == "inline" and depth == 1:
            items.append(token.content)
    return items


def test_markdown_metadata_and_notes_are_one_item_each(seed_document: Document) -> None:
    # Issue 17 item 14, 18 item 9: after a linked value the next field ran on in the same item
    # ("Kenmerk: [2023Z00475](…)- Datum: …"), and all notes fell into one item.
    metadata = replace(
        seed_document.metadata,
        date="2023-02-22",
        reference="2023-0000101234",
        aanhangsel_number="1786",
        vergaderjaar="2022–2023",
        aanhangsel_url="https://zoek.officielebekendmakingen.nl/ah-tk-20222023-1786.html",
    )
    tokens = parse_markdown(render(replace(seed_document, metadata=metadata), "md"))
    labels = [item.partition(":")[0] for item in list_items(tokens)]
    assert labels == [
        "Kenmerk",
        "Aanhangsel",
        "Ons kenmerk",
        "Datum",
        "Ingezonden",
        "Vragenstellers",
        "Beantwoord door",  # who signed: the seed's answered_by since the signature is read
        "Mede namens",
        "Ondertekend",
        "Ondertekend",
        "Bron",
    ]
    items = dict(item.split(": ", 1) for item in list_items(tokens)[:4])
    assert items["Ons kenmerk"] == "2023-0000101234" and items["Datum"] == "22 februari 2023"
    assert items["Aanhangsel"].endswith(") (2022–2023)")
    notes = list_items(tokens, "Noten bij de vragen")
    assert [note.split("]", 1)[0] for note in notes] == [f"\\[{n.label}\\" for n in seed_document.notes]
    assert len(seed_document.notes) == 2


def test_an_index_of_letters_converted_to_json_only_lists_them_without_a_page(tmp_path: Path) -> None:
    # `kamerbrief convert --to json` writes no letter page: the overview shows the subject unlinked
    # (it used to stop with a traceback, the outputs having no "html").
    result = convert_file(SEED, tmp_path, Options(formats=("json",)))
    assert result.status == "converted", result.error
    write_index(tmp_path)
    overview = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "de ontwikkelingen op het gebied van kunstmatige intelligentie" in overview
    assert f'href="{SEED.stem}.html"' not in overview and f'href="{SEED.stem}.json"' in overview


PRINTED = st.text(alphabet="[]^\\a1 ", max_size=6)
PARTS = st.lists(
    st.one_of(st.builds(Text, PRINTED), st.builds(FootnoteRef, st.integers(1, 3)), st.builds(NoteRef, st.just("1"))),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(PARTS)
@example([Text("a ["), Text("^1]")])
@example([Text("[\\"), FootnoteRef(1), Text("^")])
def test_a_json_text_reads_back_as_the_letter_prints_it_with_its_footnotes(parts: list[Any]) -> None:
    """as_printed undoes text(): what the letter prints, whatever it holds ("[^1]" too), and the
    footnotes referred to, in order; also a "[" and a "^" printed in two parts side by side."""
    printed = "".join(part.text if isinstance(part, Text) else f"[{part.label}]" for part in parts
                      if not isinstance(part, FootnoteRef))  # fmt: skip
    numbers = tuple(dict.fromkeys(part.number for part in parts if isinstance(part, FootnoteRef)))
    assert as_printed(json_text(tuple(parts))) == (printed, numbers)
