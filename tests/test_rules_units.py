"""Units' figures: the board value made from the units, per område counts, the units' own
assessments counted per status, and where the board and its units disagree."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from builders import make_dataset
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.rules.units import (
    NOT_REPORTED,
    aggregate,
    area_results,
    assessment_counts,
    missing_values,
    unit_deviations,
    unit_matrix,
)

T2 = Period.parse("2025-T2")


def units(pv: int = 30, sv: int = 24) -> list[dict[str, str]]:
    return [
        {"enhet_id": f"PV{i:02d}", "namn": f"Hälsocentral {i}", "omrade": "Primärvård"}
        for i in range(1, pv + 1)
    ] + [
        {"enhet_id": f"SV{i:02d}", "namn": f"Klinik {i}", "omrade": "Sjukhusvård"}
        for i in range(1, sv + 1)
    ]


def answers(yes: dict[str, int], unit_rows: list[dict[str, str]], period: str = "2025-T2"):
    """Each unit answers ja (1) for the first `yes[område]` units of its område, else nej."""
    seen: dict[str, int] = {}
    rows = []
    for unit in unit_rows:
        seen[unit["omrade"]] = seen.get(unit["omrade"], 0) + 1
        value = 1.0 if seen[unit["omrade"]] <= yes[unit["omrade"]] else 0.0
        rows.append(
            {"indikator_id": "I1", "enhet_id": unit["enhet_id"], "period": period, "varde": value}
        )
    return rows


def violence_dataset(**changes):
    unit_rows = units()
    return make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80, "aggregering": "andel_ja"}],
        units=unit_rows,
        unit_outcomes=answers({"Primärvård": 6, "Sjukhusvård": 9}, unit_rows),
        **changes,
    )


def test_6_of_30_and_9_of_24_give_the_board_27_78_percent_and_one_row_per_omrade():
    dataset = violence_dataset()
    board = indicator_results(dataset, T2).iloc[0]
    assert board["varde"] == pytest.approx(100 * 15 / 54)
    assert round(board["uppfyllelse"], 2) == 34.72  # 27,78 of the target 80
    table = area_results(dataset, T2)
    assert table[["omrade", "enheter", "rapporterat", "ja"]].values.tolist() == [
        ["Primärvård", 30, 30, 6.0],
        ["Sjukhusvård", 24, 24, 9.0],
        ["", 54, 54, 15.0],
    ]
    assert table["varde"].tolist() == pytest.approx([20.0, 37.5, 100 * 15 / 54])


def test_units_that_did_not_report_are_counted_apart_and_listed():
    dataset = violence_dataset()
    rows = dataset.unit_outcomes.iloc[2:].reset_index(drop=True)  # PV01 and PV02 (ja) missing
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80, "aggregering": "andel_ja"}],
        units=units(),
        unit_outcomes=rows.to_dict("records"),
    )
    primary = area_results(dataset, T2).iloc[0]
    assert (primary["enheter"], primary["rapporterat"], primary["ja"]) == (30, 28, 4.0)
    assert missing_values(dataset, T2)["enhet_id"].tolist() == ["PV01", "PV02"]


def test_an_indicator_of_one_omrade_expects_only_that_omrades_units():
    unit_rows = units(pv=3, sv=2)
    dataset = make_dataset(
        indicators=[
            {"indikator_id": "I1", "aggregering": "summa", "omrade": "Primärvård", "malvarde": 5}
        ],
        units=unit_rows,
        unit_outcomes=[
            {"indikator_id": "I1", "enhet_id": "PV01", "period": "2025-T2", "varde": 2.0},
            {"indikator_id": "I1", "enhet_id": "PV02", "period": "2025-T2", "varde": 3.0},
        ],
    )
    table = area_results(dataset, T2)
    assert table[["omrade", "enheter", "rapporterat", "varde"]].values.tolist() == [
        ["Primärvård", 3, 2, 5.0],
        ["", 3, 2, 5.0],
    ]
    assert math.isnan(table["ja"].iloc[0])
    assert missing_values(dataset, T2)["enhet_id"].tolist() == ["PV03"]


@pytest.mark.parametrize(
    ("how", "values", "expected"),
    [
        ("andel_ja", [1, 0, 0, float("nan")], 100 / 3),
        ("summa", [1, 2, 3.5], 6.5),
        ("medel", [1, 2, float("nan"), 6], 3.0),
        ("median", [1, 2, 9], 2.0),
        ("summa", [float("nan")], float("nan")),
    ],
)
def test_aggregate_uses_only_the_units_that_reported(how, values, expected):
    result = aggregate(pd.Series(values, dtype=float), how)
    assert result == pytest.approx(expected, nan_ok=True)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from([1.0, 0.0, float("nan")])),
        min_size=1,
        max_size=40,
    )
)
def test_the_board_share_is_all_ja_over_all_reported_and_lies_between_the_omraden(answers_):
    unit_rows = [
        {"enhet_id": f"E{i}", "namn": f"Enhet {i}", "omrade": area}
        for i, (area, _) in enumerate(answers_)
    ]
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "malvarde": 80, "aggregering": "andel_ja"}],
        units=unit_rows,
        unit_outcomes=[
            {"indikator_id": "I1", "enhet_id": f"E{i}", "period": "2025-T2", "varde": v}
            for i, (_, v) in enumerate(answers_)
        ],
    )
    table = area_results(dataset, T2)
    areas, region = table.iloc[:-1], table.iloc[-1]
    assert region["enheter"] == len(answers_) == areas["enheter"].sum()
    assert region["rapporterat"] == sum(not math.isnan(v) for _, v in answers_)
    assert region["ja"] == sum(v == 1.0 for _, v in answers_)
    if region["rapporterat"]:
        assert region["varde"] == pytest.approx(100 * region["ja"] / region["rapporterat"])
        shown = areas["varde"].dropna()
        assert shown.min() - 1e-9 <= region["varde"] <= shown.max() + 1e-9
    else:
        assert math.isnan(region["varde"])


def assessed(statuses: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"delmal_id": "D1", "enhet_id": unit, "period": "2025-T2", "status": status}
        for unit, status in statuses.items()
    ]


def test_unit_assessments_are_counted_per_omrade_with_those_that_did_not_report():
    dataset = make_dataset(
        units=units(pv=3, sv=2),
        subgoals=[{"delmal_id": "D1"}],
        unit_assessments=assessed({"PV01": "rod", "PV02": "gul", "SV01": "gron"}),
    )
    counts = assessment_counts(dataset, T2)
    assert counts.drop(columns="delmal_id").values.tolist() == [
        ["Primärvård", 3, 0, 1, 1, 1],
        ["Sjukhusvård", 2, 1, 0, 0, 1],
        ["", 5, 1, 1, 1, 2],
    ]
    matrix = unit_matrix(dataset, T2)
    assert matrix["D1"].tolist() == ["rod", "gul", NOT_REPORTED, "gron", NOT_REPORTED]


@pytest.mark.parametrize(
    ("board", "units_say", "flagged"),
    [
        ("gron", ["rod", "rod", "gul"], "gron_delmal_roda_enheter"),
        ("gron", ["rod", "gron", "gul"], None),  # not most of them
        ("rod", ["gron", "gron", "rod"], "rod_delmal_grona_enheter"),
        ("gul", ["rod", "rod", "rod"], None),  # a yellow board assessment is never flagged
    ],
)
def test_a_board_assessment_that_most_reporting_units_contradict_is_flagged(
    board, units_say, flagged
):
    statuses = dict(zip(["PV01", "PV02", "PV03"], units_say, strict=True))
    dataset = make_dataset(
        units=units(pv=4, sv=0),
        subgoals=[{"delmal_id": "D1"}],
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": board}],
        unit_assessments=assessed(statuses),
    )
    found = unit_deviations(subgoal_results(dataset, T2), assessment_counts(dataset, T2))
    assert found["avvikelse"].tolist() == ([flagged] if flagged else [])
    if flagged:
        assert found["rapporterat"].tolist() == [3]  # PV04 did not report: not counted
