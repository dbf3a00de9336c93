"""kb build: incremental by content hash, atomic, unreadable files, where the KB lives."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kb.queries.knowledge_base import KnowledgeBase
from kb.store.base import Store
from kb.store.config import db_path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def _build(runner: CliRunner, cli: click.Group, corpus: Path, db: str | Path) -> dict[str, object]:
    result = runner.invoke(cli, ["build", str(corpus), "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def test_rebuild_skips_unchanged_files_and_drops_removed_ones(
    runner: CliRunner, cli: click.Group, corpus: Path, tmp_path: Path, kb_target: str
) -> None:
    db = kb_target
    first = _build(runner, cli, corpus, db)
    assert (first["files"], first["parsed"], first["unchanged"]) == (5, 5, 0)
    again = _build(runner, cli, corpus, db)
    assert (again["parsed"], again["unchanged"], again["removed"]) == (0, 5, 0)
    assert again["documents"] == first["documents"]

    plan = corpus / "2022-kh-cong-tac-doi-thoai-2022.txt"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        + "\nThực hiện Kế hoạch số 77/KH-VPUB ngày 03/3/2022 của Văn phòng UBND tỉnh.\n",
        encoding="utf-8",
    )
    changed = _build(runner, cli, corpus, db)
    assert (changed["parsed"], changed["unchanged"]) == (1, 4)
    kb = KnowledgeBase.open(db)
    assert kb.keys_for("77/KH-VPUB") == ["77/KH-VPUB@2022"]
    kb.close()

    (corpus / "2026-bc-hoi-nghi-doi-thoai-lan-1.txt").unlink()
    removed = _build(runner, cli, corpus, db)
    assert (removed["files"], removed["parsed"], removed["removed"]) == (4, 0, 1)
    kb = KnowledgeBase.open(db)
    # 75/KH-VPUB was cited only in the removed report
    assert kb.keys_for("75/KH-VPUB") == []
    kb.close()


def test_unreadable_file_is_reported_and_the_rest_is_built(
    runner: CliRunner, cli: click.Group, corpus: Path, tmp_path: Path, kb_target: str
) -> None:
    (corpus / "hong.docx").write_bytes(b"BAO CAO, not a Word package")
    db = kb_target
    result = runner.invoke(cli, ["build", str(corpus), "--db", str(db)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "hong.docx" in line]
    assert len(errors) == 1 and "Word" in errors[0]
    kb = KnowledgeBase.open(db)
    assert kb.key("429-QĐ/TU") == "429-QĐ/TU@2022"
    kb.close()


def test_build_is_quiet_but_for_its_summary_off_a_terminal(
    runner: CliRunner, cli: click.Group, corpus: Path, kb_target: str
) -> None:
    result = runner.invoke(cli, ["build", str(corpus), "--db", kb_target])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kb.ingest.build import build
    from kb.store.sqlite import Store

    def stall(self):
        print("writing", flush=True)
        time.sleep(600)

    Store.commit = stall
    store = Store(sys.argv[1])
    build(store, [Path(p) for p in sys.argv[2:]], show_progress=False)
    """
)


def test_a_killed_build_leaves_the_previous_kb_answering(
    runner: CliRunner, cli: click.Group, corpus: Path, tmp_path: Path, kb_target: str
) -> None:
    db = kb_target
    before = _build(runner, cli, corpus, db)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "kh.txt").write_text(
        "KẾ HOẠCH\nThực hiện Kế hoạch số 88/KH-VPUB ngày 03/3/2023 của Văn phòng UBND tỉnh.\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(db), str(corpus), str(extra)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "writing"  # inside the write transaction
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    kb = KnowledgeBase.open(db)
    assert kb.keys_for("88/KH-VPUB") == []
    assert kb.store.count("documents") == before["documents"]
    assert kb.key("12-QĐ/TU") == "12-QĐ/TU@2019"
    kb.close()
    # and the next build completes the work
    after = runner.invoke(cli, ["build", str(corpus), str(extra), "--db", str(db)])
    assert after.exit_code == 0
    kb = KnowledgeBase.open(db)
    assert kb.keys_for("88/KH-VPUB") == ["88/KH-VPUB@2023"]
    kb.close()


def test_schema_migrations_are_recorded_and_applied_to_older_kbs(tmp_path: Path) -> None:
    import sqlite3

    from kb.store.migrations import MIGRATIONS

    # a KB made before the second migration existed
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )
    conn.executescript(MIGRATIONS[0][1])
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'initial schema', '2026-01-01')")
    conn.commit()
    conn.close()
    store = Store(old)
    every = list(range(1, len(MIGRATIONS) + 1))
    assert [v for v, _ in store.migrations()] == every
    columns = [r[1] for r in store.conn.execute("PRAGMA table_info(imported_documents)")]
    assert columns[-1] == "file"
    store.close()
    again = Store(old)  # opening again applies nothing twice
    assert [v for v, _ in again.migrations()] == every
    again.close()


def test_db_path_option_then_pyproject_then_working_directory(tmp_path: Path) -> None:
    project = tmp_path / "office"
    (project / "docs" / "2025").mkdir(parents=True)
    assert db_path(None, cwd=project / "docs") == (project / "docs" / "kb.sqlite").resolve()
    (project / "pyproject.toml").write_text('[tool.citecheck]\ndb = "data/office.sqlite"\n')
    assert db_path(None, cwd=project / "docs" / "2025") == project.resolve() / "data/office.sqlite"
    assert db_path("other.sqlite", cwd=project) == Path("other.sqlite")


def test_one_reader_of_tool_citecheck_for_both_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citecheck.config import load_settings, options_from_settings
    from kb.store.config import ConfigError, tool_settings

    project = tmp_path / "office"
    (project / "docs").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.citecheck]\ndb = "data/office.sqlite"\nfail-on = "warning"\n'
    )
    table, found = tool_settings(project / "docs")
    assert found == (project / "pyproject.toml").resolve()
    assert load_settings(project / "docs") == (table, found)
    options = options_from_settings(table, found.parent)
    assert options.fail_on == "warning"
    assert Path(options.db or "") == db_path(None, cwd=project / "docs")
    # a broken file is an error for the checker's options, and passed over for the KB file
    (project / "pyproject.toml").write_text("[tool.citecheck\n")
    with pytest.raises(ConfigError):
        tool_settings(project)
    assert db_path(None, cwd=project) == project.resolve() / "kb.sqlite"
    monkeypatch.chdir(project / "docs")
    with pytest.raises(ConfigError):
        tool_settings()  # the working directory by default


def test_a_change_to_the_facts_alone_is_applied(
    runner: CliRunner, cli: click.Group, corpus: Path, tmp_path: Path, kb_target: str
) -> None:
    db = kb_target
    _build(runner, cli, corpus, db)
    facts = corpus / "facts.toml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace('verdict = "confirmed"', 'verdict = "rejected"'),
        encoding="utf-8",
    )
    again = _build(runner, cli, corpus, db)
    assert again["parsed"] == 0
    kb = KnowledgeBase.open(db)
    origins = {(r.kind, r.origin) for r in kb.relations("12-QĐ/TU@2019")}
    assert ("replaces", "curated") not in origins
    assert ("replaces", "inferred") not in origins  # rejected, so not inferred either
    kb.close()


def test_progress_bar_goes_to_stderr_when_asked(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kb.ingest.build import build

    store = Store(tmp_path / "kb.sqlite")
    result = build(store, [corpus], show_progress=True)
    store.close()
    captured = capsys.readouterr()
    assert result.parsed == 5
    assert "kb build" in captured.err
    assert captured.out == ""


def test_a_file_that_is_not_a_kb_is_refused(
    runner: CliRunner, cli: click.Group, corpus: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("ghi chú, không phải cơ sở dữ liệu\n" * 200, encoding="utf-8")
    for args in (["build", str(corpus)], ["show", "12-QĐ/TU"], ["stats"]):
        result = runner.invoke(cli, [*args, "--db", str(bogus)])
        assert result.exit_code == 2
        assert "không phải tệp cơ sở tri thức" in result.stderr


def test_paths_are_stored_relative_to_the_build_root(
    runner: CliRunner,
    cli: click.Group,
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kb_target: str,
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the corpus is given by its absolute path
    db = kb_target
    _build(runner, cli, corpus.resolve(), db)
    store = Store(db)
    paths = {r[6] for r in store.all_relations() if r[6]}
    store.close()
    assert "corpus/facts.toml" in paths
    assert not [p for p in paths if p.startswith("/") or str(tmp_path) in p]
    shown = runner.invoke(cli, ["show", "12-QĐ/TU", "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0 and str(tmp_path) not in shown.output
    assert "corpus/facts.toml" in shown.output

    # a KB built before paths were stored relative is put right by the next build
    store = Store(db, readonly=False)
    with store.transaction():
        store.execute(
            "UPDATE relations SET path = ? WHERE path = 'corpus/facts.toml'",
            (str(corpus.resolve() / "facts.toml"),),
        )
        store.set_meta("fingerprint", "an older build")
    store.close()
    _build(runner, cli, corpus.resolve(), db)
    store = Store(db)
    paths = {r[6] for r in store.all_relations() if r[6]}
    store.close()
    assert "corpus/facts.toml" in paths and not [p for p in paths if p.startswith("/")]
