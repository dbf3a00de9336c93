"""``citecheck --format json`` is written file by file; the bytes are those of the whole
report written by its model at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from citecheck.config import Options
from citecheck.engine import check_paths
from citecheck.models import CheckReport, Summary
from citecheck.reporters import REPORTERS, RenderOptions

CITECHECK = Path(sys.executable).with_name("citecheck")


def test_chunks_are_the_whole_report(corpus_dir: Path) -> None:
    outcome = check_paths([corpus_dir], Options())
    report = outcome.report
    assert report.files and report.authorities  # every part of the report is exercised
    sources = {d.path: d for d in outcome.documents}
    chunks = list(REPORTERS["json"]().chunks(report, sources, RenderOptions()))
    assert len(chunks) > len(report.files)
    assert "".join(chunks) == report.model_dump_json(indent=2)


def test_an_empty_report() -> None:
    empty = CheckReport(files=[], summary=Summary())
    text = "".join(REPORTERS["json"]().chunks(empty, {}, RenderOptions()))
    assert text == empty.model_dump_json(indent=2)


def test_the_command_over_many_files(corpus_dir: Path, tmp_path: Path) -> None:
    # more files than the pool's threshold: parsed on worker processes, in order
    cases = Path(__file__).parent / "cases"
    run = subprocess.run(
        [str(CITECHECK), "--format", "json", "--no-config", str(corpus_dir), str(cases)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    outcome = check_paths([corpus_dir, cases], Options())
    assert run.stdout == outcome.report.model_dump_json(indent=2) + "\n"
