"""Every knowledge file shipped in the package parses (a broken data file fails here, not in a run)."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

PACKAGE = Path(str(resources.files("eventscope")))
DATA_FILES = sorted(
    p for p in PACKAGE.rglob("*")
    if p.is_file() and "data" in p.relative_to(PACKAGE).parts
    and p.suffix in {".json", ".jsonl", ".yaml", ".yml", ".tsv", ".csv"}
)


def test_package_ships_data_files():
    assert DATA_FILES, "no data files found under src/eventscope/**/data/"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_data_file_parses(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        assert json.loads(text) is not None
    elif path.suffix == ".jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert rows
    elif path.suffix in {".yaml", ".yml"}:
        assert yaml.safe_load(text) is not None
    else:
        delimiter = "\t" if path.suffix == ".tsv" else ","
        rows = list(csv.reader((l for l in text.splitlines() if not l.startswith("#")), delimiter=delimiter))
        assert len(rows) >= 2
        width = len(rows[0])
        bad = [i for i, r in enumerate(rows) if r and len(r) != width]
        assert not bad, f"rows with a different number of columns: {bad[:5]}"
