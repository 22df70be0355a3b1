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

import dataclasses
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.checkworthy import DEFAULT_HEAD_DIR, CheckworthinessHead
from factcheck.config import DEFAULT_CHECKWORTHINESS_THRESHOLD, DEFAULT_RULE_THRESHOLD
from factcheck.errors import ConfigError, ModelError
from factcheck.quantities import parse_quantities
from factcheck.standalone import Context, Part, decompose
from factcheck.text import (
    ParsedArticle,
    Sentence,
    article_sentences,
    clean,
    is_call_to_action,
    language_warning,
    load_spacy,
    non_latin_share,
    parse_article,
)
from factcheck.types import Claim, ClaimKind, Entity, Quantity, Span

logger = logging.getLogger(__name__)

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

    Per body sentence: sentences that can never be claims are dropped by rule (questions, calls
    to action, fragments without a verb, fewer than four words; titles, headings, bylines,
    datelines and boilerplate never reach here, see :func:`factcheck.text.parse_article`).  The
    rest get a check-worthiness in [0, 1] from the trained head (:mod:`factcheck.checkworthy`,
    embedding + rule score) and are kept from ``threshold`` up.  A kept sentence is split into
    one claim per fact and each claim is made standalone (:mod:`factcheck.standalone`).  Parts
    that only carry analysis are dropped; analysis that asserts a figure, date or named event is
    kept with ``kind="opinion"``.

    ``head="rules"`` (or a missing head) scores by rule alone (:func:`score_checkworthiness`).
    ``decompose``/``decontextualise`` switch those steps off.

    >>> detector = ClaimDetector(head="rules")
    >>> claims = detector([parse_article("Putin last visited Pyongyang in 2000.")])[0]
    >>> [(c.kind, c.text) for c in claims]
    [('temporal', 'Putin last visited Pyongyang in 2000.')]
    """

    def __init__(
        self,
        threshold: float | None = None,
        *,
        embedder=None,
        head: CheckworthinessHead | str | os.PathLike[str] | None = None,
        decompose: bool = True,
        decontextualise: bool = True,
    ) -> None:
        self.head = _load_head(head)
        if threshold is None:
            threshold = DEFAULT_CHECKWORTHINESS_THRESHOLD
        if threshold is None:
            threshold = self.head.threshold if self.head is not None else DEFAULT_RULE_THRESHOLD
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"claim threshold must be in [0, 1], got {threshold}")
        self.threshold = threshold
        self._embedder = embedder
        self.decompose = decompose
        self.decontextualise = decontextualise

    @property
    def method(self) -> str:
        return "rules" if self.head is None else f"head:{self.head.embedder}+rules"

    @property
    def embedder(self):
        if self._embedder is None:
            from factcheck.embed import Embedder

            self._embedder = Embedder(self.head.embedder if self.head else "minilm")
        return self._embedder

    # -- scoring --------------------------------------------------------------------------
    def _scores(self, texts: Sequence[str], rules: Sequence[float]) -> np.ndarray:
        rules_arr = np.asarray(rules, dtype=np.float32)
        if self.head is None or not len(texts):
            return rules_arr
        if getattr(self.embedder, "fingerprint", None) not in (None, self.head.embedder_fingerprint):
            logger.warning(
                "check-worthiness head was trained on embedder %s, not %s; scoring by rule",
                self.head.embedder,
                getattr(self.embedder, "name", "?"),
            )
            return rules_arr
        return self.head.score(self.embedder.encode(list(texts)), rules_arr)

    @staticmethod
    def rule_scores(texts: Sequence[str], *, batch_size: int = 64) -> list[float]:
        """Rule-based check-worthiness of standalone texts: the best score of their sentences
        (0 when none could be a claim)."""
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

    def score_texts(
        self, texts: Sequence[str], *, batch_size: int = 64, rules: Sequence[float] | None = None
    ) -> list[float]:
        """Check-worthiness of standalone texts (a sentence, a tweet, a transcript line); a text
        is check-worthy when its score reaches ``threshold``.  Texts that can never be claims
        (questions, fragments) score 0.  Used to evaluate against sentence-level labels.
        ``rules``: their :meth:`rule_scores`, when the caller already has them."""
        if rules is None:
            rules = self.rule_scores(texts, batch_size=batch_size)
        if self.head is None:
            return rules
        scores = self._scores([clean(t) for t in texts], rules)
        return [0.0 if r == 0.0 else float(s) for s, r in zip(scores, rules, strict=True)]

    # -- articles -------------------------------------------------------------------------
    def __call__(self, articles: Sequence[ParsedArticle], *, batch_size: int = 32) -> list[list[Claim]]:
        return [self._one(parsed, batch_size=batch_size) for parsed in articles]

    def _one(self, parsed: ParsedArticle, *, batch_size: int) -> list[Claim]:
        article = parsed.article
        body = " ".join(b.span.of(parsed.normalised.text) for b in parsed.blocks if b.kind == "body")
        warning = language_warning(body)
        if warning:
            logger.warning("article %s: %s", article.id, warning)
        sentences = article_sentences(parsed, batch_size=batch_size)
        scored = [_score_sentence(s, article.published) for s in sentences]
        candidates = [i for i, sc in enumerate(scored) if sc is not None]
        probs = self._scores([sentences[i].text for i in candidates], [scored[i][0] for i in candidates])
        keep = {i: float(p) for i, p in zip(candidates, probs, strict=True) if p >= self.threshold}
        context = Context(published=article.published)
        drafts: list[_Draft] = []
        for i, sentence in enumerate(sentences):
            if i not in keep:
                context.read(sentence.doc)
                continue
            before = context.snapshot()
            context.read(sentence.doc)
            after = context.snapshot()
            for k, part in enumerate(self._parts(parsed, sentence)):
                # the main clause reads what came before; split-off clauses also their own sentence
                drafts.append(_Draft(sentence, scored[i][1], keep[i], part, before if k == 0 else after))
        return self._claims(parsed, drafts)

    def _parts(self, parsed: ParsedArticle, sentence: Sentence) -> list[Part]:
        text = sentence.text
        prefix = _DATELINE_PREFIX.match(text)
        skip = prefix.end() if prefix else 0  # "PYONGYANG —" is not part of the claim
        if not self.decompose:
            return [Part(text[skip:], skip, len(text))]
        offset = sentence.span.start - parsed.blocks[sentence.block].span.start
        return decompose(sentence.doc, offset, skip=skip)

    def _claims(self, parsed: ParsedArticle, drafts: list[_Draft]) -> list[Claim]:
        article = parsed.article
        norm = parsed.normalised
        # a part that is its whole sentence, as written, reuses the sentence's parse
        fresh = [i for i, d in enumerate(drafts) if d.part.text != d.sentence.doc.text]
        docs = [d.sentence.doc for d in drafts]
        for i, doc in zip(fresh, load_spacy().pipe([drafts[i].part.text for i in fresh], batch_size=64), strict=True):
            docs[i] = doc
        claims: list[Claim] = []
        seen: set[str] = set()
        for draft, doc in zip(drafts, docs, strict=True):
            sentence, feats, part = draft.sentence, draft.features, draft.part
            quantities_here = tuple(
                q for q in feats.quantities if part.start <= q.span.start and q.span.end <= part.end
            )
            temporal = bool(_TEMPORAL_CUE.search(part.text))
            opinion = bool(_OPINION.search(part.text))
            named = any(e.label_ in _EVENT_ENTITIES for e in doc.ents)
            if opinion and not (quantities_here or temporal or named):
                continue  # analysis without a figure, a date or a named party: not checkable
            text = draft.context.rewrite(part.text, doc) if self.decontextualise else part.text
            if len(part.text.split()) < 4 or text in seen:
                continue
            seen.add(text)
            sentence_span = norm.source_span(sentence.span)
            claim_span = norm.source_span(Span(sentence.span.start + part.start, sentence.span.start + part.end))
            quantities = tuple(
                Quantity(
                    (qs := norm.source_span(q.span.shift(sentence.span.start))).of(article.text),
                    qs,
                    q.value,
                    q.unit,
                    q.kind,
                    q.bound,
                )
                for q in quantities_here
            )
            part_features = dataclasses.replace(feats, quantities=quantities_here, temporal_cue=temporal)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1:03d}",
                    article_id=article.id,
                    text=text,
                    span=claim_span,
                    sentence=sentence_span.of(article.text),
                    sentence_span=sentence_span,
                    kind="opinion" if opinion else _kind(part_features),
                    quantities=quantities,
                    checkworthiness=min(1.0, max(0.0, draft.score)),
                    entities=_entities(doc, part.text, text, draft.context),
                )
            )
        return claims


def _entities(doc, written: str, text: str, context: Context) -> tuple[Entity, ...]:
    """The names of a claim's standalone ``text``: those its parse found that the rewrite kept, and
    the people, countries and places the rewrite brought in from earlier in the article."""
    out = {e.text: Entity(e.text, e.label_) for e in doc.ents if e.text in text}
    inserted = (
        [(n, "PERSON") for n in context.people]
        + [(n, "GPE") for n in context.countries]
        + [(n, "FAC") for n in context.places]
    )
    for name, label in inserted:
        if name and name not in out and name in text and name not in written:
            out[name] = Entity(name, label)
    return tuple(out.values())


@dataclass(frozen=True, slots=True)
class _Draft:
    sentence: Sentence
    features: _Features
    score: float
    part: Part
    context: Context  # what the article had said before the sentence


def _load_head(head) -> CheckworthinessHead | None:
    if head == "rules":
        return None
    if isinstance(head, CheckworthinessHead):
        return head
    folder = DEFAULT_HEAD_DIR if head is None else head
    try:
        return CheckworthinessHead.load(folder)
    except ModelError:
        if head is not None:
            raise
        logger.warning("no check-worthiness head shipped at %s; scoring claims by rule", folder)
        return None


def extract_claims(
    text: str, *, threshold: float | None = None, detector: ClaimDetector | None = None, **article_fields
) -> tuple[ParsedArticle, list[Claim]]:
    """Parse ``text`` as an article and return it with its claims (by ``detector``, else a default
    :class:`ClaimDetector` with ``threshold``)."""
    parsed = parse_article(text, **article_fields)
    return parsed, (detector or ClaimDetector(threshold))([parsed])[0]


__all__ = ["ClaimDetector", "extract_claims", "score_checkworthiness"]
