"""The PRISMA 2020 flow diagram as SVG, laid out like the official template.

Columns: the blue stage bars (Identification, Screening, Included), "previous studies" for an
updated review, the databases-and-registers arm (main boxes and, to their right, what left the
flow) and, when other methods were searched, the other-methods arm. Text is wrapped by an
estimate of Arial's width (no font metrics needed), every string is XML-escaped, and nothing
random or dated is written, so the same counts give the same bytes.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from review_cli.io.prisma_text import HEADERS, STAGES, Line, boxes, edges, one_line

FONT = 13
LINE_H = 17
PAD = 9
INDENT = 12
CHAR_W = 6.9  # a generous average width of Arial at 13 px, so wrapped lines never overflow
MARGIN = 12
BAR_W = 34
GAP_COL = 44  # between a main box and its side box (room for the arrow)
GAP_ARM = 36
GAP_ROW = 34
HEADER_H = 46
W_PREV, W_MAIN, W_SIDE = 230, 320, 300
W_OMAIN, W_OSIDE = 320, 300

YELLOW, GREY, BLUE, INK, RED = "#ffc000", "#d9d9d9", "#9dc3e6", "#000000", "#c00000"
_COUNT = re.compile(r"\(n = (\d+)\)")
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml(text: str) -> str:
    """Escape for XML text and attributes; drop characters XML 1.0 cannot hold."""
    # As xml.sax.saxutils.escape with quotes, without importing it (it loads urllib: 10 ms).
    clean = _BAD_XML.sub(" ", text)
    return (
        clean.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("'", "&apos;")
    )


def wrap(lines: list[Line], width: float) -> list[tuple[str, float]]:
    """(text, x offset) per drawn line, wrapped to the box width."""
    out: list[tuple[str, float]] = []
    for text, indent in lines:
        offset = PAD + indent * INDENT
        chars = max(8, int((width - offset - PAD) / CHAR_W))
        # "(n = 12)" never breaks across lines: no-break spaces, which textwrap does not split on.
        text = _COUNT.sub("(n\u00a0=\u00a0\\1)", one_line(text))
        parts = textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=False) or [""]
        out.append((parts[0], offset))
        # Continuation lines are indented a little so a wrapped entry reads as one.
        rest = textwrap.wrap(
            " ".join(parts[1:]), max(8, chars - 2), break_long_words=True, break_on_hyphens=False
        )
        out.extend((p, offset + 12) for p in rest)
    return out


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def render(data: Mapping[str, Any]) -> str:
    text = boxes(data)
    update, other = bool(data["update"]), bool(data["other_methods"])

    # Columns.
    x = MARGIN + BAR_W + 14
    col: dict[str, tuple[float, float]] = {}
    if update:
        col["prev"] = (x, W_PREV)
        x += W_PREV + GAP_ARM
    col["main"] = (x, W_MAIN)
    x += W_MAIN + GAP_COL
    col["side"] = (x, W_SIDE)
    x += W_SIDE
    if other:
        x += GAP_ARM
        col["omain"] = (x, W_OMAIN)
        x += W_OMAIN + GAP_COL
        col["oside"] = (x, W_OSIDE)
        x += W_OSIDE
    width = x + MARGIN

    column_of = {
        "previous": "prev", "identified": "main", "removed": "side", "screened": "main",
        "excluded": "side", "sought": "main", "not_retrieved": "side", "assessed": "main",
        "ft_excluded": "side", "included": "main", "total": "main",
        # the template's other-methods arm: no removal or screening boxes
        "o_identified": "omain", "o_sought": "omain", "o_not_retrieved": "oside",
        "o_assessed": "omain", "o_ft_excluded": "oside",
    }
    rows = [
        ["previous", "identified", "removed", "o_identified"],
        ["screened", "excluded"],
        ["sought", "not_retrieved", "o_sought", "o_not_retrieved"],
        ["assessed", "ft_excluded", "o_assessed", "o_ft_excluded"],
        ["included"],
    ]
    if update:
        rows.append(["total"])

    wrapped = {key: wrap(text[key], col[column_of[key]][1]) for key in text}
    placed: dict[str, Box] = {}
    y: float = MARGIN + HEADER_H + 18
    row_spans: list[tuple[float, float]] = []
    # The stage bars' turned labels need room: "Identification" and "Included" span one row
    # (two for an update) each, so those rows have a minimum height.
    min_h = {0: 120.0, 4: 60.0 if update else 100.0, 5: 60.0}
    for i, row in enumerate(rows):
        present = [key for key in row if key in text]
        h = max(max(len(wrapped[key]) for key in present) * LINE_H + 2 * PAD - 2, min_h.get(i, 0.0))
        for key in present:
            cx, cw = col[column_of[key]]
            placed[key] = Box(cx, y, cw, h)
        row_spans.append((y, y + h))
        y += h + GAP_ROW
    height = y - GAP_ROW + MARGIN + (LINE_H + 6 if data["interim"] else 0)

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_f(width)}" height="{_f(height)}" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="{FONT}">',
        f"<title>{xml('PRISMA 2020 flow diagram: ' + one_line(data['title']))}</title>",
        "<desc>Generated by `review prisma` from the review's records, duplicate "
        "clusters and decisions.</desc>",
        "<defs>",
        '<marker id="arrowhead" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/></marker>',
        "</defs>",
        f'<rect x="0" y="0" width="{_f(width)}" height="{_f(height)}" fill="#ffffff"/>',
    ]

    # Header boxes over the arms.
    def header(key: str, x0: float, x1: float, fill: str) -> None:
        lines = wrap([(HEADERS[key], 0)], x1 - x0)
        hy = MARGIN
        out.append(
            f'<rect x="{_f(x0)}" y="{_f(hy)}" width="{_f(x1 - x0)}" height="{HEADER_H}" rx="9" '
            f'fill="{fill}" stroke="{INK}"/>'
        )
        top = hy + HEADER_H / 2 - (len(lines) - 1) * LINE_H / 2 + FONT * 0.35
        for i, (line, _) in enumerate(lines):
            out.append(
                f'<text x="{_f((x0 + x1) / 2)}" y="{_f(top + i * LINE_H)}" text-anchor="middle" '
                f'font-weight="bold">{xml(line)}</text>'
            )

    if update:
        header("h_previous", col["prev"][0], col["prev"][0] + W_PREV, GREY)
    header("h_dbr", col["main"][0], col["side"][0] + W_SIDE, YELLOW)
    if other:
        header("h_other", col["omain"][0], col["oside"][0] + W_OSIDE, GREY)

    # Stage bars on the left, text turned upwards.
    spans = [row_spans[0], (row_spans[1][0], row_spans[3][1]), (row_spans[4][0], row_spans[-1][1])]
    for label, (top, bottom) in zip(STAGES, spans, strict=True):
        out.append(
            f'<rect x="{MARGIN}" y="{_f(top)}" width="{BAR_W}" height="{_f(bottom - top)}" rx="7" '
            f'fill="{BLUE}" stroke="{INK}"/>'
        )
        cx, cy = MARGIN + BAR_W / 2, (top + bottom) / 2
        out.append(
            f'<text x="{_f(cx)}" y="{_f(cy)}" transform="rotate(-90 {_f(cx)} {_f(cy)})" '
            'text-anchor="middle" dominant-baseline="central" '
            f'font-weight="bold">{xml(label)}</text>'
        )

    # Boxes.
    for key in sorted(placed, key=lambda k: (placed[k].y, placed[k].x)):
        b = placed[key]
        out.append(f'<g id="box-{key.replace("_", "-")}">')
        out.append(
            f'<rect x="{_f(b.x)}" y="{_f(b.y)}" width="{_f(b.w)}" height="{_f(b.h)}" '
            f'fill="#ffffff" stroke="{INK}"/>'
        )
        for i, (line, offset) in enumerate(wrapped[key]):
            colour = f' fill="{RED}"' if line.startswith("Awaiting a decision") else ""
            out.append(
                f'<text x="{_f(b.x + offset)}" y="{_f(b.y + PAD + FONT + i * LINE_H - 2)}"{colour}>'
                f"{xml(line)}</text>"
            )
        out.append("</g>")

    # Arrows.
    def arrow(points: list[tuple[float, float]]) -> None:
        d = " ".join(
            f"{'M' if i == 0 else 'L'}{_f(px)},{_f(py)}" for i, (px, py) in enumerate(points)
        )
        out.append(
            f'<path d="{d}" fill="none" stroke="{INK}" stroke-width="1.3" '
            'marker-end="url(#arrowhead)"/>'
        )

    for a, b_ in edges(data, placed):
        if a not in placed or b_ not in placed:
            continue
        src, dst = placed[a], placed[b_]
        if a == "previous":  # down the previous-studies column, then right into the total box
            arrow([(src.cx, src.bottom), (src.cx, dst.cy), (dst.x, dst.cy)])
        elif a == "o_assessed" and b_ == "included":  # across to the included box
            arrow([(src.cx, src.bottom), (src.cx, dst.cy), (dst.right, dst.cy)])
        elif abs(src.y - dst.y) < 1:  # same row: to the side box
            arrow([(src.right, src.cy), (dst.x, src.cy)])
        else:
            arrow([(src.cx, src.bottom), (src.cx, dst.y)])

    if data["interim"]:
        out.append(
            f'<text x="{MARGIN}" y="{_f(height - MARGIN)}" fill="{RED}" font-weight="bold">'
            "Interim diagram: some records still await a decision (see include/log.jsonl).</text>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
