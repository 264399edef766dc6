"""``eventscope eval GOLD --task documents``: precision and recall of events on whole articles.

Why: a user feeds whole articles, where most sentences report no act and some text is not the
story at all (captions, bylines, section labels). Sentence-level scores (``--task events``) cannot
see invented events; this scorer runs the real pipeline on each annotated article and judges
every event the system emits against every event the annotators found.

Gold format (``scripts/annotation_offsets.py``): one JSON line per article with ``id``,
``dataset``, ``text_sha256``, ``split`` (``tune`` | ``heldout``), ``not_story`` spans and
``events`` (``evidence``, ``trigger``, ``type``, ``mode``, ``modality``, ``source``/``target`` =
``{span | null, country, sector, name?, antecedent?}`` | null, ``repeat_of``). The gold holds
offsets only; the text and date are read by id from ``<shared>/data/documents/<dataset>.jsonl``
(``$EVENTSCOPE_SHARED``, else a ``shared`` folder beside the working directory, the gold file or
the repository). A document whose text no longer has the gold's SHA-256 is skipped and counted.

Matching, precisely:

* **Groups.** A gold event and the events that name it (transitively) in ``repeat_of`` form one
  *group*: one act, however many times the article tells it.
* **Where.** An emitted event *meets* a gold event when their trigger spans overlap; if it meets
  none that way, it meets every gold event whose trigger lies inside the emitted event's evidence
  sentence.
* **Type.** Right when equal; CONCEDE and RETREAT count as one (PLV's YIELD; annotators split them
  inconsistently).
* **Roles.** A gold role that is null (no such actor) is right only when the system gives none. A
  gold role with ``span: null`` (an actor the sentence implies but does not name, as in a passive
  "was killed") is right when the system gives none, or an actor with the gold's codes. Otherwise
  the system's role is right when its span overlaps the gold span or the gold ``antecedent``, or
  its codes equal the gold codes (country and sector both equal, not both null). An
  organisation of no state has no country: the group codes this project writes in the country
  slot (UNO, EUR, IGO, NGO: the contract allows them) count as none, as the annotators write it
  ("the EU" is ``EUR``/``IGO`` here, ``null``/``IGO`` in the gold: the same codes).
* **Credit.** All (emitted, gold) pairs that meet are ranked by (type, source, target right,
  trigger overlap); going down the list, a pair is taken when neither its emitted event nor its
  group is taken yet. Each group is credited to at most one emitted event.
* **Classes.** Every emitted event gets one class, the first that applies: ``not_story`` (its
  trigger lies in a ``not_story`` span), ``no_event`` (it meets no gold event), ``wrong_type`` (no
  gold event it meets has its type), ``duplicate`` (it meets only groups already credited to
  another emitted event), ``wrong_source``, ``wrong_target``, else ``right``. A duplicate that the
  system marks ``follow_up`` is not scored (left out of precision): it says it retells an act.
  ``follow_ups_credited`` counts the follow-ups that were credited to a gold act all the same (the
  marking's mistakes, or retellings of a first telling that was not emitted).
* **Precision** of type = share of scored emitted events that are credited with the right type;
  of type+source = also the right source; of the *triple* = also the right target.
  **Recall** = share of gold groups credited to an emitted event of the right type (and
  ``recall_type_source`` with the right source too).

Also reported: events per document against gold groups per document, the share of emitted
sources that carry a country or sector, and sources that are bare pronouns with no code.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..actors.context import GROUP_CODES
from ..common.data import read_data_yaml
from ..errors import Errors
from ..model import ActorRef, AnalyzedDocument, Document, Event
from . import read_gold

SPLITS = ("tune", "heldout", "all")
YIELD = {"CONCEDE", "RETREAT"}
ERROR_CLASSES = ("not_story", "no_event", "wrong_type", "duplicate", "wrong_source", "wrong_target")
PRONOUNS = frozenset(read_data_yaml("eventscope.evaluation", "documents.yaml")["pronoun_sources"])


class DocumentsGoldError(ValueError):
    """The gold cannot be scored here (its texts are absent, or the split is unknown)."""


# ------------------------------------------------------------------ reading the gold
def gold_paths(path: str | Path) -> list[Path]:
    """The gold files: ``path`` itself, or every ``*.jsonl`` in it when it is a folder."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.glob("*.jsonl"))
    return [path]


def read_document_gold(path: str | Path, split: str = "tune") -> list[dict[str, Any]]:
    """The gold articles of ``split`` (``tune``, ``heldout`` or ``all``); an article annotated
    twice (two files) is kept once, from the first file that has it.

    path (str | Path): a gold JSONL file or a folder of them.
    split (str): which articles to keep.
    RETURNS (list[dict]): the gold records, in file order.
    """
    if split not in SPLITS:
        raise DocumentsGoldError(Errors.E032.format(name="split", choices=", ".join(SPLITS), value=split))
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for file in gold_paths(path):
        for record in read_gold(file):
            if record["id"] in seen:
                continue
            if split != "all" and record.get("split", "tune") != split:
                continue
            seen.add(record["id"])
            out.append(record)
    return out


def shared_documents_dir(gold: str | Path | None = None) -> Path | None:
    """Where the article texts are: ``$EVENTSCOPE_SHARED/data/documents``, else the first
    ``shared/data/documents`` beside the working directory, the gold file or this repository."""
    env = os.environ.get("EVENTSCOPE_SHARED")
    if env:
        folder = Path(env) / "data" / "documents"
        return folder if folder.is_dir() else None
    starts = [Path.cwd()]
    if gold is not None:
        starts.append(Path(gold).resolve())
    starts.append(Path(__file__).resolve())
    for start in starts:
        for parent in [start, *start.parents]:
            folder = parent / "shared" / "data" / "documents"
            if folder.is_dir():
                return folder
    return None


def load_documents(records: list[dict[str, Any]], folder: Path) -> tuple[list[Document], list[str]]:
    """The documents the gold records point at (text, date, title from the dataset files).

    RETURNS (tuple): the documents in record order, and the ids that were skipped (absent, or
        their text's SHA-256 differs from the gold's).
    """
    wanted: dict[str, set[str]] = {}
    for r in records:
        wanted.setdefault(r["dataset"], set()).add(r["id"])
    found: dict[str, dict[str, Any]] = {}
    for dataset, ids in wanted.items():
        file = folder / f"{dataset}.jsonl"
        if not file.exists():
            continue
        with open(file, encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                if item["id"] in ids:
                    found[item["id"]] = item
    docs: list[Document] = []
    skipped: list[str] = []
    for r in records:
        item = found.get(r["id"])
        sha = hashlib.sha256(item["text"].encode("utf-8")).hexdigest() if item else None
        if item is None or (r.get("text_sha256") and sha != r["text_sha256"]):
            skipped.append(r["id"])
            continue
        docs.append(Document(text=item["text"], id=r["id"], date=item.get("date"), title=item.get("title"),
                             url=item.get("url")))
    return docs, skipped


# ------------------------------------------------------------------ matching
@dataclass
class Judgement:
    """How one emitted event fared: its class, and the gold group it was credited to."""

    event: Event
    label: str  # "right" or one of ERROR_CLASSES
    group: int | None = None
    type_ok: bool = False
    source_ok: bool = False
    target_ok: bool = False
    scored: bool = True  # False: a follow-up retelling of a credited act (left out)


@dataclass
class DocumentScore:
    """The judgements of one article and its gold groups."""

    id: str
    judgements: list[Judgement] = field(default_factory=list)
    groups: dict[int, list[int]] = field(default_factory=dict)  # group -> gold event indices
    credited: dict[int, Judgement] = field(default_factory=dict)  # group -> its judgement


def gold_documents(path: str | Path, split: str = "tune", limit: int | None = None,
                   ) -> tuple[list[dict[str, Any]], list[Document], list[str]]:
    """The gold records of ``split`` and their documents, read from ``../shared/data/documents``.

    Why one function: the eval and the training and measuring scripts must read the same
    articles the same way (texts checked against the gold's hashes, the url kept for the actors).
    RETURNS (tuple): (records, documents, ids skipped because their text changed or is absent).
    RAISES DocumentsGoldError: when the article texts are not beside the gold.
    """
    records = read_document_gold(path, split)
    if limit is not None:
        records = records[:limit]
    folder = shared_documents_dir(path)
    if folder is None:
        raise DocumentsGoldError(Errors.E074.format(gold=path))
    docs, skipped = load_documents(records, folder)
    return records, docs, skipped


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def same_type(pred: str, gold: str) -> bool:
    """Equal types, with CONCEDE and RETREAT as one (PLV's YIELD)."""
    return pred == gold or (pred in YIELD and gold in YIELD)


def state_code(country: str | None) -> str | None:
    """A role's country, with the group codes of organisations of no state read as none."""
    return None if country in GROUP_CODES else country


def role_ok(gold: dict[str, Any] | None, pred: ActorRef | None) -> bool:
    """Whether the system's role (source or target) agrees with the gold role (module docstring)."""
    if gold is None:
        return pred is None
    codes = (gold.get("country"), gold.get("sector"))
    if pred is None:
        return gold.get("span") is None
    if any(codes) and (state_code(pred.country), pred.sector) == (state_code(codes[0]), codes[1]):
        return True
    if pred.start is None or pred.end is None:
        return False
    for key in ("span", "antecedent"):
        span = gold.get(key)
        if span and _overlaps(pred.start, pred.end, span[0], span[1]):
            return True
    return False


def group_of(events: list[dict[str, Any]]) -> list[int]:
    """The group (index of the first telling) of each gold event, following ``repeat_of``."""
    groups: list[int] = []
    for i, ev in enumerate(events):
        at = i
        for _ in range(len(events)):
            nxt = events[at].get("repeat_of")
            if nxt is None or not (0 <= int(nxt) < len(events)) or int(nxt) == at:
                break
            at = int(nxt)
        groups.append(at)
    return groups


def score_document(record: dict[str, Any], events: Iterable[Event]) -> DocumentScore:
    """Judge every emitted event of one article against its gold (rules in the module docstring).

    record (dict): the article's gold record.
    events (Iterable[Event]): the events the system emitted for it.
    RETURNS (DocumentScore): one judgement per emitted event, and the credited groups.
    """
    gold = record.get("events") or []
    groups = group_of(gold)
    score = DocumentScore(id=record["id"])
    for i, g in enumerate(groups):
        score.groups.setdefault(g, []).append(i)
    not_story = [tuple(s) for s in record.get("not_story") or []]
    pairs: list[tuple[tuple[int, ...], int, int]] = []  # (rank, emitted index, gold index)
    meets: dict[int, list[int]] = {}
    events = list(events)
    in_captions: set[int] = set()
    for k, ev in enumerate(events):
        t0, t1 = (ev.trigger.start, ev.trigger.end) if ev.trigger else (ev.evidence.start, ev.evidence.end)
        if any(_overlaps(t0, t1, s, e) for s, e in not_story):
            in_captions.add(k)
            meets[k] = []
            continue
        met = [i for i, g in enumerate(gold) if _overlaps(t0, t1, *g["trigger"])]
        overlap = bool(met)
        if not met:
            met = [i for i, g in enumerate(gold)
                   if ev.evidence.start <= g["trigger"][0] and g["trigger"][1] <= ev.evidence.end]
        meets[k] = met
        for i in met:
            g = gold[i]
            rank = (int(same_type(ev.type, g["type"])), int(role_ok(g.get("source"), ev.source)),
                    int(role_ok(g.get("target"), ev.target)), int(overlap))
            pairs.append((rank, k, i))
    pairs.sort(key=lambda p: (p[0], -p[1], -p[2]), reverse=True)
    taken: dict[int, Judgement] = {}
    for rank, k, i in pairs:
        group = groups[i]
        if k in taken or group in score.credited:
            continue
        type_ok, source_ok, target_ok = bool(rank[0]), bool(rank[1]), bool(rank[2])
        label = ("wrong_type" if not type_ok else "wrong_source" if not source_ok
                 else "wrong_target" if not target_ok else "right")
        judgement = Judgement(events[k], label, group, type_ok, source_ok, target_ok)
        taken[k] = judgement
        score.credited[group] = judgement
    for k, ev in enumerate(events):
        if k in taken:
            judgement = taken[k]
        elif k in in_captions:
            judgement = Judgement(ev, "not_story")
        elif not meets[k]:
            judgement = Judgement(ev, "no_event")
        elif not any(same_type(ev.type, gold[i]["type"]) for i in meets[k]):
            judgement = Judgement(ev, "wrong_type")
        else:
            judgement = Judgement(ev, "duplicate", scored=not ev.follow_up)
        score.judgements.append(judgement)
    return score


def _is_bare_pronoun(ref: ActorRef | None) -> bool:
    return ref is not None and (ref.text or "").strip().lower() in PRONOUNS and not (ref.country or ref.sector)


def summarize(scores: list[DocumentScore]) -> dict[str, Any]:
    """Precision, recall, counts and error classes over scored articles."""
    judged = [j for s in scores for j in s.judgements if j.scored]
    n = len(judged)
    n_groups = sum(len(s.groups) for s in scores)
    n_tellings = sum(len(v) for s in scores for v in s.groups.values())
    credited = [j for s in scores for j in s.credited.values()]

    def share(count: int, total: int) -> float | None:
        return round(count / total, 4) if total else None

    errors = Counter(j.label for j in judged if j.label != "right")
    coded = sum(1 for j in judged if j.event.source is not None and (j.event.source.country or j.event.source.sector))
    docs = len(scores) or 1
    return {
        "documents": len(scores),
        "emitted": n,
        "gold_groups": n_groups,
        "gold_tellings": n_tellings,
        "precision_type": share(sum(j.type_ok for j in credited if j.scored), n),
        "precision_type_source": share(sum(j.type_ok and j.source_ok for j in credited if j.scored), n),
        "precision_triple": share(sum(j.type_ok and j.source_ok and j.target_ok for j in credited if j.scored), n),
        "recall": share(sum(j.type_ok for j in credited), n_groups),
        "recall_type_source": share(sum(j.type_ok and j.source_ok for j in credited), n_groups),
        "events_per_document": round(n / docs, 3),
        "gold_events_per_document": round(n_groups / docs, 3),
        "sources_coded": share(coded, n),
        "pronoun_sources": sum(_is_bare_pronoun(j.event.source) for j in judged),
        "errors": {c: errors.get(c, 0) for c in ERROR_CLASSES},
        "follow_ups_not_scored": sum(1 for s in scores for j in s.judgements if not j.scored),
        # A follow-up credited to a gold act is the telling that counts, not a retelling: the
        # follow-up marking was wrong there (or the first telling was not emitted).
        "follow_ups_credited": sum(1 for j in credited if j.event.follow_up),
    }


def not_story_agreement(records: list[dict[str, Any]], adocs: list[AnalyzedDocument]) -> dict[str, Any]:
    """How well the system finds text that is not the story: the share of gold ``not_story``
    spans that its own stretches cover at least half of, and the gold event triggers it wrongly
    takes for non-story text."""
    found = total = lost = 0
    for record, adoc in zip(records, adocs):
        parts = [(p.start, p.end) for p in adoc.not_story]
        for s, e in record.get("not_story") or []:
            total += 1
            found += sum(max(0, min(e, pe) - max(s, ps)) for ps, pe in parts) * 2 >= e - s
        for ev in record.get("events") or []:
            lost += any(_overlaps(*ev["trigger"], ps, pe) for ps, pe in parts)
    return {"not_story_found": round(found / total, 4) if total else None, "not_story_gold": total,
            "gold_triggers_in_not_story": lost}


def _pipeline() -> Any:
    from .events import _pipeline as full_pipeline

    return full_pipeline()


def evaluate(path: Path, verbose: bool = False, limit: int | None = None, split: str = "tune",
             pipeline: Any = None, adocs: list[AnalyzedDocument] | None = None) -> dict[str, Any]:
    """Run the pipeline on the gold articles and score their events.

    path (Path): a gold JSONL file or a folder of them (``gold/documents/``).
    verbose (bool): add per-document figures and every wrong event (with its sentence).
    limit (int | None): score only the first N articles.
    split (str): ``tune`` (default), ``heldout`` or ``all``.
    pipeline (Pipeline | None): a pipeline to score instead of the process-wide full one.
    adocs (list[AnalyzedDocument] | None): already analysed documents (by id) instead of running one.
    RETURNS (dict): the figures of ``summarize`` plus timing and skipped documents.
    """
    records, docs, skipped = gold_documents(path, split, limit)
    started = time.perf_counter()
    stages: list[str] | None = None
    if adocs is None:
        if pipeline is None:
            pipeline, stages = _pipeline()
        adocs = list(pipeline.pipe(docs))
    seconds = time.perf_counter() - started
    by_id = {a.document.id: a for a in adocs}
    gold_by_id = {r["id"]: r for r in records}
    scores = [score_document(gold_by_id[d.id], by_id[d.id].events) for d in docs if d.id in by_id]
    metrics: dict[str, Any] = {"split": split, **summarize(scores)}
    metrics.update(not_story_agreement([gold_by_id[d.id] for d in docs if d.id in by_id],
                                       [by_id[d.id] for d in docs if d.id in by_id]))
    metrics["skipped"] = skipped
    metrics["seconds"] = round(seconds, 2)
    if stages is not None:
        metrics["stages"] = stages
    if verbose:
        metrics["per_document"] = {s.id: summarize([s]) for s in scores}
        metrics["mistakes"] = [
            {"doc": s.id, "class": j.label, "type": j.event.type,
             "source": j.event.source.text if j.event.source else None,
             "target": j.event.target.text if j.event.target else None,
             "trigger": j.event.trigger.text if j.event.trigger else None,
             "evidence": j.event.evidence.text[:240]}
            for s in scores for j in s.judgements if j.label != "right"]
        metrics["missed"] = [
            {"doc": s.id, "group": g, "type": gold_by_id[s.id]["events"][g]["type"]}
            for s in scores for g in s.groups if g not in s.credited or not s.credited[g].type_ok]
    return metrics
