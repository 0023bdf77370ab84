"""A unit's område has a history: which row of `enheter` holds in which period.

`enheter` may give a unit several rows, each with `giltig_fran`, the period from which it holds
("" = from the beginning) until the next row of the same unit. Periods are cumulative within a
year (T2 is January–August), so a period is compared by its code: a row holds in period P when
its `giltig_fran` is P or earlier, and the latest such row is the one in force. A unit with no
row in force in P did not exist then.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from hsn_analysis.dataset import UNIT_COLUMNS, UNIT_HISTORY_COLUMNS, Dataset, typed_empty
from hsn_analysis.periods import Period

FROM = "giltig_fran"


def _in_order(history: pd.DataFrame) -> pd.DataFrame:
    """The rows ordered by unit (in the order units first appear) and then by `giltig_fran`
    ("" first: codes such as 2025-T2 sort as the periods do)."""
    first = {unit: i for i, unit in reversed(list(enumerate(history["enhet_id"])))}
    return history.assign(
        _unit=history["enhet_id"].map(first), _from=history[FROM].astype(str)
    ).sort_values(["_unit", "_from"], kind="stable")


def units_at(history: pd.DataFrame, period: Period | None) -> pd.DataFrame:
    """One row per unit as `enheter` had it in `period` (None: the latest rows), in the order
    the units first appear; units that did not yet exist are left out."""
    rows = _in_order(history)
    if period is not None:
        rows = rows.loc[rows["_from"] <= period.code]
    rows = rows.drop_duplicates("_unit", keep="last")
    return rows[[c for c in UNIT_COLUMNS if c in rows]].reset_index(drop=True)


def latest_units(history: pd.DataFrame) -> pd.DataFrame:
    """Each unit's latest row: the organisation as it stands after every change."""
    return units_at(history, None)


def split_history(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`enheter` as read (with `giltig_fran`) as the Dataset's `units` (each unit's latest
    row) and `unit_history` (every row, kept only when some row has a `giltig_fran` or a unit
    has more than one row)."""
    changes = bool((rows[FROM] != "").any()) or bool(rows["enhet_id"].duplicated().any())
    history = rows.reset_index(drop=True) if changes else typed_empty(UNIT_HISTORY_COLUMNS)
    units = latest_units(rows) if changes else rows[UNIT_COLUMNS].reset_index(drop=True)
    return {"units": units, "unit_history": history}


def organised_for(dataset: Dataset, period: Period) -> Dataset:
    """The dataset with `units` as they were organised in `period` (unchanged when `enheter`
    has no history)."""
    if dataset.unit_history.empty:
        return dataset
    return replace(dataset, units=units_at(dataset.unit_history, period))
