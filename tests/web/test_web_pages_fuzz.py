"""Random input on the HTML pages (which the OpenAPI description does not cover): never a
server error, and the input comes back escaped."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # no lone surrogates: not UTF-8
    max_size=300,
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)


def test_applies_page(client: Any) -> None:
    @SETTINGS
    @given(q=TEXT, on=st.one_of(TEXT, st.dates().map(str)))
    def run(q: str, on: str) -> None:
        r = client.get("/applies", params={"q": q, "on": on})
        assert r.status_code in (200, 422), r.status_code
        assert "<script" not in q or "<script" not in r.text.split("<main>")[1]

    run()


def test_document_page(client: Any) -> None:
    @SETTINGS
    @given(ref=TEXT.filter(lambda s: s.strip() not in ("", ".", "..")))
    def run(ref: str) -> None:
        r = client.get("/documents/" + quote(ref, safe=""))
        assert r.status_code in (200, 404, 409), r.status_code

    run()


def test_check_page(client: Any) -> None:
    @SETTINGS
    @given(text=TEXT)
    def run(text: str) -> None:
        r = client.post("/check", files={"text": (None, text)})
        assert r.status_code in (200, 422), r.status_code
        if r.status_code == 200:
            # the text comes back whole: only our own tags around it, its own characters escaped
            shown = r.text.split('class="draft">', 1)[1].split("</pre>", 1)[0]
            assert html.unescape(re.sub(r"<[^>]*>", "", shown)) == text.replace("\r\n", "\n")

    run()
