"""factcheck: verify the factual claims of news articles against a reference corpus.

>>> from factcheck import FactChecker
>>> checker = FactChecker.from_corpus("data/sample/corpus")        # doctest: +SKIP
>>> report = checker.check(open("data/sample/article.txt").read())  # doctest: +SKIP
>>> report.to_pandas()                                             # doctest: +SKIP

Importing the package is light: the stages that need torch, transformers or spaCy load them
when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it.  Resolved on first access (PEP 562) so that
# ``import factcheck`` does not import torch, spaCy or sentence-transformers.
_EXPORTS = {
    "Article": "factcheck.types",
    "Block": "factcheck.types",
    "Claim": "factcheck.types",
    "Evidence": "factcheck.types",
    "Label": "factcheck.types",
    "NLIScores": "factcheck.types",
    "Passage": "factcheck.types",
    "Quantity": "factcheck.types",
    "QuantityCheck": "factcheck.types",
    "Report": "factcheck.types",
    "Span": "factcheck.types",
    "Verdict": "factcheck.types",
    "FactCheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "DataError": "factcheck.errors",
    "CorpusError": "factcheck.errors",
    "InvalidIndexError": "factcheck.errors",
    "ModelError": "factcheck.errors",
    "ConfigError": "factcheck.errors",
    "DamagedIndexError": "factcheck.errors",
    "IndexBusyError": "factcheck.errors",
    "OutputError": "factcheck.errors",
    "ChunkConfig": "factcheck.config",
    "VerifyConfig": "factcheck.config",
    "FactChecker": "factcheck.pipeline",
    "ClaimDetector": "factcheck.claims",
    "extract_claims": "factcheck.claims",
    "parse_article": "factcheck.text",
    "normalise": "factcheck.text",
    "parse_quantities": "factcheck.quantities",
    "Document": "factcheck.corpus",
    "read_corpus": "factcheck.corpus",
    "Index": "factcheck.index",
    "build_index": "factcheck.index",
    "Embedder": "factcheck.embed",
    "NLIScorer": "factcheck.nli",
    "NLI_LABELS": "factcheck.nli",
    "Retriever": "factcheck.retrieve",
    "Verifier": "factcheck.verify",
}

__all__ = [
    "NLI_LABELS",
    "Article",
    "Block",
    "ChunkConfig",
    "Claim",
    "ClaimDetector",
    "ConfigError",
    "CorpusError",
    "DamagedIndexError",
    "DataError",
    "Document",
    "Embedder",
    "Evidence",
    "FactCheckError",
    "FactChecker",
    "Index",
    "IndexBusyError",
    "InputError",
    "InvalidIndexError",
    "Label",
    "ModelError",
    "NLIScorer",
    "NLIScores",
    "OutputError",
    "Passage",
    "Quantity",
    "QuantityCheck",
    "Report",
    "Retriever",
    "Span",
    "Verdict",
    "Verifier",
    "VerifyConfig",
    "__version__",
    "build_index",
    "extract_claims",
    "normalise",
    "parse_article",
    "parse_quantities",
    "read_corpus",
]

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.claims import ClaimDetector, extract_claims
    from factcheck.config import ChunkConfig, VerifyConfig
    from factcheck.corpus import Document, read_corpus
    from factcheck.embed import Embedder
    from factcheck.errors import (
        ConfigError,
        CorpusError,
        DamagedIndexError,
        DataError,
        FactCheckError,
        IndexBusyError,
        InputError,
        InvalidIndexError,
        ModelError,
        OutputError,
    )
    from factcheck.index import Index, build_index
    from factcheck.nli import NLI_LABELS, NLIScorer
    from factcheck.pipeline import FactChecker
    from factcheck.quantities import parse_quantities
    from factcheck.retrieve import Retriever
    from factcheck.text import normalise, parse_article
    from factcheck.types import (
        Article,
        Block,
        Claim,
        Evidence,
        Label,
        NLIScores,
        Passage,
        Quantity,
        QuantityCheck,
        Report,
        Span,
        Verdict,
    )
    from factcheck.verify import Verifier


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
