"""The table of citation forms and traps (``data/forms.toml``) through every implementation:
the parser itself and the spaCy component that wraps it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kb.models import Citation
from kb.parse.extract import extract_text

with open(Path(__file__).resolve().parent / "data" / "forms.toml", "rb") as _f:
    CASES: list[dict[str, Any]] = tomllib.load(_f)["case"]


def _row(c: Citation) -> list[str]:
    # a law cited by name is told by its name (the register may also give its số hiệu)
    ident = f"{c.type} {c.name}" if c.name and c.ref_start is None else c.ref or ""
    return [ident, c.date.isoformat() if c.date else ""]


def _by_parser(text: str) -> list[Citation]:
    return [c for c in extract_text(text).citations if c.ref or c.name]


def _by_spacy(text: str) -> list[Citation]:
    spacy = pytest.importorskip("spacy")
    nlp = _blank(spacy)
    doc = nlp(text)
    return [span._.kb_citation for span in doc.spans["vn_citations"]]


_NLP: list[Any] = []


def _blank(spacy: Any) -> Any:
    if not _NLP:
        nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
        nlp.add_pipe("vn_citations")
        _NLP.append(nlp)
    return _NLP[0]


IMPLEMENTATIONS: dict[str, Callable[[str], list[Citation]]] = {
    "parser": _by_parser,
    "spacy": _by_spacy,
}


@pytest.mark.parametrize("impl", sorted(IMPLEMENTATIONS))
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_form(case: dict[str, Any], impl: str) -> None:
    cites = IMPLEMENTATIONS[impl](case["text"])
    assert [_row(c) for c in cites] == case["want"]
    for c in cites:
        assert case["text"][c.start : c.end] == c.text
    for ref, anomaly in case.get("anomalies", []):
        assert [anomaly in c.anomalies for c in cites if c.ref == ref] == [True], (ref, anomaly)


def test_a_law_whose_name_ends_in_a_contract_word_is_still_cited() -> None:
    # Luật 69/2020/QH14, Điều 77 (bench corpus cb-32699, Công báo): "hợp đồng" ends the law's
    # name; no contract is numbered /QH, so the number is the law's
    text = (
        "2. Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số "
        "72/2006/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
    )
    cited = [c for c in extract_text(text).citations if not c.self_reference]
    assert [(c.ref, c.type, c.name) for c in cited] == [
        (
            "72/2006/QH11",
            "Luật",
            "Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng",
        )
    ]
    assert cited[0].text.startswith("Luật Người lao động")
    # a contract's own number stays out
    assert extract_text("Căn cứ Hợp đồng số 12/2020/HĐ-UBND ngày 05/3/2020;").citations == []
