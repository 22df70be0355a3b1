"""The fact-checking training mix: synthetic pairs, splits kept apart, dev sets never read."""

from __future__ import annotations

import random

import pytest

from factcheck.errors import DataError
from factcheck.training import mix
from tests.conftest import shared

DOC = [
    "The bridge, which opened in 1998, carries about 40,000 vehicles a day across the river.",
    "Engineers from Denmark designed its 1,624 metre main span over six years.",
    "The city council approved a toll increase in March 2021 after a long debate.",
    "Traffic fell by 12% during the first winter of the new toll scheme.",
]


def test_synthetic_mutations_change_what_they_say():
    rng = random.Random(0)
    changed = mix._changed_number(DOC[0], rng)
    assert changed and changed != DOC[0] and "1998" in changed  # a count changed, not the year
    year = mix._changed_year(DOC[0], rng)
    assert year and "1998" not in year
    assert mix._changed_duration(DOC[1], rng) != DOC[1] and "six years" not in mix._changed_duration(DOC[1], rng)
    unit = mix._changed_unit("Traffic fell by 12 km during the winter of the new scheme.", rng)
    assert unit and "12 miles" in unit
    assert mix._negated("The council is planning a new toll.", rng) == "The council is not planning a new toll."
    long = "The city council approved a toll increase in March 2021, which angered many commuters."
    assert mix._deleted_clause(long, rng) == "The city council approved a toll increase in March 2021."
    assert mix._deleted_clause("The span (1,624 metres) is the longest in the whole region.", rng) == (
        "The span is the longest in the whole region."
    )
    assert mix._changed_number("No figures at all in this sentence here.", rng) is None
    assert (
        mix._changed_number("SARS-CoV-2 spreads by droplets and aerosols in rooms.", rng) is None
    )  # a name, not a count


def test_synthetic_pairs_are_balanced_and_labelled():
    docs = [DOC, [s.replace("bridge", "tunnel") for s in DOC], [s.replace("river", "bay") for s in DOC]]
    pairs = mix.synthetic(docs * 5, random.Random(1), n=40)
    labels = {p.label for p in pairs}
    assert labels == {"contradiction", "entailment", "neutral"}
    for p in pairs:
        if p.label == "contradiction":
            assert p.hypothesis not in p.premise  # something was changed
        if p.source == "synthetic-topic":
            assert p.hypothesis not in p.premise


def test_quarters_are_fixed():
    assert mix.quarter(0) == mix.quarter("0")
    assert {mix.quarter(i) for i in range(100)} == {0, 1, 2, 3}


def test_the_mix_never_reads_dev_sets(tmp_path):
    forbidden = tmp_path / "climate-fever" / "climate-fever.jsonl"
    forbidden.parent.mkdir()
    forbidden.write_text("{}\n")
    with pytest.raises(DataError, match="must not be trained on"):
        mix._need(forbidden)
    with pytest.raises(DataError, match="not found"):
        mix.build_mix(tmp_path / "nowhere")


@pytest.mark.slow
def test_mix_keeps_held_out_and_dev_pairs_apart():
    data = shared("scifact/claims_train.jsonl").parents[1]
    train = mix.build_mix(data, snli_pairs=100, synthetic_pairs=200)
    dev = mix.dev_pairs(data)
    train_keys = {(p.premise, p.hypothesis) for p in train}
    assert not [p for p in dev if (p.premise, p.hypothesis) in train_keys]
    hyps = {p.hypothesis for p in train}
    # no claim of SciFact's held-out quarter, of HealthVer's held-out quarter or of FEVER-Symmetric v0.2 dev
    import csv
    import json

    scifact = [json.loads(line) for line in (data / "scifact" / "claims_train.jsonl").open()]
    assert not [c for c in scifact if mix.quarter(c["id"]) == 0 and c["claim"] in hyps]
    with (data / "healthver" / "healthver_dev.csv").open() as handle:
        assert not [
            r for r in csv.DictReader(handle) if mix.quarter(r["claim"].strip()) == 0 and r["claim"].strip() in hyps
        ]
    v2 = [
        json.loads(line) for line in (data / "fever-symmetric" / "symmetric_v0.2" / "fever_symmetric_dev.jsonl").open()
    ]
    from factcheck.evaluation.readers import detokenize

    assert not [r for r in v2 if detokenize(r["claim"]) in hyps]
    assert {p.source for p in dev} == {"healthver-dev", "fever-symmetric-dev", "factcheck-bench-dev", "covidfact-dev"}
