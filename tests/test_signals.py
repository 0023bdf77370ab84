"""What each indicator's signal is computed on: the values, a year-to-date count's tertial
amounts, a year-to-date share's tertial ratios, or nothing, with the reason."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from builders import make_dataset

from hsn_analysis.periods import Period
from hsn_analysis.rules.signals import (
    Basis,
    NoSignal,
    indicator_signals,
    is_amount,
    natural_bounds,
    tertial_amounts,
    tertial_ratios,
)
from hsn_analysis.rules.spc import Assurance, Bounds, Unassessable, Variation
from hsn_analysis.vocabulary import Measurement

PERIODS = [f"{2021 + i // 3}-T{i % 3 + 1}" for i in range(14)]  # 2021-T1 … 2025-T2
# I2.1.2 of the example: admissions after falls, counted year to date.
YEAR_TO_DATE = [725, 1376, 2081, 696, 1328, 2012, 668, 1281, 1946, 641, 1236, 1882, 609, 1168]


def signal_of(values, period="2025-T2", rows=None, **indicator):
    outcomes = rows or [
        {"indikator_id": "I1", "period": p, "varde": v}
        for p, v in zip(PERIODS, values, strict=False)
        if v is not None
    ]
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", **indicator}], outcomes=outcomes, year=2025
    )
    return indicator_signals(dataset, Period.parse(period))["I1"]


def test_year_to_date_values_become_the_tertials_own_amounts():
    amounts = tertial_amounts(pd.Series(YEAR_TO_DATE[:6], index=PERIODS[:6], dtype=float))
    assert amounts.tolist() == [725, 651, 705, 696, 632, 684]


def test_a_tertial_whose_previous_tertial_is_missing_has_no_amount():
    values = pd.Series([725.0, 2081.0, 696.0], index=["2021-T1", "2021-T3", "2022-T1"])
    amounts = tertial_amounts(values)
    assert amounts.iloc[0] == 725 and math.isnan(amounts.iloc[1]) and amounts.iloc[2] == 696


def test_year_to_date_sums_of_a_share_become_the_tertials_own_ratio():
    index = ["2025-T1", "2025-T2", "2025-T3"]
    top = pd.Series([80.0, 170.0, 240.0], index=index)  # 80 of 100, then 90 of 100, 70 of 100
    bottom = pd.Series([100.0, 200.0, 300.0], index=index)
    assert tertial_ratios(top, bottom, 100.0).tolist() == pytest.approx([80.0, 90.0, 70.0])


def test_a_year_to_date_count_is_charted_by_its_tertial_amounts_and_keeps_its_target_apart():
    signal = signal_of(
        YEAR_TO_DATE,
        maltyp="högst",
        malvarde=1800.0,
        enhet="antal",
        matning="hittills_i_ar",
    )
    assert signal.measurement is Measurement.YEAR_TO_DATE
    assert signal.basis is Basis.TERTIAL_AMOUNT
    result = signal.result
    assert result.points["varde"].tolist()[:4] == [725, 651, 705, 696]
    assert result.points["varde"].max() < 800  # no running total of 2 000 among them
    # The target 1 800 is the year's: it is not compared with the limits of tertial amounts.
    assert result.assurance is Assurance.NOT_ASSESSABLE
    assert result.assurance_reason is Unassessable.YEAR_TO_DATE_TARGET


def test_the_same_count_left_per_tertial_is_one_sawtooth_series_of_common_cause():
    signal = signal_of(YEAR_TO_DATE, maltyp="högst", malvarde=1800.0, enhet="antal")
    assert signal.basis is Basis.VALUE
    assert signal.result.variation is Variation.COMMON  # the calendar's sawtooth hides all
    assert signal.result.points["varde"].max() == 2081


def test_a_year_to_date_share_without_parts_has_no_signal_and_says_why():
    shares = [21.0, 22.1, 22.9, 22.8, 24.0, 24.8, 24.8, 26.1, 27.0, 31.2, 34.5, 35.3, 33.9, 34.5]
    signal = signal_of(shares, enhet="%", matning="hittills_i_ar")
    assert (signal.basis, signal.result, signal.reason) == (
        Basis.NONE,
        None,
        NoSignal.YEAR_TO_DATE_RATIO,
    )


def test_a_year_to_date_share_with_numerator_and_denominator_charts_the_tertials_ratio():
    rows = []
    for i, period in enumerate(PERIODS):
        tertial = i % 3 + 1
        # each tertial on its own: 100 cases, 60 + (i % 4) of them yes
        own_yes = [60 + (j % 4) for j in range(i - tertial + 1, i + 1)]
        top, bottom = float(sum(own_yes)), 100.0 * tertial
        rows.append(
            {
                "indikator_id": "I1",
                "period": period,
                "varde": round(100 * top / bottom, 1),
                "taljare": top,
                "namnare": bottom,
            }
        )
    signal = signal_of(None, rows=rows, enhet="%", matning="hittills_i_ar", malvarde=60.0)
    assert signal.basis is Basis.TERTIAL_RATIO
    assert signal.result.points["varde"].tolist() == pytest.approx(
        [60 + (i % 4) for i in range(14)]
    )
    # a share's target applies to a tertial's share too: the assurance is read (60 lies
    # between the limits 61,5 ± 2,66 × MR̄)
    assert (signal.result.assurance, signal.result.assurance_reason) == (
        Assurance.HIT_AND_MISS,
        None,
    )


def test_a_short_series_has_no_signal_and_counts_its_points():
    signal = signal_of(YEAR_TO_DATE[:11], period="2024-T2", enhet="antal")
    assert (signal.basis, signal.reason, signal.points) == (Basis.NONE, NoSignal.SHORT, 11)


@pytest.mark.parametrize(
    ("unit", "amount"),
    [
        ("antal", True),
        ("antal samtal", True),
        ("Antal ärenden", True),
        ("timmar", True),
        ("", True),
        ("%", False),
        ("per 1 000 invånare", False),
        ("patienter per dag (snitt)", False),
        ("index", False),
        ("dagar", False),  # often an average waiting time: never differenced
    ],
)
def test_only_counts_and_sums_are_amounts(unit, amount):
    assert is_amount(unit) is amount


@pytest.mark.parametrize(
    ("unit", "values", "bounds"),
    [
        ("%", [10.0, 90.0], Bounds(0.0, 100.0)),
        ("%", [-5.0, 90.0], Bounds()),  # data outside are warned about, never hidden
        ("antal", [0.0, 12.0], Bounds(0.0, None)),
        ("per 1 000 invånare", [3.0, 4.0], Bounds()),
    ],
)
def test_natural_bounds_follow_the_unit_while_the_values_keep_within_them(unit, values, bounds):
    assert natural_bounds(unit, pd.Series(values)) == bounds
