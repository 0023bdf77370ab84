"""Turning raw tables into a typed `Dataset`, or into every problem found in them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from hsn_analysis import dataset as ds
from hsn_analysis.periods import Period
from hsn_analysis.problems import InvalidDatasetError, Problem, errors, warnings
from hsn_analysis.reading import units as unit_checks
from hsn_analysis.reading.cells import (
    FREQUENCY_WORDS,
    STATUS_WORDS,
    TARGET_TYPE_WORDS,
    check_settings,
    map_words,
    normalise_name,
    parse_date_column,
    parse_number_column,
    parse_period_column,
)
from hsn_analysis.reading.comparisons import check_comparisons, check_signal_columns
from hsn_analysis.reading.loading import OPTIONAL_TABLES, TABLE_NAMES, read_dataset
from hsn_analysis.reading.plausibility import plausibility_problems
from hsn_analysis.reading.raw import RawData, RawTable
from hsn_analysis.reading.repeats import repeated as _repeated
from hsn_analysis.vocabulary import Frequency, Severity, TargetType
from hsn_analysis.words import messages as more
from hsn_analysis.words.messages import (
    MSG_DATE,
    MSG_DUPLICATE_ID,
    MSG_EMPTY_CELL,
    MSG_FREQUENCY,
    MSG_FULL_YEAR_EARLY,
    MSG_FUTURE,
    MSG_MISSING_COLUMN,
    MSG_NO_IDS,
    MSG_NO_OUTCOME,
    MSG_NO_TARGET,
    MSG_NOT_ASSESSED,
    MSG_NOT_NUMBER,
    MSG_PATH_MISSING,
    MSG_PERCENT_RANGE,
    MSG_SAME_COLUMN,
    MSG_STATUS,
    MSG_TARGET_TYPE,
    MSG_TWO_ASSESSMENTS,
    MSG_TWO_OUTCOMES,
    MSG_UNKNOWN_COLUMN,
    MSG_UNKNOWN_ID,
)

COLUMNS = {
    "mal": ds.GOAL_COLUMNS,
    "delmal": ds.SUBGOAL_COLUMNS,
    "indikatorer": ds.INDICATOR_COLUMNS,
    "utfall": ds.OUTCOME_COLUMNS,
    "bedomningar": ds.ASSESSMENT_COLUMNS,
    "jamforelser": ds.COMPARISON_COLUMNS,
} | unit_checks.COLUMNS
COLUMNS |= ds.WRITTEN_TABLES
REQUIRED = {
    "mal": ("mal_id", "namn"),
    "delmal": ("delmal_id", "mal_id", "namn"),
    "indikatorer": ("indikator_id", "delmal_id", "namn", "maltyp", "frekvens"),
    "utfall": ("indikator_id", "period", "varde"),
    "bedomningar": ("delmal_id", "period", "status"),
    "jamforelser": ("indikator_id", "ar", "omrade_id", "varde"),
} | unit_checks.REQUIRED
REQUIRED |= ds.WRITTEN_REQUIRED
NUMBER_COLUMNS = {"malvarde", "gul_fran", "varde", "ar"}
ADDITIONS = {"indikatorer": check_signal_columns, "jamforelser": check_comparisons}  # Kolada, SPC
ID_COLUMN = {"mal": "mal_id", "delmal": "delmal_id", "indikatorer": "indikator_id"}
ID_COLUMN |= unit_checks.ID_COLUMN
# (table, column) → the table whose ids the column must name.
REFERENCES = {
    ("delmal", "mal_id"): "mal",
    ("indikatorer", "delmal_id"): "delmal",
    ("utfall", "indikator_id"): "indikatorer",
    ("bedomningar", "delmal_id"): "delmal",
    ("jamforelser", "indikator_id"): "indikatorer",
    ("malbedomningar", "mal_id"): "mal",
} | unit_checks.REFERENCES


@dataclass(frozen=True)
class ValidationResult:
    """The dataset (None whenever there is an error) and every problem, in file and row order."""

    dataset: ds.Dataset | None
    problems: list[Problem]
    read: tuple[tuple[str, int], ...] = ()  # each table's file or sheet and its rows read

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings may remain)."""
        return not errors(self.problems)


def check_dataset(path: str | os.PathLike[str], *, today: date | None = None) -> ValidationResult:
    """Read and check a dataset folder or workbook; never raises for bad content.

    Raises FileNotFoundError when `path` does not exist. `today` decides which periods have
    begun (default: the real date).
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(MSG_PATH_MISSING.format(path=path))
    return _Validator(read_dataset(path), today or date.today()).run()


def load_dataset(path: str | os.PathLike[str], *, today: date | None = None) -> ds.Dataset:
    """The checked dataset; raises InvalidDatasetError(problems) when it has errors."""
    result = check_dataset(path, today=today)
    if result.dataset is None:
        raise InvalidDatasetError(result.problems)
    return result.dataset


@dataclass
class _Table:
    """A raw table with canonical column names; every column keeps the Excel rows as index."""

    name: str
    source: str
    headers: dict[str, str]  # canonical name → the header as the user wrote it
    columns: dict[str, pd.Series]
    index: pd.Index
    _filled: dict[str, pd.Series] = field(default_factory=dict)

    def text(self, column: str) -> pd.Series:
        if column in self.columns:
            return self.columns[column]
        return pd.Series("", index=self.index, dtype=object)

    def filled(self, column: str) -> pd.Series:
        """True where the cell is not empty (kept: several checks ask, and tables are long)."""
        if column not in self._filled:  # numpy compares text columns faster than pandas
            filled = self.text(column).to_numpy(dtype=object) != ""
            self._filled[column] = pd.Series(filled, index=self.index, dtype=bool)
        return self._filled[column]


class _Validator:
    """Runs every check over one raw dataset, collecting problems and parsed columns."""

    def __init__(self, raw: RawData, today: date) -> None:
        self.raw = raw
        self.today = today
        self.problems: list[Problem] = list(raw.problems)
        self.tables: dict[str, _Table] = {}
        self.parsed: dict[tuple[str, str], pd.Series] = {}
        self.future: set[str] = set()  # period codes that have not begun (already errors)
        self.from_units: set[tuple[str, str]] = set()  # (indicator, period) the units give

    def run(self) -> ValidationResult:
        read = tuple((t.source, len(t.cells)) for t in self.raw.tables.values())
        settings, settings_problems = check_settings(self.raw.settings)
        self.problems += settings_problems
        for name in (*TABLE_NAMES, *OPTIONAL_TABLES):
            if name in self.raw.tables:
                self.resolve(self.raw.tables[name])
        # From here on the columns live only in self.tables, so that `build` can let each go.
        self.raw = replace(self.raw, tables={})
        for table in self.tables.values():
            self.check_table(table)
        self.from_units = unit_checks.check_across(self)
        self.check_targets()
        self.problems += plausibility_problems(self.tables, self.parsed)  # warnings only
        self.warn_missing("bedomningar", "delmal_id", "delmal", MSG_NOT_ASSESSED)
        self.warn_missing("utfall", "indikator_id", "indikatorer", MSG_NO_OUTCOME)
        order = {source: i for i, source in enumerate(self.raw.source_order)}
        problems = sorted(
            self.problems,
            key=lambda p: (order.get(p.source, len(order)), p.row is None, p.row or 0),
        )
        if errors(problems) or settings is None:
            return ValidationResult(None, problems, read)
        return ValidationResult(self.build(settings, problems), problems, read)

    # --- helpers ---------------------------------------------------------------------------

    def add(
        self,
        table: _Table,
        column: str,
        mask: pd.Series,
        message: str | Callable[[str, int], str],
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One problem per row where `mask` holds; `message` may depend on value and row."""
        if not mask.any():
            return
        values = table.text(column)[mask]
        header = table.headers.get(column, column)
        for row, value in zip(values.index, values, strict=True):
            text = message(value, row) if callable(message) else message
            self.problems.append(
                Problem(severity, table.source, text, int(row), header, value or None)
            )

    def numbers(self, table: _Table, column: str) -> pd.Series:
        text = table.text(column)
        values = parse_number_column(text)
        self.add(table, column, values.isna() & table.filled(column), MSG_NOT_NUMBER)
        return values

    def words(self, table: _Table, column: str, words: dict[str, str], message: str) -> pd.Series:
        text = table.text(column)
        codes = map_words(text, words)
        self.add(table, column, codes.isna() & table.filled(column), message)
        return codes

    # --- per table -------------------------------------------------------------------------

    def resolve(self, raw: RawTable) -> None:
        """Map the user's headers to canonical columns; keep the table if it can be checked."""
        known = COLUMNS[raw.name]
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
            self.tables[raw.name] = _Table(raw.name, raw.source, headers, columns, raw.cells.index)

    def check_table(self, table: _Table) -> None:
        name = table.name
        if name in ADDITIONS:
            parsed, found = ADDITIONS[name](table.text, table.filled)
            for column, mask, message in found:
                self.add(table, column, mask, message)
            self.parsed.update({(name, column): values for column, values in parsed.items()})
        for column in REQUIRED[name]:
            self.add(table, column, ~table.filled(column), MSG_EMPTY_CELL.format(column=column))
        if name in ID_COLUMN:
            self.check_unique(table, ID_COLUMN[name])
        for (source, column), target in REFERENCES.items():
            if source == name and target in self.tables:
                self.check_reference(table, column, self.tables[target])
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

    def check_unique(self, table: _Table, column: str) -> None:
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

    def check_reference(self, table: _Table, column: str, target: _Table) -> None:
        ids = table.text(column)
        valid = target.text(column)
        valid = valid[target.filled(column)]
        bad = table.filled(column) & ~ids.isin(set(valid))
        if not bad.any():
            return
        sample = ", ".join(list(dict.fromkeys(valid))[:5])
        template = MSG_UNKNOWN_ID if sample else MSG_NO_IDS
        message = template.format(column=column, target=target.source, sample=sample)
        self.add(table, column, bad, message)

    def check_periods(self, table: _Table, id_column: str, duplicate_message: str) -> pd.Series:
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

    def check_full_year(self, table: _Table, codes: pd.Series) -> None:
        """A helår indicator has no T1/T2 values."""
        if "indikatorer" not in self.tables:
            return
        ind = self.tables["indikatorer"]
        frequency = self.parsed["indikatorer", "frekvens"]
        full_year = set(ind.text("indikator_id")[frequency == Frequency.FULL_YEAR.value])
        early = {c for c in codes.dropna().unique() if not c.endswith("T3")}
        ids = table.text("indikator_id")
        mask = ids.isin(full_year) & codes.isin(early)
        self.add(
            table,
            "period",
            mask,
            lambda _, row: MSG_FULL_YEAR_EARLY.format(id=ids[row], year=codes[row][:4]),
        )

    # --- across tables ---------------------------------------------------------------------

    def check_targets(self) -> None:
        """A minst/högst indicator needs a target in indikatorer or in some utfall row."""
        if "indikatorer" not in self.tables or "utfall" not in self.tables:
            return
        ind, out = self.tables["indikatorer"], self.tables["utfall"]
        kinds = self.parsed["indikatorer", "maltyp"]
        needs = kinds.isin([TargetType.AT_LEAST.value, TargetType.AT_MOST.value])
        needs &= ~ind.filled("malvarde")
        with_target = set(out.text("indikator_id")[self.parsed["utfall", "malvarde"].notna()])
        mask = needs & ~ind.text("indikator_id").isin(with_target)
        self.add(ind, "malvarde", mask, lambda _, row: MSG_NO_TARGET.format(kind=kinds[row]))

    def warn_missing(self, name: str, id_column: str, owner: str, template: str) -> None:
        """Warn for each id of `owner` with no row in `name` for a period others have rows for
        (an indicator's value the basenheter give counts as a row)."""
        if name not in self.tables or owner not in self.tables:
            return
        owners = self.tables[owner].text(id_column)
        expected = pd.unique(owners[self.tables[owner].filled(id_column)])
        ids, codes = self.tables[name].text(id_column), self.parsed[name, "period"]
        id_pos = pd.Index(expected).get_indexer(ids)
        counted = (id_pos >= 0) & codes.notna().to_numpy() & ~codes.isin(self.future).to_numpy()
        periods = sorted(pd.unique(codes[counted]))
        # One flag per (id, period) pair: millions of rows collapse to a small matrix.
        present = np.zeros((len(expected), len(periods)), dtype=bool)
        present[id_pos[counted], pd.Index(periods).get_indexer(codes[counted])] = True
        unit_checks.mark_covered(present, self.from_units, owner, pd.Index(expected), periods)
        if owner == "indikatorer":  # helår indicators are due at T3 only
            frequency = self.parsed[owner, "frekvens"]
            full_year = pd.Index(expected).isin(owners[frequency == Frequency.FULL_YEAR.value])
            early = np.array([not p.endswith("T3") for p in periods], dtype=bool)
            present |= full_year[:, None] & early[None, :]
        source = self.tables[name].source
        for j, period in enumerate(periods):
            for id_ in expected[~present[:, j]]:
                message = template.format(id=id_, period=period)
                self.problems.append(
                    Problem(Severity.WARNING, source, message, None, id_column, id_)
                )

    # --- the typed dataset -----------------------------------------------------------------

    def build(self, settings: ds.Settings, problems: list[Problem]) -> ds.Dataset:
        frames = {}
        for name, columns in COLUMNS.items():
            if name not in self.tables:  # an optional table that is not there (units: the
                if name == "jamforelser":  # dataset's own empty default)
                    frames[name] = ds.empty_frame(columns)
                continue
            # Each raw and parsed column is let go once its typed column is made, so that the
            # raw tables and the typed ones are never all in memory at once.
            table, frame = self.tables.pop(name), {}
            for column in columns:
                values = self.parsed.pop((name, column), None)
                if values is None:
                    values = table.text(column)
                table.columns.pop(column, None)
                if column not in NUMBER_COLUMNS and column != "datum":  # text and codes
                    values = values.astype("str")  # also when empty: map() gives float64
                frame[column] = values.reset_index(drop=True)
            del table  # its filled masks
            frames[name] = pd.DataFrame(frame, columns=columns)
        warned = tuple(warnings(problems))
        pairs = (("malbedomningar", "goal_assessments"), ("analys", "analyses"))  # no unit tables
        written = {field: frames.pop(name) for name, field in pairs if name in frames}
        return replace(unit_checks.assemble(settings, frames, self.raw.sources, warned), **written)
