"""The web application: three pages for the office and a JSON API over the same engine.

``create_app()`` builds a FastAPI application; ``kb serve`` runs it with uvicorn on
localhost. Pages are Jinja2 templates with autoescaping (document text is untrusted);
every asset is served by the application itself, so it works without a network.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartParser

from citecheck.web import api, pages
from citecheck.web.backend import Ambiguous, Backend, EngineBackend, KBUnavailable
from citecheck.web.common import Settings, error_response, render, request_lang, wants_json
from citecheck.web.i18n import has, t
from citecheck.web.limits import BodyLimit, SecurityHeaders
from citecheck.web.uploads import UploadError

log = logging.getLogger("citecheck.web")

DEFAULT_MAX_UPLOAD_MB = 20


def create_app(
    db: Path | None = None,
    *,
    backend: Backend | None = None,
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB,
    cache_size: int = 512,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """Build the application over the KB file ``db`` (opened read-only).

    ``allowed_hosts`` limits the Host header the application answers to (``kb serve`` on
    localhost passes the loopback names, so a web page elsewhere cannot reach the
    application through a rebound DNS name).
    """
    engine: Backend = backend if backend is not None else EngineBackend(db, cache_size)
    max_bytes = max_upload_mb * 1024 * 1024
    # Uploads stay in memory: never let the form parser spool a file to disk.
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, max_bytes + 1)

    app = FastAPI(
        title="citecheck",
        summary="Kiểm tra trích dẫn và tra cứu văn bản — API",
        version=_version(),
        docs_url=None,  # the interactive docs pull scripts from a CDN; the app works offline
        redoc_url=None,
    )
    app.state.settings = Settings(engine, max_bytes)
    app.add_middleware(BodyLimit, max_bytes=max_bytes + 64 * 1024)  # + room for form headers
    app.add_middleware(SecurityHeaders)
    if allowed_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.mount("/static", StaticFiles(packages=[("citecheck.web", "static")]), name="static")
    api.register(app)
    pages.register(app)
    _register_errors(app)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("citecheck")
    except Exception:
        return "0"


# -- errors --------------------------------------------------------------------------------
def _register_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        lang = request_lang(request)
        message = exc.detail if isinstance(exc.detail, str) else t("error.bad_form", lang)
        if exc.status_code == 404 and message == "Not Found":
            message = t("error.not_found", lang)
        if exc.status_code == 405:
            message = t("error.method" if wants_json(request) else "error.not_found", lang)
        response = error_response(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            errors = _jsonable(exc.errors(), request_lang(request))
            return JSONResponse({"detail": errors}, status_code=422)
        return error_response(request, 422, t("error.bad_form", request_lang(request)))

    @app.exception_handler(UploadError)
    async def bad_upload(request: Request, exc: UploadError) -> Response:
        return error_response(request, exc.status, exc.text(request_lang(request)))

    @app.exception_handler(Ambiguous)
    async def ambiguous(request: Request, exc: Ambiguous) -> Response:
        lang = request_lang(request)
        message = t("doc.ambiguous", lang, ref=exc.ref, keys=", ".join(exc.candidates))
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=409)
        context = {"status": 409, "message": message, "candidates": exc.candidates}
        return render(request, "error.html", context, lang, status=409)

    @app.exception_handler(KBUnavailable)
    async def kb_missing(request: Request, exc: KBUnavailable) -> Response:
        return error_response(request, 503, t("error.kb_missing", request_lang(request)))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, t("error.internal", request_lang(request)))


def _jsonable(errors: Any, lang: str = "vi") -> Any:
    """Validation errors without the raw input objects (bytes are not JSON), each ``msg`` in
    ``lang`` (pydantic writes English; ``type`` and ``loc`` stay as codes)."""
    out = []
    for e in errors:
        item = {k: v for k, v in dict(e).items() if k in ("type", "loc", "msg")}
        item["loc"] = [str(x) for x in item.get("loc", [])]
        if lang != "en":
            key = f"invalid.{e.get('type', '')}"
            item["msg"] = t(key if has(key) else "invalid.other", lang, **dict(e.get("ctx") or {}))
        out.append(item)
    return out


__all__ = ["create_app"]
