"""Reading the knowledge files shipped under ``src/eventscope/<package>/data/``.

Why one reader: every package kept its knowledge in data files but opened them its own way
(``resources.files`` here, ``Path(__file__)`` there, the C YAML loader in one place only).
One reader keeps the parsing identical and fast everywhere; callers cache what they build from it.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import pickle
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

# libyaml's loader parses the same documents several times faster than the pure-Python one.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Where built artefacts and parsed YAML files are kept between runs (``cache_dir``).
CACHE_ENV = "EVENTSCOPE_CACHE_DIR"


def cache_dir() -> Path:
    """The user cache directory for built artefacts (not created here): ``$EVENTSCOPE_CACHE_DIR``,
    else ``$XDG_CACHE_HOME/eventscope`` or ``~/.cache/eventscope``."""
    root = os.environ.get(CACHE_ENV)
    if root:
        return Path(root)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eventscope"


def data_file(package: str, name: str) -> Traversable:
    """The data file ``name`` of ``package`` (``"eventscope.stories"`` → ``stories/data/<name>``)."""
    return resources.files(package) / "data" / name


def read_data_text(package: str, name: str) -> str:
    """The UTF-8 text of a package data file."""
    return data_file(package, name).read_text(encoding="utf-8")


def read_data_yaml(package: str, name: str) -> Any:
    """A package's YAML data file, parsed (safe loader: plain data only).

    Why a cache: parsing the knowledge files took about a tenth of every start (the people file
    alone 0.06-0.1 s) and every worker paid it again. The parsed data is kept in the user's cache
    folder under the hash of the file's text, so an edited or upgraded file is parsed anew; a
    cache that cannot be read or written is passed over.
    """
    text = read_data_text(package, name)
    path = _cache_path(package, name, text)
    try:
        return _DataUnpickler(io.BytesIO(path.read_bytes())).load()
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError, IndexError):
        pass  # not cached yet, or unreadable: parse the text
    data = yaml.load(text, Loader=_YAML_LOADER)
    _write_cache(path, data)
    return data


def _cache_path(package: str, name: str, text: str) -> Path:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]
    return cache_dir() / "data" / f"{package}.{name}.{digest}.pickle"


def _write_cache(path: Path, data: Any) -> None:
    """Keep ``data`` at ``path`` (whole or not at all: workers may write the same file at once)."""
    try:
        write_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in path.parent.glob(path.name.rsplit(".", 2)[0] + ".*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # (an earlier version of the same file)
    except (OSError, pickle.PicklingError):
        pass


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the whole file or none (parallel builders race harmlessly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if hasattr(os, "posix_fadvise"):
                # Drop the written pages from the page cache: written, they sit there as 2 MB
                # folios, and a reader that touches one byte of each then maps the whole file
                # (67 MB of RSS for the gazetteer); read back on demand they come in 4 kB pages.
                os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


class _DataUnpickler(pickle.Unpickler):
    """Reads back plain data only: the YAML safe loader's types (dates are its one class)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("datetime", "date"):
            return datetime.date
        raise pickle.UnpicklingError(f"not plain data: {module}.{name}")


def read_data_lines(package: str, name: str) -> list[str]:
    """The non-empty lines of a package's word-list file, stripped; ``#`` lines are comments."""
    return [s.strip() for s in read_data_text(package, name).split("\n") if s.strip() and not s.startswith("#")]


def read_data_tsv(package: str, name: str) -> list[dict[str, str]]:
    """The rows of a package's tab-separated file (first line: column names; ``#`` lines skipped)."""
    lines = [line for line in read_data_text(package, name).split("\n") if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


__all__ = ["cache_dir", "data_file", "read_data_lines", "read_data_text", "read_data_tsv", "read_data_yaml",
           "write_atomic"]
