"""The evaluation suite script, on a few items of two real sets (slow: real models)."""

from __future__ import annotations

import importlib.util
import json
import sys

import pytest

from .conftest import ROOT, SHARED_DATA

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]


def test_suite_limited_run_writes_results(tmp_path):
    if not SHARED_DATA.is_dir():
        pytest.skip(f"third-party data {SHARED_DATA} is not available (it lives outside the repository)")
    spec = importlib.util.spec_from_file_location("run_suite", ROOT / "evaluation" / "run_suite.py")
    suite = importlib.util.module_from_spec(spec)
    sys.modules["run_suite"] = suite  # dataclasses look their module up there
    spec.loader.exec_module(suite)
    code = suite.main(
        ["--limit", "8", "--only", "covidfact-unseen,claimbuster-test,rte-sample", "--out", str(tmp_path / "results")]
    )
    assert code == 0
    out = tmp_path / "results-limited"
    summary = json.loads((out / "suite.json").read_text())
    assert [r["name"] for r in summary["runs"]] == ["covidfact-unseen", "rte-sample", "claimbuster-test"]
    assert (out / "covidfact-unseen" / "metrics.json").is_file() and (
        out / "covidfact-unseen" / "confusion_matrix.png"
    ).is_file()
    assert "| covidfact-unseen | gold | 8 |" in (out / "suite.md").read_text()


def test_suite_retrieval_run_scores_three_retrievers(tmp_path):
    if not (SHARED_DATA / "scifact").is_dir():
        pytest.skip(f"SciFact is not available under {SHARED_DATA} (it lives outside the repository)")
    spec = importlib.util.spec_from_file_location("run_suite", ROOT / "evaluation" / "run_suite.py")
    suite = importlib.util.module_from_spec(spec)
    sys.modules["run_suite"] = suite
    spec.loader.exec_module(suite)
    assert suite.main(["--limit", "8", "--only", "scifact-retrieval", "--out", str(tmp_path / "results")]) == 0
    out = tmp_path / "results-limited"
    names = [r["name"] for r in json.loads((out / "suite.json").read_text())["runs"]]
    assert names == ["scifact-retrieval-dense", "scifact-retrieval-bm25", "scifact-retrieval-hybrid"]
    metrics = json.loads((out / "scifact-retrieval-hybrid" / "metrics.json").read_text())
    assert metrics["all"]["claims"] == 8 and 0.0 < metrics["all"]["ndcg@10"] <= 1.0
    assert "| scifact-retrieval-hybrid | 8 /" in (out / "suite.md").read_text()
