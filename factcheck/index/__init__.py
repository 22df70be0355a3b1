"""On-disk passage index: dense vectors plus BM25, versioned manifest, atomic writes."""

from factcheck.index.build import build_index
from factcheck.index.cache import index_for_corpus
from factcheck.index.store import Index, read_manifest

__all__ = ["Index", "build_index", "index_for_corpus", "read_manifest"]
