"""The typed `Dataset` made from checked tables, letting each raw column go once it is typed."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from hsn_analysis import dataset as ds
from hsn_analysis.problems import Problem, warnings
from hsn_analysis.reading import contacts, plan_years
from hsn_analysis.reading import units as unit_checks
from hsn_analysis.reading.checking import Checks
from hsn_analysis.reading.schema import COLUMNS, NUMBER_COLUMNS


def build_dataset(
    checks: Checks,
    settings: ds.Settings,
    problems: list[Problem],
    sources: tuple[ds.SourceFile, ...],
) -> ds.Dataset:
    """The dataset of a check without errors; empties `checks`' tables and parsed columns.
    With plans by year, every year's plan is kept (`plan_years.split`)."""
    frames, years = {}, plan_years.row_years(checks)  # before the tables are let go
    for name, columns in COLUMNS.items():
        if name not in checks.tables:  # an optional table that is not there (units: the
            if name == "jamforelser":  # dataset's own empty default)
                frames[name] = ds.empty_frame(columns)
            continue
        # Each raw and parsed column is let go once its typed column is made, so that the
        # raw tables and the typed ones are never all in memory at once.
        table, frame = checks.tables.pop(name), {}
        for column in columns:
            values = checks.parsed.pop((name, column), None)
            if values is None:
                values = table.text(column)
            table.columns.pop(column, None)
            if column not in NUMBER_COLUMNS and column != "datum":  # text and codes
                values = values.astype("str")  # also when empty: map() gives float64
            frame[column] = values.reset_index(drop=True)
        del table  # its filled masks
        frames[name] = pd.DataFrame(frame, columns=columns)
    warned = tuple(warnings(problems))
    pairs = (("malbedomningar", "goal_assessments"), ("analys", "analyses"), *contacts.FIELDS)
    written = {field: frames.pop(name) for name, field in pairs if name in frames}
    built = unit_checks.assemble(settings, frames, sources, warned)
    return plan_years.split(replace(built, **written), years)
