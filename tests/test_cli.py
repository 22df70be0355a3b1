from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck import cli
from factcheck.corpus import read_corpus
from factcheck.index import build_index

from .conftest import SAMPLE, SEED_ARTICLE, seed_text
from .test_pipeline import ARTICLE

runner = CliRunner()


def invoke(*args, stdin=None):
    return runner.invoke(cli.app, [str(a) for a in args], input=stdin)


@pytest.fixture
def use_fake_checker(monkeypatch, fake_checker):
    monkeypatch.setattr(cli.shell, "checker", lambda *a, **k: fake_checker)
    return fake_checker


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_cli_check_exit_code_one_when_flagged(use_fake_checker, article_file, tiny_corpus):
    result = invoke("check", article_file, "--corpus", tiny_corpus)
    assert result.exit_code == 1, result.output
    assert "REFUTED" in result.output and "flagged" in result.output
    assert invoke("check", article_file, "--corpus", tiny_corpus, "--exit-zero").exit_code == 0


def test_cli_check_exit_code_zero_when_all_supported(use_fake_checker, tmp_path, tiny_corpus):
    path = tmp_path / "ok.txt"
    path.write_text("Vladimir Putin arrived in Pyongyang on 19 June 2024.", encoding="utf-8")
    result = invoke("check", path, "--corpus", tiny_corpus)
    assert result.exit_code == 0, result.output
    assert "1 claims: 1 supported" in result.output


def test_cli_check_json_and_jsonl(use_fake_checker, article_file, tiny_corpus, tmp_path):
    result = invoke("check", article_file, "--corpus", tiny_corpus, "--format", "json")
    data = json.loads(result.stdout)
    verdict = data["verdicts"][0]
    assert {"text", "sentence", "span"} <= set(verdict["claim"]) and {
        "label",
        "confidence",
        "reason",
        "evidence",
    } <= set(verdict)
    start, end = verdict["claim"]["span"]
    assert ARTICLE[start:end] == verdict["claim"]["text"]
    assert {"doc_id", "text", "span", "scores"} <= set(verdict["evidence"][0])
    out = tmp_path / "out.jsonl"
    invoke("check", article_file, "--corpus", tiny_corpus, "--format", "jsonl", "--output", out)
    lines = out.read_text().splitlines()
    assert len(lines) == len(data["verdicts"]) and json.loads(lines[0])["label"]


def test_cli_check_reads_stdin(use_fake_checker, tiny_corpus):
    result = invoke("check", "-", "--corpus", tiny_corpus, "--format", "json", stdin=ARTICLE)
    assert json.loads(result.stdout)["article"]["source"] == "<stdin>"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_text("   \n"), "empty"),
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03"), "binary"),
        (lambda p: p.write_bytes(b"caf\xe9 au lait"), "not valid UTF-8"),
        (None, "does not exist"),
    ],
)
def test_cli_bad_article_is_one_line_and_exit_two(tmp_path, tiny_corpus, setup, message):
    path = tmp_path / "article.txt"
    if setup:
        setup(path)
    for command in ("check", "claims"):
        args = [command, path] + (["--corpus", tiny_corpus] if command == "check" else [])
        result = invoke(*args)
        assert result.exit_code == 2
        assert message in result.output and "Traceback" not in result.output


def test_cli_check_needs_exactly_one_source(article_file, tiny_corpus, tmp_path):
    assert invoke("check", article_file).exit_code == 2
    both = invoke("check", article_file, "--corpus", tiny_corpus, "--index", tmp_path)
    assert both.exit_code == 2 and "exactly one" in both.output


def test_cli_bad_corpus_and_index(article_file, tmp_path, fake_embedder):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("check", article_file, "--corpus", empty)
    assert result.exit_code == 2 and "no usable documents" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "fine"}\n{broken\n')
    result = invoke("index", bad, "-o", tmp_path / "idx")
    assert result.exit_code == 2 and "bad.jsonl:2" in result.output
    assert not (tmp_path / "idx").exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    docs = read_corpus(SAMPLE / "corpus").documents[:3]
    build_index(docs, tmp_path / "fake-idx", embedder=fake_embedder)
    result = invoke("check", article_file, "--index", tmp_path / "fake-idx", "--embedder", "minilm")
    assert result.exit_code == 2 and "built with embedder 'fake-bow'" in result.output
    manifest = tmp_path / "fake-idx" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["format_version"] = 0
    manifest.write_text(json.dumps(data))
    result = invoke("check", article_file, "--index", tmp_path / "fake-idx")
    assert result.exit_code == 2 and "format version 0" in result.output
    assert invoke("check", article_file, "--index", tmp_path / "nowhere").exit_code == 2


def test_cli_claims_jsonl_on_the_seed_article():
    text = seed_text()
    result = invoke("claims", SEED_ARTICLE, "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) >= 20
    for row in rows:
        assert {"id", "text", "sentence", "span", "kind", "quantities"} <= set(row)
        start, end = row["span"]
        assert text[start:end] in row["sentence"] and row["text"]
        assert text[row["sentence_span"][0] : row["sentence_span"][1]] == row["sentence"]


def test_cli_usage_errors_exit_two():
    assert invoke("check", "--top-k", "0", "x").exit_code == 2
    assert invoke("claims", "x", "--format", "yaml").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_cli_module_entry_point_and_help_are_light():
    out = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True, text=True, check=True)
    assert "check" in out.stdout and "evaluate" in out.stdout
    code = "import sys; import factcheck.cli; print('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


@pytest.mark.slow
def test_cli_index_then_check_with_real_models(tmp_path):
    result = invoke("index", SAMPLE / "corpus", "-o", tmp_path / "idx")
    assert result.exit_code == 0, result.output
    result = invoke("check", SAMPLE / "article.txt", "--index", tmp_path / "idx", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["claims"] >= 10 and data["summary"]["flagged"] >= 4


def test_cli_evaluate_formats_and_outputs(use_fake_checker, tiny_corpus, tmp_path):
    path = tmp_path / "cf.jsonl"
    ev = [{"evidence_id": "A:0", "evidence_label": "SUPPORTS", "article": "A",
           "evidence": "US officials said North Korea shipped more than 10,000 containers of munitions to Russia."}]  # fmt: skip
    path.write_text(json.dumps({"claim_id": "0", "claim": "North Korea shipped more than 10,000 containers of munitions to Russia.",
                                "claim_label": "SUPPORTS", "evidences": ev}) + "\n")  # fmt: skip
    result = invoke("evaluate", path, "--mode", "gold", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "climate-fever" in result.stdout and "macro-F1" in result.stdout
    assert (tmp_path / "out" / "metrics.json").is_file()
    bad = invoke("evaluate", path, "--format", "liar", "--mode", "gold")
    assert bad.exit_code == 2 and "unknown claim set format 'liar'" in bad.output


def test_cli_evaluate_claims_and_nli(tmp_path, tiny_bert):
    data = tmp_path / "cw.jsonl"
    data.write_text(
        '{"text": "We cut taxes by 30 percent in 2019.", "label": 1}\n{"text": "Thank you all.", "label": 0}\n'
    )
    result = invoke("evaluate-claims", data, "--out", tmp_path / "o")
    assert result.exit_code == 0, result.output
    assert "F1 1.0000" in result.stdout and (tmp_path / "o" / "metrics.json").is_file()
    pairs = tmp_path / "p.jsonl"
    pairs.write_text('{"premise": "A dog runs.", "hypothesis": "An animal moves.", "label": "entailment"}\n')
    result = invoke("evaluate-nli", pairs, "--nli", tiny_bert)
    assert result.exit_code == 0 and json.loads(result.stdout)["accuracy"] == 1.0
    assert invoke("evaluate-claims", tmp_path / "missing.json").exit_code == 2


def test_cli_index_defaults_match_the_config():
    import inspect

    from factcheck import config

    params = inspect.signature(cli.index_cmd).parameters
    assert params["ann_threshold"].default == config.DEFAULT_ANN_THRESHOLD
    assert params["max_document_chars"].default == config.DEFAULT_MAX_DOCUMENT_CHARS
    assert params["dtype"].default.value == config.DEFAULT_VECTOR_DTYPE


def test_cli_tables_print_user_text_literally(monkeypatch, tmp_path, fake_embedder, keyword_nli):
    """Brackets in document ids, claims and titles are text, not rich markup."""
    from factcheck import FactChecker

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "[b]visit.txt").write_text("Vladimir Putin arrived in Pyongyang on 19 June 2024.\n", encoding="utf-8")
    checker = FactChecker.from_corpus(corpus, embedder=fake_embedder, nli=keyword_nli, cache_dir=tmp_path / "cache")
    monkeypatch.setattr(cli.shell, "checker", lambda *a, **k: checker)
    article = tmp_path / "[red]title.txt"
    article.write_text("Vladimir Putin [sic] arrived in Pyongyang on 19 June 2024.\n", encoding="utf-8")
    result = invoke("check", article, "--corpus", corpus, "--all")
    assert result.exit_code in (0, 1), result.output
    flat = " ".join(result.stdout.split())
    assert "[sic]" in flat and "[[b]visit]" in flat and "[red]title.txt" in flat, result.stdout
    result = invoke("claims", article, "--rules")
    assert "[sic]" in " ".join(result.stdout.split()), result.stdout
