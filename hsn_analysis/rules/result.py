"""One tertial's result: every figure the outputs of a period show, computed once.

    result = compute_result(dataset, period)   # pure; the only caller of the builders below

`TertialResult` holds, for one dataset and one report period:

- `subgoals` (`subgoal_results`: each delmål's assessment, change and written analysis),
  `counts` (delmål per status) and `goals` (`goal_rollup`: each mål's counts and status);
- `indicators` (`indicator_results`: one row per indicator for the period, `rapportperiod`
  true, then every earlier row: the history the report's tables show) and `history(id)`;
- `deviations` (`evidence_deviations`), `signals` (SPC, by indikator_id) and `benchmarks`
  (the Kolada comparison, by indikator_id);
- `analyses` (the administration's own summary of the period) and `goal_comments` (the mål
  comments of the period);
- `units` (`UnitsResult`, None without basenheter): figures per område, the units' assessment
  counts, the unit × delmål matrix, who has not reported, and the units' deviations;
  `for_unit(unit_id)` is one unit's slice of them (`UnitResult`).

Who computes it: `hsn-report run` in its own process while the kernel starts, handing it to the
notebook with `save_result` / `load_result`; `hsn-report summary` and the analyst's
`hsn.load(path).tertial(period)` call `compute_result` themselves. Every output only reads it:
the report's sections, the run record, the summary JSON (`words.summary.summary_json`, its
projection), the mail and the index (both read the record), and the unit reports.

The result is immutable: the dataclass is frozen, the mappings are read-only, and every
DataFrame is handed out as a copy (its accessors), so no caller can change the result that the
other outputs read. Statuses are the codes of `vocabulary` (`gron`, `gul`, `rod`, …).
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from hsn_analysis.dataset import Dataset, without_addresses
from hsn_analysis.periods import Period
from hsn_analysis.rules.benchmark import Benchmark
from hsn_analysis.rules.fulfilment import indicator_results
from hsn_analysis.rules.rollup import StatusCounts, count_statuses, goal_rollup
from hsn_analysis.rules.signals import Signal, indicator_benchmarks, indicator_signals
from hsn_analysis.rules.subgoals import evidence_deviations, subgoal_results
from hsn_analysis.rules.unit_standing import gaps_of, own_assessments, standing, unit_row
from hsn_analysis.rules.units import (
    area_results,
    assessment_counts,
    missing_values,
    unit_deviations,
    unit_matrix,
)

__all__ = [
    "TertialResult",
    "UnitResult",
    "UnitsResult",
    "compute_result",
    "load_result",
    "save_result",
]


def _frozen(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy to hand out: changing it never changes the result."""
    return frame.copy(deep=False)  # copy-on-write (pandas 3): its changes stay its own


@dataclass(frozen=True)
class UnitResult:
    """One basenhet's part of a tertial's result (a slice of `UnitsResult`)."""

    unit_id: str
    name: str
    area: str
    responsible: str
    _assessments: pd.DataFrame  # unit_standing.own_assessments
    _standing: pd.DataFrame  # unit_standing.standing
    gaps: tuple[tuple[str, str], ...]  # unit_standing.not_reported: ("indikator"|"delmal", id)

    @property
    def assessments(self) -> pd.DataFrame:
        """The unit's own status of each delmål units assess, beside the board's."""
        return _frozen(self._assessments)

    @property
    def standing(self) -> pd.DataFrame:
        """The unit's values beside its område and the region, and its place in the område."""
        return _frozen(self._standing)

    @property
    def status_counts(self) -> dict[str, int]:
        """The unit's own statuses counted: gron, gul, rod and ej_rapporterat."""
        counts = self._assessments["status"].value_counts()
        return {key: int(counts.get(key, 0)) for key in ("gron", "gul", "rod", "ej_rapporterat")}


@dataclass(frozen=True)
class UnitsResult:
    """The basenheter's figures of the period (see `rules.units`)."""

    _areas: pd.DataFrame  # area_results: per aggregated indicator and område
    _counts: pd.DataFrame  # assessment_counts: per delmål and område
    _matrix: pd.DataFrame  # unit_matrix: units × delmål, index enhet_id
    _missing: pd.DataFrame  # missing_values: expected units without a value
    _deviations: pd.DataFrame  # unit_deviations

    @property
    def areas(self) -> pd.DataFrame:
        """Per aggregated indicator and område (then "" for the region): units, reported,
        value and (andel_ja) how many said ja."""
        return _frozen(self._areas)

    @property
    def counts(self) -> pd.DataFrame:
        """Per delmål units assess and område (then "" for all): their statuses counted."""
        return _frozen(self._counts)

    @property
    def matrix(self) -> pd.DataFrame:
        """Units × delmål: each unit's own status, or ej_rapporterat."""
        return _frozen(self._matrix)

    @property
    def missing(self) -> pd.DataFrame:
        """The expected units without a value for an aggregated indicator."""
        return _frozen(self._missing)

    @property
    def deviations(self) -> pd.DataFrame:
        """Delmål whose board assessment most reporting units contradict."""
        return _frozen(self._deviations)


@dataclass(frozen=True)
class TertialResult:
    """Every figure a tertial's outputs show (see the module docstring); read-only."""

    dataset: Dataset
    period: Period
    counts: StatusCounts
    _subgoals: pd.DataFrame
    _indicators: pd.DataFrame
    _goals: pd.DataFrame
    _deviations: pd.DataFrame
    _histories: dict[str, pd.DataFrame]
    _signals: dict[str, Signal]
    _benchmarks: dict[str, Benchmark | None]
    _analyses: pd.DataFrame
    _goal_comments: pd.DataFrame
    units: UnitsResult | None

    @property
    def signals(self) -> Mapping[str, Signal]:
        """indikator_id → its SPC signal up to the period (None: too few points)."""
        return MappingProxyType(self._signals)

    @property
    def benchmarks(self) -> Mapping[str, Benchmark | None]:
        """indikator_id → its comparison with the regions (None: no comparison)."""
        return MappingProxyType(self._benchmarks)

    @property
    def subgoals(self) -> pd.DataFrame:
        """One row per delmål in plan order (`subgoal_results`)."""
        return _frozen(self._subgoals)

    @property
    def indicators(self) -> pd.DataFrame:
        """Report-period rows (`rapportperiod`) then the history (`indicator_results`)."""
        return _frozen(self._indicators)

    @property
    def current_indicators(self) -> pd.DataFrame:
        """One row per indicator for the report period, in plan order."""
        frame = self._indicators
        return _frozen(frame.loc[frame["rapportperiod"].to_numpy(dtype=bool)])

    @property
    def goals(self) -> pd.DataFrame:
        """One row per mål: delmål counted per status and the mål's status (`goal_rollup`)."""
        return _frozen(self._goals)

    @property
    def deviations(self) -> pd.DataFrame:
        """Delmål whose assessment and indicators point opposite ways."""
        return _frozen(self._deviations)

    @property
    def analyses(self) -> pd.DataFrame:
        """The administration's own summary of the period: rubrik and text, in order."""
        return _frozen(self._analyses)

    @property
    def goal_comments(self) -> pd.DataFrame:
        """The mål comments of the period: mal_id, kommentar, forfattare, datum."""
        return _frozen(self._goal_comments)

    def history(self, indicator_id: str) -> pd.DataFrame:
        """One indicator's rows, report period first, then earlier periods newest first."""
        return _frozen(self._histories.get(indicator_id, self._indicators.iloc[0:0]))

    def for_unit(self, unit_id: str) -> UnitResult:
        """One unit's slice of the result; KeyError when the data has no such unit."""
        row = unit_row(self.dataset, unit_id)  # KeyError first, also without unit figures
        if self.units is None:
            raise KeyError(unit_id)
        units = self.units
        own = own_assessments(self.dataset, self.period, unit_id, units._matrix)
        values = standing(self.dataset, self.period, unit_id, units._areas)
        return UnitResult(
            unit_id=unit_id,
            name=str(row["namn"]),
            area=str(row["omrade"]),
            responsible=str(row["ansvarig"]),
            _assessments=own,
            _standing=values,
            gaps=tuple(gaps_of(own, values)),
        )


def _units_result(dataset: Dataset, period: Period, subgoals: pd.DataFrame) -> UnitsResult | None:
    if dataset.units.empty:
        return None
    counts = assessment_counts(dataset, period)
    return UnitsResult(
        _areas=area_results(dataset, period),
        _counts=counts,
        _matrix=unit_matrix(dataset, period),
        _missing=missing_values(dataset, period),
        _deviations=unit_deviations(subgoals, counts),
    )


def compute_result(dataset: Dataset, period: Period) -> TertialResult:
    """Every figure of `period`'s outputs from a validated dataset (pure), under the plan of
    the period's year: the result's `dataset` is that plan (`Dataset.plan_for`), so every output
    that reads it shows the delmål and indicators of that year."""
    dataset = dataset.plan_for(period.year)
    subgoals = subgoal_results(dataset, period)
    indicators = indicator_results(dataset, period)
    at = period.code
    return TertialResult(
        dataset=dataset,
        period=period,
        counts=count_statuses(subgoals["status"]),
        _subgoals=subgoals,
        _indicators=indicators,
        _goals=goal_rollup(dataset, subgoals),
        _deviations=evidence_deviations(subgoals, indicators),
        _histories=dict(tuple(indicators.groupby("indikator_id", sort=False))),
        _signals=indicator_signals(dataset, period),
        _benchmarks=indicator_benchmarks(dataset, period),
        _analyses=dataset.analyses.loc[dataset.analyses["period"] == at].reset_index(drop=True),
        _goal_comments=dataset.goal_assessments.loc[
            dataset.goal_assessments["period"] == at
        ].reset_index(drop=True),
        units=_units_result(dataset, period, subgoals),
    )


def save_result(result: TertialResult, path: Path) -> None:
    """Hand a computed result (and its checked dataset) to the report kernel.

    A pickle: the kernel runs the same code on the same machine, reads it within seconds, and
    the file lives only in the run's private working folder. The people's addresses stay
    behind: a report has no use for them, so none can end up in one.
    """
    kept = replace(result, dataset=without_addresses(result.dataset))
    with path.open("wb") as file:
        pickle.dump(kept, file, protocol=pickle.HIGHEST_PROTOCOL)


def load_result(path: Path) -> TertialResult:
    """The result that `save_result` wrote (only ever a file of this run's own runner)."""
    with path.open("rb") as file:
        result = pickle.load(file)  # trusted: written by this run's own runner
    if not isinstance(result, TertialResult):
        raise TypeError(f"{path} holds no tertial result")
    return result
