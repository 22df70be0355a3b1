"""The pair every source reader returns, and helpers the readers share."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import DataError

#: Label order of every NLI head the project trains (the ``cross-encoder/nli-*`` order).
NLI_LABELS_TRAIN: tuple[str, str, str] = ("contradiction", "entailment", "neutral")


@dataclass(frozen=True, slots=True)
class NLIPair:
    """One labelled ``(premise, hypothesis)`` example: in factcheck, ``(evidence, claim)``.

    ``key`` is what the fixed split hashes (:func:`factcheck.splits.quarter`): items with the same
    key (the contrastive twins of one claim, the hypotheses of one premise, the claims of one
    Wikipedia page) always fall in the same quarter.  ``binary`` marks a pair from a two-way set
    (entailment vs not), whose ``neutral`` means "not entailed".
    """

    premise: str
    hypothesis: str
    label: str  # one of NLI_LABELS_TRAIN
    source: str = ""
    key: str = ""
    binary: bool = False


def need(path: Path) -> Path:
    if not path.exists():
        raise DataError(f"data file not found: {path} (is ../shared/data complete?)")
    return path


def jsonl(path: Path) -> Iterator[dict]:
    """The records of a JSON Lines file (blank lines skipped)."""
    with need(path).open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None


def excluded_claims(folder: Path) -> set[str]:
    """Claims listed by the folder's ``EXCLUDE_*.tsv`` files (column ``claim``): never used."""
    out: set[str] = set()
    for path in sorted(folder.glob("EXCLUDE_*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                claim = (row.get("claim") or "").strip()
                if claim:
                    out.add(claim)
    return out


def window_text(sentences: list[str], idx: list[int]) -> str:
    """The sentences at ``idx`` (sorted, deduplicated, in range) joined into one premise."""
    keep = sorted({i for i in idx if 0 <= i < len(sentences)})
    return " ".join(sentences[i].strip() for i in keep if sentences[i].strip())
