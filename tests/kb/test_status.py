"""Status at a date through replacement chains, amendments, and cycles in the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kb.graph.status import Status
from kb.parse.extract import extract_text
from kb.queries.knowledge_base import KnowledgeBase

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: {ref}\nSơn La, ngày {date}\nQUYẾT ĐỊNH\n{title}\n\n"

DOCS = {
    # the first rules on markets
    "a.txt": HEAD.format(ref="10/2015/QĐ-UBND", date="01 tháng 3 năm 2015", title="Về quản lý chợ")
    + "Điều 1. Ban hành quy định về quản lý chợ trên địa bàn tỉnh.\n",
    # replaces them in 2018
    "b.txt": HEAD.format(ref="20/2018/QĐ-UBND", date="05 tháng 6 năm 2018", title="Về quản lý chợ")
    + "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số "
    "10/2015/QĐ-UBND ngày 01/3/2015 của UBND tỉnh.\n",
    # replaced in turn in 2021
    "c.txt": HEAD.format(ref="07/2021/QĐ-UBND", date="10 tháng 02 năm 2021", title="Về quản lý chợ")
    + "Điều 3. Quyết định này thay thế Quyết định số 20/2018/QĐ-UBND ngày 05/6/2018 "
    "của UBND tỉnh.\n",
    # amends the 2021 rules in 2023
    "d.txt": HEAD.format(ref="15/2023/QĐ-UBND", date="20 tháng 4 năm 2023", title="Sửa đổi")
    + "Điều 1. Sửa đổi, bổ sung một số điều của Quyết định số 07/2021/QĐ-UBND ngày "
    "10/02/2021 của UBND tỉnh.\n",
}


@pytest.fixture
def chain_kb() -> KnowledgeBase:
    kb = KnowledgeBase.in_memory()
    files = [extract_text(text, name) for name, text in DOCS.items()]
    kb.add_files(files, texts=DOCS)
    return kb


def test_status_follows_the_chain(chain_kb: KnowledgeBase) -> None:
    a = "10/2015/QĐ-UBND"
    assert chain_kb.status_on(a, dt.date(2014, 12, 31)) is Status.NOT_ISSUED
    assert chain_kb.status_on(a, dt.date(2016, 1, 1)) is Status.IN_FORCE
    assert chain_kb.status_on(a, dt.date(2019, 1, 1)) is Status.REPLACED
    assert [d.key for d in chain_kb.replaced_by(a, dt.date(2019, 1, 1))] == ["20/2018/QĐ-UBND"]
    # after 2021 the one in force is the third
    assert [d.ref for d in chain_kb.replaced_by(a, dt.date(2022, 1, 1))] == ["07/2021/QĐ-UBND"]


def test_amended_document_stays_in_force(chain_kb: KnowledgeBase) -> None:
    c = chain_kb.key("07/2021/QĐ-UBND")  # keys drop the leading zero
    assert c == "7/2021/QĐ-UBND"
    assert chain_kb.status_on(c, dt.date(2022, 1, 1)) is Status.IN_FORCE
    assert chain_kb.status_on(c, dt.date(2024, 1, 1)) is Status.AMENDED


def test_documents_in_the_corpus_are_linked_to_their_mentions(chain_kb: KnowledgeBase) -> None:
    doc = chain_kb.document("20/2018/QĐ-UBND", dt.date(2020, 1, 1))
    assert doc is not None and doc.in_corpus and doc.path == "b.txt"
    mentions = chain_kb.mentions("20/2018/QĐ-UBND")
    assert [(m.path, m.date) for m in mentions] == [("c.txt", "2018-06-05")]


def test_unknown_document_has_unknown_status(chain_kb: KnowledgeBase) -> None:
    assert chain_kb.status_on("99/2099/QĐ-UBND", dt.date(2020, 1, 1)) is Status.UNKNOWN


CYCLE_FACTS = """
[[relation]]
kind = "replaces"
from = "10/2015/QĐ-UBND"
to = "20/2018/QĐ-UBND"
source = "a slip in the facts file"
"""


def test_a_cycle_is_reported_not_looped_on(tmp_path: Path) -> None:
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "facts.toml").write_text(CYCLE_FACTS, encoding="utf-8")
    kb = KnowledgeBase.in_memory()
    kb.build([tmp_path])
    problems = kb.store.problems()
    assert ("cycle", "10/2015/QĐ-UBND → 20/2018/QĐ-UBND") in problems
    # each replaces the other: both read as replaced, and the walk ends
    on = dt.date(2019, 1, 1)
    assert kb.status_on("10/2015/QĐ-UBND", on) is Status.REPLACED
    assert kb.status_on("20/2018/QĐ-UBND", on) is Status.REPLACED
    assert kb.replaced_by("10/2015/QĐ-UBND", on) == []
