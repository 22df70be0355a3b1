"""The JSON form of a :class:`~factcheck.types.Report`, and the schema that documents it.

The document is versioned by ``schema_version`` (``MAJOR.MINOR``).  A minor version only adds
fields: a reader written for ``1.0`` reads every ``1.x`` document (objects allow properties the
schema does not name).  Renaming, retyping or removing a field bumps the major version.  The JSON
Schema (draft 2020-12) ships with the package as ``factcheck/report/schema/report.schema.json``;
:func:`schema` loads it.

>>> data = report_dict(report)                     # doctest: +SKIP
>>> data["schema_version"], data["summary"]["flagged"]   # doctest: +SKIP
('1.0', 3)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from factcheck.types import Report

#: Version of the JSON report layout; see the module docstring for what a bump means.
SCHEMA_VERSION = "1.0"
SCHEMA_RESOURCE = "report.schema.json"


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain JSON-ready data (what ``--format json`` prints)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "article": report.article.to_dict(),
        "summary": {"claims": len(report.verdicts), "flagged": len(report.flagged), **report.counts()},
        "verdicts": [v.to_dict() for v in report.verdicts],
        "config": dict(report.config),
        "timings": {k: round(v, 4) for k, v in report.timings.items()},
    }


def to_json(report: Report, *, indent: int | None = 2) -> str:
    return json.dumps(report_dict(report), indent=indent, ensure_ascii=False, default=str)


def to_jsonl(report: Report) -> str:
    """One verdict per line, each carrying the article id and the schema version."""
    lines = [
        json.dumps(
            {"schema_version": SCHEMA_VERSION, "article_id": report.article.id, **v.to_dict()},
            ensure_ascii=False,
            default=str,
        )
        for v in report.verdicts
    ]
    return "\n".join(lines) + ("\n" if lines else "")


@cache
def _schema_text() -> str:
    return resources.files("factcheck.report").joinpath("schema", SCHEMA_RESOURCE).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of :func:`report_dict`'s output (a fresh copy each call)."""
    return json.loads(_schema_text())
