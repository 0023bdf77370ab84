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

from hsn_analysis.dataset import Dataset, Settings, load_checked
from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.periods import Period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report.markup import Fragment, bullet_list, esc, paragraphs, table
from hsn_analysis.report.units import unit_mark, with_unit
from hsn_analysis.rules.unit_standing import not_reported, own_assessments, standing, unit_row
from hsn_analysis.rules.units import NOT_REPORTED, assessment_counts
from hsn_analysis.version import __version__
from hsn_analysis.vocabulary import Aggregation
from hsn_analysis.words import labels, report_text
from hsn_analysis.words import unit_text as words


@dataclass(frozen=True)
class UnitReport:
    """The inputs and results of one unit's report; the sections only read it."""

    dataset: Dataset
    period: Period
    unit: pd.Series  # the unit's row of `enheter`
    run_started: datetime
    assessments: pd.DataFrame  # unit_standing.own_assessments
    standing: pd.DataFrame  # unit_standing.standing
    gaps: list[tuple[str, str]]  # unit_standing.not_reported


def unit_report_title(settings: Settings, period: Period, unit_name: str) -> str:
    """The page title: period and unit (the board is in the heading)."""
    del settings  # the same signature as report_title; the unit's name says enough
    return words.UNIT_TITLE.format(period=period.label, unit=unit_name)


def prepare(
    period: str,
    enhet: str,
    data: str | os.PathLike[str] | None = None,
    run_started: str | None = None,
    checked: str | os.PathLike[str] | None = None,
) -> UnitReport:
    """Load (or take the runner's `checked` copy of) the data and compute the unit's figures.

    `enhet` is an `enhet_id` of `enheter`; KeyError when the data has no such unit.
    """
    dataset = load_checked(Path(checked)) if checked else load_dataset(data or EXAMPLE_DATA)
    chosen = Period.parse(period)
    started = datetime.fromisoformat(run_started) if run_started else datetime.now().astimezone()
    return build_unit_report(dataset, chosen, enhet, started)


def build_unit_report(
    dataset: Dataset, period: Period, unit_id: str, run_started: datetime
) -> UnitReport:
    """Every figure of one unit's report, from a dataset already loaded."""
    return UnitReport(
        dataset=dataset,
        period=period,
        unit=unit_row(dataset, unit_id),
        run_started=run_started,
        assessments=own_assessments(dataset, period, unit_id),
        standing=standing(dataset, period, unit_id),
        gaps=not_reported(dataset, period, unit_id),
    )


def title_section(report: UnitReport) -> Fragment:
    """The unit's name, its område and the period, and the example-data banner."""
    settings, unit = report.dataset.settings, report.unit
    heading = words.UNIT_HEADING.format(year=settings.year, unit=unit["namn"])
    sub = words.UNIT_SUBHEADING.format(area=unit["omrade"], period=report.period.label)
    when = report_text.run_time_text(report.run_started)
    parts = [
        '<header class="rapporthuvud">',
        f'<p class="namnd">{esc(settings.board_name)}</p>',
        f"<h1>{esc(heading)}</h1>",
        f'<p class="period">{esc(sub)}</p>',
    ]
    if unit["ansvarig"]:
        parts.append(
            f'<p class="skapad">{esc(words.UNIT_RESPONSIBLE.format(who=unit["ansvarig"]))}</p>'
        )
    parts.append(f'<p class="skapad">{esc(words.UNIT_CREATED.format(when=when))}</p></header>')
    if settings.example_data:
        parts.append(f'<p class="exempeldata" role="note">{esc(labels.EXAMPLE_DATA_BANNER)}</p>')
    return Fragment("".join(parts))


def assessments_section(report: UnitReport) -> Fragment:
    """Each delmål the units assess: the unit's status and comment, the board's status, and
    how the units of its område assessed it."""
    area = report.unit["omrade"]
    intro = words.UNIT_ASSESSMENTS_INTRO.format(period=report.period.label, area=area)
    parts = [f'<section id="delmal"><h2>{esc(words.UNIT_ASSESSMENTS)}</h2><p>{esc(intro)}</p>']
    counts = assessment_counts(report.dataset, report.period)
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
    period, area = report.period.label, report.unit["omrade"]
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
        unit=report.unit["namn"],
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
    "build_unit_report",
    "gaps_section",
    "indicators_section",
    "prepare",
    "title_section",
    "unit_report_title",
]
