"""The typeset PDF's data for the closing sections: full-year indicators, deviations, data
quality and Om rapporten, as `appendix` shows them in the HTML.
"""

from __future__ import annotations

from typing import Any

from hsn_analysis.report import goals as report_goals
from hsn_analysis.report.appendix import _GAPS, full_year_table
from hsn_analysis.report.benchmarks import COMPARISON_FILE
from hsn_analysis.report.context import Report, package_versions
from hsn_analysis.report.overview import format_run_time
from hsn_analysis.report.print_blocks import (
    Block,
    Span,
    badge,
    bullets,
    heading,
    indicator_badge,
    named,
    para,
    span,
    table,
)
from hsn_analysis.report.print_units import (
    deviation_blocks,
    gap_blocks,
    subgoal_link,
    units_section,
)
from hsn_analysis.report.signal_notes import restarts
from hsn_analysis.version import __version__
from hsn_analysis.vocabulary import SubgoalStatus
from hsn_analysis.words import labels, report_text
from hsn_analysis.words import signals_text as signal_words
from hsn_analysis.words.formatting import format_number, format_percent


def full_year(report: Report) -> list[Block]:
    """As `appendix.full_year_section`."""
    names = dict(zip(report.subgoals["delmal_id"], report.subgoals["namn"], strict=True))
    found = full_year_table(report)
    if found.rows.empty:
        return [para(report_text.NO_FULL_YEAR, "inga")]
    rows = []
    for row in found.rows.itertuples(index=False):
        value, quiet = report_goals.value_text(row)
        cells = [
            named(row.namn, row.indikator_id),
            [subgoal_link(report, row.delmal_id, names[row.delmal_id])],
            [indicator_badge(row.status, row.maltyp)],
            [span(value, "m" if quiet else "")],
            [span(report_goals.target_text(row))],
        ]
        if found.with_fulfilment:
            cells.append([span(format_number(row.uppfyllelse) or "–")])
        rows.append(cells)
    widths = [
        "1.5fr",
        "1.5fr",
        "auto",
        "auto",
        "auto",
        *(["auto"] if found.with_fulfilment else []),
    ]
    return [
        para(found.intro),
        table(found.headers, rows, numeric=found.numeric, style="small", widths=widths),
    ]


def deviations(report: Report) -> list[Block]:
    """As `appendix.deviation_section`."""
    blocks = [para(report_text.DEVIATIONS_INTRO)]
    if report.deviations.empty:
        text = report_text.NO_DEVIATIONS.format(period=report.period.label)
        return [*blocks, para(text, "inga"), *deviation_blocks(report)]
    rows = []
    for row in report.deviations.itertuples(index=False):
        listed: list[Span] = []
        for n, (ind, name) in enumerate(zip(row.indikatorer, row.indikatornamn, strict=True)):
            listed += [*([span("\n")] if n else []), *named(name, ind)]
        rows.append(
            [
                [subgoal_link(report, row.delmal_id, row.namn)],
                [badge(row.status, labels.SUBGOAL_STATUS_LABEL[row.status])],
                [span(labels.DEVIATION_LABEL[row.avvikelse])],
                listed,
            ]
        )
    return [
        *blocks,
        table(
            report_text.DEVIATIONS_HEADERS,
            rows,
            style="small",
            widths=["1.3fr", "auto", "1fr", "1.5fr"],
        ),
        *deviation_blocks(report),
    ]


def data_quality(report: Report) -> list[Block]:
    """As `appendix.data_quality_section`."""
    period = report.period.label
    names = dict(zip(report.subgoals["delmal_id"], report.subgoals["namn"], strict=True))
    blocks: list[Block] = [heading(report_text.MISSING_ASSESSMENTS, 2)]
    missing = report.subgoals.loc[report.subgoals["status"] == SubgoalStatus.NOT_ASSESSED.value]
    if missing.empty:
        blocks.append(para(report_text.ALL_ASSESSED.format(period=period), "inga"))
    else:
        blocks.append(
            bullets([subgoal_link(report, sid, names[sid])] for sid in missing["delmal_id"])
        )
    blocks.append(heading(report_text.MISSING_VALUES, 2))
    current = report.current_indicators
    gaps = current.loc[current["status"].isin(_GAPS)]
    if gaps.empty:
        blocks.append(para(report_text.NO_MISSING_VALUES.format(period=period), "inga"))
    else:
        rows = [
            [
                named(row.namn, row.indikator_id),
                [subgoal_link(report, row.delmal_id, names[row.delmal_id])],
                [indicator_badge(row.status, row.maltyp)],
            ]
            for row in gaps.itertuples(index=False)
        ]
        widths = ["1.5fr", "1.5fr", "auto"]
        blocks.append(table(report_text.MISSING_VALUES_HEADERS, rows, style="small", widths=widths))
    blocks += gap_blocks(report)
    blocks += _restart_suggestions(report)
    blocks.append(heading(report_text.WARNINGS, 2))
    warnings = report.dataset.warnings
    if not warnings:
        blocks.append(para(report_text.NO_WARNINGS, "inga"))
    else:
        blocks.append(para(report_text.WARNINGS_INTRO))
        blocks.append(bullets([span(str(w))] for w in warnings))
    return blocks


def _restart_suggestions(report: Report) -> list[Block]:
    """As `signal_notes.restart_suggestions`, from the same rows."""
    rows = [
        [named(r.name, r.indicator_id), [span(r.rule)], [span(r.start)], [span(r.points)]]
        for r in restarts(report)
    ]
    if not rows:
        return []
    return [
        heading(signal_words.RESTART_HEADING, 2),
        para(signal_words.RESTART_INTRO),
        table(signal_words.RESTART_HEADERS, rows, style="small"),
    ]


def _rules(report: Report) -> Block:
    settings = report.dataset.settings
    yellow = format_percent(settings.yellow_from)
    rule_text = report_text.RULE_TEXT[settings.rollup_rule.value]
    items: list[list[Any]] = [
        [term, [para(text.format(yellow=yellow, rule_text=rule_text))]]
        for term, text in report_text.RULES_LIST
    ]
    own = report.dataset.indicators.loc[report.dataset.indicators["gul_fran"].notna()]
    if not own.empty:
        listed = ", ".join(
            f"{row.indikator_id} {format_percent(row.gul_fran)}" for row in own.itertuples()
        )
        items.insert(2, [report_text.OWN_THRESHOLDS, [para(listed)]])
    return {"k": "dl", "items": items}


def _about_signals(report: Report) -> list[Block]:
    blocks = [heading(signal_words.ABOUT_SIGNALS_HEADING, 2), para(signal_words.ABOUT_SPC)]
    sources = report.dataset.sources
    source = next((s for s in sources if s.name.lower().startswith(COMPARISON_FILE)), None)
    if source is None and len(sources) == 1:  # a workbook: its sheet jamforelser
        source = sources[0]
    if source is None or report.dataset.comparisons.empty:
        return [*blocks, para(signal_words.ABOUT_NO_COMPARISONS)]
    times = sorted(t for t in report.dataset.comparisons["hamtad"] if t)
    about = signal_words.ABOUT_COMPARISONS.format(
        file=source.name, sha=source.sha256, fetched=times[-1] if times else "–"
    )
    return [*blocks, para(about)]


def about(report: Report) -> list[Block]:
    """As `appendix.about_section`; the run's particulars are one block never split."""
    settings = report.dataset.settings
    blocks: list[Block] = [heading(report_text.HOW, 2)]
    blocks += [para(text) for text in report_text.HOW_TEXT]
    blocks += [heading(report_text.RULES, 2), _rules(report), *_about_signals(report)]
    files = [[[span(s.name)], [span(s.sha256, "mono")]] for s in report.dataset.sources]
    params = [
        [[span(report_text.PARAMETER_NAMES.get(k, k))], [span("–" if v is None else v)]]
        for k, v in report.parameters.items()
    ]
    found = package_versions()
    versions = report_text.VERSION_LINES.format(
        version=found["hsn-analysis"],
        python=found["python"],
        pandas=found["pandas"],
        matplotlib=found["matplotlib"],
    )
    run = [
        heading(report_text.DATA, 2),
        para(report_text.DATA_SOURCE.format(path=report.data_path)),
        table(report_text.DATA_HEADERS, files, style="small", widths=["1fr", "auto"]),
        heading(report_text.PARAMETERS, 2),
        table(report_text.PARAMETER_HEADERS, params, style="small", widths=["auto", "1fr"]),
        heading(report_text.VERSION, 2),
        para(versions),
        para(report_text.RUN_TIME.format(when=format_run_time(report))),
    ]
    footer = report_text.FOOTER.format(
        board=settings.board_name, period=report.period.label, version=__version__
    )
    return [*blocks, {"k": "keep", "b": run}, para(footer, "meta")]


def sections(report: Report) -> list[dict[str, Any]]:
    """Basenheter and the appendices, in the HTML's order; the first begins a page."""
    units = units_section(report)
    return [
        *units,
        {"h": report_text.FULL_YEAR, "part": not units, "b": full_year(report)},
        {"h": report_text.DEVIATIONS, "b": deviations(report)},
        {"h": report_text.DATA_QUALITY, "b": data_quality(report)},
        {"h": report_text.ABOUT, "b": about(report)},
    ]
