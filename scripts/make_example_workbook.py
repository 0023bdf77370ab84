"""Write a dataset folder of CSV files as one .xlsx workbook with the same sheets.

Usage: python scripts/make_example_workbook.py data/exempel data/exempel.xlsx

The workbook is made from the validated dataset, so numbers are numeric cells and dates are
date cells, as a user's own workbook would have them.
"""

from __future__ import annotations

import math
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd
from openpyxl import Workbook

from hsn_analysis.dataset import Dataset
from hsn_analysis.forms.text_cells import append
from hsn_analysis.reading.validation import load_dataset

# A fixed timestamp keeps the file's metadata from changing on every regeneration.
_FIXED_TIME = datetime(2025, 1, 1)


def _cell(value: object) -> object:
    if value is None or value is pd.NaT or value == "":
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars → plain Python for openpyxl
        return value.item()
    return value


def write_workbook(dataset: Dataset, path: Path) -> None:
    """Save `dataset` as a workbook with the sheets of the input format (docs/indata.md)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    settings = dataset.settings
    sheet = workbook.create_sheet("installningar")
    keys = ["namn", "ar", "gul_fran", "malstatus_regel", "exempeldata"]
    values: list[object] = [
        settings.board_name,
        settings.year,
        settings.yellow_from,
        settings.rollup_rule.value,
        settings.example_data,
    ]
    if settings.kolada_id is not None:
        keys.append("kolada_id")
        values.append(settings.kolada_id)
    document = {  # the document's particulars, where given (dokumentdatum as a date cell)
        "diarienummer": settings.case_number,
        "dokumentdatum": settings.document_date,
        "version": settings.document_version,
        "beslutsinstans": settings.decided_by,
    }
    for key, value in document.items():
        if value:
            keys.append(key)
            values.append(value)
    append(sheet, keys)
    append(sheet, values)
    # The board values made from the units are left out of utfall: the workbook holds, as the
    # folder does, the units' values and only the board's own outcomes.
    made = set(
        zip(dataset.unit_outcomes["indikator_id"], dataset.unit_outcomes["period"], strict=True)
    )
    # Every year's plan (with its column `ar`) and every outcome as given, when the dataset
    # holds plans by year; else its one plan.
    plans = dataset.plans
    outcomes = dataset.outcomes if plans is None else plans.outcomes
    own = [
        pair not in made for pair in zip(outcomes["indikator_id"], outcomes["period"], strict=True)
    ]
    tables = {
        "mal": dataset.goals if plans is None else plans.goals,
        "delmal": dataset.subgoals if plans is None else plans.subgoals,
        "indikatorer": dataset.indicators if plans is None else plans.indicators,
        "utfall": outcomes.loc[own],
        "bedomningar": dataset.assessments,
        # Optional sheets (issue 15), written when the dataset has them.
        **({"malbedomningar": dataset.goal_assessments} if len(dataset.goal_assessments) else {}),
        **({"analys": dataset.analyses} if len(dataset.analyses) else {}),
        **({"ansvariga": dataset.owners} if len(dataset.owners) else {}),
    }
    if not dataset.comparisons.empty:  # optional: a workbook without it is just as valid
        tables["jamforelser"] = dataset.comparisons
    if not dataset.units.empty:
        values = dataset.unit_outcomes.astype({"varde": object})
        every = tables["indikatorer"]
        kinds = dict(zip(every["indikator_id"], every["aggregering"], strict=True))
        values["varde"] = [
            "ej rapporterat"
            if pd.isna(v)
            else ("ja" if v else "nej")
            if kinds.get(i) == "andel_ja"
            else v
            for i, v in zip(values["indikator_id"], values["varde"], strict=True)
        ]
        tables |= {
            "enheter": dataset.units,
            "enhetsutfall": values,
            "enhetsbedomningar": dataset.unit_assessments,
        }
    for name, frame in tables.items():
        sheet = workbook.create_sheet(name)
        append(sheet, frame.columns)
        for row in frame.itertuples(index=False):
            append(sheet, [_cell(v) for v in row])
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    workbook.save(path)


def main(argv: list[str]) -> int:
    """Convert the folder in argv[0] to the workbook argv[1]."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    source, target = map(Path, argv)
    write_workbook(load_dataset(source), target)
    print(f"Skrev {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
