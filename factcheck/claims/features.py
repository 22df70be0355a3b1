"""Rule features of a sentence and the rule-based check-worthiness score.

A body sentence is a claim candidate when it carries checkable content:

* a quantity (count, measure, money, percentage, date, duration, ordinal; see
  :mod:`factcheck.quantities`),
* a named entity that takes part in an event (a person, organisation, place or group with a verb),
* an attributed statement (a quotation or reported speech with a speaker).

Never claims: questions, imperative calls to the reader, fragments without a verb.  Each
candidate gets a check-worthiness score in [0, 1] from these features (weights below).  Opinion
and analysis markers ("is seen as", "observers note") lower the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.quantities import CHECKED_KINDS, day_month, parse_quantities
from factcheck.text import Sentence, is_call_to_action, non_latin_share
from factcheck.types import ClaimKind, Quantity

_EVENT_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "EVENT", "LOC", "LAW", "PRODUCT", "WORK_OF_ART"}
_REPORTING_VERBS = frozenset(
    [
        "say",
        "said",
        "says",
        "tell",
        "told",
        "state",
        "stated",
        "express",
        "expressed",
        "describe",
        "described",
        "describing",
        "thank",
        "thanked",
        "call",
        "called",
        "report",
        "reported",
        "emphasise",
        "emphasised",
        "emphasize",
        "emphasized",
        "indicate",
        "indicated",
        "note",
        "noted",
        "add",
        "added",
        "announce",
        "announced",
        "warn",
        "warned",
        "claim",
        "claimed",
        "declare",
        "declared",
        "insist",
        "insisted",
        "accuse",
        "accused",
        "deny",
        "denied",
        "confirm",
        "confirmed",
        "praise",
        "praised",
        "pledge",
        "pledged",
        "vow",
        "vowed",
        "promise",
        "promised",
        "urge",
        "urged",
        "argue",
        "argued",
        "write",
        "wrote",
    ]
)
_ATTRIBUTION = re.compile(r"\b(?:according to|as reported by|reported by|quoted by|cited by|told reporters)\b", re.I)
_OPINION = re.compile(
    r"\b(?:is|are|was|were) (?:seen|viewed|regarded|considered) as\b|\btestament to\b|\bobservers (?:note|say)\b|"
    r"\bunderscores?\b|\bhighlights?\b|\bwidely viewed\b|\bsignificant (?:moment|milestone)\b|\bin (?:my|our) view\b|"
    r"\bit is (?:clear|obvious)\b|\bshould\b|\bmust\b|\bbelieve\b|\bappears? to\b",
    re.I,
)
_EVENT_VERBS = frozenset(
    [
        "sign",
        "visit",
        "meet",
        "veto",
        "vote",
        "launch",
        "kill",
        "die",
        "win",
        "lose",
        "arrive",
        "attack",
        "agree",
        "approve",
        "pass",
        "ratify",
        "sanction",
        "supply",
        "ship",
        "receive",
        "send",
        "deliver",
        "host",
        "elect",
        "appoint",
        "resign",
        "hold",
        "open",
        "close",
        "build",
        "invade",
        "fire",
        "test",
        "deploy",
        "replace",
        "sign",
        "join",
        "leave",
        "withdraw",
        "adopt",
        "reject",
        "accuse",
        "deny",
        "arrest",
        "release",
    ]
)
_TEMPORAL_CUE = re.compile(
    r"\b(?:that|the same|the following|the previous|this|last|next) (?:year|month|week|day|decade)\b|"
    r"\b(?:on |last |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:yesterday|today|tomorrow)\b",
    re.I,
)
# "PYONGYANG —", "MOSCOW, June 19 (Reuters) -": a news dateline opening the first paragraph.
_DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^-\n]{1,40})?(?:\s*\([A-Za-z .]{2,30}\))?\s+-{1,2}\s+")
_TRIVIAL_COUNT_UNITS = frozenset(
    {"nation", "country", "leader", "side", "man", "woman", "person", "part", "way", "thing"}
)

# Check-worthiness weights of the rule-based scorer (sum clipped to [0, 1]).
W_BASE = 0.15
W_QUANTITY = 0.35
W_ENTITY = 0.2
W_EXTRA_ENTITY = 0.1
W_QUOTE = 0.2
W_EVENT = 0.15
W_TEMPORAL_CUE = 0.2
W_OPINION = -0.25  # opinion/analysis with no figure, date or time reference
W_OPINION_WITH_FACT = -0.05


@dataclass(frozen=True, slots=True)
class _Features:
    quantities: tuple[Quantity, ...]  # spans in normalised sentence coordinates
    entities: int
    has_event: bool
    has_quote: bool
    opinion: bool
    has_verb: bool
    temporal_cue: bool


def _is_substantive(q: Quantity) -> bool:
    if q.kind in {"count"} and q.unit in _TRIVIAL_COUNT_UNITS and isinstance(q.value, float) and q.value <= 3:
        return False
    return not (q.kind == "ordinal" and q.unit in {None, "he", "she"})


def _features(sentence: Sentence, reference) -> _Features:
    doc = sentence.doc
    quantities = tuple(q for q in parse_quantities(sentence.text, reference=reference) if _is_substantive(q))
    ents = [e for e in doc.ents if e.label_ in _EVENT_ENTITIES]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in doc)
    verb_forms = {form for t in doc if t.pos_ == "VERB" for form in (t.text.lower(), t.lemma_.lower())}
    reported = bool(verb_forms & _REPORTING_VERBS) or bool(_ATTRIBUTION.search(sentence.text))
    quoted = '"' in sentence.text
    has_quote = reported and (quoted or bool(ents))
    verbs = {t.lemma_.lower() for t in doc if t.pos_ == "VERB"}
    has_event = bool(verbs) and (bool(ents) or bool(verbs & _EVENT_VERBS))
    return _Features(
        quantities,
        len(ents),
        has_event,
        has_quote,
        bool(_OPINION.search(sentence.text)),
        has_verb,
        bool(_TEMPORAL_CUE.search(sentence.text)),
    )


def score_checkworthiness(f: _Features) -> float:
    """Rule-based check-worthiness in [0, 1] from a sentence's features (weights are module constants)."""
    score = W_BASE
    if f.quantities:
        score += W_QUANTITY
    if f.entities:
        score += W_ENTITY + W_EXTRA_ENTITY * min(f.entities - 1, 2)
    if f.has_quote:
        score += W_QUOTE
    if f.has_event:
        score += W_EVENT
    if f.temporal_cue and not f.quantities:
        score += W_TEMPORAL_CUE
    if f.opinion:
        score += W_OPINION_WITH_FACT if (f.quantities or f.temporal_cue) else W_OPINION
    return max(0.0, min(1.0, score))


def _score_sentence(sentence: Sentence, reference) -> tuple[float, _Features] | None:
    """Check-worthiness and features of one sentence, or ``None`` when it can never be a claim
    (a question, a call to action, a fragment without a verb, fewer than four words)."""
    text = sentence.text
    if text.endswith("?") or is_call_to_action(text) or len(text.split()) < 4:
        return None
    if non_latin_share(text) > 0.5:
        return None  # another script: the English models cannot read it
    feats = _features(sentence, reference)
    if not feats.has_verb:
        return None
    return score_checkworthiness(feats), feats


def states_a_figure(f: _Features) -> bool:
    """Whether the sentence gives a date, a duration, a sum, a rate, a measure or a count of
    something named ("within three years", "at a record 49.6°C", "some 900 metres down")."""
    return any(
        (q.kind in CHECKED_KINDS and (q.kind != "date" or q.value is not None or day_month(q) is not None))
        or (q.kind == "count" and q.unit is not None)
        for q in f.quantities
    )


#: Words of a sentence that says what someone hopes, fears, plans or thinks rather than what
#: happened: first and second person, modal verbs.
_NOT_A_REPORT = re.compile(r"\b(?:I|we|you|us|our|my|your|will|would|could|might|may|should|must|can)\b", re.I)


def reports_on_a_name(f: _Features, text: str) -> bool:
    """Whether the sentence reports what a named party did or is ("London won the Games at a
    meeting of the IOC in Copenhagen", "The first to emerge was Mario Sepúlveda"): a name, a verb
    of something happening, no opinion, no first or second person, no modal verb."""
    return f.entities > 0 and f.has_event and not f.opinion and not _NOT_A_REPORT.search(text)


def _kind(f: _Features) -> ClaimKind:
    kinds = {q.kind for q in f.quantities}
    if kinds & {"count", "measure", "money", "percent"}:
        return "numeric"
    if kinds & {"date", "duration", "ordinal", "time"}:
        return "temporal"
    if f.has_quote:
        return "quote"
    if f.temporal_cue:
        return "temporal"
    if f.has_event:
        return "event"
    return "statement"
