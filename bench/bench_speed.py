"""Speed where users feel it: the commands as fresh processes, next to yardsticks measured in
the same run.

* the text reader's binary sniff over every bench-corpus file: the same verdicts as a lookup
  of every character's Unicode category, and the time of each;
* ``kb extract --format json`` over the bench corpus, end to end (MB/s of the files' bytes),
  next to a fresh process that reads the same files and runs a bare one-regex scan;
* ``kb extract`` and ``citecheck`` of the largest seed document, median of seven fresh
  processes, next to a bare ``python -c pass`` and ``python -c "import pydantic"``;
* the highlighting of 20,000 marks in 1 MB and the text report of 3,000 findings on one
  100,000-character line, at that size and at half of it (the ratio shows linearity);
* ``kb build`` of the bench corpus into a new KB and ``citecheck`` of it as one corpus,
  with the peak memory of the largest process.

Wall times wait for a core when the machine is busy; the CPU times (the process and its
workers) are what a run costs. Usage: ``python bench/bench_speed.py [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / ".." / "shared" / "bench-corpus" / "docs"
BIN = Path(sys.executable).parent
BARE_SCAN = (
    "import re, sys\n"
    "from pathlib import Path\n"
    r"bare = re.compile(r'\d+/\d{4}/[A-ZĐ]+-[A-ZĐ]+')" + "\n"
    "n = 0\n"
    "for p in sorted(Path(sys.argv[1]).glob('*.txt')):\n"
    "    n += sum(1 for _ in bare.finditer(p.read_text('utf-8')))\n"
    "print(n)\n"
)


def run(args: list[str], cwd: Path = ROOT) -> tuple[float, float, int]:
    """A fresh process: (wall s, CPU s of it and its workers, peak RSS in MB of the largest
    process waited for so far in this benchmark)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss // 1024


def peak_of(args: list[str], cwd: Path = ROOT) -> tuple[float, float, int]:
    """Like :func:`run`, with the peak RSS of this command's own processes: it runs under a
    child Python that waits for it alone."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=cwd, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def median_of(args: list[str], times: int = 7) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(times):
        wall, cpu, _ = run(args)
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def row(name: str, value: str, yardstick: str = "", goal: str = "") -> None:
    print(f"| {name} | {value} | {yardstick} | {goal} |")


def _by_category(text: str) -> bool:
    sample = text[:100_000]
    if not sample:
        return False
    allowed = "\t\n\r\f\v\x1a"
    controls = sum(
        1
        for c in sample
        if c not in allowed and unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
    )
    return controls > max(2, 0.01 * len(sample))


def sniff(files: list[Path]) -> None:
    from kb.readers.text import _looks_binary

    texts = []
    for p in files:
        data = p.read_bytes()
        texts.append(data.decode("utf-8", errors="replace"))
        texts.append(data.decode("latin-1"))  # a byte-for-byte reading, as of a legacy file
    t0 = time.process_time()
    new = [_looks_binary(t) for t in texts]
    t1 = time.process_time()
    old = [_by_category(t) for t in texts]
    t2 = time.process_time()
    same = sum(a == b for a, b in zip(new, old, strict=True))
    row(
        f"binary sniff, {len(files)} files read two ways: same verdict",
        f"{same} of {len(texts)} ({sum(new)} binary)",
        "lookup of every character",
        "all",
    )
    row(
        "binary sniff: CPU s for all",
        f"{t1 - t0:.2f}",
        f"{t2 - t1:.2f} (lookup of every character)",
    )


def extract_corpus(docs: Path, mb: float) -> None:
    wall, cpu, rss = peak_of([str(BIN / "kb"), "extract", "--format", "json", str(docs)])
    b_wall, b_cpu, _ = run([sys.executable, "-c", BARE_SCAN, str(docs)])
    row(
        "`kb extract --format json` of the corpus, fresh process: MB/s (wall)",
        f"{mb / wall:.1f} ({wall:.1f} s wall, {cpu:.1f} s CPU, peak {rss} MB)",
        f"read + bare scan, fresh process: {mb / b_wall:.1f} MB/s ({b_wall:.1f} s)",
        ">= 25 (goal 40)",
    )
    row(
        "the same per CPU second (both workers counted)",
        f"{mb / cpu:.1f} MB/s",
        f"{mb / b_cpu:.1f} MB/s",
    )


def startup(seed: Path) -> None:
    bare_wall, bare_cpu = median_of([sys.executable, "-c", "pass"])
    pyd_wall, pyd_cpu = median_of([sys.executable, "-c", "import pydantic.main"])
    row(
        "Python start-up; with pydantic's BaseModel (median of 7)",
        f"{bare_wall:.3f} s; {pyd_wall:.3f} s wall",
        f"CPU {bare_cpu:.3f} s; {pyd_cpu:.3f} s",
    )
    for name, args, goal in (
        ("kb extract", [str(BIN / "kb"), "extract", str(seed)], "<= 0.25 s"),
        ("citecheck", [str(BIN / "citecheck"), "--no-config", str(seed)], "<= 0.4 s"),
    ):
        wall, cpu = median_of(args)
        row(
            f"`{name}` of {seed.name}, fresh process (median of 7)",
            f"{wall:.3f} s wall",
            f"CPU {cpu:.3f} s",
            goal,
        )


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def highlighting() -> None:
    from citecheck import highlight

    def marks(n: int) -> tuple[str, list[dict[str, object]]]:
        findings: list[dict[str, object]] = [
            {
                "start": i * 50,
                "end": i * 50 + 30,
                "severity": "info",
                "related": [{"start": 0, "end": 9}],
            }
            for i in range(n)
        ]
        return "x" * (n * 50), findings

    big = marks(20_000)
    half = marks(10_000)
    t_big = _best(lambda: highlight.pieces(*big))
    t_half = _best(lambda: highlight.pieces(*half))
    row(
        "highlighting 20,000 marks in 1 MB (CPU ms, best of 3)",
        f"{t_big * 1000:.0f}",
        f"10,000 in 0.5 MB: {t_half * 1000:.0f} (ratio {t_big / t_half:.2f})",
    )


def text_report() -> None:
    from citecheck.config import Options
    from citecheck.engine import check_source
    from citecheck.reporters import REPORTERS, RenderOptions

    def prepared(n: int) -> Callable[[], object]:
        text = "Quy định số 12-QĐ/TU ngày 31/02/2019; " * n
        outcome = check_source("long.txt", text, Options(select=["invalid-date"]))
        sources = {d.path: d for d in outcome.documents}
        return lambda: REPORTERS["text"]().render(outcome.report, sources, RenderOptions())

    t_big = _best(prepared(3000))
    t_half = _best(prepared(1500))
    row(
        "text report, 3,000 findings on one 114k-character line (CPU ms)",
        f"{t_big * 1000:.0f}",
        f"1,500 on 57k: {t_half * 1000:.0f} (ratio {t_big / t_half:.2f})",
    )


def corpus_runs(docs: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kb.sqlite"
        wall, cpu, rss = peak_of([str(BIN / "kb"), "build", str(docs), "--db", str(db)])
        row(
            "`kb build` of the corpus into a new KB",
            f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {rss} MB",
            "",
            "<= 20 s",
        )
        wall, cpu, rss = peak_of(
            [str(BIN / "citecheck"), "--no-config", "--format", "json", str(docs)], cwd=Path(tmp)
        )
        row(
            "`citecheck --format json` of the corpus as one corpus",
            f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak {rss} MB",
            "",
            "<= 20 s",
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="no whole-corpus runs")
    args = ap.parse_args()
    docs = DOCS.resolve()
    if not docs.is_dir():
        print(f"no bench corpus at {docs}")
        return 0
    files = sorted(docs.glob("*.txt"))
    mb = sum(p.stat().st_size for p in files) / 1e6
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{len(files)} files, {mb:.1f} MB; load average {load:.1f} at the start")
    print("| measure | result | yardstick (same run) | goal |")
    print("|---|---|---|---|")
    sniff(files[::10] if args.quick else files)
    seeds = sorted((ROOT / "corpus").glob("*.txt"), key=lambda p: p.stat().st_size)
    startup(seeds[-1])
    highlighting()
    text_report()
    if not args.quick:
        extract_corpus(docs, mb)
        corpus_runs(docs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
