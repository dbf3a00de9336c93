"""On the seed corpus: the defects a proof-reader finds are flagged, and no error is wrong.

The defect list (seed_defects.toml) was made by reading the five seeds line by line.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from citecheck.config import Options
from citecheck.engine import Outcome, check_paths
from citecheck.models import Finding

HERE = Path(__file__).parent
CORPUS = HERE.parents[1] / "corpus"


@cache
def _outcome() -> Outcome:
    return check_paths([CORPUS], Options())


def _defects() -> list[dict[str, object]]:
    return list(tomllib.loads((HERE / "seed_defects.toml").read_text(encoding="utf-8"))["defect"])


def _at(f: Finding) -> tuple[str, int, str]:
    return Path(f.path).name, f.line, f.name


def test_at_least_90_percent_of_the_hand_listed_defects_are_found() -> None:
    found = {_at(f) for f in _outcome().report.all_findings()}
    defects = _defects()
    missed = [d for d in defects if (d["file"], d["line"], d["rule"]) not in found]
    assert len(defects) >= 25
    assert (len(defects) - len(missed)) / len(defects) >= 0.9, missed


def test_no_error_on_correct_text() -> None:
    listed = {(d["file"], d["line"]) for d in _defects()}
    errors = [f for f in _outcome().report.all_findings() if f.severity == "error"]
    assert errors, "the seeds do contain errors"
    wrong = [
        (Path(f.path).name, f.line, f.name)
        for f in errors
        if (Path(f.path).name, f.line) not in listed
    ]
    assert wrong == []


def test_traps_are_not_defects() -> None:
    findings = _outcome().report.all_findings()
    refs = {f.ref for f in findings}
    # numbers restart every year: 62/KH-VPUB of 2023 and of 2024, 01/KH-VPUB of 2023/2024/2025
    assert "62/KH-VPUB" not in refs
    assert "01/KH-VPUB" not in refs
    # "Luật sửa đổi … Luật Viên chức ngày 25/11/2019" is one citation of the amending law
    assert not any("Viên chức" in f.message for f in findings)


def test_the_quy_dinh_12_message_counts_variants_across_the_corpus() -> None:
    msgs = [
        f
        for f in _outcome().report.all_findings()
        if f.name == "date-mismatch" and f.ref == "12-QĐ/TU"
    ]
    assert len(msgs) == 2  # the title and the second mention of line 11
    m = msgs[0]
    assert m.severity == "error"
    # hand count: 5 × 27/02/2019 in the report + 3 × in the 2022 plan; 2 × 27/12/2019
    assert "8 lần là 27/02/2019 và 2 lần là 27/12/2019" in m.message
    assert len(m.related) == 8


def test_authorities_cover_every_cited_document_once() -> None:
    auth = [
        a
        for a in _outcome().report.authorities
        if a.path.endswith("2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt")
    ]
    keys = [a.key for a in auth]
    assert len(keys) == len(set(keys))
    q12 = next(a for a in auth if a.key == "12-QĐ/TU@2019")
    assert q12.count == 7
    assert {v.date for v in q12.variants} == {"27/12/2019", "27/02/2019"}
    assert q12.verdict == "mismatch"
