"""Where a trend chart's axes go: the margins constrained layout would give, computed once.

A report has dozens of trend charts of one size. Constrained layout would measure every chart's
decorations again at each draw; here they are measured once, when the chart is built, with a
renderer whose cache of text sizes serves all the charts (their tick labels mostly repeat).
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

# The white space the charts keep around their content: constrained layout's default padding.
PAD = 3 / 72  # inches


@lru_cache(maxsize=2)
def _measuring_renderer(dpi: float) -> RendererAgg:
    """A renderer to measure text with, kept so that its cache of text sizes serves every chart.

    The trend charts' tick labels, units and legend entries mostly repeat from chart to chart.
    """
    return RendererAgg(1, 1, dpi)


def place_trend_axes(
    fig: Figure, ax: Axes, legend: Legend | None, note: Text | None, report: int
) -> None:
    """Fix the axes' margins so that its decorations and the legend above it just fit.

    The margins are those constrained layout would give (a test compares them), without its cost
    at every draw: the chart's size is fixed, so only the widths of the y tick labels and the
    unit, the depth of the x tick labels, the height of the legend and, with many periods, the
    width of the x tick labels and the note at `report` vary. They are measured once, here, at the
    figure's dpi. Like constrained layout, it keeps `PAD` of white at the figure's edges and
    between the legend and the axes' decorations.
    """
    renderer = _measuring_renderer(fig.dpi)
    points = fig.dpi / 72  # pixels per point
    pad = PAD * fig.dpi
    width, height = fig.bbox.size

    # Left of the axes: tick marks and pad, the widest y tick label in view, label pad, the unit.
    low, high = ax.get_ylim()
    near = 1e-10 * (high - low)  # the axis draws ticks "close" to its limits too
    ticks = zip(ax.yaxis.get_majorticklocs(), ax.yaxis.get_majorticklabels(), strict=True)
    y_labels = [(loc, label) for loc, label in ticks if low - near <= loc <= high + near]
    y_boxes = [label.get_window_extent(renderer) for _, label in y_labels]
    left = 0.0
    if y_boxes:
        tick = ax.yaxis.get_major_ticks()[0]
        # matplotlib's stub says get_pad returns None; it returns the pad in points.
        pad_pt = tick.get_pad() + tick.get_tick_padding()  # type: ignore[func-returns-value,operator]
        left = pad_pt * points + max(b.width for b in y_boxes)
    # The unit goes where the axis would put it; but the axis would measure its tick labels again
    # at every draw to find that place. The x axis has no label: its place does not matter.
    unit, unit_x = ax.yaxis.label, left + ax.yaxis.labelpad * points
    shift = ScaledTranslation(-unit_x / fig.dpi, 0, fig.dpi_scale_trans)
    ax.yaxis.set_label_coords(0, 0.5, transform=ax.transAxes + shift)
    ax.xaxis.set_label_coords(0.5, 0)
    if unit.get_visible() and unit.get_text():
        left = unit_x + unit.get_window_extent(renderer).width

    # Below the axes: pad and the deepest x tick label (all are in view: one per period).
    x_labels = ax.get_xticklabels()
    x_boxes = [label.get_window_extent(renderer) for label in x_labels]
    tick = ax.xaxis.get_major_ticks()[0]
    pad_pt = tick.get_pad() + tick.get_tick_padding()  # type: ignore[func-returns-value,operator]
    below = pad_pt * points + max(b.height for b in x_boxes)

    # Above the axes: the legend, padded on both sides; the figure's edge is padded anyway.
    above = legend.get_window_extent(renderer).height + 2 * pad if legend else 0.0
    # A y tick label at (or just below) the top of the axes reaches above it.
    if y_labels:
        (loc, label), box = y_labels[-1], y_boxes[-1]
        rise = box.y1 - label.get_transform().transform(label.get_position())[1]
        axes_height = height - 2 * pad - above - below
        above += max(0.0, rise - (high - loc) / (high - low) * axes_height)

    # The x tick labels, and the note, are centred in their period's slot and may be wider than
    # it (with many periods); the slots narrow as the margins widen, so this takes a few rounds.
    centred = [(i, box.width) for i, box in enumerate(x_boxes)]
    if note is not None:
        centred.append((report, note.get_window_extent(renderer).width))
    n, axis_left, right = len(x_boxes), left, 0.0
    for _ in range(3):
        slot = (width - 2 * pad - left - right) / n
        left = max([axis_left] + [w / 2 - (i + 0.5) * slot for i, w in centred])
        right = max([0.0] + [w / 2 - (n - i - 0.5) * slot for i, w in centred])

    fig.subplots_adjust(
        left=(pad + left) / width,
        right=1 - (pad + right) / width,
        bottom=(pad + below) / height,
        top=1 - (pad + above) / height,
    )
