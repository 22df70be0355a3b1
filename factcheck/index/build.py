"""Building and updating an index folder (the layout is described in :mod:`factcheck.index.store`).

:func:`build_index` chunks and embeds the documents into a temporary folder beside the index,
reusing the passages and vectors of unchanged documents when updating, seals the manifest with the
checksum of every file (:mod:`factcheck.index.integrity`) and swaps the folder into place
(:mod:`factcheck.index.swap`), all under the folder's lock (:mod:`factcheck.index.lock`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.config import DEFAULT_ANN_THRESHOLD, DEFAULT_VECTOR_DTYPE, INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import Document, chunk_document, corpus_fingerprint
from factcheck.errors import ConfigError, CorpusError, DamagedIndexError, InvalidIndexError, os_error
from factcheck.index.bm25 import BM25_PARAMS, BM25Index
from factcheck.index.integrity import seal, verify_index
from factcheck.index.lock import index_lock
from factcheck.index.store import (
    FORMAT_NAME,
    INT8_SCALE,
    MANIFEST,
    REUSABLE_FORMATS,
    VECTOR_DTYPES,
    Index,
    Progress,
    VectorDtype,
    _PassageStore,
    dequantise,
    embedding_text,
    quantise,
)
from factcheck.index.swap import remove_leftovers, swap_into_place, temporary_folder
from factcheck.types import Passage

logger = logging.getLogger(__name__)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("factcheck", "sentence-transformers", "transformers", "torch", "bm25s", "numpy"):
        with contextlib.suppress(PackageNotFoundError):
            out[pkg] = version(pkg)
    return out


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
    """The reusable parts of an existing index (format 1, 2 or 3): its documents and their rows."""

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
        except (OSError, ValueError):
            return None
        if not isinstance(manifest, dict):
            return None
        if manifest.get("format") != FORMAT_NAME or manifest.get("format_version") not in REUSABLE_FORMATS:
            return None
        if manifest.get("format_version", 0) >= 3:  # reuse only what matches its checksums, every byte
            try:
                verify_index(folder, manifest, full=True)
            except DamagedIndexError as exc:
                logger.warning("%s; its vectors are not reused: embedding every document", exc)
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

    The whole build holds the folder's lock (:mod:`factcheck.index.lock`); it starts by removing
    the folders killed builds of ``out_dir`` left behind.
    """
    if dtype not in VECTOR_DTYPES:
        raise ConfigError(f"vector dtype must be one of {', '.join(VECTOR_DTYPES)}, got {dtype!r}")
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise InvalidIndexError(f"index path {out} is a file; give a folder for the index")
    try:
        with index_lock(out):
            remove_leftovers(out)
            _build_locked(
                documents, out, embedder=embedder, chunking=chunking, corpus_info=corpus_info, progress=progress,
                source=Path(reuse_from).expanduser() if reuse_from is not None else (out if update else None),
                dtype=dtype, ann=ann, ann_threshold=ann_threshold,
            )  # fmt: skip
    except OSError as exc:
        raise os_error(exc, out, action="writing the index", kind=InvalidIndexError) from exc
    return Index.open(out)


@dataclass(slots=True)
class _Plan:
    """Per document: its old rows to reuse (``prev``) or its fresh passages to embed."""

    rows: list[tuple[Document, dict[str, Any] | None, list[Passage] | None]]
    total: int  # passages of the new index
    new: int  # passages to embed


def _plan(
    documents: Sequence[Document], old: _OldIndex | None, chunking: ChunkConfig, progress: Progress | None = None
) -> _Plan:
    plan = _Plan([], 0, 0)
    for i, d in enumerate(documents):
        if progress is not None and (i % 256 == 0 or i == len(documents) - 1):
            progress("chunking", i + 1, len(documents))
        prev = old.docs.get(d.id) if old is not None else None
        if prev is not None and prev.get("sha256") == d.fingerprint and prev.get("first_passage") is not None:
            plan.rows.append((d, prev, None))
            plan.total += int(prev["passages"])
        else:
            fresh = chunk_document(d, chunking)
            plan.rows.append((d, None, fresh))
            plan.total += len(fresh)
            plan.new += len(fresh)
    return plan


def _build_locked(
    documents: Sequence[Document],
    out: Path,
    *,
    embedder,
    chunking: ChunkConfig,
    corpus_info: dict[str, Any] | None,
    progress: Progress | None,
    source: Path | None,
    dtype: str,
    ann: str | None,
    ann_threshold: int,
) -> None:
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise InvalidIndexError(f"{out} exists and is not a factcheck index; choose an empty or new folder")
    started = time.perf_counter()
    old = _OldIndex.find(source, embedder=embedder, chunking=chunking) if source is not None else None
    if source is not None and old is None:
        logger.info("no reusable index at %s; embedding every document", source)
    if old is not None:
        _check_corpus_kind(old.manifest, corpus_info)
    plan = _plan(documents, old, chunking, progress)
    if plan.total == 0:
        raise InvalidIndexError("the corpus produced no passages; check that its documents contain text")
    tmp = temporary_folder(out)
    try:
        dim = int(old.vectors.shape[1]) if old is not None else _embedder_dim(embedder)
        doc_rows, bm25_texts, new_texts, new_rows = _write_passages(tmp, plan, old, dtype, dim)
        _embed_into(tmp / "vectors.npy", embedder, new_texts, new_rows, dtype, dim, progress)
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
        if ann is not None and plan.total >= ann_threshold:
            from factcheck.index.ann import build_ann

            ann_info = build_ann(tmp, np.load(tmp / "vectors.npy", mmap_mode="r"), library=ann)
        stats = UpdateStats(
            reused_documents=sum(1 for _, prev, _ in plan.rows if prev is not None),
            embedded_documents=sum(1 for _, prev, fresh in plan.rows if prev is None and fresh),
            removed_documents=len(set(old.docs) - {d.id for d in documents}) if old is not None else 0,
            reused_passages=plan.total - plan.new,
            embedded_passages=plan.new,
            source=str(source) if old is not None else None,
        )
        manifest = _manifest(documents, embedder, chunking, corpus_info, plan.total, dim, dtype, ann_info, stats)
        manifest["build_seconds"] = round(time.perf_counter() - started, 2)
        _write_manifest(tmp, seal(manifest, tmp))
        old = None  # release the memory maps of the old index before it is replaced
        swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_passages(tmp: Path, plan: _Plan, old: _OldIndex | None, dtype: str, dim: int):
    """Write passages (reused lines copied, fresh ones serialised) and the reused vectors; returns
    the document rows, the BM25 texts of every passage, and the texts and rows still to embed."""
    vectors = np.lib.format.open_memmap(tmp / "vectors.npy", mode="w+", dtype=np.dtype(dtype), shape=(plan.total, dim))
    new_texts: list[str] = []
    new_rows: list[int] = []
    bm25_texts: list[str] = []
    doc_rows: list[dict[str, Any]] = []
    row = 0
    with _PassageWriter(tmp) as writer:
        for d, prev, fresh in plan.rows:
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
    vectors.flush()
    del vectors
    return doc_rows, bm25_texts, new_texts, new_rows


def _embed_into(
    path: Path, embedder, texts: list[str], rows: list[int], dtype: str, dim: int, progress: Progress | None
) -> None:
    if not texts:
        return
    vectors = np.load(path, mmap_mode="r+", allow_pickle=False)
    targets = np.asarray(rows, dtype=np.int64)
    done = 0
    if progress is not None:
        progress("embedding", 0, len(texts))
    for positions, part in _encode_stream(embedder, texts):
        if part.shape != (len(positions), dim):
            raise InvalidIndexError(f"embedder {embedder.name!r} returned vectors of shape {part.shape}")
        if not np.isfinite(part).all():
            raise InvalidIndexError(f"embedder {embedder.name!r} returned vectors that are not finite (NaN or inf)")
        # new rows are scattered between reused ones: assign by position, not as a slice
        vectors[targets[positions]] = quantise(part, dtype)
        done += len(positions)
        if progress is not None:
            progress("embedding", done, len(texts))
    if done != len(texts):
        raise InvalidIndexError(f"embedder {embedder.name!r} returned {done} vectors for {len(texts)} passages")
    vectors.flush()
    del vectors


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


def _manifest(documents, embedder, chunking, corpus_info, n_total, dim, dtype, ann_info, stats) -> dict[str, Any]:
    return {
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
        "versions": _versions(),
    }


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest last, flushed to disk with every file it lists."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())
    path = folder / MANIFEST
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(manifest, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


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
