"""A basenhet's own follow-up, for `notebooks/enhet.ipynb`: prepare, then one call per section.

    r = unit_report.prepare("2025-T2", "PV01")
    unit_report.title_section(r); unit_report.assessments_section(r); …

The report holds the unit's own assessments of the delmål with its comments, its values against
the target, its område and the region, where it stands within the område, and what it has not
reported. No charts: a unit report is made some sixty times per period and should be quick.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hsn_analysis.dataset import Dataset
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.period_choice import choose_period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.markup import Fragment, bullet_list, esc, paragraphs, table
from hsn_analysis.report.units import unit_mark, with_unit
from hsn_analysis.rules.result import TertialResult, UnitResult, compute_result, load_result
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.version import __version__
from hsn_analysis.vocabulary import Aggregation
from hsn_analysis.words import labels, report_text
from hsn_analysis.words import unit_text as words


@dataclass(frozen=True)
class UnitReport:
    """One unit's report: its slice of the tertial's result; the sections only read it."""

    result: TertialResult
    own: UnitResult
    run_started: datetime

    @property
    def dataset(self) -> Dataset:
        """The checked dataset the result was computed from."""
        return self.result.dataset

    @property
    def period(self) -> Period:
        """The report period."""
        return self.result.period

    @property
    def assessments(self) -> pd.DataFrame:
        """`UnitResult.assessments`."""
        return self.own.assessments

    @property
    def standing(self) -> pd.DataFrame:
        """`UnitResult.standing`."""
        return self.own.standing

    @property
    def gaps(self) -> tuple[tuple[str, str], ...]:
        """`UnitResult.gaps`."""
        return self.own.gaps


def prepare(
    period: str,
    enhet: str,
    data: str | os.PathLike[str] | None = None,
    run_started: str | None = None,
    checked: str | os.PathLike[str] | None = None,
) -> UnitReport:
    """The unit's report: its slice of the tertial's result (the runner's `checked` copy, else
    computed from `data` as `report.context.prepare` does).

    `enhet` is an `enhet_id` of `enheter`; KeyError when the data has no such unit.
    """
    if checked:
        result = load_result(Path(checked))
    else:
        dataset = load_dataset(data or EXAMPLE_DATA)
        result = compute_result(dataset, choose_period(period, dataset))
    started = datetime.fromisoformat(run_started) if run_started else datetime.now().astimezone()
    return UnitReport(result, result.for_unit(enhet), started)


def title_section(report: UnitReport) -> Fragment:
    """The unit's name, its område and the period, and the example-data banner."""
    settings, unit = report.dataset.settings, report.own
    heading = words.UNIT_HEADING.format(year=settings.year, unit=unit.name)
    sub = words.UNIT_SUBHEADING.format(area=unit.area, period=report.period.label)
    when = report_text.run_time_text(report.run_started)
    parts = [
        '<header class="rapporthuvud">',
        f'<p class="namnd">{esc(settings.board_name)}</p>',
        f"<h1>{esc(heading)}</h1>",
        f'<p class="period">{esc(sub)}</p>',
    ]
    if unit.responsible:
        parts.append(
            f'<p class="skapad">{esc(words.UNIT_RESPONSIBLE.format(who=unit.responsible))}</p>'
        )
    parts.append(f'<p class="skapad">{esc(words.UNIT_CREATED.format(when=when))}</p></header>')
    if settings.example_data:
        parts.append(f'<p class="exempeldata" role="note">{esc(labels.EXAMPLE_DATA_BANNER)}</p>')
    return Fragment("".join(parts))


def assessments_section(report: UnitReport) -> Fragment:
    """Each delmål the units assess: the unit's status and comment, the board's status, and
    how the units of its område assessed it."""
    area = report.own.area
    intro = words.UNIT_ASSESSMENTS_INTRO.format(period=report.period.label, area=area)
    parts = [f'<section id="delmal"><h2>{esc(words.UNIT_ASSESSMENTS)}</h2><p>{esc(intro)}</p>']
    assert report.result.units is not None  # a unit's report has units
    counts = report.result.units.counts
    counts = counts.loc[counts["omrade"] == area].set_index("delmal_id")
    for row in report.assessments.itertuples(index=False):
        board = labels.SUBGOAL_STATUS_LABEL[row.namndens_status]
        spread = counts.loc[row.delmal_id]
        parts += [
            f'<article class="delmal"><h3>{esc(row.namn)}</h3><div class="bedomning">',
            f"{unit_mark(row.status, short=False)}",
            f'<span class="forandring">{esc(words.UNIT_BOARD_STATUS.format(status=board))}</span>',
            "</div>",
        ]
        if row.status != NOT_REPORTED:
            comment = paragraphs(row.kommentar)
            parts.append(
                f'<div class="kommentar">{comment}</div>'
                if comment
                else f'<p class="inga">{esc(words.UNIT_NO_COMMENT)}</p>'
            )
            if row.forfattare and not pd.isna(row.datum):
                date = row.datum.strftime("%Y-%m-%d")
                signature = words.UNIT_SIGNATURE.format(author=row.forfattare, date=date)
                parts.append(f'<p class="signatur">{esc(signature)}</p>')
        text = words.UNIT_AREA_SPREAD.format(
            area=area,
            green=spread["gron"],
            yellow=spread["gul"],
            red=spread["rod"],
            silent=spread[NOT_REPORTED],
        )
        parts.append(f'<p class="meta">{esc(text)}</p></article>')
    return Fragment("".join(parts) + "</section>")


def _own_value(row: Any) -> str:
    if np.isnan(row.varde):
        return unit_mark(NOT_REPORTED, short=False)
    if row.aggregering == Aggregation.SHARE_YES:
        return esc(words.UNIT_ANSWER[float(row.varde)])
    return esc(with_unit(row.varde, row.enhet))


def _place(row: Any) -> str:
    if np.isnan(row.varde):
        return "–"
    if row.aggregering == Aggregation.SHARE_YES:
        answer = words.UNIT_ANSWER[float(row.varde)].lower()
        same = int(row.lika)
        return esc(
            words.UNIT_SAME_ANSWER.format(same=same, reported=row.rapporterat, answer=answer)
        )
    if np.isnan(row.plats):
        return "–"
    return esc(words.UNIT_PLACE.format(place=int(row.plats), reported=row.rapporterat))


def indicators_section(report: UnitReport) -> Fragment:
    """The unit's values beside the target, its område and the region, and its place."""
    period, area = report.period.label, report.own.area
    parts = [f'<section id="varden"><h2>{esc(words.UNIT_INDICATORS)}</h2>']
    if report.standing.empty:
        parts.append(f'<p class="inga">{esc(words.UNIT_NO_INDICATORS.format(period=period))}</p>')
        return Fragment("".join(parts) + "</section>")
    parts.append(f"<p>{esc(words.UNIT_INDICATORS_INTRO.format(period=period, area=area))}</p>")
    rows = []
    for row in report.standing.itertuples(index=False):
        unit = "%" if row.aggregering == Aggregation.SHARE_YES else row.enhet
        rows.append(
            [
                f'{esc(row.namn)} <span class="meta">({esc(row.indikator_id)})</span>',
                _own_value(row),
                esc(with_unit(row.malvarde, row.enhet)) or "–",
                esc(with_unit(row.omrade_varde, unit)) or "–",
                esc(with_unit(row.region_varde, unit)) or "–",
                _place(row),
            ]
        )
    headers = [h.format(area=area) for h in words.UNIT_INDICATOR_HEADERS]
    parts.append(table(headers, rows, numeric=(2, 3, 4), css_class="enhetsvarden"))
    return Fragment("".join(parts) + "</section>")


def gaps_section(report: UnitReport) -> Fragment:
    """What the unit has not reported this period."""
    period = report.period.label
    parts = [f'<section id="ej-rapporterat"><h2>{esc(words.OWN_GAPS)}</h2>']
    if not report.gaps:
        parts.append(f'<p class="inga">{esc(words.OWN_GAPS_NONE.format(period=period))}</p>')
        return Fragment("".join(parts) + "</section>")
    indicators = report.dataset.indicators.set_index("indikator_id")["namn"]
    subgoals = report.dataset.subgoals.set_index("delmal_id")["namn"]
    items = [
        esc(
            words.UNIT_GAP_INDICATOR.format(id=key, name=indicators[key])
            if kind == "indikator"
            else words.UNIT_GAP_SUBGOAL.format(id=key, name=subgoals[key])
        )
        for kind, key in report.gaps
    ]
    parts.append(f"<p>{esc(words.OWN_GAPS_INTRO.format(period=period))}</p>")
    parts.append(bullet_list(items))
    return Fragment("".join(parts) + "</section>")


def about_section(report: UnitReport) -> Fragment:
    """How the figures are made, the data it was made from, and a footer."""
    files = ", ".join(f"{s.name} {s.sha256[:12]}" for s in report.dataset.sources) or "–"
    text = words.UNIT_ABOUT_TEXT.format(period=report.period.label, files=files)
    footer = words.UNIT_FOOTER.format(
        board=report.dataset.settings.board_name,
        unit=report.own.name,
        period=report.period.label,
        version=__version__,
    )
    return Fragment(
        f'<section class="bilaga" id="om-rapporten"><h2>{esc(words.UNIT_ABOUT)}</h2>'
        f'<p>{esc(text)}</p><footer class="sidfot">{esc(footer)}</footer></section>'
    )


__all__ = [
    "UnitReport",
    "about_section",
    "assessments_section",
    "gaps_section",
    "indicators_section",
    "prepare",
    "title_section",
]
