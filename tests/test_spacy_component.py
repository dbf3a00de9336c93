"""The spaCy component gives the same citations as the parser, as spans on the Doc."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kb.parse.extract import extract_text

spacy = pytest.importorskip("spacy")

# (sentence from a seed report, the số hiệu it cites, ISO date) — read off the text by hand
ROWS = [
    (
        "Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy quy định "
        "đối thoại trực tiếp",
        [("429-QĐ/TU", "2022-07-01")],
    ),
    (
        "Công văn số 4639/UBND-NC ngày 30/12/2021 của UBND tỉnh về việc tiếp tục triển khai "
        "Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy;",
        [("4639/UBND-NC", "2021-12-30"), ("12-QĐi/TU", "2019-02-27")],
    ),
    (
        "Kết luận số 114-\n\nKL/TW ngày 14/7/2015 của Ban Bí thư Trung ương Đảng",
        [("114-KL/TW", "2015-07-14")],
    ),
    ("Đoàn kiểm tra số 893 làm việc với Ban Chỉ đạo 297; Báo cáo 6 tháng.", []),
]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    pipeline.add_pipe("vn_citations")
    return pipeline


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_parser_finds_the_citations(text: str, expected: list[tuple[str, str]]) -> None:
    found = [
        (c.ref, c.date.isoformat() if c.date else None)
        for c in extract_text(text).citations
        if c.ref
    ]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_component_sets_the_same_citations_as_spans(
    nlp: spacy.language.Language, text: str, expected: list[tuple[str, str]]
) -> None:
    doc = nlp(text)
    spans = doc.spans["vn_citations"]
    got = [(s._.kb_citation.ref, s._.kb_citation.date.isoformat()) for s in spans]
    assert got == expected
    for s in spans:
        c = s._.kb_citation
        # the span covers the citation as written (token boundaries may add punctuation)
        assert s.start_char <= c.start and c.end <= s.end_char
        assert s.label_ == "CITATION"


def test_factory_is_found_through_the_entry_point_without_an_import() -> None:
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('vi', config={'nlp': {'tokenizer': {'use_pyvi': False}}})\n"
        "nlp.add_pipe('vn_citations')\n"
        "doc = nlp('Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ')\n"
        "print(doc.spans['vn_citations'][0]._.kb_citation.ref)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert out.stdout.strip() == "45/2020/NĐ-CP"
