"""CSV and TSV: one document per row; the header names the columns (``--text-field`` etc.).

A row with the wrong number of cells is reported with its line and skipped. When a stray quote
swallows the following lines into one cell, those lines are read again as rows of their own, so
one broken row never hides the good rows after it.
"""

from __future__ import annotations

import csv
import sys
from collections import deque
from typing import Callable, Iterator

from ..errors import Errors
from ..model import Document
from ..registry import reader
from .records import make_document
from .source import ReadOptions, Source, decode

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class _Lines:
    """Feeds csv.reader one line at a time, remembering the lines the current row used."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self.pending: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.lineno = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        if self.pending:
            number, line = self.pending.popleft()
        else:
            line = next(self._lines)
            self.lineno += 1
            number = self.lineno
        self.taken.append((number, line))
        return line


def _decoded_lines(source: Source, report: Callable[[str], None]) -> Iterator[str]:
    with source.open() as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = decode(raw, f"{source.name}:{lineno}", report)
            yield line.lstrip("\ufeff") if lineno == 1 else line


def _read_table(source: Source, opts: ReadOptions, report: Callable[[str], None],
                delimiter: str) -> Iterator[Document]:
    lines = _Lines(_decoded_lines(source, report))
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    rows = csv.reader(lines, delimiter=delimiter, quoting=quoting, strict=False)
    try:
        header = next(rows)
    except StopIteration:
        report(Errors.E006.format(origin=source.name))
        return
    except csv.Error as exc:
        report(Errors.E007.format(origin=f"{source.name}:1", detail=str(exc)))
        return
    header = [h.strip() for h in header]
    if opts.text_field not in header:
        report(Errors.E007.format(
            origin=f"{source.name}:1",
            detail=f"no '{opts.text_field}' column; columns are {', '.join(header)[:200]}"))
        return
    width = len(header)
    while True:
        lines.taken = []
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            start = lines.taken[0][0] if lines.taken else lines.lineno
            report(Errors.E007.format(origin=f"{source.name}:{start}", detail=str(exc)))
            rows = csv.reader(lines, delimiter=delimiter, quoting=quoting, strict=False)
            continue
        taken = lines.taken
        start = taken[0][0] if taken else lines.lineno
        origin = f"{source.name}:{start}"
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        # Quotes come in pairs in a well-formed row; an odd count over several lines means an
        # unclosed quote ran on into the rows below.
        unclosed = (len(taken) > 1 and quoting != csv.QUOTE_NONE
                    and sum(line.count('"') for _, line in taken) % 2 == 1)
        if len(row) != width or unclosed:
            detail = f"{len(row)} cells, header has {width}" if len(row) != width else "unclosed quote"
            if len(taken) > 1:
                detail += f"; an unclosed quote here took in lines {taken[1][0]}-{taken[-1][0]}, read again"
                lines.pending.extendleft(reversed(taken[1:]))
            report(Errors.E007.format(origin=origin, detail=detail))
            continue
        doc = make_document(dict(zip(header, row)), origin, opts, report, strict_types=False)
        if doc is not None:
            yield doc


@reader("csv")
def read_csv(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """Comma-separated with a header row; quoted cells may hold commas, quotes and newlines."""
    yield from _read_table(source, opts, report, ",")


@reader("tsv")
def read_tsv(source: Source, opts: ReadOptions, report: Callable[[str], None]) -> Iterator[Document]:
    """Tab-separated with a header row; quotes are plain characters (no quoting in TSV)."""
    yield from _read_table(source, opts, report, "\t")


__all__ = ["read_csv", "read_tsv"]
