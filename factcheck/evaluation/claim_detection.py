"""Claim detection against sentence-level check-worthiness labels.

Formats (``auto`` recognises each from the suffix and the header or first record):

* ``claimbuster`` — ClaimBuster 2-class JSON: a list of ``{sentence_id, label (0/1), text}``;
* ``clef19`` — CLEF CheckThat! 2019 task 1 CSV: ``line_number, speaker, text, label, file_name``;
* ``clef20-tweets`` — CheckThat! 2020 task 1 TSV: ``tweet_text`` and ``check_worthiness`` (or
  ``claim_worthiness``);
* ``clef20-debates`` — CheckThat! 2020 task 5 TSV: ``text, label``;
* ``factcheck-bench`` — Factcheck-Bench subtask 1 JSONL: ``{sentence, checkworthy}`` where ``yes``
  is check-worthy and ``other``/``opinion``/``not_a_claim`` are not;
* ``jsonl`` — the project's own: ``{id?, text, label (0/1 or true/false)}``.

Each text is scored by :meth:`factcheck.claims.ClaimDetector.score_texts`; it is predicted
check-worthy when its score reaches the detector's threshold.
"""

from __future__ import annotations

import csv
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DataError, InputError
from factcheck.evaluation.metrics import binary_report
from factcheck.jsonl import iter_records
from factcheck.text import decode_bytes

FORMATS = ("claimbuster", "clef19", "clef20-tweets", "clef20-debates", "factcheck-bench", "jsonl")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    id: str
    text: str
    checkworthy: bool


def _flag(raw: object, where: str) -> bool:
    value = str(raw).strip().lower()
    if value in {"1", "true", "yes"}:
        return True
    if value in {"0", "false", "no", "other", "opinion", "not_a_claim"}:
        return False
    raise DataError(
        f"{where}: unknown check-worthiness label {raw!r}; expected 0/1, true/false or yes/other/opinion/not_a_claim"
    )


def _table(path: Path) -> list[dict]:
    text = decode_bytes(path.read_bytes(), name=str(path))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    # the CheckThat! TSV files contain bare quotes inside tweets: read them literally
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter, quoting=quoting))


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "claimbuster"
    if suffix in {".csv", ".tsv"}:
        header = set(_table(path)[0]) if _table(path) else set()
        if {"line_number", "speaker", "text", "label"} <= header:
            return "clef19"
        if "tweet_text" in header:
            return "clef20-tweets"
        if {"text", "label"} <= header:
            return "clef20-debates"
    if suffix == ".jsonl":
        first = next(iter_records(path), (None, {}))[1]
        if {"sentence", "checkworthy"} <= set(first):
            return "factcheck-bench"
        if {"text", "label"} <= set(first):
            return "jsonl"
    raise DataError(f"cannot tell the check-worthiness format of {path}; pass --format, one of: {', '.join(FORMATS)}")


def read_sentences(path: str | os.PathLike[str], *, fmt: str = "auto") -> list[LabelledSentence]:
    p = Path(path).expanduser()
    if not p.is_file():
        raise InputError(f"check-worthiness file {p} does not exist")
    if fmt not in ("auto", *FORMATS):
        raise DataError(f"unknown check-worthiness format {fmt!r}; use auto or one of: {', '.join(FORMATS)}")
    kind = detect_format(p) if fmt == "auto" else fmt
    out: list[LabelledSentence] = []
    if kind == "claimbuster":
        rows = json.loads(decode_bytes(p.read_bytes(), name=str(p)))
        for i, row in enumerate(rows):
            out.append(
                LabelledSentence(str(row.get("sentence_id", i)), str(row["text"]), _flag(row["label"], f"{p}[{i}]"))
            )
    elif kind == "clef19":
        for i, row in enumerate(_table(p)):
            out.append(
                LabelledSentence(
                    f"{row['file_name']}:{row['line_number']}", row["text"], _flag(row["label"], f"{p}:{i + 2}")
                )
            )
    elif kind == "clef20-tweets":
        for i, row in enumerate(_table(p)):
            label = row.get("check_worthiness", row.get("claim_worthiness"))
            out.append(LabelledSentence(str(row.get("tweet_id", i)), row["tweet_text"], _flag(label, f"{p}:{i + 2}")))
    elif kind == "clef20-debates":
        for i, row in enumerate(_table(p)):
            out.append(LabelledSentence(str(i), row["text"], _flag(row["label"], f"{p}:{i + 2}")))
    elif kind == "factcheck-bench":
        for i, (where, row) in enumerate(iter_records(p)):
            out.append(LabelledSentence(str(i), str(row["sentence"]), _flag(row["checkworthy"], where)))
    else:
        for i, (where, row) in enumerate(iter_records(p)):
            out.append(LabelledSentence(str(row.get("id", i)), str(row["text"]), _flag(row["label"], where)))
    if not out:
        raise DataError(f"{p} holds no labelled sentences")
    return out


def evaluate_detection(sentences: list[LabelledSentence], detector, *, limit: int | None = None) -> dict:
    """Precision/recall/F1 of the check-worthy class, with the all-positive and majority baselines."""
    items = sentences[:limit] if limit else sentences
    gold = [s.checkworthy for s in items]
    texts = [s.text for s in items]
    # with a trained head, the rule scores are both its input and the baseline: computed once
    with_head = getattr(detector, "head", None) is not None
    started = time.perf_counter()
    rules = detector.rule_scores(texts) if with_head else None
    scores = detector.score_texts(texts, rules=rules) if with_head else detector.score_texts(texts)
    seconds = time.perf_counter() - started
    pred = [score >= detector.threshold for score in scores]
    majority = sum(gold) * 2 >= len(gold)
    baselines = {
        "all_checkworthy": binary_report(gold, [True] * len(gold)),
        "majority": binary_report(gold, [majority] * len(gold)),
    }
    if rules is not None:
        # the rule-only detector the trained head is measured against
        from factcheck.config import DEFAULT_RULE_THRESHOLD

        baselines["rules_only"] = binary_report(gold, [r >= DEFAULT_RULE_THRESHOLD for r in rules])
    return {
        "threshold": detector.threshold,
        "method": getattr(detector, "method", type(detector).__name__),
        **binary_report(gold, pred),
        "baselines": baselines,
        "throughput": {
            "texts": len(items),
            "seconds": round(seconds, 2),
            "texts_per_second": round(len(items) / seconds, 1) if seconds else None,
        },
        "predictions": [
            {"id": s.id, "gold": s.checkworthy, "score": round(sc, 4)} for s, sc in zip(items, scores, strict=True)
        ],
    }
