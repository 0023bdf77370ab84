"""The checks of a unit's område over time: `giltig_fran` in `enheter`, and which row of a unit
holds for each value and assessment (see `rules.unit_history`).

A unit may have several rows in `enheter`, one per organisation, each holding from its
`giltig_fran` period ("" = from the beginning) until the unit's next row. Two rows of one unit
cannot hold from the same period (an overlap), and a unit's value or assessment cannot come from
a period before its first row (a gap: the unit did not exist then).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

import pandas as pd

from hsn_analysis.reading.cells import parse_period_column
from hsn_analysis.rules.unit_history import FROM
from hsn_analysis.words.unit_text import MSG_UNIT_NOT_YET, MSG_UNIT_SAME_FROM, MSG_UNIT_TWICE

START_WORD = "början"  # how a row without giltig_fran is named in a message


def check_unit_rows(v: Any, table: Any) -> None:
    """`giltig_fran` as period codes ("" when empty) and at most one row per unit and period
    from which it holds; the first row of a clash is named in the message of the later."""
    codes, errors = parse_period_column(table.text(FROM))
    unreadable = codes.isna() & table.filled(FROM)
    v.add(table, FROM, unreadable, lambda value, _: errors[value])
    codes = codes.astype(object).where(codes.notna(), "")
    v.parsed[table.name, FROM] = codes
    ids = table.text("enhet_id")
    keys = pd.Series(list(zip(ids, codes, strict=True)), index=table.index)
    later = keys.duplicated() & table.filled("enhet_id") & ~unreadable
    if not later.any():
        return
    first = {key: row for row, key in reversed(list(keys.items()))}

    def message(unit: str, row: int) -> str:
        start = codes[row]
        template = MSG_UNIT_SAME_FROM if start else MSG_UNIT_TWICE
        return template.format(unit=unit, start=start, first=first[keys[row]])

    v.add(table, "enhet_id", later, message)


class AreaHistory:
    """Each unit's rows of `enheter` as (from, område, Excel row), ordered by period."""

    def __init__(self, v: Any) -> None:
        units = v.tables["enheter"]
        codes = v.parsed.get(("enheter", FROM))
        if codes is None:
            codes = pd.Series("", index=units.index, dtype=object)
        self.rows: dict[str, list[tuple[str, str, int]]] = {}
        for row, unit, area, start in zip(
            units.index, units.text("enhet_id"), units.text("omrade"), codes, strict=True
        ):
            self.rows.setdefault(unit, []).append((str(start), area, int(row)))
        for rows in self.rows.values():
            rows.sort()

    def areas(self) -> list[str]:
        """Every område a unit has had, sorted."""
        return sorted({area for rows in self.rows.values() for _, area, _ in rows if area})

    def area_at(self, unit: str, period: object) -> str | None:
        """The unit's område in `period` (a code; NaN: unreadable, then the latest); None when
        the unit is unknown or did not exist yet."""
        rows = self.rows.get(unit)
        if not rows:
            return None
        if not isinstance(period, str):
            return rows[-1][1]
        at = bisect_right([start for start, _, _ in rows], period)
        return rows[at - 1][1] if at else None

    def check_not_before(self, v: Any, name: str) -> None:
        """An error at each row of table `name` for a unit in a period before its first row."""
        if name not in v.tables or (name, "period") not in v.parsed:
            return
        table, codes = v.tables[name], v.parsed[name, "period"]
        units = table.text("enhet_id")

        def too_early(row: Any) -> bool:
            rows, period = self.rows.get(units[row]), codes[row]
            return rows is not None and isinstance(period, str) and period < rows[0][0]

        mask = pd.Series([too_early(row) for row in table.index], index=table.index, dtype=bool)

        def message(unit: str, row: int) -> str:
            start, _, first = self.rows[unit][0]
            return MSG_UNIT_NOT_YET.format(
                unit=unit, start=start or START_WORD, first=first, period=codes[row]
            )

        v.add(table, "enhet_id", mask, message)
