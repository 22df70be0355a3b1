"""Readers of the science and health sets: SciFact, HealthVer, COVID-Fact, and Factcheck-Bench stance.

SciFact and HealthVer are split by claim (:mod:`factcheck.splits`); SciFact's training pairs
never read an abstract that a held-out or dev claim cites.  COVID-Fact's RTE files come with
their own split (``train.tsv`` is trained on, ``dev.tsv`` is the dev split) and are returned as
such by :func:`covidfact`.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from factcheck.sources.base import NLIPair, jsonl, need
from factcheck.splits import Split, split_of


def scifact(data: Path, split: Split, *, seed: int = 42) -> tuple[list[NLIPair], dict[str, list[str]]]:
    """SciFact train claims of ``split`` against rationale sentences, and the abstracts read.

    SUPPORT → entailment, CONTRADICT → contradiction; other sentences of the cited abstracts →
    neutral (two per abstract without evidence, one with).  For the train split, abstracts cited
    by a claim of another split are never used.
    """
    rng = random.Random(seed)
    root = data / "scifact"
    corpus = {str(d["doc_id"]): d for d in jsonl(root / "corpus.jsonl")}
    claims = list(jsonl(root / "claims_train.jsonl"))
    foreign = {
        str(d)
        for c in claims
        if split_of(c["id"]) != split
        for d in [*c.get("cited_doc_ids", []), *(c.get("evidence") or {})]
    }
    pairs: list[NLIPair] = []
    docs: dict[str, list[str]] = {}
    for claim in claims:
        if split_of(claim["id"]) != split:
            continue
        text, key = claim["claim"], str(claim["id"])
        evidence = claim.get("evidence") or {}
        for doc_id in (str(d) for d in claim.get("cited_doc_ids", [])):
            if (split == "train" and doc_id in foreign) or doc_id not in corpus:
                continue
            sents = [s.strip() for s in corpus[doc_id].get("abstract", []) if s.strip()]
            docs[doc_id] = sents
            used: set[int] = set()
            for ev in evidence.get(doc_id, []):
                idx = [i for i in ev["sentences"] if i < len(sents)]
                if not idx:
                    continue
                used.update(idx)
                label = "entailment" if ev["label"].upper().startswith("SUPPORT") else "contradiction"
                pairs.append(NLIPair(" ".join(sents[i] for i in idx), text, label, "scifact", key))
            others = [i for i in range(len(sents)) if i not in used]
            for i in rng.sample(others, min(len(others), 2 if not evidence else 1)):
                pairs.append(NLIPair(" ".join(sents[i : i + 2]), text, "neutral", "scifact", key))
    return pairs, docs


def covidfact(data: Path, file_split: str = "train") -> list[NLIPair]:
    """COVID-Fact ``RTE-covidfact/{train,dev}.tsv`` (not entailed → contradiction: its negatives are
    refuted counter-claims)."""
    path = need(data / "covidfact" / "RTE-covidfact" / f"{file_split}.tsv")
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            premise = (row.get("sentence1") or "").replace(" > ", " ").strip()
            hypothesis = (row.get("Sentence2") or row.get("sentence2") or "").strip()
            label = (row.get("label") or row.get("entailment") or "").strip()  # dev.tsv names it "entailment"
            if not premise or not hypothesis or label not in ("entailment", "not_entailment"):
                continue
            nli = "entailment" if label == "entailment" else "contradiction"
            pairs.append(NLIPair(premise, hypothesis, nli, "covidfact", hypothesis))
    return pairs


_HEALTHVER = {"supports": "entailment", "refutes": "contradiction", "neutral": "neutral"}


def healthver(data: Path) -> list[NLIPair]:
    """HealthVer dev pairs (keyed by claim)."""
    path = need(data / "healthver" / "healthver_dev.csv")
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = _HEALTHVER.get(row["label"].strip().lower())
            claim = row["claim"].strip()
            if label:
                pairs.append(NLIPair(row["evidence"].strip(), claim, label, "healthver", claim))
    return pairs


_STANCE = {"completely-support": "entailment", "refute": "contradiction", "irrelevant": "neutral"}


def factcheck_bench(data: Path) -> list[NLIPair]:
    """Factcheck-Bench stance pairs (completely-support / refute / irrelevant; partial left out)."""
    path = data / "factcheck-bench" / "subtasks" / "subtask3_claim_evidence_stance.jsonl"
    pairs = []
    for row in jsonl(path):
        label = _STANCE.get(str(row.get("stance")))
        if label and row.get("evidence") and row.get("claim"):
            claim = str(row["claim"])
            pairs.append(NLIPair(str(row["evidence"])[:2000], claim, label, "factcheck-bench", claim))
    return pairs
