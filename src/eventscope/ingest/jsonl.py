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
from .source import ReadOptions, Source, decode


@reader("jsonl")
def read_jsonl(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """One Document per good line; bad lines are reported as ``file:line`` and skipped."""
    # A line may hold one 50 MB document; allow it (the text is capped after parsing).
    with source.open() as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            origin = f"{source.name}:{lineno}"
            line = decode(raw, origin, report)
            try:
                record = json.loads(line)
            except ValueError as exc:
                report(Errors.E001.format(origin=origin, detail=_short(exc)))
                continue
            except RecursionError:
                report(Errors.E001.format(origin=origin, detail="nested too deeply"))
                continue
            doc = make_document(record, origin, opts, report)
            if doc is not None:
                yield doc


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
