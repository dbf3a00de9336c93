"""Benchmark of the knowledge base on the shared bench corpus.

Prints one table:

* ``kb build`` of the whole bench corpus into a new KB, as a fresh process (wall time,
  CPU time, peak memory of the build and of its parsing workers), then a rebuild with
  nothing changed (the incremental path), then ``kb import`` of ``metadata.jsonl`` (which
  also names the pháp điển files, whose articles carry no header of their own);
* ``kb show`` and ``kb applies`` in-process on that KB (median and worst of repeated
  queries, KB opened once);
* the same two commands as fresh processes, start-up included.

Goals (issue 3): build under 60 s on 2 cores with a peak under 1 GB; queries under 50 ms
in-process and under 0.5 s as a fresh process. Other work on the machine slows the build:
the load average is printed next to the figures.

Usage: ``python bench/bench_kb.py [--keep DB]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / ".." / "shared" / "bench-corpus" / "docs"
METADATA = DOCS.parent / "metadata.jsonl"

# documents and subjects present in the bench corpus (Luật Bảo hiểm xã hội 2014 and the
# decree detailing it; a frequent subject)
SHOW = ["58/2014/QH13@Luật", "115/2015/NĐ-CP", "45/2019/QH14@Luật"]
APPLIES = [("bảo hiểm xã hội bắt buộc", "2020-01-01"), ("thue thu nhap ca nhan", "2024-06-01")]
REPEAT = 20

# The ``kb`` program runs the fresh processes; where it is not installed, this group of
# the same commands stands in.
CLI = (
    "import sys, click\n"
    "from kb.cli.commands import COMMANDS\n"
    "main = click.Group('kb', commands={c.name: c for c in COMMANDS})\n"
    "main(sys.argv[1:])\n"
)


def _run(args: list[str]) -> tuple[float, float, int, str]:
    """Run the KB CLI in a fresh process: (wall s, CPU s of it and its children, peak RSS
    in MB of the largest of them, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    program = Path(sys.executable).parent / "kb"
    command = [str(program)] if program.is_file() else [sys.executable, "-c", CLI]
    proc = subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1, 2):
        raise SystemExit(f"kb {' '.join(args)} failed:\n{proc.stderr}")
    return wall, cpu, after.ru_maxrss // 1024, proc.stderr


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.1f} ms, worst {max(samples) * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build into this file and keep it")
    args = parser.parse_args()
    if not DOCS.is_dir():
        print("bench corpus not found next to the repository (shared/bench-corpus)")
        return 0
    files = sorted(DOCS.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    tmp = tempfile.TemporaryDirectory()
    db = args.keep or Path(tmp.name) / "bench.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB; {os.cpu_count()} cores")
    print(f"load average before the build: {os.getloadavg()[0]:.2f}")

    wall, cpu, rss, stderr = _run(["build", str(DOCS), "--db", str(db)])
    unreadable = [line for line in stderr.splitlines() if line.strip()]
    print(
        f"kb build (new KB):        {wall:6.1f} s wall, {cpu:6.1f} s CPU, peak {rss} MB"
        f" (goal < 60 s, < 1024 MB); {len(unreadable)} files refused by the readers"
    )
    print(f"load average after the build: {os.getloadavg()[0]:.2f}")
    wall, cpu, _, _ = _run(["build", str(DOCS), "--db", str(db)])
    print(f"kb build (nothing changed): {wall:6.1f} s wall, {cpu:6.1f} s CPU")
    wall, cpu, _, stderr = _run(["import", str(METADATA), "--db", str(db)])
    skipped = len([line for line in stderr.splitlines() if line.strip()])
    print(
        f"kb import metadata.jsonl:   {wall:6.1f} s wall, {cpu:6.1f} s CPU"
        f" ({skipped} rows without số hiệu skipped)"
    )
    print(f"KB file: {db.stat().st_size / 1e6:.1f} MB")

    from kb.queries.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.open(db)
    stats = kb.stats()
    print(
        f"documents {stats.documents}, mentions {stats.mentions}, relations {stats.relations} "
        f"({', '.join(f'{c.name} {c.count}' for c in stats.by_origin)})"
    )
    on = dt.date(2024, 1, 1)
    for ref in SHOW:
        samples = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            shown = kb.show(ref, on)
            samples.append(time.perf_counter() - start)
        found = "found" if shown is not None else "NOT FOUND"
        mentions = len(shown.mentions) if shown else 0
        print(f"show {ref:16} in-process: {_ms(samples)} ({found}, {mentions} mentions)")
    for query, day in APPLIES:
        samples = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            result = kb.applies(query, dt.date.fromisoformat(day))
            samples.append(time.perf_counter() - start)
        top = result.results[0].ref if result.results else "—"
        print(f"applies “{query}” in-process: {_ms(samples)} (first: {top})")
    kb.close()

    walls = [_run(["show", SHOW[0], "--db", str(db)])[0] for _ in range(5)]
    print(f"kb show as a fresh process:    {_ms(walls)} (goal < 500 ms)")
    walls = [
        _run(["applies", APPLIES[0][0], "--on", APPLIES[0][1], "--db", str(db)])[0]
        for _ in range(5)
    ]
    print(f"kb applies as a fresh process: {_ms(walls)} (goal < 500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
