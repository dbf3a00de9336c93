"""What every rule shares: source lines, places, findings on a citation's span."""

from __future__ import annotations

import pytest

from citecheck.config import Options
from citecheck.engine import check_source, make_document
from citecheck.reporters import REPORTERS, RenderOptions
from citecheck.rules import CheckContext
from citecheck.rules.base import KnowledgeRule, Rule


def test_line_at_slices_the_line_around_an_offset() -> None:
    text = "một\r\nhai ba\rbốn\nnăm\x0csáu"
    doc = make_document("x.txt", text)
    assert doc.line_at(text.index("ba")) == "hai ba"
    assert doc.line_at(0) == "một"
    assert doc.line_at(text.index("bốn")) == "bốn"
    assert doc.line_at(len(text)) == "năm\x0csáu"  # a form feed does not end a line
    assert doc.position(text.index("sáu"))[0] == 4


def test_a_finding_and_its_evidence_share_their_place() -> None:
    text = "Căn cứ Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy.\n"
    doc = make_document("x.txt", text)
    (c,) = doc.citations

    class Probe(Rule):
        code = "CC999"
        name = "probe"
        severity = "info"

    ctx = CheckContext(documents=[doc])
    f = Probe().finding(doc, c.start, c.end, "m", related=[doc.related(c.start, c.end, "n")])
    r = f.related[0]
    assert (f.path, f.line, f.column, f.start, f.end) == (r.path, r.line, r.column, r.start, r.end)
    assert r.text == text[c.start : c.end] and ctx.kb is None


def test_knowledge_rules_do_not_run_without_a_kb() -> None:
    class Probe(KnowledgeRule):
        code = "CC998"
        name = "probe-kb"
        severity = "info"

        def check_known(self, doc, ctx, kb):  # type: ignore[no-untyped-def]
            raise AssertionError("called without a KB")

    doc = make_document("x.txt", "Quy định số 12-QĐ/TU ngày 27/02/2019.")
    assert Probe.needs_kb
    assert list(Probe().check(CheckContext(documents=[doc]))) == []


@pytest.mark.timeout(60)  # a guard against a hang, not a measurement: speed is in make bench
def test_text_report_of_many_findings_on_one_long_line() -> None:
    one = "Quy định số 12-QĐ/TU ngày 31/02/2019; "
    text = one * 3000  # 3,000 impossible dates on one line of ~100k characters
    outcome = check_source("long.txt", text, Options(select=["invalid-date"]))
    assert outcome.report.summary.findings == 3000
    out = REPORTERS["text"]().render(
        outcome.report, {d.path: d for d in outcome.documents}, RenderOptions()
    )
    assert out.count("invalid-date") >= 3000
    # each finding shows a window of at most 160 characters of the line, with "…" at the cuts
    shown = [line for line in out.splitlines() if line.startswith(" 1 | ")]
    assert len(shown) == 3000
    assert all(len(line) <= len(" 1 | ") + 162 for line in shown)
    assert shown[1].startswith(" 1 | …") and shown[1].endswith("…")
    assert "31/02/2019" in shown[-1]
