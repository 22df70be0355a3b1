"""The data model: frozen dataclasses anchored by character offsets.

Offsets are the contract.  For every claim, ``article.text[claim.span.start:claim.span.end]`` is
the claim's source text in the article **exactly as the user gave it** (non-breaking spaces, curly
quotes and all), and ``article.text[claim.sentence_span.start:claim.sentence_span.end] ==
claim.sentence``.  The same holds for passages against their document's text.  Models read a
normalised copy of the text (see :mod:`factcheck.text`); the offsets reported are mapped back to the
input, so a user can highlight a claim in their own file.

Every type checks its offsets when it is built and raises :class:`ValueError` if they are wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class Label(StrEnum):
    """Verdict labels."""

    SUPPORTED = "SUPPORTED"
    REFUTED = "REFUTED"
    NOT_ENOUGH_INFO = "NOT_ENOUGH_INFO"


#: Claim kinds, from most to least specific.  ``opinion``: analysis or judgement that still
#: asserts a checkable fact ("observers note that ... since 2000"); ``statement``: anything else.
ClaimKind = Literal["numeric", "temporal", "quote", "event", "opinion", "statement"]
QuantityKind = Literal["count", "measure", "money", "percent", "date", "duration", "ordinal", "time"]
Bound = Literal["exact", "over", "under", "about"]
BlockKind = Literal["title", "byline", "dateline", "heading", "body", "call_to_action", "boilerplate"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character interval ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not isinstance(self.start, int) or not isinstance(self.end, int):
            raise ValueError(f"span offsets must be integers, got ({self.start!r}, {self.end!r})")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span ({self.start}, {self.end}): need 0 <= start <= end")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """The slice of ``text`` this span covers (checked to lie inside ``text``)."""
        if self.end > len(text):
            raise ValueError(f"span ({self.start}, {self.end}) runs past a text of length {len(text)}")
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def shift(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    def to_list(self) -> list[int]:
        return [self.start, self.end]


def _check_text_span(owner: str, text: str, span: Span) -> None:
    if len(text) != len(span):
        raise ValueError(f"{owner}: text of length {len(text)} does not match its span ({span.start}, {span.end})")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number, date, duration or time of day found in a claim or in evidence.

    ``value`` is a float for counts, measures, money, percentages, durations (in ``unit``),
    ordinals and times of day (minutes after midnight; a zone, if any, stays in ``text``), and an
    ISO-8601 string for dates (``"2000"``, ``"2024-06"``, ``"2024-06-19"``,
    or a decade such as ``"1940s"``).  ``span`` is into the text the quantity was read from.
    """

    text: str
    span: Span
    value: float | str | None
    unit: str | None
    kind: QuantityKind
    bound: Bound = "exact"

    def __post_init__(self) -> None:
        _check_text_span("Quantity", self.text, self.span)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": self.span.to_list(),
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
            "bound": self.bound,
        }


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level piece of an article and its role (heading, byline, body, ...)."""

    kind: BlockKind
    span: Span


@dataclass(frozen=True, slots=True)
class Article:
    """An article as given by the user, with what parsing found in it."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    byline: str | None = None
    blocks: tuple[Block, ...] = ()

    def __post_init__(self) -> None:
        for block in self.blocks:
            if block.span.end > len(self.text):
                raise ValueError(f"Article {self.id}: block span {block.span} runs past the text")

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "byline": self.byline,
        }
        if include_text:
            out["text"] = self.text
        return out


@dataclass(frozen=True, slots=True)
class Entity:
    """A name the claim's parse found: its text and its spaCy label (PERSON, GPE, ORG, ...)."""

    text: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "label": self.label}


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement from an article.

    ``text`` is the claim as a standalone statement (what retrieval and NLI read); ``span`` is the
    claim's source in ``Article.text``; ``sentence``/``sentence_span`` the whole source sentence.
    ``unresolved``: the mentions of ``text`` that need the article to be read ("their", "this
    support") and that extraction could not resolve for sure, kept in the original wording.
    """

    id: str
    article_id: str
    text: str
    span: Span
    sentence: str
    sentence_span: Span
    kind: ClaimKind = "statement"
    quantities: tuple[Quantity, ...] = ()
    checkworthiness: float = 1.0
    unresolved: tuple[str, ...] = ()
    #: The names in ``text`` as the extraction parse found them (carried to verification, which
    #: does not parse the claim again); empty for a claim given on its own.
    entities: tuple[Entity, ...] = ()

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError(f"Claim {self.id}: empty text")
        _check_text_span(f"Claim {self.id} sentence", self.sentence, self.sentence_span)
        if not self.sentence_span.contains(self.span):
            raise ValueError(f"Claim {self.id}: span {self.span} lies outside its sentence {self.sentence_span}")
        if not 0.0 <= self.checkworthiness <= 1.0:
            raise ValueError(f"Claim {self.id}: checkworthiness {self.checkworthiness} not in [0, 1]")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text,
            "sentence": self.sentence,
            "span": self.span.to_list(),
            "sentence_span": self.sentence_span.to_list(),
            "kind": self.kind,
            "checkworthiness": round(self.checkworthiness, 4),
            "quantities": [q.to_dict() for q in self.quantities],
            "unresolved": list(self.unresolved),
            "entities": [e.to_dict() for e in self.entities],
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """A chunk of a reference document; ``span`` is into the document's text."""

    id: str
    doc_id: str
    text: str
    span: Span
    title: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_text_span(f"Passage {self.id}", self.text, self.span)
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "title": self.title,
            "text": self.text,
            "span": self.span.to_list(),
            "metadata": dict(self.metadata),
        }


@dataclass(frozen=True, slots=True)
class NLIScores:
    """Probabilities that the evidence entails, is neutral to, or contradicts the claim."""

    entailment: float
    neutral: float
    contradiction: float

    def __post_init__(self) -> None:
        total = self.entailment + self.neutral + self.contradiction
        if min(self.entailment, self.neutral, self.contradiction) < -1e-6 or abs(total - 1.0) > 1e-3:
            raise ValueError(f"NLI probabilities must be >= 0 and sum to 1, got {self}")

    def to_dict(self) -> dict[str, float]:
        return {
            "entailment": round(self.entailment, 4),
            "neutral": round(self.neutral, 4),
            "contradiction": round(self.contradiction, 4),
        }


@dataclass(frozen=True, slots=True)
class QuantityCheck:
    """Outcome of comparing a claim's quantities with those of one evidence window."""

    status: Literal["consistent", "conflict", "unrelated"]
    claim_quantity: Quantity | None = None
    evidence_quantity: Quantity | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "claim_quantity": self.claim_quantity.to_dict() if self.claim_quantity else None,
            "evidence_quantity": self.evidence_quantity.to_dict() if self.evidence_quantity else None,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """One scored evidence window: a sentence window (``window``, document offsets) of a passage."""

    passage: Passage
    retrieval_score: float
    rank: int
    window: Span
    window_text: str
    nli: NLIScores | None = None
    quantity_check: QuantityCheck | None = None
    relevance: float | None = None

    def __post_init__(self) -> None:
        _check_text_span("Evidence window", self.window_text, self.window)
        if not self.passage.span.contains(self.window):
            raise ValueError(
                f"Evidence window {self.window} lies outside passage {self.passage.id} {self.passage.span}"
            )

    @property
    def doc_id(self) -> str:
        return self.passage.doc_id

    def to_dict(self) -> dict[str, Any]:
        scores: dict[str, Any] = {"retrieval": round(self.retrieval_score, 6)}
        if self.relevance is not None:
            scores["relevance"] = round(self.relevance, 4)
        if self.nli is not None:
            scores.update(self.nli.to_dict())
        return {
            "doc_id": self.passage.doc_id,
            "passage_id": self.passage.id,
            "title": self.passage.title,
            "text": self.window_text,
            "span": self.window.to_list(),
            "passage_span": self.passage.span.to_list(),
            "rank": self.rank,
            "scores": scores,
            "quantity_check": self.quantity_check.to_dict() if self.quantity_check else None,
            "source": self.passage.metadata.get("source"),
        }


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision on one claim, with the evidence that decided it first.

    ``support`` and ``refute`` are the strongest support and refutation signals of the evidence
    windows (see :mod:`factcheck.verify.signals`); ``probabilities`` the learned decision's
    probability of each label, when a learned decision made it.
    """

    claim: Claim
    label: Label
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    support: float = 0.0
    refute: float = 0.0
    #: The decision's probability of each label (a learned decision only; ``None`` for the rule).
    probabilities: Mapping[str, float] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", Label(self.label))
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"Verdict confidence {self.confidence} not in [0, 1]")

    @property
    def flagged(self) -> bool:
        """True when a fact-checker should look at this claim (refuted or unsupported)."""
        return self.label is not Label.SUPPORTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "label": self.label.value,
            "confidence": round(self.confidence, 4),
            "reason": self.reason,
            "signals": {"support": round(self.support, 4), "refute": round(self.refute, 4)},
            "probabilities": dict(self.probabilities) if self.probabilities is not None else None,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The result of checking one article; renders as JSON, a DataFrame, HTML or Markdown."""

    article: Article
    verdicts: tuple[Verdict, ...]
    config: Mapping[str, Any] = field(default_factory=dict)
    timings: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for verdict in self.verdicts:
            claim = verdict.claim
            if claim.article_id != self.article.id:
                raise ValueError(f"claim {claim.id} belongs to article {claim.article_id}, not {self.article.id}")
            if claim.sentence_span.of(self.article.text) != claim.sentence:
                raise ValueError(f"claim {claim.id}: sentence does not match the article text at its span")

    # -- summaries -------------------------------------------------------------------------
    @property
    def flagged(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.flagged)

    def counts(self) -> dict[str, int]:
        out = {label.value: 0 for label in Label}
        for verdict in self.verdicts:
            out[verdict.label.value] += 1
        return out

    # -- renderings: thin shortcuts; the renderers live in factcheck.report ----------------
    def to_dict(self) -> dict[str, Any]:
        """The JSON document (``schema_version`` first); see :mod:`factcheck.report.data`."""
        return self._render("dict")

    def to_json(self, *, indent: int | None = 2) -> str:
        return self._render("json", indent=indent)

    def to_jsonl(self) -> str:
        """One verdict per line, each carrying the article id."""
        return self._render("jsonl")

    def to_pandas(self) -> pd.DataFrame:
        return self._render("pandas")

    def to_html(self) -> str:
        """A self-contained HTML page."""
        return self._render("html")

    def to_markdown(self) -> str:
        return self._render("markdown")

    def _repr_html_(self) -> str:
        return self._render("html_fragment")

    def _render(self, fmt: str, **options: Any) -> Any:
        # Imported here, not at the top: the data model does not depend on its renderings.
        from factcheck import report

        renderer = {"dict": report.report_dict, "pandas": report.to_pandas, "html_fragment": report.to_html_fragment}
        return renderer[fmt](self, **options) if fmt in renderer else report.render(self, fmt, **options)
