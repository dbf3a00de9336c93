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
    "not_issued": "#eef0f4",
    "not_yet_in_force": "#eef0f4",
    "expired": "#fbe3e1",
    "probably_replaced": "#fff4d6",
    "unknown": "#f4f4f4",
}
STATUS_STROKE = {
    "in_force": "#2f7d4a",
    "amended": "#a77800",
    "replaced": "#b3261e",
    "repealed": "#b3261e",
    "not_issued": "#5a6478",
    "not_yet_in_force": "#5a6478",
    "expired": "#b3261e",
    "probably_replaced": "#a77800",
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
    """Positions in pixels: the document in the middle, its neighbours on a ring around it.

    networkx's shell layout places the rings; neighbours are ordered by the kind of their
    link to the centre so that, say, what replaced it and what it replaced sit together.
    """
    import networkx as nx

    others = [n.key for n in nodes if n.key != center]
    if not others:
        return {center: (WIDTH / 2, HEIGHT / 2)}
    rank = {kind: i for i, kind in enumerate(KIND_COLOUR)}
    first_kind: dict[str, int] = {}
    for e in edges:
        for key in (e.source, e.target):
            if key != center and (e.source == center or e.target == center):
                first_kind[key] = min(first_kind.get(key, 99), rank.get(e.kind, 98))
    others.sort(key=lambda k: (first_kind.get(k, 99), k))
    g = nx.DiGraph()
    g.add_nodes_from([center, *others])
    pos = nx.shell_layout(g, nlist=[[center], others], rotate=0)
    radius = max(math.hypot(float(p[0]), float(p[1])) for p in pos.values()) or 1.0
    pos = {k: (float(p[0]) / radius, float(p[1]) / radius) for k, p in pos.items()}
    # a few neighbours sit closer, so the picture does not look empty
    spread = 0.5 if len(others) <= 2 else 0.75 if len(others) <= 4 else 1.0
    half_w = max((WIDTH / 2 - MARGIN - NODE_W / 2) * spread, NODE_W + 80)
    half_h = max((HEIGHT / 2 - MARGIN - NODE_H / 2) * max(spread, 0.75), NODE_H * 3)
    return {k: (WIDTH / 2 + p[0] * half_w, HEIGHT / 2 - p[1] * half_h) for k, p in pos.items()}


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
    href_query: str = "",
) -> str:
    """The SVG markup (a complete ``<svg>`` element)."""
    pos = layout(center, nodes, edges)
    # the drawing's own extent (boxes and a margin), so that small graphs are not lost
    x0 = min(x for x, _ in pos.values()) - NODE_W / 2 - MARGIN
    x1 = max(x for x, _ in pos.values()) + NODE_W / 2 + MARGIN
    y0 = min(y for _, y in pos.values()) - NODE_H / 2 - MARGIN
    y1 = max(y for _, y in pos.values()) + NODE_H / 2 + MARGIN
    w, h = x1 - x0, y1 - y0
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="relgraph" role="img" '
        f'viewBox="{x0:.0f} {y0:.0f} {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
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
    rank = {kind: i for i, kind in enumerate(KIND_COLOUR)}
    grouped: dict[tuple[str, str], list[Edge]] = {}
    for e in edges:
        if e.source in pos and e.target in pos and e.source != e.target:
            grouped.setdefault((e.source, e.target), []).append(e)
    for (source, target), group in sorted(grouped.items()):
        group.sort(key=lambda e: rank.get(e.kind, 99))
        main = group[0]
        (x1, y1), (x2, y2) = pos[source], pos[target]
        if (target, source) in grouped:  # both ways: draw the two arrows side by side
            nx_, ny_ = y2 - y1, x1 - x2
            norm = math.hypot(nx_, ny_) or 1.0
            x1, y1 = x1 + 6 * nx_ / norm, y1 + 6 * ny_ / norm
            x2, y2 = x2 + 6 * nx_ / norm, y2 + 6 * ny_ / norm
        kind = main.kind if main.kind in KIND_COLOUR else "cites"
        colour = KIND_COLOUR[kind]
        dash = ORIGIN_DASH.get(main.origin, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        label = ", ".join(dict.fromkeys(kind_label.get(e.kind, e.kind) for e in group))
        css = f"edge edge-{escape(kind)} origin-{escape(main.origin)}"
        if center in (source, target):
            ax, ay = _border_point(x1, y1, x2, y2)
            bx, by = _border_point(x2, y2, x1, y1)
            out.append(
                f'<g class="{css}"><title>{escape(label)}</title>'
                f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
                f'stroke="{colour}" stroke-width="2"{dash_attr} marker-end="url(#arrow-{kind})"/>'
                f'<text x="{(ax + bx) / 2:.1f}" y="{(ay + by) / 2 - 4:.1f}" '
                f'text-anchor="middle" font-size="11" fill="{colour}" class="edge-label" '
                f'paint-order="stroke" stroke="#ffffff" stroke-width="3">{escape(label)}</text></g>'
            )
            continue
        # Between two neighbours: a lighter curve bent away from the centre, named on hover.
        cx0, cy0 = pos[center]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        away = math.hypot(mx - cx0, my - cy0) or 1.0
        bend = 0.35 * math.hypot(x2 - x1, y2 - y1)
        qx, qy = mx + (mx - cx0) / away * bend, my + (my - cy0) / away * bend
        ax, ay = _border_point(x1, y1, qx, qy)
        bx, by = _border_point(x2, y2, qx, qy)
        out.append(
            f'<g class="{css} edge-side"><title>{escape(label)}</title>'
            f'<path d="M{ax:.1f},{ay:.1f} Q{qx:.1f},{qy:.1f} {bx:.1f},{by:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="1.3" opacity="0.55"{dash_attr} '
            f'marker-end="url(#arrow-{kind})"/></g>'
        )
    for n in sorted(nodes, key=lambda n: n.key == center):
        x, y = pos[n.key]
        status = n.status or "unknown"
        fill = STATUS_FILL.get(status, STATUS_FILL["unknown"])
        stroke = STATUS_STROKE.get(status, STATUS_STROKE["unknown"])
        width = 3 if n.key == center else 1.5
        href = href_prefix + quote(n.key, safe="") + href_query
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
