"""The report and the web app in a real browser: Debian's chromium driven by Playwright.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (``apt-get install -y
chromium``).  Without it these tests skip, except in CI (``CI`` set), where they fail.
Screenshots of each step go to ``tmp/test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from factcheck.report import to_html

from .conftest import ROOT, SAMPLE, TINY_DOCS
from .reports import XSS, make_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "tmp" / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    opened = context.new_page()
    opened.problems = []  # console errors, page errors and dialogs: none is expected
    opened.on("console", lambda m: opened.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    opened.on("pageerror", lambda e: opened.problems.append(f"page error: {e}"))
    opened.on("dialog", lambda d: (opened.problems.append(f"dialog: {d.message}"), d.dismiss()))
    yield opened
    context.close()


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def _selected(page) -> list[str]:
    return page.locator(".fc-panel.fc-selected").evaluate_all("els => els.map(e => e.dataset.claim)")


def test_browser_static_report_click_claim_panel_filter_keys_print(page, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(to_html(make_report()), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.locator(".fc-report.fc-js").count() == 1, "the report's script did not run (CSP hash?)"
    shot(page, "report-loaded")

    page.locator('.fc-mark[data-claims="c001"]').click()
    assert _selected(page) == ["c001"]
    panel = page.locator('.fc-panel[data-claim="c001"]')
    assert panel.is_visible()
    assert "Refuted" in panel.locator(".fc-verdict").inner_text()
    assert panel.locator(".fc-compare").inner_text().endswith("article: 26,000 tonnes — source: 260,000 tonnes")
    assert panel.locator(".fc-passage .fc-figure").inner_text() == "260,000 tonnes"
    assert panel.locator(".fc-pct").inner_text() == "88%"
    assert page.locator('.fc-mark.fc-active[data-claims="c001"]').count() == 1
    shot(page, "report-claim-clicked")

    page.keyboard.press("j")
    assert _selected(page) == ["c002"]
    page.keyboard.press("k")
    assert _selected(page) == ["c001"]

    page.locator('.fc-filter[data-filter="flagged"]').click()
    shown = page.locator(".fc-panel:visible").evaluate_all("els => els.map(e => e.dataset.label)")
    assert shown == ["REFUTED", "NOT_ENOUGH_INFO"]
    assert page.locator(".fc-showing").inner_text() == "Showing 2 of 3 claims."
    shot(page, "report-flagged-only")
    page.locator('.fc-filter[data-filter="SUPPORTED"]').click()
    assert page.locator(".fc-panel:visible").evaluate_all("els => els.map(e => e.dataset.claim)") == ["c002"]
    assert _selected(page) == []  # the selected claim is filtered out
    page.keyboard.press("a")
    assert page.locator(".fc-panel:visible").count() == 3

    page.emulate_media(media="print")
    assert not page.locator(".fc-keys").is_visible()
    assert page.locator(".fc-columns").evaluate("e => getComputedStyle(e).display") == "block"
    shot(page, "report-print")
    assert page.problems == []


def _hostile_pipeline_report(tmp_path, fake_embedder, keyword_nli):
    from factcheck import FactChecker

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in TINY_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "hostile.txt").write_text(
        f"Vladimir Putin arrived in Pyongyang on 19 June 2024 {XSS} greeted by Kim Jong Un.\n", encoding="utf-8"
    )
    checker = FactChecker.from_corpus(corpus, embedder=fake_embedder, nli=keyword_nli, cache_dir=tmp_path / "cache")
    article = (
        f"Putin in Pyongyang {XSS}\n\nVladimir Putin arrived in Pyongyang on 19 June 2024. {XSS} It was a visit.\n"
    )
    return checker.check(article, fmt="text")


def _assert_nothing_ran(page) -> None:
    for mark in page.locator(".fc-mark").all():
        mark.click()
    for details in page.locator("details").all():
        details.locator("summary").click()
    for link in page.locator(".fc-report a").all():
        link.click()
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => document.querySelectorAll('script').length") == 1
    assert page.evaluate("() => document.querySelectorAll('[onerror], img, iframe, object, embed').length") == 0
    assert page.evaluate("() => document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    assert "window.__xss" in page.locator(".fc-report").inner_text()  # shown, as text
    assert page.problems == []


def test_browser_xss_in_article_and_corpus_never_runs(page, tmp_path, fake_embedder, keyword_nli):
    page.add_init_script("window.alert = window.confirm = window.prompt = () => { window.__xss = 'dialog'; };")
    for name, report in (
        ("xss-hand-built", make_report(hostile=True)),
        ("xss-pipeline", _hostile_pipeline_report(tmp_path, fake_embedder, keyword_nli)),
    ):
        path = tmp_path / f"{name}.html"
        path.write_text(to_html(report), encoding="utf-8")
        page.goto(path.as_uri())
        assert page.locator(".fc-report.fc-js").count() == 1
        _assert_nothing_ran(page)
        shot(page, name)


# ------------------------------------------------------------------------------------------------
# The web app
# ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_check(base: str, text: str) -> dict:
    request = urllib.request.Request(
        base + "/api/check", data=json.dumps({"text": text}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


def _check_in_page(page, base: str, text: str, name: str, *, timeout_ms: float) -> list[tuple[str, str]]:
    page.goto(base + "/")
    page.locator("#article").fill(text)
    page.locator("#check").click()
    page.locator("#progress").wait_for(state="visible")
    shot(page, f"{name}-progress")
    page.locator('.desk[data-state="done"]').wait_for(timeout=timeout_ms)
    frame = page.frame_locator("#report")
    frame.locator(".fc-report.fc-js").wait_for()
    shown = frame.locator(".fc-panel").evaluate_all("els => els.map(e => [e.dataset.claim, e.dataset.label])")
    frame.locator(".fc-mark").first.click()
    shot(page, f"{name}-report")
    return [tuple(x) for x in shown]


@pytest.fixture
def app_server(fake_checker):
    """The app over the fake checker, served by uvicorn in a thread on a free loopback port."""
    uvicorn = pytest.importorskip("uvicorn")
    from factcheck.serve import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(fake_checker), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_browser_app_paste_upload_and_hostile_text(page, app_server, tmp_path):
    article = (SAMPLE / "article.txt").read_text(encoding="utf-8")
    shown = _check_in_page(page, app_server, article, "app-fake", timeout_ms=60_000)
    api = post_check(app_server, article)
    assert shown == [(v["claim"]["id"], v["label"]) for v in api["verdicts"]]
    summary = page.locator("#summary").inner_text()
    assert summary.startswith(f"{api['summary']['claims']} claims: {api['summary']['SUPPORTED']} supported")

    page.locator("#file").set_input_files(str(SAMPLE / "article.html"))
    page.wait_for_function("() => document.getElementById('article').value.length > 0 && "
                           "document.getElementById('format').value === 'html'")  # fmt: skip
    assert page.locator("#article").input_value() == (SAMPLE / "article.html").read_text(encoding="utf-8")

    page.add_init_script("window.alert = () => { window.__xss = 'dialog'; };")
    hostile = f"Putin in Pyongyang\n\nVladimir Putin arrived in Pyongyang on 19 June 2024. {XSS}\n"
    _check_in_page(page, app_server, hostile, "app-xss", timeout_ms=60_000)
    frame = page.frame_locator("#report")
    assert frame.locator("script").count() == 1 and frame.locator("img, [onerror]").count() == 0
    assert page.evaluate("() => window.__xss") is None
    assert page.problems == []


@pytest.mark.slow
def test_browser_factcheck_serve_verdicts_shown_equal_the_api(page, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "FACTCHECK_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "factcheck", "serve", "--corpus", str(SAMPLE / "corpus"), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stdout.read()
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        article = (SAMPLE / "article.txt").read_text(encoding="utf-8")
        shown = _check_in_page(page, base, article, "serve-real", timeout_ms=600_000)
        api = post_check(base, article)
        assert shown == [(v["claim"]["id"], v["label"]) for v in api["verdicts"]]
        assert any(label == "REFUTED" for _, label in shown)
        jsonschema = pytest.importorskip("jsonschema")
        from factcheck.report import schema

        jsonschema.Draft202012Validator(schema()).validate(api)  # the real models' output, too
        assert page.problems == []
    finally:
        server.terminate()
        server.wait(timeout=30)
