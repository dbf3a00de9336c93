"""A .docx holding every part a report may have, built part by part."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kb.readers import ReadError, read_path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


TEXT_BOX = (
    f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
    f"<w:txbxContent>{_p(_r('Hộp chữ: Kế hoạch số 62/KH-VPUB'))}</w:txbxContent>"
    f"</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>"
    f"<w:txbxContent>{_p(_r('Hộp chữ: Kế hoạch số 62/KH-VPUB'))}</w:txbxContent>"
    f"</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)

BODY = "".join(
    [
        _p(_r("BÁO CÁO")),
        _p(_r("Thực hiện "), _r("Quy định số 429-QĐ/TU", bold=True), _r(" ngày 01/7/2022.")),
        # tracked changes: the insertion counts, the deletion does not
        _p(
            _r("Ngày "),
            '<w:del w:id="1" w:author="a"><w:r><w:delText>27/12/2019</w:delText></w:r></w:del>',
            '<w:ins w:id="2" w:author="a"><w:r><w:t>27/02/2019</w:t></w:r></w:ins>',
            _r(" là đúng."),
        ),
        "<w:tbl>"
        + "<w:tr><w:tc>"
        + _p(_r("STT"))
        + "</w:tc><w:tc>"
        + _p(_r("Văn bản"))
        + "</w:tc></w:tr>"
        + "<w:tr><w:tc>"
        + _p(_r("1"))
        + "</w:tc><w:tc>"
        + _p(_r("Hướng dẫn số 09-HD/BDVTU"))
        + _p(_r("ngày 20/7/2022"))
        + "</w:tc></w:tr></w:tbl>",
        _p(_r("Sau bảng"), TEXT_BOX, '<w:r><w:footnoteReference w:id="1"/></w:r>'),
        "<w:sdt><w:sdtContent>" + _p(_r("Trong ô nội dung")) + "</w:sdtContent></w:sdt>",
        _p('<w:hyperlink r:id="rIdX"><w:r><w:t>Công văn số 3266/UBND-NC</w:t></w:r></w:hyperlink>'),
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
        '<w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>',
    ]
)


def _package(body: str = BODY) -> bytes:
    ns = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:mc="{MC_NS}" xmlns:wps="{WPS_NS}" xmlns:v="{V_NS}"'
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{MAIN}.document.main+xml"/>'
            f'<Override PartName="/word/header1.xml" ContentType="{MAIN}.header+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{MAIN}.footer+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{MAIN}.footnotes+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdH" Type="{REL}/header" Target="header1.xml"/>'
            f'<Relationship Id="rIdF" Type="{REL}/footer" Target="footer1.xml"/>'
            f'<Relationship Id="rIdN" Type="{REL}/footnotes" Target="footnotes.xml"/>'
            f'<Relationship Id="rIdX" Type="{REL}/hyperlink" Target="https://example.org" TargetMode="External"/>'
            "</Relationships>"
        ),
        "word/document.xml": f"<w:document {ns}><w:body>{body}</w:body></w:document>",
        "word/header1.xml": f"<w:hdr {ns}>{_p(_r('VĂN PHÒNG UBND TỈNH'))}</w:hdr>",
        "word/footer1.xml": f"<w:ftr {ns}>{_p(_r('Trang chân'))}</w:ftr>",
        "word/footnotes.xml": (
            f"<w:footnotes {ns}>"
            f'<w:footnote w:type="separator" w:id="-1">{_p("<w:r><w:separator/></w:r>")}</w:footnote>'
            f'<w:footnote w:id="1">{_p(_r("Chú thích: Nghị định 30/2020/NĐ-CP"))}</w:footnote>'
            "</w:footnotes>"
        ),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml.encode("utf-8"))
    return buf.getvalue()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.docx"
    path.write_bytes(_package())
    return path


def test_reading_order_and_tracked_changes(report: Path) -> None:
    text = read_path(report).text
    assert text.split("\n") == [
        "BÁO CÁO",
        "Thực hiện Quy định số 429-QĐ/TU ngày 01/7/2022.",
        "Ngày 27/02/2019 là đúng.",
        "STT",
        "Văn bản",
        "1",
        "Hướng dẫn số 09-HD/BDVTU",
        "ngày 20/7/2022",
        "Sau bảng",
        "Trong ô nội dung",
        "Công văn số 3266/UBND-NC",
        "Hộp chữ: Kế hoạch số 62/KH-VPUB",  # once: the VML fallback copy is not read
        "VĂN PHÒNG UBND TỈNH",
        "Trang chân",
        "Chú thích: Nghị định 30/2020/NĐ-CP",
    ]
    assert "27/12/2019" not in text


def _where(path: Path, needle: str) -> tuple[object, ...]:
    source = read_path(path)
    loc = source.locate(source.text.index(needle))
    assert loc is not None
    return (loc.part, loc.paragraph, loc.table, loc.row, loc.cell, loc.offset)


def test_locations(report: Path) -> None:
    assert _where(report, "429-QĐ/TU") == ("body", 2, None, None, None, 22)
    assert _where(report, "27/02/2019") == ("body", 3, None, None, None, 5)
    # second row, second cell, first paragraph of the cell
    assert _where(report, "09-HD/BDVTU") == ("body", 1, 1, 2, 2, 13)
    assert _where(report, "20/7/2022") == ("body", 2, 1, 2, 2, 5)
    # paragraphs after the table go on with the body numbering (three before it)
    assert _where(report, "Sau bảng") == ("body", 4, None, None, None, 0)
    # the paragraph in a content control counts (5); then the one with a hyperlink
    assert _where(report, "3266/UBND-NC") == ("body", 6, None, None, None, 12)
    assert _where(report, "62/KH-VPUB") == ("textbox", 1, None, None, None, 21)
    assert _where(report, "VĂN PHÒNG") == ("header", 1, None, None, None, 0)
    assert _where(report, "Trang chân") == ("footer", 1, None, None, None, 0)
    assert _where(report, "30/2020/NĐ-CP") == ("footnote", 1, None, None, None, 21)


def test_location_labels(report: Path) -> None:
    source = read_path(report)
    label = source.locate(source.text.index("09-HD")).label()  # type: ignore[union-attr]
    assert label == "t1.r2c2.¶1"
    assert source.locate(source.text.index("VĂN PHÒNG")).label() == "header.¶1"  # type: ignore[union-attr]


def test_overlong_paragraph_is_refused(tmp_path: Path) -> None:
    # 6 million characters of varied digits: compresses poorly, so the zip checks pass
    # and the paragraph limit is what stops it.
    import random

    rng = random.Random(1)
    chunk = "".join(rng.choice("0123456789 abcdefghij") for _ in range(1_000_000))
    body = _p(*(_r(chunk) for _ in range(6)))
    path = tmp_path / "long.docx"
    path.write_bytes(_package(body))
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "paragraph-too-long"


def test_tcvn3_docx_is_converted_in_place(tmp_path: Path) -> None:
    # Typed with the .VnTime font: "Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy".
    tcvn3 = "Quy ®Þnh sè 429-Q§/TU ngµy 01/7/2022 cña TØnh ñy"
    path = tmp_path / "cu.docx"
    body = _p(_r("Quy ®Þnh sè "), _r("429-Q§/TU", bold=True), _r(tcvn3[21:]))
    path.write_bytes(_package(body + _p(_r("Trang chân"))))
    got = read_path(path)
    assert got.encoding == "tcvn3"
    paragraphs = got.text.split("\n")
    assert paragraphs[0] == "Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy"
    assert len(paragraphs[0]) == len(tcvn3)  # one for one: offsets still fit the runs
    # Unicode paragraphs are left as they are ("â" would be "õ" in TCVN3).
    assert paragraphs[1:] == ["Trang chân", "Chú thích: Nghị định 30/2020/NĐ-CP"]


def test_vni_docx_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "vni.docx"
    path.write_bytes(_package(_p(_r("Quy ñònh soá 429-QÑ/TU ngaøy 01/7/2022 cuûa Tænh uûy"))))
    with pytest.raises(ReadError) as info:
        read_path(path)
    assert info.value.code == "legacy-unconverted"
    assert "VNI" in info.value.message
