"""Fixtures for the web application: a KB built from the seed corpus, a test client, drafts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
REPORT_2022 = CORPUS / "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt"
LARGEST = CORPUS / "2024-bc-dan-van-dan-chu-quy-1.txt"


def docx_bytes(text: str) -> bytes:
    """A .docx with one paragraph per line of ``text``."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def kb_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB file built from the seed corpus (and its curated facts)."""
    queries = pytest.importorskip(
        "kb.queries.knowledge_base", reason="the KB library is not on this branch"
    )
    path = tmp_path_factory.mktemp("kb") / "kb.sqlite"
    kb = queries.KnowledgeBase.open(path, readonly=False)
    try:
        kb.build([CORPUS])
    finally:
        kb.close()
    return path


@pytest.fixture(scope="session")
def app(kb_db: Path) -> Any:
    pytest.importorskip("citecheck.engine", reason="the checker is not on this branch")
    from citecheck.web.app import create_app

    return create_app(kb_db, max_upload_mb=2)


@pytest.fixture()
def client(app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def make_docx() -> Any:
    return docx_bytes


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT_2022.read_text(encoding="utf-8")
