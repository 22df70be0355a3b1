"""Batch checking with the local engine, on fakes: inputs, bad records, output, resume, CLI."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck import FactChecker, cli
from factcheck.batch import BatchOutput, CheckerSpec, MemoEmbedder, Skipped, check_batch, iter_inputs, read_summary
from factcheck.batch.inputs import count_inputs
from factcheck.errors import ConfigError

from .conftest import FakeEmbedder, KeywordNLI
from .test_pipeline import ARTICLE

SECOND = """Containers to Russia

Published 20 June 2024

North Korea shipped more than 10,000 containers of munitions to Russia since September 2023.

Pyongyang has cold winters and hot, humid summers.
"""

THIRD = """Putin and Kim

Published 19 June 2024

Kim Jong Un greeted Vladimir Putin at the airport. Vladimir Putin visited Pyongyang in July 2000.
"""


@dataclass(frozen=True)
class FakeSpec:
    """A picklable checker factory over an index, with the fake stages (as CheckerSpec builds the real ones)."""

    index: str
    top_k: int = 5
    raise_on: str | None = None  # an article text fragment that makes claim extraction raise
    stamp_groups: bool = False  # every claim names the first article of its group (shows how articles were grouped)

    def __call__(self):
        from factcheck.config import VerifyConfig

        checker = FactChecker.from_index(
            self.index, embedder=MemoEmbedder(FakeEmbedder()), nli=KeywordNLI(), verify=VerifyConfig(top_k=self.top_k)
        )
        if self.raise_on is not None:
            checker.detector = _Exploding(checker.detector, self.raise_on)
        if self.stamp_groups:
            checker.detector = _GroupStamp(checker.detector)
        return checker


class _WrappedDetector:
    """A claim detector standing in for ``detector``, which answers everything it does not change."""

    def __init__(self, detector) -> None:
        self.detector = detector

    def __getattr__(self, name):
        return getattr(self.detector, name)


class _GroupStamp(_WrappedDetector):
    """A claim detector whose claims end with the id of the first article it was handed with them."""

    def __call__(self, parsed):
        first = parsed[0].article.id if parsed else ""
        return [[replace(c, text=f"{c.text} (group of {first})") for c in claims] for claims in self.detector(parsed)]


class _Exploding(_WrappedDetector):
    """A claim detector that raises a bug-like error on articles containing ``fragment``."""

    def __init__(self, detector, fragment: str) -> None:
        super().__init__(detector)
        self.fragment = fragment

    def __call__(self, parsed):
        if any(self.fragment in p.article.text for p in parsed):
            raise ZeroDivisionError("planted bug")
        return self.detector(parsed)


@pytest.fixture
def spec(fake_checker) -> FakeSpec:
    return FakeSpec(str(fake_checker.index.path))


def write_jsonl(path, rows) -> None:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def articles_jsonl(tmp_path):
    path = tmp_path / "articles.jsonl"
    write_jsonl(
        path,
        [
            {"id": "putin", "text": ARTICLE},
            {"id": "containers", "text": SECOND, "title": "Given title"},
            {"id": "kim", "text": THIRD, "published": "2024-06-19"},
        ],
    )
    return path


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_batch_inputs_record_every_bad_article_with_its_reason(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.html").write_text("<html><body><p>Putin visited Pyongyang.</p></body></html>")
    (folder / "empty.txt").write_text("  \n")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (folder / "latin1.md").write_bytes("Caf\xe9 au lait".encode("latin-1"))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.txt").write_text("ignored")
    records = list(iter_inputs(folder))
    assert count_inputs(folder) == len(records) == 6
    ok = {r.id: r for r in records if not isinstance(r, Skipped)}
    assert set(ok) == {"a", "sub/b"} and ok["sub/b"].fmt == "html" and ok["a"].source == "a.txt"
    reasons = {r.id: r.reason for r in records if isinstance(r, Skipped)}
    assert "empty" in reasons["empty"] and "binary" in reasons["binary"]
    assert "UTF-8" in reasons["latin1"] and "not an article file" in reasons["photo"]

    path = tmp_path / "in.jsonl"
    write_jsonl(
        path,
        [
            {"id": 7, "text": "Putin visited Pyongyang.", "published": "2024-06-19T08:00:00+00:00", "title": "T"},
            "{not json",
            "[1, 2]",
            {"text": "no id"},
            {"id": "no-text"},
            {"id": "blank", "text": " "},
            {"id": "nul", "text": "a\x00b"},
            {"id": "bad-date", "text": "x", "published": "19/06/2024"},
            {"id": 7, "text": "duplicate"},
        ],
    )
    with path.open("ab") as handle:
        handle.write(b'{"id": "latin", "text": "caf\xe9"}\n\n')
    records = list(iter_inputs(path))
    assert count_inputs(path) == len(records) == 10
    first = records[0]
    assert (first.id, first.published.isoformat(), first.title, first.source) == ("7", "2024-06-19", "T", "in.jsonl:1")
    reasons = [r.reason for r in records[1:]]
    assert all(isinstance(r, Skipped) for r in records[1:])
    for fragment, reason in zip(
        ["not valid JSON", "expected a JSON object", "no id", "no text", "empty", "binary", "published must be",
         "duplicate article id (first at in.jsonl:1)", "UTF-8"], reasons, strict=True):  # fmt: skip
        assert fragment in reason


def test_batch_local_gives_the_verdicts_of_check(fake_checker, spec, articles_jsonl, tmp_path):
    summary = check_batch(articles_jsonl, tmp_path / "out", checker=spec, group_size=2)
    expected = "".join(
        fake_checker.check(row["text"], id=row["id"], **({"title": row["title"]} if "title" in row else {})).to_jsonl()
        for row in map(json.loads, lines(articles_jsonl))
    )
    assert (tmp_path / "out" / "verdicts.jsonl").read_text(encoding="utf-8") == expected
    rows = [json.loads(line) for line in lines(tmp_path / "out" / "articles.jsonl")]
    assert [r["id"] for r in rows] == ["putin", "containers", "kim"]
    assert rows[1]["title"] == "Given title" and rows[0]["published"] == "2024-06-19"
    assert summary == read_summary(tmp_path / "out")
    assert summary["status"] == "complete" and summary["articles"]["checked"] == 3
    assert summary["claims"] == len(expected.splitlines()) == sum(summary["labels"].values())
    assert summary["labels"]["REFUTED"] >= 1 and summary["config"]["embedder"]["name"] == "fake-bow"


def test_batch_claims_of_a_group_are_verified_together(spec, articles_jsonl, tmp_path, monkeypatch):
    from factcheck.verify import Verifier

    calls: list[int] = []
    original = Verifier.__call__

    def counting(self, claims, candidates, **kwargs):
        calls.append(len(claims))
        return original(self, claims, candidates, **kwargs)

    monkeypatch.setattr(Verifier, "__call__", counting)
    check_batch(articles_jsonl, tmp_path / "out", checker=spec, group_size=3)
    # "putin" and "kim" share a date and go together; "containers" (20 June) is verified apart
    total = len(lines(tmp_path / "out" / "verdicts.jsonl"))
    assert len(calls) == 2 and sum(calls) == total and max(calls) > 3


def test_batch_rerun_after_a_cut_off_run_loses_and_repeats_nothing(spec, articles_jsonl, tmp_path):
    full = tmp_path / "full"
    check_batch(articles_jsonl, full, checker=spec, group_size=1)
    out = tmp_path / "cut"
    check_batch(articles_jsonl, out, checker=spec, group_size=1)
    # a run killed while writing: the last article line is half written, verdicts of a next article begun
    articles, verdicts = out / "articles.jsonl", out / "verdicts.jsonl"
    first_two = b"".join(articles.read_bytes().splitlines(keepends=True)[:2])
    articles.write_bytes(first_two + b'{"id": "kim", "sta')
    verdicts.write_bytes(verdicts.read_bytes() + b'{"article_id": "next", "cl')
    summary = check_batch(articles_jsonl, out, checker=spec, group_size=1)
    assert summary["articles"]["checked_this_run"] == 1 and summary["articles"]["already_done"] == 2
    assert verdicts.read_bytes() == (full / "verdicts.jsonl").read_bytes()
    assert articles.read_bytes() == (full / "articles.jsonl").read_bytes()
    again = check_batch(articles_jsonl, out, checker=spec)
    assert again["articles"]["checked_this_run"] == 0 and again["articles"]["checked"] == 3


def test_batch_interrupted_run_writes_its_summary_and_resumes(spec, articles_jsonl, tmp_path):
    out = tmp_path / "out"
    seen = []

    def progress(stage, done, total):
        seen.append(done)
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_batch(articles_jsonl, out, checker=spec, group_size=1, progress=progress)
    assert read_summary(out)["status"] == "interrupted" and len(lines(out / "articles.jsonl")) == 2
    summary = check_batch(articles_jsonl, out, checker=spec, group_size=1)
    assert summary["status"] == "complete" and summary["articles"]["checked_this_run"] == 1
    assert [json.loads(line)["id"] for line in lines(out / "articles.jsonl")] == ["putin", "containers", "kim"]


def test_batch_output_refuses_another_configuration_and_a_second_writer(spec, articles_jsonl, tmp_path):
    out = tmp_path / "out"
    check_batch(articles_jsonl, out, checker=spec)
    with pytest.raises(ConfigError, match="another configuration"):
        check_batch(articles_jsonl, out, checker=FakeSpec(spec.index, top_k=2))
    with BatchOutput(out).open(read_summary(out)["config_key"]), pytest.raises(ConfigError, match="another batch"):
        BatchOutput(out).open(read_summary(out)["config_key"])
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        check_batch(articles_jsonl, tmp_path / "file", checker=spec)


def test_batch_bad_and_failing_articles_are_recorded_and_the_batch_goes_on(fake_checker, articles_jsonl, tmp_path):
    path = tmp_path / "mixed.jsonl"
    write_jsonl(
        path, [*lines(articles_jsonl), "{oops", {"id": "empty", "text": ""}, {"id": "bug", "text": "Explode now."}]
    )
    spec = FakeSpec(str(fake_checker.index.path), raise_on="Explode")
    summary = check_batch(path, tmp_path / "out", checker=spec, group_size=8)
    assert summary["articles"] == {
        "in_input": 6, "checked": 3, "checked_this_run": 3, "already_done": 0, "skipped": 2, "failed": 1,
    }  # fmt: skip
    assert {s["source"]: s["reason"] for s in summary["skipped"]}["mixed.jsonl:4"].startswith("not valid JSON")
    assert summary["failed"] == [{"id": "bug", "source": "mixed.jsonl:6", "reason": "internal error: ZeroDivisionError: planted bug"}]  # fmt: skip
    assert {json.loads(line)["id"] for line in lines(tmp_path / "out" / "articles.jsonl")} == {
        "putin",
        "containers",
        "kim",
    }


def test_batch_a_checker_that_fails_everything_stops_the_run(fake_checker, tmp_path):
    path = tmp_path / "bugs.jsonl"
    write_jsonl(path, [{"id": f"b{i}", "text": f"Explode {i}."} for i in range(12)])
    spec = FakeSpec(str(fake_checker.index.path), raise_on="Explode")
    with pytest.raises(RuntimeError, match="all failed: internal error: ZeroDivisionError"):
        check_batch(path, tmp_path / "out", checker=spec, group_size=4)
    assert read_summary(tmp_path / "out")["status"] == "interrupted"


def test_batch_memo_embedder_encodes_each_text_once():
    base = FakeEmbedder()
    memo = MemoEmbedder(base, capacity=3)
    assert (memo.name, memo.fingerprint, memo.dim) == (base.name, base.fingerprint, base.dim)
    first = memo.encode(["a b", "c d", "a b"])
    assert base.texts_encoded == 2 and (memo.hits, memo.misses) == (1, 2)
    np.testing.assert_array_equal(memo.encode(["c d"])[0], first[1])
    assert base.texts_encoded == 2
    memo.encode(["e f", "g h"])  # capacity 3: "a b", the least recently used, is dropped
    memo.encode(["a b"])
    assert base.texts_encoded == 5 and memo.encode([]).shape == (0, base.dim)


def test_batch_checker_spec_builds_the_real_stages(fake_checker):
    spec = CheckerSpec(str(fake_checker.index.path), embedder="minilm", top_k=3)
    with pytest.raises(Exception, match="built with embedder"):
        spec()  # the fake index was not built with MiniLM: refused like FactChecker.from_index


runner = CliRunner()


@pytest.fixture
def fake_spec_in_cli(monkeypatch):
    import factcheck.batch

    monkeypatch.setattr(factcheck.batch, "CheckerSpec", lambda index, **kwargs: FakeSpec(index))


def test_cli_check_batch_writes_the_outputs(fake_spec_in_cli, fake_checker, articles_jsonl, tmp_path):
    with articles_jsonl.open("a") as handle:
        handle.write("{broken\n")
    out = tmp_path / "out"
    result = runner.invoke(cli.app, ["check-batch", str(articles_jsonl), "--index", str(fake_checker.index.path),
                                     "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "3 articles checked" in result.output and "1 skipped" in result.output
    assert "skipped articles.jsonl:4: not valid JSON" in result.output
    assert (out / "verdicts.jsonl").is_file() and read_summary(out)["articles"]["skipped"] == 1
    again = runner.invoke(cli.app, ["check-batch", str(articles_jsonl), "--index", str(fake_checker.index.path),
                                    "--out", str(out)])  # fmt: skip
    assert again.exit_code == 0 and "(0 in this run, 3 already done)" in again.output


def test_cli_check_batch_usage_errors(fake_spec_in_cli, fake_checker, tmp_path, monkeypatch):
    index = str(fake_checker.index.path)
    result = runner.invoke(
        cli.app, ["check-batch", str(tmp_path / "missing"), "--index", index, "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "does not exist" in result.output
    result = runner.invoke(cli.app, ["check-batch", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "exactly one of --corpus" in result.output
    monkeypatch.setitem(sys.modules, "ray", None)  # as if Ray were not installed
    for args in (["check-batch", str(tmp_path), "--index", index, "--out", str(tmp_path / "o")], ["index", str(tmp_path), "-o", str(tmp_path / "i")]):  # fmt: skip
        result = runner.invoke(cli.app, [*args, "--engine", "ray"])
        assert result.exit_code == 2 and "pip install 'factcheck[ray]'" in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_cli_check_batch_internal_failures_exit_three(monkeypatch, fake_checker, tmp_path):
    import factcheck.batch

    monkeypatch.setattr(factcheck.batch, "CheckerSpec", lambda index, **kw: FakeSpec(index, raise_on="Explode"))
    path = tmp_path / "in.jsonl"
    write_jsonl(path, [{"id": "ok", "text": THIRD}, {"id": "bug", "text": "Explode."}])
    result = runner.invoke(cli.app, ["check-batch", str(path), "--index", str(fake_checker.index.path), "--out",
                                     str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 3 and "1 articles failed with an internal error" in result.output


class _StreamingEmbedder(FakeEmbedder):
    """Hands its vectors back through ``encode_stream`` in pieces and out of order, as the Ray engine does."""

    def encode_stream(self, texts):
        pieces = [list(range(i, min(i + 2, len(texts)))) for i in range(0, len(texts), 2)]
        for rows in reversed(pieces):
            yield np.asarray(rows), self.encode([texts[r] for r in rows])


def test_batch_index_built_from_a_stream_of_vectors_equals_the_plain_build(tiny_corpus, tmp_path):
    from factcheck.corpus import read_corpus
    from factcheck.errors import InvalidIndexError
    from factcheck.index import build_index

    docs = read_corpus(tiny_corpus).documents
    plain = build_index(docs, tmp_path / "plain", embedder=FakeEmbedder())
    streamed = build_index(docs, tmp_path / "streamed", embedder=_StreamingEmbedder())
    np.testing.assert_array_equal(np.asarray(streamed.vectors), np.asarray(plain.vectors))
    assert (streamed.path / "passages.jsonl").read_bytes() == (plain.path / "passages.jsonl").read_bytes()

    class Lossy(FakeEmbedder):
        def encode_stream(self, texts):
            yield np.arange(1), self.encode(texts[:1])

    with pytest.raises(InvalidIndexError, match="returned 1 vectors"):
        build_index(docs, tmp_path / "lossy", embedder=Lossy())
