"""The pair-set evaluation: the NLI model alone, then each decider on one shared analysis."""

from __future__ import annotations

from factcheck.config import VerifyConfig
from factcheck.evaluation.pairs_eval import evaluate_pair_set, sample
from factcheck.sources import NLIPair

PAIRS = [
    NLIPair("Putin visited Pyongyang in June 2024.", "Putin visited Pyongyang in June 2024.", "entailment", "t", "a"),
    NLIPair("Putin did not visit Seoul in 2024.", "Putin visit Seoul in 2024.", "contradiction", "t", "b"),
    NLIPair("Kim met Putin in Vladivostok.", "Kim met Putin in Vladivostok.", "entailment", "t", "c"),
    NLIPair("The talks never reached a treaty.", "The talks reached a treaty.", "contradiction", "t", "d"),
]


def test_sample_is_seeded_and_complete_below_the_limit():
    assert sample(PAIRS, None) == PAIRS and sample(PAIRS, 10) == PAIRS
    assert sample(PAIRS, 2) == sample(PAIRS, 2) and len(sample(PAIRS, 2)) == 2


def test_every_decider_reads_the_same_analyses(fake_checker, keyword_nli):
    from factcheck import FactChecker

    rule = FactChecker(fake_checker.index, embedder=fake_checker.embedder, nli=keyword_nli,
                       verify=VerifyConfig(decision="rule"))  # fmt: skip
    deciders = {"verdict": fake_checker.verifier.decision, "rule": rule.verifier.decision}
    before = keyword_nli.pairs_scored
    evaluate_pair_set(PAIRS, fake_checker, {"verdict": deciders["verdict"]}, verdict_limit=None)
    one = keyword_nli.pairs_scored - before
    before = keyword_nli.pairs_scored
    out = evaluate_pair_set(PAIRS, fake_checker, deciders, verdict_limit=None)
    assert keyword_nli.pairs_scored - before == one  # a second decider costs no model call
    assert out["n"] == 4 and out["verdict_n"] == 4 and out["mode"] == "forced-2-way"
    assert out["model"]["accuracy"] == 1.0  # the keyword model is right on all four
    for name in deciders:
        m = out[name]
        assert set(m) >= {"accuracy", "macro_f1", "false_alarms", "two_way_accuracy", "predicted"}
        assert sum(m["predicted"].values()) == 4
        assert m["false_alarms"] == 0  # nothing true was called REFUTED
