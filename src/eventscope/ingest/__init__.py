"""Readers per input format → ``Document``; format detection; bad-input reporting.

    >>> from eventscope.ingest import read_inputs
    >>> docs = list(read_inputs(["news/"], on_error=print))

Formats: .txt (one document, id = file name), .jsonl/.ndjson, .json, .csv/.tsv, .html/.htm,
RSS/Atom (.rss/.atom/.xml), .warc/.warc.gz, directories (recursive), "-" for stdin, gzip of any
of these. Extension first; unknown extensions are sniffed. Readers register with
``eventscope.registry.reader(name, requires=...)`` and are listed in ``registry.BUILTINS``; a reader whose backend package is missing
stops the run once (E017) before any file of its format is read.

Every reader streams, with limits applied while decompressing: a line or record over
``ReadOptions.line_limit`` bytes is skipped (E016), a document over ``max_chars`` is cut (E012),
pages, WARC payloads and feeds past their read limit are cut (E019). No input, gzip bomb
included, can make memory follow its size.
"""

from __future__ import annotations

from .read import iter_sources, read_inputs, read_source
from .source import MAX_DOC_CHARS, ReadOptions, Source, decode, detect_format, is_warning, sniff


__all__ = [
    "MAX_DOC_CHARS", "ReadOptions", "Source", "decode", "detect_format", "is_warning",
    "iter_sources", "read_inputs", "read_source", "sniff",
]
