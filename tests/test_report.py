from __future__ import annotations

import ast
import html
import json
import re
import subprocess
import sys

import pytest

from factcheck.report import render, report_dict, schema, to_html, to_html_fragment, to_markdown
from factcheck.report.article_view import article_blocks
from factcheck.report.explain import plain_reason
from factcheck.report.view import passage_fragments, report_view
from factcheck.types import Article, Claim, Evidence, Label, Passage, Report, Span, Verdict

from .conftest import ROOT
from .reports import make_report
from .test_pipeline import ARTICLE

jsonschema = pytest.importorskip("jsonschema")


def _validator(definition: str | None = None):
    full = schema()
    if definition is not None:
        full = {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator.check_schema(full)
    return jsonschema.Draft202012Validator(full, format_checker=jsonschema.FormatChecker())


def test_report_json_of_a_real_check_matches_the_schema(fake_checker):
    report = fake_checker.check(ARTICLE)
    data = json.loads(report.to_json())
    assert data["schema_version"] == "1.0" and data["verdicts"]
    _validator().validate(data)
    lines = [json.loads(line) for line in report.to_jsonl().splitlines()]
    for line in lines:
        _validator("verdict_line").validate(line)
    assert report_dict(report) == data


def test_report_schema_rejects_what_it_documents_as_wrong(fake_checker):
    data = report_dict(fake_checker.check(ARTICLE))
    validator = _validator()
    broken = json.loads(json.dumps(data))
    broken["verdicts"][0]["label"] = "MAYBE"
    del broken["verdicts"][0]["claim"]["span"]
    broken["schema_version"] = "2.0"
    messages = " | ".join(e.message for e in validator.iter_errors(broken))
    assert "'MAYBE' is not one of" in messages and "'span' is a required property" in messages
    assert "does not match" in messages


def test_report_schema_ships_as_package_data():
    text = (ROOT / "factcheck" / "report" / "schema" / "report.schema.json").read_text(encoding="utf-8")
    assert json.loads(text) == schema()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"factcheck.report" = ["templates/*", "schema/*.json"]' in pyproject


def test_report_html_page_is_self_contained():
    page = to_html(make_report())
    assert page.startswith("<!doctype html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), "a network asset"
    assert "<link" not in page and "@import" not in page and "url(" not in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_report_html_shows_claims_verdicts_and_figures():
    page = to_html(make_report())
    assert len(re.findall(r'<article class="fc-panel fc-', page)) == 3
    assert 'data-claims="c001" data-label="REFUTED"' in page
    assert (
        'article: <b class="fc-figure-article">26,000 tonnes</b> — source: <b class="fc-figure-source">260,000 tonnes</b>'
        in page
    )
    # the window is marked inside its passage, the figure inside the window
    assert 'Port report. <mark class="fc-window">Officials said <' in page
    assert '<strong class="fc-figure">260,000 tonnes</strong>' in page
    assert "Not enough information" in page and "88%" in page
    assert 'id="claim-c001"' in page  # stable anchors: ClaimReview urls point at them


def test_report_plain_reason_reads_the_structured_fields():
    report = make_report()
    refuted, supported, nei = (plain_reason(v) for v in report.verdicts)
    assert refuted == "The figures differ: the article says “26,000 tonnes”, “Port report” says “260,000 tonnes”."
    assert supported == "port-log says the same thing."
    assert nei == "Nothing in the reference corpus is about this claim."


def test_report_escapes_article_and_corpus_text_everywhere():
    report = make_report(hostile=True)
    for output in (to_html(report), to_html_fragment(report)):
        assert output.count("<script>") == 1  # the report's own
        assert "<img" not in output and '<a href="javascript' not in output
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", output)
        assert not re.search(r"<[a-z][^>]*\sonerror=", output)
        assert "&lt;script&gt;window.__xss" in output and "onerror=&#34;window.__xss" in output
    markdown = to_markdown(report)
    assert "<script" not in markdown and "<img" not in markdown and "<a " not in markdown
    assert "&lt;script&gt;" in markdown
    assert not re.search(r"\]\(javascript:", markdown) and "\\]" in markdown


def test_report_repr_html_is_a_fragment_scoped_to_its_root(fake_checker):
    report = fake_checker.check(ARTICLE)
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="fc-report"') and "<html" not in fragment
    assert 'data-standalone="no"' in fragment and "factcheck report" in fragment
    assert report.to_html().startswith("<!doctype html>")


def test_report_renders_when_optional_fields_are_missing():
    text = "Putin visited Pyongyang in 2000."
    span = Span(0, len(text))
    claim = Claim("c1", "a1", text, span, text, span)
    passage = Passage("d#0", "d", "Something else entirely. And more.", Span(50, 84))
    bare = Evidence(passage, 0.1, 1, Span(50, 74), "Something else entirely.")
    report = Report(Article("a1", text), (Verdict(claim, Label.NOT_ENOUGH_INFO, 0.5, (bare,), ""),))
    view = report_view(report)
    assert view.claims[0].reason == "The closest source, d, neither confirms nor contradicts the claim."
    assert [f.mark for f in view.claims[0].evidence[0].fragments] == ["window", None]
    for fmt in ("html", "markdown", "json", "jsonl", "claimreview"):
        assert render(report, fmt)


def test_report_window_offsets_that_do_not_match_fall_back_to_the_window():
    passage = Passage("d#0", "d", "First. Second sentence here.", Span(0, 28))
    evidence = Evidence(passage, 0.1, 1, Span(7, 28), "Second sentence here.")
    assert [(f.text, f.mark) for f in passage_fragments(evidence)] == [
        ("First. ", None),
        ("Second sentence here.", "window"),
    ]


def test_report_article_pieces_follow_claim_offsets_even_when_claims_overlap():
    text = "Intro. Kim met Putin in Pyongyang and signed a treaty. End."
    sentence = Span(7, 54)
    first = Claim("c1", "a", "Kim met Putin in Pyongyang.", Span(7, 33), sentence.of(text), sentence)
    whole = Claim("c2", "a", "Kim signed a treaty.", Span(7, 54), sentence.of(text), sentence)
    verdicts = [Verdict(first, Label.SUPPORTED, 0.9), Verdict(whole, Label.REFUTED, 0.8)]
    (block,) = article_blocks(Article("a", text), verdicts, {"c1": 1, "c2": 2})
    assert "".join(p.text for p in block.pieces) == text
    covered = [(p.text, p.claims, p.label, p.ends) for p in block.pieces if p.claims]
    assert covered == [
        ("Kim met Putin in Pyongyang", ("c1", "c2"), "REFUTED", (1,)),
        (" and signed a treaty.", ("c2",), "REFUTED", (2,)),
    ]


def test_report_html_article_shows_visible_text_only():
    page = "<html><body><h1>Title</h1><p>Putin <b>visited</b> Pyongyang in 2000.</p></body></html>"
    start = page.index("Putin")
    end = page.index("2000.") + 5
    claim = Claim("c1", "a", "Putin visited Pyongyang in 2000.", Span(start, end), page[start:end], Span(start, end))
    view = report_view(Report(Article("a", page), (Verdict(claim, Label.SUPPORTED, 0.9),)))
    shown = "".join(p.text for b in view.blocks for p in b.pieces if p.claims)
    assert shown == "Putin visited Pyongyang in 2000." and view.claims[0].sentence == shown


def test_report_types_module_imports_no_rendering():
    tree = ast.parse((ROOT / "factcheck" / "types.py").read_text(encoding="utf-8"))
    top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = [getattr(n, "module", None) or n.names[0].name for n in top_level]
    assert not [n for n in names if n and n.startswith("factcheck")], names
    code = "import sys, factcheck.types; print('factcheck.report' in sys.modules, 'jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_report_render_rejects_an_unknown_format():
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="one of json, jsonl, html, markdown, claimreview"):
        render(make_report(), "pdf")


@pytest.mark.slow
def test_report_library_use_prints_nothing_on_stderr(tmp_path):
    """A notebook gets no stray progress bars ("Loading weights ...") or warnings."""
    code = (
        "from factcheck import FactChecker\n"
        f"checker = FactChecker.from_corpus({str(ROOT / 'data' / 'sample' / 'corpus')!r})\n"
        f"report = checker.check(open({str(ROOT / 'data' / 'sample' / 'article.txt')!r}, encoding='utf-8').read())\n"
        "report._repr_html_(); report.to_pandas(); report.to_json()\n"
        "print(len(report.verdicts))\n"
    )
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("TRANSFORMERS_", "HF_HUB_DISABLE"))}
    env["FACTCHECK_HOME"] = str(tmp_path / "home")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout.strip()) > 0
    assert run.stderr == ""
