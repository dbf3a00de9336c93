"""Every example in the grammar data parses to the canonical form its entry names."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

import pytest

from kb.parse.extract import extract_text
from kb.parse.grammar import code_key, load_grammar
from kb.parse.refs import find_refs


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("kb").joinpath("data", name).read_text("utf-8"))


TYPE_EXAMPLES = [
    (t["name"], ex)
    for t in _data("types.toml")["type"]
    if t.get("cited", True)
    for ex in t["examples"]
]
NOT_CITED_EXAMPLES = [
    ex for t in _data("types.toml")["type"] if not t.get("cited", True) for ex in t["examples"]
]
ISSUER_EXAMPLES = [(i["code"], ex) for i in _data("issuers.toml")["issuer"] for ex in i["examples"]]
_SEPS = _data("separators.toml")
SEPARATOR_EXAMPLES = [
    (table, ex) for table, entry in _SEPS.items() for ex in entry.get("examples", [])
]


def test_every_entry_has_examples() -> None:
    assert all(t.get("examples") for t in _data("types.toml")["type"])
    assert all(i.get("examples") for i in _data("issuers.toml")["issuer"])


@pytest.mark.parametrize(("name", "example"), TYPE_EXAMPLES)
def test_type_example_parses_to_its_type(name: str, example: str) -> None:
    cites = extract_text(example).citations
    assert cites, example
    assert cites[0].type == name
    assert cites[0].start == 0 and cites[0].text.startswith(example.split()[0])


@pytest.mark.parametrize("example", NOT_CITED_EXAMPLES)
def test_not_cited_type_example_gives_nothing(example: str) -> None:
    assert extract_text(example).citations == []


@pytest.mark.parametrize(("code", "example"), ISSUER_EXAMPLES)
def test_issuer_example_parses_to_its_code(code: str, example: str) -> None:
    refs = find_refs(example)
    assert len(refs) == 1, example
    g = load_grammar()
    codes = {re.sub(r"\d+$", "", c) for c in refs[0].issuer_codes}
    assert code in codes or g.issuer(code_key(refs[0].issuer_codes[0])) is g.issuers[code]


def _canonical(example: str) -> str:
    """The example with every variant character replaced by its canonical one, spaces gone."""
    out = example
    for table in ("dash", "slash"):
        for v in _SEPS[table]["variants"]:
            out = out.replace(v, _SEPS[table]["canonical"])
    for canon, variants in _SEPS["letters"].items():
        for v in variants:
            out = out.replace(v, canon)
    out = re.sub(r"(?<=[A-ZĐ])\.(?=[A-ZĐ])", _SEPS["dot"]["canonical"], out)
    return re.sub(r"\s+", "", out)


@pytest.mark.parametrize(("table", "example"), SEPARATOR_EXAMPLES)
def test_separator_example_is_folded(table: str, example: str) -> None:
    refs = find_refs(example)
    assert len(refs) == 1, example
    assert refs[0].ref == _canonical(example)
    assert refs[0].start == 0 and refs[0].end == len(example)
