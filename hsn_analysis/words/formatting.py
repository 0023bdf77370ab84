"""Swedish numbers in text: decimal comma, space as thousands separator, Excel's rounding."""

from __future__ import annotations

import math
import numbers
from typing import SupportsFloat

import pandas as pd

from hsn_analysis.rules.rounding import round_half_away

# A no-break space keeps "1 234" and "35 %" on one line in reports and tables.
THOUSANDS_SEP = "\u00a0"


def format_number(value: SupportsFloat | None, decimals: int = 2) -> str:
    """`23.125` → `23,13`, `35.0` → `35`, `1234.5` → `1 234,5`; missing → ``""``."""
    # numpy's float32 NaN is no `float`, and pandas' NA is neither: both are missing, too.
    if value is None or value is pd.NA or (isinstance(value, numbers.Real) and math.isnan(value)):
        return ""
    rounded = round_half_away(float(value), decimals)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + THOUSANDS_SEP.join(groups)
    return f"{result},{fraction}" if fraction else result


def format_percent(value: float | None, decimals: int = 2) -> str:
    """`77.5` → `77,5 %` for running text; missing → ``""``."""
    number = format_number(value, decimals)
    return f"{number}{THOUSANDS_SEP}%" if number else ""
