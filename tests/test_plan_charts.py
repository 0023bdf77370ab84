"""A replaced indicator's series in the report: shown with its predecessor's values, the line
broken and the break marked, on the trend chart and on the SPC chart."""

from builders import make_dataset, make_report

from hsn_analysis.periods import Period
from hsn_analysis.report.charts import indicator_trend
from hsn_analysis.report.goals import indicator_block
from hsn_analysis.report.spc_chart import spc_chart
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.spc import analyse

PERIODS = [Period(2021, 1)]
while len(PERIODS) < 16:
    PERIODS.append(PERIODS[-1].next)


def by_gid(fig, gid):
    return [a for a in [*fig.axes[0].lines, *fig.axes[0].texts] if a.get_gid() == gid]


def history(n_before: int = 3):
    outcomes = [
        {"indikator_id": "I1", "period": p.code, "varde": 50.0 + i}
        for i, p in enumerate(PERIODS[:n_before])
    ]
    dataset = make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 60}], outcomes=outcomes)
    rows = indicator_results(dataset, PERIODS[n_before])
    return rows.loc[rows["indikator_id"] == "I1"]


def test_the_trend_line_is_broken_and_the_break_marked_before_the_successors_first_period():
    fig = indicator_trend(history(), PERIODS[3], PERIODS[2], "ersätter I0")
    parts = by_gid(fig, "value")
    assert [list(p.get_xdata()) for p in parts] == [[0, 1], [2, 3]]
    (line,) = by_gid(fig, "break")
    assert list(line.get_xdata()) == [1.5, 1.5]
    (label,) = by_gid(fig, "break-label")
    assert label.get_text().strip() == "ersätter I0"


def test_without_a_break_the_trend_line_is_one_piece():
    fig = indicator_trend(history(), PERIODS[3])
    drawn = [p for p in by_gid(fig, "value") if len(p.get_xdata())]
    assert [list(p.get_xdata()) for p in drawn] == [[0, 1, 2, 3]]
    assert by_gid(fig, "break") == []


def test_the_spc_chart_breaks_where_the_limits_start_anew():
    import pandas as pd

    series = pd.Series([40.0 + i % 3 for i in range(14)], index=[p.code for p in PERIODS[:14]])
    result = analyse(series, "minst", restart=PERIODS[2].code)
    fig = spc_chart(result, 60, PERIODS[13], "%", break_label="ersätter I0")
    assert [len(p.get_xdata()) for p in by_gid(fig, "value")] == [2, 12]
    (line,) = by_gid(fig, "break")
    assert list(line.get_xdata()) == [1.5, 1.5]
    assert by_gid(fig, "break-label")[0].get_text().strip() == "ersätter I0"


def test_an_indicator_that_replaces_another_says_whose_values_come_before_the_break():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I4", "ersatter": "I2", "spc_fran": "2026-T1"}],
        outcomes=[
            {"indikator_id": "I4", "period": "2025-T3", "varde": 10.0},
            {"indikator_id": "I4", "period": "2026-T1", "varde": 12.0},
        ],
        year=2026,
    )
    report = make_report(dataset, "2026-T1")
    html = indicator_block(report, next(dataset.indicators.itertuples(index=False)))
    assert "Indikatorn ersätter I2 från Tertial 1 2026" in html
    assert html.count("Indikatorn ersätter I2") == 2  # under the table and in the chart's alt
