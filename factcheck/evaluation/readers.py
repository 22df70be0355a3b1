"""Labelled claim sets: the project's own format and adapters for the common public sets.

Every reader returns a :class:`ClaimSet` of :class:`LabelledClaim` with labels mapped onto
SUPPORTED / REFUTED / NOT_ENOUGH_INFO by one table, :data:`LABEL_MAP`:

======================================================  =================
label as written in the data (case-insensitive)          mapped to
======================================================  =================
SUPPORTED, SUPPORTS, SUPPORT, Supports, entailment, true SUPPORTED
REFUTED, REFUTES, REFUTE, CONTRADICT, contradiction,     REFUTED
false, Refutes
NOT_ENOUGH_INFO, NOT ENOUGH INFO, NEI, Neutral,          NOT_ENOUGH_INFO
Not Enough Evidence, {} (SciFact: no evidence)
DISPUTED, Conflicting Evidence/Cherrypicking             left out, counted
======================================================  =================

Formats (``fmt``; ``auto`` recognises each from the file's suffix and the fields of its first
record, then checks every record):

* ``jsonl`` / ``csv`` — the project's own: ``id``, ``claim``, ``label``, optional ``evidence``
  (corpus document ids; a list in JSONL, ``;``-separated in CSV) and ``evidence_text``;
* ``scifact`` — ``claims_*.jsonl`` (``evidence`` keyed by corpus doc id; ``--corpus`` takes the
  set's ``corpus.jsonl`` as is); claims without evidence are NOT_ENOUGH_INFO, and their
  ``cited_doc_ids`` are kept as the documents a gold-mode run reads;
* ``fever`` — FEVER 1.0 ``paper_dev.jsonl`` (evidence as Wikipedia page ids, no text);
* ``fever-symmetric`` — FEVER-Symmetric v0.1 (``evidence_sentence``) and v0.2 (``evidence``);
* ``climate-fever`` — one claim per line with its five evidence sentences (claim label);
  ``climate-fever-pairs`` — the same file as 7,675 claim–sentence pairs (pair labels);
* ``healthver`` — HealthVer CSV (``evidence``, ``claim``, ``label``, ``topic_ip``);
* ``covidfact`` — ``COVIDFACT_dataset.jsonl`` (claim, label, list of evidence sentences);
* ``averitec`` — AVeriTeC JSON (the question–answer pairs become the evidence text);
* ``vitaminc`` — claim–evidence pairs with the evidence as text (``claim``, ``evidence``, ``label``);
* ``hf`` — a 🤗 ``datasets`` source: a local JSON/CSV/Parquet file, or ``hub:owner/name`` (needs
  network access to the hub); its rows are then read by whichever format above they match.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import DataError, InputError
from factcheck.jsonl import iter_records
from factcheck.lexical import detokenize
from factcheck.text import decode_bytes

#: Every label spelling accepted (lower-cased, ``_`` and ``-`` read as spaces), and what it means.
LABEL_MAP: dict[str, str | None] = {
    "supported": "SUPPORTED", "supports": "SUPPORTED", "support": "SUPPORTED", "true": "SUPPORTED",
    "entailment": "SUPPORTED", "entails": "SUPPORTED",
    "refuted": "REFUTED", "refutes": "REFUTED", "refute": "REFUTED", "contradict": "REFUTED",
    "contradiction": "REFUTED", "false": "REFUTED",
    "not enough info": "NOT_ENOUGH_INFO", "nei": "NOT_ENOUGH_INFO", "neutral": "NOT_ENOUGH_INFO",
    "not enough evidence": "NOT_ENOUGH_INFO", "nee": "NOT_ENOUGH_INFO",
    "disputed": None, "conflicting": None, "conflicting evidence/cherrypicking": None,
}  # fmt: skip

FORMATS = ("jsonl", "csv", "scifact", "fever", "fever-symmetric", "climate-fever", "climate-fever-pairs",
           "healthver", "covidfact", "averitec", "vitaminc", "hf")  # fmt: skip


@dataclass(frozen=True, slots=True)
class LabelledClaim:
    """One labelled item.  ``group`` ties pairs that share a claim (for grouped baselines)."""

    id: str
    claim: str
    label: str  # SUPPORTED / REFUTED / NOT_ENOUGH_INFO
    evidence_ids: tuple[str, ...] = ()
    evidence_text: tuple[str, ...] = ()
    group: str | None = None
    #: When the claim was made (ISO date; own format's optional ``date``): resolves "last year"
    #: and "the first visit in 24 years".
    date: str | None = None


@dataclass(slots=True)
class ClaimSet:
    claims: list[LabelledClaim]
    excluded: Counter[str] = field(default_factory=Counter)  # label -> count left out
    name: str = ""
    format: str = ""
    fingerprint: str = ""


def map_label(raw: object, *, where: str) -> str | None:
    """The label of :data:`LABEL_MAP` for ``raw``; ``None`` for a label that is left out."""
    key = str(raw).strip().lower().replace("_", " ").replace("-", " ")
    if key in LABEL_MAP:
        return LABEL_MAP[key]
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


#: Fields that hold text: a record whose value there is not a string is refused.
_TEXT_FIELDS = frozenset({"claim", "label", "claim_label", "gold_label"})


def _need(row: Mapping[str, Any], fields: Iterable[str], where: str, fmt: str) -> None:
    fields = tuple(fields)
    missing = [f for f in fields if row.get(f) in (None, "")]
    if missing:
        raise DataError(
            f"{where}: missing field(s) {', '.join(missing)} for format {fmt!r} (fields present: "
            f"{', '.join(sorted(row)) or 'none'}); is the file mixing formats? Pass --format explicitly"
        )
    for name in fields:
        value = row[name]
        if name in _TEXT_FIELDS and not isinstance(value, str):
            raise DataError(f"{where}: field {name!r} must be a string, got {type(value).__name__} {value!r:.40}")
        if name.endswith("id") and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise DataError(f"{where}: field {name!r} must be a string or an integer, got {type(value).__name__}")


Adapter = Callable[[Iterable[tuple[str, dict[str, Any]]]], Iterator["LabelledClaim | str"]]


def _iso_date(raw: object, where: str) -> str | None:
    if raw in (None, ""):
        return None
    from datetime import date

    try:
        return date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise DataError(f"{where}: 'date' must be an ISO date such as 2024-06-19, got {raw!r}") from None


def _own(split: str | None) -> Adapter:
    def adapt(rows):
        for where, row in rows:
            _need(row, ("id", "claim", "label"), where, "jsonl/csv")
            label = map_label(row["label"], where=where)
            if label is None:
                yield str(row["label"]).upper()
                continue
            yield LabelledClaim(
                str(row["id"]),
                str(row["claim"]),
                label,
                _as_tuple(row.get("evidence"), split=split),
                _as_tuple(row.get("evidence_text")),
                date=_iso_date(row.get("date"), where),
            )

    return adapt


def _scifact(rows):
    for where, row in rows:
        _need(row, ("id", "claim"), where, "scifact")
        evidence = row.get("evidence") or {}
        if not isinstance(evidence, dict):
            raise DataError(f"{where}: SciFact 'evidence' must be an object keyed by document id")
        labels = {r["label"] for rationales in evidence.values() for r in rationales}
        if len(labels) > 1:
            yield "MIXED"
            continue
        label = map_label(labels.pop(), where=where) if labels else "NOT_ENOUGH_INFO"
        docs = tuple(str(d) for d in evidence) or tuple(str(d) for d in row.get("cited_doc_ids") or ())
        yield LabelledClaim(str(row["id"]), str(row["claim"]), label, docs)


def _fever(rows):
    for where, row in rows:
        _need(row, ("id", "claim", "label"), where, "fever")
        label = map_label(row["label"], where=where)
        pages = {str(item[2]) for group in row.get("evidence") or [] for item in group if len(item) > 2 and item[2]}
        yield LabelledClaim(str(row["id"]), detokenize(str(row["claim"])), label, tuple(sorted(pages)))


def _fever_symmetric(rows):
    for where, row in rows:
        evidence = row.get("evidence_sentence", row.get("evidence"))
        label_raw = row.get("gold_label", row.get("label"))
        _need(
            {"id": row.get("id"), "claim": row.get("claim"), "evidence": evidence, "label": label_raw},
            ("id", "claim", "evidence", "label"),
            where,
            "fever-symmetric",
        )
        label = map_label(label_raw, where=where)
        claim = detokenize(str(row["claim"]))
        yield LabelledClaim(str(row["id"]), claim, label, (), (detokenize(str(evidence)),), group=claim)


def _climate_fever(rows):
    for where, row in rows:
        _need(row, ("claim_id", "claim", "claim_label", "evidences"), where, "climate-fever")
        label = map_label(row["claim_label"], where=where)
        if label is None:
            yield str(row["claim_label"]).upper()
            continue
        texts = tuple(str(e["evidence"]) for e in row["evidences"])
        ids = tuple(str(e.get("evidence_id", "")) for e in row["evidences"])
        yield LabelledClaim(str(row["claim_id"]), str(row["claim"]), label, ids, texts, group=str(row["claim_id"]))


def _climate_fever_pairs(rows):
    for where, row in rows:
        _need(row, ("claim_id", "claim", "evidences"), where, "climate-fever-pairs")
        for i, ev in enumerate(row["evidences"]):
            label = map_label(ev["evidence_label"], where=f"{where} evidence {i}")
            if label is None:
                yield str(ev["evidence_label"]).upper()
                continue
            yield LabelledClaim(
                f"{row['claim_id']}-{i}",
                str(row["claim"]),
                label,
                (str(ev.get("evidence_id", "")),),
                (str(ev["evidence"]),),
                group=str(row["claim_id"]),
            )


def _vitaminc(rows):
    for i, (where, row) in enumerate(rows):
        _need(row, ("claim", "evidence", "label"), where, "vitaminc")
        label = map_label(row["label"], where=where)
        yield LabelledClaim(
            str(row.get("id", i)), str(row["claim"]), label, (), (str(row["evidence"]),), group=str(row["claim"])
        )


def _healthver(rows):
    for where, row in rows:
        _need(row, ("id", "claim", "evidence", "label"), where, "healthver")
        label = map_label(row["label"], where=where)
        yield LabelledClaim(
            str(row["id"]), str(row["claim"]), label, (), (str(row["evidence"]),), group=str(row["claim"])
        )


def _covidfact(rows):
    for i, (where, row) in enumerate(rows):
        _need(row, ("claim", "label", "evidence"), where, "covidfact")
        label = map_label(row["label"], where=where)
        evidence = row["evidence"] if isinstance(row["evidence"], list) else [row["evidence"]]
        yield LabelledClaim(str(row.get("id", i)), str(row["claim"]), label, (), tuple(str(e) for e in evidence))


def _averitec(rows):
    for i, (where, row) in enumerate(rows):
        _need(row, ("claim", "label"), where, "averitec")
        label = map_label(row["label"], where=where)
        if label is None:
            yield str(row["label"]).upper()
            continue
        texts = []
        for qa in row.get("questions") or []:
            for answer in qa.get("answers") or []:
                text = str(answer.get("answer", "")).strip()
                if answer.get("answer_type") == "Boolean" and answer.get("boolean_explanation"):
                    text = f"{text}. {answer['boolean_explanation']}"
                if text and answer.get("answer_type") != "Unanswerable":
                    texts.append(f"{qa.get('question', '').strip()} {text}".strip())
        yield LabelledClaim(str(row.get("id", i)), str(row["claim"]), label, (), tuple(texts))


_ADAPTERS: dict[str, Adapter] = {
    "jsonl": _own(None),
    "csv": _own(";"),
    "scifact": _scifact,
    "fever": _fever,
    "fever-symmetric": _fever_symmetric,
    "climate-fever": _climate_fever,
    "climate-fever-pairs": _climate_fever_pairs,
    "healthver": _healthver,
    "vitaminc": _vitaminc,
    "covidfact": _covidfact,
    "averitec": _averitec,
}


def detect_record_format(row: Mapping[str, Any]) -> str | None:
    """Which format a single record looks like (``None`` if none)."""
    keys = set(row)
    if {"claim_id", "claim_label", "evidences"} <= keys:
        return "climate-fever"
    if {"claim", "cited_doc_ids"} <= keys:
        return "scifact"
    if {"verifiable", "claim", "label", "evidence"} <= keys:
        return "fever"
    if {"claim", "evidence_sentence"} <= keys or {"sentence1", "sentence2", "gold_label", "claim"} <= keys:
        return "fever-symmetric"
    if {"claim", "label", "evidence", "gold_source"} <= keys:
        return "covidfact"
    if {"claim", "label", "questions"} <= keys:
        return "averitec"
    if {"claim", "evidence", "label", "topic_ip"} <= keys:
        return "healthver"
    if {"claim", "evidence", "label"} <= keys and isinstance(row["evidence"], str) and " " in row["evidence"].strip():
        return "vitaminc"  # claim-evidence pairs with the evidence as text
    if "claim" in keys and keys & {"id", "label"}:
        return "jsonl"  # the project's own format; a missing field is reported by the reader
    return None


def _csv_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    from factcheck.corpus import csv_records

    text = decode_bytes(path.read_bytes(), name=str(path))
    return [(f"{path}:{lineno}", dict(row)) for lineno, row in csv_records(text, path, error=DataError)]


def _json_rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    text = decode_bytes(path.read_bytes(), name=str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); JSON Lines files need a .jsonl suffix"
        ) from None
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise DataError(f"{path}: expected a JSON list of objects")
    return [(f"{path}[{i}]", r) for i, r in enumerate(data)]


def _rows(path: Path) -> list[tuple[str, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return _csv_rows(path)
    if suffix == ".json":
        return _json_rows(path)
    return list(iter_records(path))


def _hf_rows(source: str, split: str | None) -> tuple[str, list[tuple[str, dict[str, Any]]]]:
    try:
        import datasets
    except ImportError as exc:  # pragma: no cover - a core dependency
        raise DataError("reading 🤗 datasets needs the 'datasets' package: pip install datasets") from exc
    local = Path(source).expanduser()
    try:
        if local.is_file():
            builder = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet"}.get(local.suffix.lower(), "json")
            kwargs = {"delimiter": "\t"} if local.suffix.lower() == ".tsv" else {}
            ds = datasets.load_dataset(builder, data_files=str(local), split="train", **kwargs)
        else:
            name = source.removeprefix("hub:")
            ds = datasets.load_dataset(name, split=split or "validation")
    except Exception as exc:  # datasets raises many types; all mean "cannot load"
        raise DataError(f"cannot load dataset {source!r} with 🤗 datasets: {exc}") from None
    return local.name if local.is_file() else source, [(f"{source}[{i}]", dict(r)) for i, r in enumerate(ds)]


def read_claims(path: str | os.PathLike[str], *, fmt: str = "auto", split: str | None = None) -> ClaimSet:
    """Read a labelled claim set in any of :data:`FORMATS` (see the module docstring)."""
    if fmt not in ("auto", *FORMATS):
        raise DataError(f"unknown claim set format {fmt!r}; use auto or one of: {', '.join(FORMATS)}")
    if fmt == "hf":
        name, rows = _hf_rows(str(path), split)
    else:
        p = Path(path).expanduser()
        if not p.is_file():
            raise InputError(f"claim file {p} does not exist")
        name, rows = p.name, _rows(p)
    if not rows:
        raise DataError(f"{name} is empty: no labelled claims to evaluate")
    if fmt in ("auto", "hf"):
        detected = detect_record_format(rows[0][1])
        if detected is None:
            raise DataError(
                f"cannot tell the format of {name} from its first record (fields: {', '.join(sorted(rows[0][1]))}); "
                f"pass --format, one of: {', '.join(FORMATS)}"
            )
        if detected == "jsonl" and str(path).lower().endswith((".csv", ".tsv")):
            detected = "csv"
        fmt = detected
    result = ClaimSet([], name=name, format=fmt)
    for item in _ADAPTERS[fmt](rows):
        if isinstance(item, str):
            result.excluded[item] += 1
        else:
            result.claims.append(item)
    if not result.claims:
        extra = f" ({dict(result.excluded)} left out)" if result.excluded else ""
        raise DataError(f"{name} holds no usable labelled claims{extra}")
    ids = Counter(c.id for c in result.claims)
    dupes = [i for i, n in ids.items() if n > 1]
    if dupes:
        raise DataError(f"{name}: duplicate claim ids {dupes[:5]}; ids must be unique")
    digest = hashlib.sha256()
    for c in result.claims:
        digest.update(f"{c.id}\x1f{c.claim}\x1f{c.label}\x1e".encode())
    result.fingerprint = "sha256:" + digest.hexdigest()[:16]
    return result
