"""The report as a pandas DataFrame: one row per claim, its best evidence flattened into columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from factcheck.types import Report, Verdict

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COLUMNS = [
    "claim_id",
    "claim",
    "kind",
    "label",
    "confidence",
    "reason",
    "evidence_doc",
    "evidence",
    "entailment",
    "contradiction",
    "start",
    "end",
]


def _best(verdict: Verdict):
    return verdict.evidence[0] if verdict.evidence else None


def rows(report: Report) -> list[dict[str, Any]]:
    """One flat dict per verdict (the DataFrame's rows)."""
    out = []
    for v in report.verdicts:
        ev = _best(v)
        out.append(
            {
                "claim_id": v.claim.id,
                "claim": v.claim.text,
                "kind": v.claim.kind,
                "label": v.label.value,
                "confidence": round(v.confidence, 4),
                "reason": v.reason,
                "evidence_doc": ev.doc_id if ev else None,
                "evidence": ev.window_text if ev else None,
                "entailment": round(ev.nli.entailment, 4) if ev and ev.nli else None,
                "contradiction": round(ev.nli.contradiction, 4) if ev and ev.nli else None,
                "start": v.claim.span.start,
                "end": v.claim.span.end,
            }
        )
    return out


def to_pandas(report: Report) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows(report), columns=COLUMNS)
