"""``read_inputs``: any mix of files, directories and stdin → a stream of Documents.

The format of each file is detected (extension, then content), the matching registered reader
turns it into Documents, and every problem is handed to ``on_error`` as a coded message naming
the input and the position. Nothing a file contains can stop the stream: the worst case is that
file being reported and skipped.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import READER_REQUIREMENTS, READERS
from .source import MAX_DOC_CHARS, ReadOptions, Source, detect_format, looks_binary

log = logging.getLogger("eventscope.ingest")


def _default_report(message: str) -> None:
    log.warning(message)


def _unreadable_folder(report: Callable[[str], None]) -> Callable[[OSError], None]:
    """``os.walk``'s onerror: a folder it cannot list is reported (E018) instead of skipped."""

    def onerror(exc: OSError) -> None:
        report(Errors.E018.format(origin=exc.filename or "?", detail=exc.strerror or type(exc).__name__))

    return onerror


def iter_sources(paths: Iterable[str | Path], report: Callable[[str], None]) -> Iterator[Source]:
    """Sources in a deterministic order: the paths as given, directories walked sorted.

    Hidden files and folders (".git", ".DS_Store") are passed over; symlinked folders are not
    followed (no loops). A folder that cannot be listed is named (E018), not skipped silently.
    """
    for item in paths:
        if str(item) == "-":
            yield Source.stdin()
            continue
        path = Path(item)
        if path.is_dir():
            found: list[tuple[tuple[str, ...], Path]] = []
            for root, dirs, files in os.walk(path, followlinks=False, onerror=_unreadable_folder(report)):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith("."):
                        full = Path(root) / name
                        found.append((full.relative_to(path).parts, full))
            for _parts, full in sorted(found):
                yield Source(str(full), path=full)
        elif path.exists():
            yield Source(str(path), path=path)
        else:
            report(Errors.E004.format(origin=str(path), detail="no such file or directory"))


def read_source(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """Documents from one source; bad input becomes coded messages, never an exception.

    The one exception is ``ReaderUnavailable`` (E017): the reader for this format cannot start
    because a package is missing, which no other file of the run could fix either.
    """
    try:
        raw = source.raw_head
    except OSError as exc:
        report(Errors.E004.format(origin=source.name, detail=exc.strerror or repr(exc)))
        return
    if not raw.strip():
        report(Errors.E006.format(origin=source.name))
        return
    try:
        fmt = detect_format(source)
    except OSError as exc:
        report(Errors.E004.format(origin=source.name, detail=repr(exc)[:160]))
        return
    if fmt != "warc":
        head = source.head()
        if not head.strip():
            report(Errors.E006.format(origin=source.name))
            return
        if fmt != "jsonl" and looks_binary(head):  # JSONL decides line by line
            report(Errors.E010.format(origin=source.name))
            return
    reader = READERS.get(fmt)
    if reader is None:
        report(Errors.E011.format(origin=source.name))
        return
    requires = READER_REQUIREMENTS.get(fmt)
    if requires is not None:
        requires()  # a missing backend raises ReaderUnavailable (E017): the install is broken
    try:
        yield from reader(source, opts, report)
    except Exception as exc:  # noqa: BLE001 - a reader bug or I/O error must not end the run
        report(Errors.E004.format(origin=source.name, detail=f"{fmt} reader stopped: {exc!r}"[:200]))


def read_inputs(
    paths: Iterable[str | Path] | str | Path,
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "date",
    url_field: str = "url",
    id_field: str = "id",
    on_error: Callable[[str], None] | None = None,
    max_chars: int = MAX_DOC_CHARS,
    max_line_bytes: int | None = None,
) -> Iterator[Document]:
    """Read documents from files, directories and stdin, in a deterministic order.

    paths (list): files, directories (walked recursively, sorted) or "-" for stdin.
    text_field, title_field, date_field, url_field, id_field (str): the keys (JSON) or columns
        (CSV/TSV) holding each part of a document.
    on_error (callable): receives each coded message (``errors.py``) naming the input and the
        position ("file.jsonl:12"); ``ingest.is_warning(msg)`` tells warnings (the document was
        still read: E005, E012, E013, E014) from rejections. Default: the logging module.
    max_chars (int): longer documents are truncated with an E012 warning.
    max_line_bytes (int | None): a JSONL/CSV line or JSON/CSV record longer than this is skipped
        with E016 as it is read (default 8 bytes per ``max_chars``), so memory stays bounded.
    YIELDS (Document): each good document, with ``origin`` set.
    """
    report = on_error or _default_report
    opts = ReadOptions(text_field=text_field, title_field=title_field, date_field=date_field,
                       url_field=url_field, id_field=id_field, max_chars=max_chars,
                       max_line_bytes=max_line_bytes)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for source in iter_sources(paths, report):
        yield from read_source(source, opts, report)
