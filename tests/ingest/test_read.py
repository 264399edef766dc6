import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope.ingest import is_warning, read_inputs


def test_directory_is_walked_sorted_and_recursive(read, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zulu text.")
    (tmp_path / "a" / "y.txt").write_text("Yankee text.")
    (tmp_path / "c.jsonl").write_text('{"text": "Charlie"}\n')
    (tmp_path / ".hidden.txt").write_text("never read")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("never read")
    docs, messages = read(tmp_path)
    assert [d.text for d in docs] == ["Yankee text.", "Zulu text.", "Charlie"]
    assert messages == []
    again, _ = read(tmp_path)
    assert [d.id for d in again] == [d.id for d in docs]


def test_the_whole_fixture_folder_never_crashes(read, fixtures):
    docs, messages = read(fixtures)
    assert len(docs) >= 30
    rejected = [m for m in messages if not is_warning(m)]
    # Each rejection names its input and a position or the file.
    assert all(str(fixtures) in m for m in messages)
    codes = {m[:4] for m in rejected}
    assert {"E001", "E002", "E003", "E006", "E007", "E010"} <= codes


def test_missing_empty_and_binary_inputs(read, tmp_path, fixtures):
    docs, messages = read([tmp_path / "nope.txt", fixtures / "empty.txt", fixtures / "binary.bin", fixtures / "note.txt"])
    assert [d.id for d in docs] == ["note.txt"]
    assert [m[:4] for m in messages] == ["E004", "E006", "E010"]


def test_stdin_is_sniffed():
    code = ("import sys, json; from eventscope.ingest import read_inputs; "
            "print(json.dumps([d.text for d in read_inputs(['-'], on_error=lambda m: print(m, file=sys.stderr))]))")
    lines = "\n".join(json.dumps({"text": f"line {i}"}) for i in range(3)) + "\nnot json\n"
    out = subprocess.run([sys.executable, "-c", code], input=lines.encode(), capture_output=True, check=True)
    assert json.loads(out.stdout) == ["line 0", "line 1", "line 2"]
    assert b"E001 <stdin>:4" in out.stderr


# Any text a person could write: every script, RTL, zero-width, emoji; no control characters
# other than newline and tab (arbitrary bytes, controls included, are fuzzed separately below).
chars = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t")
texts = st.text(chars, min_size=1, max_size=300).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_any_text_file_comes_back_unchanged(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("t") / "doc.txt"
    p.write_bytes(text.encode("utf-8"))
    messages: list[str] = []
    docs = list(read_inputs([p], on_error=messages.append))
    expected = text[1:] if text.startswith("\ufeff") else text
    if expected.strip():
        assert [d.text for d in docs] == [expected]
    assert not [m for m in messages if not is_warning(m)] or not expected.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(good=st.lists(texts, min_size=0, max_size=8),
       junk=st.lists(st.one_of(st.binary(max_size=80), st.text(max_size=80).map(str.encode)), max_size=8),
       seed=st.randoms(use_true_random=False))
def test_jsonl_never_loses_good_lines(tmp_path_factory, good, junk, seed):
    lines = [(True, json.dumps({"text": t}).encode()) for t in good]
    lines += [(False, j.replace(b"\n", b" ").replace(b"\r", b" ")) for j in junk]
    seed.shuffle(lines)
    p = tmp_path_factory.mktemp("j") / "mix.jsonl"
    p.write_bytes(b"\n".join(line for _, line in lines) + b"\n")
    messages: list[str] = []
    docs = list(read_inputs([p], on_error=messages.append))
    got = [d.text for d in docs]
    wanted = [json.loads(line)["text"] for ok, line in lines if ok]
    # Every good line comes out, in order (junk may happen to be a valid document too).
    it = iter(got)
    assert all(any(w == g for g in it) for w in wanted)
    assert len(got) + len([m for m in messages if not is_warning(m)]) <= max(1, len([1 for _, line in lines if line.strip()]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), ext=st.sampled_from(["", ".txt", ".jsonl", ".csv", ".tsv", ".html",
                                                              ".rss", ".xml", ".warc", ".json", ".warc.gz"]))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data, ext):
    p = tmp_path_factory.mktemp("b") / f"input{ext}"
    p.write_bytes(data)
    messages: list[str] = []
    docs = list(read_inputs([p], on_error=messages.append))
    assert all(isinstance(d.text, str) and d.text.strip() for d in docs)
    assert all(m[:1] == "E" and str(p) in m for m in messages)


def test_stray_gzip_magic_bytes_opening_a_jsonl_file_lose_no_good_line(tmp_path):
    p = tmp_path / "mix.jsonl"
    p.write_bytes(b"\x1f\x8b\x08\n" + json.dumps({"text": "first"}).encode() + b"\n"
                  + json.dumps({"text": "second"}).encode() + b"\n")
    messages: list[str] = []
    docs = list(read_inputs([p], on_error=messages.append))
    assert [d.text for d in docs] == ["first", "second"]
    assert messages  # the stray line is reported
