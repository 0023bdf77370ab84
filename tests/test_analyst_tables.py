"""The analyst's tables say what the report says: neutral states in words, never red."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import make_dataset

from hsn_analysis.analyst import tables
from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import indicator_results

T2 = Period.parse("2025-T2")


def current_row(indicator: dict, outcomes: list[dict]) -> pd.Series:
    dataset = make_dataset(indicators=[indicator], outcomes=outcomes)
    results = indicator_results(dataset, T2)
    shown = tables.indicator_table(results.loc[results["rapportperiod"]])
    return shown.iloc[0]


@pytest.mark.parametrize(
    ("indicator", "outcomes", "status", "value", "target", "fulfilment"),
    [
        (
            {"indikator_id": "I1", "malvarde": 80.0},
            [{"indikator_id": "I1", "period": "2025-T2", "varde": 18.5}],
            "■ Målvärdet nås inte",
            "18,5",
            "80",
            "23,13\u00a0%",  # Excel's rounding: Python's round would say 23,12
        ),
        (
            {"indikator_id": "I1", "malvarde": 80.0, "frekvens": "helår"},
            [{"indikator_id": "I1", "period": "2024-T3", "varde": 85.0}],
            "◷ Redovisas vid helår",
            "helår 2024: 85",
            "80",
            "–",
        ),
        (
            {"indikator_id": "I1", "malvarde": 80.0},
            [{"indikator_id": "I1", "period": "2025-T1", "varde": 85.0}],
            "– Utfall saknas",
            "–",
            "80",
            "–",
        ),
        (
            {"indikator_id": "I1", "maltyp": "öka", "enhet": "antal"},
            [
                {"indikator_id": "I1", "period": "2024-T2", "varde": 100.0},
                {"indikator_id": "I1", "period": "2025-T2", "varde": 120.0},
            ],
            "● Utvecklas åt rätt håll",
            "120",
            "öka från 100",
            "–",
        ),
        (
            {"indikator_id": "I1", "maltyp": "ingen"},
            [{"indikator_id": "I1", "period": "2025-T2", "varde": 7.0}],
            "· Följs utan målvärde",
            "7",
            "–",
            "–",
        ),
    ],
)
def test_an_indicator_row_shows_status_value_target_and_fulfilment_as_the_report(
    indicator, outcomes, status, value, target, fulfilment
):
    row = current_row(indicator, outcomes)
    assert (row["Status"], row["Utfall"], row["Målvärde"], row["Måluppfyllelse"]) == (
        status,
        value,
        target,
        fulfilment,
    )
    assert row["status_kod"] != "rod" or status.startswith("■")


def test_a_table_never_changes_the_frame_it_was_given():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80.0}],
        outcomes=[{"indikator_id": "I1", "period": "2025-T2", "varde": 81.0}],
    )
    results = indicator_results(dataset, T2)
    before = results.copy()
    tables.indicator_table(results, with_period=True)
    pd.testing.assert_frame_equal(results, before)
