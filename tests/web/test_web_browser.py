"""End to end in a real headless Chromium (the system's, driven by Playwright).

The application runs under uvicorn on a free loopback port. Screenshots of every page are
written to ``$CITECHECK_SCREENSHOTS`` when set, else to the test's temporary directory.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CITECHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None and not Path(CHROMIUM).is_file(),
        reason=f"no Chromium at {CHROMIUM} (make browser-test installs it)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket, not for a duration
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("CITECHECK_SCREENSHOTS")
    path = Path(given) if given else tmp_path_factory.mktemp("screens")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="vi-VN")
    pg = context.new_page()
    outside: list[str] = []
    pg.on(
        "request",
        lambda req: (
            None if req.url.startswith((base_url, "data:", "blob:")) else outside.append(req.url)
        ),
    )
    yield pg
    context.close()
    assert outside == [], f"the page fetched something from outside the app: {outside}"


def test_check_a_docx_highlights_the_date_mismatch(
    page: Any, base_url: str, screens: Path, report_text: str, make_docx: Any
) -> None:
    page.goto(base_url + "/")
    assert "không được lưu lại" in page.locator(".privacy").inner_text()
    page.locator("#file").set_input_files(
        {
            "name": "bao-cao-so-ket.docx",
            "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "buffer": make_docx(report_text),
        }
    )
    page.locator("form.upload button[type=submit]").click()
    page.wait_for_selector("section.findings")
    page.screenshot(path=str(screens / "check-result.png"), full_page=False)

    # The wrong date is highlighted as an error in the text...
    marks = page.locator("pre.draft mark.hl.sev-error")
    texts = [marks.nth(i).inner_text() for i in range(marks.count())]
    assert any("27/12/2019" in x for x in texts), texts
    # ...and explained in Vietnamese, with the evidence: the other dates it was cited with.
    finding = page.locator("li.finding", has=page.locator("code.rule", has_text="date-mismatch"))
    first = finding.filter(has_text="12-QĐ/TU").first
    message = first.locator(".message").inner_text()
    assert "27/02/2019" in message and "27/12/2019" in message
    assert "được trích dẫn" in message
    assert first.locator("details.evidence li").count() >= 1
    # Clicking the finding scrolls the text to its highlight.
    first.click()
    target = first.get_attribute("data-target")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=target,
    )
    page.screenshot(path=str(screens / "check-finding-clicked.png"))
    authorities = page.locator("details.authorities")
    row = authorities.locator("tr", has=page.locator("a", has_text="12-QĐ/TU"))
    assert "không khớp" in row.locator(".verdict").inner_text()
    authorities.screenshot(path=str(screens / "check-authorities.png"))
    assert page.locator("#" + target).inner_text() in texts
    # Summary by severity, and the annotated .docx to download.
    assert int(page.locator(".summary .sev-error .count").inner_text()) >= 2
    link = page.locator("a[download]")
    assert link.get_attribute("download") == "bao-cao-so-ket-nhan-xet.docx"
    with page.expect_download() as info:
        link.click()
    saved = screens / "annotated.docx"
    info.value.save_as(str(saved))
    import docx

    annotated = docx.Document(str(saved))
    assert any("date-mismatch" in c.text for c in annotated.comments)


def test_a_corrupt_docx_gets_a_message_not_a_crash(page: Any, base_url: str, screens: Path) -> None:
    page.goto(base_url + "/?lang=vi")
    page.locator("#file").set_input_files(
        {"name": "hong.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04xx"}
    )
    with page.expect_response(re.compile(r"/check$")) as info:
        page.locator("form.upload button[type=submit]").click()
    assert info.value.status == 422
    message = page.locator(".error-message").inner_text()
    assert message.startswith("hong.docx:")
    assert "Traceback" not in page.content()
    page.screenshot(path=str(screens / "check-corrupt-docx.png"))


@pytest.mark.parametrize(
    ("on", "first_ref", "shot"),
    [
        ("2021-06-01", "12-QĐ/TU", "applies-2021.png"),
        ("2023-01-01", "429-QĐ/TU", "applies-2023.png"),
    ],
)
def test_which_regulation_applies_depends_on_the_date(
    page: Any, base_url: str, screens: Path, on: str, first_ref: str, shot: str
) -> None:
    page.goto(base_url + "/applies")
    today = page.locator("#on").input_value()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", today)  # defaults to today
    page.locator("#q").fill("đối thoại trực tiếp")
    page.locator("#on").fill(on)
    page.locator("form.search button").click()
    page.wait_for_selector("ol.results li")
    page.screenshot(path=str(screens / shot), full_page=True)
    first = page.locator("ol.results li").first
    assert first_ref in first.locator(".doc-link").inner_text()
    assert "còn hiệu lực" in first.locator(".status").inner_text().lower()
    if first_ref == "429-QĐ/TU":
        old = page.locator("ol.results li").filter(
            has=page.locator(".doc-link", has_text="12-QĐ/TU")
        )
        assert old.count() == 1
        assert "thay thế" in old.first.locator(".status").inner_text()
        assert "429-QĐ/TU" in old.first.locator(".replaced").inner_text()
        assert "01/07/2022" in old.first.locator(".replaced").inner_text()


def test_document_page_shows_the_relation_picture(page: Any, base_url: str, screens: Path) -> None:
    page.goto(base_url + "/applies?q=đối+thoại+trực+tiếp&on=2023-01-01")
    page.locator("ol.results li .doc-link").first.click()
    page.wait_for_selector("svg.relgraph")
    assert "429-QĐ/TU" in page.locator("h1").inner_text()
    graph = page.locator("svg.relgraph")
    assert graph.is_visible()
    labels = graph.locator("a.node text").all_text_contents()
    assert "429-QĐ/TU" in labels and "12-QĐ/TU" in labels
    assert graph.locator("g.edge-replaces").count() >= 1
    graph.screenshot(path=str(screens / "document-graph.png"))
    page.screenshot(path=str(screens / "document-page.png"), full_page=True)
    origins = page.locator("table.relations .origin").all_inner_texts()
    assert "do người nhập" in origins and "nêu trong văn bản" in origins
    # The picture links to the neighbours' pages.
    graph.locator("a.node", has_text="12-QĐ/TU").first.click()
    page.wait_for_selector("svg.relgraph")
    assert "12-QĐ/TU" in page.locator("h1").inner_text()
    assert "thay thế" in page.locator(".record").inner_text().lower()
    page.screenshot(path=str(screens / "document-12.png"), full_page=True)


def test_english_toggle(page: Any, base_url: str, screens: Path, report_text: str) -> None:
    page.goto(base_url + "/")
    page.locator("a.lang").click()
    assert page.locator("h1").inner_text() == "Check the citations in a draft"
    page.locator("#text").fill(report_text)
    page.locator("form.upload button[type=submit]").click()
    page.wait_for_selector("section.findings")
    page.screenshot(path=str(screens / "check-english.png"))
    first = page.locator("li.finding.sev-error").first
    assert first.locator(".badge").inner_text() == "Error"
    assert "cited" in first.locator(".message").inner_text()
    assert "never stored" in page.locator(".privacy").inner_text()
    page.goto(base_url + "/applies")  # the choice is remembered
    assert page.locator("h1").inner_text() == "Which regulation applies?"
