"""The report's closing sections: full-year indicators, deviations, data quality, about."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from hsn_analysis.report import units as report_units
from hsn_analysis.report.benchmarks import about_signals
from hsn_analysis.report.context import Report, package_versions
from hsn_analysis.report.goals import indicator_status_badge, target_cell, value_cell
from hsn_analysis.report.markup import Fragment, badge, bullet_list, esc, scroll_region, table
from hsn_analysis.report.overview import format_run_time, subgoal_anchors
from hsn_analysis.report.signal_notes import restart_suggestions
from hsn_analysis.version import __version__
from hsn_analysis.vocabulary import Frequency, IndicatorStatus, SubgoalStatus
from hsn_analysis.words import labels, report_text
from hsn_analysis.words.formatting import format_number, format_percent

_GAPS = [
    IndicatorStatus.MISSING_VALUE.value,
    IndicatorStatus.MISSING_TARGET.value,
    IndicatorStatus.MISSING_COMPARISON.value,
]


def _section(anchor: str, heading: str, body: str) -> Fragment:
    return Fragment(
        f'<section class="bilaga" id="{anchor}"><h2>{esc(heading)}</h2>{body}</section>'
    )


def _subgoal_links(report: Report) -> dict[str, str]:
    """delmal_id → a link to its article, built once per section (not once per row)."""
    anchors = subgoal_anchors(report)
    return {
        sid: f'<a href="#{anchors[sid]}">{esc(name)}</a>'
        for sid, name in zip(report.subgoals["delmal_id"], report.subgoals["namn"], strict=True)
    }


@dataclass(frozen=True)
class FullYearTable:
    """The full-year indicators of the period, and how the page and the PDF head them: in T3
    the year's result with its fulfilment, in T1 and T2 the last full-year value."""

    rows: pd.DataFrame
    with_fulfilment: bool
    intro: str
    headers: list[str]
    numeric: tuple[int, ...]


def full_year_table(report: Report) -> FullYearTable:
    """The full-year indicators' rows (possibly none) and their table's words."""
    current = report.current_indicators
    rows = current.loc[current["frekvens"] == Frequency.FULL_YEAR.value]
    if report.period.tertial == 3:
        intro = report_text.FULL_YEAR_INTRO_T3.format(year=report.period.year)
        return FullYearTable(rows, True, intro, report_text.FULL_YEAR_HEADERS_T3, (3, 4, 5))
    intro = report_text.FULL_YEAR_INTRO_EARLY
    return FullYearTable(rows, False, intro, report_text.FULL_YEAR_HEADERS_EARLY, (3, 4))


def full_year_section(report: Report) -> Fragment:
    """Indikatorer som redovisas vid helår: the last full-year value in T1/T2, the result in T3."""
    links = _subgoal_links(report)
    found = full_year_table(report)
    rows_frame = found.rows
    if rows_frame.empty:
        body = f'<p class="inga">{esc(report_text.NO_FULL_YEAR)}</p>'
        return _section("helar", report_text.FULL_YEAR, body)
    rows = []
    for row in rows_frame.itertuples(index=False):
        cells = [
            f'{esc(row.namn)} <span class="meta">({esc(row.indikator_id)})</span>',
            links[row.delmal_id],
            indicator_status_badge(row.status, row.maltyp),
            value_cell(row),
            target_cell(row),
        ]
        if found.with_fulfilment:
            cells.append(esc(format_number(row.uppfyllelse)) or "–")
        rows.append(cells)
    body = f"<p>{esc(found.intro)}</p>" + table(
        found.headers, rows, numeric=found.numeric, css_class="helar"
    )
    return _section("helar", report_text.FULL_YEAR, body)


def deviation_section(report: Report) -> Fragment:
    """Avvikelser (§5.3): delmål whose assessment and indicators point opposite ways."""
    links = _subgoal_links(report)
    body = f"<p>{esc(report_text.DEVIATIONS_INTRO)}</p>"
    if report.deviations.empty:
        text = report_text.NO_DEVIATIONS.format(period=report.period.label)
        body += f'<p class="inga">{esc(text)}</p>' + report_units.unit_deviation_block(report)
        return _section("avvikelser", report_text.DEVIATIONS, body)
    rows = []
    for row in report.deviations.itertuples(index=False):
        named = [
            f'{esc(name)} <span class="meta">({esc(ind)})</span>'
            for ind, name in zip(row.indikatorer, row.indikatornamn, strict=True)
        ]
        rows.append(
            [
                links[row.delmal_id],
                badge(row.status, labels.SUBGOAL_STATUS_LABEL[row.status]),
                esc(labels.DEVIATION_LABEL[row.avvikelse]),
                "<br>".join(named),
            ]
        )
    body += scroll_region(
        table(report_text.DEVIATIONS_HEADERS, rows, css_class="avvikelser"), report_text.DEVIATIONS
    )
    body += report_units.unit_deviation_block(report)
    return _section("avvikelser", report_text.DEVIATIONS, body)


def data_quality_section(report: Report) -> Fragment:
    """Datakvalitet: delmål not assessed, indicators lacking what they need, input warnings."""
    links = _subgoal_links(report)
    period = report.period.label
    parts = [f"<h3>{esc(report_text.MISSING_ASSESSMENTS)}</h3>"]
    missing = report.subgoals.loc[report.subgoals["status"] == SubgoalStatus.NOT_ASSESSED.value]
    if missing.empty:
        parts.append(f'<p class="inga">{esc(report_text.ALL_ASSESSED.format(period=period))}</p>')
    else:
        parts.append(bullet_list(links[sid] for sid in missing["delmal_id"]))

    parts.append(f"<h3>{esc(report_text.MISSING_VALUES)}</h3>")
    current = report.current_indicators
    gaps = current.loc[current["status"].isin(_GAPS)]
    if gaps.empty:
        text = report_text.NO_MISSING_VALUES.format(period=period)
        parts.append(f'<p class="inga">{esc(text)}</p>')
    else:
        rows = [
            [
                f'{esc(row.namn)} <span class="meta">({esc(row.indikator_id)})</span>',
                links[row.delmal_id],
                indicator_status_badge(row.status, row.maltyp),
            ]
            for row in gaps.itertuples(index=False)
        ]
        parts.append(table(report_text.MISSING_VALUES_HEADERS, rows))

    parts.append(report_units.unit_gaps_block(report))
    parts.append(restart_suggestions(report))
    parts.append(f"<h3>{esc(report_text.WARNINGS)}</h3>")
    warnings = report.dataset.warnings
    if not warnings:
        parts.append(f'<p class="inga">{esc(report_text.NO_WARNINGS)}</p>')
    else:
        parts.append(f"<p>{esc(report_text.WARNINGS_INTRO)}</p>")
        parts.append(bullet_list(esc(str(w)) for w in warnings))
    return _section("datakvalitet", report_text.DATA_QUALITY, "".join(parts))


def _rules(report: Report) -> str:
    settings = report.dataset.settings
    yellow = format_percent(settings.yellow_from)
    rule_text = report_text.RULE_TEXT[settings.rollup_rule.value]
    items = []
    for term, text in report_text.RULES_LIST:
        filled = text.format(yellow=yellow, rule_text=rule_text)
        items.append(f"<dt>{esc(term)}</dt><dd>{esc(filled)}</dd>")
    own = report.dataset.indicators.loc[report.dataset.indicators["gul_fran"].notna()]
    if not own.empty:
        listed = ", ".join(
            f"{row.indikator_id} {format_percent(row.gul_fran)}" for row in own.itertuples()
        )
        items.insert(2, f"<dt>{esc(report_text.OWN_THRESHOLDS)}</dt><dd>{esc(listed)}</dd>")
    return f'<dl class="regler">{"".join(items)}</dl>'


def about_section(report: Report) -> Fragment:
    """Om rapporten: how follow-up works, rules and thresholds, data with SHA-256 per file,
    parameters, versions and the time of the run."""
    settings = report.dataset.settings
    parts = [f"<h3>{esc(report_text.HOW)}</h3>"]
    parts += [f"<p>{esc(text)}</p>" for text in report_text.HOW_TEXT]
    parts += [f"<h3>{esc(report_text.RULES)}</h3>", _rules(report)]
    parts.append(about_signals(report))

    # The run's particulars (data, parameters, versions) are one block: printed, it is never
    # split, so the document never ends on a page with only its last lines.
    parts.append('<div class="korningsuppgifter">')
    parts.append(f"<h3>{esc(report_text.DATA)}</h3>")
    parts.append(f"<p>{esc(report_text.DATA_SOURCE.format(path=report.data_path))}</p>")
    files = [
        [esc(s.name), f'<span class="hash">{esc(s.sha256)}</span>'] for s in report.dataset.sources
    ]
    parts.append(table(report_text.DATA_HEADERS, files, css_class="kallor"))

    parts.append(f"<h3>{esc(report_text.PARAMETERS)}</h3>")
    params = [
        [esc(report_text.PARAMETER_NAMES.get(k, k)), esc("–" if v is None else v)]
        for k, v in report.parameters.items()
    ]
    parts.append(table(report_text.PARAMETER_HEADERS, params, css_class="parametrar"))

    parts.append(f"<h3>{esc(report_text.VERSION)}</h3>")
    found = package_versions()
    versions = report_text.VERSION_LINES.format(
        version=found["hsn-analysis"],
        python=found["python"],
        pandas=found["pandas"],
        matplotlib=found["matplotlib"],
    )
    parts.append(f"<p>{esc(versions)}</p>")
    parts.append(f"<p>{esc(report_text.RUN_TIME.format(when=format_run_time(report)))}</p>")
    parts.append("</div>")
    footer = report_text.FOOTER.format(
        board=settings.board_name, period=report.period.label, version=__version__
    )
    parts.append(f'<footer class="sidfot">{esc(footer)}</footer>')
    return _section("om-rapporten", report_text.ABOUT, "".join(parts))
