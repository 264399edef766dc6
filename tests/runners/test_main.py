import json

import pytest

from eventscope.runners.__main__ import main

from .conftest import FIXTURES


def test_usage_errors_exit_2():
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.jsonl"])  # no --out
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["code", "x.jsonl", "--out", "o.jsonl", "--workers", "0"])
    assert exc.value.code == 2


@pytest.mark.slow
def test_code_exit_status_and_json_stats(tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    rc = main(["code", str(FIXTURES / "ten-good-five-bad.jsonl"), "--out", str(out), "--stages", "nlp",
               "--no-progress", "--json"])
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert rc == 1 and stats["written"] == 10 and stats["rejected"] == 5
    assert main(["code", str(FIXTURES / "docs.jsonl"), "--out", str(out), "--stages", "nlp", "--no-progress"]) == 0
