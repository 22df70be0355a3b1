"""Retrieval evaluation: claims with gold evidence documents (and sentences) against an index.

Metrics, at the document level (a document ranks by its best passage):

* ``recall@k`` — mean fraction of a claim's relevant documents among its top ``k`` documents
  (BEIR's recall@k);
* ``mrr`` — mean reciprocal rank of the first relevant document (0 beyond ``depth`` passages);
* ``ndcg@10`` — binary-relevance nDCG@10 (BEIR's main figure);

and at the passage grain:

* ``rationale_recall@k`` — fraction of the gold rationale sentences that lie inside the top ``k``
  retrieved passages (needs documents with sentence boundaries, e.g. SciFact's abstracts).

Claims without gold evidence documents (SciFact's NOT ENOUGH INFO) are not scored.  Metrics are
given for every claim and, separately, for the tuning three quarters (``quarter(id) != 0``, see
:func:`factcheck.splits.quarter`) and the held-out quarter (``== 0``), so that settings tuned
on the former can be judged on the latter.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DataError
from factcheck.evaluation.metrics import doc_recall_at_k, mrr, ndcg_at_k

Progress = Callable[[str, int, int], None]
RETRIEVAL_KS = (1, 5, 20)
RATIONALE_KS = (5, 20)
#: Passages retrieved per claim; documents are deduplicated from them.
DEFAULT_DEPTH = 100


@dataclass(frozen=True, slots=True)
class RetrievalQuery:
    """A claim with its relevant documents and, where known, rationale sentences ``(doc_id, index)``."""

    id: str
    text: str
    relevant: tuple[str, ...]
    rationales: tuple[tuple[str, int], ...] = ()


@dataclass(slots=True)
class RetrievalQuerySet:
    queries: list[RetrievalQuery]
    skipped: Counter[str] = field(default_factory=Counter)
    name: str = ""


def read_retrieval_queries(path: str | os.PathLike[str]) -> RetrievalQuerySet:
    """Claims with relevant documents from a JSONL file.

    SciFact's ``claims_*.jsonl`` (``evidence`` keyed by document id, with rationale sentence
    indices), or any JSONL whose records have ``id``, ``claim`` (or ``query``/``text``) and
    ``relevant`` (or ``evidence_ids``: a list of document ids).
    """
    from factcheck.jsonl import iter_records

    p = Path(path).expanduser()
    if not p.is_file():
        raise DataError(
            f"claims file {p} does not exist; give a SciFact claims_*.jsonl or a JSONL of id/claim/relevant"
        )
    out = RetrievalQuerySet([], name=p.name)
    for where, row in iter_records(p, error=DataError):
        qid = row.get("id")
        text = next((row[k] for k in ("claim", "query", "text") if row.get(k)), None)
        if qid is None or text is None:
            raise DataError(f"{where}: a record needs an id and a claim (or query/text)")
        rationales: list[tuple[str, int]] = []
        if isinstance(row.get("evidence"), dict):
            relevant = [str(d) for d in row["evidence"]]
            for doc, sets in row["evidence"].items():
                for r in sets:
                    rationales.extend((str(doc), int(s)) for s in r.get("sentences", ()))
        else:
            raw = row.get("relevant", row.get("evidence_ids"))
            if raw is not None and not isinstance(raw, list):
                raise DataError(f"{where}: 'relevant' must be a list of document ids")
            relevant = [str(d) for d in raw or ()]
        if not relevant:
            out.skipped["claims without evidence documents"] += 1
            continue
        out.queries.append(RetrievalQuery(str(qid), str(text), tuple(relevant), tuple(sorted(set(rationales)))))
    if not out.queries:
        raise DataError(f"{p} has no claims with evidence documents to evaluate retrieval on")
    return out


def _scores(
    ranked_docs: Sequence[Sequence[str]],
    relevant: Sequence[set[str]],
    covered: Sequence[Sequence[set[tuple[str, int]]]],
    gold_sentences: Sequence[set[tuple[str, int]]],
) -> dict:
    out: dict = {"claims": len(ranked_docs)}
    for k in RETRIEVAL_KS:
        out[f"recall@{k}"] = doc_recall_at_k(ranked_docs, relevant, k)
    out["mrr"] = mrr(ranked_docs, relevant)
    out["ndcg@10"] = ndcg_at_k(ranked_docs, relevant, 10)
    with_rationales = [i for i, g in enumerate(gold_sentences) if g]
    if with_rationales:
        for j, k in enumerate(RATIONALE_KS):
            found = sum(len(gold_sentences[i] & covered[i][j]) for i in with_rationales)
            out[f"rationale_recall@{k}"] = found / sum(len(gold_sentences[i]) for i in with_rationales)
    return out


def evaluate_retrieval(
    queries: Sequence[RetrievalQuery],
    retriever,
    *,
    documents: Mapping[str, object] | None = None,
    depth: int = DEFAULT_DEPTH,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> dict:
    """Retrieve for every query with ``retriever`` (a :class:`~factcheck.retrieve.Retriever`) and score.

    ``documents`` maps document ids to :class:`~factcheck.corpus.Document` (with ``sentences``)
    for the rationale-sentence recall; without it that figure is left out.
    """
    from factcheck.splits import quarter

    index = retriever.index
    ranked_docs: list[list[str]] = []
    covered: list[list[set[tuple[str, int]]]] = []
    started = time.perf_counter()
    for start in range(0, len(queries), batch_size):
        batch = queries[start : start + batch_size]
        results = retriever([q.text for q in batch], depth)
        for i in range(len(batch)):
            row = results.row(i)
            docs: dict[str, None] = {}
            starts: list[tuple[str, int]] = []
            for pid, _ in row:
                passage = index.passage(pid)
                docs.setdefault(passage.doc_id, None)
                starts.append(
                    tuple((passage.doc_id, s[0]) for s in passage.metadata.get("sentences") or ())  # type: ignore[arg-type]
                )
            ranked_docs.append(list(docs))
            covered.append([{s for group in starts[:k] for s in group} for k in RATIONALE_KS])  # type: ignore[misc]
        if progress is not None:
            progress("retrieving", min(start + batch_size, len(queries)), len(queries))
    seconds = time.perf_counter() - started
    gold_sentences: list[set[tuple[str, int]]] = []
    missing_sentences = 0
    for q in queries:
        gold: set[tuple[str, int]] = set()
        for doc_id, idx in q.rationales:
            doc = documents.get(doc_id) if documents is not None else None
            sentences = getattr(doc, "sentences", None)
            if sentences is None or not 0 <= idx < len(sentences):
                missing_sentences += doc is not None
                continue
            gold.add((doc_id, sentences[idx].start))
        gold_sentences.append(gold)
    relevant = [set(q.relevant) for q in queries]
    groups = {
        "all": list(range(len(queries))),
        "tuning_quarters": [i for i, q in enumerate(queries) if quarter(q.id) != 0],
        "heldout_quarter": [i for i, q in enumerate(queries) if quarter(q.id) == 0],
    }
    metrics: dict = {"retriever": retriever.config, "depth": depth, "passages": len(index)}
    for name, rows in groups.items():
        if rows:
            metrics[name] = _scores(
                [ranked_docs[i] for i in rows],
                [relevant[i] for i in rows],
                [covered[i] for i in rows],
                [gold_sentences[i] for i in rows],
            )
    known = set(documents) if documents is not None else None
    if known is not None:
        metrics["relevant_documents_not_in_corpus"] = sum(1 for r in relevant for d in r if d not in known)
    if missing_sentences:
        metrics["rationale_sentences_out_of_range"] = missing_sentences
    metrics["throughput"] = {
        "seconds": round(seconds, 2),
        "claims_per_second": round(len(queries) / seconds, 2) if seconds > 0 else None,
    }
    return metrics
