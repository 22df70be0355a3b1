"""``FactChecker``: wires claim detection, retrieval and verification.

>>> checker = FactChecker.from_corpus("data/sample/corpus")          # doctest: +SKIP
>>> report = checker.check(open("data/sample/article.txt").read())    # doctest: +SKIP
>>> report.to_pandas()                                               # doctest: +SKIP

Models are loaded once per process (see :mod:`factcheck.embed`, :mod:`factcheck.nli`), so many
checkers over different corpora share them.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date

from factcheck import __version__
from factcheck.claims import ClaimDetector
from factcheck.config import (
    DEFAULT_EMBEDDER,
    DEFAULT_NLI_MODEL,
    ChunkConfig,
    ResolveRules,
    VerifyConfig,
)
from factcheck.corpus import Document, chunk_documents
from factcheck.embed import Embedder
from factcheck.errors import ConfigError, DataError
from factcheck.index import Index, index_for_corpus
from factcheck.nli import NLIScorer
from factcheck.retrieve import RetrievalMode, Retriever
from factcheck.stages import PairScorer, PassageRetriever, TextEncoder
from factcheck.text import ParsedArticle, parse_article
from factcheck.types import Article, Claim, Passage, Report, Span, Verdict
from factcheck.verify import Verifier

Progress = Callable[[str, int, int], None]

#: Claims verified per step: their windows go through the embedder and the NLI model together
#: (larger batches amortise the per-call cost; progress is reported between steps).
CLAIM_BATCH = 32


def _as_embedder(embedder: TextEncoder | str) -> TextEncoder:
    """A name becomes an :class:`Embedder`; any object with ``encode``/``name``/``fingerprint`` is used as is."""
    return Embedder(embedder) if isinstance(embedder, str) else embedder


def _as_nli(nli: PairScorer | str, batch_size: int | None = None) -> PairScorer:
    """A name becomes an :class:`NLIScorer` (with ``batch_size`` pairs per pass, when given); any
    callable ``(premises, hypotheses) -> (n, 3)`` is used as is."""
    return NLIScorer(nli, batch_size=batch_size) if isinstance(nli, str) else nli


class FactChecker:
    """Check articles (or standalone claims) against an indexed reference corpus."""

    def __init__(
        self,
        index: Index | None,
        *,
        embedder: TextEncoder | str = DEFAULT_EMBEDDER,
        nli: PairScorer | str = DEFAULT_NLI_MODEL,
        retrieval: RetrievalMode = "hybrid",
        verify: VerifyConfig = VerifyConfig(),
        claim_threshold: float | None = None,
        query_precision: str = "fp32",
        resolve: ResolveRules = ResolveRules(),
    ) -> None:
        self.embedder = _as_embedder(embedder)
        self.nli = _as_nli(nli, verify.nli_batch_size)
        self.index = index
        if index is not None and index.embedder_fingerprint != self.embedder.fingerprint:
            from factcheck.errors import InvalidIndexError

            raise InvalidIndexError(
                f"index {index.path} was built with embedder {index.embedder_name!r}, not {self.embedder.name!r}; "
                "rebuild the index or pass the embedder it was built with"
            )
        # queries may be encoded by the int8 copy of the embedder (same weights: vectors match the index)
        self.query_embedder = self.embedder
        if query_precision != "fp32":
            if not isinstance(self.embedder, Embedder):
                raise ConfigError("query_precision applies to a factcheck.embed.Embedder")
            self.query_embedder = Embedder(self.embedder.name, precision=query_precision)
        self.verify_config = verify
        self.verifier = Verifier(self.nli, self.embedder, verify)
        # a claim is embedded once, for retrieval and for its windows' relevance, when both use one encoder
        memo = self.verifier.sentence_vectors if self.query_embedder is self.embedder else None
        self.retriever: PassageRetriever | None = (
            Retriever(index, self.query_embedder, mode=retrieval, memo=memo) if index is not None else None
        )
        # the detector's check-worthiness head reads the same embedder (loaded once)
        self.detector = ClaimDetector(claim_threshold, embedder=self.embedder, resolve=resolve)

    # -- construction --------------------------------------------------------------------
    @classmethod
    def from_corpus(
        cls,
        corpus: str | os.PathLike[str],
        *,
        embedder: TextEncoder | str = DEFAULT_EMBEDDER,
        chunking: ChunkConfig = ChunkConfig(),
        cache_dir: str | os.PathLike[str] | None = None,
        progress: Progress | None = None,
        **kwargs,
    ) -> FactChecker:
        """Index ``corpus`` (or reuse its cached index) and return a checker over it."""
        emb = _as_embedder(embedder)
        index = index_for_corpus(corpus, embedder=emb, chunking=chunking, cache_dir=cache_dir, progress=progress)
        return cls(index, embedder=emb, **kwargs)

    @classmethod
    def from_index(
        cls, path: str | os.PathLike[str], *, embedder: TextEncoder | str | None = None, **kwargs
    ) -> FactChecker:
        """Open an index built by ``factcheck index``; the embedder defaults to the one it was built with."""
        from factcheck.index import read_manifest

        if embedder is None:
            from pathlib import Path

            embedder = str(read_manifest(Path(path).expanduser())["embedder"]["name"])
        emb = _as_embedder(embedder)
        index = Index.open(path, embedder_fingerprint=emb.fingerprint, embedder_name=emb.name)
        return cls(index, embedder=emb, **kwargs)

    # -- configuration record ------------------------------------------------------------
    def describe(self) -> dict:
        out = {
            "factcheck": __version__,
            "embedder": {"name": self.embedder.name, "fingerprint": self.embedder.fingerprint},
            "nli": {"name": self.nli.name, "fingerprint": self.nli.fingerprint},
            "retrieval": self.retriever.mode if self.retriever else None,
            "verify": asdict(self.verify_config),
            "decision": self.verifier.describe(),
            "claim_threshold": self.detector.threshold,
            "claim_method": self.detector.method,
            "claim_keep_figures": self.detector.keep_figures,
            "claim_keep_named": self.detector.keep_named,
            "resolve": {
                k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self.detector.resolve_rules).items()
            },
            "calibrated": bool(getattr(self.nli, "calibration", None)),
            "nli_temperature": getattr(self.nli, "temperature", 1.0),
            "nli_precision": getattr(self.nli, "precision", "fp32"),
            "query_precision": getattr(self.query_embedder, "precision", "fp32"),
        }
        if self.index is not None:
            corpus = self.index.manifest.get("corpus", {})
            out["index"] = {
                "path": str(self.index.path),
                "corpus_fingerprint": corpus.get("fingerprint"),
                "passages": len(self.index),
            }
        return out

    # -- work ----------------------------------------------------------------------------
    def extract(self, article: str | ParsedArticle, **article_fields) -> tuple[ParsedArticle, list[Claim]]:
        """Parse an article and detect its claims (no retrieval, no models beyond spaCy)."""
        parsed = article if isinstance(article, ParsedArticle) else parse_article(article, **article_fields)
        return parsed, self.detector([parsed])[0]

    def check(self, article: str | Article, *, progress: Progress | None = None, **article_fields) -> Report:
        """Check every claim of ``article``; returns a :class:`Report`.

        ``article_fields`` (``id``, ``title``, ``published``, ``source``) override what parsing finds.
        """
        if self.retriever is None:
            raise ConfigError("this FactChecker has no index; build it with from_corpus() or from_index()")
        timings: dict[str, float] = {}
        started = time.perf_counter()
        if isinstance(article, Article):
            article_fields = {
                "id": article.id,
                "title": article.title,
                "published": article.published,
                "source": article.source,
                **article_fields,
            }
            article = article.text
        if progress is not None:
            progress("finding claims", 0, 1)
        parsed, claims = self.extract(article, **article_fields)
        timings["claims"] = time.perf_counter() - started
        if progress is not None:
            progress("finding claims", 1, 1)
            progress("verifying claims", 0, len(claims))
        verdicts = self._verify(claims, parsed.article.published, progress=progress, timings=timings)
        timings["total"] = time.perf_counter() - started
        return Report(parsed.article, tuple(verdicts), self.describe(), timings)

    def _verify(
        self,
        claims: Sequence[Claim],
        reference: date | None,
        *,
        progress: Progress | None,
        timings: dict[str, float],
        rankings: list[list[tuple[Passage, float]]] | None = None,
        depth: int = 0,
    ) -> list[Verdict]:
        """Retrieve and verify ``claims`` in batches; with ``rankings``, also collect the top
        ``max(depth, top_k)`` retrieved passages of every claim (for retrieval metrics)."""
        assert self.retriever is not None
        top_k = self.verify_config.top_k
        verdicts: list[Verdict] = []
        timings.setdefault("retrieve", 0.0)
        timings.setdefault("verify", 0.0)
        for start in range(0, len(claims), CLAIM_BATCH):
            batch = claims[start : start + CLAIM_BATCH]
            t0 = time.perf_counter()
            results = self.retriever([c.text for c in batch], max(top_k, depth))
            ranked = [self.retriever.passages(results, i) for i in range(len(batch))]
            t1 = time.perf_counter()
            verdicts.extend(self.verifier(batch, [r[:top_k] for r in ranked], reference=reference))
            timings["retrieve"] += t1 - t0
            timings["verify"] += time.perf_counter() - t1
            if rankings is not None:
                rankings.extend(ranked)
            if progress is not None:
                progress("verifying claims", len(verdicts), len(claims))
        return verdicts

    def check_claims(
        self,
        claims: Sequence[str],
        *,
        reference: date | None = None,
        references: Sequence[date | None] | None = None,
        progress: Progress | None = None,
        rankings: list[list[tuple[Passage, float]]] | None = None,
        depth: int = 0,
    ) -> list[Verdict]:
        """Verify standalone claim texts against the index (used by ``factcheck evaluate --mode open``).

        ``reference`` is the date the claims were made (``references``: one per claim).  Pass a
        list as ``rankings`` to receive each claim's top ``depth`` retrieved passages.
        """
        refs = _references(claims, reference, references)
        return self._verify(
            [standalone_claim(text, i, reference=refs[i]) for i, text in enumerate(claims)],
            reference,
            progress=progress,
            timings={},
            rankings=rankings,
            depth=depth,
        )

    def check_against(
        self,
        claims: Sequence[str],
        evidence: Sequence[Sequence[str]],
        *,
        reference: date | None = None,
        references: Sequence[date | None] | None = None,
        progress: Progress | None = None,
    ) -> list[Verdict]:
        """Verify each claim against its own evidence texts (``--mode gold``): no retrieval."""
        analyses = self.analyse_against(claims, evidence, reference=reference, references=references, progress=progress)
        return [self.verifier.verdict(a) for a in analyses]

    def analyse_against(
        self,
        claims: Sequence[str],
        evidence: Sequence[Sequence[str]],
        *,
        reference: date | None = None,
        references: Sequence[date | None] | None = None,
        progress: Progress | None = None,
    ) -> list:
        """What verification computes for each claim against its own evidence (no decision yet):
        :class:`factcheck.verify.Analysis` objects, as the decision model is trained on."""
        if len(claims) != len(evidence):
            raise ValueError(f"{len(claims)} claims but {len(evidence)} evidence lists")
        refs = _references(claims, reference, references)
        out: list = []
        chunking = ChunkConfig(window_sentences=4, stride=4, max_chars=2000)
        for start in range(0, len(claims), CLAIM_BATCH):
            batch = [
                standalone_claim(t, start + i, reference=refs[start + i])
                for i, t in enumerate(claims[start : start + CLAIM_BATCH])
            ]
            candidates: list[list[tuple[Passage, float]]] = []
            for i, texts in enumerate(evidence[start : start + CLAIM_BATCH]):
                docs = [Document(f"gold-{start + i}-{j}", t) for j, t in enumerate(texts) if t and t.strip()]
                candidates.append([(p, 1.0) for p in chunk_documents(docs, chunking)])
            top_k = max([len(c) for c in candidates] + [1])
            config = dataclasses.replace(self.verify_config, top_k=top_k)
            verifier = Verifier(self.nli, self.embedder, config, decision=self.verifier.decision)
            out.extend(verifier.analyse(batch, candidates))
            if progress is not None:
                progress("verifying claims", len(out), len(claims))
        return out


def _references(
    claims: Sequence[str], reference: date | None, references: Sequence[date | None] | None
) -> list[date | None]:
    if references is None:
        return [reference] * len(claims)
    if len(references) != len(claims):
        raise ValueError(f"{len(claims)} claims but {len(references)} references")
    return [r or reference for r in references]


def standalone_claim(text: str, i: int = 0, *, reference: date | None = None) -> Claim:
    """A claim given on its own (not found in an article): its span covers the whole text.

    ``reference`` (the date the claim was made) resolves "last year" and "the first visit in 24 years".
    """
    from factcheck.quantities import parse_quantities

    if not text or not text.strip():
        raise DataError(f"claim {i} is empty; every claim needs some text")
    quantities = tuple(parse_quantities(text, reference=reference))
    span = Span(0, len(text))
    return Claim(
        id=f"q{i}",
        article_id=f"claims-{i}",
        text=text,
        span=span,
        sentence=text,
        sentence_span=span,
        kind="statement",
        quantities=quantities,
    )
