"""WARC and ARC web archives (warcio): each HTML response becomes a document (trafilatura).

Non-HTML records (images, scripts, redirects, errors) are not documents and are passed over
silently. A corrupt record is reported with its byte offset; the reader then looks for the next
record header and goes on, so one bad record does not lose the rest of the archive.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from typing import IO, Any, Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .html import HTML_BACKEND, HTML_LIMIT, extract_html
from .records import cap_text, normalize_date
from .source import ReadOptions, Source, decode, requirement

log = logging.getLogger("eventscope.ingest")
logging.getLogger("warcio").setLevel(logging.ERROR)

_HTML_TYPES = ("text/html", "application/xhtml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_MAX_RESYNC = 1000
_HEADER_LINE_LIMIT = 1 << 20


class _CappedLines:
    """warcio's reader with ``readline`` bounded: warcio reads record and HTTP header lines
    (and the blank lines between records) whole, so one endless line in a hostile archive
    would be held in memory. A line past the cap raises, and the record is reported (E009)."""

    def __init__(self, reader: Any):
        self._reader = reader

    def readline(self, length: int | None = None) -> bytes:
        cap = _HEADER_LINE_LIMIT if not length or length < 0 else min(length, _HEADER_LINE_LIMIT)
        line = self._reader.readline(cap)
        if len(line) >= _HEADER_LINE_LIMIT and not line.endswith(b"\n"):
            raise ValueError(f"a header line longer than {_HEADER_LINE_LIMIT:,} bytes")
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def _records(fh: IO[bytes], name: str, report: Callable[[str], None], *, seekable: bool,
             gz: bool) -> Iterator[tuple[Callable[[], int], object]]:
    """(offset getter, record) pairs; the getter must be called after the payload is read
    (warcio's ``get_record_offset`` consumes the rest of the record)."""
    from warcio.archiveiterator import ArchiveIterator

    start = 0
    last = 0
    for _attempt in range(_MAX_RESYNC):
        iterator = ArchiveIterator(fh, arc2warc=True, check_digests=False)
        iterator.reader = _CappedLines(iterator.reader)
        try:
            while True:
                record = _quiet(next, iterator, None)
                if record is None:
                    return
                yield (lambda it=iterator, base=start: base + _quiet(it.get_record_offset)), record
                last = start + _quiet(iterator.get_record_offset)
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on corrupt data
            report(Errors.E009.format(origin=f"{name}@{last}", detail=repr(exc)[:160]))
            if not seekable:
                return
            next_start = _find_next(fh, last + 1, gz=gz)
            if next_start is None:
                return
            start = last = next_start
            fh.seek(start)
    return


def _quiet(fn: Callable[..., Any], *args: Any) -> Any:
    """Call ``fn`` with warcio's stderr chatter ("Record not followed by newline") sent to the
    log instead of the user's terminal; the reader reports real problems itself."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        result = fn(*args)
    if buffer.getvalue():
        log.debug("warcio: %s", buffer.getvalue().strip()[:300])
    return result


def _find_next(fh: IO[bytes], position: int, *, gz: bool) -> int | None:
    """Byte offset of the next record header (or gzip member) after ``position``."""
    marker = b"\x1f\x8b\x08" if gz else b"WARC/1."
    fh.seek(position)
    carry = b""
    base = position
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            return None
        data = carry + chunk
        at = data.find(marker)
        if at >= 0:
            return base - len(carry) + at
        carry = data[-(len(marker) - 1):]
        base += len(chunk)


@reader("warc", requires=requirement("warc", ("warcio", "warcio"), *HTML_BACKEND))
def read_warc(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document per HTML response or resource record, with its URL and page date."""
    count = 0
    with source.open_raw() as fh:
        seekable = source.path is not None
        for offset_of, record in _records(fh, source.name, report, seekable=seekable, gz=source.gzipped):
            kind = record.rec_type  # type: ignore[attr-defined]
            if kind not in ("response", "resource"):
                continue
            if kind == "response":
                http = record.http_headers  # type: ignore[attr-defined]
                if http is None:
                    continue
                status = http.get_statuscode()
                if status and str(status) != "200":
                    continue
                ctype = http.get_header("Content-Type") or ""
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
            if not any(t in ctype.lower() for t in _HTML_TYPES):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
            try:
                stream = record.content_stream()  # type: ignore[attr-defined]
                payload = _quiet(stream.read, HTML_LIMIT)
                cut = len(payload) >= HTML_LIMIT and bool(_quiet(stream.read, 1))
            except Exception as exc:  # noqa: BLE001 - bad chunking / content-encoding
                report(Errors.E009.format(origin=f"{source.name}:{url}", detail=repr(exc)[:160]))
                continue
            missing = 0 if cut else getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
            try:
                origin = f"{source.name}@{offset_of()}"
            except Exception:  # noqa: BLE001
                origin = f"{source.name}:{url}"
            if cut:
                report(Errors.E019.format(origin=origin, limit=HTML_LIMIT))
            elif missing:
                report(Errors.E015.format(origin=origin, missing=missing))
            m = _CHARSET.search(ctype)
            html = decode(payload, origin, report, encoding=m.group(1) if m else None)
            if not html.strip():
                report(Errors.E006.format(origin=origin))
                continue
            text, title, date = extract_html(html, url=url)
            if not text:
                report(Errors.E008.format(origin=origin, detail="no readable text in the page"))
                continue
            meta = {}
            if date is None:
                crawl = record.rec_headers.get_header("WARC-Date")  # type: ignore[attr-defined]
                date = normalize_date(crawl) if crawl else None
                if date:
                    meta["date_source"] = "warc-date"
            count += 1
            yield Document(text=cap_text(text, origin, opts, report), title=title, date=date,
                           url=url, origin=origin, meta=meta)
    if count == 0:
        report(Errors.E008.format(origin=source.name, detail="no HTML page in the archive"))
