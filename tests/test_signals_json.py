"""The summary JSON's jamforelse and spc objects: on the report period's rows, null elsewhere."""

from __future__ import annotations

import json

import pytest
from builders import make_dataset

from hsn_analysis.cli import EXIT_OK, main
from hsn_analysis.periods import Period
from hsn_analysis.rules.result import compute_result
from hsn_analysis.words.summary import summary_json

PERIODS = [f"{2021 + i // 3}-T{i % 3 + 1}" for i in range(15)]  # 2021-T1 … 2025-T3
ALTERNATING = [10.0, 14.0] * 7 + [10.0]  # mean 11,87, limits far outside: common cause


def dataset(n_points: int, comparisons=()):
    outcomes = [
        {"indikator_id": "I1", "period": p, "varde": v}
        for p, v in zip(PERIODS[:n_points], ALTERNATING, strict=False)
    ]
    return make_dataset(
        indicators=[{"indikator_id": "I1", "maltyp": "minst", "malvarde": 30.0}],
        outcomes=outcomes,
        comparisons=comparisons,
        kolada_id="0024",
    )


def current_row(summary: dict, period: str) -> dict:
    return next(r for r in summary["indikatorer"] if r["period"] == period)


def test_an_indicator_with_15_points_has_its_spc_object_and_earlier_rows_have_null():
    summary = summary_json(compute_result(dataset(15), Period(2025, 3)))
    mean = sum(ALTERNATING) / 15  # 178 / 15; MR̄ 4: limits mean ± 10,64
    assert current_row(summary, "2025-T3")["spc"] == {
        "matning": "tertial",
        "grund": "varde",
        "skal": None,
        "punkter": 15,
        "variation": "slumpmassig",
        "sakring": "klarar_inte",  # the target 30 lies above the upper limit
        "sakring_skal": None,
        "foreslagen_start": None,
        "medel": pytest.approx(mean),
        # a share: the limits lie within 0–100 % and are shown as computed
        "nedre": {
            "varde": pytest.approx(mean - 10.64),
            "visad": pytest.approx(mean - 10.64),
            "begransad": False,
        },
        "ovre": {
            "varde": pytest.approx(mean + 10.64),
            "visad": pytest.approx(mean + 10.64),
            "begransad": False,
        },
    }
    earlier = [r for r in summary["indikatorer"] if r["period"] != "2025-T3"]
    assert earlier and all(r["spc"] is None and r["jamforelse"] is None for r in earlier)


@pytest.mark.parametrize(("n", "period"), [(11, "2024-T2"), (12, "2024-T3")])
def test_spc_has_no_signal_under_12_points_and_says_why(n, period):
    spc = current_row(summary_json(compute_result(dataset(n), Period.parse(period))), period)["spc"]
    if n < 12:
        assert (spc["grund"], spc["variation"], spc["nedre"]) == ("ingen", None, None)
        assert spc["skal"] == "för kort serie (11 punkter, 12 behövs)"
    else:
        assert (spc["grund"], spc["skal"], spc["variation"]) == ("varde", None, "slumpmassig")


def test_the_comparison_object_names_year_riket_median_rank_count_and_source():
    rows = [
        {"indikator_id": "I1", "ar": 2024, "omrade_id": area, "varde": value, "kpi": "N79176"}
        for area, value in (("0000", 71.3), ("0024", 72.0), ("0001", 69.0), ("0003", 75.0))
    ]
    row = current_row(summary_json(compute_result(dataset(15, rows), Period(2025, 3))), "2025-T3")
    assert row["jamforelse"] == {
        "ar": 2024,
        "riket": 71.3,
        "median": 72.0,
        "rang": 2,
        "antal": 3,
        "kalla": "Kolada N79176",
        "titel": None,
        "enhet": None,
        "annat_matt": True,  # nothing says the key figure is measured as the indicator is
    }


def test_the_example_t3_summary_has_spc_on_the_15_point_indicators_only(capsys):
    assert main(["summary", "--period", "2025-T3", "--json"]) == EXIT_OK
    summary = json.loads(capsys.readouterr().out)
    rows = [r for r in summary["indikatorer"] if r["period"] == "2025-T3"]
    with_spc = {r["indikator_id"]: r["spc"]["punkter"] for r in rows if r["spc"]["variation"]}
    assert set(with_spc.values()) == {14, 15}  # I4.1.2 misses one value
    assert {r["indikator_id"] for r in rows if r["spc"]["grund"] == "ingen"} == {
        "I4.2.4",  # a share measured year to date, without numerator and denominator
        "I2.4.1",
        "I5.1.1",
        "I5.1.4",
        "I5.2.1",
        "I6.1.1",  # the helår indicators: 5 points
    }
    ranked = {r["indikator_id"]: r["jamforelse"]["rang"] for r in rows if r["jamforelse"]}
    assert set(ranked) == {"I2.1.2", "I2.3.2"}
