"""The JSON API: the same pydantic models as ``citecheck --format json``, ``kb applies`` and
``kb show``, described in the application's OpenAPI document (``/openapi.json``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from citecheck.web.common import read_draft, settings
from citecheck.web.i18n import t
from citecheck.web.uploads import DOCX_MEDIA_TYPE

Lang = Literal["vi", "en"]
JSON = "application/json"

_ERROR = {
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    }
}

CHECK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "the draft: .docx, .pdf or .txt (UTF-8)",
                        },
                        "text": {
                            "type": "string",
                            "description": "the draft's text, when no file is sent",
                        },
                    },
                }
            }
        },
    }
}

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "malformed form", **_ERROR},
    413: {"description": "upload too large", **_ERROR},
    415: {"description": "not multipart, or a file of an unsupported type", **_ERROR},
    422: {"description": "no draft, or a draft that cannot be read", **_ERROR},
}


def register(app: FastAPI) -> None:
    backend = settings_backend(app)
    check_model, applies_model, show_model = backend.models()

    @app.post(
        "/api/check",
        response_model=check_model,
        summary="Check the citations in a draft",
        description="Send a draft as multipart `file` (.docx, .pdf, .txt) or `text`; "
        "get the `citecheck --format json` report. Nothing is stored.",
        tags=["check"],
        openapi_extra=CHECK_BODY,
        responses=UPLOAD_ERRORS,
    )
    async def api_check(request: Request, lang: Lang = "vi") -> Any:
        draft = await read_draft(request, lang)
        report = await run_in_threadpool(settings(request).backend.check, draft, lang)
        return Response(await run_in_threadpool(report.model_dump_json), media_type=JSON)

    @app.post(
        "/api/annotate",
        summary="The draft .docx with the findings as Word comments",
        tags=["check"],
        openapi_extra=CHECK_BODY,
        response_class=Response,
        responses={
            200: {"content": {DOCX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}}},
            **UPLOAD_ERRORS,
        },
    )
    async def api_annotate(request: Request, lang: Lang = "vi") -> Response:
        draft = await read_draft(request, lang)
        if draft.kind != "docx":
            raise HTTPException(415, t("upload.unsupported", lang, name=draft.name))
        engine = settings(request).backend
        report = await run_in_threadpool(engine.check, draft, lang)
        data = await run_in_threadpool(engine.annotate, draft, report, lang)
        body = data if data is not None else (draft.data or b"")
        stem = draft.name.rsplit(".", 1)[0]
        return Response(
            body,
            media_type=DOCX_MEDIA_TYPE,
            headers={"content-disposition": _attachment(f"{stem}-nhan-xet.docx")},
        )

    @app.get(
        "/api/applies",
        response_model=applies_model,
        summary="Which regulation applies on a date",
        description="Documents matching `q`, best first, those in force on `on` first; "
        "the `kb applies --format json` shape.",
        tags=["kb"],
        responses={422: {"description": "bad query or date"}, 503: _ERROR},
    )
    async def api_applies(
        request: Request,
        q: Annotated[str, Query(min_length=1, max_length=200, description="what to look for")],
        on: Annotated[dt.date | None, Query(description="ISO date; today when absent")] = None,
        lang: Lang = "vi",
    ) -> Any:
        # A few milliseconds of indexed SQLite: answered on the event loop, which is cheaper
        # than a hop to the thread pool; the model is serialised once, without re-validation.
        result = settings(request).backend.applies(q, on or dt.date.today(), lang)
        return _json(result)

    @app.get(
        "/api/documents/{ref}",
        response_model=show_model,
        summary="One document: record, mentions, relations",
        description="`ref` is a KB key or a số hiệu (URL-encode the slash: `429-QĐ%2FTU`); "
        "the `kb show --format json` shape.",
        tags=["kb"],
        responses={
            404: {"description": "no such document", **_ERROR},
            409: {"description": "a số hiệu naming several documents", **_ERROR},
            503: _ERROR,
        },
    )
    async def api_document(
        request: Request,
        ref: Annotated[str, Path(min_length=1, max_length=200)],
        on: Annotated[dt.date | None, Query(description="status on this date")] = None,
        lang: Lang = "vi",
    ) -> Any:
        result = settings(request).backend.show(ref, on or dt.date.today(), lang)
        if result is None:
            raise HTTPException(404, t("doc.not_found", lang, ref=ref))
        return _json(result)

    # Route order: a "/" inside an unencoded ref ("429-QĐ/TU") reaches the same handler.
    app.add_api_route(
        "/api/documents/{ref:path}",
        api_document,
        methods=["GET"],
        include_in_schema=False,
    )


def _json(model: Any) -> Response:
    return Response(model.model_dump_json(), media_type=JSON)


def settings_backend(app: FastAPI) -> Any:
    return app.state.settings.backend


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
