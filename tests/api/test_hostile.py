"""Hostile requests (issue 18.4): never a 5xx, always a 4xx whose detail starts with a code."""

from __future__ import annotations

import base64
import json

import pytest

HUGE = "9223372036854775808"  # 2**63: one past DuckDB's BIGINT


@pytest.fixture(scope="module")
def reader(tmp_path_factory, corpus_db):
    """One read-only app for the whole module (the read tests change nothing)."""
    import shutil

    from fastapi.testclient import TestClient

    from eventscope.api import create_app

    path = tmp_path_factory.mktemp("hostile") / "api.duckdb"
    shutil.copyfile(corpus_db, path)
    with TestClient(create_app(path, token=None, read_only=True)) as c:
        yield c


def _coded(response) -> str:
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail[:1] == "E" and detail[1:4].isdigit(), detail
    return detail


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize("path", ["/api/events", "/api/actors", "/api/documents"])
@pytest.mark.parametrize("param,value", [("offset", HUGE), ("offset", "1" * 400), ("limit", HUGE),
                                         ("offset", "-1"), ("offset", "1e3"), ("limit", "NaN")])
def test_pagination_out_of_range_is_4xx_with_a_code(reader, path, param, value):
    r = reader.get(path, params={param: value})
    assert 400 <= r.status_code < 500
    assert param in _coded(r)


def test_largest_accepted_offset_is_an_empty_page(reader):
    r = reader.get("/api/events", params={"offset": str(2**62)})
    assert r.status_code == 200 and r.json()["items"] == [] and r.json()["total"] == 21


@pytest.mark.parametrize("raw", [
    '["-day", "2025-03-20", "doc", Infinity]',
    '["-day", "2025-03-20", "doc", 1e308]',
    '["-day", "2025-03-20", "doc", NaN]',
    "[" * 1400 + "]" * 1400,
    '["-day", "2025-03-20", ' + "[" * 5000 + "]" * 5000 + ", 1]",
    '["-day", "2025-03-20", "doc", 99999999999999999999999]',
    '["-day", "9999-99-99", "doc", 1]',
    '{"a": 1}',
    '["-day", null, {"x": 1}, 1]',
])
def test_hostile_cursors_are_4xx_with_a_code(reader, raw):
    r = reader.get("/api/events", params={"cursor": _cursor(raw)})
    assert r.status_code in (400, 422)  # 422: longer than the 2,000 characters a cursor may have
    assert "cursor" in _coded(r)
    # The store checks cursors too (a caller of the Python API has no length limit in front).
    with pytest.raises(ValueError, match="^E062"):
        reader.app.state.store.events(cursor=_cursor(raw))


def test_cursor_that_is_not_base64_or_utf8(reader):
    for cursor in ("%%%", "____", base64.urlsafe_b64encode(b"\xff\xfe\x00").decode()):
        r = reader.get("/api/events", params={"cursor": cursor})
        assert r.status_code == 400 and "cursor" in _coded(r)


def test_a_real_cursor_still_pages(reader):
    first = reader.get("/api/events", params={"limit": 5}).json()
    second = reader.get("/api/events", params={"limit": 5, "cursor": first["next_cursor"]})
    assert second.status_code == 200 and len(second.json()["items"]) == 5


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"text": "a", "x": ' + b"{\"a\":" * 30_000 + b"1" + b"}" * 30_000 + b"}",
    b'{"text": 1e999}',
    b'{"text": NaN}',
    b"\xff\xfe{}",
])
def test_hostile_post_bodies_are_400_with_a_code(client, auth, body):
    r = client.post("/api/documents", content=body, headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400
    assert _coded(r).startswith("E048")


def test_bad_parameter_types_get_a_coded_422(reader):
    r = reader.get("/api/events", params={"date_from": "yesterday"})
    assert r.status_code == 422 and "date_from" in _coded(r)
    r = reader.get("/api/network", params={"by": "planet"})
    assert r.status_code == 422 and "by" in _coded(r)


# Already percent-encoded: NUL, a lone surrogate as UTF-8 bytes, an invalid UTF-8 byte, ...
HOSTILE_VALUES = [HUGE, "-" + HUGE, "1e308", "NaN", "%00", "%ED%A0%80", "%FF", "%27%3B+DROP+TABLE+events",
                  "x" * 3000, "%5B" * 500, "0001-01-01", "9999-12-31"]


def test_no_query_value_on_any_read_route_gives_a_5xx(reader):
    """Every GET route of the API × every query parameter it declares × hostile values.

    The event filters are one shared dependency: they are tried on ``/api/events`` and on
    ``/api/escalation`` (date arithmetic), the other routes' own parameters everywhere."""
    from eventscope.api.deps import filter_params
    import inspect

    shared = set(inspect.signature(filter_params).parameters)
    schema = reader.get("/openapi.json").json()
    tried = 0
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None or "{" in path:
            continue
        params = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
        for name in params:
            if name in shared and path not in ("/api/events", "/api/escalation"):
                continue
            for value in HOSTILE_VALUES:
                query = f"{name}={value}"
                if path == "/api/export" and name != "format":
                    query += "&format=jsonl"
                if path == "/api/escalation/series" and name != "unit":
                    query += "&unit=IRQ"
                r = reader.get(f"{path}?{query}")
                tried += 1
                assert r.status_code < 500, (path, name, value, r.status_code, r.text[:300])
    assert tried > 200


@pytest.mark.parametrize("path", ["/api/events/", "/api/actors/", "/api/documents/"])
def test_hostile_ids_are_404_not_500(reader, path):
    for value in ("%00", "%ED%A0%80", "%FF", "a" * 5000, "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201=1%20--"):
        r = reader.get(path + value)
        assert r.status_code < 500, (path, value, r.status_code)


# -- 18.6: Host check (DNS rebinding), CSP on /docs, lone surrogates, stage errors ------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, corpus_db):
    """The app as ``eventscope serve`` builds it for 127.0.0.1 (Host checked)."""
    import shutil

    from fastapi.testclient import TestClient

    from eventscope.api import create_app
    from eventscope.api.security import served_hosts

    path = tmp_path_factory.mktemp("guarded") / "api.duckdb"
    shutil.copyfile(corpus_db, path)
    app = create_app(path, token=None, read_only=True,
                     allowed_hosts=served_hosts("127.0.0.1", ["news.example.org"]))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000",
                                  "127.0.0.2:8000", "news.example.org"])
def test_served_hosts_are_answered(guarded, host):
    assert guarded.get("/api/stats", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("path", ["/api/events", "/api/export?format=csv", "/", "/docs", "/openapi.json"])
@pytest.mark.parametrize("host", ["attacker.example:8000", "127.0.0.1.attacker.example", "", "localhost.:8000x"])
def test_a_rebound_name_gets_nothing(guarded, path, host):
    r = guarded.get(path, headers={"Host": host})
    assert r.status_code == 421 and _coded(r).startswith("E066")
    assert "Valdora" not in r.text and "event_id" not in r.text


def test_any_host_when_asked(db_path):
    from fastapi.testclient import TestClient

    from eventscope.api import create_app
    from eventscope.api.security import served_hosts

    with TestClient(create_app(db_path, allowed_hosts=served_hosts("0.0.0.0", ["*"]))) as c:
        assert c.get("/api/stats", headers={"Host": "anything.example"}).status_code == 200


def test_served_hosts_of_a_wildcard_bind_include_this_machine():
    import socket

    from eventscope.api.security import served_hosts

    hosts = served_hosts("0.0.0.0")
    assert socket.gethostname().lower() in hosts and "localhost" in hosts and "0.0.0.0" not in hosts


def test_docs_pages_have_a_csp_that_allows_only_their_own_inline_script(reader):
    import base64 as b64
    import hashlib
    import re

    r = reader.get("/docs")
    csp = r.headers["content-security-policy"]
    inline = re.findall(r"<script>(.*?)</script>", r.text, re.S)
    assert inline and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";")[0]
    for body in inline:
        digest = b64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "content-security-policy" in reader.get("/redoc").headers
    assert reader.get("/api/stats").headers["content-security-policy"].startswith("default-src 'none'")


def test_lone_surrogate_in_posted_text_is_replaced_and_reported(client, auth):
    body = '{"text": "The envoy \\ud800 met the minister in the capital.", "title": "T\\udfff"}'
    r = client.post("/api/documents", content=body.encode(), headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 201, r.text
    entry = r.json()["documents"][0]
    assert entry["status"] == "created" and entry["errors"] == []
    assert entry["warnings"][0].startswith("E067") and "2 lone surrogate" in entry["warnings"][0]
    doc = client.get(f"/api/documents/{entry['doc_id']}").json()
    assert doc["text"] == "The envoy \ufffd met the minister in the capital."


def test_stage_errors_are_in_the_post_response(db_path, auth):
    from fastapi.testclient import TestClient

    from eventscope.api import create_app
    from eventscope.model import AnalyzedDocument

    class FailingStagePipeline:
        def pipe(self, docs, batch_size=32):
            for doc in docs:
                adoc = AnalyzedDocument(document=doc)
                adoc.errors.append("E020 stage 'events' failed on document x: boom")
                yield adoc

    app = create_app(db_path, token="test-token-123", pipeline=lambda: FailingStagePipeline())
    with TestClient(app) as c:
        r = c.post("/api/documents", json={"text": "A new text about talks in the capital."}, headers=auth)
    assert r.status_code == 201
    assert r.json()["documents"][0]["errors"] == ["E020 stage 'events' failed on document x: boom"]
