"""Rendering: JSON, Markdown (parsed with markdown-it) and HTML, escaping untrusted text."""

from __future__ import annotations

import json
from dataclasses import replace

import regex
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from pipeline.model import Answer, Block, Document, Footnote, Question
from pipeline.render import markdown_text, render


def parse_markdown(text: str) -> list:  # type: ignore[type-arg]
    return MarkdownIt("commonmark").use(front_matter_plugin).use(footnote_plugin).parse(text)


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


def test_markdown_escapes_letter_text() -> None:
    for text in ["# geen kop", "*geen nadruk*", "_x_", "[geen](link)", "<b>vet</b>", "1. geen lijst", "- geen"]:
        tokens = parse_markdown(markdown_text(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], text
        assert tokens[1].children is not None
        assert "".join(c.content for c in tokens[1].children) == text


def hostile(document: Document) -> Document:
    return replace(
        document,
        body=(Block("paragraph", '<script>alert(1)</script> "><img src=x onerror=alert(1)>', 1),),
        questions=(Question(1, "Wat is <b>dit</b>? javascript:alert(1)", 1),),
        answers=(Answer((1,), "Antwoord:", ("Zie [klik](javascript:alert(1)) en data:text/html,<x>[^1]",), 1),),
        footnotes=(Footnote(1, "Bron", ("javascript:alert(1)", "https://ok.nl/a"), 1),),
        notes=(),
    )


def test_html_escapes_text_and_refuses_unsafe_links(seed_document: Document) -> None:
    page = render(hostile(seed_document), "html")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>dit</b>" not in page
    assert "&lt;script&gt;" in page
    hrefs = regex.findall(r'href="([^"]*)"', page)
    assert all(h.startswith(("#", "https://", "http://", "mailto:")) for h in hrefs)
    assert 'href="https://ok.nl/a" rel="noopener noreferrer"' in page


def test_markdown_refuses_unsafe_links(seed_document: Document) -> None:
    text = render(hostile(seed_document), "md")
    tokens = parse_markdown(text)
    links = [c.attrs.get("href") for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert links == ["https://ok.nl/a"]


def test_html_has_anchors_and_two_way_footnote_links(seed_document: Document) -> None:
    page = render(seed_document, "html")
    for number in range(1, 13):
        assert f'id="vraag-{number}"' in page and f'href="#vraag-{number}"' in page
    for number in range(1, 17):
        assert f'id="fn-{number}"' in page and f'href="#fnref-{number}-1"' in page
        assert f'id="fnref-{number}-1"' in page and f'href="#fn-{number}"' in page
    assert '<html lang="nl">' in page


def test_a_footnote_nothing_refers_to_is_still_shown_in_markdown(seed_document: Document) -> None:
    document = replace(seed_document, footnotes=(*seed_document.footnotes, Footnote(17, "Een losse noot", (), 9)))
    tokens = parse_markdown(render(document, "md"))
    references = {c.meta["label"] for t in tokens for c in (t.children or []) if c.type == "footnote_ref"}
    assert "17" in references


def test_one_page_is_singular(seed_document: Document) -> None:
    one = replace(seed_document, page_count=1)
    assert "(1 pagina)" in render(one, "md") and "pagina's" not in render(one, "md").split("Bron:")[1]
    assert "1 pagina." in render(one, "html")
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
    questioners = [{"name": "Dekker-Abdulaziz", "party": "D66"}, {"name": "Van Meenen", "party": "D66"}]
    assert values["questioners"] == questioners
    assert tokens[1].type == "heading_open" and tokens[1].tag == "h1"
    assert "zonder label" not in text and "18 januari 2023" in text


def test_html_dates_in_dutch_and_contents_with_the_questions_first_words(seed_document: Document) -> None:
    page = render(seed_document, "html")
    assert '<time datetime="2023-01-18">18 januari 2023</time>' in page
    assert '<a href="#vraag-1"><span class="number">Vraag 1</span> Bent u bekend met de berichten' in page
    for section in ("brief", "vragen", "voetnoten"):
        assert f'<a href="#{section}">' in page and f'id="{section}"' in page
    assert '<html lang="nl">' in page and "@media print" in page
