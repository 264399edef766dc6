"""The fine-tuned sentence event-type classifier (int8 ONNX), run with onnxruntime + tokenizers.

Why: the classifier types a sentence's main act much better than trigger lexicons; it is trained by
``scripts/train_event_classifier.py`` and shipped in ``events/data/`` so run time needs no torch.
Labels are the PLOVER types with CONCEDE and RETREAT merged into YIELD (as in PLV), plus NONE.
"""

from __future__ import annotations

import json
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

DATA = Path(__file__).parent / "data"
MODEL_FILE = DATA / "event_classifier.onnx"
TOKENIZER_FILE = DATA / "event_tokenizer.json"
LABELS_FILE = DATA / "event_classifier_labels.json"


# Processes that have opened an ONNX session (its intra-op thread pool runs there); see ``session``.
_SESSION_PIDS: set[int] = set()
_SESSION_LOCK = threading.Lock()
# ONNX threads for a session opened in this process when none are asked for (``default_threads``).
_PROCESS_THREADS: dict[int, int] = {}


class EventClassifier:
    """Sentence -> probability per label; batched, length-sorted to limit padding.

    The ONNX session is opened on first use, once per process (``session``): loading the
    classifier starts no thread, so a process that loaded the pipeline can fork workers that
    share its pages, and each worker opens a session of its own.
    """

    def __init__(self, model_path: Path = MODEL_FILE, tokenizer_path: Path = TOKENIZER_FILE,
                 labels_path: Path = LABELS_FILE, max_length: int | None = None, threads: int | None = None):
        from tokenizers import Tokenizer

        meta = json.loads(labels_path.read_text(encoding="utf-8"))
        self.labels: list[str] = list(meta["labels"])
        self.max_length = int(max_length or meta.get("max_length", 128))
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.no_padding()
        self.model_path = Path(model_path)
        self.threads = threads
        self._session = None
        self._session_pid = 0

    @property
    def session(self):
        """This process's ONNX session, opened on first use.

        Why per process (keyed by ``os.getpid()``): a session runs a pool of native threads, and a
        forked child gets the session object without those threads, so running it there could wait
        forever. A child that inherits a classifier opens its own session instead, with
        ``threads`` or this process's ``default_threads()``.
        """
        pid = os.getpid()
        if self._session_pid != pid:
            with _SESSION_LOCK:
                if self._session_pid != pid:
                    self._session = self._open(self.threads or default_threads())
                    self._session_pid = pid
                    _SESSION_PIDS.add(pid)
        return self._session

    def _open(self, threads: int):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, int(threads))
        opts.inter_op_num_threads = 1
        # No busy-waiting: the machine is shared with spaCy and other workers.
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return ort.InferenceSession(str(self.model_path), sess_options=opts, providers=["CPUExecutionProvider"])

    def set_max_length(self, max_length: int) -> None:
        """Truncate inputs to ``max_length`` word pieces (shorter is faster; news sentences rarely need 128)."""
        self.max_length = int(max_length)
        self.tokenizer.enable_truncation(self.max_length)

    def predict_proba(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Softmax probabilities, one row per text, columns in ``self.labels`` order.

        Note: the int8 model quantises its activations dynamically with one scale per tensor, i.e.
        per *batch*, so with ``batch_size`` > 1 a sentence's probabilities depend on its batch mates
        and their padding (about 8% of top labels differ between batch sizes 1 and 32 on news).
        ``batch_size=1`` is exact per sentence (no padding either); batching is faster inside the
        pipeline because each run reads the weights once for the whole batch.

        texts (Sequence[str]): sentences to classify.
        batch_size (int): texts per ONNX run (>1 pads to the longest in each length-sorted batch).
        RETURNS (np.ndarray): shape (len(texts), len(self.labels)).
        """
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for idx, feeds in self.batches(texts, batch_size):
            out[idx] = self.run(feeds)
        return out

    def batches(self, texts: Sequence[str], batch_size: int = 32) -> list[tuple[list[int], dict[str, np.ndarray]]]:
        """The ONNX inputs for ``texts``: length-sorted batches padded to their longest text.

        Split from ``run`` so a caller can run the batches on another thread (``session.run``
        releases the GIL) and handle each batch's sentences as soon as its probabilities arrive.
        RETURNS (list): (indices into ``texts``, feeds for ``run``) per batch.
        """
        if not texts:
            return []
        encs = self.tokenizer.encode_batch(list(texts))
        if batch_size <= 1:
            out = []
            for i, enc in enumerate(encs):
                ids = np.asarray([enc.ids], dtype=np.int64)
                out.append(([i], {"input_ids": ids, "attention_mask": np.ones_like(ids)}))
            return out
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        out = []
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for row, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[row, :n] = encs[i].ids
                mask[row, :n] = 1
            out.append((idx, {"input_ids": ids, "attention_mask": mask}))
        return out

    def run(self, feeds: dict[str, np.ndarray]) -> np.ndarray:
        """Softmax probabilities for one batch from ``batches`` (thread-safe: may run off the main thread)."""
        logits = self.session.run(None, feeds)[0].astype(np.float32, copy=False)
        logits = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return probs


def default_threads() -> int:
    """ONNX threads for a session opened here: what ``set_process_threads`` chose for this process
    (a worker among several), else the cores left beside the parse, at most two.

    Why not both cores of a 2-core machine: ``Pipeline.pipe`` runs the classifier on a helper
    thread while the main thread parses the next batch, so one ONNX thread and the parse already
    fill two cores; a second ONNX thread makes three runnable threads on two cores, slows the parse
    it competes with and spends more CPU on its own hand-offs (210 dev documents: ~9.5 → ~8 s of
    classifier CPU, ~2 s less wall; the same probabilities to the bit).
    """
    chosen = _PROCESS_THREADS.get(os.getpid())
    if chosen:
        return chosen
    return min(2, max(1, (os.cpu_count() or 1) - 1))


def set_process_threads(threads: int) -> None:
    """ONNX threads for sessions this process opens later (``default_threads``).

    Why: a worker process shares the cores with its sibling workers, so one thread each is best;
    keyed by pid, so a process forked later does not inherit the choice.
    """
    _PROCESS_THREADS[os.getpid()] = max(1, int(threads))


def session_open_here() -> bool:
    """True when this process has opened an ONNX session (its native thread pool runs here), so
    forking it is unsafe (``runners.executors.worker_start_method``)."""
    return os.getpid() in _SESSION_PIDS


@lru_cache(maxsize=4)
def get_classifier(model_dir: str | None = None, threads: int | None = None) -> EventClassifier | None:
    """The process-wide classifier, or None when the artefact is not installed.

    model_dir (str | None): a folder with another trained artefact (same file names), e.g. a
        held-out-fold model for evaluation; default the packaged one.
    threads (int | None): ONNX intra-op threads (default ``default_threads()`` of the process
        that opens the session: 1 in a pool worker, see ``set_process_threads``).
    """
    folder = Path(model_dir) if model_dir else DATA
    files = (folder / MODEL_FILE.name, folder / TOKENIZER_FILE.name, folder / LABELS_FILE.name)
    if not all(f.exists() for f in files):
        return None
    return EventClassifier(*files, threads=threads)
