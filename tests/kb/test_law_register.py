"""The register of laws and ordinances (kb/data/laws.toml): every entry parses, and laws cited
by name resolve through it to their số hiệu."""

from __future__ import annotations

import re
from collections import Counter

from kb.parse.lawregister import entry_key, find_law, load_register, name_key


def test_every_entry_is_complete_and_its_number_parses() -> None:
    reg = load_register()
    assert len(reg.laws) > 250
    for e in reg.laws:
        assert e.type in reg.sequences, e.number
        assert e.name and e.name == e.name.strip(), e.number
        assert e.source.strip(), e.number
        assert e.in_force is None or e.in_force >= e.passed, e.number
        year = re.search(r"/((?:19|20)\d\d)/", e.number)
        assert year is None or int(year[1]) == e.passed.year, e.number
        ref, key = entry_key(e)
        assert ref == e.number or ref.lstrip("0") == e.number.lstrip("0"), e.number
        if re.search(r"/(?:UBTV)?QH\d+$", e.number):
            assert key.endswith("@" + reg.sequences[e.type]), key
    keys = Counter(entry_key(e)[1] for e in reg.laws)
    assert [k for k, n in keys.items() if n > 1] == []


def test_names_are_compared_without_case_accents_and_abbreviations() -> None:
    assert name_key("Tổ chức Quốc hội") == name_key("tổ chức quốc hội")
    assert name_key("Cán bộ, công chức") == name_key("cán bộ công chức")
    assert name_key("NSNN") == name_key("Ngân sách nhà nước")
    assert name_key("BHXH") == name_key("bảo hiểm xã hội")
    assert name_key("Đất đai (sửa đổi)") == name_key("Đất đai")


def test_a_law_is_found_by_its_name_and_the_year_or_day_it_was_passed() -> None:
    # Luật Đầu tư: 67/2014/QH13 passed 26/11/2014 (Công báo cb-6861), 61/2020/QH14 passed
    # 17/6/2020 (cb-31682)
    found = find_law("Luật", "Đầu tư", 2020)
    assert found.entry is not None and found.entry.number == "61/2020/QH14"
    found = find_law("Luật", "Đầu tư", 2014)
    assert found.entry is not None and found.entry.number == "67/2014/QH13"
    assert find_law("Luật", "Đầu tư", 2011).reason == "no-law-of-that-name-that-year"
    assert find_law("Luật", "Không có luật này", 2011).reason == "name-not-in-register"
