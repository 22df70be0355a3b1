from __future__ import annotations

import re
from datetime import date

import pytest

from factcheck.claims import ClaimDetector, extract_claims
from factcheck.errors import ConfigError
from factcheck.text import parse_article

from .conftest import SAMPLE, seed_text


@pytest.fixture(scope="module")
def seed_claims():
    text = seed_text()
    parsed, claims = extract_claims(text)
    return text, parsed, claims


def test_claims_seed_never_extracts_structure(seed_claims):
    text, parsed, claims = seed_claims
    non_body = [b.span.of(text) for b in parsed.article.blocks if b.kind != "body"]
    assert len(non_body) == 9  # byline, dateline, 5 headings, 2 calls to action
    for claim in claims:
        for block in non_body:
            assert block not in claim.sentence
        assert not claim.sentence.startswith(("Stay informed", "For more detailed insights", "By "))


def test_claims_seed_offsets_index_the_input_as_given(seed_claims):
    text, _, claims = seed_claims
    # (35 since a participle's second action is its own claim: "..., describing their interactions as ...")
    assert 20 <= len(claims) <= 36
    for claim in claims:
        assert text[claim.sentence_span.start : claim.sentence_span.end] == claim.sentence
        assert claim.sentence_span.contains(claim.span)
        for q in claim.quantities:
            assert text[q.span.start : q.span.end] == q.text
    curly = [c for c in claims if "\u201c" in c.sentence]
    # curly quotes are written straight (a part split off without the quotation holds none)
    assert curly and all("\u201c" not in c.text for c in curly) and any('"' in c.text for c in curly)


def test_claims_seed_key_facts_are_claims_with_quantities(seed_claims):
    _, _, claims = seed_claims
    by_start = {c.text.split(",")[0]: c for c in claims}
    containers = next(c for c in claims if "10,000 shipping containers" in c.text)
    assert containers.kind == "numeric"
    assert {(q.kind, q.value, q.unit) for q in containers.quantities} == {
        ("count", 10000.0, "container"),
        ("date", "2023-09", None),
    }
    # the apposed tonnage is a fact of its own: a wrong tonnage cannot hide behind a right count
    tonnage = next(c for c in claims if "260,000 metric tons" in c.text)
    assert "10,000" not in tonnage.text and tonnage.text.startswith("Since September (2023), Russia")
    assert {(q.kind, q.value, q.unit) for q in tonnage.quantities} == {
        ("measure", 260000.0, "tonne"),
        ("date", "2023-09", None),
    }
    assert tonnage.sentence == containers.sentence and tonnage.span != containers.span
    last_visit = next(c for c in claims if c.text.startswith("Vladimir Putin's last visit to Pyongyang was in 2000"))
    assert ("date", "2000") in {(q.kind, q.value) for q in last_visit.quantities}
    assert any("24 years" in q.text for c in claims for q in c.quantities)
    assert by_start  # every claim has text


def test_claims_seed_no_claim_opens_with_an_unresolved_mention(seed_claims):
    _, _, claims = seed_claims
    opening = re.compile(r"^(?:he|she|it|they|his|her|its|their|him|them|this|that|these|those)\b", re.I)
    dangling = [c.text for c in claims if opening.match(c.text) and not re.match(r"^This week \(", c.text)]
    assert len(dangling) <= 1, dangling
    for c in claims:
        assert "Kim Jong Un the first Russian" not in c.text
        for mention in c.unresolved:
            assert mention in c.text  # reported in the claim's own wording
    visit_2000 = next(c for c in claims if "was significant" in c.text)
    assert visit_2000.text.startswith("Vladimir Putin's 2000 visit to Pyongyang was significant")


def test_claims_questions_and_calls_to_action_are_dropped():
    text = (
        "Putin met Kim Jong Un in Pyongyang on 19 June 2024.\n\n"
        "What does the pact mean for the region?\n\n"
        "Subscribe to our newsletter for daily updates.\n\n"
        "Follow our latest updates on the visit."
    )
    _, claims = extract_claims(text)
    assert [c.text for c in claims] == ["Putin met Kim Jong Un in Pyongyang on 19 June 2024."]


def test_claims_dateline_prefix_is_not_part_of_the_claim():
    text = "PYONGYANG \u2014 Vladimir Putin arrived in North Korea on 19 June 2024."
    _, claims = extract_claims(text)
    assert claims[0].text == "Vladimir Putin arrived in North Korea on 19 June 2024."
    assert text[claims[0].span.start : claims[0].span.end] == claims[0].text
    assert claims[0].sentence == text


def test_claims_relative_dates_resolve_against_publication_date():
    text = "Kim Jong Un visited Russia last year, meeting Putin at a cosmodrome."
    _, claims = extract_claims(text, published=date(2024, 6, 19))
    assert ("date", "2023") in {(q.kind, q.value) for q in claims[0].quantities}


def test_claims_sample_article_has_the_planted_errors():
    _, claims = extract_claims((SAMPLE / "article.txt").read_text(encoding="utf-8"))
    texts = " ".join(c.text for c in claims)
    for planted in ("14 years", "September 2022", "100,000 containers", "March 2023"):
        assert planted in texts


def test_claims_threshold_is_validated_and_monotone():
    with pytest.raises(ConfigError):
        ClaimDetector(1.5)
    parsed = parse_article(seed_text())
    loose = ClaimDetector(0.0)([parsed])[0]
    strict = ClaimDetector(0.9)([parsed])[0]
    assert len(strict) < len(loose)
    assert {c.sentence for c in strict} <= {c.sentence for c in loose}


def test_claims_no_sentences_and_unpunctuated_text():
    assert extract_claims("Breaking News")[1] == []
    blob = " ".join(["Putin visited Pyongyang with officials and met Kim Jong Un"] * 80)
    _, claims = extract_claims(blob)
    assert len(claims) >= 1


def test_claims_entity_table_indexes_words_in_insertion_order():
    from factcheck.claims.discourse import Discourse
    from factcheck.claims.entities import Entity, EntityTable

    table = EntityTable()
    table["Kim Jong Un"] = Entity("Kim Jong Un", "person")
    table.setdefault("Kim Il Sung", Entity("Kim Il Sung", "person"))
    table.setdefault("Kim Jong Un", Entity("Kim Jong Un", "org"))  # already there: kept
    table["Labour"] = Entity("Labour", "org")
    assert table["Kim Jong Un"].kind == "person"
    assert table.with_word("Kim") == ["Kim Jong Un", "Kim Il Sung"] and table.with_word("Party") == []
    table["Labour Party"] = table.pop("Labour")
    assert table.with_word("Labour") == ["Labour Party"] and "Labour" not in table
    assert table.pop("missing", None) is None
    with pytest.raises(KeyError):
        table.pop("missing")
    del table["Kim Il Sung"]
    assert table.with_word("Kim") == ["Kim Jong Un"] and list(table) == ["Kim Jong Un", "Labour Party"]
    discourse = Discourse(entities={"Vladimir Putin": Entity("Vladimir Putin", "person", count=3)})
    assert isinstance(discourse.entities, EntityTable) and discourse.full_name("Putin") == "Vladimir Putin"


def test_claims_cyclic_gc_pause_nests_and_restores():
    import gc

    from factcheck.gcpause import cyclic_gc_paused

    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        with cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()  # off before: stays off
    finally:
        gc.enable()


def test_claims_a_sentence_that_states_a_figure_is_kept_below_the_threshold():
    text = (
        "In a televised address he vowed to rebuild the cathedral within three years. "
        "Many people in the crowd were visibly moved by the speech."
    )
    strict = ClaimDetector(1.0, head="rules")  # no sentence reaches this score
    kept = [c.text for c in strict([parse_article(text)])[0]]
    assert kept == ["In a televised address he vowed to rebuild the cathedral within three years."]
    assert ClaimDetector(1.0, head="rules", keep_figures=False, keep_named=False)([parse_article(text)])[0] == []


def test_claims_a_sentence_that_reports_on_a_name_is_kept_below_the_threshold():
    text = (
        "London won the Games at a meeting of the International Olympic Committee in Singapore. "
        "We will make London proud again. "
        "Many people in the crowd were visibly moved by the speech."
    )
    strict = ClaimDetector(1.0, head="rules", keep_figures=False)  # no sentence reaches this score
    kept = [c.text for c in strict([parse_article(text)])[0]]
    # not the promise (first person, a modal verb), not the sentence that names no one
    assert kept == ["London won the Games at a meeting of the International Olympic Committee in Singapore."]
    assert ClaimDetector(1.0, head="rules", keep_figures=False, keep_named=False)([parse_article(text)])[0] == []
