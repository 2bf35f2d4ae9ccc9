"""Word fields: which runs are a field's instruction and which its result, and what a field with
no saved result would print.

A field is an instruction (``DOCPROPERTY datum``) and the result Word saved when it last updated
it ("16 mei 2024"); only the result is text. A template may leave a result empty and let Word
fill it in when it updates the field (when printing), as the salutation of a letter whose
``DOCPROPERTY aanhefdoc`` was never updated: the text the letter prints then stands in the
document's properties, not in its paragraphs. ``FieldValues`` reads it from there, for
``DOCPROPERTY`` (the custom and core properties) and ``DOCVARIABLE`` (the document variables).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})
"""Fields whose result is a page number: page furniture, not text."""
_INSTRUCTION = re.compile(r'\s*(DOCPROPERTY|DOCVARIABLE)\s+(?:"([^"]*)"|([^\s\\"]+))', re.IGNORECASE)
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CORE = {
    "title": "title",
    "subject": "subject",
    "creator": "author",
    "keywords": "keywords",
    "description": "comments",
    "category": "category",
    "lastModifiedBy": "lastsavedby",
}
"""The core properties (``docProps/core.xml``) by the names ``DOCPROPERTY`` gives them."""


def names_page_number(instruction: str) -> bool:
    r"""True if a field instruction prints a page number ("PAGE", "NUMPAGES", "IF ... PAGE ...").

    >>> names_page_number(r" PAGE  \* MERGEFORMAT "), names_page_number("DOCPROPERTY datum")
    (True, False)
    """
    return any(word.upper() in PAGE_FIELDS for word in instruction.split())


@dataclass
class Field:
    """One open field: its instruction as read so far, and whether any of its result was read."""

    instruction: str = ""
    separated: bool = False
    """Its separator (the start of its result) was read."""
    printed: bool = False
    """Text of its result was read."""


@dataclass
class Fields:
    """Which field parts are being read: a run is text only outside every field's instruction
    (``DOCPROPERTY datum``), so only results ("16 mei 2024") are read, however deeply nested."""

    stack: list[Field] = field(default_factory=list)

    def char(self, kind: str | None) -> Field | None:
        """A ``fldChar`` read; the field it ends, if it ends one."""
        if kind == "begin":
            self.stack.append(Field())
        elif kind == "separate" and self.stack:
            self.stack[-1].separated = True
        elif kind == "end" and self.stack:
            return self.stack.pop()
        return None

    def instruction(self, text: str) -> None:
        if self.stack and not self.stack[-1].separated:
            self.stack[-1].instruction += text

    def printed(self) -> None:
        """Text was read: it is the result of every field open around it."""
        for open_field in self.stack:
            open_field.printed = True

    @property
    def in_instruction(self) -> bool:
        return not all(open_field.separated for open_field in self.stack)


def unescape(text: str) -> str:
    """A string of an Office XML part with its escaped characters (``_x000d_``) restored.

    >>> unescape("_x000d_Geachte heer/mevrouw,_x000d_")
    '\\rGeachte heer/mevrouw,\\r'
    """
    return _XSTRING_ESCAPE.sub(lambda match: chr(int(match[1], 16)), text)


def field_name(instruction: str) -> tuple[str, str] | None:
    r"""The kind and name a ``DOCPROPERTY`` or ``DOCVARIABLE`` field reads, or None for other fields.

    >>> field_name(r" DOCPROPERTY aanhefdoc *\MERGEFORMAT "), field_name(' DOCVARIABLE "Naam van" ')
    (('DOCPROPERTY', 'aanhefdoc'), ('DOCVARIABLE', 'Naam van'))
    >>> field_name(" PAGE ") is None
    True
    """
    match = _INSTRUCTION.match(instruction)
    if match is None:
        return None
    return match[1].upper(), match[2] if match[2] is not None else match[3]


@dataclass
class FieldValues:
    """What ``DOCPROPERTY`` and ``DOCVARIABLE`` fields print, read from the parts only when a field
    with no saved result asks (most letters never do)."""

    load: Callable[[], tuple[Mapping[str, str], Mapping[str, str]]]
    """Returns the properties and the variables, each by lower-case name."""
    _loaded: tuple[Mapping[str, str], Mapping[str, str]] | None = None

    def value(self, instruction: str) -> str | None:
        """The text the field would print, or None if it is no such field or names nothing known."""
        named = field_name(instruction)
        if named is None:
            return None
        if self._loaded is None:
            self._loaded = self.load()
        properties, variables = self._loaded
        kind, name = named
        return (properties if kind == "DOCPROPERTY" else variables).get(name.lower())


def custom_properties(root: Any | None) -> dict[str, str]:
    """The custom properties (``docProps/custom.xml``) by lower-case name, their values as text."""
    if root is None:
        return {}
    values = {}
    for element in root:
        name = element.get("name")
        if name:
            values[name.lower()] = unescape("".join(element.itertext()))
    return values


def core_properties(root: Any | None) -> dict[str, str]:
    """The core properties (``docProps/core.xml``) that are text, by their ``DOCPROPERTY`` names."""
    if root is None:
        return {}
    values = {}
    for element in root:
        local = str(element.tag).rsplit("}", 1)[-1]
        if local in _CORE:
            values[_CORE[local]] = unescape(element.text or "")
    return values


def document_variables(settings: Any | None) -> dict[str, str]:
    """The document variables of the settings part (``w:docVars``), by lower-case name."""
    if settings is None:
        return {}
    return {
        (variable.get(f"{W}name") or "").lower(): unescape(variable.get(f"{W}val") or "")
        for variable in settings.iterfind(f"{W}docVars/{W}docVar")
    }
