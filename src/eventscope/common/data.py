"""Reading the knowledge files shipped under ``src/eventscope/<package>/data/``.

Why one reader: every package kept its knowledge in data files but opened them its own way
(``resources.files`` here, ``Path(__file__)`` there, the C YAML loader in one place only).
One reader keeps the parsing identical and fast everywhere; callers cache what they build from it.
"""

from __future__ import annotations

import csv
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

# libyaml's loader parses the same documents several times faster than the pure-Python one.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_file(package: str, name: str) -> Traversable:
    """The data file ``name`` of ``package`` (``"eventscope.stories"`` → ``stories/data/<name>``)."""
    return resources.files(package) / "data" / name


def read_data_text(package: str, name: str) -> str:
    """The UTF-8 text of a package data file."""
    return data_file(package, name).read_text(encoding="utf-8")


def read_data_yaml(package: str, name: str) -> Any:
    """A package's YAML data file, parsed (safe loader: plain data only)."""
    return yaml.load(read_data_text(package, name), Loader=_YAML_LOADER)


def read_data_lines(package: str, name: str) -> list[str]:
    """The non-empty lines of a package's word-list file, stripped; ``#`` lines are comments."""
    return [s.strip() for s in read_data_text(package, name).split("\n") if s.strip() and not s.startswith("#")]


def read_data_tsv(package: str, name: str) -> list[dict[str, str]]:
    """The rows of a package's tab-separated file (first line: column names; ``#`` lines skipped)."""
    lines = [line for line in read_data_text(package, name).split("\n") if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


__all__ = ["data_file", "read_data_lines", "read_data_text", "read_data_tsv", "read_data_yaml"]
