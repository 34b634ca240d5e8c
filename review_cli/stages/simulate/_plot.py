"""The recall curve of a simulation as a small, deterministic, hand-written SVG."""

from __future__ import annotations

from typing import Any, Protocol
from xml.sax.saxutils import escape


class Replay(Protocol):
    """What the plot reads of a simulation (`simulate.Simulation` is one)."""

    @property
    def dataset(self) -> str: ...
    @property
    def seed(self) -> int: ...
    @property
    def model(self) -> str: ...
    @property
    def labels(self) -> list[int]: ...
    @property
    def n_relevant(self) -> int: ...
    @property
    def stopping(self) -> dict[str, dict[str, Any]]: ...

W, H = 640, 420
LEFT, RIGHT, TOP, BOTTOM = 60, 20, 40, 50
COLOURS = {"statistical": "#d62728", "knee": "#2ca02c", "heuristic": "#9467bd"}
MAX_POINTS = 600


def _xy(fx: float, fy: float) -> tuple[str, str]:
    x = LEFT + fx * (W - LEFT - RIGHT)
    y = H - BOTTOM - fy * (H - TOP - BOTTOM)
    return f"{x:.1f}", f"{y:.1f}"


def recall_svg(sim: Replay) -> str:
    """Recall (all relevant records, priors included) against the share of records screened."""
    n, r = len(sim.labels), sim.n_relevant
    cum = [0]
    for x in sim.labels:
        cum.append(cum[-1] + x)
    step = max(1, n // MAX_POINTS)
    points = sorted({*range(0, n + 1, step), n})
    curve = " ".join(",".join(_xy(k / n, cum[k] / r)) for k in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<text x="{W / 2:.0f}" y="22" text-anchor="middle" font-size="14">'
        f'{escape(sim.dataset)}: recall vs records screened '
        f'(seed {sim.seed}, model {escape(sim.model)})</text>',
    ]
    for i in range(0, 11, 2):
        f = i / 10
        x0, y0 = _xy(f, 0)
        xl, yl = _xy(0, f)
        parts.append(
            f'<line x1="{x0}" y1="{_xy(f, 0)[1]}" x2="{x0}" y2="{_xy(f, 1)[1]}" stroke="#eee"/>'
        )
        parts.append(f'<line x1="{xl}" y1="{yl}" x2="{_xy(1, f)[0]}" y2="{yl}" stroke="#eee"/>')
        parts.append(f'<text x="{x0}" y="{H - BOTTOM + 16}" text-anchor="middle">{i * 10}%</text>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{float(yl) + 4:.1f}" text-anchor="end">{f:.1f}</text>'
        )
    x0, y0 = _xy(0, 0)
    x1, y1 = _xy(1, 1)
    parts += [
        f'<line x1="{x0}" y1="{y0}" x2="{_xy(1, 0)[0]}" y2="{y0}" stroke="black"/>',
        f'<line x1="{x0}" y1="{y0}" x2="{x0}" y2="{_xy(0, 1)[1]}" stroke="black"/>',
        f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#999" stroke-dasharray="5,4"/>',
        f'<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{curve}"/>',
        f'<text x="{W / 2:.0f}" y="{H - 12}" text-anchor="middle">records screened</text>',
        f'<text x="16" y="{H / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 16 {H / 2:.0f})">recall</text>',
    ]
    legend = [("model", "#1f77b4"), ("random", "#999")]
    for rule, where in sim.stopping.items():
        at = where.get("stopped_at")
        if at:
            cx, cy = _xy(at / n, cum[at] / r)
            colour = COLOURS.get(rule, "black")
            parts.append(
                f'<circle cx="{cx}" cy="{cy}" r="5" fill="{colour}">'
                f"<title>{rule}: stop after {at}, recall {cum[at] / r:.3f}</title></circle>"
            )
            legend.append((f"{rule} stop ({at})", colour))
    for i, (label, colour) in enumerate(legend):
        ly = TOP + 14 + 16 * i
        lx = W - RIGHT - 170
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 16}" y="{ly}">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
