from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kb.cli.main import main


def test_extract_json_follows_the_contract(corpus_dir: Path) -> None:
    path = corpus_dir / "2022-kh-cong-tac-doi-thoai-2022.txt"
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    (entry,) = data["files"]
    assert entry["path"] == str(path)
    first = entry["citations"][0]
    for field in (
        "text",
        "start",
        "end",
        "line",
        "column",
        "type",
        "number",
        "year",
        "ref",
        "date",
        "issuer",
        "subject",
        "pinpoint",
        "key",
    ):
        assert field in first
    # the plan opens with "Thực hiện Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy"
    assert first["ref"] == "12-QĐi/TU"
    assert first["date"] == "2019-02-27"
    assert first["type"] == "Quy định"
    assert first["issuer"] == "Ban Thường vụ Tỉnh ủy"
    text = path.read_text(encoding="utf-8")
    assert text[first["start"] : first["end"]] == first["text"]


def test_extract_walks_directories_and_reports_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020.", "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8 not text \x00\x00\xff")
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["good.txt"]
    assert "bad.txt" in result.stderr
    assert "Traceback" not in result.output


def test_schema_is_published() -> None:
    result = CliRunner().invoke(main, ["schema", "extract"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "files" in schema["properties"]
