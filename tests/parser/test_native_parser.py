"""The compiled parser (kb/parse/native.py) against its Python sources: the same citations on
real text, and a build that is not of the current sources is never used.

Each side runs in its own process: the Python side with ``KB_PURE_PYTHON=1`` (as the rest of
the suite runs), the compiled side without it, from the build ``make install`` made."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kb.parse import native

ROOT = Path(__file__).resolve().parents[2]
BENCH_DOCS = ROOT.parent / "shared" / "bench-corpus" / "docs"

_EXTRACT = """
import json, sys
from pathlib import Path
from kb.parse import native
import kb.parse.extract as extract
paths = [Path(p) for p in sys.argv[1:]]
out = {"native": native.is_native(extract), "files": []}
for p in paths:
    r = extract.extract_text(p.read_text("utf-8"), str(p))
    out["files"].append(r.model_dump(mode="json"))
print(json.dumps(out, ensure_ascii=False))
"""

_WHICH = "import kb.parse.refs as r; from kb.parse import native; print(native.is_native(r))"


def _run(code: str, *args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k not in (native.PURE_ENV, native.DIR_ENV)}
    environ.update(env)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def build() -> Path:
    """The build ``make install`` made, current with the sources. In CI it must be there."""
    if _run(_WHICH).strip() != "True":
        if os.environ.get("CI") == "true":
            pytest.fail("no compiled parser of the current sources (make install builds it)")
        pytest.skip("no compiled parser of the current sources (make install builds it)")
    return native.native_dir()


def _texts() -> list[str]:
    """The seed reports, the genre sample and one bench-corpus text in 25 (when present)."""
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "genre" / "docs").glob("*.txt"))
    if BENCH_DOCS.is_dir():
        paths += sorted(BENCH_DOCS.glob("*.txt"))[::25]
    return [str(p) for p in paths]


def test_compiled_and_python_parsers_read_real_text_the_same(build: Path) -> None:
    texts = _texts()
    compiled = json.loads(_run(_EXTRACT, *texts))
    python = json.loads(_run(_EXTRACT, *texts, KB_PURE_PYTHON="1"))
    assert compiled["native"] is True and python["native"] is False
    assert len(compiled["files"]) == len(texts) >= 5
    assert sum(len(f["citations"]) for f in python["files"]) > 100
    for c, p in zip(compiled["files"], python["files"], strict=True):
        assert c == p, c["path"]


def test_pure_python_is_chosen_by_the_environment(build: Path) -> None:
    assert _run(_WHICH, KB_PURE_PYTHON="1").strip() == "False"


def _copy(build: Path, to: Path) -> Path:
    shutil.copytree(build, to)
    return to


def test_a_build_of_other_sources_is_not_used(build: Path, tmp_path: Path) -> None:
    stale = _copy(build, tmp_path / "stale")
    stamp = json.loads((stale / "stamp.json").read_text("utf-8"))
    assert _run(_WHICH, KB_NATIVE_DIR=str(stale)).strip() == "True"  # the copy itself works
    stamp["digest"] = "0" * 64  # as after an edit of any parser source
    (stale / "stamp.json").write_text(json.dumps(stamp), "utf-8")
    assert _run(_WHICH, KB_NATIVE_DIR=str(stale)).strip() == "False"


def test_a_build_for_another_interpreter_is_not_used(build: Path, tmp_path: Path) -> None:
    other = _copy(build, tmp_path / "other")
    stamp = json.loads((other / "stamp.json").read_text("utf-8"))
    stamp["cache_tag"] = "cpython-399"
    (other / "stamp.json").write_text(json.dumps(stamp), "utf-8")
    assert _run(_WHICH, KB_NATIVE_DIR=str(other)).strip() == "False"


def test_a_broken_or_missing_build_is_not_used(build: Path, tmp_path: Path) -> None:
    partial = _copy(build, tmp_path / "partial")
    next(partial.glob("refs.*.so")).unlink()
    assert _run(_WHICH, KB_NATIVE_DIR=str(partial)).strip() == "False"
    assert _run(_WHICH, KB_NATIVE_DIR=str(tmp_path / "nothing")).strip() == "False"
    garbled = _copy(build, tmp_path / "garbled")
    (garbled / "stamp.json").write_text("{not json", "utf-8")
    assert _run(_WHICH, KB_NATIVE_DIR=str(garbled)).strip() == "False"


def test_the_digest_follows_every_parser_source(tmp_path: Path) -> None:
    """An edit of any module of kb/parse (compiled or not) or of the models changes it."""
    digest = native.sources_digest()
    assert digest == native.sources_digest()
    kb_copy = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb_copy, ignore=shutil.ignore_patterns("__pycache__"))
    code = "from kb.parse import native; print(native.sources_digest())"
    env = {"PYTHONPATH": str(tmp_path), "KB_PURE_PYTHON": "1"}
    assert _run_isolated(code, env, tmp_path).strip() == digest
    for name in ("parse/grammar.py", "parse/refs.py", "models.py"):
        source = kb_copy / name
        original = source.read_text("utf-8")
        source.write_text(original + "\n# edited\n", "utf-8")
        assert _run_isolated(code, env, tmp_path).strip() != digest, name
        source.write_text(original, "utf-8")


def _run_isolated(code: str, env: dict[str, str], cwd: Path) -> str:
    """``code`` in a process that imports ``kb`` from ``PYTHONPATH`` only (``-I`` keeps the
    installed one out; the path is given back by hand)."""
    path = env["PYTHONPATH"]
    script = f"import sys; sys.path.insert(0, {path!r}); " + code
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _cli(tool: str, *args: str, **env: str) -> str:
    """A console script of this environment, run in a fresh process; its exit code may be 1
    (findings), not more."""
    environ = {k: v for k, v in os.environ.items() if k not in (native.PURE_ENV, native.DIR_ENV)}
    environ.update(env)
    exe = Path(sys.executable).with_name(tool)
    done = subprocess.run(
        [str(exe), *args], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return done.stdout


def test_the_commands_give_the_same_output_compiled_and_as_python(build: Path) -> None:
    """Over many files the work is done on worker processes and the documents travel back
    pickled: what the compiled parser hands over must survive it."""
    files = ["corpus", "tests/genre/docs"]
    for tool, args in (
        ("citecheck", [*files, "--format", "json", "--no-config"]),
        ("kb", ["extract", "--format", "json", *files]),
    ):
        compiled = _cli(tool, *args)
        python = _cli(tool, *args, KB_PURE_PYTHON="1")
        assert compiled == python, tool
        assert len(compiled) > 10_000


def test_a_kb_built_with_the_compiled_parser_is_the_same(build: Path, tmp_path: Path) -> None:
    """``kb build`` parses on worker processes too: the graph of the KB it makes is the same."""
    graphs = []
    for name, env in (("compiled", {}), ("python", {"KB_PURE_PYTHON": "1"})):
        db = str(tmp_path / f"{name}.sqlite")
        _cli("kb", "build", "corpus", "tests/genre/docs", "--db", db, **env)
        graphs.append(_cli("kb", "graph", "--on", "2026-01-01", "--db", db, **env))
    assert graphs[0] == graphs[1]
    assert len(json.loads(graphs[0])["nodes"]) > 50
