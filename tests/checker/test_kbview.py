"""The adapter from kb's KnowledgeBase (resolve, document, status_on, replaced_by) to the
two questions the rules ask, and the date window a draft is judged at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from citecheck.dating import date_window
from citecheck.kbview import KnowledgeBaseView
from kb.extract import extract_text


class _Status(StrEnum):
    IN_FORCE = "in_force"
    REPLACED = "replaced"


@dataclass
class _Res:
    key: str | None
    candidates: tuple[str, ...] = ()


@dataclass
class _Doc:
    key: str
    ref: str
    date: str
    type: str = "Quy định"
    subject: str = ""
    date_source: str = "curated"


@dataclass
class _Ref:
    key: str
    ref: str
    date: str


class _KB:
    """Answers like kb.queries.KnowledgeBase for two documents: 12-QĐ/TU replaced by 429."""

    docs: ClassVar[dict[str, _Doc]] = {
        "12-QĐ/TU@2019": _Doc("12-QĐ/TU@2019", "12-QĐ/TU", "2019-02-27"),
        "429-QĐ/TU@2022": _Doc("429-QĐ/TU@2022", "429-QĐ/TU", "2022-07-01", date_source="corpus"),
    }

    def resolve(self, citation: object) -> _Res:
        key = getattr(citation, "key", None)
        return _Res(key if key in self.docs else None)

    def document(self, key: str) -> _Doc | None:
        return self.docs.get(key)

    def status_on(self, key: str, on: dt.date) -> _Status:
        if key == "12-QĐ/TU@2019" and on >= dt.date(2022, 7, 1):
            return _Status.REPLACED
        return _Status.IN_FORCE

    def replaced_by(self, key: str, on: dt.date) -> list[_Ref]:
        return [_Ref("429-QĐ/TU@2022", "429-QĐ/TU", "2022-07-01")]


def _cite(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text).citations[0]


def test_known_maps_the_record_and_its_date_source() -> None:
    view = KnowledgeBaseView(_KB())
    k = view.known(_cite("Quy định số 12-QĐi/TU ngày 27/02/2019 của Ban Thường vụ Tỉnh ủy"))
    assert k is not None and k.date == dt.date(2019, 2, 27) and k.date_source == "curated"
    k2 = view.known(_cite("Quy định số 429-QĐ/TU ngày 01/7/2022 của Tỉnh ủy"))
    assert k2 is not None and k2.date_source == "header"  # "corpus": the document's own header
    assert view.known(_cite("Kế hoạch số 62/KH-VPUB ngày 19/12/2024")) is None


def test_standing_names_the_replacement() -> None:
    view = KnowledgeBaseView(_KB())
    assert view.standing("12-QĐ/TU@2019", dt.date(2022, 1, 15)).status == "in_force"  # type: ignore[union-attr]
    st = view.standing("12-QĐ/TU@2019", dt.date(2023, 1, 1))
    assert st is not None and st.status == "replaced"
    assert st.by_ref == "429-QĐ/TU" and st.since == dt.date(2022, 7, 1)


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
