"""One unit's own figures: its values beside its område and the region, where it stands, its
own assessments beside the board's, and what it has not reported."""

from __future__ import annotations

import math
from datetime import datetime

import pytest
from builders import make_dataset
from test_rules_units import T2, assessed, units, violence_dataset

from hsn_analysis.report.unit_report import UnitReport, gaps_section, indicators_section
from hsn_analysis.rules.result import compute_result
from hsn_analysis.rules.unit_standing import not_reported, own_assessments, standing, unit_row


def test_a_unit_that_said_ja_stands_with_the_others_that_did():
    row = standing(violence_dataset(), T2, "PV03").iloc[0]
    assert (row["varde"], row["lika"], row["rapporterat"]) == (1.0, 6.0, 30)
    assert row["omrade_varde"] == pytest.approx(20.0)
    assert row["region_varde"] == pytest.approx(100 * 15 / 54)
    assert math.isnan(row["plats"])  # ja/nej is not ranked


@pytest.mark.parametrize(
    ("kind", "value", "place"),
    # the others: 9 and 1; a tie shares the better place
    [("minst", 5.0, 2.0), ("högst", 5.0, 2.0), ("minst", 9.0, 1.0), ("högst", 9.0, 2.0)],
)
def test_a_counted_value_is_ranked_the_way_its_target_points(kind, value, place):
    others = {"PV01": 9.0, "PV02": 1.0}
    dataset = make_dataset(
        indicators=[{"indikator_id": "I1", "aggregering": "summa", "maltyp": kind, "malvarde": 10}],
        units=units(pv=4, sv=0),
        unit_outcomes=[
            {"indikator_id": "I1", "enhet_id": u, "period": "2025-T2", "varde": v}
            for u, v in (others | {"PV03": value}).items()
        ],
    )
    row = standing(dataset, T2, "PV03").iloc[0]
    assert row["plats"] == place
    assert row["rapporterat"] == 3  # PV04 did not report: not ranked, not counted
    assert math.isnan(standing(dataset, T2, "PV04").iloc[0]["varde"])


def test_own_assessments_stand_beside_the_boards_and_silence_is_not_reported():
    dataset = make_dataset(
        units=units(pv=2, sv=0),
        subgoals=[{"delmal_id": "D1"}],
        assessments=[{"delmal_id": "D1", "period": "2025-T2", "status": "rod"}],
        unit_assessments=assessed({"PV01": "gron"}),
    )
    own = own_assessments(dataset, T2, "PV01").iloc[0]
    assert (own["status"], own["namndens_status"]) == ("gron", "rod")
    assert own_assessments(dataset, T2, "PV02").iloc[0]["status"] == "ej_rapporterat"
    assert not_reported(dataset, T2, "PV02") == [("delmal", "D1")]
    assert not_reported(dataset, T2, "PV01") == []


def test_an_unknown_unit_is_a_key_error():
    with pytest.raises(KeyError):
        unit_row(violence_dataset(), "XX")


def test_the_unit_report_shows_its_answer_the_omrade_and_the_region():
    result = compute_result(violence_dataset(), T2)
    rep = UnitReport(result, result.for_unit("SV01"), run_started=_now())
    html = indicators_section(rep).html
    assert ">Ja<" in html and "37,5\u00a0%" in html and "27,78\u00a0%" in html
    assert "En av 9 av 24 som svarat ja" in html
    assert "allt som efterfrågas" in gaps_section(rep).html


def _now() -> datetime:
    return datetime.fromisoformat("2025-09-30T06:00:00+02:00")
