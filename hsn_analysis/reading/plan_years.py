"""The checks of plans by year, run by the validator beside its own checks.

`mal`, `delmal` and `indikatorer` may have a column `ar`: the plan year of each row (an empty
cell is the settings' `ar`). An id appears once per year it is in the plan. A table without the
column belongs to every plan year; a dataset where no table has it is one plan, as before.

Across years: a delmål's mål and an indicator's delmål must be in the plan of the row's own year;
an assessment (and a unit's assessment, and a mål comment) must be of a delmål (mål) in the plan
its period is read under (`plans.plan_year_of`); an indicator's `ersatter` names an indicator of
an earlier plan that is not in its own year's plan. An outcome of an indicator no plan of its
period shows is kept, with a warning. Every problem is located as the validator locates its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np
import pandas as pd

from hsn_analysis import dataset as ds
from hsn_analysis.plans import PLAN_YEAR, REPLACES, PlanHistory, plan_view, plan_year_of
from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import parse_year
from hsn_analysis.vocabulary import Frequency, Severity
from hsn_analysis.words import plan_text as words

PLAN_TABLES = ("mal", "delmal", "indikatorer")
# Columns the validator accepts beside the dataset's own (they never reach the typed frames).
EXTRA_COLUMNS = {name: [PLAN_YEAR] for name in PLAN_TABLES}
_ID = {"mal": "mal_id", "delmal": "delmal_id", "indikatorer": "indikator_id"}
_WHAT = {"mal": "Målet", "delmal": "Delmålet"}


class _Validator(Protocol):
    """What these checks use of the validator that calls them with itself (`validation`)."""

    tables: dict[str, Any]
    parsed: dict[tuple[str, str], pd.Series]
    problems: list[Problem]
    settings_year: int | None

    def add(
        self,
        table: Any,
        column: str,
        mask: pd.Series,
        message: str | Callable[[str, int], str],
        severity: Severity = ...,
    ) -> None: ...


def check_plan_ids(v: _Validator, table: Any, column: str) -> bool:
    """In a plan table with a column `ar`: parse the years and check that an id is given once
    per plan year; False for any other table (the caller checks that each id is given once)."""
    if table.name not in PLAN_TABLES or PLAN_YEAR not in table.columns:
        return False
    text, filled = table.text(PLAN_YEAR), table.filled(PLAN_YEAR)
    parsed = text.map(lambda t: parse_year(t) if t else None)
    v.add(table, PLAN_YEAR, filled & parsed.isna(), words.MSG_PLAN_YEAR)
    default = np.nan if v.settings_year is None else float(v.settings_year)
    years = parsed.astype(float).where(filled, default)
    v.parsed[table.name, PLAN_YEAR] = years
    ids = table.text(column)
    keys = ids + "\x00" + years.astype(str)
    valid = table.filled(column) & years.notna()
    later = keys.duplicated() & valid
    if later.any():
        first = keys[valid & ~keys.duplicated()]
        first_row = dict(zip(first, first.index, strict=True))

        def message(value: str, row: int) -> str:
            year = int(years[row])
            return words.MSG_TWICE_IN_YEAR.format(
                column=column, id=value, first=first_row[keys[row]], year=year
            )

        v.add(table, column, later, message)
    return True


@dataclass(frozen=True)
class _Plans:
    """The plan years and, per plan table, each row's year (None: the table is in every year)."""

    years: tuple[int, ...]
    rows: dict[str, pd.Series | None]

    def members(self, v: _Validator, name: str) -> dict[str, set[int]]:
        """id → the plan years it is in."""
        table = v.tables[name]
        ids = table.text(_ID[name])
        row_years = self.rows.get(name)
        found: dict[str, set[int]] = {}
        if row_years is None:
            for id_ in ids[table.filled(_ID[name])]:
                found.setdefault(id_, set()).update(self.years)
            return found
        for id_, year in zip(ids, row_years, strict=True):
            if id_ and not np.isnan(year):
                found.setdefault(id_, set()).add(int(year))
        return found

    def plan_year(self, period: object) -> int | None:
        if not isinstance(period, str):
            return None
        return plan_year_of(self.years, int(period[:4]))


def _plans(v: _Validator) -> _Plans | None:
    """The plan years, when some plan table has `ar` and every plan table could be read."""
    if not all(name in v.tables for name in PLAN_TABLES):
        return None
    rows = {name: v.parsed.get((name, PLAN_YEAR)) for name in PLAN_TABLES}
    given = [r for r in rows.values() if r is not None]
    if not given:
        return None
    years = sorted({int(y) for r in given for y in r.dropna()})
    if not years:
        return None
    return _Plans(tuple(years), rows)


def _listed(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in sorted(years))


def check_across(v: _Validator) -> None:
    """The checks between years (nothing to check for a dataset of one plan)."""
    plans = _plans(v)
    if plans is None:
        return
    _check_same_year(v, plans, "delmal", "mal")
    _check_same_year(v, plans, "indikatorer", "delmal")
    subgoals, goals = plans.members(v, "delmal"), plans.members(v, "mal")
    for name, column, members, template in (
        ("bedomningar", "delmal_id", subgoals, words.MSG_ASSESSED_OUTSIDE_PLAN),
        ("enhetsbedomningar", "delmal_id", subgoals, words.MSG_ASSESSED_OUTSIDE_PLAN),
        ("malbedomningar", "mal_id", goals, words.MSG_GOAL_COMMENT_OUTSIDE_PLAN),
    ):
        _check_periods_in_plan(v, plans, name, column, members, template)
    _check_replaces(v, plans)
    _warn_outcomes_outside_plans(v, plans)


def _check_same_year(v: _Validator, plans: _Plans, name: str, parent: str) -> None:
    """Each row's parent id (a delmål's mål, an indicator's delmål) is in the row's year."""
    table, column = v.tables[name], _ID[parent]
    members = plans.members(v, parent)
    row_years = plans.rows[name]
    parents = table.text(column)
    missing: dict[int, int] = {}
    for row, parent_id in zip(table.index, parents, strict=True):
        known = members.get(parent_id)
        if not known:  # unknown everywhere: the validator's own reference check says so
            continue
        years = plans.years if row_years is None else (row_years[row],)
        for year in years:
            if not np.isnan(year) and int(year) not in known:
                missing[int(row)] = int(year)
                break
    v.add(
        table,
        column,
        table.index.to_series().isin(missing).set_axis(table.index),
        lambda value, row: words.MSG_NOT_IN_YEAR.format(
            what=_WHAT[parent],
            id=value,
            year=missing[row],
            years=_listed(members[value]),
            target=v.tables[parent].source,
        ),
    )


def _check_periods_in_plan(
    v: _Validator,
    plans: _Plans,
    name: str,
    column: str,
    members: dict[str, set[int]],
    template: str,
) -> None:
    """Each row's id is in the plan its period is read under."""
    codes = v.parsed.get((name, "period"))
    if name not in v.tables or codes is None:
        return
    table = v.tables[name]
    ids = table.text(column)
    year_of = {c: plans.plan_year(c) for c in codes.dropna().unique()}
    bad = pd.Series(
        [
            bool(members.get(id_)) and year_of.get(code) not in members[id_]
            for id_, code in zip(ids, codes, strict=True)
        ],
        index=table.index,
        dtype=bool,
    )
    bad &= codes.notna()
    v.add(
        table,
        column,
        bad,
        lambda value, row: template.format(
            id=value, year=year_of[codes[row]], period=codes[row], years=_listed(members[value])
        ),
    )


def _check_replaces(v: _Validator, plans: _Plans) -> None:
    table = v.tables["indikatorer"]
    if REPLACES not in table.columns:
        return
    members = plans.members(v, "indikatorer")
    row_years = plans.rows["indikatorer"]
    own, old = table.text("indikator_id"), table.text(REPLACES)
    kinds: dict[int, str] = {}
    for row in table.index[table.filled(REPLACES)]:
        year = plans.years[-1] if row_years is None else row_years[row]
        if np.isnan(year):
            continue
        known = members.get(old[row], set())
        if old[row] == own[row]:
            kinds[int(row)] = words.MSG_REPLACES_ITSELF
        elif int(year) in known:
            kinds[int(row)] = words.MSG_REPLACES_SAME_YEAR.format(id=old[row], year=int(year))
        elif not any(y < year for y in known):
            kinds[int(row)] = words.MSG_REPLACES_UNKNOWN.format(id=old[row])
    mask = table.index.to_series().isin(kinds).set_axis(table.index)
    v.add(table, REPLACES, mask, lambda _, row: kinds[row])


def _warn_outcomes_outside_plans(v: _Validator, plans: _Plans) -> None:
    codes = v.parsed.get(("utfall", "period"))
    if "utfall" not in v.tables or codes is None:
        return
    table, members = v.tables["utfall"], plans.members(v, "indikatorer")
    replaced = _replaced_in(v, plans)
    ids = table.text("indikator_id")
    pairs = pd.DataFrame({"id": ids.to_numpy(), "code": codes.to_numpy()}).dropna()
    outside: dict[tuple[str, str], int] = {}
    for id_, code in pairs.drop_duplicates().itertuples(index=False):
        year = plans.plan_year(code)
        known = members.get(id_)
        if known and year not in known and (id_, year) not in replaced:
            outside[id_, code] = int(year or 0)
    if not outside:
        return
    keys = pd.MultiIndex.from_arrays([ids.to_numpy(dtype=object), codes.to_numpy(dtype=object)])
    mask = pd.Series(keys.isin(pd.MultiIndex.from_tuples(list(outside))), index=table.index)
    v.add(
        table,
        "period",
        mask,
        lambda _, row: words.MSG_OUTCOME_OUTSIDE_PLAN.format(
            id=ids[row],
            year=outside[ids[row], codes[row]],
            period=codes[row],
            years=_listed(members[ids[row]]),
        ),
        Severity.WARNING,
    )


def _replaced_in(v: _Validator, plans: _Plans) -> set[tuple[str, int]]:
    """(replaced id, year) for each indicator replaced by one in that year's plan."""
    table = v.tables["indikatorer"]
    if REPLACES not in table.columns:
        return set()
    row_years = plans.rows["indikatorer"]
    found = set()
    for row in table.index[table.filled(REPLACES)]:
        years = plans.years if row_years is None else (row_years[row],)
        found |= {(table.text(REPLACES)[row], int(y)) for y in years if not np.isnan(y)}
    return found


def full_year_where_due(v: _Validator, ids: pd.Series, codes: pd.Series) -> pd.Series:
    """For the validator's helår check: False where the plan a row's period is read under has
    the indicator as a tertial one (a frequency may change between years); else True."""
    plans = _plans(v)
    frequency = v.parsed.get(("indikatorer", "frekvens"))
    if plans is None or frequency is None:
        return pd.Series(True, index=ids.index)
    table, row_years = v.tables["indikatorer"], plans.rows["indikatorer"]
    tertial: set[tuple[str, int]] = set()
    for row, id_ in zip(table.index, table.text("indikator_id"), strict=True):
        if frequency[row] == Frequency.TERTIAL.value:
            years = plans.years if row_years is None else (row_years[row],)
            tertial |= {(id_, int(y)) for y in years if not np.isnan(y)}
    return pd.Series(~_pairs_in(ids, codes, plans, tertial), index=ids.index, dtype=bool)


def _pairs_in(
    ids: pd.Series, codes: pd.Series, plans: _Plans, pairs: set[tuple[str, int]]
) -> np.ndarray:
    """Per row: is (id, plan year of its period) one of `pairs`? Vectorised: tables are long."""
    year_of = {c: plans.plan_year(c) for c in codes.dropna().unique()}
    years = codes.map(year_of).fillna(-1).astype(np.int64)
    keys = pd.MultiIndex.from_arrays([ids.to_numpy(dtype=object), years.to_numpy()])
    known = pd.MultiIndex.from_tuples(list(pairs)) if pairs else pd.MultiIndex.from_arrays([[], []])
    found: np.ndarray = keys.isin(known)
    return found


def outside_plans(v: _Validator, owner: str, expected: pd.Index, periods: list[str]) -> np.ndarray:
    """For the validator's missing-row warnings: True where an id of `owner` is not in the plan
    of a period (nothing is missing there); all False for a dataset of one plan."""
    plans = _plans(v)
    if plans is None or owner not in PLAN_TABLES:
        return np.zeros((len(expected), len(periods)), dtype=bool)
    members = plans.members(v, owner)
    years = [plans.plan_year(p) for p in periods]
    return np.array(
        [[year not in members.get(id_, set()) for year in years] for id_ in expected],
        dtype=bool,
    ).reshape(len(expected), len(periods))


@dataclass(frozen=True)
class RowYears:
    """Each plan table's row years in file order (None: every year), kept before the typed
    frames are built, and the plan years."""

    years: tuple[int, ...]
    rows: dict[str, np.ndarray | None]


def row_years(v: _Validator) -> RowYears | None:
    """The plan years of the rows, for `split` (None: a dataset of one plan)."""
    plans = _plans(v)
    if plans is None:
        return None
    rows = {n: None if r is None else r.to_numpy(dtype=float) for n, r in plans.rows.items()}
    return RowYears(plans.years, rows)


def split(dataset: ds.Dataset, found: RowYears | None) -> ds.Dataset:
    """The dataset of every year's plan: the history in `plans`, and as its own plan the plan
    the settings' year is read under."""
    if found is None:
        return dataset
    frames = {}
    for name, frame in (
        ("mal", dataset.goals),
        ("delmal", dataset.subgoals),
        ("indikatorer", dataset.indicators),
    ):
        years = found.rows[name]
        if years is None:
            parts = [frame.assign(**{PLAN_YEAR: year}) for year in found.years]
            frames[name] = pd.concat(parts, ignore_index=True)
        else:
            frames[name] = frame.assign(**{PLAN_YEAR: years.astype(np.int64)})
    history = PlanHistory(frames["mal"], frames["delmal"], frames["indikatorer"], dataset.outcomes)
    view = plan_view(history, dataset.settings.year)
    return replace(
        dataset,
        settings=replace(dataset.settings, year=view.year),
        goals=view.goals,
        subgoals=view.subgoals,
        indicators=view.indicators,
        outcomes=view.outcomes,
        plans=history,
    )
