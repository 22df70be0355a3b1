from __future__ import annotations

import json
import time

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from factcheck import cli
from factcheck.report import report_dict
from factcheck.serve import check_port, create_app, is_loopback

from .test_cli import invoke
from .test_pipeline import ARTICLE


@pytest.fixture
def client(fake_checker):
    return TestClient(create_app(fake_checker, max_bytes=50_000))


def _without_timings(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "timings"}


def test_serve_api_check_returns_the_cli_report_json(client, fake_checker):
    response = client.post("/api/check", json={"text": ARTICLE, "published": "2024-06-19"})
    assert response.status_code == 200
    data = response.json()
    expected = report_dict(fake_checker.check(ARTICLE, published=__import__("datetime").date(2024, 6, 19)))
    assert data["schema_version"] == "1.0"
    assert _without_timings(data)["verdicts"] == _without_timings(expected)["verdicts"]
    assert data["article"]["published"] == "2024-06-19" and data["summary"] == expected["summary"]


def test_serve_bad_input_gets_the_cli_one_line_messages(client, tmp_path):
    empty = client.post("/api/check", json={"text": "   \n "})
    assert empty.status_code == 400
    assert empty.json() == {"detail": "the article is empty; give an article with some text"}
    (tmp_path / "empty.txt").write_text("   \n ", encoding="utf-8")
    cli_result = invoke("check", tmp_path / "empty.txt", "--corpus", tmp_path)
    assert f"{tmp_path / 'empty.txt'} is empty; give an article with some text" in cli_result.output
    binary = client.post("/api/check", json={"text": "abc\u0000def", "source": "upload.bin"})
    assert binary.status_code == 400 and binary.json()["detail"].startswith("upload.bin looks like a binary file")
    assert client.post("/api/jobs", json={"text": ""}).status_code == 400
    bad_date = client.post("/api/check", json={"text": ARTICLE, "published": "2024-13-40"})
    assert bad_date.status_code == 422
    assert bad_date.json() == {"detail": "published must be a date like 2024-06-19, got '2024-13-40'"}
    missing = client.post("/api/check", json={"article": ARTICLE})
    assert missing.status_code == 422 and "text: Field required" in missing.json()["detail"]
    not_json = client.post("/api/check", content=b"{not json", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 400 and "not valid JSON" in not_json.json()["detail"]


def test_serve_refuses_bodies_over_the_limit(client):
    response = client.post("/api/check", json={"text": "x" * 60_000})
    assert response.status_code == 413
    assert response.json()["detail"].startswith("the request body is over the limit of 50,000 bytes")

    def chunks():  # no Content-Length: the limit still holds
        for _ in range(8):
            yield b"x" * 10_000

    chunked = client.post("/api/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413


def test_serve_jobs_report_progress_then_the_report(client):
    job = client.post("/api/jobs", json={"text": ARTICLE, "source": "pasted.txt"})
    assert job.status_code == 202
    job_id = job.json()["id"]
    deadline = time.monotonic() + 60
    status = job.json()
    while status["status"] not in ("done", "error") and time.monotonic() < deadline:
        time.sleep(0.05)
        status = client.get(f"/api/jobs/{job_id}").json()
    assert status["status"] == "done", status
    assert status["total"] == status["done"] == status["summary"]["claims"]
    page = client.get(status["links"]["html"])
    assert page.status_code == 200 and page.text.startswith("<!doctype html>")
    assert "script-src 'sha256-" in page.headers["content-security-policy"]
    assert json.loads(client.get(status["links"]["json"]).text)["article"]["source"] == "pasted.txt"
    assert client.get("/api/jobs/nope").status_code == 404


def test_serve_failed_job_says_why(client, fake_checker, monkeypatch):
    from factcheck.errors import InputError

    def refuse(*args, **kwargs):
        raise InputError("the article is too strange; give another")

    monkeypatch.setattr(fake_checker, "check", refuse)
    job = client.post("/api/jobs", json={"text": ARTICLE}).json()
    for _ in range(200):
        status = client.get(f"/api/jobs/{job['id']}").json()
        if status["status"] == "error":
            break
        time.sleep(0.02)
    assert status == {**status, "status": "error", "error": "the article is too strange; give another"}
    assert client.get(f"/api/jobs/{job['id']}/report.html").status_code == 409


def test_serve_page_health_and_openapi(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="check-form"' in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "http://" not in page.text and "https://" not in page.text
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["passages"] > 0
    schema = client.get("/openapi.json").json()
    assert {"/api/check", "/api/jobs", "/api/jobs/{job_id}", "/healthz"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 404  # its assets would come from a CDN


def test_serve_binds_loopback_and_reports_a_busy_port():
    import socket

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        from factcheck.errors import ConfigError

        with pytest.raises(ConfigError, match=f"cannot listen on 127.0.0.1:{port}"):
            check_port("127.0.0.1", port)


def test_serve_cli_without_the_extra_says_how_to_install(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_fastapi(name, *args, **kwargs):
        if name in ("fastapi", "uvicorn"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fastapi)
    result = invoke("serve", "--corpus", tmp_path)
    assert result.exit_code == cli.EXIT_USAGE
    assert "pip install 'factcheck-toolkit[serve]'" in result.output
    assert len(result.output.strip().splitlines()) == 1
