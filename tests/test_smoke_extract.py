from __future__ import annotations

from pathlib import Path

from kb.parse.extract import extract_text


def test_offsets_point_at_what_the_author_wrote(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = extract_text(text, str(path))
        assert result.citations
        for c in result.citations:
            assert text[c.start : c.end] == c.text


def test_regulation_cited_with_two_dates_keeps_both() -> None:
    text = (
        "Thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy; "
        "Công văn số 2380/SNV-TG ngày 10/12/2021 của Sở Nội vụ về việc báo cáo sơ kết "
        "03 năm thực hiện Quy định số 12-QĐ/TU ngày 27/12/2019 của Tỉnh ủy."
    )
    cites = extract_text(text).citations
    assert [(c.ref, c.date.isoformat() if c.date else None) for c in cites] == [
        ("12-QĐ/TU", "2019-02-27"),
        ("2380/SNV-TG", "2021-12-10"),
        ("12-QĐ/TU", "2019-12-27"),
    ]
    assert cites[0].key == cites[2].key == "12-QĐ/TU@2019"
    assert cites[1].issuer == "Sở Nội vụ"
