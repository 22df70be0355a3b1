"""Figure alignment by substitution (factcheck.verify.substitute), with a stand-in NLI model."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.config import VerifyConfig, VerifyRules
from factcheck.pipeline import standalone_claim
from factcheck.types import Label
from factcheck.verify import Verifier
from factcheck.verify.substitute import _replace_once
from tests.test_verify import _passage


class RewriteNLI:
    """Entails a hypothesis that holds one of ``entailed`` (a phrase) at 0.8, any other at 0.3;
    never contradicts: what a model does that reads the paraphrase but not the figure."""

    name, fingerprint = "rewrite", "fake:rewrite"

    def __init__(self, *entailed: str) -> None:
        self.entailed = entailed
        self.hypotheses: list[str] = []

    def __call__(self, premises, hypotheses):
        self.hypotheses.extend(hypotheses)
        rows = [(0.8, 0.15, 0.05) if any(e in h for e in self.entailed) else (0.3, 0.6, 0.1) for h in hypotheses]
        return np.array(rows, dtype=np.float32)


class SameEmbedder:
    """One vector for every text: every window is as relevant as can be, so that only the figure
    rules decide."""

    name, fingerprint, dim = "same", "fake:same", 4

    def encode(self, texts, *, progress=None):
        return np.full((len(texts), self.dim), 0.5, dtype=np.float32)


def _verdict(nli, claim, passages, rules=VerifyRules()):
    verifier = Verifier(nli, SameEmbedder(), VerifyConfig(rules=rules, decision="rule"))
    return verifier([standalone_claim(claim)], [[(p, 1.0 / (i + 1)) for i, p in enumerate(passages)]])[0]


#: The claim's subject and a paraphrase of its predicate: too few shared words for a lexical alignment.
AGRAWAL = "Parag Agrawal had been in charge for roughly eleven months when Musk fired him."
CLAIM = "Parag Agrawal held the top job for just over two years."


def test_paraphrased_duration_of_the_claims_subject_refutes():
    nli = RewriteNLI("roughly eleven months")
    v = _verdict(
        nli, CLAIM,
        [_passage("twitter", AGRAWAL)],
    )  # fmt: skip
    assert "Parag Agrawal held the top job for roughly eleven months." in nli.hypotheses
    assert v.label is Label.REFUTED
    assert "over 2 years" in v.reason and "about 11 months" in v.reason
    assert v.evidence[0].quantity_check.status == "conflict"


def test_without_substitution_the_paraphrase_is_not_compared():
    v = _verdict(
        RewriteNLI("roughly eleven months"),
        CLAIM, [_passage("twitter", AGRAWAL)],
        rules=VerifyRules(substitution_alignment=False),
    )  # fmt: skip
    assert v.label is not Label.REFUTED


def test_a_figure_of_someone_else_is_no_answer():
    # the window's duration is Agrawal's time in charge, its sentence does not name Musk: however
    # readily the model entails the rewrite, the rebrand's nine months are not compared with it
    nli = RewriteNLI("roughly eleven months")
    v = _verdict(
        nli, "The rebrand of Twitter came two years after Musk took control.",
        [_passage("twitter", "Parag Agrawal had been in charge for roughly eleven months. "
                             "Musk took control of Twitter and fired him.")],
    )  # fmt: skip
    assert not any("eleven months" in h for h in nli.hypotheses)
    assert v.label is not Label.REFUTED


def test_a_claim_that_names_no_one_is_probed_where_the_sentence_says_what_happened():
    # "Its" stays unresolved: the window's sentence must share the claim's words of what happened
    nli = RewriteNLI("on 14 April")
    v = _verdict(
        nli, "Its main eruption began beneath the ice on 12 April, melting the glacier.",
        [_passage("ash", "The explosive summit eruption under the ice cap started on 14 April 2010.")],
    )  # fmt: skip
    assert any("on 14 April" in h for h in nli.hypotheses)
    assert v.label is Label.REFUTED
    # a sentence that shares one such word only is about something else
    other = RewriteNLI("on 14 April")
    _verdict(
        other, "Its main eruption began beneath the ice on 12 April, melting the glacier.",
        [_passage("ash", "Flights resumed across Europe on 14 April 2010 after the ash cleared.")],
    )  # fmt: skip
    assert not any("14 April" in h for h in other.hypotheses)


def test_two_figures_that_fit_leave_the_alignment_unsure():
    # a birth and a death date in one parenthesis: both rewrites entailed, neither is taken
    nli = RewriteNLI("April 8, 1974", "February 2, 2013")
    v = _verdict(
        nli, "Chris Kyle died on February 2, 2014.",
        [_passage("kyle", "Christopher Scott Kyle (April 8, 1974 - February 2, 2013) was a Navy SEAL veteran.")],
    )  # fmt: skip
    assert any("April 8, 1974" in h for h in nli.hypotheses) and any("February 2, 2013" in h for h in nli.hypotheses)
    assert v.label is not Label.REFUTED


def test_a_rewrite_the_model_does_not_entail_aligns_nothing():
    # "trace back to 1994" is no more entailed than the claim: the year of another event stays unrelated
    nli = RewriteNLI("nothing of the kind")
    v = _verdict(
        nli, "The ties between Russia and North Korea trace back to the late 1940s.",
        [_passage("ties", "Kim Il Sung, who founded North Korea, died in 1994.")],
    )  # fmt: skip
    assert any("1994" in h for h in nli.hypotheses)
    assert v.label is not Label.REFUTED


def test_a_confirmed_figure_is_never_probed():
    nli = RewriteNLI("2013")
    _verdict(
        nli, "Chris Kyle died on February 2, 2013.",
        [_passage("kyle", "Chris Kyle died on February 2, 2013. He was born on April 8, 1974.")],
    )  # fmt: skip
    assert not any("1974" in h for h in nli.hypotheses)


@pytest.mark.parametrize(
    ("text", "old", "new", "expected"),
    [
        ("held the job for just over two years.", "over two years", "eleven months", "held the job for eleven months."),
        ("took office in March 2009.", "March 2009", "11 March 2010", "took office in 11 March 2010."),
        ("in 2009 and again in 2009.", "2009", "2010", None),  # twice: which one is meant is unsure
        ("a 12009 figure", "2009", "2010", None),  # not a figure of its own
    ],
)
def test_replace_once(text, old, new, expected):
    assert _replace_once(text, old, new) == expected


def test_each_rewrite_is_read_once_per_check():
    from factcheck.verify.views import entities_of
    from factcheck.verify.windows import cut_windows, read_windows

    nli = RewriteNLI("eleven months")
    verifier = Verifier(nli, SameEmbedder(), VerifyConfig(decision="rule"))
    (windows,) = cut_windows([[(_passage("twitter", AGRAWAL), 1.0)]], verifier.config)
    read_windows([windows], entities_of, {})
    memo: dict = {}
    pairs = [(windows[0], "Agrawal held it for eleven months."), (windows[0], "Agrawal held it for two years.")]
    first = verifier._rewrites_read(pairs + pairs[:1], memo)
    again = verifier._rewrites_read(pairs, memo)
    assert len(nli.hypotheses) == 2  # two distinct rewrites, read once each across both calls
    assert first[0][0] == first[2][0] == again[0][0] == pytest.approx(0.8) and again[1][0] == pytest.approx(0.3)
