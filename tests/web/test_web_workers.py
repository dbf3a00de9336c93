"""The web application on a PostgreSQL KB: several workers, the read-only role, a build
picked up while it serves."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SECRET = "s3cr3t-Pw"
CITECHECK = str(Path(sys.executable).parent / "citecheck")  # the installed program


@pytest.fixture(scope="module")
def pg_kb(pg_cluster: Any) -> str:
    """The seed corpus's KB in PostgreSQL (the writing role's address)."""
    from kb.queries.knowledge_base import KnowledgeBase

    dsn: str = pg_cluster.create_database("kb_web")
    kb = KnowledgeBase.open(dsn, readonly=False)
    try:
        kb.build([CORPUS])
    finally:
        kb.close()
    return dsn


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_with_two_workers_on_postgresql(pg_kb: str) -> None:
    import httpx

    from kb.store.scratch import reader_of

    port = _free_port()
    reader = reader_of(pg_kb).replace("kb_reader@", f"kb_reader:{SECRET}@")
    proc = subprocess.Popen(
        [CITECHECK, "serve", "--workers", "2", "--port", str(port)],
        env={**os.environ, "CITECHECK_DB": reader},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        answer = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                answer = httpx.get(
                    base + "/api/applies",
                    params={"q": "đối thoại trực tiếp", "on": "2023-01-01"},
                    timeout=10,
                )
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert answer is not None, f"the server did not answer ({proc.poll()})"
        assert answer.status_code == 200, answer.text
        assert answer.json()["results"][0]["ref"] == "429-QĐ/TU"
        # many questions at once, answered by both workers without an error
        with httpx.Client(base_url=base, timeout=30) as client:
            codes = {client.get("/api/documents/12-QĐ%2FTU").status_code for _ in range(20)}
        assert codes == {200}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
    assert SECRET not in output


def test_serve_passes_the_address_and_the_worker_count(
    monkeypatch: pytest.MonkeyPatch, pg_kb: str
) -> None:
    import uvicorn

    from citecheck.web.app import ENV_HOSTS, ENV_MAX_UPLOAD
    from citecheck.web.command import serve
    from kb.store.config import ENV_DB

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    for name in (ENV_DB, ENV_HOSTS, ENV_MAX_UPLOAD):  # the command sets them for its workers
        monkeypatch.setenv(name, "")
    result = CliRunner().invoke(serve, ["--db", pg_kb, "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert seen["app"] == "citecheck.web.app:app_from_environment" and seen["factory"]
    assert seen["workers"] == 3
    assert os.environ[ENV_DB] == pg_kb


def test_a_build_is_picked_up_by_a_running_engine(pg_cluster: Any, pg_kb: str) -> None:
    from citecheck.web.backend import EngineBackend
    from kb.queries.knowledge_base import KnowledgeBase
    from kb.store.scratch import reader_of

    dsn = pg_cluster.create_database("kb_live")
    kb = KnowledgeBase.open(dsn, readonly=False)
    kb.build([CORPUS])
    kb.close()
    engine = EngineBackend(reader_of(dsn))
    on = dt.date(2023, 1, 1)
    first = engine.applies("đối thoại trực tiếp", on, "vi")
    assert first.model_dump()["results"]
    assert engine.applies("đối thoại trực tiếp", on, "vi") is first  # answered from the cache
    kb = KnowledgeBase.open(dsn, readonly=False)
    kb.build([])  # every file dropped: an empty KB
    kb.close()
    assert engine.applies("đối thoại trực tiếp", on, "vi").model_dump()["results"] == []


def test_an_unreachable_server_is_a_503_without_the_password() -> None:
    from fastapi.testclient import TestClient

    from citecheck.web.app import create_app

    dsn = f"postgresql://kb:{SECRET}@127.0.0.1:1/kb?connect_timeout=3"
    with TestClient(create_app(dsn), raise_server_exceptions=False) as client:
        r = client.get("/api/applies", params={"q": "đối thoại"})
        assert r.status_code == 503
        assert SECRET not in r.text
