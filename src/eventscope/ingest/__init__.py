"""Readers per input format → ``Document``; format detection; bad-input reporting.

    >>> from eventscope.ingest import read_inputs
    >>> docs = list(read_inputs(["news/"], on_error=print))

Formats: .txt (one document, id = file name), .jsonl/.ndjson, .json, .csv/.tsv, .html/.htm,
RSS/Atom (.rss/.atom/.xml), .warc/.warc.gz, directories (recursive), "-" for stdin, gzip of any
of these. Extension first; unknown extensions are sniffed. Readers register with
``eventscope.registry.reader(name)`` and are listed in ``registry.BUILTINS``.
"""

from __future__ import annotations

from .read import iter_sources, read_inputs, read_source
from .source import MAX_DOC_CHARS, ReadOptions, Source, decode, detect_format, is_warning, sniff


__all__ = [
    "MAX_DOC_CHARS", "ReadOptions", "Source", "decode", "detect_format", "is_warning",
    "iter_sources", "read_inputs", "read_source", "sniff",
]
