"""Property-based tests (hypothesis): the parsers never raise on any text, stay in bounds, run in
linear time, and normalisation's offset map round-trips and is idempotent.

The fast run draws :data:`FAST_EXAMPLES` texts per property; the ``long`` run
:data:`SLOW_EXAMPLES` (``pytest --long -m long tests/test_properties.py --hypothesis-show-statistics``
prints how many ran).  Texts mix arbitrary Unicode with the pieces that broke the parsers before:
5,000-digit numbers, the letters that case-insensitive matching equates with ASCII ones (ſ, K,
İ, ı), zero-width and typographic spaces, runs of punctuation, HTML and Markdown markup.
"""

from __future__ import annotations

import json
import math
import time
import typing
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.config import ChunkConfig
from factcheck.corpus import Document, chunk_document, documents_from_records
from factcheck.errors import CorpusError, DataError, InputError
from factcheck.quantities import is_previous_event, parse_quantities
from factcheck.text import ARTICLE_FORMATS, clean, normalise, parse_article, split_sentences_fast
from factcheck.types import QuantityKind, Span

FAST_EXAMPLES, SLOW_EXAMPLES = 150, 10_000

PIECES = [
    "9" * 5000,
    "9" * 310,
    "1,000,000",
    "10,000",
    "3.5",
    "0.000001",
    "24",
    "2024",
    "1999",
    "0",
    "-5",
    "1e308",
    " first visit in ",
    " for the first time in ",
    " years",
    " decades",
    " months ago",
    " last year",
    " this year",
    "June",
    "Auguſt",
    "ſince",
    "firſt",
    "hundredſ of",
    "\u212aelvin",
    "\u0130stanbul",
    "\u0131",
    "19 June 2024",
    "Sept. 3",
    "the 1990s",
    "mid-1980s",
    "$",
    "€5bn",
    "£",
    "%",
    " percent",
    " per cent",
    "°C",
    " degrees Fahrenheit",
    " km",
    " metric tons",
    " miles",
    " containers",
    " people",
    " soldiers",
    "2:00:35",
    "3 hours 12 minutes",
    "aged 21",
    "Category 3",
    "two-thirds of",
    "half of",
    "a dozen",
    "tens of thousands of",
    "more than",
    "about",
    "nearly",
    "up to",
    "Apollo 11",
    "Mr.",
    "U.S.",
    "e.g.",
    ".",
    "...",
    "?!",
    "!!!",
    "\u2026",
    ". ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u2009",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\u0085",
    "\u201c",
    "\u201d",
    "\u2019",
    "\u2014",
    "\u2212",
    "# ",
    "## Heading",
    "- ",
    "* ",
    "1. ",
    "> ",
    "<p>",
    "</p>",
    "<div>",
    "<h1>",
    "</h1>",
    "<script>x<y</script>",
    "<!doctype html>",
    "&amp;",
    "&#x2028;",
    "&#99999999;",
    "<br/>",
    "By Jane Doe",
    "Updated 11:00 GMT",
    "Follow us on",
    "Subscribe",
    "Putin",
    "Pyongyang",
    "Kim Jong Un",
    " said ",
    " visited ",
    "\U0001f600",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "\ud7a3",
    "\x00",
    "\x1b[31m",
    "[/]",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join),
)
references = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _profile(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        database=None,
    )


# ------------------------------------------------------------------------------------------------
# The properties
# ------------------------------------------------------------------------------------------------


def quantities_stay_in_bounds(text: str, reference: date | None) -> None:
    found = parse_quantities(text, reference=reference)
    starts = [q.span.start for q in found]
    assert starts == sorted(starts)
    taken: list[Span] = []
    for q in found:
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert q.text == text[q.span.start : q.span.end]
        assert q.kind in typing.get_args(QuantityKind)
        assert q.bound in {"exact", "over", "under", "about"}
        if isinstance(q.value, float):
            assert math.isfinite(q.value)
        elif q.value is not None:
            assert isinstance(q.value, str)
            if q.kind == "date" and q.value[:1].isdigit():
                assert 1 <= int(q.value[:4]) <= 9999
        if not is_previous_event(q):
            assert all(q.span.end <= t.start or q.span.start >= t.end for t in taken)
            taken.append(q.span)


def normalisation_round_trips(text: str) -> None:
    n = normalise(text)
    assert clean(n.text) == n.text  # idempotent
    if n.is_identity:
        assert n.text == text
        return
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert list(n.starts) == sorted(n.starts)
    for a, b in zip(n.starts, n.ends, strict=True):
        assert 0 <= a < b <= len(text)
    import re

    for word in re.finditer(r"\S+", n.text):
        source = n.source_span(Span(*word.span())).of(text)
        assert clean(source) == word.group(), (word.group(), source)


def article_parses(text: str, fmt: str) -> None:
    try:
        parsed = parse_article(text, fmt=fmt)
    except InputError:
        assert not text.strip()
        return
    norm = parsed.normalised.text
    previous_end = 0
    for block, source_block in zip(parsed.blocks, parsed.article.blocks, strict=True):
        assert previous_end <= block.span.start < block.span.end <= len(norm)
        assert 0 <= source_block.span.start <= source_block.span.end <= len(text)
        previous_end = block.span.end
    assert parsed.article.text == text


def sentences_partition(text: str) -> None:
    end = 0
    for span in split_sentences_fast(text):
        assert end <= span.start < span.end <= len(text)
        assert span.of(text) == span.of(text).strip() and span.of(text)
        end = span.end


def chunks_stay_in_documents(text: str) -> None:
    if not text.strip():
        return
    doc = Document("d", text, "title")
    config = ChunkConfig(window_sentences=3, stride=2, max_chars=100)
    for passage in chunk_document(doc, config):
        assert 0 <= passage.span.start < passage.span.end <= len(text)
        assert passage.text == passage.span.of(text)
        assert len(passage.text) <= config.max_chars


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(
    st.sampled_from(["id", "_id", "doc_id", "text", "contents", "abstract", "title", "other"]), json_values, max_size=5
)


def corpus_records_read_or_refuse(rows: list[dict]) -> None:
    try:
        result = documents_from_records(rows)
    except CorpusError:
        return
    for doc in result.documents:
        assert isinstance(doc.id, str) and isinstance(doc.text, str) and doc.text.strip()
        assert doc.title is None or isinstance(doc.title, str)


def jsonl_reads_or_refuses(data: bytes, tmp_path) -> None:
    from factcheck.jsonl import iter_records

    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    try:
        for where, row in iter_records(path):
            assert isinstance(row, dict) and where.startswith(str(path))
            json.dumps(row, allow_nan=False)
    except DataError:
        pass


# ------------------------------------------------------------------------------------------------
# Fast and slow runs of each
# ------------------------------------------------------------------------------------------------


def _both(prop, *strategies, name: str):
    fast = _profile(FAST_EXAMPLES)(given(*strategies)(prop))
    slow = pytest.mark.long(pytest.mark.slow(_profile(SLOW_EXAMPLES)(given(*strategies)(prop))))
    return {f"test_property_{name}": fast, f"test_property_{name}_slow": slow}


globals().update(_both(quantities_stay_in_bounds, texts, references, name="quantities_stay_in_bounds"))
globals().update(_both(normalisation_round_trips, texts, name="normalisation_round_trips_and_is_idempotent"))
globals().update(_both(article_parses, texts, st.sampled_from(ARTICLE_FORMATS), name="article_parsing_never_raises"))
globals().update(_both(sentences_partition, texts, name="sentences_stay_in_bounds"))
globals().update(_both(chunks_stay_in_documents, texts, name="chunks_stay_in_documents"))
globals().update(
    _both(corpus_records_read_or_refuse, st.lists(records, max_size=4), name="corpus_records_read_or_refuse")
)


@_profile(FAST_EXAMPLES)
@given(data=st.binary(max_size=200) | texts.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_property_jsonl_reads_or_refuses(tmp_path_factory, data):
    jsonl_reads_or_refuses(data, tmp_path_factory.mktemp("jsonl"))


# ------------------------------------------------------------------------------------------------
# Linear time
# ------------------------------------------------------------------------------------------------

#: Repeated units that made a parser quadratic before, or could.
ADVERSARIAL = [
    "9",
    "1,",
    "1.",
    "a 1 ",
    "Apollo 11 ",
    "5%",
    "$1",
    "-",
    ".",
    ". ",
    "\n",
    "\n ",
    " ",
    "\u200b ",
    "first visit in 24 years ",
    "the first visit in ",
    "12:00:0",
    "1st ",
    "Jan ",
    "half ",
    "\u201c",
    "# a\n\n",
    "<p>",
    "<div>x",
    "&amp;",
    "<a href='",
    "<!--",
    "<p",
    "<li>a",
    "</span>",
]


def _cpu_seconds(function, text: str) -> float:
    best = math.inf
    for _ in range(2):
        started = time.process_time()
        function(text)
        best = min(best, time.process_time() - started)
    return best


PARSERS = {
    "quantities": lambda t: parse_quantities(t, reference=date(2024, 6, 19)),
    "normalise": normalise,
    "sentences": split_sentences_fast,
    "article": lambda t: parse_article(t) if t.strip() else None,
    "html": lambda t: parse_article(t, fmt="html") if t.strip() else None,
}


def assert_linear(unit: str, small: int = 1_500, factor: int = 8) -> None:
    """Parsing ``factor`` times more text takes at most ~3 x ``factor`` times longer (quadratic
    would be ``factor`` squared), with a floor for timings too short to compare."""
    small_text = unit * max(1, small // len(unit))
    large_text = unit * max(1, small * factor // len(unit))
    for name, parse in PARSERS.items():
        t_small = max(_cpu_seconds(parse, small_text), 0.002)
        t_large = _cpu_seconds(parse, large_text)
        assert t_large < 3 * factor * t_small, f"{name} on {unit!r}: {t_large:.3f}s vs {t_small:.3f}s at 1/{factor}"


FAST_UNITS = ["9", "a 1 ", "$1", ".", "\n ", "\u200b ", "the first visit in ", "<div>x", "<a href='"]


@pytest.mark.parametrize("unit", FAST_UNITS)
def test_property_parsers_run_in_linear_time(unit):
    assert_linear(unit)


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("unit", [u for u in ADVERSARIAL if u not in FAST_UNITS])
def test_property_parsers_run_in_linear_time_slow(unit):
    assert_linear(unit, small=4_000)


@pytest.mark.slow
@_profile(200)
@given(st.lists(st.sampled_from(PIECES[:-8]), min_size=1, max_size=4).map("".join).filter(lambda u: 0 < len(u) < 400))
def test_property_parsers_run_in_linear_time_on_generated_units(unit):
    assert_linear(unit)
