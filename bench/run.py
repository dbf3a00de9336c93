"""Run every benchmark script in this folder (``bench_*.py``) and print their figures.

Each script prints its own table; this runner only starts them one after another in fresh
processes, so one benchmark's imports and caches do not flatter the next.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    only = set(sys.argv[1:])
    print(f"# citecheck benchmarks — {time.strftime('%Y-%m-%d %H:%M')}")
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, {platform.processor() or ''}"
    )
    failed = 0
    for script in scripts:
        if only and script.stem.removeprefix("bench_") not in only:
            continue
        print(f"\n## {script.stem}", flush=True)
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        if rc != 0:
            print(f"{script.name} exited with {rc}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
