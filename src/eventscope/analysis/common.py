"""What the analysis layer counts by default, and how it reads the store.

Counts answer "what happened": events that were negated ("would not send troops") or only
hypothetical are left out unless the caller asks for a modality explicitly; events that retell
an act already told in the same document (``follow_up``) and events of documents stored as
near-duplicates of an earlier one (``duplicate_of``) are not counted twice.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..errors import Errors
from ..store.filters import EventFilter

# Modalities counted when the caller does not choose: the act happened, was reported to have
# happened, or was announced/threatened as an intention or condition (still a political signal).
COUNTED_MODALITIES: tuple[str, ...] = ("asserted", "reported", "intended", "conditional")


def store_filter(store: Any, filters: EventFilter | None = None, **kw: Any) -> EventFilter:
    """``analysis_filter`` adjusted to the store (``Store.prepare``)."""
    flt = analysis_filter(filters, **kw)
    prepare = getattr(store, "prepare", None)
    return prepare(flt) if prepare is not None else flt


def analysis_filter(filters: EventFilter | None = None, **kw: Any) -> EventFilter:
    """The filter analysis functions use: the caller's, plus the counting defaults above.

    Args:
        filters (EventFilter | None): explicit filter (then ``kw`` must be empty).
        **kw: ``EventFilter`` fields.
    RETURNS (EventFilter): a new filter.
    """
    if filters is not None and kw:
        raise TypeError(Errors.E035)
    flt = dataclasses.replace(filters) if filters is not None else EventFilter.from_kwargs(**kw)
    if flt.modality is None:
        flt.modality = list(COUNTED_MODALITIES)
    if filters is None and "include_follow_ups" not in kw:
        flt.include_follow_ups = False
    if filters is None and "include_duplicates" not in kw:
        flt.include_duplicates = False
    return flt


def rows(cur: Any, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    rel = cur.execute(sql, params)
    names = [d[0] for d in rel.description]
    return [dict(zip(names, r)) for r in rel.fetchall()]
