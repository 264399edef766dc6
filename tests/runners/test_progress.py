import os
import signal

import pytest

from eventscope.runners.progress import GracefulStop, estimate_total

from .conftest import FIXTURES


def test_estimate_total(tmp_path):
    assert estimate_total([FIXTURES / "ten-good-five-bad.jsonl"]) == 15
    assert estimate_total([FIXTURES / "note.txt", FIXTURES / "articles.tsv"]) == 3
    assert estimate_total([FIXTURES / "feed.rss"]) is None
    assert estimate_total(["-"]) is None


def test_graceful_stop_first_press_sets_flag_second_aborts():
    before = signal.getsignal(signal.SIGINT)  # default, or SIG_IGN under a shell's background job
    with GracefulStop() as stop:
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.requested
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before  # the handler that was there is put back
