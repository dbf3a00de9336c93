"""``citecheck --format json`` is written file by file; the bytes are those of the whole
report written by its model at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from citecheck.config import Options
from citecheck.engine import check_documents, check_paths, make_document
from citecheck.models import CheckReport, Summary
from citecheck.reporters import REPORTERS, RenderOptions
from kb.parse.pool import POOL_MIN_ITEMS

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
    # more files than the pool's threshold: parsed and checked one by one on worker
    # processes, in order, then checked together
    folder = tmp_path / "docs"
    folder.mkdir()
    for copy in ("a", "b"):
        for seed in sorted(corpus_dir.glob("*.txt")):
            shutil.copy(seed, folder / f"{copy}-{seed.name}")
    assert len(list(folder.iterdir())) > POOL_MIN_ITEMS
    run = subprocess.run(
        [str(CITECHECK), "--format", "json", "--no-config", str(folder)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    docs = [make_document(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]
    expected = check_documents(docs, Options(), corpus=True, roots=[folder])
    assert expected.report.summary.findings > 20
    assert run.stdout == expected.report.model_dump_json(indent=2) + "\n"
