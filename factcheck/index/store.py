"""The on-disk index: a folder with a manifest, passages, dense vectors and a BM25 index.

Layout (format version :data:`~factcheck.config.INDEX_FORMAT_VERSION`)::

    INDEX_DIR/
      manifest.json     format version, config, embedder name and weights hash, corpus fingerprint
      documents.jsonl   one line per document: id, title, source, content hash, passage range
      passages.jsonl    one line per passage: id, doc_id, title, text, span, metadata
      passages.offsets.npy  byte offset of every line (n_passages + 1), so passages load by position
      vectors.npy       (n_passages, dim) unit-length vectors, float16 (default), float32 or int8
                        (x 127), memory-mapped when opened
      bm25/             bm25s sparse index (numpy arrays and JSON; nothing is pickled)
      ann/              optional approximate-nearest-neighbour index (factcheck.index.ann)

The manifest records the embedder, the chunking (window size and stride), the corpus path, kind
and fingerprint, the vector storage and what the last incremental update reused.

The manifest also lists every file with its size and SHA-256 and carries its own checksum
(:mod:`factcheck.index.integrity`); opening an index checks them (sizes, and the hashes of small
files; ``factcheck index --verify DIR`` hashes everything), and any damage found then or later (a
garbled passage line) raises :class:`~factcheck.errors.DamagedIndexError` naming the file.

Writes go to a hidden temporary folder next to ``INDEX_DIR`` that is swapped into place at the
end (:mod:`factcheck.index.swap`), so an interrupted build or update leaves either the old index or
the new one, never a mix; every open path puts back an index a killed swap left aside, and the next
build removes what killed builds left.  Builds and updates of one folder hold its lock
(:mod:`factcheck.index.lock`): a second writer waits, then starts from what the first wrote.
Opening an index built with another format version or another embedder raises
:class:`~factcheck.errors.InvalidIndexError` saying how to rebuild; ``factcheck index CORPUS -o DIR
--update`` rebuilds an index of format 1 or 2 reusing its vectors.
"""

from __future__ import annotations

import json
import logging
import mmap
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from factcheck.config import INDEX_FORMAT_VERSION
from factcheck.errors import DamagedIndexError, InvalidIndexError, os_error
from factcheck.index.bm25 import BM25Index
from factcheck.index.integrity import damaged, verify_index
from factcheck.index.swap import recover_interrupted_swap
from factcheck.index.topk import top_k
from factcheck.types import Passage, Span

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_NAME = "factcheck-index"
Progress = Callable[[str, int, int], None]
#: Format versions whose passages and vectors an update can reuse.
REUSABLE_FORMATS = (1, 2, 3)
#: How many times an open is retried when the index was replaced while it was being opened.
_OPEN_ATTEMPTS = 3


def embedding_text(passage: Passage) -> str:
    """What the embedder reads for a passage: its document title, then its text."""
    return f"{passage.title}. {passage.text}" if passage.title else passage.text


class _PassageStore:
    """Passage lines of ``passages.jsonl`` read by position through a memory map and a line-offset table."""

    def __init__(self, data, offsets: np.ndarray) -> None:
        self._data = data
        self._offsets = offsets

    @classmethod
    def open(cls, folder: Path) -> _PassageStore:
        path = folder / "passages.jsonl"
        if path.stat().st_size == 0:
            return cls(b"", np.zeros(1, dtype=np.int64))
        with path.open("rb") as handle:
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        offsets_path = folder / "passages.offsets.npy"
        if offsets_path.is_file():
            offsets = np.load(offsets_path, mmap_mode="r", allow_pickle=False)
        else:  # format 1 had no offset table
            offsets = np.array([0, *_scan_lines(data)], dtype=np.int64)
        if int(offsets[-1]) != len(data):
            raise ValueError(f"{offsets_path.name} does not match passages.jsonl ({int(offsets[-1])} != {len(data)})")
        return cls(data, offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def line(self, i: int) -> str:
        return bytes(self._data[int(self._offsets[i]) : int(self._offsets[i + 1])]).decode("utf-8").rstrip("\n")


def _scan_lines(data) -> list[int]:
    ends, pos = [], data.find(b"\n")
    while pos != -1:
        ends.append(pos + 1)
        pos = data.find(b"\n", pos + 1)
    return ends


class Index:
    """An opened index.  Passages load lazily by position; vectors are memory-mapped.

    Dense search is exact (blocked brute force over the stored vectors) unless the index holds an
    approximate-nearest-neighbour index and its library is installed (:mod:`factcheck.index.ann`).
    """

    def __init__(
        self, path: Path, manifest: dict[str, Any], passages: _PassageStore, vectors: np.ndarray, bm25: BM25Index
    ) -> None:
        self.path = path
        self.manifest = manifest
        self._store = passages
        self.vectors = vectors
        self.bm25 = bm25
        self._passage = lru_cache(maxsize=65536)(self._load_passage)
        self.ann = None
        info = manifest.get("ann")
        if info:
            from factcheck.index.ann import load_ann

            self.ann = load_ann(path, info, vectors)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, embedder_fingerprint: str | None = None, embedder_name: str | None = None
    ) -> Index:
        """Open ``path``; with ``embedder_fingerprint``, refuse an index built by another embedder.

        The files are checked against the manifest first (see :mod:`factcheck.index.integrity`);
        an index replaced by a concurrent update while it was being opened is opened again.
        """
        folder = Path(path).expanduser()
        for attempt in range(_OPEN_ATTEMPTS):
            manifest = read_manifest(folder)
            try:
                verify_index(folder, manifest)
                _check_embedder(folder, manifest, embedder_fingerprint, embedder_name)
                return cls._open_checked(folder, manifest)
            except DamagedIndexError:
                if attempt + 1 == _OPEN_ATTEMPTS or _manifest_bytes(folder) == _manifest_bytes(folder, manifest):
                    raise
                logger.info("index %s was replaced while it was opened; opening it again", folder)
        raise AssertionError("unreachable")  # pragma: no cover

    @classmethod
    def _open_checked(cls, folder: Path, manifest: dict[str, Any]) -> Index:
        try:
            vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise damaged(folder, f"vectors.npy: {exc}") from exc
        try:
            store = _PassageStore.open(folder)
        except (OSError, ValueError) as exc:
            raise damaged(folder, f"passages.jsonl: {exc}") from exc
        n = len(store)
        if vectors.ndim != 2 or vectors.shape[0] != n or vectors.shape[1] != manifest["embedder"]["dim"]:
            raise damaged(folder, f"vectors.npy: {n} passages but vectors of shape {vectors.shape}")
        if str(vectors.dtype) != manifest.get("vectors", {}).get("dtype", "float32"):
            raise damaged(folder, f"vectors.npy: vectors are {vectors.dtype}")
        try:
            bm25 = BM25Index.load(folder / "bm25")
        except InvalidIndexError:
            raise
        except Exception as exc:  # bm25s reads numpy arrays and JSON; a damaged file fails in many ways
            raise damaged(folder, f"bm25/: {type(exc).__name__}: {exc}") from exc
        if bm25.size != n:
            raise damaged(folder, f"bm25/ covers {bm25.size} of {n} passages")
        try:
            return cls(folder, manifest, store, vectors, bm25)
        except (RuntimeError, ValueError, OSError) as exc:  # the ANN library refusing its file
            raise damaged(folder, f"ann/: {type(exc).__name__}: {exc}") from exc

    # -- access --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._store)

    @property
    def embedder_name(self) -> str:
        return str(self.manifest["embedder"]["name"])

    @property
    def embedder_fingerprint(self) -> str:
        return str(self.manifest["embedder"]["fingerprint"])

    def _load_passage(self, i: int) -> Passage:
        try:
            row = json.loads(self._store.line(i))
            return Passage(
                row["id"], row["doc_id"], row["text"], Span(*row["span"]), row.get("title"), row.get("metadata") or {}
            )
        except (ValueError, KeyError, TypeError, IndexError) as exc:  # not JSON, not UTF-8, a field missing
            raise damaged(self.path, f"passages.jsonl line {i + 1}: {type(exc).__name__}") from exc

    def passage(self, i: int) -> Passage:
        if not 0 <= i < len(self):
            raise IndexError(f"passage index {i} out of range (0..{len(self) - 1})")
        return self._passage(int(i))

    def passages(self) -> list[Passage]:
        return [self.passage(i) for i in range(len(self))]

    # -- search --------------------------------------------------------------------------
    def dense_search(
        self, query_vectors: np.ndarray, k: int, *, exact: bool = False, block: int = 65536
    ) -> tuple[np.ndarray, np.ndarray]:
        """Inner-product search, arrays ``(n_queries, k)``: approximate through the ANN index when
        the index has one (and ``exact`` is false), else exact over the vectors in blocks."""
        q = np.asarray(query_vectors, dtype=np.float32)
        if self.ann is not None and not exact:
            return self.ann.search(q, min(k, len(self)))
        return exact_search(self.vectors, q, k, block=block)

    def bm25_search(self, queries: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        try:
            return self.bm25.search(queries, k)
        except (IndexError, ValueError) as exc:  # arrays whose content (not size) was damaged
            raise damaged(
                self.path, f"bm25/: {type(exc).__name__}; `factcheck index --verify {self.path}` names the file"
            ) from exc


def exact_search(vectors: np.ndarray, q: np.ndarray, k: int, *, block: int = 65536) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-``k`` inner products of ``q`` against stored ``vectors`` (any storage dtype), in blocks."""
    n = len(vectors)
    if n <= block:
        return top_k(q @ dequantise(vectors).T, k)
    cand_ids, cand_scores = [], []
    for start in range(0, n, block):
        part = dequantise(vectors[start : start + block])
        ids, scores = top_k(q @ part.T, k)
        cand_ids.append(np.where(ids >= 0, ids + start, -1))
        cand_scores.append(scores)
    all_ids = np.concatenate(cand_ids, axis=1)
    order, best = top_k(np.concatenate(cand_scores, axis=1), k)
    picked = np.take_along_axis(all_ids, np.maximum(order, 0), axis=1)
    return np.where(order >= 0, picked, -1), best


def _check_embedder(folder: Path, manifest: dict[str, Any], fingerprint: str | None, name: str | None) -> None:
    if fingerprint is None:
        return
    built = manifest["embedder"]
    if built.get("fingerprint") != fingerprint:
        raise InvalidIndexError(
            f"index {folder} was built with embedder {built.get('name')!r} ({built.get('fingerprint')}), "
            f"not {name or 'the requested one'!r} ({fingerprint}); rebuild it with "
            f"`factcheck index CORPUS -o {folder}` or use the embedder it was built with"
        )


def _manifest_bytes(folder: Path, manifest: dict[str, Any] | None = None) -> str | None:
    """The checksum of the manifest at ``folder`` now (or of ``manifest``), to notice a swap."""
    if manifest is not None:
        return manifest.get("checksum")
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("checksum")
    except (OSError, ValueError, AttributeError):
        return None


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of the index at ``folder`` (after putting back an index a killed swap left
    aside); refuses a folder that is not an index, or of another format version."""
    path = folder / MANIFEST
    recover_interrupted_swap(folder)
    if folder.exists() and not folder.is_dir():
        raise InvalidIndexError(
            f"index path {folder} is a file, not an index folder; give the folder `factcheck index` wrote"
        )
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
    except UnicodeDecodeError as exc:
        raise damaged(folder, f"{MANIFEST} is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise damaged(folder, f"{MANIFEST} is not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    except OSError as exc:
        raise os_error(exc, path, action="reading", kind=InvalidIndexError) from exc
    if not isinstance(manifest, dict):
        raise damaged(folder, f"{MANIFEST} is not a JSON object")
    if manifest.get("format") != FORMAT_NAME:
        raise InvalidIndexError(f"{folder} is not a factcheck index (format {manifest.get('format')!r})")
    version = manifest.get("format_version")
    if version != INDEX_FORMAT_VERSION:
        raise InvalidIndexError(
            f"index {folder} has format version {version}, this factcheck reads version {INDEX_FORMAT_VERSION}; "
            f"rebuild it with `factcheck index CORPUS -o {folder}`"
            + (" --update (reuses its vectors)" if version in REUSABLE_FORMATS else "")
        )
    return manifest


VectorDtype = Literal["float32", "float16", "int8"]
VECTOR_DTYPES = ("float32", "float16", "int8")
#: int8 vectors hold ``round(x * INT8_SCALE)`` of unit-length float vectors (components in [-1, 1]).
INT8_SCALE = 127.0


def quantise(vectors: np.ndarray, dtype: str) -> np.ndarray:
    """Unit-length float vectors in the storage ``dtype`` (see :data:`INT8_SCALE`)."""
    if dtype == "int8":
        return np.clip(np.rint(np.asarray(vectors, dtype=np.float32) * INT8_SCALE), -127, 127).astype(np.int8)
    return np.asarray(vectors, dtype=dtype)


def dequantise(vectors: np.ndarray) -> np.ndarray:
    """Stored vectors back as float32 (int8 divided by :data:`INT8_SCALE`)."""
    if vectors.dtype == np.int8:
        return vectors.astype(np.float32) / INT8_SCALE
    return np.asarray(vectors, dtype=np.float32)
