"""The per-document rules may run where a document is parsed (a worker process): the
findings, and their order, are those of running every rule over all the documents."""

from __future__ import annotations

from pathlib import Path

from citecheck.config import Options
from citecheck.engine import document_findings, make_document, per_document, run_rules
from citecheck.rules import RULES
from citecheck.rules.base import Rule


def test_per_document_findings_keep_their_place(corpus_dir: Path) -> None:
    cases = Path(__file__).parent / "cases"
    paths = sorted(corpus_dir.glob("*.txt")) + sorted(cases.glob("*.txt"))
    docs = [make_document(str(p), p.read_text(encoding="utf-8")) for p in paths]
    options = Options()
    together = run_rules(docs, options)
    done = [document_findings(d, options) for d in docs]
    apart = run_rules(docs, options, None, done)
    assert len(together) > 20
    assert [f.model_dump() for f in apart] == [f.model_dump() for f in together]


def test_rules_that_compare_documents_stay_together() -> None:
    by_name = {r.name: r for r in RULES}
    assert not per_document(by_name["date-mismatch"])  # compares mentions across files
    assert per_document(by_name["invalid-date"])
    assert all(not per_document(r) for r in RULES if r.needs_kb)
    assert all(per_document(r) == (r.check is Rule.check) for r in RULES if not r.needs_kb)
