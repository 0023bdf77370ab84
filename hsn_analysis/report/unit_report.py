"""A basenhet's own follow-up, for `notebooks/enhet.ipynb`: prepare, then one call per section.

    r = unit_report.prepare("2025-T2", "PV01")
    unit_report.title_section(r); unit_report.assessments_section(r); …

The report holds the unit's own assessments of the delmål with its comments, its values against
the target, its område and the region, where it stands within the område, and what it has not
reported. No charts: a unit report is made some sixty times per period and should be quick.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from hsn_analysis.paths import EXAMPLE_DATA
from hsn_analysis.reading.period_choice import choose_period
from hsn_analysis.reading.validation import load_dataset
from hsn_analysis.report import unit_texts as texts
from hsn_analysis.report.markup import Fragment, bullet_list, esc, table
from hsn_analysis.report.unit_context import UnitReport
from hsn_analysis.report.units import unit_mark
from hsn_analysis.rules.result import compute_result, load_result
from hsn_analysis.rules.units import NOT_REPORTED
from hsn_analysis.words import labels
from hsn_analysis.words import unit_text as words


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
    parts = [
        '<header class="rapporthuvud">',
        f'<p class="namnd">{esc(report.dataset.settings.board_name)}</p>',
        f"<h1>{esc(texts.heading(report))}</h1>",
        f'<p class="period">{esc(texts.subheading(report))}</p>',
    ]
    if who := texts.responsible(report):
        parts.append(f'<p class="skapad">{esc(who)}</p>')
    parts.append(f'<p class="skapad">{esc(texts.created(report))}</p></header>')
    if report.dataset.settings.example_data:
        parts.append(f'<p class="exempeldata" role="note">{esc(labels.EXAMPLE_DATA_BANNER)}</p>')
    return Fragment("".join(parts))


def assessments_section(report: UnitReport) -> Fragment:
    """Each delmål the units assess: the unit's status and comment, the board's status, and
    how the units of its område assessed it."""
    intro = texts.assessments_intro(report)
    parts = [f'<section id="delmal"><h2>{esc(words.UNIT_ASSESSMENTS)}</h2><p>{esc(intro)}</p>']
    for row in report.assessments.itertuples(index=False):
        parts += [
            f'<article class="delmal"><h3>{esc(row.namn)}</h3><div class="bedomning">',
            f"{unit_mark(row.status, short=False)}",
            f'<span class="forandring">{esc(texts.board_status(row))}</span>',
            "</div>",
        ]
        if row.status != NOT_REPORTED:
            comment = "".join(f"<p>{esc(part)}</p>" for part in texts.comment_parts(row.kommentar))
            parts.append(
                f'<div class="kommentar">{comment}</div>'
                if comment
                else f'<p class="inga">{esc(words.UNIT_NO_COMMENT)}</p>'
            )
            if signature := texts.signature(row):
                parts.append(f'<p class="signatur">{esc(signature)}</p>')
        parts.append(f'<p class="meta">{esc(texts.area_spread(report, row))}</p></article>')
    return Fragment("".join(parts) + "</section>")


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
        own = texts.own_value(row)
        rows.append(
            [
                f'{esc(row.namn)} <span class="meta">({esc(row.indikator_id)})</span>',
                unit_mark(NOT_REPORTED, short=False) if own is None else esc(own),
                *(esc(text) for text in texts.compared(row)),
                esc(texts.place(row)),
            ]
        )
    headers = texts.indicator_headers(report)
    parts.append(table(headers, rows, numeric=(2, 3, 4), css_class="enhetsvarden"))
    return Fragment("".join(parts) + "</section>")


def gaps_section(report: UnitReport) -> Fragment:
    """What the unit has not reported this period."""
    period = report.period.label
    parts = [f'<section id="ej-rapporterat"><h2>{esc(words.OWN_GAPS)}</h2>']
    if not report.gaps:
        parts.append(f'<p class="inga">{esc(words.OWN_GAPS_NONE.format(period=period))}</p>')
        return Fragment("".join(parts) + "</section>")
    parts.append(f"<p>{esc(words.OWN_GAPS_INTRO.format(period=period))}</p>")
    parts.append(bullet_list([esc(item) for item in texts.gap_items(report)]))
    return Fragment("".join(parts) + "</section>")


def about_section(report: UnitReport) -> Fragment:
    """How the figures are made, the data it was made from, and a footer."""
    return Fragment(
        f'<section class="bilaga" id="om-rapporten"><h2>{esc(words.UNIT_ABOUT)}</h2>'
        f"<p>{esc(texts.about(report))}</p>"
        f'<footer class="sidfot">{esc(texts.footer(report))}</footer></section>'
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
