"""Properties of the parser on any input: no crash, valid offsets, no catastrophic backtracking.

Time limits here are generous guards against a hang (pytest-timeout), not measurements; the
scaling figure (time for 2N of text over time for N) is printed by ``bench/bench_extract.py``.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.models import ExtractedFile
from kb.parse.extract import extract_text

# pieces real citations are made of, so that generated text often looks like one
PIECES = [
    "Quyết định số ",
    "Nghị định ",
    "QUYẾT ĐỊNH SỐ ",
    "số: ",
    "Số: ",
    "số",
    "12",
    "429",
    "2020",
    "/",
    "-",
    "–",
    " - ",
    "\u2215",
    ".",
    "QĐ",
    "QĐi",
    "NĐ",
    "Ð",
    "CP",
    "UBND",
    "TU",
    "TW",
    "QH14",
    "KH",
    "VPUB",
    "&",
    " ngày ",
    "01/7/2022",
    "31/02/2022",
    " tháng 3 năm 2014",
    " của Ban Thường vụ Tỉnh ủy",
    " về việc ",
    "Điều 8 ",
    "khoản 2 ",
    "Luật Cán bộ, công chức",
    "Luật sửa đổi, bổ sung",
    " này",
    " nêu trên",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\u00a0",
    "CÔNG BÁO/Số 342/Ngày 21-06-2026",
    "\u0301",
    "\u0323",
    "e\u0302\u0301",
    "\u2126",
]

citation_like = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), citation_like)


def _check_offsets(text: str, result: ExtractedFile) -> None:
    n = len(text)
    for c in result.citations:
        assert 0 <= c.start < c.end <= n, (c.start, c.end, n)
        assert text[c.start : c.end] == c.text
        if c.ref_start is not None and c.ref_end is not None:
            assert c.start <= c.ref_start < c.ref_end <= c.end
        assert c.line >= 1 and c.column >= 1
    d = result.document
    for s, e in ((d.number_start, d.number_end), (d.date_start, d.date_end)):
        if s is not None and e is not None:
            assert 0 <= s <= e <= n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_any_text_never_crashes_and_offsets_are_valid(text: str) -> None:
    _check_offsets(text, extract_text(text))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citation_like)
def test_offsets_valid_for_decomposed_text_and_crlf(text: str) -> None:
    for variant in (
        unicodedata.normalize("NFD", text),
        text.replace("\n", "\r\n"),
        unicodedata.normalize("NFD", text).replace("\n", "\r\n"),
    ):
        _check_offsets(variant, extract_text(variant))


@settings(max_examples=100, deadline=None)
@given(citation_like)
def test_decomposed_text_gives_the_same_citations(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", nfc)
    a = [(c.ref, c.date, c.key) for c in extract_text(nfc).citations]
    b = [(c.ref, c.date, c.key) for c in extract_text(nfd).citations]
    assert a == b


def test_decomposed_citation_offsets_point_at_the_original() -> None:
    text = unicodedata.normalize(
        "NFD", "Theo Quyết định số 834/QĐ-UBND ngày 10/4/2019 của UBND tỉnh."
    )
    (c,) = extract_text(text).citations
    assert c.ref == "834/QĐ-UBND"
    assert unicodedata.normalize("NFC", c.text) == "Quyết định số 834/QĐ-UBND ngày 10/4/2019"
    assert c.start == text.index("Quy")


ADVERSARIAL = {
    "slashes": "1/" * 500_000,
    "dashes-and-spaces": ("- " * 100 + "-" * 100 + " " * 100) * 2_500,
    "so-repeated": "số " * 330_000,
    "code-soup": "QĐ-UBND/TU-HD/KH-CP " * 50_000,
    "numbers-and-codes": "12/2020/QĐ-UBND/TU-HD-KH-CP-BNV-BTC/" * 25_000,
    "broken-lines": "114-\n\n" * 170_000,
    "long-law-name": "Luật " + "Cán bộ công chức " * 60_000,
    "type-words": "Quyết định Nghị định Thông tư " * 35_000,
    "digits": "1234567890" * 100_000,
    "dates": "01/01/2020 " * 90_000,
    "self-references": "Quyết định này " * 60_000,
    "party-numbers": "12-QĐ/" * 150_000,
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_no_catastrophic_backtracking_on_a_megabyte(name: str) -> None:
    text = ADVERSARIAL[name]
    assert len(text) >= 900_000
    _check_offsets(text, extract_text(text))
