"""Fuzz run: thousands of generated hostile documents through ``read_inputs`` and the pipeline.

Not a CI test (it takes minutes); run it before a release and quote its figures:

    python scripts/fuzz_run.py --n 10000 --seed 0 --out fuzz-report.json

Generates files in a temp folder — JSON Lines with good and broken lines, CSV with stray quotes,
text with invalid UTF-8, mixed encodings, RTL and zero-width characters, 100k-character words,
nested quotes, control characters, broken HTML and feeds, truncated WARC, empty and binary files,
one very large document — then reads and codes every file. A *crash* is an exception escaping
``read_inputs`` or ``Pipeline.pipe`` (expected: 0). *Lost* counts good documents (known from the
generator) that did not come out. Stage errors caught on single documents (E020) are listed by
stage: they are not crashes but point at stage bugs.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

WORDS = ("minister army rebels talks ceasefire Baghdad Kyiv Khartoum police protest envoy "
         "sanctions convoy aid border strike court said Tuesday officials president").split()
HOSTILE = ["\u200b", "\u200c", "\u200d", "\u202e", "\u202c", "\u200f", "\ufeff", "\u2028", "\u0085",
           "\ufffd", "\x00", "\x07", "\x1b", "\u0627\u0644\u0648\u0632\u064a\u0631", "\u05e9\u05dc\u05d5\u05dd",
           "\U0001f4a3", "e\u0301", "\"", "'", "\u201c", "\u201d", "\\", "{", "}", "<", ">", "&amp;", "\t"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 14))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(HOSTILE))
    if rng.random() < 0.15:
        words.insert(0, '"' + rng.choice(["He said '", "She told \"", "«", "“"]))
    return " ".join(words).capitalize() + rng.choice([".", "!", "?", "", "..."])


def hostile_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.05:
        return "x" * rng.randint(10_000, 100_000)  # a word of 100k characters
    if kind < 0.10:
        return "".join(rng.choice(HOSTILE) for _ in range(rng.randint(1, 400))) + " end."
    if kind < 0.15:
        return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 300))).replace("\ud800", "")
    if kind < 0.20:
        return "\"'«" * rng.randint(1, 500) + " nested."
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 12)))


def _clean(text: str) -> str:
    return "".join(c for c in text if not 0xD800 <= ord(c) <= 0xDFFF)


def generate(folder: Path, n: int, rng: random.Random) -> dict[str, int]:
    """Write files holding about ``n`` documents; RETURNS good documents expected per file."""
    expected: dict[str, int] = {}
    made = 0
    index = 0
    while made < n:
        index += 1
        roll = rng.random()
        if roll < 0.55:  # JSON Lines, ~100 lines, 20% broken
            path = folder / f"f{index:05d}.jsonl"
            good = 0
            lines = []
            for i in range(100):
                r = rng.random()
                text = _clean(hostile_text(rng))
                if r < 0.8:
                    if not text.strip():
                        text = "Empty after all."
                    rec = {"id": f"{index}-{i}", "text": text}
                    if rng.random() < 0.3:
                        rec["date"] = rng.choice(["2025-03-20", "20250320", "Tue, 18 Mar 2025 10:00:00 GMT", "soon"])
                    lines.append(json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode())
                    good += 1
                elif r < 0.85:
                    lines.append(json.dumps({"id": i, "text": text})[: rng.randint(1, 40)].encode())
                elif r < 0.9:
                    lines.append(json.dumps({"text": rng.choice([1, None, [], {}, True])}).encode())
                elif r < 0.95:
                    lines.append(bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))).replace(b"\n", b" "))
                else:
                    latin1 = sentence(rng).encode("ascii", "replace").replace(b"a", b"\xe9").replace(b"\\", b"/").replace(b'"', b"'").translate(None, bytes(range(32)))
                    lines.append(b'{"text": "' + latin1 + b' caf\xe9"}')  # Latin-1 bytes in a UTF-8 file
                    good += 1  # still a document (decoded with replacement)
            path.write_bytes(b"\n".join(lines) + b"\n")
            expected[str(path)] = good
            made += 100
        elif roll < 0.65:  # CSV with stray quotes
            path = folder / f"f{index:05d}.csv"
            rows = ["id,text"]
            for i in range(50):
                text = _clean(hostile_text(rng))[:2000].replace("\x00", "")
                if rng.random() < 0.9:
                    rows.append(f'{i},"' + text.replace('"', '""') + '"')
                else:
                    rows.append(f'{i},"unclosed ' + text.replace('"', ""))
            path.write_text("\n".join(rows) + "\n", encoding="utf-8")
            made += 50
        elif roll < 0.85:  # single text files, some with bad bytes
            path = folder / f"f{index:05d}.txt"
            data = _clean(hostile_text(rng)).encode("utf-8")
            if rng.random() < 0.3:
                data = data[: len(data) // 2] + b"\xff\xfe\xe9" + data[len(data) // 2:]
            path.write_bytes(data)
            if data.strip():
                expected[str(path)] = 1
            made += 1
        elif roll < 0.90:  # HTML, often broken
            path = folder / f"f{index:05d}.html"
            body = "".join(f"<p>{_clean(sentence(rng))}" for _ in range(rng.randint(0, 8)))
            html = f"<html><head><title>{_clean(sentence(rng))}</title></head><body>{body}"
            if rng.random() < 0.5:
                html = html[: rng.randint(0, len(html))]
            path.write_text(html, encoding="utf-8")
            made += 1
        elif roll < 0.94:  # feeds, sometimes cut short
            path = folder / f"f{index:05d}.rss"
            items = "".join(f"<item><title>{_clean(sentence(rng))}</title><guid>g{index}-{i}</guid>"
                            f"<description>{_clean(sentence(rng))}</description></item>" for i in range(10))
            xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
            if rng.random() < 0.5:
                xml = xml[: rng.randint(0, len(xml))]
            path.write_text(xml, encoding="utf-8")
            made += 10
        elif roll < 0.97:  # WARC, sometimes truncated or corrupted
            from warcio.statusandheaders import StatusAndHeaders
            from warcio.warcwriter import WARCWriter

            path = folder / f"f{index:05d}.warc.gz"
            buf = io.BytesIO()
            writer = WARCWriter(buf, gzip=True)
            for i in range(5):
                html = f"<html><body><p>{_clean(sentence(rng))}</p><p>{_clean(sentence(rng))}</p></body></html>"
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://example.org/{index}/{i}", "response", payload=io.BytesIO(html.encode()),
                    http_headers=headers))
            data = buf.getvalue()
            if rng.random() < 0.5:
                cut = rng.randint(0, len(data))
                data = data[:cut] + bytes(rng.randrange(256) for _ in range(rng.randint(0, 50))) + data[cut + 20:]
            path.write_bytes(data)
            made += 5
        else:  # empty, binary, gzip of text, extensionless JSONL
            kind = rng.choice(["empty", "binary", "gz", "noext"])
            if kind == "empty":
                (folder / f"f{index:05d}.txt").write_bytes(b"" if rng.random() < 0.5 else b" \n\t ")
            elif kind == "binary":
                (folder / f"f{index:05d}.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
            elif kind == "gz":
                (folder / f"f{index:05d}.jsonl.gz").write_bytes(
                    gzip.compress(json.dumps({"text": sentence(rng)}).encode() + b"\n"))
                expected[str(folder / f"f{index:05d}.jsonl.gz")] = 1
            else:
                (folder / f"f{index:05d}").write_text(json.dumps({"text": sentence(rng)}) + "\n")
                expected[str(folder / f"f{index:05d}")] = 1
            made += 1
    # One very large document (capped by ingest, analysed in part by the nlp stage).
    big = folder / "zz-huge.txt"
    with open(big, "w", encoding="utf-8") as fh:
        chunk = " ".join(sentence(rng) for _ in range(200)) + "\n"
        while fh.tell() < 50 * 2**20:
            fh.write(chunk)
    expected[str(big)] = 1
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--stages", default=None, help="comma-separated stages (default: all available)")
    parser.add_argument("--out", default=None, help="write the report as JSON here")
    args = parser.parse_args(argv)

    from eventscope.bench import _stages
    from eventscope.ingest import is_warning, read_inputs
    from eventscope.pipeline import get_pipeline

    stages = tuple(args.stages.split(",")) if args.stages else _stages()[0]
    rng = random.Random(args.seed)
    pipeline = get_pipeline(stages)
    report: dict = {"command": " ".join(["python scripts/fuzz_run.py", *(argv or sys.argv[1:])]),
                    "stages": list(stages), "seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="eventscope-fuzz-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        expected = generate(folder, args.n, rng)
        report["generate_seconds"] = round(time.perf_counter() - t0, 1)
        files = sorted(p for p in folder.iterdir())
        crashes: list[dict] = []
        codes: Counter = Counter()
        stage_errors: Counter = Counter()
        got: Counter = Counter()
        docs = 0
        started = time.perf_counter()
        for path in files:
            messages: list[str] = []
            try:
                for adoc in pipeline.pipe(read_inputs([path], on_error=messages.append), batch_size=args.batch_size):
                    docs += 1
                    got[str(path)] += 1
                    json.dumps(adoc.to_contract(), ensure_ascii=False)
                    for err in adoc.errors:
                        if err.startswith("E020"):
                            stage_errors[err.split("'")[1]] += 1
            except Exception as exc:  # noqa: BLE001 - this is what we count
                crashes.append({"file": path.name, "error": repr(exc)[:300],
                                "trace": traceback.format_exc()[-1500:]})
            for m in messages:
                codes[m[:4] + (" (warning)" if is_warning(m) else "")] += 1
            if docs and docs % 1000 < args.batch_size:
                rate = docs / (time.perf_counter() - started)
                print(f"  {docs} documents, {rate:.1f} docs/s, {len(crashes)} crashes", file=sys.stderr)
        seconds = time.perf_counter() - started
    lost = {k: v - got[k] for k, v in expected.items() if got[k] < v}
    report.update({
        "files": len(files), "documents_coded": docs, "seconds": round(seconds, 1),
        "docs_per_second": round(docs / seconds, 2) if seconds else 0.0,
        "crashes": len(crashes), "crash_details": crashes[:20],
        "good_documents_expected": sum(expected.values()), "good_documents_lost": sum(lost.values()),
        "lost_by_file": dict(list(lost.items())[:20]),
        "messages_by_code": dict(sorted(codes.items())),
        "stage_errors": dict(stage_errors), "stage_seconds": {k: round(v, 1) for k, v in pipeline.timings.items()},
    })
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(text + "\n")
    print(text)
    return 1 if crashes or lost else 0


if __name__ == "__main__":
    sys.exit(main())
