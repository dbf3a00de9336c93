"""A picture of a document's neighbourhood in the relation graph, drawn as SVG on the server.

The layout comes from networkx (a spring layout with the document pinned in the middle and
a fixed seed, so the same graph always looks the same); the drawing is plain SVG written
here, with every label escaped. No script and no outside asset is needed to show it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

WIDTH = 760
HEIGHT = 460
NODE_W = 150
NODE_H = 40
MARGIN = 30

# Colours follow the citator convention: red ended, amber amended, green in force.
STATUS_FILL = {
    "in_force": "#e3f4e8",
    "amended": "#fff4d6",
    "replaced": "#fbe3e1",
    "repealed": "#fbe3e1",
    "not_yet_issued": "#eef0f4",
    "unknown": "#f4f4f4",
}
STATUS_STROKE = {
    "in_force": "#2f7d4a",
    "amended": "#a77800",
    "replaced": "#b3261e",
    "repealed": "#b3261e",
    "not_yet_issued": "#5a6478",
    "unknown": "#777777",
}
ORIGIN_DASH = {"stated": "", "curated": "7 4", "inferred": "2 4", "imported": "10 3 2 3"}
KIND_COLOUR = {
    "replaces": "#b3261e",
    "repeals": "#b3261e",
    "amends": "#a77800",
    "guides": "#1f5fa8",
    "details": "#1f5fa8",
    "implements": "#2f7d4a",
    "based_on": "#5b4a9e",
    "corrects": "#8a5a00",
    "cites": "#777777",
}


@dataclass(frozen=True)
class Node:
    key: str
    ref: str
    date: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str
    origin: str


def layout(center: str, nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Positions in pixels, the centre document in the middle."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n.key for n in nodes)
    g.add_edges_from((e.source, e.target) for e in edges if e.source != e.target)
    if len(nodes) == 1:
        return {center: (WIDTH / 2, HEIGHT / 2)}
    others = sorted(n.key for n in nodes if n.key != center)
    # Start from a circle around the centre so the spring layout is deterministic and tidy.
    start = {center: (0.0, 0.0)}
    for i, key in enumerate(others):
        angle = 2 * math.pi * i / len(others) - math.pi / 2
        start[key] = (math.cos(angle), math.sin(angle))
    pos = nx.spring_layout(g, pos=start, fixed=[center], seed=7, k=1.4, iterations=60)
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    span_x = max(max(abs(x) for x in xs), 1e-6)
    span_y = max(max(abs(y) for y in ys), 1e-6)
    half_w = WIDTH / 2 - MARGIN - NODE_W / 2
    half_h = HEIGHT / 2 - MARGIN - NODE_H / 2
    return {
        k: (WIDTH / 2 + float(p[0]) / span_x * half_w, HEIGHT / 2 + float(p[1]) / span_y * half_h)
        for k, p in pos.items()
    }


def _border_point(
    x1: float, y1: float, x2: float, y2: float, pad: float = 4
) -> tuple[float, float]:
    """Where the segment from the centre of box 1 towards (x2, y2) leaves box 1."""
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return x1, y1
    sx = (NODE_W / 2 + pad) / abs(dx) if dx else math.inf
    sy = (NODE_H / 2 + pad) / abs(dy) if dy else math.inf
    s = min(sx, sy, 1.0)
    return x1 + dx * s, y1 + dy * s


def render(
    center: str,
    nodes: list[Node],
    edges: list[Edge],
    kind_label: dict[str, str],
    title: str,
    href_prefix: str = "/documents/",
) -> str:
    """The SVG markup (a complete ``<svg>`` element)."""
    pos = layout(center, nodes, edges)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="relgraph" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f"aria-label={quoteattr(title)}>",
        f"<title>{escape(title)}</title>",
        "<defs>",
    ]
    for kind, colour in KIND_COLOUR.items():
        out.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    for e in edges:
        if e.source not in pos or e.target not in pos or e.source == e.target:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        ax, ay = _border_point(x1, y1, x2, y2)
        bx, by = _border_point(x2, y2, x1, y1)
        kind = e.kind if e.kind in KIND_COLOUR else "cites"
        colour = KIND_COLOUR[kind]
        dash = ORIGIN_DASH.get(e.origin, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        label = kind_label.get(e.kind, e.kind)
        out.append(
            f'<g class="edge edge-{escape(kind)} origin-{escape(e.origin)}">'
            f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr} marker-end="url(#arrow-{kind})"/>'
            f'<text x="{(ax + bx) / 2:.1f}" y="{(ay + by) / 2 - 4:.1f}" text-anchor="middle" '
            f'font-size="11" fill="{colour}" class="edge-label">{escape(label)}</text></g>'
        )
    for n in sorted(nodes, key=lambda n: n.key == center):
        x, y = pos[n.key]
        status = n.status or "unknown"
        fill = STATUS_FILL.get(status, STATUS_FILL["unknown"])
        stroke = STATUS_STROKE.get(status, STATUS_STROKE["unknown"])
        width = 3 if n.key == center else 1.5
        href = href_prefix + quote(n.key, safe="")
        date = f" · {n.date}" if n.date else ""
        out.append(
            f'<a href={quoteattr(href)} class="node{" node-center" if n.key == center else ""}">'
            f'<rect x="{x - NODE_W / 2:.1f}" y="{y - NODE_H / 2:.1f}" width="{NODE_W}" '
            f'height="{NODE_H}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
            f'<text x="{x:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="13" '
            f'font-weight="{700 if n.key == center else 500}" fill="#1d2330">'
            f"{escape(_short(n.ref))}</text>"
            f'<text x="{x:.1f}" y="{y + 13:.1f}" text-anchor="middle" font-size="10.5" '
            f'fill="#4a5266">{escape(_short(date.lstrip(" ·"), 22))}</text></a>'
        )
    out.append("</svg>")
    return "".join(out)


def _short(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
