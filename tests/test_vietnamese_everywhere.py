"""Officers meet no English unless they ask for it (--lang en): both command lines and the
web API, over a set of invocations that covers help, usage and parameter errors, rule pages,
reports, unreadable files and the API's error bodies.

The detector flags a line holding English function words or click's stock words, once
codes, names and paths are set aside (rule names such as ``date-mismatch``, option names,
file paths, format names, metavars in capitals).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main as citecheck_main
from kb.cli.main import main as kb_main

REPO = Path(__file__).resolve().parents[1]
SEED_2025 = REPO / "corpus" / "2025-bc-ket-qua-cong-tac-doi-thoai-2025.txt"
SEED_2022 = REPO / "corpus" / "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt"

# words of an English sentence that Vietnamese written without accents never uses
ENGLISH = set(
    [
        "the",
        "is",
        "are",
        "of",
        "for",
        "with",
        "not",
        "and",
        "or",
        "this",
        "that",
        "from",
        "by",
        "be",
        "was",
        "were",
        "has",
        "have",
        "cannot",
        "its",
        "should",
        "must",
        "one",
        "usage",
        "error",
        "options",
        "commands",
        "invalid",
        "missing",
        "try",
        "unknown",
        "needs",
        "exactly",
        "previous",
        "first",
        "part",
        "header",
        "file",
        "files",
        "such",
        "option",
        "argument",
        "value",
        "help",
        "show",
        "message",
        "exit",
        "version",
        "rule",
        "found",
        "findings",
        "finding",
        "input",
        "date",
        "only",
        "these",
        "skip",
        "count",
        "judge",
        "every",
        "check",
        "write",
        "ignore",
        "explain",
        "list",
        "run",
        "address",
        "largest",
        "draft",
        "accepted",
        "language",
        "output",
        "format",
        "default",
        "today",
        "required",
        "documents",
        "document",
        "relation",
        "kinds",
        "around",
        "knowledge",
        "base",
        "build",
        "extract",
        "print",
        "schema",
        "import",
        "counts",
        "which",
        "on",
        "at",
    ]
)
# one of these alone marks a line as English (stock words of click, evidence labels)
ENGLISH_ALONE = {
    "usage",
    "error",
    "try",
    "invalid",
    "missing",
    "previous",
    "first",
    "part",
    "unknown",
}
# set aside before looking: paths, options, rule names, URLs, code spans, capitals, codes
_ASIDE = [
    re.compile(r"`[^`]*`"),
    re.compile(r"'[^'\n]*'"),  # quoted values: what the user typed, choices
    re.compile(r"https?://\S+"),
    re.compile(r"(?:[\w.-]*/)+[\w.-]+"),  # paths, số hiệu
    re.compile(r"[\w.-]+\.(?:txt|docx|pdf|md|toml|sqlite|json|odt|doc|py)\b"),
    re.compile(r"\b[a-z]+(?:-[a-z]+)+\b"),  # rule names: date-mismatch
    re.compile(r"(?<![\w-])--?[\w-]+"),  # options
    re.compile(r"\[[a-z|]+\]"),  # choices: [text|json]
    re.compile(r"\b[A-ZĐ_]{2,}(?:\s+[A-ZĐ_]{2,})*\b"),  # metavars, codes: PATHS, INTEGER RANGE
    re.compile(r"\bCC\d{3}\b"),
    re.compile(r"\b(?:citecheck|kb|pyproject|sqlite|json|sarif|github|html|text|dot|graphml)\b"),
    # command names where they are listed or named
    re.compile(r"\b(?:extract|schema|build|show|applies|graph|stats|import|serve|check|rule)\b"),
    re.compile(r"\b(?:vi|en|error|warning|info)\b(?=\s*[|\]])"),
]
_WORD = re.compile(r"[A-Za-z]+")


def english_lines(output: str) -> list[str]:
    """The lines of ``output`` that read as English."""
    bad = []
    for line in output.splitlines():
        rest = line
        for pattern in _ASIDE:
            rest = pattern.sub(" ", rest)
        words = {w.lower() for w in _WORD.findall(rest)}
        if len(words & ENGLISH) >= 2 or words & ENGLISH_ALONE:
            bad.append(line)
    return bad


def test_the_detector_catches_english_and_passes_vietnamese() -> None:
    assert english_lines("Error: Invalid value for '--on': 'x' is not a valid date.")
    assert english_lines("--annotate needs exactly one .docx input")
    assert english_lines("unknown rule: CC999 (see `citecheck rule`)")
    assert english_lines("  3:5 first")
    assert not english_lines("Lỗi: Giá trị không hợp lệ cho '--on': 'x' không đúng định dạng.")
    assert not english_lines(
        "corpus/a.txt:3:5: CC201 date-mismatch Quyết định 12-QĐ/TU được trích dẫn"
    )
    assert not english_lines("Cách dùng: kb applies [TÙY CHỌN] QUERY")


def _run(main: object, args: list[str], tmp: Path) -> str:
    result = CliRunner().invoke(main, args)  # type: ignore[arg-type]
    return result.stdout + result.stderr


CITECHECK_CALLS: list[list[str]] = [
    ["--help"],
    ["check", "--help"],
    ["rule", "--help"],
    ["serve", "--help"],
    ["rule"],
    ["rule", "CC201"],
    ["rule", "issuer-validity"],
    ["rule", "CC999"],
    [str(SEED_2025), "--no-config"],
    [str(SEED_2022), "--no-config", "--statistics"],
    [str(SEED_2025), "--no-config", "--format", "authorities"],
    ["{tmp}/missing.txt", "--no-config"],
    ["{tmp}/bad.pdf", "--no-config"],
    [str(SEED_2025), "--no-config", "--select", "XX9"],
    [str(SEED_2025), "--no-config", "--fail-on", "bogus"],
    [str(SEED_2025), "--no-config", "--format", "bogus"],
    [str(SEED_2025), "--no-config", "--as-of", "bad"],
    [str(SEED_2025), "--no-config", "--annotate", "{tmp}/out.docx"],
    [str(SEED_2025), "--no-config", "--bogus"],
    [str(SEED_2025), "--no-config", "--db", "{tmp}/none.sqlite"],
    [str(SEED_2025), "--no-config", "--db", "{tmp}/bad.pdf"],
    ["check"],
]
KB_CALLS: list[list[str]] = [
    ["--help"],
    *[
        [name, "--help"]
        for name in (
            "extract",
            "build",
            "show",
            "applies",
            "graph",
            "stats",
            "import",
            "schema",
            "serve",
        )
    ],
    ["extract", str(SEED_2022)],
    ["extract", "{tmp}/missing.txt"],
    ["applies", ""],
    ["applies", "đối thoại", "--on", "bad"],
    ["applies", "đối thoại", "--limit", "0"],
    ["applies"],
    ["show", "12-QĐ/TU", "--db", "{tmp}/none.sqlite"],
    ["nope"],
    ["extract", "--bogus"],
    ["schema", "nope"],
]


def _args(args: list[str], tmp: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in args]


@pytest.fixture
def tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    return tmp_path


@pytest.mark.parametrize("args", CITECHECK_CALLS, ids=" ".join)
def test_citecheck_speaks_vietnamese(args: list[str], tmp: Path) -> None:
    output = _run(citecheck_main, _args(args, tmp), tmp)
    assert output.strip()
    assert english_lines(output) == []


@pytest.mark.parametrize("args", KB_CALLS, ids=" ".join)
def test_kb_speaks_vietnamese(args: list[str], tmp: Path) -> None:
    output = _run(kb_main, _args(args, tmp), tmp)
    assert output.strip()
    assert english_lines(output) == []


@pytest.mark.parametrize(
    "args",
    [["--help"], ["rule", "CC201"], ["rule", "CC999"], [str(SEED_2025), "--no-config", "--bogus"]],
)
def test_english_is_there_when_asked_for(args: list[str], tmp: Path) -> None:
    output = _run(citecheck_main, [*_args(args, tmp), "--lang", "en"], tmp)
    assert english_lines(output)


def test_api_error_bodies_are_vietnamese(tmp: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from citecheck.web.app import create_app

    client = TestClient(create_app(tmp / "none.sqlite"))
    json_headers = {"accept": "application/json"}
    bodies = [
        client.get("/api/applies", headers=json_headers).json(),
        client.get("/api/applies?q=x&on=bad", headers=json_headers).json(),
        client.post("/api/check", json={"x": 1}).json(),
        client.get("/api/check", headers=json_headers).json(),
        client.get("/api/documents/12-QĐ%2FTU", headers=json_headers).json(),
    ]
    for body in bodies:
        detail = body["detail"]
        texts = [detail] if isinstance(detail, str) else [e["msg"] for e in detail]
        assert english_lines("\n".join(texts)) == [], body
    page = client.get("/no-such-page").text
    visible = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", page, flags=re.S)
    assert english_lines(visible) == []
    english = client.get("/api/applies?lang=en", headers=json_headers).json()
    assert english["detail"][0]["msg"] == "Field required"
