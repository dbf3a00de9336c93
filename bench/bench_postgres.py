"""Benchmark of the KB on PostgreSQL next to SQLite, and of the web app on several workers.

Starts a throw-away PostgreSQL cluster (unix socket only, stopped at the end), then:

* ``kb build`` of the bench corpus into PostgreSQL and into a new SQLite file, as fresh
  processes (wall and CPU time), and ``kb import`` of ``metadata.jsonl`` into both;
* ``kb show`` and ``kb applies`` in-process on both KBs (median and worst of repeats);
* a bounded load test on loopback (127.0.0.1 only): ``--clients`` clients for
  ``--duration`` seconds per endpoint against ``citecheck serve`` on a PostgreSQL KB of the
  seed corpus (as bench_web.py builds in SQLite; read-only role) with one worker, then with
  ``--workers`` workers: ``GET /api/applies`` and ``POST /api/check`` of the largest seed
  report (54 KiB).

Goals (issue 13): build into PostgreSQL ≤ 90 s; show/applies ≤ 50 ms in-process on both;
on 2 workers ``/api/applies`` p95 ≤ 150 ms and ``/api/check`` p50 ≤ 1.0 s, no errors.

Usage: ``python bench/bench_postgres.py [--clients 20] [--duration 30] [--workers 2]
[--skip-build]`` (``--skip-build``: the load test only).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / ".." / "shared" / "bench-corpus" / "docs"
METADATA = DOCS.parent / "metadata.jsonl"
BIN = Path(sys.executable).parent
SHOW = ["58/2014/QH13", "115/2015/NĐ-CP", "45/2019/QH14"]
APPLIES = [("bảo hiểm xã hội bắt buộc", "2020-01-01"), ("thue thu nhap ca nhan", "2024-06-01")]
REPEAT = 20

sys.path.insert(0, str(HERE))
import bench_web  # noqa: E402  (the load test's clients, shared with bench_web.py)


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """A fresh process: (wall s, CPU s of it and its children, stdout + stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr}")
    return wall, cpu, proc.stdout + proc.stderr


def ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1000:6.1f} ms, worst {max(samples) * 1000:6.1f} ms"
    )


def queries(name: str, target: str) -> None:
    from kb.queries.knowledge_base import AmbiguousRef, KnowledgeBase

    kb = KnowledgeBase.open(target)
    on = dt.date(2024, 1, 1)
    for ref in SHOW:
        try:
            kb.show(ref, on)
        except AmbiguousRef as err:  # a law and a resolution share the number: the first
            ref = err.candidates[0]
        samples = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            kb.show(ref, on)
            samples.append(time.perf_counter() - start)
        print(f"  {name:10} show {ref:16} {ms(samples)}")
    for query, day in APPLIES:
        samples = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            kb.applies(query, dt.date.fromisoformat(day))
            samples.append(time.perf_counter() - start)
        print(f"  {name:10} applies “{query}” {ms(samples)}")
    kb.close()


def group_cpu(group: int) -> float:
    """CPU seconds used so far by the live processes of process group ``group`` (Linux)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def load_test(reader: str, workers: int, clients: int, duration: float) -> list[dict[str, object]]:
    """``citecheck serve --workers N`` on the KB, loaded like bench_web.py."""
    port = bench_web.free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CITECHECK_DB": reader, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [str(BIN / "citecheck"), "serve", "--workers", str(workers), "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    draft = bench_web.LARGEST.read_bytes()
    urls = [
        str(httpx.URL("/api/applies", params={"q": q, "on": on})) for q, on in bench_web.APPLIES
    ]

    async def applies(client: httpx.AsyncClient, n: int) -> httpx.Response:
        return await client.get(urls[n % len(urls)])

    async def check(client: httpx.AsyncClient, n: int) -> httpx.Response:
        files = {"file": (bench_web.LARGEST.name, draft, "text/plain")}
        return await client.post("/api/check", files=files)

    rows = []
    try:
        bench_web.wait_ready(base, proc, limit=120)
        for name, request in (("GET /api/applies", applies), ("POST /api/check", check)):
            stats = bench_web.Stats(name)
            cpu0 = group_cpu(proc.pid)
            asyncio.run(bench_web.load(base, stats, request, clients, duration))
            stats.server_cpu = group_cpu(proc.pid) - cpu0  # the web workers, not the database
            rows.append(stats.row())
    finally:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
    return rows


def builds(pg: str, tmp: Path, kb: list[str]) -> None:
    """The bench corpus into PostgreSQL (the empty database ``pg``) and SQLite; queries
    in-process on both."""
    from kb.store.scratch import reader_of

    lite = str(tmp / "bench.sqlite")
    for name, target in (("PostgreSQL", pg), ("SQLite", lite)):
        wall, cpu, _ = run([*kb, "build", str(DOCS), "--db", target])
        goal = " (goal ≤ 90 s)" if name == "PostgreSQL" else ""
        print(f"{name:10} kb build (new KB):    {wall:6.1f} s wall, {cpu:6.1f} s CPU{goal}")
        wall, cpu, _ = run([*kb, "build", str(DOCS), "--db", target])
        print(f"{name:10} kb build (unchanged): {wall:6.1f} s wall, {cpu:6.1f} s CPU")
        wall, cpu, _ = run([*kb, "import", str(METADATA), "--db", target])
        print(f"{name:10} kb import metadata:   {wall:6.1f} s wall, {cpu:6.1f} s CPU")
        print(f"  load average now {os.getloadavg()[0]:.1f}")
    print("in-process queries, KB opened once (goal ≤ 50 ms):")
    queries("PostgreSQL", reader_of(pg))
    queries("SQLite", lite)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per endpoint")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-build", action="store_true", help="the load test only")
    args = ap.parse_args()
    from kb.store.scratch import ScratchCluster, missing, reader_of

    reason = missing()
    if reason is not None:
        print(f"PostgreSQL benchmark skipped: {reason}")
        return 0
    if not DOCS.is_dir():
        print("bench corpus not found next to the repository (shared/bench-corpus)")
        return 0
    files = sorted(DOCS.glob("*.txt"))
    print(f"corpus: {len(files)} files; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    kb = [str(BIN / "kb")]
    with ScratchCluster() as cluster, tempfile.TemporaryDirectory() as tmp:
        if not args.skip_build:
            builds(cluster.create_database("bench"), Path(tmp), kb)
        web = cluster.create_database("web")
        run([*kb, "build", str(ROOT / "corpus"), "--db", web])
        print(
            f"load test: {args.clients} clients, {args.duration:g} s per endpoint, loopback,"
            f" PostgreSQL KB through the read-only role"
        )
        header = f"  {'workers':>7} {'endpoint':<18} {'requests':>8} {'errors':>6} {'req/s':>7}"
        print(f"{header} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU ms/req':>10}")
        results: dict[int, list[dict[str, object]]] = {}
        for workers in sorted({1, args.workers}):
            results[workers] = load_test(reader_of(web), workers, args.clients, args.duration)
            for r in results[workers]:
                print(
                    f"  {workers:>7} {r['endpoint']!s:<18} {r['requests']:>8} {r['errors']:>6}"
                    f" {r['throughput_rps']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}"
                    f" {r['server_cpu_ms_per_request']!s:>10}"
                )
            print(f"  load average now {os.getloadavg()[0]:.1f}")
    applies_row, check_row = results[args.workers]
    ok = (
        all(r["errors"] == 0 for rows in results.values() for r in rows)
        and float(str(applies_row["p95_ms"])) <= 150
        and float(str(check_row["p50_ms"])) <= 1000
    )
    print(
        f"goal on {args.workers} workers (no errors, /api/applies p95 ≤ 150 ms,"
        f" /api/check p50 ≤ 1.0 s):",
        "met" if ok else "NOT met",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
