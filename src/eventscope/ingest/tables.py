"""CSV and TSV: one document per row; the header names the columns (``--text-field`` etc.).

A row with the wrong number of cells is reported with its line and skipped. When a stray quote
swallows the following lines into one cell, those lines are read again as rows of their own, so
one broken row never hides the good rows after it. A line or row longer than the limit
(``ReadOptions.line_limit``) is skipped with E016 as it is read — a quoted cell running on over
many lines is skipped up to the line that closes it — so memory stays bounded on any input.
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
from .source import Line, LineReader, ReadOptions, Source, decode, read_lines

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


class _TooLong(Exception):
    """Raised through ``csv.reader`` when the row being read passes the limit."""

    def __init__(self, line: Line, quotes: int):
        super().__init__(line.number)
        self.line = line
        self.quotes = quotes  # quote characters in the row so far (odd: inside a quoted cell)


class _Lines:
    """Feeds csv.reader one decoded line at a time, remembering the lines the current row used.

    The bytes of the current row are counted; a row (or one line) past ``limit`` raises
    ``_TooLong`` out of the csv reader before it is held in memory.
    """

    def __init__(self, lines: LineReader, limit: int, name: str, report: Callable[[str], None]):
        self._lines = lines
        self.limit = limit
        self._name = name
        self._report = report
        self.pending: deque[tuple[int, str]] = deque()
        self.taken: list[tuple[int, str]] = []
        self.lineno = 0
        self.row_bytes = 0

    def __iter__(self) -> "_Lines":
        return self

    def new_row(self) -> None:
        self.taken = []
        self.row_bytes = 0

    def __next__(self) -> str:
        if self.pending:
            number, text = self.pending.popleft()
        else:
            line = next(self._lines)
            self.lineno = number = line.number
            if line.overlong or self.row_bytes + line.size > self.limit:
                quotes = sum(t.count('"') for _, t in self.taken) + line.counted
                raise _TooLong(line, quotes)
            self.row_bytes += line.size
            text = decode(line.data, f"{self._name}:{number}", self._report)
            if number == 1:
                text = text.lstrip("\ufeff")
        self.taken.append((number, text))
        return text

    def skip_quoted(self, quotes: int) -> int | None:
        """After a row that was too long: if it stopped inside a quoted cell (odd ``quotes``),
        skip on to the line that closes the cell. RETURNS the last line skipped (or None)."""
        last = self._lines.skip_balanced(quotes)
        if last is not None:
            self.lineno = last
        return last


def _read_table(source: Source, opts: ReadOptions, report: Callable[[str], None],
                delimiter: str) -> Iterator[Document]:
    with source.open() as fh:
        yield from _read_rows(read_lines(fh, opts.line_limit, count=b'"'), source, opts, report, delimiter)


def _read_rows(stream: LineReader, source: Source, opts: ReadOptions, report: Callable[[str], None],
               delimiter: str) -> Iterator[Document]:
    limit = opts.line_limit
    lines = _Lines(stream, limit, source.name, report)
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
    except _TooLong as exc:
        report(Errors.E016.format(origin=f"{source.name}:1", what="header row", limit=limit,
                                  size=f"{exc.line.size:,} bytes in line {exc.line.number}"))
        return
    header = [h.strip() for h in header]
    if opts.text_field not in header:
        report(Errors.E007.format(
            origin=f"{source.name}:1",
            detail=f"no '{opts.text_field}' column; columns are {', '.join(header)[:200]}"))
        return
    width = len(header)
    while True:
        lines.new_row()
        try:
            row = next(rows)
        except StopIteration:
            return
        except _TooLong as exc:
            start = lines.taken[0][0] if lines.taken else exc.line.number
            in_quotes = quoting != csv.QUOTE_NONE and exc.quotes % 2 == 1
            last = lines.skip_quoted(exc.quotes) if in_quotes else None
            end = last or exc.line.number
            where = f"line {end}" if start == end else f"lines {start}-{end}"
            if exc.line.overlong:
                where += f"; line {exc.line.number} alone has {exc.line.size:,} bytes"
            report(Errors.E016.format(origin=f"{source.name}:{start}", what="row", limit=limit, size=where))
            rows = csv.reader(lines, delimiter=delimiter, quoting=quoting, strict=False)
            continue
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
