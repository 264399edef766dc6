import json

import pytest

from eventscope.evaluation import detect_task, evaluate


@pytest.mark.parametrize(
    "record, task",
    [
        ({"id": "a", "text": "x", "expect": {"country": "IRN"}}, "actors"),
        ({"id": "a", "text": "x", "events": []}, "events"),
        ({"id": "a", "text": "x", "toponyms": []}, "geo"),
        ({"id": "a", "text": "x", "verb": {"start": 0, "end": 1}}, "geo"),
        ({"id": "a", "text": "x", "event_date": "2020-01-01"}, "dates"),
        ({"id": "a", "text": "x", "side_a": {"country": "SYR", "family": "state"}}, "sides"),
        ({"id": "a", "text": "x"}, None),
    ],
)
def test_detect_task_from_first_record(tmp_path, record, task):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + json.dumps(record) + "\n")
    assert detect_task(path) == task


def test_unknown_task_is_a_usage_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    with pytest.raises(ValueError, match="E031"):
        evaluate(path)
