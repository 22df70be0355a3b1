"""Decomposition into one fact per claim and decontextualisation (spaCy only, no embedder)."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.claims import ClaimDetector, extract_claims
from factcheck.standalone import Context, decompose
from factcheck.text import load_spacy


def _parts(sentence: str) -> list[str]:
    doc = load_spacy()(sentence)
    return [p.text for p in decompose(next(iter(doc.sents)), 0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # coordinated clauses, the second without its own subject
        (
            "Vladimir Putin arrived in Pyongyang on 19 June 2024 and signed a defence treaty with Kim Jong Un.",
            [
                "Vladimir Putin arrived in Pyongyang on 19 June 2024.",
                "Vladimir Putin signed a defence treaty with Kim Jong Un.",
            ],
        ),
        # a non-restrictive relative clause about a person
        (
            "The visit was a boost for Kim Jong Un, who has faced isolation because of his weapons program.",
            [
                "The visit was a boost for Kim Jong Un.",
                "Kim Jong Un has faced isolation because of his weapons program.",
            ],
        ),
        # an appositive
        (
            "Kim Il Sung, the founder of North Korea, rose to power in 1948.",
            ["Kim Il Sung rose to power in 1948.", "Kim Il Sung was the founder of North Korea."],
        ),
        # a separate simultaneous fact with its own subject
        (
            "Crowds lined the streets of Pyongyang as Vladimir Putin began his first visit in 24 years.",
            ["Crowds lined the streets of Pyongyang.", "Vladimir Putin began his first visit in 24 years."],
        ),
        # analysis hung on a fact by a participle is cut off
        (
            "Putin's visit comes 24 years after his last trip, highlighting the enduring relationship.",
            ["Putin's visit comes 24 years after his last trip."],
        ),
        # one fact stays one claim
        (
            "North Korea shipped more than 10,000 containers of munitions to Russia since September 2023.",
            ["North Korea shipped more than 10,000 containers of munitions to Russia since September 2023."],
        ),
    ],
)
def test_decompose_one_fact_per_part(sentence, expected):
    assert _parts(sentence) == expected


def test_decompose_parts_keep_offsets_into_the_sentence():
    sentence = "The treaty, which includes a mutual defence clause, was signed in Pyongyang on 19 June 2024."
    doc = load_spacy()(sentence)
    parts = decompose(next(iter(doc.sents)), 0)
    assert [p.text for p in parts] == [
        "The treaty was signed in Pyongyang on 19 June 2024.",
        "The treaty includes a mutual defence clause.",
    ]
    for part in parts:
        assert 0 <= part.start < part.end <= len(sentence)
        source = sentence[part.start : part.end]
        assert source.split()[0].lower() == part.text.split()[0].lower()


def _context(*sentences: str, published: date | None = date(2024, 6, 19)) -> Context:
    ctx = Context(published=published)
    nlp = load_spacy()
    for s in sentences:
        for sent in nlp(s).sents:
            ctx.read(sent)
    return ctx


def _rewrite(ctx: Context, text: str) -> str:
    return ctx.rewrite(text, load_spacy()(text))


def test_context_resolves_pronouns_pairs_and_places():
    ctx = _context(
        "Russian President Vladimir Putin arrived in North Korea.",
        "He was greeted by North Korean leader Kim Jong Un at Kim Il Sung Square.",
        "Putin and Kim Jong Un signed a treaty between Russia and North Korea.",
        "Later, Kim Jong Un drove Putin to a state guest house.",
    )
    # the person last named as a subject
    assert _rewrite(ctx, "He thanked Russia for its support.") == "Kim Jong Un thanked Russia for its support."
    assert _rewrite(ctx, "The two leaders signed a treaty.").startswith(
        ("Vladimir Putin and Kim Jong Un", "Kim Jong Un and Vladimir Putin")
    )
    assert "Russia and North Korea" in _rewrite(
        ctx, "The two countries signed a treaty."
    ) or "North Korea and Russia" in _rewrite(ctx, "The two countries signed a treaty.")
    assert _rewrite(ctx, "Crowds filled the square on Wednesday.").startswith("Crowds filled Kim Il Sung Square")
    # a pronoun after a name in the same part is about that name: left alone
    assert _rewrite(ctx, "Kim Jong Un said he was pleased.") == "Kim Jong Un said he was pleased."
    # a surname alone becomes the full name given earlier
    assert _rewrite(ctx, "The visit is a boost for Kim.") == "The visit is a boost for Kim Jong Un."


def test_context_resolves_relative_times_against_the_article_date():
    ctx = _context("Putin last visited Pyongyang in 2000.")
    assert _rewrite(ctx, "They signed an agreement that year.") == "They signed an agreement that year (2000)."
    assert _rewrite(ctx, "Kim visited Russia last year.").endswith("last year (2023).")
    assert "Wednesday (19 June 2024)" in _rewrite(ctx, "Putin arrived early on Wednesday.")
    assert "Monday (17 June 2024)" in _rewrite(ctx, "Talks began on Monday.")
    assert "That visit (2000)" in _rewrite(ctx, "That visit was the first by a Russian leader.")
    assert _rewrite(ctx, "Since September, Russia has received 10,000 containers.").startswith(
        "Since September (2023),"
    )
    assert _rewrite(ctx, "In March 2023, Russia vetoed a resolution.") == "In March 2023, Russia vetoed a resolution."
    named = _context("Vladimir Putin's visit to North Korea comes 24 years after his last trip.")
    assert _rewrite(named, "This landmark visit is a boost for Kim Jong Un.") == (
        "Vladimir Putin's visit to North Korea is a boost for Kim Jong Un."
    )
    undated = _context("Putin last visited Pyongyang in 2000.", published=None)
    assert _rewrite(undated, "Kim visited Russia last year.") == "Kim visited Russia last year."


def test_claims_are_standalone_with_original_wording_in_sentence_and_span():
    text = (
        "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for talks with Kim Jong Un.\n\n"
        "He thanked North Korea for its support in the war in Ukraine and promised new trade links.\n\n"
        "The two leaders last met in September last year at a Russian cosmodrome."
    )
    detector = ClaimDetector(head="rules")
    _, claims = extract_claims(text, detector=detector, published=date(2024, 6, 19))
    texts = [c.text for c in claims]
    assert "Vladimir Putin thanked North Korea for its support in the war in Ukraine." in texts
    assert "Vladimir Putin promised new trade links." in texts
    met = next(c for c in claims if "cosmodrome" in c.text)
    assert met.text.startswith(("Vladimir Putin and Kim Jong Un", "Kim Jong Un and Vladimir Putin"))
    assert "last year (2023)" in met.text
    for c in claims:
        assert text[c.sentence_span.start : c.sentence_span.end] == c.sentence
        assert c.sentence_span.contains(c.span)
    # switching the steps off gives the sentences back as written
    plain = ClaimDetector(head="rules", decompose=False, decontextualise=False)
    _, raw = extract_claims(text, detector=plain, published=date(2024, 6, 19))
    assert [c.text for c in raw] == [c.sentence for c in raw]


def test_opinion_without_a_checkable_fact_is_dropped_and_with_one_is_marked():
    text = (
        "The summit is seen as a testament to the deepening friendship.\n\n"
        "Observers note that trade between Russia and North Korea rose 50% in 2023."
    )
    _, claims = extract_claims(text, detector=ClaimDetector(0.0, head="rules"))
    assert [c.kind for c in claims] == ["opinion"]
    assert "50%" in claims[0].text


def test_bad_input_no_crash_and_a_language_warning(caplog):
    detector = ClaimDetector(head="rules")
    assert extract_claims("...", detector=detector)[1] == []
    blob = " ".join(["the council approved a bridge worth 42 million euros near the old harbour"] * 120)
    _, claims = extract_claims(blob, detector=detector)
    assert claims and all(blob[c.span.start : c.span.end] for c in claims)
    mixed = (
        "Vladimir Putin arrived in Pyongyang on 19 June 2024.\n\n"
        "Владимир Путин прибыл в Пхеньян девятнадцатого июня и встретился с Ким Чен Ыном во дворце.\n\n"
        "Путин и Ким подписали договор о всеобъемлющем стратегическом партнёрстве в среду утром."
    )
    with caplog.at_level("WARNING"):
        _, claims = extract_claims(mixed, detector=detector)
    assert [c.text for c in claims] == ["Vladimir Putin arrived in Pyongyang on 19 June 2024."]
    assert "does not look like English" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING"):
        extract_claims(
            "Vladimir Putin arrived in Pyongyang on 19 June 2024 for talks with Kim Jong Un.", detector=detector
        )
    assert "English" not in caplog.text


def test_two_countries_are_countries_not_the_capital_named_more_often():
    ctx = _context(
        "Russian President Vladimir Putin arrived in Pyongyang on Wednesday.",
        "Crowds in Pyongyang waved North Korean flags as Pyongyang celebrated.",
        "Putin later left North Korea.",
    )
    out = _rewrite(ctx, "The two countries signed a treaty.")
    assert out in {"North Korea and Russia signed a treaty.", "Russia and North Korea signed a treaty."}
