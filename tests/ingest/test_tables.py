def test_csv_quotes_and_multiline(read, fixtures):
    docs, messages = read(fixtures / "articles.csv")
    assert messages == []
    assert [d.id for d in docs] == ["c1", "c2", "c3"]
    assert docs[0].text == 'The envoy said: "We are ready, if they are."'
    assert docs[1].text == "Rain fell for days.\nRoads in the north were closed."
    assert docs[2].date is None and docs[2].origin.endswith("articles.csv:5")


def test_broken_csv_keeps_good_rows(read, fixtures):
    docs, messages = read(fixtures / "broken.csv")
    assert [d.id for d in docs] == ["k1", "k3", "k5"]
    assert [m[:4] for m in messages] == ["E007", "E007"]
    assert "broken.csv:3" in messages[0] and "broken.csv:5" in messages[1]


def test_tsv_keeps_quotes(read, fixtures):
    docs, messages = read(fixtures / "articles.tsv")
    assert messages == [] and docs[0].text == 'The "quoted" word stays as it is.'
    assert docs[0].date == "2024-07-01"


def test_missing_text_column_is_named(read, fixtures):
    docs, messages = read(fixtures / "nocolumn.csv")
    assert docs == [] and messages[0].startswith("E007") and "id, body" in messages[0]
    docs, messages = read(fixtures / "nocolumn.csv", text_field="body")
    assert [d.text for d in docs] == ["The text is in the wrong column."]


def test_huge_cell(read, tmp_path):
    p = tmp_path / "big.csv"
    p.write_text("text\n" + "y" * 300_000 + "\nsmall row\n")
    docs, messages = read(p)
    assert [len(d.text) for d in docs] == [300_000, 9] and messages == []
