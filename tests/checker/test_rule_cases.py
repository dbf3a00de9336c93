"""Every rule's pass/fail cases (tests/checker/cases/<rule>.toml), in both languages."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from citecheck.config import Options
from citecheck.engine import check_texts
from citecheck.rules import RULES, find_rule

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            for lang in ("vi", "en"):
                params.append(
                    pytest.param(data["rule"], case, lang, id=f"{path.stem}-{case['id']}-{lang}")
                )
    return params


def test_every_rule_has_a_case_file_with_pass_and_fail() -> None:
    for rule in RULES:
        path = CASES_DIR / f"{rule.name}.toml"
        assert path.is_file(), f"missing {path.name}"
        cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
        assert any(c["fail"] == 0 for c in cases), f"{rule.name}: no passing case"
        assert any(c["fail"] > 0 for c in cases), f"{rule.name}: no failing case"


@pytest.mark.parametrize(("rule_name", "case", "lang"), _load())
def test_case(rule_name: str, case: dict[str, Any], lang: str, make_kb: Any) -> None:
    rule = find_rule(rule_name)
    assert rule is not None
    texts = case.get("texts") or [case["text"]]
    named = [(f"doc{i}.txt", t) for i, t in enumerate(texts)]
    kb = make_kb(case["kb"]) if "kb" in case else None
    as_of = dt.date.fromisoformat(case["as_of"]) if "as_of" in case else None
    opts = Options(select=[rule.code], lang=lang, as_of=as_of)
    findings = check_texts(named, opts, kb=kb).report.all_findings()
    assert len(findings) == case["fail"], [f.message for f in findings]
    for f in findings:
        assert f.code == rule.code and f.name == rule.name
        if "severity" in case:
            assert f.severity == case["severity"], f.message
        assert f.message and f.suggestion
    want = case.get(f"contains_{lang}")
    if want:
        assert any(want in f.message for f in findings), [f.message for f in findings]
