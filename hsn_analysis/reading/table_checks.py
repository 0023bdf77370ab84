"""The checks within one table: its headers, required cells, unique ids, words, numbers, dates
and periods (each given once per id, none not yet begun)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem
from hsn_analysis.reading import contacts, plan_years
from hsn_analysis.reading import units as unit_checks
from hsn_analysis.reading.cells import (
    FREQUENCY_WORDS,
    STATUS_WORDS,
    TARGET_TYPE_WORDS,
    normalise_name,
    parse_date_column,
    parse_period_column,
)
from hsn_analysis.reading.checking import Checks, Table
from hsn_analysis.reading.comparisons import check_comparisons, check_signal_columns
from hsn_analysis.reading.measurement import both, check_measurement_columns, check_outcome_parts
from hsn_analysis.reading.raw import RawTable
from hsn_analysis.reading.references import check_references
from hsn_analysis.reading.repeats import repeated as _repeated
from hsn_analysis.reading.schema import COLUMNS, ID_COLUMN, REQUIRED
from hsn_analysis.vocabulary import Frequency, Severity
from hsn_analysis.words import messages as more
from hsn_analysis.words.messages import (
    MSG_DATE,
    MSG_DUPLICATE_ID,
    MSG_EMPTY_CELL,
    MSG_FREQUENCY,
    MSG_FULL_YEAR_EARLY,
    MSG_FUTURE,
    MSG_MISSING_COLUMN,
    MSG_PERCENT_RANGE,
    MSG_SAME_COLUMN,
    MSG_STATUS,
    MSG_TARGET_TYPE,
    MSG_TWO_ASSESSMENTS,
    MSG_TWO_OUTCOMES,
    MSG_UNKNOWN_COLUMN,
)

# Kolada and SPC columns, how values were measured and the parts of a ratio.
ADDITIONS = {
    "indikatorer": both(check_signal_columns, check_measurement_columns),
    "utfall": check_outcome_parts,
    "jamforelser": check_comparisons,
}
ADDITIONS |= contacts.ADDITIONS  # e-mail addresses


class TableChecks(Checks):
    """The checks of each table on its own (references to other tables included)."""

    def resolve(self, raw: RawTable) -> None:
        """Map the user's headers to canonical columns; keep the table if it can be checked."""
        known = COLUMNS[raw.name] + plan_years.EXTRA_COLUMNS.get(raw.name, [])
        headers: dict[str, str] = {}
        positions: dict[str, int] = {}
        usable = True
        for position, header in enumerate(raw.headers):
            name = normalise_name(header)
            if name not in known:
                message = MSG_UNKNOWN_COLUMN.format(table=raw.name, known=", ".join(known))
                self.problems.append(
                    Problem(Severity.WARNING, raw.source, message, raw.header_row, header)
                )
            elif name in headers:  # an error; the rest is checked with the first of the two
                message = MSG_SAME_COLUMN.format(other=headers[name], column=name)
                self.problems.append(
                    Problem(Severity.ERROR, raw.source, message, raw.header_row, header)
                )
            else:
                headers[name] = header
                positions[name] = position
        found = ", ".join(raw.headers) or "inga"
        for column in REQUIRED[raw.name]:
            if column not in headers:
                message = MSG_MISSING_COLUMN.format(column=column, found=found)
                self.problems.append(
                    Problem(Severity.ERROR, raw.source, message, raw.header_row, column)
                )
                usable = False
        if usable:
            columns = {name: raw.cells[i] for name, i in positions.items()}
            self.tables[raw.name] = Table(raw.name, raw.source, headers, columns, raw.cells.index)

    def check_table(self, table: Table) -> None:
        name = table.name
        if name in ADDITIONS:
            parsed, found = ADDITIONS[name](table.text, table.filled)
            for column, mask, message in found:
                self.add(table, column, mask, message)
            self.parsed.update({(name, column): values for column, values in parsed.items()})
        for column in REQUIRED[name]:
            self.add(table, column, ~table.filled(column), MSG_EMPTY_CELL.format(column=column))
        if name in ID_COLUMN and not plan_years.check_plan_ids(self, table, ID_COLUMN[name]):
            self.check_unique(table, ID_COLUMN[name])
        check_references(self, table)
        if name == "indikatorer":
            words = TARGET_TYPE_WORDS, FREQUENCY_WORDS
            self.parsed[name, "maltyp"] = self.words(table, "maltyp", words[0], MSG_TARGET_TYPE)
            self.parsed[name, "frekvens"] = self.words(table, "frekvens", words[1], MSG_FREQUENCY)
            self.parsed[name, "malvarde"] = self.numbers(table, "malvarde")
            yellow = self.numbers(table, "gul_fran")
            self.add(table, "gul_fran", (yellow < 0) | (yellow > 100), MSG_PERCENT_RANGE)
            self.parsed[name, "gul_fran"] = yellow
            unit_checks.check_indicator_columns(self, table)
        elif name == "utfall":
            self.parsed[name, "varde"] = self.numbers(table, "varde")
            self.parsed[name, "malvarde"] = self.numbers(table, "malvarde")
            codes = self.check_periods(table, "indikator_id", MSG_TWO_OUTCOMES)
            self.check_full_year(table, codes)
        elif name == "analys":
            self.check_periods(table, "rubrik", more.MSG_TWO_ANALYSES)
        elif name in ("bedomningar", "malbedomningar"):
            if name == "malbedomningar":
                self.check_periods(table, "mal_id", more.MSG_TWO_GOAL_COMMENTS)
            else:
                self.check_periods(table, "delmal_id", MSG_TWO_ASSESSMENTS)
                self.parsed[name, "status"] = self.words(table, "status", STATUS_WORDS, MSG_STATUS)
                forecast = self.words(
                    table, "prognos", STATUS_WORDS, more.MSG_FORECAST
                )  # "" if none
                self.parsed[name, "prognos"] = forecast.astype(object).where(forecast.notna(), "")
            datum = parse_date_column(table.text("datum"))
            self.add(table, "datum", datum.isna() & table.filled("datum"), MSG_DATE)
            self.parsed[name, "datum"] = datum
        elif name in unit_checks.UNIT_TABLES:
            unit_checks.check_unit_table(self, table)

    def check_unique(self, table: Table, column: str) -> None:
        ids = table.text(column)
        later = ids.duplicated() & table.filled(column)
        if later.any():
            first = ids[~ids.duplicated() & ids.isin(set(ids[later]))]
            first_row = dict(zip(first, first.index, strict=True))
            self.add(
                table,
                column,
                later,
                lambda v, _: MSG_DUPLICATE_ID.format(column=column, first=first_row[v]),
            )

    def check_periods(self, table: Table, id_column: str, duplicate_message: str) -> pd.Series:
        """Parse `period`; report unreadable, not yet begun and twice-given periods."""
        codes, period_errors = parse_period_column(table.text("period"))
        self.parsed[table.name, "period"] = codes
        unreadable = table.text("period").isin(period_errors)
        self.add(table, "period", unreadable, lambda text, _row: period_errors[text])
        starts = {c: Period.parse(c).start for c in codes.unique() if isinstance(c, str)}
        future = {c: s for c, s in starts.items() if s > self.today}
        self.future |= set(future)
        self.add(
            table,
            "period",
            codes.isin(future),
            lambda _, row: MSG_FUTURE.format(period=codes[row], start=future[codes[row]]),
        )
        # One integer per (id, period), computed in place (tables are long); rows lacking
        # either are left out.
        ids = table.text(id_column)
        keys = pd.factorize(ids)[0].astype(np.int64, copy=False)
        self.parsed[table.name, "id_codes"] = pd.Series(keys.copy())  # factorizing costs
        period_key = pd.factorize(codes)[0]
        valid = table.filled(id_column).to_numpy() & (period_key >= 0)
        keys *= period_key.max(initial=-1) + 1
        keys += period_key
        del period_key
        keys[~valid] = 0  # not a key: left out below
        later, first = _repeated(keys, valid)
        if later.any():
            keys = pd.Series(keys, index=ids.index)
            first_row = dict(zip(keys[first], keys.index[first], strict=True))

            def message(_: str, row: int) -> str:
                return duplicate_message.format(
                    id=ids[row], period=codes[row], first=first_row[keys[row]]
                )

            self.add(table, "period", pd.Series(later, index=ids.index), message)
        return codes

    def check_full_year(self, table: Table, codes: pd.Series) -> None:
        """A helår indicator has no T1/T2 values."""
        if "indikatorer" not in self.tables:
            return
        ind = self.tables["indikatorer"]
        frequency = self.parsed["indikatorer", "frekvens"]
        full_year = set(ind.text("indikator_id")[frequency == Frequency.FULL_YEAR.value])
        early = {c for c in codes.dropna().unique() if not c.endswith("T3")}
        ids = table.text("indikator_id")
        mask = ids.isin(full_year) & codes.isin(early)
        mask &= plan_years.full_year_where_due(self, ids, codes)  # by the period's plan
        self.add(
            table,
            "period",
            mask,
            lambda _, row: MSG_FULL_YEAR_EARLY.format(id=ids[row], year=codes[row][:4]),
        )
