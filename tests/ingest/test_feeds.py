def test_rss_entries_with_dates(read, fixtures):
    docs, messages = read(fixtures / "feed.rss")
    assert messages == []
    assert [d.id for d in docs] == ["wire-1", "wire-2"]
    assert [d.date for d in docs] == ["2025-03-18", "2025-03-19"]
    assert docs[0].url == "https://example.org/1" and docs[0].title == "Ministers meet in Lisbon"
    assert docs[0].text == "Foreign ministers met in Lisbon on Tuesday to discuss trade.\n\nNo deal was signed."
    assert docs[1].origin.endswith("feed.rss#2")


def test_atom_entry(read, fixtures):
    docs, messages = read(fixtures / "feed.atom")
    assert messages == [] and len(docs) == 1
    assert docs[0].date == "2025-01-02" and docs[0].url == "https://example.org/aid"
    assert "Ostrava" in docs[0].text


def test_broken_feed_keeps_entries_and_warns(read, fixtures):
    docs, messages = read(fixtures / "broken-feed.xml")
    assert [d.id for d in docs] == ["b-1", "b-2"]
    assert len(messages) == 1 and messages[0].startswith("E013") and "broken-feed.xml" in messages[0]


def test_feed_with_nothing_readable(read, tmp_path):
    p = tmp_path / "bad.rss"
    p.write_text('<?xml version="1.0"?><rss><channel><title>x</ti')
    docs, messages = read(p)
    assert docs == [] and messages[0].startswith("E008") and "bad.rss" in messages[0]
