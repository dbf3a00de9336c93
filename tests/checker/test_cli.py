"""The CLI: exit codes, --select/--ignore, --fail-on, --lang, [tool.citecheck], unreadable files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main

REPO = Path(__file__).resolve().parents[2]
SEED_2025 = REPO / "corpus" / "2025-bc-ket-qua-cong-tac-doi-thoai-2025.txt"
SEED_PLAN = REPO / "corpus" / "2022-kh-cong-tac-doi-thoai-2022.txt"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # no pyproject.toml above unless the test writes one

    def _run(*args: str) -> tuple[int, str, str]:
        r = CliRunner().invoke(
            main,
            [*args, "--no-config"]
            if "--use-config" not in args
            else [a for a in args if a != "--use-config"],
        )
        return r.exit_code, r.stdout, r.stderr

    return _run


def test_errors_exit_1(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(str(SEED_2025))
    assert code == 1
    assert "CC104 issuer-mismatch" in out


def test_clean_plan_exits_0_with_warnings_below_fail_on(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(str(SEED_PLAN))
    assert code == 0
    # its one finding is information: "chỉ đạo của của tập thể lãnh đạo" on line 32
    assert "CC404 doubled-word" in out and "0 lỗi, 0 cảnh báo, 1 thông tin" in out


def test_fail_on_warning(run) -> None:  # type: ignore[no-untyped-def]
    code, _, _ = run(str(SEED_2025), "--select", "blank-placeholder")
    assert code == 0
    code, _, _ = run(str(SEED_2025), "--select", "blank-placeholder", "--fail-on", "warning")
    assert code == 1


def test_select_and_ignore_by_code_prefix_and_name(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(str(SEED_2025), "--format", "json", "--select", "CC4")
    codes = {f["code"] for ff in json.loads(out)["files"] for f in ff["findings"]}
    assert codes == {"CC401", "CC404"}
    _, out, _ = run(str(SEED_2025), "--format", "json", "--ignore", "issuer-mismatch,CC4")
    codes = {f["code"] for ff in json.loads(out)["files"] for f in ff["findings"]}
    assert codes == set()


def test_unknown_rule_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(str(SEED_2025), "--select", "XX9")
    assert code == 2
    assert "không có quy tắc: XX9" in err


def test_unreadable_file_is_reported_and_the_others_checked(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "draft.docx"
    bad.write_bytes(b"this is not a zip archive")
    code, out, err = run(str(bad), str(tmp_path / "missing.txt"), str(SEED_2025))
    assert code == 2
    assert len(err.strip().splitlines()) == 2
    assert "missing.txt" in err and "draft.docx" in err
    assert "Traceback" not in err
    assert "CC104" in out


def test_english_messages(run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(str(SEED_2025), "--lang", "en", "--select", "CC104")
    assert "belongs to" in out
    assert "finding(s)" in out


def test_as_of_parses_two_forms_and_rejects_others(run) -> None:  # type: ignore[no-untyped-def]
    assert run(str(SEED_PLAN), "--as-of", "2022-01-10")[0] == 0
    assert run(str(SEED_PLAN), "--as-of", "10/01/2022")[0] == 0
    code, _, err = run(str(SEED_PLAN), "--as-of", "yesterday")
    assert code == 2 and "--as-of" in err


def test_pyproject_settings(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nlang = "en"\nfail-on = "warning"\nignore = ["CC104"]\n'
        '[tool.citecheck.per-file-ignores]\n"2025-*.txt" = ["blank-placeholder"]\n',
        encoding="utf-8",
    )
    code, out, _ = run(str(SEED_2025), "--use-config")
    assert "CC104" not in out and "CC401" not in out
    assert "file(s)" in out
    code, out, _ = run(
        str(REPO / "corpus" / "2026-bc-hoi-nghi-doi-thoai-lan-1.txt"), "--use-config"
    )
    assert code == 1  # fail-on warning, and the blank header is a warning there
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nfail-on = "sometimes"\n', encoding="utf-8"
    )
    code, _, err = run(str(SEED_2025), "--use-config")
    assert code == 2 and "fail-on" in err


def test_directory_is_checked_as_a_corpus(run) -> None:  # type: ignore[no-untyped-def]
    _code, out, _ = run(str(REPO / "corpus"), "--format", "json")
    data = json.loads(out)
    assert len(data["files"]) == 5  # the README is not a document
    assert any("trong 3 tệp" in f["message"] for ff in data["files"] for f in ff["findings"])


def test_help_is_fast_and_does_not_import_the_parser() -> None:
    code = (
        "import sys; from citecheck.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'kb.parse.extract' not in sys.modules and 'spacy' not in sys.modules, sorted(sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "citecheck ĐƯỜNG_DẪN" in r.stdout and "Cách dùng:" in r.stdout


def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))


def test_docx_locations_and_word_comments(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    src = tmp_path / "draft.docx"
    _docx(
        src,
        [
            "BÁO CÁO",
            "Kết quả thực hiện công tác đối thoại năm 2025",
            "Thực hiện Công văn số 3266/UBND-NC ngày 25/8/2022 của Tỉnh ủy về việc triển khai.",
        ],
    )
    out_docx = tmp_path / "draft-checked.docx"
    code, out, err = run(str(src), "--select", "CC104", "--annotate", str(out_docx))
    assert code == 1, err
    # paragraph 3, column 11 ("Thực hiện " is 10 characters)
    assert "draft.docx:¶3:11: CC104 issuer-mismatch" in out
    with zipfile.ZipFile(out_docx) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert "CC104 issuer-mismatch" in comments


def test_annotate_needs_one_docx(run) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(str(SEED_2025), "--annotate", "out.docx")
    assert code == 2 and "--annotate" in err


def test_checking_one_file_does_not_import_spacy_or_networkx() -> None:
    seed = REPO / "corpus" / "2024-bc-dan-van-dan-chu-quy-1.txt"
    code = (
        "import sys\n"
        "from citecheck.config import Options\n"
        "from citecheck.engine import check_paths\n"
        f"out = check_paths([{str(seed)!r}], Options())\n"
        "assert out.report.summary.findings > 0\n"
        "assert 'spacy' not in sys.modules and 'networkx' not in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_nothing_readable_exits_2_without_a_clean_summary(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(str(tmp_path / "missing.txt"))
    assert code == 2
    assert out == ""  # "0 tệp: không có phát hiện nào." would read as a clean result
    assert "không có tệp này" in err


def test_sarif_lists_unreadable_files_as_tool_notifications(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "missing.txt"
    code, out, _ = run(str(SEED_PLAN), str(missing), "--format", "sarif")
    assert code == 2
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "không có tệp này"
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("missing.txt")
    code, out, _ = run(str(SEED_PLAN), "--format", "sarif")
    assert json.loads(out)["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_annotate_with_a_text_input_is_a_usage_error_before_any_work(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(str(SEED_2025), "--annotate", str(tmp_path / "out.docx"))
    assert code == 2
    assert out == ""  # nothing was checked
    assert "--annotate cần đúng một tệp .docx" in err
    assert not (tmp_path / "out.docx").exists()


def test_kb_applies_with_an_empty_query_is_a_usage_error() -> None:
    from kb.cli.main import main as kb_main

    result = CliRunner().invoke(kb_main, ["applies", "  "])
    assert result.exit_code == 2
    assert "QUERY để trống" in result.stderr


def test_lang_setting_in_pyproject_sets_the_language_of_errors_too(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nlang = "en"\n', encoding="utf-8")
    code, _, err = run(str(SEED_PLAN), "--select", "XX9", "--use-config")
    assert code == 2
    assert "Usage: " in err and "unknown rule: XX9" in err
    code, _, err = run(str(SEED_PLAN), "--select", "XX9")  # --no-config: Vietnamese
    assert "Cách dùng: " in err and "không có quy tắc: XX9" in err


def test_own_number_in_another_form_in_the_footer(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    d = docx.Document()
    for p in ["Số: 120/BC-UBND", "Sơn La, ngày 10 tháng 3 năm 2026", "BÁO CÁO", "Kết quả."]:
        d.add_paragraph(p)
    d.sections[0].footer.paragraphs[0].text = "Báo cáo số 120/BC-VPUB"
    d.save(str(tmp_path / "draft.docx"))
    code, out, _ = run(str(tmp_path / "draft.docx"), "--select", "own-number-forms")
    assert code == 0  # a warning
    assert "draft.docx:footer.¶1:12: CC403 own-number-forms" in out and '"120/BC-VPUB"' in out
