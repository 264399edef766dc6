"""Memory-mapped artefacts: array files, string tables, key indexes and the build-once cache."""

from __future__ import annotations

from array import array

import pytest

from eventscope import mapped
from eventscope.mapped import (
    ArrayFile,
    KeyIndex,
    Strings,
    StringsBuilder,
    artefact_path,
    cache_dir,
    fingerprint,
    key_index_arrays,
    open_or_build,
)


def _sample() -> bytes:
    strings = StringsBuilder()
    ids = [strings.add(s) for s in ("Baghdad", "", "Ţarābulus", "Baghdad", "Sana’a")]
    arrays = {"ints": array("q", [1, -2, 3]), "floats": array("d", [0.5, float("nan")]), "bytes": array("B", [7]),
              **strings.arrays("s"), **key_index_arrays("idx", {"baghdad": [3, 1, 2], "gaza": [0], "": [9]})}
    assert ids == [0, 1, 2, 0, 3]  # repeated strings are stored once
    return ArrayFile.encode(arrays, {"features": ["city", "water"]})


def test_array_file_round_trip_from_memory_and_from_disk(tmp_path):
    data = _sample()
    path = tmp_path / "a.arr"
    path.write_bytes(data)
    for f in (ArrayFile(data), ArrayFile.open(path)):
        assert f.meta == {"features": ["city", "water"]}
        assert f.arrays["ints"].tolist() == [1, -2, 3]
        assert f.arrays["floats"][0] == 0.5 and f.arrays["floats"][1] != f.arrays["floats"][1]
        assert f.arrays["bytes"][0] == 7
        strings = Strings(f, "s")
        assert list(strings) == ["Baghdad", "", "Ţarābulus", "Sana’a"]
        index = KeyIndex(f, "idx")
        assert index.get("baghdad") == [3, 1, 2]  # order kept
        assert index.get("") == [9] and "gaza" in index
        assert index.get("bagdad") is None and index.get("bagdad", []) == []
        assert "Baghdad" not in index and 5 not in index


def test_truncated_or_foreign_files_are_refused(tmp_path):
    data = _sample()
    with pytest.raises(ValueError):
        ArrayFile(data[:-64])
    with pytest.raises(ValueError):
        ArrayFile(b"PK\x03\x04" + data[4:])


def test_hash_collisions_are_told_apart_by_the_key(monkeypatch):
    monkeypatch.setattr(mapped, "key_hash", lambda key: 42)
    mapping = {f"name {i}": [i, i + 1] for i in range(50)}
    index = KeyIndex(ArrayFile(ArrayFile.encode(key_index_arrays("k", mapping), {})), "k")
    for key, ids in mapping.items():
        assert index.get(key) == ids
    assert index.get("name 50") is None


def test_open_or_build_builds_once_and_then_opens(tmp_path):
    calls = []

    def build() -> bytes:
        calls.append(1)
        return _sample()

    path = tmp_path / "cache" / "thing-1.arr"
    first = open_or_build(path, build)
    second = open_or_build(path, build)
    assert len(calls) == 1 and path.exists()
    assert first.arrays["ints"].tolist() == second.arrays["ints"].tolist()
    assert not list(path.parent.glob("*.tmp"))


def test_a_broken_artefact_is_built_again(tmp_path):
    path = tmp_path / "thing.arr"
    path.write_bytes(_sample()[:100])
    f = open_or_build(path, _sample)
    assert f.arrays["ints"].tolist() == [1, -2, 3]
    assert ArrayFile.open(path).meta == {"features": ["city", "water"]}


def test_an_unwritable_cache_still_gives_the_artefact(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    f = open_or_build(blocker / "sub" / "thing.arr", _sample)
    assert f.arrays["ints"].tolist() == [1, -2, 3]


def test_cache_dir_and_fingerprint(monkeypatch, tmp_path):
    monkeypatch.setenv("EVENTSCOPE_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    assert artefact_path("gazetteer", "abc") == tmp_path / "gazetteer-abc.arr"
    monkeypatch.delenv("EVENTSCOPE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "eventscope"
    assert fingerprint(["a", b"b"]) == fingerprint(["a", b"b"]) != fingerprint(["a", b"c"])
    assert fingerprint(["a"], ["pyyaml"]) != fingerprint(["a"])
