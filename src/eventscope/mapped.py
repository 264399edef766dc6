"""Read-only artefacts built once per install and memory-mapped by every process that uses them.

Why: big lookup tables (the gazetteer's 288k places and 416k names) cost seconds and hundreds of
MB when each process unpickles them into Python objects, and every worker pays again. Written
once into the user cache as flat arrays and opened with ``mmap``, they open in milliseconds, a
process reads only the pages it touches, and worker processes share those pages through the OS
page cache instead of holding private copies.

The pieces:

* ``cache_dir()`` / ``artefact_path()`` — where artefacts live: ``$EVENTSCOPE_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/eventscope``, else ``~/.cache/eventscope``; a file's name carries a
  fingerprint of everything it was built from, so a new version or data file builds a new one;
* ``ArrayFile`` — named flat arrays (``array`` type codes) plus a JSON header in one file;
* ``Strings`` — a table of strings (UTF-8 blob + offsets), read by position;
* ``KeyIndex`` — string key -> list of ints (sorted 64-bit key hashes, binary search, the key
  checked on a hit), the shape of a name index;
* ``open_or_build()`` — open the artefact, or build it, write it atomically and open it.

Only the standard library is used, so opening an artefact imports nothing heavy.

Another table uses it the way the gazetteer does (``geo/gazetteer.py``): a builder returns
``ArrayFile.encode({**key_index_arrays("alias", {key: [row, ...]}), **strings.arrays("record")},
meta)``, a reader wraps ``open_or_build(artefact_path("name", fingerprint([...])), build)`` in
``KeyIndex(file, "alias")`` and ``Strings(file, "record")`` (a record can be a JSON string decoded
when it is first asked for).
"""

from __future__ import annotations

import hashlib
import json
import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .common.data import cache_dir, write_atomic

MAGIC = b"EVSCARR1"
_ALIGN = 64
# native byte order and C type sizes: an artefact is only read on the machine type that wrote it
_PLATFORM = f"{sys.byteorder}-q{array('q').itemsize}-i{array('i').itemsize}"


def fingerprint(parts: Iterable[bytes | str], distributions: Iterable[str] = ()) -> str:
    """A short hash of the inputs an artefact is built from (data bytes, code, package versions)."""
    from importlib.metadata import PackageNotFoundError, version  # ~20 ms to import: only when needed

    h = hashlib.sha256(_PLATFORM.encode())
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    for dist in distributions:
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            h.update(dist.encode())
    return h.hexdigest()[:16]


def artefact_path(stem: str, key: str, suffix: str = ".arr") -> Path:
    return cache_dir() / f"{stem}-{key}{suffix}"


class ArrayFile:
    """Named flat arrays and a JSON ``meta`` dict in one file, read through one ``mmap``.

    Layout: ``MAGIC``, an 8-byte header length, the JSON header (array name -> type code,
    length, offset; the meta dict; the total size), then each array's bytes, 64-byte aligned.
    ``arrays[name]`` is a read-only ``memoryview`` cast to the array's type code: indexing it
    returns plain Python ints and floats and reads the file's pages on demand.
    """

    def __init__(self, buffer: mmap.mmap | bytes, source: str = "<memory>"):
        self.source = source
        self._buffer = buffer
        view = memoryview(buffer)
        if bytes(view[:8]) != MAGIC:
            raise ValueError(f"{source}: not an eventscope array file")
        (header_len,) = struct.unpack("<Q", view[8:16])
        header = json.loads(bytes(view[16:16 + header_len]).decode("utf-8"))
        if header.get("platform") != _PLATFORM or header.get("size") != len(view):
            raise ValueError(f"{source}: written on another platform or truncated")
        self.meta: dict = header["meta"]
        self.arrays: dict[str, memoryview] = {}
        for name, (code, length, offset) in header["arrays"].items():
            size = length * array(code).itemsize
            self.arrays[name] = view[offset:offset + size].cast("B").cast(code)

    @staticmethod
    def encode(arrays: dict[str, array], meta: dict) -> bytes:
        """The file's bytes for ``arrays`` (name -> ``array.array``) and ``meta`` (JSON-able)."""
        entries: dict[str, list] = {}
        blobs: list[bytes] = []
        # offsets depend on the header's length, which depends on the offsets: fix the header
        # length first with generous digits, then lay out the data after it
        placeholder = {name: [a.typecode, len(a), 10**15] for name, a in arrays.items()}
        draft = json.dumps({"platform": _PLATFORM, "size": 10**15, "meta": meta, "arrays": placeholder})
        data_start = _aligned(16 + len(draft.encode("utf-8")) + 64)
        offset = data_start
        for name, a in arrays.items():
            entries[name] = [a.typecode, len(a), offset]
            raw = a.tobytes()
            blobs.append(raw)
            offset = _aligned(offset + len(raw))
        header = json.dumps({"platform": _PLATFORM, "size": offset, "meta": meta, "arrays": entries}).encode("utf-8")
        out = bytearray(MAGIC + struct.pack("<Q", len(header)) + header)
        for (name, (_code, _n, at)), raw in zip(entries.items(), blobs):
            out.extend(b"\0" * (at - len(out)))
            out.extend(raw)
        out.extend(b"\0" * (offset - len(out)))
        return bytes(out)

    @classmethod
    def open(cls, path: Path) -> "ArrayFile":
        with open(path, "rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if hasattr(mmap, "MADV_RANDOM"):
            # look-ups jump about the file: read the pages touched, not their neighbours
            mm.madvise(mmap.MADV_RANDOM)
        return cls(mm, str(path))


def _aligned(n: int) -> int:
    return (n + _ALIGN - 1) // _ALIGN * _ALIGN


def open_or_build(path: Path | None, build: Callable[[], bytes]) -> ArrayFile:
    """The artefact at ``path``, built (``build()`` returns the file's bytes) when it is missing or unreadable.

    An unwritable cache only means the artefact lives in this process's memory (built again
    next time).
    """
    if path is not None and path.exists():
        try:
            return ArrayFile.open(path)
        except (OSError, ValueError):
            pass  # broken or foreign file: build again
    data = build()
    if path is not None:
        try:
            write_atomic(path, data)
            return ArrayFile.open(path)
        except OSError:
            pass
    return ArrayFile(data)


class StringsBuilder:
    """Collects strings for a ``Strings`` table; ``add`` returns a string's position (deduplicated)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self.blob = bytearray()
        self.offsets = array("q", [0])

    def add(self, text: str) -> int:
        i = self._ids.get(text)
        if i is None:
            i = self._ids[text] = len(self.offsets) - 1
            self.blob.extend(text.encode("utf-8", "surrogatepass"))
            self.offsets.append(len(self.blob))
        return i

    def arrays(self, name: str) -> dict[str, array]:
        return {f"{name}.blob": array("B", bytes(self.blob)), f"{name}.offsets": self.offsets}


class Strings(Sequence[str]):
    """The strings of a ``StringsBuilder``, read by position from an ``ArrayFile``."""

    def __init__(self, file: ArrayFile, name: str):
        self._blob = file.arrays[f"{name}.blob"]
        self._offsets = file.arrays[f"{name}.offsets"]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        o = self._offsets
        return self._blob[o[i]:o[i + 1]].tobytes().decode("utf-8", "surrogatepass")

    def raw(self, i: int) -> memoryview:
        """The UTF-8 bytes of string ``i`` (compared without decoding)."""
        o = self._offsets
        return self._blob[o[i]:o[i + 1]]


def key_hash(key: str) -> int:
    """A stable 64-bit hash of a key (Python's ``hash`` differs between processes)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def key_index_arrays(name: str, mapping: dict[str, Sequence[int]], typecode: str = "i") -> dict[str, array]:
    """The arrays of a ``KeyIndex`` over ``mapping`` (key -> ints, order kept; ``typecode`` of the ints)."""
    rows = sorted((key_hash(k), k) for k in mapping)
    keys = StringsBuilder()
    hashes = array("Q")
    post_offsets = array("q", [0])
    postings = array(typecode)
    for h, k in rows:
        hashes.append(h)
        keys.add(k)
        ids = mapping[k]
        postings.extend(ids if isinstance(ids, array) and ids.typecode == typecode else array(typecode, ids))
        post_offsets.append(len(postings))
    return {f"{name}.hash": hashes, f"{name}.post_offsets": post_offsets, f"{name}.postings": postings,
            **keys.arrays(f"{name}.key")}


class KeyIndex:
    """String key -> list of ints, over the arrays ``key_index_arrays`` wrote.

    A lookup hashes the key, binary-searches the sorted hashes (about 20 steps for 400k keys)
    and compares the stored key's bytes on a hash hit, so it allocates nothing but the result.
    """

    def __init__(self, file: ArrayFile, name: str):
        self._hashes = file.arrays[f"{name}.hash"]
        self._keys = Strings(file, f"{name}.key")
        self._post_offsets = file.arrays[f"{name}.post_offsets"]
        self._postings = file.arrays[f"{name}.postings"]

    def __len__(self) -> int:
        return len(self._hashes)

    def _find(self, key: str) -> int:
        hashes = self._hashes
        h = key_hash(key)
        i = bisect_left(hashes, h)
        raw = None
        while i < len(hashes) and hashes[i] == h:
            raw = raw if raw is not None else key.encode("utf-8", "surrogatepass")
            if self._keys.raw(i) == raw:
                return i
            i += 1
        return -1

    def get(self, key: str, default: list[int] | None = None) -> list[int] | None:
        """The ints of ``key`` as a new list, else ``default``."""
        ids = self.view(key)
        return default if ids is None else ids.tolist()

    def view(self, key: str) -> memoryview | None:
        """The ints of ``key`` as a read-only view into the file (no copy), else None."""
        i = self._find(key)
        if i < 0:
            return None
        return self._postings[self._post_offsets[i]:self._post_offsets[i + 1]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def keys(self) -> Iterable[str]:
        return iter(self._keys)


__all__ = [
    "ArrayFile", "KeyIndex", "Strings", "StringsBuilder", "artefact_path", "cache_dir", "fingerprint",
    "key_hash", "key_index_arrays", "open_or_build", "write_atomic",
]
