"""Peak memory of the readers (and of ``eventscope code``) on hostile big inputs.

The test suite checks every hostile case on small files; the big ones live here because they
take seconds to minutes each: gzip bombs (a few MB on disk, one ~2 GB line or document once
decompressed) in every format, and 200 MB lines without compression. Each input is read in a
**fresh process** (so one input's memory never counts for the next) and its peak RSS is taken
from the kernel (``wait4`` → ``ru_maxrss``). A watchdog kills a process whose RSS passes
``--kill-mb`` (default 6,000) so a regression cannot take the machine down; such a row says
"killed".

    python scripts/bench_hostile.py                      # read only (ingest), every input
    python scripts/bench_hostile.py --mode code          # `eventscope code INPUT` (spaCy included)
    python scripts/bench_hostile.py --bomb-mb 300 --line-mb 50 --only jsonl.gz,csv.gz   # quick

Prints a Markdown table (input, size on disk, decompressed size, peak RSS, CPU seconds,
documents out, message codes) and writes it as JSON with ``--out``. The inputs are generated in
a temp folder (``--keep DIR`` keeps them there for reuse) and are never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Callable, Iterator

CHUNK = 8 * 1024 * 1024
SENTENCE = b"The minister said the talks in the capital would resume on Monday after a short pause. "
GOOD = "Officials said the two delegations met in the capital on Tuesday to discuss the border."


def _filler(total: int, unit: bytes = SENTENCE) -> Iterator[bytes]:
    """``total`` bytes of repeated ``unit``, in chunks (never all in memory)."""
    block = unit * (CHUNK // len(unit))
    left = total
    while left > 0:
        piece = block[: min(left, len(block))]
        left -= len(piece)
        yield piece


NEW_MEMBER = None  # in a parts list: end this gzip member, start the next (one per WARC record)


def _paragraphs(total: int) -> Iterator[bytes]:
    """``total`` bytes of distinct numbered paragraphs (a long real-looking page, not one node)."""
    left, i = total, 0
    while left > 0:
        block = b"".join(b"<p>" + SENTENCE + str(i + k).encode() + b".</p>\n" for k in range(50_000))
        i += 50_000
        piece = block[: min(left, len(block))]
        left -= len(piece)
        yield piece


def _write_gzip(path: Path, parts: list) -> int:
    """Gzip of literal parts and generated streams; RETURNS the decompressed size."""
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)
    size = 0
    with open(path, "wb") as fh:
        for part in parts:
            if part is NEW_MEMBER:
                fh.write(comp.flush())
                comp = zlib.compressobj(6, zlib.DEFLATED, 31)
                continue
            for piece in ([part] if isinstance(part, bytes) else part()):
                size += len(piece)
                fh.write(comp.compress(piece))
        fh.write(comp.flush())
    return size


def _write_plain(path: Path, parts: list) -> int:
    size = 0
    with open(path, "wb") as fh:
        for part in parts:
            for piece in ([part] if isinstance(part, bytes) else part()):
                size += len(piece)
                fh.write(piece)
    return size


def _warc_record(uri: str, payload_len: int, html_head: bytes, html_tail: bytes,
                 body: Callable[[], Iterator[bytes]] | None) -> list[bytes | Callable[[], Iterator[bytes]]]:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    length = len(http) + payload_len
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"WARC-Date: 2025-03-20T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n").encode()
    parts: list[bytes | Callable[[], Iterator[bytes]]] = [head, http, html_head]
    if body is not None:
        parts.append(body)
    parts += [html_tail, b"\r\n\r\n"]
    return parts


def make_inputs(folder: Path, bomb: int, line: int, only: set[str] | None) -> list[tuple[str, Path, int]]:
    """(label, path, decompressed bytes) of every hostile input, generated once into ``folder``."""
    good_json = json.dumps({"id": "good", "text": GOOD}).encode() + b"\n"
    big = lambda n=bomb: _filler(n)  # noqa: E731
    page_head = b"<html><head><title>Bomb</title></head><body><article><p>"
    page_tail = b"</p></article></body></html>"
    specs: dict[str, tuple[str, list]] = {
        "jsonl.gz": ("bomb.jsonl.gz", [b'{"id": "bomb", "text": "', big, b'"}\n', good_json]),
        "json.gz": ("bomb.json.gz", [b'[{"id": "bomb", "text": "', big, b'"}, ', good_json, b"]"]),
        "txt.gz": ("bomb.txt.gz", [big]),
        "csv.gz": ("bomb.csv.gz", [b'id,text\nbomb,"', big, b'"\ngood,' + GOOD.encode() + b"\n"]),
        "csv-lines.gz": ("bomb-multiline.csv.gz",
                         [b'id,text\nbomb,"', lambda: _filler(bomb, SENTENCE[:-1] + b"\n"),
                          b'"\ngood,' + GOOD.encode() + b"\n"]),
        "html.gz": ("bomb.html.gz", [page_head, big, page_tail]),
        "html-page.gz": ("bomb-page.html.gz", [page_head, lambda: _paragraphs(bomb), page_tail]),
        "rss.gz": ("bomb.rss.gz", [b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                                   b"<item><title>Bomb</title><description>", big,
                                   b"</description></item><item><title>Talks</title><description>"
                                   + GOOD.encode() + b"</description></item></channel></rss>"]),
        "warc.gz": ("bomb.warc.gz", _warc_record("http://example.org/bomb", bomb + len(page_head) + len(page_tail),
                                                 page_head, page_tail, big)
                    + [NEW_MEMBER] + _warc_record("http://example.org/good", len(page_head) + len(GOOD) + len(page_tail),
                                   page_head + GOOD.encode(), page_tail, None)),
        "line.jsonl": ("line.jsonl", [b'{"id": "long", "text": "', lambda: _filler(line), b'"}\n', good_json]),
        "line.csv": ("line.csv", [b'id,text\nlong,"', lambda: _filler(line), b'"\ngood,' + GOOD.encode() + b"\n"]),
    }
    out = []
    for label, (name, parts) in specs.items():
        if only and label not in only:
            continue
        path = folder / name
        size_file = path.with_suffix(path.suffix + ".size")
        if path.exists() and size_file.exists():
            size = int(size_file.read_text())
        else:
            size = (_write_gzip if name.endswith(".gz") else _write_plain)(path, parts)
            size_file.write_text(str(size))
        out.append((label, path, size))
    return out


READ_ONLY = """
import json, sys
from eventscope.ingest import read_inputs
messages = []
docs = [(d.id, len(d.text)) for d in read_inputs([sys.argv[1]], on_error=messages.append)]
print(json.dumps({"docs": docs, "messages": [m[:160] for m in messages]}))
"""


def run_one(path: Path, mode: str, kill_mb: int, work: Path) -> dict:
    """Read or code ``path`` in a fresh process; peak RSS from the kernel, CPU time of the child."""
    if mode == "read":
        cmd = [sys.executable, "-c", READ_ONLY, str(path)]
    else:
        out = work / "coded.jsonl"
        cmd = [sys.executable, "-m", "eventscope.cli", "code", str(path), "--out", str(out), "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = threading.Event()
    done = threading.Event()

    def watchdog() -> None:
        # Never reaps the child (no poll/wait here): wait4 below must get its resource usage.
        import psutil

        try:
            ps = psutil.Process(proc.pid)
            while not done.is_set():
                if ps.memory_info().rss > kill_mb * 1024 * 1024:
                    killed.set()
                    proc.kill()
                    return
                time.sleep(0.05)
        except psutil.Error:
            return

    threading.Thread(target=watchdog, daemon=True).start()
    stdout_chunks: list[str] = []
    stderr_chunks: list[str] = []
    readers = [threading.Thread(target=lambda: stdout_chunks.append(proc.stdout.read())),  # type: ignore[union-attr]
               threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()))]  # type: ignore[union-attr]
    for t in readers:
        t.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join()
    stdout, stderr = "".join(stdout_chunks), "".join(stderr_chunks)
    row = {"peak_rss_mb": round(usage.ru_maxrss / 1024), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
           "exit": proc.returncode, "killed": killed.is_set()}
    codes: list[str] = []
    if mode == "read" and proc.returncode == 0:
        result = json.loads(stdout.strip().splitlines()[-1])
        row["docs"] = len(result["docs"])
        row["doc_chars"] = [n for _id, n in result["docs"]]
        codes = [m[:4] for m in result["messages"]]
    else:
        lines = [ln for ln in stderr.splitlines() if ln[:1] == "E" and ln[1:4].isdigit()]
        codes = [ln[:4] for ln in lines]
        if mode == "code" and (work / "coded.jsonl").exists():
            with open(work / "coded.jsonl", encoding="utf-8") as fh:
                row["docs"] = sum(1 for _ in fh)
        if proc.returncode not in (0, 1):
            row["stderr_tail"] = stderr.strip().splitlines()[-1][:200] if stderr.strip() else ""
    row["codes"] = sorted(set(codes))
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("read", "code"), default="read")
    ap.add_argument("--bomb-mb", type=int, default=2200, help="Decompressed size of each gzip bomb (MB).")
    ap.add_argument("--line-mb", type=int, default=200, help="Size of the uncompressed long lines (MB).")
    ap.add_argument("--only", default="", help="Comma-separated labels (jsonl.gz, txt.gz, csv.gz, ...).")
    ap.add_argument("--kill-mb", type=int, default=6000, help="Kill a run whose RSS passes this.")
    ap.add_argument("--keep", type=Path, default=None, help="Folder to generate the inputs into (and keep).")
    ap.add_argument("--out", type=Path, default=None, help="Also write the rows as JSON.")
    args = ap.parse_args()

    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    holder = None if args.keep else tempfile.TemporaryDirectory(prefix="eventscope-hostile-")
    folder = args.keep or Path(holder.name)  # type: ignore[union-attr]
    folder.mkdir(parents=True, exist_ok=True)
    inputs = make_inputs(folder, args.bomb_mb * 1_000_000, args.line_mb * 1_000_000, only)
    rows = []
    print(f"mode: {args.mode}; peak RSS per input in a fresh process\n")
    print("| input | on disk | decompressed | peak RSS | CPU s | docs out | codes |")
    print("|---|---|---|---|---|---|---|")
    for label, path, size in inputs:
        with tempfile.TemporaryDirectory() as work:
            row = run_one(path, args.mode, args.kill_mb, Path(work))
        row.update(input=label, disk_mb=round(path.stat().st_size / 1e6, 2), decompressed_mb=round(size / 1e6))
        rows.append(row)
        rss = f"killed > {args.kill_mb} MB" if row["killed"] else f"{row['peak_rss_mb']} MB"
        print(f"| {label} | {row['disk_mb']} MB | {row['decompressed_mb']:,} MB | {rss} | {row['cpu_s']} | "
              f"{row.get('docs', '-')} | {' '.join(row['codes'])} {row.get('stderr_tail', '')} |", flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))
    if holder is not None:
        holder.cleanup()


if __name__ == "__main__":
    main()
