def test_txt_is_one_document_named_by_file(read, fixtures):
    docs, messages = read(fixtures / "note.txt")
    assert messages == [] and len(docs) == 1
    assert docs[0].id == "note.txt" and docs[0].text.startswith("The mayor of Tarnow")


def test_txt_holding_jsonl_stays_one_document(read, fixtures):
    docs, _ = read(fixtures / "lines-in-a.txt")
    assert len(docs) == 1 and docs[0].text.startswith('{"text"')


def test_invalid_utf8_is_decoded_with_position(read, fixtures):
    docs, messages = read(fixtures / "invalid-utf8.txt")
    assert len(docs) == 1 and "Café" in docs[0].text and "Sofia" in docs[0].text
    assert messages == ["E005 " + str(fixtures / "invalid-utf8.txt") + ": not valid UTF-8 at byte 40; decoded with replacement"]


def test_rtl_and_zero_width_are_kept(read, fixtures):
    docs, messages = read(fixtures / "rtl-zero-width.txt")
    assert messages == []
    assert "\u200b" in docs[0].text and "بغداد" in docs[0].text


def test_utf16(read, fixtures):
    docs, _ = read(fixtures / "utf16.txt")
    assert docs[0].text.startswith("A UTF-16 file")


def test_huge_document_is_capped(read, tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(("word " * 200_000).encode())  # 1 MB
    docs, messages = read(p, max_chars=50_000)
    assert len(docs[0].text) == 50_000
    assert messages[0].startswith("E012") and "huge.txt" in messages[0]


def test_cut_multibyte_character_is_not_an_encoding_error(read, tmp_path):
    p = tmp_path / "accents.txt"
    p.write_bytes(("é" * 100).encode())
    docs, messages = read(p, max_chars=10)
    assert [m[:4] for m in messages] == ["E012"] and docs[0].text == "é" * 10


def test_long_line_without_spaces(read, tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("x" * 100_000 + "\nThen a sentence.")
    docs, messages = read(p)
    assert messages == [] and len(docs[0].text) == 100_017
