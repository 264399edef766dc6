"""The ``eventscope`` command: a thin shell over the library.

Each command turns options into keyword arguments, calls one library function, prints, and maps
errors to exit codes: 0 all input coded, 1 some input rejected, 2 usage errors and failures that
stop a command — printed as one coded line (``command`` below; ``--debug`` for the traceback).
"""

from __future__ import annotations

import atexit
import functools
import gc
import inspect
import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import typer
from rich.console import Console

from .errors import Errors

if TYPE_CHECKING:
    from .runners.stats import RunStats

# At exit the interpreter's last collections walk every object the models and knowledge bases
# left behind (~0.2 s of a one-sentence ``analyze``); frozen, they are skipped. Registered first,
# so it runs after every other exit handler; files are still flushed and closed as before.
atexit.register(gc.freeze)

# The youngest generation is collected after this many new container objects (Python's default
# is 700). Why larger: loading the models and coding allocate millions of objects that live on,
# and at 700 the collector walked them over and over (``eventscope code`` on the 210 dev
# documents: ~1,000 young and 8 full collections, 0.40 s CPU; at 5,000: ~100 and none, 0.17 s).
# Cyclic garbage waits a little longer for its collection; peak memory did not change.
YOUNG_COLLECTION_THRESHOLD = 5000
gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])

app = typer.Typer(
    help="Offline political event coding from news: actors, PLOVER events, places, dates, quotes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped output is not a terminal: give tables room instead of the 80-column default.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)

DEFAULT_DB = "eventscope.duckdb"
DEFAULT_EXAMPLE = "baghdad-visit"


def example_paths() -> dict[str, Path]:
    """The example articles shipped in the package, by name."""
    folder = resources.files("eventscope") / "examples"
    return {Path(str(p)).stem: Path(str(p)) for p in folder.iterdir() if str(p).endswith(".txt")}


def _report_error(message: str) -> None:
    """One line per problem on stderr, unwrapped, so logs can be grepped by code and file:line."""
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


def _failure_line(command: str, exc: BaseException) -> str:
    """The one coded line a failed command prints (the traceback is for ``--debug``)."""
    from .errors import ReaderUnavailable
    from .store import StoreError
    from .store.store import lock_holder

    if isinstance(exc, StoreError):
        pid = lock_holder(exc)
        if pid is not None:
            path = getattr(exc, "path", None) or _busy_path(str(exc))
            return Errors.E065.format(path=path, pid=pid or "unknown")
        return str(exc).replace("\n", " ")
    if isinstance(exc, ReaderUnavailable):
        return str(exc)
    detail = str(exc).strip().replace("\n", " ") or type(exc).__name__
    return Errors.E060.format(command=command, detail=f"{type(exc).__name__}: {detail}"[:300]) + DEBUG_HINT


DEBUG_HINT = " (run again with --debug for the traceback)"


def _busy_path(message: str) -> str:
    """The store path in a cannot-open-store message (``Errors.E040``)."""
    head = message.split(": ", 1)[0]
    return head.removeprefix(Errors.E040.split("{path}")[0]).strip() or "?"


WAIT_HELP = "If another process (ingest, serve) holds the store, wait up to this many seconds for it."


def _open_store(db: Path, *, read_only: bool = True, wait: float = 0.0) -> Any:
    """The store (read-only by default), retrying for up to ``wait`` seconds while another
    process holds its lock. Other failures (and a lock still held) raise ``StoreError``, which
    the command's failure path prints as one coded line (E040, or E065 for a busy store)."""
    import time

    from .store import Store, StoreError
    from .store.store import lock_holder

    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            return Store(db, read_only=read_only)
        except StoreError as exc:
            left = deadline - time.monotonic()
            if lock_holder(exc) is None or left <= 0:
                raise
            time.sleep(min(0.5, left))


_DEBUG_OPTION = inspect.Parameter(
    "debug", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
    default=typer.Option(False, "--debug", help="On failure, show the full traceback (default: one coded line)."),
)


def command(name: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``app.command`` plus one failure path for every command.

    Why: a command that fails (a missing package, a store another process holds, a bug) must
    print one line with a code from ``errors.py`` and exit 2, not a traceback; ``--debug`` shows
    the traceback for a bug report. Exit codes already chosen by the command (``typer.Exit``),
    usage errors and Ctrl-C pass through unchanged.
    """

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        cmd_name = name or fn.__name__

        @functools.wraps(fn)
        def run(*args: Any, debug: bool = False, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
                raise
            except Exception as exc:  # noqa: BLE001 - every failure becomes one coded line
                if debug:
                    raise
                _report_error(_failure_line(cmd_name, exc))
                raise typer.Exit(2) from None

        signature = inspect.signature(fn, eval_str=True)
        run.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*signature.parameters.values(), _DEBUG_OPTION])
        return app.command(name=name)(run)

    return decorate


def _resolve_input(path: str, strict: bool = True) -> str:
    """A file path, or the name of a shipped example when no such file exists.

    strict (bool): an unknown name is a usage error (``analyze``); otherwise it is passed on and
        the readers report it (E004) while the other inputs are still coded.
    """
    if path == "-" or Path(path).exists():
        return path
    examples = example_paths()
    name = DEFAULT_EXAMPLE if path == "example" else path.removeprefix("example:")
    if name in examples:
        return str(examples[name])
    if not strict:
        return path
    raise typer.BadParameter(Errors.E071.format(path=path, choices=", ".join(sorted(examples))))


@command()
def analyze(
    file: Optional[str] = typer.Argument(None, help="A document (.txt, .jsonl first line, .html, ...), '-' for stdin, or an example name."),
    text: Optional[str] = typer.Option(None, "--text", help="Analyse this text instead of a file."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) anchoring relative dates."),
    example: bool = typer.Option(False, "--example", help=f"Analyse the shipped example article ({DEFAULT_EXAMPLE})."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON instead of the report."),
    candidates: bool = typer.Option(False, "--candidates", help="Also give every candidate act judged, emitted or not (JSON key 'candidates')."),
) -> None:
    """Analyse one document and print a readable report (or JSON)."""
    from . import analyze as run_analysis
    from .model import Document

    if text is not None:
        documents = [Document(text=text, date=date, origin="--text")]
    else:
        from .ingest import read_inputs  # the readers are not needed for --text

        if example or file is None:
            if file is None and not example:
                raise typer.BadParameter(Errors.E072)
            file = str(example_paths()[DEFAULT_EXAMPLE])
        documents = list(read_inputs([_resolve_input(file)], on_error=_report_error))
        if not documents:
            _report_error(Errors.E073.format(path=file))
            raise typer.Exit(1)
    for document in documents:
        if date:
            document.date = date
        adoc = run_analysis(document, include_candidates=candidates)
        if as_json:
            sys.stdout.write(json.dumps(adoc.to_contract(), ensure_ascii=False) + "\n")
        else:
            from .report import render

            render(adoc, console)


@command()
def code(
    inputs: list[str] = typer.Argument(..., help="Files or directories (.txt, .jsonl, .csv, .html, RSS, WARC) or '-'."),
    out: Path = typer.Option(..., "--out", "-o", help="Output JSONL, one line per accepted document."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address, or 'local'."),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    no_progress: bool = typer.Option(False, "--no-progress", help="No progress bar."),
    text_field: str = typer.Option("text", help="JSONL/CSV column with the text."),
    title_field: str = typer.Option("title", help="JSONL/CSV column with the title."),
    date_field: str = typer.Option("date", help="JSONL/CSV column with the publication date."),
    url_field: str = typer.Option("url", help="JSONL/CSV column with the URL."),
    candidates: bool = typer.Option(False, "--candidates", help="Also write every candidate act judged, emitted or not (key 'candidates')."),
) -> None:
    """Code documents into contract JSONL (docs/CONTRACT.md)."""
    from .pipeline import CANDIDATES_OPTIONS, PipelineConfig
    from .runners import code_to_jsonl

    inputs = [_resolve_input(i, strict=False) for i in inputs]
    stats = code_to_jsonl(
        inputs, out, workers=workers, dask=dask, progress=not no_progress, batch_size=batch_size,
        on_error=_report_error, text_field=text_field, title_field=title_field,
        date_field=date_field, url_field=url_field,
        stages=PipelineConfig(stage_options=CANDIDATES_OPTIONS) if candidates else None,
    )
    err_console.print(_stats_line(stats), highlight=False, soft_wrap=True)
    raise typer.Exit(_exit_status(stats))


@command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files or directories to code and store."),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file."),
    workers: int = typer.Option(1, "--workers", "-w", min=1),
    dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address, or 'local'."),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    no_progress: bool = typer.Option(False, "--no-progress"),
    log_file: Optional[Path] = typer.Option(None, "--log-file", help="Also log to this file."),
    wait: float = typer.Option(0.0, "--wait", min=0, help=WAIT_HELP),
    text_field: str = typer.Option("text"),
    title_field: str = typer.Option("title"),
    date_field: str = typer.Option("date"),
    url_field: str = typer.Option("url"),
) -> None:
    """Code documents and store them in DuckDB; documents already stored are skipped."""
    from .runners import ingest_to_store

    inputs = [_resolve_input(i, strict=False) for i in inputs]
    if wait > 0:
        _open_store(db, read_only=False, wait=wait).close()  # wait until the holder lets go
    stats = ingest_to_store(
        inputs, db, workers=workers, dask=dask, progress=not no_progress, batch_size=batch_size,
        on_error=_report_error, log_file=log_file, text_field=text_field, title_field=title_field,
        date_field=date_field, url_field=url_field,
    )
    err_console.print(_stats_line(stats), highlight=False, soft_wrap=True)
    raise typer.Exit(_exit_status(stats))


@command()
def export(
    out: Path = typer.Argument(..., help="Output file."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="parquet | csv | jsonl | plover | gdelt | acled"),
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file."),
    date_from: Optional[str] = typer.Option(None, "--date-from", help="Only events on or after this day."),
    date_to: Optional[str] = typer.Option(None, "--date-to", help="Only events on or before this day."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events involving this ISO3 country."),
    event_type: Optional[str] = typer.Option(None, "--type", help="Only this PLOVER type."),
    one_per_story: bool = typer.Option(False, "--one-per-story", help="One row per merged story event."),
    precision: Optional[str] = typer.Option(
        None, "--precision",
        help="Only events placed this exactly: place, admin2, admin1, region, country (comma-separated)."),
    inferred: Optional[bool] = typer.Option(
        None, "--inferred/--stated",
        help="Only events placed from the dateline or the story's focus (--inferred), or by their own text (--stated)."),
    wait: float = typer.Option(0.0, "--wait", min=0, help=WAIT_HELP),
) -> None:
    """Export stored events with actor codes, places, dates and provenance."""
    filters: dict[str, Any] = {k: v for k, v in {"date_from": date_from, "date_to": date_to, "country": country,
                                                 "type": event_type, "precision": precision}.items() if v}
    if inferred is not None:
        filters["inferred"] = inferred
    if one_per_story:
        filters["one_per_story"] = True
    store = _open_store(db, wait=wait)
    try:
        n = store.export(fmt, out, **filters)
    except ValueError as exc:
        _report_error(str(exc))
        raise typer.Exit(2)
    finally:
        store.close()
    err_console.print(f"wrote {n} events to {out} ({fmt})")


@command(name="eval")
def evaluate(
    gold: Path = typer.Argument(..., exists=True, help="Gold JSONL in the formats of ../shared/data (or a folder of document gold)."),
    task: Optional[str] = typer.Option(None, "--task", help="events | actors | geo | dates | dedupe | sides | documents (guessed when absent)."),
    split: Optional[str] = typer.Option(None, "--split", help="documents: tune (default) | heldout | all."),
    as_json: bool = typer.Option(False, "--json"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Confusion matrix and per-item errors."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N records."),
) -> None:
    """Score the project against a gold file."""
    from .evaluation import evaluate as run_eval

    try:
        metrics = run_eval(gold, task=task, verbose=verbose, limit=limit, split=split)
    except ValueError as exc:
        _report_error(str(exc))
        raise typer.Exit(2)
    if as_json:
        sys.stdout.write(json.dumps(metrics, ensure_ascii=False, default=str) + "\n")
        return
    _print_metrics(metrics)


@command()
def actor(
    text: str = typer.Argument(..., help="An actor phrase, e.g. 'Armenian Prime Minister Nikol Pashinyan'."),
    date: Optional[str] = typer.Option(None, "--date", help="Date (YYYY-MM-DD) for time-bounded roles."),
    context: Optional[str] = typer.Option(None, "--context", help="Sentence the phrase comes from."),
) -> None:
    """Resolve an actor phrase to its name, country and sector codes."""
    from . import resolve_actor

    result = resolve_actor(text, context=context, date=date)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    raise typer.Exit(0 if result else 1)


@command()
def serve(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file."),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    token: Optional[str] = typer.Option(None, "--token", help="Token for POST /api/documents; prefer $EVENTSCOPE_TOKEN (a flag is visible in `ps`)."),
    allowed_host: list[str] = typer.Option([], "--allowed-host", help="Also answer requests for this host name (repeatable; '*' for any). Others get 421 (DNS-rebinding guard)."),
    wait: float = typer.Option(0.0, "--wait", min=0, help=WAIT_HELP),
) -> None:
    """Serve the REST API and the web dashboard over a store."""
    import uvicorn

    from .api import create_app
    from .api.security import served_hosts

    if token:
        _report_error(Errors.E068)
    token = token or os.environ.get("EVENTSCOPE_TOKEN") or None
    hosts = served_hosts(host, allowed_host)
    _open_store(db, read_only=token is None, wait=wait).close()  # busy: wait, or one coded line
    application = create_app(db, token=token, allowed_hosts=hosts)
    console.print(f"eventscope on http://{host}:{port}/  (API docs at /docs, store {db}; "
                  f"answering Host {', '.join(sorted(hosts))})", highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@command()
def bench(
    input_path: Optional[str] = typer.Option(None, "--input", help="Corpus to measure (default: ../shared/data/documents when present, else the shipped examples, cycled)."),
    n_docs: Optional[int] = typer.Option(None, "--n", help="At most this many documents (default: the whole corpus)."),
    out_dir: Path = typer.Option(Path("bench-results"), "--out", help="Folder for bench.json and bench.md."),
    workers: str = typer.Option("1,2", "--workers", help="Worker counts for the whole-process runs, comma-separated."),
    rounds: int = typer.Option(3, "--rounds", min=1, help="Alternating rounds per measurement; the best is kept."),
    in_process_only: bool = typer.Option(False, "--in-process-only", help="Skip the whole-process and start-up runs."),
    leak_check: bool = typer.Option(False, "--leak-check", help="Also peak RSS after N and 10×N documents."),
) -> None:
    """Measure speed and memory on real text against spaCy parse-only, whole process and in process."""
    from .bench import run_bench

    report = run_bench(input_path=input_path, n_docs=n_docs, out_dir=str(out_dir),
                       workers=tuple(int(w) for w in workers.split(",") if w), rounds=rounds,
                       processes=not in_process_only, leak_check=leak_check)
    md = Path(out_dir) / "bench.md"
    console.print(md.read_text() if md.exists() else json.dumps(report, indent=2))


@command()
def stories(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file."),
    min_documents: int = typer.Option(2, "--min-documents", help="Only stories told by at least this many documents."),
    limit: int = typer.Option(20, "--limit"),
    members: bool = typer.Option(False, "--members", help="Also list each story's source events."),
    wait: float = typer.Option(0.0, "--wait", min=0, help=WAIT_HELP),
) -> None:
    """List story events: one real-world event merged from its reports in several documents."""
    from rich.table import Table

    store = _open_store(db, wait=wait)
    try:
        rows = store.stories(min_documents=min_documents, limit=limit)
        table = Table(title=f"Story events told by ≥ {min_documents} documents")
        for column in ("story", "type", "source", "target", "country", "date", "events", "documents"):
            table.add_column(column)
        for row in rows:
            table.add_row(str(row["story_id"]), row["type"] or "", row["source_name"] or "",
                          row["target_name"] or "", row["country"] or "", str(row["date"] or ""),
                          str(row["n_events"]), str(row["n_documents"]))
        console.print(table)
        if members:
            for row in rows:
                console.print(f"[bold]{row['story_id']}[/bold]")
                for member in store.story_members(row["story_id"]):
                    console.print(f"  {member['event_id']}  {member.get('doc_date') or ''}", highlight=False)
    finally:
        store.close()


@command()
def migrate(
    db: Path = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB file."),
) -> None:
    """Upgrade a store written by an older eventscope to this version's schema (writes the file)."""
    from .store import Store, StoreError
    from .store.schema import SCHEMA_VERSION

    if not db.exists():
        _report_error(Errors.E051.format(path=db))
        raise typer.Exit(2)
    try:
        store = Store(db)
    except StoreError as exc:
        _report_error(str(exc))
        raise typer.Exit(2)
    store.close()
    if store.migrated_from is None:
        err_console.print(f"{db} is already at store schema {SCHEMA_VERSION}; nothing to do",
                          highlight=False, soft_wrap=True)
    else:
        err_console.print(f"migrated {db} from store schema {store.migrated_from} to {SCHEMA_VERSION}",
                          highlight=False, soft_wrap=True)


@command()
def examples() -> None:
    """List the example articles shipped with the package."""
    for name, path in sorted(example_paths().items()):
        console.print(f"{name}\t{path}")


        raise typer.Exit(2)


def _exit_status(stats: "RunStats") -> int:
    """0 every document coded, 1 some input rejected, 130 stopped by Ctrl-C (after its batch)."""
    if stats.interrupted:
        return 130
    return 0 if stats.ok else 1


def _stats_line(stats: "RunStats") -> str:
    data = {k: v for k, v in stats.to_dict().items() if not isinstance(v, dict)}
    return "  ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in data.items())


def _print_metrics(metrics: dict, indent: str = "") -> None:
    for key, value in metrics.items():
        if isinstance(value, dict):
            console.print(f"{indent}{key}:", highlight=False)
            _print_metrics(value, indent + "  ")
        elif isinstance(value, float):
            console.print(f"{indent}{key}: {value:.4f}", highlight=False)
        elif isinstance(value, list) and len(value) > 20:
            console.print(f"{indent}{key}: [{len(value)} items]", highlight=False)
        else:
            console.print(f"{indent}{key}: {value}", highlight=False, markup=False)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
