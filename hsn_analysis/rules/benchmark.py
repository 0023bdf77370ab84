"""Comparison with the other regions: our value beside riket's and the median region's, and
our rank among the 21 regions counted so that 1 is best in the indicator's direction."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from hsn_analysis.rules.spc import Direction

COUNTRY = "0000"  # riket: the comparison, never one of the regions
# Kolada's regions are 00 + the county code; the codes 02, 11, 15 and 16 are no longer used.
REGIONS: frozenset[str] = frozenset(
    f"{code:04d}" for code in (1, *range(3, 11), 12, 13, 14, *range(17, 26))
)


@dataclass(frozen=True)
class Benchmark:
    """One indicator's comparison for one year."""

    year: int
    region: str  # our area id
    own: float
    country: float | None
    median: float
    rank: int | None  # None when the direction is neutral: no region is "best"
    count: int  # regions with a value that year
    kpi: str
    title: str
    fetched: str
    regions: pd.Series  # every region's value that year, by area id
    unit: str = ""  # the key figure's unit (`kolada_enhet`; "" when not given)
    other_measure: bool = True  # the key figure measures something else than the indicator

    @property
    def source(self) -> str:
        """`Kolada N12345`, as the summary JSON names the source."""
        return f"Kolada {self.kpi}".strip() if self.kpi else "jamforelser"


def rank_of(own: float, others: pd.Series, direction: Direction) -> int | None:
    """1 + the number of regions strictly better than `own` (ties share a place)."""
    if direction is Direction.NEUTRAL:
        return None
    better = others > own if direction is Direction.INCREASE else others < own
    return 1 + int(better.sum())


def benchmark(
    comparisons: pd.DataFrame,
    region: str,
    direction: Direction,
    last_year: int | None = None,
) -> Benchmark | None:
    """The comparison of the latest year (not after `last_year`) in which our `region` has a
    value; None when it has none. `comparisons` holds one indicator's `jamforelser` rows."""
    rows = comparisons[comparisons["varde"].notna()]
    if last_year is not None:
        rows = rows[rows["ar"] <= last_year]
    own_rows = rows[rows["omrade_id"] == region]
    if own_rows.empty or region not in REGIONS:
        return None
    year = int(own_rows["ar"].max())
    that_year = rows[rows["ar"] == year]
    regions = that_year[that_year["omrade_id"].isin(REGIONS)]
    values = pd.Series(regions["varde"].to_numpy(dtype=float), index=regions["omrade_id"])
    own = float(values[region])
    country_rows = that_year.loc[that_year["omrade_id"] == COUNTRY, "varde"]
    country = float(country_rows.iloc[0]) if len(country_rows) else None
    first = own_rows[own_rows["ar"] == year].iloc[0]
    return Benchmark(
        year=year,
        region=region,
        own=own,
        country=None if country is None or math.isnan(country) else country,
        median=float(values.median()),
        rank=rank_of(own, values, direction),
        count=len(values),
        kpi=str(first["kpi"]),
        title=str(first["kpi_titel"]),
        fetched=str(first["hamtad"]),
        regions=values.sort_index(),
    )
