"""Three ways to code batches — in this process, a process pool, Dask — with one interface.

``map_ordered(items, should_stop)`` takes ``WorkItem``s (documents, context) lazily and yields
``WorkResult``s (documents, context, results) in input order. At most a few batches are in flight at once, so
memory stays flat however long the input is. When ``should_stop()`` turns true no new batch is
started; the ones already running are finished and yielded.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import shutil
import tempfile
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterator

from ..events.classifier import session_open_here
from ..model import Document
from ..pipeline import PipelineConfig, get_pipeline
from .work import (WorkItem, WorkResult, add_timings, code_batch, code_partition, code_stream, init_worker,
                   read_partition, warm, warm_before_fork)

log = logging.getLogger("eventscope.runners")


def _windowed(items: Iterator[WorkItem], should_stop: Callable[[], bool], limit: int,
              submit: Callable[[list[Document]], Any]) -> Iterator[tuple[list[Document], Any, Any]]:
    """Keep up to ``limit`` batches submitted ahead; yield (docs, ctx, handle) in input order.

    Memory stays flat (never more than ``limit`` batches in flight), and when ``should_stop()``
    turns true nothing new is submitted while the batches in flight are still yielded.
    """
    window: deque[tuple[list[Document], Any, Any]] = deque()
    exhausted = False
    while True:
        while not exhausted and len(window) < limit and not should_stop():
            try:
                docs, ctx = next(items)
            except StopIteration:
                exhausted = True
                break
            window.append((docs, ctx, submit(docs)))
        if not window:
            return
        yield window.popleft()


class InProcess:
    """Codes here, all batches through one streaming pipeline (``work.code_stream``)."""

    name = "in-process"

    def __init__(self, stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, *, as_json: bool):
        self.stages, self.batch_size, self.as_json = stages, batch_size, as_json
        self.timings: dict[str, float] = {}
        self.workers = 1

    def map_ordered(self, items: Iterator[WorkItem], should_stop: Callable[[], bool]) -> Iterator[WorkResult]:
        def until_stopped() -> Iterator[WorkItem]:
            # The stream asks for the next batch only when it needs its documents: once a stop
            # is requested, the batches already taken are finished and nothing new is read.
            for item in items:
                yield item
                if should_stop():
                    return

        yield from code_stream(until_stopped(), self.stages, self.batch_size, as_json=self.as_json,
                               timings=self.timings)

    def close(self) -> None:
        return None


class ProcessPool:
    """``workers`` processes coding batches in turn; each has the pipeline loaded once.

    Why fork from a loaded parent: the models and knowledge bases are ~250 MB per process, read
    only. Loaded here once and forked, the workers share those pages (copy-on-write) instead of
    each loading its own copy, and no worker pays the start-up again. ``gc.freeze()`` before the
    fork keeps the collector from writing to the shared objects' headers (which would copy their
    pages into every worker). Forking is only safe from a process with one thread (another
    thread may hold a lock the child then waits on forever), so when this process already runs
    threads, or the platform cannot fork, each worker starts a fresh interpreter ("spawn") and
    loads the pipeline itself; the output is the same either way.
    """

    name = "processes"

    def __init__(self, stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, workers: int, *,
                 as_json: bool, start_method: str | None = None):
        self.stages, self.batch_size, self.as_json, self.workers = stages, batch_size, as_json, workers
        self.timings: dict[str, float] = {}
        self.start_method = start_method or worker_start_method()
        self._froze = False
        if self.start_method == "fork":
            # loaded once, here, with what it loads on first use: the workers inherit it all
            warm_before_fork(get_pipeline(stages))
            if start_method is None:
                self.start_method = worker_start_method()  # loading started no thread (checked)
        if self.start_method == "fork":
            gc.freeze()
            self._froze = True
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context(self.start_method),
            initializer=init_worker, initargs=(stages,),
        )
        # Start every worker now, before the caller starts threads of its own (the progress bar):
        # the first task launches all forked workers at once (``ProcessPoolExecutor``).
        self.pool.submit(warm, 0.0).result()

    def _submit(self, docs: list[Document]) -> list[tuple[list[Document], Future]]:
        """One task per worker's share of the write batch, so a short run (a few write batches)
        still keeps every worker busy; outputs do not depend on how documents fall into tasks.
        Shares hold equal characters, not equal documents (``split_by_chars``): a worker's time
        follows the characters it parses, and unequal shares leave one worker idle at the end."""
        return [(part, self._submit_or_code_here(part)) for part in split_by_chars(docs, self.workers)]

    def _submit_or_code_here(self, docs: list[Document]) -> Future:
        try:
            return self.pool.submit(code_batch, docs, self.stages, self.batch_size, as_json=self.as_json)
        except (BrokenProcessPool, RuntimeError):
            results, delta = code_batch(docs, self.stages, self.batch_size, as_json=self.as_json)
            add_timings(self.timings, delta)
            done: Future = Future()
            done.set_result((results, {}))
            return done

    def _result(self, tasks: list[tuple[list[Document], Future]]) -> list:
        results: list = []
        for docs, future in tasks:
            try:
                part, delta = future.result()
            except BrokenProcessPool as exc:
                # A worker died (out of memory, killed): code this part here rather than lose it.
                log.error("worker process died (%r); coding the batch in the main process", exc)
                part, delta = code_batch(docs, self.stages, self.batch_size, as_json=self.as_json)
            add_timings(self.timings, delta)
            results.extend(part)
        return results

    def map_ordered(self, items: Iterator[WorkItem], should_stop: Callable[[], bool]) -> Iterator[WorkResult]:
        for docs, ctx, tasks in _windowed(items, should_stop, self.workers * 2, self._submit):
            yield WorkResult(docs, ctx, self._result(tasks))

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        if self._froze:
            gc.unfreeze()
            self._froze = False


class DaskRunner:
    """Partitions coded on Dask workers, written under a work dir, merged here in order.

    ``address`` is a scheduler address or "local" (a ``LocalCluster`` of worker processes on
    this machine). With a remote cluster, ``work_dir`` must be a folder the workers and this
    process share.
    """

    name = "dask"

    def __init__(self, stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, address: str, *, as_json: bool,
                 workers: int = 2, work_dir: str | Path | None = None):
        from distributed import Client, LocalCluster

        self.stages, self.batch_size, self.as_json = stages, batch_size, as_json
        self.timings: dict[str, float] = {}
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(
                n_workers=max(2, workers), threads_per_worker=1, processes=True,
                dashboard_address=":0", silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or max(2, workers)
        self._own_dir = work_dir is None
        self.work_dir = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="eventscope-dask-"))
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.partitions: list[str] = []
        self.pids: set[int] = set()
        self._index = 0

    def _submit_partition(self, docs: list[Document]) -> Any:
        if not docs:
            return None
        future = self.client.submit(
            code_partition, self._index, docs, self.stages, self.batch_size, str(self.work_dir),
            as_json=self.as_json, pure=False,
        )
        self._index += 1
        return future

    def map_ordered(self, items: Iterator[WorkItem], should_stop: Callable[[], bool]) -> Iterator[WorkResult]:
        for docs, ctx, future in _windowed(items, should_stop, self.workers * 2, self._submit_partition):
            if future is None:
                yield WorkResult(docs, ctx, [])
                continue
            try:
                path, _n, delta, pid = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker died or was interrupted
                log.error("Dask task failed (%r); coding the partition in the main process", exc)
                results, delta = code_batch(docs, self.stages, self.batch_size, as_json=self.as_json)
                add_timings(self.timings, delta)
                yield WorkResult(docs, ctx, results)
                continue
            self.pids.add(pid)
            add_timings(self.timings, delta)
            self.partitions.append(path)
            results = read_partition(path)
            if self._own_dir:
                Path(path).unlink(missing_ok=True)
            yield WorkResult(docs, ctx, results)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
            if self._own_dir:
                shutil.rmtree(self.work_dir, ignore_errors=True)


def split_by_chars(docs: list[Document], parts: int) -> list[list[Document]]:
    """``docs`` cut into at most ``parts`` consecutive, non-empty runs of about equal characters.

    Why characters: parsing and classifying take time in proportion to the text, and news
    documents differ in length several-fold, so equal document counts give one worker twice the
    work of the other. Consecutive runs keep the input order when the results are joined.
    """
    if parts <= 1 or len(docs) <= 1:
        return [list(docs)] if docs else []
    sizes = [max(1, len(d.text)) for d in docs]
    total = sum(sizes)
    out: list[list[Document]] = []
    start, done = 0, 0
    for k in range(1, parts):
        target = total * k / parts
        end = start
        # take documents while the run's end is nearer the target with the next one than without it
        while end < len(docs) - (parts - k) and abs(done + sizes[end] - target) <= abs(done - target):
            done += sizes[end]
            end += 1
        if end > start:
            out.append(docs[start:end])
            start = end
    out.append(docs[start:])
    return [part for part in out if part]


def worker_start_method() -> str:
    """"fork" when this process may fork safely, else "spawn" (see ``ProcessPool``).

    Safe means: the platform can fork, only one Python thread runs, and no ONNX session is open
    here (its native threads are invisible to ``threading``; a process that has coded has one, and
    the events helper thread). Loading the pipeline opens no session (``EventClassifier.session``).
    """
    if ("fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            and not session_open_here()):
        return "fork"
    return "spawn"


def make_executor(stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, workers: int, dask: str | None,
                  work_dir: str | Path | None = None, *, as_json: bool):
    """The executor for the options: Dask when ``dask`` is set, a pool when ``workers > 1``."""
    if dask:
        return DaskRunner(stages, batch_size, dask, workers=workers, work_dir=work_dir, as_json=as_json)
    if workers > 1:
        return ProcessPool(stages, batch_size, workers, as_json=as_json)
    return InProcess(stages, batch_size, as_json=as_json)
