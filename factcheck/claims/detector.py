"""Claim detection: which sentences of an article make checkable statements, as standalone claims.

Titles, headings, bylines, datelines, boilerplate and calls to action never reach here (decided
by :func:`factcheck.text.parse_article`).  Every body sentence that can be a claim gets a
check-worthiness score (:mod:`factcheck.claims.features`, and the trained head of
:mod:`factcheck.checkworthy`); those scoring at least ``threshold`` are split into one claim per
fact (:mod:`factcheck.claims.split`) and written to stand alone with the resolutions of their
sentence (:mod:`factcheck.claims.resolve`), which every sentence of the article, kept or not,
gets in order.  The sentence is parsed once: parts and rewrites are built from its tokens.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.checkworthy import DEFAULT_HEAD_DIR, CheckworthinessHead
from factcheck.claims.entities import is_person_name
from factcheck.claims.features import (
    _DATELINE_PREFIX,
    _EVENT_ENTITIES,
    _OPINION,
    _TEMPORAL_CUE,
    _Features,
    _kind,
    _score_sentence,
    reports_on_a_name,
    states_a_figure,
)
from factcheck.claims.render import finish, render
from factcheck.claims.resolve import Resolution, resolve_sentences
from factcheck.claims.split import Part, decompose
from factcheck.config import (
    DEFAULT_CHECKWORTHINESS_BATCH_SIZE,
    DEFAULT_CHECKWORTHINESS_PRECISION,
    DEFAULT_CHECKWORTHINESS_THRESHOLD,
    DEFAULT_KEEP_FIGURES,
    DEFAULT_KEEP_NAMED,
    DEFAULT_RULE_THRESHOLD,
    ResolveRules,
)
from factcheck.errors import ConfigError, ModelError
from factcheck.gcpause import cyclic_gc_paused
from factcheck.text import (
    ParsedArticle,
    Sentence,
    article_sentences,
    clean,
    language_warning,
    load_spacy,
    parse_article,
)
from factcheck.types import Claim, Entity, Quantity, Span

logger = logging.getLogger(__name__)
_NO_RESOLUTION = Resolution((), (), ())


class ClaimDetector:
    """Finds the checkable claims of parsed articles.

    Per body sentence: sentences that can never be claims are dropped by rule (questions, calls
    to action, fragments without a verb, fewer than four words; titles, headings, bylines,
    datelines and boilerplate never reach here, see :func:`factcheck.text.parse_article`).  The
    rest get a check-worthiness in [0, 1] from the trained head (:mod:`factcheck.checkworthy`,
    embedding + rule score) and are kept from ``threshold`` up, and below it when they state a
    date, a duration, a sum, a rate, a measure or a count of something named (``keep_figures``:
    the head learnt check-worthiness from debate transcripts; a figure in the news can always be
    checked) or report what a named party did or is, with no opinion, first or second person or
    modal verb (``keep_named``: "London won the Games at a meeting of the IOC in Copenhagen").
    A kept sentence is split into one claim per fact and each claim is made standalone
    (:mod:`factcheck.claims.resolve`).  Parts that only carry analysis are dropped; analysis that
    asserts a figure, date or named event is kept with ``kind="opinion"``.

    ``head="rules"`` (or a missing head) scores by rule alone (:func:`score_checkworthiness`).
    ``decompose``/``decontextualise`` switch those steps off; ``resolve`` says which mentions
    decontextualisation may rewrite (:class:`~factcheck.config.ResolveRules`); ``precision``
    ("int8" by default, or "fp32") is that of the embedder the head reads.

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
        precision: str = DEFAULT_CHECKWORTHINESS_PRECISION,
        resolve: ResolveRules = ResolveRules(),
        keep_figures: bool = DEFAULT_KEEP_FIGURES,
        keep_named: bool = DEFAULT_KEEP_NAMED,
    ) -> None:
        self.head = _load_head(head)
        self.keep_figures = keep_figures
        self.keep_named = keep_named
        if threshold is None:
            threshold = DEFAULT_CHECKWORTHINESS_THRESHOLD
        if threshold is None:
            threshold = self.head.threshold if self.head is not None else DEFAULT_RULE_THRESHOLD
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"claim threshold must be in [0, 1], got {threshold}")
        self.threshold = threshold
        if precision not in ("fp32", "int8"):
            raise ConfigError(f"check-worthiness embedder precision must be fp32 or int8, got {precision!r}")
        self._embedder = embedder
        self.precision = precision
        self.decompose = decompose
        self.decontextualise = decontextualise
        self.resolve_rules = resolve

    @property
    def method(self) -> str:
        return "rules" if self.head is None else f"head:{self.head.embedder}+rules"

    @property
    def embedder(self):
        """The embedder the head reads: the one given, in :data:`precision` when it can change
        precision (the project's :class:`~factcheck.embed.Embedder` on CPU gives an int8 twin of
        the same weights, same fingerprint), else a new one."""
        if self._embedder is None:
            from factcheck.embed import Embedder

            self._embedder = Embedder(
                self.head.embedder if self.head else "minilm",
                precision=self.precision,
                batch_size=DEFAULT_CHECKWORTHINESS_BATCH_SIZE,
            )
        elif hasattr(self._embedder, "at_precision"):
            self._embedder = self._embedder.at_precision(self.precision, batch_size=DEFAULT_CHECKWORTHINESS_BATCH_SIZE)
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
        out = []
        for parsed in articles:
            with cyclic_gc_paused():  # the parses stay alive while extraction allocates: see gcpause
                out.append(self._one(parsed, batch_size=batch_size))
        return out

    def _one(self, parsed: ParsedArticle, *, batch_size: int) -> list[Claim]:
        article = parsed.article
        body = " ".join(b.span.of(parsed.normalised.text) for b in parsed.blocks if b.kind == "body")
        warning = language_warning(body)
        if warning:
            logger.warning("article %s: %s", article.id, warning)
        sentences = article_sentences(parsed, batch_size=batch_size)
        offsets = [s.doc_offset for s in sentences]  # where each sentence starts in the Doc it was parsed in
        scored = [_score_sentence(s, article.published) for s in sentences]
        candidates = [i for i, sc in enumerate(scored) if sc is not None]
        probs = self._scores([sentences[i].text for i in candidates], [scored[i][0] for i in candidates])
        keep = {
            i: float(p)
            for i, p in zip(candidates, probs, strict=True)
            if p >= self.threshold
            or (self.keep_figures and states_a_figure(scored[i][1]))
            or (self.keep_named and reports_on_a_name(scored[i][1], sentences[i].text))
        }
        if self.decontextualise:
            resolutions = resolve_sentences(
                [(s.doc, o) for s, o in zip(sentences, offsets, strict=True)], article.published, self.resolve_rules
            )
        else:
            resolutions = [_NO_RESOLUTION] * len(sentences)
        drafts = [
            _Draft(sentences[i], scored[i][1], keep[i], part, offsets[i], resolutions[i])
            for i in sorted(keep)
            for part in self._parts(sentences[i], offsets[i])
        ]
        return self._claims(parsed, drafts)

    def _parts(self, sentence: Sentence, offset: int) -> list[Part]:
        text = sentence.text
        prefix = _DATELINE_PREFIX.match(text)
        skip = prefix.end() if prefix else 0  # "PYONGYANG —" is not part of the claim
        if self.decompose:
            return decompose(sentence.doc, offset, skip=skip)
        kept = tuple(t for t in sentence.doc if t.idx - offset >= skip and not t.is_space)
        return [Part(text[skip:], skip, len(text), kept)] if kept else []

    def _text(self, draft: _Draft) -> tuple[str, tuple[str, ...]]:
        """The claim text of a part and its unresolved mentions."""
        part = draft.part
        if not self.decontextualise:
            return part.text, ()
        res = draft.resolution
        text, unresolved = render(
            part.items, draft.offset, res.edits, res.unresolved, sentence_tokens=draft.sentence.doc
        )
        if not self.decompose and not res.edits:
            text = part.text  # one claim per sentence, nothing to rewrite: the sentence as written
        return finish(text), unresolved

    def _claims(self, parsed: ParsedArticle, drafts: list[_Draft]) -> list[Claim]:
        article = parsed.article
        norm = parsed.normalised
        claims: list[Claim] = []
        seen: set[str] = set()
        for draft in drafts:
            sentence, feats, part = draft.sentence, draft.features, draft.part
            starts = {t.idx - draft.offset for t in part.items if not isinstance(t, str)}
            quantities_here = tuple(q for q in feats.quantities if _holds(starts, q.span))
            temporal = bool(_TEMPORAL_CUE.search(part.text))
            opinion = bool(_OPINION.search(part.text))
            named = any(
                e.label_ in _EVENT_ENTITIES and e.start_char - draft.offset in starts for e in sentence.doc.ents
            )
            if opinion and not (quantities_here or temporal or named):
                continue  # analysis without a figure, a date or a named party: not checkable
            text, unresolved = self._text(draft)
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
                    unresolved=unresolved,
                    entities=_entities(sentence.doc, text, draft.resolution),
                )
            )
        return claims


def _entities(doc, text: str, resolution: Resolution) -> tuple[Entity, ...]:
    """The names of a claim's standalone ``text``: those of its sentence's parse that it keeps, and the
    names the rewrite brought in ("he" → "Vladimir Putin"), typed as countries or people."""
    from factcheck.gazetteer import country_of

    out = {e.text: Entity(e.text, e.label_) for e in doc.ents if e.text in text}
    for edit in resolution.edits:
        name = edit.replacement.removeprefix("the ").strip()
        if not name or name in out or name not in text or not name[:1].isupper():
            continue
        if country_of(name) is not None:
            out[name] = Entity(name, "GPE")
        elif len(name.split()) >= 2 and all(w[:1].isupper() for w in name.split()) and is_person_name(name):
            out[name] = Entity(name, "PERSON")
    return tuple(out.values())


def _holds(starts: set[int], span: Span) -> bool:
    """Whether the part with token starts ``starts`` holds the figure at ``span`` (sentence offsets)."""
    return any(span.start <= s < span.end for s in starts)


@dataclass(frozen=True, slots=True)
class _Draft:
    sentence: Sentence
    features: _Features
    score: float
    part: Part
    offset: int  # document offset of the sentence text in its parse
    resolution: Resolution  # what the sentence's mentions resolve to


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


__all__ = ["ClaimDetector", "extract_claims"]
