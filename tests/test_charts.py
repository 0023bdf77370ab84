"""Charts: checked by what they draw (bars, markers, lines, texts), never by pixels."""

import io
from pathlib import Path

import matplotlib as mpl
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from builders import make_dataset
from matplotlib.backends.backend_agg import FigureCanvasAgg

from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report import charts, palette
from hsn_analysis.report.chart_images import FIGURE_DPI
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import ROLLUP_COLUMNS, goal_rollup
from hsn_analysis.rules.subgoals import subgoal_results

ROOT = Path(__file__).resolve().parent.parent
REPORT = Period(2025, 2)
STATUSES = ["rod", "gul", "gron", "ej_bedomd"]  # stacking order, from the axis
COLUMN = {"rod": "rod", "gul": "gul", "gron": "gron", "ej_bedomd": "ej_bedomd"}  # rollup columns


# ---- helpers -----------------------------------------------------------------------------------


def rollup(*goals):
    """A goal_rollup frame from (mal_id, namn, {status: count}) tuples."""
    rows = []
    for goal_id, name, counts in goals:
        row = {"mal_id": goal_id, "namn": name, "status": "gron"}
        row.update({COLUMN[s]: counts.get(s, 0) for s in STATUSES})
        row["antal"] = sum(counts.values())
        rows.append(row)
    return pd.DataFrame(rows, columns=ROLLUP_COLUMNS)


def history(values, *, maltyp="minst", target=80.0, targets=None, frekvens="tertial", enhet="%"):
    """One indicator's rows of indicator_results for REPORT; `values` maps period → value."""
    targets = targets or {}
    dataset = make_dataset(
        indicators=[
            {
                "indikator_id": "I1",
                "maltyp": maltyp,
                "malvarde": target,
                "frekvens": frekvens,
                "enhet": enhet,
            }
        ],
        outcomes=[
            {"indikator_id": "I1", "period": p, "varde": v, "malvarde": targets.get(p)}
            for p, v in values.items()
        ],
    )
    return indicator_results(dataset, REPORT)


def segments(fig, status=None):
    ax = fig.axes[0]
    return [p for p in ax.patches if p.get_gid() in STATUSES and status in (None, p.get_gid())]


def lines(fig, gid):
    return [line for line in fig.axes[0].lines if (line.get_gid() or "").startswith(gid)]


def texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def legend_texts(fig):
    return [t.get_text() for legend in fig.legends for t in legend.get_texts()]


SIX_PERIODS = {
    "2024-T1": 50.0,
    "2024-T2": 75.0,
    "2024-T3": 85.0,
    "2025-T1": None,
    "2025-T2": 60.0,
}


# ---- status per goal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts",
    [
        [{"rod": 1, "gul": 1}],
        [{"gron": 2}, {"rod": 2, "gul": 2}, {"ej_bedomd": 1}],
        [{"rod": 1, "gul": 2, "gron": 3, "ej_bedomd": 4}],
        [{}],  # a mål without delmål: no bar at all
        [{"gron": 13}, {"gul": 1}],
    ],
)
def test_status_per_goal_has_one_bar_segment_per_nonzero_count(counts):
    frame = rollup(*[(f"M{i + 1}", f"Mål {i + 1}", c) for i, c in enumerate(counts)])
    fig = charts.status_per_goal(frame)

    expected = [(i, s, c[s]) for i, c in enumerate(counts) for s in STATUSES if c.get(s, 0)]
    assert len(segments(fig)) == len(expected)
    for status in STATUSES:
        drawn = sorted(
            (round(p.get_y() + p.get_height() / 2), p.get_width()) for p in segments(fig, status)
        )
        assert drawn == [(i, c) for i, s, c in expected if s == status]
        for patch in segments(fig, status):
            assert (
                mcolors.to_hex(patch.get_facecolor()) == palette.STATUS_SWATCH[status].fill.lower()
            )


def test_status_per_goal_stacks_worst_first_from_the_axis():
    fig = charts.status_per_goal(
        rollup(("M1", "Mål", {"gron": 3, "rod": 1, "gul": 2, "ej_bedomd": 1}))
    )
    starts = {p.get_gid(): (p.get_x(), p.get_width()) for p in segments(fig)}
    assert starts == {"rod": (0, 1), "gul": (1, 2), "gron": (3, 3), "ej_bedomd": (6, 1)}


def test_status_per_goal_labels_each_segment_with_symbol_and_count_in_the_text_colour():
    fig = charts.status_per_goal(
        rollup(("M1", "Mål", {"rod": 2, "gron": 1}), ("M2", "Mål", {"gul": 12}))
    )
    assert sorted(texts(fig)) == sorted(["■ 2", "● 1", "▲ 12"])
    colours = {t.get_text(): mcolors.to_hex(t.get_color()) for t in fig.axes[0].texts}
    assert colours["▲ 12"] == palette.STATUS_SWATCH["gul"].text.lower()
    assert colours["■ 2"] == palette.STATUS_SWATCH["rod"].text.lower()


def test_status_per_goal_lists_goals_top_down_in_plan_order():
    names = ["Trygga uppväxtvillkor", "Ett attraktivt Västerbotten", "Tillgänglig vård"]
    fig = charts.status_per_goal(
        rollup(*[(f"M{i}", n, {"gul": 1}) for i, n in zip((3, 1, 2), names, strict=True)])
    )
    fig.draw_without_rendering()
    ticks = fig.axes[0].get_yticklabels()
    top_down = sorted(ticks, key=lambda t: -t.get_window_extent().y0)
    assert [t.get_text() for t in top_down] == [
        "M3 Trygga uppväxtvillkor",
        "M1 Ett attraktivt Västerbotten",
        "M2 Tillgänglig vård",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kort", ["M1 Kort"]),
        (
            "Tillgänglig vård med god kvalitet och kontinuitet",
            ["M1 Tillgänglig vård med god kvalitet och", "kontinuitet"],
        ),
        ("Ett " * 40, None),  # far too long: two lines, shortened
        ("Ordutanmellanrumsomärlängreänfyrtiotecken" * 3, None),
    ],
)
def test_status_per_goal_wraps_or_shortens_long_goal_names(name, expected):
    fig = charts.status_per_goal(rollup(("M1", name, {"gron": 1})))
    label = fig.axes[0].get_yticklabels()[0].get_text()
    lines_ = label.split("\n")
    assert len(lines_) <= 2
    assert all(len(line) <= 40 for line in lines_)
    if expected is None:
        assert label.endswith("…")
    else:
        assert lines_ == expected


@pytest.mark.parametrize("largest", [1, 2, 7, 31])
def test_status_per_goal_has_integer_x_ticks_and_an_axis_label(largest):
    fig = charts.status_per_goal(rollup(("M1", "Mål", {"gul": largest}), ("M2", "Mål", {"rod": 1})))
    fig.draw_without_rendering()
    ax = fig.axes[0]
    ticks = ax.get_xticks()
    assert len(ticks) >= 2
    assert np.all(ticks == np.round(ticks))
    assert ax.get_xlim()[1] >= largest
    assert ax.get_xlabel() == "Antal delmål"


def test_status_per_goal_legend_names_every_status_with_symbol_and_word():
    fig = charts.status_per_goal(rollup(("M1", "Mål", {"gron": 1})))
    assert legend_texts(fig) == [
        "■ Kommer inte att uppnås",
        "▲ Kommer delvis att uppnås",
        "● Kommer att uppnås",
        "○ Ej bedömd",
    ]


def test_status_per_goal_grows_with_the_number_of_goals_and_is_white():
    heights = []
    for n in (1, 4, 12):
        fig = charts.status_per_goal(rollup(*[(f"M{i}", "Mål", {"gul": 1}) for i in range(n)]))
        width, height = fig.get_size_inches()
        assert width == pytest.approx(7.2)
        assert mcolors.to_hex(fig.get_facecolor()) == "#ffffff"
        assert fig.get_layout_engine() is not None
        heights.append(height)
    assert heights == sorted(heights)
    assert heights[2] - heights[1] == pytest.approx(8 * 0.45)


def test_status_per_goal_without_goals_says_so():
    fig = charts.status_per_goal(rollup())
    assert texts(fig) == ["Inga mål att visa"]
    assert segments(fig) == []


# ---- indicator trend ---------------------------------------------------------------------------


def test_trend_plots_one_marker_per_value_shaped_and_coloured_by_status():
    # target 80, gul_fran 90: 85 green, 75 yellow, 50 and 60 red; 2025-T1 has no value.
    fig = charts.indicator_trend(history(SIX_PERIODS), REPORT)
    shapes = {
        line.get_gid(): (
            line.get_marker(),
            mcolors.to_hex(line.get_markerfacecolor()),
            list(line.get_xdata()),
        )
        for line in lines(fig, "marker")
    }
    assert shapes == {
        "marker-gron": ("o", palette.STATUS_SWATCH["gron"].fill.lower(), [2]),
        "marker-gul": ("^", palette.STATUS_SWATCH["gul"].fill.lower(), [1]),
        "marker-rod": ("s", palette.STATUS_SWATCH["rod"].fill.lower(), [0, 4]),
    }
    assert sum(len(line.get_xdata()) for line in lines(fig, "marker")) == 4


def test_trend_draws_a_hollow_grey_marker_for_a_status_without_colour():
    fig = charts.indicator_trend(history({"2025-T1": 3.0, "2025-T2": 4.0}, maltyp="ingen"), REPORT)
    (marker,) = lines(fig, "marker")
    assert marker.get_gid() == "marker-other"
    assert marker.get_marker() == "o"
    assert mcolors.to_hex(marker.get_markerfacecolor()) == "#ffffff"
    assert len(marker.get_xdata()) == 2


def test_trend_leaves_a_gap_not_a_zero_for_a_missing_value():
    fig = charts.indicator_trend(history(SIX_PERIODS), REPORT)
    (line,) = lines(fig, "value")
    y = np.asarray(line.get_ydata(), dtype=float)
    assert list(line.get_xdata()) == [0, 1, 2, 3, 4]
    assert np.isnan(y[3])
    assert list(y[[0, 1, 2, 4]]) == [50, 75, 85, 60]
    assert mcolors.to_hex(line.get_color()) == palette.VALUE_LINE.lower()


def test_trend_sorts_periods_chronologically_whatever_the_row_order():
    rows = history(SIX_PERIODS).sample(frac=1, random_state=3)
    fig = charts.indicator_trend(rows, REPORT)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        "T1\n2024",
        "T2\n2024",
        "T3\n2024",
        "T1\n2025",
        "T2\n2025",
    ]


def test_trend_names_the_year_only_where_it_changes_when_there_are_many_periods():
    values = {f"{y}-T{t}": 1.0 for y in (2022, 2023, 2024) for t in (1, 2, 3)}
    values.update({"2025-T1": 1.0, "2025-T2": 1.0})
    fig = charts.indicator_trend(history(values), REPORT)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [
        *("T1\n2022", "T2", "T3", "T1\n2023", "T2", "T3", "T1\n2024", "T2", "T3"),
        *("T1\n2025", "T2"),
    ]


def test_trend_target_line_is_a_dashed_step_through_each_periods_target():
    targets = {"2024-T3": 80.0, "2025-T1": 90.0, "2025-T2": 90.0}
    values = {"2024-T2": 70.0, "2024-T3": 75.0, "2025-T1": 85.0, "2025-T2": 88.0}
    fig = charts.indicator_trend(history(values, target=None, targets=targets), REPORT)
    (line,) = lines(fig, "target")
    y = np.asarray(line.get_ydata(), dtype=float)
    assert np.isnan(y[0]) and np.isnan(y[1])  # 2024-T2 has no target: no line there
    assert list(y[2::2]) == [80, 90, 90]
    assert list(line.get_xdata()) == [-0.5, 0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 3.5]
    assert line.get_linestyle() == "--"
    assert mcolors.to_hex(line.get_color()) == palette.TARGET_LINE.lower()
    assert legend_texts(fig) == ["Utfall", "Målvärde"]


@pytest.mark.parametrize("maltyp", ["öka", "minska", "ingen"])
def test_trend_has_no_target_line_for_indicators_without_target(maltyp):
    values = {"2024-T2": 10.0, "2025-T2": 12.0}
    fig = charts.indicator_trend(history(values, maltyp=maltyp, target=None), REPORT)
    assert lines(fig, "target") == []
    assert legend_texts(fig) == ["Utfall"]


def test_trend_marks_the_report_period_with_a_band_and_a_bold_tick_label():
    rows = history(SIX_PERIODS).sample(frac=1, random_state=1)
    fig = charts.indicator_trend(rows, REPORT)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    (band,) = [p for p in ax.patches if p.get_gid() == "report-period"]
    assert (band.get_x(), band.get_width()) == (3.5, 1.0)
    assert band.get_zorder() < min(line.get_zorder() for line in ax.lines)
    weights = {t.get_text(): t.get_fontweight() for t in ax.get_xticklabels()}
    assert weights.pop("T2\n2025") == "bold"
    assert set(weights.values()) == {"normal"}


def test_trend_writes_a_note_for_a_full_year_indicator_in_t2():
    values = {"2023-T3": 27.8, "2024-T3": 46.3}
    fig = charts.indicator_trend(history(values, frekvens="helår"), REPORT)
    (note,) = [t for t in fig.axes[0].texts if t.get_gid() == "note"]
    assert note.get_text().replace("\n", " ") == "Redovisas vid helår"
    assert note.get_position()[0] == 2  # the report period, after 2023-T3 and 2024-T3


def test_trend_writes_no_note_when_the_report_period_has_a_value():
    fig = charts.indicator_trend(history({"2025-T1": 1.0, "2025-T2": 2.0}), REPORT)
    assert texts(fig) == []


@pytest.mark.parametrize(
    ("values", "ticks_with_comma"),
    [
        ({"2025-T1": 0.1, "2025-T2": 0.6}, True),
        ({"2024-T3": 0.5, "2025-T1": 1.5, "2025-T2": 1.25}, True),
        ({"2025-T1": 10.0, "2025-T2": 40.0}, False),
    ],
)
def test_trend_y_tick_labels_use_decimal_comma(values, ticks_with_comma):
    fig = charts.indicator_trend(history(values, target=None, maltyp="ingen"), REPORT)
    fig.draw_without_rendering()
    ax = fig.axes[0]
    tick_texts = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert tick_texts
    assert not any("." in t for t in tick_texts)
    assert any("," in t for t in tick_texts) == ticks_with_comma
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(2.5, 0) == "2,5"
    assert formatter(1234.5, 0) == "1\u00a0234,5"


@pytest.mark.parametrize(
    ("values", "target", "low", "high"),
    [
        ({"2025-T1": 60.0, "2025-T2": 70.0}, 90.0, 0, 90),  # from 0, up to the target
        ({"2025-T1": 120.0, "2025-T2": 130.0}, 100.0, 0, 130),
        ({"2025-T1": -5.0, "2025-T2": 3.0}, None, -5, 3),  # negative values: not from 0
    ],
)
def test_trend_y_range_starts_at_zero_for_non_negative_values_and_includes_the_target(
    values, target, low, high
):
    maltyp = "minst" if target is not None else "ingen"
    fig = charts.indicator_trend(history(values, target=target, maltyp=maltyp), REPORT)
    bottom, top = fig.axes[0].get_ylim()
    assert bottom <= low and top > high
    if low == 0:
        assert bottom == 0


@pytest.mark.parametrize(
    ("enhet", "label"),
    [
        ("%", "%"),
        ("antal samtal", "antal samtal"),
        ("", ""),
        ("patienter per dag (snitt)", "patienter per dag\n(snitt)"),  # wrapped to fit 2.3 in
    ],
)
def test_trend_y_axis_label_is_the_unit(enhet, label):
    fig = charts.indicator_trend(history({"2025-T2": 1.0}, enhet=enhet), REPORT)
    assert fig.axes[0].get_ylabel() == label


@pytest.mark.parametrize(
    ("values", "frekvens", "message"),
    [
        ({"2024-T2": None, "2025-T2": None}, "tertial", "Inga utfall att visa\nUtfall saknas"),
        ({}, "helår", "Inga utfall att visa\nRedovisas vid helår"),
    ],
)
def test_trend_without_values_still_shows_the_periods_and_says_so(values, frekvens, message):
    rows = history(values, frekvens=frekvens)
    fig = charts.indicator_trend(rows, REPORT)
    ax = fig.axes[0]
    assert texts(fig) == [message]
    assert len(ax.get_xticklabels()) == len(rows)
    assert lines(fig, "value") == [] and lines(fig, "marker") == []


def test_trend_is_small_white_and_untitled():
    fig = charts.indicator_trend(history(SIX_PERIODS), REPORT)
    width, height = fig.get_size_inches()
    # The report puts it beside the indicator table, in a column 484 px (4.4 in at 110 dpi) wide.
    assert width <= 4.4 and height < width
    assert fig.dpi == FIGURE_DPI  # its margins are measured in the pixels the report shows
    assert mcolors.to_hex(fig.get_facecolor()) == "#ffffff"
    assert fig.axes[0].get_title() == "" and fig.get_suptitle() == ""


# Histories whose decorations differ: tick label widths, unit lines, legend entries, a tick at the
# top of the axes, x tick labels wider than their period.
LAYOUTS = {
    "six periods": lambda: history(SIX_PERIODS),
    "thousands": lambda: history({"2025-T1": 1200.0, "2025-T2": 2500.0}, target=4000.0),
    "millions": lambda: history({"2025-T1": 1234567.0, "2025-T2": 2e6}, target=None, maltyp="öka"),
    "negative": lambda: history({"2025-T1": -5.0, "2025-T2": 3.0}, target=None, maltyp="ingen"),
    "decimals": lambda: history({"2025-T1": 0.1, "2025-T2": 0.6}, target=None, maltyp="ingen"),
    "two-line unit": lambda: history({"2025-T2": 1.0}, enhet="patienter per dag (snitt)"),
    "no unit": lambda: history({"2025-T1": 1.0, "2025-T2": 2.0}, enhet=""),
    "tick at the top": lambda: history({"2025-T2": 1000 / 11}, target=None, maltyp="ingen"),
    "target only": lambda: history({"2024-T2": None, "2025-T2": None}),
    "no legend": lambda: history({"2025-T2": None}, target=None, maltyp="ingen"),
    "full year": lambda: history({"2023-T3": 27.8, "2024-T3": 46.3}, frekvens="helår"),
    "40 periods": lambda: history({f"{y}-T{t}": 1.0 for y in range(2012, 2025) for t in (1, 2, 3)}),
}


def constrained_twin(make):
    """The same chart laid out by constrained layout, its legend "outside upper right"."""
    fig = charts.indicator_trend(make(), REPORT)
    with mpl.rc_context(charts.CHART_STYLE):
        for legend in list(fig.legends):
            texts = [t.get_text() for t in legend.get_texts()]
            legend.remove()
            fig.legend(legend.legend_handles, texts, loc="outside upper right", ncols=len(texts))
    fig.set_layout_engine("constrained")
    fig.draw_without_rendering()
    return fig


@pytest.mark.parametrize("make", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_trend_axes_sit_where_constrained_layout_would_put_them(make):
    fig = charts.indicator_trend(make(), REPORT)
    assert fig.get_layout_engine() is None  # placed once, not at every draw
    fig.draw_without_rendering()
    placed = fig.axes[0].get_window_extent().extents
    expected = constrained_twin(make).axes[0].get_window_extent().extents
    # Pixels at 110 dpi. Where x tick labels overflow their slots, constrained layout stops after
    # two rounds, half a pixel short of where the margins settle.
    assert placed == pytest.approx(expected, abs=1)


@pytest.mark.parametrize("make", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_trend_decorations_and_legend_fit_in_the_figure_without_overlapping(make):
    fig = charts.indicator_trend(make(), REPORT)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    pad = 3 / 72 * fig.dpi - 0.5  # constrained layout's padding, less rounding

    def inside(box):
        return (
            pad <= box.x0
            and box.x1 <= fig.bbox.x1 - pad
            and pad <= box.y0 <= box.y1 <= fig.bbox.y1 - pad
        )

    assert inside(ax.get_tightbbox(renderer))
    for legend in fig.legends:
        box = legend.get_window_extent(renderer)
        assert inside(box)
        assert box.y0 >= ax.get_tightbbox(renderer).y1 + pad  # above all of the axes, apart
    # The unit is a label pad to the left of the tick labels, as the axis itself would put it.
    unit = ax.yaxis.label.get_window_extent(renderer)
    low, high = ax.get_ylim()
    ticks = zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
    shown = [label.get_window_extent(renderer) for loc, label in ticks if low <= loc <= high]
    left_of_ticks = min([box.x0 for box in shown] or [ax.get_window_extent().x0])
    if ax.get_ylabel():
        gap = left_of_ticks - unit.x1
        assert gap == pytest.approx(ax.yaxis.labelpad * fig.dpi / 72, abs=0.01)
        axes = ax.get_window_extent()
        assert unit.y0 + unit.y1 == pytest.approx(axes.y0 + axes.y1, abs=1)  # centred


# ---- alt texts ---------------------------------------------------------------------------------


def test_status_per_goal_alt_describes_every_goal_with_its_counts():
    frame = rollup(
        ("M1", "Trygga uppväxtvillkor", {"rod": 1, "gul": 1}),
        ("M2", "Tillgänglig vård", {"gron": 3, "ej_bedomd": 1}),
        ("M3", "Utan delmål", {}),
    )
    assert charts.status_per_goal_alt(frame) == (
        "Liggande stapeldiagram över antal delmål per status för varje mål. "
        "M1 Trygga uppväxtvillkor: 1 kommer inte att uppnås, 1 kommer delvis att uppnås. "
        "M2 Tillgänglig vård: 3 kommer att uppnås, 1 ej bedömd. "
        "M3 Utan delmål: inga delmål."
    )
    assert charts.status_per_goal_alt(rollup()) == "Inga mål att visa."


def test_indicator_trend_alt_names_periods_target_and_the_report_value():
    values = {"2023-T1": 20.0, "2024-T2": None, "2025-T2": 28.25}
    text = charts.indicator_trend_alt(history(values), REPORT)
    assert text == (
        "Linjediagram över utfall för I1 från Tertial 1 2023 till Tertial 2 2025 med målvärde 80. "
        "Utfall Tertial 2 2025: 28,25 (Målvärdet nås inte). "
        "Alla utfall: Tertial 1 2023 20; Tertial 2 2024 saknas; Tertial 2 2025 28,25."
    )


@pytest.mark.parametrize(
    ("kwargs", "values", "phrases"),
    [
        (
            {"frekvens": "helår"},
            {"2024-T3": 46.3},
            ["Tertial 2 2025: Redovisas vid helår.", "Tertial 3 2024 46,3."],
        ),
        (
            {"maltyp": "öka", "target": None},
            {"2024-T2": 1200.0, "2025-T2": 1500.5},
            ["utan målvärde", "1\u00a0500,5"],
        ),
        (
            {"target": None, "targets": {"2024-T2": 75.0, "2025-T2": 80.0}},
            {"2024-T2": 70.0, "2025-T2": 81.0},
            ["med målvärde 80 (tidigare 75)"],
        ),
        (
            {},
            {"2025-T2": 90.0},
            ["för I1 under Tertial 2 2025 med målvärde 80.", "90 (Målvärdet nås)."],
        ),
        ({}, {}, ["Tertial 2 2025: Utfall saknas.", "Inga utfall att visa."]),
    ],
)
def test_indicator_trend_alt_edge_cases(kwargs, values, phrases):
    text = charts.indicator_trend_alt(history(values, **kwargs), REPORT)
    for phrase in phrases:
        assert phrase in text


# ---- house rules and the example data ----------------------------------------------------------


def test_charts_are_never_registered_with_pyplot():
    plt.close("all")
    charts.status_per_goal(rollup(("M1", "Mål", {"gron": 1})))
    charts.status_per_goal(rollup())
    charts.indicator_trend(history(SIX_PERIODS), REPORT)
    charts.indicator_trend(history({}), REPORT)
    assert plt.get_fignums() == []


@pytest.mark.filterwarnings("error")  # e.g. a glyph missing from the font
def test_every_example_chart_renders_for_2025_t2():
    dataset = load_dataset(ROOT / "data" / "exempel")
    results = indicator_results(dataset, REPORT)
    figures = [charts.status_per_goal(goal_rollup(dataset, subgoal_results(dataset, REPORT)))]
    for _, rows in results.groupby("indikator_id", sort=False):
        figures.append(charts.indicator_trend(rows, REPORT))
        assert charts.indicator_trend_alt(rows, REPORT).startswith("Linjediagram")
    assert len(figures) == 1 + results["indikator_id"].nunique()
    for fig in figures:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=40)
        assert buffer.getvalue().startswith(b"\x89PNG")
    assert plt.get_fignums() == []
