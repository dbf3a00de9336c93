"""The checker on real reports, plans, Party texts and công văn (tests/genre): texts none of
the rules were written on, labelled by reading before the checker was run on them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from citecheck.config import Options
from citecheck.engine import check_texts
from citecheck.models import Finding

GENRE = Path(__file__).resolve().parents[1] / "genre"
LABELS: list[dict[str, Any]] = tomllib.loads((GENRE / "labels.toml").read_text(encoding="utf-8"))[
    "document"
]


def _read(name: str) -> str:
    with open(GENRE / "docs" / name, encoding="utf-8", newline="") as fh:
        return fh.read()


def _check(name: str, text: str) -> list[Finding]:
    return check_texts([(name, text)], Options()).report.all_findings()


def test_every_text_has_its_source() -> None:
    files = {p.name for p in (GENRE / "docs").glob("*.txt")}
    assert files == {d["file"] for d in LABELS}
    assert all(d["source"].startswith("http") for d in LABELS)
    assert len(files) >= 25


@pytest.mark.parametrize("entry", LABELS, ids=[d["file"] for d in LABELS])
def test_no_error_that_a_reader_did_not_find(entry: dict[str, Any]) -> None:
    findings = _check(entry["file"], _read(entry["file"]))
    labelled = {(e["rule"], e["line"]) for e in entry["expect"]}
    wrong = [
        f"{f.line}: {f.name}: {f.message}"
        for f in findings
        if f.severity == "error" and (f.name, f.line) not in labelled
    ]
    assert wrong == []


def test_second_mention_three_days_off_when_the_first_date_runs_over_a_line() -> None:
    # "Quyết định số 924/QĐ-TTg ngày 22" / "tháng 8 năm 2022" in the real plan; the same
    # decision cited again at the end with 25/8/2022
    name = "13-tiengiang-kh-383-2022.txt"
    text = _read(name) + "\nCác sở, ngành thực hiện Quyết định số 924/QĐ-TTg ngày 25/8/2022.\n"
    found = [f for f in _check(name, text) if f.name == "date-mismatch"]
    assert found, "the shifted second mention is not flagged"
    assert any("22/08/2022" in f.message or "22/8/2022" in f.message for f in found)


def test_lost_heading_level_in_a_web_copy() -> None:
    findings = _check("01-hcm-kh-1576-2019.txt", _read("01-hcm-kh-1576-2019.txt"))
    assert [(f.name, f.line) for f in findings if f.name == "section-numbering"] == [
        ("section-numbering", 20)
    ]


def test_provincial_committee_document_with_the_central_code() -> None:
    findings = _check("21-hue-kl-445-2022.txt", _read("21-hue-kl-445-2022.txt"))
    own = [f for f in findings if f.name == "issuer-mismatch" and f.line == 4]
    assert len(own) == 1 and own[0].severity == "warning"


def test_number_line_split_but_filled_is_not_blank() -> None:
    findings = _check("14-kontum-qd-06-2024.txt", _read("14-kontum-qd-06-2024.txt"))
    assert [f for f in findings if f.name == "blank-placeholder"] == []
