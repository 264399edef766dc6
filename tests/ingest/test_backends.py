"""A reader whose third-party backend is missing fails once, early, naming the package (issue 12)."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventscope.errors import ReaderUnavailable

PAGE = "<html><head><title>Talks</title></head><body><p>The envoy met the minister in the capital.</p></body></html>"


@pytest.fixture
def no_html_clean(monkeypatch):
    """Simulate lxml >= 5.2 without lxml_html_clean: ``import lxml.html.clean`` fails."""
    monkeypatch.setitem(sys.modules, "lxml.html.clean", None)


def test_missing_html_backend_is_one_error_naming_the_package(read, tmp_path, no_html_clean):
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(PAGE)
    with pytest.raises(ReaderUnavailable) as info:
        read([tmp_path / "a.html", tmp_path / "b.html"])
    message = str(info.value)
    assert message.startswith("E017 the html reader")
    assert "'lxml_html_clean'" in message and "pip install lxml_html_clean" in message


def test_missing_backend_stops_before_any_file_of_the_format_is_rejected(tmp_path, no_html_clean):
    from eventscope.ingest import read_inputs

    (tmp_path / "a.txt").write_text("The minister spoke.")
    (tmp_path / "b.html").write_text(PAGE)
    messages: list[str] = []
    docs = []
    with pytest.raises(ReaderUnavailable):
        for doc in read_inputs([tmp_path / "a.txt", tmp_path / "b.html"], on_error=messages.append):
            docs.append(doc)
    assert [d.id for d in docs] == ["a.txt"] and messages == []


def test_warc_reader_needs_the_html_backend_too(read, fixtures, tmp_path, no_html_clean):
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders
    import io

    path = tmp_path / "a.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://example.org/", "response",
                                                      payload=io.BytesIO(PAGE.encode()), http_headers=http))
    with pytest.raises(ReaderUnavailable, match="E017 the warc reader.*lxml_html_clean"):
        read(path)


def test_cli_prints_one_coded_line_and_exits_2(tmp_path, no_html_clean):
    from eventscope.cli import app

    (tmp_path / "a.html").write_text(PAGE)
    result = CliRunner().invoke(app, ["code", str(tmp_path / "a.html"), "--out", str(tmp_path / "o.jsonl"),
                                      "--no-progress"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("E017") and "lxml_html_clean" in lines[0]
    assert "Traceback" not in result.output


def test_the_html_backend_is_a_declared_dependency():
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    deps = [d.replace("-", "_").lower() for d in pyproject["project"]["dependencies"]]
    assert any(d.startswith(("lxml_html_clean", "lxml[html_clean]")) for d in deps)
