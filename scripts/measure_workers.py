"""Where the CPU of ``eventscope code`` goes, per process and per thread, 1 worker vs 2, side by side.

Why: on a shared 2-core machine wall seconds swing with the other sessions' load; CPU seconds per
process and per thread, sampled from /proc while the run goes, show what each process does (the
parent's reading, pickling and JSON; each worker's parse and its classifier thread) and how long a
worker sat idle (its CPU stopped rising before the run ended: uneven chunks, a tail).

    python scripts/measure_workers.py ../shared/data/documents --workers 1,2 --rounds 2 [--candidates]

Prints one JSON object per run: wall, CPU in all, the parent's CPU, each worker's CPU, its busiest
threads, and its idle tail (seconds from its last CPU tick to the end of the run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _threads(pid: int) -> dict[str, float]:
    """CPU seconds per thread of ``pid`` (tid:name -> seconds)."""
    out: dict[str, float] = {}
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                stat = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            out[f"{tid}:{name}"] = (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def run(cmd: list[str], sample: float = 0.25) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, dict[str, float]] = {}
    last_busy: dict[int, float] = {}
    first_seen: dict[int, float] = {}
    while proc.poll() is None:
        now = time.perf_counter() - started
        for pid in [proc.pid] + _children(proc.pid):
            threads = _threads(pid)
            if not threads:
                continue
            first_seen.setdefault(pid, now)
            if sum(threads.values()) > sum(seen.get(pid, {}).values()) + 1e-9:
                last_busy[pid] = now
            merged = dict(seen.get(pid, {}))
            merged.update(threads)
            seen[pid] = merged
        time.sleep(sample)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, None):
        raise SystemExit(f"failed: {err[-500:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    report = {"wall_seconds": round(wall, 2), "cpu_seconds": round(cpu, 2), "processes": []}
    for pid, threads in seen.items():
        busiest = sorted(threads.items(), key=lambda kv: -kv[1])[:4]
        report["processes"].append({
            "pid": pid, "role": "parent" if pid == proc.pid else "worker",
            "cpu_seconds": round(sum(threads.values()), 2), "threads": len(threads),
            "busiest_threads": {k.split(":", 1)[1] + "#" + str(i): round(v, 2) for i, (k, v) in enumerate(busiest)},
            "started_at": round(first_seen[pid], 2),
            "idle_tail_seconds": round(wall - last_busy.get(pid, wall), 2),
        })
    report["cpu_seconds_sampled"] = round(sum(p["cpu_seconds"] for p in report["processes"]), 2)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--candidates", action="store_true")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    exe = [str(Path(sys.executable).with_name("eventscope"))]
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for w in (int(x) for x in args.workers.split(",")):
                out = Path(tmp) / f"out-{w}.jsonl"
                cmd = exe + ["code", args.input, "--out", str(out), "--no-progress", "--workers", str(w),
                             "--batch-size", str(args.batch_size)] + (["--candidates"] if args.candidates else [])
                load = os.getloadavg()[0]
                report = run(cmd)
                report.update({"round": r + 1, "workers": w, "load_before": round(load, 2)})
                print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
