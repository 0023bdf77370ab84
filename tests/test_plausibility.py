"""Implausible values: far from their indicator's own median, found without a median for every
indicator."""

import numpy as np
import pytest

from hsn_analysis.reading.plausibility import MAGNITUDE_FACTOR, implausible_magnitude


@pytest.mark.parametrize(
    ("values", "far"),
    [
        ([20, 21, 22, 23, 22_000_000], [False, False, False, False, True]),
        ([20, 21, 22, 23, 0.0001], [False, False, False, False, True]),
        ([20, 21, 22, 23, 1000], [False] * 5),  # 45 times: a big change, not a slip
        ([20, 20000], [False, False]),  # too short a history to judge
        ([0, 0, 0, 5, np.nan], [False] * 5),  # zeros and gaps are no yardstick
    ],
)
def test_a_value_is_far_only_when_a_thousand_times_off_a_history_of_three(values, far):
    keys = np.zeros(len(values), dtype=np.int64)
    found, _ = implausible_magnitude(keys, np.array(values, dtype=float))
    assert found.tolist() == far


def test_each_indicator_is_judged_against_its_own_values_only():
    keys = np.array([0, 0, 0, 1, 1, 1])
    values = np.array([1, 2, 3, 5000, 6000, 7000], dtype=float)
    found, median = implausible_magnitude(keys, values)
    assert not found.any()
    assert MAGNITUDE_FACTOR == 1000
    assert np.isnan(median).all()  # neither indicator spreads far enough to need a median
