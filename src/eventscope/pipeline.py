"""Builds the stage list once per process and runs batches of documents through it.

The order is fixed by data flow: nlp → actors → quotes → events → geo → time → brief. Each stage
only reads what earlier stages wrote. A stage failing on one document records an error on that
document and the run goes on (the document keeps what earlier stages found).
"""

from __future__ import annotations

import importlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from .errors import Errors
from .model import AnalyzedDocument, Document
from .registry import STAGES, Stage

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "actors", "quotes", "events", "geo", "time", "brief")

# Where each built-in stage registers itself (imported on demand, so a light pipeline
# does not pay for the heavy ones).
STAGE_MODULES: dict[str, str] = {
    "nlp": "eventscope.nlp",
    "actors": "eventscope.actors",
    "quotes": "eventscope.stories.quotes",
    "events": "eventscope.events",
    "geo": "eventscope.geo",
    "time": "eventscope.time",
    "brief": "eventscope.stories.brief",
}


@dataclass
class PipelineConfig:
    """One typed config for the whole pipeline; stage options live in ``stage_options[name]``."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 32
    stage_options: dict[str, dict[str, Any]] = field(default_factory=dict)


class Pipeline:
    """The stages, built once; ``pipe`` streams documents through them in batches."""

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config or PipelineConfig()
        self.stages: list[Stage] = []
        for name in self.config.stages:
            if name not in STAGES and name in STAGE_MODULES:
                importlib.import_module(STAGE_MODULES[name])
            factory = STAGES[name]
            component = factory(**self.config.stage_options.get(name, {}))
            component.initialize()
            self.stages.append(component)
        self.timings: dict[str, float] = defaultdict(float)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, document: Document | str, date: str | None = None) -> AnalyzedDocument:
        if isinstance(document, str):
            document = Document(text=document, date=date)
        return next(iter(self.pipe([document])))

    def pipe(self, documents: Iterable[Document], batch_size: int | None = None) -> Iterator[AnalyzedDocument]:
        size = batch_size or self.config.batch_size
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= size:
                yield from self._run_batch(batch, size)
                batch = []
        if batch:
            yield from self._run_batch(batch, size)

    def _run_batch(self, batch: list[Document], size: int) -> list[AnalyzedDocument]:
        adocs = [AnalyzedDocument(document=d) for d in batch]
        for component in self.stages:
            started = time.perf_counter()
            try:
                adocs = list(component.pipe(adocs, batch_size=size))
            except Exception:
                # One bad document must not sink the batch: redo this stage one at a time.
                adocs = [_run_one(component, a) for a in adocs]
            self.timings[component.name] += time.perf_counter() - started
        for adoc in adocs:
            adoc.spacy_doc = None  # free the parse; records carry everything downstream needs
        return adocs


def _run_one(component: Stage, adoc: AnalyzedDocument) -> AnalyzedDocument:
    try:
        return component(adoc)
    except Exception as exc:  # noqa: BLE001 - reported on the document, never fatal
        adoc.errors.append(
            Errors.E020.format(stage=component.name, doc=adoc.document.id, detail=repr(exc)[:300])
        )
        return adoc


@lru_cache(maxsize=4)
def get_pipeline(stages: tuple[str, ...] = DEFAULT_STAGES) -> Pipeline:
    """The process-wide pipeline (one spaCy load per process)."""
    return Pipeline(PipelineConfig(stages=stages))
