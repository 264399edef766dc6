"""Batch runners: in-process, multiprocess (``workers=N``) and Dask distributed (``dask=...``).

    >>> from eventscope.runners import code_to_jsonl, ingest_to_store
    >>> stats = code_to_jsonl(["news.jsonl"], "out.jsonl", workers=2)
    >>> stats = ingest_to_store(["news/"], "eventscope.duckdb", dask="local")

Every runner gives the same output in the same order; only the speed differs.
"""

from __future__ import annotations

from .run import code_to_jsonl, ingest_to_store
from .stats import RunStats

__all__ = ["RunStats", "code_to_jsonl", "ingest_to_store"]
