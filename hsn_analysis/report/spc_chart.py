"""The charts of signals and comparisons: the XmR chart and the regions as dots.

Figures only, never saved or shown (the caller encodes them). Special causes are told by
marker shape and a legend word as well as by colour; ours among the regions by shape, size,
colour and a label.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from hsn_analysis.periods import Period
from hsn_analysis.report import palette
from hsn_analysis.report.chart_images import FIGURE_DPI
from hsn_analysis.report.charts import CHART_STYLE, draw_break
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.signals import Basis
from hsn_analysis.rules.spc import SpcResult, Variation
from hsn_analysis.words import labels
from hsn_analysis.words import signals_text as text
from hsn_analysis.words.formatting import format_number

# MDC's colours: blue improvement, orange concern, purple a neutral special cause, grey common.
_IMPROVEMENT = "#2C6FBB"
_CONCERN = "#C15A00"
_NEUTRAL = "#6B3FA0"
_MARKERS = {
    Variation.IMPROVEMENT: ("^", _IMPROVEMENT, text.SPC_LEGEND_IMPROVEMENT),
    Variation.CONCERN: ("v", _CONCERN, text.SPC_LEGEND_CONCERN),
    Variation.HIGH: ("D", _NEUTRAL, text.SPC_LEGEND_NEUTRAL),
    Variation.LOW: ("D", _NEUTRAL, text.SPC_LEGEND_NEUTRAL),
}
# The indicator's one chart where its series has signals: the size of the trend chart it
# replaces, beside the table; the legend on top, in up to two rows.
SPC_SIZE = (4.4, 2.1)
BENCHMARK_SIZE = (4.4, 1.35)
# Fixed margins (inches) instead of constrained layout, which measures at every draw and made
# an XmR chart cost three times a trend chart; room for "250 000" and a unit on the y axis.
_SPC_MARGINS = {"left": 0.72, "right": 0.1, "bottom": 0.42, "top": 0.42}
_BENCHMARK_MARGINS = {"left": 0.15, "right": 0.15, "bottom": 0.3, "top": 0.05}
_UNIT_WIDTH = 22  # characters per line of the y axis label, as on the trend chart
_LEGEND_COLUMNS = 3


def _place(fig: Figure, margins: dict[str, float]) -> None:
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=margins["left"] / width,
        right=1 - margins["right"] / width,
        bottom=margins["bottom"] / height,
        top=1 - margins["top"] / height,
    )


def _number(value: float, _position: int = 0) -> str:
    return format_number(value)


def _value_line() -> dict[str, Any]:
    return {"color": palette.VALUE_LINE, "linewidth": 1.2, "marker": "o", "markersize": 3.5}


def spc_chart(
    result: SpcResult,
    target: float | None = None,
    report_period: Period | None = None,
    unit: str = "",
    targets: Mapping[str, float] | None = None,
    basis: Basis = Basis.VALUE,
    break_label: str = "",
) -> Figure:
    """The XmR chart: values, centre line, process limits per segment (within the measure's
    bounds), the target, each special-cause point marked by its kind, and the report period
    shaded as on the trend chart.

    `targets` (period code → target): each period's own target, drawn across its slot, so that
    a raised target shows as a step, as on the trend chart; else `target` across the chart.
    `basis`: what the points are; tertial amounts or ratios of year-to-date values say so in
    the title and on the axis.
    Where a segment starts anew (`spc_fran`, or an indicator replacing another) the line is
    broken and a vertical line marks it, with `break_label` beside the last one.
    """
    points = result.points
    x = np.arange(len(points))
    periods = [Period.parse(p) for p in points["period"]]
    with mpl.rc_context(CHART_STYLE):
        fig = Figure(figsize=SPC_SIZE, dpi=FIGURE_DPI, facecolor="white")
        ax = fig.add_subplot()
        _place(fig, _SPC_MARGINS)
        report = periods.index(report_period) if report_period in periods else None
        if report is not None:
            ax.axvspan(
                report - 0.5,
                report + 0.5,
                color=palette.GRID,
                alpha=0.55,
                linewidth=0,
                zorder=0,
                gid="report-period",
            )
        starts = [int(i) for i in np.flatnonzero(np.diff(points["segment"].to_numpy())) + 1]
        for part in np.split(x, starts):  # no line across a restart
            ax.plot(
                part,
                points["varde"].to_numpy()[part],
                markerfacecolor="white",
                zorder=2,
                gid="value",
                **_value_line(),
            )
        for n, start in enumerate(starts, start=1):
            draw_break(ax, start - 0.5, break_label if n == len(starts) else "")
        handles = [
            Line2D([], [], markerfacecolor="white", label=labels.CHART_VALUE, **_value_line())
        ]
        for _, segment in points.groupby("segment"):
            if segment["medel"].isna().all():
                continue
            where = x[segment.index.to_numpy()]
            span = [where[0] - 0.4, where[-1] + 0.4]
            mean = segment["medel"].iloc[0]
            ax.plot(span, [mean, mean], color=palette.INK, linewidth=1.1, gid="mean")
            for limit in ("undre", "ovre"):
                value = segment[limit].iloc[0]
                ax.plot(
                    span,
                    [value, value],
                    color=palette.MUTED,
                    linestyle=(0, (2, 2)),
                    linewidth=1.0,
                    gid=f"limit-{limit}",
                )
        handles.append(Line2D([], [], color=palette.INK, linewidth=1.1, label=text.SPC_LEGEND_MEAN))
        handles.append(
            Line2D([], [], color=palette.MUTED, linestyle=(0, (2, 2)), label=text.SPC_LEGEND_LIMITS)
        )
        style: dict[str, Any] = {
            "color": palette.TARGET_LINE,
            "linestyle": (0, (6, 2)),
            "linewidth": 1.2,
            "gid": "target",
        }
        per_period = np.array(
            [(targets or {}).get(p, np.nan) for p in points["period"]], dtype=float
        )
        drawn = True
        if np.isfinite(per_period).any():
            steps = np.repeat(x, 2) + np.tile([-0.5, 0.5], len(x))
            ax.plot(steps, np.repeat(per_period, 2), **style)
        elif target is not None:
            ax.axhline(target, **style)
        else:
            drawn = False
        if drawn:
            handles.append(
                Line2D(
                    [],
                    [],
                    color=palette.TARGET_LINE,
                    linestyle=(0, (6, 2)),
                    label=text.SPC_LEGEND_TARGET,
                )
            )
        shown: set[str] = set()
        for kind, (marker, colour, label) in _MARKERS.items():
            mask = (points["variation"] == kind).to_numpy()
            if not mask.any():
                continue
            ax.plot(
                x[mask],
                points["varde"][mask],
                linestyle="none",
                marker=marker,
                markersize=7,
                color=colour,
                markeredgecolor=palette.INK,
                markeredgewidth=0.5,
                zorder=3,
                gid=f"signal-{kind}",
            )
            if label not in shown:
                shown.add(label)
                handles.append(
                    Line2D(
                        [],
                        [],
                        linestyle="none",
                        marker=marker,
                        markersize=7,
                        color=colour,
                        markeredgecolor=palette.INK,
                        label=label,
                    )
                )
        ticks = [
            (
                labels.CHART_TREND_TICK
                if p.tertial == 1 or i == 0
                else labels.CHART_TREND_TICK_SHORT
            ).format(t=p.tertial, year=p.year)
            for i, p in enumerate(periods)
        ]
        ax.set_xticks(x, labels=ticks)
        ax.tick_params(axis="x", length=0)
        if report is not None:
            ax.get_xticklabels()[report].set_fontweight("bold")
        ax.set_xlim(-0.6, len(points) - 0.4)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.yaxis.set_major_formatter(FuncFormatter(_number))
        title = text.SPC_TITLE.get(basis.value, "")
        if title:
            ax.set_title(title, loc="left", fontsize=8, pad=3, gid="basis-title")
            unit = text.SPC_AXIS_PER_TERTIAL.format(unit=unit or labels.CHART_VALUE).strip()
        if unit:
            ax.set_ylabel(textwrap.fill(unit, _UNIT_WIDTH))
        ax.grid(axis="y", color=palette.GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(
            handles=handles,
            loc="upper right",
            ncols=min(_LEGEND_COLUMNS, len(handles)),
            borderaxespad=0.1,
            handlelength=1.8,
            columnspacing=1.0,
        )
    return fig


def spc_chart_alt(
    result: SpcResult, name: str, target: float | None, basis: Basis = Basis.VALUE
) -> str:
    """The chart in words: what the points are, span, centre, limits (as drawn, within the
    measure's bounds), target and the special causes."""
    points = result.points
    special = points[points["regel"].notna()]
    if special.empty:
        signals = text.SPC_NO_SIGNALS
    else:
        listed = ", ".join(
            f"{Period.parse(p).short_label} ({text.RULE_LABELS[str(r)]})"
            for p, r in zip(special["period"], special["regel"], strict=True)
        )
        signals = text.SPC_SIGNALS.format(signals=listed)
    described = text.SPC_TITLE.get(basis.value, "")
    return text.SPC_CHART_ALT.format(
        name=f"{name} ({described.lower()})" if described else name,
        points=len(points),
        first=Period.parse(points["period"].iloc[0]).short_label,
        last=Period.parse(points["period"].iloc[-1]).short_label,
        mean=format_number(result.limits.mean),
        lower=format_number(result.lower.shown),
        upper=format_number(result.upper.shown),
        target="" if target is None else text.SPC_CHART_TARGET.format(target=format_number(target)),
        signals=signals,
    )


def benchmark_chart(found: Benchmark) -> Figure:
    """The regions' values of one year as dots on one line, ours marked and riket as a line."""
    values = found.regions.to_numpy(dtype=float)
    own = found.own
    with mpl.rc_context(CHART_STYLE):
        fig = Figure(figsize=BENCHMARK_SIZE, dpi=FIGURE_DPI, facecolor="white")
        ax = fig.add_subplot()
        _place(fig, _BENCHMARK_MARGINS)
        others = np.asarray(found.regions.index != found.region)
        ax.plot(
            values[others],
            np.zeros(others.sum()),
            linestyle="none",
            marker="o",
            markersize=6,
            color="#9AA5B1",
            markeredgecolor=palette.MUTED,
            alpha=0.9,
            gid="regions",
        )
        ax.plot(
            [own],
            [0],
            linestyle="none",
            marker="D",
            markersize=9,
            color=palette.BRAND,
            markeredgecolor="white",
            zorder=3,
            gid="own",
        )
        ax.annotate(
            text.BENCHMARK_CHART_OWN,
            (own, 0),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            color=palette.BRAND,
            fontweight="bold",
        )
        if found.country is not None:
            ax.axvline(
                found.country, color=palette.INK, linestyle=(0, (3, 2)), linewidth=1, gid="country"
            )
            ax.annotate(
                text.BENCHMARK_CHART_COUNTRY,
                (found.country, 0),
                xytext=(0, -14),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
        ax.set_yticks([])
        ax.set_ylim(-1, 1)
        ax.spines["left"].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.xaxis.set_major_formatter(FuncFormatter(_number))
    return fig
