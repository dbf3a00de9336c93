"""The three pages: check a draft, which regulation applies, a document's record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from citecheck import highlight
from citecheck.web import graphsvg
from citecheck.web.common import data_url, parse_on, read_draft, render, request_lang, settings
from citecheck.web.i18n import doc_label, fmt_date, has, t
from citecheck.web.uploads import DOCX_MEDIA_TYPE, Draft

GRAPH_MAX_NODES = 16


def register(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def check_form(request: Request) -> HTMLResponse:
        return render(request, "check.html", {"report": None}, request_lang(request))

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_result(request: Request) -> HTMLResponse:
        lang = request_lang(request)
        draft = await read_draft(request, lang)
        engine = settings(request).backend
        report = await run_in_threadpool(engine.check, draft, lang)
        annotated = await run_in_threadpool(engine.annotate, draft, report, lang)
        # Building a long page is work too: keep it off the event loop.
        return await run_in_threadpool(_check_page, request, draft, report, annotated, lang)

    @app.get("/applies", response_class=HTMLResponse, include_in_schema=False)
    def applies_page(request: Request, q: str = "", on: str = "") -> HTMLResponse:
        lang = request_lang(request)
        error = None
        try:
            day = parse_on(on)
        except ValueError:
            day = dt.date.today()
            error = t("applies.bad_date", lang, value=on)
        result = None
        query = q.strip()[:200]
        if query and error is None:
            result = settings(request).backend.applies(query, day, lang).model_dump(mode="json")
        context = {"q": query, "on": day.isoformat(), "result": result, "error": error}
        status = 422 if error else 200
        return render(request, "applies.html", context, lang, status=status)

    @app.get("/documents/{ref:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, ref: str, on: str = "") -> HTMLResponse:
        lang = request_lang(request)
        try:
            day = parse_on(on)
        except ValueError:
            day = dt.date.today()
        engine = settings(request).backend
        shown = engine.show(ref[:200], day, lang)
        if shown is None:
            context = {"message": t("doc.not_found", lang, ref=ref[:200]), "status": 404}
            return render(request, "error.html", context, lang, status=404)
        data = shown.model_dump(mode="json")
        svg = neighbourhood_svg(engine, data, day, lang)
        context = {"show": data, "on": day, "svg": Markup(svg)}
        return render(request, "document.html", context, lang)


def _check_page(
    request: Request, draft: Draft, report: Any, annotated: bytes | None, lang: str
) -> HTMLResponse:
    data = report.model_dump(mode="json")
    findings = sorted(
        (f for ff in data.get("files", []) for f in ff.get("findings", [])),
        key=lambda f: (f.get("start", 0), f.get("end", 0)),
    )
    download = None
    if annotated is not None:
        stem = draft.name.rsplit(".", 1)[0]
        download = {
            "href": data_url(annotated, DOCX_MEDIA_TYPE),
            "name": f"{stem}-nhan-xet.docx",
        }
    context = {
        "report": data,
        "draft": draft,
        "findings": findings,
        "pieces": highlight.pieces(draft.text, findings),
        "counts": highlight.summary(findings),
        "download": download,
    }
    return render(request, "check.html", context, lang)


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind.{kind}", lang) if has(f"kind.{kind}") else kind


def neighbourhood_svg(engine: Any, shown: dict[str, Any], on: dt.date, lang: str) -> str:
    """The document, the documents it is related to, and the relations among those."""
    doc = shown["document"]
    center = doc["key"]
    nodes: dict[str, graphsvg.Node] = {
        center: graphsvg.Node(
            center, doc.get("ref") or center, fmt_date(doc.get("date")), doc.get("status")
        )
    }
    edges: set[graphsvg.Edge] = set()
    neighbours: list[str] = []
    for rel in shown.get("relations", []):
        other = rel["other"]
        key = other["key"]
        if key not in nodes:
            if len(nodes) >= GRAPH_MAX_NODES:
                continue
            nodes[key] = graphsvg.Node(
                key, doc_label(other.get("ref"), key), fmt_date(other.get("date"))
            )
            neighbours.append(key)
        src, dst = (center, key) if rel["direction"] == "out" else (key, center)
        edges.add(graphsvg.Edge(src, dst, rel["kind"], rel["origin"]))
    # One more look at each neighbour: its status, and its relations with other neighbours.
    for key in neighbours:
        other_shown = engine.show(key, on, lang)
        if other_shown is None:
            continue
        other = other_shown.model_dump(mode="json")
        od = other["document"]
        nodes[key] = graphsvg.Node(
            key, doc_label(od.get("ref"), key), fmt_date(od.get("date")), od.get("status")
        )
        for rel in other.get("relations", []):
            k2 = rel["other"]["key"]
            if k2 == center or k2 not in nodes:
                continue
            src, dst = (key, k2) if rel["direction"] == "out" else (k2, key)
            edges.add(graphsvg.Edge(src, dst, rel["kind"], rel["origin"]))
    labels = {k: kind_label(k, lang) for k in graphsvg.KIND_COLOUR}
    title = f"{t('doc.graph', lang)}: {doc.get('ref') or center}"
    return graphsvg.render(
        center, list(nodes.values()), sorted(edges, key=_edge_key), labels, title
    )


def _edge_key(e: graphsvg.Edge) -> tuple[str, str, str, str]:
    return (e.source, e.target, e.kind, e.origin)
