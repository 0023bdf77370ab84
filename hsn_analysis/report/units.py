"""The board report's basenheter: per område tables, the units' own assessments, the overview
of every unit × delmål, and the units' part of Avvikelser and Datakvalitet.

Every function returns "" (or a section saying so) when the dataset has no units, so a report
without basenheter is exactly as before. Statuses are told by symbol and word, never by colour
alone.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from hsn_analysis.report.context import Report
from hsn_analysis.report.markup import Fragment, badge, esc, scroll_region, table
from hsn_analysis.rules.result import UnitsResult
from hsn_analysis.rules.unit_history import organised_for
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.vocabulary import Aggregation
from hsn_analysis.words import labels
from hsn_analysis.words import unit_text as words
from hsn_analysis.words.counting import UNITS, counted
from hsn_analysis.words.formatting import format_number

_STATUS_ORDER = ("gron", "gul", "rod", NOT_REPORTED)


def with_unit(value: float, unit: str) -> str:
    """As `report_goals.with_unit` (which imports this module): `20 %`, `1 234`."""
    number = format_number(value)
    shown = unit and unit.strip().lower() != "antal"
    return f"{number}\u00a0{unit}" if number and shown else number


def _has_units(report: Report) -> bool:
    return report.result.units is not None


def _units(report: Report) -> UnitsResult:
    """The units' part of the report's result (callers check `_has_units` first)."""
    units = report.result.units
    if units is None:  # a report without basenheter never asks
        raise ValueError("the report has no basenheter")
    return units


def unit_mark(status: str, *, short: bool = True) -> str:
    """A unit's status as symbol + word on its colour (`ej_rapporterat`: an open circle)."""
    named = words.SHORT_UNIT_STATUS if short else words.UNIT_STATUS_LABEL
    return (
        f'<span class="enhet-status enhet-{esc(status)}">'
        f'<span class="symbol" aria-hidden="true">{words.UNIT_SYMBOL[status]}</span> '
        f'<span class="ord">{esc(named[status])}</span></span>'
    )


def area_table(report: Report, indicator: Any) -> str:
    """An aggregated indicator's figures per område in the report period ("" without any)."""
    if not _has_units(report):
        return ""
    rows = _units(report).areas
    rows = rows.loc[rows["indikator_id"] == indicator.indikator_id]
    if rows.empty:
        return ""
    if len(rows) == 2:  # one område: the region's row would only repeat it
        rows = rows.iloc[:1]
    share = indicator.aggregering == Aggregation.SHARE_YES
    body = []
    for row in rows.itertuples(index=False):
        if share:
            result = words.AREA_SHARE.format(yes=int(row.ja), reported=row.rapporterat)
            value = with_unit(row.varde, "%") if row.rapporterat else "–"
        else:
            result = words.AREA_REPORTED.format(reported=row.rapporterat, units=row.enheter)
            value = with_unit(row.varde, indicator.enhet) if row.rapporterat else "–"
        area = esc(row.omrade) if row.omrade else f"<strong>{esc(words.AREA_ALL)}</strong>"
        body.append([area, esc(result), esc(value), str(row.enheter - row.rapporterat)])
    total = rows.iloc[-1]
    intro = words.AREA_INTRO.format(
        how=words.AGGREGATION_LABELS[indicator.aggregering],
        reported=total["rapporterat"],
        units=total["enheter"],
    )
    caption = words.AREA_CAPTION.format(name=indicator.indikator_id, period=report.period.label)
    return (
        f'<div class="omraden"><p class="meta">{esc(intro)}</p>'
        + table(words.AREA_HEADERS, body, numeric=(2, 3), caption=caption, css_class="omraden")
        + "</div>"
    )


def _organisation(report: Report) -> pd.DataFrame:
    """The units as organised in the report's period (their names and områden then)."""
    return organised_for(report.dataset, report.period).units


def _names(report: Report, unit_ids: list[str]) -> str:
    # Semicolons: a unit's name may hold a comma ("Kirurgkliniken, Norrsjö sjukhus").
    names = _organisation(report).set_index("enhet_id")["namn"]
    return "; ".join(str(names.get(u, u)) for u in unit_ids)


def distribution(report: Report, subgoal_id: str) -> str:
    """The units' own assessments of one delmål, per område, and who has not reported."""
    if not _has_units(report):
        return ""
    counts = _units(report).counts
    counts = counts.loc[counts["delmal_id"] == subgoal_id]
    if counts.empty:
        return ""
    total = counts.iloc[-1]
    reported = int(total["gron"] + total["gul"] + total["rod"])
    sentence = words.DISTRIBUTION_SENTENCE.format(
        reported=reported,
        units=total["enheter"],
        green=total["gron"],
        yellow=total["gul"],
        red=total["rod"],
    )
    rows = [
        [esc(r.omrade) if r.omrade else f"<strong>{esc(words.AREA_ALL)}</strong>"]
        + [str(getattr(r, s)) for s in _STATUS_ORDER]
        for r in counts.itertuples(index=False)
    ]
    matrix = _units(report).matrix
    silent = matrix.index[matrix[subgoal_id] == NOT_REPORTED].tolist()
    missing = (
        f'<p class="meta">{esc(words.NOT_REPORTED_LIST.format(names=_names(report, silent)))}</p>'
        if silent
        else ""
    )
    return (
        f'<div class="enheter-bedomning"><h4>{esc(words.DISTRIBUTION_HEADING)}</h4>'
        f"<p>{esc(sentence)}</p>"
        + scroll_region(
            table(words.DISTRIBUTION_HEADERS, rows, numeric=(1, 2, 3, 4), css_class="fordelning"),
            words.DISTRIBUTION_HEADING,
        )
        + missing
        + "</div>"
    )


def units_section(report: Report) -> Fragment:
    """Basenheter: every unit × every delmål the units assess, grouped by område."""
    if not _has_units(report):
        return Fragment("")
    period = report.period.label
    matrix = _units(report).matrix
    parts = [f'<section class="bilaga" id="basenheter"><h2>{esc(words.UNITS_HEADING)}</h2>']
    if matrix.columns.empty:
        parts.append(f'<p class="inga">{esc(words.UNITS_NONE.format(period=period))}</p>')
        return Fragment("".join(parts) + "</section>")
    parts.append(f"<p>{esc(words.UNITS_INTRO.format(period=period))}</p>")
    units = _organisation(report).set_index("enhet_id")
    subgoals = report.subgoals.set_index("delmal_id")
    head = "".join(
        f'<th scope="col" title="{esc(subgoals.at[s, "namn"])}">{esc(s)}</th>'
        for s in matrix.columns
    )
    body = []
    for area in dict.fromkeys(units["omrade"]):
        ids = [u for u in matrix.index if units.at[u, "omrade"] == area]
        label = words.MATRIX_COUNTS.format(area=area, units=counted(len(ids), UNITS))
        body.append(
            f'<tr class="omrade"><th scope="rowgroup" colspan="{len(matrix.columns) + 1}">'
            f"{esc(label)}</th></tr>"
        )
        for unit in ids:
            cells = "".join(
                f'<td class="enhet-{esc(s)}">{unit_mark(s)}</td>' for s in matrix.loc[unit]
            )
            body.append(f'<tr><th scope="row">{esc(units.at[unit, "namn"])}</th>{cells}</tr>')
    caption = words.MATRIX_CAPTION.format(period=period)
    parts.append(
        scroll_region(
            f'<table class="enhetsmatris"><caption>{esc(caption)}</caption><thead><tr>'
            f'<th scope="col">{esc(words.MATRIX_UNIT)}</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>",
            caption,
        )
    )
    key = "".join(
        f"<dt>{esc(s)}</dt><dd>{esc(subgoals.at[s, 'namn'])}</dd>" for s in matrix.columns
    )
    parts.append(f'<h3>{esc(words.SUBGOAL_KEY)}</h3><dl class="delmalsnyckel">{key}</dl>')
    return Fragment("".join(parts) + "</section>")


def unit_deviation_block(report: Report) -> str:
    """Avvikelser: delmål whose board assessment most reporting units contradict."""
    if not _has_units(report):
        return ""
    found = _units(report).deviations
    parts = [f"<h3>{esc(words.UNIT_DEVIATIONS)}</h3>"]
    if found.empty:
        text = words.NO_UNIT_DEVIATIONS.format(period=report.period.label)
        return "".join(parts) + f'<p class="inga">{esc(text)}</p>'
    names = report.subgoals.set_index("delmal_id")["namn"]
    rows = [
        [
            esc(names[r.delmal_id]),
            badge(r.status, labels.SUBGOAL_STATUS_LABEL[r.status]),
            esc(words.UNIT_DEVIATION_LABEL[r.avvikelse]),
            esc(words.UNIT_DEVIATION_COUNT.format(against=r.emot, reported=r.rapporterat)),
        ]
        for r in found.itertuples(index=False)
    ]
    body = table(words.UNIT_DEVIATIONS_HEADERS, rows, css_class="avvikelser")
    return "".join(parts) + scroll_region(body, words.UNIT_DEVIATIONS)


def unit_gaps_block(report: Report) -> str:
    """Datakvalitet: per indicator and delmål, the units that have not reported."""
    if not _has_units(report):
        return ""
    parts = [f"<h3>{esc(words.UNIT_GAPS)}</h3>"]
    rows = []
    missing = _units(report).missing
    indicator_names = report.dataset.indicators.set_index("indikator_id")["namn"]
    for (indicator, area), group in missing.groupby(["indikator_id", "omrade"], sort=False):
        what = f'{esc(indicator_names[indicator])} <span class="meta">({esc(indicator)})</span>'
        rows.append([what, esc(area), esc("; ".join(group["namn"]))])
    matrix = _units(report).matrix
    areas = _organisation(report).set_index("enhet_id")["omrade"]
    names = report.subgoals.set_index("delmal_id")["namn"]
    for subgoal in matrix.columns:
        silent = pd.Series(matrix.index[matrix[subgoal] == NOT_REPORTED])
        for area, ids in silent.groupby(silent.map(areas), sort=False):
            what = f'{esc(names[subgoal])} <span class="meta">({esc(subgoal)})</span>'
            rows.append([what, esc(area), esc(_names(report, ids.tolist()))])
    if not rows:
        text = words.NO_UNIT_GAPS.format(period=report.period.label)
        return "".join(parts) + f'<p class="inga">{esc(text)}</p>'
    body = table(words.UNIT_GAPS_HEADERS, rows, css_class="enhetsluckor")
    return "".join(parts) + scroll_region(body, words.UNIT_GAPS)


__all__ = [
    "area_table",
    "distribution",
    "unit_deviation_block",
    "unit_gaps_block",
    "unit_mark",
    "units_section",
]
