"""Figure alignment: which figure of an evidence window answers which figure of the claim.

Claim figures are compared with the window's figures of the same dimension (same unit for counts
and measures; any date against any date) only when both are about the same thing:

* the passage and the window name the claim's names (document title included);
* a figure with the claim's unit noun ("containers", "metric tons") when the window covers enough
  of the claim's content words; a figure without one (a date, a duration, a percentage) only when
  the claim covers most of the words of the very sentence that holds it, so that the date of
  another event, in a neighbouring sentence, is not taken for the claim's date;
* the same precise figure on both sides ("€222 million", "19 June 2024") whatever the wording;
* "the first visit in 24 years" only against a date the evidence gives for an earlier visit;
* a value something was changed to ("widened the zone to 4 km") is contradicted only by a sentence
  that tells a change too: "the zone measured 500 m" may be its size before;
* a date against the date of its own step where a sentence dates several steps of the story
  ("began on 25 April 1859, and the canal was opened on 17 November 1869": "the canal opened in
  1859" is answered by 1869, and 1859 does not vouch for it; :func:`by_clause`).

One evidence figure answers one claim figure (:func:`one_to_one`).  A window mostly about the
claim may also **confirm** a claim figure that no rule above aligned, with the figure whose
surroundings are most like the claim figure's; such a loose alignment never contradicts (a date
of another event in the same passage never refutes).  A claim duration can be checked against
the time between two dates of the window (:func:`elapsed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from factcheck.config import VerifyRules
from factcheck.lexical import canonical, content_set, coverage
from factcheck.quantities import Agreement, compare, compare_previous, day_month, is_previous_event, years_between
from factcheck.types import Quantity, Span
from factcheck.verify.events import GENERIC
from factcheck.verify.names import mentioned, renumbered
from factcheck.verify.segments import PREVIOUS_CUE, Comparison, anothers, by_clause, by_party, lower_words, window_names
from factcheck.verify.views import ClaimView, WindowView, tells_a_change

#: Words for the same kind of event ("first visit" is answered by "his last trip").
EVENT_GROUPS = (
    ("visit", "trip", "travel", "journey", "tour", "went", "came"),
    ("win", "won", "title", "victory", "champion", "cup", "trophy"),
    ("meet", "met", "summit", "talks"),
    ("elect", "vote", "ballot", "poll"),
)


def previous_date(sentence: str, date_start: int, event: str, cue_window: int) -> bool:
    """Whether the date at ``date_start`` in ``sentence`` is given for an earlier ``event``."""
    before = sentence[max(0, date_start - cue_window) : date_start]
    if not PREVIOUS_CUE.search(before):
        return False
    if not event:
        return True
    low = sentence.lower()
    stems = next((g for g in EVENT_GROUPS if any(event.startswith(w) for w in g)), (event[:5],))
    return any(stem in low for stem in stems)


def names_present(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> bool:
    """Whether the passage names most of the claim's names and the window at least half of them,
    and no numbered name of the claim under another number ("Chandrayaan-1" is not "Chandrayaan-3").

    One name of three or more may be missing from the passage ("the French club" for PSG), and a
    demonym is there when the passage names its country ("the British government" in a passage
    about London that says "the government").
    """
    names = cv.names - _told_countries(cv, wv)
    if not names:
        return True
    if renumbered(cv.text, wv.norm.text):
        return False
    title = wv.passage.title_tokens
    passage_need = min(rules.min_name_coverage_passage, (len(names) - 1) / len(names))
    return (
        coverage(names, wv.passage.tokens | title) >= passage_need
        and coverage(names, wv.evidence_tokens | title) >= rules.min_name_coverage_window
    )


def _told_countries(cv: ClaimView, wv: WindowView) -> frozenset[str]:
    """The words of the claim's demonyms ("the British government") whose country the window's
    passage names under any of its names ("London", "UK"): said, though not in those words."""
    told = [n.tokens for n in cv.demonyms if mentioned(n, wv)]
    return frozenset().union(*told) if told else frozenset()


def compare_quantities(cv: ClaimView, wv: WindowView, relevance: float, rules: VerifyRules) -> list[Comparison]:
    """Aligned comparisons between the claim's figures and those of one window (module docstring)."""
    if not cv.quantities or not wv.quantities or not names_present(cv, wv, rules):
        return []
    window_alignment = coverage(cv.tokens, wv.tokens)
    about_claim = (
        window_alignment >= rules.min_window_coverage_any_figure or relevance >= rules.min_relevance_any_figure
    )
    out: list[Comparison] = []
    spare: list[tuple[int, float, Comparison]] = []  # loose alignments: (claim index, context overlap, comparison)
    cores = [_core_words(cv, cq) for cq in cv.quantities]
    for q, eq in zip(wv.quantities, wv.anchored, strict=True):
        k = wv.sentence_of(q.span.start)
        holder = wv.sentences[k]
        sentence_alignment = coverage(wv.sentence_tokens[k], cv.tokens)
        before = len(out)
        for i, cq in enumerate(cv.quantities):
            if is_previous_event(cq):
                sentence = holder.of(wv.norm.text)
                event = cq.unit.split(":", 1)[1] if cq.unit else ""
                if q.kind == "date" and previous_date(sentence, q.span.start - holder.start, event,
                                                      rules.previous_cue_window):  # fmt: skip
                    out.append(Comparison(i, compare_previous(cq, eq), eq, 1.0))
                continue
            agreement = compare(cq, eq)
            if agreement != "incomparable":
                share = _strict_alignment(
                    cv, wv, i, q, k, agreement, (sentence_alignment, window_alignment), cores[i], rules
                )
                if share is not None:
                    # "widened the zone to 4 km" is not contradicted by "the zone measured 500 m", which
                    # may be its size before: only by a sentence that tells a change too
                    target = i < len(cv.targets) and cv.targets[i]
                    strict = agreement != "conflict" or not target or tells_a_change(holder.of(wv.norm.text))
                    out.append(Comparison(i, agreement, eq, share, strict=strict))
                    continue
            if about_claim and len(out) == before:
                loose = compare(cq, eq, loose=True)
                if loose == "consistent":
                    context = _context_tokens(wv, q)
                    overlap = coverage(cv.contexts[i], context)
                    spare.append((i, overlap, Comparison(i, loose, eq, window_alignment, strict=False)))
    out, spare = by_clause(cv, wv, out, spare, rules)
    out = by_party(cv, wv, out)
    out = one_to_one(out, cv.quantities)
    given = {i for i, cq in enumerate(cv.quantities) if attested(cq, wv)}
    out = [c for c in out if c.agreement != "conflict" or c.claim_index not in given]
    if about_claim:
        out += elapsed(cv.quantities, out, wv, rules)
    aligned = {c.claim_index for c in out}
    for i in sorted({i for i, _, _ in spare} - aligned):
        mine = [(overlap, c) for j, overlap, c in spare if j == i]
        out.append(max(mine, key=lambda m: m[0])[1])
    return one_to_one(out, cv.quantities)


def _strict_alignment(
    cv: ClaimView,
    wv: WindowView,
    i: int,
    q: Quantity,
    k: int,
    agreement: Agreement,
    alignments: tuple[float, float],
    core: frozenset[str],
    rules: VerifyRules,
) -> float | None:
    """The alignment under which claim figure ``i`` and window figure ``q`` (in sentence ``k``) may
    be compared strictly, or ``None``; ``alignments``: the sentence's and the window's coverage."""
    cq = cv.quantities[i]
    sentence_alignment, window_alignment = alignments
    if agreement == "consistent" and distinctive(cq) and distinctive(q):
        return max(sentence_alignment, window_alignment)
    if cq.unit and cq.unit == q.unit and cq.unit != "%":
        # the unit aligns ("containers", "metric tons"); a conflict also needs a word of what
        # happened: in the window for a unit noun ("fled their homes" is not "confirmed dead"),
        # next to both figures for a unit every passage counts in ("first visit in 14 years" and
        # "first visit in 24 years", not "circling for two years" and "ten years after launch");
        # "one firefighter was injured" is one of them, not how many fought the fire
        if cq.kind in ("count", "measure"):
            # a word of what happened that the window does not only use in a name ("the plant" is not
            # "the Fukushima Daiichi Nuclear Power Plant"), nor for another named thing ("the Chernobyl plant")
            shared = ((core - cv.names) & wv.tokens) - (window_names(wv.norm.text) & lower_words(cv.text))
            happened = any(not anothers(wv.norm.text, w, cv.names) for w in shared)
        else:
            happened = bool(_near_words(cv.contexts[i], cq, cv) & _near_words(_context_tokens(wv, q), q, cv))
        if (
            window_alignment >= rules.min_quantity_coverage_with_unit
            and (agreement == "consistent" or happened)
            and (cq.value != 1 or core & wv.sentence_tokens[k])
        ):
            return window_alignment
        return None
    if sentence_alignment >= rules.min_quantity_coverage and (
        agreement == "consistent" or _says_what_happened(cv, core, k, wv)
    ):
        return sentence_alignment
    return _claim_side_alignment(cv, core, wv.sentence_tokens[k], rules)


def _claim_side_alignment(
    cv: ClaimView, core: frozenset[str], sentence: frozenset[str], rules: VerifyRules
) -> float | None:
    """How much of what the claim says (its words but the figures) the evidence sentence says, when
    that is enough to compare their figures: most of it, or, for a short claim, half of it with the
    claim's names (a long claim names many people, and a sentence about another of their meetings
    holds half of its words)."""
    if len(core) < rules.min_claim_words_for_sentence_alignment:
        return None
    share = coverage(canonical(core), canonical(sentence))  # "devastated Kobe" for "struck the Kobe area"
    if share >= rules.min_claim_coverage_by_sentence:
        return share
    if (
        cv.names
        and len(core) <= rules.max_claim_words_with_names
        and share >= rules.min_claim_coverage_with_names
        and coverage(cv.names, sentence) >= rules.min_name_coverage_by_sentence
    ):
        return share
    return None


def _near_words(context: frozenset[str], q: Quantity, cv: ClaimView) -> frozenset[str]:
    """The words next to a figure that say what it counts: not the figure, names or generic words."""
    return frozenset(w for w in context - content_set(q.text) - cv.names - GENERIC if not w.isdigit())


def attested(cq: Quantity, wv: WindowView) -> bool:
    """Whether the window gives the claim's figure itself somewhere, so that it contradicts nothing:
    the same number under another unit word ("29 golds" for "29 gold medals"), or a count that agrees
    under its own word or none ("15,899 people confirmed dead and 2,526 missing" for "about 2,500
    missing"). Only a conflict is dropped so; nothing is confirmed by it."""
    if cq.kind == "date" or not isinstance(cq.value, float):
        return False
    for q in wv.quantities:
        if isinstance(q.value, float) and q.kind == cq.kind and q.value == cq.value:
            return True
        if cq.kind == q.kind == "count" and q.unit != cq.unit and compare(cq, replace(q, unit=cq.unit)) == "consistent":
            return True  # the count under its own word ("2,526 missing"), or none
    return False


def _says_what_happened(cv: ClaimView, core: frozenset[str], k: int, wv: WindowView) -> bool:
    """Whether sentence ``k`` shares a word of the claim besides its names and figures, when it
    shares any: "Kim Il Sung ruled until his death in 1994" is mostly the claim's names, but not
    about its event, so its year may confirm the claim's but not contradict it."""
    shared = core & wv.sentence_tokens[k]
    return not (shared and shared <= cv.names and core - cv.names)


def _core_words(cv: ClaimView, q: Quantity) -> frozenset[str]:
    """The claim's words that are not the figure ``q`` nor any other figure's digits."""
    figures = frozenset().union(*(content_set(x.text) for x in cv.quantities)) if cv.quantities else frozenset()
    return frozenset(w for w in cv.tokens - figures - content_set(q.text) if not w.isdigit())


def _context_tokens(wv: WindowView, q: Quantity) -> frozenset[str]:
    return content_set(wv.norm.text[max(0, q.span.start - 40) : q.span.end + 40])


def elapsed(claim_quantities: Sequence[Quantity], out: list[Comparison], wv: WindowView,
            rules: VerifyRules) -> list[Comparison]:  # fmt: skip
    """A claim duration no evidence duration answered, checked against the time between two dates
    of the window ("a rupture of about seven years": severed January 2016, restored March 2023).

    Agreement with any pair of dates confirms it; a conflict is only read from a window that gives
    exactly two distinct dates, so that the pair is the one the claim measures.
    """
    answered = {c.claim_index for c in out}
    todo = [
        (i, q)
        for i, q in enumerate(claim_quantities)
        if q.kind == "duration" and i not in answered and not is_previous_event(q) and q.value is not None
        and q.unit in {"year", "decade", "month"} and compare(q, q) == "consistent"
    ]  # fmt: skip
    if not todo:
        return []
    dates: dict[str, Quantity] = {}
    for q, eq in zip(wv.quantities, wv.anchored, strict=True):
        if q.kind == "date" and q.value is not None:
            dates.setdefault(str(q.value), eq)
    found = list(dates.values())
    if len(found) < 2:
        return []
    result = []
    for i, cq in todo:
        spans = []
        for k, a in enumerate(found):
            for b in found[k + 1 :]:
                years = years_between(a, b)
                if years is None or years < rules.min_elapsed_years:
                    continue
                first, last = (a, b) if a.span.start <= b.span.start else (b, a)
                span = Span(first.span.start, last.span.end)
                text = wv.text[span.start - wv.span.start : span.end - wv.span.start]
                spans.append((compare(cq, q := Quantity(text, span, round(years, 2), "year", "duration", "about")), q))
        agreeing = [e for verdict, e in spans if verdict == "consistent"]
        if agreeing:
            result.append(Comparison(i, "consistent", agreeing[0], 1.0))
        elif len(found) == 2 and spans:
            result.append(Comparison(i, "conflict", spans[0][1], 1.0))
    return result


def precision(q: Quantity) -> int:
    """How finely a figure is given: a day-precise date 2, a month 1, anything else 0."""
    if q.kind != "date":
        return 0
    if q.value is None:  # "13 April", its year unknown, is still given to the day
        return 2 if day_month(q) is not None else 0
    return str(q.value).count("-")


def one_to_one(comparisons: list[Comparison], claim_quantities: Sequence[Quantity]) -> list[Comparison]:
    """Drop a conflict with an evidence figure that another claim figure, given at least as
    precisely, agrees with ("9 November 1989" answers "9 November 1989", not "August 1961"; but
    "6 July 1961" still contradicts "6 July 1971" although the claim also says "1961")."""
    matched: dict[tuple[int, int], int] = {}
    for c in comparisons:
        if c.agreement == "consistent":
            key = (c.evidence_quantity.span.start, c.evidence_quantity.span.end)
            matched[key] = max(matched.get(key, -1), precision(claim_quantities[c.claim_index]))
    return [
        c
        for c in comparisons
        if c.agreement != "conflict"
        or matched.get((c.evidence_quantity.span.start, c.evidence_quantity.span.end), -1)
        < precision(claim_quantities[c.claim_index])
    ]


def distinctive(q: Quantity) -> bool:
    """A figure precise enough that meeting it again is no coincidence: money, percentages, measures,
    day-precise dates, counts of a hundred or more or with decimals, durations to the second."""
    if q.value is None or is_previous_event(q):
        return False
    if q.kind in {"money", "percent", "measure"}:
        return True
    if q.kind == "date":
        return str(q.value).count("-") == 2
    if q.kind == "count" and isinstance(q.value, float):
        return q.unit is not None and (q.value >= 100 or q.value != int(q.value))
    return q.kind == "duration" and q.unit == "second" and isinstance(q.value, float) and q.value >= 60


def figures_all_agree(quantities: Sequence[Quantity], comparisons: list[Comparison]) -> bool:
    """Whether every figure of the claim meets an agreeing figure in the window.

    A duration inside "the first visit in 24 years" is answered by the date derived from it.  An
    ordinal alone ("the first time") is too common to vouch for a claim: some other figure must agree.
    A day without its year ("on 8 August") is a figure like any other: it must agree too.
    """
    if not quantities:
        return False
    agreeing = {c.claim_index for c in comparisons if c.agreement == "consistent"}
    if all(quantities[i].kind == "ordinal" for i in agreeing):
        return False
    derived = [q.span for i, q in enumerate(quantities) if is_previous_event(q) and i in agreeing]
    compared = {c.claim_index for c in comparisons}
    for i, q in enumerate(quantities):
        if i in agreeing or (q.value is None and day_month(q) is None) or (q.kind == "ordinal" and i not in compared):
            continue
        if q.kind == "duration" and any(d.contains(q.span) for d in derived):
            continue
        return False
    return True
