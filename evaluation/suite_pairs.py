"""The suite's pair-set runs: a source's held-out quarter read by the NLI model alone, by the
learned verdict and by the fallback rule (``factcheck.evaluation.pairs_eval``).

Imported by ``evaluation/run_suite.py``; one run per source of ``PAIR_RUNS``.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (run name, source, note).  Evaluation-only sets are read whole; every other one is its held-out quarter.
PAIR_RUNS = (
    ("vitaminc-heldout", "vitaminc", "VitaminC real: held-out quarter by Wikipedia page (the rest is trained on / dev)"),
    ("fm2-heldout", "fm2", "Fool Me Twice dev: held-out quarter by page; no NEI"),
    ("mnli-heldout", "mnli", "MNLI dev-matched: held-out quarter by premise"),
    ("healthver-heldout-pairs", "healthver", "HealthVer dev: held-out quarter by claim"),
    ("scifact-heldout-rationales", "scifact", "SciFact train: held-out quarter by claim, gold rationales"),
    ("check-covid-heldout", "check-covid", "Check-COVID train+dev: held-out quarter"),
    ("wice-heldout", "wice", "WiCE: held-out quarter (no contradictions in WiCE)"),
    ("sufficient-facts-heldout", "sufficient-facts", "SufficientFacts: held-out quarter"),
    ("scitail-heldout", "scitail", "SciTail test: held-out quarter by hypothesis; 2-way"),
    ("fnc1-heldout", "fnc1", "FNC-1: held-out quarter by headline"),
    ("factcheck-bench-heldout", "factcheck-bench", "Factcheck-Bench stance: held-out quarter"),
    ("fever-symmetric-v0.2", "fever-symmetric-v0.2", "FEVER-Symmetric v0.2 dev, 708 pairs (never trained on)"),
    ("fever-symmetric-v0.1", "fever-symmetric-v0.1", "FEVER-Symmetric v0.1 (never trained on)"),
    ("climate-fever-pairs-nli", "climate-fever-pairs", "Climate-FEVER claim-sentence pairs (never trained on)"),
    ("averitec-train-heldout", "averitec-train", "AVeriTeC train: held-out quarter (CC BY-NC: measured only)"),
    ("anli-heldout", "anli", "ANLI R1-R3: held-out quarter (CC BY-NC: measured only)"),
    ("rte-heldout", "rte", "RTE: held-out quarter (research use: measured only); 2-way"),
    ("numbers-own-pairs", "numbers-own", "the project's own number/date/name set (data/numbers)"),
)  # fmt: skip


def own_numbers(path: Path) -> list:
    """data/numbers/pairs.jsonl as NLI pairs (SUPPORTED → entailment, REFUTED → contradiction)."""
    from factcheck.sources import NLIPair

    label = {"SUPPORTED": "entailment", "REFUTED": "contradiction", "NOT_ENOUGH_INFO": "neutral"}
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(NLIPair(row["evidence_text"], row["claim"], label[row["label"]], "numbers-own", row["id"]))
    return out


def run_pairs(name: str, source: str, data: Path, out: Path, limit: int | None, checkers: dict) -> dict:
    from factcheck import FactChecker
    from factcheck.config import VerifyConfig
    from factcheck.evaluation.pairs_eval import evaluate_pair_set
    from factcheck.sources import read_pairs

    pairs = own_numbers(ROOT / "data" / "numbers" / "pairs.jsonl") if source == "numbers-own" else (
        read_pairs(source, data, "heldout"))  # fmt: skip
    if limit:
        pairs = pairs[:limit]
    checker = checkers.setdefault("pairs", FactChecker(None))
    rule = checkers.setdefault("rule", FactChecker(None, nli=checker.nli, verify=VerifyConfig(decision="rule")))
    deciders = {"verdict": checker.verifier.decision, "rule": rule.verifier.decision}
    metrics = {"source": source, **evaluate_pair_set(pairs, checker, deciders, verdict_limit=1500)}
    (out / name).mkdir(parents=True, exist_ok=True)
    (out / name / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def pairs_table(rows: list[dict]) -> str:
    fmt = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    lines = ["", "Pair sets (held-out quarters; model = NLI argmax, forced 2-way where a set has no NEI; verdict = "
             "the learned decision; rule = the fallback rule on the same signals; verdicts on at most 1,500 pairs):",
             "", "| run | n | scoring | model acc | model macro-F1 | verdict acc | verdict macro-F1 | verdict 2-way | "
             "rule acc | rule macro-F1 | rule 2-way | verdict false alarms / rule false alarms |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        if r["kind"] != "pairs":
            continue
        m = r["metrics"]
        v, ru, mo = m["verdict"], m["rule"], m["model"]
        lines.append(
            f"| {r['name']} | {m['n']} | {m['mode']} | {fmt(mo['accuracy'])} | {fmt(mo['macro_f1'])} | "
            f"{fmt(v['accuracy'])} | {fmt(v['macro_f1'])} | {fmt(v.get('two_way_accuracy'))} | {fmt(ru['accuracy'])} | "
            f"{fmt(ru['macro_f1'])} | {fmt(ru.get('two_way_accuracy'))} | {v['false_alarms']} / {ru['false_alarms']} |"
        )
    return "\n".join(lines) + "\n"
