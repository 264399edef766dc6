"""What the runners pass around, and what runs inside a worker (process pool or Dask).

Functions here are module-level so they pickle by reference. Each process codes with
``pipeline.get_pipeline`` (built once per process: one spaCy load however many batches), and
nothing else is kept between batches, so a document's output depends on the document only.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import signal
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple

from ..errors import Errors
from ..events.classifier import set_process_threads
from ..model import AnalyzedDocument, Document
from ..pipeline import Pipeline, PipelineConfig, get_pipeline


class WorkItem(NamedTuple):
    """One write batch: the documents to code and what the sink needs to know about them."""

    docs: list[Document]
    context: Any


class WorkResult(NamedTuple):
    """A coded write batch: results in input order (contract lines or ``AnalyzedDocument``)."""

    docs: list[Document]
    context: Any
    results: list[Any]


class BatchResult(NamedTuple):
    """What ``code_batch`` returns: results in input order, seconds per stage spent on them."""

    results: list[Any]
    stage_seconds: dict[str, float]


class PartitionResult(NamedTuple):
    """What a Dask ``code_partition`` task returns (its results are in the file at ``path``)."""

    path: str
    count: int
    stage_seconds: dict[str, float]
    pid: int


def loaded_pipeline(stages: tuple[str, ...] | PipelineConfig | None) -> Pipeline:
    """The pipeline of ``stages``, loaded, with every object alive at that point frozen
    (``gc.freeze``: out of the cyclic collector's reach, never freed by it).

    Why: the models and knowledge bases are most of the objects the collector tracks, and each
    full collection walked them all again (``eventscope code`` on the 210 dev documents: four
    full collections while coding, 0.07-0.14 s each, ~0.4 s, freeing nothing). What is loaded
    stays loaded for the life of the process anyway.
    """
    pipeline = get_pipeline(stages)
    gc.freeze()
    return pipeline


# The shipped example coded before a process pool forks (``warm_before_fork``).
WARM_UP_EXAMPLE = "baghdad-visit.txt"


def warm_before_fork(pipeline: Pipeline) -> None:
    """Code one shipped example here, output dropped, so what the stages load on first use is
    loaded before the workers fork from this process.

    Why: the stages read many tables lazily (lexicons, the place and actor resolvers, the
    sentence-end model, the fuzzy place search and its imports). Loaded in each worker after the
    fork, every worker pays their CPU again and holds its own copy; loaded here, the workers share
    the pages. The events stage's classifier stays off meanwhile (``classifier_off``): its ONNX
    session and helper thread would make forking unsafe. Nothing the stages keep between
    documents changes any later output (``get_pipeline``), and the stage timings are left as
    they were.
    """
    text = (resources.files("eventscope") / "examples" / WARM_UP_EXAMPLE).read_text(encoding="utf-8")
    timings = dict(pipeline.timings)
    with ExitStack() as stack:
        for component in pipeline.stages:
            if hasattr(component, "classifier_off"):
                stack.enter_context(component.classifier_off())
        for _adoc in pipeline.pipe([Document(id="warm-up", text=text)]):
            pass
    pipeline.timings.clear()
    pipeline.timings.update(timings)


def init_worker(stages: tuple[str, ...] | PipelineConfig | None) -> None:
    """Process-pool initializer: ignore Ctrl-C (the parent finishes the batch), one ONNX thread
    (the workers share the cores), and load once (a forked worker finds the parent's pipeline
    already loaded; its classifier session is opened here on first use)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_process_threads(1)
    loaded_pipeline(stages)


def to_line(adoc: AnalyzedDocument) -> str:
    """The contract JSON line of one analysed document."""
    return json.dumps(adoc.to_contract(), ensure_ascii=False, default=str)


def _fallback(doc: Document, exc: BaseException) -> AnalyzedDocument:
    adoc = AnalyzedDocument(document=doc)
    adoc.errors.append(Errors.E020.format(stage="pipeline", doc=doc.id, detail=repr(exc)[:300]))
    return adoc


def _delta(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {k: v - before.get(k, 0.0) for k, v in after.items()}


def code_batch(docs: list[Document], stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, *,
               as_json: bool) -> BatchResult:
    """Code one batch (a worker task).

    With ``as_json`` the results are contract JSON lines (cheap to send between processes),
    otherwise ``AnalyzedDocument`` records (for the store).

    Never raises for a document: if the batch as a whole fails, documents are coded one at a
    time, and a document that still fails comes back with only its error recorded, so every
    accepted document gives exactly one result.
    """
    pipeline = get_pipeline(stages)
    before = dict(pipeline.timings)
    try:
        adocs = list(pipeline.pipe(docs, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - retry one by one, below
        adocs = []
        for doc in docs:
            try:
                adocs.append(next(iter(pipeline.pipe([doc], batch_size=1))))
            except Exception as exc:  # noqa: BLE001
                adocs.append(_fallback(doc, exc))
    results: list[Any] = [to_line(a) for a in adocs] if as_json else adocs
    return BatchResult(results, _delta(pipeline.timings, before))


def code_stream(items: Iterable[WorkItem], stages: tuple[str, ...] | PipelineConfig | None, batch_size: int, *,
                as_json: bool, timings: dict[str, float]) -> Iterator[WorkResult]:
    """Code write batches through ONE streaming ``Pipeline.pipe`` (the in-process runner).

    Why one stream: ``Pipeline.pipe`` keeps a batch in flight (the events classifier works on a
    helper thread while the next batch is parsed), which a call per write batch would throw away
    at every batch edge. Outputs do not depend on how documents fall into batches, so the write
    batches and the pipeline's batches need not line up. Items are pulled from ``items`` only as
    the stream needs documents, and each item is yielded as soon as its last document is coded.
    ``timings`` receives the seconds per stage.

    If the stream itself fails (a bug outside any stage), the items it had taken are coded again
    batch by batch (``code_batch``) and a new stream takes the rest, so no document is lost. If
    the *input* fails (e.g. a reader's backend is missing, E017), the items already taken are
    still coded and yielded, then the input's error is raised: it is not the stream's to hide.
    """
    pipeline = loaded_pipeline(stages)
    source = iter(items)
    while True:
        taken: list[WorkItem] = []
        input_error: list[Exception] = []

        def documents() -> Iterator[Document]:
            while True:
                try:
                    item = next(source)
                except StopIteration:
                    return
                except Exception as exc:
                    input_error.append(exc)
                    raise
                taken.append(item)
                yield from item.docs

        before = dict(pipeline.timings)
        coded: list[Any] = []
        done = 0  # items of ``taken`` already yielded
        try:
            for adoc in pipeline.pipe(documents(), batch_size=batch_size):
                coded.append(to_line(adoc) if as_json else adoc)
                while done < len(taken) and len(coded) >= len(taken[done].docs):
                    n = len(taken[done].docs)
                    yield WorkResult(taken[done].docs, taken[done].context, coded[:n])
                    del coded[:n]
                    done += 1
        except Exception:  # noqa: BLE001 - see docstring
            add_timings(timings, _delta(pipeline.timings, before))
            for item in taken[done:]:
                batch = code_batch(item.docs, stages, batch_size, as_json=as_json) if item.docs else BatchResult([], {})
                add_timings(timings, batch.stage_seconds)
                yield WorkResult(item.docs, item.context, batch.results)
            if input_error:
                raise input_error[0]
            continue  # a new stream for what is left of ``source``
        add_timings(timings, _delta(pipeline.timings, before))
        for item in taken[done:]:  # documentless items at the end
            yield WorkResult(item.docs, item.context, [])
        return


def add_timings(timings: dict[str, float], delta: dict[str, float]) -> None:
    for key, value in delta.items():
        timings[key] = timings.get(key, 0.0) + value


def code_partition(index: int, docs: list[Document], stages: tuple[str, ...] | PipelineConfig | None,
                   batch_size: int, work_dir: str, *, as_json: bool) -> PartitionResult:
    """Dask task: code a partition and write it under ``work_dir``.

    Contract lines go to ``part-NNNNNN.jsonl``; for the store, the analysed documents go to
    ``part-NNNNNN.pkl`` (the store needs the full records, not only the contract view).
    """
    results, delta = code_batch(docs, stages, batch_size, as_json=as_json)
    folder = Path(work_dir)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"part-{index:06d}.{'jsonl' if as_json else 'pkl'}"
    tmp = final.with_suffix(final.suffix + ".tmp")
    if as_json:
        with open(tmp, "w", encoding="utf-8") as fh:
            for line in results:
                fh.write(line + "\n")
    else:
        with open(tmp, "wb") as fh:
            pickle.dump(results, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, final)
    return PartitionResult(str(final), len(results), delta, os.getpid())


def read_partition(path: str) -> list[Any]:
    """The results a ``code_partition`` task wrote, in order."""
    if path.endswith(".jsonl"):
        with open(path, encoding="utf-8") as fh:
            return [line.rstrip("\n") for line in fh]
    with open(path, "rb") as fh:
        return pickle.load(fh)


def warm(seconds: float = 0.2) -> int:
    """A no-op task that holds a worker for a moment; RETURNS its pid (to see every worker up)."""
    import time

    time.sleep(seconds)
    return os.getpid()
