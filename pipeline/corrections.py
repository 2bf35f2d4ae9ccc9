"""Corrections: a user's fixes for one letter, kept beside it instead of in the PDF or the code.

``input/<stem>.corrections.toml`` holds text replacements, applied to the extracted lines before
cleaning (so that every later stage sees the corrected text), and field overrides, applied to
the finished document. A replacement whose ``find`` no longer matches is an error: the letter or
the pipeline changed, and the user has to look at the correction again.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from pipeline.dates import is_iso_date
from pipeline.errors import CorrectionError
from pipeline.model import (
    AppliedCorrection,
    Document,
    Evidence,
    Footnote,
    Metadata,
    Paragraph,
    Question,
    RawDocument,
    RawPage,
)

_METADATA_FIELDS = {"kenmerk", "submitted", "received", "date", "subject", "answered_by", "reference"}
_DATE_FIELDS = ("date", "submitted", "received")
"""Metadata that holds an ISO date (YYYY-MM-DD), or "" when the letter gives none."""


@dataclass(frozen=True)
class Replacement:
    """Replace ``find`` by ``replace`` in the extracted text, on one page or on all."""

    find: str
    replace: str
    page: int | None = None


@dataclass(frozen=True)
class Corrections:
    """The contents of one corrections file."""

    source: str
    replacements: tuple[Replacement, ...] = ()
    questions: tuple[tuple[int, str], ...] = ()
    footnotes: tuple[tuple[int, str], ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.replacements or self.questions or self.footnotes or self.metadata)


def parse_corrections(text: str, source: str) -> Corrections:
    """Read a corrections file; anything unknown or malformed is a CorrectionError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CorrectionError(source, f"not valid TOML ({error})") from None
    unknown = set(data) - {"replace", "questions", "footnotes", "metadata"}
    if unknown:
        raise CorrectionError(source, f"unknown section(s): {', '.join(sorted(unknown))}")
    replacements = []
    for index, entry in enumerate(_list_of_tables(data.get("replace", []), "replace", source), start=1):
        if set(entry) - {"find", "replace", "page"} or not isinstance(entry.get("find"), str) or not entry["find"]:
            raise CorrectionError(source, f"replacement {index} needs 'find' and 'replace' (and optionally 'page')")
        if not isinstance(entry.get("replace"), str):
            raise CorrectionError(source, f"replacement {index} needs a 'replace' text")
        page = entry.get("page")
        if page is not None and (not isinstance(page, int) or page < 1):
            raise CorrectionError(source, f"replacement {index}: 'page' must be a page number")
        replacements.append(Replacement(entry["find"], entry["replace"], page))
    return Corrections(
        source=source,
        replacements=tuple(replacements),
        questions=_text_overrides(data.get("questions", {}), "questions", source),
        footnotes=_text_overrides(data.get("footnotes", {}), "footnotes", source),
        metadata=_metadata_overrides(data.get("metadata", {}), source),
    )


def _metadata_overrides(metadata: Any, source: str) -> tuple[tuple[str, str], ...]:
    """The metadata overrides: text values for known fields, the dates as ISO dates."""
    if not isinstance(metadata, dict) or set(metadata) - _METADATA_FIELDS or not all(
        isinstance(value, str) for value in metadata.values()
    ):
        raise CorrectionError(source, f"metadata overrides take text values for: {', '.join(sorted(_METADATA_FIELDS))}")
    for name in _DATE_FIELDS:
        value = metadata.get(name, "")
        if value and not is_iso_date(value):
            shown = value if len(value) <= 40 else value[:40] + "…"
            raise CorrectionError(source, f"metadata '{name}' must be a date written YYYY-MM-DD, not {shown!r}")
    return tuple(sorted(metadata.items()))


def _list_of_tables(value: Any, name: str, source: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise CorrectionError(source, f"'{name}' must be a list of tables ([[{name}]])")
    return value


def _text_overrides(value: Any, name: str, source: str) -> tuple[tuple[int, str], ...]:
    if not isinstance(value, dict):
        raise CorrectionError(source, f"'{name}' must be a table of numbers ([{name}.N])")
    overrides = []
    for key, entry in value.items():
        # "²".isdigit() is true, yet int("²") fails: only the digits 0-9 make a number here.
        number = key.isascii() and key.isdigit()
        if not number or not isinstance(entry, dict) or set(entry) != {"text"} or not isinstance(entry["text"], str):
            raise CorrectionError(source, f"'{name}.{key}' must be a number with a 'text' value")
        overrides.append((int(key), entry["text"]))
    return tuple(sorted(overrides))


def read_corrections(path: Path) -> Corrections | None:
    """The corrections in a file, or None when there is no such file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionError(str(path), f"cannot read corrections ({error})") from None
    return parse_corrections(text, str(path))


def apply_replacements(document: RawDocument, corrections: Corrections) -> tuple[RawDocument, list[AppliedCorrection]]:
    """Apply the text replacements to the extracted lines; each must match at least once."""
    pages = list(document.pages)
    applied = []
    for index, correction in enumerate(corrections.replacements, start=1):
        count = 0
        for position, page in enumerate(pages):
            if correction.page is not None and page.number != correction.page:
                continue
            lines = []
            for line in page.lines:
                found = line.text.count(correction.find)
                count += found
                lines.append(
                    replace(line, text=line.text.replace(correction.find, correction.replace)) if found else line
                )
            pages[position] = RawPage(page.number, tuple(lines), page.links)
        if not count:
            where = f" on page {correction.page}" if correction.page else ""
            raise CorrectionError(
                corrections.source, f"replacement {index}: '{correction.find}' no longer matches{where}"
            )
        applied.append(AppliedCorrection("replace", correction.find, count))
    return replace(document, pages=tuple(pages)), applied


def apply_overrides(
    document: Document,
    corrections: Corrections,
    parse: Callable[[str], Paragraph],
    ask: Callable[[str], Paragraph] | None = None,
) -> tuple[Document, list[AppliedCorrection]]:
    """Apply the field overrides to the document; each must name something that exists.

    An override's text is the text the letter should print, parsed once by ``parse`` (a question's
    by ``ask``, which reads its "1)" as a note's reference): a "[^2]" in it is text, as in any letter.
    """
    applied: list[AppliedCorrection] = []
    source = corrections.source
    questions = _override_texts(document.questions, corrections.questions, "question", source, applied, ask or parse)
    footnotes = _override_texts(document.footnotes, corrections.footnotes, "footnote", source, applied, parse)
    metadata: Metadata = document.metadata
    for name, value in corrections.metadata:
        evidence = (
            *(item for item in metadata.evidence if item.field != name),
            Evidence(name, "correction", None, f"{corrections.source}: {name} = {value}"),
        )
        fields: dict[str, Any] = {name: value, "evidence": evidence}
        metadata = replace(metadata, **fields)
        applied.append(AppliedCorrection("override", f"metadata.{name}", 1))
    corrected = replace(document, questions=questions, footnotes=footnotes, metadata=metadata)
    return corrected, applied


_Numbered = TypeVar("_Numbered", Question, Footnote)


def _override_texts(
    items: tuple[_Numbered, ...],
    overrides: tuple[tuple[int, str], ...],
    what: str,
    source: str,
    applied: list[AppliedCorrection],
    parse: Callable[[str], Paragraph],
) -> tuple[_Numbered, ...]:
    """Replace the text of the numbered questions or footnotes that the overrides name."""
    result = list(items)
    for number, text in overrides:
        positions = [index for index, item in enumerate(result) if item.number == number]
        if not positions:
            raise CorrectionError(source, f"{what} {number} does not exist in the letter")
        for position in positions:
            result[position] = replace(result[position], parts=parse(text))
        applied.append(AppliedCorrection("override", f"{what}s.{number}", 1))
    return tuple(result)
