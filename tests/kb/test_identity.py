"""Identity merging (design notes §3.4) and its traps."""

from __future__ import annotations

import datetime as dt

from kb.graph.identity import Resolution, ref_norm, resolve_keys, split_key
from kb.parse.extract import extract_text
from kb.queries.knowledge_base import KnowledgeBase


def _kb(texts: dict[str, str]) -> KnowledgeBase:
    kb = KnowledgeBase.in_memory()
    kb.add_files([extract_text(t, name) for name, t in texts.items()], texts=texts)
    return kb


def test_split_key() -> None:
    assert split_key("62/KH-VPUB@2024") == ("62/KH-VPUB", "2024")
    assert split_key("45/2020/NĐ-CP") == ("45/2020/NĐ-CP", None)
    assert split_key("file:corpus/a@b.txt") == ("file:corpus/a@b.txt", None)


def test_ref_norm_forgives_what_people_type() -> None:
    assert ref_norm("09-HD/BDVTU") == ref_norm("9-hd/bdvtu")
    assert ref_norm("12-QĐi/TU") == ref_norm("12-QD/TU")
    assert ref_norm("834/QĐ- UBND") == ref_norm("834/QĐ-UBND")
    assert ref_norm("62/KH-VPUB") != ref_norm("26/KH-VPUB")


def test_undated_mention_goes_to_the_unique_candidate() -> None:
    res = resolve_keys(["22/KH-VPUB@?", "22/KH-VPUB@2021"], {"22/KH-VPUB@2021"})
    assert res["22/KH-VPUB@?"] == Resolution("22/KH-VPUB@2021")


def test_undated_mention_with_two_candidates_stays_ambiguous() -> None:
    known = {"62/KH-VPUB@2023", "62/KH-VPUB@2024"}
    res = resolve_keys(["62/KH-VPUB@?"], known)
    assert res["62/KH-VPUB@?"] == Resolution(None, ("62/KH-VPUB@2023", "62/KH-VPUB@2024"))


def test_undated_mention_of_an_unknown_document_is_its_own_record() -> None:
    assert resolve_keys(["5/TB-VPUB@?"], set())["5/TB-VPUB@?"] == Resolution("5/TB-VPUB@?")


def test_missing_issuer_part_completes_only_when_unique() -> None:
    known = {"429-QĐ/TU@2022", "429-QĐ/HU@2021"}
    res = resolve_keys(["429-QĐ@2022"], known, no_issuer=["429-QĐ@2022"])
    assert res["429-QĐ@2022"] == Resolution("429-QĐ/TU@2022")
    known.add("429-QĐ/ĐU@2022")
    res = resolve_keys(["429-QĐ@2022"], known, no_issuer=["429-QĐ@2022"])
    assert res["429-QĐ@2022"].key is None
    assert res["429-QĐ@2022"].candidates == ("429-QĐ/TU@2022", "429-QĐ/ĐU@2022")


def test_two_plans_with_one_number_in_two_years_are_two_documents() -> None:
    kb = _kb(
        {
            "r.txt": "Thực hiện Kế hoạch số 62/KH-VPUB ngày 18/12/2023 của Văn phòng UBND tỉnh "
            "và Kế hoạch số 62/KH-VPUB ngày 19/12/2024 của Văn phòng UBND tỉnh.",
        }
    )
    assert kb.keys_for("62/KH-VPUB") == ["62/KH-VPUB@2023", "62/KH-VPUB@2024"]
    doc = kb.document("62/KH-VPUB@2024", dt.date(2025, 1, 1))
    assert doc is not None and doc.date == "2024-12-19"


def test_an_undated_mention_among_two_plans_is_ambiguous_and_listed() -> None:
    kb = _kb(
        {
            "r.txt": "Kế hoạch số 62/KH-VPUB ngày 18/12/2023; Kế hoạch số 62/KH-VPUB ngày "
            "19/12/2024; theo Kế hoạch số 62/KH-VPUB.",
        }
    )
    stats = kb.stats()
    assert len(stats.ambiguous_mentions) == 1
    assert "62/KH-VPUB@2023,62/KH-VPUB@2024" in stats.ambiguous_mentions[0]
    # neither record took the undated mention
    assert [len(kb.mentions(k)) for k in ("62/KH-VPUB@2023", "62/KH-VPUB@2024")] == [1, 1]


def test_qd_and_qdi_of_the_same_date_are_one_document_and_dates_conflict_visibly() -> None:
    kb = _kb(
        {
            "a.txt": "Thực hiện Quy định số 12-QĐ/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy.",
            "b.txt": "Thực hiện Quy định số 12-QĐi/TU ngày 27/12/2019 của Tỉnh ủy.",
        }
    )
    assert kb.keys_for("12-QĐ/TU") == ["12-QĐ/TU@2019"]
    mentions = kb.mentions("12-QĐ/TU@2019")
    assert sorted((m.ref, m.date) for m in mentions) == [
        ("12-QĐ/TU", "2019-02-27"),
        ("12-QĐi/TU", "2019-12-27"),
    ]


def test_normative_documents_merge_on_the_year_in_the_number() -> None:
    kb = _kb(
        {
            "a.txt": "Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.",
            "b.txt": "Theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2021 của Chính phủ.",
        }
    )
    assert kb.keys_for("45/2020/NĐ-CP") == ["45/2020/NĐ-CP"]
    assert sorted(m.date or "" for m in kb.mentions("45/2020/NĐ-CP")) == [
        "2020-04-08",
        "2021-04-08",
    ]


def test_resolve_a_citation_for_the_checker(corpus_kb: KnowledgeBase) -> None:
    from kb.queries.knowledge_base import Ambiguous

    def first(text: str) -> object:
        citation = extract_text(text).citations[0]
        return corpus_kb.resolve(citation)

    assert first("theo Điều 8 Quy định số 12-QĐi/TU.") == "12-QĐ/TU@2019"
    assert first("Quy định số 429-QĐi ngày 01/7/2022 của Tỉnh ủy Sơn La") == "429-QĐ/TU@2022"
    assert first("Quy định số 12-QĐ/TU ngày 27/12/2019 của Tỉnh ủy") == "12-QĐ/TU@2019"
    assert first("Quyết định số 999/QĐ-UBND ngày 01/01/2020 của UBND tỉnh") is None
    # the corpus has the Kế hoạch 01/KH-VPUB of 2023, 2024 and 2025
    found = first("theo Kế hoạch số 01/KH-VPUB của Văn phòng")
    assert isinstance(found, Ambiguous)
    assert found.candidates == ("1/KH-VPUB@2023", "1/KH-VPUB@2024", "1/KH-VPUB@2025")


def test_key_index_resolves_one_mention_as_the_build_does() -> None:
    from kb.graph.identity import KeyIndex

    index = KeyIndex({"429-QĐ/TU@2022", "429-QĐ/HU@2021", "62/KH-VPUB@2023", "62/KH-VPUB@2024"})
    assert index.resolve("429-QĐ@2022", no_issuer=True) == Resolution("429-QĐ/TU@2022")
    # same number and type but another year: not the document
    assert index.resolve("429-QĐ@2020", no_issuer=True) == Resolution("429-QĐ@2020")
    assert index.resolve("62/KH-VPUB@?").candidates == ("62/KH-VPUB@2023", "62/KH-VPUB@2024")
    assert index.resolve("62/KH-VPUB@2024") == Resolution("62/KH-VPUB@2024")
