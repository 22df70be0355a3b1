"""The training mix: rule-made pairs, splits kept apart, evaluation sets and NC data never read."""

from __future__ import annotations

import random

import pytest

from factcheck.errors import DataError
from factcheck.sources import SOURCES, NLIPair, read_pairs
from factcheck.splits import quarter, split_of
from factcheck.training import augment, mix
from tests.conftest import shared

DOC = [
    "The bridge, which opened in 1998, carries about 40,000 vehicles a day across the river.",
    "Engineers from Denmark designed its 1,624 metre main span over six years.",
    "The city council approved a toll increase in March 2021 after a long debate.",
    "Traffic fell by 12% during the first winter of the new toll scheme.",
]


def test_synthetic_mutations_change_what_they_say():
    rng = random.Random(0)
    changed = augment._changed_number(DOC[0], rng)
    assert changed and changed != DOC[0] and "1998" in changed  # a count changed, not the year
    year = augment._changed_year(DOC[0], rng)
    assert year and "1998" not in year
    assert augment._changed_duration(DOC[1], rng) != DOC[1] and "six years" not in augment._changed_duration(
        DOC[1], rng
    )
    unit = augment._changed_unit("Traffic fell by 12 km during the winter of the new scheme.", rng)
    assert unit and "12 miles" in unit
    assert augment._negated("The council is planning a new toll.", rng) == "The council is not planning a new toll."
    long = "The city council approved a toll increase in March 2021, which angered many commuters."
    assert augment._deleted_clause(long, rng) == "The city council approved a toll increase in March 2021."
    assert augment._deleted_clause("The span (1,624 metres) is the longest in the whole region.", rng) == (
        "The span is the longest in the whole region."
    )
    assert augment._changed_number("No figures at all in this sentence here.", rng) is None
    assert augment._changed_number("SARS-CoV-2 spreads by droplets and aerosols in rooms.", rng) is None
    assert augment._changed_number("The show starts at 8:00 p.m. every day of the week.", rng) is None  # a time


def test_synthetic_pairs_are_balanced_and_labelled():
    docs = [DOC, [s.replace("bridge", "tunnel") for s in DOC], [s.replace("river", "bay") for s in DOC]]
    pairs = augment.synthetic(docs * 5, random.Random(1), n=40)
    assert {p.label for p in pairs} == {"contradiction", "entailment", "neutral"}
    for p in pairs:
        if p.label == "contradiction" or p.source == "synthetic-topic":
            assert p.hypothesis not in p.premise  # something was changed


ENTAILED = [
    NLIPair("Russia signed the treaty with North Korea in 2000, after talks in Pyongyang.",
            "Russia signed the treaty in 2000.", "entailment", "t", "k1"),
    NLIPair("The port handled 26,412 containers in 2023, its busiest year.",
            "The port handled 26,412 containers in 2023.", "entailment", "t", "k2"),
]  # fmt: skip


def test_contrastive_twins_flip_with_one_shared_edit():
    out = augment.contrastive(ENTAILED * 3, random.Random(0), n=30, names=["Alan Turing", "Ada Lovelace"])
    by_key: dict[str, list[NLIPair]] = {}
    for p in out:
        by_key.setdefault(p.key, []).append(p)
    assert by_key
    for group in by_key.values():
        labels = sorted(p.label for p in group)
        assert labels.count("contradiction") >= 1
        for p in group:
            original = next(e for e in ENTAILED if e.key == p.key)
            claim_edited = p.hypothesis != original.hypothesis
            evidence_edited = p.premise != original.premise
            # both sides edited the same way: still entailed; one side only: contradiction
            expected = "entailment" if claim_edited == evidence_edited else "contradiction"
            if p.source.startswith("contrast-") and p.source != "contrast-negation":
                assert p.label == expected, p


def test_nei_by_deletion_removes_the_deciding_figure():
    pair = NLIPair("Officials said the port handled 26,412 containers during the year.",
                   "The port handled 26,412 containers.", "entailment", "t", "k")  # fmt: skip
    out = augment.nei_by_deletion([pair], random.Random(0), n=5)
    assert out and out[0].label == "neutral" and "26,412" not in out[0].premise
    two = NLIPair("The port first opened to ships in 1901. It handled 26,412 containers last year.",
                  "The port handled 26,412 containers.", "entailment", "t", "k")  # fmt: skip
    out = augment.nei_by_deletion([two], random.Random(0), n=5)
    assert out and out[0].premise == "The port first opened to ships in 1901."
    dated = NLIPair("On 5 March 2020 the city had 79 cases.", "The city had cases on 5 March.", "entailment", "t", "k")
    assert augment.nei_by_deletion([dated], random.Random(0), n=5) == []  # a day of the month is not the fact


def test_aliases_stay_entailment():
    persons = frozenset({"Vladimir Putin"})
    pair = NLIPair("Vladimir Putin met the delegation in Pyongyang.", "Putin met the delegation.", "entailment", "t")
    assert augment._fuller_name(pair.hypothesis, pair.premise, persons) == "Vladimir Putin met the delegation."
    assert augment._fuller_name(pair.hypothesis, pair.premise, frozenset()) is None  # not known as a person
    assert augment._country_alias("Russia vetoed the resolution.") == "Moscow vetoed the resolution."
    assert augment._country_alias("Floods hit Russia last week.") is None  # a place, not an actor
    assert augment._country_alias("Russia's president spoke.") == "the Russian president spoke."
    rounded = augment.aliases([ENTAILED[1]], random.Random(0), n=5)
    claims = {p.label: p.hypothesis for p in rounded if p.source == "alias-round"}
    assert claims == {"entailment": "The port handled more than 26,000 containers in 2023.",
                      "contradiction": "The port handled more than 28,000 containers in 2023."}  # fmt: skip


def test_quarters_are_fixed():
    assert quarter(0) == quarter("0")
    assert {quarter(i) for i in range(100)} == {0, 1, 2, 3}
    assert {split_of(i) for i in range(100)} == {"heldout", "dev", "train"}


def test_the_mix_refuses_evaluation_sets_and_unshippable_data(tmp_path):
    with pytest.raises(DataError, match="not found"):
        mix.build_mix(tmp_path / "nowhere")
    for name in ("fever-symmetric-v0.2", "fever-symmetric-v0.1", "climate-fever-pairs"):
        assert SOURCES[name].evaluation_only
    for name in ("averitec-train", "anli", "rte"):
        assert not SOURCES[name].shippable
    tmp_path.joinpath("data").mkdir()
    with pytest.raises(DataError, match="may not be in the shipped model's mix"):
        mix.build_mix(tmp_path / "data", mix.MixConfig(caps={"anli": None}))
    with pytest.raises(DataError, match="may not be in the shipped model's mix"):
        mix.build_mix(tmp_path / "data", mix.MixConfig(caps={"fever-symmetric-v0.1": None}))


@pytest.mark.shared_data
def test_evaluation_sets_have_no_train_split():
    data = shared("fever-symmetric").parent
    with pytest.raises(DataError, match="evaluation set"):
        read_pairs("fever-symmetric-v0.1", data, "train")
    assert len(read_pairs("fever-symmetric-v0.2", data, "heldout")) == 708


@pytest.mark.shared_data
def test_readers_drop_exclude_rows_and_keep_related_items_together():
    data = shared("sufficient-facts").parent
    pairs = read_pairs("sufficient-facts", data)
    assert "UNESCO's City of Literature program was launched in 2011." not in {p.hypothesis for p in pairs}
    averitec = read_pairs("averitec-train", data)
    assert "Hydroxychloroquine cures Covid-19." not in {p.hypothesis for p in averitec}
    vitaminc = read_pairs("vitaminc", data)
    split_by_claim: dict[str, set[str]] = {}
    for p in vitaminc:
        split_by_claim.setdefault(p.hypothesis, set()).add(split_of(p.key))
    crossing = sum(len(s) > 1 for s in split_by_claim.values())
    assert crossing < 0.01 * len(split_by_claim)  # a page's revisions and twins stay in one split


@pytest.mark.slow
@pytest.mark.shared_data
def test_mix_keeps_held_out_and_dev_pairs_apart():
    data = shared("scifact/claims_train.jsonl").parents[1]
    train = mix.build_mix(data, mix.MixConfig(snli_pairs=100, real_limit=4000))
    dev = mix.dev_pairs(data)
    train_keys = {(p.premise, p.hypothesis) for p in train}
    assert not [p for p in dev if (p.premise, p.hypothesis) in train_keys]
    hyps = {mix.claim_key(p.hypothesis) for p in train if p.source != "snli"}
    for name in ("fm2", "vitaminc", "mnli", "healthver", "scifact", "sufficient-facts", "check-covid"):
        held = {mix.claim_key(p.hypothesis) for p in read_pairs(name, data, "heldout")}
        assert not held & hyps, name  # not under this source's name, nor under another's
    for name in ("fever-symmetric-v0.2", "fever-symmetric-v0.1", "climate-fever-pairs"):
        assert not {mix.claim_key(p.hypothesis) for p in read_pairs(name, data)} & hyps, name
    assert not mix.measured_claims(data) & hyps
    assert {p.source for p in dev} >= {"vitaminc", "fm2", "healthver", "covidfact"}
