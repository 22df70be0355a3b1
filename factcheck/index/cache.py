"""Indexes built from ``--corpus`` are cached by content, so an unchanged corpus is never re-embedded.

The cache key combines the corpus fingerprint (ids, titles and texts of every document), the
embedder's weights hash, the chunking settings and the index format version; the folder lives under
``$FACTCHECK_HOME/indexes/`` (default ``~/.cache/factcheck/indexes/``).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path

from factcheck.config import INDEX_FORMAT_VERSION, ChunkConfig
from factcheck.corpus import corpus_fingerprint, read_corpus
from factcheck.errors import InvalidIndexError
from factcheck.index.store import Index, Progress, build_index
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
    read = read_corpus(corpus)
    fingerprint = corpus_fingerprint(read.documents)
    key = cache_key(fingerprint, embedder.fingerprint, chunking)
    root = Path(cache_dir).expanduser() if cache_dir else cache_home() / "indexes"
    folder = root / key
    if (folder / "manifest.json").is_file():
        try:
            index = Index.open(folder, embedder_fingerprint=embedder.fingerprint, embedder_name=embedder.name)
            logger.info("reusing cached index %s for %s", folder, corpus)
            return index
        except InvalidIndexError as exc:
            logger.warning("cached index %s is unusable (%s); rebuilding", folder, exc)
    info = {"path": str(Path(corpus).expanduser().resolve()), "warnings": dict(read.warnings)}
    logger.info("building index of %d documents from %s into %s", len(read.documents), corpus, folder)
    return build_index(
        read.documents, folder, embedder=embedder, chunking=chunking, corpus_info=info, progress=progress
    )
