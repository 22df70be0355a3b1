"""Labelled claim sets.

The project's own format is JSONL (or CSV with the same columns): ``id``, ``claim``, ``label``,
optional ``evidence`` (corpus document ids, a list in JSONL, ``;``-separated in CSV) and optional
``evidence_text`` (a string or a list of strings).

Labels map onto SUPPORTED / REFUTED / NOT_ENOUGH_INFO by :data:`LABEL_MAP` (case-insensitive);
DISPUTED / CONFLICTING claims are left out by default and counted.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import DataError, InputError
from factcheck.jsonl import iter_records
from factcheck.text import decode_bytes

#: Every label spelling accepted, and what it means.
LABEL_MAP: dict[str, str | None] = {
    "supported": "SUPPORTED",
    "supports": "SUPPORTED",
    "support": "SUPPORTED",
    "true": "SUPPORTED",
    "entailment": "SUPPORTED",
    "entails": "SUPPORTED",
    "refuted": "REFUTED",
    "refutes": "REFUTED",
    "refute": "REFUTED",
    "contradict": "REFUTED",
    "contradiction": "REFUTED",
    "false": "REFUTED",
    "not_enough_info": "NOT_ENOUGH_INFO",
    "not enough info": "NOT_ENOUGH_INFO",
    "nei": "NOT_ENOUGH_INFO",
    "neutral": "NOT_ENOUGH_INFO",
    "not enough evidence": "NOT_ENOUGH_INFO",
    "nee": "NOT_ENOUGH_INFO",
    "disputed": None,
    "conflicting": None,
    "conflicting evidence/cherrypicking": None,
}


@dataclass(frozen=True, slots=True)
class LabelledClaim:
    id: str
    claim: str
    label: str  # SUPPORTED / REFUTED / NOT_ENOUGH_INFO
    evidence_ids: tuple[str, ...] = ()
    evidence_text: tuple[str, ...] = ()


@dataclass(slots=True)
class ClaimSet:
    claims: list[LabelledClaim]
    excluded: Counter[str] = field(default_factory=Counter)  # label -> count left out
    name: str = ""


def map_label(raw: object, *, where: str) -> str | None:
    key = str(raw).strip().lower().replace("-", " ").replace("_", " ")
    for candidate in (key, key.replace(" ", "_")):
        if candidate in LABEL_MAP:
            return LABEL_MAP[candidate]
    accepted = ", ".join(sorted({k.upper() for k in LABEL_MAP}))
    raise DataError(f"{where}: unknown label {raw!r}; accepted labels: {accepted}")


def _as_tuple(value: object, *, split: str | None = None) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if str(v).strip())
    text = str(value)
    if split:
        return tuple(p.strip() for p in text.split(split) if p.strip())
    return (text,)


def _row_to_claim(row: dict, where: str, *, split: str | None) -> tuple[LabelledClaim | None, str | None]:
    missing = [k for k in ("id", "claim", "label") if row.get(k) in (None, "")]
    if missing:
        raise DataError(f"{where}: missing field(s) {', '.join(missing)}; each claim needs id, claim and label")
    label = map_label(row["label"], where=where)
    if label is None:
        return None, str(row["label"]).upper()
    return LabelledClaim(
        str(row["id"]),
        str(row["claim"]),
        label,
        _as_tuple(row.get("evidence"), split=split),
        _as_tuple(row.get("evidence_text"), split=None),
    ), None


def read_claims(path: str | os.PathLike[str], *, fmt: str = "auto") -> ClaimSet:
    """Read the project's own JSONL or CSV claim format."""
    p = Path(path).expanduser()
    if not p.is_file():
        raise InputError(f"claim file {p} does not exist")
    text = decode_bytes(p.read_bytes(), name=str(p))
    kind = fmt if fmt != "auto" else ("csv" if p.suffix.lower() in {".csv", ".tsv"} else "jsonl")
    result = ClaimSet([], name=p.name)
    if kind == "jsonl":
        for where, row in iter_records(p):
            claim, excluded = _row_to_claim(row, where, split=None)
            _add(result, claim, excluded)
    elif kind == "csv":
        reader = csv.DictReader(text.splitlines(), delimiter="\t" if p.suffix.lower() == ".tsv" else ",")
        for lineno, row in enumerate(reader, 2):
            claim, excluded = _row_to_claim(row, f"{p}:{lineno}", split=";")
            _add(result, claim, excluded)
    else:
        raise DataError(f"unknown claim file format {fmt!r}; use auto, jsonl or csv")
    if not result.claims:
        raise DataError(
            f"{p} holds no usable labelled claims" + (f" ({dict(result.excluded)} excluded)" if result.excluded else "")
        )
    ids = Counter(c.id for c in result.claims)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise DataError(f"{p}: duplicate claim ids {dupes[:5]}; ids must be unique")
    return result


def _add(result: ClaimSet, claim: LabelledClaim | None, excluded: str | None) -> None:
    if claim is not None:
        result.claims.append(claim)
    elif excluded is not None:
        result.excluded[excluded] += 1
