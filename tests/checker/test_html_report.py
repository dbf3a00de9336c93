"""``--format html``: a self-contained page with the findings marked in the draft's text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import main


def test_html_report_marks_the_conflicting_date(corpus_dir: Path) -> None:
    path = corpus_dir / "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt"
    result = CliRunner().invoke(main, [str(path), "--format", "html"])
    assert result.exit_code == 1
    page = result.stdout
    assert page.startswith("<!doctype html>")
    # the title cites 12-QĐ/TU as 27/12/2019 while the body mostly says 27/02/2019
    assert '<mark class="error"' in page
    assert "Quy định số 12-QĐ/TU ngày 27/12/2019</mark>" in page
    assert "date-mismatch" in page
    # self-contained: no external resource is fetched
    assert "<script src" not in page and "<link" not in page and "http" not in page


def test_html_report_escapes_the_document_text(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Số: /BC-UBND\n\n<script>alert(1)</script> Nghị định số 45/2020/NĐ-CP ngày 31/02/2020.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, [str(draft), "--format", "html", "--lang", "en"])
    page = result.stdout
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Citation check results" in page


def test_html_report_does_not_import_the_web_package() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import citecheck.reporters.html\n"
        "assert not any(m.startswith('citecheck.web') for m in sys.modules), sorted(sys.modules)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
