from eventscope.ingest.html import fragment_text


def test_html_article_text_title_date(read, fixtures):
    docs, messages = read(fixtures / "article.html")
    assert messages == []
    doc = docs[0]
    assert doc.title == "Port reopens after strike"
    assert doc.date == "2024-08-12"
    assert "Dock workers in the port of Valdora" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text


def test_broken_html_still_gives_text(read, fixtures):
    docs, messages = read(fixtures / "broken.html")
    assert messages == [] and "ceasefire in the valley" in docs[0].text


def test_html_without_text_is_reported(read, tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    docs, messages = read(p)
    assert docs == [] and messages[0].startswith("E008") and "empty.html" in messages[0]


def test_fragment_text_keeps_paragraphs():
    assert fragment_text("<p>a &amp; b<br>c</p><p>d</p>") == "a & b\nc\n\nd"
    assert fragment_text("no markup &lt;here&gt;") == "no markup <here>"
