"""Hostile inputs for the readers (issue 18.1): caps per line, record and document, applied while
decompressing, so memory never follows the input; the rest of the input is still read.

Files are made here, small: the caps are lowered (``max_line_bytes``, patched read limits) so a
few hundred kilobytes play the part of the gigabytes in ``scripts/bench_hostile.py``.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tracemalloc
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventscope.ingest import is_warning
from eventscope.ingest import source as source_module
from eventscope.ingest.source import LineReader, read_lines

GOOD = "Officials said the two delegations met in the capital on Tuesday."
CAP = 4096


def _bomb_gz(path, head: bytes, size: int, tail: bytes, unit: bytes = b"The talks resume. ") -> None:
    """``head`` + ``size`` bytes of ``unit`` + ``tail``, gzipped as a stream (never all in memory)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = unit * (65536 // len(unit))
    with open(path, "wb") as fh:
        fh.write(comp.compress(head))
        left = size
        while left > 0:
            piece = block[: min(left, len(block))]
            fh.write(comp.compress(piece))
            left -= len(piece)
        fh.write(comp.compress(tail))
        fh.write(comp.flush())


def _peak_bytes(fn, warm_up=None) -> int:
    """Peak Python allocation while ``fn`` runs (bytes), after ``warm_up`` (first imports)."""
    if warm_up is not None:
        warm_up()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _rejections(messages):
    return [m for m in messages if not is_warning(m)]


# -- the line reader ----------------------------------------------------------------------------


def test_read_lines_drops_an_overlong_line_and_keeps_counting():
    data = b"short\n" + b"x" * 50 + b'"q"\n' + b"a" * 10 + b"\nlast"
    lines = list(read_lines(io.BytesIO(data), 10, count=b'"'))
    assert [(ln.number, ln.data, ln.overlong) for ln in lines] == [
        (1, b"short\n", False), (2, b"", True), (3, b"", True), (4, b"last", False)]
    assert lines[1].size == 54 and lines[1].counted == 2
    # A line of exactly the limit, then the end: kept whole.
    assert [ln.data for ln in read_lines(io.BytesIO(b"0123456789"), 10)] == [b"0123456789"]


def _split(data: bytes) -> list[bytes]:
    """Reference: the lines, each with its "\\n" (the last one may have none)."""
    return re.findall(rb"[^\n]*\n|[^\n]+$", data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.lists(st.sampled_from([b"a", b"b", b'"', b"\n"]), max_size=80).map(b"".join),
       limit=st.integers(1, 12), chunk=st.integers(1, 9), start=st.integers(1, 3))
def test_line_reader_matches_a_plain_split_at_any_piece_size(monkeypatch, data, limit, chunk, start):
    monkeypatch.setattr(source_module, "_SKIP_CHUNK", chunk)  # refills in the middle of lines
    want = _split(data)
    lines = list(LineReader(io.BytesIO(data), limit, count=b'"'))
    assert [(ln.number, ln.size, ln.counted) for ln in lines] == [(i, len(w), w.count(b'"')) for i, w in enumerate(want, 1)]
    assert [ln.data for ln in lines] == [w if len(w) <= limit else b"" for w in want]
    # skip_balanced: whole lines until the running count of quotes is even again.
    reader = LineReader(io.BytesIO(data), limit, count=b'"')
    quotes, expect = start, None
    if quotes % 2:
        for i, w in enumerate(want, 1):
            quotes, expect = quotes + w.count(b'"'), i
            if quotes % 2 == 0:
                break
    assert reader.skip_balanced(start) == expect
    assert [ln.number for ln in reader] == list(range((expect or 0) + 1, len(want) + 1))


# -- JSON Lines and JSON -------------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_overlong_line_is_skipped_with_its_line_number(read, tmp_path, gz):
    lines = [json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "big", "text": "x" * (3 * CAP)}),
             json.dumps({"id": "b", "text": GOOD})]
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / ("in.jsonl.gz" if gz else "in.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    docs, messages = read(path, max_line_bytes=CAP)
    assert [d.id for d in docs] == ["a", "b"]
    assert len(messages) == 1 and messages[0].startswith(f"E016 {path}:2: line longer than 4,096 bytes")


def test_jsonl_gzip_bomb_is_streamed(read, tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    _bomb_gz(path, b'{"id": "bomb", "text": "', 20_000_000, b'"}\n' + json.dumps({"id": "ok", "text": GOOD}).encode() + b"\n")
    assert path.stat().st_size < 200_000
    result: list = []
    peak = _peak_bytes(lambda: result.append(read(path, max_line_bytes=64 * 1024)), lambda: read(path, max_line_bytes=10))
    docs, messages = result[0]
    assert [d.id for d in docs] == ["ok"] and messages[0].startswith("E016") and "20,000,0" in messages[0]
    assert peak < 8_000_000  # the 20 MB line never sits in memory


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.text(alphabet='ab"\\[]{},:\n é', max_size=12), max_size=5), chunk=st.integers(1, 7),
       as_array=st.booleans())
def test_json_scanner_finds_the_same_records_at_any_piece_size(texts, chunk, as_array):
    from eventscope.ingest.jsonl import _json_values

    records = [{"text": t, "n": [i, {"k": t}]} for i, t in enumerate(texts)]
    data = (json.dumps(records, indent=1) if as_array else "\n".join(json.dumps(r) for r in records)).encode()
    values = list(_json_values(io.BytesIO(data), 10_000, chunk_size=chunk))
    assert [json.loads(v.data) for v in values] == records and not any(v.error for v in values)
    if not as_array:
        assert [v.line for v in values] == list(range(1, len(records) + 1))


def test_json_array_element_over_the_limit_is_skipped_the_rest_read(read, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": "a", "text": GOOD}, {"id": "big", "text": "y" * (3 * CAP)},
                                {"id": "b", "text": 'brackets ] } [ { and "quotes" and \\ inside'}]))
    docs, messages = read(path, max_line_bytes=CAP)
    assert [d.id for d in docs] == ["a", "b"] and docs[1].text.startswith("brackets ] }")
    assert len(messages) == 1 and messages[0].startswith(f"E016 {path}#2: record longer than")


def test_json_gzip_bomb_is_streamed(read, tmp_path):
    path = tmp_path / "bomb.json.gz"
    _bomb_gz(path, b'[{"id": "bomb", "text": "', 20_000_000, b'"}, ' + json.dumps({"id": "ok", "text": GOOD}).encode() + b"]")
    result: list = []
    peak = _peak_bytes(lambda: result.append(read(path, max_line_bytes=64 * 1024)), lambda: read(path, max_line_bytes=10))
    docs, messages = result[0]
    assert [d.id for d in docs] == ["ok"] and [m[:4] for m in messages] == ["E016"]
    assert peak < 8_000_000


def test_json_broken_array_keeps_the_elements_before_the_break(read, tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[{"id": "a", "text": "%s"}, {"id": "b", "text": ' % GOOD)
    docs, messages = read(path)
    assert [d.id for d in docs] == ["a"] and messages[0].startswith("E001") and "a.json#2" in messages[0]


def test_json_objects_one_per_line_with_one_left_open(read, tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"id": "a", "text": "%s"}\n{"id": "broken", "text": "no end"\n{"id": "c", "text": "%s"}\n'
                    % (GOOD, GOOD))
    docs, messages = read(path)
    assert [d.id for d in docs] == ["a", "c"]
    assert len(messages) == 1 and messages[0].startswith(f"E001 {path}:2")


def test_pretty_printed_single_object(read, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "one", "text": GOOD, "date": "2025-03-20"}, indent=2))
    docs, messages = read(path)
    assert messages == [] and [(d.id, d.date) for d in docs] == [("one", "2025-03-20")]


# -- CSV and TSV ---------------------------------------------------------------------------------


def test_csv_overlong_line_is_skipped(read, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(f'id,text\na,{GOOD}\nbig,"{"z" * (3 * CAP)}"\nb,{GOOD}\n')
    docs, messages = read(path, max_line_bytes=CAP)
    assert [d.id for d in docs] == ["a", "b"]
    assert len(messages) == 1 and messages[0].startswith(f"E016 {path}:3: row longer than 4,096 bytes")


def test_csv_quoted_cell_over_many_lines_is_skipped_to_its_closing_quote(read, tmp_path):
    cell = "\n".join(f"line {i} of a cell that never seems to end" for i in range(400))
    path = tmp_path / "t.csv"
    path.write_text(f'id,text\na,{GOOD}\nbig,"{cell}"\nb,{GOOD}\nc,"{GOOD}"\n')
    docs, messages = read(path, max_line_bytes=CAP)
    assert [d.id for d in docs] == ["a", "b", "c"]
    assert len(messages) == 1 and messages[0].startswith(f"E016 {path}:3: row longer than")
    assert "(lines 3-402)" in messages[0]


def test_csv_gzip_bomb_of_lines_in_one_cell_is_streamed(read, tmp_path):
    path = tmp_path / "bomb.csv.gz"
    _bomb_gz(path, b'id,text\nbomb,"', 20_000_000, b'"\nok,' + GOOD.encode() + b"\n", unit=b"more text, and more\n")
    small = tmp_path / "small.csv.gz"
    small.write_bytes(gzip.compress(f"id,text\na,{GOOD}\n".encode()))
    result: list = []
    peak = _peak_bytes(lambda: result.append(read(path, max_line_bytes=64 * 1024)), lambda: read(small))
    docs, messages = result[0]
    assert [d.id for d in docs] == ["ok"] and [m[:4] for m in messages] == ["E016"]
    assert peak < 8_000_000


def test_csv_header_over_the_limit(read, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id," + "h" * (2 * CAP) + ",text\na,b,c\n")
    docs, messages = read(path, max_line_bytes=CAP)
    assert docs == [] and messages[0].startswith(f"E016 {path}:1: header row longer than")


def test_tsv_overlong_line_is_skipped(read, tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(f"id\ttext\na\t{GOOD}\nbig\t{'w' * (3 * CAP)}\nb\t{GOOD}\n")
    docs, messages = read(path, max_line_bytes=CAP)
    assert [d.id for d in docs] == ["a", "b"] and [m[:4] for m in messages] == ["E016"]


# -- whole-document formats ---------------------------------------------------------------------


def test_txt_gzip_bomb_is_cut_at_the_document_cap(read, tmp_path):
    path = tmp_path / "bomb.txt.gz"
    _bomb_gz(path, b"", 20_000_000, b"")
    result: list = []
    peak = _peak_bytes(lambda: result.append(read(path, max_chars=100_000)), lambda: read(path, max_chars=10))
    docs, messages = result[0]
    assert len(docs) == 1 and len(docs[0].text) == 100_000 and [m[:4] for m in messages] == ["E012"]
    assert peak < 8_000_000


def test_html_over_the_read_limit_is_cut_with_a_warning(read, tmp_path, monkeypatch):
    from eventscope.ingest import html

    monkeypatch.setattr(html, "HTML_LIMIT", 3000)
    path = tmp_path / "big.html.gz"
    body = "".join(f"<p>Paragraph {i}: the envoy met the minister in the capital.</p>" for i in range(400))
    path.write_bytes(gzip.compress(f"<html><head><title>Talks</title></head><body>{body}</body></html>".encode()))
    docs, messages = read(path)
    assert len(docs) == 1 and "Paragraph 1:" in docs[0].text and "Paragraph 300" not in docs[0].text
    assert [m[:4] for m in messages] == ["E019"] and all(is_warning(m) for m in messages)


def test_big_page_keeps_its_title_and_date(tmp_path, monkeypatch):
    """Past the metadata limit, title and date still come from the start of the page."""
    from eventscope.ingest import html

    monkeypatch.setattr(html, "_METADATA_LIMIT", 2000)
    body = "".join(f"<p>Paragraph {i}: the envoy met the minister in the capital.</p>" for i in range(200))
    page = ('<html><head><title>Envoy visit</title><meta property="article:published_time" '
            f'content="2025-03-18T10:00:00Z"></head><body><article>{body}</article></body></html>')
    text, title, date = html.extract_html(page)
    assert title == "Envoy visit" and date == "2025-03-18" and "Paragraph 199" in text


def test_feed_over_the_read_limit_keeps_the_entries_before_the_cut(read, tmp_path, monkeypatch):
    from eventscope.ingest import feeds

    monkeypatch.setattr(feeds, "FEED_LIMIT", 2000)
    items = "".join(f"<item><title>Item {i}</title><description>The envoy met the minister, day {i}."
                    "</description></item>" for i in range(100))
    path = tmp_path / "big.rss"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>')
    docs, messages = read(path)
    assert 5 <= len(docs) < 100 and docs[0].title == "Item 0"
    assert all("minister, day" in d.text for d in docs)  # the entry the cut went through is left out
    assert "E019" in [m[:4] for m in messages] and not _rejections(messages)


def _warc_bytes(pages: list[bytes], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, page in enumerate(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(page), http_headers=http))
    return buf.getvalue()


def test_warc_payload_over_the_read_limit_is_cut(read, tmp_path, monkeypatch):
    from eventscope.ingest import warc

    monkeypatch.setattr(warc, "HTML_LIMIT", 3000)
    body = "".join(f"<p>Paragraph {i}: the envoy met the minister.</p>" for i in range(300)).encode()
    path = tmp_path / "a.warc.gz"
    path.write_bytes(_warc_bytes([b"<html><body>" + body + b"</body></html>",
                                  f"<html><body><p>{GOOD}</p></body></html>".encode()], gz=True))
    docs, messages = read(path)
    assert len(docs) == 2 and GOOD in docs[1].text
    assert [m[:4] for m in messages] == ["E019"]


def test_warc_endless_header_line_is_a_broken_record_and_the_next_is_read(read, tmp_path, monkeypatch):
    from eventscope.ingest import warc

    monkeypatch.setattr(warc, "_HEADER_LINE_LIMIT", 2048)
    good = _warc_bytes([f"<html><body><p>{GOOD}</p></body></html>".encode()], gz=False)
    hostile = good.replace(b"WARC-Type: response", b"WARC-Type: response\r\nX-Junk: " + b"j" * 50_000, 1)
    path = tmp_path / "a.warc"
    path.write_bytes(hostile + good)
    docs, messages = read(path)
    assert [d.text for d in docs] == [GOOD]
    assert messages and messages[0].startswith("E009") and "header line longer" in messages[0]
