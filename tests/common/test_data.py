"""The knowledge-file reader: parsed YAML kept between runs, never trusted blindly."""

from __future__ import annotations

import pickle

import yaml

from eventscope.common import data


def _cached(tmp_path, name="*"):
    return sorted((tmp_path / "data").glob(f"*.{name}.*.pickle"))


def test_a_yaml_file_read_twice_is_the_same_data_and_the_second_read_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    first = data.read_data_yaml("eventscope.actors", "people.yaml")  # (it holds dates: a class of its own)
    assert first == yaml.safe_load(data.read_data_text("eventscope.actors", "people.yaml"))
    (path,) = _cached(tmp_path, "people.yaml")
    monkeypatch.setattr(data.yaml, "load", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed again")))
    again = data.read_data_yaml("eventscope.actors", "people.yaml")
    assert again == first and again is not first  # a fresh copy: callers may change what they get


def test_a_damaged_or_foreign_cache_file_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    expected = data.read_data_yaml("eventscope.events", "clear_acts.yaml")
    (path,) = _cached(tmp_path, "clear_acts.yaml")
    path.write_bytes(b"\x80\x05 not a pickle")
    assert data.read_data_yaml("eventscope.events", "clear_acts.yaml") == expected
    # a pickle that would build some other class is refused, and the text is parsed instead
    path.write_bytes(pickle.dumps({"a": pickle.PickleBuffer}))
    assert data.read_data_yaml("eventscope.events", "clear_acts.yaml") == expected


def test_a_changed_file_replaces_its_cached_copy_and_an_unwritable_cache_is_passed_over(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(data, "read_data_text", lambda package, name: "words: [a, b]\n")
    assert data.read_data_yaml("eventscope.test", "words.yaml") == {"words": ["a", "b"]}
    monkeypatch.setattr(data, "read_data_text", lambda package, name: "words: [c]\n")
    assert data.read_data_yaml("eventscope.test", "words.yaml") == {"words": ["c"]}
    assert len(_cached(tmp_path, "words.yaml")) == 1
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(data.CACHE_ENV, str(blocked))
    assert data.read_data_yaml("eventscope.test", "other.yaml") == {"words": ["c"]}
    assert blocked.read_text() == "not a folder"
