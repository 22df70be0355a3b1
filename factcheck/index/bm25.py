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
    """bm25s's English stop words.  Its ``stopwords`` module is a plain tuple; it is read from its
    file so that querying a saved index never imports bm25s (and SciPy, about 0.2 s of a check)."""
    import importlib.util

    spec = importlib.util.find_spec("bm25s")  # finds the package without running it
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    if folder is not None and (folder / "stopwords.py").is_file():
        words = importlib.util.spec_from_file_location("_factcheck_bm25s_stopwords", folder / "stopwords.py")
        if words is not None and words.loader is not None:
            module = importlib.util.module_from_spec(words)
            words.loader.exec_module(module)
            return frozenset(module.STOPWORDS_EN)
    _bm25s()  # pragma: no cover - another layout of the package
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


#: Methods whose scores bm25s stores whole in its matrix (no per-query non-occurrence term).
_PRECOMPUTED = ("lucene", "robertson", "atire")


class _SavedScores:
    """A saved bm25s index read with numpy alone: its (token x document) score matrix in CSC form.

    A query's score for a document is the sum over the query's tokens (repeats counted) of the
    stored score, exactly as ``bm25s.BM25.get_scores`` computes it for these methods."""

    def __init__(self, folder: Path, params: dict, *, mmap: bool) -> None:
        mode = "r" if mmap else None
        self.data, self.indices, self.indptr = (
            np.load(folder / f"{name}.csc.index.npy", mmap_mode=mode, allow_pickle=False)
            for name in ("data", "indices", "indptr")
        )
        self.vocab_dict: dict[str, int] = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
        self.num_docs = int(params["num_docs"])
        self.dtype = np.dtype(params.get("dtype", "float32"))
        self.scores = {"num_docs": self.num_docs}

    @classmethod
    def open(cls, folder: Path, *, mmap: bool) -> _SavedScores | None:
        try:
            params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(params, dict) or params.get("method") not in _PRECOMPUTED or "num_docs" not in params:
            return None
        if not all((folder / f"{n}.csc.index.npy").is_file() for n in ("data", "indices", "indptr")):
            return None
        return cls(folder, params, mmap=mmap)

    def get_scores(self, tokens: list[str]) -> np.ndarray:
        ids = [self.vocab_dict[t] for t in tokens]
        out = np.zeros(self.num_docs, dtype=self.dtype)
        if ids:
            starts, ends = self.indptr[ids], self.indptr[np.asarray(ids) + 1]
            rows = [slice(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
            np.add.at(
                out, np.concatenate([self.indices[r] for r in rows]), np.concatenate([self.data[r] for r in rows])
            )
        return out


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
        saved = _SavedScores.open(folder, mmap=mmap)
        if saved is not None:
            return cls(saved)
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
