"""The bundled example dataset: the whole seed plan, valid, and exercising every state."""

from pathlib import Path

import pandas as pd
import pytest

from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.result import compute_result
from hsn_analysis.rules.subgoals import Deviation, evidence_deviations, subgoal_results
from hsn_analysis.words.summary import summary_json

ROOT = Path(__file__).resolve().parent.parent
T1, T2 = Period(2025, 1), Period(2025, 2)


@pytest.fixture(scope="module")
def example():
    return load_dataset(ROOT / "data" / "exempel")


@pytest.fixture(scope="module")
def example_xlsx():
    return load_dataset(ROOT / "data" / "exempel.xlsx")


def test_example_holds_the_whole_seed_plan(example):
    assert len(example.goals) == 7
    assert len(example.subgoals) == 13
    assert len(example.indicators) == 28
    assert example.settings.example_data is True
    goal_2 = example.goals.set_index("mal_id").loc["M2", "namn"]
    assert "saknas" in goal_2


def test_example_has_no_markup_left_from_the_seed(example):
    names = pd.concat([example.goals.namn, example.subgoals.namn, example.indicators.namn])
    assert not names.str.contains("<").any()


def test_workbook_and_csv_folder_hold_the_same_data(example, example_xlsx):
    assert example.settings == example_xlsx.settings
    for table in ("goals", "subgoals", "indicators", "outcomes", "assessments"):
        pd.testing.assert_frame_equal(getattr(example, table), getattr(example_xlsx, table))


def test_workbook_and_csv_folder_give_identical_summaries_for_every_period(example, example_xlsx):
    for code in example.periods:
        period = Period.parse(code)
        assert summary_json(compute_result(example, period)) == summary_json(
            compute_result(example_xlsx, period)
        ), code


def test_example_uses_every_target_type_and_both_frequencies(example):
    assert set(example.indicators.maltyp) == {"minst", "högst", "öka", "minska", "ingen"}
    assert set(example.indicators.frekvens) == {"tertial", "helår"}


def test_example_t2_report_shows_colours_and_neutral_states(example):
    current = indicator_results(example, T2).query("rapportperiod")
    assert {"gron", "gul", "rod", "helar", "utfall_saknas", "ingen"} <= set(current.status)
    not_due = current[current.status == "helar"]
    assert not_due.senaste_helar_ar.eq(2024).all()
    assert not_due.senaste_helar_varde.notna().all()


def test_example_history_has_missing_targets_and_missing_comparisons(example):
    history = indicator_results(example, Period(2025, 3))
    assert {"malvarde_saknas", "jamforelse_saknas"} <= set(history.status)


def test_example_t2_has_one_subgoal_not_assessed(example):
    subgoals = subgoal_results(example, T2)
    assert (subgoals.status == "ej_bedomd").sum() == 1


def test_example_has_subgoals_that_improve_and_worsen_from_t1_to_t2(example):
    changes = set(subgoal_results(example, T2).forandring)
    assert {"battre", "samre"} <= changes


def test_example_has_evidence_deviations_of_both_kinds(example):
    found = set()
    for code in example.periods:
        period = Period.parse(code)
        deviations = evidence_deviations(
            subgoal_results(example, period), indicator_results(example, period)
        )
        found |= set(deviations.avvikelse)
    assert found == {Deviation.GREEN_SUBGOAL_RED_INDICATOR, Deviation.RED_SUBGOAL_GREEN_INDICATORS}
