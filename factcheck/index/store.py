"""The on-disk index: a folder with a manifest, passages, dense vectors and a BM25 index.

Layout (format version :data:`~factcheck.config.INDEX_FORMAT_VERSION`)::

    INDEX_DIR/
      manifest.json     format version, config, embedder name and weights hash, corpus fingerprint
      documents.jsonl   one line per document: id, title, source, content hash, passage range
      passages.jsonl    one line per passage: id, doc_id, title, text, span, metadata
      vectors.npy       float32 (n_passages, dim), unit length, memory-mapped when opened
      bm25/             bm25s sparse index (numpy arrays and JSON; nothing is pickled)

Writes go to a hidden temporary folder next to ``INDEX_DIR`` that is renamed into place at the
end, so an interrupted build leaves either the old index or the new one, never a mix.  Opening
an index built with another format version or another embedder raises
:class:`~factcheck.errors.InvalidIndexError` saying how to rebuild.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.config import INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import Document, chunk_documents, corpus_fingerprint
from factcheck.errors import InvalidIndexError
from factcheck.index.bm25 import BM25_PARAMS, BM25Index
from factcheck.index.topk import top_k
from factcheck.types import Passage, Span

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_NAME = "factcheck-index"
Progress = Callable[[str, int, int], None]


def embedding_text(passage: Passage) -> str:
    """What the embedder reads for a passage: its document title, then its text."""
    return f"{passage.title}. {passage.text}" if passage.title else passage.text


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("factcheck", "sentence-transformers", "transformers", "torch", "bm25s", "numpy"):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


class Index:
    """An opened index.  Passages load lazily by position; vectors are memory-mapped."""

    def __init__(
        self, path: Path, manifest: dict[str, Any], passage_lines: list[str], vectors: np.ndarray, bm25: BM25Index
    ) -> None:
        self.path = path
        self.manifest = manifest
        self._lines = passage_lines
        self.vectors = vectors
        self.bm25 = bm25
        self._passage = lru_cache(maxsize=65536)(self._load_passage)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, embedder_fingerprint: str | None = None, embedder_name: str | None = None
    ) -> Index:
        """Open ``path``; with ``embedder_fingerprint``, refuse an index built by another embedder."""
        folder = Path(path).expanduser()
        manifest = read_manifest(folder)
        if embedder_fingerprint is not None:
            built = manifest["embedder"]
            if built.get("fingerprint") != embedder_fingerprint:
                raise InvalidIndexError(
                    f"index {folder} was built with embedder {built.get('name')!r} ({built.get('fingerprint')}), "
                    f"not {embedder_name or 'the requested one'!r} ({embedder_fingerprint}); rebuild it with "
                    f"`factcheck index CORPUS -o {folder}` or use the embedder it was built with"
                )
        try:
            vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
            lines = (folder / "passages.jsonl").read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError) as exc:
            raise InvalidIndexError(f"index {folder} is damaged ({exc}); rebuild it with `factcheck index`") from exc
        if vectors.ndim != 2 or vectors.shape[0] != len(lines) or vectors.shape[1] != manifest["embedder"]["dim"]:
            raise InvalidIndexError(
                f"index {folder} is inconsistent: {len(lines)} passages but vectors of shape {vectors.shape}; rebuild it"
            )
        bm25 = BM25Index.load(folder / "bm25")
        if bm25.size != len(lines):
            raise InvalidIndexError(
                f"index {folder} is inconsistent: BM25 covers {bm25.size} of {len(lines)} passages; rebuild it"
            )
        return cls(folder, manifest, lines, vectors, bm25)

    # -- access --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._lines)

    @property
    def embedder_name(self) -> str:
        return str(self.manifest["embedder"]["name"])

    @property
    def embedder_fingerprint(self) -> str:
        return str(self.manifest["embedder"]["fingerprint"])

    def _load_passage(self, i: int) -> Passage:
        row = json.loads(self._lines[i])
        return Passage(
            row["id"], row["doc_id"], row["text"], Span(*row["span"]), row.get("title"), row.get("metadata") or {}
        )

    def passage(self, i: int) -> Passage:
        if not 0 <= i < len(self._lines):
            raise IndexError(f"passage index {i} out of range (0..{len(self._lines) - 1})")
        return self._passage(int(i))

    def passages(self) -> list[Passage]:
        return [self.passage(i) for i in range(len(self))]

    # -- search --------------------------------------------------------------------------
    def dense_search(self, query_vectors: np.ndarray, k: int, *, block: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """Exact inner-product search; arrays ``(n_queries, k)``.  Scans vectors in blocks."""
        q = np.asarray(query_vectors, dtype=np.float32)
        n = len(self)
        if n <= block:
            return top_k(q @ np.asarray(self.vectors, dtype=np.float32).T, k)
        cand_ids, cand_scores = [], []
        for start in range(0, n, block):
            part = np.asarray(self.vectors[start : start + block], dtype=np.float32)
            ids, scores = top_k(q @ part.T, k)
            cand_ids.append(np.where(ids >= 0, ids + start, -1))
            cand_scores.append(scores)
        all_ids = np.concatenate(cand_ids, axis=1)
        order, best = top_k(np.concatenate(cand_scores, axis=1), k)
        picked = np.take_along_axis(all_ids, np.maximum(order, 0), axis=1)
        return np.where(order >= 0, picked, -1), best

    def bm25_search(self, queries: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        return self.bm25.search(queries, k)


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not folder.exists():
        raise InvalidIndexError(
            f"index folder {folder} does not exist; build one with `factcheck index CORPUS -o {folder}`"
        )
    if not path.is_file():
        raise InvalidIndexError(
            f"{folder} is not a factcheck index (no {MANIFEST}); build one with `factcheck index CORPUS -o {folder}`"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidIndexError(f"cannot read {path}: {exc}; rebuild the index") from exc
    if manifest.get("format") != FORMAT_NAME:
        raise InvalidIndexError(f"{folder} is not a factcheck index (format {manifest.get('format')!r})")
    version = manifest.get("format_version")
    if version != INDEX_FORMAT_VERSION:
        raise InvalidIndexError(
            f"index {folder} has format version {version}, this factcheck reads version {INDEX_FORMAT_VERSION}; "
            f"rebuild it with `factcheck index CORPUS -o {folder}`"
        )
    return manifest


def build_index(
    documents: Sequence[Document],
    out_dir: str | os.PathLike[str],
    *,
    embedder,
    chunking: ChunkConfig = ChunkConfig(),
    corpus_info: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> Index:
    """Chunk, embed and index ``documents`` into ``out_dir`` (replaced atomically)."""
    out = Path(out_dir).expanduser()
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise InvalidIndexError(f"{out} exists and is not a factcheck index; choose an empty or new folder")
    started = time.perf_counter()
    passages = chunk_documents(documents, chunking)
    if not passages:
        raise InvalidIndexError("the corpus produced no passages; check that its documents contain text")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        texts = [embedding_text(p) for p in passages]
        vectors = embedder.encode(texts, progress=(lambda d, t: progress("embedding", d, t)) if progress else None)
        np.save(tmp / "vectors.npy", vectors.astype(np.float32), allow_pickle=False)
        bm25 = BM25Index.build([embedding_text(p) for p in passages])
        (tmp / "bm25").mkdir()
        bm25.save(tmp / "bm25")
        with (tmp / "passages.jsonl").open("w", encoding="utf-8") as handle:
            for p in passages:
                handle.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
        first: dict[str, int] = {}
        counts: dict[str, int] = {}
        for i, p in enumerate(passages):
            first.setdefault(p.doc_id, i)
            counts[p.doc_id] = counts.get(p.doc_id, 0) + 1
        with (tmp / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for d in documents:
                handle.write(
                    json.dumps(
                        {
                            "id": d.id,
                            "title": d.title,
                            "source": d.source,
                            "sha256": d.fingerprint,
                            "first_passage": first.get(d.id),
                            "passages": counts.get(d.id, 0),
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        manifest = {
            "format": FORMAT_NAME,
            "format_version": INDEX_FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "embedder": {
                "name": embedder.name,
                "fingerprint": embedder.fingerprint,
                "dim": int(vectors.shape[1]),
                "normalized": True,
                "input": "title. text",
            },
            "chunking": asdict(chunking),
            "bm25": dict(BM25_PARAMS),
            "corpus": {
                **(corpus_info or {}),
                "fingerprint": corpus_fingerprint(documents),
                "documents": len(documents),
                "passages": len(passages),
            },
            "vectors": {"file": "vectors.npy", "dtype": "float32", "shape": list(vectors.shape)},
            "build_seconds": round(time.perf_counter() - started, 2),
            "versions": _versions(),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Index.open(out)


def _swap_into_place(tmp: Path, out: Path) -> None:
    """Rename ``tmp`` to ``out``; an existing ``out`` is moved aside first and removed after."""
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        try:
            tmp.rename(out)
        except BaseException:
            old.rename(out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)
