"""Comparison with the regions: rank the right way round, median of the regions, riket apart."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hsn_analysis.rules.benchmark import COUNTRY, REGIONS, benchmark, rank_of
from hsn_analysis.rules.spc import Direction

OURS = "0024"
SORTED_REGIONS = sorted(REGIONS)


def rows(values: dict[str, float], year: int = 2024) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indikator_id": "I1",
            "ar": year,
            "omrade_id": list(values),
            "omrade": [f"Område {k}" for k in values],
            "varde": list(values.values()),
            "kpi": "N79176",
            "kpi_titel": "Titel",
            "hamtad": "2026-11-30T12:00:00+00:00",
        }
    )


def test_there_are_21_regions_and_riket_is_not_one_of_them():
    assert len(REGIONS) == 21
    assert COUNTRY not in REGIONS and OURS in REGIONS
    assert {"0002", "0011", "0015", "0016"}.isdisjoint(REGIONS)


def test_rank_counts_from_the_best_end_for_each_direction():
    # regions 1..21 have the values 1..21; ours (0024) is the 20th region: value 20
    values = {area: float(i + 1) for i, area in enumerate(SORTED_REGIONS)}
    assert values[OURS] == 20.0
    up = benchmark(rows(values), OURS, Direction.INCREASE)
    down = benchmark(rows(values), OURS, Direction.DECREASE)
    assert (up.rank, up.count) == (2, 21)  # only 21 is higher
    assert (down.rank, down.count) == (20, 21)  # 1 … 19 are lower
    assert up.median == 11.0
    assert benchmark(rows(values), OURS, Direction.NEUTRAL).rank is None


def test_riket_is_the_comparison_never_counted_among_the_regions():
    values = {area: 10.0 for area in SORTED_REGIONS} | {COUNTRY: 99.0, "G12345": 50.0}
    found = benchmark(rows(values), OURS, Direction.INCREASE)
    assert found.country == 99.0
    assert found.count == 21 and found.rank == 1  # ties share the best place
    assert found.median == 10.0
    assert COUNTRY not in found.regions.index


def test_the_latest_year_with_our_value_not_after_the_report_year_is_used():
    frame = pd.concat(
        [
            rows({OURS: 60.0, "0001": 70.0, COUNTRY: 65.0}, year=2023),
            rows({OURS: 62.0, "0001": 50.0}, year=2024),
            rows({"0001": 80.0}, year=2025),  # no value of ours yet
        ]
    )
    found = benchmark(frame, OURS, Direction.INCREASE)
    assert (found.year, found.own, found.rank, found.count) == (2024, 62.0, 1, 2)
    assert found.country is None  # riket has no value in 2024
    earlier = benchmark(frame, OURS, Direction.INCREASE, last_year=2023)
    assert (earlier.year, earlier.rank, earlier.country) == (2023, 2, 65.0)


def test_no_value_for_our_region_gives_no_comparison():
    assert benchmark(rows({"0001": 5.0}), OURS, Direction.INCREASE) is None
    assert benchmark(rows({OURS: float("nan")}), OURS, Direction.INCREASE) is None


@pytest.mark.parametrize("direction", [Direction.INCREASE, Direction.DECREASE])
@settings(deadline=None)  # a shared, busy machine: no per-example deadline
@given(st.lists(st.integers(0, 100), min_size=21, max_size=21))
def test_rank_lies_between_1_and_the_count_and_best_and_worst_are_mirrored(direction, values):
    series = pd.Series(values, index=SORTED_REGIONS, dtype=float)
    for own in series:
        rank = rank_of(own, series, direction)
        mirrored = Direction.DECREASE if direction is Direction.INCREASE else Direction.INCREASE
        assert 1 <= rank <= 21
        tied = int((series == own).sum())
        assert rank + rank_of(own, series, mirrored) + tied - 2 == 21
