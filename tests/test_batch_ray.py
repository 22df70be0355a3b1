"""The Ray engine against the local one: same verdicts, same index; an unreachable cluster is one line.

Skipped, saying why, when Ray is not installed (``pip install 'factcheck[ray]'``); CI installs it.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import numpy as np
import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'factcheck[ray]' runs these tests")

from factcheck.batch import RayOptions, check_batch  # noqa: E402
from factcheck.batch.ray_embed import RayEmbedder  # noqa: E402
from factcheck.corpus import read_corpus  # noqa: E402
from factcheck.index import build_index  # noqa: E402

from .conftest import ROOT, SAMPLE, FakeEmbedder  # noqa: E402
from .test_batch import SECOND, THIRD, FakeSpec, write_jsonl  # noqa: E402
from .test_pipeline import ARTICLE  # noqa: E402

pytestmark = pytest.mark.slow  # starting Ray and its actors takes seconds

#: One actor on the 2 CPUs of the test cluster: Ray Data keeps CPU for itself or stalls.
ONE_ACTOR = RayOptions(actors=1, cpus_per_actor=1)


@pytest.fixture(scope="session")
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    yield ray
    ray.shutdown()


@pytest.fixture
def batch(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [{"id": f"a{i}", "text": text} for i, text in enumerate([ARTICLE, SECOND, THIRD] * 3)]
    write_jsonl(path, [*rows, "{not json", {"id": "empty", "text": ""}])
    return path


def _outputs(folder):
    verdicts = sorted((folder / "verdicts.jsonl").read_text(encoding="utf-8").splitlines())
    articles = sorted((folder / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    return verdicts, [{k: v for k, v in json.loads(a).items() if k != "verdicts_end"} for a in articles]


def test_ray_batch_gives_the_verdicts_of_the_local_engine(ray_cluster, fake_checker, batch, tmp_path):
    spec = FakeSpec(str(fake_checker.index.path))
    local = check_batch(batch, tmp_path / "local", checker=spec, group_size=2)
    on_ray = check_batch(batch, tmp_path / "ray", checker=spec, engine="ray", group_size=2, ray_options=ONE_ACTOR)
    assert _outputs(tmp_path / "ray") == _outputs(tmp_path / "local")
    assert on_ray["engine"] == "ray" and on_ray["articles"] == local["articles"]
    assert on_ray["skipped"] == local["skipped"] and len(on_ray["skipped"]) == 2
    assert on_ray["labels"] == local["labels"] and on_ray["claims"] > 9
    # resumable on Ray too: nothing left to check
    again = check_batch(batch, tmp_path / "ray", checker=spec, engine="ray", ray_options=ONE_ACTOR)
    assert again["articles"]["checked_this_run"] == 0 and again["articles"]["already_done"] == 9


def test_ray_checks_the_groups_the_local_engine_forms(ray_cluster, fake_checker, batch, tmp_path):
    """Batches composed differently can move a model's scores, so Ray must not regroup the articles:
    9 articles in groups of 4 are 4 + 4 + 1 on both engines (Ray's even blocks would be 3 + 3 + 3)."""
    spec = FakeSpec(str(fake_checker.index.path), stamp_groups=True)
    check_batch(batch, tmp_path / "local", checker=spec, group_size=4)
    check_batch(batch, tmp_path / "ray", checker=spec, engine="ray", group_size=4, ray_options=ONE_ACTOR)
    local = _outputs(tmp_path / "local")
    assert _outputs(tmp_path / "ray") == local
    stamps = {json.loads(line)["claim"]["text"].rpartition("(group of ")[2] for line in local[0]}
    assert stamps == {"a0)", "a4)", "a8)"}


def test_ray_index_equals_the_local_index(ray_cluster, tiny_corpus, tmp_path):
    docs = read_corpus(tiny_corpus).documents
    local = build_index(docs, tmp_path / "local", embedder=FakeEmbedder())
    remote = build_index(docs, tmp_path / "ray", embedder=RayEmbedder(FakeEmbedder(), ONE_ACTOR, batch_size=2))
    _assert_same_index(local, remote)


def _assert_same_index(local, remote) -> None:
    for name in ("passages.jsonl", "documents.jsonl", "passages.offsets.npy"):
        assert (remote.path / name).read_bytes() == (local.path / name).read_bytes(), name
    np.testing.assert_allclose(np.asarray(remote.vectors, np.float32), np.asarray(local.vectors, np.float32), atol=1e-3)
    for key in ("embedder", "chunking", "corpus", "vectors", "bm25"):
        assert remote.manifest[key] == local.manifest[key], key


def test_ray_unreachable_cluster_is_one_line_naming_ray_address(tmp_path):
    with socket.socket() as s:  # a loopback port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**__import__("os").environ, "RAY_ADDRESS": f"127.0.0.1:{port}"}
    cmd = [sys.executable, "-m", "factcheck", "check-batch", str(tmp_path), "--index", str(tmp_path), "--out",
           str(tmp_path / "out"), "--engine", "ray"]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"RAY_ADDRESS=127.0.0.1:{port}" in lines[0] and "cannot reach" in lines[0]


def test_ray_engine_with_the_real_models_matches_local(ray_cluster, tmp_path):
    """The shipped embedder and NLI model, through the CLI: same index and same verdicts on both engines."""
    from typer.testing import CliRunner

    from factcheck import cli
    from factcheck.index import Index

    runner = CliRunner()
    for engine in ("local", "ray"):
        result = runner.invoke(cli.app, ["index", str(SAMPLE / "corpus"), "-o", str(tmp_path / f"idx-{engine}"),
                                         "--engine", engine, "--actors", "1"])  # fmt: skip
        assert result.exit_code == 0, result.output
    _assert_same_index(Index.open(tmp_path / "idx-local"), Index.open(tmp_path / "idx-ray"))
    path = tmp_path / "in.jsonl"
    article = (SAMPLE / "article.txt").read_text(encoding="utf-8")
    write_jsonl(path, [{"id": "sample", "text": article}, {"id": "short", "text": THIRD}])
    for engine in ("local", "ray"):
        result = runner.invoke(cli.app, ["check-batch", str(path), "--index", str(tmp_path / "idx-local"), "--out",
                                         str(tmp_path / engine), "--engine", engine, "--actors", "1"])  # fmt: skip
        assert result.exit_code == 0, result.output
    assert _outputs(tmp_path / "ray") == _outputs(tmp_path / "local")
    assert len(_outputs(tmp_path / "local")[0]) >= 10
