"""Third-party labelled sets as NLI pairs, with their licence and their fixed split.

One registry, :data:`SOURCES`, names every set of ``../shared/data`` that the project reads as
``(evidence, claim, label)`` pairs, where it lives, its licence, whether weights trained on it
may be shipped (the shipped model is Apache-2.0 material), and whether it is an evaluation set
as a whole.  :func:`read_pairs` returns one split of a source (:mod:`factcheck.splits`):

    >>> from factcheck.sources import read_pairs
    >>> pairs = read_pairs("fm2", "../shared/data", "heldout")  # doctest: +SKIP

Both the training mix (:mod:`factcheck.training.mix`) and the evaluation harness read data
through here, so a held-out quarter is the same set of items everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DataError
from factcheck.sources.base import NLI_LABELS_TRAIN, NLIPair
from factcheck.splits import SPLITS, Split, split_of

__all__ = ["NLI_LABELS_TRAIN", "SOURCES", "NLIPair", "Source", "read_pairs"]


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    folder: str
    licence: str
    #: The licence allows redistributing a model trained on it (no NC, no research-only terms).
    shippable: bool
    #: An evaluation set as a whole: never trained or tuned on, and has no split.
    evaluation_only: bool = False
    #: Two-way labels (entailment vs not); its "neutral" means "not entailed".
    binary: bool = False
    note: str = ""


def _reader(name: str) -> Callable[[Path], list[NLIPair]]:
    from factcheck.sources import eval_sets, fact_sets, fnc1, nli_sets, science

    return {
        "vitaminc": fact_sets.vitaminc,
        "fm2": fact_sets.fm2,
        "fm2-nei": fact_sets.fm2_nei,
        "check-covid": fact_sets.check_covid,
        "wice": fact_sets.wice,
        "sufficient-facts": fact_sets.sufficient_facts,
        "averitec-train": fact_sets.averitec_train,
        "fnc1": fnc1.fnc1,
        "mnli": nli_sets.mnli,
        "scitail": nli_sets.scitail,
        "rte": nli_sets.rte,
        "anli": nli_sets.anli,
        "snli": nli_sets.snli,
        "healthver": science.healthver,
        "factcheck-bench": science.factcheck_bench,
        "fever-symmetric-v0.2": eval_sets.fever_symmetric_v02,
        "fever-symmetric-v0.1": eval_sets.fever_symmetric_v01,
        "climate-fever-pairs": eval_sets.climate_fever_pairs,
    }[name]


SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("vitaminc", "vitaminc", "CC BY-SA 3.0", True,
               note="VitaminC real test split + 300-row train sample; never reported as the VitaminC benchmark"),
        Source("mnli", "mnli", "OANC / permissive (MultiNLI data description)", True,
               note="MNLI dev-matched; never reported as the MNLI benchmark"),
        Source("fnc1", "fnc1", "unverified (FNC-1 data; UKP repo Apache-2.0)", True,
               note="headline vs best body window; agree/disagree/discuss+unrelated"),
        Source("fm2", "fm2", "Apache-2.0 (repo); Wikipedia text CC BY-SA", True, note="Fool Me Twice dev, gold evidence"),
        Source("fm2-nei", "fm2", "Apache-2.0 (repo); Wikipedia text CC BY-SA", True,
               note="Fool Me Twice claims vs a retrieved non-gold sentence of the page (NOT_ENOUGH_INFO)"),
        Source("check-covid", "check-covid", "MIT", True),
        Source("wice", "wice", "ODC-BY 1.0; Wikipedia and Common Crawl text", True),
        Source("sufficient-facts", "sufficient-facts", "MIT (dataset card); FEVER/HoVer/VitaminC text CC BY-SA", True),
        Source("scitail", "scitail", "Apache-2.0", True, binary=True),
        Source("rte", "rte", "research use only (PASCAL RTE via SuperGLUE)", False, binary=True),
        Source("averitec-train", "averitec-train", "CC BY-NC 4.0", False),
        Source("anli", "anli", "CC BY-NC 4.0", False),
        Source("snli", "snli", "CC BY-SA 4.0", True),
        Source("scifact", "scifact", "CC BY 4.0 (claims), ODC-By (abstracts)", True,
               note="train claims vs rationale sentences; train pairs never read an abstract of another split"),
        Source("covidfact", "covidfact", "unverified (not stated by the authors)", True,
               note="RTE-covidfact train.tsv is the train split, dev.tsv the dev split; no held-out pairs"),
        Source("healthver", "healthver", "unverified (not stated by the authors)", True),
        Source("factcheck-bench", "factcheck-bench", "Apache-2.0", True),
        Source("fever-symmetric-v0.2", "fever-symmetric", "CC BY-SA 3.0", True, evaluation_only=True, binary=True,
               note="v0.2 dev, 708 pairs"),
        Source("fever-symmetric-v0.1", "fever-symmetric", "CC BY-SA 3.0", True, evaluation_only=True, binary=True,
               note="v0.1 full + generated; repeats many v0.2 pairs"),
        Source("climate-fever-pairs", "climate-fever", "unverified; Wikipedia text CC BY-SA", True,
               evaluation_only=True, note="7,675 claim-sentence pairs"),
    )
}  # fmt: skip


def read_pairs(name: str, data: str | Path, split: Split | None = None) -> list[NLIPair]:
    """The pairs of source ``name`` in ``split`` (all of them when ``split`` is ``None``).

    An evaluation-only source has no split: asking for ``"train"`` or ``"dev"`` of it is an error,
    and ``"heldout"`` returns all of it.
    """
    if name not in SOURCES:
        raise DataError(f"unknown source {name!r}; known sources: {', '.join(sorted(SOURCES))}")
    if split is not None and split not in SPLITS:
        raise DataError(f"unknown split {split!r}; use one of {', '.join(SPLITS)}")
    source = SOURCES[name]
    root = Path(data)
    if not (root / source.folder).is_dir():
        raise DataError(f"{root / source.folder} not found: source {name!r} needs ../shared/data/{source.folder}")
    if name in ("scifact", "covidfact"):
        return _own_split(name, root, split)
    pairs = _reader(name)(root)
    if source.evaluation_only:
        if split in ("train", "dev"):
            raise DataError(f"{name} is an evaluation set: it has no {split} split and is never trained or tuned on")
        return pairs
    if split is None:
        return pairs
    return [p for p in pairs if split_of(p.key) == split]


def read_splits(name: str, data: str | Path) -> dict[str, list[NLIPair]]:
    """Every split of source ``name`` from one read: ``{split: pairs}`` (as :func:`read_pairs`
    gives them one split at a time; an evaluation-only source is all ``"heldout"``)."""
    if name in SOURCES and SOURCES[name].evaluation_only:
        return {"heldout": read_pairs(name, data, "heldout")}
    if name not in SOURCES or name in ("scifact", "covidfact"):  # split by file or by abstract
        return {split: read_pairs(name, data, split) for split in SPLITS}
    out: dict[str, list[NLIPair]] = {split: [] for split in SPLITS}
    for p in read_pairs(name, data):
        out[split_of(p.key)].append(p)
    return out


def _own_split(name: str, root: Path, split: Split | None) -> list[NLIPair]:
    """SciFact (abstracts of other splits kept out of training) and COVID-Fact (split by file)."""
    from factcheck.sources import science

    splits = SPLITS if split is None else (split,)
    if name == "scifact":
        return [p for s in splits for p in science.scifact(root, s)[0]]
    files = {"train": "train", "dev": "dev"}
    return [p for s in splits if s in files for p in science.covidfact(root, files[s])]
