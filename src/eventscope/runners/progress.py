"""Progress bar (Rich: docs/s and ETA), an input-size estimate for the ETA, and Ctrl-C handling."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from typing import Any, Iterable

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn,
                           TextColumn, TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        if not speed and task.elapsed:
            speed = task.completed / task.elapsed
        return Text(f"{speed:.1f} docs/s" if speed else "– docs/s", style="progress.data.speed")


def make_progress(*, enabled: bool) -> Progress:
    """A Rich progress bar on stderr (stdout may carry the output); disabled → invisible."""
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(), TextColumn("ETA"),
        TimeRemainingColumn(), console=Console(stderr=True), disable=not enabled, transient=False,
    )


def estimate_total(inputs: Iterable[str | Path]) -> int | None:
    """A cheap count of the documents ahead, for the ETA (None when it cannot be known).

    JSON Lines count their non-blank lines, plain text counts one per file, CSV/TSV count lines
    minus the header (an estimate when cells span lines). Feeds, WARC and stdin are unknown.
    """
    from ..ingest import iter_sources
    from ..ingest.source import detect_format

    total = 0
    for source in iter_sources(inputs, lambda _m: None):
        if source.path is None:
            return None
        try:
            fmt = detect_format(source)
            if fmt == "jsonl":
                with source.open() as fh:
                    total += sum(1 for line in fh if line.strip())
            elif fmt in ("csv", "tsv"):
                with source.open() as fh:
                    total += max(0, sum(1 for line in fh if line.strip()) - 1)
            elif fmt in ("txt", "html"):
                total += 1
            else:
                return None
        except OSError:
            continue
    return total


class GracefulStop:
    """First Ctrl-C: ask the run to stop after the current batch. Second Ctrl-C: stop now."""

    def __init__(self, on_request: Any = None):
        self.requested = False
        self._previous: Any = None
        self._on_request = on_request

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        sys.stderr.write("\nStopping after the current batch (Ctrl-C again to abort now)...\n")
        if self._on_request:
            self._on_request()

    def __enter__(self) -> "GracefulStop":
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
