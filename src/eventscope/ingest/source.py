"""Input sources, decoding and format sniffing shared by every reader.

Why one module: every reader needs the same three things done the same way — open a file or
stdin as bytes, turn bytes into text without ever crashing (bad bytes are replaced and the first
bad byte's position is reported), and decide what format a source is (extension first, then a
look at the first bytes). Keeping them here means a fix to decoding helps every format at once.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import importlib
import io
import json
import re
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Iterator

from ..errors import Errors, ReaderUnavailable

# A single document larger than this is truncated (with an E012 warning): a 50 MB "article" is
# almost always a dump or a mistake, and the nlp stage only analyses the first 100k characters.
MAX_DOC_CHARS = 2_000_000
HEAD_BYTES = 64 * 1024
# A line (JSONL, CSV) or record (JSON array element, CSV row) may take this many bytes per
# allowed character: enough for a document at the cap written with \uXXXX escapes. Longer ones
# are skipped with E016 while they are read, so memory never follows a hostile line's length.
LINE_BYTES_PER_CHAR = 8
_SKIP_CHUNK = 1 << 20

# Codes that mean "this input was rejected" (exit status 1); the others are warnings on a
# document that was still read.
WARNING_CODES = frozenset({"E005", "E012", "E013", "E014", "E015", "E019", "E067"})

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "xml",
    ".warc": "warc", ".arc": "warc",
}


def requirement(fmt: str, *modules: tuple[str, str]) -> Callable[[], None]:
    """A check that the ``(module, package)`` pairs import, for ``registry.reader(requires=...)``.

    Why: a reader whose backend is missing (``lxml.html.clean`` became the separate package
    ``lxml_html_clean`` in lxml 5.2) would otherwise reject every file of its format one by one
    with an ImportError buried in each message. The check imports each module; the first
    failure raises ``ReaderUnavailable`` (E017) naming the package to install. Once imported, a
    module is a dictionary lookup, so checking before every file costs nothing.
    """

    def check() -> None:
        for module, package in modules:
            try:
                importlib.import_module(module)
            except ImportError as exc:
                detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
                raise ReaderUnavailable(Errors.E017.format(fmt=fmt, package=package, detail=detail)) from exc

    return check


def is_warning(message: str) -> bool:
    """True when ``message`` (an errors.py message) is a warning, not a rejection."""
    return message[:4] in WARNING_CODES


def _fallback_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as Windows-1252 (the usual culprit in mixed files)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("eventscope-cp1252", _fallback_cp1252)


def decode(data: bytes, origin: str, report: Callable[[str], None] | None = None,
           encoding: str | None = None) -> str:
    """Bytes → text, never raising.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such; bytes that are not
    valid UTF-8 are read as Windows-1252 (so a mixed UTF-8/Latin-1 file keeps its accents) and
    the first bad byte's position is reported (E005).

    data (bytes): the raw input.
    origin (str): where the bytes came from, for the message.
    report (callable): receives the E005 warning.
    encoding (str): a declared encoding (HTTP/XML header), tried before UTF-8.
    RETURNS (str): the text.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if encoding and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if report is not None:
            report(Errors.E005.format(origin=origin, position=exc.start))
        return data.decode("utf-8", errors="eventscope-cp1252")


_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def looks_binary(head: bytes) -> bool:
    """Heuristic: many control bytes (NUL included) or mostly invalid UTF-8 mean binary data.

    Text with a stray NUL or control character here and there (broken exports, hostile input)
    is still text; images, archives and random bytes have control bytes in roughly one byte of
    ten and fail UTF-8 decoding almost everywhere.
    """
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    sample = head[:8192]
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    if controls / len(sample) > 0.05:
        return True
    invalid = sample.decode("utf-8", errors="replace").count("\ufffd")
    return invalid / len(sample) > 0.3


@dataclass
class ReadOptions:
    """Field names and limits, passed from ``read_inputs`` to every reader."""

    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    id_field: str = "id"
    max_chars: int = MAX_DOC_CHARS
    max_line_bytes: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def line_limit(self) -> int:
        """Bytes one line or record may take (default ``LINE_BYTES_PER_CHAR`` × ``max_chars``)."""
        return self.max_line_bytes or LINE_BYTES_PER_CHAR * self.max_chars


@dataclass
class Line:
    """One line of a byte stream, as ``read_lines`` gives it.

    ``data`` is the line (with its newline), or ``b""`` when the line was longer than the limit
    (``overlong``): such a line is read through to its end but not kept. ``size`` is its full
    length in bytes and ``counted`` how often the byte asked for (a quote, for CSV) occurs in it.
    """

    number: int
    data: bytes
    size: int
    overlong: bool = False
    counted: int = 0


class LineReader:
    """The lines of a byte stream (split on ``\\n`` only), none longer than ``limit`` bytes in memory.

    Why: ``for line in fh`` holds a whole line, and one line of a gzip bomb decompresses to
    gigabytes. Here a line past ``limit`` is read on in 1 MB pieces and dropped; the caller gets
    its number and size (``Line.overlong``) to report, and the next line is read as usual.
    ``count`` names a byte counted in every line, kept or not (the quote, for CSV), and
    ``skip_balanced`` jumps over lines until that byte's count is even again (the end of a
    quoted CSV cell) without splitting them into lines one by one.
    """

    def __init__(self, fh: IO[bytes], limit: int, count: bytes | None = None):
        self._fh = fh
        self.limit = max(1, limit)
        self._count = count
        self._buf = b""
        self._pos = 0
        self.number = 0

    def __iter__(self) -> "LineReader":
        return self

    def _fill(self) -> bool:
        """Drop what was consumed and read the next piece; False at the end of the input."""
        chunk = self._fh.read(_SKIP_CHUNK)
        if not chunk:
            return False
        self._buf = self._buf[self._pos:] + chunk if self._pos < len(self._buf) else chunk
        self._pos = 0
        return True

    def _counted(self, start: int, end: int) -> int:
        return self._buf.count(self._count, start, end) if self._count else 0

    def __next__(self) -> Line:
        searched = self._pos
        while True:
            nl = self._buf.find(b"\n", searched)
            if nl >= 0 and nl + 1 - self._pos <= self.limit:
                data = self._buf[self._pos:nl + 1]
                self._pos = nl + 1
                self.number += 1
                return Line(self.number, data, len(data), counted=data.count(self._count) if self._count else 0)
            if nl >= 0 or len(self._buf) - self._pos > self.limit:
                return self._overlong()
            searched = len(self._buf) - self._pos
            if not self._fill():
                if self._pos < len(self._buf):  # a last line without a newline
                    data = self._buf[self._pos:]
                    self._buf, self._pos = b"", 0
                    self.number += 1
                    return Line(self.number, data, len(data), counted=data.count(self._count) if self._count else 0)
                raise StopIteration

    def _overlong(self) -> Line:
        """Read through the current line (past the limit) without keeping it."""
        size = counted = 0
        while True:
            nl = self._buf.find(b"\n", self._pos)
            end = nl + 1 if nl >= 0 else len(self._buf)
            size += end - self._pos
            counted += self._counted(self._pos, end)
            self._pos = end
            if nl >= 0 or not self._fill():
                break
        self.number += 1
        return Line(self.number, b"", size, overlong=True, counted=counted)

    def skip_balanced(self, counted: int) -> int | None:
        """Skip whole lines until the running count of the ``count`` byte (starting from
        ``counted``) is even at a line end. RETURNS the number of the last line skipped, or None."""
        if not self._count or counted % 2 == 0:
            return None
        last = None
        partial = False  # the bytes skipped last ended inside a line
        while True:
            if self._pos >= len(self._buf) and not self._fill():
                if partial:  # a last line without a newline
                    self.number += 1
                    last = self.number
                return last
            hit = self._buf.find(self._count, self._pos)
            if hit < 0:  # no quote in what is buffered: skip it all
                ends = self._buf.count(b"\n", self._pos)
                if ends:
                    self.number += ends
                    last = self.number
                partial = not self._buf.endswith(b"\n")
                self._pos = len(self._buf)
                continue
            self.number += self._buf.count(b"\n", self._pos, hit)
            self._pos = hit + 1
            counted += 1
            # Finish the line the quote is on, counting its other quotes.
            while True:
                nl = self._buf.find(b"\n", self._pos)
                end = nl + 1 if nl >= 0 else len(self._buf)
                counted += self._counted(self._pos, end)
                self._pos = end
                if nl >= 0 or not self._fill():
                    break
            self.number += 1
            last = self.number
            partial = False
            if counted % 2 == 0:
                return last


def read_lines(fh: IO[bytes], limit: int, count: bytes | None = None) -> LineReader:
    """``LineReader(fh, limit, count)``: the lines of ``fh``, each at most ``limit`` bytes in memory."""
    return LineReader(fh, limit, count)


def read_capped(fh: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """At most ``limit`` bytes of ``fh``, and whether there was more (which is left unread)."""
    data = fh.read(limit)
    return data, bool(fh.read(1))


class _Prefixed(io.RawIOBase):
    """A stream that first returns ``head`` then the rest of ``rest`` (for sniffing stdin)."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        chunk = self._rest.read(len(buffer))
        n = len(chunk)
        buffer[:n] = chunk
        return n


class Source:
    """One input: a file path or stdin, with a name for messages and the first bytes for sniffing."""

    def __init__(self, name: str, path: Path | None = None, stream: IO[bytes] | None = None):
        self.name = name
        self.path = path
        self._stream = stream
        self._head: bytes | None = None
        self._gzipped: bool | None = None

    @classmethod
    def stdin(cls) -> "Source":
        """Standard input; when it is closed (``sys.stdin`` is None) reading it fails with an
        OSError, reported as E004 like any unreadable file."""
        return cls("<stdin>", stream=getattr(sys.stdin, "buffer", None))

    @property
    def gzipped(self) -> bool:
        """Gzip magic bytes *and* a stream that starts to decompress: a text line that happens to
        begin with the two magic bytes is still text — also when the whole input is in the head
        and gives no byte (three stray bytes "\\x1f\\x8b\\x08" opening a JSONL file read as a
        header that never ends, and every good line after them was lost)."""
        if self._gzipped is None:
            head = self.raw_head
            self._gzipped = head[:2] == b"\x1f\x8b"
            if self._gzipped:
                inflater = zlib.decompressobj(31)
                try:
                    out = inflater.decompress(head, 1024)
                except zlib.error:
                    self._gzipped = False
                else:
                    whole = len(head) < HEAD_BYTES
                    if whole and not out and not inflater.eof:
                        self._gzipped = False
        return self._gzipped

    @property
    def raw_head(self) -> bytes:
        if self._head is None:
            if self.path is not None:
                with open(self.path, "rb") as fh:
                    self._head = fh.read(HEAD_BYTES)
            else:
                if self._stream is None:
                    raise OSError(errno.EBADF, "standard input is closed")
                self._head = self._stream.read(HEAD_BYTES)
                self._stream = io.BufferedReader(_Prefixed(self._head, self._stream), 1 << 16)
        return self._head

    def open_raw(self) -> IO[bytes]:
        """The bytes as stored (gzip not undone): for WARC, which handles gzip itself."""
        if self.path is not None:
            return open(self.path, "rb")
        self.raw_head  # noqa: B018 - make sure the stream is wrapped
        assert self._stream is not None
        return self._stream

    def open(self) -> IO[bytes]:
        """The content bytes, gunzipped when the source is gzip."""
        raw = self.open_raw()
        if self.gzipped:
            return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
        return raw

    def head(self) -> bytes:
        """The first content bytes (gunzipped), for sniffing."""
        if not self.gzipped:
            return self.raw_head
        # Only the first 64 KiB of the file are at hand: decompress what they hold.
        try:
            return zlib.decompressobj(31).decompress(self.raw_head, HEAD_BYTES)
        except zlib.error:
            return b""

    def suffixes(self) -> list[str]:
        if self.path is None:
            return []
        return [s.lower() for s in self.path.suffixes]


_XMLISH = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<", re.S)


def sniff(head: bytes) -> str | None:
    """Guess a format from the first bytes of content (already gunzipped)."""
    text = head.lstrip(codecs.BOM_UTF8).lstrip()
    if not text:
        return None
    if text.startswith(b"WARC/"):
        return "warc"
    low = text[:4096].lower()
    if _XMLISH.match(text):
        if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", low):
            return "feed"
        if b"<html" in low or b"<!doctype html" in low or b"<body" in low or b"<p" in low:
            return "html"
        return "xml"
    first = text.split(b"\n", 1)[0].strip()
    if first.startswith(b"{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if first.startswith(b"["):
        return "json"
    return "txt"


def detect_format(source: Source) -> str:
    """The reader name for ``source``: extension first, then content.

    A known extension wins (a ``.txt`` holding JSON lines is still one text document, as the
    contract says), except that ``.xml`` is sniffed for feed vs HTML and gzip is looked inside.
    Unknown or missing extensions are sniffed. RETURNS (str): a key of ``registry.READERS``.
    """
    suffixes = source.suffixes()
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
        if suffixes and suffixes[-1] in (".warc", ".arc"):
            return "warc"
    ext = suffixes[-1] if suffixes else ""
    fmt = EXTENSIONS.get(ext)
    if fmt == "warc":
        return "warc"
    head = source.head()
    if fmt is None or fmt == "xml":
        sniffed = sniff(head)
        if fmt == "xml":
            return sniffed if sniffed in ("feed", "html") else "feed"
        return sniffed or "txt"
    return fmt
