"""Expand the hand-written numbers/dates test set into labelled claim/evidence pairs.

Reads ``base.jsonl`` (next to this script) and writes ``pairs.jsonl`` next to it.
Every evidence passage and claim in ``base.jsonl`` was written for this project;
no sentence is copied from a website, a published dataset or ``shared/data``.

Each base item yields one SUPPORTED pair (the claim as written) and one REFUTED
pair per entry in ``changes``: the claim with the first occurrence of the given
substring replaced (a wrong number, date, duration, unit, name, percentage,
amount of money or ordinal).

An optional ``date`` (ISO) is the day the claim was made; it is passed on, so that
"the first visit in 24 years" can be checked against "last visited in 2000".

Usage: ``python data/numbers/build.py``. Exits non-zero with a message if the
base file fails validation. Stdlib only; output order is stable.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = HERE / "base.jsonl"
PAIRS = HERE / "pairs.jsonl"

KINDS = ("number", "date", "duration", "unit", "name", "percent", "money", "ordinal")
REQUIRED = ("id", "topic", "evidence", "claim", "changes")


def load_base(path: Path) -> list[dict]:
    """Read and validate the base items; raise ValueError listing every problem."""
    items: list[dict] = []
    errors: list[str] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON ({exc})")
                continue
            missing = [key for key in REQUIRED if key not in item]
            if missing:
                errors.append(f"{where}: missing keys {missing}")
                continue
            item_id, claim, evidence = item["id"], item["claim"], item["evidence"]
            if item_id in seen:
                errors.append(f"{where}: duplicate id {item_id!r}")
            seen.add(item_id)
            if not (isinstance(claim, str) and claim.strip()):
                errors.append(f"{where}: empty claim")
                continue
            if not (isinstance(evidence, str) and evidence.strip()):
                errors.append(f"{where}: empty evidence")
            changes = item["changes"]
            if not isinstance(changes, list) or not changes:
                errors.append(f"{where}: 'changes' must be a non-empty list")
                continue
            for i, change in enumerate(changes, 1):
                if not (isinstance(change, list) and len(change) == 3 and all(isinstance(x, str) for x in change)):
                    errors.append(f"{where}: change {i} must be [from, to, kind] strings")
                    continue
                old, new, kind = change
                if kind not in KINDS:
                    errors.append(f"{where}: change {i} has unknown kind {kind!r}")
                if not old:
                    errors.append(f"{where}: change {i} has an empty 'from'")
                elif old not in claim:
                    errors.append(f"{where}: change {i} substring {old!r} not in claim")
                if old == new:
                    errors.append(f"{where}: change {i} replacement equals original")
            items.append(item)
    if not items and not errors:
        errors.append(f"{path.name}: no items")
    if errors:
        raise ValueError("\n".join(errors))
    return items


def expand(items: list[dict]) -> list[dict]:
    """Turn base items into SUPPORTED/REFUTED pairs, in file order."""
    pairs: list[dict] = []
    for item in items:
        claim, evidence = item["claim"], item["evidence"]
        pairs.append(
            {
                "id": f"{item['id']}-orig",
                "claim": claim,
                "evidence_text": evidence,
                "label": "SUPPORTED",
                "change": None,
                **({"date": item["date"]} if item.get("date") else {}),
            }
        )
        for i, (old, new, kind) in enumerate(item["changes"], 1):
            pairs.append(
                {
                    "id": f"{item['id']}-c{i}",
                    "claim": claim.replace(old, new, 1),
                    "evidence_text": evidence,
                    "label": "REFUTED",
                    "change": {"kind": kind, "from": old, "to": new},
                    **({"date": item["date"]} if item.get("date") else {}),
                }
            )
    return pairs


def main() -> int:
    try:
        items = load_base(BASE)
    except (OSError, ValueError) as exc:
        print(f"build.py: validation failed:\n{exc}", file=sys.stderr)
        return 1
    pairs = expand(items)
    with PAIRS.open("w", encoding="utf-8", newline="\n") as fh:
        for pair in pairs:
            fh.write(json.dumps(pair, ensure_ascii=False) + "\n")

    by_label = Counter(p["label"] for p in pairs)
    by_kind = Counter(p["change"]["kind"] for p in pairs if p["change"])
    print(f"base items: {len(items)}")
    print(f"pairs written: {len(pairs)} -> {PAIRS.relative_to(HERE.parent.parent)}")
    print("by label:")
    for label in ("SUPPORTED", "REFUTED"):
        print(f"  {label:<9} {by_label[label]}")
    print("by change kind:")
    for kind in KINDS:
        print(f"  {kind:<9} {by_kind[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
