"""Benchmark of the checker on real documents none of us wrote (the Công báo texts).

1. Mutations: take real signed documents and (a) change the date of one of two mentions of
   the same document, (b) give a normative number a date in another year, (c) attribute a
   state document to "Tỉnh ủy", (d) change a date to 30/02 — and count how many the checker
   flags (goal: at least 95%).
2. False alarms: error-level findings on the unmodified documents (goal: fewer than one per
   ten documents).
3. Speed: ``citecheck`` on the largest seed as a fresh process (goal < 0.5 s) and on the whole
   bench corpus as one corpus (goal < 90 s).

Run: ``python bench/bench_check.py [--limit N] [--no-timing]``. The corpus is looked for next
to the checkout (``../shared/bench-corpus``).
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / ".." / "shared" / "bench-corpus" / "docs"

sys.path.insert(0, str(REPO))

from citecheck.config import Options  # noqa: E402
from citecheck.engine import check_texts  # noqa: E402
from citecheck.models import Finding  # noqa: E402
from citecheck.rules.base import SourceDoc  # noqa: E402
from citecheck.rules.mentions import named_with_cua, own_date, usable  # noqa: E402
from kb.models import Citation, Family  # noqa: E402
from kb.parse.extract import extract_text  # noqa: E402

KINDS = ("date", "year", "issuer", "feb30")
EXPECTED = {"date": "CC201", "year": "CC103", "issuer": "CC104", "feb30": "CC101"}

_NUMERIC = re.compile(r"(\d{1,2})(\s*[/.\-]\s*)(\d{1,2})(\s*[/.\-]\s*)(\d{4})")
_WORDS = re.compile(r"(\d{1,2})(\s+tháng\s+)(\d{1,2})(\s+năm\s+)(\d{4})")


@dataclass
class Mutation:
    kind: str
    doc: str
    start: int  # where the mutated citation starts in the mutated text
    ref: str
    text: str
    before: str
    after: str


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _rewrite_date(date_text: str, day: int, month: int, year: int) -> str | None:
    for rx in (_NUMERIC, _WORDS):
        m = rx.search(date_text)
        if m:
            d = f"{day:02d}" if len(m.group(1)) == 2 else str(day)
            mo = f"{month:02d}" if len(m.group(3)) == 2 else str(month)
            new = f"{d}{m.group(2)}{mo}{m.group(4)}{year}"
            return date_text[: m.start()] + new + date_text[m.end() :]
    return None


def _date_span(text: str, c: Citation) -> tuple[int, int] | None:
    if not c.date_text or c.ref_end is None:
        return None
    pos = text.find(c.date_text, c.ref_end, c.end + 1)
    return (pos, pos + len(c.date_text)) if pos >= 0 else None


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _redated(
    kind: str, name: str, text: str, c: Citation, day: int, month: int, year: int
) -> Iterator[Mutation]:
    """The mutation that writes citation ``c``'s date as day/month/year, in its own style."""
    span = _date_span(text, c)
    new = _rewrite_date(c.date_text or "", day, month, year) if span else None
    if span and new:
        yield Mutation(
            kind, name, c.start, c.ref or "", _replace(text, *span, new), c.date_text or "", new
        )


def mutations(name: str, text: str, rng: random.Random) -> Iterator[Mutation]:
    """At most one mutation of each kind for one document."""
    ef = extract_text(text, name)
    doc = SourceDoc(name, text, ef)
    dated = [c for c in ef.citations if usable(c) and c.date and own_date(doc, c) and c.date_valid]
    if not dated:
        return
    # (a) one of two mentions of the same document gets another date (same year)
    groups: dict[str, list[Citation]] = {}
    for c in dated:
        groups.setdefault(c.key or "", []).append(c)
    pairs = [cs for cs in groups.values() if len(cs) >= 2 and len({c.date for c in cs}) == 1]
    if pairs:
        cs = rng.choice(pairs)
        c = rng.choice(cs)
        assert c.date is not None
        day = c.date.day % 28 + 1 if c.date.day != 28 else 3
        yield from _redated("date", name, text, c, day, c.date.month, c.date.year)
    # (b) a normative number dated in another year
    normative = [
        c
        for c in dated
        if c.family == Family.NORMATIVE and c.year == (c.date.year if c.date else None)
    ]
    if normative:
        c = rng.choice(normative)
        assert c.date is not None
        year = c.date.year + rng.choice((-1, 1))
        day = min(c.date.day, calendar.monthrange(year, c.date.month)[1])
        yield from _redated("year", name, text, c, day, c.date.month, year)
    # (c) a state document attributed to the Party committee: "của Tỉnh ủy"
    state = [
        c
        for c in ef.citations
        if usable(c)
        and c.issuer
        and c.family in (Family.NORMATIVE, Family.ADMINISTRATIVE, Family.LETTER)
        and named_with_cua(doc, c)
    ]
    local = [c for c in state if (c.issuer_code or "").upper().startswith("UBND")]
    pool = local or state
    if pool:
        c = rng.choice(pool)
        pos = text.find(c.issuer or "", c.end, c.end + 200)
        if pos >= 0:
            yield Mutation(
                "issuer",
                name,
                c.start,
                c.ref or "",
                _replace(text, pos, pos + len(c.issuer or ""), "Tỉnh ủy"),
                c.issuer or "",
                "Tỉnh ủy",
            )
    # (d) a date becomes 30/02
    c = rng.choice(dated)
    assert c.date is not None
    span = _date_span(text, c)
    new = _rewrite_date(c.date_text or "", 30, 2, c.date.year) if span else None
    if span and new:
        yield Mutation(
            "feb30", name, c.start, c.ref or "", _replace(text, *span, new), c.date_text or "", new
        )


def flagged(m: Mutation, before: list[Finding], after: list[Finding]) -> bool:
    """The mutation is flagged when a new finding of the expected rule concerns it."""
    old = {(f.code, f.start) for f in before}
    new = [f for f in after if (f.code, f.start) not in old]
    code = EXPECTED[m.kind]
    for f in new:
        if f.code != code:
            continue
        if (f.start <= m.start + 5 and m.start <= f.end + 5) or f.ref == m.ref:
            return True
        if any(abs(r.start - m.start) <= 5 for r in f.related):
            return True
    return False


def run_mutations(paths: list[Path], seed: int = 20261122) -> dict[str, object]:
    per_kind: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    errors_clean = 0
    error_codes: Counter[str] = Counter()
    missed: list[Mutation] = []
    opts = Options()
    for path in paths:
        text = read(path)
        base = check_texts([(path.name, text)], opts).report.all_findings()
        errs = [f for f in base if f.severity == "error"]
        errors_clean += len(errs)
        error_codes.update(f.code for f in errs)
        rng = random.Random(f"{seed}:{path.name}")
        for m in mutations(path.name, text, rng):
            per_kind[m.kind] += 1
            after = check_texts([(path.name, m.text)], opts).report.all_findings()
            if flagged(m, base, after):
                caught[m.kind] += 1
            else:
                missed.append(m)
    total = sum(per_kind.values())
    return {
        "documents": len(paths),
        "mutations": dict(per_kind),
        "caught": dict(caught),
        "rate": (sum(caught.values()) / total) if total else 1.0,
        "errors_on_clean": errors_clean,
        "errors_per_doc": errors_clean / max(1, len(paths)),
        "error_codes": dict(error_codes),
        "missed": missed,
    }


def _time_process(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one fresh ``citecheck`` process."""
    exe = Path(sys.executable).parent / "citecheck"
    cmd = [str(exe), *args] if exe.exists() else [sys.executable, "-m", "citecheck.cli", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([*cmd, "--no-config"], cwd=REPO, capture_output=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    if not BENCH.is_dir():
        print(f"bench corpus not found at {BENCH}")
        return 0
    paths = sorted(BENCH.glob("cb-*.txt"))
    if args.limit:
        paths = paths[: args.limit]
    t0 = time.perf_counter()
    res = run_mutations(paths)
    print(
        f"mutation benchmark on {res['documents']} Công báo documents ({time.perf_counter() - t0:.0f} s)"
    )
    muts = res["mutations"]
    caught = res["caught"]
    assert isinstance(muts, dict) and isinstance(caught, dict)
    print("| mutation | made | flagged | rate |")
    print("|---|---|---|---|")
    for kind in KINDS:
        n = muts.get(kind, 0)
        k = caught.get(kind, 0)
        print(f"| {kind} | {n} | {k} | {k / n:.1%} |" if n else f"| {kind} | 0 | 0 | - |")
    print(
        f"| all | {sum(muts.values())} | {sum(caught.values())} | {res['rate']:.1%} (goal ≥ 95%) |"
    )
    print(
        f"error-level findings on the unmodified documents: {res['errors_on_clean']} "
        f"= {res['errors_per_doc']:.3f} per document (goal < 0.1); by rule {res['error_codes']}"
    )
    missed = res["missed"]
    assert isinstance(missed, list)
    for m in missed[:10]:
        print(f"  missed {m.kind} in {m.doc} at {m.start}: {m.ref} {m.before!r} -> {m.after!r}")
    if args.no_timing:
        return 0
    largest = max((REPO / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    runs = [_time_process([str(largest)]) for _ in range(5)]
    wall = sorted(w for w, _ in runs)[2]
    cpu = sorted(c for _, c in runs)[2]
    print(
        f"citecheck {largest.name} (fresh process, median of 5): {wall:.2f} s wall, "
        f"{cpu:.2f} s CPU (goal < 0.5 s)"
    )
    n = len(list(BENCH.glob("*.txt")))
    wall, cpu = _time_process([str(BENCH)])
    print(
        f"citecheck on the whole bench corpus as one corpus ({n} files): {wall:.1f} s wall, "
        f"{cpu:.1f} s CPU (goal < 90 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
