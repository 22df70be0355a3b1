"""Readers of the general NLI sets: MNLI, SciTail, RTE, ANLI, SNLI.

Each returns :class:`~factcheck.sources.base.NLIPair` with a ``key`` for the fixed split: the
premise, so the hypotheses written for one premise stay together.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.sources.base import NLIPair, jsonl

_THREE = {"entailment": "entailment", "neutral": "neutral", "contradiction": "contradiction",
          "e": "entailment", "n": "neutral", "c": "contradiction"}  # fmt: skip


def mnli(data: Path) -> list[NLIPair]:
    """MultiNLI dev-matched (``mnli/dev.jsonl``), 3-way."""
    out = []
    for row in jsonl(data / "mnli" / "dev.jsonl"):
        label = _THREE.get(str(row.get("label", "")).strip().lower())
        if label and row.get("premise") and row.get("hypothesis"):
            out.append(NLIPair(str(row["premise"]), str(row["hypothesis"]), label, "mnli", str(row["premise"])))
    return out


def snli(data: Path, name: str = "train_100k.jsonl") -> list[NLIPair]:
    """SNLI 1.0 (``snli/train_100k.jsonl`` or ``test.jsonl``), 3-way; unlabelled pairs skipped."""
    out = []
    for row in jsonl(data / "snli" / name):
        premise = row.get("premise", row.get("sentence1"))
        hypothesis = row.get("hypothesis", row.get("sentence2"))
        label = _THREE.get(str(row.get("label", row.get("gold_label", ""))).strip().lower())
        if label and premise and hypothesis:
            out.append(NLIPair(str(premise), str(hypothesis), label, "snli", str(premise)))
    return out


def _two_way(path: Path, source: str, *, tags: tuple[str, ...] | None = None) -> list[NLIPair]:
    out = []
    for row in jsonl(path):
        if tags is not None and row.get("tag") not in tags:
            continue
        raw = str(row.get("label", "")).strip().lower()
        if raw not in ("entailment", "not_entailment") or not row.get("premise") or not row.get("hypothesis"):
            continue
        label = "entailment" if raw == "entailment" else "neutral"
        out.append(NLIPair(str(row["premise"]), str(row["hypothesis"]), label, source, str(row["premise"]), True))
    return out


def scitail(data: Path) -> list[NLIPair]:
    """SciTail test, 2-way (entails / not: SciTail's "not" is neutral, never a contradiction).

    Keyed by the hypothesis: the set has only 171 of them, each with many premises.
    """
    pairs = _two_way(data / "scitail" / "test.jsonl", "scitail")
    return [NLIPair(p.premise, p.hypothesis, p.label, p.source, p.hypothesis, True) for p in pairs]


def rte(data: Path) -> list[NLIPair]:
    """RTE (SuperGLUE train + val), 2-way; its "not entailed" merges contradiction and neutral."""
    return _two_way(data / "rte" / "test.jsonl", "rte")


def anli(data: Path) -> list[NLIPair]:
    """Adversarial NLI rounds 1-3, dev and test, 3-way (CC BY-NC 4.0: measured, never shipped)."""
    out = []
    for rnd in ("R1", "R2", "R3"):
        for split in ("dev", "test"):
            for row in jsonl(data / "anli" / rnd / f"{split}.jsonl"):
                label = _THREE.get(str(row.get("label", "")).strip().lower())
                if label and row.get("context") and row.get("hypothesis"):
                    out.append(NLIPair(str(row["context"]), str(row["hypothesis"]), label, "anli", str(row["context"])))
    return out
