"""JSON Lines (one document per line) and JSON (an array of documents, or objects one after another).

Lines are read as bytes and split on ``\\n`` only, so a U+2028 inside a text never splits a
record; each line is decoded on its own, so one badly encoded line does not spoil the others.
Both readers stream: a line or array element longer than the limit (``ReadOptions.line_limit``)
is skipped with E016 while it is read, so a gzip bomb never sits in memory.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import IO, Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .records import make_document
from .source import ReadOptions, Source, decode, looks_binary, read_capped, read_lines


_BINARY_PROBE = 20


@reader("jsonl")
def read_jsonl(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document per good line; bad lines are reported as ``file:line`` and skipped.

    A file whose first bytes look binary is judged by its lines: if the first 20 non-blank
    lines are all bad it is reported once as binary (E010) instead of line by line; a good line
    among them proves it is text, and the held-back line messages are then reported.
    """
    suspect = looks_binary(source.head())
    held: list[str] = []
    sink = held.append if suspect else report
    bad = 0
    with source.open() as fh:
        for line in read_lines(fh, opts.line_limit):
            origin = f"{source.name}:{line.number}"
            if line.overlong:
                sink(Errors.E016.format(origin=origin, what="line", limit=opts.line_limit, size=f"{line.size:,} bytes"))
                continue
            raw = line.data
            if not raw.strip():
                continue
            before = len(held)
            doc = _line_document(raw, origin, opts, sink)
            if suspect:
                if doc is None and len(held) > before:
                    bad += 1
                    if bad >= _BINARY_PROBE:
                        report(Errors.E010.format(origin=source.name))
                        return
                elif doc is not None:
                    suspect = False
                    for message in held:
                        report(message)
                    held.clear()
                    sink = report
            if doc is not None:
                yield doc
    for message in held:
        report(message)


def _line_document(raw: bytes, origin: str, opts: ReadOptions,
                   report: Callable[[str], None]) -> Document | None:
    line = decode(raw, origin, report)
    try:
        record = json.loads(line)
    except ValueError as exc:
        report(Errors.E001.format(origin=origin, detail=_short(exc)))
        return None
    except RecursionError:
        report(Errors.E001.format(origin=origin, detail="nested too deeply"))
        return None
    return make_document(record, origin, opts, report)


@reader("json")
def read_json(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """A JSON array of document objects, or objects one after another (one object, or JSON Lines
    with a .json name), read element by element."""
    head = source.head()
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _read_json_whole(source, opts, report)
        return
    with source.open() as fh:
        for value in _json_values(fh, opts.line_limit):
            origin = f"{source.name}#{value.index}" if value.in_array else f"{source.name}:{value.line}"
            if value.data is None:
                report(Errors.E016.format(origin=origin, what="record", limit=opts.line_limit,
                                          size=f"{value.size:,} bytes"))
                continue
            if value.error:
                report(Errors.E001.format(origin=origin, detail=value.error))
                continue
            text = decode(value.data, origin, report)
            try:
                record = json.loads(text)
            except (ValueError, RecursionError) as exc:
                if not value.in_array and "\n" in text.strip():
                    # An object left open swallowed the lines after it: read them one by one.
                    yield from _lines(text, source.name, value.line, opts, report)
                else:
                    report(Errors.E001.format(origin=origin, detail=_short(exc)))
                continue
            doc = make_document(record, origin, opts, report)
            if doc is not None:
                yield doc


def _read_json_whole(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """UTF-16 JSON (rare): decoded whole, at most ``opts.line_limit`` bytes."""
    with source.open() as fh:
        data, more = read_capped(fh, opts.line_limit)
    if more:
        report(Errors.E016.format(origin=source.name, what="UTF-16 JSON file", limit=opts.line_limit,
                                  size="more"))
        return
    text = decode(data, source.name, report)
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        report(Errors.E001.format(origin=source.name, detail=_short(exc)))
        return
    records = value if isinstance(value, list) else [value]
    for i, record in enumerate(records, start=1):
        doc = make_document(record, f"{source.name}#{i}", opts, report)
        if doc is not None:
            yield doc


class _JsonValue:
    """One top-level record found by ``_json_values``: its bytes (None when over the limit)."""

    __slots__ = ("index", "line", "in_array", "data", "size", "error")

    def __init__(self, index: int, line: int, data: bytes | None, size: int, *, in_array: bool, error: str = ""):
        self.index, self.line, self.in_array = index, line, in_array
        self.data, self.size, self.error = data, size, error


_STRUCTURE = re.compile(rb'["\[\]{},]')
_STRING_END = re.compile(rb'["\\]')
_SPACE = b" \t\r\n"


def _json_values(fh: IO[bytes], limit: int, chunk_size: int = 1 << 20) -> Iterator[_JsonValue]:
    """The records of a JSON file, found by scanning brackets and strings, without parsing.

    A file starting with ``[`` gives the elements of that array; otherwise each top-level
    object is one record. Why a scanner: ``json.load`` needs the whole file in memory, and the
    file may be a gzip bomb. Structure bytes are ASCII, so the scan works on UTF-8 bytes;
    each record is decoded and parsed on its own by the caller. A record over ``limit`` bytes
    is read through and given with ``data=None``.
    """
    return _JsonScanner(fh, limit, chunk_size).values()


class _JsonScanner:
    """The state of one ``_json_values`` scan: where the scan is (depth, inside a string), the
    record being gathered and the line it started on."""

    def __init__(self, fh: IO[bytes], limit: int, chunk_size: int):
        self.fh, self.limit, self.chunk_size = fh, limit, chunk_size
        self.in_array: bool | None = None
        self.depth = 0
        self.in_string = self.escaped = False
        self.buf = bytearray()
        self.size = 0
        self.index = 0
        self.line = 1
        self.start_line = 1
        self.started = False  # a record has begun (a non-space byte was seen)
        self.done = False  # the top-level array was closed
        self.failed = False  # unbalanced brackets: the rest of the file is not read

    def values(self) -> Iterator[_JsonValue]:
        while not self.done and not self.failed:
            chunk = self.fh.read(self.chunk_size)
            if not chunk:
                break
            start = self._open(chunk)
            if start is not None:
                yield from self._scan(chunk, start)
        if not self.failed and self.started and (self.buf.strip() or self.size > self.limit):
            yield self._emit()

    def _open(self, chunk: bytes) -> int | None:
        """Where scanning starts in ``chunk``; the first non-space byte of the file says whether
        it is one array of records. None while only spaces have been read."""
        if self.in_array is not None:
            return 0
        first = chunk.lstrip(codecs.BOM_UTF8).lstrip(_SPACE)[:1]
        if not first:
            self.line += chunk.count(b"\n")
            return None
        self.in_array = first == b"["
        if self.in_array:
            at = chunk.index(b"[")
            self.line += chunk.count(b"\n", 0, at)
            self.depth = 1
            return at + 1
        return len(codecs.BOM_UTF8) if chunk.startswith(codecs.BOM_UTF8) else 0

    def _emit(self) -> _JsonValue:
        self.index += 1
        value = _JsonValue(self.index, self.start_line, bytes(self.buf) if self.size <= self.limit else None,
                           self.size, in_array=bool(self.in_array))
        self.buf = bytearray()
        self.size = 0
        self.started = False
        return value

    def _keep(self, piece: bytes) -> None:
        if not self.started:
            stripped = piece.lstrip(_SPACE)
            if not stripped:
                return
            self.start_line = self.line + piece.count(b"\n", 0, len(piece) - len(stripped))
            piece = stripped
            self.started = True
        self.size += len(piece)
        if self.size <= self.limit:
            self.buf.extend(piece)
        elif self.buf:
            self.buf.clear()

    def _take(self, chunk: bytes, start: int, end: int | None = None) -> None:
        """Keep ``chunk[start:end]`` and count the lines it ends."""
        self._keep(chunk[start:end])
        self.line += chunk.count(b"\n", start, len(chunk) if end is None else end)

    def _scan(self, chunk: bytes, i: int) -> Iterator[_JsonValue]:
        """The records that end in ``chunk`` (from offset ``i``); the rest is kept for the next."""
        n = len(chunk)
        base = 1 if self.in_array else 0
        while i < n:
            if self.escaped:
                self._keep(chunk[i:i + 1])
                self.escaped = False
                i += 1
                continue
            if self.in_string:
                m = _STRING_END.search(chunk, i)
                if m is None:
                    self._take(chunk, i)
                    return
                j = m.end()
                self._take(chunk, i, j)
                if chunk[j - 1] == 0x5C:  # backslash: the next byte is escaped
                    self.escaped = True
                else:
                    self.in_string = False
                i = j
                continue
            m = _STRUCTURE.search(chunk, i)
            if m is None:
                self._take(chunk, i)
                return
            j = m.start()
            if j > i:
                self._take(chunk, i, j)
            c = chunk[j]
            i = j + 1
            if c == 0x22:  # "
                self._keep(b'"')
                self.in_string = True
            elif c in (0x5B, 0x7B):  # [ {
                self._keep(chunk[j:i])
                self.depth += 1
            elif c in (0x5D, 0x7D):  # ] }
                self.depth -= 1
                if self.in_array and self.depth == 0:  # the end of the array
                    if self.started:
                        yield self._emit()
                    self.done = True
                    return
                self._keep(chunk[j:i])
                if not self.in_array and self.depth == 0:
                    yield self._emit()
                elif self.depth < base:  # a closing bracket with nothing open: give up on this file
                    yield _JsonValue(self.index + 1, self.line, b"", self.size, in_array=bool(self.in_array),
                                     error="unbalanced brackets")
                    self.failed = True
                    return
            else:  # ,
                if self.in_array and self.depth == 1:
                    if self.started:
                        yield self._emit()
                    else:
                        self.index += 1
                        yield _JsonValue(self.index, self.line, b"", 0, in_array=True, error="empty element")
                else:
                    self._keep(b",")


def _lines(text: str, name: str, first_line: int, opts: ReadOptions,
           report: Callable[[str], None]) -> Iterator[Document]:
    for lineno, line in enumerate(text.split("\n"), start=first_line):
        if not line.strip():
            continue
        origin = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            report(Errors.E001.format(origin=origin, detail=_short(exc)))
            continue
        doc = make_document(record, origin, opts, report)
        if doc is not None:
            yield doc


def _short(exc: BaseException) -> str:
    return str(exc)[:120] or type(exc).__name__
