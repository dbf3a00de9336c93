"""Helpers shared by the pages and the API: settings, language, dates, drafts, templates."""

from __future__ import annotations

import base64
import datetime as dt
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from citecheck.web.backend import Backend
from citecheck.web.i18n import LANGS, doc_label, fmt_date, pick_lang, short_path, t
from citecheck.web.uploads import Draft, UploadError, paste, read_upload

MULTIPART = "multipart/form-data"


class Settings:
    """What a running application knows about itself."""

    def __init__(self, backend: Backend, max_upload_bytes: int) -> None:
        self.backend = backend
        self.max_upload_bytes = max_upload_bytes

    @property
    def max_upload_mb(self) -> int:
        return self.max_upload_bytes >> 20


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def request_lang(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get("lang"))


def parse_on(value: str | None) -> dt.date:
    """A date from ``YYYY-MM-DD`` (today when empty); ValueError when malformed."""
    if value is None or not value.strip():
        return dt.date.today()
    return dt.date.fromisoformat(value.strip())


async def read_draft(request: Request, lang: str) -> Draft:
    """The draft sent as multipart ``file`` or ``text``; :class:`UploadError` when unusable."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != MULTIPART:
        raise HTTPException(415, t("error.media_type", lang))
    limit = settings(request).max_upload_bytes
    try:
        form = await request.form(max_files=1, max_fields=4, max_part_size=limit)
    except MultiPartException as err:
        raise HTTPException(400, t("error.bad_form", lang)) from err
    try:
        upload = form.get("file")
        if upload is not None and not isinstance(upload, str) and upload.filename:
            data = await upload.read()
            if len(data) > limit:
                raise HTTPException(413, t("error.too_large", lang, mb=limit >> 20))
            draft: Draft = await run_in_threadpool(
                read_upload, upload.filename, upload.content_type, data
            )
            return draft
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            return paste(text)
        raise UploadError("nothing", status=422)
    finally:
        await form.close()


def doc_href(ref: str | None, on: dt.date | str | None = None) -> str:
    """The page of a document (by key or số hiệu), its status shown on ``on``."""
    if not ref:
        return "#"
    when = on.isoformat() if isinstance(on, dt.date) else on
    query = f"?{urlencode({'on': when})}" if when else ""
    return "/documents/" + quote(ref, safe="") + query


def data_url(data: bytes, media_type: str) -> str:
    return f"data:{media_type};base64," + base64.b64encode(data).decode("ascii")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("citecheck.web", "templates"),
        autoescape=select_autoescape(["html", "svg", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["doc_href"] = doc_href
    env.globals["label"] = doc_label
    env.filters["date"] = fmt_date
    env.filters["shortpath"] = short_path
    return env


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    lang: str,
    status: int = 200,
) -> HTMLResponse:
    """Render a page; remember an explicitly chosen language in a cookie."""
    other = "en" if lang == "vi" else "vi"
    params = dict(request.query_params)
    params["lang"] = other
    path = request.url.path if request.method == "GET" else "/"
    toggle = path + "?" + urlencode(params if request.method == "GET" else {"lang": other})

    def tr(key: str, **fields: object) -> str:
        return t(key, lang, **fields)

    body = (
        environment()
        .get_template(template)
        .render(
            {
                **context,
                "t": tr,
                "lang": lang,
                "toggle_href": toggle,
                "path": request.url.path,
                "max_upload_mb": settings(request).max_upload_mb,
            }
        )
    )
    response = HTMLResponse(body, status_code=status)
    chosen = request.query_params.get("lang")
    if chosen in LANGS:
        response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="lax")
    return response


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(
        request,
        "error.html",
        {"status": status, "message": message},
        request_lang(request),
        status=status,
    )
