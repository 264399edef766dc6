import json


def test_ten_good_five_bad_lines(read, fixtures):
    docs, messages = read(fixtures / "ten-good-five-bad.jsonl")
    assert [d.id for d in docs] == [f"ok-{i}" for i in range(1, 11)]
    assert len(messages) == 5
    lines = sorted(int(m.split(":", 1)[1].split(":")[0].rsplit(":", 1)[-1]) for m in messages)
    assert lines == [3, 6, 9, 11, 14]
    assert all("ten-good-five-bad.jsonl:" in m for m in messages)
    assert [m[:4] for m in messages] == ["E001", "E002", "E002", "E003", "E003"]
    assert docs[0].origin.endswith("ten-good-five-bad.jsonl:1")


def test_fields_and_hash_ids(read, fixtures):
    docs, messages = read(fixtures / "docs.jsonl")
    assert messages == []
    assert docs[0].id == "g1" and docs[0].title == "Curfew" and docs[0].url == "https://example.org/a"
    assert docs[1].id == docs[1].hash  # no id in the input: the content hash
    assert docs[2].id == "7" and docs[2].date == "2024-05-04"


def test_custom_text_field(read, tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text(json.dumps({"body": "Text under another key.", "headline": "H"}) + "\n")
    docs, messages = read(p, text_field="body", title_field="headline")
    assert docs[0].text == "Text under another key." and docs[0].title == "H"


def test_unicode_line_separator_does_not_split(read, tmp_path):
    p = tmp_path / "u.jsonl"
    p.write_text(json.dumps({"text": "one\u2028two\u0085three"}, ensure_ascii=False) + "\r\n\n")
    docs, messages = read(p)
    assert messages == [] and docs[0].text == "one\u2028two\u0085three"


def test_mixed_encoding_lines(read, fixtures):
    docs, messages = read(fixtures / "mixed-encoding.jsonl")
    assert [d.text for d in docs] == ["Café owners in Montréal protested.", "Café owners in Montréal protested again."]
    assert len(messages) == 1 and messages[0].startswith("E005") and "mixed-encoding.jsonl:2" in messages[0]


def test_json_array_and_deep_nesting(read, tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"text": "first"}, {"notext": 1}, {"text": "third"}]))
    docs, messages = read(p)
    assert [d.text for d in docs] == ["first", "third"]
    assert messages[0].startswith("E002") and "a.json#2" in messages[0]
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "\n" + json.dumps({"text": "survivor"}) + "\n")
    docs, messages = read(deep)
    assert [d.text for d in docs] == ["survivor"] and messages[0].startswith("E001")


def test_nested_quotes_round_trip(read, tmp_path):
    text = 'He said: "She told me \'they said "no" twice\'" — and left.'
    p = tmp_path / "q.jsonl"
    p.write_text(json.dumps({"text": text}) + "\n")
    docs, _ = read(p)
    assert docs[0].text == text


def test_binary_file_named_jsonl_is_one_error(read, tmp_path):
    p = tmp_path / "really.jsonl"
    p.write_bytes(bytes(range(256)) * 40)
    docs, messages = read(p)
    assert docs == [] and [m[:4] for m in messages] == ["E010"]


def test_binary_looking_head_with_good_lines(read, tmp_path):
    p = tmp_path / "nul.jsonl"
    p.write_bytes(b"\x00\x01\x02\x03\x04\x05\x06\x07\n" + json.dumps({"text": "kept"}).encode() + b"\n")
    docs, messages = read(p)
    assert [d.text for d in docs] == ["kept"] and messages[0].startswith("E001") and "nul.jsonl:1" in messages[0]
