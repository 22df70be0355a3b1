"""Readers of the fact-verification sets added for the v3 verifier.

VitaminC, Fool Me Twice, Check-COVID, WiCE, SufficientFacts and AVeriTeC train, as
:class:`~factcheck.sources.base.NLIPair` (SUPPORTS → entailment, REFUTES → contradiction,
NOT ENOUGH INFO → neutral).  Each pair's ``key`` groups what must stay in one split:

==================  ==========================================================================
source              key
==================  ==========================================================================
vitaminc            the Wikipedia page (its revisions, claims and contrastive twins together)
fm2                 the Wikipedia page
check-covid         the claim id without its ``_N`` suffix (one composed claim and its edits)
wice                the claim's Wikipedia article
sufficient-facts    the claim
averitec-train      the claim
==================  ==========================================================================
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.lexical import best_windows, detokenize
from factcheck.sources.base import NLIPair, excluded_claims, jsonl, need, window_text

_FACT = {"supports": "entailment", "support": "entailment", "supported": "entailment",
         "refutes": "contradiction", "refute": "contradiction", "refuted": "contradiction",
         "not enough info": "neutral", "notenoughinfo": "neutral", "not enough evidence": "neutral"}  # fmt: skip


def _fact_label(raw: object) -> str | None:
    return _FACT.get(str(raw).strip().lower().replace("_", " "))


def vitaminc(data: Path) -> list[NLIPair]:
    """VitaminC "real" (Wikipedia revisions), 34,481 pairs, with its 300-row train sample."""
    root = data / "vitaminc"
    out = []
    for row in jsonl(root / "real_test.jsonl"):
        label = _fact_label(row.get("label"))
        if label and row.get("claim") and row.get("evidence"):
            claim, evidence = detokenize(str(row["claim"])), detokenize(str(row["evidence"]))
            out.append(NLIPair(evidence, claim, label, "vitaminc", str(row.get("page") or row.get("case_id"))))
    for i in range(5):
        path = root / f"train_{i}.jsonl"
        if not path.is_file():
            continue
        for row in jsonl(path):
            label = _fact_label(row.get("label"))
            if label and row.get("claim") and row.get("evidence"):
                claim, evidence = detokenize(str(row["claim"])), detokenize(str(row["evidence"]))
                out.append(NLIPair(evidence, claim, label, "vitaminc", str(row.get("id", claim))))
    return out


def fm2(data: Path, *, with_nei: bool = False) -> list[NLIPair]:
    """Fool Me Twice dev: claims written to fool, against their gold Wikipedia evidence.

    With ``with_nei``, only NOT_ENOUGH_INFO pairs made for each claim: the retrieved sentence of
    the same page that is not gold evidence and shares most words with the claim (a hard negative;
    source ``fm2-nei``).
    """
    out = []
    for row in jsonl(data / "fm2" / "dev.jsonl"):
        label = _fact_label(row.get("label"))
        gold = [str(e.get("text", "")).strip() for e in row.get("gold_evidence") or []]
        gold = [g for g in gold if g]
        if not label or not gold or not row.get("text"):
            continue
        claim, key = str(row["text"]), str(row.get("wikipedia_page") or row.get("id"))
        if not with_nei:
            out.append(NLIPair(" ".join(gold), claim, label, "fm2", key))
        else:
            others = [str(e.get("text", "")).strip() for e in row.get("retrieved_evidence") or []]
            others = [o for o in others if o and o not in gold and len(o.split()) >= 6]
            if others:
                best = best_windows(claim, others, size=1)[0][0]
                out.append(NLIPair(others[best], claim, "neutral", "fm2-nei", key))
    return out


def fm2_nei(data: Path) -> list[NLIPair]:
    """The NOT_ENOUGH_INFO hard negatives of :func:`fm2` (training material, never a benchmark)."""
    return fm2(data, with_nei=True)


def check_covid(data: Path) -> list[NLIPair]:
    """Check-COVID train and dev: news claims against sentences of CORD-19 abstracts."""
    root = data / "check-covid"
    corpus = {}
    with need(root / "corpus.json").open(encoding="utf-8") as handle:
        text = handle.read()
    docs = (
        json.loads(text) if text.lstrip().startswith("[") else [json.loads(x) for x in text.splitlines() if x.strip()]
    )
    for doc in docs:
        corpus[str(doc["cord_id"])] = [str(s) for s in doc.get("abstract") or []]
    out = []
    for name in ("covidCheck_train_composed+extracted.json", "covidCheck_dev_composed+extracted.json"):
        for row in jsonl(root / name):
            label = _fact_label(row.get("label"))
            sentences = corpus.get(str(row.get("cord_id")))
            if not label or not sentences or not row.get("claim"):
                continue
            premise = window_text(sentences, [int(e["sent_index"]) for e in row.get("evidence_set") or []])
            if premise:
                key = str(row["id"]).rsplit("_", 1)[0]
                out.append(NLIPair(premise, str(row["claim"]).strip(), label, "check-covid", key))
    return out


def _wice_rows(path: Path) -> list[dict]:
    rows = []
    for row in jsonl(path):
        for field in ("evidence", "supporting_sentences", "meta"):
            if isinstance(row.get(field), str):  # the token-level train file stores Python literals
                import ast

                row[field] = ast.literal_eval(row[field])
        rows.append(row)
    return rows


def wice(data: Path) -> list[NLIPair]:
    """WiCE: Wikipedia claims against the web article they cite.

    ``supported`` → entailment; ``partially_supported`` and ``not_supported`` → neutral (WiCE says
    "not supported by this article", never "contradicted").  The premise is the annotated supporting
    sentences (every set of them), or, where there are none, the two sentences sharing most words
    with the claim.  The token-level train subset (all partially supported) is included.
    """
    root = data / "wice"
    out = []
    for name in ("dev.jsonl", "non_supported_tokens_train.jsonl"):
        path = root / name
        if not path.is_file():
            continue
        for row in _wice_rows(path):
            raw = str(row.get("label", ""))
            label = {"supported": "entailment", "partially_supported": "neutral", "not_supported": "neutral"}.get(raw)
            sentences = [str(s) for s in row.get("evidence") or []]
            if not label or not sentences or not row.get("claim"):
                continue
            idx = [int(i) for group in row.get("supporting_sentences") or [] for i in group]
            if not idx:
                idx = best_windows(str(row["claim"]), sentences, size=2)[0]
            premise = window_text(sentences, idx[:8])
            meta = row.get("meta") or {}
            key = str(meta.get("claim_title") or meta.get("id") or row["claim"])
            if premise:
                out.append(NLIPair(premise, str(row["claim"]), label, "wice", key))
    return out


def sufficient_facts(data: Path) -> list[NLIPair]:
    """SufficientFacts (VitaminC and HoVer parts): evidence with a constituent removed.

    ``label_after`` NOT ENOUGH → neutral; ENOUGH -- * → the label before the removal.  The claims
    the folder's EXCLUDE file lists (from VitaminC's FEVER-derived test) are dropped.
    """
    root = data / "sufficient-facts"
    excluded = excluded_claims(root)
    out = []
    for name in ("vitaminc_sufficient_facts.jsonl", "hover_sufficient_facts.jsonl"):
        for row in jsonl(root / name):
            claim = str(row.get("claim", "")).strip()
            if not claim or claim in excluded:
                continue
            after = str(row.get("label_after", ""))
            label = "neutral" if after.startswith("NOT ENOUGH") else _fact_label(row.get("label_before"))
            premise = " ".join(detokenize(str(e[1])) for e in row.get("evidence") or [] if len(e) > 1)
            if label and premise:
                # Keyed by the detokenized claim: both parts hold some claims, tokenized differently,
                # and one claim must fall in one split.
                hypothesis = detokenize(claim)
                out.append(NLIPair(premise, hypothesis, label, "sufficient-facts", hypothesis))
    return out


def averitec_train(data: Path) -> list[NLIPair]:
    """AVeriTeC train: real-world claims against their question-answer evidence (CC BY-NC 4.0).

    The premise is the answers (with their boolean explanations) in question order; Conflicting
    claims and the EXCLUDE rows are dropped.
    """
    root = data / "averitec-train"
    excluded = excluded_claims(root)
    with need(root / "train.json").open(encoding="utf-8") as handle:
        rows = json.load(handle)
    out = []
    for row in rows:
        claim = str(row.get("claim", "")).strip()
        label = _fact_label(row.get("label"))
        if not claim or claim in excluded or not label:
            continue
        parts = []
        for qa in row.get("questions") or []:
            for answer in qa.get("answers") or []:
                if answer.get("answer_type") == "Unanswerable":
                    continue
                text = str(answer.get("answer", "")).strip()
                if answer.get("boolean_explanation"):
                    text = f"{text}. {answer['boolean_explanation']}"
                if text:
                    parts.append(text if text.endswith((".", "!", "?")) else text + ".")
        if parts:
            out.append(NLIPair(" ".join(parts)[:3000], claim, label, "averitec-train", claim))
    return out
