"""The relation graph (networkx), whole or around one document, and its exports."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kb.graph.status import status_on
from kb.store.sqlite import Store

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("json", "dot", "graphml")


def relation_graph(
    store: Store,
    on: dt.date,
    around: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] | None = None,
) -> nx.MultiDiGraph:
    """Documents as nodes (id = key), relations as edges with kind, origin, confidence."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    edges: list[tuple[Any, ...]] = []
    if around is None:
        edges = store.all_relations(kinds)
    else:
        seen, frontier = {around}, [around]
        for _ in range(max(depth, 0)):
            nxt = []
            for key in frontier:
                for row in store.relations_of(key):
                    if kinds and row[2] not in kinds:
                        continue
                    edges.append(row)
                    for other in (row[0], row[1]):
                        if other not in seen:
                            seen.add(other)
                            nxt.append(other)
            frontier = nxt
        graph.add_node(around)
    for src, tgt, kind, origin, conf, *_ in dict.fromkeys(edges):
        graph.add_edge(src, tgt, key=f"{kind}:{origin}", kind=kind, origin=origin, confidence=conf)
    docs = store.documents(graph.nodes)
    for key in graph.nodes:
        doc = docs.get(key)
        graph.nodes[key].update(
            ref=doc[1] if doc else None,
            type=doc[2] if doc else None,
            date=doc[3] if doc else None,
            status=status_on(store, key, on).value,
        )
    return graph


def to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    import networkx as nx

    from kb.records import GraphOut

    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    for edge in data["edges"]:
        edge.pop("key", None)
    return GraphOut.model_validate(data).model_dump()


def _dot_id(s: object) -> str:
    text = str(s).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def to_dot(graph: nx.MultiDiGraph) -> str:
    lines = ["digraph kb {", "  rankdir=LR;", "  node [shape=box, fontname=sans];"]
    for key, attrs in graph.nodes(data=True):
        label = f"{attrs.get('ref') or key}\n{attrs.get('date') or ''} {attrs.get('status')}"
        lines.append(f"  {_dot_id(key)} [label={_dot_id(label)}];")
    for src, tgt, attrs in graph.edges(data=True):
        style = ", style=dashed" if attrs.get("origin") == "inferred" else ""
        label = f"{attrs['kind']} ({attrs['origin']})"
        lines.append(f"  {_dot_id(src)} -> {_dot_id(tgt)} [label={_dot_id(label)}{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_graphml(graph: nx.MultiDiGraph) -> str:
    import networkx as nx

    clean = nx.MultiDiGraph()
    for key, attrs in graph.nodes(data=True):
        clean.add_node(key, **{k: "" if v is None else v for k, v in attrs.items()})
    for src, tgt, k, attrs in graph.edges(keys=True, data=True):
        clean.add_edge(src, tgt, key=k, **{a: "" if v is None else v for a, v in attrs.items()})
    return "\n".join(nx.generate_graphml(clean)) + "\n"


def render(graph: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json(graph), ensure_ascii=False, indent=2) + "\n"
    if fmt == "dot":
        return to_dot(graph)
    if fmt == "graphml":
        return to_graphml(graph)
    raise ValueError(f"unknown graph format {fmt!r}")
