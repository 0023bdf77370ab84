"""Each indicator's SPC signal and comparison for one report period, from a dataset."""

from __future__ import annotations

import math

import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.benchmark import Benchmark, benchmark
from hsn_analysis.rules.spc import SpcResult, analyse, direction_for
from hsn_analysis.vocabulary import TargetType

_TARGETED = (TargetType.AT_LEAST.value, TargetType.AT_MOST.value)


def indicator_signals(dataset: Dataset, period: Period) -> dict[str, SpcResult | None]:
    """indikator_id → the XmR signal of its values up to and including `period` (None: fewer
    than 12 points since the last restart)."""
    outcomes = dataset.outcomes[dataset.outcomes["period"] <= period.code]
    grouped = dict(tuple(outcomes.groupby("indikator_id", sort=False)))
    found: dict[str, SpcResult | None] = {}
    for indicator in dataset.indicators.itertuples(index=False):
        rows = grouped.get(indicator.indikator_id)
        if rows is None:
            found[indicator.indikator_id] = None
            continue
        series = pd.Series(rows["varde"].to_numpy(dtype=float), index=rows["period"].to_numpy())
        found[indicator.indikator_id] = analyse(
            series,
            indicator.maltyp,
            target=report_target(indicator, rows, period),
            restart=indicator.spc_fran or None,
        )
    return found


def report_target(indicator: object, rows: pd.DataFrame, period: Period) -> float | None:
    """The target of the report period: its outcome row's own, else the indicator's (None for
    öka, minska and ingen, which have none). `rows` are the indicator's outcomes."""
    if indicator.maltyp not in _TARGETED:  # type: ignore[attr-defined]
        return None
    own = rows.loc[rows["period"] == period.code, "malvarde"]
    if len(own) and not math.isnan(own.iloc[0]):
        return float(own.iloc[0])
    target = indicator.malvarde  # type: ignore[attr-defined]
    return None if pd.isna(target) else float(target)


def indicator_benchmarks(dataset: Dataset, period: Period) -> dict[str, Benchmark | None]:
    """indikator_id → its comparison with the regions for the latest year not after the
    report period's year (None: no comparison data, or none for our region)."""
    region = dataset.settings.kolada_id
    comparisons = dataset.comparisons
    grouped = dict(tuple(comparisons.groupby("indikator_id", sort=False)))
    found: dict[str, Benchmark | None] = {}
    for indicator in dataset.indicators.itertuples(index=False):
        rows = grouped.get(indicator.indikator_id)
        if rows is None or region is None:
            found[indicator.indikator_id] = None
            continue
        direction = direction_for(indicator.maltyp)
        found[indicator.indikator_id] = benchmark(rows, region, direction, period.year)
    return found
