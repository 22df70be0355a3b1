from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from factcheck.calibration import (
    Calibration,
    cross_fitted,
    fit_maps,
    fit_temperature,
    isotonic,
)
from factcheck.evaluation.metrics import expected_calibration_error
from factcheck.training.calibrate import choose_thresholds, decide, false_alarm_rate


def test_fit_temperature_recovers_the_temperature_of_the_data():
    rng = np.random.default_rng(0)
    true_logits = rng.normal(size=(4000, 3)) * 2.0
    p = np.exp(true_logits) / np.exp(true_logits).sum(1, keepdims=True)
    y = np.array([rng.choice(3, p=row) for row in p])
    # a model three times too confident: its logits are the true ones times 3
    t = fit_temperature(true_logits * 3.0, y)
    assert t == pytest.approx(3.0, rel=0.1)
    assert fit_temperature(true_logits, y) == pytest.approx(1.0, rel=0.1)
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((2, 3)), [0])


def test_isotonic_is_monotone_and_pools_violators():
    _, ys = isotonic([0.1, 0.2, 0.3, 0.4], [1, 0, 1, 1])
    assert list(ys) == sorted(ys)
    assert ys[0] == pytest.approx(0.5)  # 0.1 and 0.2 pooled
    assert ys[-1] == 1.0


def test_confidence_maps_reduce_calibration_error_out_of_sample():
    rng = np.random.default_rng(1)
    n = 3000
    labels = rng.choice(["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"], size=n).tolist()
    raw = rng.uniform(0.4, 1.0, size=n)
    correct = (rng.uniform(size=n) < raw - 0.3).tolist()  # over-confident by 0.3
    before = expected_calibration_error(raw.tolist(), correct)
    after = expected_calibration_error(cross_fitted(labels, raw.tolist(), correct), correct)
    assert before > 0.25 and after < 0.05
    maps = fit_maps(labels, raw.tolist(), correct)
    assert set(maps) == {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"}


def test_calibration_round_trip_and_bad_file(tmp_path):
    cal = Calibration(1.7, {"SUPPORTED": ((0.2, 0.9), (0.3, 0.8))}, {"dev_pairs": 10})
    cal.save(tmp_path)
    back = Calibration.load(tmp_path)
    assert back == cal
    assert back.confidence("SUPPORTED", 0.55) == pytest.approx(0.55)
    assert back.confidence("REFUTED", 0.42) == 0.42  # no map: raw
    assert Calibration.load(tmp_path / "nowhere") is None
    (tmp_path / "calibration.json").write_text(json.dumps({"temperature": -1}))
    with pytest.raises(ValueError):
        Calibration.load(tmp_path)


def test_thresholds_are_chosen_for_macro_f1():
    signals = [(0.9, 0.0), (0.8, 0.1), (0.1, 0.9), (0.2, 0.7), (0.3, 0.2), (0.2, 0.3)]
    gold = ["SUPPORTED", "SUPPORTED", "REFUTED", "REFUTED", "NOT_ENOUGH_INFO", "NOT_ENOUGH_INFO"]
    ts, tr, f1 = choose_thresholds(signals, gold)
    assert f1 == 1.0
    assert [decide(s, r, ts, tr)[0] for s, r in signals] == gold


def test_thresholds_weigh_every_source_equally():
    # a big source whose supports are weak (0.45) and a small one that needs a high threshold
    signals = [(0.45, 0.0)] * 20 + [(0.1, 0.0)] * 20 + [(0.5, 0.0)] * 3 + [(0.9, 0.0)]
    gold = ["SUPPORTED"] * 20 + ["NOT_ENOUGH_INFO"] * 23 + ["SUPPORTED"]
    groups = ["big"] * 40 + ["small"] * 4
    assert choose_thresholds(signals, gold)[0] == 0.45  # pooled: the big source decides
    assert choose_thresholds(signals, gold, groups)[0] == 0.9  # per source: the small one counts as much


def test_thresholds_within_a_false_alarm_budget():
    # a neutral pair refuted more strongly than the contradictions: the best macro-F1 refutes it
    # with them; within a zero budget nothing that strong is refuted
    signals = [(0.9, 0.0), (0.1, 0.8), (0.1, 0.8), (0.1, 0.8), (0.1, 0.85), (0.2, 0.1)]
    gold = ["SUPPORTED", "REFUTED", "REFUTED", "REFUTED", "NOT_ENOUGH_INFO", "NOT_ENOUGH_INFO"]
    ts, tr, _ = choose_thresholds(signals, gold)
    assert false_alarm_rate([decide(s, r, ts, tr)[0] for s, r in signals], gold) == 1 / 3
    ts, tr, _ = choose_thresholds(signals, gold, max_false_alarms=0.0)
    assert tr > 0.85 and false_alarm_rate([decide(s, r, ts, tr)[0] for s, r in signals], gold) == 0
    assert false_alarm_rate(["REFUTED", "SUPPORTED"], ["NOT_ENOUGH_INFO", "SUPPORTED"]) == 0.5
    # a budget no thresholds meet is an error, not thresholds of zero
    from factcheck.errors import DataError

    with pytest.raises(DataError, match="no thresholds"):
        choose_thresholds([(0.0, 1.0), (0.9, 0.0)], ["NOT_ENOUGH_INFO", "SUPPORTED"], max_false_alarms=0.0)
    # calibration keeps to the stated budget unless told otherwise
    import inspect

    from factcheck.config import DEFAULT_MAX_FALSE_ALARMS
    from factcheck.training.calibrate import calibrate

    assert inspect.signature(calibrate).parameters["max_false_alarms"].default == DEFAULT_MAX_FALSE_ALARMS == 0.05


def test_scorer_reads_stored_temperature_and_verifier_maps_confidence(tiny_bert, tmp_path, fake_embedder):
    from factcheck.nli import NLIScorer
    from factcheck.pipeline import FactChecker

    folder = tmp_path / "model"
    shutil.copytree(tiny_bert, folder)
    plain = NLIScorer(str(folder))
    p_plain = plain(["A cat sat."], ["A cat sat."])[0]
    Calibration(4.0, {"SUPPORTED": ((0.0, 1.0), (0.25, 0.25)), "NOT_ENOUGH_INFO": ((0.0, 1.0), (0.25, 0.25))}).save(
        folder
    )
    hot = NLIScorer(str(folder))
    assert hot.temperature == 4.0 and hot.fingerprint.endswith("+T4")
    p_hot = hot(["A cat sat."], ["A cat sat."])[0]
    assert p_hot.max() < p_plain.max()  # softer
    assert int(p_hot.argmax()) == int(p_plain.argmax())  # same decision
    checker = FactChecker(None, embedder=fake_embedder, nli=hot)
    (verdict,) = checker.check_against(["A cat sat on the mat."], [["A cat sat on the mat."]])
    assert verdict.confidence == pytest.approx(0.25)
    assert checker.describe()["calibrated"] is True


def test_int8_scorer_agrees_with_fp32(tiny_bert):
    from factcheck.errors import ModelError
    from factcheck.nli import NLIScorer

    premises = ["A man plays a guitar on stage.", "Two dogs run through a field of snow."]
    hypotheses = ["Someone makes music.", "Cats sleep indoors."]
    fp32 = NLIScorer(str(tiny_bert))(premises, hypotheses)
    int8 = NLIScorer(str(tiny_bert), precision="int8")(premises, hypotheses)
    assert np.abs(fp32 - int8).max() < 0.05
    with pytest.raises(ModelError):
        NLIScorer(str(tiny_bert), precision="fp8")
    with pytest.raises(ModelError):
        NLIScorer(str(tiny_bert), temperature=0)


def _fake_shared(root):
    """A miniature ../shared/data with the files the calibration dev split reads."""
    import csv

    from factcheck.splits import quarter

    claims = [f"Claim number {i} says the bridge is {i} metres long." for i in range(400)]
    dev = [c for c in claims if quarter(c) == 1][:12]
    (root / "healthver").mkdir(parents=True)
    with (root / "healthver" / "healthver_dev.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "evidence", "claim", "label", "topic_ip", "question"])
        for i, c in enumerate(dev):
            writer.writerow(
                [i, c if i % 3 else "The weather was mild.", c, ["Neutral", "Supports", "Refutes"][i % 3], 1, "q"]
            )
    v1 = root / "fever-symmetric" / "symmetric_v0.1"
    v1.mkdir(parents=True)
    (root / "fever-symmetric" / "symmetric_v0.2").mkdir()
    (root / "fever-symmetric" / "symmetric_v0.2" / "fever_symmetric_dev.jsonl").write_text("")
    for name in ("fever_symmetric_full.jsonl", "fever_symmetric_generated.jsonl"):
        (v1 / name).write_text(
            "".join(
                json.dumps({"id": i, "label": "SUPPORTS", "claim": c, "evidence_sentence": c}) + "\n"
                for i, c in enumerate(dev)
            )
        )
    sub = root / "factcheck-bench" / "subtasks"
    sub.mkdir(parents=True)
    (sub / "subtask3_claim_evidence_stance.jsonl").write_text(
        "".join(
            json.dumps({"claim": c, "evidence": "Unrelated text about trains.", "stance": "irrelevant"}) + "\n"
            for c in dev
        )
    )
    rte = root / "covidfact" / "RTE-covidfact"
    rte.mkdir(parents=True)
    rows = "".join(f"{i}\t{c}\t{c}\tentailment\n" for i, c in enumerate(dev))
    (rte / "dev.tsv").write_text("index\tsentence1\tSentence2\tentailment\n" + rows)


def test_calibrate_fits_and_stores_everything(tiny_bert, tmp_path):
    from factcheck.training.calibrate import calibrate

    data = tmp_path / "shared"
    _fake_shared(data)
    model = tmp_path / "model"
    shutil.copytree(tiny_bert, model)
    cal = calibrate(str(model), data)
    stored = Calibration.load(model)
    assert stored is not None and stored.temperature == cal.temperature > 0
    info = stored.info
    assert info["dev_pairs"] > 20
    assert set(info["thresholds"]) == {"support", "refute"}
    assert 0 <= info["verdict_ece_cross_fitted"] <= 1 and 0 <= info["nli_accuracy"] <= 1


def test_platt_maps_are_monotone_and_fit_a_logistic_truth():
    from factcheck.calibration import platt

    rng = np.random.default_rng(0)
    raw = rng.random(2000)
    truth = 1 / (1 + np.exp(-(2.0 * np.log(raw / (1 - raw)) - 0.5)))
    correct = (rng.random(2000) < truth).astype(float)
    xs, ys = platt(raw, correct)
    assert list(ys) == sorted(ys) and xs[0] == 0.0 and xs[-1] == 1.0
    fitted = np.interp([0.2, 0.5, 0.8], xs, ys)
    expected = 1 / (1 + np.exp(-(2.0 * np.log(np.array([0.2, 0.5, 0.8]) / np.array([0.8, 0.5, 0.2])) - 0.5)))
    assert np.allclose(fitted, expected, atol=0.05)
    # a confidence that does not rise with the raw score is flattened to the mean
    _, flat = platt(raw, 1 - (raw > 0.5))
    assert len(set(flat)) == 1
