"""The tertial's result: computed once, read-only, handed to the kernel whole, sliced per unit."""

from __future__ import annotations

import dataclasses
import pickle

import pandas as pd
import pytest
from test_rules_units import violence_dataset

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.context import prepare
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.result import compute_result, load_result, save_result
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.rules.unit_standing import not_reported, own_assessments, standing
from hsn_analysis.rules.units import assessment_counts

T2 = Period(2025, 2)


@pytest.fixture(scope="module")
def example():
    return load_dataset(EXAMPLE_DATA)


@pytest.fixture(scope="module")
def result(example):
    return compute_result(example, T2)


def test_the_result_holds_the_rules_results_of_its_period(example, result):
    pd.testing.assert_frame_equal(result.subgoals, subgoal_results(example, T2))
    pd.testing.assert_frame_equal(result.indicators, indicator_results(example, T2))
    assert result.counts.total == len(example.subgoals)
    assert set(result.signals) == set(example.indicators["indikator_id"])
    assert result.units is not None  # the example data has basenheter
    pd.testing.assert_frame_equal(result.units.counts, assessment_counts(example, T2))


def test_the_result_cannot_be_changed_by_what_it_hands_out(result):
    before = result.indicators.copy()
    handed = result.indicators
    handed.loc[:, "varde"] = -1.0
    shown = result.subgoals
    shown.loc[:, "status"] = "rod"
    history = result.history(before["indikator_id"].iloc[0])
    history.loc[:, "varde"] = -1.0
    assert (handed["varde"] == -1.0).all()  # the copy did change
    pd.testing.assert_frame_equal(result.indicators, before)
    assert (result.subgoals["status"] != "rod").any()
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.period = Period(2025, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.signals["X"] = None  # type: ignore[index]


def test_a_history_is_the_indicators_rows_report_period_first(result):
    first = result.current_indicators["indikator_id"].iloc[0]
    history = result.history(first)
    assert set(history["indikator_id"]) == {first}
    assert history["rapportperiod"].iloc[0]
    assert result.history("finns-inte").empty


def test_a_saved_result_comes_back_equal(tmp_path, result):
    save_result(result, tmp_path / "result.pickle")
    back = load_result(tmp_path / "result.pickle")
    assert back.period == result.period and back.counts == result.counts
    assert back.dataset.settings == result.dataset.settings
    pd.testing.assert_frame_equal(back.indicators, result.indicators)
    assert dict(back.signals).keys() == dict(result.signals).keys()


def test_a_file_that_holds_something_else_is_refused(tmp_path):
    (tmp_path / "annat.pickle").write_bytes(pickle.dumps({"inte": "ett resultat"}))
    with pytest.raises(TypeError, match="no tertial result"):
        load_result(tmp_path / "annat.pickle")


def test_the_report_reads_the_runners_result_and_not_the_data(tmp_path, result):
    save_result(result, tmp_path / "result.pickle")
    gone = tmp_path / "finns-inte"  # were it read, loading would fail
    report = prepare("2025-T2", gone, "2025-09-26T06:00:00+02:00", tmp_path / "result.pickle")
    assert report.result.counts == result.counts
    assert report.data_path == gone.resolve()
    pd.testing.assert_frame_equal(report.subgoals, result.subgoals)


def test_without_the_runner_the_report_computes_the_same_result_from_the_path(result):
    report = prepare("2025-T2", EXAMPLE_DATA)
    assert report.result.counts == result.counts
    pd.testing.assert_frame_equal(report.indicators, result.indicators)


@pytest.mark.parametrize("unit_id", ["PV01", "PV02", "SV01"])
def test_a_units_result_is_its_slice_of_the_units_figures(unit_id):
    dataset = violence_dataset()
    result = compute_result(dataset, T2)
    own = result.for_unit(unit_id)
    pd.testing.assert_frame_equal(own.assessments, own_assessments(dataset, T2, unit_id))
    pd.testing.assert_frame_equal(own.standing, standing(dataset, T2, unit_id))
    assert list(own.gaps) == not_reported(dataset, T2, unit_id)
    assert result.units is not None
    pd.testing.assert_frame_equal(result.units.counts, assessment_counts(dataset, T2))
    statuses = own.assessments["status"].value_counts()
    assert own.status_counts == {k: int(statuses.get(k, 0)) for k in own.status_counts}


def test_an_unknown_unit_is_a_key_error():
    result = compute_result(violence_dataset(), T2)
    with pytest.raises(KeyError):
        result.for_unit("XX")
