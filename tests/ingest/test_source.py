import gzip

from eventscope.ingest.source import Source, decode, detect_format, is_warning, looks_binary, sniff


def test_decode_reports_first_bad_byte_and_keeps_latin1_accents():
    messages = []
    text = decode("ok é ".encode() + b"caf\xe9 \xff", "f.txt:3", messages.append)
    assert text.startswith("ok é café")
    assert len(messages) == 1
    assert messages[0].startswith("E005 f.txt:3") and "byte 9" in messages[0]
    assert is_warning(messages[0])


def test_decode_utf16_and_bom():
    assert decode("Genève".encode("utf-16"), "x") == "Genève"
    assert decode(b"\xef\xbb\xbfhello", "x") == "hello"


def test_binary_heuristic():
    assert looks_binary(bytes(range(256)))
    assert not looks_binary("Plain text with accents é and Arabic بغداد\n".encode())
    assert not looks_binary("utf-16 text".encode("utf-16"))


def test_sniff_formats():
    assert sniff(b'{"text": "a"}\n') == "jsonl"
    assert sniff(b"WARC/1.0\r\n") == "warc"
    assert sniff(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff(b"<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff(b"<!DOCTYPE html><html><body>") == "html"
    assert sniff(b"Just a sentence.") == "txt"
    assert sniff(b"   ") is None


def test_extension_wins_over_content(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text('{"text": "json inside a txt"}\n')
    assert detect_format(Source(str(p), path=p)) == "txt"
    q = tmp_path / "noext"
    q.write_text('{"text": "sniffed"}\n')
    assert detect_format(Source(str(q), path=q)) == "jsonl"
    x = tmp_path / "page.xml"
    x.write_text("<html><body><p>hi</p></body></html>")
    assert detect_format(Source(str(x), path=x)) == "html"


def test_gzip_is_looked_inside(tmp_path):
    p = tmp_path / "docs.jsonl.gz"
    p.write_bytes(gzip.compress(b'{"text": "zipped"}\n'))
    assert detect_format(Source(str(p), path=p)) == "jsonl"
    w = tmp_path / "crawl.warc.gz"
    w.write_bytes(gzip.compress(b"WARC/1.0\r\n"))
    assert detect_format(Source(str(w), path=w)) == "warc"


def test_stray_nul_in_text_is_still_text():
    assert not looks_binary(b"The minister said. " * 400 + b"\x00\x07 and more text")
