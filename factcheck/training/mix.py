"""The training mix of the shipped NLI model (v3).

:func:`build_mix` samples ``(premise, hypothesis, label)`` pairs from every source of
:data:`factcheck.sources.SOURCES` whose licence allows shipping a derived model, takes only their
**train** split (quarters 2 and 3 of :mod:`factcheck.splits`; COVID-Fact's ``train.tsv``), caps
each source so that none dominates, adds SNLI replay, and adds pairs made by rules from the real
train pairs (:mod:`factcheck.training.augment`: contrastive twins, NOT_ENOUGH_INFO by deletion,
aliases and rounded figures that stay entailment, single-sentence edits).  Everything is seeded.

Never read here: Climate-FEVER and FEVER-Symmetric (evaluation sets in every version), the
held-out and dev quarters of every source, and the sources whose licence does not allow
shipping a model trained on them (AVeriTeC and ANLI, CC BY-NC 4.0; RTE, research use only).
A claim that one of those measures is left out of every source's train split too
(:func:`measured_claims`: sources share claims).

:func:`dev_pairs` is the **dev split**: quarter 1 of the shippable fact-checking sources and
COVID-Fact's ``dev.tsv``, a seeded sample of at most :data:`DEV_CAP` pairs per source.  The
calibration, the verdict thresholds (by the mean of per-source macro-F1) and the ablations are
measured on it.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DataError
from factcheck.lexical import split_sentences
from factcheck.sources import SOURCES, NLIPair, read_pairs, read_splits
from factcheck.training import augment

logger = logging.getLogger(__name__)

#: Real sources of the mix, and how many train pairs of each (per label where a dict) at most.
#: ``None``: all of them.  A dict caps by label, or by ``source`` where its keys name one (FNC-1's
#: stances: its neutral pairs are mostly "unrelated", and "discuss" is the harder neutral).
DEFAULT_CAPS: dict[str, int | dict[str, int] | None] = {
    "vitaminc": None,
    "mnli": None,
    "fnc1": {"fnc1-agree": 3000, "fnc1-disagree": 1000, "fnc1-discuss": 2000, "fnc1-unrelated": 1000},
    "fm2": None,
    "fm2-nei": None,
    "check-covid": None,
    "wice": None,
    "sufficient-facts": None,
    "scitail": None,
    "scifact": None,
    "covidfact": None,
    "healthver": None,
    "factcheck-bench": {"entailment": 1000, "contradiction": 1000, "neutral": 700},
}
#: Components made by rules; each can be left out for an ablation.
COMPONENTS = ("contrastive", "nei", "alias", "synthetic")
#: Sources whose entailment pairs are edited by the rules (short, fact-like evidence).
AUGMENT_FROM = ("vitaminc", "fm2", "check-covid", "scifact", "healthver", "covidfact", "factcheck-bench")
#: Dev pairs per source at most.
DEV_CAP = 600
#: Dev split sources (quarter 1 of these, and COVID-Fact's dev.tsv).
DEV_SOURCES = ("vitaminc", "mnli", "fnc1", "fm2", "check-covid", "wice", "sufficient-facts", "scitail",
               "scifact", "covidfact", "healthver", "factcheck-bench")  # fmt: skip


@dataclass(frozen=True)
class MixConfig:
    """Every knob of the mix; stamped into ``training.json``."""

    seed: int = 42
    snli_pairs: int = 20000
    caps: dict[str, int | dict[str, int] | None] = field(default_factory=lambda: dict(DEFAULT_CAPS))
    contrastive_pairs: int = 12000
    nei_pairs: int = 4000
    alias_pairs: int = 4000
    synthetic_pairs: int = 6000
    components: tuple[str, ...] = COMPONENTS
    #: Keep only this many real (non-SNLI, non-rule) pairs, sampled evenly: for small ablations.
    real_limit: int | None = None


def _capped(pairs: list[NLIPair], cap: int | dict[str, int] | None, rng: random.Random) -> list[NLIPair]:
    if cap is None:
        return list(pairs)
    if isinstance(cap, int):
        return rng.sample(pairs, min(cap, len(pairs)))
    by_label: dict[str, list[NLIPair]] = defaultdict(list)
    for p in pairs:
        by_label[p.source if p.source in cap else p.label].append(p)
    out = []
    for label, items in sorted(by_label.items()):
        limit = cap.get(label)
        out.extend(items if limit is None else rng.sample(items, min(limit, len(items))))
    return out


def claim_key(text: str) -> str:
    """A claim as compared across sources: case, spacing and final full stop ignored."""
    return " ".join(text.lower().split()).rstrip(" .")


def measured_claims(data: Path, splits: Mapping[str, Mapping[str, list[NLIPair]]] | None = None) -> frozenset[str]:
    """The claims (hypotheses) that some measurement reads: the dev and held-out quarters of every
    source, and all of every evaluation set.

    Sources share claims (SufficientFacts reuses VitaminC's and HoVer's, a claim recurs on other
    pages), so a claim held out of one source can sit in another's train split; the mix drops
    those, and a held-out claim is never trained on under any source's name.
    """
    if splits is None:
        splits = source_splits(data)
    return frozenset(
        claim_key(p.hypothesis)
        for by_split in splits.values()
        for split in ("dev", "heldout")
        for p in by_split.get(split, ())
    )


def source_splits(data: Path) -> dict[str, dict[str, list[NLIPair]]]:
    """Every split of every source in ``data`` but SNLI, each source read once."""
    return {name: read_splits(name, data) for name, source in SOURCES.items()
            if name != "snli" and (data / source.folder).is_dir()}  # fmt: skip


def real_pairs(
    data: Path,
    config: MixConfig,
    rng: random.Random,
    *,
    measured: frozenset[str] = frozenset(),
    splits: Mapping[str, Mapping[str, list[NLIPair]]] | None = None,
) -> dict[str, list[NLIPair]]:
    """The train split of every real source in ``config.caps``, without the ``measured`` claims,
    capped, by source."""
    out = {}
    for name, cap in config.caps.items():
        source = SOURCES[name]
        if not source.shippable or source.evaluation_only:
            raise DataError(f"{name} may not be in the shipped model's mix ({source.licence})")
        train = splits[name]["train"] if splits and name in splits else read_pairs(name, data, "train")
        kept = [p for p in train if claim_key(p.hypothesis) not in measured]
        if len(kept) < len(train):
            logger.info(
                "mix: %s: %d train pairs left out, their claim is measured elsewhere", name, len(train) - len(kept)
            )
        pairs = _capped(kept, cap, rng)
        out[name] = pairs
        logger.info("mix: %s %d train pairs", name, len(pairs))
    return out


def rule_pairs(
    real: dict[str, list[NLIPair]], config: MixConfig, rng: random.Random, *, scale: float = 1.0
) -> list[NLIPair]:
    """Pairs made by the rules of :mod:`~factcheck.training.augment` from the real train pairs.

    ``scale`` shrinks every component's count (a small ablation keeps the full mix's shares).
    """
    base = [p for name in AUGMENT_FROM for p in real.get(name, [])]
    want = {k: round(v * scale) for k, v in (("contrastive", config.contrastive_pairs), ("nei", config.nei_pairs),
                                              ("alias", config.alias_pairs), ("synthetic", config.synthetic_pairs))}  # fmt: skip
    out: list[NLIPair] = []
    persons: frozenset[str] = frozenset()
    if {"contrastive", "alias"} & set(config.components):
        entail = [p for p in base if p.label == "entailment"]
        persons = augment.person_names([p.premise for p in entail] + [p.hypothesis for p in entail])
    names = augment.name_pool(p.premise for p in base)
    if "contrastive" in config.components:
        out += augment.contrastive(base, rng, n=want["contrastive"], names=names, persons=persons)
    if "nei" in config.components:
        out += augment.nei_by_deletion(base, rng, n=want["nei"])
    if "alias" in config.components:  # news headlines (FNC-1) add countries acting as governments
        everything = base + [p for name in ("fnc1", "mnli") for p in real.get(name, []) if p.label == "entailment"]
        out += augment.aliases(everything, rng, n=want["alias"], persons=persons)
    if "synthetic" in config.components:
        documents = [split_sentences(p.premise) for p in dict.fromkeys(base, None) if len(p.premise) > 80]
        out += augment.synthetic(documents, rng, n=want["synthetic"])
    return out


def build_mix(data: str | Path, config: MixConfig | None = None) -> list[NLIPair]:
    """Every training pair of the recipe, in a seeded order."""
    config = config or MixConfig()
    data = Path(data)
    if not data.is_dir():
        raise DataError(f"data folder not found: {data} (expected ../shared/data)")
    unknown = set(config.components) - set(COMPONENTS)
    if unknown:
        raise DataError(f"unknown mix component(s) {sorted(unknown)}; known: {', '.join(COMPONENTS)}")
    rng = random.Random(config.seed)
    splits = source_splits(data)  # each source read once, for the train split and the measured claims
    measured = measured_claims(data, splits)
    real = real_pairs(data, config, rng, measured=measured, splits=splits)
    scale = 1.0
    if config.real_limit is not None:  # an ablation: an even sample of every source
        total = sum(len(v) for v in real.values())
        scale = min(1.0, config.real_limit / max(1, total))
        real = {k: rng.sample(v, max(1, round(len(v) * scale))) for k, v in real.items()}
    pairs = [p for v in real.values() for p in v]
    made = rule_pairs(real, config, rng, scale=scale)
    pairs += [p for p in made if claim_key(p.hypothesis) not in measured]  # an edit can land on one
    if config.snli_pairs:
        snli = read_pairs("snli", data)
        pairs += rng.sample(snli, min(round(config.snli_pairs * scale), len(snli)))
    rng.shuffle(pairs)
    return pairs


def dev_pairs(data: str | Path, *, seed: int = 42, cap: int = DEV_CAP) -> list[NLIPair]:
    """The dev split (module docstring): real pairs never trained on, at most ``cap`` per source."""
    data = Path(data)
    rng = random.Random(seed)
    out: list[NLIPair] = []
    for name in DEV_SOURCES:
        if not (data / SOURCES[name].folder).is_dir():
            logger.warning("dev split: %s is missing from %s; left out", name, data)
            continue
        pairs = read_pairs(name, data, "dev")
        if name == "fnc1":  # FNC-1 is 90 % neutral: keep its rare stances, a third neutral
            neutral = [p for p in pairs if p.label == "neutral"]
            other = [p for p in pairs if p.label != "neutral"]
            other = rng.sample(other, min(len(other), 2 * cap // 3))
            pairs = other + rng.sample(neutral, min(len(neutral), cap - len(other)))
        pairs = rng.sample(pairs, min(cap, len(pairs)))
        out += [NLIPair(p.premise, p.hypothesis, p.label, name, p.key, p.binary) for p in pairs]
    if not out:
        raise DataError(f"no dev pairs: none of {', '.join(DEV_SOURCES)} is in {data}")
    return out


def describe_mix(pairs: Sequence[NLIPair]) -> dict[str, dict[str, int]]:
    """Counts by source and label, for ``training.json`` and the model card."""
    out: dict[str, Counter[str]] = {}
    for p in pairs:
        out.setdefault(p.source, Counter())[p.label] += 1
    return {k: dict(sorted(v.items())) for k, v in sorted(out.items())}


if __name__ == "__main__":  # pragma: no cover - a quick look at the mix
    import sys

    logging.basicConfig(level=logging.INFO)
    mix = build_mix(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    print(json.dumps(describe_mix(mix), indent=1))
    print(len(mix))
