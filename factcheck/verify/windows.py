"""From retrieved passages to the evidence windows of each claim, and their relevance.

Each passage is cut into windows of one sentence and of up to ``window_sentences`` consecutive
sentences (document offsets kept) and each window's text is normalised once per check, whichever
claims retrieved its passage.  Relevance is the cosine similarity of the window's and the claim's
embeddings; only the most relevant windows of a claim are read further, and only those get a full
:class:`~factcheck.verify.views.WindowView` (figures, names, words), built once each.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.config import VerifyConfig
from factcheck.text import Normalised, normalise
from factcheck.types import Passage, Span
from factcheck.verify.views import PassageView, WindowView, passage_view, window_view


def passage_windows(passage: Passage, size: int) -> list[tuple[Span, str]]:
    """Sentence windows of a passage (1..``size`` consecutive sentences), document offsets."""
    return [(span, text) for span, text, _ in _windows(passage, size)]


def _windows(passage: Passage, size: int) -> list[tuple[Span, str, tuple[str, ...]]]:
    """:func:`passage_windows` with the texts of each window's sentences."""
    sentences = [Span(*s) for s in passage.metadata.get("sentences", [])] or [passage.span]
    sentences = [s for s in sentences if passage.span.contains(s)] or [passage.span]
    texts = [s.shift(-passage.span.start).of(passage.text) for s in sentences]
    out: list[tuple[Span, str, tuple[str, ...]]] = []
    seen: set[tuple[int, int]] = set()
    for n in range(1, size + 1):
        for i in range(0, len(sentences) - n + 1):
            span = Span(sentences[i].start, sentences[i + n - 1].end)
            if (span.start, span.end) in seen:
                continue
            seen.add((span.start, span.end))
            out.append((span, span.shift(-passage.span.start).of(passage.text), tuple(texts[i : i + n])))
    return out


@dataclass(frozen=True, slots=True)
class RawWindow:
    """A window before it is read: where it is and its normalised text."""

    passage: Passage
    span: Span
    text: str
    norm: Normalised
    #: normalised texts of the window's sentences (its embedding is the normalised sum of theirs)
    sentences: tuple[str, ...]

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.passage.id, self.span.start, self.span.end)


@dataclass(slots=True)
class Candidate:
    """A window as evidence for one claim, with where that claim's retrieval ranked its passage."""

    raw: RawWindow
    rank: int
    retrieval_score: float
    relevance: float = 0.0
    view: WindowView | None = None


def cut_windows(candidates: Sequence[Sequence[tuple[Passage, float]]], cfg: VerifyConfig) -> list[list[Candidate]]:
    """Every window of each claim's top ``cfg.top_k`` passages (each passage cut and normalised once)."""
    cut: dict[str, list[RawWindow]] = {}
    out = []
    for cands in candidates:
        wins = []
        for rank, (passage, score) in enumerate(cands[: cfg.top_k], 1):
            raws = cut.get(passage.id)
            if raws is None:
                raws = cut[passage.id] = [
                    RawWindow(passage, span, text, normalise(text), tuple(normalise(t).text for t in parts))
                    for span, text, parts in _windows(passage, cfg.window_sentences)
                ]
            wins.extend(Candidate(raw, rank, float(score)) for raw in raws)
        out.append(wins)
    return out


class SentenceVectors:
    """Embeddings of evidence sentences kept from one check to the next (a corpus's sentences come
    back with every article checked against it), and of the claims a retriever has just embedded
    as queries, at most ``capacity``, the least recently used dropped first; thread-safe.  Tied to
    one embedder: another one empties it."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._owner: object | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._vectors)

    def __call__(self, embedder, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), dim)`` vectors of ``texts``, embedding (once) only those not kept."""
        with self._lock:
            if self._owner is not embedder:
                self._vectors.clear()
                self._owner = embedder
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
            for t in found:
                self._vectors.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        if missing:
            fresh = np.asarray(embedder.encode(missing))
            found.update(zip(missing, fresh, strict=True))
            with self._lock:
                for t, v in zip(missing, fresh, strict=True):
                    self._vectors[t] = v
                while len(self._vectors) > self.capacity:
                    self._vectors.popitem(last=False)
        return np.stack([found[t] for t in texts]) if texts else np.zeros((0, 0), dtype=np.float32)


def score_relevance(
    embedder, claim_texts: Sequence[str], per_claim: list[list[Candidate]], memo: SentenceVectors | None = None
) -> None:
    """Cosine similarity of each candidate window with its claim.

    Each distinct sentence is embedded once (and, with ``memo``, once across checks); a window of
    several sentences is represented by the normalised sum of its sentences' vectors (a window's
    sentences are embedded anyway for the one-sentence windows, so the longer windows cost nothing
    more).
    """
    unique = sorted({t for wins in per_claim for c in wins for t in c.raw.sentences})
    if not unique:
        return
    claim_vecs = memo(embedder, claim_texts) if memo is not None else np.asarray(embedder.encode(list(claim_texts)))
    sent_vecs = memo(embedder, unique) if memo is not None else np.asarray(embedder.encode(unique))
    row = {text: i for i, text in enumerate(unique)}
    window_vecs: dict[tuple[str, int, int], np.ndarray] = {}
    for wins in per_claim:
        for c in wins:
            if c.raw.key not in window_vecs:
                v = sent_vecs[[row[t] for t in c.raw.sentences]].sum(axis=0)
                window_vecs[c.raw.key] = v / max(float(np.linalg.norm(v)), 1e-12)
    for ci, wins in enumerate(per_claim):
        if not wins:
            continue
        sims = np.stack([window_vecs[c.raw.key] for c in wins]) @ claim_vecs[ci]
        for c, sim in zip(wins, np.clip(sims, 0.0, 1.0), strict=True):
            c.relevance = float(sim)


def most_relevant(wins: list[Candidate], cfg: VerifyConfig) -> list[Candidate]:
    """The windows worth reading: relevant enough, the most relevant first, at most
    ``max(max_windows_per_claim, max_windows_before_refuting)`` (the first ``max_windows_per_claim``
    are read first, the rest only for a claim they may save from a false alarm)."""
    rules = cfg.rules
    ranked = sorted(wins, key=lambda c: (-c.relevance, c.rank))
    limit = max(rules.max_windows_per_claim, rules.max_windows_before_refuting)
    return [c for c in ranked if c.relevance >= rules.min_scored_relevance][:limit]


def closest_window(wins: list[Candidate]) -> Candidate | None:
    """The most relevant window, however little (``None`` when the claim has none)."""
    return min(wins, key=lambda c: (-c.relevance, c.rank), default=None)


def read_windows(
    per_claim: list[list[Candidate]],
    entities_of: Callable[[list[str]], list[list[tuple[str, str]]]],
    views: dict[tuple[str, int, int], WindowView] | None = None,
) -> None:
    """Give every kept candidate its :class:`WindowView`, built once per window (one NER batch);
    ``views``: those built by an earlier call of the same check, reused and added to."""
    views = {} if views is None else views
    unique: dict[tuple[str, int, int], RawWindow] = {}
    for wins in per_claim:
        for c in wins:
            if c.raw.key not in views:
                unique.setdefault(c.raw.key, c.raw)
    raws = list(unique.values())
    names = entities_of([r.norm.text for r in raws]) if raws else []
    passages: dict[str, PassageView] = {}
    for raw, ents in zip(raws, names, strict=True):
        pv = passages.get(raw.passage.id)
        if pv is None:
            pv = passages[raw.passage.id] = passage_view(raw.passage)
        views[raw.key] = window_view(pv, raw.span, raw.text, raw.norm, ents)
    for wins in per_claim:
        for c in wins:
            c.view = views[c.raw.key]
