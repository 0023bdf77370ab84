"""Indicator fulfilment and status as the report tables show them."""

import math

import numpy as np
import pandas as pd
import pytest
from builders import make_dataset
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import (
    RESULT_COLUMNS,
    fulfilment,
    indicator_results,
)
from hsn_analysis.words.formatting import format_number

REPORT = "2025-T2"


def results(dataset, period=REPORT):
    return indicator_results(dataset, Period.parse(period))


def report_row(dataset, period=REPORT, indicator="I1"):
    table = results(dataset, period)
    rows = table[table["rapportperiod"] & (table["indikator_id"] == indicator)]
    assert len(rows) == 1
    return rows.iloc[0]


def single(maltyp, value, target=None, *, gul_fran=None, yellow_from=90.0, last_year=None):
    """The report row of one indicator with `value` in 2025-T2 (and last year's, if given)."""
    outcomes = [] if value is None else [{"indikator_id": "I1", "period": REPORT, "varde": value}]
    if last_year is not None:
        outcomes.append({"indikator_id": "I1", "period": "2024-T2", "varde": last_year})
    dataset = make_dataset(
        indicators=[
            {"indikator_id": "I1", "maltyp": maltyp, "malvarde": target, "gul_fran": gul_fran}
        ],
        outcomes=outcomes,
        yellow_from=yellow_from,
    )
    return report_row(dataset)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


# ---- minst and högst: the edge table ----------------------------------------------------------


@pytest.mark.parametrize(
    ("maltyp", "value", "target", "status", "percent"),
    [
        ("minst", 100, 100, "gron", 100.0),
        ("minst", 120, 100, "gron", 120.0),
        ("minst", 90, 100, "gul", 90.0),
        ("minst", 89.99, 100, "rod", 89.99),
        ("minst", 0, 40, "rod", 0.0),
        ("minst", 99.996, 100, "gron", 99.996),  # shown as "100": never yellow
        ("minst", 99.994, 100, "gul", 99.994),  # shown as "99,99"
        ("minst", 89.995, 100, "gul", 89.995),  # shown as "90"
        ("minst", 0, 0, "gron", math.nan),  # target 0: compared directly, no percentage
        ("minst", 5, 0, "gron", math.nan),
        ("minst", -1, 0, "rod", math.nan),
        ("högst", 8, 10, "gron", 125.0),
        ("högst", 10, 10, "gron", 100.0),
        ("högst", 11, 10, "gul", 100 * 10 / 11),
        ("högst", 111.11, 100, "gul", 100 * 100 / 111.11),  # 90,0009… → "90"
        ("högst", 111.12, 100, "rod", 100 * 100 / 111.12),  # 89,9928… → "89,99"
        ("högst", 12, 10, "rod", 100 * 10 / 12),
        ("högst", 0, 10, "gron", math.nan),  # nothing at all: the target is met
        ("högst", 0, 0, "gron", math.nan),
        ("högst", 1, 0, "rod", math.nan),
    ],
)
def test_minst_and_hogst_status_and_fulfilment_follow_the_edge_table(
    maltyp, value, target, status, percent
):
    row = single(maltyp, value, target)
    assert row["status"] == status
    assert same(row["uppfyllelse"], percent)


def test_hogst_indicator_is_green_when_value_is_below_target():
    assert single("högst", 7, 10)["status"] == "gron"


def test_hogst_indicator_is_red_when_value_is_far_above_target():
    assert single("högst", 20, 10)["status"] == "rod"


@pytest.mark.parametrize(
    ("value", "gul_fran", "yellow_from", "status"),
    [
        (85, None, 90.0, "rod"),  # the default threshold
        (85, None, 80.0, "gul"),  # the dataset's threshold
        (85, 80.0, 90.0, "gul"),  # the indicator's own threshold wins
        (85, 95.0, 80.0, "rod"),
        (79.99, 80.0, 90.0, "rod"),
    ],
)
def test_indicator_gul_fran_overrides_the_dataset_threshold(value, gul_fran, yellow_from, status):
    row = single("minst", value, 100, gul_fran=gul_fran, yellow_from=yellow_from)
    assert row["status"] == status
    assert row["gul_fran"] == (yellow_from if gul_fran is None else gul_fran)


def test_outcome_malvarde_overrides_the_indicator_target_for_that_period_only():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 100}],
        outcomes=[
            {"indikator_id": "I1", "period": REPORT, "varde": 50, "malvarde": 50},
            {"indikator_id": "I1", "period": "2025-T1", "varde": 50},
        ],
    )
    table = results(dataset)
    assert table["malvarde"].tolist() == [50.0, 100.0]
    assert table["uppfyllelse"].tolist() == [100.0, 50.0]
    assert table["status"].tolist() == ["gron", "rod"]


@pytest.mark.parametrize("maltyp", ["minst", "högst"])
def test_minst_and_hogst_without_any_target_are_malvarde_saknas(maltyp):
    row = single(maltyp, 12, None)
    assert row["status"] == "malvarde_saknas"
    assert math.isnan(row["uppfyllelse"])


# ---- öka, minska and ingen ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maltyp", "value", "last_year", "status"),
    [
        ("öka", 12, 10, "gron"),
        ("öka", 8, 10, "rod"),
        ("öka", 10, 10, "gul"),
        ("öka", 10, None, "jamforelse_saknas"),
        ("minska", 8, 10, "gron"),
        ("minska", 12, 10, "rod"),
        ("minska", 10, 10, "gul"),
        ("minska", 10, None, "jamforelse_saknas"),
    ],
)
def test_oka_and_minska_are_judged_against_the_same_period_last_year(
    maltyp, value, last_year, status
):
    row = single(maltyp, value, last_year=last_year)
    assert row["status"] == status
    assert math.isnan(row["uppfyllelse"])
    assert same(row["jamforelsevarde"], math.nan if last_year is None else last_year)


def test_oka_in_t1_compares_with_t1_last_year_not_with_the_previous_tertial():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "maltyp": "öka"}],
        outcomes=[
            {"indikator_id": "I1", "period": "2025-T1", "varde": 10},
            {"indikator_id": "I1", "period": "2024-T3", "varde": 20},
            {"indikator_id": "I1", "period": "2024-T1", "varde": 5},
        ],
    )
    row = report_row(dataset, "2025-T1")
    assert row["jamforelsevarde"] == 5
    assert row["status"] == "gron"


def test_ingen_indicator_is_never_coloured():
    assert single("ingen", 12, 10)["status"] == "ingen"


def test_every_history_row_carries_its_own_comparison_value():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "maltyp": "minska"}],
        outcomes=[
            {"indikator_id": "I1", "period": p, "varde": v}
            for p, v in [("2023-T2", 9), ("2024-T2", 7), ("2025-T2", 8)]
        ],
    )
    table = results(dataset)
    assert table["period"].tolist() == ["2025-T2", "2024-T2", "2023-T2"]
    assert table["jamforelsevarde"].fillna(-1).tolist() == [7, 9, -1]
    assert table["status"].tolist() == ["rod", "gron", "jamforelse_saknas"]


# ---- missing values and helår ----------------------------------------------------------------


@pytest.mark.parametrize("maltyp", ["minst", "högst", "öka", "minska", "ingen"])
def test_an_indicator_without_an_outcome_still_has_its_row_saying_utfall_saknas(maltyp):
    row = single(maltyp, None, 10, last_year=5)
    assert row["status"] == "utfall_saknas"
    assert math.isnan(row["varde"])


def test_an_outcome_row_with_a_missing_value_is_utfall_saknas():
    assert single("minst", math.nan, 10)["status"] == "utfall_saknas"


def _full_year_dataset(*extra_outcomes):
    return make_dataset(
        indicators=[
            {"indikator_id": "I1", "malvarde": 10, "frekvens": "helår"},
            {"indikator_id": "I2", "malvarde": 10},
        ],
        outcomes=[
            {"indikator_id": "I1", "period": "2023-T3", "varde": 8},
            {"indikator_id": "I1", "period": "2024-T3", "varde": 11},
            {"indikator_id": "I2", "period": "2024-T3", "varde": 3},
            *extra_outcomes,
        ],
    )


@pytest.mark.parametrize("period", ["2025-T1", "2025-T2"])
def test_helar_indicator_in_t1_and_t2_is_not_due_and_shows_the_last_full_year_value(period):
    table = results(_full_year_dataset(), period)
    row = table.iloc[0]
    assert (row["indikator_id"], row["period"], row["rapportperiod"]) == ("I1", period, True)
    assert row["status"] == "helar"
    assert (row["senaste_helar_varde"], row["senaste_helar_ar"]) == (11, 2024)
    # other rows never carry it: neither the history nor a tertial indicator
    assert table["senaste_helar_varde"].iloc[1:].isna().all()
    assert table["senaste_helar_ar"].iloc[1:].isna().all()


def test_helar_indicator_without_an_earlier_full_year_value_shows_none():
    dataset = make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 10, "frekvens": "helår"}])
    row = report_row(dataset, "2025-T2")
    assert row["status"] == "helar"
    assert math.isnan(row["senaste_helar_varde"]) and math.isnan(row["senaste_helar_ar"])


def test_helar_value_of_a_later_year_is_not_the_last_full_year_value():
    row = report_row(_full_year_dataset(), "2024-T2")
    assert (row["senaste_helar_varde"], row["senaste_helar_ar"]) == (8, 2023)


def test_helar_indicator_in_t3_without_a_value_is_utfall_saknas():
    row = report_row(_full_year_dataset(), "2025-T3")
    assert row["status"] == "utfall_saknas"
    assert math.isnan(row["senaste_helar_varde"])


def test_helar_indicator_in_t3_is_judged_like_any_other():
    extra = {"indikator_id": "I1", "period": "2025-T3", "varde": 12}
    row = report_row(_full_year_dataset(extra), "2025-T3")
    assert row["status"] == "gron"
    assert row["uppfyllelse"] == 120


# ---- rows, order and columns -------------------------------------------------------------------


def seed_004_dataset():
    """The two indicators of seed 004, outcomes deliberately out of order."""
    return make_dataset(
        indicators=[
            {"indikator_id": "V1", "delmal_id": "D1", "malvarde": 80},
            {"indikator_id": "B1", "delmal_id": "D2", "malvarde": 40},
        ],
        outcomes=[
            {"indikator_id": "B1", "period": "2023-T1", "varde": 0},
            {"indikator_id": "V1", "period": "2023-T1", "varde": 18.5},
            {"indikator_id": "V1", "period": "2022-T3", "varde": 31},
            {"indikator_id": "B1", "period": "2023-T2", "varde": 31},
            {"indikator_id": "V1", "period": "2023-T2", "varde": 28},
            {"indikator_id": "V1", "period": "2023-T3", "varde": 50},  # later: not shown
        ],
    )


def test_seed_004_figures_come_out_as_the_board_saw_them():
    table = results(seed_004_dataset(), "2023-T2")
    shown = [
        (r.indikator_id, r.period, format_number(r.varde), format_number(r.uppfyllelse))
        for r in table.itertuples()
    ]
    assert shown == [
        ("V1", "2023-T2", "28", "35"),
        ("V1", "2023-T1", "18,5", "23,13"),
        ("V1", "2022-T3", "31", "38,75"),
        ("B1", "2023-T2", "31", "77,5"),
        ("B1", "2023-T1", "0", "0"),
    ]
    assert table["rapportperiod"].tolist() == [True, False, False, True, False]


def test_results_have_the_columns_of_the_contract_in_order():
    assert list(results(seed_004_dataset())) == RESULT_COLUMNS
    assert RESULT_COLUMNS == [
        "indikator_id",
        "delmal_id",
        "namn",
        "enhet",
        "maltyp",
        "frekvens",
        "period",
        "rapportperiod",
        "varde",
        "malvarde",
        "gul_fran",
        "jamforelsevarde",
        "uppfyllelse",
        "status",
        "senaste_helar_varde",
        "senaste_helar_ar",
        "kommentar",
    ]


def test_every_indicator_has_a_report_row_even_with_no_outcomes_at_all():
    dataset = make_dataset(
        indicators=[{"indikator_id": i, "malvarde": 1} for i in ("I3", "I1", "I2")]
    )
    table = results(dataset)
    assert table["indikator_id"].tolist() == ["I3", "I1", "I2"]  # plan order
    assert (table["status"] == "utfall_saknas").all()
    assert table["rapportperiod"].all()


def test_an_empty_plan_gives_an_empty_table_with_the_columns():
    table = results(make_dataset())
    assert table.empty and list(table) == RESULT_COLUMNS


def test_indicator_results_does_not_change_its_inputs():
    dataset = seed_004_dataset()
    before = [dataset.indicators.copy(), dataset.outcomes.copy()]
    results(dataset, "2023-T2")
    pd.testing.assert_frame_equal(dataset.indicators, before[0])
    pd.testing.assert_frame_equal(dataset.outcomes, before[1])


def test_two_outcomes_for_the_same_indicator_and_period_are_refused_not_dropped():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 1}],
        outcomes=[{"indikator_id": "I1", "period": REPORT, "varde": v} for v in (1, 2)],
    )
    with pytest.raises(ValueError, match="two outcome rows"):
        results(dataset)


# ---- fulfilment() itself --------------------------------------------------------------------


def test_fulfilment_computes_per_target_type_and_keeps_the_index():
    index = [10, 11, 12, 13, 14, 15, 16]
    result = fulfilment(
        pd.Series(["minst", "högst", "öka", "minska", "ingen", "minst", "högst"], index=index),
        pd.Series([28, 8, 5, 5, 5, np.nan, -2.0], index=index),
        pd.Series([80, 10, 1, 1, 1, 80, 10], index=index),
    )
    assert list(result.index) == index
    assert result.iloc[:2].tolist() == [35.0, 125.0]
    assert result.iloc[2:].isna().all()


positive = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False)


@given(st.lists(positive, min_size=2, max_size=20), positive)
def test_minst_fulfilment_never_falls_when_the_value_rises(values, target):
    values = sorted(values)
    n = len(values)
    result = fulfilment(pd.Series(["minst"] * n), pd.Series(values), pd.Series([target] * n))
    assert (np.diff(result.to_numpy()) >= 0).all()


@given(st.lists(positive, min_size=2, max_size=20), positive)
def test_hogst_fulfilment_never_rises_when_the_value_rises(values, target):
    values = sorted(values)
    n = len(values)
    result = fulfilment(pd.Series(["högst"] * n), pd.Series(values), pd.Series([target] * n))
    assert (np.diff(result.to_numpy()) <= 0).all()


# ---- the order of the input rows never matters -----------------------------------------------

PERIODS = [f"{y}-T{t}" for y in (2023, 2024, 2025) for t in (1, 2, 3)]
maybe_number = st.none() | st.floats(min_value=-5, max_value=200, allow_nan=False)


@st.composite
def plans(draw):
    indicators, outcomes = [], []
    for i in range(draw(st.integers(min_value=1, max_value=4))):
        frequency = draw(st.sampled_from(["tertial", "helår"]))
        indicators.append(
            {
                "indikator_id": f"I{i}",
                "delmal_id": draw(st.sampled_from(["D1", "D2"])),
                "maltyp": draw(st.sampled_from(["minst", "högst", "öka", "minska", "ingen"])),
                "malvarde": draw(maybe_number),
                "frekvens": frequency,
                "gul_fran": draw(st.none() | st.sampled_from([80.0, 95.0])),
            }
        )
        periods = draw(st.lists(st.sampled_from(PERIODS), unique=True, max_size=6))
        for period in periods:
            if frequency == "tertial" or period.endswith("T3"):
                outcomes.append(
                    {
                        "indikator_id": f"I{i}",
                        "period": period,
                        "varde": draw(st.floats(min_value=-5, max_value=200)),
                        "malvarde": draw(maybe_number),
                    }
                )
    return indicators, outcomes, draw(st.sampled_from(PERIODS))


def _sorted(table):
    return table.sort_values(["indikator_id", "period"]).reset_index(drop=True)


@settings(max_examples=60, deadline=None)
@given(plans(), st.randoms(use_true_random=False))
def test_row_order_of_the_inputs_never_changes_the_results(plan, random):
    indicators, outcomes, period = plan
    shuffled_indicators, shuffled_outcomes = indicators[:], outcomes[:]
    random.shuffle(shuffled_indicators)
    random.shuffle(shuffled_outcomes)
    expected = results(make_dataset(indicators=indicators, outcomes=outcomes), period)
    actual = results(
        make_dataset(indicators=shuffled_indicators, outcomes=shuffled_outcomes), period
    )
    pd.testing.assert_frame_equal(_sorted(actual), _sorted(expected))
    # and the order itself is the plan's, newest period first within an indicator
    ids = [row["indikator_id"] for row in shuffled_indicators]
    positions = actual["indikator_id"].map(ids.index)
    assert positions.is_monotonic_increasing
    for _, group in actual.groupby("indikator_id"):
        assert group["period"].is_monotonic_decreasing


def test_an_outcome_of_an_unknown_indicator_raises_rather_than_being_left_out():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80.0}],
        outcomes=[{"indikator_id": "I9", "period": "2025-T1", "varde": 5.0}],
    )
    with pytest.raises(ValueError, match="not in the plan"):
        results(dataset)


def test_each_result_row_carries_its_own_outcomes_comment():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 90}, {"indikator_id": "I2", "malvarde": 5}],
        outcomes=[
            {"indikator_id": "I1", "period": "2025-T2", "varde": 91, "kommentar": "Nytt mål"},
            {"indikator_id": "I1", "period": "2025-T1", "varde": 88},
        ],
    )
    table = indicator_results(dataset, Period(2025, 2))
    rows = [(r.indikator_id, r.period, r.kommentar) for r in table.itertuples()]
    assert rows == [("I1", "2025-T2", "Nytt mål"), ("I1", "2025-T1", ""), ("I2", "2025-T2", "")]
