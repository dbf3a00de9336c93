"""Pydantic models of everything the KB commands print as JSON (design notes §5)."""

from __future__ import annotations

from pydantic import BaseModel as _PydanticModel
from pydantic import ConfigDict, Field


class BaseModel(_PydanticModel):
    """Models are built on first use: a command pays only for the outputs it prints."""

    model_config = ConfigDict(defer_build=True)


class DocRef(BaseModel):
    """A short reference to another document."""

    key: str
    ref: str | None = None
    date: str | None = Field(None, description="ISO date of issue (may be partial: YYYY-MM)")
    type: str | None = None
    label: str | None = Field(
        None,
        description="how to name it to a reader: type and số hiệu, or (a corpus file whose"
        " number was not read) type, title and date — never a file path",
    )


class InferredRef(DocRef):
    """A replacement the KB infers (not stated in a text, not checked by a person)."""

    confidence: float
    evidence: str | None = None


class DocumentOut(BaseModel):
    key: str
    ref: str | None = None
    type: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    status: str = Field(
        description="not_issued | not_yet_in_force | in_force | amended | replaced | repealed"
        " | expired | probably_replaced | issued | unknown"
    )
    status_on: str = Field(description="the date the status is for, ISO")
    status_label: str = ""
    replaced_by: list[DocRef] = Field(default_factory=list)
    probably_replaced_by: list[InferredRef] = Field(
        default_factory=list, description="inferred replacements in force on the date"
    )
    effective_from: str | None = Field(None, description="first day in force, ISO")
    effective_to: str | None = Field(None, description="first day no longer in force, ISO")
    effective_source: str | None = Field(None, description="text | imported")
    effective_text: str | None = Field(None, description="the clause the days were read from")
    in_corpus: bool = False
    path: str | None = None
    date_source: str | None = Field(None, description="curated | corpus | mentions | imported")


class MentionOut(BaseModel):
    path: str
    text: str | None
    ref: str | None
    date: str | None
    date_text: str | None
    issuer: str | None
    issuer_code: str | None
    subject: str | None
    pinpoint: str | None
    start: int
    end: int
    line: int | None
    key_as_written: str = Field(description="the key the mention carried before resolution")


class RelationOut(BaseModel):
    kind: str
    direction: str = Field(description="out: this document acts on the other; in: the reverse")
    other: DocRef
    origin: str = Field(description="stated | curated | inferred | imported")
    confidence: float
    evidence: str | None = None
    path: str | None = None
    start: int | None = None
    end: int | None = None


class Variants(BaseModel):
    refs: dict[str, int] = Field(default_factory=dict)
    dates: dict[str, int] = Field(default_factory=dict)
    issuers: dict[str, int] = Field(default_factory=dict)


class Disagreement(BaseModel):
    key: str
    field: str
    corpus: str | None
    imported: str | None


class ShowResult(BaseModel):
    """``kb show REF --format json``."""

    document: DocumentOut
    mentions: list[MentionOut]
    relations: list[RelationOut]
    variants: Variants
    disagreements: list[Disagreement] = Field(default_factory=list)


class AppliesItem(BaseModel):
    key: str
    ref: str | None = None
    type: str | None = None
    date: str | None = None
    subject: str | None = None
    label: str = Field("", description="type and số hiệu, or type, title and date")
    status: str
    status_label: str = ""
    group: str = Field(
        "in_force",
        description="in_force (the texts governing on the date, each principal text followed"
        " by what amends, guides and implements it) | ended (replaced, repealed, expired,"
        " probably replaced) | issued (reports, plans, letters) | later (not issued or not yet"
        " in force on the date; only in ``later``)",
    )
    role: str = Field(
        "principal", description="principal | amends | guides | implements (of ``under``)"
    )
    under: str | None = Field(None, description="key of the principal text it is attached to")
    effective_from: str | None = Field(None, description="first day in force, ISO")
    probably_replaced_by: list[InferredRef] = Field(default_factory=list)
    amended_by: list[DocRef] = Field(default_factory=list, description="amendments in effect")
    kind: str = Field(
        "regulation",
        description="regulation (has legal force) | issued (a report, notice, letter or plan)",
    )
    replaced_by: list[DocRef] = Field(default_factory=list)
    score: float
    replaces: list[DocRef] = Field(default_factory=list, description="what it replaced")
    guided_by: list[DocRef] = Field(default_factory=list, description="what guides it")
    implemented_by: list[DocRef] = Field(default_factory=list, description="what implements it")


class AppliesResult(BaseModel):
    """``kb applies QUERY --format json``: best first, in force on the date first."""

    query: str
    on: str
    results: list[AppliesItem]
    later: list[AppliesItem] = Field(
        default_factory=list,
        description="texts matching the query that are not issued or not yet in force on the"
        " date: never among ``results``",
    )


class Count(BaseModel):
    name: str | None
    count: int


class StatsResult(BaseModel):
    """``kb stats --format json``."""

    files: int
    documents: int
    mentions: int
    relations: int
    by_type: list[Count]
    by_issuer: list[Count]
    by_relation: list[Count]
    by_origin: list[Count]
    unresolved_mentions: int
    # readings that cannot be edges (to a later document, to itself, lower rank acting on
    # a higher one), by reason
    unresolved_relations: list[Count] = []
    ambiguous_mentions: list[str]
    problems: list[str]
    disagreements: list[Disagreement]


class BuildReport(BaseModel):
    """``kb build --format json``."""

    db: str
    files: int
    parsed: int
    unchanged: int
    removed: int
    errors: list[str]
    documents: int
    relations: int


class GraphNode(BaseModel):
    id: str = Field(description="the document key")
    ref: str | None = None
    type: str | None = None
    date: str | None = None
    status: str


class GraphEdge(BaseModel):
    source: str
    target: str
    kind: str
    origin: str
    confidence: float | None = None


class GraphOut(BaseModel):
    """``kb graph --format json``: networkx node-link data."""

    directed: bool = True
    multigraph: bool = True
    graph: dict[str, object] = Field(default_factory=dict)
    nodes: list[GraphNode]
    edges: list[GraphEdge]
