"""Bounded load test of the web application on loopback.

Builds a KB from ``corpus/`` in a temporary directory (or uses ``--db``), starts the
application under uvicorn in a separate process on a free 127.0.0.1 port, then runs
``--clients`` concurrent httpx clients for ``--duration`` seconds against each endpoint in
turn: ``GET /api/applies`` (a few queries and dates) and ``POST /api/check`` with the
largest seed report. Prints requests, throughput, p50/p95/max latency and errors, and
stops the server. Goal: no errors, p95 under 200 ms for ``/api/applies``.

    python bench/bench_web.py [--clients 20] [--duration 30] [--db kb.sqlite] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
LARGEST = CORPUS / "2024-bc-dan-van-dan-chu-quy-1.txt"
QUERIES = [
    "đối thoại trực tiếp",
    "dân chủ ở cơ sở",
    "tiếp công dân",
    "kiểm soát quyền lực",
    "cải cách hành chính",
    "Quy định 429-QĐ/TU",
]
# 6 questions asked on the first day of each month from 2021 to 2026: 432 distinct requests
APPLIES = [(q, f"{y}-{m:02d}-01") for y in range(2021, 2027) for m in range(1, 13) for q in QUERIES]
SERVER = """
import sys
from pathlib import Path
import uvicorn
from citecheck.web.app import create_app
app = create_app(Path(sys.argv[1]), cache_size=int(sys.argv[3]))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


@dataclass
class Stats:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    server_cpu: float | None = None
    client_cpu: float = 0.0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1

    def row(self) -> dict[str, object]:
        lat = sorted(self.latencies)
        n = len(lat)

        def pct(p: float) -> float:
            return lat[min(n - 1, int(p * n))] * 1000 if n else float("nan")

        return {
            "endpoint": self.name,
            "requests": n + sum(self.errors.values()),
            "ok": n,
            "errors": sum(self.errors.values()),
            "error_kinds": self.errors,
            "throughput_rps": round(n / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(pct(0.50), 1),
            "p95_ms": round(pct(0.95), 1),
            "max_ms": round(lat[-1] * 1000, 1) if n else float("nan"),
            "mean_ms": round(statistics.fmean(lat) * 1000, 1) if n else float("nan"),
            "server_cpu_ms_per_request": round(self.server_cpu / n * 1000, 2)
            if self.server_cpu is not None and n
            else None,
            "client_cpu_s": round(self.client_cpu, 1),
        }


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_kb(folder: Path) -> Path:
    from kb.queries.knowledge_base import KnowledgeBase

    path = folder / "kb.sqlite"
    kb = KnowledgeBase.open(path, readonly=False)
    try:
        kb.build([CORPUS])
    finally:
        kb.close()
    return path


def wait_ready(base: str, proc: subprocess.Popen[bytes], limit: float = 60.0) -> None:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(base + "/openapi.json", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not answer in time")


Request = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]


async def load(base: str, stats: Stats, request: Request, clients: int, duration: float) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:
        deadline = time.monotonic() + duration

        async def worker(i: int) -> None:
            n = i
            while time.monotonic() < deadline:
                t0 = time.perf_counter()
                try:
                    r = await request(client, n)
                except httpx.HTTPError as err:
                    stats.error(type(err).__name__)
                else:
                    if r.status_code == 200:
                        stats.latencies.append(time.perf_counter() - t0)
                    else:
                        stats.error(f"HTTP {r.status_code}")
                n += clients

        t0 = time.monotonic()
        await asyncio.gather(*(worker(i) for i in range(clients)))
        stats.seconds = time.monotonic() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds per endpoint")
    ap.add_argument("--db", type=Path, default=None, help="a built KB (default: build one)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument(
        "--cache-size", type=int, default=512, help="the server's answer cache (0: none)"
    )
    args = ap.parse_args()

    draft = LARGEST.read_bytes()
    # URLs built once, so that the clients spend their time on requests, not on quoting
    urls = [str(httpx.URL("/api/applies", params={"q": q, "on": on})) for q, on in APPLIES]

    async def applies(client: httpx.AsyncClient, n: int) -> httpx.Response:
        return await client.get(urls[n % len(urls)])

    async def check(client: httpx.AsyncClient, n: int) -> httpx.Response:
        files = {"file": (LARGEST.name, draft, "text/plain")}
        return await client.post("/api/check", files=files)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or build_kb(Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(db), str(port), str(args.cache_size)],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_ready(base, proc)
            rows = []
            for name, request in (("GET /api/applies", applies), ("POST /api/check", check)):
                stats = Stats(name)
                cpu0, own0 = process_cpu(proc.pid), time.process_time()
                asyncio.run(load(base, stats, request, args.clients, args.duration))
                cpu1 = process_cpu(proc.pid)
                stats.client_cpu = time.process_time() - own0
                if cpu0 is not None and cpu1 is not None:
                    stats.server_cpu = cpu1 - cpu0
                rows.append(stats.row())
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()

    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(
            f"{args.clients} clients, {args.duration:g} s per endpoint, one uvicorn worker, "
            f"answer cache {args.cache_size}, "
            f"check payload {LARGEST.name} ({len(draft) // 1024} KiB)"
        )
        print(
            f"{'endpoint':<18} {'requests':>8} {'errors':>6} {'req/s':>7} "
            f"{'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'server CPU ms/req':>17} "
            f"{'client CPU s':>12}"
        )
        for r in rows:
            print(
                f"{r['endpoint']:<18} {r['requests']:>8} {r['errors']:>6} "
                f"{r['throughput_rps']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8} "
                f"{r['server_cpu_ms_per_request']!s:>17} {r['client_cpu_s']:>12}"
            )
        load1, _, _ = os.getloadavg()
        print(
            f"{os.cpu_count()} CPUs shared by the clients and the server; "
            f"load average {load1:.1f} at the end"
        )
    applies_row = rows[0]
    ok = all(r["errors"] == 0 for r in rows) and float(str(applies_row["p95_ms"])) < 200
    print("goal (no errors, p95 < 200 ms on /api/applies):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
