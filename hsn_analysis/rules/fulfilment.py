"""Indicator fulfilment (måluppfyllelse) and status per indicator and period.

Everything here is vectorised over numpy arrays: a board's history can hold millions of outcome
rows, so no Python loop runs per outcome or per indicator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.periods import Period
from hsn_analysis.rules.rounding import round_half_away_array
from hsn_analysis.vocabulary import Frequency, IndicatorStatus, TargetType

RESULT_COLUMNS = [
    "indikator_id",
    "delmal_id",
    "namn",
    "enhet",
    "maltyp",
    "frekvens",
    "period",
    "rapportperiod",
    "varde",
    "malvarde",
    "gul_fran",
    "jamforelsevarde",
    "uppfyllelse",
    "status",
    "senaste_helar_varde",
    "senaste_helar_ar",
    "kommentar",  # the outcome row's own comment ("" when none), shown beside its value
]

# Status codes are computed as small ints and turned into the IndicatorStatus values at the end.
_STATUSES = list(IndicatorStatus)
_CODE = {status: i for i, status in enumerate(_STATUSES)}


def _floats(series: pd.Series) -> np.ndarray:
    values: np.ndarray = series.to_numpy(dtype=float, na_value=np.nan)
    return values


def _flags(series: pd.Series, value: str) -> np.ndarray:
    flags: np.ndarray = series.eq(value).to_numpy(dtype=bool, na_value=False)
    return flags


def _fulfilment(
    at_least: np.ndarray, at_most: np.ndarray, value: np.ndarray, target: np.ndarray
) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # tiny targets → inf
        # NaN compares False, so missing values and targets fall out of both masks.
        from_min = at_least & (target > 0) & ~np.isnan(value)
        from_max = at_most & (target > 0) & (value > 0)
        result = np.where(from_min, 100.0 * value / target, np.nan)
        return np.where(from_max, 100.0 * target / value, result)


def fulfilment(target_type: pd.Series, value: pd.Series, target: pd.Series) -> pd.Series:
    """Måluppfyllelse in %, element by element; the inputs align by position.

    `minst`: 100 × value / target; `högst`: 100 × target / value. NaN for `öka`, `minska` and
    `ingen`, for a missing value or target, for a target <= 0 (no percentage: the status compares
    value and target directly) and for `högst` with a value <= 0 (the target is met).
    """
    result = _fulfilment(
        _flags(target_type, TargetType.AT_LEAST),
        _flags(target_type, TargetType.AT_MOST),
        _floats(value),
        _floats(target),
    )
    return pd.Series(result, index=value.index, name="uppfyllelse")


def _ordinal(period: Period) -> int:
    return period.year * 3 + period.tertial - 1


def _status_codes(
    frame: dict[str, np.ndarray], shown: np.ndarray, yellow_from: np.ndarray
) -> np.ndarray:
    """The status code of every row: the rules in order of precedence, the first match wins."""
    value, target, last = frame["value"], frame["target"], frame["last_year"]
    at_least, at_most = frame["at_least"], frame["at_most"]
    increase, decrease = frame["increase"], frame["decrease"]
    trend = increase | decrease
    goal = at_least | at_most
    with np.errstate(invalid="ignore"):
        better = (increase & (value > last)) | (decrease & (value < last))
        worse = (increase & (value < last)) | (decrease & (value > last))
        no_percentage = goal & (target <= 0)
        meets_directly = np.where(at_least, value >= target, value <= target)
        rules = [
            (frame["not_due"], IndicatorStatus.NOT_DUE),
            (np.isnan(value), IndicatorStatus.MISSING_VALUE),
            (frame["no_target"], IndicatorStatus.NO_TARGET),
            (goal & np.isnan(target), IndicatorStatus.MISSING_TARGET),
            (trend & np.isnan(last), IndicatorStatus.MISSING_COMPARISON),
            (better, IndicatorStatus.GREEN),
            (worse, IndicatorStatus.RED),
            (trend, IndicatorStatus.YELLOW),  # unchanged
            (no_percentage & meets_directly, IndicatorStatus.GREEN),
            (no_percentage, IndicatorStatus.RED),
            (at_most & (value <= 0), IndicatorStatus.GREEN),  # nothing at all: target met
            # Judged on the figure the report shows, so a shown "100" is never yellow.
            (goal & (shown >= 100), IndicatorStatus.GREEN),
            (goal & (shown >= yellow_from), IndicatorStatus.YELLOW),
            (goal, IndicatorStatus.RED),
        ]
    return np.select(
        [condition for condition, _ in rules],
        [_CODE[status] for _, status in rules],
        default=_CODE[IndicatorStatus.NO_TARGET],  # unknown maltyp (validation stops it): neutral
    )


def indicator_results(dataset: Dataset, period: Period) -> pd.DataFrame:
    """One row per indicator for `period` plus one per outcome of every earlier period.

    Rows come in plan order, and within an indicator newest period first. Status follows §5.1 in
    this precedence: helår indicator in T1/T2 → `helar`; no value → `utfall_saknas`; maltyp
    `ingen` → `ingen`; minst/högst without target → `malvarde_saknas`; öka/minska without last
    year's value → `jamforelse_saknas`; öka/minska by the direction of change (equal → yellow);
    target <= 0 → value compared with the target directly; högst with value <= 0 → green;
    otherwise green when the fulfilment *as shown* (rounded half away from zero to two decimals,
    `round_half_away_array`) is >= 100, yellow when >= `gul_fran`, else red.

    Outcomes of later periods are not shown. Two outcome rows for the same indicator and period
    (which validation rejects) raise ValueError rather than losing one of them. The plan is that
    of the period's year (`Dataset.plan_for`); an indicator that replaces another (`ersatter`)
    is never compared with a value from before its break (`spc_fran`, set there by the plan).
    """
    dataset = dataset.plan_for(period.year)
    indicators = dataset.indicators.reset_index(drop=True)
    outcomes = dataset.outcomes
    grid = _OutcomeGrid(indicators["indikator_id"], outcomes, period)
    pos, rank, source = grid.rows()
    ordinal = grid.ordinals[rank]
    is_report = rank == 0

    out_value = np.append(_floats(outcomes["varde"]), np.nan)  # source -1 → NaN
    out_target = np.append(_floats(outcomes["malvarde"]), np.nan)
    kind = indicators["maltyp"]
    full_year = _flags(indicators["frekvens"], Frequency.FULL_YEAR)
    own_target = _floats(indicators["malvarde"])
    own_yellow = _floats(indicators["gul_fran"])
    yellow_from = np.where(np.isnan(own_yellow), dataset.settings.yellow_from, own_yellow)[pos]
    value = out_value[source]
    target = np.where(np.isnan(out_target[source]), own_target[pos], out_target[source])
    last_year = out_value[grid.last_year(pos, rank)]
    last_year = np.where(_across_break(indicators, grid, pos, rank), np.nan, last_year)
    not_due = full_year[pos] & (ordinal % 3 != 2)
    frame = {
        "value": value,
        "target": target,
        "last_year": last_year,
        "not_due": not_due,
        "at_least": _flags(kind, TargetType.AT_LEAST)[pos],
        "at_most": _flags(kind, TargetType.AT_MOST)[pos],
        "increase": _flags(kind, TargetType.INCREASE)[pos],
        "decrease": _flags(kind, TargetType.DECREASE)[pos],
        "no_target": _flags(kind, TargetType.NONE)[pos],
    }
    result = _fulfilment(frame["at_least"], frame["at_most"], value, target)
    codes = _status_codes(frame, round_half_away_array(result, 2), yellow_from)

    latest_row, latest_year = grid.latest_full_year(out_value[:-1])
    show_latest = is_report & not_due
    latest_value = out_value[latest_row]
    columns = {
        "indikator_id": indicators["indikator_id"].array.take(pos),
        "delmal_id": indicators["delmal_id"].array.take(pos),
        "namn": indicators["namn"].array.take(pos),
        "enhet": indicators["enhet"].array.take(pos),
        "maltyp": kind.array.take(pos),
        "frekvens": indicators["frekvens"].array.take(pos),
        "period": pd.array(grid.codes, dtype="str").take(rank),
        "rapportperiod": is_report,
        "varde": value,
        "malvarde": target,
        "gul_fran": yellow_from,
        "jamforelsevarde": last_year,
        "uppfyllelse": result,
        "status": pd.array([s.value for s in _STATUSES], dtype="str").take(codes),
        "senaste_helar_varde": np.where(show_latest, latest_value[pos], np.nan),
        "senaste_helar_ar": np.where(show_latest, latest_year[pos], np.nan),
        "kommentar": _comments(outcomes).take(source),
    }
    # Extension arrays taken from the dataset's own columns keep their dtype, no re-inference.
    return pd.DataFrame(columns, columns=RESULT_COLUMNS, copy=False)


def _across_break(
    indicators: pd.DataFrame, grid: _OutcomeGrid, pos: np.ndarray, rank: np.ndarray
) -> np.ndarray:
    """True where a row is at or after its indicator's break and its same period last year
    before it: the value there is the replaced indicator's, another measure."""
    if "ersatter" not in indicators.columns:
        return np.zeros(len(pos), dtype=bool)
    replacing = (indicators["ersatter"] != "").to_numpy(dtype=bool)
    if not replacing.any():
        return np.zeros(len(pos), dtype=bool)
    breaks = np.array(
        [_ordinal(Period.parse(c)) if c else -1 for c in indicators["spc_fran"]], dtype=np.int64
    )
    ordinal = grid.ordinals[rank]
    across = (ordinal >= breaks[pos]) & (ordinal - 3 < breaks[pos])
    result: np.ndarray = replacing[pos] & across
    return result


def _comments(outcomes: pd.DataFrame) -> pd.api.extensions.ExtensionArray:
    """The outcomes' comments with "" appended, so that source -1 (no outcome) takes ""."""
    texts = outcomes["kommentar"].fillna("").astype("str").array
    return pd.concat([pd.Series(texts), pd.Series([""], dtype=texts.dtype)]).array


class _OutcomeGrid:
    """Outcome row numbers laid out as indicator × period, periods newest first.

    Only the report period and the earlier periods present in the data get a column (a handful),
    so the grid is small, and reading it in order gives the report's row order without sorting.
    """

    def __init__(self, indicator_ids: pd.Series, outcomes: pd.DataFrame, period: Period) -> None:
        report = _ordinal(period)
        row_ind = pd.Index(indicator_ids).get_indexer(outcomes["indikator_id"])
        # Validation rejects outcomes of unknown indicators; never leave one out silently.
        if (row_ind < 0).any():
            raise ValueError("utfall: an outcome names an indicator that is not in the plan")
        period_codes, uniques = pd.factorize(outcomes["period"])
        unique_ord = np.array([_ordinal(Period.parse(code)) for code in uniques], dtype=np.int64)
        earlier = np.unique(unique_ord[unique_ord < report])[::-1]
        self.ordinals = np.concatenate([[report], earlier]).astype(np.int64)
        self.codes = [f"{o // 3}-T{o % 3 + 1}" for o in self.ordinals]
        self.width = len(self.ordinals)
        self.n = len(indicator_ids)
        # rank of each unique period in self.ordinals; -1 for later periods (never shown)
        lookup = pd.Index(self.ordinals)
        unique_rank = np.append(lookup.get_indexer(unique_ord), -1)  # period code -1 → -1
        row_rank = unique_rank[period_codes]
        used = np.flatnonzero(row_rank >= 0)  # later periods are not shown
        self.grid = np.full(self.n * self.width, -1, dtype=np.int64)
        self.grid[row_ind[used] * self.width + row_rank[used]] = used
        if np.count_nonzero(self.grid >= 0) != len(used):
            raise ValueError("utfall: two outcome rows for the same indicator and period")
        # rank of the same period last year (ordinal - 3); -1 when that period is not present
        self.last_year_rank = lookup.get_indexer(self.ordinals - 3)

    def rows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Indicator position, period rank and outcome row (-1: none) of every result row."""
        shown = self.grid >= 0
        shown[:: self.width] = True  # every indicator has a report-period row
        slots = np.flatnonzero(shown)
        return slots // self.width, slots % self.width, self.grid[slots]

    def last_year(self, pos: np.ndarray, rank: np.ndarray) -> np.ndarray:
        """Outcome row of the same period last year for each (indicator, period); -1: none."""
        target_rank = self.last_year_rank[rank]
        found = self.grid[pos * self.width + np.maximum(target_rank, 0)]
        return np.where(target_rank >= 0, found, -1)

    def latest_full_year(self, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per indicator: the outcome row (-1: none) and year of the newest earlier T3 value."""
        full_year = np.flatnonzero((self.ordinals % 3 == 2) & (np.arange(self.width) > 0))
        if full_year.size == 0 or self.n == 0:
            return np.full(self.n, -1), np.full(self.n, np.nan)
        rows = self.grid.reshape(self.n, self.width)[:, full_year]
        present = rows >= 0
        present[present] = ~np.isnan(value[rows[present]])
        first = present.argmax(axis=1)  # columns run newest first
        found = present[np.arange(self.n), first]
        latest_row = np.where(found, rows[np.arange(self.n), first], -1)
        latest_year = np.where(found, self.ordinals[full_year][first] // 3, np.nan)
        return latest_row, latest_year
