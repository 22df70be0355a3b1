"""BM25 over passages with bm25s (sparse matrices, saved without pickle, memory-mapped on load).

Tokenisation: lower-cased word tokens (digits kept, so figures and years match), English stop
words removed, Snowball stems (PyStemmer).  Queries go through the same tokeniser.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from factcheck.errors import InvalidIndexError

_TOKEN = re.compile(r"(?u)\b\w+\b")
BM25_PARAMS = {"k1": 1.2, "b": 0.75, "method": "lucene"}


@cache
def _bm25s():
    """Import bm25s; it sets its logger to DEBUG at import time, which floods any application that
    logs to the console, so its level goes back to WARNING."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


@cache
def _stopwords() -> frozenset[str]:
    _bm25s()
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


@cache
def _stemmer():
    try:
        import Stemmer
    except ImportError:  # pragma: no cover - PyStemmer is a dependency
        return None
    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Stemmed content tokens of ``text`` (single letters dropped, single digits kept)."""
    stop = _stopwords()
    words = [w for w in _TOKEN.findall(text.lower()) if w not in stop and (len(w) > 1 or w.isdigit())]
    stemmer = _stemmer()
    return stemmer.stemWords(words) if stemmer is not None else words


class BM25Index:
    """Build, save, load and query a BM25 index of passage texts."""

    def __init__(self, retriever) -> None:
        self._retriever = retriever
        self._vocab: dict[str, int] = retriever.vocab_dict

    @classmethod
    def build(cls, texts: Sequence[str]) -> BM25Index:
        retriever = _bm25s().BM25(k1=BM25_PARAMS["k1"], b=BM25_PARAMS["b"], method=BM25_PARAMS["method"])
        retriever.index([tokenize(t) for t in texts], show_progress=False)
        return cls(retriever)

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False, allow_pickle=False)
        (folder / "tokenizer.json").write_text(
            json.dumps({"token": _TOKEN.pattern, "stopwords": "bm25s STOPWORDS_EN", "stemmer": "snowball-english"})
            + "\n"
        )

    @classmethod
    def load(cls, folder: Path, *, mmap: bool = True) -> BM25Index:
        if not (folder / "params.index.json").is_file():
            raise InvalidIndexError(f"BM25 index files are missing from {folder}; rebuild the index")
        return cls(_bm25s().BM25.load(str(folder), mmap=mmap, allow_pickle=False, show_progress=False, verbosity=0))

    @property
    def size(self) -> int:
        return int(self._retriever.scores["num_docs"])

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no query term is in the vocabulary)."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def search(self, queries: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` passage indices and scores, arrays of shape ``(len(queries), k)``; -1 pads."""
        from factcheck.index.topk import top_k

        return top_k(
            np.stack([self.scores(q) for q in queries]) if queries else np.zeros((0, self.size)),
            k,
            keep=lambda s: s > 0,
        )
