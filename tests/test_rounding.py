"""Excel's rounding, one value at a time and over whole arrays, agree everywhere."""

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.rules.rounding import round_half_away, round_half_away_array


def _scalar(values, decimals):
    return np.array([float(round_half_away(v, decimals)) for v in values])


@given(
    st.lists(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), max_size=30),
    st.integers(min_value=0, max_value=4),
)
def test_vectorised_rounding_equals_round_half_away_on_random_floats(values, decimals):
    np.testing.assert_array_equal(
        round_half_away_array(values, decimals), _scalar(values, decimals)
    )


@settings(max_examples=300)
@given(
    st.integers(min_value=10**14, max_value=10**15 - 1),
    st.integers(min_value=-4, max_value=14),
    st.integers(min_value=-2, max_value=2),
    st.integers(min_value=0, max_value=3),
)
def test_vectorised_rounding_equals_round_half_away_next_to_ties(digits, exponent, ulps, decimals):
    # (digits + 0.5) is a tie at the 15th significant digit; step a few doubles either way.
    value = (digits + 0.5) * 10.0 ** (exponent - 14)
    for _ in range(abs(ulps)):
        value = np.nextafter(value, math.copysign(math.inf, ulps))
    assert round_half_away_array([value], decimals)[0] == _scalar([value], decimals)[0]


def test_vectorised_rounding_keeps_missing_values_missing():
    result = round_half_away_array([np.nan, 23.125, -23.125, 1.005, 0.285])
    assert np.isnan(result[0])
    assert result[1:].tolist() == [23.13, -23.13, 1.01, 0.29]
