"""How a value was measured: `matning` and `kolada_enhet` on `indikatorer`, `taljare` and
`namnare` on `utfall`; a value that is not its parts' ratio is an error, a per-tertial series
that looks like running totals a warning."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.problems import Problem
from hsn_analysis.reading.cells import fold, parse_number_column
from hsn_analysis.reading.comparisons import Column, Found, Message
from hsn_analysis.reading.plausibility import Table
from hsn_analysis.rules.signals import is_percent
from hsn_analysis.vocabulary import Frequency, Measurement, Severity
from hsn_analysis.words import measurement_text as words
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.messages import MSG_NOT_NUMBER

MEASUREMENT_WORDS = {
    "tertial": Measurement.TERTIAL.value,
    "hittills i ar": Measurement.YEAR_TO_DATE.value,
    "hittills_i_ar": Measurement.YEAR_TO_DATE.value,
    "ackumulerat": Measurement.YEAR_TO_DATE.value,
}
MIN_DROPS = 2  # years whose T1 falls below the year before: a sawtooth, not a process


def both(*checks: Callable[[Column, Column], Found]) -> Callable[[Column, Column], Found]:
    """Several column checks of one table as one."""

    def run(text: Column, filled: Column) -> Found:
        parsed: dict[str, pd.Series] = {}
        problems: list[tuple[str, pd.Series, Message]] = []
        for check in checks:
            more, found = check(text, filled)
            parsed |= more
            problems += found
        return parsed, problems

    return run


def check_measurement_columns(text: Column, filled: Column) -> Found:
    """`matning` (tertial when empty) and `kolada_enhet` (free text) of `indikatorer`."""
    codes = text("matning").map(lambda cell: MEASUREMENT_WORDS.get(fold(cell)) if cell else None)
    problems: list[tuple[str, pd.Series, Message]] = [
        ("matning", codes.isna() & filled("matning"), words.MSG_MEASUREMENT),
    ]
    parsed = {"matning": codes.fillna(Measurement.TERTIAL.value).astype(object)}
    return parsed, problems


def check_outcome_parts(text: Column, filled: Column) -> Found:
    """`taljare` and `namnare` of `utfall`: numbers, both or neither, never negative, and a
    denominator above 0."""
    top = parse_number_column(text("taljare"))
    bottom = parse_number_column(text("namnare"))
    top_given, bottom_given = filled("taljare"), filled("namnare")
    problems: list[tuple[str, pd.Series, Message]] = [
        ("taljare", top.isna() & top_given, MSG_NOT_NUMBER),
        ("namnare", bottom.isna() & bottom_given, MSG_NOT_NUMBER),
        ("taljare", top_given & ~bottom_given, words.MSG_PART_ALONE.format(other="namnare")),
        ("namnare", bottom_given & ~top_given, words.MSG_PART_ALONE.format(other="taljare")),
        ("taljare", top < 0, words.MSG_PART_NEGATIVE),
        ("namnare", bottom <= 0, words.MSG_DENOMINATOR),
    ]
    return {"taljare": top, "namnare": bottom}, problems


def measurement_problems(
    tables: Mapping[str, Table], parsed: Mapping[tuple[str, str], pd.Series]
) -> list[Problem]:
    """An error per outcome whose `varde` is not `taljare` / `namnare` (× 100 for %), and a
    warning per indicator declared or left per tertial whose values look year to date."""
    if "indikatorer" not in tables or "utfall" not in tables:
        return []
    if ("utfall", "period") not in parsed or ("indikatorer", "matning") not in parsed:
        return []
    return _ratio_problems(tables, parsed) + _running_total_warnings(tables, parsed)


def _ratio_problems(
    tables: Mapping[str, Table], parsed: Mapping[tuple[str, str], pd.Series]
) -> list[Problem]:
    if ("utfall", "taljare") not in parsed:
        return []
    outcomes, indicators = tables["utfall"], tables["indikatorer"]
    units = dict(zip(indicators.text("indikator_id"), indicators.text("enhet"), strict=True))
    values = parsed["utfall", "varde"]
    top, bottom = parsed["utfall", "taljare"], parsed["utfall", "namnare"]
    checked = values.notna() & (top >= 0) & (bottom > 0)  # bad parts are errors already
    problems = []
    ids, texts = outcomes.text("indikator_id"), outcomes.text("varde")
    header = outcomes.headers.get("varde", "varde")
    for row in values.index[checked]:
        percent = is_percent(units.get(ids[row], ""))
        expected = top[row] / bottom[row] * (100 if percent else 1)
        if abs(values[row] - expected) <= _tolerance(texts[row]):
            continue
        message = (words.MSG_RATIO_PERCENT if percent else words.MSG_RATIO).format(
            top=format_number(top[row]),
            bottom=format_number(bottom[row]),
            expected=format_number(round(expected, 4)),
        )
        problems.append(
            Problem(Severity.ERROR, outcomes.source, message, int(row), header, texts[row])
        )
    return problems


def _tolerance(written: str) -> float:
    """Half a unit of the last decimal written: 86,6 may stand for 86,55–86,65."""
    digits = written.strip().rstrip("% ").replace(",", ".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return 0.5 * 10.0**-decimals + 1e-9


def looks_year_to_date(values: pd.Series) -> list[int]:
    """The years whose T1 falls below the previous year's last value, when the values rise
    within every year (indexed by period code); [] unless at least two years drop."""
    by_year: dict[int, list[float]] = {}
    for code, value in sorted(values.dropna().items()):
        by_year.setdefault(Period.parse(str(code)).year, []).append(float(value))
    years = sorted(by_year)
    for series in by_year.values():
        if len(series) > 1 and not all(b > a for a, b in itertools.pairwise(series)):
            return []
    drops = [
        year
        for before, year in itertools.pairwise(years)
        if year == before + 1 and by_year[year][0] < by_year[before][-1]
    ]
    return drops if len(drops) >= MIN_DROPS else []


def _running_total_warnings(
    tables: Mapping[str, Table], parsed: Mapping[tuple[str, str], pd.Series]
) -> list[Problem]:
    outcomes, indicators = tables["utfall"], tables["indikatorer"]
    frame = pd.DataFrame(
        {
            "id": outcomes.text("indikator_id").to_numpy(),
            "period": parsed["utfall", "period"].to_numpy(),
            "varde": parsed["utfall", "varde"].to_numpy(),
        }
    ).dropna()
    series = {
        key: pd.Series(group["varde"].to_numpy(dtype=float), index=group["period"].to_numpy())
        for key, group in frame.groupby("id", sort=False)
    }
    matning = parsed["indikatorer", "matning"]
    frequency = parsed.get(("indikatorer", "frekvens"))
    header = indicators.headers.get("matning", "matning")
    problems = []
    for row, indicator in indicators.text("indikator_id").items():
        if matning[row] != Measurement.TERTIAL.value or indicator not in series:
            continue
        if frequency is not None and frequency[row] == Frequency.FULL_YEAR.value:
            continue
        drops = looks_year_to_date(series[indicator])
        if not drops:
            continue
        listed = ", ".join(str(y) for y in drops[:-1]) + f" och {drops[-1]}"
        message = words.MSG_LOOKS_YEAR_TO_DATE.format(id=indicator, years=listed)
        value = indicators.text("matning")[row] if "matning" in indicators.headers else ""
        problems.append(
            Problem(Severity.WARNING, indicators.source, message, int(row), header, value or None)
        )
    return problems
