"""Each indicator's SPC signal and comparison for one report period, from a dataset.

What the signal is computed on depends on how the value was measured (`matning`): a value of
the tertial alone is charted as it is; a year-to-date count or sum by the tertial's own amount
(T1, T2 − T1, T3 − T2); a year-to-date share or average by the tertial's own ratio of
numerator and denominator when the data give them, else not at all. Running totals charted as
one series would set the limits by the calendar's sawtooth, not by the process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.benchmark import Benchmark, benchmark
from hsn_analysis.rules.spc import Bounds, SpcResult, analyse, direction_for
from hsn_analysis.vocabulary import Frequency, Measurement, TargetType

_TARGETED = (TargetType.AT_LEAST.value, TargetType.AT_MOST.value)
# Units that count or sum (their year-to-date values can be differenced); any other unit is
# read as a share, rate or average, which cannot.
AMOUNT_UNITS = frozenset({"", "st", "timmar", "tim", "kr", "kronor", "tkr", "mnkr", "mkr"})
AMOUNT_PREFIX = "antal"


class Basis(StrEnum):
    """What a signal was computed on (the summary JSON's `grund`)."""

    VALUE = "varde"  # the values as given
    TERTIAL_AMOUNT = "tertialbelopp"  # a year-to-date count's or sum's tertial amounts
    TERTIAL_RATIO = "tertialkvot"  # a year-to-date share's tertial ratio Δtäljare / Δnämnare
    NONE = "ingen"  # no signal; `NoSignal` says why


class NoSignal(StrEnum):
    """Why an indicator has no signal."""

    SHORT = "for_kort_serie"  # fewer than 12 points since the last restart
    YEAR_TO_DATE_RATIO = "hittills_i_ar_utan_taljare"  # a year-to-date share without parts


def is_percent(unit: str) -> bool:
    """A share in per cent."""
    return "%" in unit or unit.strip().lower() == "procent"


def is_amount(unit: str) -> bool:
    """A count or sum (antal …, timmar, kronor, or no unit): year-to-date values of it can be
    split into the tertials' own amounts. Shares, rates per inhabitant and averages cannot."""
    folded = unit.strip().lower()
    return folded in AMOUNT_UNITS or folded.startswith(AMOUNT_PREFIX)


def natural_bounds(unit: str, values: pd.Series) -> Bounds:
    """What the measure can take: a share 0–100 %, a count or sum never below 0 (only while
    every value charted is within them: data outside are warned about, not hidden)."""
    present = values.dropna()
    if is_percent(unit) and present.between(0, 100).all():
        return Bounds(0.0, 100.0)
    if is_amount(unit) and (present >= 0).all():
        return Bounds(0.0, None)
    return Bounds()


@dataclass(frozen=True)
class Signal:
    """One indicator's signal in a report period: how its values were measured, what the
    signal was computed on, and the signal itself (None, with the reason, when there is none).
    """

    measurement: Measurement
    basis: Basis
    result: SpcResult | None
    reason: NoSignal | None = None
    points: int = 0  # points available since the last restart

    @property
    def has_signal(self) -> bool:
        return self.result is not None


def measurement_of(indicator: object) -> Measurement:
    """The indicator's `matning` (tertial when empty)."""
    value = getattr(indicator, "matning", "") or Measurement.TERTIAL.value
    return Measurement(value)


def tertial_amounts(values: pd.Series) -> pd.Series:
    """Year-to-date values (indexed by period code) as the tertials' own amounts: T1 as is,
    T2 − T1, T3 − T2; a tertial whose previous tertial of the same year is missing has no
    amount (NaN)."""
    return _own_part(values)


def tertial_ratios(numerators: pd.Series, denominators: pd.Series, scale: float) -> pd.Series:
    """The tertials' own ratios of year-to-date sums: Δnumerator / Δdenominator × scale (NaN
    where a part is missing or the tertial's denominator is not positive)."""
    top, bottom = _own_part(numerators), _own_part(denominators)
    ratio = top / bottom.where(bottom > 0)
    return ratio * scale


def _own_part(values: pd.Series) -> pd.Series:
    periods = [Period.parse(code) for code in values.index]
    by_code = dict(zip(values.index, values.to_numpy(dtype=float), strict=True))
    own = []
    for period, value in zip(periods, values.to_numpy(dtype=float), strict=True):
        if period.tertial == 1:
            own.append(value)
            continue
        before = by_code.get(Period(period.year, period.tertial - 1).code, np.nan)
        own.append(value - before)
    return pd.Series(own, index=values.index, dtype=float)


def signal_series(indicator: object, rows: pd.DataFrame) -> tuple[Basis, pd.Series | None]:
    """What the signal of one indicator is computed on, and that series (None: no honest
    per-tertial series). `rows` are the indicator's outcomes in period order."""
    values = pd.Series(rows["varde"].to_numpy(dtype=float), index=rows["period"].to_numpy())
    frequency = getattr(indicator, "frekvens", Frequency.TERTIAL.value)
    if measurement_of(indicator) is Measurement.TERTIAL or frequency == Frequency.FULL_YEAR:
        return Basis.VALUE, values  # a full-year value is its year's, however it is measured
    unit = str(getattr(indicator, "enhet", ""))
    if is_amount(unit):
        return Basis.TERTIAL_AMOUNT, tertial_amounts(values)
    if "taljare" in rows and rows["taljare"].notna().any() and rows["namnare"].notna().any():
        index = rows["period"].to_numpy()
        numerators = pd.Series(rows["taljare"].to_numpy(dtype=float), index=index)
        denominators = pd.Series(rows["namnare"].to_numpy(dtype=float), index=index)
        scale = 100.0 if is_percent(unit) else 1.0
        return Basis.TERTIAL_RATIO, tertial_ratios(numerators, denominators, scale)
    return Basis.NONE, None


def indicator_signal(indicator: object, rows: pd.DataFrame, period: Period) -> Signal:
    """The signal of one indicator for `period`; `rows` are its outcomes up to that period."""
    measurement = measurement_of(indicator)
    basis, series = signal_series(indicator, rows)
    if series is None:
        return Signal(measurement, Basis.NONE, None, NoSignal.YEAR_TO_DATE_RATIO)
    restart = getattr(indicator, "spc_fran", "") or None
    available = series.dropna()
    if restart:
        available = available[available.index >= restart]
    unit = str(getattr(indicator, "enhet", ""))
    result = analyse(
        series,
        indicator.maltyp,  # type: ignore[attr-defined]
        target=report_target(indicator, rows, period),
        restart=restart,
        bounds=natural_bounds(unit, series),
        # The target of a year-to-date amount is set on the year to date, not on a tertial.
        target_comparable=basis is not Basis.TERTIAL_AMOUNT,
    )
    if result is None:
        return Signal(measurement, Basis.NONE, None, NoSignal.SHORT, len(available))
    return Signal(measurement, basis, result, None, len(available))


def indicator_signals(dataset: Dataset, period: Period) -> dict[str, Signal]:
    """indikator_id → its signal from its values up to and including `period`, for the
    indicators of the period's plan."""
    dataset = dataset.plan_for(period.year)
    outcomes = dataset.outcomes[dataset.outcomes["period"] <= period.code]
    outcomes = outcomes.sort_values("period", kind="stable")
    grouped = dict(tuple(outcomes.groupby("indikator_id", sort=False)))
    empty = outcomes.iloc[0:0]
    return {
        indicator.indikator_id: indicator_signal(
            indicator, grouped.get(indicator.indikator_id, empty), period
        )
        for indicator in dataset.indicators.itertuples(index=False)
    }


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
    dataset = dataset.plan_for(period.year)
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
        found_one = benchmark(rows, region, direction, period.year)
        if found_one is not None:
            unit = indicator.kolada_enhet
            found_one = replace(found_one, unit=unit, other_measure=other_measure(indicator))
        found[indicator.indikator_id] = found_one
    return found


def other_measure(indicator: object) -> bool:
    """Whether the Kolada key figure measures something else than the indicator: its unit
    (`kolada_enhet`) differs from the indicator's `enhet`, or is not given (then nothing says
    the two are the same measure)."""
    theirs = _folded_unit(getattr(indicator, "kolada_enhet", ""))
    return not theirs or theirs != _folded_unit(getattr(indicator, "enhet", ""))


def _folded_unit(unit: object) -> str:
    return " ".join(str(unit or "").lower().split())  # split() also takes hard spaces
