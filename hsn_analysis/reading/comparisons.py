"""Checks of the Kolada and SPC additions: the optional columns of `indikatorer` and the
`jamforelser` input. Each returns the parsed columns and the problems as (column, rows, message)
for the validator to locate."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from hsn_analysis.reading.cells import (
    parse_area_id,
    parse_number_column,
    parse_period_column,
    parse_year,
)
from hsn_analysis.words.messages import MSG_NOT_NUMBER
from hsn_analysis.words.signals_text import (
    MSG_AREA_ID,
    MSG_KOLADA_GENDER,
    MSG_KOLADA_KPI,
    MSG_TWO_COMPARISONS,
    MSG_YEAR,
)

KPI_PATTERN = r"[A-Z][0-9]{5}"  # Kolada's key figures: N79176, U20462
GENDERS = ("T", "K", "M")

Column = Callable[[str], pd.Series]  # a column's text, or where it is filled, by name
Message = str | Callable[[str, int], str]
Found = tuple[dict[str, pd.Series], list[tuple[str, pd.Series, Message]]]


def check_signal_columns(text: Column, filled: Column) -> Found:
    """kolada_kpi (upper case), kolada_kon (T when empty) and spc_fran (a period code)."""
    kpi = text("kolada_kpi").str.upper()
    gender = text("kolada_kon").str.upper()
    codes, period_errors = parse_period_column(text("spc_fran"))
    problems: list[tuple[str, pd.Series, Message]] = [
        ("kolada_kpi", filled("kolada_kpi") & ~kpi.str.fullmatch(KPI_PATTERN), MSG_KOLADA_KPI),
        ("kolada_kon", filled("kolada_kon") & ~gender.isin(GENDERS), MSG_KOLADA_GENDER),
        ("spc_fran", text("spc_fran").isin(period_errors), lambda v, _: period_errors[v]),
    ]
    parsed = {
        "kolada_kpi": kpi,
        "kolada_kon": gender.where(filled("kolada_kon"), "T"),
        "spc_fran": codes.astype(object).fillna(""),
    }
    return parsed, problems


def check_comparisons(text: Column, filled: Column) -> Found:
    """`jamforelser`: a year, an area id and a number per row, once per indicator, year and
    area. Years are integers (pandas' Int64), area ids keep their four digits."""
    years = text("ar").map(lambda cell: parse_year(cell) if cell else None)
    areas = text("omrade_id").map(lambda cell: parse_area_id(cell) if cell else None)
    values = parse_number_column(text("varde"))
    problems: list[tuple[str, pd.Series, Message]] = [
        ("ar", years.isna() & filled("ar"), MSG_YEAR),
        ("omrade_id", areas.isna() & filled("omrade_id"), MSG_AREA_ID),
        ("varde", values.isna() & filled("varde"), MSG_NOT_NUMBER),
    ]
    ids = text("indikator_id")
    keys = ids + "|" + years.astype(str) + "|" + areas.astype(str)
    valid = filled("indikator_id") & years.notna() & areas.notna()
    later = keys.duplicated() & valid
    if later.any():
        first = keys[valid & ~keys.duplicated() & keys.isin(set(keys[later]))]
        first_row = dict(zip(first, first.index, strict=True))

        def message(_: str, row: int) -> str:
            return MSG_TWO_COMPARISONS.format(
                id=ids[row], area=areas[row], year=years[row], first=first_row[keys[row]]
            )

        problems.append(("omrade_id", later, message))
    return {"ar": years.astype("Int64"), "omrade_id": areas, "varde": values}, problems
