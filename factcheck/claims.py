"""Claim detection: which sentences of an article make checkable statements.

The first detector works by rule over spaCy's parse.  A body sentence is a claim candidate when it
carries checkable content:

* a quantity (count, measure, money, percentage, date, duration, ordinal; see
  :mod:`factcheck.quantities`),
* a named entity that takes part in an event (a person, organisation, place or group with a verb),
* an attributed statement (a quotation or reported speech with a speaker).

Never claims: titles, headings, bylines, datelines, boilerplate and calls to action (decided by
:func:`factcheck.text.parse_article`), questions, imperative calls to the reader, and fragments
without a verb.  Each candidate gets a check-worthiness score in [0, 1] from the same features
(weights below); those scoring at least ``threshold`` are kept.  Opinion and analysis markers
("is seen as", "observers note") lower the score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.config import DEFAULT_CHECKWORTHINESS_THRESHOLD
from factcheck.quantities import parse_quantities
from factcheck.text import (
    ParsedArticle,
    Sentence,
    article_sentences,
    clean,
    is_call_to_action,
    load_spacy,
    parse_article,
)
from factcheck.types import Claim, ClaimKind, Quantity, Span

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
    feats = _features(sentence, reference)
    if not feats.has_verb:
        return None
    return score_checkworthiness(feats), feats


def _kind(f: _Features) -> ClaimKind:
    kinds = {q.kind for q in f.quantities}
    if kinds & {"count", "measure", "money", "percent"}:
        return "numeric"
    if kinds & {"date", "duration", "ordinal"}:
        return "temporal"
    if f.has_quote:
        return "quote"
    if f.temporal_cue:
        return "temporal"
    if f.has_event:
        return "event"
    return "statement"


class ClaimDetector:
    """Finds the checkable claims of parsed articles.

    >>> detector = ClaimDetector()
    >>> claims = detector([parse_article("Putin last visited Pyongyang in 2000.")])[0]
    >>> [(c.kind, c.sentence) for c in claims]
    [('temporal', 'Putin last visited Pyongyang in 2000.')]
    """

    def __init__(self, threshold: float = DEFAULT_CHECKWORTHINESS_THRESHOLD) -> None:
        if not 0.0 <= threshold <= 1.0:
            from factcheck.errors import ConfigError

            raise ConfigError(f"claim threshold must be in [0, 1], got {threshold}")
        self.threshold = threshold

    def __call__(self, articles: Sequence[ParsedArticle], *, batch_size: int = 32) -> list[list[Claim]]:
        return [self._one(parsed, batch_size=batch_size) for parsed in articles]

    def score_texts(self, texts: Sequence[str], *, batch_size: int = 64) -> list[float]:
        """Check-worthiness of standalone texts (a sentence, a tweet, a transcript line): the best
        score of their sentences, 0 when none could be a claim.  A text is check-worthy when its
        score reaches ``threshold``.  Used to evaluate against sentence-level labels."""
        nlp = load_spacy()
        scores = []
        for doc in nlp.pipe((clean(t) for t in texts), batch_size=batch_size):
            best = 0.0
            for sent in doc.sents:
                stripped = sent.text.strip()
                if not stripped:
                    continue
                scored = _score_sentence(Sentence(Span(0, len(stripped)), stripped, 0, sent), None)
                if scored is not None:
                    best = max(best, scored[0])
            scores.append(best)
        return scores

    def _one(self, parsed: ParsedArticle, *, batch_size: int) -> list[Claim]:
        article = parsed.article
        norm = parsed.normalised
        claims: list[Claim] = []
        for sentence in article_sentences(parsed, batch_size=batch_size):
            text = sentence.text
            scored = _score_sentence(sentence, article.published)
            if scored is None or scored[0] < self.threshold:
                continue
            score, feats = scored
            source_span = norm.source_span(sentence.span)
            prefix = _DATELINE_PREFIX.match(text)
            claim_norm = Span(sentence.span.start + prefix.end(), sentence.span.end) if prefix else sentence.span
            claim_span = norm.source_span(claim_norm)
            quantities = tuple(
                Quantity(
                    (qs := norm.source_span(q.span.shift(sentence.span.start))).of(article.text),
                    qs,
                    q.value,
                    q.unit,
                    q.kind,
                    q.bound,
                )
                for q in feats.quantities
            )
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1:03d}",
                    article_id=article.id,
                    text=claim_norm.of(norm.text),
                    span=claim_span,
                    sentence=source_span.of(article.text),
                    sentence_span=source_span,
                    kind=_kind(feats),
                    quantities=quantities,
                    checkworthiness=score,
                )
            )
        return claims


def extract_claims(
    text: str, *, threshold: float = DEFAULT_CHECKWORTHINESS_THRESHOLD, **article_fields
) -> tuple[ParsedArticle, list[Claim]]:
    """Parse ``text`` as an article and return it with its claims."""
    parsed = parse_article(text, **article_fields)
    return parsed, ClaimDetector(threshold)([parsed])[0]


__all__ = ["ClaimDetector", "extract_claims", "score_checkworthiness"]
