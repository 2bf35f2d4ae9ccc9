"""The published JSON Schemas: valid themselves, met by every JSON we produce, and in step with the renderer."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError

from pipeline.model import (
    SCHEMA_VERSION,
    Answer,
    AppliedCorrection,
    Box,
    Document,
    DocumentReference,
    DocumentWarning,
    Evidence,
    Footnote,
    FootnoteRef,
    Heading,
    Lifecycle,
    Link,
    ListBlock,
    ListItem,
    Member,
    Metadata,
    Note,
    NoteRef,
    Official,
    Para,
    Question,
    Questioner,
    Removal,
    Signatory,
    Source,
    Span,
    Table,
    Text,
    Url,
)
from pipeline.render import document_data, render
from pipeline.run import convert_document
from pipeline.schema import NAMES, SCHEMA_DIR, load_schema, validate
from tests.conftest import GOLDEN, SEED

ID = re.compile(r"https://kamerbrief\.example/schema/(?P<name>[a-z]+)/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)\.json")

FULL = Document(
    source=Source("2023D01234-brief.pdf", "0" * 64),
    kind="antwoorden",
    page_count=3,
    metadata=Metadata(
        kenmerk="2023Z00475",
        submitted="2023-01-18",
        received="2023-02-20",
        date="2023-02-17",
        subject="kunstmatige intelligentie",
        questioners=(Questioner("Van Meenen", "D66"),),
        on_behalf_of=("de minister van Onderwijs, Cultuur en Wetenschap",),
        signatories=(Signatory("De minister van Economische Zaken en Klimaat", "Micky Adriaansens"),),
        answered_by="Staatssecretaris Van Huffelen (Binnenlandse Zaken en Koninkrijksrelaties)",
        aanhangsel_number="1664",
        vergaderjaar="2022-2023",
        reference="2023-0000012345",
        kenmerk_url="https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475",
        aanhangsel_url="https://zoek.officielebekendmakingen.nl/ah-tk-20222023-1664.html",
        evidence=(
            Evidence("kenmerk", "aanhangsel-header", 1, "Vragen van het lid Van Meenen (D66) ... 2023Z00475"),
            Evidence("signatories", "signature", None, "Micky Adriaansens"),
        ),
    ),
    body=(
        Table((((Text("Grond"),), (Text("2023"),)), ((Text("TOTAAL"),), (Text("40"),))), Span(1)),
        ListBlock((ListItem("1. ", (Text("de eerste"),)), ListItem("2. ", (Text("de tweede"),))), True, Span(1)),
        Heading((Text("Geachte voorzitter,"),), Span(1)),
        Para((Text("Hierbij bieden wij"), FootnoteRef(1), Text(" ...")), Span(1)),
    ),
    questions=(
        Question(1, "Vraag 1", (Text("Bent u bekend met het bericht"), NoteRef("1"), Text("?")), Span(2)),
        Question(2, "", (Text("En?"),), Span(2)),
    ),
    answers=(
        Answer(
            (1, 2),
            "Antwoord vraag 1 en 2:",
            (
                ListBlock((ListItem("• ", (Text("Nee."),)),), False, Span(2)),
                Para((Text("Ja."), FootnoteRef(1)), Span(2)),
            ),
            Span(2),
        ),
    ),
    footnotes=(Footnote(1, (Text("Rapport | Rijksoverheid.nl"),), ("https://www.rijksoverheid.nl/rapport",), Span(2)),),
    notes=(
        Note(
            "1",
            (Text("NOS, 16 januari, "), Url("https://nos.nl/artikel/1", "https://nos.nl/artikel/1")),
            ("https://nos.nl/artikel/1", "mailto:a@b.nl"),
            Span(3),
        ),
    ),
    warnings=(
        DocumentWarning("unplaced-link", "link https://x.nl is tied to no footnote", 2),
        DocumentWarning("x", "y"),
    ),
    links=(Link("https://example.nl/", 2, Box(10, 20, 30, 40), "hier"),),
    removed=(Removal("page-number", 2, "Pagina 2 van 3"),),
    corrections=(AppliedCorrection("replace", "artificiele", 1), AppliedCorrection("override", "metadata.date", 0)),
    references=(
        DocumentReference(
            "kamerstuk",
            "kst-36410-VIII-106",
            "Kamerstuk 36 410 VIII, nr. 106",
            "https://zoek.officielebekendmakingen.nl/kst-36410-VIII-106.html",
            "answer 1, 2",
            2,
        ),
    ),
    lifecycle=Lifecycle(
        stage="answers",
        zaak="2023Z00475",
        questioners=(Member("Van Meenen", "D66", "Van Meenen (D66)"),),
        addressed=(
            Official("Minister van Economische Zaken en Klimaat", "minister", "", "", "EZ", "Economische Zaken"),
        ),
        answered_by=(Official("De minister van Economische Zaken en Klimaat", "minister", "", "Micky Adriaansens", "EZ",
                              "Economische Zaken"),),
        on_behalf_of=(Official("de minister voor Primair en Voortgezet Onderwijs", "minister voor",
                               "Primair en Voortgezet Onderwijs", "", "OCW", "Onderwijs, Cultuur en Wetenschap"),),
        ministry="EZ",
        ministry_printed="De minister van Economische Zaken en Klimaat",
        date="2023-02-17",
        submitted="2023-01-18",
        submitted_printed="ingezonden 18 januari 2023",
        answered="2023-02-20",
        days=33,
        late=True,
    ),
)
"""A document with every list filled, so that every object level of the schema is reached."""


@pytest.fixture(scope="module")
def document_schema() -> dict[str, Any]:
    return load_schema("document")


@pytest.fixture(scope="module")
def seed_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(convert_document(SEED), "json"))
    return data


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/page``) to the schema it names."""
    while "$ref" in node:
        target: Any = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def subschemas(node: Any, conditional: bool = False) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every schema object in a schema, and whether it sits in an ``if``/``then``/``else``."""
    if not isinstance(node, dict):
        return
    yield node, conditional
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for sub in value.values():
                yield from subschemas(sub, conditional)
        elif key in ("if", "then", "else"):
            yield from subschemas(value, True)
        elif key in ("items", "not", "additionalProperties", "contains"):
            yield from subschemas(value, conditional)
        elif key in ("anyOf", "allOf", "oneOf", "prefixItems"):
            for sub in value:
                yield from subschemas(sub, conditional)


def objects(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The object schemas that declare properties, outside the conditionals that only restate them."""
    return [node for node, conditional in subschemas(schema) if "properties" in node and not conditional]


# --- The schemas themselves -----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert (SCHEMA_DIR / f"{name}.schema.json").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_schema_id_names_the_schema_and_the_models_version(name: str) -> None:
    schema = load_schema(name)
    match = ID.fullmatch(schema["$id"])
    assert match, schema["$id"]
    assert match["name"] == name
    assert match["version"] == SCHEMA_VERSION
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_description(name: str) -> None:
    schema = load_schema(name)
    missing = [key for node in objects(schema) for key, sub in node["properties"].items() if not sub.get("description")]
    assert not missing
    assert all(node["items"].get("description") for node, _ in subschemas(schema) if "items" in node)


@pytest.mark.parametrize("name", NAMES)
def test_no_object_allows_other_keys(name: str) -> None:
    assert all(node.get("additionalProperties") is False for node in objects(load_schema(name)))


def test_the_renderer_writes_every_key_so_the_document_schema_requires_every_key(
    document_schema: dict[str, Any],
) -> None:
    for node in objects(document_schema):
        assert node["required"] == list(node["properties"])


def test_index_entries_require_every_key_but_the_formats_of_outputs() -> None:
    for node in objects(load_schema("index")):
        if set(node["properties"]) == {"json", "md", "html"}:
            assert "required" not in node
        else:
            assert node["required"] == list(node["properties"])


def test_load_schema_knows_its_names_and_returns_a_fresh_copy() -> None:
    with pytest.raises(ValueError, match="unknown schema"):
        load_schema("../pyproject")
    load_schema("document")["title"] = "changed"
    assert load_schema("document")["title"] != "changed"


# --- What we produce meets the schema -------------------------------------------------------


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda path: path.name)
def test_golden_json_is_valid(golden: Path) -> None:
    validate(json.loads(golden.read_text(encoding="utf-8")), "document")


def test_seed_json_as_rendered_is_valid(seed_json: dict[str, Any]) -> None:
    validate(seed_json, "document")


def test_a_document_with_every_list_filled_is_valid() -> None:
    validate(json.loads(render(FULL, "json")), "document")


def test_output_schema_version_is_the_version_in_the_schema_id(
    seed_json: dict[str, Any], document_schema: dict[str, Any]
) -> None:
    match = ID.fullmatch(document_schema["$id"])
    assert match
    assert seed_json["schema_version"] == match["version"] == FULL.schema_version


def assert_keys_match(data: Any, node: dict[str, Any], root: dict[str, Any], path: str) -> None:
    """The keys of the data are the schema's properties, in the same order, at every object level."""
    node = resolve(node, root)
    if isinstance(data, dict):
        assert list(data) == list(node["properties"]), path
        for key, value in data.items():
            assert_keys_match(value, node["properties"][key], root, f"{path}.{key}")
    elif isinstance(data, list):
        # A block has items only as a list, rows only as a table; FULL's first blocks have them.
        assert data or path.endswith(("].items", "].rows")), (
            f"{path} is empty: fill it in FULL so that its items are compared too"
        )
        for index, item in enumerate(data):
            assert_keys_match(item, node["items"], root, f"{path}[{index}]")


def test_document_data_keys_are_the_schema_properties_at_every_level(document_schema: dict[str, Any]) -> None:
    assert_keys_match(document_data(FULL), document_schema, document_schema, "$")


def test_the_full_document_reaches_every_object_of_the_schema(document_schema: dict[str, Any]) -> None:
    reached: set[int] = set()

    def visit(data: Any, node: dict[str, Any]) -> None:
        node = resolve(node, document_schema)
        if isinstance(data, dict):
            reached.add(id(node))
            for key, value in data.items():
                visit(value, node["properties"][key])
        elif isinstance(data, list):
            for item in data:
                visit(item, node["items"])

    visit(document_data(FULL), document_schema)
    assert {id(node) for node in objects(document_schema)} == reached


# --- What breaks the format fails validation ------------------------------------------------


def locations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in JSON data, the root included."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from locations(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from locations(value, (*path, index))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    mutated = copy.deepcopy(data)
    target = mutated
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return mutated


VALID = document_data(FULL)
VALID_AT = dict(locations(VALID))
OBJECT_KEYS = [(path, key) for path, value in locations(VALID) if isinstance(value, dict) for key in value]
INTEGERS = [path for path, value in locations(VALID) if isinstance(value, int) and not isinstance(value, bool)]
NUMBERED = [path for path in INTEGERS if path[-1] in ("page", "number") or path[-2:-1] == ("questions",)]
DATES = [("metadata", key) for key in ("submitted", "received", "date")]
URLS = [path for path, _ in locations(VALID) if len(path) >= 2 and path[-2] == "urls"]
CODES = [path for path, _ in locations(VALID) if path[-1:] == ("code",)]
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def dropped_key(data: st.DataObject) -> Any:
    path, key = data.draw(st.sampled_from(OBJECT_KEYS))
    mutated = copy.deepcopy(VALID)
    target = mutated
    for part in path:
        target = target[part]
    del target[key]
    return mutated


def extra_key(data: st.DataObject) -> Any:
    path = data.draw(st.sampled_from([path for path, value in locations(VALID) if isinstance(value, dict)]))
    mutated = copy.deepcopy(VALID)
    target = mutated
    for part in path:
        target = target[part]
    target[data.draw(st.text(min_size=1).filter(lambda key: key not in target))] = ""
    return mutated


def wrong_number(data: st.DataObject) -> Any:
    path = data.draw(st.sampled_from(INTEGERS))
    value = data.draw(
        st.one_of(
            st.text(),
            st.booleans(),
            st.floats(allow_nan=False).filter(lambda number: not number.is_integer()),
            st.lists(st.integers(), max_size=2),
            st.just(str(VALID_AT[path])),
        )
    )
    return replaced(VALID, path, value)


def number_below_one(data: st.DataObject) -> Any:
    return replaced(VALID, data.draw(st.sampled_from(NUMBERED)), data.draw(st.integers(max_value=0)))


def bad_date(data: st.DataObject) -> Any:
    value = data.draw(
        st.one_of(
            st.sampled_from(["18 januari 2023", "2023-1-18", "2023-01-18\n", "\n", "٢٠٢٣-٠١-١٨", "2023-01-18T00:00"]),
            st.text().filter(lambda text: text != "" and not ISO_DATE.fullmatch(text)),
        )
    )
    return replaced(VALID, data.draw(st.sampled_from(DATES)), value)


def unsafe_url(data: st.DataObject) -> Any:
    scheme = data.draw(st.sampled_from(["javascript:", "JavaScript:", "vbscript:", "data:", "file:", "ftp:", ""]))
    return replaced(VALID, data.draw(st.sampled_from(URLS)), scheme + data.draw(st.sampled_from(["alert(1)", "//x"])))


def bad_code(data: st.DataObject) -> Any:
    value = data.draw(st.text().filter(lambda text: not re.fullmatch(r"[a-z0-9-]+", text)))
    return replaced(VALID, data.draw(st.sampled_from(CODES)), value)


def bad_kind(data: st.DataObject) -> Any:
    value = data.draw(st.text().filter(lambda text: text not in ("antwoorden", "mededeling", "kamerbrief", "unknown")))
    return replaced(VALID, ("kind",), value)


MUTATIONS = [dropped_key, extra_key, wrong_number, number_below_one, bad_date, unsafe_url, bad_code, bad_kind]


def test_the_mutations_have_something_to_mutate() -> None:
    validate(VALID, "document")
    assert OBJECT_KEYS and INTEGERS and NUMBERED and URLS and CODES
    assert ("metadata", "submitted") in VALID_AT


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_broken_document_fails_validation(mutation: Any, data: st.DataObject) -> None:
    with pytest.raises(ValidationError):
        validate(mutation(data), "document")


# --- The batch index ------------------------------------------------------------------------

CONVERTED = {
    "source": "2023Z00475-antwoorden-ai.txt",
    "outputs": {"json": "2023Z00475-antwoorden-ai.json", "md": "2023Z00475-antwoorden-ai.md"},
    "status": "converted",
    "error": "",
    "kind": "antwoorden",
    "stage": "answers",
    "date": "",
    "submitted": "2023-01-18",
    "answered": "2023-02-22",
    "days": 35,
    "late": True,
    "kenmerk": "2023Z00475",
    "reference": "2023-0000101234",
    "zaak": "2023Z00475",
    "case": "2023Z00475",
    "ministry": "BZK",
    "ministry_printed": "Staatssecretaris Van Huffelen (Binnenlandse Zaken en Koninkrijksrelaties)",
    "aanhangsel_number": "",
    "subject": "de ontwikkelingen op het gebied van kunstmatige intelligentie",
    "questioners": [{"name": "Van Meenen", "party": "D66"}],
    "answered_by": "Staatssecretaris Van Huffelen (Binnenlandse Zaken en Koninkrijksrelaties)",
    "needs_review": True,
    "warnings": [{"code": "question-gap", "message": "question numbers skip 3", "page": 2}],
    "references": [
        {
            "type": "zaak",
            "identifier": "2023Z00475",
            "url": "https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z00475",
        }
    ],
    "counts": {"questions": 12, "answered": 12, "answers": 12, "footnotes": 20, "warnings": 1},
}
FAILED = {
    "source": "kapot.pdf",
    "outputs": {},
    "status": "failed",
    "error": "input/kapot.pdf: not a PDF",
    "kind": "",
    "stage": "none",
    "date": "",
    "submitted": "",
    "answered": "",
    "days": None,
    "late": None,
    "kenmerk": "",
    "reference": "",
    "zaak": "",
    "case": "",
    "ministry": "",
    "ministry_printed": "",
    "aanhangsel_number": "",
    "subject": "",
    "questioners": [],
    "answered_by": "",
    "needs_review": False,
    "warnings": [],
    "references": [],
    "counts": {"questions": 0, "answered": 0, "answers": 0, "footnotes": 0, "warnings": 0},
}


def test_an_index_of_converted_and_failed_documents_is_valid() -> None:
    validate({"schema_version": SCHEMA_VERSION, "documents": [CONVERTED, FAILED]}, "index")
    validate({"schema_version": SCHEMA_VERSION, "documents": []}, "index")


@pytest.mark.parametrize(
    "change",
    [
        {"status": "done"},
        {"error": "half"},
        {"kind": ""},
        {"date": "17 februari 2023"},
        {"outputs": {"json": "../elders.json"}},
        {"outputs": {"json": "2023Z00475.md"}},
        {"outputs": {"pdf": "2023Z00475.pdf"}},
        {"counts": {"questions": -1, "answered": 0, "answers": 0, "footnotes": 0, "warnings": 0}},
        {"counts": {"questions": 0, "answered": 0, "answers": 0, "footnotes": 0}},
        {"questioners": [{"name": "Van Meenen"}]},
        {"needs_review": "yes"},
        {"warnings": [{"code": "question-gap", "message": "x", "page": 0}]},
        {"extra": 1},
    ],
)
def test_a_broken_converted_entry_fails_validation(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        validate({"schema_version": SCHEMA_VERSION, "documents": [{**CONVERTED, **change}]}, "index")


@pytest.mark.parametrize("change", [{"error": ""}, {"outputs": {"json": "kapot.json"}}])
def test_a_failed_entry_has_an_error_and_no_outputs(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        validate({"schema_version": SCHEMA_VERSION, "documents": [{**FAILED, **change}]}, "index")


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "1.0.0\n", "١.٠.٠"])
def test_schema_version_is_semver(version: str) -> None:
    with pytest.raises(ValidationError):
        validate({"schema_version": version, "documents": []}, "index")
    with pytest.raises(ValidationError):
        validate({**VALID, "schema_version": version}, "document")
