from __future__ import annotations

import numpy as np
import pytest

from factcheck.config import VerifyConfig
from factcheck.pipeline import standalone_claim
from factcheck.types import Label, Passage, Span
from factcheck.verify import Verifier, passage_windows


def _passage(doc_id: str, text: str, *, title: str | None = None) -> Passage:
    from factcheck.text import split_sentences_fast

    sentences = [s.to_list() for s in split_sentences_fast(text)]
    return Passage(f"{doc_id}#0", doc_id, text, Span(0, len(text)), title, {"sentences": sentences})


class FixedNLI:
    """Returns the same probabilities for every pair, or per premise keyword."""

    name, fingerprint = "fixed", "fake:fixed"

    def __init__(self, default=(0.1, 0.8, 0.1), by_keyword=None):
        self.default = default
        self.by_keyword = by_keyword or {}

    def __call__(self, premises, hypotheses):
        out = []
        for p in premises:
            row = next((v for k, v in self.by_keyword.items() if k in p), self.default)
            out.append(row)
        return np.array(out, dtype=np.float32)


def _verdict(fake_embedder, nli, claim_text, passages, **cfg):
    verifier = Verifier(nli, fake_embedder, VerifyConfig(**cfg))
    return verifier([standalone_claim(claim_text)], [[(p, 1.0 / (i + 1)) for i, p in enumerate(passages)]])[0]


def test_verify_windows_are_sentence_windows_in_document_offsets():
    text = "One is here. Two is here. Three is here."
    p = Passage("d#0", "d", text, Span(100, 100 + len(text)), None, {"sentences": [[100, 112], [113, 125], [126, 140]]})
    windows = passage_windows(p, 2)
    assert [w for _, w in windows] == [
        "One is here.",
        "Two is here.",
        "Three is here.",
        "One is here. Two is here.",
        "Two is here. Three is here.",
    ]
    assert all(span.start >= 100 for span, _ in windows)


def test_verify_entailment_supports(fake_embedder, keyword_nli):
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "Putin visited Pyongyang in July 2000.",
        [_passage("a", "Vladimir Putin visited Pyongyang in July 2000. He met Kim Jong Il.")],
    )
    assert v.label is Label.SUPPORTED and v.confidence == pytest.approx(0.9)
    assert v.evidence[0].doc_id == "a" and "July 2000" in v.evidence[0].window_text
    assert "says so" in v.reason and "July 2000" in v.reason


def test_verify_changed_figure_is_refuted_with_both_values(fake_embedder, keyword_nli):
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "North Korea shipped more than 100,000 containers of munitions to Russia.",
        [_passage("us", "US officials said North Korea shipped more than 10,000 containers of munitions to Russia.")],
    )
    assert v.label is Label.REFUTED
    assert "over 100,000 containers" in v.reason and "over 10,000 containers" in v.reason
    assert v.evidence[0].quantity_check.status == "conflict"


def test_verify_changed_date_is_refuted(fake_embedder, keyword_nli):
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "Russia vetoed the renewal of the sanctions panel in March 2023.",
        [_passage("un", "On 28 March 2024 Russia vetoed the renewal of the sanctions panel mandate.")],
    )
    assert v.label is Label.REFUTED and "March 2023" in v.reason and "28 March 2024" in v.reason


def test_verify_date_of_another_event_does_not_refute(fake_embedder, keyword_nli):
    text = (
        "Vladimir Putin arrived in Pyongyang on 19 June 2024 for talks with Kim Jong Un. "
        "His only earlier visit to Pyongyang took place in July 2000."
    )
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "Putin arrived in Pyongyang on 19 June 2024 for talks with Kim Jong Un.",
        [_passage("arrival", text)],
    )
    assert v.label is Label.SUPPORTED


def test_verify_date_of_another_visit_by_the_same_people_does_not_refute(fake_embedder, keyword_nli):
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "Putin's 2024 trip was his first visit to North Korea in 24 years.",
        [
            _passage(
                "v2000",
                "Vladimir Putin visited Pyongyang on 19 and 20 July 2000 and held talks with "
                "North Korean leader Kim Jong Il, the father of Kim Jong Un.",
            )
        ],
    )
    assert v.label is not Label.REFUTED


def test_verify_changed_year_refuted_across_demonyms(fake_embedder, keyword_nli):
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "The 1961 Soviet-North Korean treaty was signed on 6 July 1971.",
        [
            _passage(
                "t1961",
                "The Soviet Union and North Korea signed the Treaty of Friendship, Cooperation "
                "and Mutual Assistance on 6 July 1961.",
            )
        ],
    )
    assert v.label is Label.REFUTED and "6 July 1971" in v.reason


def test_verify_figure_in_a_pronoun_sentence_is_aligned_by_its_unit(fake_embedder, keyword_nli):
    text = (
        "US officials said North Korea had shipped more than 10,000 containers of munitions to Russia. "
        "They estimated the shipments at roughly 260,000 metric tons."
    )
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "Russia received 900,000 metric tons of munitions from North Korea.",
        [_passage("us", text)],
    )
    assert v.label is Label.REFUTED and "260,000 tonne" in v.reason


def test_verify_confirmed_figure_is_not_refuted_by_another_source(fake_embedder, keyword_nli):
    us = _passage("us", "US officials said North Korea shipped more than 10,000 containers of munitions to Russia.")
    seoul = _passage("seoul", "Seoul said North Korea shipped about 6,700 containers of munitions to Russia.")
    v = _verdict(
        fake_embedder,
        keyword_nli,
        "North Korea shipped more than 10,000 containers of munitions to Russia.",
        [seoul, us],
    )
    assert v.label is Label.SUPPORTED and v.evidence[0].doc_id == "us"


def test_verify_irrelevant_contradiction_cannot_refute(fake_embedder):
    nli = FixedNLI(default=(0.02, 0.08, 0.9))
    v = _verdict(
        fake_embedder,
        nli,
        "Putin visited Pyongyang in July 2000.",
        [_passage("weather", "Winters are cold and summers humid in the river valley.")],
    )
    assert v.label is Label.NOT_ENOUGH_INFO


def test_verify_relevant_contradiction_refutes(fake_embedder):
    nli = FixedNLI(default=(0.02, 0.08, 0.9))
    v = _verdict(
        fake_embedder,
        nli,
        "Putin never visited Pyongyang in July 2000.",
        [_passage("a", "Putin visited Pyongyang in July 2000.")],
    )
    assert v.label is Label.REFUTED and "contradicts it" in v.reason


def test_verify_agreeing_figures_overrule_nli_contradiction(fake_embedder):
    nli = FixedNLI(default=(0.1, 0.3, 0.6))
    v = _verdict(
        fake_embedder,
        nli,
        "North Korea shipped more than 10,000 containers of munitions to Russia.",
        [_passage("us", "US officials said North Korea shipped more than 10,000 containers of munitions to Russia.")],
    )
    # the NLI contradiction cannot refute, and the figures (all agreeing, all names given) support
    assert v.label is Label.SUPPORTED and v.evidence[0].quantity_check.status == "consistent"
    assert "gives the same figures" in v.reason


def test_verify_no_evidence_is_not_enough_info(fake_embedder, keyword_nli):
    verifier = Verifier(keyword_nli, fake_embedder)
    v = verifier([standalone_claim("Kim plans to visit Beijing in 2025.")], [[]])[0]
    assert v.label is Label.NOT_ENOUGH_INFO and v.evidence == () and "No passage of the corpus is relevant" in v.reason


def test_verify_irrelevant_passage_is_shown_as_closest_but_never_decides(fake_embedder):
    from dataclasses import replace

    from factcheck.config import VerifyRules
    from factcheck.evaluation.runner import _forced

    strict = replace(VerifyRules(), min_scored_relevance=0.99)  # no window is relevant enough
    weather = _passage("weather", "Pyongyang has cold winters and hot, humid summers.")
    claim = "Putin signed a treaty in Pyongyang in June 2024."
    contra = FixedNLI(default=(0.05, 0.15, 0.8))  # the model reads a contradiction in anything
    v = _verdict(fake_embedder, contra, claim, [weather], rules=strict)
    assert v.label is Label.NOT_ENOUGH_INFO and v.refute == 0.0 and v.support == 0.0
    assert len(v.evidence) == 1 and v.evidence[0].relevance < strict.min_scored_relevance
    assert v.reason.startswith("No passage of the corpus is relevant") and "the closest" in v.reason
    assert "cold winters" in v.reason
    # forced to choose, the verdict leans the way the model reads its closest passage
    assert _forced(v) == "REFUTED"
    entail = FixedNLI(default=(0.8, 0.15, 0.05))
    assert _forced(_verdict(fake_embedder, entail, claim, [weather], rules=strict)) == "SUPPORTED"


def test_verify_thresholds_move_the_decision(fake_embedder):
    nli = FixedNLI(default=(0.6, 0.3, 0.1))
    passage = _passage("a", "Putin visited Pyongyang in July 2000.")
    assert _verdict(fake_embedder, nli, "Putin visited Pyongyang.", [passage]).label is Label.SUPPORTED
    strict = _verdict(fake_embedder, nli, "Putin visited Pyongyang.", [passage], support_threshold=0.7)
    assert strict.label is Label.NOT_ENOUGH_INFO and abs(strict.confidence - 0.4) < 1e-6


def _dated_verdict(fake_embedder, nli, claim_text, passages, when):
    from datetime import date

    verifier = Verifier(nli, fake_embedder, VerifyConfig())
    claim = standalone_claim(claim_text, reference=date.fromisoformat(when))
    return verifier([claim], [[(p, 1.0 / (i + 1)) for i, p in enumerate(passages)]])[0]


_LAST_VISIT = (
    "Vladimir Putin arrived in Pyongyang on 19 June 2024 for talks with Kim Jong Un. "
    "Putin last made a visit to North Korea in July 2000."
)


def test_verify_first_visit_in_n_years_is_checked_against_the_last_visit(fake_embedder):
    nli = FixedNLI()  # neutral everywhere: only the arithmetic can decide
    wrong = _dated_verdict(
        fake_embedder,
        nli,
        "Putin made his first visit to North Korea in 14 years.",
        [_passage("v", _LAST_VISIT)],
        "2024-06-20",
    )
    assert wrong.label is Label.REFUTED
    assert "2010" in wrong.reason and "July 2000" in wrong.reason
    right = _dated_verdict(
        fake_embedder,
        nli,
        "Putin made his first visit to North Korea in 24 years.",
        [_passage("v", _LAST_VISIT)],
        "2024-06-20",
    )
    assert right.label is not Label.REFUTED
    assert right.evidence[0].quantity_check.status == "consistent"


def test_verify_first_visit_arithmetic_ignores_the_date_of_this_visit(fake_embedder):
    # the 2024 arrival date is not the date of the previous visit
    v = _dated_verdict(
        fake_embedder,
        FixedNLI(),
        "Putin made his first visit to North Korea in 24 years.",
        [_passage("v", "Vladimir Putin arrived in North Korea on 19 June 2024 for talks with Kim Jong Un.")],
        "2024-06-20",
    )
    assert v.label is not Label.REFUTED


def test_verify_figures_that_all_agree_support(fake_embedder):
    text = "Labour won 411 of the 650 seats at the election held on 4 July 2024."
    nli = FixedNLI()  # neutral: the NLI model sees no entailment
    v = _verdict(fake_embedder, nli, "Labour won 411 seats at the election of 4 July 2024.", [_passage("uk", text)])
    assert v.label is Label.SUPPORTED and "gives the same figures" in v.reason
    # a name the evidence does not give: no support from figures alone, and here the evidence
    # gives another party for the same figures
    other = _verdict(
        fake_embedder, nli, "At the election of 4 July 2024, Reform won 411 seats.", [_passage("uk", text)]
    )
    assert other.label is not Label.SUPPORTED
    # the NLI model reads a contradiction: figures do not overrule it into support
    contra = _verdict(
        fake_embedder,
        FixedNLI(default=(0.02, 0.03, 0.95)),
        "Labour won 411 seats at the election of 4 July 2024.",
        [_passage("uk", text)],
    )
    assert contra.label is not Label.SUPPORTED


def test_verify_swapped_name_is_refuted_naming_both(fake_embedder):
    text = "Neil Armstrong and Buzz Aldrin spent about two and a half hours walking on the Moon on 21 July 1969."
    nli = FixedNLI()  # neutral: only the name rule can decide
    swapped = _verdict(
        fake_embedder,
        nli,
        "Neil Armstrong and Michael Collins spent about two and a half hours walking on the Moon on 21 July 1969.",
        [_passage("apollo", text)],
    )
    assert swapped.label is Label.REFUTED
    assert "Michael Collins" in swapped.reason and "Buzz Aldrin" in swapped.reason
    same = _verdict(
        fake_embedder,
        nli,
        "Neil Armstrong and Buzz Aldrin spent about two and a half hours walking on the Moon on 21 July 1969.",
        [_passage("apollo", text)],
    )
    assert same.label is Label.SUPPORTED


def test_verify_name_the_passage_gives_elsewhere_is_not_swapped(fake_embedder):
    # the second sentence says "They": the claim's names are in the passage, not in that window
    text = (
        "Israel signed agreements with the United Arab Emirates and Bahrain on 15 September 2020. "
        "They were the first Arab states to sign such a deal with Israel since Jordan in 1994."
    )
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "The UAE and Bahrain were the first Arab states to sign such a deal with Israel since 1994.",
        [_passage("abraham", text)],
    )
    assert v.label is not Label.REFUTED


def test_verify_evidence_figure_answers_one_claim_figure(fake_embedder):
    # 9 November 1989 matches the claim's second date; it must not also contradict the first
    text = "The Berlin Wall was opened on 9 November 1989. It had been put up in August 1961."
    ok = _verdict(
        fake_embedder,
        FixedNLI(),
        "The Berlin Wall, erected in August 1961, was opened on 9 November 1989.",
        [_passage("wall", text)],
    )
    assert ok.label is not Label.REFUTED
    changed = _verdict(
        fake_embedder,
        FixedNLI(),
        "The Berlin Wall, erected in August 1949, was opened on 9 November 1989.",
        [_passage("wall", text)],
    )
    assert changed.label is Label.REFUTED and "1949" in changed.reason and "1961" in changed.reason


def test_verify_duration_against_the_time_between_two_dates(fake_embedder):
    text = (
        "Saudi Arabia and Iran agreed on 10 March 2023 in Beijing to restore diplomatic relations "
        "that had been severed in January 2016."
    )
    claim = "Saudi Arabia and Iran agreed in Beijing to restore diplomatic relations after a rupture of about {} years."
    ok = _verdict(fake_embedder, FixedNLI(), claim.format("seven"), [_passage("ties", text)])
    assert ok.label is not Label.REFUTED
    wrong = _verdict(fake_embedder, FixedNLI(), claim.format("seventeen"), [_passage("ties", text)])
    assert wrong.label is Label.REFUTED and "17" in wrong.reason


def test_verify_an_ordinal_alone_does_not_support(fake_embedder):
    text = "It was the first time Putin had visited Pyongyang, in July 2000."
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "It is the first time Putin has hosted a summit in Pyongyang.",
        [_passage("visit-2000", text)],
    )
    assert v.label is not Label.SUPPORTED


# -- issue: a different event is not a contradiction; capitals are their countries; a learned decision


def test_verify_capital_for_its_country_is_not_another_party(fake_embedder):
    text = "Moscow and Pyongyang signed a treaty of friendship in February 2000, replacing the 1961 alliance."
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "In February 2000 Russia and North Korea signed a friendship treaty.",
        [_passage("treaty-2000", text)],
    )
    assert v.label is not Label.REFUTED, v.reason


def test_verify_swapped_country_in_the_actors_place_is_refuted(fake_embedder):
    text = "In March 2024 Russia vetoed the renewal of the UN panel of experts that monitored sanctions."
    v = _verdict(
        fake_embedder,
        FixedNLI(),  # neutral everywhere: only the name rule can see it
        "In March 2024 China vetoed the renewal of the UN panel of experts that monitored sanctions.",
        [_passage("un-panel-veto", text)],
    )
    assert v.label is Label.REFUTED and "China" in v.reason and "Russia" in v.reason
    same = _verdict(
        fake_embedder,
        FixedNLI(),
        "In March 2024 Moscow vetoed the renewal of the UN panel of experts that monitored sanctions.",
        [_passage("un-panel-veto", text)],
    )
    assert same.label is not Label.REFUTED


def test_verify_contradiction_from_a_passage_about_another_event_cannot_refute(fake_embedder):
    nli = FixedNLI(default=(0.02, 0.08, 0.9))  # the NLI model calls everything a contradiction
    other = _passage(
        "pandemic", "Kim Jong Un closed North Korea's borders in 2020 during the pandemic and hosted nobody."
    )
    v = _verdict(fake_embedder, nli, "Vladimir Putin made his first trip to North Korea in 24 years.", [other])
    assert v.label is Label.NOT_ENOUGH_INFO, v.reason
    assert "another event" in v.reason or "No source" in v.reason


def test_verify_contradiction_from_a_sentence_about_another_party_cannot_refute(fake_embedder):
    # the passage names the United States, but the sentence the model reads as a contradiction is
    # about Great Britain: it says nothing of what the United States won
    nli = FixedNLI(by_keyword={"led the medal table": (0.1, 0.8, 0.1), "came third": (0.02, 0.08, 0.9)})
    passage = _passage(
        "games",
        "The United States led the medal table at the 2012 Games. About 10,900 athletes competed in 26 sports. "
        "The host nation, Great Britain, came third with 29 golds and 65 medals.",
    )
    claim = "The United States topped the medal table with 46 golds."
    v = _verdict(fake_embedder, nli, claim, [passage], min_relevance=0.3, contradiction_relevance=0.3)
    assert v.label is Label.NOT_ENOUGH_INFO, v.reason


def test_verify_date_of_another_event_in_the_same_passage_never_refutes(fake_embedder):
    text = (
        "Kim Il Sung came to power in the late 1940s with Soviet backing. He ruled North Korea until he died in 1994."
    )
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "The ties between North Korea and Russia trace back to the late 1940s, when Kim Il Sung rose to power.",
        [_passage("dprk-founding", text, title="Founding of North Korea")],
    )
    assert v.label is not Label.REFUTED, v.reason


def test_verify_claim_figure_context_is_read_in_its_own_sentence():
    """The words around a claim figure come from the sentence its span indexes, not from the rewrite."""
    from factcheck.types import Claim, Quantity, Span
    from factcheck.verify.views import claim_view

    sentence = "It was his first visit in 24 years, officials said."
    start = 1000  # the sentence sits deep in an article
    q = Quantity("24 years", Span(start + 26, start + 34), 24.0, "year", "duration")
    claim = Claim("c1", "a", "Vladimir Putin's visit was his first visit to North Korea in 24 years.",
                  Span(start, start + len(sentence)), sentence, Span(start, start + len(sentence)), quantities=(q,))  # fmt: skip
    view = claim_view(claim, [])
    assert {"visit", "first", "year"} <= view.contexts[0]  # not the letters of another slice


def test_verify_reads_each_window_once_across_claims(fake_embedder, monkeypatch):
    from factcheck.verify import views

    calls = []
    original = views.parse_quantities
    monkeypatch.setattr(views, "parse_quantities", lambda text, **kw: calls.append(text) or original(text, **kw))
    passage = _passage("v", "Vladimir Putin visited Pyongyang in July 2000. He met Kim Jong Il there.")
    claims = [standalone_claim("Putin visited Pyongyang in July 2000."), standalone_claim("Putin met Kim Jong Il.", 1)]
    Verifier(FixedNLI(), fake_embedder)(claims, [[(passage, 1.0)], [(passage, 1.0)]])
    assert len(calls) == len(set(calls))  # every window text parsed once, although both claims read them


def _decision(coef_support: float) -> dict:
    from factcheck.verify import FEATURES

    n = len(FEATURES)
    coef = [[0.0] * n for _ in range(3)]
    coef[0][FEATURES.index("entail_max")] = coef_support  # SUPPORTED grows with entailment
    coef[1][FEATURES.index("refute_max")] = 4.0  # REFUTED with the rule's refutation
    return {"format": 1, "kind": "logistic-regression", "labels": ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"],
            "features": list(FEATURES), "mean": [0.0] * n, "scale": [1.0] * n, "coef": coef,
            "intercept": [-2.0, -2.0, 0.0], "temperature": 1.0, "info": {}}  # fmt: skip


def test_verify_learned_decision_decides_and_its_confidence_is_its_probability(fake_embedder):
    from factcheck.verify import LearnedDecision

    decision = LearnedDecision.from_dict(_decision(6.0))
    passage = _passage("a", "Vladimir Putin visited Pyongyang in July 2000.")
    verifier = Verifier(FixedNLI(default=(0.9, 0.05, 0.05)), fake_embedder, decision=decision)
    v = verifier([standalone_claim("Putin visited Pyongyang in July 2000.")], [[(passage, 1.0)]])[0]
    assert v.label is Label.SUPPORTED
    z = np.array([6.0 * 0.9 - 2.0, -2.0, 0.0])
    assert v.confidence == pytest.approx(float(np.exp(z[0]) / np.exp(z).sum()), abs=1e-3)
    weak = Verifier(
        FixedNLI(default=(0.3, 0.6, 0.1)), fake_embedder, decision=LearnedDecision.from_dict(_decision(1.0))
    )
    assert weak([standalone_claim("Putin visited Pyongyang in July 2000.")], [[(passage, 1.0)]])[0].label is (
        Label.NOT_ENOUGH_INFO
    )


def test_verify_learned_decision_never_refutes_without_a_refuting_window(fake_embedder):
    from factcheck.verify import LearnedDecision

    raw = _decision(0.0)
    raw["intercept"] = [-5.0, 5.0, 0.0]  # a model that would call everything REFUTED
    verifier = Verifier(FixedNLI(), fake_embedder, decision=LearnedDecision.from_dict(raw))
    unrelated = _passage("weather", "Winters are cold and summers humid in the river valley.")
    v = verifier([standalone_claim("Putin visited Pyongyang in July 2000.")], [[(unrelated, 1.0)]])[0]
    assert v.label is Label.NOT_ENOUGH_INFO


def test_verify_decision_model_is_json_and_refuses_other_features(tmp_path):
    from factcheck.verify import LearnedDecision

    model = LearnedDecision.from_dict(_decision(2.0))
    model.save(tmp_path)
    assert LearnedDecision.load(tmp_path).to_dict() == model.to_dict()
    assert LearnedDecision.load(tmp_path / "nowhere") is None
    bad = _decision(2.0)
    bad["features"] = [*bad["features"][:-1], "something_else"]
    with pytest.raises(ValueError, match="retrain it"):
        LearnedDecision.from_dict(bad)


def test_verify_stage_interfaces_are_protocols(fake_embedder, keyword_nli):
    from factcheck.embed import Embedder
    from factcheck.nli import NLIScorer
    from factcheck.retrieve import Retriever
    from factcheck.stages import PairScorer, PassageRetriever, TextEncoder

    assert isinstance(fake_embedder, TextEncoder) and isinstance(keyword_nli, PairScorer)
    members = {TextEncoder: ("name", "fingerprint", "encode"), PairScorer: ("name", "fingerprint", "__call__"),
               PassageRetriever: ("__call__", "passages")}  # fmt: skip
    for cls, proto in ((Embedder, TextEncoder), (NLIScorer, PairScorer), (Retriever, PassageRetriever)):
        assert all(hasattr(cls, m) and hasattr(proto, m) for m in members[proto]), cls


def test_verify_date_in_a_long_sentence_that_says_all_the_claim_says_is_compared(fake_embedder):
    text = (
        "Britain's exit from the EU, widely called Brexit, began formally on 29 March 2017, when Prime Minister "
        "Theresa May invoked Article 50 of the Treaty on European Union."
    )
    claim = "She formally triggered Article 50 of the Treaty on European Union on {} 2017."
    wrong = _verdict(fake_embedder, FixedNLI(), claim.format("29 April"), [_passage("withdrawal", text)])
    assert wrong.label is Label.REFUTED and "29 April 2017" in wrong.reason and "29 March 2017" in wrong.reason
    right = _verdict(fake_embedder, FixedNLI(), claim.format("29 March"), [_passage("withdrawal", text)])
    assert right.label is Label.SUPPORTED, right.reason


def test_verify_a_year_does_not_vouch_for_a_day_another_day_contradicts(fake_embedder):
    text = "On the evening of Monday 15 April 2019, in Holy Week, fire broke out in the roof of the cathedral."
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "The blaze broke out in the roof of the cathedral on the evening of 16 April 2019, during Holy Week.",
        [_passage("fire", text, title="Notre-Dame de Paris fire (2019)")],
    )
    assert v.label is Label.REFUTED and "15 April 2019" in v.reason


def test_verify_day_without_its_year_is_compared_by_month_and_day(fake_embedder):
    text = "On 13 April 2021 an economic court in Ismailia ordered the ship seized pending payment."
    wrong = _verdict(
        fake_embedder, FixedNLI(), "A court in Ismailia ordered the ship seized on 13 May.", [_passage("court", text)]
    )
    assert wrong.label is Label.REFUTED, wrong.reason
    right = _verdict(
        fake_embedder, FixedNLI(), "A court in Ismailia ordered the ship seized on 13 April.", [_passage("court", text)]
    )
    assert right.label is not Label.REFUTED, right.reason


def test_verify_a_town_is_no_swap_for_its_country(fake_embedder):
    v = _verdict(
        fake_embedder,
        FixedNLI(),
        "Chile staged the most closely watched mine rescue of the decade.",
        [_passage("mine", "The most closely watched mine rescue of the decade was staged near Copiapó.")],
    )
    assert v.label is not Label.REFUTED, v.reason


class _SameVector:
    """Every text the same vector: every window is fully relevant, whatever its words."""

    name, fingerprint, dim = "same", "fake:same", 8

    def encode(self, texts, **_):
        return np.full((len(texts), self.dim), 8**-0.5, dtype=np.float32)


def _rules_only(claim_text, doc_id, text, *, title=None):
    """The verdict on one passage that is fully relevant and that the NLI model reads as neutral:
    only the figure and name rules can decide it."""
    return _verdict(_SameVector(), FixedNLI(), claim_text, [_passage(doc_id, text, title=title)])


def test_verify_one_of_a_group_is_not_the_size_of_the_group():
    text = "Around 400 firefighters fought the blaze through the night; nobody died."
    one = _rules_only("One firefighter was seriously injured.", "fire", text)
    assert one.label is not Label.REFUTED, one.reason
    many = _rules_only("Some 600 firefighters fought the blaze through the night.", "fire", text)
    assert many.label is Label.REFUTED and "400" in many.reason


def test_verify_other_name_in_the_claims_slot_is_a_swap_whatever_the_tagger_says():
    text = (
        "He named General Jean-Louis Georgelin to head the public body in charge of the works. "
        "Georgelin died on 18 August 2023 after falling while hiking in the Pyrenees."
    )
    v = _rules_only(
        "General Jean-Louis Georgelin died after a hiking fall in the Alps in August 2023.", "rebuilding", text
    )
    assert v.label is Label.REFUTED and "Alps" in v.reason and "Pyrenees" in v.reason
    right = _rules_only(
        "General Jean-Louis Georgelin died after a hiking fall in the Pyrenees in August 2023.", "rebuilding", text
    )
    assert right.label is not Label.REFUTED, right.reason


def test_verify_slot_swap_reads_the_sentence_not_the_whole_window():
    """A window of two sentences that names the claim's name in the second, in another role, still
    puts another name in its slot in the first."""
    from factcheck.config import VerifyRules
    from factcheck.text.normalise import normalise
    from factcheck.verify.names import slot_swap
    from factcheck.verify.views import claim_view, passage_view, window_view

    text = (
        "Her six-page letter was carried to Brussels by Sir Tim Barrow and handed to Donald Tusk, the "
        "President of the European Council. The European Commission was then headed by Jean-Claude Juncker."
    )
    passage = _passage("withdrawal", text)
    window = window_view(passage_view(passage), Span(0, len(text)), text, normalise(text), [])
    claim = claim_view(standalone_claim("Tim Barrow hand-delivered her letter in Brussels to Jean-Claude Juncker."), [])
    swapped = slot_swap(claim, window, VerifyRules())
    assert swapped is not None and swapped.claim_name.text == "Jean-Claude Juncker"
    assert swapped.window_name.text == "Donald Tusk"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rishi Sunak replaced Liz Truss as prime minister.", [("Rishi Sunak", "Liz Truss", {"prime", "minist"})]),
        (
            "Agrawal had been in charge for eleven months, having taken over from the co-founder Jack Dorsey.",
            [("Agrawal", "Jack Dorsey", set())],
        ),
        # the first side is the person who opens the sentence when other names stand between
        (
            "Georgelin died in August 2023 while hiking in the Pyrenees and was replaced by his deputy, Philippe Jost.",
            [("Philippe Jost", "Georgelin", set())],
        ),
        ("Dick Costolo replaced him in October 2010.", []),  # no name on the other side
    ],
)
def test_verify_successions_are_read_from_either_voice(text, expected):
    from factcheck.lexical import content_set
    from factcheck.verify.succession import successions

    found = successions(text, content_set("Georgelin Agrawal"))
    assert [(s.successor, s.predecessor, set(s.post)) for s in found] == expected


def test_verify_another_successor_or_predecessor_is_a_swap():
    text = (
        "He named General Jean-Louis Georgelin to head the public body in charge of the works. "
        "Georgelin died on 18 August 2023 while hiking in the Pyrenees and was replaced by his deputy, Philippe Jost."
    )
    v = _rules_only(
        "Philippe Villeneuve succeeded Jean-Louis Georgelin as head of the public body in charge of the works.",
        "rebuilding",
        text,
    )
    assert v.label is Label.REFUTED and "Philippe Jost" in v.reason, v.reason
    assert "replaced by his deputy" in v.reason  # the sentence that names the other person
    right = _rules_only(
        "Philippe Jost succeeded Jean-Louis Georgelin as head of the public body in charge of the works.",
        "rebuilding",
        text,
    )
    assert right.label is not Label.REFUTED, right.reason
    # another post: two successions that are not compared
    post = _rules_only("Philippe Villeneuve succeeded Jean-Louis Georgelin as chief architect of the works.",
                       "rebuilding", "Philippe Jost succeeded Jean-Louis Georgelin as head of the works.")  # fmt: skip
    assert post.label is not Label.REFUTED, post.reason
    # a post one side names and the other text never mentions: maybe another succession
    from factcheck.text.normalise import normalise
    from factcheck.verify.succession import succession_swap
    from factcheck.verify.views import claim_view, entities_of, passage_view, window_view

    def swap(claim, window):
        view = window_view(passage_view(_passage("cabinet", window)), Span(0, len(window)), window,
                           normalise(window), entities_of([window])[0])  # fmt: skip
        return succession_swap(claim_view(standalone_claim(claim), entities_of([claim])[0]), view)

    assert swap(
        "Rishi Sunak replaced Liz Truss as prime minister.", "Rishi Sunak replaced Boris Johnson as prime minister."
    )
    assert swap("Rishi Sunak replaced Liz Truss.", "In 2020 Rishi Sunak replaced Sajid Javid as chancellor.") is None
    assert swap("Rishi Sunak replaced Sajid Javid as chancellor.", "Rishi Sunak replaced Liz Truss.") is None
    # nor does the name in the same slot of a sentence that gives it another post
    other = _rules_only(
        "Rishi Sunak replaced Liz Truss.", "cabinet", "In 2020 Rishi Sunak replaced Sajid Javid as chancellor."
    )
    assert other.label is not Label.REFUTED, other.reason


@pytest.mark.parametrize(
    "claim, window, swapped",
    [
        # a capital where the claim puts something is that town, which "South Africa" does not name
        (
            "Narendra Modi was attending a summit of the BRICS group in Cape Town.",
            "Narendra Modi, who was in Johannesburg, South Africa, for the BRICS summit, followed the landing.",
            ("Cape Town", "Johannesburg"),
        ),
        # a capital of another country than the one the window gives
        ("Ada Lovelace was born in Paris.", "Ada Lovelace was born in Italy in 1815.", ("Paris", "Italy")),
        # a capital and its own country are one place as far as the claim goes
        ("The talks were held in Moscow.", "The talks were held in Russia in May.", None),
        # a town the gazetteer does not know may lie in the country
        ("The talks were held in Sochi.", "The talks were held in Russia in May.", None),
    ],
)
def test_verify_place_swap_levels(claim, window, swapped):
    from factcheck.text.normalise import normalise
    from factcheck.verify.names import place_swap
    from factcheck.verify.views import claim_view, entities_of, passage_view, window_view

    passage = _passage("doc", window)
    view = window_view(passage_view(passage), Span(0, len(window)), window, normalise(window), entities_of([window])[0])
    found = place_swap(claim_view(standalone_claim(claim), entities_of([claim])[0]), view)
    assert (found.claim_name.text, found.window_name.text) == swapped if swapped else found is None, found


def test_verify_a_demonym_is_present_where_the_passage_names_its_country():
    """ "The British government" (a rewrite of "the government") meets "the government" in a
    passage about London; a passage that never names the country does not vouch for it."""
    from factcheck.config import VerifyRules
    from factcheck.text.normalise import normalise
    from factcheck.verify.align import names_present
    from factcheck.verify.views import claim_view, passage_view, window_view

    claim = claim_view(standalone_claim("The British government had raised the budget to £9.3 billion in 2009."), [])
    sentence = "In March 2007 the government announced a funding package of £9.3 billion."
    for before, present in (("London won the right to host the Games in 2005. ", True), ("", False)):
        text = before + sentence
        passage = _passage("games", text)
        start = len(before)
        window = window_view(passage_view(passage), Span(start, len(text)), sentence, normalise(sentence), [])
        assert names_present(claim, window, VerifyRules()) is present


def test_verify_a_window_that_puts_the_claim_in_another_place_does_not_support_it():
    """The model entails "attending a summit in Cape Town" from "was in Johannesburg for the
    summit"; the window names the claim's person in another town, so it vouches for nothing."""
    window = "Narendra Modi, who was in Johannesburg, South Africa, for the BRICS summit, followed the landing."
    entails = FixedNLI(default=(0.8, 0.1, 0.1))
    v = _verdict(_SameVector(), entails, "Narendra Modi was attending a summit of the BRICS group in Cape Town.",
                 [_passage("summit", window)])  # fmt: skip
    assert v.label is not Label.SUPPORTED, v.reason
    right = _verdict(_SameVector(), entails, "Narendra Modi was attending a summit of the BRICS group in Johannesburg.",
                     [_passage("summit", window)])  # fmt: skip
    assert right.label is Label.SUPPORTED, right.reason


def test_verify_a_figure_given_to_another_party_of_the_sentence_is_a_swap():
    text = (
        "Miyagi Prefecture suffered worst, with about 9,500 deaths, or more than half of the total, "
        "followed by Iwate with about 4,700 and Fukushima with about 1,600."
    )
    v = _rules_only("Iwate prefecture alone accounted for more than half of the dead.", "toll", text)
    assert v.label is Label.REFUTED and "Iwate" in v.reason and "Miyagi" in v.reason, v.reason
    right = _rules_only("Miyagi prefecture alone accounted for more than half of the dead.", "toll", text)
    assert right.label is not Label.REFUTED, right.reason


def test_verify_a_figure_of_the_claims_own_name_is_no_owner_swap():
    """The claim's name before the figure owns it, whatever names follow with figures of their own."""
    text = "Labour won 411 seats, about 63 percent of the total, ahead of the Conservatives with 121."
    v = _rules_only("Labour won about 63 percent of the seats.", "election", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_place_in_a_persons_slot_is_no_swap():
    text = (
        "Alexander Fleming noticed in September 1928 that a mould contaminating one of his bacterial cultures at "
        "St Mary's Hospital in London had killed the surrounding bacteria, a finding that led to penicillin. "
        "He shared the 1945 Nobel Prize in Physiology or Medicine with Howard Florey and Ernst Chain."
    )
    v = _rules_only(
        "Fleming, who observed penicillin's bacteria-killing effect in London in 1928, shared a Nobel Prize with "
        "Florey and Chain in 1945.",
        "penicillin",
        text,
    )
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_name_the_passage_mentions_is_not_swapped_by_its_slot():
    text = (
        "Jenny Watson declared the national result at Manchester Town Hall. "
        "Earlier counts had been declared at Birmingham Town Hall."
    )
    v = _rules_only("Jenny Watson declared the national result at Birmingham Town Hall.", "count", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_names_in_slots():
    from factcheck.verify.names import _same_slot, _slot, names_in

    text = "Georgelin died on 18 August 2023 while hiking in the Pyrenees."
    assert [n for _, _, n in names_in(text)] == ["Pyrenees"]  # the first word and the month are not names
    claim = "He died in a hiking fall in the Alps."
    ((start, end, _),) = names_in(claim)
    assert _same_slot(_slot(claim, start, end), _slot(text, text.index("Pyrenees"), text.index("Pyrenees") + 8))
    assert not _same_slot((("the",), "and"), (("the",), "and"))


def test_verify_a_sentence_of_the_claims_names_alone_is_not_about_its_event():
    text = (
        "The state was proclaimed with Soviet support, and Kim Il Sung became its first leader. "
        "Kim Il Sung ruled until his death in 1994."
    )
    v = _rules_only(
        "The ties between North Korea and Russia trace back to the late 1940s, when Kim Il Sung rose to power.",
        "dprk-founding",
        text,
        title="Founding of North Korea",
    )
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_figure_the_window_gives_under_another_word_is_not_contradicted():
    text = "The disaster left 15,899 people confirmed dead and 2,526 missing."
    v = _rules_only("About 2,500 people are still listed as missing.", "toll", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_count_of_something_else_that_happened_does_not_refute():
    text = "The disaster left 15,899 people confirmed dead."
    v = _rules_only("More than 150,000 people fled their homes.", "toll", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_years_next_to_the_same_words_refute():
    text = "It was the first visit by a Russian leader in 24 years, Russian officials said."
    v = _rules_only("It was the first visit by a Russian leader in 14 years.", "visit", text)
    assert v.label is Label.REFUTED and "24" in v.reason, v.reason


def test_verify_dollars_of_another_matter_in_the_window_do_not_refute():
    text = "The purchase was paid for with Musk's own equity and about $13 billion of loans from a group of banks."
    v = _rules_only("The board agreed to the sale in a deal valued at about $44 billion.", "deal", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_place_named_elsewhere_in_the_sentence_is_no_swap():
    text = "The spacecraft was placed in Earth orbit by a launch vehicle that lifted off from Sriharikota."
    v = _rules_only("The spacecraft lifted off from Sriharikota, on the Bay of Bengal coast.", "launch", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_date_is_compared_with_the_date_of_its_own_step():
    text = (
        "Construction by the company of Ferdinand de Lesseps began on 25 April 1859, and the canal was "
        "opened to shipping on 17 November 1869."
    )
    wrong = _rules_only("The canal opened in 1859.", "canal", text)
    assert wrong.label is Label.REFUTED and "1869" in wrong.reason, wrong.reason
    for right in ("The canal opened in 1869.", "Construction of the canal began in 1859."):
        v = _rules_only(right, "canal", text)
        assert v.label is not Label.REFUTED, (right, v.reason)


@pytest.mark.parametrize(
    "claim, text",
    [
        # a date range dates one step
        ("Heavy metal music developed in the early 1970s.",
         "Heavy metal is a genre of rock music that developed in the late 1960s and early 1970s, largely in Britain."),
        # "Film" of a festival's name is not the filming
        ("Filming of Moonlight began in 2015.",
         "Filmed in Miami, beginning in 2015, Moonlight premiered at the Telluride Film Festival on 2 September 2016."),
        # a date after "since" is the earlier occurrence, not a step of this one
        ("Japan was left without nuclear power in May 2012.",
         "When the last reactor shut down on 5 May 2012, Japan was left without nuclear power for the first time "
         "since 1970."),
    ],
)  # fmt: skip
def test_verify_dates_of_one_step_are_not_read_as_another_steps(claim, text):
    v = _rules_only(claim, "story", text)
    assert v.label is not Label.REFUTED, v.reason


def test_verify_a_figure_written_with_decimals_is_that_figure():
    text = "Jamaica's Usain Bolt won the 100 m final on 5 August in an Olympic record of 9.63 seconds."
    wrong = _rules_only("Usain Bolt won the 100 metres in an Olympic record of 9.69 seconds.", "athletics", text)
    assert wrong.label is Label.REFUTED and "9.63" in wrong.reason, wrong.reason
    right = _rules_only("Usain Bolt won the 100 metres in an Olympic record of 9.63 seconds.", "athletics", text)
    assert right.label is Label.SUPPORTED, right.reason


def test_verify_a_day_without_its_year_must_agree_too_for_the_figures_to_support():
    text = "Usain Bolt won the 100 m in a world record of 9.69 seconds and the 200 m in 19.30."
    v = _rules_only("Usain Bolt took the 200 metres on 8 August.", "beijing", text)
    assert v.label is not Label.SUPPORTED, v.reason


def test_verify_a_numbered_name_under_another_number_is_another_thing():
    from factcheck.verify.names import renumbered

    v = _rules_only(
        "India's Chandrayaan-3 spacecraft slipped into orbit around the Moon on 5 August.",
        "earlier",
        "India's first mission to the Moon, Chandrayaan-1, entered lunar orbit on 8 November 2008.",
    )
    assert v.label is not Label.REFUTED, v.reason
    assert renumbered("Chandrayaan-3 reached orbit.", "Chandrayaan-1 reached orbit.")
    assert not renumbered("Chandrayaan-3 reached orbit.", "Chandrayaan-3 and Chandrayaan-1 reached orbit.")
    assert not renumbered("a Category 5 hurricane", "a Category 3 storm")  # a grade, not a name


def test_verify_a_figure_of_another_named_thing_does_not_refute():
    text = (
        "The worst nuclear accident before Fukushima occurred at the Chernobyl plant in 1986; about 116,000 people "
        "were evacuated and a 30 km exclusion zone was set up around the Chernobyl plant."
    )
    v = _rules_only(
        "Residents within 20 kilometres of the Fukushima Daiichi plant were ordered to leave.", "other", text
    )
    assert v.label is not Label.REFUTED, v.reason


def test_verify_the_same_happening_in_other_words_is_the_same_event():
    from factcheck.lexical import canonical, content_set

    text = "Its 25 crew members, all of them Indian nationals, remained aboard during the incident."
    v = _rules_only("Its crew of 25, all Filipino nationals, stayed on board throughout.", "grounding", text)
    assert v.label is Label.REFUTED and "Indian" in v.reason, v.reason
    assert canonical(content_set("stayed on board")) == canonical(content_set("remained aboard"))


def test_verify_a_figure_listed_party_by_party_is_compared_with_its_partys():
    text = (
        "England voted Leave by 53.4 per cent and Wales by 52.5 per cent, whereas Scotland backed Remain by "
        "62.0 per cent and Northern Ireland by 55.8 per cent."
    )
    wrong = _rules_only("In Scotland, 68 percent of voters opted to stay in the EU.", "results", text)
    assert wrong.label is Label.REFUTED and "62" in wrong.reason, wrong.reason
    right = _rules_only("In Scotland, 62 percent of voters opted to stay in the EU.", "results", text)
    assert right.label is not Label.REFUTED, right.reason
    # figures that say different things of their parties are no list
    other = _rules_only(
        "Elon Musk said the business was losing more than $4 million a day.",
        "tesla",
        "In 2018 Musk tweeted about taking Tesla private at $420 a share; he and Tesla each paid a $20 million penalty.",
    )
    assert other.label is not Label.REFUTED, other.reason


def test_verify_a_name_of_several_words_with_another_first_word_is_a_swap():
    text = (
        "Jenny Watson declared the national result at Manchester Town Hall on 24 June; Birmingham, the "
        "second-largest English city, had narrowly favoured Leave."
    )
    v = _rules_only("Jenny Watson declared the national result at Birmingham Town Hall.", "count", text)
    assert v.label is Label.REFUTED and "Manchester Town Hall" in v.reason, v.reason


def _two_sources():
    seoul = _passage("seoul", "North Korea shipped about 6,700 containers of munitions to Russia.")
    us = _passage("us", "US officials said on Tuesday that North Korea had sent more than 10,000 containers of "
                  "munitions to Russia since 2023.")  # fmt: skip
    return seoul, us


def _windows_verdict(fake_embedder, nli, claim: str, first: int, before_refuting: int):
    from dataclasses import replace

    cfg = VerifyConfig()
    cfg = replace(
        cfg, rules=replace(cfg.rules, max_windows_per_claim=first, max_windows_before_refuting=before_refuting)
    )
    return Verifier(nli, fake_embedder, cfg)([standalone_claim(claim)], [[(p, 1.0) for p in _two_sources()]])[0]


def test_verify_a_claim_about_to_be_refuted_reads_its_wider_evidence_first(fake_embedder, keyword_nli):
    claim = "North Korea shipped more than 10,000 containers of munitions to Russia."
    alone = _windows_verdict(fake_embedder, keyword_nli, claim, 1, 1)
    assert alone.label is Label.REFUTED and alone.evidence[0].doc_id == "seoul"  # the most relevant window alone
    wider = _windows_verdict(fake_embedder, keyword_nli, claim, 1, 2)
    every = _windows_verdict(fake_embedder, keyword_nli, claim, 2, 2)
    assert wider.label is every.label is Label.SUPPORTED  # the US figure confirms it; Seoul's cannot refute
    assert [e.doc_id for e in wider.evidence] == [e.doc_id for e in every.evidence]


def test_verify_reads_only_the_first_windows_of_a_claim_nothing_refutes(fake_embedder, keyword_nli):
    claim = "Officials said North Korea sent containers of munitions to Russia since 2023."
    _windows_verdict(fake_embedder, keyword_nli, claim, 1, 2)
    assert keyword_nli.pairs_scored == 1


def test_verify_the_wider_reading_builds_no_window_view_twice(fake_embedder, keyword_nli, monkeypatch):
    from dataclasses import replace

    from factcheck.verify import views

    parsed = []
    original = views.parse_quantities
    monkeypatch.setattr(views, "parse_quantities", lambda text, **kw: parsed.append(text) or original(text, **kw))
    cfg = VerifyConfig()
    cfg = replace(cfg, rules=replace(cfg.rules, max_windows_per_claim=1, max_windows_before_refuting=2))
    refuted = standalone_claim("North Korea shipped more than 10,000 containers of munitions to Russia.")
    other = standalone_claim(
        "US officials said on Tuesday that North Korea had sent munitions to Russia since 2023.", 1
    )
    passages = [(p, 1.0) for p in _two_sources()]
    Verifier(keyword_nli, fake_embedder, cfg)([refuted, other], [passages, passages])
    assert keyword_nli.pairs_scored == 3  # one window each, then the refuted claim's second
    assert len(parsed) == len(set(parsed)) == 2  # the US window, read for the other claim, is not read again


@pytest.mark.parametrize(
    ("day", "label"),
    [("6 September", Label.NOT_ENOUGH_INFO), ("6 August", Label.SUPPORTED)],
)
def test_verify_window_with_only_another_date_does_not_vouch_for_the_claim(fake_embedder, day, label):
    """The model's entailment reads past dates; a window giving only other dates of the kind the
    claim gives, none confirmed anywhere, is no support (and no refutation either)."""
    window = _passage("rosetta", "It arrived at comet 67P on 6 August 2014, ten years after its launch and after "
                      "a journey of about 6.4 billion km.")  # fmt: skip
    nli = FixedNLI(default=(0.6, 0.3, 0.1))
    v = _verdict(fake_embedder, nli, f"After waking in January 2014, the probe reached the comet on {day}.", [window])
    assert v.label is label


def test_verify_keeps_evidence_sentence_vectors_between_checks(fake_embedder, keyword_nli):
    seoul, us = _two_sources()
    verifier = Verifier(keyword_nli, fake_embedder)
    claims = [standalone_claim("North Korea shipped more than 10,000 containers of munitions to Russia.")]
    first = verifier(claims, [[(seoul, 1.0), (us, 1.0)]])
    encoded = fake_embedder.texts_encoded
    second = verifier(claims, [[(seoul, 1.0), (us, 1.0)]])
    assert fake_embedder.texts_encoded == encoded  # the claim's and the sentences' vectors are kept
    assert [(v.label, v.confidence) for v in first] == [(v.label, v.confidence) for v in second]


def test_verify_sentence_vectors_are_bounded_and_tied_to_their_embedder():
    from factcheck.verify.windows import SentenceVectors
    from tests.conftest import FakeEmbedder

    memo, one, other = SentenceVectors(2), FakeEmbedder(), FakeEmbedder()
    a = memo(one, ["a b", "c d", "e f"])
    assert a.shape == (3, 64) and len(memo) == 2  # the oldest dropped
    np.testing.assert_allclose(memo(one, ["e f"]), one.encode(["e f"]))
    memo(other, ["a b"])
    assert len(memo) == 1  # another embedder's vectors are not these
    assert len(SentenceVectors(0)) == 0 and SentenceVectors(0)(one, ["x"]).shape == (1, 64)


def test_verify_a_quotation_said_by_another_person_is_a_speaker_swap():
    text = (
        "Test flights found no damage; Willie Walsh, who ran British Airways, asked for the skies to reopen. "
        "Its director general, Giovanni Bisignani, called the closures a European embarrassment and a European mess."
    )
    claim = 'Willie Walsh called the closures "a European embarrassment and a European mess".'
    v = _rules_only(claim, "ash", text)
    assert v.label is Label.REFUTED, v.reason
    assert "Willie Walsh" in v.reason and "Giovanni Bisignani" in v.reason and "quotation" in v.reason
    right = _rules_only(claim.replace("Willie Walsh", "Giovanni Bisignani"), "ash", text)
    assert right.label is not Label.REFUTED, right.reason


def test_verify_a_short_quotation_needs_quote_marks_in_the_evidence_too():
    quoted = 'Swati Mohan called out "Touchdown confirmed" in the control room; Allen Chen led the landing team.'
    claim = '"Touchdown confirmed," announced Allen Chen in the control room.'
    v = _rules_only(claim, "landing", quoted)
    assert v.label is Label.REFUTED and "Swati Mohan" in v.reason, v.reason
    # two words said in passing are not a quotation of them
    unquoted = "Swati Mohan confirmed the touchdown in the control room; Allen Chen led the landing team."
    assert _rules_only(claim, "landing", unquoted).label is not Label.REFUTED


def test_verify_a_clause_naming_the_claims_speaker_is_no_speaker_swap():
    text = 'Giovanni Bisignani repeated what Willie Walsh had said: "a European embarrassment and a European mess".'
    claim = 'Willie Walsh called the closures "a European embarrassment and a European mess".'
    assert _rules_only(claim, "ash", text).label is not Label.REFUTED
    nobody = 'He called the closures "a European embarrassment and a European mess".'
    assert _rules_only(claim, "ash", nobody).label is not Label.REFUTED


def test_verify_posts_are_read_from_titles_appositions_and_copulas():
    from factcheck.verify.roles import _posts_near, post_of, same_post

    assert post_of("a director of the company") is None  # one of several
    assert post_of("Accomazzo was its flight director") is None  # a clause, not a post
    assert post_of("then the chief cabinet secretary").words == ("chief", "cabinet", "secretary")
    assert post_of("chairman of the Suez Canal Authority").owner == {"suez", "canal", "author"}
    listed = "Ana Ruiz was its flight director, Tom Berg was the agency's head of operations."
    assert [p.words for p in _posts_near(listed, "Ana Ruiz")] == [("flight", "director")]
    assert [p.words for p in _posts_near(listed, "Tom Berg")] == [("head",)]  # not the flight director
    lead = post_of("the mission's guidance and controls operations lead")
    (apposed,) = _posts_near("Ana Ruiz, the guidance, navigation and controls operations lead, spoke.", "Ana Ruiz")
    assert same_post(lead, apposed) and not same_post(apposed, lead)
    assert not same_post(post_of("the chairman"), post_of("the deputy chairman"))


def test_verify_a_post_the_evidence_gives_to_another_person_refutes():
    # the passage names the claim's person too, in another post: no plain name conflict
    text = (
        "Chief Cabinet Secretary Yukio Edano gave televised briefings through the night. "
        "Yoshihiko Noda, the finance minister, spoke once."
    )
    v = _rules_only("Yoshihiko Noda was then the chief cabinet secretary.", "response", text)
    assert v.label is Label.REFUTED and "Yukio Edano" in v.reason and "post" in v.reason, v.reason
    assert _rules_only("Yukio Edano was the chief cabinet secretary.", "response", text).label is not Label.REFUTED
    # another post, and a post the passage also gives to the claim's person, are no swap
    deputy = "Deputy " + text
    assert _rules_only("Yoshihiko Noda was the chief cabinet secretary.", "response", deputy).label is not Label.REFUTED
    both = text + " Yoshihiko Noda, chief cabinet secretary from 2009 to 2010, held them before."
    assert _rules_only("Yoshihiko Noda was the chief cabinet secretary.", "response", both).label is not Label.REFUTED


def test_verify_the_model_reads_the_claims_people_as_the_window_names_them():
    from factcheck.verify.names import as_the_window_names
    from factcheck.verify.views import ClaimView, Name

    def view(text, people):
        names = tuple(Name(p, "person", frozenset(p.lower().split())) for p in people)
        return ClaimView(None, text, frozenset(), frozenset(), names, (), (), False)

    class Window:
        def __init__(self, text, people=()):
            self.norm = type("N", (), {"text": text})()
            self.entities = tuple(Name(p, "person", frozenset(p.lower().split())) for p in people)

    claim = view("Kim Jong Un gave Vladimir Putin a pair of Pungsan dogs.", ["Kim Jong Un", "Vladimir Putin"])
    short = Window("Kim gave Putin a pair of Pungsan dogs.", ["Kim", "Putin"])
    assert as_the_window_names(claim, short) == "Kim gave Putin a pair of Pungsan dogs."
    # the window names another Kim: "Kim" may be him, so the claim keeps its full name
    other = Window("Kim Jong Il met Putin in 2000; Kim gave him a dog.", ["Kim Jong Il", "Putin", "Kim"])
    assert as_the_window_names(claim, other).startswith("Kim Jong Un gave Putin")
    # a window with the full name, or with two words of it, changes nothing
    full = Window("Kim Jong Un gave Putin two dogs.", ["Kim Jong Un", "Putin"])
    assert as_the_window_names(claim, full).startswith("Kim Jong Un gave Putin")


def test_verify_a_lower_rank_of_the_claimed_post_refutes_it():
    from factcheck.verify.roles import _outranks, post_of

    assert _outranks(post_of("the NASA administrator"), post_of("NASA's associate administrator"))
    assert not _outranks(post_of("the chairman"), post_of("the former chairman"))  # a time, not a rank
    assert not _outranks(post_of("the deputy chairman"), post_of("the deputy chairman"))
    text = (
        "Thomas Zurbuchen, NASA's associate administrator for science, described the first images. "
        "Bill Nelson spoke after him."
    )
    v = _rules_only("Thomas Zurbuchen was the NASA administrator.", "images", text)
    assert v.label is Label.REFUTED and "associate administrator" in v.reason, v.reason
    right = _rules_only("Thomas Zurbuchen was NASA's associate administrator.", "images", text)
    assert right.label is not Label.REFUTED, right.reason


def test_verify_a_name_the_passage_gives_only_in_another_slot_can_still_be_swapped():
    text = (
        "The European Commission was then headed by Jean-Claude Juncker. "
        "Her six-page letter was carried to Brussels by Tim Barrow and handed to Donald Tusk, "
        "the President of the European Council."
    )
    claim = "Tim Barrow hand-delivered her six-page letter in Brussels to Jean-Claude Juncker."
    v = _rules_only(claim, "withdrawal", text)
    assert v.label is Label.REFUTED and "Donald Tusk" in v.reason, v.reason
    right = _rules_only(claim.replace("Jean-Claude Juncker", "Donald Tusk"), "withdrawal", text)
    assert right.label is not Label.REFUTED, right.reason


def test_verify_a_value_changed_to_is_contradicted_only_by_a_told_change():
    claim = "Engineers widened the landing zone of Vikram to an area 4 kilometres long and 2.4 kilometres wide."
    # the size it may have had before the change: no contradiction
    before = _rules_only(claim, "zone", "The landing zone of Vikram measured only 500 m by 500 m.")
    assert before.label is Label.NOT_ENOUGH_INFO, before.reason
    # another value it was changed to: a contradiction, for either figure
    other = _rules_only(claim, "zone", "Engineers widened the landing zone of Vikram to an area 3 km long.")
    assert other.label is Label.REFUTED and "3 km" in other.reason, other.reason
    wide = _rules_only(
        claim, "zone", "Engineers widened the landing zone of Vikram to an area 4 km long and 1.5 km wide."
    )
    assert wide.label is Label.REFUTED and "1.5 km" in wide.reason, wide.reason


def _leaning(claim_text, text, contradiction):
    """The verdict on one fully relevant passage that the NLI model reads with ``contradiction``."""
    nli = FixedNLI(default=(0.05, 0.95 - contradiction, contradiction))
    return _verdict(_SameVector(), nli, claim_text, [_passage("ops", text)])


def test_verify_another_place_in_the_claims_place_is_refuted_naming_both():
    claim = "Europe's Rosetta spacecraft was operated from the control centre in Cologne."
    v = _leaning(claim, "Rosetta was flown from ESOC in Darmstadt.", 0.45)
    assert v.label is Label.REFUTED and "Cologne" in v.reason and "Darmstadt" in v.reason, v.reason
    # the model must lean to a contradiction; the passage must not name the claim's place anywhere
    assert _leaning(claim, "Rosetta was flown from ESOC in Darmstadt.", 0.02).label is not Label.REFUTED
    both = "Rosetta was flown from ESOC in Darmstadt. Its lander was run from a centre in Cologne."
    assert _leaning(claim, both, 0.45).label is not Label.REFUTED
    # a country and a town are never compared: the town may lie in it
    country = "Europe's Rosetta spacecraft was operated from a control centre in Germany."
    assert _leaning(country, "Rosetta was flown from ESOC in Darmstadt.", 0.45).label is not Label.REFUTED
    # an airport is no swap for a town (the sample article's "greeted him at Sunan International
    # Airport" against a summit "near Vladivostok")
    airport = _leaning(
        "Kim Jong Un greeted Vladimir Putin at Sunan International Airport.",
        "Kim Jong Un and Vladimir Putin held a summit near Vladivostok.",
        0.45,
    )
    assert airport.label is not Label.REFUTED, airport.reason
    # two countries that are one party are no swap
    same = _leaning("Mount Pinatubo erupted in Russia in 1991.", "Mount Pinatubo erupted in Moscow in 1991.", 0.45)
    assert same.label is not Label.REFUTED, same.reason
    other = _leaning(
        "Mount Pinatubo erupted in Indonesia in 1991.",
        "Mount Pinatubo, on Luzon in the Philippines, erupted in 1991.",
        0.45,
    )
    assert other.label is Label.REFUTED and "Philippines" in other.reason, other.reason
