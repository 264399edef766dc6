"""What runs inside a worker (process pool or Dask): one pipeline per process, batches in.

Functions here are module-level so they pickle by reference; the pipeline is cached per
process, so each worker loads the spaCy model once however many batches it codes.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..model import AnalyzedDocument, Document
from ..pipeline import DEFAULT_STAGES, Pipeline, PipelineConfig

_PIPELINES: dict[tuple[str, ...], Pipeline] = {}


_CONFIGURED: dict[str, Pipeline] = {}


def pipeline_for(stages: tuple[str, ...] | PipelineConfig | None) -> Pipeline:
    """The process's pipeline for ``stages`` (stage names, or a whole ``PipelineConfig`` with
    stage options), built once."""
    if isinstance(stages, PipelineConfig):
        key = json.dumps([list(stages.stages), stages.stage_options], sort_keys=True, default=str)
        if key not in _CONFIGURED:
            _CONFIGURED[key] = Pipeline(stages)
        return _CONFIGURED[key]
    names = tuple(stages or DEFAULT_STAGES)
    if names not in _PIPELINES:
        _PIPELINES[names] = Pipeline(PipelineConfig(stages=names))
    return _PIPELINES[names]


def init_worker(stages: tuple[str, ...] | None) -> None:
    """Process-pool initializer: ignore Ctrl-C (the parent finishes the batch) and load once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline_for(stages)


def to_line(adoc: AnalyzedDocument) -> str:
    """The contract JSON line of one analysed document."""
    return json.dumps(adoc.to_contract(), ensure_ascii=False, default=str)


def _fallback(doc: Document, exc: BaseException) -> AnalyzedDocument:
    adoc = AnalyzedDocument(document=doc)
    adoc.errors.append(Errors.E020.format(stage="pipeline", doc=doc.id, detail=repr(exc)[:300]))
    return adoc


def code_batch(docs: list[Document], stages: tuple[str, ...] | None, batch_size: int,
               as_json: bool) -> tuple[list[Any], dict[str, float]]:
    """Code one batch; RETURNS (results in input order, seconds per stage spent on it).

    With ``as_json`` the results are contract JSON lines (cheap to send between processes),
    otherwise ``AnalyzedDocument`` records (for the store).

    Never raises for a document: if the batch as a whole fails, documents are coded one at a
    time, and a document that still fails comes back with only its error recorded, so every
    accepted document gives exactly one result.
    """
    pipeline = pipeline_for(stages)
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
    delta = {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}
    results: list[Any] = [to_line(a) for a in adocs] if as_json else adocs
    return results, delta


def code_partition(index: int, docs: list[Document], stages: tuple[str, ...] | None,
                   batch_size: int, as_json: bool, work_dir: str) -> tuple[str, int, dict[str, float], int]:
    """Dask task: code a partition and write it under ``work_dir``.

    Contract lines go to ``part-NNNNNN.jsonl``; for the store, the analysed documents go to
    ``part-NNNNNN.pkl`` (the store needs the full records, not only the contract view).
    RETURNS (tuple): (path, documents, seconds per stage, worker pid).
    """
    results, delta = code_batch(docs, stages, batch_size, as_json)
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
    return str(final), len(results), delta, os.getpid()


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
