"""Finding a date as the parser gives it ("ngày 15 tháng 6 năm 2021") in the text as read,
where a copy broke it over lines or a gazette page head."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.parse.dates import _WORD_GAP, find_written


def test_date_broken_over_a_line() -> None:
    # Kế hoạch 383/KH-UBND (2022) of UBND tỉnh Tiền Giang, as a web copy prints it
    text = "1. Quyết định số 924/QĐ-TTg ngày 22\ntháng 8 năm 2022 của Thủ tướng Chính phủ"
    span = find_written(text, "ngày 22 tháng 8 năm 2022", 0, len(text))
    assert span is not None
    assert text[span[0] : span[1]] == "ngày 22\ntháng 8 năm 2022"


def test_date_broken_by_a_page_head() -> None:
    text = (
        "Nghị định số 58/2022/NĐ-CP ngày 31 tháng \n\n"
        "CÔNG BÁO/Số 949 + 950/Ngày 15-11-2022 \n\n"
        "8 năm 2022 của Chính phủ"
    )
    span = find_written(text, "ngày 31 tháng 8 năm 2022", 0, len(text))
    assert span is not None
    assert text[span[0] : span[1]].startswith("ngày 31") and text[span[1] - 4 : span[1]] == "2022"


def test_other_date_is_not_taken() -> None:
    text = "Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 và ngày 24 tháng 4 năm 2018"
    span = find_written(text, "ngày 24 tháng 4 năm 2018", 0, 50)
    assert span is None


_PIECES = st.sampled_from(
    ["ngày", "Ngày", "NGÀY", "tháng", "năm", "15", "6", "2021", "06", "/", " ", "  ", "\n", "x"]
)


@settings(max_examples=400)
@given(
    st.lists(_PIECES, max_size=30).map("".join),
    st.lists(
        st.sampled_from(["ngày", "15", "tháng", "6", "năm", "2021", "15/6/2021"]),
        min_size=1,
        max_size=6,
    ),
    st.integers(0, 40),
    st.integers(0, 200),
)
def test_the_quick_no_gives_the_answer_of_the_plain_search(
    text: str, words: list[str], start: int, end: int
) -> None:
    """A number of the date missing from the window ends the search before the pattern is
    built; the answer is the plain pattern's all the same."""
    written = " ".join(words)
    plain = re.compile(_WORD_GAP.join(re.escape(w) for w in words), re.IGNORECASE)
    stop = min(len(text), end)
    if text.find(written, start, stop) >= 0:
        return  # the one-line case is found by str.find before either
    m = plain.search(text, start, stop)
    assert find_written(text, written, start, end) == ((m.start(), m.end()) if m else None)
