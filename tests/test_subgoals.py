"""Delmål status, change since the previous tertial and the evidence check (§5.2, §5.3, §5.5)."""

import pandas as pd
import pytest
from builders import make_dataset
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.periods import Period
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.subgoals import (
    DEVIATION_COLUMNS,
    SUBGOAL_RESULT_COLUMNS,
    Deviation,
    evidence_deviations,
    subgoal_results,
)


def assessment(delmal, period, status, **extra):
    return {"delmal_id": delmal, "period": period, "status": status, **extra}


def by_id(table):
    return table.set_index("delmal_id")


def test_each_delmal_gets_its_assessment_for_the_period_with_comment_author_and_date():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D2"}, {"delmal_id": "D1"}],
        assessments=[
            assessment(
                "D1",
                "2023-T2",
                "gul",
                kommentar="Delvis uppfyllt.",
                forfattare="Chefläkare",
                datum="2023-09-26",
            ),
            assessment("D1", "2023-T1", "rod", kommentar="Gammal."),
        ],
    )
    table = subgoal_results(dataset, Period(2023, 2))
    assert list(table) == SUBGOAL_RESULT_COLUMNS
    assert table["delmal_id"].tolist() == ["D2", "D1"]  # plan order
    d1 = by_id(table).loc["D1"]
    assert (d1["status"], d1["kommentar"], d1["forfattare"]) == (
        "gul",
        "Delvis uppfyllt.",
        "Chefläkare",
    )
    assert d1["datum"] == pd.Timestamp("2023-09-26")


def test_a_delmal_without_assessment_is_ej_bedomd_with_empty_text():
    dataset = make_dataset(subgoals=[{"delmal_id": "D1"}])
    row = subgoal_results(dataset, Period(2025, 2)).iloc[0]
    assert (row["status"], row["kommentar"], row["forfattare"]) == ("ej_bedomd", "", "")
    assert pd.isna(row["datum"])
    assert (row["foregaende_status"], row["forandring"]) == ("ej_bedomd", "ej_bedomd")


@pytest.mark.parametrize(
    ("before", "now", "change"),
    [
        ("gul", "gron", "battre"),
        ("rod", "gul", "battre"),
        ("rod", "gron", "battre"),
        ("gron", "gul", "samre"),
        ("gul", "rod", "samre"),
        ("gul", "gul", "oforandrad"),
        ("rod", "rod", "oforandrad"),
        (None, "gron", "ny"),
        ("gron", None, "ej_bedomd"),
        (None, None, "ej_bedomd"),
    ],
)
def test_change_compares_the_colour_with_the_previous_tertial(before, now, change):
    rows = []
    if before:
        rows.append(assessment("D1", "2025-T1", before))
    if now:
        rows.append(assessment("D1", "2025-T2", now))
    dataset = make_dataset(subgoals=[{"delmal_id": "D1"}], assessments=rows)
    row = subgoal_results(dataset, Period(2025, 2)).iloc[0]
    assert row["forandring"] == change
    assert row["foregaende_status"] == (before or "ej_bedomd")


def test_change_in_t1_compares_with_t3_of_the_year_before():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}, {"delmal_id": "D2"}],
        assessments=[
            assessment("D1", "2024-T1", "rod"),  # not the previous tertial
            assessment("D1", "2024-T3", "gron"),
            assessment("D1", "2025-T1", "gul"),
            assessment("D2", "2024-T2", "rod"),
            assessment("D2", "2025-T1", "gul"),
        ],
    )
    table = by_id(subgoal_results(dataset, Period(2025, 1)))
    assert table.loc["D1", ["foregaende_status", "forandring"]].tolist() == ["gron", "samre"]
    assert table.loc["D2", ["foregaende_status", "forandring"]].tolist() == ["ej_bedomd", "ny"]


def test_subgoal_results_does_not_change_its_inputs():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}], assessments=[assessment("D1", "2025-T2", "gul")]
    )
    before = dataset.assessments.copy(), dataset.subgoals.copy()
    subgoal_results(dataset, Period(2025, 2))
    pd.testing.assert_frame_equal(dataset.assessments, before[0])
    pd.testing.assert_frame_equal(dataset.subgoals, before[1])


statuses = st.sampled_from(["gron", "gul", "rod", None])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(statuses, statuses), min_size=1, max_size=6), st.randoms())
def test_row_order_of_the_inputs_never_changes_the_subgoal_results(pairs, random):
    subgoals = [{"delmal_id": f"D{i}", "mal_id": f"M{i % 2}"} for i in range(len(pairs))]
    assessments = [
        assessment(f"D{i}", period, status)
        for i, pair in enumerate(pairs)
        for period, status in zip(("2025-T1", "2025-T2"), pair, strict=True)
        if status
    ]
    expected = subgoal_results(
        make_dataset(subgoals=subgoals, assessments=assessments), Period(2025, 2)
    )
    random.shuffle(subgoals)
    random.shuffle(assessments)
    actual = subgoal_results(
        make_dataset(subgoals=subgoals, assessments=assessments), Period(2025, 2)
    )
    assert actual["delmal_id"].tolist() == [s["delmal_id"] for s in subgoals]
    pd.testing.assert_frame_equal(
        actual.sort_values("delmal_id").reset_index(drop=True),
        expected.sort_values("delmal_id").reset_index(drop=True),
    )


# ---- evidence check -------------------------------------------------------------------------


def evidence(subgoal_status, indicator_values, *, history=()):
    """Deviations for one delmål D1 whose indicators (target 100) have the given values now."""
    indicators = [
        {"indikator_id": f"I{i}", "namn": f"Indikator {i}", "malvarde": 100}
        for i in range(len(indicator_values))
    ]
    outcomes = [
        {"indikator_id": f"I{i}", "period": "2025-T2", "varde": v}
        for i, v in enumerate(indicator_values)
        if v is not None
    ]
    outcomes += [{"indikator_id": i, "period": "2025-T1", "varde": v} for i, v in history]
    dataset = make_dataset(
        indicators=indicators,
        outcomes=outcomes,
        subgoals=[{"delmal_id": "D1"}],
        assessments=[assessment("D1", "2025-T2", subgoal_status)] if subgoal_status else [],
    )
    period = Period(2025, 2)
    return evidence_deviations(subgoal_results(dataset, period), indicator_results(dataset, period))


def test_green_delmal_with_a_red_indicator_is_listed_with_the_red_ones():
    table = evidence("gron", [120, 10, 95, 20])
    assert list(table) == DEVIATION_COLUMNS
    row = table.iloc[0]
    assert row["avvikelse"] == Deviation.GREEN_SUBGOAL_RED_INDICATOR == "gron_delmal_rod_indikator"
    assert row["indikatorer"] == ["I1", "I3"]
    assert row["indikatornamn"] == ["Indikator 1", "Indikator 3"]
    assert (row["delmal_id"], row["mal_id"], row["status"]) == ("D1", "M1", "gron")


def test_red_delmal_whose_coloured_indicators_are_all_green_is_listed_with_the_green_ones():
    table = evidence("rod", [120, None, 100])  # I1 has no value: neutral, does not count
    row = table.iloc[0]
    assert row["avvikelse"] == Deviation.RED_SUBGOAL_GREEN_INDICATORS
    assert row["indikatorer"] == ["I0", "I2"]


@pytest.mark.parametrize(
    ("subgoal_status", "values"),
    [
        ("gul", [10, 10]),  # a yellow delmål with red indicators: the seed's own example
        ("rod", [120, 95]),  # one yellow: not all green
        ("rod", [120, 10]),
        ("rod", [None, None]),  # no coloured indicator at all
        ("gron", [120, 95, None]),
        (None, [10]),  # not assessed
        ("rod", []),
    ],
)
def test_delmal_agreeing_or_undecided_with_their_indicators_are_not_listed(subgoal_status, values):
    assert evidence(subgoal_status, values).empty


def test_only_the_report_period_counts_in_the_evidence_check():
    assert evidence("gron", [120], history=[("I0", 10)]).empty


def test_no_deviation_gives_an_empty_table_with_the_columns():
    assert list(evidence("gul", [10])) == DEVIATION_COLUMNS


def test_two_assessments_for_one_delmal_and_period_raise_rather_than_one_being_dropped():
    dataset = make_dataset(
        subgoals=[{"delmal_id": "D1"}],
        assessments=[assessment("D1", "2025-T2", "gul"), assessment("D1", "2025-T2", "rod")],
    )
    with pytest.raises(ValueError, match="two assessments"):
        subgoal_results(dataset, Period(2025, 2))
