"""Benchmark of the checker on the officers' own genre: real reports, plans, Party texts and
công văn none of the rules were written on (``tests/genre``), apart from the seed figures.

1. Recall: every inconsistency in scope listed in ``tests/genre/labels.toml`` (written by
   reading each text before the checker was run on it) counts as found when a finding of
   the same rule starts on the labelled line. Goal: at least 75 %.
2. False errors: error-level findings that match no label. Goal: at most 5 in 47 documents
   (about one in ten).
3. Planted second mentions: for each text, the first document it cites with a date is cited
   once more at the end with the date three days later; the variant counts as flagged when
   date-mismatch reports either mention. Goal: at least 95 % of the documents.
4. Planted citations of dissolved bodies: a 2026 document of a district People's Committee
   and of the Ministry of Planning and Investment (both ended in 2025) must be flagged by
   issuer-validity; the same citations dated 2024 must not be.

Each text is checked on its own, as an officer checks a draft. Run:
``python bench/bench_genre.py [--verbose]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENRE = REPO / "tests" / "genre"

sys.path.insert(0, str(REPO))

from citecheck.config import Options  # noqa: E402
from citecheck.engine import check_texts  # noqa: E402
from citecheck.models import Finding  # noqa: E402
from citecheck.rules.mentions import usable  # noqa: E402
from kb.models import Citation  # noqa: E402
from kb.parse.extract import extract_text  # noqa: E402

SHIFT_DAYS = 3
# (citation planted, what it must be flagged as); the same text dated 2024 must not be
DISSOLVED = (
    "Thực hiện Quyết định số 125/QĐ-UBND ngày 15/3/{year} của UBND huyện Thuận Bắc "
    "về việc kiện toàn Ban Chỉ đạo.",
    "Thực hiện Công văn số 1234/BKHĐT-TH ngày 10/4/{year} của Bộ Kế hoạch và Đầu tư "
    "về việc báo cáo tình hình thực hiện.",
)


@dataclass
class DocResult:
    name: str
    expected: int = 0
    found: int = 0
    false_errors: list[Finding] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    shifted: bool | None = None  # None when the text cites no dated document
    held_out: bool = False  # labelled after the rules were changed, measured once


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def check_one(name: str, text: str) -> list[Finding]:
    return check_texts([(name, text)], Options()).report.all_findings()


def matches(f: Finding, label: dict[str, object]) -> bool:
    return f.name == label["rule"] and f.line == label["line"]


def first_dated(name: str, text: str) -> Citation | None:
    for c in extract_text(text, name).citations:
        if usable(c) and c.date is not None and c.date_valid:
            return c
    return None


def plant_shifted(name: str, text: str) -> tuple[str, Citation] | None:
    """The text with one more mention of its first dated citation, three days later."""
    c = first_dated(name, text)
    if c is None or c.date is None:
        return None
    later = c.date + dt.timedelta(days=SHIFT_DAYS)
    word = c.type_word or c.type or ""
    sentence = (
        f"\nCác cơ quan, đơn vị tiếp tục thực hiện nghiêm {word} số {c.ref} "
        f"ngày {later.day}/{later.month}/{later.year}.\n"
    )
    return text.rstrip("\n") + "\n" + sentence, c


def shifted_flagged(findings: list[Finding], planted_at: int) -> bool:
    return any(f.name == "date-mismatch" and f.end > planted_at for f in findings) or any(
        f.name == "date-mismatch" and any(r.start >= planted_at for r in f.related)
        for f in findings
    )


def run(verbose: bool) -> int:
    labels = tomllib.loads((GENRE / "labels.toml").read_text(encoding="utf-8"))
    results: list[DocResult] = []
    for entry in labels["document"]:
        name = entry["file"]
        text = read(GENRE / "docs" / name)
        findings = check_one(name, text)
        expect = entry.get("expect", [])
        r = DocResult(name, expected=len(expect), held_out=bool(entry.get("held_out")))
        for label in expect:
            if any(matches(f, label) for f in findings):
                r.found += 1
            else:
                r.missed.append(f"{label['rule']} line {label['line']}: {label['what']}")
        r.false_errors = [
            f
            for f in findings
            if f.severity == "error" and not any(matches(f, lb) for lb in expect)
        ]
        planted = plant_shifted(name, text)
        if planted is not None:
            variant, _c = planted
            r.shifted = shifted_flagged(check_one(name, variant), len(text.rstrip("\n")))
        if verbose:
            for f in findings:
                print(f"  {name}:{f.line}: {f.severity} {f.name}: {f.message}")
        results.append(r)

    expected = sum(r.expected for r in results)
    found = sum(r.found for r in results)
    false_errors = sum(len(r.false_errors) for r in results)
    planted = [r for r in results if r.shifted is not None]
    shifted_ok = sum(1 for r in planted if r.shifted)

    print(f"genre sample: {len(results)} documents (tests/genre), each checked on its own")
    print(f"{'document':40} {'found':>9} {'false err':>9} {'shifted':>8}")
    for r in results:
        shifted = "-" if r.shifted is None else ("yes" if r.shifted else "MISSED")
        found_s = f"{r.found}/{r.expected}" if r.expected else "-"
        print(f"{r.name:40} {found_s:>9} {len(r.false_errors):>9} {shifted:>8}")
    pct = 100.0 * found / expected if expected else 100.0
    print(f"\nin-scope inconsistencies flagged: {found} of {expected} ({pct:.0f} %; goal ≥ 75 %)")
    print(
        f"false error-level findings: {false_errors} in {len(results)} documents "
        f"({false_errors / len(results):.2f} per document; goal ≤ 5 in 47)"
    )
    spct = 100.0 * shifted_ok / len(planted) if planted else 100.0
    print(
        f"planted second mention {SHIFT_DAYS} days off flagged: {shifted_ok} of {len(planted)} "
        f"documents ({spct:.0f} %; goal ≥ 95 %)"
    )
    held = [r for r in results if r.held_out]
    if held:
        h_expected = sum(r.expected for r in held)
        h_found = sum(r.found for r in held)
        h_false = sum(len(r.false_errors) for r in held)
        h_planted = [r for r in held if r.shifted is not None]
        print(
            f"  of which held out ({len(held)} documents): {h_found} of {h_expected} flagged, "
            f"{h_false} false errors, shifted mention flagged in "
            f"{sum(1 for r in h_planted if r.shifted)} of {len(h_planted)}"
        )
    for r in results:
        for m in r.missed:
            print(f"  missed  {r.name}: {m}")
        for f in r.false_errors:
            print(f"  false error  {r.name}:{f.line}: {f.name}: {f.message}")
        if r.shifted is False:
            print(f"  shifted mention missed  {r.name}")

    # dissolved bodies, planted into every text: flagged in 2026, silent in 2024
    late_hits = early_hits = total = 0
    for entry in labels["document"]:
        name = entry["file"]
        text = read(GENRE / "docs" / name).rstrip("\n")
        for sentence in DISSOLVED:
            total += 1
            for year, bucket in ((2026, "late"), (2024, "early")):
                variant = text + "\n" + sentence.format(year=year) + "\n"
                hit = any(
                    f.name == "issuer-validity" and f.start >= len(text)
                    for f in check_one(name, variant)
                )
                if bucket == "late":
                    late_hits += hit
                else:
                    early_hits += hit
    print(
        f"planted citations of bodies dissolved in 2025, dated 2026: {late_hits} of {total} "
        f"flagged by issuer-validity; the same dated 2024: {early_hits} of {total} flagged "
        "(goal: all, and none)"
    )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--verbose", action="store_true", help="print every finding")
    args = ap.parse_args()
    return run(args.verbose)


if __name__ == "__main__":
    sys.exit(main())
