"""The two batch jobs: ``code_to_jsonl`` (contract JSONL) and ``ingest_to_store`` (DuckDB).

Both read lazily, code in batches on the chosen executor (this process, a process pool or
Dask), and write each batch as soon as it comes back in input order, so a run's memory does not
grow with the input and a killed run loses at most the batches in flight.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import deque
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from ..ingest import is_warning, read_inputs
from ..model import Document
from ..pipeline import PipelineConfig, batches
from .executors import make_executor
from .progress import GracefulStop, estimate_total, make_progress
from .stats import RunStats
from .work import WorkItem

log = logging.getLogger("eventscope.runners")
log.addHandler(logging.NullHandler())


class _Reporter:
    """Counts rejections and warnings, logs them, and passes them on (stderr by default)."""

    def __init__(self, stats: RunStats, on_error: Callable[[str], None] | None):
        self.stats = stats
        self.on_error = on_error

    def __call__(self, message: str) -> None:
        if is_warning(message):
            self.stats.warnings += 1
        else:
            self.stats.rejected += 1
        log.warning(message)
        if self.on_error is not None:
            self.on_error(message)
        else:
            sys.stderr.write(message + "\n")


class _LogFile:
    """Send the run's log to a file for the duration of the run (``--log-file``)."""

    def __init__(self, path: str | Path | None):
        self.path = path
        self.handler: logging.Handler | None = None
        self._level = log.level

    def __enter__(self) -> "_LogFile":
        log.setLevel(logging.INFO)
        if self.path:
            self.handler = logging.FileHandler(self.path, encoding="utf-8")
            self.handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            log.addHandler(self.handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.handler is not None:
            log.removeHandler(self.handler)
            self.handler.close()
        log.setLevel(self._level)


def _count_events(results: list) -> tuple[int, int]:
    events = failed = 0
    for r in results:
        if isinstance(r, str):  # a contract JSON line
            record = json.loads(r)
            events += len(record.get("events", ()))
            failed += bool(record.get("errors"))
        else:
            events += len(r.events)
            failed += bool(r.errors)
    return events, failed


def code_to_jsonl(
    inputs: list[str | Path],
    out_path: str | Path,
    workers: int = 1,
    dask: str | None = None,
    progress: bool = True,
    batch_size: int = 32,
    on_error: Callable[[str], None] | None = None,
    *,
    stages: tuple[str, ...] | PipelineConfig | None = None,
    log_file: str | Path | None = None,
    work_dir: str | Path | None = None,
    **read_opts: Any,
) -> RunStats:
    """Code documents into contract JSONL: one line per accepted document, in input order.

    inputs (list): files, directories or "-" (see ``ingest.read_inputs``).
    out_path (str | Path): the JSONL to write ("-" for stdout).
    workers (int): worker processes (1 = this process).
    dask (str | None): a Dask scheduler address, or "local" for a ``LocalCluster``.
    progress (bool): show a Rich progress bar on stderr.
    batch_size (int): documents per batch (per ``nlp.pipe`` call and per task).
    on_error (callable): receives each coded input error (default: printed to stderr).
    stages (tuple | PipelineConfig | None): pipeline stages, or a whole config with stage options
        (default: the full pipeline).
    log_file (str | Path | None): also log the run to this file.
    work_dir (str | Path | None): where Dask writes its partitions (default: a temp dir).
    read_opts: ``text_field``, ``title_field``, ``date_field``, ``url_field``, ``id_field``,
        ``max_chars`` for ``read_inputs``.
    RETURNS (RunStats): counts; ``stats.rejected > 0`` means exit status 1.
    """
    stats = RunStats()
    started = time.perf_counter()
    reporter = _Reporter(stats, on_error)
    with _LogFile(log_file):
        to_stdout = str(out_path) == "-"
        out: IO[str] = sys.stdout if to_stdout else open(out_path, "w", encoding="utf-8")
        try:
            _run(inputs, stats, reporter, workers, dask, batch_size, stages, work_dir,
                 read_opts, progress=progress, as_json=True,
                 sink=lambda docs, ctx, results: _write_lines(out, stats, results),
                 prefilter=None, label="coding")
        finally:
            if not to_stdout:
                out.close()
        stats.finish(time.perf_counter() - started)
        log.info("done: %s", json.dumps(stats.to_dict()))
    if stats.interrupted:
        sys.stderr.write(f"Interrupted: {stats.written} documents written to {out_path}.\n")
    return stats


def _write_lines(out: IO[str], stats: RunStats, lines: list[str]) -> None:
    for line in lines:
        out.write(line + "\n")
    out.flush()
    stats.written += len(lines)


def ingest_to_store(
    inputs: list[str | Path],
    db_path: str | Path,
    workers: int = 1,
    dask: str | None = None,
    progress: bool = True,
    batch_size: int = 32,
    on_error: Callable[[str], None] | None = None,
    log_file: str | Path | None = None,
    *,
    stages: tuple[str, ...] | PipelineConfig | None = None,
    work_dir: str | Path | None = None,
    **read_opts: Any,
) -> RunStats:
    """Code documents and store them, one transaction per batch; safe to kill and re-run.

    Documents whose content hash is already stored (or that repeat earlier in the input) are
    skipped before coding; near-duplicates of stored documents are coded and linked to the
    original (``Store.write(..., duplicates=...)``). Because every batch is one transaction and
    ids are content hashes, a run killed at any point and started again stores every document
    exactly once. Ctrl-C finishes the batch in flight, reports what was stored and returns.

    Arguments as ``code_to_jsonl``; db_path (str | Path): the DuckDB file (created if missing).
    RETURNS (RunStats): ``written`` = documents added, ``skipped`` = already stored.
    """
    from ..store import Store

    stats = RunStats()
    started = time.perf_counter()
    reporter = _Reporter(stats, on_error)
    seen: set[str] = set()
    pending = _PendingNearDuplicates(batches=2 * max(workers, 2) + 2)
    with _LogFile(log_file):
        store = Store(db_path)
        try:
            def prefilter(batch: list[Document]) -> tuple[list[Document], dict[str, Any]]:
                known = store.known_hashes(d.hash for d in batch)
                keep: list[Document] = []
                skipped = 0
                for doc in batch:
                    h = doc.hash
                    if h in known or h in seen:
                        skipped += 1
                        continue
                    seen.add(h)
                    keep.append(doc)
                duplicates: dict[str, str] = {}
                current = pending.new_batch()
                for doc in keep:
                    original = store.near_duplicate_of(doc) or pending.link(current, doc)
                    if original:
                        duplicates[str(doc.id)] = original
                return keep, {"skipped": skipped, "duplicates": duplicates}

            def sink(docs: list[Document], ctx: dict[str, Any], adocs: list) -> None:
                stats.skipped += ctx["skipped"]
                if not adocs:
                    return
                result = store.write(adocs, duplicates=ctx["duplicates"])
                stats.written += int(result.get("documents", 0))
                stats.skipped += int(result.get("skipped", 0))
                stats.duplicates += len(ctx["duplicates"])
                log.info("batch committed: %d documents, %d events (stored so far: %d)",
                         result.get("documents", 0), result.get("events", 0), stats.written)

            _run(inputs, stats, reporter, workers, dask, batch_size, stages, work_dir,
                 read_opts, progress=progress, as_json=False, sink=sink, prefilter=prefilter, label="ingesting")
        finally:
            store.close()
        stats.finish(time.perf_counter() - started)
        log.info("done: %s", json.dumps(stats.to_dict()))
    if stats.interrupted:
        sys.stderr.write(
            f"Interrupted: {stats.written} documents stored in {db_path}; "
            "run the same command again to continue (stored documents are skipped).\n")
    return stats


class _PendingNearDuplicates:
    """Near-duplicates among documents read but not yet stored.

    ``Store.near_duplicate_of`` only sees stored documents. Documents of the same batch, and of
    the batches still in flight on workers, are matched here, so a near-duplicate is linked
    whichever runner is used and however the input falls into batches.
    """

    def __init__(self, batches: int):
        try:
            from ..stories.near_dupes import NearDuplicateIndex
        except ImportError:  # the stories package is optional here
            NearDuplicateIndex = None  # noqa: N806
        self._factory = NearDuplicateIndex
        self._indexes: deque[Any] = deque(maxlen=batches)

    def new_batch(self) -> Any:
        if self._factory is None:
            return None
        index = self._factory()
        self._indexes.append(index)
        return index

    def link(self, current: Any, doc: Document) -> str | None:
        """The id of an earlier pending near-duplicate of ``doc`` (then ``doc`` is indexed)."""
        if current is None:
            return None
        for index in self._indexes:
            if index is current:
                break
            hit = index.query(doc.text)
            if hit:
                current.add(str(doc.id), doc.text)
                return hit
        return current.add_or_link(str(doc.id), doc.text)


def _run(inputs: list[str | Path], stats: RunStats, reporter: _Reporter, workers: int,
         dask: str | None, batch_size: int, stages: tuple[str, ...] | PipelineConfig | None,
         work_dir: str | Path | None, read_opts: dict[str, Any], *, progress: bool, as_json: bool,
         sink: Callable[[list[Document], Any, list], None],
         prefilter: Callable[[list[Document]], tuple[list[Document], Any]] | None,
         label: str) -> None:
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    inputs = list(inputs)
    documents = read_inputs(inputs, on_error=reporter, **read_opts)

    def counted() -> Iterator[Document]:
        for doc in documents:
            stats.accepted += 1
            yield doc

    def items() -> Iterator[WorkItem]:
        for batch in batches(counted(), batch_size):
            if prefilter is None:
                yield WorkItem(batch, {"read": len(batch)})
            else:
                keep, ctx = prefilter(batch)
                ctx["read"] = len(batch)
                yield WorkItem(keep, ctx)

    total = None
    if progress and "-" not in [str(i) for i in inputs]:
        total = estimate_total(inputs)
    executor = make_executor(stages, batch_size, workers, dask, work_dir, as_json=as_json)
    stats.runner, stats.workers = executor.name, executor.workers
    bar = make_progress(enabled=progress)
    try:
        with bar if progress else nullcontext(), GracefulStop() as stop:
            task = bar.add_task(label, total=total)
            for docs, ctx, results in executor.map_ordered(items(), lambda: stop.requested):
                events, failed = _count_events(results)
                stats.events += events
                stats.failed += failed
                sink(docs, ctx, results)
                bar.advance(task, ctx.get("read", len(docs)) if isinstance(ctx, dict) else len(docs))
            stats.interrupted = stop.requested
            bar.update(task, total=stats.accepted, completed=stats.accepted)
    finally:
        stats.stage_seconds = dict(executor.timings)
        executor.close()
