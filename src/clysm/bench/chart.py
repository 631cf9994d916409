"""The SVG chart of the ratios to SBCL compiled (log scale), written by
hand: one bar per mode for the geometric mean, then one row of dots per
benchmark."""

from __future__ import annotations

import math
from html import escape

from clysm.bench.report import ratio, summaries
from clysm.bench.session import REFERENCE, SuiteResults

COLORS = (
    "#1f77b4", "#d62728", "#ff7f0e", "#2ca02c", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)  # fmt: skip
WIDTH = 900
LEFT = 210  # room for the labels
RIGHT = 40
BAR = 18
ROW = 16


class LogAxis:
    def __init__(self, low: float, high: float, x0: float, x1: float) -> None:
        self.low = 10 ** math.floor(math.log10(low))
        self.high = 10 ** math.ceil(math.log10(high))
        self.x0, self.x1 = x0, x1

    def x(self, value: float) -> float:
        span = math.log10(self.high) - math.log10(self.low)
        return self.x0 + (self.x1 - self.x0) * (math.log10(value) - math.log10(self.low)) / span

    def ticks(self) -> list[float]:
        out = []
        decade = self.low
        while decade <= self.high * 1.0001:
            out += [decade * m for m in (1, 2, 5) if decade * m <= self.high * 1.0001]
            decade *= 10
        return out


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def _tick_label(value: float) -> str:
    return f"{value:g}x"


def _axis(axis: LogAxis, top: float, bottom: float) -> list[str]:
    parts = []
    for tick in axis.ticks():
        x = axis.x(tick)
        stroke = "#444" if tick == 1 else "#ddd"
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{stroke}"/>'
        )
        parts.append(_text(x, bottom + 13, _tick_label(tick), text_anchor="middle", fill="#444"))
    return parts


def render_svg(results: SuiteResults, title: str, subtitle: str) -> str:
    runners = [r for r in results.runners if r.name != REFERENCE]
    means = {s.runner: s for s in summaries(results)}
    values = [
        v
        for b in results.benchmarks
        for r in runners
        if (v := ratio(results, b.name, r.name)) is not None
    ]
    axis = LogAxis(min([*values, 1.0]), max([*values, 2.0]), LEFT, WIDTH - RIGHT)
    color = {r.name: COLORS[i % len(COLORS)] for i, r in enumerate(runners)}
    parts: list[str] = [
        _text(WIDTH / 2, 22, title, text_anchor="middle", font_size="16", font_weight="bold"),
        _text(WIDTH / 2, 40, subtitle, text_anchor="middle", fill="#444"),
    ]
    # Panel 1: geometric means.
    y = 64.0
    parts.append(_text(10, y, "Geometric mean of time / SBCL compiled time (log scale)",
                       font_weight="bold"))  # fmt: skip
    top = y + 8
    bottom = top + len(runners) * (BAR + 6)
    parts += _axis(axis, top, bottom)
    for i, r in enumerate(runners):
        row_y = top + i * (BAR + 6) + 3
        parts.append(_text(LEFT - 8, row_y + BAR - 5, r.name, text_anchor="end"))
        s = means[r.name]
        if s.ratio is None:
            parts.append(_text(axis.x(1) + 4, row_y + BAR - 5, "no result", fill="#888"))
            continue
        x_end = axis.x(s.ratio)
        x_start = axis.x(axis.low)
        parts.append(
            f'<rect x="{x_start:.1f}" y="{row_y:.1f}" width="{max(x_end - x_start, 1):.1f}" '
            f'height="{BAR}" fill="{color[r.name]}"/>'
        )
        label = f"{s.ratio:.2f}x" + (f" ({s.count}/{s.total})" if s.count < s.total else "")
        parts.append(_text(x_end + 4, row_y + BAR - 5, label))
    # Panel 2: one row per benchmark.
    y = bottom + 48
    parts.append(_text(10, y, "Per benchmark (time / SBCL compiled time, log scale)",
                       font_weight="bold"))  # fmt: skip
    top = y + 8
    bottom = top + len(results.benchmarks) * ROW + 4
    parts += _axis(axis, top, bottom)
    for i, b in enumerate(results.benchmarks):
        row_y = top + i * ROW + ROW / 2 + 2
        parts.append(_text(LEFT - 8, row_y + 4, b.name, text_anchor="end"))
        parts.append(
            f'<line x1="{LEFT}" y1="{row_y:.1f}" x2="{WIDTH - RIGHT}" y2="{row_y:.1f}" '
            f'stroke="#f0f0f0"/>'
        )
        for r in runners:
            v = ratio(results, b.name, r.name)
            if v is not None:
                parts.append(
                    f'<circle cx="{axis.x(v):.1f}" cy="{row_y:.1f}" r="4.5" '
                    f'fill="{color[r.name]}" fill-opacity="0.85"><title>{escape(b.name)} '
                    f"{escape(r.name)}: {v:.2f}x</title></circle>"
                )
    # Legend.
    y = bottom + 34
    x = 10.0
    for r in runners:
        label_width = 14 + 7.2 * len(r.name) + 16
        if x + label_width > WIDTH - 10:
            x, y = 10.0, y + 18
        parts.append(f'<circle cx="{x + 5:.1f}" cy="{y - 4:.1f}" r="5" fill="{color[r.name]}"/>')
        parts.append(_text(x + 14, y, r.name))
        x += label_width
    height = y + 16
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="sans-serif" font-size="12">\n'
        f'<rect width="100%" height="100%" fill="white"/>\n{body}\n</svg>\n'
    )
