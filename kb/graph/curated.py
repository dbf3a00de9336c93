"""Curated facts: a reviewable TOML file in the corpus (``facts.toml``).

People write document fields and relations they have checked, each with its source
and reason. A curated relation confirms an edge (it then holds with origin
``curated``) or rejects an inferred one (the inference is dropped).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.graph.identity import DocumentFacts
from kb.graph.relations import KINDS

FACTS_NAME = "facts.toml"
VERDICTS = ("confirmed", "rejected")


class FactsError(ValueError):
    """A facts file that cannot be used, with the file and entry named."""


@dataclass(frozen=True)
class CuratedRelation:
    source: str
    target: str
    kind: str
    verdict: str
    evidence: str
    path: str


@dataclass
class CuratedFacts:
    documents: dict[str, DocumentFacts]
    relations: list[CuratedRelation]
    paths: list[str]


def _text(entry: dict[str, object], name: str) -> str | None:
    value = entry.get(name)
    return None if value is None else " ".join(str(value).split())


def load_facts(paths: list[Path], names: Mapping[Path, str] | None = None) -> CuratedFacts:
    """Read and check every facts file; errors name the file and the entry. A relation
    records its file by ``names[path]`` (the path as stored, relative to the build root)
    when given."""
    facts = CuratedFacts({}, [], [])
    for path in paths:
        name = (names or {}).get(path) or str(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise FactsError(f"{path}: {exc}") from exc
        facts.paths.append(str(path))
        for i, entry in enumerate(data.get("document", []), start=1):
            key = entry.get("key")
            if not key:
                raise FactsError(f"{path}: [[document]] #{i} has no key")
            facts.documents[key] = DocumentFacts(
                ref=_text(entry, "ref"),
                type=_text(entry, "type"),
                date=_text(entry, "date"),
                issuer=_text(entry, "issuer"),
                subject=_text(entry, "subject"),
            )
        for i, entry in enumerate(data.get("relation", []), start=1):
            where = f"{path}: [[relation]] #{i}"
            kind = entry.get("kind")
            verdict = entry.get("verdict", "confirmed")
            if kind not in KINDS:
                raise FactsError(f"{where}: unknown kind {kind!r}")
            if verdict not in VERDICTS:
                raise FactsError(f"{where}: verdict must be one of {', '.join(VERDICTS)}")
            if not entry.get("from") or not entry.get("to"):
                raise FactsError(f"{where}: needs both 'from' and 'to'")
            evidence = "; ".join(
                f"{label}: {text}"
                for label, text in (
                    ("source", _text(entry, "source")),
                    ("reason", _text(entry, "reason")),
                )
                if text
            )
            facts.relations.append(
                CuratedRelation(entry["from"], entry["to"], kind, verdict, evidence, name)
            )
    return facts
