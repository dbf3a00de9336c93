"""kb's KnowledgeBase answering the two questions the rules ask (known, standing), and the
date window a draft is judged at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from citecheck.dating import date_window
from citecheck.kbview import KnowledgeBaseView
from kb.models import Citation
from kb.parse.extract import extract_text
from kb.queries.knowledge_base import Ambiguous, KnowledgeBase

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def view() -> KnowledgeBaseView:
    """The shipped corpus: 12-QĐ/TU (27/02/2019) replaced by 429-QĐ/TU (01/7/2022)."""
    kb = KnowledgeBase.in_memory()
    kb.build([CORPUS])
    return KnowledgeBaseView(kb)


def _cite(text: str) -> Citation:
    return extract_text(text).citations[0]


def test_known_maps_the_record_and_its_date_source(view: KnowledgeBaseView) -> None:
    k = view.known(_cite("Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy"))
    assert k is not None and k.date == dt.date(2019, 2, 27) and k.date_source == "curated"
    k2 = view.known(_cite("Kế hoạch số 62/KH-VPUB ngày 19/12/2024"))
    assert k2 is not None and k2.date_source == "mentions"  # known only from citations
    assert view.known(_cite("Quyết định số 999/QĐ-XYZ ngày 01/01/2020")) is None


def test_a_number_naming_two_documents_is_not_known(view: KnowledgeBaseView) -> None:
    # 62/KH-VPUB of 2023 and of 2024 are two plans: an undated citation matches neither
    c = _cite("Kế hoạch số 62/KH-VPUB của Văn phòng")
    assert isinstance(view.kb.resolve(c), Ambiguous)
    assert view.known(c) is None


def test_standing_names_the_replacement(view: KnowledgeBaseView) -> None:
    assert view.standing("12-QĐ/TU@2019", dt.date(2022, 1, 15)).status == "in_force"  # type: ignore[union-attr]
    st = view.standing("12-QĐ/TU@2019", dt.date(2023, 1, 1))
    assert st is not None and st.status == "replaced"
    assert st.by_ref == "429-QĐ/TU" and st.since == dt.date(2022, 7, 1)
    assert st.origin == "curated"


def test_date_window_of_a_half_blank_header_and_of_an_undated_plan() -> None:
    head = "Số: /BC-VPUB\n\nSơn La, ngày tháng 01 năm 2022\n\nBÁO CÁO\n\nCông văn số 2380/SNV-TG ngày 10/12/2021 của Sở Nội vụ.\n"
    w = date_window(extract_text(head))
    assert (w.earliest, w.latest) == (dt.date(2022, 1, 1), dt.date(2022, 1, 31))
    plan = "KẾ HOẠCH\n\nThực hiện Công văn số 4639/UBND-NC ngày 30/12/2021 của UBND tỉnh. Báo cáo năm trước ngày 25/11/2022.\n"
    w2 = date_window(extract_text(plan))
    # the deadline is not evidence of the plan's date; the newest cited document is
    assert (w2.earliest, w2.latest, w2.source) == (dt.date(2021, 12, 30), None, "cited")
    w3 = date_window(extract_text(plan), as_of=dt.date(2022, 3, 1))
    assert w3.exact and w3.source == "as-of"


@pytest.fixture(scope="module")
def invoices_view(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBaseView:
    """Nghị định 123/2020/NĐ-CP on invoices (bench corpus pd-vbpl-146457, with its metadata):
    "… Nghị định số 119/2018/NĐ-CP … tiếp tục có hiệu lực thi hành đến ngày 30 tháng 6 năm
    2022"."""
    bench = Path(__file__).resolve().parents[2].parent / "shared" / "bench-corpus"
    source = bench / "docs" / "pd-vbpl-146457.txt"
    if not source.is_file():
        pytest.skip("the bench corpus (../shared/bench-corpus) is not next to this checkout")
    docs = tmp_path_factory.mktemp("invoices") / "docs"
    docs.mkdir()
    (docs / source.name).write_bytes(source.read_bytes())
    meta = docs.parent / "meta.jsonl"
    lines = (bench / "metadata.jsonl").read_text("utf-8").splitlines()
    meta.write_text(
        "\n".join(line for line in lines if '"id": "pd-vbpl-146457"' in line) + "\n", "utf-8"
    )
    db = docs.parent / "kb.sqlite"
    kb = KnowledgeBase.open(db, readonly=False)
    kb.build([docs])
    kb.close()
    from kb.ingest.importer import import_jsonl
    from kb.store.sqlite import Store

    store = Store(db)
    import_jsonl(store, meta)
    store.close()
    return KnowledgeBaseView(KnowledgeBase.open(db))


def test_a_text_kept_in_force_until_a_date_has_ended_after_it(
    invoices_view: KnowledgeBaseView,
) -> None:
    key = "119/2018/NĐ-CP"
    assert invoices_view.standing(key, dt.date(2022, 6, 30)).status in ("in_force", "amended")
    ended = invoices_view.standing(key, dt.date(2022, 7, 1))
    assert ended is not None
    assert (ended.status, ended.since) == ("expired", dt.date(2022, 7, 1))


def test_an_ended_text_is_never_verified_in_force(invoices_view: KnowledgeBaseView) -> None:
    from citecheck.engine import Options, check_source

    # a report of 2023 still citing the decree on e-invoices that ended on 1/7/2022 (the
    # citation as 123/2020/NĐ-CP writes it)
    draft = (
        "Số: 12/BC-UBND\n\nSơn La, ngày 15 tháng 3 năm 2023\n\nBÁO CÁO\n\nThực hiện Nghị định "
        "số 119/2018/NĐ-CP ngày 12 tháng 9 năm 2018 của Chính phủ quy định về hóa đơn điện tử "
        "khi bán hàng hóa, cung cấp dịch vụ, Ủy ban nhân dân báo cáo như sau.\n"
    )
    outcome = check_source("bc.txt", draft, Options(lang="vi"), invoices_view)
    rows = {a.key: a for a in outcome.report.authorities}
    row = rows["119/2018/NĐ-CP"]
    assert row.verdict == "expired"
    assert "còn hiệu lực" not in row.detail
    found = [f for f in outcome.report.all_findings() if f.name == "superseded-citation"]
    assert [f.severity for f in found] == ["warning"]
    assert "đã hết hiệu lực từ ngày 01/07/2022" in found[0].message
