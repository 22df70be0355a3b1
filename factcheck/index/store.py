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

Writes go to a hidden temporary folder next to ``INDEX_DIR`` that is renamed into place at the
end, so an interrupted build or update leaves either the old index or the new one, never a mix
(if the process dies between moving the old index aside and renaming the new one in, the next
build or open puts the old one back).  Opening an index built with another format version or
another embedder raises :class:`~factcheck.errors.InvalidIndexError` saying how to rebuild;
``factcheck index CORPUS -o DIR --update`` rebuilds a format-1 index reusing its vectors.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from factcheck.config import DEFAULT_ANN_THRESHOLD, DEFAULT_VECTOR_DTYPE, INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import Document, chunk_document, corpus_fingerprint
from factcheck.errors import ConfigError, CorpusError, InvalidIndexError
from factcheck.index.bm25 import BM25_PARAMS, BM25Index
from factcheck.index.topk import top_k
from factcheck.types import Passage, Span

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_NAME = "factcheck-index"
Progress = Callable[[str, int, int], None]
#: Format versions whose passages and vectors an update can reuse.
REUSABLE_FORMATS = (1, 2)


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


class _PassageWriter:
    """Writes ``passages.jsonl`` and its line-offset table ``passages.offsets.npy``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.offsets = [0]

    def __enter__(self) -> _PassageWriter:
        self.handle = (self.folder / "passages.jsonl").open("wb")
        return self

    def write_line(self, line: str) -> None:
        data = line.encode("utf-8") + b"\n"
        self.handle.write(data)
        self.offsets.append(self.offsets[-1] + len(data))

    def __exit__(self, *exc) -> None:
        self.handle.close()
        np.save(self.folder / "passages.offsets.npy", np.asarray(self.offsets, dtype=np.int64), allow_pickle=False)


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
        """Open ``path``; with ``embedder_fingerprint``, refuse an index built by another embedder."""
        folder = Path(path).expanduser()
        _recover_interrupted_swap(folder)
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
            store = _PassageStore.open(folder)
        except (OSError, ValueError) as exc:
            raise InvalidIndexError(f"index {folder} is damaged ({exc}); rebuild it with `factcheck index`") from exc
        n = len(store)
        if vectors.ndim != 2 or vectors.shape[0] != n or vectors.shape[1] != manifest["embedder"]["dim"]:
            raise InvalidIndexError(
                f"index {folder} is inconsistent: {n} passages but vectors of shape {vectors.shape}; rebuild it"
            )
        if str(vectors.dtype) != manifest.get("vectors", {}).get("dtype", "float32"):
            raise InvalidIndexError(f"index {folder} is inconsistent: vectors are {vectors.dtype}; rebuild it")
        bm25 = BM25Index.load(folder / "bm25")
        if bm25.size != n:
            raise InvalidIndexError(
                f"index {folder} is inconsistent: BM25 covers {bm25.size} of {n} passages; rebuild it"
            )
        return cls(folder, manifest, store, vectors, bm25)

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
        row = json.loads(self._store.line(i))
        return Passage(
            row["id"], row["doc_id"], row["text"], Span(*row["span"]), row.get("title"), row.get("metadata") or {}
        )

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
        return self.bm25.search(queries, k)


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


@dataclass(frozen=True, slots=True)
class UpdateStats:
    """What an incremental build did: documents kept (vectors reused), embedded anew and removed."""

    reused_documents: int = 0
    embedded_documents: int = 0
    removed_documents: int = 0
    reused_passages: int = 0
    embedded_passages: int = 0
    source: str | None = None


class _OldIndex:
    """The reusable parts of an existing index (format 1 or 2): its documents and their rows."""

    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.manifest = manifest
        self.docs: dict[str, dict[str, Any]] = {}
        with (folder / "documents.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                self.docs[row["id"]] = row
        self.vectors = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        self.passages = _PassageStore.open(folder)

    @classmethod
    def find(cls, folder: Path, *, embedder, chunking: ChunkConfig) -> _OldIndex | None:
        """The index at ``folder`` if its vectors can be reused by ``embedder`` and ``chunking``."""
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        if manifest.get("format") != FORMAT_NAME or manifest.get("format_version") not in REUSABLE_FORMATS:
            return None
        if manifest.get("embedder", {}).get("fingerprint") != embedder.fingerprint:
            raise InvalidIndexError(
                f"index {folder} was built with embedder {manifest['embedder'].get('name')!r}, not {embedder.name!r}: "
                "its vectors cannot be reused; rebuild without --update"
            )
        if manifest.get("chunking") != asdict(chunking):
            raise InvalidIndexError(
                f"index {folder} was built with chunking {manifest.get('chunking')}, not {asdict(chunking)}: "
                "its passages cannot be reused; rebuild without --update or pass the same --window/--stride"
            )
        try:
            return cls(folder, manifest)
        except (OSError, ValueError, KeyError) as exc:
            logger.warning("index %s cannot be reused (%s); embedding every document", folder, exc)
            return None


def build_index(
    documents: Sequence[Document],
    out_dir: str | os.PathLike[str],
    *,
    embedder,
    chunking: ChunkConfig = ChunkConfig(),
    corpus_info: dict[str, Any] | None = None,
    progress: Progress | None = None,
    update: bool = False,
    reuse_from: str | os.PathLike[str] | None = None,
    dtype: VectorDtype = DEFAULT_VECTOR_DTYPE,  # type: ignore[assignment]
    ann: str | None = "auto",
    ann_threshold: int = DEFAULT_ANN_THRESHOLD,
) -> Index:
    """Chunk, embed and index ``documents`` into ``out_dir`` (replaced atomically).

    With ``update``, the index already at ``out_dir`` (or at ``reuse_from``) lends the passages and
    vectors of every document whose content hash is unchanged: only new or changed documents are
    embedded, and documents no longer in ``documents`` are dropped.  The BM25 index is rebuilt
    over all passages.  ``dtype`` is the storage of the vectors; ``ann`` ("auto", a library name
    or None) adds an approximate-nearest-neighbour index when there are at least
    ``ann_threshold`` passages (see :mod:`factcheck.index.ann`).
    """
    if dtype not in VECTOR_DTYPES:
        raise ConfigError(f"vector dtype must be one of {', '.join(VECTOR_DTYPES)}, got {dtype!r}")
    out = Path(out_dir).expanduser()
    _recover_interrupted_swap(out)
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise InvalidIndexError(f"{out} exists and is not a factcheck index; choose an empty or new folder")
    started = time.perf_counter()
    source = Path(reuse_from).expanduser() if reuse_from is not None else (out if update else None)
    old = _OldIndex.find(source, embedder=embedder, chunking=chunking) if source is not None else None
    if update and old is None:
        logger.info("no reusable index at %s; embedding every document", source)
    if old is not None:
        _check_corpus_kind(old.manifest, corpus_info)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        # Plan: per document, either reuse its old rows or chunk it for embedding.
        plan: list[tuple[Document, dict[str, Any] | None, list[Passage] | None]] = []
        n_total = n_new = 0
        for i, d in enumerate(documents):
            if progress is not None and (i % 256 == 0 or i == len(documents) - 1):
                progress("chunking", i + 1, len(documents))
            prev = old.docs.get(d.id) if old is not None else None
            if prev is not None and prev.get("sha256") == d.fingerprint and prev.get("first_passage") is not None:
                plan.append((d, prev, None))
                n_total += int(prev["passages"])
            else:
                fresh = chunk_document(d, chunking)
                plan.append((d, None, fresh))
                n_total += len(fresh)
                n_new += len(fresh)
        if n_total == 0:
            raise InvalidIndexError("the corpus produced no passages; check that its documents contain text")
        dim = int(old.vectors.shape[1]) if old is not None else _embedder_dim(embedder)
        vectors = np.lib.format.open_memmap(tmp / "vectors.npy", mode="w+", dtype=np.dtype(dtype), shape=(n_total, dim))
        new_texts: list[str] = []
        new_rows: list[int] = []
        bm25_texts: list[str] = []
        doc_rows: list[dict[str, Any]] = []
        row = 0
        with _PassageWriter(tmp) as writer:
            for d, prev, fresh in plan:
                first = row
                if prev is not None:
                    assert old is not None
                    start, count = int(prev["first_passage"]), int(prev["passages"])
                    vectors[row : row + count] = quantise(dequantise(old.vectors[start : start + count]), dtype)
                    for j in range(start, start + count):
                        line = old.passages.line(j)
                        writer.write_line(line)
                        bm25_texts.append(_embedding_text_of_line(line))
                    row += count
                else:
                    assert fresh is not None
                    for p in fresh:
                        writer.write_line(json.dumps(p.to_dict(), ensure_ascii=False))
                        text = embedding_text(p)
                        bm25_texts.append(text)
                        new_texts.append(text)
                        new_rows.append(row)
                        row += 1
                doc_rows.append(
                    {
                        "id": d.id,
                        "title": d.title,
                        "source": d.source,
                        "sha256": d.fingerprint,
                        "first_passage": first if row > first else None,
                        "passages": row - first,
                    }
                )
        if new_texts:
            if progress is not None:
                progress("embedding", 0, len(new_texts))
            rows = np.asarray(new_rows, dtype=np.int64)
            done = 0
            for positions, part in _encode_stream(embedder, new_texts):
                if part.shape != (len(positions), dim):
                    raise InvalidIndexError(f"embedder {embedder.name!r} returned vectors of shape {part.shape}")
                # new rows are scattered between reused ones: assign by position, not as a slice
                vectors[rows[positions]] = quantise(part, dtype)
                done += len(positions)
                if progress is not None:
                    progress("embedding", done, len(new_texts))
            if done != len(new_texts):
                raise InvalidIndexError(
                    f"embedder {embedder.name!r} returned {done} vectors for {len(new_texts)} passages"
                )
        vectors.flush()
        del vectors
        if progress is not None:
            progress("building BM25", 0, 1)
        bm25 = BM25Index.build(bm25_texts)
        if progress is not None:
            progress("building BM25", 1, 1)
        del bm25_texts
        (tmp / "bm25").mkdir()
        bm25.save(tmp / "bm25")
        del bm25
        with (tmp / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for doc_row in doc_rows:
                handle.write(json.dumps(doc_row, ensure_ascii=False) + "\n")
        ann_info = None
        if ann is not None and n_total >= ann_threshold:
            from factcheck.index.ann import build_ann

            ann_info = build_ann(tmp, np.load(tmp / "vectors.npy", mmap_mode="r"), library=ann)
        stats = UpdateStats(
            reused_documents=sum(1 for _, prev, _ in plan if prev is not None),
            embedded_documents=sum(1 for _, prev, fresh in plan if prev is None and fresh),
            removed_documents=len(set(old.docs) - {d.id for d in documents}) if old is not None else 0,
            reused_passages=n_total - n_new,
            embedded_passages=n_new,
            source=str(source) if old is not None else None,
        )
        manifest = {
            "format": FORMAT_NAME,
            "format_version": INDEX_FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "embedder": {
                "name": embedder.name,
                "fingerprint": embedder.fingerprint,
                "dim": dim,
                "normalized": True,
                "input": "title. text",
            },
            "chunking": asdict(chunking),
            "bm25": dict(BM25_PARAMS),
            "corpus": {
                **(corpus_info or {}),
                "fingerprint": corpus_fingerprint(documents),
                "documents": len(documents),
                "passages": n_total,
            },
            "vectors": {
                "file": "vectors.npy",
                "dtype": dtype,
                "shape": [n_total, dim],
                **({"scale": INT8_SCALE} if dtype == "int8" else {}),
            },
            "ann": ann_info,
            "update": asdict(stats),
            "build_seconds": round(time.perf_counter() - started, 2),
            "versions": _versions(),
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        old = None  # release the memory maps of the old index before it is replaced
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Index.open(out)


def _encode_stream(embedder, texts: list[str], step: int = 1024):
    """``(positions, vectors)`` covering ``texts``: the embedder's own ``encode_stream`` when it has
    one (the Ray engine, :mod:`factcheck.batch.ray_embed`), else ``encode`` over consecutive steps."""
    stream = getattr(embedder, "encode_stream", None)
    if stream is not None:
        yield from stream(texts)
        return
    for start in range(0, len(texts), step):
        chunk = texts[start : start + step]
        yield np.arange(start, start + len(chunk)), embedder.encode(chunk)


def _embedder_dim(embedder) -> int:
    dim = getattr(embedder, "dim", None)
    if isinstance(dim, int):
        return dim
    return int(embedder.encode(["dimension probe"]).shape[1])


def _embedding_text_of_line(line: str) -> str:
    row = json.loads(line)
    return f"{row['title']}. {row['text']}" if row.get("title") else row["text"]


def _check_corpus_kind(manifest: dict[str, Any], corpus_info: dict[str, Any] | None) -> None:
    """Refuse an update from a corpus of another kind (a folder that became a JSONL file, say)."""
    before = manifest.get("corpus", {}).get("kind")
    now = (corpus_info or {}).get("kind")
    if before and now and before != now:
        raise CorpusError(
            f"the index was built from a {before} corpus ({manifest['corpus'].get('path')}) and this corpus is a "
            f"{now}: document ids would not match; rebuild without --update"
        )


def _recover_interrupted_swap(out: Path) -> None:
    """If a swap was interrupted after the old index was moved aside, put the old index back."""
    if out.exists() or not out.parent.is_dir():
        return
    aside = sorted(out.parent.glob(f".{out.name}.old-*"))
    complete = [p for p in aside if (p / MANIFEST).is_file()]
    if complete:
        complete[-1].rename(out)
        logger.warning("restored index %s after an interrupted update", out)


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
