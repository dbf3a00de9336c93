"""``read_bytes``: a file held in memory is read exactly as ``read_path`` reads it from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.readers import ReadError, read_bytes, read_path

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "broken"


def test_seed_documents_read_the_same_from_memory(
    seed_docx: dict[str, Path], seed_pdf: dict[str, Path]
) -> None:
    for path in [*seed_docx.values(), *seed_pdf.values()]:
        from_disk = read_path(path)
        in_memory = read_bytes(str(path), path.read_bytes())
        assert in_memory.text == from_disk.text
        assert in_memory.locate(len(in_memory.text) // 2) == from_disk.locate(
            len(from_disk.text) // 2
        )


@pytest.mark.parametrize("path", sorted(BROKEN.iterdir()), ids=lambda p: p.name)
def test_same_error_from_memory(path: Path) -> None:
    try:
        expected = read_path(path).text
    except ReadError as err:
        with pytest.raises(ReadError) as info:
            read_bytes(str(path), path.read_bytes())
        assert (info.value.code, str(info.value)) == (err.code, str(err))
    else:
        assert read_bytes(str(path), path.read_bytes()).text == expected


def test_the_name_is_only_a_label(tmp_path: Path) -> None:
    # a name that is also a path on this machine is never opened
    source = read_bytes("/etc/passwd.txt", "Quyết định số 834/QĐ-UBND".encode())
    assert source.text == "Quyết định số 834/QĐ-UBND"
    with pytest.raises(ReadError) as info:
        read_bytes("/etc/passwd", b"root:x:0:0")
    assert info.value.code == "unsupported"


def test_limits_apply_to_bytes() -> None:
    with pytest.raises(ReadError) as info:
        read_bytes("big.txt", b"a" * 5000, max_bytes=1000)
    assert info.value.code == "too-large"
    with pytest.raises(ReadError) as info:
        read_bytes("empty.docx", b"")
    assert info.value.code == "empty"
