"""Comparing two chosen periods: delmål statuses and indicator values side by side."""

import math

import pandas as pd
import pytest
from builders import make_dataset

from hsn_analysis.periods import Period
from hsn_analysis.rules.comparison import (
    PERIOD_COMPARISON_COLUMNS,
    VALUE_COMPARISON_COLUMNS,
    compare_indicator_values,
    compare_periods,
)
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.vocabulary import Change

EARLIER, LATER = Period(2024, 2), Period(2025, 2)


def assessment(delmal, period, status):
    return {"delmal_id": delmal, "period": period, "status": status}


def one_subgoal(before, after, *, earlier="2024-T2", later="2025-T2"):
    """The comparison row of a single delmål D1 assessed `before` and `after` (None: not)."""
    rows = [assessment("D1", p, s) for p, s in ((earlier, before), (later, after)) if s]
    dataset = make_dataset(subgoals=[{"delmal_id": "D1"}], assessments=rows)
    return compare_periods(dataset, Period.parse(earlier), Period.parse(later)).iloc[0]


# ---- compare_periods ------------------------------------------------------------------------


def test_each_delmal_gets_one_row_in_plan_order_with_the_comparison_columns():
    dataset = make_dataset(
        subgoals=[
            {"delmal_id": "D3", "mal_id": "M2", "namn": "Tredje"},
            {"delmal_id": "D1", "mal_id": "M1", "namn": "Första"},
        ],
        assessments=[assessment("D1", "2025-T2", "gul")],
    )
    table = compare_periods(dataset, EARLIER, LATER)
    assert list(table) == PERIOD_COMPARISON_COLUMNS
    assert table["delmal_id"].tolist() == ["D3", "D1"]
    assert table["mal_id"].tolist() == ["M2", "M1"]
    assert table["namn"].tolist() == ["Tredje", "Första"]


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        ("gul", "gron", Change.BETTER),
        ("rod", "gul", Change.BETTER),
        ("rod", "gron", Change.BETTER),
        ("gron", "gul", Change.WORSE),
        ("gron", "rod", Change.WORSE),
        ("gul", "gul", Change.UNCHANGED),
        ("gron", "gron", Change.UNCHANGED),
        (None, "rod", Change.NEW),
        ("gron", None, Change.NOT_ASSESSED),
        (None, None, Change.NOT_ASSESSED),
    ],
)
def test_the_change_compares_the_colour_at_the_two_periods(before, after, change):
    row = one_subgoal(before, after)
    assert row["forandring"] == change
    assert row["status_fore"] == (before or "ej_bedomd")
    assert row["status_efter"] == (after or "ej_bedomd")


def test_periods_between_the_two_compared_ones_are_ignored():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}],
        assessments=[
            assessment("D1", "2024-T2", "gul"),
            assessment("D1", "2024-T3", "rod"),  # in between: not compared
            assessment("D1", "2025-T1", "gron"),
            assessment("D1", "2025-T2", "gul"),
        ],
    )
    row = compare_periods(dataset, EARLIER, LATER).iloc[0]
    assert (row["status_fore"], row["forandring"]) == ("gul", "oforandrad")


def test_comparing_with_the_previous_tertial_agrees_with_subgoal_results():
    statuses = ["gron", "gul", "rod", None]
    pairs = [(b, a) for b in statuses for a in statuses]
    subgoals = [{"delmal_id": f"D{i}"} for i in range(len(pairs))]
    assessments = [
        assessment(f"D{i}", period, status)
        for i, pair in enumerate(pairs)
        for period, status in zip(("2025-T1", "2025-T2"), pair, strict=True)
        if status
    ]
    dataset = make_dataset(subgoals=subgoals, assessments=assessments)
    compared = compare_periods(dataset, Period(2025, 1), Period(2025, 2))
    expected = subgoal_results(dataset, Period(2025, 2))
    assert compared["status_fore"].tolist() == expected["foregaende_status"].tolist()
    assert compared["status_efter"].tolist() == expected["status"].tolist()
    assert compared["forandring"].tolist() == expected["forandring"].tolist()


def test_comparing_a_period_with_itself_shows_every_assessed_delmal_unchanged():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}, {"delmal_id": "D2"}],
        assessments=[assessment("D1", "2025-T2", "rod")],
    )
    table = compare_periods(dataset, LATER, LATER)
    assert table["forandring"].tolist() == ["oforandrad", "ej_bedomd"]


def test_periods_given_in_the_wrong_order_raise_rather_than_invert_the_change():
    dataset = make_dataset(subgoals=[{"delmal_id": "D1"}])
    with pytest.raises(ValueError, match="must not come after"):
        compare_periods(dataset, LATER, EARLIER)
    with pytest.raises(ValueError, match="must not come after"):
        compare_indicator_values(dataset, LATER, EARLIER)


def test_a_plan_without_delmal_gives_an_empty_table_with_the_columns():
    table = compare_periods(make_dataset(subgoals=[]), EARLIER, LATER)
    assert table.empty
    assert list(table) == PERIOD_COMPARISON_COLUMNS


def test_two_assessments_for_one_delmal_and_period_raise_rather_than_one_being_dropped():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}],
        assessments=[assessment("D1", "2025-T2", "gul"), assessment("D1", "2025-T2", "rod")],
    )
    with pytest.raises(ValueError, match="two assessments"):
        compare_periods(dataset, EARLIER, LATER)


def test_compare_periods_does_not_change_its_inputs():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}],
        assessments=[assessment("D1", "2024-T2", "rod"), assessment("D1", "2025-T2", "gul")],
    )
    before = dataset.subgoals.copy(), dataset.assessments.copy()
    compare_periods(dataset, EARLIER, LATER)
    pd.testing.assert_frame_equal(dataset.subgoals, before[0])
    pd.testing.assert_frame_equal(dataset.assessments, before[1])


# ---- compare_indicator_values ---------------------------------------------------------------


def number_or_none(value):
    return None if math.isnan(value) else value


def one_indicator(before, after, **indicator):
    """The comparison row of one indicator I1 with values `before`/`after` (None: missing)."""
    outcomes = [
        {"indikator_id": "I1", "period": period, "varde": value}
        for period, value in (("2024-T2", before), ("2025-T2", after))
        if value is not None
    ]
    dataset = make_dataset(indicators=[{"indikator_id": "I1", **indicator}], outcomes=outcomes)
    return compare_indicator_values(dataset, EARLIER, LATER).iloc[0]


@pytest.mark.parametrize(
    ("before", "after", "change"),
    [
        (50.0, 80.0, 30.0),
        (80.0, 50.0, -30.0),
        (70.0, 70.0, 0.0),
        (0.0, 12.5, 12.5),
        (None, 80.0, None),
        (50.0, None, None),
        (None, None, None),
    ],
)
def test_the_change_of_a_value_is_later_minus_earlier_and_missing_when_either_is(
    before, after, change
):
    row = one_indicator(before, after, malvarde=80)
    assert number_or_none(row["varde_fore"]) == before
    assert number_or_none(row["varde_efter"]) == after
    assert number_or_none(row["forandring"]) == pytest.approx(change)


@pytest.mark.parametrize(
    ("before", "after", "indicator", "statuses"),
    [
        (50.0, 80.0, {"malvarde": 80}, ("rod", "gron")),
        (75.0, 50.0, {"malvarde": 80}, ("gul", "rod")),
        (None, 80.0, {"malvarde": 80}, ("utfall_saknas", "gron")),
        (50.0, 80.0, {}, ("malvarde_saknas", "malvarde_saknas")),
        (50.0, 80.0, {"maltyp": "ingen"}, ("ingen", "ingen")),
        (None, None, {"frekvens": "helår", "malvarde": 80}, ("helar", "helar")),
    ],
)
def test_each_period_keeps_the_indicator_status_of_that_period(before, after, indicator, statuses):
    row = one_indicator(before, after, **indicator)
    assert (row["status_fore"], row["status_efter"]) == statuses


def test_each_indicator_gets_one_row_in_plan_order_with_its_delmal_name_and_unit():
    dataset = make_dataset(
        indicators=[
            {"indikator_id": "I2", "delmal_id": "D2", "namn": "Väntetid", "enhet": "dagar"},
            {"indikator_id": "I1", "delmal_id": "D1", "namn": "Andel", "enhet": "%"},
        ],
        outcomes=[
            {"indikator_id": "I1", "period": "2024-T2", "varde": 10},
            {"indikator_id": "I1", "period": "2024-T3", "varde": 20},  # history: not a row
            {"indikator_id": "I1", "period": "2025-T2", "varde": 30},
        ],
    )
    table = compare_indicator_values(dataset, EARLIER, LATER)
    assert list(table) == VALUE_COMPARISON_COLUMNS
    assert table[["indikator_id", "delmal_id", "namn", "enhet"]].values.tolist() == [
        ["I2", "D2", "Väntetid", "dagar"],
        ["I1", "D1", "Andel", "%"],
    ]
    assert table["varde_fore"].tolist()[1] == 10
    assert table["varde_efter"].tolist()[1] == 30


def test_a_value_after_the_later_period_is_not_used():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80}],
        outcomes=[
            {"indikator_id": "I1", "period": "2024-T2", "varde": 40},
            {"indikator_id": "I1", "period": "2025-T3", "varde": 90},
        ],
    )
    row = compare_indicator_values(dataset, EARLIER, LATER).iloc[0]
    assert math.isnan(row["varde_efter"])
    assert row["status_efter"] == "utfall_saknas"


def test_a_plan_without_indicators_gives_an_empty_table_with_the_columns():
    table = compare_indicator_values(make_dataset(subgoals=[{"delmal_id": "D1"}]), EARLIER, LATER)
    assert table.empty
    assert list(table) == VALUE_COMPARISON_COLUMNS


def test_compare_indicator_values_does_not_change_its_inputs():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80}],
        outcomes=[
            {"indikator_id": "I1", "period": "2024-T2", "varde": 40},
            {"indikator_id": "I1", "period": "2025-T2", "varde": 60},
        ],
    )
    before = dataset.indicators.copy(), dataset.outcomes.copy()
    compare_indicator_values(dataset, EARLIER, LATER)
    pd.testing.assert_frame_equal(dataset.indicators, before[0])
    pd.testing.assert_frame_equal(dataset.outcomes, before[1])
