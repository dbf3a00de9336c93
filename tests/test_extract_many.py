"""``kb extract`` over many files: parsed on worker processes, written file by file, and
the JSON the same, byte for byte, as the one document the ``ExtractReport`` model writes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.cli.schemas import SCHEMAS
from kb.models import ExtractReport
from kb.parse.extract import extract_file
from kb.parse.pool import POOL_MIN_ITEMS

KB = Path(sys.executable).with_name("kb")


def _many_files(corpus_dir: Path, tmp_path: Path) -> list[Path]:
    """The seed documents, twice over under two names: more than the pool's threshold."""
    seeds = sorted(corpus_dir.glob("*.txt"))
    folder = tmp_path / "many"
    folder.mkdir()
    for copy in ("a", "b"):
        for seed in seeds:
            shutil.copy(seed, folder / f"{copy}-{seed.name}")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)
    files = sorted(folder.iterdir())
    assert len(files) > POOL_MIN_ITEMS
    return files


def test_json_of_many_files_is_the_whole_report_written_file_by_file(
    corpus_dir: Path, tmp_path: Path
) -> None:
    files = _many_files(corpus_dir, tmp_path)
    run = subprocess.run(
        [str(KB), "extract", "--format", "json", str(tmp_path / "many")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 2  # the junk file is unreadable; the others are written
    assert run.stderr.strip() == f"{tmp_path / 'many' / 'junk.txt'}: " + (
        "tệp không phải văn bản (chứa dữ liệu nhị phân)"
    )
    readable = [p for p in files if p.name != "junk.txt"]
    whole = ExtractReport(files=[extract_file(p) for p in readable])
    assert run.stdout == whole.model_dump_json(indent=2) + "\n"
    data = json.loads(run.stdout)
    assert [f["path"] for f in data["files"]] == [str(p) for p in readable]
    SCHEMAS["extract"].model_validate(data)


def test_json_of_no_readable_file_is_an_empty_list(tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    run = subprocess.run(
        [str(KB), "extract", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 2
    assert run.stdout == ExtractReport(files=[]).model_dump_json(indent=2) + "\n"


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found.update(int(x) for x in text.split())
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_end_when_the_parent_is_killed(corpus_dir: Path, tmp_path: Path) -> None:
    _many_files(corpus_dir, tmp_path)
    many = tmp_path / "many"
    for i in range(30):  # enough work that the workers are still busy when the parent dies
        for seed in sorted(corpus_dir.glob("*.txt")):
            shutil.copy(seed, many / f"c{i}-{seed.name}")
    proc = subprocess.Popen(
        [str(KB), "extract", "--format", "json", str(many)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert proc.stdout is not None
        proc.stdout.read(64)  # the first file is written: the workers are running
        workers = _children(proc.pid)
        assert workers
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    deadline = time.monotonic() + 60  # generous: a worker looks for its parent twice a second
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "workers outlived their killed parent"
