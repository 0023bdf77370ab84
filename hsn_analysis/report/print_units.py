"""The typeset PDF's data for the basenheter, as `units` shows them in the HTML: per område
tables, the units' own assessments, the unit × delmål overview, and the units' part of
Avvikelser and Datakvalitet. Nothing when the data has no units.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from hsn_analysis.report import units as report_units
from hsn_analysis.report.context import Report
from hsn_analysis.report.overview import subgoal_anchors
from hsn_analysis.report.print_blocks import (
    Block,
    Span,
    badge,
    heading,
    named,
    para,
    span,
    table,
)
from hsn_analysis.rules.result import UnitsResult
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.vocabulary import Aggregation
from hsn_analysis.words import labels
from hsn_analysis.words import unit_text as words
from hsn_analysis.words.counting import UNITS, counted

_STATUS_ORDER = ("gron", "gul", "rod", NOT_REPORTED)


def _has_units(report: Report) -> bool:
    return report.result.units is not None


def _units(report: Report) -> UnitsResult:
    """The units' part of the report's result (callers check `_has_units` first)."""
    units = report.result.units
    if units is None:  # a report without basenheter never asks
        raise ValueError("the report has no basenheter")
    return units


def unit_mark(status: str) -> Span:
    """A unit's status as symbol and short word (`ej_rapporterat`: an open circle)."""
    colour = status if status in ("gron", "gul", "rod") else "ingen"
    return [f"s:{colour}", f"{words.UNIT_SYMBOL[status]} {words.SHORT_UNIT_STATUS[status]}"]


def subgoal_link(report: Report, subgoal_id: str, name: str) -> Span:
    """The delmål's name, linked to its heading (the HTML's link, printed with its page)."""
    return [f"l:{subgoal_anchors(report)[subgoal_id]}", name]


def area_table(report: Report, indicator: Any) -> list[Block]:
    """As `units.area_table`: an aggregated indicator's figures per område."""
    if not _has_units(report):
        return []
    rows = _units(report).areas
    rows = rows.loc[rows["indikator_id"] == indicator.indikator_id]
    if rows.empty:
        return []
    if len(rows) == 2:  # one område: the region's row would only repeat it
        rows = rows.iloc[:1]
    share = indicator.aggregering == Aggregation.SHARE_YES
    body = []
    for row in rows.itertuples(index=False):
        if share:
            result = words.AREA_SHARE.format(yes=int(row.ja), reported=row.rapporterat)
            value = report_units.with_unit(row.varde, "%") if row.rapporterat else "–"
        else:
            result = words.AREA_REPORTED.format(reported=row.rapporterat, units=row.enheter)
            value = report_units.with_unit(row.varde, indicator.enhet) if row.rapporterat else "–"
        area = span(row.omrade) if row.omrade else span(words.AREA_ALL, "b")
        body.append([[area], [span(result)], [span(value)], [span(row.enheter - row.rapporterat)]])
    total = rows.iloc[-1]
    intro = words.AREA_INTRO.format(
        how=words.AGGREGATION_LABELS[indicator.aggregering],
        reported=total["rapporterat"],
        units=total["enheter"],
    )
    caption = words.AREA_CAPTION.format(name=indicator.indikator_id, period=report.period.label)
    return [
        para(intro, "meta"),
        table(
            words.AREA_HEADERS,
            body,
            numeric=(2, 3),
            caption=caption,
            style="small",
            widths=["1fr", "1.4fr", "auto", "auto"],
        ),
    ]


def _names(report: Report, unit_ids: list[str]) -> str:
    names = report_units._organisation(report).set_index("enhet_id")["namn"]
    return "; ".join(str(names.get(u, u)) for u in unit_ids)


def distribution(report: Report, subgoal_id: str) -> list[Block]:
    """As `units.distribution`: the units' own assessments of one delmål, per område."""
    if not _has_units(report):
        return []
    counts = _units(report).counts
    counts = counts.loc[counts["delmal_id"] == subgoal_id]
    if counts.empty:
        return []
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
        [[span(r.omrade) if r.omrade else span(words.AREA_ALL, "b")]]
        + [[span(getattr(r, s))] for s in _STATUS_ORDER]
        for r in counts.itertuples(index=False)
    ]
    matrix = _units(report).matrix
    silent = matrix.index[matrix[subgoal_id] == NOT_REPORTED].tolist()
    blocks: list[Block] = [
        heading(words.DISTRIBUTION_HEADING, 3),
        para(sentence),
        table(
            words.DISTRIBUTION_HEADERS,
            rows,
            numeric=(1, 2, 3, 4),
            style="small",
            widths=["1fr", *["auto"] * 4],
        ),
    ]
    if silent:
        names = _names(report, silent)
        blocks.append(para(words.NOT_REPORTED_LIST.format(names=names), "meta"))
    return [{"k": "keep", "b": blocks}]


def units_section(report: Report) -> list[dict[str, Any]]:
    """As `units.units_section`: every unit × every delmål the units assess, per område."""
    if not _has_units(report):
        return []
    period = report.period.label
    matrix = _units(report).matrix
    if matrix.columns.empty:
        blocks = [para(words.UNITS_NONE.format(period=period), "inga")]
        return [{"h": words.UNITS_HEADING, "b": blocks}]
    units = report_units._organisation(report).set_index("enhet_id")
    subgoals = report.subgoals.set_index("delmal_id")
    rows: list[dict[str, Any]] = []
    for area in dict.fromkeys(units["omrade"]):
        ids = [u for u in matrix.index if units.at[u, "omrade"] == area]
        label = words.MATRIX_COUNTS.format(area=area, units=counted(len(ids), UNITS))
        rows.append({"group": label})
        for unit in ids:
            cells = [[span(units.at[unit, "namn"])]] + [[unit_mark(s)] for s in matrix.loc[unit]]
            rows.append({"c": cells, "hi": False})
    matrix_table = {
        "k": "table",
        "cap": words.MATRIX_CAPTION.format(period=period),
        "head": [words.MATRIX_UNIT, *matrix.columns],
        "rows": rows,
        "num": [],
        "c": "dense",
        "w": ["1fr", *["auto"] * len(matrix.columns)],
    }
    key = [[s, [para(str(subgoals.at[s, "namn"]))]] for s in matrix.columns]
    blocks = [
        para(words.UNITS_INTRO.format(period=period)),
        matrix_table,
        heading(words.SUBGOAL_KEY, 2),
        {"k": "dl", "items": key},
    ]
    return [{"h": words.UNITS_HEADING, "part": True, "b": blocks}]


def deviation_blocks(report: Report) -> list[Block]:
    if not _has_units(report):
        return []
    found = _units(report).deviations
    blocks: list[Block] = [heading(words.UNIT_DEVIATIONS, 2)]
    if found.empty:
        text = words.NO_UNIT_DEVIATIONS.format(period=report.period.label)
        return [*blocks, para(text, "inga")]
    names = report.subgoals.set_index("delmal_id")["namn"]
    rows = [
        [
            [span(names[r.delmal_id])],
            [badge(r.status, labels.SUBGOAL_STATUS_LABEL[r.status])],
            [span(words.UNIT_DEVIATION_LABEL[r.avvikelse])],
            [span(words.UNIT_DEVIATION_COUNT.format(against=r.emot, reported=r.rapporterat))],
        ]
        for r in found.itertuples(index=False)
    ]
    widths = ["1.5fr", "auto", "1fr", "1fr"]
    return [*blocks, table(words.UNIT_DEVIATIONS_HEADERS, rows, style="small", widths=widths)]


def gap_blocks(report: Report) -> list[Block]:
    if not _has_units(report):
        return []
    blocks: list[Block] = [heading(words.UNIT_GAPS, 2)]
    rows = []
    missing = _units(report).missing
    indicator_names = report.dataset.indicators.set_index("indikator_id")["namn"]
    for (indicator, area), group in missing.groupby(["indikator_id", "omrade"], sort=False):
        what = named(indicator_names[indicator], indicator)
        rows.append([what, [span(area)], [span("; ".join(group["namn"]))]])
    matrix = _units(report).matrix
    areas = report_units._organisation(report).set_index("enhet_id")["omrade"]
    names = report.subgoals.set_index("delmal_id")["namn"]
    for subgoal in matrix.columns:
        silent = pd.Series(matrix.index[matrix[subgoal] == NOT_REPORTED])
        for area, ids in silent.groupby(silent.map(areas), sort=False):
            what = named(names[subgoal], subgoal)
            rows.append([what, [span(area)], [span(_names(report, ids.tolist()))]])
    if not rows:
        text = words.NO_UNIT_GAPS.format(period=report.period.label)
        return [*blocks, para(text, "inga")]
    widths = ["1.5fr", "0.8fr", "1.5fr"]
    return [*blocks, table(words.UNIT_GAPS_HEADERS, rows, style="small", widths=widths)]
