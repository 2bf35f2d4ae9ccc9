"""The published JSON Schemas of the output: ``document`` (output/<name>.json) and ``index``.

The pipeline itself never validates at run time; ``jsonschema`` is a test dependency and is
imported only when :func:`validate` is called.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
"""Where the schema files live, packaged beside this module (``pipeline/schema/*.schema.json``)."""

NAMES = ("document", "index")


def schema_path(name: str) -> Path:
    """The file of a schema by name: ``document`` or ``index``."""
    if name not in NAMES:
        raise ValueError(f"unknown schema {name!r}; known: {', '.join(NAMES)}")
    return SCHEMA_DIR / f"{name}.schema.json"


@cache
def _load(name: str) -> str:
    return schema_path(name).read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """A fresh copy of a schema as a dict, so callers may change it freely.

    >>> load_schema("document")["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    schema: dict[str, Any] = json.loads(_load(name))
    return schema


@cache
def _validator(name: str) -> Any:
    """The schema checked against the draft 2020-12 metaschema, compiled once per name."""
    from jsonschema import Draft202012Validator

    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate(instance: Any, name: str) -> None:
    """Check the instance against a schema; raise ``jsonschema.ValidationError`` if it does not conform.

    The schema itself is checked first (``jsonschema.SchemaError`` if broken). ``format`` is an
    annotation only in draft 2020-12, so URLs are held to their scheme by the schema's ``pattern``.
    """
    _validator(name).validate(instance)
