"""Values that are valid but hardly true: a share above 100 %, or a value a thousand times off
its indicator's own history. Warned, never blocking: the analyst decides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import numpy as np
import pandas as pd

from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import fold
from hsn_analysis.vocabulary import Severity
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.safeguards import MSG_MAGNITUDE_IMPLAUSIBLE, MSG_PERCENT_IMPLAUSIBLE

MAGNITUDE_FACTOR = 1000  # three orders of magnitude: a slipped decimal comma or a wrong unit
MIN_HISTORY = 3  # values of an indicator before its median is a fair yardstick


class Table(Protocol):
    """What is needed of a validated table: its source, headers and text columns."""

    source: str
    headers: dict[str, str]

    def text(self, column: str) -> pd.Series: ...


def plausibility_problems(
    tables: Mapping[str, Table], parsed: Mapping[tuple[str, str], pd.Series]
) -> list[Problem]:
    """A warning per outcome value outside 0–100 for a `%` indicator, and per value far from
    its indicator's median. `tables` are the validated tables by name, `parsed` the parsed
    columns by (table, column), with the outcomes' indicator ids as integer codes under
    ("utfall", "id_codes")."""
    if "indikatorer" not in tables or ("utfall", "id_codes") not in parsed:
        return []
    outcomes, indicators = tables["utfall"], tables["indikatorer"]
    values, keys = parsed["utfall", "varde"], parsed["utfall", "id_codes"].to_numpy()
    units = dict(zip(indicators.text("indikator_id"), indicators.text("enhet"), strict=True))
    percent = {i for i, unit in units.items() if "%" in unit or fold(unit) == "procent"}
    ids, texts = outcomes.text("indikator_id"), outcomes.text("varde")
    outside = (ids.isin(percent) & ((values > 100) | (values < 0))).to_numpy()
    far, median = implausible_magnitude(keys, values.to_numpy())
    far &= ~outside
    header = outcomes.headers.get("varde", "varde")
    problems = []
    for row in np.flatnonzero(outside | far):
        if outside[row]:
            message = MSG_PERCENT_IMPLAUSIBLE
        else:
            message = MSG_MAGNITUDE_IMPLAUSIBLE.format(
                factor=format_number(MAGNITUDE_FACTOR), median=format_number(median[row])
            )
        excel_row, text = int(values.index[row]), texts.iloc[row]
        problems.append(
            Problem(Severity.WARNING, outcomes.source, message, excel_row, header, text)
        )
    return problems


def implausible_magnitude(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose value is more than MAGNITUDE_FACTOR times larger or smaller than the median
    of the values of the same key (an indicator's codes; zero and missing values left out), and
    those medians (NaN where not computed).

    Medians are costly on millions of rows, so only keys whose smallest and largest values are
    that far apart get one.
    """
    size = np.abs(values.astype("float64"))
    size[size == 0] = np.nan
    stats = pd.Series(size).groupby(keys).agg(["min", "max", "count"])
    wide = stats.index[
        (stats["max"] > stats["min"] * MAGNITUDE_FACTOR) & (stats["count"] >= MIN_HISTORY)
    ]
    far = np.zeros(len(values), dtype=bool)
    median = np.full(len(values), np.nan)
    if len(wide) == 0:
        return far, median
    rows = np.isin(keys, wide.to_numpy()) & (keys >= 0)
    medians = pd.Series(size[rows]).groupby(keys[rows]).median()
    median[rows] = medians.reindex(keys[rows]).to_numpy()
    with np.errstate(invalid="ignore"):
        far[rows] = (size[rows] > median[rows] * MAGNITUDE_FACTOR) | (
            size[rows] * MAGNITUDE_FACTOR < median[rows]
        )
    return far, median
