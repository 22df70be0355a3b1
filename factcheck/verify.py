"""From retrieved passages to a verdict per claim.

The rule, step by step, for one claim and its top-k retrieved passages:

1. **Windows.**  Each passage is cut into evidence windows of one sentence and of up to
   ``window_sentences`` consecutive sentences (document offsets kept).
2. **Relevance.**  Each window gets the cosine similarity between its embedding and the claim's
   (``relevance``).  Windows below :data:`MIN_SCORED_RELEVANCE` are not scored further; at most
   :data:`MAX_WINDOWS_PER_CLAIM` of the most relevant are.
3. **NLI.**  Each remaining window is scored as premise against the claim as hypothesis:
   p(entailment), p(neutral), p(contradiction).
4. **Quantities.**  Claim quantities are compared with the window's quantities of the same
   dimension (same unit for counts and measures; any date against any date) when they are about
   the same thing: the passage and the window name the claim's names
   (:data:`MIN_NAME_COVERAGE_PASSAGE`, :data:`MIN_NAME_COVERAGE_WINDOW`, document title included),
   and either the window covers enough of the claim's content words (same unit noun,
   :data:`MIN_QUANTITY_COVERAGE_WITH_UNIT`) or the claim covers enough of the content words of the
   very sentence holding the figure (dates, durations, percentages, :data:`MIN_QUANTITY_COVERAGE`).
   A date derived from "the first visit in 24 years" (the previous visit, 2000, for an article of
   2024) is compared only with dates the evidence gives for an earlier occurrence ("last visited
   in 2000", "the first since 2000"), see :func:`factcheck.quantities.previous_events`.
   The same precise figure on both sides (money, percentages, measures, day-precise dates, counts
   of 100 or more: :func:`_distinctive`) is aligned whatever the wording.  One evidence figure
   answers one claim figure: a figure that agrees with one claim figure cannot also contradict
   another given less precisely (:func:`_one_to_one`).  In a window mostly about the claim, a
   claim duration that no evidence duration answers is compared with the time between two dates
   of the window ("a rupture of about seven years" against January 2016 and March 2023); it is
   confirmed by any pair, contradicted only when the window gives exactly two dates.
   A claim figure that some relevant window agrees with is
   *confirmed*; a window whose aligned figures disagree with an unconfirmed claim figure is a
   *quantity conflict*.
4b. **Names.**  A window with relevance >= ``contradiction_relevance`` that lacks a name of the
   claim (a person, country, place, organisation, event or work; acronyms of the window's names and
   the passage around it count as present), contains at least half of the claim's other content
   words (:data:`MIN_COVERAGE_FOR_NAME_CONFLICT`), names another of the same type that the claim
   does not, and agrees with at least one figure of the claim (so it reports the same event) is a
   *name conflict*: refute at least :data:`NAME_CONFLICT_SCORE`, support cut as for figures.
5. **Window signals.**  support = p(entailment), cut to at most 0.2 under a quantity conflict;
   refute = p(contradiction) only when relevance >= ``contradiction_relevance`` (an NLI model
   trained on captions calls merely related text "contradiction", so only a window about the
   same thing may refute by NLI alone, and not when its figures agree with the claim's unless
   one of the two is negated and the other not); under a
   quantity conflict in a window with relevance >=
   ``min_relevance``, refute is raised to at least :data:`QUANTITY_CONFLICT_SCORE`.  Figures that
   agree support: a window with relevance >= ``min_relevance`` that agrees with *every* figure of
   the claim, names all of the claim's names and that the NLI model does not read as a
   contradiction (< :data:`MAX_CONTRADICTION_FOR_FIGURE_SUPPORT`) gives support of at least
   :data:`QUANTITY_SUPPORT_SCORE`.
6. **Decision.**  With S the strongest support and R the strongest refutation over all windows
   (ties broken by retrieval rank): SUPPORTED if S >= ``support_threshold`` and S >= R, with
   confidence S; else REFUTED if R >= ``refute_threshold``, with confidence R; else
   NOT_ENOUGH_INFO with confidence 1 - max(S, R).  The deciding window is the first evidence.

7. **Confidence.**  The raw confidence above is mapped through the calibration stored with the NLI
   model (``calibration.json``, :mod:`factcheck.calibration`): per verdict label, the accuracy
   that verdicts of that label and raw confidence had on the dev split.  A model without that
   file reports the raw value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from factcheck.config import VerifyConfig
from factcheck.index.bm25 import tokenize
from factcheck.nli import CONTRADICTION, ENTAILMENT, NEUTRAL
from factcheck.quantities import (
    Agreement,
    anchor,
    compare,
    compare_previous,
    describe,
    is_previous_event,
    is_unit_word,
    parse_quantities,
    years_between,
)
from factcheck.text import MONTHS, load_spacy, normalise, split_sentences_fast
from factcheck.types import Claim, Evidence, Label, NLIScores, Passage, Quantity, QuantityCheck, Span, Verdict

#: Windows less similar than this to the claim are not sent to the NLI model.
MIN_SCORED_RELEVANCE = 0.2
#: At most this many windows per claim are scored (the most relevant).
MAX_WINDOWS_PER_CLAIM = 10
#: Fraction of the content words of the sentence holding an evidence figure that the claim must
#: contain for the figure to be compared (dates, durations, percentages): the sentence is about
#: what the claim is about.
MIN_QUANTITY_COVERAGE = 0.5
#: Fraction the whole window must contain when both figures carry the same unit noun
#: ("containers", "metric tons").
MIN_QUANTITY_COVERAGE_WITH_UNIT = 0.25
#: Fractions of the claim's names (capitalised words) that the evidence window and its whole passage
#: (each with the document title) must contain for their figures to be compared: a date of Xi's
#: visit is not a date of Putin's.
MIN_NAME_COVERAGE_WINDOW = 0.5
MIN_NAME_COVERAGE_PASSAGE = 0.8
#: Fraction of the claim's content words a window must contain for any figure of the claim's
#: dimension in it to be compared, when no narrower rule aligned one (the window is about the claim).
MIN_WINDOW_COVERAGE_ANY_FIGURE = 0.5
#: ... or whose embedding is this similar to the claim's (a paraphrase of it).
MIN_RELEVANCE_ANY_FIGURE = 0.7
#: Refutation strength of a quantity conflict in a fully relevant window.
QUANTITY_CONFLICT_SCORE = 0.9
#: Support from a relevant window that agrees with every figure of the claim and names all of
#: its names, when the NLI model does not see a contradiction (step 5).
QUANTITY_SUPPORT_SCORE = 0.6
MAX_CONTRADICTION_FOR_FIGURE_SUPPORT = 0.9
#: Ceiling on support from a window whose figures conflict with the claim.
SUPPORT_UNDER_CONFLICT = 0.2
#: Evidence windows kept in a verdict (best per passage).
MAX_EVIDENCE = 5


@dataclass(slots=True)
class _Window:
    passage: Passage
    rank: int
    retrieval_score: float
    span: Span  # document offsets
    text: str  # source text of the window (document slice)
    model_text: str  # normalised text read by the models
    relevance: float = 0.0
    probs: np.ndarray | None = None
    qcheck: QuantityCheck | None = None
    support: float = 0.0
    refute: float = 0.0
    figures_support: bool = False
    names: list | None = None
    swapped: tuple | None = None  # (claim name, window name) when the window names someone else


def passage_windows(passage: Passage, size: int) -> list[tuple[Span, str]]:
    """Sentence windows of a passage (1..``size`` consecutive sentences), document offsets."""
    sentences = [Span(*s) for s in passage.metadata.get("sentences", [])] or [passage.span]
    out: list[tuple[Span, str]] = []
    seen: set[tuple[int, int]] = set()
    for n in range(1, size + 1):
        for i in range(0, len(sentences) - n + 1):
            span = Span(sentences[i].start, sentences[i + n - 1].end)
            if (span.start, span.end) in seen or not passage.span.contains(span):
                continue
            seen.add((span.start, span.end))
            local = span.shift(-passage.span.start)
            out.append((span, local.of(passage.text)))
    return out


def _coverage(claim_tokens: set[str], window_tokens: set[str]) -> float:
    if not claim_tokens:
        return 0.0
    return len(claim_tokens & window_tokens) / len(claim_tokens)


#: Function words left out when measuring how much of a claim a piece of evidence covers (BM25's
#: short stop list keeps many of them).
_FUNCTION_WORDS = frozenset(
    """about above according after again against all also among amid any are because been before being
    below between both can could did do does doing down during each few from further had has have having
    he her here him his how i its just may might more most much must now once only other our out over own
    per reportedly said same says she should since so some than them then through too under until up very
    via was we were what when where which while who whom why would you your""".split()
)


def _content_tokens(text: str) -> set[str]:
    # demonyms meet their country ("Korean" ~ "Korea", "Russian" ~ "Russia")
    words = " ".join(
        w[:-1] if w.endswith(("ean", "ian")) else w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS
    )
    return {t for t in tokenize(words) if not t.isdigit()}


_WORD = re.compile(r"\w+")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+(?:of|the|and|for|de|du)?\s*[A-Z][\w'-]*)+")


def _acronyms(text: str) -> set[str]:
    """Acronyms of the capitalised names in ``text``: "World Health Organization" -> "who",
    "Paris Saint-Germain" -> "psg", "United Kingdom" -> "uk" (so a claim's "WHO" finds them)."""
    out = set()
    for m in _CAPITALISED_RUN.finditer(text):
        parts = [p for w in m.group().split() if w[0].isupper() for p in w.split("-") if p[:1].isupper()]
        if 2 <= len(parts) <= 6:
            out.add("".join(p[0] for p in parts).lower())
    return out


def _evidence_tokens(text: str) -> set[str]:
    """Content tokens of evidence text plus the acronyms of its names."""
    return _content_tokens(text) | _acronyms(text)


_NAME = re.compile(r"\b[A-Z][\w'-]*")
_NOT_NAMES = (
    frozenset(
        """the a an in on at it its this that these those he she they we his her their there here after before
    during since when while if as by for from of to with and but or according following however""".split()
    )
    | frozenset(MONTHS)
    | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
)


#: Words that mark a date as that of an earlier occurrence ("last visited in 2000", "the first since 2000").
_PREVIOUS_CUE = re.compile(r"\b(?:last|previous(?:ly)?|prior|earlier|since|only other|preceding|before that)\b", re.I)
#: How far before an evidence date such a cue may stand (same sentence).
PREVIOUS_CUE_WINDOW = 60


#: Words for the same kind of event ("first visit" is answered by "his last trip").
_EVENT_GROUPS = (
    ("visit", "trip", "travel", "journey", "tour", "went", "came"),
    ("win", "won", "title", "victory", "champion", "cup", "trophy"),
    ("meet", "met", "summit", "talks"),
    ("elect", "vote", "ballot", "poll"),
)


def _previous_date(sentence: str, date_start: int, event: str) -> bool:
    """Whether the date at ``date_start`` in ``sentence`` is given for an earlier ``event``."""
    before = sentence[max(0, date_start - PREVIOUS_CUE_WINDOW) : date_start]
    if not _PREVIOUS_CUE.search(before):
        return False
    if not event:
        return True
    low = sentence.lower()
    stems = next((g for g in _EVENT_GROUPS if any(event.startswith(w) for w in g)), (event[:5],))
    return any(stem in low for stem in stems)


_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|denied|denies|deny)\b|n't\b", re.I)


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(text))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;][\"'”’)]?\s+|[\"“(]\s*)$")


def _name_tokens(text: str) -> set[str]:
    """Content tokens (see :func:`_content_tokens`) of the capitalised words of ``text``: names, mostly.

    A capitalised word that opens a sentence is a name only when it is followed by another
    capitalised word ("Vladimir Putin arrived", not "Launched on an Ariane 5").
    """
    words = []
    matches = list(_NAME.finditer(text))
    for k, m in enumerate(matches):
        if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]) and not (
            k + 1 < len(matches) and text[m.end() : matches[k + 1].start()] == " "
        ):
            continue
        words.append(m.group().lower())
    return _content_tokens(" ".join(w for w in words if w.split("'")[0] not in _NOT_NAMES))


@dataclass(frozen=True, slots=True)
class _Comparison:
    claim_index: int  # position in the claim's quantities
    agreement: Agreement
    evidence_quantity: Quantity
    alignment: float  # coverage of the claim's words by the evidence (sentence or window)


def compare_quantities(
    claim_quantities: Sequence[Quantity],
    claim_tokens: set[str],
    window_text: str,
    window_start: int,
    *,
    claim_names: set[str] = frozenset(),
    title: str | None = None,
    context: str = "",
    claim_text: str = "",
    claim_offset: int = 0,
    relevance: float = 0.0,
) -> list[_Comparison]:
    """Aligned comparisons between the claim's figures and those of one window (step 4).

    The passage (with its document title) must name most of the claim's names and the window at
    least half of them.  A figure with the same unit noun as the claim's ("metric tons",
    "containers") is then compared when the window covers enough of the claim's words; a figure
    without a unit (a date, a duration, a percentage) only when the claim covers most of the words
    of the very sentence that holds it, so that the date of another event (in a neighbouring
    sentence, or another visit by the same people) is not taken for the claim's date.
    """
    if not claim_quantities:
        return []
    title_tokens = _content_tokens(title or "")
    window_tokens = _content_tokens(window_text)
    # one name of three or more may be missing from the passage ("the French club" for PSG)
    passage_need = min(MIN_NAME_COVERAGE_PASSAGE, (len(claim_names) - 1) / len(claim_names)) if claim_names else 0.0
    if claim_names and (
        _coverage(claim_names, _evidence_tokens(context or window_text) | title_tokens) < passage_need
        or _coverage(claim_names, window_tokens | _acronyms(window_text) | title_tokens) < MIN_NAME_COVERAGE_WINDOW
    ):
        return []
    window_alignment = _coverage(claim_tokens, window_tokens)
    # words around each claim figure (its spans are into the text the claim came from)
    claim_contexts = {
        i: _content_tokens(claim_text[max(0, q.span.start - claim_offset - 40) : q.span.end - claim_offset + 40])
        for i, q in enumerate(claim_quantities)
    }
    about_claim = window_alignment >= MIN_WINDOW_COVERAGE_ANY_FIGURE or relevance >= MIN_RELEVANCE_ANY_FIGURE
    norm = normalise(window_text)
    sentences = split_sentences_fast(norm.text) or [Span(0, len(norm.text))]
    out: list[_Comparison] = []
    # figures of the claim's dimensions that no rule below aligned: (claim index, context overlap, comparison)
    spare: list[tuple[int, float, _Comparison]] = []
    for q in parse_quantities(norm.text):
        holder = next((s for s in sentences if s.start <= q.span.start < s.end), sentences[0])
        # how much of the sentence holding the figure is about what the claim talks of
        sentence_alignment = _coverage(_content_tokens(holder.of(norm.text)), claim_tokens)
        eq = anchor(q, norm, offset=window_start)
        before = len(out)
        for i, cq in enumerate(claim_quantities):
            if is_previous_event(cq):
                # "first visit in 24 years": only a date given for the earlier visit can tell
                sentence = holder.of(norm.text)
                if q.kind == "date" and _previous_date(sentence, q.span.start - holder.start, cq.unit.split(":", 1)[1]):
                    out.append(_Comparison(i, compare_previous(cq, eq), eq, 1.0))
                continue
            agreement = compare(cq, eq)
            if agreement != "incomparable":
                if agreement == "consistent" and _distinctive(cq) and _distinctive(eq):
                    # the same precise figure ("€222 million", "56.7°C", "19 June 2024") on both sides
                    out.append(_Comparison(i, agreement, eq, max(sentence_alignment, window_alignment)))
                    continue
                if cq.unit and cq.unit == eq.unit and cq.unit != "%":
                    if window_alignment >= MIN_QUANTITY_COVERAGE_WITH_UNIT:
                        out.append(_Comparison(i, agreement, eq, window_alignment))
                        continue
                elif sentence_alignment >= MIN_QUANTITY_COVERAGE:
                    out.append(_Comparison(i, agreement, eq, sentence_alignment))
                    continue
            if about_claim and len(out) == before:
                loose = compare(cq, eq, loose=True)
                if loose != "incomparable":
                    context = _content_tokens(norm.text[max(0, q.span.start - 40) : q.span.end + 40])
                    overlap = _coverage(claim_contexts.get(i, set()), context)
                    spare.append((i, overlap, _Comparison(i, loose, eq, window_alignment)))
    # One evidence figure answers one claim figure: a figure that agrees with one of the claim's
    # ("opened on 9 November 1989") does not also contradict another ("erected in August 1961").
    out = _one_to_one(out, claim_quantities)
    if about_claim:
        out += _elapsed(claim_quantities, out, norm, window_text, window_start)
    # A window mostly about the claim: each claim figure still unaligned meets the figure of its
    # dimension here whose surroundings are most like its own (any agreeing one wins).
    aligned = {c.claim_index for c in out}
    taken = {(c.evidence_quantity.span.start, c.evidence_quantity.span.end) for c in out if c.agreement == "consistent"}
    for i in {i for i, _, _ in spare} - aligned:
        mine = [
            (overlap, c)
            for j, overlap, c in spare
            if j == i
            and (
                c.agreement == "consistent"
                or (c.evidence_quantity.span.start, c.evidence_quantity.span.end) not in taken
            )
        ]
        if not mine:
            continue
        agreeing = [c for _, c in mine if c.agreement == "consistent"]
        out.append(agreeing[0] if agreeing else max(mine, key=lambda m: m[0])[1])
    return _one_to_one(out, claim_quantities)


#: Claim durations checked against the time between two dates of the evidence must be at least
#: this long in years (shorter spans need day-precise dates that reporters rarely give).
MIN_ELAPSED_YEARS = 1.0


def _elapsed(
    claim_quantities: Sequence[Quantity], out: list[_Comparison], norm, window_text: str, window_start: int
) -> list[_Comparison]:
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
    dates = {}
    for q in parse_quantities(norm.text):
        if q.kind == "date" and q.value is not None:
            dates.setdefault(str(q.value), anchor(q, norm, offset=window_start))
    found = list(dates.values())
    if len(found) < 2:
        return []
    result = []
    for i, cq in todo:
        spans = []
        for k, a in enumerate(found):
            for b in found[k + 1 :]:
                years = years_between(a, b)
                if years is None or years < MIN_ELAPSED_YEARS:
                    continue
                first, last = (a, b) if a.span.start <= b.span.start else (b, a)
                span = Span(first.span.start, last.span.end)
                text = window_text[span.start - window_start : span.end - window_start]
                elapsed = Quantity(text, span, round(years, 2), "year", "duration", "about")
                spans.append((compare(cq, elapsed), elapsed))
        agreeing = [e for verdict, e in spans if verdict == "consistent"]
        if agreeing:
            result.append(_Comparison(i, "consistent", agreeing[0], 1.0))
        elif len(found) == 2 and spans:
            result.append(_Comparison(i, "conflict", spans[0][1], 1.0))
    return result


def _precision(q: Quantity) -> int:
    """How finely a figure is given: a day-precise date 2, a month 1, anything else 0."""
    return str(q.value).count("-") if q.kind == "date" else 0


def _one_to_one(comparisons: list[_Comparison], claim_quantities: Sequence[Quantity]) -> list[_Comparison]:
    """Drop a conflict with an evidence figure that another claim figure, given at least as
    precisely, agrees with ("9 November 1989" answers "9 November 1989", not "August 1961"; but
    "6 July 1961" still contradicts "6 July 1971" although the claim also says "1961")."""
    matched: dict[tuple[int, int], int] = {}
    for c in comparisons:
        if c.agreement == "consistent":
            key = (c.evidence_quantity.span.start, c.evidence_quantity.span.end)
            matched[key] = max(matched.get(key, -1), _precision(claim_quantities[c.claim_index]))
    return [
        c
        for c in comparisons
        if c.agreement != "conflict"
        or matched.get((c.evidence_quantity.span.start, c.evidence_quantity.span.end), -1)
        < _precision(claim_quantities[c.claim_index])
    ]


def _distinctive(q: Quantity) -> bool:
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


def _figures_all_agree(quantities: Sequence[Quantity], comparisons: list[_Comparison]) -> bool:
    """Whether every figure of the claim meets an agreeing figure in the window.

    A duration inside "the first visit in 24 years" is answered by the date derived from it.  An
    ordinal alone ("the first time") is too common to vouch for a claim: some other figure must agree.
    """
    if not quantities:
        return False
    agreeing = {c.claim_index for c in comparisons if c.agreement == "consistent"}
    if all(quantities[i].kind == "ordinal" for i in agreeing):
        return False
    derived = [q.span for i, q in enumerate(quantities) if is_previous_event(q) and i in agreeing]
    compared = {c.claim_index for c in comparisons}
    for i, q in enumerate(quantities):
        if i in agreeing or q.value is None or (q.kind == "ordinal" and i not in compared):
            continue
        if q.kind == "duration" and any(d.contains(q.span) for d in derived):
            continue
        return False
    return True


#: Entity types a swapped name is looked for in, grouped by what may stand in for what.
_NAME_TYPES = {
    "PERSON": "person",
    "GPE": "country",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organisation",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "PRODUCT": "work",
}
#: Share of the claim's other content words a window must contain before a name it lacks is
#: read as swapped for one it has.
MIN_COVERAGE_FOR_NAME_CONFLICT = 0.5
#: Refutation strength of a swapped name (below a figure conflict: names have more paraphrases).
NAME_CONFLICT_SCORE = 0.75


@dataclass(frozen=True, slots=True)
class _Name:
    text: str
    group: str
    tokens: frozenset[str]


def _names(doc) -> list[_Name]:
    out = []
    for ent in doc.ents:
        group = _NAME_TYPES.get(ent.label_)
        tokens = frozenset(_content_tokens(ent.text))
        if group and tokens and not is_unit_word(ent.text) and not any(ch.isdigit() for ch in ent.text):
            out.append(_Name(ent.text, group, tokens))
    return out


def name_conflict(
    claim_names: list[_Name],
    claim_tokens: set[str],
    window_names: list[_Name],
    window_text: str,
    passage_text: str = "",
):
    """A name of the claim that the window replaces by another of the same type, or ``None``.

    The window must contain most of the claim's other words (:data:`MIN_COVERAGE_FOR_NAME_CONFLICT`),
    lack every word of the claim's name (acronyms and titles count as present), and name someone or
    something of the same type that the claim does not mention: "Neil Armstrong and Michael Collins
    reached the surface" against "Neil Armstrong and Buzz Aldrin spent two hours outside".
    """
    if not claim_names or not window_names:
        return None
    window_tokens = _evidence_tokens(window_text)
    passage_tokens = _evidence_tokens(passage_text) if passage_text else window_tokens
    for name in claim_names:
        if name.tokens & passage_tokens:
            continue  # the passage names it (the window may say "they")
        rest = claim_tokens - name.tokens
        if not rest or _coverage(rest, window_tokens) < MIN_COVERAGE_FOR_NAME_CONFLICT:
            continue
        for other in window_names:
            if other.group == name.group and not (other.tokens & claim_tokens):
                return name, other
    return None


class Verifier:
    """Turns claims and their retrieved passages into verdicts (rule in the module docstring)."""

    def __init__(self, nli, embedder, config: VerifyConfig = VerifyConfig(), calibration=None) -> None:
        self.nli = nli
        self.embedder = embedder
        self.config = config
        #: Confidence maps of :mod:`factcheck.calibration`; by default those stored with the NLI model.
        self.calibration = calibration if calibration is not None else getattr(nli, "calibration", None)

    def __call__(
        self,
        claims: Sequence[Claim],
        candidates: Sequence[Sequence[tuple[Passage, float]]],
        *,
        reference: date | None = None,
    ) -> list[Verdict]:
        if len(claims) != len(candidates):
            raise ValueError(f"{len(claims)} claims but {len(candidates)} candidate lists")
        cfg = self.config
        windows: list[list[_Window]] = []
        for cands in candidates:
            wins = []
            for rank, (passage, score) in enumerate(cands[: cfg.top_k], 1):
                for span, text in passage_windows(passage, cfg.window_sentences):
                    wins.append(_Window(passage, rank, score, span, text, normalise(text).text))
            windows.append(wins)
        claim_texts = [normalise(c.text).text for c in claims]
        unique = sorted({w.model_text for wins in windows for w in wins})
        if unique:
            claim_vecs = self.embedder.encode(claim_texts)
            row = {text: i for i, text in enumerate(unique)}
            win_vecs = self.embedder.encode(unique)
            for ci, wins in enumerate(windows):
                for w in wins:
                    w.relevance = float(np.clip(win_vecs[row[w.model_text]] @ claim_vecs[ci], 0.0, 1.0))
        # Keep the most relevant windows of each claim and score them in one NLI batch.
        for ci, wins in enumerate(windows):
            wins.sort(key=lambda w: (-w.relevance, w.rank))
            windows[ci] = [w for w in wins if w.relevance >= MIN_SCORED_RELEVANCE][:MAX_WINDOWS_PER_CLAIM]
        pairs = [(w, ci) for ci, wins in enumerate(windows) for w in wins]
        if pairs:
            probs = self.nli([w.model_text for w, _ in pairs], [claim_texts[ci] for _, ci in pairs])
            for (w, _), p in zip(pairs, probs, strict=True):
                w.probs = p
        nlp = load_spacy()
        texts = sorted({w.model_text for wins in windows for w in wins} | set(claim_texts))
        names = {text: _names(doc) for text, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True)}
        for wins in windows:
            for w in wins:
                w.names = names[w.model_text]
        return [
            self._decide(claim, claim_texts[ci], windows[ci], names[claim_texts[ci]]) for ci, claim in enumerate(claims)
        ]

    def _decide(self, claim: Claim, claim_text: str, wins: list[_Window], entities: list[_Name] = ()) -> Verdict:
        cfg = self.config
        claim_tokens = _content_tokens(claim_text)
        quantities = [q for q in claim.quantities if q.kind != "ordinal" or q.unit is not None]
        names = _name_tokens(claim_text)
        claim_negated = _negated(claim_text)
        comparisons = {
            id(w): compare_quantities(
                quantities,
                claim_tokens,
                w.text,
                w.span.start,
                claim_names=names,
                title=w.passage.title,
                context=w.passage.text,
                claim_text=claim.text,
                claim_offset=claim.span.start,
                relevance=w.relevance,
            )
            for w in wins
        }
        # A claim figure is confirmed when any relevant window agrees with it; sources that
        # disagree with a confirmed figure do not refute the claim.
        confirmed = {
            c.claim_index
            for w in wins
            if w.relevance >= cfg.min_relevance
            for c in comparisons[id(w)]
            if c.agreement == "consistent"
        }
        for w in wins:
            assert w.probs is not None
            w.qcheck = self._window_check(quantities, comparisons[id(w)], confirmed)
            w.support = float(w.probs[ENTAILMENT])
            relevant = w.relevance >= max(cfg.min_relevance, cfg.contradiction_relevance)
            # Figures that agree overrule an NLI contradiction, unless the two texts differ in negation.
            agrees = w.qcheck.status == "consistent" and claim_negated == _negated(w.model_text)
            w.refute = float(w.probs[CONTRADICTION]) if relevant and not agrees else 0.0
            w.swapped = (
                name_conflict(list(entities), claim_tokens, w.names or [], w.model_text, w.passage.text)
                if w.relevance >= max(cfg.min_relevance, cfg.contradiction_relevance)
                else None
            )
            if w.swapped is not None and not self._same_event(w, quantities, claim_tokens, claim):
                w.swapped = None
            if w.qcheck.status == "conflict":
                w.support = min(w.support, SUPPORT_UNDER_CONFLICT)
                if w.relevance >= cfg.min_relevance:
                    w.refute = max(w.refute, QUANTITY_CONFLICT_SCORE)
            elif w.swapped is not None:
                w.support = min(w.support, SUPPORT_UNDER_CONFLICT)
                w.refute = max(w.refute, NAME_CONFLICT_SCORE)
            elif (
                agrees
                and w.relevance >= cfg.min_relevance
                and w.probs[CONTRADICTION] < MAX_CONTRADICTION_FOR_FIGURE_SUPPORT
                and _figures_all_agree(quantities, comparisons[id(w)])
                and (
                    not names
                    or _coverage(names, _evidence_tokens(w.model_text) | _evidence_tokens(w.passage.title or ""))
                    >= min(1.0, (len(names) - 1) / len(names) if len(names) >= 3 else 1.0)
                )
            ):
                # every figure of the claim agrees with this window, which names everyone the claim names
                w.support = max(w.support, QUANTITY_SUPPORT_SCORE)
                w.figures_support = True
        best_s = max(wins, key=lambda w: (w.support, -w.rank), default=None)
        best_r = max(wins, key=lambda w: (w.refute, -w.rank), default=None)
        s = best_s.support if best_s else 0.0
        r = best_r.refute if best_r else 0.0
        if best_s is not None and s >= cfg.support_threshold and s >= r:
            label, confidence, decider = Label.SUPPORTED, s, best_s
            if best_s.figures_support and best_s.probs is not None and best_s.probs[ENTAILMENT] < s:
                reason = f'every figure agrees with "{best_s.passage.doc_id}", which names all the claim names'
            else:
                reason = f'entailed by "{best_s.passage.doc_id}" (entailment {s:.2f})'
            if best_s.qcheck and best_s.qcheck.status == "consistent":
                reason += f"; {best_s.qcheck.note}"
        elif best_r is not None and r >= cfg.refute_threshold:
            label, confidence, decider = Label.REFUTED, r, best_r
            if best_r.qcheck and best_r.qcheck.status == "conflict":
                reason = f'{best_r.qcheck.note} ("{best_r.passage.doc_id}")'
            elif best_r.swapped is not None:
                mine, theirs = best_r.swapped
                reason = f'claim names "{mine.text}" where "{best_r.passage.doc_id}" names "{theirs.text}"'
            else:
                reason = f'contradicted by "{best_r.passage.doc_id}" (contradiction {r:.2f})'
        else:
            label, confidence = Label.NOT_ENOUGH_INFO, 1.0 - max(s, r)
            decider = best_s if best_s is not None and (best_r is None or s >= r) else best_r
            if decider is None:
                reason = "no relevant evidence found in the corpus"
            else:
                reason = (
                    f"no passage entails or contradicts the claim (best entailment {s:.2f}, "
                    f'best contradiction {r:.2f}; closest: "{decider.passage.doc_id}")'
                )
        evidence = self._evidence(decider, wins)
        if self.calibration is not None:
            confidence = self.calibration.confidence(label.value, confidence)
        return Verdict(claim, label, float(min(1.0, max(0.0, confidence))), evidence, reason, support=s, refute=r)

    @staticmethod
    def _same_event(w: _Window, quantities: Sequence[Quantity], claim_tokens: set[str], claim: Claim) -> bool:
        """Whether a figure of the claim agrees with the window (names aside): only then is a name
        the window gives instead of the claim's a swap, not a report of another event ("invited Kim
        to Moscow" against an account of the 2000 visit to Pyongyang)."""
        if w.qcheck is not None and w.qcheck.status == "consistent":
            return True
        comparisons = compare_quantities(
            quantities,
            claim_tokens,
            w.text,
            w.span.start,
            title=w.passage.title,
            context=w.passage.text,
            claim_text=claim.text,
            claim_offset=claim.span.start,
            relevance=w.relevance,
        )
        return any(c.agreement == "consistent" for c in comparisons)

    @staticmethod
    def _window_check(
        quantities: Sequence[Quantity], comparisons: list[_Comparison], confirmed: set[int]
    ) -> QuantityCheck:
        """Conflict if a claim figure confirmed nowhere disagrees with every aligned figure here;
        else consistent if some claim figure agrees with this window; else unrelated."""
        agreeing = {c.claim_index for c in comparisons if c.agreement == "consistent"}
        clash = [
            c
            for c in comparisons
            if c.agreement == "conflict" and c.claim_index not in confirmed and c.claim_index not in agreeing
        ]
        if clash:
            best = max(clash, key=lambda c: c.alignment)
            cq = quantities[best.claim_index]
            return QuantityCheck(
                "conflict",
                cq,
                best.evidence_quantity,
                f"claim says {describe(cq)}, evidence says {describe(best.evidence_quantity)}",
            )
        agree = [c for c in comparisons if c.agreement == "consistent"]
        if agree:
            best = max(agree, key=lambda c: c.alignment)
            return QuantityCheck(
                "consistent",
                quantities[best.claim_index],
                best.evidence_quantity,
                f"claim and evidence agree on {describe(best.evidence_quantity)}",
            )
        return QuantityCheck("unrelated")

    def _evidence(self, decider: _Window | None, wins: list[_Window]) -> tuple[Evidence, ...]:
        ranked = sorted(wins, key=lambda w: (-max(w.support, w.refute), w.rank))
        chosen: list[_Window] = [decider] if decider is not None else []
        seen = {decider.passage.id} if decider is not None else set()
        for w in ranked:
            if len(chosen) >= MAX_EVIDENCE:
                break
            if w.passage.id not in seen:
                seen.add(w.passage.id)
                chosen.append(w)
        return tuple(
            Evidence(
                passage=w.passage,
                retrieval_score=w.retrieval_score,
                rank=w.rank,
                window=w.span,
                window_text=w.text,
                nli=NLIScores(float(w.probs[ENTAILMENT]), float(w.probs[NEUTRAL]), float(w.probs[CONTRADICTION]))
                if w.probs is not None
                else None,
                quantity_check=w.qcheck,
                relevance=w.relevance,
            )
            for w in chosen
        )
