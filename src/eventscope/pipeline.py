"""Builds the stage list once per process and streams documents through it.

The order is fixed by data flow: nlp → places → actors → quotes → events → geo → time → brief. Each stage
only reads what earlier stages wrote. A stage failing on one document records an error on that
document and the run goes on (the document keeps what earlier stages found).

What the pipeline calls on a stage is written down once, in ``registry.Stage``; a stage's options
are its constructor's keyword parameters, checked here before any stage is built.
"""

from __future__ import annotations

import inspect
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator, NamedTuple, TypeVar

from .errors import Errors
from .model import AnalyzedDocument, Document
from .registry import STAGES, Finisher, Stage, declared_options

T = TypeVar("T")

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "places", "actors", "quotes", "events", "geo", "time", "brief")


@dataclass
class PipelineConfig:
    """One typed config for the whole pipeline; stage options live in ``stage_options[name]``."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = 32
    stage_options: dict[str, dict[str, Any]] = field(default_factory=dict)


def resolve_config(config: PipelineConfig) -> dict[str, dict[str, Any]]:
    """Every stage's options: its declared defaults overridden by ``config.stage_options``.

    Checks the whole config before anything is built (a model load takes seconds; a typo
    should not): unknown or repeated stages, options for a stage that is not in the pipeline,
    and options a stage does not declare all raise ``ValueError`` with a code.
    RETURNS (dict): stage name → the keyword arguments its class is built with.
    """
    seen: set[str] = set()
    for name in config.stages:
        if name not in STAGES:
            raise ValueError(Errors.E027.format(stage=name, choices=", ".join(STAGES)))
        if name in seen:
            raise ValueError(Errors.E028.format(stage=name))
        seen.add(name)
    stray = sorted(set(config.stage_options) - seen)
    if stray:
        raise ValueError(Errors.E026.format(names=", ".join(stray), verb="is" if len(stray) == 1 else "are",
                                            stages=", ".join(config.stages)))
    resolved: dict[str, dict[str, Any]] = {}
    for name in config.stages:
        declared = declared_options(STAGES[name])
        given = config.stage_options.get(name, {})
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise ValueError(Errors.E025.format(names=", ".join(unknown), stage=name,
                                                choices=", ".join(declared) or "none"))
        defaults = {k: v for k, v in declared.items() if v is not inspect.Parameter.empty}
        resolved[name] = {**defaults, **given}
    return resolved


class _InFlight(NamedTuple):
    """A batch between its two halves: the stages up to ``index`` ran; ``finish`` (when set)
    completes stage ``index``, whose work goes on meanwhile (``Stage.overlaps``)."""

    adocs: list[AnalyzedDocument]
    finish: Finisher | None
    index: int


class Pipeline:
    """The stages, built once; ``pipe`` streams documents through them in batches."""

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config or PipelineConfig()
        self.options = resolve_config(self.config)
        self.stages: list[Stage] = []
        for name in self.config.stages:
            component = STAGES[name](**self.options[name])
            missing = [m for m in ("name", "overlaps", "initialize", "pipe", "start") if not hasattr(component, m)]
            if missing or not callable(component):
                raise TypeError(Errors.E029.format(stage=name, missing=", ".join(missing or ["__call__"])))
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
        """Stream documents through the stages in batches; output order is input order.

        One batch is kept in flight: the first stage that ``overlaps`` (events: its classifier
        runs on a helper thread) works on batch k while the stages before it run on batch k+1.
        A document's output never depends on its batch mates (``Stage.pipe``), so how the input
        falls into batches changes speed only.
        """
        size = batch_size or self.config.batch_size
        pending: _InFlight | None = None
        for batch in batches(documents, size):
            started = self._start_batch(batch, size)
            if pending is not None:
                yield from self._finish_batch(pending, size)
            pending = started
        if pending is not None:
            yield from self._finish_batch(pending, size)

    def _start_batch(self, batch: list[Document], size: int) -> _InFlight:
        """Run the stages up to the first that overlaps, and start that one."""
        adocs = [AnalyzedDocument(document=d) for d in batch]
        for n, component in enumerate(self.stages):
            started = time.perf_counter()
            if component.overlaps:
                try:
                    finish: Finisher | None = component.start(adocs)
                except Exception:  # noqa: BLE001 - redone one document at a time
                    adocs, finish = [_run_one(component, a) for a in adocs], None
                self.timings[component.name] += time.perf_counter() - started
                return _InFlight(adocs, finish, n)
            adocs = _run_stage(component, adocs, size)
            self.timings[component.name] += time.perf_counter() - started
        return _InFlight(adocs, None, len(self.stages))

    def _finish_batch(self, batch: _InFlight, size: int) -> list[AnalyzedDocument]:
        """Finish the started stage (if any) and run the rest."""
        adocs = batch.adocs
        if batch.finish is not None:
            component = self.stages[batch.index]
            started = time.perf_counter()
            try:
                adocs = batch.finish()
            except Exception:  # noqa: BLE001 - redone one document at a time
                adocs = [_run_one(component, a) for a in adocs]
            self.timings[component.name] += time.perf_counter() - started
        for component in self.stages[batch.index + 1:]:
            started = time.perf_counter()
            adocs = _run_stage(component, adocs, size)
            self.timings[component.name] += time.perf_counter() - started
        for adoc in adocs:
            adoc.spacy_doc = None  # free the parse; records carry everything downstream needs
        return adocs


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_stage(component: Stage, adocs: list[AnalyzedDocument], size: int) -> list[AnalyzedDocument]:
    try:
        return list(component.pipe(adocs, batch_size=size))
    except Exception:  # noqa: BLE001
        # One bad document must not sink the batch: redo this stage one at a time.
        return [_run_one(component, a) for a in adocs]


def _run_one(component: Stage, adoc: AnalyzedDocument) -> AnalyzedDocument:
    try:
        return component(adoc)
    except Exception as exc:  # noqa: BLE001 - reported on the document, never fatal
        adoc.errors.append(
            Errors.E020.format(stage=component.name, doc=adoc.document.id, detail=repr(exc)[:300])
        )
        return adoc


def available_stages(names: Iterable[str] = DEFAULT_STAGES) -> tuple[tuple[str, ...], list[str]]:
    """The stages of ``names`` that can be loaded here, and those that cannot.

    Why: a benchmark or scorer run on a partial install reports what it left out instead of
    failing or hiding it. RETURNS (tuple): (loadable names in order, names that failed).
    """
    ok: list[str] = []
    missing: list[str] = []
    for name in names:
        try:
            STAGES[name]
        except Exception:  # noqa: BLE001 - unknown, or its module does not import here
            missing.append(name)
        else:
            ok.append(name)
    return tuple(ok), missing


# Stage options that keep every candidate act the events stage judged, emitted or not
# (``AnalyzedDocument.candidates``; the contract's ``candidates`` key).
CANDIDATES_OPTIONS: dict[str, dict[str, Any]] = {"events": {"include_candidates": True}}


def get_pipeline(stages: Iterable[str] | PipelineConfig | None = None) -> Pipeline:
    """The process-wide pipeline for ``stages`` (default: all, with default options), or for a
    whole ``PipelineConfig`` with stage options (e.g. ``CANDIDATES_OPTIONS``).

    The one cache of pipelines (one spaCy load per process). It holds models, never
    per-document state, so a document's output does not depend on what the process coded before.
    """
    if isinstance(stages, PipelineConfig):
        return _configured_pipeline(json.dumps([list(stages.stages), stages.batch_size, stages.stage_options],
                                               sort_keys=True, default=str))
    return _cached_pipeline(DEFAULT_STAGES if stages is None else tuple(stages))


@lru_cache(maxsize=4)
def _cached_pipeline(stages: tuple[str, ...]) -> Pipeline:
    return Pipeline(PipelineConfig(stages=stages))


@lru_cache(maxsize=4)
def _configured_pipeline(key: str) -> Pipeline:
    """A pipeline for a config given as its JSON key (a config holds dicts, so it is not hashable)."""
    names, batch_size, options = json.loads(key)
    return Pipeline(PipelineConfig(stages=tuple(names), batch_size=batch_size, stage_options=options))
