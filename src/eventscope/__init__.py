"""eventscope: offline political event coding from news.

    >>> from eventscope import analyze
    >>> adoc = analyze("Iran's foreign minister visited Baghdad on Tuesday.", date="2025-03-20")
    >>> [e.type for e in adoc.events]
    ['CONSULT']
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from .model import AnalyzedDocument, Document

__version__ = "0.1.0"
__all__ = ["analyze", "code_documents", "resolve_actor", "Store", "Document", "AnalyzedDocument"]


def analyze(text: str | Document, date: str | None = None, title: str | None = None, *,
            include_candidates: bool = False) -> AnalyzedDocument:
    """Run the whole pipeline on one text (or Document).

    include_candidates (bool): also keep every candidate act, emitted or not, in
        ``adoc.candidates`` (events hold only coded political acts that passed the decision).
    """
    doc = text if isinstance(text, Document) else Document(text=text, date=date, title=title)
    return _pipeline(include_candidates=include_candidates)(doc)


def code_documents(documents: Iterable[Document], batch_size: int = 32, *,
                   include_candidates: bool = False) -> Iterator[AnalyzedDocument]:
    """Stream documents through the pipeline in batches, in input order."""
    yield from _pipeline(include_candidates=include_candidates).pipe(documents, batch_size=batch_size)


def _pipeline(*, include_candidates: bool) -> Any:
    """The process's full pipeline; with ``include_candidates``, the one whose events stage keeps
    every candidate act it judged."""
    from .pipeline import CANDIDATES_OPTIONS, PipelineConfig, get_pipeline

    return get_pipeline(PipelineConfig(stage_options=CANDIDATES_OPTIONS) if include_candidates else None)


def resolve_actor(text: str, context: str | None = None, date: str | None = None) -> dict[str, Any] | None:
    """Resolve an actor phrase to its codes (contract section 2)."""
    from .actors.resolve import resolve_actor as _resolve

    return _resolve(text, context=context, date=date)


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
