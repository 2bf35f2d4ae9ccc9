"""Property tests over the text stages: any text converts without crashing and loses no word."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import read_text
from pipeline.render import render
from pipeline.run import build_document

FRAGMENTS = st.sampled_from(
    [
        "Vraag 1", "Vraag 2", "Vraag 2 en 3", "Antwoord 1", "Antwoord:", "Antwoord vraag 2 en 3:", "Mededeling",
        "1. Is dat zo?", "2. En dit?", "3. Waarom niet?", "[1] Volkskrant", "[2]", "De minister van Financiën",
        "Jan de Vries", "Zie https://www.rijksoverheid.nl/a-", "b/c.", "1 Een voetnoot", "2 (europa.eu)",
        "worden12.", "D66", "2023Z00475", "Pagina 2 van 3", "- 4 -", "", " ", "bestaat", "<script>", "*", "#",
    ]
)  # fmt: skip
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzë", min_size=2, max_size=9)
LINES = st.lists(st.one_of(FRAGMENTS, st.lists(WORDS, min_size=1, max_size=6).map(" ".join)), max_size=30)
WORD = regex.compile(r"\p{L}{2,}")


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=4))
def test_any_text_converts_and_keeps_every_word(pages: list[list[str]]) -> None:
    text = "\f".join("\n".join(lines) for lines in pages)
    if not text.strip():
        return
    document = build_document(read_text(text, "x.txt"))
    outputs = {output_format: render(document, output_format) for output_format in ("json", "md", "html")}
    data = outputs["json"]
    for word in WORD.findall(text):
        assert word in data, word
    assert "<script>" not in outputs["html"]
