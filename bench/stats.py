"""Summary statistics of repeated timings: median and range, and ratios of paired runs."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """The median and the range of some repeated measurements."""

    median: float
    low: float
    high: float
    n: int


def spread(values: Sequence[float]) -> Spread:
    """Median, minimum and maximum; raises ValueError for no values."""
    if not values:
        raise ValueError("no values")
    return Spread(statistics.median(values), min(values), max(values), len(values))


def pair_ratios(numerators: Sequence[float], denominators: Sequence[float]) -> list[float]:
    """numerator[i] / denominator[i] for each pair of runs made one right after the other.

    Pairing cancels slow drifts of the machine (other load, CPU frequency) that would skew a
    ratio of two medians taken from runs minutes apart.
    """
    if len(numerators) != len(denominators):
        raise ValueError("the two series must have one value per pair")
    return [a / b for a, b in zip(numerators, denominators, strict=True)]
