"""Charts for the follow-up report: delmål status per mål, and one indicator's values over time.

Figures are made with `matplotlib.figure.Figure`, never pyplot, so they are never registered with
pyplot: no duplicate display in Jupyter's inline backend and nothing kept alive in long runs.
Nothing here saves or shows a figure; the caller encodes it. Every status is told by a symbol or
a marker shape as well as by its colour (`palette`, `labels.STATUS_SYMBOL`).

The status chart is laid out by constrained layout when drawn. A trend chart, of which a report
has dozens, instead gets its margins once, when it is built (`chart_layout`): the same margins,
without constrained layout's measuring at every draw.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from hsn_analysis.periods import Period
from hsn_analysis.report import palette
from hsn_analysis.report.chart_images import FIGURE_DPI
from hsn_analysis.report.chart_layout import place_trend_axes
from hsn_analysis.words import labels
from hsn_analysis.words.formatting import format_number

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # matplotlib >= 3.10

# Applied while any of the report's figures is built (here and in spc_chart), so a notebook's
# own style (dark theme, big fonts) never leaks into them and they all look alike.
CHART_STYLE: dict[RcKeyType, Any] = {
    "font.size": 9,
    "axes.labelsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "text.color": palette.INK,
    "axes.labelcolor": palette.INK,
    "axes.edgecolor": palette.MUTED,
    "axes.facecolor": "white",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": palette.MUTED,
    "ytick.color": palette.MUTED,
    "xtick.labelcolor": palette.INK,
    "ytick.labelcolor": palette.INK,
    "figure.facecolor": "white",
}

_SWATCH = palette.STATUS_SWATCH

# The statuses (the rollup's count columns) in the order the segments are stacked: worst first,
# from the axis.
_SEGMENTS = ("rod", "gul", "gron", "ej_bedomd")
_STATUS_WIDTH = 7.2  # inches
_STATUS_PER_GOAL = 0.45  # inches of height per mål; a two-line label still fits
_STATUS_MARGIN = 1.2  # inches for the x axis and the two-row legend
_LABEL_WIDTH = 40  # characters per line of a mål's name
_LABEL_LINES = 2
# White edges part the segments.
_BAR: dict[str, Any] = {"height": 0.62, "edgecolor": "white", "linewidth": 1}

_TREND_SIZE = (4.4, 2.1)  # 484 × 231 px at the report's 110 dpi: fits beside the table
# Marker shapes match the symbols ● ▲ ■ of labels.STATUS_SYMBOL; a dark edge keeps the yellow
# visible on white. Any other status (no colour of its own) is a hollow grey circle.
_MARKERS: dict[str, dict[str, Any]] = {
    status: {"marker": marker, "markersize": size, "markerfacecolor": _SWATCH[status].fill}
    for status, marker, size in (("gron", "o", 6.5), ("gul", "^", 7.5), ("rod", "s", 6))
}
_MARKER_EDGE: dict[str, Any] = {"markeredgecolor": palette.INK, "markeredgewidth": 0.6}
_OTHER_MARKER: dict[str, Any] = {"marker": "o", "markersize": 6, "markerfacecolor": "white"}
_OTHER_EDGE: dict[str, Any] = {"markeredgecolor": palette.MUTED, "markeredgewidth": 1.2}
_VALUE_STYLE: dict[str, Any] = {"color": palette.VALUE_LINE, "linewidth": 1.6}
_TARGET_STYLE: dict[str, Any] = {
    "color": palette.TARGET_LINE,
    "linestyle": (0, (4, 2.5)),
    "linewidth": 1.3,
}
_NOTE_WIDTH = 10  # characters per line of the note at the report period
_UNIT_WIDTH = 22  # characters per line of the y axis label: the axes are ~1.5 in high
_FULL_TICKS = 9  # up to this many periods every tick names its year; more would collide


def _figure(
    width: float, height: float, layout: Literal["constrained"] | None = "constrained"
) -> Figure:
    # Made at the report's dpi: a trend chart's margins are measured in the figure's pixels.
    return Figure(figsize=(width, height), dpi=FIGURE_DPI, layout=layout, facecolor="white")


def _message(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color=palette.MUTED)


def _goal_label(goal_id: str, name: str) -> str:
    text = f"{goal_id} {name}".strip()
    lines = textwrap.wrap(text, _LABEL_WIDTH, max_lines=_LABEL_LINES, placeholder="…")
    return "\n".join(lines)


def status_per_goal(rollup: pd.DataFrame) -> Figure:
    """Stacked horizontal bars: the number of delmål per status for each mål, first mål on top.

    `rollup` is `goal_rollup(...)`. Each segment is labelled with its status symbol and count.
    """
    n = len(rollup)
    with mpl.rc_context(CHART_STYLE):
        fig = _figure(_STATUS_WIDTH, _STATUS_MARGIN + _STATUS_PER_GOAL * n if n else 0.8)
        ax = fig.add_subplot()
        if n == 0:
            ax.set_axis_off()
            _message(ax, labels.CHART_NO_GOALS)
            return fig

        y = np.arange(n)
        left = np.zeros(n)
        handles = []
        for status in _SEGMENTS:
            counts = rollup[status].to_numpy(dtype=float)
            swatch, symbol = _SWATCH[status], labels.STATUS_SYMBOL[status]
            shown = counts > 0
            if shown.any():
                bars = ax.barh(
                    y[shown], counts[shown], left=left[shown], color=swatch.fill, gid=status, **_BAR
                )
                texts = [f"{symbol} {format_number(c)}" for c in counts[shown]]
                ax.bar_label(bars, texts, label_type="center", color=swatch.text, fontsize=8.5)
            left += counts
            # The light grey of "ej bedömd" needs an outline to be seen on white.
            edge = palette.MUTED if status == "ej_bedomd" else swatch.fill
            label = f"{symbol} {labels.SUBGOAL_STATUS_LABEL[status]}"
            handles.append(Patch(facecolor=swatch.fill, edgecolor=edge, linewidth=0.6, label=label))

        ax.set_yticks(y, labels=[_goal_label(*row) for row in rollup[["mal_id", "namn"]].values])
        ax.set_ylim(n - 0.5, -0.5)  # first mål at the top
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, max(float(left.max()), 1.0))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(labels.CHART_SUBGOAL_COUNT)
        ax.grid(axis="x", color=palette.GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        fig.legend(handles=handles, loc="outside lower center", ncols=2)
    return fig


@dataclass(frozen=True)
class _Trend:
    """One indicator's rows in chronological order."""

    indicator: str
    unit: str
    periods: list[Period]
    values: np.ndarray
    targets: np.ndarray
    statuses: list[str]
    report: int  # position of the report period

    @property
    def has_values(self) -> bool:
        return bool(np.isfinite(self.values).any())

    def note(self) -> str:
        """The status word shown at the report period when it has no value, else ""."""
        if np.isfinite(self.values[self.report]):
            return ""
        return labels.INDICATOR_STATUS_LABEL.get(self.statuses[self.report], "")


def _trend(history: pd.DataFrame, report_period: Period) -> _Trend:
    periods = [Period.parse(p) for p in history["period"]]
    order = sorted(range(len(periods)), key=periods.__getitem__)
    periods = [periods[i] for i in order]
    values = history["varde"].to_numpy(dtype=float, na_value=np.nan)[order]
    targets = history["malvarde"].to_numpy(dtype=float, na_value=np.nan)[order]
    statuses = [str(history["status"].iat[i]) for i in order]
    # indicator_results always gives a report-period row; a hand-made history may not.
    if report_period not in periods:
        periods.append(report_period)
        values, targets = np.append(values, np.nan), np.append(targets, np.nan)
        statuses.append("")
    first = history.iloc[0] if len(history) else {}
    unit = first.get("enhet", "")
    indicator, unit = str(first.get("indikator_id", "")), "" if pd.isna(unit) else str(unit).strip()
    report = periods.index(report_period)
    return _Trend(indicator, unit, periods, values, targets, statuses, report)


def _tick_labels(trend: _Trend) -> list[str]:
    """`T1\n2023` per period; with many periods the year only where it changes."""
    labels_ = []
    for i, period in enumerate(trend.periods):
        full = (
            len(trend.periods) <= _FULL_TICKS or i == 0 or period.year != trend.periods[i - 1].year
        )
        template = labels.CHART_TREND_TICK if full else labels.CHART_TREND_TICK_SHORT
        labels_.append(template.format(t=period.tertial, year=period.year))
    return labels_


def _plot_markers(ax: Axes, x: np.ndarray, trend: _Trend) -> None:
    finite = np.isfinite(trend.values)
    statuses = np.array(trend.statuses, dtype=object)
    groups = [(s, statuses == s, {**style, **_MARKER_EDGE}) for s, style in _MARKERS.items()]
    groups.append(("other", ~np.isin(statuses, list(_MARKERS)), {**_OTHER_MARKER, **_OTHER_EDGE}))
    for name, mask, style in groups:
        shown = finite & mask
        if shown.any():
            values = trend.values[shown]
            ax.plot(x[shown], values, linestyle="none", zorder=3, gid=f"marker-{name}", **style)


def draw_break(ax: Axes, where: float, label: str) -> None:
    """A vertical line where one indicator's series gives way to its successor's."""
    ax.axvline(where, color=palette.INK, linestyle=(0, (1, 2)), linewidth=1.2, gid="break")
    if label:  # left of the line: a break lies near the report period, at the right edge
        ax.text(
            where,
            0.04,
            f"{label} ",
            transform=blended_transform_factory(ax.transData, ax.transAxes),
            ha="right",
            va="bottom",
            fontsize=7.5,
            color=palette.INK,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0},
            zorder=4,
            gid="break-label",
        )


def _set_y_range(ax: Axes, trend: _Trend) -> None:
    shown = np.concatenate([trend.values, trend.targets])
    shown = shown[np.isfinite(shown)]
    if shown.size == 0:
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        return
    low, high = float(shown.min()), float(shown.max())
    if low >= 0:
        low = 0.0
    pad = 0.1 * ((high - low) or abs(high) or 1.0)
    ax.set_ylim(low if low == 0 else low - pad, high + pad)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: format_number(value)))


def indicator_trend(
    history: pd.DataFrame,
    report_period: Period,
    break_at: Period | None = None,
    break_label: str = "",
) -> Figure:
    """One indicator's values per period with its target, the report period marked.

    `history` holds one indicator's rows of the tertial's result (`TertialResult.history`).
    Markers are shaped and coloured by status; missing values leave a gap in the line.
    `break_at`: the first period of an indicator that replaces another; the line is broken
    before it and a vertical line marks the break, with `break_label` beside it.
    """
    trend = _trend(history, report_period)
    n = len(trend.periods)
    x = np.arange(n)
    with mpl.rc_context(CHART_STYLE):
        fig = _figure(*_TREND_SIZE, layout=None)  # placed by place_trend_axes
        ax = fig.add_subplot()
        band: dict[str, Any] = {"color": palette.GRID, "alpha": 0.55, "linewidth": 0, "zorder": 0}
        ax.axvspan(trend.report - 0.5, trend.report + 0.5, gid="report-period", **band)
        handles = []
        cut = trend.periods.index(break_at) if break_at in trend.periods[1:] else n
        if trend.has_values:
            parts = [slice(0, cut), slice(cut, n)] if cut < n else [slice(0, n)]
            for part in parts:  # no line across a break
                ax.plot(x[part], trend.values[part], zorder=2, gid="value", **_VALUE_STYLE)
            _plot_markers(ax, x, trend)
            handles.append(Line2D([], [], label=labels.CHART_VALUE, **_VALUE_STYLE))
        if np.isfinite(trend.targets).any():
            # Each period's target spans its whole slot, so a change of target shows as a step
            # between two periods and a missing target as a break.
            steps = np.repeat(x, 2) + np.tile([-0.5, 0.5], n)
            ax.plot(steps, np.repeat(trend.targets, 2), zorder=1, gid="target", **_TARGET_STYLE)
            handles.append(Line2D([], [], label=labels.CHART_TARGET, **_TARGET_STYLE))

        if cut < n:
            draw_break(ax, cut - 0.5, break_label)
        ax.set_xlim(-0.5, n - 0.5)
        ax.set_xticks(x, labels=_tick_labels(trend))
        ax.get_xticklabels()[trend.report].set_fontweight("bold")
        ax.tick_params(axis="x", length=0)
        _set_y_range(ax, trend)
        ax.grid(axis="y", color=palette.GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        if trend.unit:
            ax.set_ylabel(textwrap.fill(trend.unit, _UNIT_WIDTH))

        note, note_text = trend.note(), None
        if not trend.has_values:
            _message(ax, "\n".join(filter(None, [labels.CHART_NO_VALUES, note])))
        elif note:
            note_text = ax.text(
                trend.report,
                0.5,
                textwrap.fill(note, _NOTE_WIDTH),  # fits the band of one period
                transform=blended_transform_factory(ax.transData, ax.transAxes),
                ha="center",
                va="center",
                fontsize=8,
                color=palette.INK,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5},
                zorder=4,
                gid="note",
            )
        # In the top right corner of the figure, where constrained layout would put an "outside
        # upper right" legend; place_trend_axes leaves room for it above the axes.
        legend = (
            fig.legend(handles=handles, loc="upper right", ncols=len(handles)) if handles else None
        )
        place_trend_axes(fig, ax, legend, note_text, trend.report)
    return fig


def status_per_goal_alt(rollup: pd.DataFrame) -> str:
    """Alt text for `status_per_goal`: every mål with its number of delmål per status."""
    if len(rollup) == 0:
        return labels.CHART_NO_GOALS + "."
    parts = [labels.ALT_STATUS_INTRO]
    for _, row in rollup.iterrows():
        counts = [
            f"{format_number(row[status])} {labels.SUBGOAL_STATUS_LABEL[status].lower()}"
            for status in _SEGMENTS
            if row[status] > 0
        ]
        counted = ", ".join(counts) if counts else labels.ALT_NO_SUBGOALS
        name = f"{row['mal_id']} {row['namn']}".strip()
        parts.append(f"{name}: {counted}.")
    return " ".join(parts)


def _target_phrase(trend: _Trend) -> str:
    targets = trend.targets[np.isfinite(trend.targets)]
    if targets.size == 0:
        return labels.ALT_TREND_NO_TARGET
    changes = targets[np.r_[True, targets[1:] != targets[:-1]]]
    latest = format_number(changes[-1])
    if changes.size == 1:
        return labels.ALT_TREND_TARGET.format(target=latest)
    earlier = ", ".join(format_number(t) for t in changes[:-1])
    return labels.ALT_TREND_TARGETS.format(target=latest, earlier=earlier)


def indicator_trend_alt(history: pd.DataFrame, report_period: Period) -> str:
    """Alt text for `indicator_trend`: period span, target, report value and every value."""
    trend = _trend(history, report_period)
    first, last = trend.periods[0], trend.periods[-1]
    span = (
        labels.ALT_TREND_ONE.format(period=first.label)
        if first == last
        else labels.ALT_TREND_SPAN.format(first=first.label, last=last.label)
    )
    parts = [
        labels.ALT_TREND_INTRO.format(
            indicator=trend.indicator, span=span, target=_target_phrase(trend)
        )
    ]
    report = trend.periods[trend.report].label
    status = labels.INDICATOR_STATUS_LABEL.get(trend.statuses[trend.report], "")
    if trend.note():
        parts.append(labels.ALT_TREND_REPORT_MISSING.format(period=report, status=trend.note()))
    elif np.isfinite(trend.values[trend.report]):
        value = format_number(trend.values[trend.report])
        text = labels.ALT_TREND_REPORT.format(period=report, value=value)
        parts.append(f"{text} ({status})." if status else f"{text}.")
    if not trend.has_values:
        parts.append(labels.CHART_NO_VALUES + ".")
    elif len(trend.periods) > 1:
        # The report period's missing value is explained above ("Redovisas vid helår").
        skip = trend.report if trend.note() else -1
        shown = [i for i in range(len(trend.periods)) if i != skip]
        values = "; ".join(
            f"{trend.periods[i].label} {format_number(trend.values[i]) or labels.ALT_VALUE_MISSING}"
            for i in shown
        )
        parts.append(labels.ALT_TREND_VALUES.format(values=values))
    return " ".join(parts)
