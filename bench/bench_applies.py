"""Benchmark of "which regulation applies" on the bench corpus.

Builds the KB of the whole bench corpus (``kb build`` then ``kb import`` of
``metadata.jsonl``), or uses ``--db``, and puts the questions of
``tests/kb/data/applies_questions.toml`` — written with their answers, proved from the texts'
own final provisions, before any was asked — to ``kb applies`` and to a plain fuzzy title
search (rapidfuzz over type, number, title and first lines of each document signed by the
date). Prints, for each: how often a text in force on the date is among the first three
answers, and how many texts replaced, repealed or not yet in force are called in force.
Then the time of ``kb applies`` in-process (median over the questions).

Goals (issue 11): in force among the first three in ≥ 90 % of the questions; none called in
force wrongly; ``kb applies`` ≤ 50 ms in-process; ``kb build`` ≤ 60 s.

Usage: ``python bench/bench_applies.py [--db KB] [--verbose]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / ".." / "shared" / "bench-corpus" / "docs"
METADATA = DOCS.parent / "metadata.jsonl"
CLI = (
    "import sys, click\n"
    "from kb.cli.commands import COMMANDS\n"
    "main = click.Group('kb', commands={c.name: c for c in COMMANDS})\n"
    "main(sys.argv[1:])\n"
)


def _eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "applies_eval", ROOT / "bench" / "applies_eval.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["applies_eval"] = module
    spec.loader.exec_module(module)
    return module


def _kb(args: list[str]) -> float:
    start = time.perf_counter()
    program = Path(sys.executable).parent / "kb"
    command = [str(program)] if program.is_file() else [sys.executable, "-c", CLI]
    proc = subprocess.run([*command, *args], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"kb {' '.join(args)} failed:\n{proc.stderr}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing KB of the bench corpus")
    parser.add_argument("--verbose", action="store_true", help="list the misses")
    args = parser.parse_args()
    if not DOCS.is_dir():
        print("bench corpus not found next to the repository (shared/bench-corpus)")
        return 0
    ev = _eval()
    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        db = Path(tmp.name) / "bench.sqlite"
        print(f"load average before the build: {os.getloadavg()[0]:.2f} (2 shared cores)")
        wall = _kb(["build", str(DOCS), "--db", str(db)])
        print(f"kb build of the bench corpus: {wall:.1f} s wall (goal ≤ 60 s)")
        _kb(["import", str(METADATA), "--db", str(db)])
    from kb.queries.knowledge_base import KnowledgeBase

    kb = KnowledgeBase.open(db)
    questions = ev.load_questions()
    ours = ev.score_applies(kb, questions)
    base = ev.score_baseline(ev.baseline_index(kb, DOCS), questions)
    print(f"{len(questions)} questions (our own, answers written before the runs)")
    for name, s in (("kb applies", ours), ("fuzzy title search", base)):
        print(
            f"{name:20} in force among the first three: {s.found}/{s.asked}"
            f" ({100 * s.found_share:.0f} %, goal ≥ 90 %);"
            f" replaced / not yet in force called in force: {s.called_in_force}/{s.ended}"
        )
        if args.verbose:
            for line in s.misses + s.wrong:
                print(f"    {line}")
    times = []
    for q in questions:
        for _ in range(3):
            start = time.perf_counter()
            kb.applies(q.query, q.on)
            times.append(time.perf_counter() - start)
    print(
        f"kb applies in-process: median {statistics.median(times) * 1000:.1f} ms,"
        f" worst {max(times) * 1000:.1f} ms over {len(times)} runs (goal ≤ 50 ms)"
    )
    kb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
