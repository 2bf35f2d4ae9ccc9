"""The caps, checked on a PDF's raw objects before any engine reads it.

pdfium is a C library: a stream that inflates to a gigabyte, a page of a million characters or
forms that draw each other without end make it allocate until the process is killed or aborts,
and no time limit reaches into it. So the file's objects are read here first, in pure Python and
within the same caps (``objects``), and a document that passes a cap fails with one line before a
library sees it, whichever engine was chosen:

- every stream a library reads to find text (contents, forms, fonts, maps: all but images,
  embedded files and metadata) may inflate to MAX_STREAM_BYTES at most;
- a page may draw MAX_FORM_DRAWS form objects at most, counting a form inside a form as often as
  it is drawn, and forms may not draw themselves, directly or through others;
- the strings a page shows may hold 4 × MAX_PAGE_CHARS bytes at most (a character takes one to
  four), so a page surely over the character cap never reaches an engine; the engines count the
  characters of the pages below it exactly.

What is not read here (filters not undone in Python, encrypted streams, Type 3 glyphs, patterns)
is left to the caps inside the engines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.pdf.objects import GROWTH, MAX_DEPTH, RawPdf, Ref, Stream, TooLong, Value, filters
from pipeline.pdf.page import INFLATES_TOO_MUCH, MAX_PAGE_CHARS, MAX_STREAM_BYTES, TOO_MANY_CHARS, OverLimit

MAX_FORM_DRAWS = 10_000
"""Form objects one page may draw. A letter's page draws a handful (a logo, a signature); 30
levels of forms that each draw the next twice draw a billion, and pdfium aborts on them."""
MAX_SHOWN_BYTES = 4 * MAX_PAGE_CHARS
"""Bytes of shown strings above which a page surely holds more than MAX_PAGE_CHARS characters."""
FORMS_DRAW_EACH_OTHER = "form objects that draw each other without end (a damaged or hostile file)"
TOO_MANY_FORMS = f"more than {MAX_FORM_DRAWS:,} form objects drawn on one page (the per-page limit)"

_NOT_READ = {"Image", "EmbeddedFile", "Metadata"}
"""Streams no engine reads to find a page's text: their /Type or /Subtype."""
_DRAW = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?![^\s/\[\]()<>{}%])")
_STRING = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<[0-9A-Fa-f\s]*>", re.S)
_ESCAPE = re.compile(rb"\\(?:[0-7]{1,3}|.)", re.S)
_INLINE_IMAGE = re.compile(rb"\bBI\b.*?\bID\s.*?\sEI\b", re.S)


def check(data: bytes, max_pages: int) -> None:
    """Raise OverLimit if the PDF passes a cap, naming the page (or the object) where it does.

    Only the first ``max_pages`` pages are looked at: a longer document fails on its page count.
    """
    pdf = RawPdf(data, MAX_STREAM_BYTES)
    drawing = _Drawing(pdf)
    for number, (page, resources) in enumerate(_pages(pdf, max_pages), start=1):
        drawing.check_page(page, resources, f"page {number}")
    for number in pdf.stream_numbers:
        if number not in drawing.read:
            _check_stream(pdf, number)


def _check_stream(pdf: RawPdf, number: int) -> None:
    """A stream that no page showed to be read still may not inflate past the cap."""
    raw = pdf.raw_dictionary(number)
    if pdf.raw_length(number) * max(GROWTH.values()) <= MAX_STREAM_BYTES and b"[" not in raw and b" R" not in raw:
        return  # one filter at most, and too little data for any filter to grow past the cap
    stream = pdf.stream(number)
    if stream is None or _not_read(stream) or not _may_pass(pdf, stream):
        return
    try:
        pdf.decoded(stream)
    except TooLong:
        raise OverLimit(INFLATES_TOO_MUCH, f"object {number}") from None


def _not_read(stream: Stream) -> bool:
    return stream.info.get("Type") in _NOT_READ or stream.info.get("Subtype") in _NOT_READ


def _may_pass(pdf: RawPdf, stream: Stream) -> bool:
    """Whether the stream's filters could make its data grow past the cap."""
    growth = 1
    for name in filters(pdf, stream.info):
        growth *= GROWTH.get(name, 0)
    return (stream.end - stream.start) * growth > MAX_STREAM_BYTES


def _pages(pdf: RawPdf, limit: int) -> Iterator[tuple[dict[str, Value], Value]]:
    """The first ``limit`` pages in the order of the page tree, each with the resources it has or
    inherits; every page object in the file when there is no tree to follow."""
    root = pdf.dictionary(pdf.trailer().get("Root"))
    found = 0
    if "Pages" in root:
        stack: list[tuple[Value, Value, int]] = [(root["Pages"], None, 0)]
        seen: set[int] = set()
        while stack and found < limit:
            node, inherited, depth = stack.pop()
            if isinstance(node, Ref):
                if node.number in seen:
                    continue
                seen.add(node.number)
            info = pdf.dictionary(node)
            resources = info.get("Resources", inherited)
            kids = pdf.get(info.get("Kids"))
            if isinstance(kids, list) and info.get("Type") != "Page" and depth < MAX_DEPTH:
                stack.extend((kid, resources, depth + 1) for kid in reversed(kids))
            elif info:
                found += 1
                yield info, resources
    if found:
        return
    for number in pdf.numbers[: 100 * limit]:
        info = pdf.dictionary(Ref(number))
        if info.get("Type") == "Page" and found < limit:
            found += 1
            yield info, _inherited_resources(pdf, info)


def _inherited_resources(pdf: RawPdf, page: dict[str, Value]) -> Value:
    node = page
    for _ in range(MAX_DEPTH):
        if "Resources" in node:
            return node["Resources"]
        node = pdf.dictionary(node.get("Parent"))
    return None


@dataclass(frozen=True)
class _Cost:
    """What drawing a content stream takes, its forms included as often as it draws them."""

    forms: int
    """Form objects drawn, at any depth."""
    size: int
    """Bytes of content read."""


class _Drawing:
    """The pages' content and the forms they draw, each form's cost worked out once."""

    def __init__(self, pdf: RawPdf) -> None:
        self.pdf = pdf
        self.read: set[int] = set()
        """The streams decoded (so checked against the cap) on the way."""
        self._costs: dict[tuple[int, int], _Cost] = {}
        self._shown: dict[tuple[int, int], int] = {}

    def check_page(self, page: dict[str, Value], resources: Value, where: str) -> None:
        content = self._content(page.get("Contents"), where)
        cost = self._cost(content, resources, where, ())
        if cost.forms > MAX_FORM_DRAWS:
            raise OverLimit(TOO_MANY_FORMS, where)
        # A page holds fewer characters than bytes of content: count its strings only when
        # it has more content than any page under the cap needs.
        if cost.size > MAX_SHOWN_BYTES and self._shown_bytes(content, resources) > MAX_SHOWN_BYTES:
            raise OverLimit(TOO_MANY_CHARS, where)

    def _content(self, contents: Value, where: str) -> bytes:
        """A page's content streams, decoded and joined."""
        found = self.pdf.get(contents)
        refs = found if isinstance(found, list) else [contents]
        parts = [self._decoded(ref, where) for ref in refs[:1000] if isinstance(ref, Ref)]
        return b"\n".join(part for part in parts if part is not None)

    def _decoded(self, ref: Ref, where: str) -> bytes | None:
        stream = self.pdf.stream(ref.number)
        if stream is None:
            return None
        try:
            data = self.pdf.decoded(stream)
        except TooLong:
            raise OverLimit(INFLATES_TOO_MUCH, where) from None
        self.read.add(ref.number)
        return data

    def _forms(self, content: bytes, resources: Value) -> list[tuple[Stream, Value, int]]:
        """The forms a content stream draws: each form, the resources it draws with, how often."""
        if b"Do" not in content:
            return []
        xobjects = self.pdf.dictionary(self.pdf.dictionary(resources).get("XObject"))
        drawn = Counter(_DRAW.findall(content))
        forms = []
        for name, times in drawn.items():
            target = xobjects.get(name.decode("latin-1"))
            stream = self.pdf.stream(target.number) if isinstance(target, Ref) else None
            if stream is not None and stream.info.get("Subtype") == "Form":
                # A form without resources of its own draws with those of what draws it.
                forms.append((stream, stream.info.get("Resources", resources), times))
        return forms

    def _cost(self, content: bytes, resources: Value, where: str, path: tuple[int, ...]) -> _Cost:
        forms, size = 0, len(content)
        for form, form_resources, times in self._forms(content, resources):
            if form.number in path:
                raise OverLimit(FORMS_DRAW_EACH_OTHER, where)
            inner = self._form_cost(form, form_resources, where, path)
            forms += times * (1 + inner.forms)
            size += times * inner.size
            if forms > MAX_FORM_DRAWS:
                raise OverLimit(TOO_MANY_FORMS, where)
        return _Cost(forms, size)

    def _form_cost(self, form: Stream, resources: Value, where: str, path: tuple[int, ...]) -> _Cost:
        key = (form.number, _key(resources))
        if key not in self._costs:
            if len(path) >= MAX_DEPTH:
                return _Cost(0, 0)  # deeper than any library follows
            content = self._decoded(Ref(form.number), where) or b""
            self._costs[key] = self._cost(content, resources, where, (*path, form.number))
        return self._costs[key]

    def _shown_bytes(self, content: bytes, resources: Value, depth: int = 0) -> int:
        """Bytes of the strings a content stream and its forms show (a little more, if anything)."""
        content = _INLINE_IMAGE.sub(b"", content)
        shown = sum(_string_bytes(string) for string in _STRING.findall(content))
        for form, form_resources, times in self._forms(content, resources):
            key = (form.number, _key(form_resources))
            if key not in self._shown and depth < MAX_DEPTH:
                inner = self._decoded(Ref(form.number), "") or b""
                self._shown[key] = self._shown_bytes(inner, form_resources, depth + 1)
            shown += times * self._shown.get(key, 0)
        return shown


def _key(resources: Value) -> int:
    """Resources by identity: a form drawn with other resources draws other forms."""
    return resources.number if isinstance(resources, Ref) else -id(resources) - 1


def _string_bytes(string: bytes) -> int:
    if string.startswith(b"("):
        return len(_ESCAPE.sub(b"x", string)) - 2
    return sum(1 for char in string if char not in b" \t\r\n\f>") // 2
