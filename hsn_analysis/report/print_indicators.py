"""The typeset PDF's data for one indicator, as `goals.indicator_block` shows it in the HTML:
name, target and frequency, its table beside its chart, its signals and its figures per område.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.report import charts, print_units, spc_chart
from hsn_analysis.report import goals as report_goals
from hsn_analysis.report.benchmarks import region_name
from hsn_analysis.report.chart_images import benchmark_chart_key, indicator_chart_key
from hsn_analysis.report.context import Report
from hsn_analysis.report.indicator_figure import chart_target, indicator_figure
from hsn_analysis.report.print_blocks import (
    Block,
    Document,
    Span,
    assurance_spans,
    heading,
    icon,
    indicator_badge,
    para,
    span,
    table,
)
from hsn_analysis.rules.signals import NoSignal, Signal
from hsn_analysis.words import report_text
from hsn_analysis.words import signals_text as signal_words
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.signals_json import no_signal_reason


def indicator_table(history: pd.DataFrame, caption: str) -> Block:
    """As `goals.indicator_table`: report period first, the comments in rows of their own."""
    shown = history.head(report_goals.MAX_TABLE_ROWS)
    headers, trend = report_goals.table_headers(history)
    rows, notes, lit = [], {}, []
    for n, row in enumerate(shown.itertuples(index=False)):
        value, quiet = report_goals.value_text(row)
        cells = [
            [span(Period.parse(row.period).short_label)],
            [indicator_badge(row.status, row.maltyp, short=True)],
            [span(value, "m" if quiet else "")],
        ]
        if trend:
            cells.append([span(format_number(row.jamforelsevarde) or "–")])
        else:
            cells += [
                [span(report_goals.target_text(row))],
                [span(format_number(row.uppfyllelse) or "–")],
            ]
        rows.append(cells)
        if row.rapportperiod:
            lit.append(n)
        comment = getattr(row, "kommentar", "")
        if isinstance(comment, str) and comment:
            label = report_text.INDICATOR_COMMENT.format(
                period=Period.parse(row.period).short_label
            )
            notes[n] = [span(label, "b"), span(f" {comment}")]
    return table(
        headers,
        rows,
        numeric=range(2, len(headers)),
        caption=caption,
        highlighted=lit,
        notes=notes,
        style="small",
    )


def _indicator_chart(report: Report, indicator: Any, history: pd.DataFrame, doc: Document) -> Block:
    """As `goals.indicator_chart`: the indicator's one chart (`indicator_figure`), its alt text."""
    alt = charts.indicator_trend_alt(history, report.period)
    replaced = report_goals.replaced_text(indicator)
    if replaced:  # the break, for those who do not see the chart
        alt += " " + replaced
    signal = report.signals.get(indicator.indikator_id)
    if signal is not None and signal.result is not None:
        target = chart_target(report.result, indicator, signal)
        spc = spc_chart.spc_chart_alt(signal.result, indicator.namn, target, signal.basis)
        alt = f"{spc} {alt}"
    key = indicator_chart_key(indicator.indikator_id)
    return doc.figure(key, lambda: indicator_figure(report.result, indicator), alt)


def _signals(report: Report, indicator: Any, doc: Document) -> list[Block]:
    """As `benchmarks.signal_blocks`: the SPC line and the comparison with the regions."""
    blocks: list[Block] = []
    signal = report.signals.get(indicator.indikator_id)
    # A short series shows its trend chart and no line; a year-to-date share without its
    # parts says why it has no signal.
    if signal is not None and (
        signal.result is not None or signal.reason is NoSignal.YEAR_TO_DATE_RATIO
    ):
        blocks.append({"k": "p", "s": _spc_line(signal, indicator), "c": ""})
    found = report.benchmarks.get(indicator.indikator_id)
    if found is not None:
        blocks += _benchmark(report, found, indicator, doc)
    return blocks


def _spc_line(signal: Signal, indicator: Any) -> list[Span]:
    """As `benchmarks.spc_block`: the icons, the points counted and what they are."""
    heading = span(f"{signal_words.SPC_HEADING}:", "b")
    result = signal.result
    if result is None:
        return [
            heading,
            span(" " + signal_words.SPC_NONE.format(reason=no_signal_reason(signal) or "")),
        ]
    restart = getattr(indicator, "spc_fran", "")
    later = (
        signal_words.SPC_RESTART.format(period=Period.parse(restart).short_label) if restart else ""
    )
    before, rest = signal_words.SPC_LINE.split("{variation}")
    middle, rest = rest.split("{assurance}")
    line = [
        heading,
        span(f" {before}"),
        icon(result.variation.value, signal_words.VARIATION_LABELS),
        span(middle),
        *assurance_spans(signal),
        span(rest.format(points=result.count, restart=later)),
    ]
    basis = signal_words.SPC_BASIS.get(signal.basis.value, "")
    return [*line, span(f" {basis}")] if basis else line


def _benchmark(report: Report, found: Any, indicator: Any, doc: Document) -> list[Block]:
    from hsn_analysis.report.benchmarks import _with_unit, measure_text, rank_text

    unit = ""
    name = region_name(report, found)
    rows = [
        [[span(signal_words.BENCHMARK_OWN.format(name=name))], [span(_with_unit(found.own, unit))]],
        [[span(signal_words.BENCHMARK_COUNTRY)], [span(_with_unit(found.country, unit))]],
        [[span(signal_words.BENCHMARK_MEDIAN)], [span(_with_unit(found.median, unit))]],
        [
            [span(signal_words.BENCHMARK_RANK)],
            [span(" ".join(filter(None, [rank_text(found), measure_text(found)])))],
        ],
    ]
    alt = signal_words.BENCHMARK_CHART_ALT.format(
        count=found.count,
        year=found.year,
        name=indicator.namn,
        own=_with_unit(found.own, unit),
        country=_with_unit(found.country, unit),
        rank=rank_text(found),
    )
    source = signal_words.BENCHMARK_SOURCE.format(
        kpi=found.kpi or "–", title=found.title or "–", fetched=found.fetched[:10] or "–"
    )
    key = benchmark_chart_key(indicator.indikator_id)
    chart = doc.figure(key, lambda: spc_chart.benchmark_chart(found), alt)
    other: list[Block] = []
    if found.other_measure:
        measured = signal_words.RANK_MEASURE_UNIT.format(unit=found.unit) if found.unit else ""
        note = signal_words.BENCHMARK_OTHER_MEASURE.format(
            title=found.title or found.kpi or "–",
            unit=measured,
            own_unit=getattr(indicator, "enhet", "") or "värde",
        )
        other.append(para(note, "meta"))
    return [
        {
            "k": "keep",
            "b": [
                heading(signal_words.BENCHMARK_HEADING.format(year=found.year), 4),
                *other,
                {
                    "k": "side",
                    "l": [table(signal_words.BENCHMARK_HEADERS, rows, numeric=[1], style="small")],
                    "r": [chart],
                },
                para(source, "meta"),
            ],
        }
    ]


def indicator_blocks(report: Report, indicator: Any, doc: Document) -> list[Block]:
    """One indicator, as `goals.indicator_block`: name, target and frequency, table beside
    chart, the note on periods left out, its signals and its figures per område."""
    history = report.history(indicator.indikator_id)
    described = report_goals.target_description(history.iloc[0] if len(history) else indicator)
    about = " · ".join(
        part
        for part in (
            indicator.indikator_id,
            described,
            report_text.FREQUENCY_TEXT.get(indicator.frekvens, ""),
            report_text.SOURCE.format(source=indicator.kalla) if indicator.kalla else "",
            report_goals.responsible(
                report.dataset.indicators, "indikator_id", indicator.indikator_id
            ),
        )
        if part
    )
    caption = report_text.INDICATOR_CAPTION.format(name=indicator.indikator_id)
    left = [indicator_table(history, caption)]
    if len(history) > report_goals.MAX_TABLE_ROWS:
        note = report_text.HISTORY_CUT.format(shown=report_goals.MAX_TABLE_ROWS, total=len(history))
        left.append(para(note, "meta"))
    replaced = report_goals.replaced_text(indicator)
    if replaced:
        left.append(para(replaced, "meta"))
    head: list[Block] = [
        heading(indicator.namn, 3),
        para(about, "meta"),
        {"k": "side", "l": left, "r": [_indicator_chart(report, indicator, history, doc)]},
    ]
    return [
        {"k": "keep", "b": head},
        *_signals(report, indicator, doc),
        *print_units.area_table(report, indicator),
    ]
