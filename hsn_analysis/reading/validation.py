"""Turning raw tables into a typed `Dataset`, or into every problem found in them.

The checks live by concept: within one table (`table_checks`), between tables (`references`),
the basenheter's (`units`), plausibility warnings (`plausibility`) and how values were
measured (`measurement`: a ratio's parts, year-to-date look-alikes); `assembly` makes the
typed dataset. This module runs them in order and sorts the problems as the user reads them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from hsn_analysis import dataset as ds
from hsn_analysis.problems import InvalidDatasetError, Problem, errors
from hsn_analysis.reading import contacts, plan_years
from hsn_analysis.reading import units as unit_checks
from hsn_analysis.reading.assembly import build_dataset
from hsn_analysis.reading.cells import check_settings
from hsn_analysis.reading.loading import read_dataset
from hsn_analysis.reading.measurement import measurement_problems
from hsn_analysis.reading.plausibility import plausibility_problems
from hsn_analysis.reading.raw import RawData
from hsn_analysis.reading.references import check_targets, warn_missing
from hsn_analysis.reading.schema import OPTIONAL_TABLES, TABLE_NAMES
from hsn_analysis.reading.table_checks import TableChecks
from hsn_analysis.words.messages import MSG_NO_OUTCOME, MSG_NOT_ASSESSED, MSG_PATH_MISSING


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


class _Validator(TableChecks):
    """Runs every check over one raw dataset, collecting problems and parsed columns."""

    def __init__(self, raw: RawData, today: date) -> None:
        super().__init__(today, list(raw.problems))
        self.raw = raw

    def run(self) -> ValidationResult:
        read = tuple((t.source, len(t.cells)) for t in self.raw.tables.values())
        settings, settings_problems = check_settings(self.raw.settings)
        self.settings_year = None if settings is None else settings.year
        self.problems += settings_problems
        for name in (*TABLE_NAMES, *OPTIONAL_TABLES):
            if name in self.raw.tables:
                self.resolve(self.raw.tables[name])
        # From here on the columns live only in self.tables, so that build_dataset can let each
        # go.
        self.raw = replace(self.raw, tables={})
        for table in self.tables.values():
            self.check_table(table)
        self.from_units = unit_checks.check_across(self)
        plan_years.check_across(self)  # between plan years
        check_targets(self)
        self.problems += plausibility_problems(self.tables, self.parsed)  # warnings only
        self.problems += contacts.plan_problems(self.tables)  # warnings only
        self.problems += measurement_problems(self.tables, self.parsed)
        warn_missing(self, "bedomningar", "delmal_id", "delmal", MSG_NOT_ASSESSED)
        warn_missing(self, "utfall", "indikator_id", "indikatorer", MSG_NO_OUTCOME)
        order = {source: i for i, source in enumerate(self.raw.source_order)}
        problems = sorted(
            self.problems,
            key=lambda p: (order.get(p.source, len(order)), p.row is None, p.row or 0),
        )
        if errors(problems) or settings is None:
            return ValidationResult(None, problems, read)
        dataset = build_dataset(self, settings, problems, self.raw.sources)
        return ValidationResult(dataset, problems, read)
