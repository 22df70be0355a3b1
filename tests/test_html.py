"""HTML articles: visible text with offsets into the HTML as given (factcheck.html, parse_article, CLI)."""

from __future__ import annotations

import doctest
import html
import json
import re
import time

import pytest
from typer.testing import CliRunner

import factcheck.html
from factcheck import cli
from factcheck.claims import extract_claims
from factcheck.errors import ConfigError
from factcheck.html import extract_html, looks_like_html, normalise_html
from factcheck.text import clean, parse_article
from factcheck.types import Span

from .conftest import SAMPLE

runner = CliRunner()

PAGE = """<!DOCTYPE html>
<HTML lang="en">
<head>
  <meta charset="utf-8">
  <title>Harbour bridge approved &ndash; The Coastal Ledger</title>
  <style>
    .lede::before { content: "The council approved the bridge in 1999."; }
  </style>
  <script type="text/javascript">
    var headline = "The mayor resigned in March 2020 after 12 years in office.";
    if (a < b && b > c) { track("<p>The bridge will cost 80 million euros.</p>"); }
  </script>
</head>
<body class="page">
  <header class="masthead"><a href="/">The Coastal Ledger</a></header>
  <nav><ul><li><a href="/local">Local</a></li><li>The port handled 3 million containers in 2022.</li></ul></nav>
  <main>
    <article class="story has-share-bar">
      <header>
        <h1 class="headline">Council approves &lsquo;Riverside&rsquo; bridge</h1>
        <p class="byline">By <a href="/staff/ines">Ines Marlow</a></p>
        <p class="meta">Published <time datetime="2024-03-05">5 March 2024</time></p>
      </header>
      <div class="social-share"><a href="#">Share</a> The bridge was first proposed in 1987.</div>
      <!-- <p>The old ferry carried 900 passengers a day in 1950.</p> -->
      <p class="lede">The Marlow City Council voted 31 to 9 on Tuesday to build a new
        <a href="/tags/bridge" title="a > b">Riverside bridge</a> across the Tamsel estuary.</p>
      <p>The bridge will cost &euro;42&nbsp;million and is expected to open in 2027, the council&#8217;s
        transport committee said. It will be <b>1.2</b> kilometres long.</p>
      <h2>Why now?</h2>
      <p>Traffic on the old Harbour Road crossing has doubled since 2010, according to the city&rsquo;s
        own figures. Mayor Alva Bren called the vote &ldquo;a historic day for the estuary&rdquo;.</p>
      <aside class="factbox"><p>The estuary is 14 kilometres wide at its mouth.</p></aside>
      <div class="newsletter-signup">
        <p>Sign up for our newsletter. The Ledger has 50,000 subscribers since 2019.</p>
        <form><input type="email"><button>Subscribe</button></form>
      </div>
      <p>Construction of the Ri<em>ver</em>side crossing is due to start in spring 2025.</p>
      <footer class="story-tags"><a href="/t/1">Transport</a></footer>
    </article>
  </main>
  <div id="cookie-banner">We use cookies. The site was launched in 2004.</div>
  <footer><p>&copy; 2024 The Coastal Ledger. Founded in 1881 in Marlow.</p></footer>
  <script>window.ads = ["The ferry closed in 1998."];</script>
</body>
</HTML>
"""

# Sentences that only appear in boilerplate: none may reach the text or become a claim.
BOILERPLATE_SENTENCES = (
    "The council approved the bridge in 1999",
    "The mayor resigned in March 2020",
    "The bridge will cost 80 million euros",
    "The port handled 3 million containers",
    "The bridge was first proposed in 1987",
    "The old ferry carried 900 passengers",
    "The estuary is 14 kilometres wide",
    "The Ledger has 50,000 subscribers",
    "The site was launched in 2004",
    "Founded in 1881",
    "The ferry closed in 1998",
    "Coastal Ledger",
    "Local",
    "Transport",
)

_TAG = re.compile(r"""<(?:[^<>"']|"[^"]*"|'[^']*')*>""")


def assert_offsets(source: str, norm) -> None:
    """Every character of the text maps to the markup that produced it."""
    assert norm.source == source
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i, char in enumerate(norm.text):
        start, end = norm.starts[i], norm.ends[i]
        assert 0 <= start < end <= len(source), (i, char, start, end)
        piece = source[start:end]
        decoded = html.unescape(piece)
        if char in " \n":
            # a collapsed space or paragraph break: whitespace, a space entity, or one block tag
            assert not decoded.strip() or _TAG.fullmatch(piece), (i, char, piece)
        elif char == "#" and _TAG.fullmatch(piece):
            assert re.fullmatch(r"<h[1-6]\b[^>]*>", piece, re.I), (i, piece)  # a heading's mark
        else:
            assert char in clean(decoded), (i, char, piece)
        if i and norm.text[i - 1] not in " \n#":
            assert start >= norm.starts[i - 1], (i, char)  # the map is monotonic


def visible(markup: str) -> str:
    """The text a reader sees in a slice of the page (for comparing claim sentences)."""
    return clean(" ".join(html.unescape(_TAG.sub("", markup)).split()))


# ------------------------------------------------------------------------------------------------
# normalise_html
# ------------------------------------------------------------------------------------------------


def test_html_offsets_map_every_character_of_a_page():
    norm = normalise_html(PAGE)
    assert_offsets(PAGE, norm)
    assert norm.text.startswith("# Council approves 'Riverside' bridge\n\nBy Ines Marlow\n\nPublished 5 March 2024")
    assert "\n\n## Why now?\n\n" in norm.text


def test_html_offsets_of_the_sample_article():
    source = (SAMPLE / "article.html").read_text(encoding="utf-8")
    assert_offsets(source, normalise_html(source))


def test_html_drops_boilerplate_scripts_and_comments():
    text = normalise_html(PAGE).text
    for sentence in BOILERPLATE_SENTENCES:
        assert sentence not in text
    assert "<" not in text and "&" not in text and "track(" not in text
    assert "The Marlow City Council voted 31 to 9" in text


def test_html_inline_tags_and_entities():
    norm = normalise_html(PAGE)
    text = norm.text
    # inline tags vanish without splitting words, block tags break paragraphs
    assert "Construction of the Riverside crossing" in text
    assert "It will be 1.2 kilometres long." in text
    # entities decode and normalise like plain text; each maps to the whole entity
    assert "cost \u20ac42 million" in text and "the council's transport committee" in text
    assert 'called the vote "a historic day for the estuary".' in text
    for needle, entity in (("council's", "&#8217;"), ("city's", "&rsquo;"), ('"a historic', "&ldquo;")):
        i = text.index(needle) + (len(needle) - 2 if needle.endswith("'s") else 0)
        assert PAGE[norm.starts[i] : norm.ends[i]] == entity
    i = text.index("42 million") + 2
    assert PAGE[norm.starts[i] : norm.ends[i]] == "&nbsp;"


def test_html_literal_curly_quotes_map_to_one_character():
    source = "<p>Kim\u2019s \u201cbig\u201d day &mdash; again&hellip;</p>"
    norm = normalise_html(source)
    assert norm.text == 'Kim\'s "big" day - again...'
    assert_offsets(source, norm)
    assert norm.source_span(Span(0, 5)).of(source) == "Kim\u2019s"
    assert norm.source_span(Span(len(norm.text) - 3, len(norm.text))).of(source) == "&hellip;"


def test_html_headings_and_title():
    page = extract_html(PAGE)
    assert page.title == "Council approves 'Riverside' bridge" and page.has_h1
    no_h1 = extract_html("<html><head><title>A &amp; B</title></head><body><p>Text.</p></body></html>")
    assert no_h1.title == "A & B" and not no_h1.has_h1 and no_h1.normalised.text == "Text."
    # a <br> inside a heading does not split it into a heading and a body paragraph
    assert normalise_html("<h1>Putin lands<br>in Pyongyang</h1><p>Body.</p>").text == (
        "# Putin lands in Pyongyang\n\nBody."
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<script>var a = 'The sky fell in 1990.';</script><style>p { color: red }</style>", ""),
        ("<div><p>One.</div></div></p>Two<p>Three", "One.\n\nTwo\n\nThree"),
        ("<P CLASS=x>Upper &AMP; case</P><BR>Next", "Upper & case\n\nNext"),
        ("<p data-x=\"a > b\" title='c > d'>Quoted attributes.</p>", "Quoted attributes."),
        ("<![CDATA[ The secret was 42. ]]><p>Shown.</p>", "Shown."),
        ("<p>Broken <![ if !supportLists ]>declaration.</p>", "Broken declaration."),
        ("<p>Unclosed <b>bold <i>italic", "Unclosed bold italic"),
        ('<p>Fine.</p><div class="tail', "Fine."),
        ("<p>x &notit; y &amp z &#0; &#x41;&# done</p>", "x \u00acit; y & z \ufffd A&# done"),
        ("<p>a < b and 3<4</p>", "a < b and 3<4"),
        (
            "<table><tr><th>Year</th><th>Riders</th></tr><tr><td>2023</td><td>9,000</td></tr></table>",
            "Year Riders\n\n2023 9,000",
        ),
        ("<svg><title>Icon</title><text>The bridge is 9 km long.</text></svg><p>After.</p>", "After."),
    ],
)
def test_html_bad_input_never_crashes_and_keeps_offsets(source, expected):
    norm = normalise_html(source)
    assert norm.text == expected
    assert_offsets(source, norm)


def test_html_huge_inline_script_is_skipped_quickly():
    script = "<script>" + "var s = 'The bridge opened in 1901. <p>x</p>';\n" * 50_000 + "</script>"
    source = f"<html><body>{script}<p>The bridge opened in 2027.</p>{script}</body></html>"
    started = time.perf_counter()
    norm = normalise_html(source)
    assert norm.text == "The bridge opened in 2027."
    assert time.perf_counter() - started < 10
    assert norm.source_span(Span(0, len(norm.text))).of(source) == "The bridge opened in 2027."


def test_looks_like_html():
    assert looks_like_html("<!doctype html><p>x</p>")
    assert looks_like_html("\ufeff  <!-- saved --> <html><body>x</body></html>")
    assert looks_like_html("<p>One.</p>\n<p>Two.</p>")
    assert looks_like_html("Lead text\n<div>\n<p>One.</p><p>Two.</p><p>Three.</p>\n</div>")
    assert not looks_like_html("Putin Visits Pyongyang\n\nPutin arrived on Wednesday.")
    assert not looks_like_html("# Title\n\nLine one<br>\n\nPara two.\n\nPara three.\n\nPara <sup>4</sup>.")
    assert not looks_like_html("Prices rose when x < 3 and y > 2.")


def test_the_module_doctests_pass():
    assert doctest.testmod(factcheck.html).failed == 0


# ------------------------------------------------------------------------------------------------
# parse_article and claims
# ------------------------------------------------------------------------------------------------


def test_parse_article_reads_html_structure():
    parsed = parse_article(PAGE)
    article = parsed.article
    assert article.text == PAGE and parsed.normalised.source == PAGE
    assert article.title == "Council approves 'Riverside' bridge"
    assert article.byline == "By Ines Marlow"
    assert article.published is not None and article.published.isoformat() == "2024-03-05"
    kinds = [b.kind for b in parsed.blocks]
    assert kinds[:3] == ["title", "byline", "dateline"]
    heading = next(b for b in article.blocks if b.kind == "heading")
    assert heading.span.of(PAGE) == "<h2>Why now?"
    title = article.blocks[0]
    assert title.span.of(PAGE).startswith('<h1 class="headline">Council approves &lsquo;Riverside')
    for block in article.blocks:
        assert 0 <= block.span.start < block.span.end <= len(PAGE)


def test_parse_article_formats():
    fragment = "<p>Putin arrived in Pyongyang on 19 June 2024.</p>"
    assert parse_article(fragment).normalised.text == "Putin arrived in Pyongyang on 19 June 2024."
    assert parse_article(fragment, fmt="html").normalised.text == "Putin arrived in Pyongyang on 19 June 2024."
    # text and markdown read the markup as it is, as before
    assert parse_article(fragment, fmt="text").normalised.text == fragment
    assert parse_article(fragment, fmt="markdown").normalised.text == fragment
    # a plain article sniffed as text is unchanged by the new parameter
    plain = "Putin Visits Pyongyang\n\nPutin arrived on Wednesday."
    assert parse_article(plain).blocks == parse_article(plain, fmt="text").blocks
    # html forced on text without tags is still read
    assert parse_article("Kim &amp; Putin met.", fmt="html").normalised.text == "Kim & Putin met."
    with pytest.raises(ConfigError, match="article format"):
        parse_article(fragment, fmt="pdf")


def test_html_page_with_only_scripts_and_styles_has_no_claims():
    source = (
        "<html><head><style>body{}</style></head><body><script>var t='Putin visited in 2000.';</script></body></html>"
    )
    parsed, claims = extract_claims(source)
    assert claims == [] and parsed.blocks == () and parsed.article.text == source


def test_html_claims_skip_boilerplate_and_headings_and_index_the_html():
    parsed, claims = extract_claims(PAGE)
    assert len(claims) >= 4
    texts = " ".join(c.text for c in claims)
    for sentence in BOILERPLATE_SENTENCES:
        assert sentence not in texts
    headings = {b.span.of(parsed.normalised.text).lstrip("# ") for b in parsed.blocks if b.kind != "body"}
    assert not headings & {c.text.rstrip(".") for c in claims}
    assert "Council approves" not in texts and "Why now" not in texts
    for claim in claims:
        assert PAGE[claim.sentence_span.start : claim.sentence_span.end] == claim.sentence
        assert claim.span.start >= claim.sentence_span.start and claim.span.end <= claim.sentence_span.end
        for quantity in claim.quantities:
            assert PAGE[quantity.span.start : quantity.span.end] == quantity.text
    vote = next(c for c in claims if "voted 31 to 9" in c.text)
    raw = vote.span.of(PAGE)
    assert '<a href="/tags/bridge" title="a > b">Riverside bridge</a>' in raw  # the wording as given
    assert (
        visible(raw)
        == "The Marlow City Council voted 31 to 9 on Tuesday to build a new Riverside bridge across the Tamsel estuary."
    )
    cost = next(c for c in claims if "42 million" in c.text)
    assert "&euro;42&nbsp;million" in cost.sentence
    assert any(q.text == "&euro;42&nbsp;million" for q in cost.quantities)


# ------------------------------------------------------------------------------------------------
# Command line
# ------------------------------------------------------------------------------------------------


def _claims_jsonl(*args, stdin=None):
    result = runner.invoke(cli.app, ["claims", *map(str, args), "--format", "jsonl"], input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_claims_on_an_html_file(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    rows = _claims_jsonl(page)
    assert rows
    for row in rows:
        start, end = row["span"]
        assert row["sentence_span"][0] <= start < end <= row["sentence_span"][1]
        assert visible(PAGE[start:end]) and visible(PAGE[start:end]) in visible(row["sentence"])
        assert PAGE[row["sentence_span"][0] : row["sentence_span"][1]] == row["sentence"]
    # the same page as standard input is sniffed as HTML and gives the same claims
    assert _claims_jsonl("-", stdin=PAGE) == rows
    # forcing text reads the markup itself: script sentences are no longer dropped
    forced = tmp_path / "page.txt"
    forced.write_text(PAGE, encoding="utf-8")
    as_text = _claims_jsonl(forced, "--input-format", "text")
    assert any("mayor resigned" in r["text"] for r in as_text)


def test_cli_input_format_option():
    result = runner.invoke(cli.app, ["claims", "x.html", "--input-format", "pdf"])
    assert result.exit_code == 2
    assert "--input-format" in runner.invoke(cli.app, ["check", "--help"]).output


def test_sample_article_html_and_text_give_the_same_claims():
    text = (SAMPLE / "article.txt").read_text(encoding="utf-8")
    page = (SAMPLE / "article.html").read_text(encoding="utf-8")
    from_text = _claims_jsonl(SAMPLE / "article.txt")
    from_html = _claims_jsonl(SAMPLE / "article.html")
    assert len(from_text) >= 10
    assert [r["text"] for r in from_html] == [r["text"] for r in from_text]
    assert [visible(r["sentence"]) for r in from_html] == [clean(r["sentence"]) for r in from_text]
    assert [r["kind"] for r in from_html] == [r["kind"] for r in from_text]
    for t, h in zip(from_text, from_html, strict=True):
        assert visible(page[h["span"][0] : h["span"][1]]) == clean(text[t["span"][0] : t["span"][1]])


def test_cli_check_on_html_reads_the_visible_text(monkeypatch, fake_checker, tiny_corpus, tmp_path):
    from .test_pipeline import ARTICLE

    monkeypatch.setattr(cli.shell, "checker", lambda *a, **k: fake_checker)
    paragraphs = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in ARTICLE.split("\n\n"))
    page_text = f"<html><body><nav>Home. The capital moved in 1900.</nav><main>{paragraphs}</main></body></html>"
    page = tmp_path / "article.htm"
    page.write_text(page_text, encoding="utf-8")
    result = runner.invoke(cli.app, ["check", str(page), "--corpus", str(tiny_corpus), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    plain = json.loads(
        runner.invoke(cli.app, ["check", "-", "--corpus", str(tiny_corpus), "--format", "json"], input=ARTICLE).stdout
    )
    assert [v["claim"]["text"] for v in data["verdicts"]] == [v["claim"]["text"] for v in plain["verdicts"]]
    assert [v["label"] for v in data["verdicts"]] == [v["label"] for v in plain["verdicts"]]
    for verdict in data["verdicts"]:
        start, end = verdict["claim"]["span"]
        assert page_text[start:end] in verdict["claim"]["sentence"] and "<p>" not in page_text[start:end]
        assert verdict["claim"]["sentence"] in page_text
