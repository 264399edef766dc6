"""JSON Lines (one document per line) and JSON (an array of documents, or one object).

Lines are read as bytes and split on ``\\n`` only, so a U+2028 inside a text never splits a
record; each line is decoded on its own, so one badly encoded line does not spoil the others.
"""

from __future__ import annotations

import json
from typing import Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .records import make_document
from .source import ReadOptions, Source, decode, looks_binary


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
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            origin = f"{source.name}:{lineno}"
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
    """A JSON array of document objects, or one object; a file that is really JSONL is read so."""
    with source.open() as fh:
        data = fh.read()
    text = decode(data, source.name, report)
    try:
        value = json.loads(text)
    except ValueError as exc:
        first = text.lstrip()[:1]
        if first == "{":  # several objects, one per line: JSON Lines with a .json name
            yield from _lines(text, source.name, opts, report)
            return
        report(Errors.E001.format(origin=source.name, detail=_short(exc)))
        return
    except RecursionError:
        report(Errors.E001.format(origin=source.name, detail="nested too deeply"))
        return
    records = value if isinstance(value, list) else [value]
    for i, record in enumerate(records, start=1):
        doc = make_document(record, f"{source.name}#{i}", opts, report)
        if doc is not None:
            yield doc


def _lines(text: str, name: str, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    for lineno, line in enumerate(text.split("\n"), start=1):
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
