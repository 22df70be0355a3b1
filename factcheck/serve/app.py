"""The local web app: FastAPI routes over one :class:`~factcheck.serve.jobs.Desk`.

=========================  =====================================================================
``GET /``                  the page: paste or upload an article, watch progress, read the report
``POST /api/check``        ``{"text", "published"?, "format"?, "title"?, "source"?}`` → the Report
                           JSON of ``factcheck check --format json``
``POST /api/jobs``         the same body → ``202 {"id", "status", ...}``: a check run in the background
``GET /api/jobs/{id}``     its progress: ``status``, ``stage``, ``done``/``total``, ``elapsed``
``GET /api/jobs/{id}/report.html``  the finished report page (``.json``: its JSON)
``GET /healthz``           ``{"status": "ok", ...}`` once the models are loaded
``GET /openapi.json``      the OpenAPI schema
=========================  =====================================================================

Errors are ``{"detail": "one line"}``: 400 for input the checker refuses (the message the CLI
prints), 413 for a body over the size limit, 422 for a body that does not match the schema, 404
for an unknown job.  No page or API answer loads anything from the network.
"""

from __future__ import annotations

import base64
import hashlib
import logging
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from factcheck import __version__
from factcheck.errors import FactCheckError
from factcheck.report import report_dict, to_html
from factcheck.report.html import content_security_policy
from factcheck.serve.jobs import CheckInput, Desk
from factcheck.serve.limits import DEFAULT_MAX_BYTES, BodyLimit
from factcheck.text import decode_bytes

logger = logging.getLogger(__name__)


class CheckRequest(BaseModel):
    """An article to check."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article: plain text, Markdown or HTML.")
    published: str | None = Field(None, description="Publication date, YYYY-MM-DD, if the article has no dateline.")
    format: Literal["auto", "text", "markdown", "html"] = Field(
        "auto", description="What text is; auto reads HTML when it looks like HTML."
    )
    title: str | None = Field(None, description="Title, if the article has none of its own.")
    source: str | None = Field(None, description="Where the article comes from (a file name), shown in the report.")

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"published must be a date like 2024-06-19, got {value!r}") from None
        return value

    def to_input(self) -> CheckInput:
        """The article to check, refused as the CLI refuses a file (empty, binary) with HTTP 400."""
        try:
            text = decode_bytes(self.text.encode("utf-8", "surrogatepass"), name=self.source or "the article")
        except FactCheckError as exc:
            raise HTTPException(400, str(exc)) from None
        published = date.fromisoformat(self.published) if self.published else None
        return CheckInput(text, published, self.format, self.title, self.source)


@cache
def _asset(name: str) -> str:
    return resources.files("factcheck.serve").joinpath("templates", name).read_text(encoding="utf-8")


def _page_policy() -> str:
    digest = base64.b64encode(hashlib.sha256(_asset("app.js").encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; connect-src 'self'; frame-src 'self'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _page(desk: Desk, max_bytes: int) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("factcheck.serve", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    index = getattr(desk.checker, "index", None)
    return env.get_template("index.html.j2").render(
        version=__version__,
        passages=len(index) if index is not None else 0,
        max_bytes=max_bytes,
        css=_asset("app.css"),
        js=_asset("app.js"),
    )


def error_message(exc: BaseException) -> str:
    """The one line shown for a failed check: the library's message, or a note of an internal error."""
    if isinstance(exc, FactCheckError):
        return str(exc)
    logger.exception("check failed")
    return f"internal error: {type(exc).__name__}: {exc} (see the server log)"


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return 400, 'the request body is not valid JSON; send {"text": "..."}'
    parts = []
    for e in errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
        message = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(message if message.startswith(where) else f"{where}: {message}")
    return 422, "; ".join(parts)


def _routes(app: FastAPI, desk: Desk, max_bytes: int) -> None:
    page = _page(desk, max_bytes)
    page_headers = {"Content-Security-Policy": _page_policy(), "X-Content-Type-Options": "nosniff"}
    report_headers = {"Content-Security-Policy": content_security_policy(), "X-Content-Type-Options": "nosniff"}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page, headers=page_headers)

    @app.get("/healthz", summary="Liveness: the models and index are loaded")
    def healthz() -> dict[str, Any]:
        index = getattr(desk.checker, "index", None)
        return {"status": "ok", "version": __version__, "passages": len(index) if index else 0, "checks": desk.checks}

    @app.post("/api/check", summary="Check an article and return the Report JSON")
    def check(body: CheckRequest) -> JSONResponse:
        try:
            report = desk.check(body.to_input())
        except FactCheckError as exc:
            raise HTTPException(400, str(exc)) from None
        return JSONResponse(report_dict(report))

    @app.post("/api/jobs", status_code=202, summary="Start a check in the background")
    def submit(body: CheckRequest) -> dict[str, Any]:
        return desk.submit(body.to_input(), error_message).to_dict()

    def _job(job_id: str):
        job = desk.job(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id!r} (finished jobs are kept for a while only; submit again)")
        return job

    @app.get("/api/jobs/{job_id}", summary="Progress of a background check")
    def job_status(job_id: str) -> dict[str, Any]:
        return _job(job_id).to_dict()

    def _finished(job_id: str):
        job = _job(job_id)
        if job.report is None:
            raise HTTPException(409, f"job {job_id} is {job.status}: {job.error or 'not finished yet'}")
        return job.report

    @app.get("/api/jobs/{job_id}/report.html", response_class=HTMLResponse, summary="The finished report page")
    def job_report_html(job_id: str) -> HTMLResponse:
        return HTMLResponse(to_html(_finished(job_id)), headers=report_headers)

    @app.get("/api/jobs/{job_id}/report.json", summary="The finished report's JSON")
    def job_report_json(job_id: str) -> JSONResponse:
        return JSONResponse(report_dict(_finished(job_id)))


def create_app(checker: Any, *, max_bytes: int = DEFAULT_MAX_BYTES, desk: Desk | None = None) -> Any:
    """The ASGI app over ``checker`` (a loaded :class:`~factcheck.FactChecker`), body size limited."""
    desk = desk or Desk(checker)
    app = FastAPI(
        title="factcheck",
        version=__version__,
        description="Check the factual claims of an article against the loaded reference corpus.",
        docs_url=None,  # the interactive docs load their assets from a CDN: not offline
        redoc_url=None,
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = _validation_message(exc)
        return JSONResponse({"detail": message}, status_code=status)

    _routes(app, desk, max_bytes)
    app.state.desk = desk
    return BodyLimit(app, max_bytes)
