"""Without --db, a single draft is judged against ``kb.sqlite`` in the working directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main as citecheck_main
from kb.cli.main import main as kb_main


def test_single_file_uses_the_kb_built_in_the_working_directory(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    built = CliRunner().invoke(kb_main, ["build", str(corpus_dir)])
    assert built.exit_code == 0, built.output
    assert (tmp_path / "kb.sqlite").is_file()
    draft = corpus_dir / "2025-bc-ket-qua-cong-tac-doi-thoai-2025.txt"
    result = CliRunner().invoke(citecheck_main, [str(draft), "--format", "json"])
    data = json.loads(result.stdout)
    verdicts = {a["ref"]: a["verdict"] for a in data["authorities"]}
    # 429-QĐ/TU of 01/7/2022 is in the KB with that date: the draft's citation is verified
    assert verdicts["429-QĐ/TU"] == "verified"


def test_without_any_kb_the_citations_are_not_judged(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert not os.path.exists("kb.sqlite")
    draft = corpus_dir / "2025-bc-ket-qua-cong-tac-doi-thoai-2025.txt"
    result = CliRunner().invoke(citecheck_main, [str(draft), "--format", "json"])
    data = json.loads(result.stdout)
    verdicts = {a["ref"]: a["verdict"] for a in data["authorities"]}
    assert verdicts["429-QĐ/TU"] == "unjudged"
