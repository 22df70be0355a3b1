"""Readers of the sets that are evaluation sets as a whole: FEVER-Symmetric, Climate-FEVER pairs.

They are never trained or tuned on (:func:`factcheck.sources.read_pairs` refuses their train and
dev splits); these readers exist so that the model can be measured on them pair by pair.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.lexical import detokenize
from factcheck.sources.base import NLIPair, jsonl, need

_BINARY = {"SUPPORTS": "entailment", "REFUTES": "contradiction"}


def fever_symmetric_v02(data: Path) -> list[NLIPair]:
    """FEVER-Symmetric v0.2 dev (708 pairs, SUPPORTS / REFUTES)."""
    out = []
    for row in jsonl(data / "fever-symmetric" / "symmetric_v0.2" / "fever_symmetric_dev.jsonl"):
        label = _BINARY.get(str(row.get("gold_label", row.get("label"))))
        if label:
            claim = detokenize(str(row["claim"]))
            out.append(NLIPair(detokenize(str(row["evidence"])), claim, label, "fever-symmetric-v0.2", claim, True))
    return out


def fever_symmetric_v01(data: Path) -> list[NLIPair]:
    """FEVER-Symmetric v0.1, full and generated (deduplicated pairs)."""
    out, seen = [], set()
    for name in ("fever_symmetric_full.jsonl", "fever_symmetric_generated.jsonl"):
        for row in jsonl(data / "fever-symmetric" / "symmetric_v0.1" / name):
            label = _BINARY.get(str(row.get("label")))
            pair = (str(row.get("evidence_sentence", "")), str(row.get("claim", "")))
            if label and pair not in seen:
                seen.add(pair)
                claim = detokenize(pair[1])
                out.append(NLIPair(detokenize(pair[0]), claim, label, "fever-symmetric-v0.1", claim, True))
    return out


_CLIMATE = {"SUPPORTS": "entailment", "REFUTES": "contradiction", "NOT_ENOUGH_INFO": "neutral"}


def climate_fever_pairs(data: Path) -> list[NLIPair]:
    """Climate-FEVER claim-sentence pairs with their pair labels (7,675)."""
    out = []
    with need(data / "climate-fever" / "climate-fever.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            for ev in row.get("evidences") or []:
                label = _CLIMATE.get(str(ev.get("evidence_label")))
                if label:
                    claim = str(row["claim"])
                    out.append(NLIPair(str(ev["evidence"]), claim, label, "climate-fever-pairs", str(row["claim_id"])))
    return out
