from __future__ import annotations

from datetime import date

import pytest

from factcheck.quantities import anchor, compare, describe, parse_quantities
from factcheck.text import normalise
from factcheck.types import Quantity, Span

REF = date(2024, 6, 19)


def _q(text):
    return [(q.text, q.kind, q.value, q.unit, q.bound) for q in parse_quantities(text, reference=REF)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "over 10,000 shipping containers from North Korea",
            [("over 10,000 shipping containers", "count", 10000.0, "container", "over")],
        ),
        (
            "about 260,000 metric tons of munitions",
            [("about 260,000 metric tons", "measure", 260000.0, "tonne", "about")],
        ),
        (
            "his first visit in 24 years",
            [
                ("first visit", "ordinal", 1.0, "visit", "exact"),
                ("first visit in 24 years", "date", "2000", "previous:visit", "exact"),
                ("24 years", "duration", 24.0, "year", "exact"),
            ],
        ),
        ("last visited in 2000, when", [("2000", "date", "2000", None, "exact")]),
        ("on 19 June 2024 in Pyongyang", [("19 June 2024", "date", "2024-06-19", None, "exact")]),
        ("in July 2000", [("July 2000", "date", "2000-07", None, "exact")]),
        ("since September, Russia", [("September", "date", "2023-09", None, "exact")]),
        ("Kim's visit last year", [("last year", "date", "2023", None, "exact")]),
        ("the late 1940s", [("late 1940s", "date", "1940s", None, "about")]),
        ("$61 billion in aid", [("$61 billion", "money", 61e9, "USD", "exact")]),
        ("61 billion dollars", [("61 billion dollars", "money", 61e9, "USD", "exact")]),
        ("rose 3.5% in May", [("3.5%", "percent", 3.5, "%", "exact"), ("May", "date", "2024-05", None, "exact")]),
        ("nearly 6,700 containers", [("nearly 6,700 containers", "count", 6700.0, "container", "under")]),
        (
            "thousands of enthusiastic North Koreans",
            [("thousands of enthusiastic North Koreans", "count", 1000.0, "korean", "over")],
        ),
        ("2000 soldiers marched", [("2000 soldiers", "count", 2000.0, "soldier", "exact")]),
        ("twenty-four people died", [("twenty-four people", "count", 24.0, "person", "exact")]),
        ("Updated 11:00AM GMT", [("11:00AM GMT", "time", 660.0, None, "exact")]),  # a time of day, not counts
        # times of day, in minutes after midnight; an hour needs its minutes or "am"/"pm"
        ("at about 7:50 pm the spire fell", [("about 7:50 pm", "time", 1190.0, None, "about")]),
        ("reached the surface at 00:11 on Wednesday", [("00:11", "time", 11.0, None, "exact")]),
        ("it cost 7.50 dollars", [("7.50 dollars", "money", 7.5, "USD", "exact")]),
        ("No 10 PM Rishi Sunak said", []),
    ],
)
def test_quantities_parse(text, expected):
    assert _q(text) == expected


def test_quantities_relative_dates_need_a_reference():
    assert parse_quantities("Kim's visit last year") == []


def test_quantities_compare_respects_bounds_and_units():
    def q(value, unit="container", kind="count", bound="exact"):
        return Quantity("x", Span(0, 1), value, unit, kind, bound)

    assert compare(q(10000.0, bound="over"), q(10500.0)) == "consistent"
    # open bounds read pragmatically: "more than 10,000" is not how anyone reports 100,000
    assert compare(q(10000.0, bound="over"), q(100000.0, bound="over")) == "conflict"
    assert compare(q(10000.0, bound="over"), q(12000.0, bound="about")) == "consistent"
    assert compare(q(100000.0), q(10000.0, bound="over")) == "conflict"
    assert compare(q(6700.0, bound="under"), q(6500.0)) == "consistent"
    assert compare(q(6700.0, bound="under"), q(8000.0)) == "conflict"
    assert compare(q(100000.0), q(10000.0)) == "conflict"
    assert compare(q(6700.0, bound="about"), q(6600.0)) == "consistent"
    assert compare(q(24.0, "year", "duration"), q(14.0, "year", "duration")) == "conflict"
    assert compare(q(2.0, "decade", "duration"), q(20.0, "year", "duration")) == "consistent"
    assert compare(q(5.0, "tonne", "measure"), q(5.0, "km", "measure")) == "incomparable"
    assert compare(q(5.0), q(5.0, None)) == "incomparable"


def test_quantities_compare_dates_by_overlap():
    def d(value):
        return Quantity("x", Span(0, 1), value, None, "date")

    assert compare(d("2000"), d("2000-07-19")) == "consistent"
    assert compare(d("2004"), d("2000-07")) == "conflict"
    assert compare(d("1940s"), d("1948")) == "consistent"
    assert compare(d("2023-09"), d("2022-09")) == "conflict"


def test_quantities_anchor_maps_to_source():
    src = "Since\u00a0September, Russia received over 10,000\u00a0containers."
    norm = normalise(src)
    for q in parse_quantities(norm.text, reference=REF):
        a = anchor(q, norm, offset=100)
        assert ("x" * 100 + src)[a.span.start : a.span.end] == a.text
    texts = [anchor(q, norm).text for q in parse_quantities(norm.text, reference=REF)]
    assert "over 10,000\u00a0containers" in texts


def test_first_in_n_years_implies_the_previous_year():
    from datetime import date

    from factcheck.quantities import compare_previous, previous_events

    text = "It was Putin's first visit to North Korea in 24 years."
    qs = parse_quantities(text, reference=date(2024, 6, 19))
    derived = [q for q in qs if q.unit and q.unit.startswith("previous:")]
    assert len(derived) == 1
    d = derived[0]
    assert (d.value, d.unit, d.kind) == ("2000", "previous:visit", "date")
    assert text[d.span.start : d.span.end] == "first visit to North Korea in 24 years"
    (last,) = parse_quantities("Putin last visited Pyongyang in July 2000.")
    assert compare_previous(d, last) == "consistent"
    (other,) = parse_quantities("He last visited in 2010.")
    assert compare_previous(d, other) == "conflict"
    # open bounds: "more than 20 years" puts the previous one before 2004
    (more,) = [q for q in parse_quantities("the first time in more than 20 years", reference=date(2024, 1, 1))
               if q.unit and q.unit.startswith("previous")]  # fmt: skip
    assert more.bound == "under" and compare_previous(more, last) == "consistent"
    assert compare_previous(more, other) == "conflict"
    # no date, no arithmetic; a plain duration is not a "first in" phrase
    assert not [q for q in parse_quantities(text) if q.unit and q.unit.startswith("previous")]
    assert (
        previous_events(
            "He spent 24 years in office.", parse_quantities("He spent 24 years in office."), date(2024, 1, 1)
        )
        == []
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("8,848.86 feet", "8,848.86 metres", "conflict"),  # a unit changed
        ("roughly 330 ft", "about 100 metres", "consistent"),  # converted
        ("6.5-centimetre", "6.5 metres", "conflict"),
        ("9.58 minutes", "9.58 seconds", "conflict"),
        ("125 MeV", "about 125 gigaelectronvolts", "conflict"),
        ("50%", "48.7%", "consistent"),  # "50" is rounded to tens
        ("100,000 people", "120,000 people", "conflict"),  # ... but never by more than 10 %
        ("2,000 soldiers", "2,300 soldiers", "conflict"),  # rounded to thousands, but within 10 %
        ("a 5.8-magnitude quake", "magnitude 7.8", "conflict"),
        ("in 9.69 seconds", "in 9.63 seconds", "conflict"),  # decimals say how precise a figure is
        ("9.7 seconds", "9.69 seconds", "consistent"),
        ("3.5 million people", "3,456,000 people", "consistent"),
    ],
)
def test_compare_converts_units_and_reads_rounding(a, b, expected):
    from factcheck.quantities import compare

    (qa,) = parse_quantities(a)
    (qb,) = parse_quantities(b)
    assert compare(qa, qb) == expected


def test_parse_names_with_numbers_shared_units_and_day_month():
    assert parse_quantities("Apollo 11 landed") == []
    assert parse_quantities("an Ariane 5 rocket") == []
    assert [q.text for q in parse_quantities("Since 2000 troops left")] == ["2000 troops"]
    seats = parse_quantities("won 240 of the 543 seats")
    assert [(q.value, q.unit) for q in seats] == [(240.0, "seat"), (543.0, "seat")]
    (day,) = parse_quantities("the quake of 6 February")
    assert day.kind == "date" and day.value is None  # year unknown: compared with nothing
    (dated,) = parse_quantities("the quake of 6 February", reference=REF)
    assert dated.value == "2024-02-06"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a record of 49.6°C", [(49.6, "°C", "measure")]),
        ("56.7 degrees Celsius", [(56.7, "°C", "measure")]),
        ("134 °F in the shade", [(134.0, "°F", "measure")]),
        ("a world record of 2:00:35", [(7235.0, "second", "duration")]),
        ("in 2 hours 0 minutes 35 seconds", [(7235.0, "second", "duration")]),
        ("about two and a half hours outside", [(2.5, "hour", "duration")]),
        ("half an hour later", [(0.5, "hour", "duration")]),
        ("about 11 minutes and 22 seconds apart", [(682.0, "second", "duration")]),
        ("a lunar day, equal to about 14 Earth days", [(14.0, "day", "duration")]),  # not a count of 14
        ("a Martian year lasts 1.88 Earth years", [(1.88, "year", "duration")]),
        # a count written as a compound adjective counts its own noun, not the next one
        ("a five-layer sunshield of Kapton film", [(5.0, "layer", "count")]),
        ("a six-wheeled rover", [(6.0, "wheel", "count")]),
        ("a three-judge panel", [(3.0, "judge", "count")]),
        ("a 20-time Grand Slam singles champion", [(20.0, "single", "count")]),  # a multiplier
        ("hibernation for a year and a half.", [(1.5, "year", "duration")]),
        ("waited an hour and a half", [(1.5, "hour", "duration")]),
        ("three years and a half later", [(3.5, "year", "duration")]),
        ("Aged 21, he won", [(21.0, "age", "count")]),
        ("a 34-year-old driver", [(34.0, "age", "count")]),
        ("a Category 3 storm", [(3.0, "category", "count")]),
        ("roughly two-thirds of the country", [(66.7, "%", "percent")]),
        ("about a fifth of the water", [(20.0, "%", "percent")]),
        ("a third term", [(3.0, "term", "ordinal")]),  # an ordinal, not a fraction
    ],
)
def test_quantities_parse_temperatures_clock_times_ages_classes_fractions(text, expected):
    assert [(q.value, q.unit, q.kind) for q in parse_quantities(text)] == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("49.6°C", "49.6°F", "conflict"),
        ("about 50°C", "122 °F", "consistent"),  # 122 °F is 50 °C
        ("2:00:35", "2 hours 0 minutes 35 seconds", "consistent"),
        ("2:10:35", "2 hours 0 minutes 35 seconds", "conflict"),  # race times are exact
        ("roughly four-fifths of the island", "around 80% of it", "consistent"),
        ("one-third of the country", "two-thirds of the country", "conflict"),
        ("a Category 5 hurricane", "a Category 3 storm", "conflict"),
        ("the fourth country", "the second nation", "conflict"),  # synonyms the ordinal counts
        ("the fourth country", "the fourth nation", "consistent"),
    ],
)
def test_compare_temperatures_clock_times_fractions_and_ordinal_synonyms(a, b, expected):
    (qa,) = parse_quantities(a)
    (qb,) = parse_quantities(b)
    assert compare(qa, qb) == expected


def test_quantities_hedged_figures_agree_only_within_one_range():
    def q(text):
        return parse_quantities(text)[0]

    assert compare(q("some 900 metres deep"), q("about 700 m deep")) == "conflict"
    assert compare(q("roughly $12 billion a day"), q("about US$9.6 billion a day")) == "conflict"
    assert compare(q("some 400 firefighters"), q("around 400 firefighters")) == "consistent"
    assert compare(q("about 25,000 tonnes"), q("roughly 26,000 tonnes")) == "consistent"
    assert compare(q("more than 10,000 containers"), q("10,240 containers")) == "consistent"
    assert compare(q("about 11 minutes"), q("11 minutes")) == "consistent"


def test_quantities_a_decade_takes_its_bound_and_a_rate_is_no_duration():
    (decade,) = parse_quantities("the launch slipped by well over a decade")
    assert (decade.kind, decade.value, decade.unit, decade.bound, decade.text) == (
        "duration",
        1.0,
        "decade",
        "over",
        "well over a decade",
    )
    assert [q.kind for q in parse_quantities("it drew about 12 million visitors a year")] == ["count"]
    assert parse_quantities("twice a day") == [] and [q.unit for q in parse_quantities("for a year")] == ["year"]


def test_quantities_day_without_year_compares_by_month_and_day():
    (may,) = parse_quantities("on 13 May")
    (april,) = parse_quantities("on 13 April 2021")
    (april_only,) = parse_quantities("on April 13")
    (year,) = parse_quantities("in 2021")
    assert may.value is None and compare(may, april) == "conflict" == compare(april, may)
    assert compare(april_only, april) == "consistent" and compare(may, year) == "incomparable"
    # two days without their years: by month and day too ("on 21 August" against "on 19 August")
    (april_too,) = parse_quantities("by 13 April")
    assert compare(may, april_only) == "conflict" and compare(april_only, april_too) == "consistent"


def test_quantities_month_without_year_compares_by_month():
    (june,) = parse_quantities("In June, Musk said he was walking away")
    assert june.kind == "date" and june.value is None  # its year unknown
    (july,) = parse_quantities("On 8 July 2022 his lawyers wrote")
    (july_month,) = parse_quantities("in July 2022")
    (june_day,) = parse_quantities("on 8 June")
    (year,) = parse_quantities("in 2022")
    assert compare(june, july) == "conflict" == compare(june, july_month)
    assert compare(june, june_day) == "consistent" == compare(june_day, june)
    assert compare(june, year) == "incomparable"  # a year alone gives no month
    assert parse_quantities("They may go") == []  # "may" the verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Work on the cathedral began in 1183 under its bishop.", [("1183", "date")]),
        (
            "The town, founded around 1050, had 1200 people in 1450.",
            [("1050", "date"), ("1200 people", "count"), ("1450", "date")],
        ),
        ("In 1200 cases the court ruled for the tenant.", [("1200 cases", "count")]),
        ("The bridge carries 1400 vehicles an hour.", [("1400 vehicles", "count")]),
    ],
)
def test_quantities_year_before_1500_only_after_a_word_of_time(text, expected):
    assert [(q.text, q.kind) for q in parse_quantities(text)] == expected


def _one(text: str) -> Quantity:
    (q,) = parse_quantities(text)
    return q


@pytest.mark.parametrize(
    ("claim", "evidence", "agreement"),
    [
        ("erected in the late 1700s", "on October 13, 1792", "consistent"),  # a year of hundreds: its century
        ("built in the 1800s", "in 1901", "conflict"),
        ("trace back to the late 1940s", "in 1952", "conflict"),  # any other: its decade
        ("trace back to the late 1940s", "in 1948", "consistent"),
    ],
)
def test_decades_and_centuries(claim, evidence, agreement):
    assert compare(_one(claim), _one(evidence)) == agreement


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("for just over two years", "over 2 years"),
        ("for one day", "1 day"),
        ("20 cities", "20 cities"),
        ("12 children were hurt", "12 children"),
        ("300 people died", "300 people"),
        ("on 2 February 2014", "2 February 2014"),
        ("in March 2023", "March 2023"),
        ("in the late 1940s", "the late 1940s"),
        ("a budget of £9.3 billion", "£9.3 billion"),
        ("$54.20 a share", "$54.20"),
        ("roughly $13 billion", "about $13 billion"),
        ("4 km", "4 km"),
        ("12.5 percent", "12.5%"),
    ],
)
def test_describe_writes_figures_as_a_reader_would(text, written):
    assert describe(_one(text)) == written


@pytest.mark.parametrize(
    ("a", "b", "agreement"),
    [
        ("at about 7:50 pm", "at roughly 19:50", "consistent"),
        ("at 8:50 pm", "at roughly 19:50", "conflict"),  # an hour off is another time, hedged or not
        ("at 7:50 pm", "at 7:55 pm", "conflict"),
        ("shortly after 23:55", "at 00:05", "consistent"),  # around midnight
        ("shortly after 7 a.m.", "at around 07:20", "consistent"),  # from 7 on
        ("shortly after 7 a.m.", "at 6:50 am", "conflict"),
        ("at 11:30 GMT", "at 11:30 UTC", "consistent"),
        ("at 19:50", "at 19:50 GMT", "incomparable"),  # local time against a zone: not known to be the same
        ("at 19:50", "in 1950", "incomparable"),
    ],
)
def test_times_of_day_compare_around_the_clock_in_one_zone(a, b, agreement):
    assert compare(parse_quantities(a)[0], parse_quantities(b)[0]) == agreement
