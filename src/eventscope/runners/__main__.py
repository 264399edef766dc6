"""``python -m eventscope.runners code|ingest ...``: the runners without the Typer CLI.

Used by the crash-safety test (a subprocess that can be killed) and handy on a cluster node
where only the library is installed. Exit status: 0 all coded, 1 some input rejected or the run
was interrupted, 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import code_to_jsonl, ingest_to_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventscope.runners")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("code", "ingest"):
        p = sub.add_parser(name)
        p.add_argument("inputs", nargs="+")
        if name == "code":
            p.add_argument("--out", "-o", required=True)
        else:
            p.add_argument("--db", default="eventscope.duckdb")
        p.add_argument("--workers", "-w", type=int, default=1)
        p.add_argument("--dask", default=None)
        p.add_argument("--batch-size", type=int, default=32)
        p.add_argument("--no-progress", action="store_true")
        p.add_argument("--log-file", default=None)
        p.add_argument("--stages", default=None, help="comma-separated stage names (default: all)")
        p.add_argument("--text-field", default="text")
        p.add_argument("--json", action="store_true", help="print the run's stats as JSON on stdout")
    args = parser.parse_args(argv)
    if args.workers < 1 or args.batch_size < 1:
        parser.error("--workers and --batch-size must be at least 1")
    stages = tuple(s for s in args.stages.split(",") if s) if args.stages else None
    common = dict(workers=args.workers, dask=args.dask, progress=not args.no_progress,
                  batch_size=args.batch_size, stages=stages, log_file=args.log_file,
                  text_field=args.text_field)
    if args.command == "code":
        stats = code_to_jsonl(args.inputs, args.out, **common)
    else:
        stats = ingest_to_store(args.inputs, args.db, **common)
    if args.json:
        sys.stdout.write(json.dumps(stats.to_dict()) + "\n")
    else:
        sys.stderr.write(" ".join(f"{k}={v}" for k, v in stats.to_dict().items() if k != "stage_seconds") + "\n")
    return 0 if stats.ok else 1


if __name__ == "__main__":
    sys.exit(main())
