"""Score ``resolve_actor`` against actor-resolution cases (``ngec-actor-cases.jsonl`` format).

Each case has ``text`` (and optional ``context`` and ``date``) and ``expect`` with any of
``country``, ``sector`` and ``name``. An expected ``null`` means "no value": it counts as correct
only when we return none. Accuracy is reported two ways per field: ``strict`` over every case with
that expectation (nulls included) and ``non_null`` over the cases that expect a value.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..actors.kb import norm
from ..actors.resolve import resolve_actor

FIELDS = ("country", "sector", "name")


def _same_name(got: str | None, want: str | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return norm(got) == norm(want)


# Cases without a date were written for "today" when the gold file was made (NGEC's tests,
# 2023-2024, see ../shared/data/README.md); time-bound roles are read at this date for them.
DEFAULT_CASE_DATE = "2024-01-01"


def evaluate(path: Path, verbose: bool = False, limit: int | None = None,
             default_date: str | None = DEFAULT_CASE_DATE) -> dict[str, Any]:
    """Score every case of one gold file.

    path (Path): JSONL with ``text``, ``context``?, ``date``?, ``expect``.
    verbose (bool): print every miss on stderr.
    limit (int | None): score only the first N cases.
    default_date (str | None): date for cases without one (None = today).
    RETURNS (dict): per-field accuracies (strict and non-null), counts and misses.
    """
    counts = {f: {"n": 0, "ok": 0, "nn": 0, "nn_ok": 0} for f in FIELDS}
    misses: list[dict[str, Any]] = []
    n_cases = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            case = json.loads(line)
            if limit is not None and n_cases >= limit:
                break
            n_cases += 1
            got = resolve_actor(case["text"], context=case.get("context"), date=case.get("date") or default_date) or {}
            for f in FIELDS:
                if f not in case.get("expect", {}):
                    continue
                want = case["expect"][f]
                value = got.get(f)
                ok = _same_name(value, want) if f == "name" else value == want
                c = counts[f]
                c["n"] += 1
                c["ok"] += ok
                if want is not None:
                    c["nn"] += 1
                    c["nn_ok"] += ok
                if not ok:
                    miss = {"id": case.get("id"), "text": case["text"], "field": f, "want": want, "got": value}
                    misses.append(miss)
                    if verbose:
                        print(json.dumps(miss, ensure_ascii=False), file=sys.stderr)
    out: dict[str, Any] = {"task": "actors", "cases": n_cases, "default_date": default_date}
    for f in FIELDS:
        c = counts[f]
        out[f"{f}_accuracy"] = round(c["ok"] / c["n"], 4) if c["n"] else None
        out[f"{f}_accuracy_non_null"] = round(c["nn_ok"] / c["nn"], 4) if c["nn"] else None
        out[f"{f}_n"] = c["n"]
        out[f"{f}_n_non_null"] = c["nn"]
    out["misses"] = len(misses)
    if verbose:
        out["miss_list"] = misses
    return out
