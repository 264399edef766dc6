"""Where stages, readers and exporters register by name (the project's extension points).

One table, ``BUILTINS``, names every built-in and the module that registers it (as datasette's
``DEFAULT_PLUGINS`` does). A registry imports that module the first time one of its names is
looked up, so a light pipeline (``("nlp",)``) or one reader never pays for the heavy modules,
and there is no other loading mechanism: no import-for-side-effect, no "loaded" flag.

Everything registers the same way, with a decorator naming it::

    @stage("events")
    class EventsStage(BaseStage): ...

    @reader("jsonl")
    def read_jsonl(source, opts, report): ...

A stage is a class; its constructor's keyword parameters, with their defaults, are its options
(``declared_options``), so options are declared in exactly one place and the pipeline can
reject an unknown one before anything is loaded. ``Stage`` below is the whole contract between a
stage and ``pipeline.Pipeline``: every method the pipeline calls is in it.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable, Generic, Iterable, Iterator, Mapping, Protocol, TypeVar, runtime_checkable

from .errors import Errors
from .model import AnalyzedDocument

T = TypeVar("T")

# name → the module whose import registers it; the one list of built-ins.
BUILTINS: dict[str, dict[str, str]] = {
    "stage": {
        "nlp": "eventscope.nlp.stage",
        "places": "eventscope.geo.places",
        "actors": "eventscope.actors.stage",
        "quotes": "eventscope.stories.quotes",
        "events": "eventscope.events.stage",
        "geo": "eventscope.geo.stage",
        "time": "eventscope.time.stage",
        "brief": "eventscope.stories.brief",
    },
    "reader": {
        "txt": "eventscope.ingest.text",
        "jsonl": "eventscope.ingest.jsonl",
        "json": "eventscope.ingest.jsonl",
        "csv": "eventscope.ingest.tables",
        "tsv": "eventscope.ingest.tables",
        "html": "eventscope.ingest.html",
        "feed": "eventscope.ingest.feeds",
        "warc": "eventscope.ingest.warc",
    },
    "exporter": {
        fmt: "eventscope.store.exports" for fmt in ("parquet", "csv", "jsonl", "plover", "gdelt", "acled")
    },
}

Finisher = Callable[[], list[AnalyzedDocument]]


@runtime_checkable
class Stage(Protocol):
    """One pipeline component: it reads the records of earlier stages and adds its own.

    The pipeline builds a stage once per process (``factory(**options)``), calls
    ``initialize()`` once, then streams batches through it. Subclass ``BaseStage`` for the
    defaults of everything but ``__call__``.
    """

    name: str
    """The registered name (set by ``@stage``)."""

    overlaps: bool
    """True when ``start`` hands work to another thread and returns at once: the pipeline then
    runs the stages before this one on the next batch while the work goes on (the events
    classifier does this). False: the pipeline never calls ``start``."""

    def initialize(self) -> None:
        """Load models and data; called once, after construction and before any document."""

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:
        """One document. The pipeline uses it to isolate a failure: when ``pipe`` (or ``start``
        or its finisher) raises, the batch is redone one document at a time, and an exception
        here is recorded on that document (E020) while the others go on. A redone document may
        carry what the failed batch already wrote, so a stage sets its fields, never appends."""

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        """A batch: one result per input, in input order. A document's result must not depend
        on the other documents of the batch (same output whatever the runner or batch size)."""

    def start(self, adocs: list[AnalyzedDocument]) -> Finisher:
        """Begin a batch; RETURNS the function that finishes it (same results as ``pipe``).
        Only called when ``overlaps`` is true."""


class BaseStage:
    """Defaults for stages that work one document at a time: subclasses write ``__call__``."""

    name = "base"
    overlaps = False

    def initialize(self) -> None:
        return None

    def __call__(self, adoc: AnalyzedDocument) -> AnalyzedDocument:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, adocs: Iterable[AnalyzedDocument], batch_size: int = 32) -> Iterator[AnalyzedDocument]:
        for adoc in adocs:
            yield self(adoc)

    def start(self, adocs: list[AnalyzedDocument]) -> Finisher:
        done = list(self.pipe(adocs))
        return lambda: done


class Registry(Mapping[str, T], Generic[T]):
    """Named entries of one kind; a built-in's module is imported on first lookup of its name.

    Reads as a mapping (``name in REG``, ``REG[name]``, ``REG.get(name)``, ``sorted(REG)``);
    membership and listing never import anything.
    """

    def __init__(self, kind: str, builtins: Mapping[str, str],
                 check: Callable[[str, T], None] | None = None):
        self.kind = kind
        self.builtins = dict(builtins)
        self._entries: dict[str, T] = {}
        self._check = check

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register the decorated object under ``name``."""

        def add(obj: T) -> T:
            if self._check is not None:
                self._check(name, obj)
            self._entries[name] = obj
            return obj

        return add

    def __getitem__(self, name: str) -> T:
        if name not in self._entries and name in self.builtins:
            importlib.import_module(self.builtins[name])
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries or name in self.builtins

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(set(self.builtins) | set(self._entries)))

    def __len__(self) -> int:
        return len(set(self.builtins) | set(self._entries))

    def unregister(self, name: str) -> None:
        """Forget a registered entry (tests that add a stage clean up with this)."""
        self._entries.pop(name, None)


def declared_options(factory: Callable[..., Any]) -> dict[str, Any]:
    """A stage's options and their defaults, read from its constructor's signature.

    Why the signature: it is where the options are declared and documented already; a second
    ``default_config`` table drifts from it. A required option maps to ``inspect.Parameter.empty``.
    """
    options: dict[str, Any] = {}
    for param in inspect.signature(factory).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            raise TypeError(Errors.E022.format(stage=getattr(factory, "name", factory), param=param.name))
        options[param.name] = param.default
    return options


def _check_stage(name: str, factory: Any) -> None:
    """One registration style: a class whose options are named parameters."""
    if not inspect.isclass(factory):
        raise TypeError(Errors.E023.format(stage=name, kind=type(factory).__name__))
    own = factory.__dict__.get("name")
    if own is not None and own != name:
        raise TypeError(Errors.E024.format(stage=name, own=own))
    factory.name = name
    declared_options(factory)


STAGES: Registry[type] = Registry("stage", BUILTINS["stage"], check=_check_stage)
READERS: Registry[Callable] = Registry("reader", BUILTINS["reader"])
EXPORTERS: Registry[Callable] = Registry("exporter", BUILTINS["exporter"])
# reader name → a check that its third-party backend imports (raises ``errors.ReaderUnavailable``).
READER_REQUIREMENTS: dict[str, Callable[[], None]] = {}


def stage(name: str) -> Callable[[type], type]:
    """Register a stage class under ``name`` (its options: the constructor's keyword parameters)."""
    return STAGES.register(name)


def reader(name: str, requires: Callable[[], None] | None = None) -> Callable[[Callable], Callable]:
    """Register an input reader ``fn(source, opts, report) -> Iterator[Document]``; ``requires``
    checks its third-party backend before the first file of its format is read."""
    if requires is not None:
        READER_REQUIREMENTS[name] = requires
    return READERS.register(name)


def exporter(name: str) -> Callable[[Callable], Callable]:
    """Register an exporter ``fn(store, path, prepared_filter) -> int`` (rows written)."""
    return EXPORTERS.register(name)
