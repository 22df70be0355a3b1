from __future__ import annotations

import random
from datetime import date

import pytest

from factcheck.errors import InputError
from factcheck.text import decode_bytes, html_to_text, normalise, parse_article, parse_date, split_sentences_fast
from factcheck.types import Span

from .conftest import SAMPLE, seed_text


def test_text_normalise_replaces_typography_and_maps_back():
    src = "\u00a0 Putin\u00a0said \u201chello\u201d\u2026  twice \u2014 Kim\u2019s\tview.\r\n\r\n\r\nNext\u200b para. "
    n = normalise(src)
    assert n.text == 'Putin said "hello"... twice - Kim\'s view.\n\nNext para.'
    i = n.text.index('"hello"')
    assert n.source_span(Span(i, i + 7)).of(src) == "\u201chello\u201d"
    j = n.text.index("...")
    assert n.source_span(Span(j, j + 3)).of(src) == "\u2026"
    k = n.text.index("Next para.")
    assert n.source_span(Span(k, k + 10)).of(src) == "Next\u200b para."


def test_text_normalise_identity_for_clean_text():
    n = normalise("Plain text. Two sentences.")
    assert n.is_identity and n.source_span(Span(0, 5)) == Span(0, 5)


def test_text_normalise_offsets_property():
    """Every normalised substring maps to a source slice that normalises back to it."""
    rng = random.Random(7)
    alphabet = [*"abc ,.", "\u00a0", "\u201c", "\u201d", "\u2014", "\u2026", "\n", "\t", "\u200b", "  "]
    for _ in range(300):
        src = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        n = normalise(src)
        for _ in range(10):
            if not n.text:
                break
            a = rng.randrange(len(n.text))
            b = rng.randrange(a, len(n.text)) + 1
            piece = n.source_span(Span(a, b)).of(src)
            # a span inside an expanded character ("..." from "\u2026") maps to the whole character
            assert n.text[a:b].strip() in normalise(piece).text


def test_text_parse_seed_article_structure():
    parsed = parse_article(seed_text())
    art = parsed.article
    assert art.byline == "By Fiona Nanna, ForeMedia News"
    assert art.published == date(2024, 6, 19)
    kinds = [b.kind for b in parsed.blocks]
    assert kinds[:2] == ["byline", "dateline"]
    assert kinds.count("heading") == 5
    assert kinds[-2:] == ["call_to_action", "call_to_action"]
    for block in art.blocks:  # source offsets land on the original text
        assert block.span.of(art.text).strip()
    heading = next(b for b in art.blocks if b.kind == "heading")
    assert heading.span.of(art.text) == "A Historic Visit Amidst Geopolitical Tensions"


def test_text_parse_sample_article_structure():
    text = (SAMPLE / "article.txt").read_text(encoding="utf-8")
    parsed = parse_article(text)
    art = parsed.article
    assert art.title == "Putin and Kim Sign Defence Pact in Pyongyang"
    assert art.byline == "By Mara Lindqvist, Northern Wire"
    assert art.published == date(2024, 6, 19)
    kinds = {b.span.of(text): b.kind for b in art.blocks}
    assert kinds["5\u00a0min read · Published 19\u00a0June\u00a02024, 18:40 GMT"] == "dateline"
    assert kinds["A new treaty"] == kinds["What does the pact mean for the region?"] == "heading"
    assert kinds["Subscribe to our newsletter for daily updates from the Korean peninsula."] == "call_to_action"
    assert sum(k == "body" for k in kinds.values()) == 12


def test_text_parse_title_and_explicit_fields():
    parsed = parse_article("Putin Visits Pyongyang\n\nPutin arrived on Wednesday.", published=date(2024, 6, 19))
    assert parsed.article.title == "Putin Visits Pyongyang"
    assert parsed.article.published == date(2024, 6, 19)


@pytest.mark.parametrize("text", ["", "   \n\t ", "\u00a0\u00a0"])
def test_text_parse_rejects_empty_article(text):
    with pytest.raises(InputError, match="empty"):
        parse_article(text)


def test_text_parse_date_forms():
    assert parse_date("Updated 11:00AM GMT Wed, June 19, 2024") == date(2024, 6, 19)
    assert parse_date("Published 19 June 2024") == date(2024, 6, 19)
    assert parse_date("2024-06-19T10:00") == date(2024, 6, 19)
    assert parse_date("June 31, 2024") is None
    assert parse_date("no date here") is None


def test_text_decode_bytes_errors():
    assert decode_bytes("\ufeffhello".encode(), name="x") == "hello"
    with pytest.raises(InputError, match="empty"):
        decode_bytes(b"  \n", name="x")
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x7fELF\x00\x00\x01", name="x")
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_bytes(b"caf\xe9", name="x")


def test_text_fast_sentences_respect_abbreviations_and_decimals():
    text = "Dr. J. Smith went to the U.S. in 2000. Growth was 3.5 percent. \u201cWhy?\u201d she asked. OK then."
    sents = [s.of(text) for s in split_sentences_fast(text)]
    assert sents == [
        "Dr. J. Smith went to the U.S. in 2000.",
        "Growth was 3.5 percent.",
        "\u201cWhy?\u201d she asked.",
        "OK then.",
    ]


def test_text_html_to_text_drops_scripts_and_navigation():
    html = (
        "<html><head><title>T</title><style>p{}</style><script>var x=1;</script></head><body>"
        "<nav>Home | News</nav><h1>Putin in Pyongyang</h1><p>First&nbsp;paragraph.</p><p>Second.</p>"
        "<footer>Subscribe</footer></body></html>"
    )
    text, title = html_to_text(html)
    assert title == "Putin in Pyongyang"
    assert "var x" not in text and "Home" not in text and "Subscribe" not in text
    assert "Second." in text and "First" in text


def _long_paragraph(n: int) -> str:
    cities = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Warsaw", "Prague"]
    return " ".join(
        f"In {1990 + i} the mayor of {cities[i % len(cities)]}, Anna Weber, opened {i + 3} new libraries."
        for i in range(n)
    )


def _sentence_rows(parsed, **kwargs):
    from factcheck.text import article_sentences

    return [(s.span, s.text, [(e.text, e.label_) for e in s.doc.ents]) for s in article_sentences(parsed, **kwargs)]


def test_text_long_block_is_parsed_in_pieces_without_losing_text():
    parsed = parse_article(_long_paragraph(40))
    whole = _sentence_rows(parsed)
    pieces = _sentence_rows(parsed, chunk_chars=300)
    text = parsed.normalised.text
    assert len(whole) == 40 and [r[:2] for r in pieces] == [r[:2] for r in whole]
    assert all(span.of(text) == sent for span, sent, _ in pieces)
    covered = "".join(span.of(text) for span, _, _ in pieces)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_text_parallel_parse_gives_the_same_sentences_and_entities():
    parsed = parse_article(_long_paragraph(24))
    one = _sentence_rows(parsed, chunk_chars=400, processes=1)
    two = _sentence_rows(parsed, chunk_chars=400, parallel_chars=1, processes=2)
    assert len(one) == 24 and two == one


def test_text_parse_processes_only_for_long_texts():
    from factcheck.text.sentences import _parse_processes

    assert _parse_processes(199_999, 200_000, 2) == 1
    assert _parse_processes(200_000, 200_000, 1) == 1
    assert _parse_processes(200_000, 0, 2) == 1
    assert 1 <= _parse_processes(10**6, 200_000, 64) <= (__import__("os").cpu_count() or 1)


def test_text_negation_that_only_says_when_is_no_negation():
    from factcheck.lexical import negated

    assert not negated("The fire was not fully put out until the following morning.")
    assert not negated("It wasn't until 2004 that the rover landed.")
    assert negated("The fire was not put out.") and negated("He didn't go.")
