"""``kb serve`` and the engine behind the pages: options, defaults, a rebuilt KB picked up."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck.web.command import serve


def test_serve_defaults_to_localhost(monkeypatch: pytest.MonkeyPatch, kb_db: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(serve, ["--db", str(kb_db)])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in result.output
    assert seen["app"].state.settings.backend.db == kb_db
    from fastapi.testclient import TestClient

    with TestClient(seen["app"], base_url="http://127.0.0.1:8000") as client:
        assert client.get("/").status_code == 200
    with TestClient(seen["app"], base_url="http://evil.example") as client:
        assert client.get("/").status_code == 400  # a rebound DNS name is refused


def test_serve_options_and_missing_db(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    missing = tmp_path / "none.sqlite"
    result = CliRunner().invoke(
        serve, ["--db", str(missing), "--host", "0.0.0.0", "--port", "8123"]
    )
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 8123)
    assert "kb build" in result.output  # says how to get a KB
    assert "0.0.0.0" in result.output  # warns that it listens beyond this machine


def test_without_a_kb_the_checker_still_works(tmp_path: Path, report_text: str) -> None:
    pytest.importorskip("citecheck.engine")
    from fastapi.testclient import TestClient

    from citecheck.web.app import create_app

    with TestClient(create_app(tmp_path / "none.sqlite")) as client:
        r = client.post("/api/check", files={"text": (None, report_text)})
        assert r.status_code == 200
        assert any(f["name"] == "date-mismatch" for f in r.json()["files"][0]["findings"])
        r = client.get("/api/applies", params={"q": "đối thoại"})
        assert r.status_code == 503
        assert "kb build" in r.json()["detail"]
        assert client.get("/applies?q=x").status_code == 503


def test_a_rebuilt_kb_is_picked_up(tmp_path: Path, kb_db: Path) -> None:
    from citecheck.web.backend import EngineBackend
    from kb.queries.knowledge_base import KnowledgeBase

    live = tmp_path / "kb.sqlite"
    shutil.copy(kb_db, live)
    engine = EngineBackend(live)
    on = dt.date(2023, 1, 1)
    first = engine.applies("đối thoại trực tiếp", on, "vi")
    assert first.model_dump()["results"]
    assert engine.applies("đối thoại trực tiếp", on, "vi") is first  # answered from the cache

    empty = tmp_path / "empty.sqlite"
    kb = KnowledgeBase.open(empty, readonly=False)
    kb.build([])
    kb.close()
    os.replace(empty, live)  # what an atomic `kb build` does
    assert engine.applies("đối thoại trực tiếp", on, "vi").model_dump()["results"] == []


class _Broken:
    """An engine that fails: the application must answer with a message, not a traceback."""

    def models(self) -> Any:
        return dict, dict, dict  # responses described loosely

    def check(self, draft: Any, lang: str) -> Any:
        raise RuntimeError("secret detail /srv/internal/path")

    def annotate(self, draft: Any, report: Any, lang: str) -> Any:
        return None

    def applies(self, query: str, on: dt.date, lang: str) -> Any:
        raise RuntimeError("secret detail /srv/internal/path")

    def show(self, ref: str, on: dt.date, lang: str) -> Any:
        raise RuntimeError("secret detail /srv/internal/path")


def test_an_engine_failure_is_a_plain_500(caplog: pytest.LogCaptureFixture) -> None:
    from fastapi.testclient import TestClient

    from citecheck.web.app import create_app

    with TestClient(create_app(backend=_Broken()), raise_server_exceptions=False) as client:
        for method, path, kw in [
            ("post", "/api/check", {"files": {"text": (None, "Quy định số 12-QĐ/TU")}}),
            ("post", "/check", {"files": {"text": (None, "Quy định số 12-QĐ/TU")}}),
            ("get", "/api/applies?q=x", {}),
            ("get", "/applies?q=x", {}),
            ("get", "/documents/12-QĐ%2FTU", {}),
        ]:
            r = getattr(client, method)(path, **kw)
            assert r.status_code == 500, path
            assert "secret detail" not in r.text and "Traceback" not in r.text
            assert "Đã xảy ra lỗi khi xử lý" in r.text
    assert "secret detail" in caplog.text  # the administrator finds it in the log
