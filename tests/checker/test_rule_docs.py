"""Rule documentation: every section present, `citecheck rule` prints it, docs/rules in sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.ruledocs import SECTIONS, missing_sections, render_index, render_rule, summary
from citecheck.rules import RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"
DESIGN_NAMES = {
    "date-mismatch",
    "kb-date-mismatch",
    "number-year-mismatch",
    "issuer-mismatch",
    "superseded-citation",
    "future-citation",
    "invalid-date",
    "malformed-ref",
    "duplicate-citation",
    "blank-placeholder",
    "arithmetic-total",
    "section-numbering",
    "period-mismatch",
    "unknown-document",
    "issuer-validity",
    "percentage-total",
    "own-number-forms",
    "doubled-word",
}


def test_rules_cover_the_design_table_with_unique_codes() -> None:
    assert {r.name for r in RULES} == DESIGN_NAMES
    codes = [r.code for r in RULES]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"CC[1-5]\d\d", c) for c in codes)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_docstring_has_every_section(rule: type) -> None:
    assert missing_sections(rule) == []
    doc = render_rule(rule)
    for section in SECTIONS:
        assert f"## {section}" in doc
    # the examples are Vietnamese text
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", doc)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_generated_page_is_in_sync(rule: type) -> None:
    page = DOCS / f"{rule.name}.md"
    assert page.is_file(), "run: python -m citecheck.ruledocs docs/rules"
    assert page.read_text(encoding="utf-8") == render_rule(rule)


def test_index_in_sync() -> None:
    assert (DOCS / "README.md").read_text(encoding="utf-8") == render_index(RULES)


@pytest.mark.parametrize("token", ["CC201", "cc201", "date-mismatch"])
def test_rule_command_prints_the_docs(token: str) -> None:
    result = CliRunner().invoke(main, ["rule", token, "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.startswith("# date-mismatch (CC201)")
    assert "## Why is this bad?" in result.output
    vi = CliRunner().invoke(main, ["rule", token])
    assert vi.exit_code == 0
    assert vi.output.startswith("# date-mismatch (CC201)")
    assert "## Vì sao cần sửa" in vi.output and "Mức mặc định: **cảnh báo**" in vi.output


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_has_a_vietnamese_page(rule: type) -> None:
    page = render_rule(rule, "vi")
    for title in ("## Quy tắc làm gì", "## Vì sao cần sửa", "## Ví dụ", "## Nên viết", "## Căn cứ"):
        assert title in page
    assert summary(rule, "vi") != rule.summary()


def test_rule_command_lists_and_rejects() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rule"])
    assert listing.exit_code == 0
    assert all(r.code in listing.output for r in RULES)
    bad = runner.invoke(main, ["rule", "no-such-rule"])
    assert bad.exit_code == 2
    assert "không có quy tắc" in bad.output
