from eventscope.runners import RunStats


def test_finish_rates_and_ok():
    s = RunStats(accepted=10, written=10)
    s.stage_seconds = {"nlp": 0.12345}
    s.finish(2.0)
    assert s.docs_per_second == 5.0 and s.stage_seconds == {"nlp": 0.123} and s.ok
    s.rejected = 1
    assert not s.ok and s.to_dict()["rejected"] == 1
