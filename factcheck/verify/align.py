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

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from factcheck.config import VerifyRules
from factcheck.lexical import content_set, coverage
from factcheck.quantities import Agreement, compare, compare_previous, day_month, is_previous_event, years_between
from factcheck.types import Quantity, Span
from factcheck.verify.events import GENERIC, same_event
from factcheck.verify.names import renumbered
from factcheck.verify.views import ClaimView, WindowView


@dataclass(frozen=True, slots=True)
class Comparison:
    claim_index: int  # position in the claim view's quantities
    agreement: Agreement
    evidence_quantity: Quantity  # in document offsets
    alignment: float  # coverage of the claim's words by the evidence (sentence or window)
    strict: bool = True  # False: a loose alignment, which may only confirm


#: Words that mark a date as that of an earlier occurrence ("last visited in 2000", "the first since 2000").
_PREVIOUS_CUE = re.compile(r"\b(?:last|previous(?:ly)?|prior|earlier|since|only other|preceding|before that)\b", re.I)
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
    if not _PREVIOUS_CUE.search(before):
        return False
    if not event:
        return True
    low = sentence.lower()
    stems = next((g for g in EVENT_GROUPS if any(event.startswith(w) for w in g)), (event[:5],))
    return any(stem in low for stem in stems)


def names_present(cv: ClaimView, wv: WindowView, rules: VerifyRules) -> bool:
    """Whether the passage names most of the claim's names and the window at least half of them,
    and no numbered name of the claim under another number ("Chandrayaan-1" is not "Chandrayaan-3").

    One name of three or more may be missing from the passage ("the French club" for PSG).
    """
    names = cv.names
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
                    out.append(Comparison(i, agreement, eq, share))
                    continue
            if about_claim and len(out) == before:
                loose = compare(cq, eq, loose=True)
                if loose == "consistent":
                    context = _context_tokens(wv, q)
                    overlap = coverage(cv.contexts[i], context)
                    spare.append((i, overlap, Comparison(i, loose, eq, window_alignment, strict=False)))
    out, spare = by_clause(cv, wv, out, spare, rules)
    out = one_to_one(out, cv.quantities)
    attested = {i for i, cq in enumerate(cv.quantities) if _attested(cq, wv)}
    out = [c for c in out if c.agreement != "conflict" or c.claim_index not in attested]
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
            shared = ((core - cv.names) & wv.tokens) - (_window_names(wv.norm.text) & _lower_words(cv.text))
            happened = any(not _anothers(wv.norm.text, w, cv.names) for w in shared)
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


#: Where a sentence's clauses and phrases part: each date belongs to the words of its own segment
#: ("construction began on 25 April 1859 | the canal was opened to shipping on 17 November 1869").
_SEGMENT_BREAK = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|when|before|after|until|then)\s", re.I)


def _segments(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of the segments of ``sentence`` between the breaks of :data:`_SEGMENT_BREAK`."""
    cuts = [0, *(x for m in _SEGMENT_BREAK.finditer(sentence) for x in (m.start(), m.end())), len(sentence)]
    return [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts) - 1, 2)]


_WORDS = re.compile(r"[\w'’-]+")


def _anothers(text: str, word: str, claim_names: frozenset[str]) -> bool:
    """Whether every ``word`` of ``text`` belongs to another named thing ("the Chernobyl plant" is
    not the claim's "Fukushima Daiichi plant"): a capitalised word that is none of the claim's
    names stands right before it."""
    seen = False
    for m in _WORDS.finditer(text):
        if content_set(m.group()) != {word}:
            continue
        before = re.search(r"([\w'’-]+) $", text[max(0, m.start() - 40) : m.start()])  # right before, no comma
        name = before.group(1) if before else ""
        if not (name[:1].isupper() and not content_set(name) <= claim_names):
            return False
        seen = True
    return seen


@cache
def _window_names(text: str) -> frozenset[str]:
    """Words a window writes only in names ("the Fukushima Daiichi Nuclear Power Plant"): they say
    what a thing is called, not what happened ("residents within 20 km of the plant")."""
    return content_set(" ".join(_CAPITALISED.findall(text))) - _lower_words(text)


@cache
def _lower_words(text: str) -> frozenset[str]:
    return content_set(" ".join(w for w in _WORDS.findall(text) if w[:1].islower()))


def _steps(sentence: str, date_starts: list[int]) -> list[tuple[int, int]]:
    """The segments of ``sentence``, a segment that is only a date ("and early 1970s") joined to
    the one before it: a date range or list dates one step."""
    out: list[tuple[int, int]] = []
    for start, end in _segments(sentence):
        text = sentence[start:end]
        if out and any(start <= d < end for d in date_starts) and not _step_words(text) - _DATE_WORDS:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


#: Words of a date itself ("early", "late", "mid", month names), which say no step.
_DATE_WORDS = content_set(
    "early late mid middle "
    + " ".join("january february march april may june july august september october november december".split())
)
_CAPITALISED = re.compile(r"(?<=\S\s)[A-Z][\w'’-]*")


def _step_words(text: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a segment but ``names`` and its own names (capitalised words not opening
    it: "the Telluride Film Festival" says nothing about filming) and its digits."""
    names = names | content_set(" ".join(_CAPITALISED.findall(text)))
    return frozenset(w for w in content_set(text) - names - GENERIC if not any(c.isdigit() for c in w))


def clause_date(cv: ClaimView, wv: WindowView, k: int) -> tuple[int, int] | None:
    """(claim date index, window quantity index) when sentence ``k`` dates several steps of a story
    and one step is the claim's: the claim gives one date, the sentence dates two or more segments
    (a date after "since" or "last" dates no step), and exactly one segment shares the most of the claim's words of what happened ("the canal
    opened in 1859" against "began on 25 April 1859, and the canal was opened on 17 November 1869":
    1869 is the opening's date, 1859 another step's)."""
    dates = [i for i, q in enumerate(cv.quantities) if q.kind == "date"]
    if len(dates) != 1 or any(is_previous_event(q) for q in cv.quantities):
        return None
    holder = wv.sentences[k]
    sentence = holder.of(wv.norm.text)
    names = content_set(" ".join(_CAPITALISED.findall(sentence)))  # the sentence's names, wherever they stand
    words = _step_words(cv.text, names | cv.names) - _DATE_WORDS
    found = []  # (shared words, window quantity index) per dated segment
    for start, end in _steps(sentence, [q.span.start - holder.start for q in wv.quantities if q.kind == "date"]):
        inside = [j for j, q in enumerate(wv.quantities) if q.kind == "date" and q.value is not None
                  and start <= q.span.start - holder.start < end]  # fmt: skip
        if len(inside) == 1 and not _PREVIOUS_CUE.search(
            sentence[start : wv.quantities[inside[0]].span.start - holder.start]
        ):
            found.append((len(words & _step_words(sentence[start:end], names)), inside[0]))
    if len(found) < 2 or len({str(wv.quantities[j].value) for _, j in found}) < 2:
        return None
    found.sort(reverse=True)
    if found[0][0] == 0 or found[0][0] == found[1][0]:
        return None
    return dates[0], found[0][1]


def by_clause(
    cv: ClaimView, wv: WindowView, out: list[Comparison], spare: list, rules: VerifyRules
) -> tuple[list[Comparison], list]:
    """Dates compared by the step they date (:func:`clause_date`): the claim's date is compared
    strictly with its own step's date only, and no other date of that sentence answers it; only in
    a window about the claim's event (:func:`factcheck.verify.events.same_event`)."""
    if not same_event(cv, wv, rules):
        return out, spare
    for k in range(len(wv.sentences)):
        hit = clause_date(cv, wv, k)
        if hit is None:
            continue
        i, j = hit
        agreement = compare(cv.quantities[i], wv.quantities[j])
        if agreement == "incomparable":
            continue
        holder = wv.sentences[k]

        def elsewhere(c: Comparison, i=i, holder=holder) -> bool:
            return c.claim_index != i or not holder.start <= _norm_start(wv, c.evidence_quantity) < holder.end

        out = [c for c in out if elsewhere(c)] + [Comparison(i, agreement, wv.anchored[j], 1.0)]
        spare = [entry for entry in spare if elsewhere(entry[2])]
    return out, spare


def _norm_start(wv: WindowView, anchored: Quantity) -> int:
    """Where an anchored (document-offset) figure of the window starts in its normalised text."""
    j = next(j for j, q in enumerate(wv.anchored) if q.span == anchored.span)
    return wv.quantities[j].span.start


def _claim_side_alignment(
    cv: ClaimView, core: frozenset[str], sentence: frozenset[str], rules: VerifyRules
) -> float | None:
    """How much of what the claim says (its words but the figures) the evidence sentence says, when
    that is enough to compare their figures: most of it, or, for a short claim, half of it with the
    claim's names (a long claim names many people, and a sentence about another of their meetings
    holds half of its words)."""
    if len(core) < rules.min_claim_words_for_sentence_alignment:
        return None
    share = coverage(core, sentence)
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


def _attested(cq: Quantity, wv: WindowView) -> bool:
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
