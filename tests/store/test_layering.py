"""The store's boundary: SQL lives in store/ (and analysis/'s read queries), and store/ imports
nothing that sits above it (analysis, API, CLI, runners, evaluation, pipeline, dashboard)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import eventscope

PACKAGE = Path(eventscope.__file__).parent
ABOVE_THE_STORE = ("analysis", "api", "cli", "runners", "evaluation", "pipeline", "web", "bench", "report")
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|CREATE\s+TABLE|DELETE\s+FROM|ALTER\s+TABLE|UPDATE\s+\w+\s+SET)\b|\.execute\(",
                 re.IGNORECASE)


def _imported_modules(path: Path) -> set[str]:
    """Absolute module names ``path`` imports (relative imports resolved against eventscope)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["eventscope", *path.relative_to(PACKAGE).parent.parts]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def test_store_imports_nothing_above_it_and_no_importlib():
    for path in (PACKAGE / "store").glob("*.py"):
        modules = _imported_modules(path)
        above = sorted(m for m in modules for layer in ABOVE_THE_STORE
                       if m == f"eventscope.{layer}" or m.startswith(f"eventscope.{layer}."))
        assert above == [], f"{path.name} imports {above}"
        assert "importlib.import_module" not in path.read_text(encoding="utf-8"), path.name


def test_no_sql_outside_store_and_analysis():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        part = path.relative_to(PACKAGE).parts[0]
        if part in ("store", "analysis"):
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{lineno}: {line.strip()}")
    assert offenders == []


def test_story_scoring_is_pure():
    """stories/ decides, store/ persists: the merge modules never touch a database."""
    for name in ("scoring", "blocking", "merge"):
        path = PACKAGE / "stories" / f"{name}.py"
        modules = _imported_modules(path)
        assert not any(m.split(".")[0] in ("duckdb", "pyarrow") for m in modules), name
        assert not any(m.startswith("eventscope.store") for m in modules), name
        assert not SQL.search(path.read_text(encoding="utf-8")), name
