"""The web application's own pieces, without a KB: uploads, highlighting, the graph picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citecheck import highlight
from citecheck.web import graphsvg
from citecheck.web.i18n import fmt_date, t
from citecheck.web.uploads import UploadError, read_upload, safe_name, sniff

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
REPORT = CORPUS / "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt"


def test_safe_name_keeps_only_the_last_component() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\a\\Dự thảo.docx") == "Dự thảo.docx"
    assert safe_name("a\x00b\n.txt") == "ab.txt"
    assert safe_name(None) == "du-thao"
    assert safe_name("...") == "du-thao"


def test_sniff_by_first_bytes(make_docx: Any) -> None:
    assert sniff(make_docx("Số: 01/BC-VPUB")) == "zip"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole"
    assert sniff("Quy định số 12-QĐ/TU".encode()) == "text"


def test_read_upload_docx_gives_the_seed_text(make_docx: Any) -> None:
    text = REPORT.read_text(encoding="utf-8")
    draft = read_upload("bao-cao.docx", "application/octet-stream", make_docx(text))
    assert draft.kind == "docx"
    assert draft.data is not None
    assert "Quy định số 12-QĐ/TU ngày 27/12/2019" in draft.text
    assert "Quy định số 12-QĐ/TU ngày 27/02/2019" in draft.text


def test_read_upload_txt() -> None:
    data = REPORT.read_bytes()
    draft = read_upload("bc.txt", "text/plain", data)
    assert draft.kind == "txt"
    assert draft.text.startswith(data.decode("utf-8-sig")[:40])


@pytest.mark.parametrize(
    ("name", "ctype", "data", "key", "status"),
    [
        ("bc.exe", "application/octet-stream", b"MZ", "unsupported", 415),
        ("bc.docx", "application/octet-stream", b"PK\x03\x04not really a zip", None, 422),
        ("bc.docx", "text/html", b"PK\x03\x04", "content-type", 415),
        ("bc.docx", "application/octet-stream", "Quy định".encode(), "mismatch", 415),
        ("bc.txt", "text/plain", b"%PDF-1.4 fake", "mismatch", 415),
        ("bc.pdf", "application/pdf", b"%PDF-1.4 broken", None, 422),
        ("bc.doc", "application/msword", b"\xd0\xcf\x11\xe0", "unsupported", 415),
        ("bc.docx", None, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-doc", 415),
        ("bc.txt", "text/plain", b"", "empty", 422),
    ],
)
def test_bad_uploads_get_a_clear_message(
    name: str, ctype: str | None, data: bytes, key: str | None, status: int
) -> None:
    with pytest.raises(UploadError) as info:
        read_upload(name, ctype, data)
    err = info.value
    assert err.status == status
    if key is not None:
        assert err.key == key
    message = err.text("vi")
    assert message.startswith(safe_name(name))
    assert "Traceback" not in message
    assert err.text("en") != message or key is None


def test_pieces_mark_findings_and_evidence() -> None:
    text = REPORT.read_text(encoding="utf-8")
    bad = text.index("27/12/2019")
    good = text.index("27/02/2019")
    findings = [
        {
            "severity": "error",
            "start": bad,
            "end": bad + 10,
            "related": [{"start": good, "end": good + 10}],
        },
        {"severity": "info", "start": bad - 5, "end": bad + 3},
    ]
    pieces = highlight.pieces(text, findings)
    assert "".join(p.text for p in pieces) == text
    marked = "".join(p.text for p in pieces if 0 in p.findings)
    assert marked == "27/12/2019"
    first = next(p for p in pieces if p.anchor == "f-0")
    assert first.severity == "error"  # the gravest of the overlapping findings
    assert "".join(p.text for p in pieces if p.evidence) == "27/02/2019"
    assert highlight.summary(findings) == {"error": 1, "warning": 0, "info": 1}


def test_pieces_survive_bad_offsets() -> None:
    pieces = highlight.pieces("abc", [{"start": -5, "end": 99}, {"start": "x", "end": None}])
    assert "".join(p.text for p in pieces) == "abc"


def test_graph_svg_escapes_labels_and_links() -> None:
    nodes = [
        graphsvg.Node("12-QĐ/TU@2019", "12-QĐ/TU", "27/02/2019", "replaced"),
        graphsvg.Node("429-QĐ/TU@2022", "<script>x</script>", "01/07/2022", "in_force"),
    ]
    edges = [graphsvg.Edge("429-QĐ/TU@2022", "12-QĐ/TU@2019", "replaces", "curated")]
    svg = graphsvg.render("12-QĐ/TU@2019", nodes, edges, {"replaces": "thay thế"}, 'a "b" <c>')
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'href="/documents/12-Q%C4%90%2FTU%402019"' in svg
    assert "thay thế" in svg
    assert 'stroke-dasharray="7 4"' in svg  # curated edges are dashed
    again = graphsvg.render("12-QĐ/TU@2019", nodes, edges, {"replaces": "thay thế"}, "x")
    assert again.split("</title>")[1] == svg.split("</title>")[1]  # same layout every time


def test_messages_in_both_languages() -> None:
    assert t("check.privacy", "vi").startswith("Dự thảo chỉ được xử lý trong bộ nhớ")
    assert "never stored" in t("check.privacy", "en")
    assert t("error.too_large", "vi", mb=20) == "Tệp quá lớn: tối đa 20 MB."
    assert fmt_date("2019-02-27") == "27/02/2019"


def test_every_evidence_link_has_a_target() -> None:
    text = REPORT.read_text(encoding="utf-8")
    first = text.index("27/12/2019")
    second = text.index("27/12/2019", first + 1)
    good = text.index("27/02/2019")
    # each wrong date cites the other as evidence: the targets are also findings' spans
    findings = [
        {
            "severity": "error",
            "start": first,
            "end": first + 10,
            "related": [{"start": second, "end": second + 10}, {"start": good, "end": good + 10}],
        },
        {
            "severity": "error",
            "start": second,
            "end": second + 10,
            "related": [{"start": first, "end": first + 10}],
        },
    ]
    ids = set()
    for p in highlight.pieces(text, findings):
        ids.update(p.marks)
        if p.anchor:
            ids.add(p.anchor)
    assert {f"e-{first}", f"e-{second}", f"e-{good}", "f-0", "f-1"} <= ids


@pytest.mark.timeout(60)  # a guard against a hang, not a measurement: speed is in make bench
def test_highlighting_many_findings_on_a_long_text() -> None:
    text = "x" * 1_000_000
    findings = [
        {
            "start": i * 50,
            "end": i * 50 + 30,
            "severity": "info",
            "related": [{"start": 0, "end": 9}],
        }
        for i in range(20_000)
    ]
    pieces = highlight.pieces(text, findings)
    assert sum(len(p.text) for p in pieces) == len(text)
    # the shared evidence [0, 9), then each finding's span and the plain gap after it
    assert len(pieces) == 1 + 2 * 20_000
    assert pieces[0].evidence == list(range(20_000)) and pieces[1].findings == [0]
    assert all(p.findings == [i] for i, p in enumerate(pieces[1::2]))
    assert all(p.plain for p in pieces[2::2])
