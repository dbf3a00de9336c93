"""Plain-text files: encodings, line ends kept, legacy Vietnamese encodings, binary junk."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kb.readers import ReadError, read_path
from kb.readers.legacy import convert, detect

LINE = "Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy."


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (LINE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + LINE.encode("utf-8"), "utf-8"),
        (LINE.encode("utf-16"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + LINE.encode("utf-16-be"), "utf-16-be"),
        (LINE.encode("utf-32"), "utf-32-le"),
    ],
)
def test_unicode_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    got = read_path(_write(tmp_path, "a.txt", data))
    assert got.text == LINE  # the BOM is not part of the text
    assert got.encoding == encoding
    assert got.kind == "txt"
    assert got.segments == () and got.locate(3) is None


def test_line_ends_are_kept(tmp_path: Path) -> None:
    text = "Số: /BC-VPUB\r\n\r\nSơn La, ngày  tháng  năm 2025\rcuối\n"
    got = read_path(_write(tmp_path, "a.md", text.encode("utf-8")))
    assert got.text == text
    assert got.kind == "md"


def test_offsets_point_into_the_text_as_read(tmp_path: Path) -> None:
    # No normalisation: a decomposed "ệ" stays two code points, so offsets stay honest.
    text = "Vie\u0302\u0323t Nam: 429-QĐ/TU"
    got = read_path(_write(tmp_path, "a.txt", text.encode("utf-8")))
    assert got.text == text
    assert got.text.index("429") == 12  # V i e ^ . t, space, N a m :, space


def test_other_encoding_is_detected(tmp_path: Path) -> None:
    text = "Это обычный текст на русском языке, сохранённый в старой кодировке Windows."
    got = read_path(_write(tmp_path, "a.txt", text.encode("cp1251")))
    assert got.text == text


def test_empty_text_file_is_empty(tmp_path: Path) -> None:
    got = read_path(_write(tmp_path, "a.txt", b""))
    assert got.text == "" and got.segments == ()


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        LINE.encode("utf-8") + b"\x00" * 10,
        b"\x7fELF\x02\x01\x01\x00" + bytes(200),
        codecs.BOM_UTF16_LE + b"\x00\xd8\x41",  # a lone surrogate: not UTF-16
    ],
)
def test_binary_junk_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        read_path(_write(tmp_path, "junk.txt", data))
    assert info.value.code in {"binary", "encoding"}
    assert info.value.path.endswith("junk.txt")
    assert "\n" not in info.value.message


# "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Quy định số
# 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy" typed with each legacy font.
UNICODE = (
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. "
    "Quy định số 429-QĐ/TU ngày 01/7/2022 của Ban Thường vụ Tỉnh ủy"
)
TCVN3 = (
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc. "
    "Quy ®Þnh sè 429-Q§/TU ngµy 01/7/2022 cña Ban Th\u00adêng vô TØnh ñy"
)
VNI = (
    "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc. "
    "Quy ñònh soá 429-QÑ/TU ngaøy 01/7/2022 cuûa Ban Thöôøng vuï Tænh uûy"
)


def test_tcvn3_file_is_converted(tmp_path: Path) -> None:
    got = read_path(_write(tmp_path, "cu.txt", TCVN3.encode("cp1252")))
    assert got.encoding == "tcvn3"
    assert got.text == UNICODE
    assert got.notes == ("converted from TCVN3 (ABC)",)


def test_vni_file_is_converted(tmp_path: Path) -> None:
    got = read_path(_write(tmp_path, "cu.txt", VNI.encode("cp1252")))
    assert got.encoding == "vni"
    assert got.text == UNICODE


def test_legacy_text_saved_as_utf8_is_converted(tmp_path: Path) -> None:
    # Copied out of a .VnTime document into a UTF-8 file: same glyphs, Unicode bytes.
    got = read_path(_write(tmp_path, "cu.txt", TCVN3.encode("utf-8")))
    assert got.text == UNICODE


def test_upper_case_vni() -> None:
    assert convert("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "vni") == "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.parametrize(
    "text",
    [
        UNICODE,
        "Café au lait, naïve résumé, à bientôt, señor.",
        "Báo cáo số 12/BC-VPUB ngày 05/01/2024 về kết quả công tác.",
        "plain ASCII text with 429-QD/TU",
    ],
)
def test_real_unicode_is_not_taken_for_legacy(text: str) -> None:
    assert detect(text) is None


def test_a_few_nul_bytes_do_not_make_a_text_binary(tmp_path: Path) -> None:
    # Seen in real converted files: a handful of NULs in a long UTF-8 text.
    text = (LINE + "\n") * 200 + "\x00" * 3 + LINE
    got = read_path(_write(tmp_path, "a.txt", text.encode("utf-8")))
    assert got.text == text
