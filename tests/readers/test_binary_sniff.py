"""The binary sniff of the text reader: a compiled pattern passes over ordinary text and only
the characters it leaves are looked up; the verdicts are those of looking up every
character's Unicode category, on every fixture file and on the seed documents."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kb.readers.text import _SUSPECT, _looks_binary

ROOT = Path(__file__).resolve().parents[2]
NOT_TEXT = ("Cc", "Cs", "Co", "Cn")
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1a")


def _looks_binary_by_category(text: str) -> bool:
    """The yardstick: every character of the first 100,000 looked up one by one."""
    sample = text[:100_000]
    if not sample:
        return False
    controls = sum(
        1 for c in sample if c not in ALLOWED_CONTROLS and unicodedata.category(c) in NOT_TEXT
    )
    return controls > max(2, 0.01 * len(sample))


def _sample_files() -> list[Path]:
    files = [p for p in sorted((ROOT / "tests" / "fixtures").rglob("*")) if p.is_file()]
    files += [p for p in sorted((ROOT / "corpus").rglob("*")) if p.is_file()]
    return files


def test_the_skipped_characters_are_all_text() -> None:
    # Every character the pattern passes over is an allowed control or an assigned,
    # non-control, non-private character.
    for cp in range(0x110000):
        c = chr(cp)
        if _SUSPECT.match(c) is None:
            assert c in ALLOWED_CONTROLS or unicodedata.category(c) not in NOT_TEXT, hex(cp)


def test_vietnamese_text_leaves_nothing_to_look_up() -> None:
    text = "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\r\n"
    assert _SUSPECT.findall(text) == []


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.name)
def test_same_verdict_as_a_lookup_of_every_character(path: Path) -> None:
    data = path.read_bytes()
    # The ways the reader turns bytes into text: UTF-8, and bytes one to one (as the
    # Windows-1252 and Latin-1 readings of a legacy file do).
    for text in (data.decode("utf-8", errors="replace"), data.decode("latin-1")):
        assert _looks_binary(text) is _looks_binary_by_category(text)


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("", False),
        ("a\x00b\x00c", False),  # three controls in a short text: a few are tolerated
        ("a\x00b\x00c\x00d\x00", True),
        ("x" * 1000 + "\ue000" * 11, True),  # private use, more than 1%
        ("x" * 1000 + "\ue000" * 10, False),
        ("x" * 1000 + "\U000e0080" * 11, True),  # unassigned
        ("x" * 1000 + "\ud800" * 11, True),  # a lone surrogate
        ("\x1a\f\v" * 100, False),  # allowed controls
        ("\x85" * 50 + "y" * 50, True),  # C1 controls (a latin-1 reading of binary data)
        ("x" * 100_000 + "\x00" * 5000, False),  # beyond the sample
    ],
)
def test_verdicts_on_constructed_texts(text: str, binary: bool) -> None:
    assert _looks_binary(text) is binary
    assert _looks_binary_by_category(text) is binary
