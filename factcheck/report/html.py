"""The report as HTML a person reads: jinja2 templates shipped in ``factcheck/report/templates``.

Two forms, one template: :func:`to_html` is a self-contained page (styles and script inline, no
network asset, a Content-Security-Policy that allows only the report's own script, so it works
from ``file://`` and nothing injected could run), and :func:`to_html_fragment` is the same report
as a ``<div>`` for a notebook cell (``Report._repr_html_``), its script scoped to its own root so
that several reports on one page do not interfere.

Autoescaping is on for every value: article and corpus text reach the page only as text.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from factcheck.report.view import LABEL_CSS, report_view
from factcheck.types import Report

TEMPLATES = "templates"


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=PackageLoader("factcheck.report", TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    from importlib import resources

    return resources.files("factcheck.report").joinpath(TEMPLATES, name).read_text(encoding="utf-8")


def content_security_policy() -> str:
    """The page's policy: no network at all, inline styles, and only the report's own script."""
    digest = base64.b64encode(hashlib.sha256(_asset("report.js").encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def _render(report: Report, template: str, *, standalone: bool) -> str:
    context = {
        "v": report_view(report),
        "standalone": standalone,
        "css": _asset("report.css"),
        "js": _asset("report.js"),
        "css_of": {label.value: css for label, css in LABEL_CSS.items()},
        "csp": content_security_policy(),
    }
    return _environment().get_template(template).render(context)


def to_html(report: Report) -> str:
    """A complete, self-contained HTML page (what ``factcheck check --format html`` writes)."""
    return _render(report, "report.html.j2", standalone=True)


def to_html_fragment(report: Report) -> str:
    """The report as one ``<div>`` with its own style and script (for notebooks)."""
    return _render(report, "report_body.html.j2", standalone=False)
