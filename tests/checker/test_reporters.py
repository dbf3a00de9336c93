"""Output formats: text (caret, evidence, summary), JSON contract, SARIF 2.1.0, GitHub, authorities."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema

from citecheck.config import Options
from citecheck.engine import Outcome, check_texts
from citecheck.reporters import REPORTERS, RenderOptions
from citecheck.reporters.github import escape_data, escape_property

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

DRAFT = (
    "Số: /BC-VPUB\n"
    "Sơn La, ngày tháng năm 2025\n"
    "BÁO CÁO\n"
    "Thực hiện Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy về việc triển khai; "
    "Nghị định số 45/2020/NĐ-CP ngày 08/4/2021 của Chính phủ về thực hiện TTHC trên môi trường điện tử.\n"
)


@cache
def _outcome(lang: str = "vi") -> Outcome:
    return check_texts([("draft.txt", DRAFT)], Options(lang=lang))


def _render(fmt: str, lang: str = "vi", **kw: bool) -> str:
    out = _outcome(lang)
    sources = {d.path: d for d in out.documents}
    return REPORTERS[fmt]().render(out.report, sources, RenderOptions(lang=lang, **kw))


def test_text_has_location_code_name_caret_and_summary() -> None:
    text = _render("text")
    lines = text.splitlines()
    head = next(i for i, ln in enumerate(lines) if "CC104 issuer-mismatch" in ln)
    assert lines[head].startswith("draft.txt:4:11: CC104 issuer-mismatch ")
    assert lines[head + 2].startswith(" 4 | Thực hiện Công văn số 3266/UBND-NC")
    caret = lines[head + 3]
    assert (
        caret.index("^") - caret.index("|") - 2 == 10
    )  # under column 11 ("Thực hiện " is 10 characters)
    assert "= Cách sửa:" in text
    assert lines[-1] == "1 tệp, 4 phát hiện: 2 lỗi, 2 cảnh báo, 0 thông tin."
    assert "\x1b[" not in text  # no colour off a terminal


def test_text_in_english_and_coloured_on_a_terminal() -> None:
    text = _render("text", lang="en", color=True)
    assert "\x1b[" in text
    assert 'the code "UBND" belongs to' in text
    assert "1 file(s), 4 finding(s): 2 error(s), 2 warning(s), 0 info." in text


def test_statistics() -> None:
    text = _render("text", statistics=True)
    assert "Thống kê theo quy tắc:" in text
    assert "CC401  blank-placeholder" in text


def test_json_contract() -> None:
    data = json.loads(_render("json"))
    assert set(data) == {"files", "summary", "authorities"}
    f = data["files"][0]["findings"][0]
    for field in (
        "code",
        "name",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "start",
        "end",
        "ref",
        "related",
        "suggestion",
        "fingerprint",
    ):
        assert field in f
    assert data["summary"]["errors"] == 2
    assert DRAFT[f["start"] : f["end"]].startswith("Số:")


def test_sarif_validates_against_the_official_schema() -> None:
    data = json.loads(_render("sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    run = data["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and "CC201" in ids
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["CC104"] == "error" and levels["CC401"] == "warning"
    assert all(r["partialFingerprints"]["citecheck/v1"] for r in run["results"])


def test_fingerprints_are_stable_when_lines_shift() -> None:
    a = _outcome().report.all_findings()
    b = check_texts([("draft.txt", "\n\n" + DRAFT)], Options()).report.all_findings()
    assert [f.fingerprint for f in a] == [f.fingerprint for f in b]
    assert len({f.fingerprint for f in a}) == len(a)


def test_github_annotations_and_escaping() -> None:
    text = _render("github")
    line = next(ln for ln in text.splitlines() if "CC104" in ln)
    assert line.startswith("::error file=draft.txt,line=4,col=11,")
    assert "title=CC104 issuer-mismatch::" in line
    assert "\n" not in line
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_authorities_table() -> None:
    text = _render("authorities")
    assert "Bảng văn bản được trích dẫn: draft.txt" in text
    assert "✗ Công văn 3266/UBND-NC  [sai lệch]" in text
    data = json.loads(_render("json"))
    verdicts = {a["ref"]: a["verdict"] for a in data["authorities"]}
    assert verdicts == {"3266/UBND-NC": "mismatch", "45/2020/NĐ-CP": "mismatch"}
