"""Indexes built from ``--corpus`` are cached by content, so an unchanged corpus is never re-embedded.

When the corpus at a path changes, the new cache entry is built incrementally from the previous
entry of the same path (same embedder and chunking): only new or changed documents are embedded,
and the superseded entry is removed (an entry of an older index format is kept: an older factcheck
may still use it).

The cache key combines the corpus fingerprint (ids, titles and texts of every document), the
embedder's weights hash, the chunking settings and the index format version; the folder lives under
``$FACTCHECK_HOME/indexes/`` (default ``~/.cache/factcheck/indexes/``).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from factcheck.config import INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import corpus_fingerprint, detect_format, read_corpus
from factcheck.errors import InvalidIndexError
from factcheck.index.build import build_index
from factcheck.index.lock import index_lock
from factcheck.index.store import REUSABLE_FORMATS, Index, Progress
from factcheck.models import cache_home
from factcheck.text import text_fingerprint

logger = logging.getLogger(__name__)


def cache_key(fingerprint: str, embedder_fingerprint: str, chunking: ChunkConfig) -> str:
    settings = json.dumps({"chunking": asdict(chunking), "format": INDEX_FORMAT_VERSION}, sort_keys=True)
    return text_fingerprint(fingerprint, embedder_fingerprint, settings)[:20]


def index_for_corpus(
    corpus: str | os.PathLike[str],
    *,
    embedder,
    chunking: ChunkConfig = ChunkConfig(),
    cache_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> Index:
    """Open the cached index of ``corpus`` or build it.  Reads the corpus, never re-embeds it if unchanged."""
    if progress is not None:
        progress("reading corpus", 0, 1)
    read = read_corpus(corpus)
    if progress is not None:
        progress("reading corpus", 1, 1)
    fingerprint = corpus_fingerprint(read.documents)
    key = cache_key(fingerprint, embedder.fingerprint, chunking)
    root = Path(cache_dir).expanduser() if cache_dir else cache_home() / "indexes"
    folder = root / key
    with index_lock(folder):  # two checks of one new corpus: the second waits, then reuses the first's build
        return _open_or_build(corpus, read, folder, root, embedder=embedder, chunking=chunking, progress=progress)


def _open_or_build(corpus, read, folder: Path, root: Path, *, embedder, chunking: ChunkConfig, progress) -> Index:
    """The index in cache entry ``folder``, built first (from the previous entry of the same
    corpus path, when there is one) if it is missing or unusable; the caller holds its lock."""
    if (folder / "manifest.json").is_file():
        try:
            index = Index.open(folder, embedder_fingerprint=embedder.fingerprint, embedder_name=embedder.name)
            logger.info("reusing cached index %s for %s", folder, corpus)
            return index
        except InvalidIndexError as exc:
            logger.warning("cached index %s is unusable (%s); rebuilding", folder, exc)
    info = corpus_info(corpus, read)
    previous = _previous_build(root, info["path"], embedder.fingerprint, chunking, exclude=folder)
    logger.info(
        "building index of %d documents from %s into %s%s",
        len(read.documents),
        corpus,
        folder,
        f" (reusing the vectors of unchanged documents from {previous})" if previous else "",
    )
    index = build_index(
        read.documents,
        folder,
        embedder=embedder,
        chunking=chunking,
        corpus_info=info,
        progress=progress,
        update=previous is not None,
        reuse_from=previous,
    )
    if previous is not None and _format_version(previous) == INDEX_FORMAT_VERSION:
        # superseded by the new entry; an entry of an older format may still serve an older factcheck
        shutil.rmtree(previous, ignore_errors=True)
    return index


def corpus_info(corpus: str | os.PathLike[str], read) -> dict:
    """What the manifest records about a corpus: its resolved path, kind and skipped-file counts."""
    path = Path(corpus).expanduser().resolve()
    return {"path": str(path), "kind": detect_format(path), "warnings": dict(read.warnings)}


def _format_version(folder: Path) -> object:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("format_version")
    except (OSError, json.JSONDecodeError):
        return None


def _previous_build(root: Path, path: str, embedder_fingerprint: str, chunking: ChunkConfig, *, exclude: Path):
    """A cached index of the same corpus path, embedder and chunking (an older version of the corpus)."""
    if not root.is_dir():
        return None
    found = []
    for manifest_path in root.glob("*/manifest.json"):
        if manifest_path.parent == exclude:
            continue
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if (
            manifest.get("corpus", {}).get("path") == path
            and manifest.get("embedder", {}).get("fingerprint") == embedder_fingerprint
            and manifest.get("chunking") == asdict(chunking)
            and manifest.get("format_version") in REUSABLE_FORMATS
        ):
            found.append((manifest.get("created", ""), manifest_path.parent))
    return max(found)[1] if found else None
