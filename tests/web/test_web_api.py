"""The JSON API and the pages over a KB built from the seed corpus (FastAPI's TestClient)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb_db(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    new_kb: Any,
) -> str:
    """The seed corpus's KB on each backend in turn; on PostgreSQL the application
    connects as the read-only role."""
    from kb.queries.knowledge_base import KnowledgeBase

    target = new_kb(request.param, tmp_path_factory.mktemp("kb"))
    kb = KnowledgeBase.open(target, readonly=False)
    try:
        kb.build([CORPUS])
    finally:
        kb.close()
    return str(target)


@pytest.fixture(scope="module")
def app(kb_db: str) -> Any:
    from citecheck.web.app import create_app
    from kb.store.scratch import reader_of

    return create_app(reader_of(kb_db), max_upload_mb=2)


def _findings(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for ff in body["files"] for f in ff["findings"]]


def _date_mismatch_on(findings: list[dict[str, Any]], text: str, date: str) -> list[dict[str, Any]]:
    return [
        f for f in findings if f["name"] == "date-mismatch" and date in text[f["start"] : f["end"]]
    ]


# -- POST /api/check --------------------------------------------------------------------
def test_check_pasted_text_finds_the_date_mismatch(client: Any, report_text: str) -> None:
    r = client.post("/api/check", files={"text": (None, report_text)})
    assert r.status_code == 200
    body = r.json()
    findings = _findings(body)
    wrong = _date_mismatch_on(findings, report_text, "27/12/2019")
    assert len(wrong) == 2  # the two citations that say 27/12/2019
    f = wrong[0]
    assert f["severity"] == "error"
    assert f["ref"] == "12-QĐ/TU"
    assert "27/02/2019" in f["message"] and "27/12/2019" in f["message"]
    assert all("27/02/2019" in r["text"] for r in f["related"])
    assert f["suggestion"]
    assert body["summary"]["errors"] == sum(1 for x in findings if x["severity"] == "error")


def test_check_same_shape_as_the_cli_model(client: Any, report_text: str) -> None:
    from citecheck.models import CheckReport

    r = client.post("/api/check", files={"text": (None, report_text)})
    CheckReport.model_validate(r.json())
    assert set(r.json()) >= {"files", "summary"}


def test_check_docx_upload_gives_the_same_findings_as_text(
    client: Any, report_text: str, make_docx: Any
) -> None:
    r = client.post("/api/check", files={"file": ("bao-cao.docx", make_docx(report_text), DOCX)})
    assert r.status_code == 200
    body = r.json()
    assert body["files"][0]["path"] == "bao-cao.docx"
    names = sorted(f["name"] for f in _findings(body))
    text_names = sorted(
        f["name"]
        for f in _findings(client.post("/api/check", files={"text": (None, report_text)}).json())
    )
    assert names == text_names
    located = [f for f in _findings(body) if f["name"] == "date-mismatch"]
    assert all(f["location"] and f["location"]["paragraph"] is not None for f in located)


def test_check_txt_upload_and_english(client: Any, report_text: str) -> None:
    data = report_text.encode()
    r = client.post(
        "/api/check?lang=en", files={"file": ("bc.txt", data, "text/plain; charset=utf-8")}
    )
    assert r.status_code == 200
    wrong = _date_mismatch_on(_findings(r.json()), report_text, "27/12/2019")
    assert wrong and "cited" in wrong[0]["message"]


def test_text_that_names_a_server_file_is_checked_as_text(client: Any) -> None:
    r = client.post("/api/check", files={"text": (None, "/etc/passwd")})
    assert r.status_code == 200
    assert r.json()["files"][0]["path"] != "/etc/passwd"
    assert "root:" not in r.text


@pytest.mark.parametrize(
    ("files", "status", "needle"),
    [
        ({"file": ("hong.docx", b"PK\x03\x04garbage", DOCX)}, 422, "hong.docx"),
        ({"file": ("x.exe", b"MZ\x90\x00", "application/octet-stream")}, 415, ".docx, .pdf"),
        ({"file": ("x.docx", b"plain text", DOCX)}, 415, "x.docx"),
        ({"file": ("x.txt", b"\xff\xfe\x00\x00garbage\x00\x00\xff", "text/plain")}, 422, "x.txt"),
        ({"text": (None, "   ")}, 422, "dán nội dung"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(
    client: Any, files: dict[str, Any], status: int, needle: str
) -> None:
    r = client.post("/api/check", files=files)
    assert r.status_code == status, r.text
    assert needle in r.json()["detail"]


def test_not_multipart_is_415(client: Any, report_text: str) -> None:
    r = client.post("/api/check", json={"text": report_text})
    assert r.status_code == 415
    assert "multipart/form-data" in r.json()["detail"]


def test_upload_size_limit_is_413(client: Any) -> None:
    big = b"a" * (3 * 1024 * 1024)  # the test app allows 2 MB
    r = client.post("/api/check", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert r.json()["detail"] == "Tệp quá lớn: tối đa 2 MB."


def test_chunked_body_over_the_limit_is_413(client: Any) -> None:
    def chunks() -> Any:
        for _ in range(40):
            yield b"x" * (100 * 1024)

    r = client.post(
        "/api/check",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=zzz"},
    )
    assert r.status_code == 413


def test_annotate_returns_a_docx_with_comments(
    client: Any, report_text: str, make_docx: Any
) -> None:
    import docx

    r = client.post("/api/annotate", files={"file": ("bc.docx", make_docx(report_text), DOCX)})
    assert r.status_code == 200
    assert r.headers["content-type"] == DOCX
    assert "bc-nhan-xet.docx" in r.headers["content-disposition"]
    comments = docx.Document(io.BytesIO(r.content)).comments
    assert any("date-mismatch" in c.text and "27/02/2019" in c.text for c in comments)


def test_annotate_needs_no_operating_system_files(
    client: Any, report_text: str, make_docx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the copy is built from bytes in memory: no anonymous files, no /proc
    monkeypatch.delattr(os, "memfd_create", raising=False)
    r = client.post("/api/annotate", files={"file": ("bc.docx", make_docx(report_text), DOCX)})
    assert r.status_code == 200 and r.headers["content-type"] == DOCX


# -- GET /api/applies ---------------------------------------------------------------------
@pytest.mark.parametrize(("on", "first"), [("2021-06-01", "12-QĐ/TU"), ("2023-01-01", "429-QĐ/TU")])
def test_applies_depends_on_the_date(client: Any, on: str, first: str) -> None:
    r = client.get("/api/applies", params={"q": "đối thoại trực tiếp", "on": on})
    assert r.status_code == 200
    body = r.json()
    assert body["on"] == on and body["query"] == "đối thoại trực tiếp"
    assert body["results"][0]["ref"] == first
    assert body["results"][0]["status"] == "in_force"


def test_applies_says_what_replaced_the_old_regulation(client: Any) -> None:
    body = client.get(
        "/api/applies", params={"q": "đối thoại trực tiếp", "on": "2023-01-01"}
    ).json()
    old = next(r for r in body["results"] if r["ref"] == "12-QĐ/TU")
    assert old["status"] == "replaced"
    assert [(d["ref"], d["date"]) for d in old["replaced_by"]] == [("429-QĐ/TU", "2022-07-01")]


def test_applies_same_model_as_the_cli(client: Any) -> None:
    from kb.records import AppliesResult

    r = client.get("/api/applies", params={"q": "đối thoại", "on": "2023-01-01"})
    AppliesResult.model_validate(r.json())


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "x", "on": "2023-13-01"}, {"q": "x" * 201}]
)
def test_applies_bad_parameters_are_422(client: Any, params: dict[str, str]) -> None:
    assert client.get("/api/applies", params=params).status_code == 422


# -- GET /api/documents/{ref} ---------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/documents/429-QĐ%2FTU", "/api/documents/429-QĐ/TU"])
def test_document_by_ref(client: Any, path: str) -> None:
    r = client.get(path, params={"on": "2023-01-01"})
    assert r.status_code == 200
    body = r.json()
    doc = body["document"]
    assert (doc["ref"], doc["date"], doc["status"]) == ("429-QĐ/TU", "2022-07-01", "in_force")
    kinds = {(x["kind"], x["direction"], x["other"]["ref"], x["origin"]) for x in body["relations"]}
    assert ("replaces", "out", "12-QĐ/TU", "curated") in kinds
    assert ("guides", "in", "09-HD/BDVTU", "stated") in kinds
    assert body["mentions"]


def test_document_same_model_as_the_cli(client: Any) -> None:
    from kb.records import ShowResult

    ShowResult.model_validate(client.get("/api/documents/12-QĐ%2FTU").json())


def test_unknown_document_is_404(client: Any) -> None:
    r = client.get("/api/documents/999-QĐ%2FXX")
    assert r.status_code == 404
    assert "999-QĐ/XX" in r.json()["detail"]


def test_openapi_describes_the_three_endpoints(client: Any) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert "post" in paths["/api/check"]
    assert "multipart/form-data" in paths["/api/check"]["post"]["requestBody"]["content"]
    assert "get" in paths["/api/applies"] and "get" in paths["/api/documents/{ref}"]
    schemas = spec["components"]["schemas"]
    assert {"CheckReport", "AppliesResult", "ShowResult"} <= set(schemas)


# -- pages ----------------------------------------------------------------------------------
def test_pages_render_in_vietnamese_with_our_own_assets(client: Any) -> None:
    for path in ("/", "/applies", "/applies?q=đối+thoại&on=2021-06-01", "/documents/12-QĐ%2FTU"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert '<html lang="vi">' in r.text
        assert not re.search(r"""(src|href)=["']https?://""", r.text), path
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/docs").status_code == 404  # the CDN-based docs are off


def test_check_page_escapes_the_draft(client: Any) -> None:
    text = "Quy định số 12-QĐ/TU ngày 27/12/2019 <script>alert('x')</script> <b>đậm</b>"
    r = client.post("/check", files={"text": (None, text)})
    assert r.status_code == 200
    assert "<script>alert" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text
    assert "&lt;b&gt;đậm&lt;/b&gt;" in r.text


def test_check_page_highlights_the_wrong_date(client: Any, report_text: str) -> None:
    r = client.post("/check", files={"text": (None, report_text)})
    marks = re.findall(r'<mark class="hl sev-error"[^>]*>([^<]*)</mark>', r.text)
    assert any("27/12/2019" in m for m in marks)
    assert "Dự thảo chỉ được xử lý trong bộ nhớ" in r.text
    assert "a download" not in r.text  # no .docx to annotate for pasted text


def test_corrupt_docx_on_the_page_is_a_message(client: Any) -> None:
    r = client.post("/check", files={"file": ("hong.docx", b"PK\x03\x04garbage", DOCX)})
    assert r.status_code == 422
    assert 'class="error-message"' in r.text and "hong.docx" in r.text
    assert "Traceback" not in r.text


def test_page_413_is_a_page(client: Any) -> None:
    r = client.post("/check", files={"file": ("big.txt", b"a" * (3 << 20), "text/plain")})
    assert r.status_code == 413
    assert "Tệp quá lớn" in r.text


def test_unknown_document_page_is_404(client: Any) -> None:
    r = client.get("/documents/khong-co")
    assert r.status_code == 404
    assert "khong-co" in r.text


def test_bad_date_on_the_applies_page(client: Any) -> None:
    r = client.get("/applies", params={"q": "đối thoại", "on": "31/02/2022"})
    assert r.status_code == 422
    assert "Ngày không hợp lệ" in r.text


def test_static_files_do_not_reach_outside(client: Any) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fbackend.py"):
        assert client.get(path).status_code == 404


def test_kb_opened_read_only(app: Any) -> None:
    kb = app.state.settings.backend.kb()
    with pytest.raises(Exception, match=r"readonly|read-only|permission denied"):
        kb.store.execute("CREATE TABLE t(x TEXT)")
    with pytest.raises(Exception, match=r"readonly|read-only|permission denied"):
        kb.store.execute("DELETE FROM documents")


# -- the API and the command line give the same answers ----------------------------------------
def test_applies_equals_kb_applies_json(client: Any, kb_db: Any) -> None:
    import json

    from click.testing import CliRunner

    commands = pytest.importorskip("kb.cli.commands")
    args = ["đối thoại trực tiếp", "--on", "2023-01-01", "--db", str(kb_db), "--format", "json"]
    cli = CliRunner().invoke(commands.applies_cmd, args)
    assert cli.exit_code == 0, cli.output
    api = client.get("/api/applies", params={"q": "đối thoại trực tiếp", "on": "2023-01-01"})
    assert api.json() == json.loads(cli.output)


def test_show_equals_kb_show_json(client: Any, kb_db: Any) -> None:
    import json

    from click.testing import CliRunner

    commands = pytest.importorskip("kb.cli.commands")
    args = ["429-QĐ/TU", "--on", "2023-01-01", "--db", str(kb_db), "--format", "json"]
    cli = CliRunner().invoke(commands.show_cmd, args)
    assert cli.exit_code == 0, cli.output
    api = client.get("/api/documents/429-QĐ%2FTU", params={"on": "2023-01-01"})
    assert api.json() == json.loads(cli.output)


def test_check_equals_citecheck_json(client: Any, kb_db: Any, report_text: str) -> None:
    import json

    from click.testing import CliRunner

    from citecheck.cli import main

    seed = str(CORPUS / "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt")
    cli = CliRunner().invoke(main, ["check", seed, "--db", str(kb_db), "--format", "json"])
    assert cli.exit_code in (0, 1), cli.output
    expected = json.loads(cli.output)["files"][0]["findings"]
    api = client.post("/api/check", files={"file": ("bc.txt", report_text.encode(), "text/plain")})
    got = api.json()["files"][0]["findings"]

    def key(f: dict[str, Any]) -> tuple[Any, ...]:
        return (f["code"], f["start"], f["end"], f["message"], f["suggestion"])

    assert [key(f) for f in got] == [key(f) for f in expected]


# -- every deliberately broken file: a message, never a server error --------------------------
BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"


def _broken() -> list[str]:
    import tomllib

    expected = BROKEN / "expected.toml"
    return sorted(tomllib.loads(expected.read_text(encoding="utf-8"))) if expected.is_file() else []


@pytest.mark.parametrize("name", _broken())
def test_broken_files_get_a_message(client: Any, name: str) -> None:
    data = (BROKEN / name).read_bytes()
    api = client.post("/api/check", files={"file": (name, data, "application/octet-stream")})
    assert api.status_code in (415, 422), (name, api.status_code, api.text)
    assert api.json()["detail"].startswith(name)
    page = client.post("/check", files={"file": (name, data, "application/octet-stream")})
    assert page.status_code == api.status_code
    assert 'class="error-message"' in page.text and "Traceback" not in page.text


def test_pdf_upload(client: Any, report_text: str, tmp_path: Path) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 makes the PDF")
    font = next(
        (
            p
            for p in (
                Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
            )
            if p.is_file()
        ),
        None,
    )
    if font is None:
        pytest.skip("no DejaVu Sans font to set Vietnamese text in a PDF")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("dejavu", fname=str(font))
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    for line in report_text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    r = client.post("/api/check", files={"file": ("bc.pdf", data, "application/pdf")})
    assert r.status_code == 200, r.text
    findings = r.json()["files"][0]["findings"]
    wrong = [f for f in findings if f["name"] == "date-mismatch" and f["ref"] == "12-QĐ/TU"]
    assert wrong and all(f["location"]["page"] is not None for f in wrong)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_seed_document_checks(client: Any, name: str) -> None:
    data = (CORPUS / name).read_bytes()
    r = client.post("/api/check", files={"file": (name, data, "text/plain")})
    assert r.status_code == 200, r.text[:500]
    page = client.post("/check", files={"file": (name, data, "text/plain")})
    assert page.status_code == 200
    assert page.text.count('<mark class="hl') >= len(r.json()["files"][0]["findings"])


def test_a_number_naming_two_plans_asks_which(client: Any) -> None:
    # 28/KH-VPUB is a plan of 2021 and another of 2025: numbers restart each year
    r = client.get("/api/documents/28%2FKH-VPUB")
    assert r.status_code == 409
    assert "28/KH-VPUB@2021" in r.json()["detail"] and "28/KH-VPUB@2025" in r.json()["detail"]
    page = client.get("/documents/28%2FKH-VPUB")
    assert page.status_code == 409
    assert 'href="/documents/28%2FKH-VPUB%402021"' in page.text
    assert client.get("/documents/28%2FKH-VPUB%402021").status_code == 200


def test_uploads_never_touch_the_disk(
    client: Any, report_text: str, make_docx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an upload was about to be written to a temporary file")

    for name in ("TemporaryFile", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    # ~1.5 MB: above the form parser's usual 1 MB spooling threshold, under the 2 MB limit
    big = (report_text + "\n" + "Nội dung. " * 130_000).encode()
    assert len(big) > 1_100_000
    for path in ("/api/check", "/check"):
        r = client.post(path, files={"file": ("lon.txt", big, "text/plain")})
        assert r.status_code == 200, r.text[:300]
    r = client.post("/api/annotate", files={"file": ("bc.docx", make_docx(report_text), DOCX)})
    assert r.status_code == 200
