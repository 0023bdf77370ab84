"""Counting delmål per status and one status per mål."""

import pandas as pd
import pytest
from builders import make_dataset
from hypothesis import given
from hypothesis import strategies as st

from hsn_analysis.periods import Period
from hsn_analysis.rules.rollup import ROLLUP_COLUMNS, StatusCounts, count_statuses, goal_rollup
from hsn_analysis.rules.subgoals import subgoal_results
from hsn_analysis.vocabulary import RollupRule

PERIOD = Period(2025, 2)


def rollup_of(goal_statuses, rule=None, dataset_rule=RollupRule.MAJORITY):
    """goal_rollup for goals given as {mal_id: [delmål status or None, …]}."""
    subgoals, assessments = [], []
    for goal, statuses in goal_statuses.items():
        for i, status in enumerate(statuses):
            delmal = f"{goal}.{i}"
            subgoals.append({"delmal_id": delmal, "mal_id": goal})
            if status:
                assessments.append({"delmal_id": delmal, "period": PERIOD.code, "status": status})
    dataset = make_dataset(
        subgoals=subgoals,
        assessments=assessments,
        goals=[{"mal_id": g} for g in goal_statuses],
        rollup_rule=dataset_rule,
    )
    return goal_rollup(dataset, subgoal_results(dataset, PERIOD), rule)


def status_of(statuses, rule=None):
    return rollup_of({"M1": statuses}, rule)["status"].iloc[0]


def test_count_statuses_counts_each_colour_and_the_rest_as_not_assessed():
    counts = count_statuses(pd.Series(["gron", "gul", "gul", "rod", "ej_bedomd", "gron", "gul"]))
    assert counts == StatusCounts(total=7, green=2, yellow=3, red=1, not_assessed=1)
    assert counts.assessed == 6
    assert count_statuses(pd.Series([], dtype="str")) == StatusCounts(0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["gron", "gron", "gul"], "gron"),
        (["gul", "gul", "gron", "rod"], "gul"),
        (["gron", "gul"], "gul"),  # a tie goes to the worse
        (["gron", "rod"], "rod"),
        (["gron", "gron", "rod", "rod", "gul"], "rod"),
        (["gron", "gul", "rod"], "rod"),
        (["gron", None, None, None], "gron"),  # not assessed never decides
        ([None, None], "ej_bedomd"),
    ],
)
def test_majority_rule_takes_the_most_common_assessed_status_and_a_tie_goes_to_the_worse(
    statuses, expected
):
    assert status_of(statuses, RollupRule.MAJORITY) == expected


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["gron", "gron", "gron", "rod"], "rod"),
        (["gron", "gul", "gron"], "gul"),
        (["gron", None], "gron"),
        ([None], "ej_bedomd"),
    ],
)
def test_worst_rule_takes_the_worst_assessed_status(statuses, expected):
    assert status_of(statuses, RollupRule.WORST) == expected


def test_a_goal_whose_delmal_are_all_not_assessed_is_not_assessed_but_counted():
    row = rollup_of({"M1": [None, None, None]}).iloc[0]
    assert (row["antal"], row["ej_bedomd"], row["status"]) == (3, 3, "ej_bedomd")


def test_a_goal_without_delmal_is_listed_with_zero_and_not_assessed():
    table = rollup_of({"M1": ["gron"], "M2": [], "M3": ["rod"]})
    assert table["mal_id"].tolist() == ["M1", "M2", "M3"]  # plan order
    row = table.iloc[1]
    assert (row["antal"], row["gron"], row["status"]) == (0, 0, "ej_bedomd")


def test_rollup_has_the_columns_of_the_contract_with_integer_counts():
    table = rollup_of({"M1": ["gron", "gul", "rod", None, "gul"]})
    assert list(table) == ROLLUP_COLUMNS
    counts = table.iloc[0][["antal", "gron", "gul", "rod", "ej_bedomd"]]
    assert counts.tolist() == [5, 1, 2, 1, 1]
    for column in ["antal", "gron", "gul", "rod", "ej_bedomd"]:
        assert pd.api.types.is_integer_dtype(table[column])


def test_the_rule_defaults_to_the_dataset_setting_and_can_be_given_by_name():
    goals = {"M1": ["gron", "gron", "rod"]}
    assert rollup_of(goals)["status"].iloc[0] == "gron"
    assert rollup_of(goals, dataset_rule=RollupRule.WORST)["status"].iloc[0] == "rod"
    assert rollup_of(goals, rule="sämsta")["status"].iloc[0] == "rod"
    overridden = rollup_of(goals, rule="majoritet", dataset_rule=RollupRule.WORST)
    assert overridden["status"].iloc[0] == "gron"


goal_plans = st.dictionaries(
    st.sampled_from(["M1", "M2", "M3", "M4"]),
    st.lists(st.sampled_from(["gron", "gul", "rod", None]), max_size=6),
    min_size=1,
)


@given(goal_plans, st.sampled_from(list(RollupRule)))
def test_rollup_counts_add_up_per_goal_and_overall(plan, rule):
    table = rollup_of(plan, rule)
    parts = table[["gron", "gul", "rod", "ej_bedomd"]].sum(axis=1)
    assert (parts == table["antal"]).all()
    assert table["antal"].tolist() == [len(plan[g]) for g in table["mal_id"]]
    assert table["antal"].sum() == sum(len(v) for v in plan.values())
    assigned = table["status"] != "ej_bedomd"
    assert (table.loc[assigned, ["gron", "gul", "rod"]].sum(axis=1) > 0).all()


def test_a_delmal_of_an_unknown_mal_raises_rather_than_being_left_out_of_the_counts():
    dataset = make_dataset(subgoals=[{"delmal_id": "D1", "mal_id": "M9"}], goals=[{"mal_id": "M1"}])
    subgoals = subgoal_results(dataset, Period(2025, 2))
    with pytest.raises(ValueError, match="not in the plan"):
        goal_rollup(dataset, subgoals)
