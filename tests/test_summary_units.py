"""`summary --json` with basenheter: per område figures on each aggregated indicator's row and
the units' own assessments counted per delmål; without units the JSON is as before."""

from __future__ import annotations

import json

from builders import make_dataset
from test_rules_units import T2, assessed, units, violence_dataset

from hsn_analysis.rules.result import compute_result
from hsn_analysis.words.summary import summary_json


def test_an_aggregated_indicator_row_lists_its_omraden_with_ja():
    summary = summary_json(compute_result(violence_dataset(), T2))
    [row] = [r for r in summary["indikatorer"] if r["period"] == "2025-T2"]
    assert row["uppfyllelse_text"] == "34,72"
    assert row["omraden"] == [
        {"omrade": "Primärvård", "enheter": 30, "rapporterat": 30, "varde": 20.0, "ja": 6},
        {"omrade": "Sjukhusvård", "enheter": 24, "rapporterat": 24, "varde": 37.5, "ja": 9},
    ]
    json.dumps(summary, allow_nan=False)


def test_a_summed_indicator_has_no_ja_and_a_null_value_where_none_reported():
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "aggregering": "summa", "malvarde": 5}],
        units=units(pv=1, sv=1),
        unit_outcomes=[
            {"indikator_id": "I1", "enhet_id": "PV01", "period": "2025-T2", "varde": 4.0},
            {"indikator_id": "I1", "enhet_id": "SV01", "period": "2025-T2", "varde": None},
        ],
    )
    [row] = summary_json(compute_result(dataset, T2))["indikatorer"]
    assert row["omraden"] == [
        {"omrade": "Primärvård", "enheter": 1, "rapporterat": 1, "varde": 4.0},
        {"omrade": "Sjukhusvård", "enheter": 1, "rapporterat": 0, "varde": None},
    ]


def test_unit_assessments_are_counted_once_per_delmal_they_assess():
    dataset = make_dataset(
        units=units(pv=3, sv=2),
        subgoals=[{"delmal_id": "D1"}, {"delmal_id": "D2"}],
        unit_assessments=assessed({"PV01": "rod", "PV02": "gul", "SV01": "gron"}),
    )
    assert summary_json(compute_result(dataset, T2))["enhetsbedomningar"] == [
        {"delmal_id": "D1", "uppnas": 1, "delvis": 1, "uppnas_ej": 1, "ej_rapporterat": 2}
    ]


def test_without_units_the_summary_has_neither_key():
    dataset = make_dataset(indicators=[{"indikator_id": "I1", "malvarde": 5}])
    summary = summary_json(compute_result(dataset, T2))
    assert "enhetsbedomningar" not in summary
    assert all("omraden" not in row for row in summary["indikatorer"])
