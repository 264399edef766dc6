"""How a process pool cuts a write batch into worker tasks (``executors.split_by_chars``)."""

from eventscope.model import Document
from eventscope.runners.executors import split_by_chars


def _docs(*sizes: int) -> list[Document]:
    return [Document(text="x" * n, id=f"d{i}") for i, n in enumerate(sizes)]


def test_parts_keep_every_document_once_in_order():
    docs = _docs(5, 300, 20, 20, 900, 10, 40, 60)
    for parts in (1, 2, 3, 5, 8, 12):
        split = split_by_chars(docs, parts)
        assert [d.id for part in split for d in part] == [d.id for d in docs]
        assert all(split) and len(split) <= parts


def test_parts_hold_equal_characters_not_equal_counts():
    # one long document then many short ones: halving the count would give one worker ~5x the text
    docs = _docs(1000, *([100] * 10))
    first, second = split_by_chars(docs, 2)
    assert [len(d.text) for d in first] == [1000]
    assert len(second) == 10


def test_fewer_documents_than_parts_gives_one_part_each():
    assert [len(p) for p in split_by_chars(_docs(10, 10), 4)] == [1, 1]
    assert split_by_chars([], 2) == []
