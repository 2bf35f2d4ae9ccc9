"""A PDF's raw objects, read without a PDF library: enough to see what a file would ask of an engine.

Objects are found the way a reader repairs a damaged file: by scanning for ``N G obj`` (the last
definition of a number wins, as incremental updates mean), and inside object streams. Values are
parsed only when asked for, streams decoded only when asked for, and every decoding stops at a
cap. Nothing here trusts the file: a value that cannot be parsed is None, a reference to
nowhere is None, and no walk over the objects runs deeper than MAX_DEPTH.
"""

from __future__ import annotations

import base64
import re
import zlib
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

MAX_DEPTH = 64
"""How deeply arrays and dictionaries may nest, and references lead to references."""


class Ref(NamedTuple):
    """A reference to an indirect object (``12 0 R``)."""

    number: int


Value: TypeAlias = "bool | int | float | str | bytes | Ref | list[Value] | dict[str, Value] | None"
"""A parsed PDF value: a name is a str (without its slash), a string is bytes."""


class TooLong(Exception):
    """Decoding a stream would give more than its limit."""


@dataclass(frozen=True)
class Stream:
    """A stream object: its dictionary and where its raw data lies in the file."""

    number: int
    info: dict[str, Value]
    start: int
    end: int


_DELIMITERS = rb"\s/\[\]()<>{}%"
_OBJECT_HEADER = re.compile(rb"(?<!\d)(\d{1,10})\s+\d{1,5}\s+$")
"""What stands before an "obj" keyword that opens an object: its number and generation."""
_TOKEN = re.compile(
    rb"(?:\s|%[^\r\n]*)*(?:(<<)|(>>)|(\[)|(\])|/([^" + _DELIMITERS + rb"]*)|<([0-9A-Fa-f\s]*)>|(\()"
    rb"|([+-]?(?:\d+\.?\d*|\.\d+))|([^" + _DELIMITERS + rb"]+)|(.))",
    re.S,
)
_REFERENCE = re.compile(rb"\s+(\d{1,5})\s+R(?![^" + _DELIMITERS + rb"])")
_PARENS = re.compile(rb"[()\\]")
_KEYWORDS: dict[bytes, Value] = {b"true": True, b"false": False, b"null": None}


class _Malformed(Exception):
    """What the parser met is not a PDF value."""


class _Parser:
    """A PDF value at a position of some bytes (the file, or an object stream's content)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def value(self, pos: int, depth: int = 0) -> tuple[Value, int]:
        """The value that starts at ``pos`` and where it ends; raises _Malformed."""
        if depth > MAX_DEPTH:
            raise _Malformed("nested too deeply")
        match = _TOKEN.match(self.data, pos)
        if match is None:
            raise _Malformed("end of data")
        end = match.end()
        kind = match.lastindex
        if kind == 1:
            return self._dictionary(end, depth)
        if kind == 3:
            return self._array(end, depth)
        if kind == 5:
            return match.group(5).decode("latin-1"), end
        if kind == 6:
            return bytes.fromhex((match.group(6) + b"0" * (len(match.group(6)) % 2)).decode("ascii")), end
        if kind == 7:
            return self._string(end)
        if kind == 8:
            return self._number(match.group(8), end)
        if kind == 9 and match.group(9) in _KEYWORDS:
            return _KEYWORDS[match.group(9)], end
        raise _Malformed(f"unexpected {match.group(match.lastindex or 0)[:20]!r}")

    def _dictionary(self, pos: int, depth: int) -> tuple[dict[str, Value], int]:
        items: dict[str, Value] = {}
        while True:
            match = _TOKEN.match(self.data, pos)
            if match is None:
                raise _Malformed("unended dictionary")
            if match.lastindex == 2:
                return items, match.end()
            if match.lastindex != 5:
                raise _Malformed("a dictionary key that is no name")
            items[match.group(5).decode("latin-1")], pos = self.value(match.end(), depth + 1)

    def _array(self, pos: int, depth: int) -> tuple[list[Value], int]:
        items: list[Value] = []
        while True:
            match = _TOKEN.match(self.data, pos)
            if match is None:
                raise _Malformed("unended array")
            if match.lastindex == 4:
                return items, match.end()
            item, pos = self.value(pos, depth + 1)
            items.append(item)

    def _string(self, pos: int) -> tuple[bytes, int]:
        """A literal string's raw bytes (escapes left as they are): nothing here reads them."""
        level, start = 1, pos
        for match in _PARENS.finditer(self.data, pos):
            if match.start() < pos:
                continue  # the character after a backslash
            token = match.group()
            if token == b"\\":
                pos = match.end() + 1
            elif token == b"(":
                level += 1
            else:
                level -= 1
                if level == 0:
                    return self.data[start : match.start()], match.end()
        raise _Malformed("unended string")

    def _number(self, token: bytes, pos: int) -> tuple[Value, int]:
        if b"." in token:
            return float(token), pos
        reference = _REFERENCE.match(self.data, pos)
        if reference is not None:
            return Ref(int(token)), reference.end()
        return int(token), pos


class RawPdf:
    """The objects of a PDF file, found by scanning it, parsed and decoded when asked for."""

    def __init__(self, data: bytes, max_stream: int) -> None:
        self._data = data
        self._parser = _Parser(data)
        self.max_stream = max_stream
        """What any decoded stream may hold, in bytes: decoding past it raises TooLong."""
        self._offsets, self._spans = _scan(data)
        self._values: dict[int, Value] = {}
        self._streams: dict[int, Stream | None] = {}
        self._in_streams: dict[int, tuple[int, int]] | None = None
        self._object_stream_contents: dict[int, bytes] = {}

    @property
    def numbers(self) -> list[int]:
        """The numbers of the objects at the top level of the file, in the order they appear."""
        return sorted(self._offsets, key=self._offsets.__getitem__)

    @property
    def stream_numbers(self) -> list[int]:
        """The numbers of the stream objects at the top level of the file, in the order they appear."""
        return sorted(self._spans, key=self._offsets.__getitem__)

    def trailer(self) -> dict[str, Value]:
        """The last trailer dictionary, or the last cross-reference stream's: where /Root is."""
        at = self._data.rfind(b"trailer")
        if at >= 0:
            found = self._parse(self._parser, at + len(b"trailer"))
            if isinstance(found, dict):
                return found
        for number in reversed(self.stream_numbers):
            stream = self.stream(number)
            if stream is not None and stream.info.get("Type") == "XRef":
                return stream.info
        return {}

    def get(self, value: Value) -> Value:
        """A value with references followed to what they refer to (None for a dangling one)."""
        for _ in range(MAX_DEPTH):
            if not isinstance(value, Ref):
                return value
            value = self._object(value.number)
        return None

    def dictionary(self, value: Value) -> dict[str, Value]:
        """The dictionary a value is or refers to (a stream's dictionary for a stream), else {}."""
        found = self.get(value)
        if isinstance(value, Ref) and not isinstance(found, dict):
            stream = self.stream(value.number)
            return stream.info if stream is not None else {}
        return found if isinstance(found, dict) else {}

    def stream(self, number: int) -> Stream | None:
        """Object ``number`` if it is a stream at the top level of the file."""
        if number not in self._streams:
            self._streams[number] = self._find_stream(number)
        return self._streams[number]

    def decoded(self, stream: Stream) -> bytes | None:
        """A stream's data with its filters undone, None if a filter is not one undone here;
        raises TooLong past ``max_stream`` bytes. (Not kept: a file of many streams just under
        the cap would hold them all.)"""
        return decode(self._data[stream.start : stream.end], filters(self, stream.info), self.max_stream)

    def _object(self, number: int) -> Value:
        if number not in self._values:
            self._values[number] = None  # a reference back to the object being read finds nothing
            self._values[number] = self._read_object(number)
        return self._values[number]

    def _read_object(self, number: int) -> Value:
        offset = self._offsets.get(number)
        if offset is not None:
            return self._parse(self._parser, offset)
        place = self._object_streams().get(number)
        if place is None:
            return None
        return self._parse(_Parser(self._object_stream_contents[place[0]]), place[1])

    def _parse(self, parser: _Parser, pos: int) -> Value:
        try:
            return parser.value(pos)[0]
        except (_Malformed, ValueError, RecursionError):
            return None

    def _find_stream(self, number: int) -> Stream | None:
        span = self._spans.get(number)
        if span is None:
            return None
        info = self._object(number)
        return Stream(number, info, span[1], span[2]) if isinstance(info, dict) else None

    def raw_dictionary(self, number: int) -> bytes:
        """The bytes of a stream object's dictionary as the file holds them (b"" if no stream)."""
        span = self._spans.get(number)
        return self._data[self._offsets[number] : span[0]] if span is not None else b""

    def raw_length(self, number: int) -> int:
        """How many bytes of data a stream object holds in the file (0 if no stream)."""
        span = self._spans.get(number)
        return span[2] - span[1] if span is not None else 0

    def _object_streams(self) -> dict[int, tuple[int, int]]:
        """Where each object inside an object stream lies: (stream number, offset in its content)."""
        if self._in_streams is None:
            self._in_streams = {}
            for number in self.stream_numbers:
                stream = self.stream(number)
                if stream is None or stream.info.get("Type") != "ObjStm":
                    continue
                content = self._safe_decoded(stream)
                first = stream.info.get("First")
                if content is None or not isinstance(first, int):
                    continue
                self._object_stream_contents[number] = content
                pairs = re.findall(rb"(\d+)\s+(\d+)", content[:first])
                for found, offset in pairs:
                    self._in_streams.setdefault(int(found), (number, first + int(offset)))
        return self._in_streams

    def _safe_decoded(self, stream: Stream) -> bytes | None:
        try:
            return self.decoded(stream)
        except TooLong:
            return None  # the stream check names it with its object number


def _scan(data: bytes) -> tuple[dict[int, int], dict[int, tuple[int, int, int]]]:
    """Where each top-level object's value starts, and for a stream object where its dictionary
    ends and its data starts and ends; stream data is skipped, not searched for objects.

    The keywords are found with ``bytes.find`` (a memchr away), the numbers before an "obj"
    matched in the few bytes before it: a regular expression that must try every position of a
    megabyte took longer than the rest of the scan.
    """
    offsets: dict[int, int] = {}
    spans: dict[int, tuple[int, int, int]] = {}
    number: int | None = None
    pos, end, find = 0, len(data), data.find
    next_stream = _next_stream(data, 0)
    while True:
        keyword = find(b"obj", pos)
        if next_stream is not None and (keyword < 0 or next_stream[0] < keyword):
            stop = find(b"endstream", next_stream[1])
            stop = stop if stop >= 0 else end
            if number is not None:
                spans[number] = (next_stream[0], next_stream[1], stop)
                number = None
            pos = stop
            next_stream = _next_stream(data, stop + len(b"endstream"))
            continue
        if keyword < 0:
            return offsets, spans
        pos = keyword + 3
        header = _OBJECT_HEADER.search(data, max(0, keyword - 24), keyword)
        if header is not None and (pos == end or data[pos : pos + 1] in _ENDS_A_KEYWORD):
            number = int(header.group(1))
            offsets[number] = pos


_ENDS_A_KEYWORD = frozenset(bytes([byte]) for byte in b" \t\r\n\f\0/[]()<>{}%")


def _next_stream(data: bytes, pos: int) -> tuple[int, int] | None:
    """Where the next "stream" keyword that opens stream data (not "endstream") starts, and
    where its data starts (after its end of line)."""
    while (start := data.find(b"stream", pos)) >= 0:
        pos = start + len(b"stream")
        if start and data[start - 1 : start].isalpha():
            continue
        if data.startswith(b"\r\n", pos):
            return start, pos + 2
        if data[pos : pos + 1] in (b"\n", b"\r"):
            return start, pos + 1
    return None


# --- Filters -----------------------------------------------------------------------------------

_FILTER_NAMES = {
    "FlateDecode": "FlateDecode",
    "Fl": "FlateDecode",
    "LZWDecode": "LZWDecode",
    "LZW": "LZWDecode",
    "ASCIIHexDecode": "ASCIIHexDecode",
    "AHx": "ASCIIHexDecode",
    "ASCII85Decode": "ASCII85Decode",
    "A85": "ASCII85Decode",
    "RunLengthDecode": "RunLengthDecode",
    "RL": "RunLengthDecode",
}
GROWTH = {"FlateDecode": 1032, "LZWDecode": 4096, "ASCIIHexDecode": 1, "ASCII85Decode": 4, "RunLengthDecode": 128}
"""How many times its input a filter's output can be at most: a stream whose raw length times
these stays under a limit need not be decoded to know it does."""


def filters(pdf: RawPdf, info: dict[str, Value]) -> list[str]:
    """A stream's filters in the order they are undone, by their full names (abbreviations too)."""
    found = pdf.get(info.get("Filter", info.get("F")))
    names = [pdf.get(item) for item in found] if isinstance(found, list) else [found]
    return [_FILTER_NAMES.get(name, name) if isinstance(name, str) else "?" for name in names if name is not None]


def decode(data: bytes, names: list[str], limit: int) -> bytes | None:
    """Data with these filters undone, None at a filter not undone here (images, encryption);
    raises TooLong as soon as any stage's output passes ``limit`` bytes."""
    for name in names:
        if name == "FlateDecode":
            data = _inflate(data, limit)
        elif name == "LZWDecode":
            data = _lzw(data, limit)
        elif name == "ASCIIHexDecode":
            data = _hex(data)
        elif name == "ASCII85Decode":
            data = _a85(data, limit)
        elif name == "RunLengthDecode":
            data = _run_length(data, limit)
        else:
            return None
    return data


def _inflate(data: bytes, limit: int) -> bytes:
    """Flate, as far as the data goes (a damaged stream gives what it gave before the damage)."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        # Again in small steps: what came out before the damage is what a library reads.
        inflater, step, kept = zlib.decompressobj(), 4096, bytearray()
        try:
            for pos in range(0, len(data), step):
                kept += inflater.decompress(data[pos : pos + step], limit + 1 - len(kept))
                if len(kept) > limit:
                    break
        except zlib.error:
            pass
        out = bytes(kept)
    if len(out) > limit:
        raise TooLong
    return out


def _lzw(data: bytes, limit: int) -> bytes:
    """LZW as PDF uses it (early change), stopping past ``limit``."""
    out = bytearray()
    table = [bytes([code]) for code in range(256)] + [b"", b""]
    previous = b""
    bits, buffer, size = 9, 0, 0
    for byte in data:
        buffer, size = (buffer << 8) | byte, size + 8
        while size >= bits:
            size -= bits
            code, buffer = buffer >> size, buffer & ((1 << size) - 1)
            if code == 256:
                table, previous, bits = table[:258], b"", 9
                continue
            if code == 257:
                return bytes(out)
            entry = table[code] if code < len(table) else previous + previous[:1]
            if previous:
                table.append(previous + entry[:1])
            out += entry
            if len(out) > limit:
                raise TooLong
            previous = entry
            bits = 9 if len(table) < 511 else 10 if len(table) < 1023 else 11 if len(table) < 2047 else 12
    return bytes(out)


def _hex(data: bytes) -> bytes:
    digits = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">", 1)[0])
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _a85(data: bytes, limit: int) -> bytes:
    text = data.split(b"~>", 1)[0]
    if text.count(b"z") * 4 > limit:
        raise TooLong
    try:
        out = base64.a85decode(re.sub(rb"\s", b"", text))
    except ValueError:
        return b""
    if len(out) > limit:
        raise TooLong
    return out


def _run_length(data: bytes, limit: int) -> bytes:
    out = bytearray()
    pos = 0
    while pos < len(data) and data[pos] != 128:
        length = data[pos]
        if length < 128:
            out += data[pos + 1 : pos + 2 + length]
            pos += 2 + length
        else:
            out += data[pos + 1 : pos + 2] * (257 - length)
            pos += 2
        if len(out) > limit:
            raise TooLong
    return bytes(out)
