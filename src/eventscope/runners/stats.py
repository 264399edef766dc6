"""What a run did, in numbers the CLI turns into a summary line and an exit status."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RunStats:
    """Counts of one ``code_to_jsonl`` / ``ingest_to_store`` run.

    accepted: documents read from the input; rejected: inputs (lines, rows, files, records)
    refused with an error code; warnings: documents read with a warning (bad bytes, truncated);
    written: output lines (code) or documents added to the store (ingest); skipped: documents
    whose content was already stored (or repeated in the input); duplicates: near-duplicates
    linked to an earlier document; failed: documents on which a stage recorded an error (still
    written); interrupted: the run stopped early on Ctrl-C after finishing its batch.
    """

    accepted: int = 0
    rejected: int = 0
    warnings: int = 0
    written: int = 0
    skipped: int = 0
    duplicates: int = 0
    events: int = 0
    failed: int = 0
    seconds: float = 0.0
    docs_per_second: float = 0.0
    runner: str = "in-process"
    workers: int = 1
    interrupted: bool = False
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every input was accepted (exit status 0)."""
        return self.rejected == 0 and not self.interrupted

    def finish(self, seconds: float) -> "RunStats":
        self.seconds = round(seconds, 3)
        self.docs_per_second = round(self.accepted / seconds, 2) if seconds > 0 else 0.0
        self.stage_seconds = {k: round(v, 3) for k, v in self.stage_seconds.items()}
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
