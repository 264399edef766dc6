"""Plain text: one file is one document whose id is the file name (contract section 1)."""

from __future__ import annotations

from typing import Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .records import cap_text
from .source import ReadOptions, Source, decode


def _trim_partial_utf8(data: bytes) -> bytes:
    """Drop a multi-byte character cut in half at the end of a truncated read."""
    end = len(data)
    back = 0
    while back < 3 and end - back > 0 and (data[end - back - 1] & 0xC0) == 0x80:
        back += 1
    if end - back > 0 and data[end - back - 1] >= 0xC0:
        return data[: end - back - 1]
    return data


@reader("txt")
def read_text(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document with the whole file as text (capped at ``opts.max_chars``).

    At most about four bytes per allowed character are read, so a 50 MB file costs no more
    memory than the cap.
    """
    limit = opts.max_chars * 4
    with source.open() as fh:
        data = fh.read(limit)
        more = bool(fh.read(1))
    if more:
        data = _trim_partial_utf8(data)
    text = decode(data, source.name, report)
    if not text.strip():
        report(Errors.E006.format(origin=source.name))
        return
    if more:
        report(Errors.E012.format(origin=source.name, size=f"more than {max(len(text), opts.max_chars):,}",
                                  limit=opts.max_chars))
        text = text[: opts.max_chars]
    else:
        text = cap_text(text, source.name, opts, report)
    doc_id = source.path.name if source.path is not None else None
    yield Document(text=text, id=doc_id, origin=source.name)
