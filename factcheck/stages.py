"""The interfaces of the swappable stages, as :class:`typing.Protocol` classes.

Any object with these methods can replace the shipped implementation
(:class:`factcheck.embed.Embedder`, :class:`factcheck.nli.NLIScorer`,
:class:`factcheck.retrieve.Retriever`): the pipeline and the verifier depend on these
interfaces only, never on a concrete class.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from factcheck.types import Passage


@runtime_checkable
class TextEncoder(Protocol):
    """Sentence embeddings: unit-norm rows, one per text."""

    @property
    def name(self) -> str: ...

    @property
    def fingerprint(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class PairScorer(Protocol):
    """NLI: ``(premises, hypotheses) -> (n, 3)`` probabilities of entailment, neutral, contradiction."""

    @property
    def name(self) -> str: ...

    @property
    def fingerprint(self) -> str: ...

    def __call__(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray: ...


@runtime_checkable
class PassageRetriever(Protocol):
    """Ranked passages for claim texts: ``(passage, score)`` lists, best first."""

    mode: str

    def __call__(self, queries: Sequence[str], k: int): ...

    def passages(self, results, i: int) -> list[tuple[Passage, float]]: ...
