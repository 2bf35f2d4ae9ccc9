"""Corrections files: every malformed one is a corrections error naming the file, never an internal
error, and no value from one (or from a letter) can add keys to the front matter or markup to a page."""

from __future__ import annotations

import json
import shutil
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from pipeline.corrections import parse_corrections
from pipeline.errors import CorrectionError
from pipeline.model import Document
from pipeline.render import render
from tests.conftest import DATA, SEED, run_cli

HOSTILE = DATA / "hostile"
FRONT_MATTER_KEYS = ["title", "date", "kenmerk", "kind", "questioners", "answered_by", "source"]
INJECTED = '2023-01-01\ntitle: PWNED\nlayout: evil\n---\n<script>alert(document.domain)</script>\n# Injected heading'


def test_a_date_that_is_no_date_is_a_corrections_error(tmp_path: Path) -> None:
    """A corrections file's date went raw into the Markdown: a newline added YAML keys, "---" ended
    the front matter and a <script> block landed in the page."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "date-inject.txt")
    shutil.copy(HOSTILE / "date-inject.corrections.toml", folder / "date-inject.corrections.toml")
    out = tmp_path / "out"
    completed = run_cli("convert", str(folder), "-o", str(out), "--no-cache", limit=120)
    toml = folder / "date-inject.corrections.toml"
    errors = [line for line in completed.stderr.splitlines() if line.startswith("error:")]
    value = "'2023-01-01\\ntitle: PWNED\\nlayout: evil\\n---…'"
    assert errors == [f"error: {toml}: metadata 'date' must be a date written YYYY-MM-DD, not {value}"]
    assert completed.returncode == 1 and not (out / "date-inject.md").exists()


@pytest.mark.parametrize("field", ["date", "submitted", "received"])
@pytest.mark.parametrize("value", ["22 februari 2023", "2023-02-30", "2023-2-3", "20230222", "2023-02-22T10:00"])
def test_the_dates_of_a_corrections_file_are_iso_dates(field: str, value: str) -> None:
    with pytest.raises(CorrectionError, match=rf"^c\.toml: metadata '{field}' must be a date written YYYY-MM-DD"):
        parse_corrections(f'[metadata]\n{field} = "{value}"\n', "c.toml")
    assert parse_corrections(f'[metadata]\n{field} = "2023-02-22"\n', "c.toml").metadata == ((field, "2023-02-22"),)
    assert parse_corrections(f'[metadata]\n{field} = ""\n', "c.toml").metadata == ((field, ""),)


@pytest.mark.parametrize(
    "text",
    [
        '[questions."²"]\ntext = "x"\n',  # "²".isdigit() is true: it gave "internal error"
        '[footnotes."١"]\ntext = "x"\n',
        "questions = 3\n",
        "metadata = 'x'\n",
        "[questions.3]\ntext = 3\n",
        "replace = [1]\n",
    ],
)
def test_a_malformed_corrections_file_is_a_corrections_error(text: str) -> None:
    with pytest.raises(CorrectionError) as caught:
        parse_corrections(text, "c.toml")
    assert str(caught.value).startswith("c.toml: ") and "\n" not in str(caught.value)


TOML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3),
    max_leaves=8,
)


@given(
    st.dictionaries(
        st.sampled_from(["replace", "questions", "footnotes", "metadata", "x"]),
        TOML_VALUES | st.dictionaries(st.sampled_from(["1", "²", "date", "text", "find"]), TOML_VALUES, max_size=3),
        max_size=3,
    )
)
def test_any_corrections_file_reads_or_is_a_corrections_error(data: dict[str, Any]) -> None:
    try:
        text = toml_text(data)
        tomllib.loads(text)
    except (ValueError, TypeError):
        return  # not expressible as TOML
    try:
        parse_corrections(text, "c.toml")
    except CorrectionError as error:
        assert str(error).startswith("c.toml: ")


def toml_text(data: dict[str, Any]) -> str:
    """A TOML document of these top-level keys (JSON is TOML's syntax for inline values, nearly)."""
    return "".join(f"{json.dumps(key)} = {inline(value)}\n" for key, value in data.items())


def inline(value: Any) -> str:
    if value is None:
        raise TypeError("TOML has no null")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)} = {inline(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(item) for item in value) + "]"
    return json.dumps(value)


def test_no_value_escapes_the_front_matter_or_lands_live_in_the_markdown(seed_document: Document) -> None:
    """Values from anywhere (a letter, a corrections file, a bug upstream) are escaped in every format."""
    fields = ("date", "submitted", "received", "kenmerk", "subject", "answered_by")
    document = replace(seed_document, metadata=replace(seed_document.metadata, **dict.fromkeys(fields, INJECTED)))
    markdown = render(document, "md")
    _, front, body = markdown.split("---\n", 2)
    lines = front.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == FRONT_MATTER_KEYS
    values = {key: json.loads(value) for key, value in (line.split(": ", 1) for line in lines)}
    assert values["date"] == values["kenmerk"] == INJECTED
    tokens = MarkdownIt("commonmark").parse(body)
    assert not [token for token in tokens if token.type in ("html_block", "html_inline")]
    assert [token.tag for token in tokens if token.type == "heading_open"].count("h1") == 1
    html = render(document, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
