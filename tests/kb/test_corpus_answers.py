"""What the KB must answer on the shipped corpus (the seed reports and plans)."""

from __future__ import annotations

import datetime as dt
import json

import click
from click.testing import CliRunner

from kb.queries.knowledge_base import KnowledgeBase


def test_show_12_qd_tu_replaced_by_429_with_origin_and_evidence(
    runner: CliRunner, cli: click.Group, corpus_db: str
) -> None:
    result = runner.invoke(
        cli, ["show", "12-QĐ/TU", "--on", "2023-01-01", "--db", str(corpus_db), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    doc = data["document"]
    assert doc["key"] == "12-QĐ/TU@2019"
    assert doc["status"] == "replaced"
    assert doc["status_on"] == "2023-01-01"
    assert doc["date"] == "2019-02-27"
    assert [(d["ref"], d["date"]) for d in doc["replaced_by"]] == [("429-QĐ/TU", "2022-07-01")]
    replaced = [r for r in data["relations"] if r["kind"] == "replaces" and r["direction"] == "in"]
    assert replaced and replaced[0]["other"]["key"] == "429-QĐ/TU@2022"
    assert replaced[0]["origin"] == "curated"
    assert "Ban Thường vụ Tỉnh ủy" in replaced[0]["evidence"]


def test_show_text_says_replaced_by_in_vietnamese_and_english(
    runner: CliRunner, cli: click.Group, corpus_db: str
) -> None:
    vi = runner.invoke(cli, ["show", "12-QĐ/TU", "--on", "2023-01-01", "--db", str(corpus_db)])
    assert "hết hiệu lực (bị thay thế) — thay bằng 429-QĐ/TU (01/7/2022)" in vi.output
    en = runner.invoke(
        cli, ["show", "12-QĐ/TU", "--on", "2023-01-01", "--db", str(corpus_db), "--lang", "en"]
    )
    assert "Status on 01/01/2023: replaced — replaced by 429-QĐ/TU (01/7/2022)" in en.output


def test_conflicting_mentions_of_12_qd_tu_stay_one_document(corpus_kb: KnowledgeBase) -> None:
    # Hand count in the corpus: the 2022 review cites it 7 times (5 × 27/02/2019,
    # 2 × 27/12/2019), the 2022 plan 4 times as 12-QĐi/TU (3 dated 27/02/2019, 1 undated).
    shown = corpus_kb.show("12-QĐ/TU", dt.date(2021, 6, 1))
    assert shown is not None
    assert shown.variants.refs == {"12-QĐ/TU": 7, "12-QĐi/TU": 4}
    assert shown.variants.dates == {"2019-02-27": 8, "2019-12-27": 2}
    assert shown.document.status == "in_force"
    undated = [m for m in shown.mentions if m.date is None]
    assert [m.key_as_written for m in undated] == ["12-QĐ/TU@?"]


def test_the_qdi_spelling_and_the_missing_issuer_find_their_documents(
    corpus_kb: KnowledgeBase,
) -> None:
    assert corpus_kb.keys_for("12-QĐi/TU") == ["12-QĐ/TU@2019"]
    # the 2024 report writes "Quy định số 429-QĐi ngày 01/7/2022" with no issuer part
    shown = corpus_kb.show("429-QĐ/TU")
    assert shown is not None
    assert "429-QĐi" in shown.variants.refs


def test_applies_answers_12_qd_tu_in_2021(
    runner: CliRunner, cli: click.Group, corpus_db: str
) -> None:
    result = runner.invoke(
        cli,
        [
            "applies",
            "đối thoại trực tiếp",
            "--on",
            "2021-06-01",
            "--db",
            str(corpus_db),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["on"] == "2021-06-01"
    first = data["results"][0]
    assert (first["ref"], first["status"]) == ("12-QĐ/TU", "in_force")
    # not issued yet on that date: never among the answers, only in the "later" group
    assert "429-QĐ/TU" not in {r["ref"] for r in data["results"]}
    later = {r["ref"]: r["status"] for r in data["later"]}
    assert later["429-QĐ/TU"] == "not_issued"


def test_applies_answers_429_qd_tu_in_2023_with_its_guidance(
    runner: CliRunner, cli: click.Group, corpus_db: str
) -> None:
    result = runner.invoke(
        cli,
        [
            "applies",
            "doi thoai truc tiep",
            "--on",
            "2023-01-01",
            "--db",
            str(corpus_db),
            "--format",
            "json",
        ],
    )
    data = json.loads(result.output)
    first = data["results"][0]
    assert (first["ref"], first["status"]) == ("429-QĐ/TU", "in_force")
    assert [d["ref"] for d in first["guided_by"]] == ["09-HD/BDVTU"]
    assert [d["ref"] for d in first["replaces"]] == ["12-QĐ/TU"]
    assert "3266/UBND-NC" in [d["ref"] for d in first["implemented_by"]]
    old = next(r for r in data["results"] if r["ref"] == "12-QĐ/TU")
    assert old["status"] == "replaced"
    assert [d["ref"] for d in old["replaced_by"]] == ["429-QĐ/TU"]


def test_applies_with_the_full_accented_subject(corpus_kb: KnowledgeBase) -> None:
    result = corpus_kb.applies("đối thoại trực tiếp với nhân dân", dt.date(2023, 1, 1))
    assert result.results[0].ref == "429-QĐ/TU"


def test_applies_text_lists_guidance(runner: CliRunner, cli: click.Group, corpus_db: str) -> None:
    result = runner.invoke(
        cli, ["applies", "đối thoại trực tiếp", "--on", "2023-01-01", "--db", str(corpus_db)]
    )
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[1] == "Đang có hiệu lực:"
    assert lines[2].startswith("1. Quy định 429-QĐ/TU (01/7/2022) — còn hiệu lực")
    assert "hướng dẫn: 09-HD/BDVTU (20/7/2022)" in result.output


def test_applies_with_nothing_found_exits_1(
    runner: CliRunner, cli: click.Group, corpus_db: str
) -> None:
    result = runner.invoke(cli, ["applies", "khoáng sản biển", "--db", str(corpus_db)])
    assert result.exit_code == 1


def test_stated_guides_and_implements_between_cited_documents(corpus_kb: KnowledgeBase) -> None:
    # "Hướng dẫn số 09-HD/BDVTU … hướng dẫn một số nội dung thực hiện Quy định số 429-QĐ/TU"
    rels = corpus_kb.relations("9-HD/BDVTU@2022")
    guides = [r for r in rels if r.kind == "guides" and r.direction == "out"]
    assert [(g.other.key, g.origin) for g in guides] == [("429-QĐ/TU@2022", "stated")]
    assert "hướng dẫn một số nội dung thực hiện Quy định số 429-QĐ/TU" in (guides[0].evidence or "")
    # "Công văn số 3266/UBND-NC … về việc triển khai thực hiện Quy định số 429-QĐ/TU"
    rels = corpus_kb.relations("3266/UBND-NC@2022")
    assert ("implements", "429-QĐ/TU@2022") in [(r.kind, r.other.key) for r in rels]


def test_drafts_without_number_are_documents_of_their_file(corpus_kb: KnowledgeBase) -> None:
    name = "2022-bc-so-ket-3-nam-quy-dinh-12-qd-tu.txt"
    keys = [r[0] for r in corpus_kb.store.all_documents() if r[0].endswith(name)]
    assert len(keys) == 1 and keys[0].startswith("file:")
    doc = corpus_kb.document(keys[0])
    assert doc is not None
    assert doc.type == "Báo cáo"
    assert doc.date == "2022-01"  # "ngày tháng 01 năm 2022": month and year only
    assert doc.in_corpus


def test_applies_lists_regulations_before_what_was_only_issued(corpus_kb: KnowledgeBase) -> None:
    result = corpus_kb.applies("đối thoại trực tiếp", on=dt.date(2026, 6, 1))
    keys = [r.key for r in result.results]
    assert not any(k.startswith("file:") for k in keys)  # drafts of the corpus answer nothing
    kinds = [r.kind for r in result.results]
    assert kinds == sorted(kinds, key=lambda k: k != "regulation")
    assert result.results[0].ref == "429-QĐ/TU" and result.results[0].status == "in_force"
    issued = [r for r in result.results if r.kind == "issued"]
    assert issued and {r.type for r in issued} >= {"Báo cáo", "Thông báo", "Kế hoạch"}
    assert {r.status for r in issued} == {"issued"}
    assert {r.status_label for r in issued} == {"đã ban hành"}
    # a draft still shows under what it implements
    first = result.results[0]
    assert any(d.key.startswith("file:corpus/") for d in first.implemented_by)


def test_applies_before_issue_is_not_issued_for_every_kind(corpus_kb: KnowledgeBase) -> None:
    result = corpus_kb.applies("đối thoại trực tiếp", on=dt.date(2023, 1, 1), lang="en")
    statuses = {r.ref: (r.kind, r.status, r.status_label) for r in result.results}
    assert statuses["429-QĐ/TU"] == ("regulation", "in_force", "in force")
    assert statuses["12-QĐ/TU"][:2] == ("regulation", "replaced")
    later = {r.ref: (r.kind, r.status, r.status_label, r.group) for r in result.later}
    assert "367/BC-VPUB" not in statuses
    assert later["367/BC-VPUB"] == ("issued", "not_issued", "not yet issued", "later")


def test_every_document_type_has_a_class() -> None:
    import tomllib

    from kb.graph.ranking import DATA_FILE

    types = tomllib.loads((DATA_FILE.parent / "types.toml").read_text("utf-8"))["type"]
    classes = tomllib.loads(DATA_FILE.read_text("utf-8"))["classes"]
    listed = [t for names in classes.values() for t in names]
    assert len(listed) == len(set(listed)), "a type is in two classes"
    assert sorted(listed) == sorted(t["name"] for t in types)


def test_show_says_a_report_is_issued_not_in_force(corpus_kb: KnowledgeBase) -> None:
    shown = corpus_kb.show("367/BC-VPUB", on=dt.date(2026, 1, 1))
    assert shown is not None
    assert (shown.document.status, shown.document.status_label) == ("issued", "đã ban hành")
    regulation = corpus_kb.show("429-QĐ/TU", on=dt.date(2026, 1, 1))
    assert regulation is not None and regulation.document.status == "in_force"
