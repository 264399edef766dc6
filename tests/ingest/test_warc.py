import io

import pytest

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

PAGE = ("<html><head><title>{title}</title></head><body><article><p>{body}</p>"
        "<p>Officials said more talks would follow next week in the capital.</p></article></body></html>")


def _warc(path, gz: bool, pages, extra_image=True):
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i, (title, body) in enumerate(pages):
        html = PAGE.format(title=title, body=body).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(f"https://example.org/{i}", "response", payload=io.BytesIO(html),
                                        http_headers=headers, warc_headers_dict={"WARC-Date": "2025-02-03T04:05:06Z"})
        writer.write_record(rec)
        if extra_image:
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{i}.png", "response",
                                                          payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    path.write_bytes(buf.getvalue())
    return path


PAGES = [("Port talks", "Union leaders met port officials in Valdora on Monday."),
         ("Border", "Troops withdrew from the northern border crossing on Sunday."),
         ("Aid", "A convoy delivered food to the besieged town on Friday.")]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses(read, tmp_path, gz):
    path = _warc(tmp_path / ("c.warc.gz" if gz else "c.warc"), gz, PAGES)
    docs, messages = read(path)
    assert messages == []
    assert [d.url for d in docs] == ["https://example.org/0", "https://example.org/1", "https://example.org/2"]
    assert "Valdora" in docs[0].text and docs[0].title == "Port talks"
    assert docs[0].date == "2025-02-03" and docs[0].meta["date_source"] == "warc-date"
    assert "@" in docs[0].origin


def test_corrupt_record_is_reported_and_the_rest_kept(read, tmp_path):
    path = _warc(tmp_path / "c.warc", False, PAGES, extra_image=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1", 10)
    # Break the second record's header (its Content-Length), keep the others intact.
    broken = data[:second] + data[second:].replace(b"Content-Length: ", b"Content-Length: x", 1)
    path.write_bytes(broken)
    docs, messages = read(path)
    assert any(m.startswith("E009") and "c.warc@" in m for m in messages)
    texts = " ".join(d.text for d in docs)
    assert "Valdora" in texts and "convoy" in texts


def test_truncated_warc_gz(read, tmp_path):
    path = _warc(tmp_path / "t.warc.gz", True, PAGES, extra_image=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    docs, messages = read(path)
    assert len(docs) >= 2 and "Valdora" in docs[0].text
    assert messages and all(m[:4] in ("E009", "E015") for m in messages)
