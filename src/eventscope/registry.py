"""Where stages, readers and exporters register by name (the project's extension points).

A stage module decorates its factory with ``@stage("name")``; ``pipeline.py`` builds the stage
list from names, so a stage can be swapped or added without touching the pipeline.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol

from .model import AnalyzedDocument


class Stage(Protocol):
    """One pipeline component: it reads the records of earlier stages and adds its own."""

    name: str

    def initialize(self) -> None: ...

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument: ...

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]: ...


STAGES: dict[str, Callable[..., Stage]] = {}
READERS: dict[str, Callable] = {}
# reader name → a check that its third-party backend imports (raises ``ReaderUnavailable``).
READER_REQUIREMENTS: dict[str, Callable[[], None]] = {}
EXPORTERS: dict[str, Callable] = {}


def stage(name: str) -> Callable:
    """Register a stage factory under ``name``."""

    def register(factory: Callable[..., Stage]) -> Callable[..., Stage]:
        STAGES[name] = factory
        return factory

    return register


def reader(name: str, requires: Callable[[], None] | None = None) -> Callable:
    """Register an input reader under ``name``; ``requires`` checks its backend before first use."""

    def register(fn: Callable) -> Callable:
        READERS[name] = fn
        if requires is not None:
            READER_REQUIREMENTS[name] = requires
        return fn

    return register


def exporter(name: str) -> Callable:
    def register(fn: Callable) -> Callable:
        EXPORTERS[name] = fn
        return fn

    return register


class BaseStage:
    """Default ``pipe`` and ``initialize`` for stages that work one document at a time."""

    name = "base"

    def initialize(self) -> None:
        return None

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)
