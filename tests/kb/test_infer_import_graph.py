"""Inferred supersession, imported metadata, the graph exports and the statistics."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kb.queries.knowledge_base import KnowledgeBase

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def bare_corpus(tmp_path: Path) -> Path:
    """The shipped documents without the curated facts."""
    target = tmp_path / "corpus"
    target.mkdir()
    for f in CORPUS.glob("*.txt"):
        shutil.copy(f, target / f.name)
    return target


def test_inference_recovers_the_unstated_replacement(bare_corpus: Path) -> None:
    kb = KnowledgeBase.in_memory()
    kb.build([bare_corpus])
    rels = [r for r in kb.relations("12-QĐ/TU@2019") if r.kind == "replaces"]
    assert [(r.other.key, r.direction, r.origin) for r in rels] == [
        ("429-QĐ/TU@2022", "in", "inferred")
    ]
    evidence = rels[0].evidence or ""
    # both subjects side by side
    assert evidence.count("đối thoại trực tiếp giữa người đứng đầu cấp ủy") == 2
    assert rels[0].confidence == 0.9  # identical words once the subjects are folded
    # a guess: shown, but the status changes only once a person confirms it
    assert kb.status_on("12-QĐ/TU@2019", dt.date(2023, 1, 1)).value == "in_force"
    # plans of two years with the same subject are not a replacement
    assert all(r.kind != "replaces" for r in kb.relations("340/TB-VPUB@2025"))


def test_a_curated_rejection_removes_the_inference(bare_corpus: Path) -> None:
    (bare_corpus / "facts.toml").write_text(
        '[[relation]]\nkind = "replaces"\nfrom = "429-QĐ/TU@2022"\nto = "12-QĐ/TU@2019"\n'
        'verdict = "rejected"\nreason = "checked: both stay in force"\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.in_memory()
    kb.build([bare_corpus])
    assert [r for r in kb.relations("12-QĐ/TU@2019") if r.kind == "replaces"] == []
    assert kb.status_on("12-QĐ/TU@2019", dt.date(2023, 1, 1)).value == "in_force"


def test_a_bad_facts_file_names_the_entry(bare_corpus: Path) -> None:
    from kb.graph.curated import FactsError

    (bare_corpus / "facts.toml").write_text(
        '[[relation]]\nkind = "abolishes"\nfrom = "a"\nto = "b"\n', encoding="utf-8"
    )
    with pytest.raises(FactsError, match=r"\[\[relation\]\] #1: unknown kind 'abolishes'"):
        KnowledgeBase.in_memory().build([bare_corpus])


EXPORT = [
    # agrees with the corpus on the date, names the issuer differently
    {
        "id": "x-1", "so_hieu": "429-QĐ/TU", "loai_van_ban": "Quy định",
        "co_quan_ban_hanh": "Ban Thường vụ Tỉnh ủy", "ngay_ban_hanh": "2022-07-01",
        "trich_yeu": "Quy định đối thoại trực tiếp", "relations": [],
    },
    # disagrees with the corpus on the date of 09-HD/BDVTU
    {
        "id": "x-2", "so_hieu": "09-HD/BDVTU", "loai_van_ban": "Hướng dẫn",
        "co_quan_ban_hanh": "Ban Dân vận Tỉnh ủy", "ngay_ban_hanh": "2022-07-02",
        "relations": [],
    },
    # a decree only the export knows, amended by another
    {
        "id": "x-3", "so_hieu": "103/2016/QH13", "loai_van_ban": "Luật",
        "co_quan_ban_hanh": "Quốc hội", "ngay_ban_hanh": "2016-04-05",
        "relations": [
            {"types": ["amended_by"], "so_hieu": "35/2018/QH14", "loai_van_ban": "Luật",
             "ngay_hieu_luc": "2019-01-01", "affected_articles": ["Điều 5"]},
        ],
    },
]  # fmt: skip


def test_import_keeps_facts_apart_and_lists_disagreements(
    runner: CliRunner, cli: click.Group, tmp_path: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    assert runner.invoke(cli, ["build", str(CORPUS), "--db", str(db)]).exit_code == 0
    export = tmp_path / "export.jsonl"
    export.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in EXPORT) + "\n", encoding="utf-8"
    )
    result = runner.invoke(cli, ["import", str(export), "--db", str(db)])
    assert result.exit_code == 0, result.output
    kb = KnowledgeBase.open(db)
    # the corpus date stays; the imported one is shown beside it
    doc = kb.document("09-HD/BDVTU")
    assert doc is not None and doc.date == "2022-07-20"
    assert [(d.key, d.field, d.corpus, d.imported) for d in kb.disagreements()] == [
        ("9-HD/BDVTU@2022", "date", "2022-07-20", "2022-07-02")
    ]
    law = kb.document("103/2016/QH13", dt.date(2020, 1, 1))
    assert law is not None and law.status == "amended"
    rels = kb.relations(law.key)
    assert [(r.kind, r.direction, r.other.key, r.origin) for r in rels] == [
        ("amends", "in", "35/2018/QH14@Luật", "imported")
    ]
    kb.close()
    stats = runner.invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    data = json.loads(stats.output)
    assert data["disagreements"][0]["field"] == "date"
    show = runner.invoke(cli, ["show", "09-HD/BDVTU", "--db", str(db)])
    assert "2022-07-20 ≠ 2022-07-02" in show.output


def test_graph_around_a_document_as_node_link_json(
    runner: CliRunner, cli: click.Group, corpus_db: Path
) -> None:
    result = runner.invoke(
        cli, ["graph", "--around", "429-QĐ/TU", "--depth", "1", "--on", "2023-01-01",
              "--db", str(corpus_db), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["429-QĐ/TU@2022"]["status"] == "in_force"
    assert nodes["12-QĐ/TU@2019"]["status"] == "replaced"
    assert nodes["12-QĐ/TU@2019"]["ref"] == "12-QĐ/TU"
    edges = {(e["source"], e["target"], e["kind"], e["origin"]) for e in data["edges"]}
    assert ("429-QĐ/TU@2022", "12-QĐ/TU@2019", "replaces", "curated") in edges
    assert ("9-HD/BDVTU@2022", "429-QĐ/TU@2022", "guides", "stated") in edges
    assert all("confidence" in e for e in data["edges"])


def test_graph_dot_and_graphml(runner: CliRunner, cli: click.Group, corpus_db: Path) -> None:
    dot = runner.invoke(
        cli, ["graph", "--around", "12-QĐ/TU", "--db", str(corpus_db), "--format", "dot"]
    )
    assert dot.output.startswith("digraph kb {")
    assert '"429-QĐ/TU@2022" -> "12-QĐ/TU@2019" [label="replaces (curated)"];' in dot.output
    graphml = runner.invoke(
        cli, ["graph", "--kind", "replaces", "--db", str(corpus_db), "--format", "graphml"]
    )
    root = ET.fromstring(graphml.output)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = {(e.get("source"), e.get("target")) for e in root.findall(".//g:edge", ns)}
    # the curated replacement, and the Quy chế công tác dân vận of 2021 that the 2024
    # report cites where it used to cite the one of 2010 (inferred: same issuer, subject)
    assert edges == {
        ("429-QĐ/TU@2022", "12-QĐ/TU@2019"),
        ("250-QĐ/TU@2021", "36-QĐ/TU@2010"),
    }


def test_stats_counts(runner: CliRunner, cli: click.Group, corpus_db: Path) -> None:
    result = runner.invoke(cli, ["stats", "--db", str(corpus_db), "--format", "json"])
    data = json.loads(result.output)
    assert data["files"] == 5
    origins = {c["name"]: c["count"] for c in data["by_origin"]}
    assert origins["curated"] == 1
    assert data["problems"] == []
    types = {c["name"]: c["count"] for c in data["by_type"]}
    assert types["Quy định"] >= 3  # 12-QĐ/TU, 429-QĐ/TU, 349-QĐ/TU


def test_commands_without_a_kb_exit_2(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["show", "12-QĐ/TU", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert "kb build" in result.stderr


def test_show_unknown_and_ambiguous(runner: CliRunner, cli: click.Group, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "r.txt").write_text(
        "Kế hoạch số 62/KH-VPUB ngày 18/12/2023; Kế hoạch số 62/KH-VPUB ngày 19/12/2024.",
        encoding="utf-8",
    )
    db = tmp_path / "kb.sqlite"
    runner.invoke(cli, ["build", str(docs), "--db", str(db)])
    ambiguous = runner.invoke(cli, ["show", "62/KH-VPUB", "--db", str(db)])
    assert ambiguous.exit_code == 1
    assert "62/KH-VPUB@2023, 62/KH-VPUB@2024" in ambiguous.stderr
    assert runner.invoke(cli, ["show", "62/KH-VPUB@2024", "--db", str(db)]).exit_code == 0
    assert runner.invoke(cli, ["show", "1/KH-XYZ", "--db", str(db)]).exit_code == 1


def test_build_with_a_bad_facts_file_exits_2(
    runner: CliRunner, cli: click.Group, bare_corpus: Path, tmp_path: Path
) -> None:
    (bare_corpus / "facts.toml").write_text('[[document]]\nref = "1/KH-X"\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", str(bare_corpus), "--db", str(tmp_path / "k.sqlite")])
    assert result.exit_code == 2
    assert "[[document]] #1 has no key" in result.stderr


def test_import_skips_rows_without_number_and_fails_on_broken_lines(
    runner: CliRunner, cli: click.Group, corpus_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "kb.sqlite"
    db.write_bytes(corpus_db.read_bytes())
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": "cb-1", "so_hieu": null}\n', encoding="utf-8")
    skipped = runner.invoke(cli, ["import", str(export), "--db", str(db)])
    assert skipped.exit_code == 0
    assert "export.jsonl:1: không có số hiệu" in skipped.stderr
    export.write_text('{"so_hieu": "1/2020/TT-BTC", \n', encoding="utf-8")
    broken = runner.invoke(cli, ["import", str(export), "--db", str(db)])
    assert broken.exit_code == 2
    assert broken.stderr.startswith("export.jsonl:1: ")


def test_json_outputs_follow_their_published_schemas(
    runner: CliRunner, cli: click.Group, corpus_db: Path
) -> None:
    import jsonschema

    from kb.cli.schemas import SCHEMAS

    db = ["--db", str(corpus_db)]
    runs = {
        "show": ["show", "429-QĐ/TU", "--on", "2023-01-01", *db, "--format", "json"],
        "applies": ["applies", "đối thoại", "--on", "2023-01-01", *db, "--format", "json"],
        "graph": ["graph", "--around", "12-QĐ/TU", "--depth", "2", *db, "--format", "json"],
        "stats": ["stats", *db, "--format", "json"],
    }
    for name, args in runs.items():
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        jsonschema.validate(json.loads(result.output), SCHEMAS[name].model_json_schema())


def test_imported_metadata_names_a_file_without_header(
    runner: CliRunner, cli: click.Group, tmp_path: Path
) -> None:
    # codified articles (like the pháp điển files) carry no "Số:" line of their own
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "pd-1.txt").write_text(
        "Điều 2. Thông tư này có hiệu lực từ ngày 15/6/2023 và thay thế Thông tư số "
        "05/2021/TT-BKHĐT ngày 17 tháng 8 năm 2021 của Bộ trưởng Bộ Kế hoạch và Đầu tư.\n",
        encoding="utf-8",
    )
    db = tmp_path / "kb.sqlite"
    assert runner.invoke(cli, ["build", str(docs), "--db", str(db)]).exit_code == 0
    kb = KnowledgeBase.open(db)
    # the acting file has no date: the replacement is shown but changes no status
    assert kb.status_on("5/2021/TT-BKHĐT", dt.date(2024, 1, 1)).value == "in_force"
    kb.close()
    export = tmp_path / "meta.jsonl"
    row = {
        "so_hieu": "12/2023/TT-BKHĐT", "loai_van_ban": "Thông tư", "file": "docs/pd-1.txt",
        "ngay_ban_hanh": "2023-05-01", "ngay_hieu_luc": "2023-06-15",
    }  # fmt: skip
    export.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert runner.invoke(cli, ["import", str(export), "--db", str(db)]).exit_code == 0
    kb = KnowledgeBase.open(db)
    rels = [r for r in kb.relations("12/2023/TT-BKHĐT") if r.kind == "replaces"]
    assert [(r.other.key, r.origin) for r in rels] == [("5/2021/TT-BKHĐT", "stated")]
    assert kb.status_on("5/2021/TT-BKHĐT", dt.date(2023, 6, 1)).value == "in_force"
    assert kb.status_on("5/2021/TT-BKHĐT", dt.date(2024, 1, 1)).value == "replaced"
    doc = kb.document("12/2023/TT-BKHĐT")
    assert doc is not None and doc.in_corpus and doc.path == "docs/pd-1.txt"
    kb.close()
