"""The checks of the basenheter tables (`enheter`, `enhetsutfall`, `enhetsbedomningar`) and of
the indicators' `aggregering` and `omrade`, run by the validator beside its own checks.

Every problem is located as the validator locates its own (file or sheet, Excel row, column,
value). The rules: a unit value needs an aggregated indicator and a known unit of the
indicator's område; one value per indicator, unit and period and one assessment per delmål,
unit and period; and an aggregated indicator's board value comes either from the units or from
`utfall` for a period, never from both. A unit that has not answered is "ej rapporterat" (no
row, or those words), never read as nej or 0.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import replace
from typing import Any, Protocol

import numpy as np
import pandas as pd

from hsn_analysis import dataset as ds
from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import (
    STATUS_WORDS,
    _words,
    fold,
    parse_date_column,
    parse_number_column,
)
from hsn_analysis.reading.file_names import check_file_names
from hsn_analysis.reading.unit_history import AreaHistory, check_unit_rows
from hsn_analysis.rules.unit_history import split_history
from hsn_analysis.rules.units import with_board_values
from hsn_analysis.vocabulary import Aggregation, Severity
from hsn_analysis.words.messages import MSG_DATE, MSG_NOT_NUMBER, MSG_STATUS
from hsn_analysis.words.unit_text import (
    MSG_AGGREGATION,
    MSG_AREA_WITHOUT_AGGREGATION,
    MSG_NOT_AGGREGATED,
    MSG_OUTSIDE_AREA,
    MSG_TWO_SOURCES,
    MSG_TWO_UNIT_ASSESSMENTS,
    MSG_TWO_UNIT_VALUES,
    MSG_UNIT_TABLE_ALONE,
    MSG_UNKNOWN_AREA,
    MSG_YES_NO,
    NOT_REPORTED_WORDS,
)


class _Validator(Protocol):
    """What these checks use of the checks that call them with themselves (`table_checks`);
    a table is its `_Table`."""

    tables: dict[str, Any]
    parsed: dict[tuple[str, str], pd.Series]
    problems: list[Problem]

    def add(
        self, table: Any, column: str, mask: pd.Series, message: str | Callable[[str, int], str]
    ) -> None: ...

    def words(self, table: Any, column: str, words: dict[str, str], message: str) -> pd.Series: ...

    def check_periods(self, table: Any, id_column: str, duplicate_message: str) -> pd.Series: ...

    def check_full_year(self, table: Any, codes: pd.Series) -> None: ...


_Table = Any

UNIT_TABLES = ("enheter", "enhetsutfall", "enhetsbedomningar")
# The validator's tables, merged into its own: columns, required ones, ids and references.
COLUMNS = {
    "enheter": ds.UNIT_HISTORY_COLUMNS,
    "enhetsutfall": ds.UNIT_OUTCOME_COLUMNS,
    "enhetsbedomningar": ds.UNIT_ASSESSMENT_COLUMNS,
}
REQUIRED = {
    "enheter": ("enhet_id", "namn", "omrade"),
    "enhetsutfall": ("indikator_id", "enhet_id", "period", "varde"),
    "enhetsbedomningar": ("delmal_id", "enhet_id", "period", "status"),
}
ID_COLUMN: dict[str, str] = {}  # enhet_id may repeat with giltig_fran: see unit_history
REFERENCES = {
    ("enhetsutfall", "indikator_id"): "indikatorer",
    ("enhetsutfall", "enhet_id"): "enheter",
    ("enhetsbedomningar", "delmal_id"): "delmal",
    ("enhetsbedomningar", "enhet_id"): "enheter",
}
_FIELDS = {
    "enheter": "units",
    "enhetsutfall": "unit_outcomes",
    "enhetsbedomningar": "unit_assessments",
}
_AGGREGATION_SPELLINGS: dict[str, tuple[str, ...]] = {
    a.value: (a.value, a.value.replace("_", " ")) for a in Aggregation
}
_AGGREGATION_SPELLINGS[Aggregation.MEAN.value] = ("medel", "medelvärde")
AGGREGATION_WORDS = _words(_AGGREGATION_SPELLINGS)
YES_NO_WORDS = {"ja": 1.0, "1": 1.0, "nej": 0.0, "0": 0.0}
_NOT_REPORTED = {fold(w) for w in NOT_REPORTED_WORDS}
_KEY = "_nyckel"  # a column of the compound key, only while duplicates are checked


def check_indicator_columns(v: _Validator, table: _Table) -> None:
    """`aggregering` as a code ("" when empty) and `omrade` only beside an aggregation."""
    codes = v.words(table, "aggregering", AGGREGATION_WORDS, MSG_AGGREGATION)
    v.parsed["indikatorer", "aggregering"] = codes.astype(object).where(codes.notna(), "")
    v.add(
        table,
        "omrade",
        table.filled("omrade") & ~table.filled("aggregering"),
        MSG_AREA_WITHOUT_AGGREGATION,
    )


def check_unit_table(v: _Validator, table: _Table) -> None:
    """The checks of one of the three unit tables that need no other unit table."""
    if table.name == "enheter":
        # Required cells are checked by the validator; an id names a folder.
        check_file_names(v, table, "enhet_id")
        check_unit_rows(v, table)  # one row per unit and giltig_fran
        return
    if "enheter" not in v.tables:
        message = MSG_UNIT_TABLE_ALONE.format(table=table.name)
        v.problems.append(Problem(Severity.ERROR, table.source, message))
    subject = "indikator_id" if table.name == "enhetsutfall" else "delmal_id"
    template = MSG_TWO_UNIT_VALUES if table.name == "enhetsutfall" else MSG_TWO_UNIT_ASSESSMENTS
    ids, units = table.text(subject), table.text("enhet_id")
    table.columns[_KEY] = (ids + " för enheten " + units).where(
        table.filled(subject) & table.filled("enhet_id"), ""
    )
    codes = v.check_periods(table, _KEY, template)
    del table.columns[_KEY]
    table._filled.pop(_KEY, None)
    if table.name == "enhetsutfall":
        v.check_full_year(table, codes)
        v.parsed[table.name, "varde"] = _unit_values(v, table)
    else:
        v.parsed[table.name, "status"] = v.words(table, "status", STATUS_WORDS, MSG_STATUS)
        datum = parse_date_column(table.text("datum"))
        v.add(table, "datum", datum.isna() & table.filled("datum"), MSG_DATE)
        v.parsed[table.name, "datum"] = datum


def _unit_values(v: _Validator, table: _Table) -> pd.Series:
    """Each unit value as a number: ja/nej as 1/0 for `andel_ja`, NaN when not reported."""
    text = table.text("varde")
    aggregation = _aggregations(v)
    ids = table.text("indikator_id")
    kind = ids.map(aggregation)  # NaN: an indicator not in the plan (reported as unknown)
    not_reported = text.map(lambda t: fold(t) in _NOT_REPORTED).astype(bool)
    share = kind.eq(Aggregation.SHARE_YES.value).to_numpy(dtype=bool)
    yes_no = text.map(lambda t: YES_NO_WORDS.get(fold(t), np.nan)).astype(float)
    numbers = parse_number_column(text)
    values = pd.Series(np.where(share, yes_no, numbers), index=text.index, dtype=float)
    values[not_reported] = np.nan
    unread = values.isna() & table.filled("varde") & ~not_reported
    v.add(
        table,
        "varde",
        unread & share,
        lambda _, row: MSG_YES_NO.format(id=ids[row]),
    )
    v.add(table, "varde", unread & ~share & kind.notna(), MSG_NOT_NUMBER)
    plain = kind.eq("") & table.filled("indikator_id")
    v.add(table, "indikator_id", plain, lambda value, _: MSG_NOT_AGGREGATED.format(id=value))
    return values


def _aggregations(v: _Validator) -> dict[str, str]:
    if "indikatorer" not in v.tables or ("indikatorer", "aggregering") not in v.parsed:
        return {}
    ids = v.tables["indikatorer"].text("indikator_id")
    return dict(zip(ids, v.parsed["indikatorer", "aggregering"], strict=True))


def check_across(v: _Validator) -> set[tuple[str, str]]:
    """The checks between tables; returns the (indicator, period) pairs whose board value the
    units give, which therefore need no `utfall` row."""
    if "enheter" not in v.tables or "indikatorer" not in v.tables:
        return set()
    units, indicators = v.tables["enheter"], v.tables["indikatorer"]
    history = AreaHistory(v)  # a unit's område in each period
    for name in UNIT_TABLES[1:]:
        history.check_not_before(v, name)
    areas = history.areas()
    known = {fold(a) for a in areas}
    area_text = indicators.text("omrade")
    v.add(
        indicators,
        "omrade",
        indicators.filled("omrade") & ~area_text.map(lambda a: fold(a) in known).astype(bool),
        MSG_UNKNOWN_AREA.format(units=units.source, areas=", ".join(areas) or "inga"),
    )
    indicator_area = dict(zip(indicators.text("indikator_id"), area_text, strict=True))
    if "enhetsutfall" not in v.tables:
        return set()
    values = v.tables["enhetsutfall"]
    ids, unit_ids = values.text("indikator_id"), values.text("enhet_id")
    periods = v.parsed.get(("enhetsutfall", "period"), pd.Series(np.nan, index=values.index))

    def area_of(row: int) -> str | None:
        return history.area_at(unit_ids[row], periods[row])

    def outside(row: int) -> bool:
        expected, area = indicator_area.get(ids[row], ""), area_of(row)
        return bool(expected) and area is not None and fold(area) != fold(expected)

    mask = pd.Series([outside(row) for row in values.index], index=values.index, dtype=bool)
    v.add(
        values,
        "enhet_id",
        mask,
        lambda unit, row: MSG_OUTSIDE_AREA.format(
            unit=unit, area=area_of(row), id=ids[row], expected=indicator_area[ids[row]]
        ),
    )
    return _check_two_sources(v, values)


def _check_two_sources(v: _Validator, values: _Table) -> set[tuple[str, str]]:
    codes = v.parsed.get(("enhetsutfall", "period"))
    if codes is None:
        return set()
    ids = values.text("indikator_id")
    first_row: dict[tuple[str, str], int] = {}
    for row, pair in zip(values.index, zip(ids, codes, strict=True), strict=True):
        if isinstance(pair[1], str) and pair[0]:
            first_row.setdefault(pair, int(row))
    if "utfall" in v.tables and ("utfall", "period") in v.parsed:
        board = v.tables["utfall"]
        board_ids, board_codes = board.text("indikator_id"), v.parsed["utfall", "period"]
        pairs = pd.Series(list(zip(board_ids, board_codes, strict=True)), index=board.index)
        v.add(
            board,
            "indikator_id",
            pairs.map(lambda pair: pair in first_row).astype(bool),
            lambda value, row: MSG_TWO_SOURCES.format(
                id=value, period=board_codes[row], unit_row=first_row[pairs[row]]
            ),
        )
    return set(first_row)


def mark_covered(
    present: np.ndarray,
    covered: Set[tuple[str, str]],
    owner: str,
    ids: pd.Index,
    periods: list[str],
) -> None:
    """Mark the (indicator, period) pairs whose value the units give as present (in place);
    `owner` is the table whose ids are checked: only indicators are covered."""
    if owner != "indikatorer":
        return
    for id_, period in covered:
        if period in periods and (i := ids.get_indexer([id_])[0]) >= 0:
            present[i, periods.index(period)] = True


def assemble(
    settings: ds.Settings,
    frames: dict[str, pd.DataFrame],
    sources: tuple[ds.SourceFile, ...],
    warned: tuple[Problem, ...],
) -> ds.Dataset:
    """The validator's typed `frames` (by table name) as a Dataset, with the unit tables that
    were given and the board values made from them."""
    goals, subgoals, indicators, outcomes, assessments = (
        frames.pop(name) for name in ("mal", "delmal", "indikatorer", "utfall", "bedomningar")
    )
    dataset = ds.Dataset(
        settings,
        goals,
        subgoals,
        indicators,
        outcomes,
        assessments,
        sources=sources,
        warnings=warned,
        comparisons=frames.pop("jamforelser"),
    )
    given = {_FIELDS[name]: frame for name, frame in frames.items()}
    if "units" in given:  # every row kept as the history when a unit has several
        given |= split_history(given["units"])
    return with_board_values(replace(dataset, **given))
