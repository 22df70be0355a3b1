"""Renderings of a :class:`~factcheck.types.Report`, one module each.

=============  ===============================================  ==========================
format         what                                             function
=============  ===============================================  ==========================
json / jsonl   the versioned JSON document (schema shipped)     :func:`to_json`, :func:`to_jsonl`
html           a self-contained page a person reads             :func:`to_html`
(notebook)     the same report as a ``<div>``                   :func:`to_html_fragment`
markdown       headings, a table, one section per claim         :func:`to_markdown`
claimreview    schema.org ClaimReview JSON-LD                   :func:`to_claimreview`
(pandas)       one row per claim                                :func:`to_pandas`
=============  ===============================================  ==========================

>>> from factcheck.report import render
>>> render(report, "html")                   # doctest: +SKIP

The data model (:mod:`factcheck.types`) knows no rendering; ``Report.to_json()``,
``Report.to_html()``, ``Report._repr_html_()`` and friends are shortcuts that call these.
"""

from __future__ import annotations

from typing import Any, Literal

from factcheck.report.claimreview import Publisher, claim_reviews, missing_required, to_claimreview
from factcheck.report.data import SCHEMA_VERSION, report_dict, schema, to_json, to_jsonl
from factcheck.report.frame import to_pandas
from factcheck.report.html import to_html, to_html_fragment
from factcheck.report.markdown import to_markdown
from factcheck.types import Report

Format = Literal["json", "jsonl", "html", "markdown", "claimreview"]
FORMATS: tuple[str, ...] = ("json", "jsonl", "html", "markdown", "claimreview")

_RENDERERS = {
    "json": to_json,
    "jsonl": to_jsonl,
    "html": to_html,
    "markdown": to_markdown,
    "claimreview": to_claimreview,
}


def render(report: Report, fmt: Format | str, **options: Any) -> str:
    """``report`` in one of :data:`FORMATS` (``options`` go to that format's function)."""
    try:
        renderer = _RENDERERS[str(fmt)]
    except KeyError:
        from factcheck.errors import ConfigError

        raise ConfigError(f"report format must be one of {', '.join(FORMATS)}, got {fmt!r}") from None
    return renderer(report, **options)


__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Publisher",
    "claim_reviews",
    "missing_required",
    "render",
    "report_dict",
    "schema",
    "to_claimreview",
    "to_html",
    "to_html_fragment",
    "to_json",
    "to_jsonl",
    "to_markdown",
    "to_pandas",
]
