from eventscope.ingest.records import make_document, normalize_date
from eventscope.ingest.source import ReadOptions


def test_normalize_date_forms():
    assert normalize_date("2025-03-20") == "2025-03-20"
    assert normalize_date("2025-03-20T10:00:00+02:00") == "2025-03-20"
    assert normalize_date("20250320") == "2025-03-20"
    assert normalize_date("2025-03") == "2025-03-01"
    assert normalize_date("Tue, 18 Mar 2025 10:00:00 GMT") == "2025-03-18"
    assert normalize_date("2025-02-30") is None
    assert normalize_date("next Tuesday") is None


def test_make_document_rules():
    opts, messages = ReadOptions(), []
    doc = make_document({"text": "A text.", "id": 12, "date": "2025-01-05"}, "f:1", opts, messages.append)
    assert doc is not None and doc.id == "12" and doc.date == "2025-01-05" and doc.origin == "f:1"
    assert make_document({"text": 3}, "f:2", opts, messages.append) is None
    assert make_document({"text": "x", "title": ["a"]}, "f:3", opts, messages.append) is None
    assert make_document({"text": "   "}, "f:4", opts, messages.append) is None
    assert make_document("text", "f:5", opts, messages.append) is None
    assert [m[:4] for m in messages] == ["E002", "E003", "E006", "E003"]
    assert all(f"f:{n}" in m for n, m in zip((2, 3, 4, 5), messages))


def test_bad_date_is_a_warning_not_a_rejection():
    messages = []
    doc = make_document({"text": "x", "date": "sometime"}, "f:1", ReadOptions(), messages.append)
    assert doc is not None and doc.date is None
    assert messages[0].startswith("E014")


def test_cap_and_custom_fields():
    messages = []
    opts = ReadOptions(text_field="body", max_chars=10)
    doc = make_document({"body": "x" * 25}, "f:1", opts, messages.append)
    assert doc is not None and len(doc.text) == 10
    assert messages[0].startswith("E012 f:1")
