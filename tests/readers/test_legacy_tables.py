"""The legacy-encoding tables (kb/data/legacy_encodings.toml) cover every Vietnamese letter."""

from __future__ import annotations

import unicodedata

import pytest

from kb.readers.legacy import convert, load_tables

TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]


def _letters(upper: bool) -> list[str]:
    out = ["Đ" if upper else "đ"]
    for vowel in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            out.append(letter.upper() if upper else letter)
    return [c for c in out if not c.isascii()]


LOWER = _letters(upper=False)
UPPER = _letters(upper=True)


def test_every_lower_case_letter_counts() -> None:
    assert len(LOWER) == 67 and len(UPPER) == 67  # 12 vowels x 6 forms + đ, less a e i o u y


def test_tcvn3_has_each_letter_once() -> None:
    values = list(load_tables().tcvn3_map.values())
    assert len(values) == len(set(values))
    assert set(LOWER) <= set(values)
    # Capitals exist only for the base letters (no tone marks) in TCVN3.
    assert {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} == {v for v in values if v.isupper()}


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_round_trip(letter: str) -> None:
    byte = next(k for k, v in load_tables().tcvn3_map.items() if v == letter)
    assert convert(f"x{byte}y", "tcvn3") == f"x{letter}y"


def _vni(letter: str) -> str:
    """Spell ``letter`` in VNI from the tables alone: a base, then one mark character."""
    tables = load_tables()
    marks = tables.vni_marks_upper if letter.isupper() else tables.vni_marks_lower
    bases = {c: c for c in "aeiouyAEIOUY"}
    bases.update({v: k for k, v in tables.vni_letters.items()})
    if letter in bases:
        return bases[letter]
    for base_letter, spelled in bases.items():
        for mark, combining in marks.items():
            if unicodedata.normalize("NFC", base_letter + combining) == letter:
                return spelled + mark
    raise AssertionError(f"no VNI spelling for {letter!r}")


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_round_trip(letter: str) -> None:
    assert convert(f"x{_vni(letter)}y", "vni") == f"x{letter}y"
