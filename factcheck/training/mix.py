"""The fact-checking training mix of the shipped NLI model.

:func:`build_mix` turns the sets of ``../shared/data`` that may be trained on into
``(premise, hypothesis, label)`` pairs, adds synthetic pairs made from real evidence
sentences, and returns them in a seeded order.  Every source is documented here and counted
in the model's ``training.json``:

=====================  ====================================================================
source                 pairs
=====================  ====================================================================
``snli``               a seeded sample of ``snli/train_100k.jsonl`` (replay, keeps the
                       general NLI skill of the starting model)
``scifact``            SciFact train claims against their rationale sentences (SUPPORT →
                       entailment, CONTRADICT → contradiction) and against other sentences of
                       the cited abstracts (neutral).  Claims of the fixed held-out quarter
                       (``sha256(str(id)) mod 4 == 0``) and the abstracts they cite are never
                       used
``covidfact``          COVID-Fact ``RTE-covidfact/train.tsv`` (entailment / not_entailment →
                       contradiction: its negatives are refuted counter-claims)
``healthver``          HealthVer dev pairs of the claims in quarters 2 and 3 (``sha256(claim)
                       mod 4``); quarter 0 is held out for evaluation, quarter 1 is the
                       calibration dev split
``fever-symmetric``    FEVER-Symmetric v0.1 (full and generated) minus every pair whose claim
                       or evidence sentence also occurs in v0.2 dev, which is a dev set, and
                       minus quarter 1 of its claims (calibration dev split)
``factcheck-bench``    Factcheck-Bench stance pairs (completely-support → entailment, refute →
                       contradiction, irrelevant → neutral; partially-support is left out),
                       minus quarter 1 of its claims (calibration dev split)
``synthetic``          made from real evidence sentences of the sources above: a changed
                       number, year, duration, unit, name or an inserted negation
                       (contradiction), a clause deleted (entailment), another sentence of the
                       same document (neutral)
=====================  ====================================================================

Climate-FEVER and FEVER-Symmetric v0.2 dev are dev sets and are never read here.

:func:`dev_pairs` returns the **calibration dev split**, never trained on: quarter 1 of the
HealthVer, FEVER-Symmetric v0.1 and Factcheck-Bench claims, and COVID-Fact's
``RTE-covidfact/dev.tsv``.  The temperature of the NLI model, the calibration of the verdict
confidence and the NOT_ENOUGH_INFO threshold are fitted on it (:mod:`factcheck.calibration`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from factcheck.errors import DataError
from factcheck.evaluation.readers import detokenize
from factcheck.training.nli import NLIPair

#: Sources that may never be trained on (dev sets of the project's numbers).
FORBIDDEN = ("climate-fever", "symmetric_v0.2")


def quarter(key: object) -> int:
    """The fixed quarter (0-3) a claim falls in; quarter 0 is held out everywhere."""
    return int(hashlib.sha256(str(key).encode()).hexdigest(), 16) % 4


def _jsonl(path: Path) -> Iterator[dict]:
    # not factcheck.jsonl.iter_records: an empty file (nothing to exclude) is fine here
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _need(path: Path) -> Path:
    if not path.exists():
        raise DataError(f"training data not found: {path}")
    if any(f in str(path) for f in FORBIDDEN):
        raise DataError(f"{path} is a dev set of the project's evaluation and must not be trained on")
    return path


# --------------------------------------------------------------------------- real pairs


def snli(data: Path, n: int, rng: random.Random) -> list[NLIPair]:
    from factcheck.training.nli import read_nli_jsonl

    pairs = read_nli_jsonl(_need(data / "snli" / "train_100k.jsonl"))
    rng.shuffle(pairs)
    return [NLIPair(p.premise, p.hypothesis, p.label, "snli") for p in pairs[:n]]


def _sentences_of(doc: dict) -> list[str]:
    return [s.strip() for s in doc.get("abstract", []) if s.strip()]


def scifact(data: Path, rng: random.Random) -> tuple[list[NLIPair], dict[str, list[str]]]:
    """Pairs from the training three quarters of SciFact train, and their abstracts' sentences."""
    root = data / "scifact"
    corpus = {str(d["doc_id"]): d for d in _jsonl(_need(root / "corpus.jsonl"))}
    claims = list(_jsonl(_need(root / "claims_train.jsonl")))
    held_docs = {str(d) for c in claims if quarter(c["id"]) == 0 for d in c.get("cited_doc_ids", [])}
    held_docs |= {str(d) for c in claims if quarter(c["id"]) == 0 for d in c.get("evidence", {})}
    pairs: list[NLIPair] = []
    docs: dict[str, list[str]] = {}
    for claim in claims:
        if quarter(claim["id"]) == 0:
            continue
        text = claim["claim"]
        evidence = claim.get("evidence") or {}
        cited = [str(d) for d in claim.get("cited_doc_ids", [])]
        for doc_id in cited:
            if doc_id in held_docs or doc_id not in corpus:
                continue
            sents = _sentences_of(corpus[doc_id])
            docs[doc_id] = sents
            used: set[int] = set()
            for ev in evidence.get(doc_id, []):
                idx = [i for i in ev["sentences"] if i < len(sents)]
                if not idx:
                    continue
                used.update(idx)
                premise = " ".join(sents[i] for i in idx)
                label = "entailment" if ev["label"].upper().startswith("SUPPORT") else "contradiction"
                pairs.append(NLIPair(premise, text, label, "scifact"))
            others = [i for i in range(len(sents)) if i not in used and all(abs(i - j) > 0 for j in used)]
            for i in rng.sample(others, min(len(others), 2 if not evidence else 1)):
                window = " ".join(sents[i : i + 2])
                pairs.append(NLIPair(window, text, "neutral", "scifact"))
    return pairs, docs


def covidfact(data: Path, split: str = "train") -> tuple[list[NLIPair], list[str]]:
    path = _need(data / "covidfact" / "RTE-covidfact" / f"{split}.tsv")
    pairs, evidence = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            premise = (row.get("sentence1") or "").replace(" > ", " ").strip()
            hypothesis = (row.get("Sentence2") or row.get("sentence2") or "").strip()
            label = (row.get("label") or row.get("entailment") or "").strip()  # dev.tsv names it "entailment"
            if not premise or not hypothesis or label not in ("entailment", "not_entailment"):
                continue
            pairs.append(
                NLIPair(premise, hypothesis, "entailment" if label == "entailment" else "contradiction", "covidfact")
            )
            evidence.append(premise)
    return pairs, evidence


_HEALTHVER = {"supports": "entailment", "refutes": "contradiction", "neutral": "neutral"}


TRAIN_QUARTERS = (2, 3)
DEV_QUARTER = 1


def healthver(data: Path, quarters: tuple[int, ...] = TRAIN_QUARTERS) -> list[NLIPair]:
    path = _need(data / "healthver" / "healthver_dev.csv")
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if quarter(row["claim"].strip()) not in quarters:
                continue
            label = _HEALTHVER.get(row["label"].strip().lower())
            if label:
                pairs.append(NLIPair(row["evidence"].strip(), row["claim"].strip(), label, "healthver"))
    return pairs


def fever_symmetric(data: Path, quarters: tuple[int, ...] = (0, 2, 3)) -> list[NLIPair]:
    root = data / "fever-symmetric"
    dev = list(_jsonl(root / "symmetric_v0.2" / "fever_symmetric_dev.jsonl"))  # read only to exclude it
    seen = {r["claim"] for r in dev} | {r.get("evidence", "") for r in dev}
    pairs, keys = [], set()
    for name in ("fever_symmetric_full.jsonl", "fever_symmetric_generated.jsonl"):
        for row in _jsonl(_need(root / "symmetric_v0.1" / name)):
            claim, evidence = row["claim"], row["evidence_sentence"]
            if claim in seen or evidence in seen or (claim, evidence) in keys or quarter(claim) not in quarters:
                continue
            keys.add((claim, evidence))
            label = "entailment" if row["label"] == "SUPPORTS" else "contradiction"
            pairs.append(NLIPair(detokenize(evidence), detokenize(claim), label, "fever-symmetric"))
    return pairs


_STANCE = {"completely-support": "entailment", "refute": "contradiction", "irrelevant": "neutral"}


def factcheck_bench(
    data: Path, rng: random.Random, max_neutral: int = 700, quarters: tuple[int, ...] = (0, 2, 3)
) -> list[NLIPair]:
    path = _need(data / "factcheck-bench" / "subtasks" / "subtask3_claim_evidence_stance.jsonl")
    pairs, neutral = [], []
    for row in _jsonl(path):
        label = _STANCE.get(str(row.get("stance")))
        if not label or not row.get("evidence") or not row.get("claim") or quarter(row["claim"]) not in quarters:
            continue
        pair = NLIPair(str(row["evidence"])[:2000], str(row["claim"]), label, "factcheck-bench")
        (neutral if label == "neutral" else pairs).append(pair)
    rng.shuffle(neutral)
    return pairs + neutral[:max_neutral]


# --------------------------------------------------------------------------- synthetic pairs

_RE_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![.,]?\d|[A-Za-z/-])")
_RE_YEAR = re.compile(r"\b(1[89]\d\d|20[0-2]\d)\b")
_RE_DURATION = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(years?|months?|weeks?|days?|decades?)\b"
)
_UNIT_SWAPS = {
    "%": " percentage points",
    "km": "miles",
    "kilometres": "miles",
    "kilometers": "miles",
    "miles": "kilometres",
    "kg": "tonnes",
    "tonnes": "kilograms",
    "tons": "kilograms",
    "mg": "micrograms",
    "ml": "litres",
    "hours": "days",
    "days": "weeks",
    "weeks": "months",
    "months": "years",
    "years": "months",
    "million": "billion",
    "billion": "million",
    "thousand": "million",
    "percent": "times",
}
_RE_UNIT = re.compile(
    r"(?<=\d)\s?(" + "|".join(re.escape(u) for u in sorted(_UNIT_SWAPS, key=len, reverse=True)) + r")\b"
)
_NEGATIONS = (
    (re.compile(r"\b(is|are|was|were|has|have|had|can|will|did|does|do)\b (?!not\b)"), r"\1 not "),
    (re.compile(r"\bincreased\b"), "decreased"),
    (re.compile(r"\bdecreased\b"), "increased"),
    (re.compile(r"\bhigher\b"), "lower"),
    (re.compile(r"\blower\b"), "higher"),
    (re.compile(r"\bmore\b"), "fewer"),
    (re.compile(r"\bincreases\b"), "reduces"),
    (re.compile(r"\breduces\b"), "increases"),
    (re.compile(r"\bbefore\b"), "after"),
    (re.compile(r"\bafter\b"), "before"),
)
_RE_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b")
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _other_number(raw: str, rng: random.Random) -> str | None:
    value = float(raw.replace(",", ""))
    if value == 0:
        return None
    factor = rng.choice((0.25, 0.4, 0.5, 2.0, 2.5, 3.0, 4.0, 10.0))
    new = value * factor
    if "." in raw:
        decimals = len(raw.split(".")[1])
        return f"{new:.{decimals}f}"
    new_int = round(new)
    if new_int == int(value):
        new_int += rng.choice((3, 7, 11))
    return f"{new_int:,}" if "," in raw else str(new_int)


def _changed_number(sentence: str, rng: random.Random) -> str | None:
    matches = [m for m in _RE_NUMBER.finditer(sentence) if not _RE_YEAR.fullmatch(m.group(1))]
    if not matches:
        return None
    m = rng.choice(matches)
    new = _other_number(m.group(1), rng)
    return None if new is None else sentence[: m.start(1)] + new + sentence[m.end(1) :]


def _changed_year(sentence: str, rng: random.Random) -> str | None:
    matches = list(_RE_YEAR.finditer(sentence))
    if not matches:
        return None
    m = rng.choice(matches)
    year = int(m.group(1)) + rng.choice((-12, -7, -4, -3, -2, 2, 3, 5, 9))
    return sentence[: m.start(1)] + str(year) + sentence[m.end(1) :]


def _changed_duration(sentence: str, rng: random.Random) -> str | None:
    m = _RE_DURATION.search(sentence)
    if not m:
        return None
    raw = m.group(1)
    value = _WORDS.get(raw.lower()) or int(raw)
    new = value + rng.choice((-10, -5, -2, 3, 6, 10)) if value > 10 else value * rng.choice((2, 3)) + 1
    if new <= 0 or new == value:
        new = value + 7
    return sentence[: m.start(1)] + str(new) + sentence[m.end(1) :]


def _changed_unit(sentence: str, rng: random.Random) -> str | None:
    m = _RE_UNIT.search(sentence)
    if not m:
        return None
    new = _UNIT_SWAPS[m.group(1)]
    sep = "" if new.startswith(" ") else " "
    return sentence[: m.start()] + sep + new.strip() + sentence[m.end() :]


def _negated(sentence: str, rng: random.Random) -> str | None:
    options = [(rx, repl) for rx, repl in _NEGATIONS if rx.search(sentence)]
    if not options:
        return None
    rx, repl = rng.choice(options)
    return rx.sub(repl, sentence, count=1)


def _changed_name(sentence: str, names: list[str], rng: random.Random) -> str | None:
    found = [m for m in _RE_NAME.finditer(sentence) if m.start() > 0]
    if not found or len(names) < 2:
        return None
    m = rng.choice(found)
    other = rng.choice(names)
    if other == m.group(1) or other in sentence:
        return None
    return sentence[: m.start(1)] + other + sentence[m.end(1) :]


def _deleted_clause(sentence: str, rng: random.Random) -> str | None:
    """A shorter sentence the original entails: drop a parenthesis or a trailing clause."""
    no_paren = re.sub(r"\s*\([^()]{1,120}\)", "", sentence)
    if no_paren != sentence and len(no_paren.split()) >= 6:
        return no_paren
    parts = re.split(r",\s+(?:which|who|while|and|as|with|after|when|although)\b", sentence, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= 6:
        return parts[0].rstrip(" ,;") + "."
    return None


_MUTATIONS = (
    ("number", _changed_number),
    ("year", _changed_year),
    ("duration", _changed_duration),
    ("unit", _changed_unit),
)


def _usable(sentence: str) -> bool:
    words = sentence.split()
    return 8 <= len(words) <= 60 and not sentence.isupper()


def synthetic(documents: Iterable[list[str]], rng: random.Random, *, n: int) -> list[NLIPair]:
    """Contradiction, entailment and neutral pairs made from real evidence sentences.

    ``documents`` are lists of sentences (one list per document).  The premise is always a real
    sentence (with its neighbour, half the time, so premises look like retrieval windows); the
    hypothesis is the sentence changed, shortened, or another sentence of the same document.
    """
    docs = [[s for s in doc if _usable(s)] for doc in documents]
    docs = [d for d in docs if d]
    names = sorted({m.group(1) for d in docs for s in d for m in _RE_NAME.finditer(s)})
    rng.shuffle(docs)
    pairs: list[NLIPair] = []
    counts: Counter[str] = Counter()
    target = {"contradiction": n // 2, "entailment": n // 4, "neutral": n - n // 2 - n // 4}
    for doc in (d for _ in range(4) for d in docs):  # up to four passes, a new sentence each time
        if all(counts[k] >= v for k, v in target.items()):
            break
        i = rng.randrange(len(doc))
        sentence = doc[i]
        premise = sentence
        if len(doc) > 1 and rng.random() < 0.5:
            j = i + 1 if i + 1 < len(doc) else i - 1
            premise = " ".join((sentence, doc[j]) if j > i else (doc[j], sentence))
        if counts["contradiction"] < target["contradiction"]:
            kinds = list(_MUTATIONS)
            rng.shuffle(kinds)
            # figures first, then names; a negation only where nothing else can change
            for kind, mutate in [*kinds, ("name", None), ("negation", _negated)]:
                changed = mutate(sentence, rng) if mutate else _changed_name(sentence, names, rng)
                if changed and changed != sentence:
                    pairs.append(NLIPair(premise, changed, "contradiction", f"synthetic-{kind}"))
                    counts["contradiction"] += 1
                    break
        if counts["entailment"] < target["entailment"]:
            shorter = _deleted_clause(sentence, rng)
            hypothesis = shorter or (sentence if rng.random() < 0.3 else None)
            if hypothesis:
                pairs.append(NLIPair(premise, hypothesis, "entailment", "synthetic-deletion"))
                counts["entailment"] += 1
        if counts["neutral"] < target["neutral"] and len(doc) > 2:
            far = [k for k in range(len(doc)) if abs(k - i) > 1]
            if far:
                pairs.append(NLIPair(premise, doc[rng.choice(far)], "neutral", "synthetic-topic"))
                counts["neutral"] += 1
    return pairs


_RE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def split_sentences(text: str) -> list[str]:
    """A cheap sentence split for synthetic data (no model needed)."""
    return [s.strip() for s in _RE_SPLIT.split(text) if s.strip()]


def build_mix(
    data: str | Path, *, seed: int = 42, snli_pairs: int = 20000, synthetic_pairs: int = 12000
) -> list[NLIPair]:
    """Every training pair of the fact-checking recipe, in a seeded order."""
    data = Path(data)
    if not data.is_dir():
        raise DataError(f"data folder not found: {data} (expected ../shared/data)")
    rng = random.Random(seed)
    sci, sci_docs = scifact(data, rng)
    cov, cov_evidence = covidfact(data)
    hv = healthver(data)
    fs = fever_symmetric(data)
    fcb = factcheck_bench(data, rng)
    documents: list[list[str]] = list(sci_docs.values())
    documents += [split_sentences(e) for e in dict.fromkeys(cov_evidence)]
    documents += [split_sentences(p.premise) for p in dict.fromkeys(hv, None) if len(p.premise) > 80]
    documents += [split_sentences(p.premise) for p in fcb if len(p.premise) > 200]
    syn = synthetic(documents, rng, n=synthetic_pairs)
    pairs = snli(data, snli_pairs, rng) + sci + cov + hv + fs + fcb + syn
    rng.shuffle(pairs)
    return pairs


def dev_pairs(data: str | Path, *, seed: int = 42) -> list[NLIPair]:
    """The calibration dev split (module docstring): real fact-checking pairs never trained on."""
    data = Path(data)
    rng = random.Random(seed)
    pairs = healthver(data, (DEV_QUARTER,))
    pairs += fever_symmetric(data, (DEV_QUARTER,))
    pairs += factcheck_bench(data, rng, max_neutral=200, quarters=(DEV_QUARTER,))
    pairs += covidfact(data, "dev")[0]
    return [NLIPair(p.premise, p.hypothesis, p.label, p.source + "-dev") for p in pairs]


def describe_mix(pairs: list[NLIPair]) -> dict[str, dict[str, int]]:
    """Counts by source and label, for ``training.json`` and the model card."""
    out: dict[str, Counter[str]] = {}
    for p in pairs:
        out.setdefault(p.source, Counter())[p.label] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


if __name__ == "__main__":  # pragma: no cover - a quick look at the mix
    import sys

    mix = build_mix(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    print(json.dumps(describe_mix(mix), indent=1))
    print(len(mix))
