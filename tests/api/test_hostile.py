"""Hostile requests (issue 18.4): never a 5xx, always a 4xx whose detail starts with a code."""

from __future__ import annotations

import base64
import json

import pytest

HUGE = "9223372036854775808"  # 2**63: one past DuckDB's BIGINT


def _coded(response) -> str:
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail[:1] == "E" and detail[1:4].isdigit(), detail
    return detail


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize("path", ["/api/events", "/api/actors", "/api/documents"])
@pytest.mark.parametrize("param,value", [("offset", HUGE), ("offset", "1" * 400), ("limit", HUGE),
                                         ("offset", "-1"), ("offset", "1e3"), ("limit", "NaN")])
def test_pagination_out_of_range_is_4xx_with_a_code(client, path, param, value):
    r = client.get(path, params={param: value})
    assert 400 <= r.status_code < 500
    assert param in _coded(r)


def test_largest_accepted_offset_is_an_empty_page(client):
    r = client.get("/api/events", params={"offset": str(2**62)})
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
def test_hostile_cursors_are_4xx_with_a_code(client, store, raw):
    r = client.get("/api/events", params={"cursor": _cursor(raw)})
    assert r.status_code in (400, 422)  # 422: longer than the 2,000 characters a cursor may have
    assert "cursor" in _coded(r)
    # The store checks cursors too (a caller of the Python API has no length limit in front).
    with pytest.raises(ValueError, match="^E062"):
        store.events(cursor=_cursor(raw))


def test_cursor_that_is_not_base64_or_utf8(client):
    for cursor in ("%%%", "____", base64.urlsafe_b64encode(b"\xff\xfe\x00").decode()):
        r = client.get("/api/events", params={"cursor": cursor})
        assert r.status_code == 400 and "cursor" in _coded(r)


def test_a_real_cursor_still_pages(client):
    first = client.get("/api/events", params={"limit": 5}).json()
    second = client.get("/api/events", params={"limit": 5, "cursor": first["next_cursor"]})
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


def test_bad_parameter_types_get_a_coded_422(client):
    r = client.get("/api/events", params={"date_from": "yesterday"})
    assert r.status_code == 422 and "date_from" in _coded(r)
    r = client.get("/api/network", params={"by": "planet"})
    assert r.status_code == 422 and "by" in _coded(r)


# Already percent-encoded: NUL, a lone surrogate as UTF-8 bytes, an invalid UTF-8 byte, ...
HOSTILE_VALUES = [HUGE, "-" + HUGE, "1e308", "NaN", "%00", "%ED%A0%80", "%FF", "%27%3B+DROP+TABLE+events",
                  "x" * 3000, "%5B" * 500, "0001-01-01", "9999-12-31"]


def test_no_query_value_on_any_read_route_gives_a_5xx(client):
    """Every GET route of the API × every query parameter it declares × hostile values.

    The event filters are one shared dependency: they are tried on ``/api/events`` and on
    ``/api/escalation`` (date arithmetic), the other routes' own parameters everywhere."""
    from eventscope.api.deps import filter_params
    import inspect

    shared = set(inspect.signature(filter_params).parameters)
    schema = client.get("/openapi.json").json()
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
                r = client.get(f"{path}?{query}")
                tried += 1
                assert r.status_code < 500, (path, name, value, r.status_code, r.text[:300])
    assert tried > 200


@pytest.mark.parametrize("path", ["/api/events/", "/api/actors/", "/api/documents/"])
def test_hostile_ids_are_404_not_500(client, path):
    for value in ("%00", "%ED%A0%80", "%FF", "a" * 5000, "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201=1%20--"):
        r = client.get(path + value)
        assert r.status_code < 500, (path, value, r.status_code)
