"""``eventscope.common`` stays at the bottom of the house, and each shared concept has one definition.

An AST scan of the package: a helper defined a second time (the way name normalisers, distances,
datelines and date parsers were before) fails here, not in review.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import eventscope

SRC = Path(eventscope.__file__).parent
COMMON = SRC / "common"

# Public names defined in more than one module on purpose, with the reason.
SAME_NAME_BY_DESIGN = {
    "evaluate": "each scorer module's entry point; evaluation/__init__ dispatches by task, the CLI wraps it",
    "main": "the entry point of each runnable module",
    "analyze": "the CLI command wraps the library call",
    "export": "the CLI command and the API route wrap the store's exporters",
    "migrate": "the CLI command wraps the schema migration",
    "resolve_actor": "the public API re-exports the actors stage's function",
    "get_actor": "API route over the store query of the same name",
    "get_document": "API route over the store query of the same name",
    "get_event": "API route over the store query of the same name",
    "list_actors": "API route over the store query of the same name",
    "list_documents": "API route over the store query of the same name",
    "list_events": "API route over the store query of the same name",
    "stats": "API route over the store query of the same name",
    "mention_at": "events' variant prefers the phrase head, then asks the actors layer's",
    "available_stages": "the dedupe scorer's hook over the pipeline's function",
    "load_lexicon": "geo and time each load their own lexicon file",
}
# Names of the copies that common/ replaced: none may come back.
RETIRED = {"normalise_name", "normalize_name", "parse_day", "parse_date", "_float", "load_cues",
           "dateline_start", "_skip_dateline", "_dateline_break", "_trigger_token", "haversine", "_haversine"}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def _functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _definitions() -> dict[str, list[str]]:
    where: dict[str, list[str]] = defaultdict(list)
    for path in _modules():
        for name in _functions(path):
            where[name].append(str(path.relative_to(SRC)))
    return where


def test_common_imports_nothing_from_the_stages():
    offenders = []
    for path in sorted(COMMON.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level >= 2 or (node.level == 0 and (node.module or "").startswith("eventscope")
                                       and not (node.module or "").startswith("eventscope.common")):
                    offenders.append(f"{path.name}: from {'.' * node.level}{node.module or ''}")
            elif isinstance(node, ast.Import):
                offenders += [f"{path.name}: import {a.name}" for a in node.names
                              if a.name.startswith("eventscope") and not a.name.startswith("eventscope.common")]
    assert not offenders, offenders


def test_common_helpers_are_defined_once():
    where = _definitions()
    common = {name for path in COMMON.rglob("*.py") for name in _functions(path) if not name.startswith("_")}
    assert common, "no helpers found in eventscope.common"
    again = {name: where[name] + where.get("_" + name, [])
             for name in common if len(where[name]) > 1 or "_" + name in where}
    assert not again, f"defined again outside eventscope.common: {again}"


def test_no_public_function_is_defined_in_two_modules():
    twice = {name: mods for name, mods in _definitions().items()
             if not name.startswith("_") and len(mods) > 1 and name not in SAME_NAME_BY_DESIGN}
    assert not twice, f"one concept, one definition (or add it with a reason): {twice}"


def test_retired_copies_stay_gone():
    back = {name: mods for name, mods in _definitions().items() if name in RETIRED}
    assert not back, back


def test_the_allowances_are_still_needed():
    where = _definitions()
    stale = [name for name in SAME_NAME_BY_DESIGN if len(where.get(name, [])) < 2]
    assert not stale, f"no longer defined twice, drop from SAME_NAME_BY_DESIGN: {stale}"
