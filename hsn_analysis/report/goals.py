"""One section per mål: its delmål with assessment, and each indicator's table and trend."""

from __future__ import annotations

from typing import Any, TypeAlias

import pandas as pd

from hsn_analysis.periods import Period
from hsn_analysis.report import charts, spc_chart
from hsn_analysis.report import units as report_units
from hsn_analysis.report.benchmarks import signal_blocks
from hsn_analysis.report.chart_images import indicator_chart_key
from hsn_analysis.report.context import Report
from hsn_analysis.report.indicator_figure import chart_target, indicator_figure
from hsn_analysis.report.markup import Fragment, badge, esc, paragraphs, prose, table
from hsn_analysis.report.markup import chart as chart_html
from hsn_analysis.report.overview import goal_anchor, subgoal_anchors
from hsn_analysis.vocabulary import IndicatorStatus, TargetType
from hsn_analysis.words import labels, plan_text, report_text
from hsn_analysis.words.formatting import format_number

# A row of `DataFrame.itertuples()` (or a Series): its fields are the frame's columns, and pandas
# gives them no static types.
Row: TypeAlias = Any

# Enough for three years of tertials; the chart beside the table always shows the whole series.
MAX_TABLE_ROWS = 9


def indicator_status_badge(status: str, kind: str = "", *, short: bool = False) -> str:
    """An indicator status as colour + symbol + word (a short word for narrow tables)."""
    return badge(status, labels.indicator_status_text(status, kind, short=short))


def target_description(indicator: Row) -> str:
    """ "Målvärde: minst 80 %", "Ska öka jämfört med …" or "Följs utan målvärde"."""
    kind = indicator.maltyp
    if kind in (TargetType.AT_LEAST, TargetType.AT_MOST):
        if pd.isna(indicator.malvarde):
            return report_text.TARGET_MISSING
        return report_text.TARGET_TEXT[kind].format(
            target=with_unit(indicator.malvarde, indicator.enhet)
        )
    return report_text.TARGET_TEXT.get(kind, "")


def with_unit(value: float, unit: str) -> str:
    """`80 %`, `1 234 antal`… as running text; just the number when there is no unit."""
    number = format_number(value)
    # "antal" names what is counted, it is no unit: "1 800", not "1 800 antal".
    shown = unit and unit.strip().lower() != "antal"
    return f"{number}\u00a0{unit}" if number and shown else number


def target_text(row: Row) -> str:
    """An outcome row's target cell as text: the target, or "Ska öka från …" for öka/minska."""
    if row.maltyp in (TargetType.INCREASE, TargetType.DECREASE):
        compared = format_number(row.jamforelsevarde)
        return report_text.COMPARISON[row.maltyp].format(value=compared) if compared else "–"
    return format_number(row.malvarde) or "–"


def target_cell(row: Row) -> str:
    return esc(target_text(row))


def value_text(row: Row) -> tuple[str, bool]:
    """An outcome row's value cell as text, and whether it is a note (a full-year indicator
    before its year is done) rather than the value itself."""
    if row.status == IndicatorStatus.NOT_DUE:
        if pd.isna(row.senaste_helar_varde):
            return report_text.FULL_YEAR_NONE, True
        text = report_text.FULL_YEAR_LATEST.format(
            year=int(row.senaste_helar_ar), value=with_unit(row.senaste_helar_varde, row.enhet)
        )
        return text, True
    return format_number(row.varde) or "–", False


def value_cell(row: Row) -> str:
    text, note = value_text(row)
    return f'<span class="meta">{esc(text)}</span>' if note else esc(text)


def table_headers(history: pd.DataFrame) -> tuple[list[str], bool]:
    """An indicator table's headers (its unit in the value's), and whether it is an öka/minska
    indicator, whose last column is the value it is compared with instead of a target."""
    unit = history["enhet"].iloc[0] if len(history) else ""
    kind = history["maltyp"].iloc[0] if len(history) else ""
    headers = [h.format(unit=f" ({unit})" if unit else "") for h in report_text.INDICATOR_HEADERS]
    trend = kind in report_text.COMPARED_WITH
    if trend:
        headers = [*headers[:3], report_text.COMPARED_WITH[kind]]
    return headers, trend


def indicator_table(history: pd.DataFrame, caption: str, *, with_note: bool = True) -> str:
    """Period, status, utfall, målvärde and måluppfyllelse, report period first; `with_note`:
    followed by the note that earlier periods are left out, when they are.

    öka/minska indicators have no target and no percentage: their last column is the value
    they are compared with (the same period last year), headed "Ska öka från".
    """
    shown = history.head(MAX_TABLE_ROWS)
    headers, trend = table_headers(history)
    rows = []
    for row in shown.itertuples(index=False):
        cells = [
            esc(Period.parse(row.period).short_label),
            indicator_status_badge(row.status, row.maltyp, short=True),
            value_cell(row),
        ]
        if trend:
            cells.append(esc(format_number(row.jamforelsevarde)) or "–")
        else:
            cells += [target_cell(row), esc(format_number(row.uppfyllelse)) or "–"]
        rows.append(cells)
    classes = ["rapportperiod" if row.rapportperiod else "" for row in shown.itertuples()]
    notes = _comment_notes(shown) if has_comments(shown) else None
    numeric = range(2, len(headers))
    html = table(headers, rows, numeric=numeric, caption=caption, row_classes=classes, notes=notes)
    if with_note:
        html += history_note(history)
    return html


def _comment_notes(shown: pd.DataFrame) -> dict[int, str]:
    """Each outcome's comment, for a row of its own right under the value it explains: the
    table keeps its five columns and its place beside the chart, however long the comments."""
    notes = {}
    for n, (period, comment) in enumerate(zip(shown["period"], shown["kommentar"], strict=True)):
        if isinstance(comment, str) and comment:
            label = report_text.INDICATOR_COMMENT.format(period=Period.parse(period).short_label)
            notes[n] = f'<span class="utfallskommentar">{esc(label)} {esc(comment)}</span>'
    return notes


def has_comments(history: pd.DataFrame) -> bool:
    """Whether any of these outcome rows has a comment of its own."""
    return "kommentar" in history and bool((history["kommentar"].fillna("") != "").any())


def history_note(history: pd.DataFrame) -> str:
    """ "Tabellen visar de 9 senaste perioderna av 14 …" when the table leaves periods out."""
    if len(history) <= MAX_TABLE_ROWS:
        return ""
    note = report_text.HISTORY_CUT.format(shown=MAX_TABLE_ROWS, total=len(history))
    return f'<p class="meta">{esc(note)}</p>'


def indicator_block(report: Report, indicator: Row) -> str:
    """One indicator: name, target and frequency, its table beside its chart, its signals."""
    history = report.history(indicator.indikator_id)
    meta = " · ".join(
        part
        for part in (
            indicator.indikator_id,
            # The report period's own target: it may live on the outcome rows only.
            target_description(history.iloc[0] if len(history) else indicator),
            report_text.FREQUENCY_TEXT.get(indicator.frekvens, ""),
            report_text.SOURCE.format(source=indicator.kalla) if indicator.kalla else "",
            responsible(report.dataset.indicators, "indikator_id", indicator.indikator_id),
        )
        if part
    )
    caption = report_text.INDICATOR_CAPTION.format(name=indicator.indikator_id)
    chart = indicator_chart(report, indicator, history)
    # Printed, the head (name, table, chart) stays on one page; the signals may follow.
    head = (
        f'<div class="indikator-huvud"><h4>{esc(indicator.namn)}</h4>'
        f'<p class="meta">{esc(meta)}</p>'
        '<div class="indikator-innehall">'
        f"{indicator_table(history, caption, with_note=False)}{chart}</div>"
        f"{history_note(history)}{replaced_note(indicator)}</div>"
    )
    signals = signal_blocks(report, indicator) + report_units.area_table(report, indicator)
    return f'<div class="indikator">{head}{signals}</div>'


def replaced_text(indicator: Row) -> str:
    """For an indicator that replaces another: whose values come before the break ("" else)."""
    replaced = getattr(indicator, "ersatter", "")
    if not replaced or not indicator.spc_fran:
        return ""
    period = Period.parse(indicator.spc_fran).label
    return plan_text.REPLACED_NOTE.format(old=replaced, period=period)


def replaced_note(indicator: Row) -> str:
    """Under an indicator that replaces another: `replaced_text` as a note."""
    text = replaced_text(indicator)
    return f'<p class="meta">{esc(text)}</p>' if text else ""


def indicator_chart(report: Report, indicator: Row, history: pd.DataFrame) -> str:
    """The indicator's one chart (`indicator_figure`) with its alt text."""
    trend_alt = charts.indicator_trend_alt(history, report.period)
    drawn = report.chart(
        indicator_chart_key(indicator.indikator_id),
        lambda: indicator_figure(report.result, indicator),
    )
    signal = report.signals.get(indicator.indikator_id)
    replaced = replaced_text(indicator)
    if replaced:  # the break, for those who do not see the chart
        trend_alt += " " + replaced
    if signal is None or signal.result is None:
        return chart_html(drawn, trend_alt, css_class="trend")
    target = chart_target(report.result, indicator, signal)
    alt = spc_chart.spc_chart_alt(signal.result, indicator.namn, target, signal.basis)
    return chart_html(
        drawn,
        f"{alt} {trend_alt}",
        css_class="trend spc",
    )


def _assessment(report: Report, subgoal: Row) -> str:
    status = subgoal.status
    head = badge(status, labels.SUBGOAL_STATUS_LABEL[status])
    change = change_text(report, subgoal)
    if change:
        head += f'<span class="forandring">{esc(change)}</span>'
    parts = [f'<div class="bedomning">{head}</div>']
    if status == "ej_bedomd":
        text = report_text.NOT_ASSESSED.format(period=report.period.label)
        parts.append(f'<p class="ej-bedomd">{esc(text)}</p>')
        return "".join(parts)
    comment = paragraphs(subgoal.kommentar)
    parts.append(
        f'<div class="kommentar">{comment}</div>'
        if comment
        else f'<p class="inga">{esc(report_text.NO_COMMENT)}</p>'
    )
    parts.append(written_analysis(subgoal))
    signature = assessment_signature(subgoal)
    if signature:
        parts.append(f'<p class="signatur">{esc(signature)}</p>')
    return "".join(parts)


def change_text(report: Report, subgoal: Row) -> str:
    """ "Försämrad sedan T1 (var: Delvis)" and the like; "" when nothing is said."""
    previous = report.period.previous.label
    before = labels.SHORT_STATUS.get(subgoal.foregaende_status, "")
    return str(report_text.CHANGE_TEXT[subgoal.forandring].format(previous=previous, before=before))


def assessment_signature(subgoal: Row) -> str:
    """ "Bedömt av … , 2025-09-01", or "" when nothing is known of who or when."""
    when = "" if pd.isna(subgoal.datum) else subgoal.datum.strftime("%Y-%m-%d")
    if subgoal.forfattare:
        signature = report_text.SIGNATURE.format(author=subgoal.forfattare, date=when)
    elif when:
        signature = report_text.SIGNATURE_NO_AUTHOR.format(date=when)
    else:
        signature = ""  # nothing known of who or when: no empty "Bedömt"
    return str(signature.rstrip(", "))


def written_analysis(subgoal: Row) -> str:
    """Analys, åtgärder and helårsprognos of an assessment, those given (escaped; line breaks
    kept as paragraphs; nothing else interpreted)."""
    items = []
    for label, text in zip(
        report_text.ANALYSIS_LABELS[:2], (subgoal.analys, subgoal.atgarder), strict=True
    ):
        if text:
            items.append(f"<dt>{esc(label)}</dt><dd>{prose(text)}</dd>")
    if subgoal.prognos:
        forecast = badge(subgoal.prognos, labels.SUBGOAL_STATUS_LABEL[subgoal.prognos])
        items.append(f"<dt>{esc(report_text.ANALYSIS_LABELS[2])}</dt><dd>{forecast}</dd>")
    return f'<dl class="analys">{"".join(items)}</dl>' if items else ""


def responsible(frame: pd.DataFrame, id_column: str, ident: str) -> str:
    """`Ansvarig: …` from the table's `ansvarig` column, where the data has one."""
    if "ansvarig" not in frame.columns:
        return ""
    found = frame.loc[frame[id_column] == ident, "ansvarig"]
    who = str(found.iloc[0]).strip() if len(found) and pd.notna(found.iloc[0]) else ""
    return report_text.RESPONSIBLE.format(who=who) if who else ""


def goal_comment(report: Report, goal_id: str) -> str:
    """The mål's own comment for the period, beside (never instead of) its rolled-up status."""
    found = goal_comment_text(report, goal_id)
    if found is None:
        return ""
    comment, signature = found
    signed = f'<p class="signatur">{esc(signature)}</p>' if signature else ""
    return f'<div class="malkommentar">{prose(comment)}{signed}</div>'


def goal_comment_text(report: Report, goal_id: str) -> tuple[str, str] | None:
    """The mål's own comment for the period and its signature ("" if none); None if no comment."""
    rows = report.result.goal_comments
    rows = rows.loc[rows["mal_id"] == goal_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    when = "" if pd.isna(row["datum"]) else pd.Timestamp(row["datum"]).strftime("%Y-%m-%d")
    if row["forfattare"]:
        signature = report_text.GOAL_SIGNATURE.format(author=row["forfattare"], date=when)
    else:
        signature = report_text.GOAL_SIGNATURE_NO_AUTHOR.format(date=when) if when else ""
    return str(row["kommentar"]), str(signature.rstrip(", "))


def goal_counts(goal: Row) -> str:
    """ "3 delmål: 1 uppnås ej, 2 delvis" (the counts that are not zero)."""
    parts = [
        f"{getattr(goal, status)} {labels.SHORT_STATUS[status].lower()}"
        for status in ("rod", "gul", "gron", "ej_bedomd")  # worst first
        if getattr(goal, status)
    ]
    return report_text.GOAL_COUNTS.format(n=goal.antal, parts=", ".join(parts))


def goal_sections(report: Report) -> Fragment:
    """One section per mål in plan order; printed, they follow one another (rapport.css)."""
    anchors = subgoal_anchors(report)
    indicators = report.dataset.indicators
    rule = report.dataset.settings.rollup_rule.value
    sections = []
    for n, goal in enumerate(report.goals.itertuples(index=False)):
        heading = report_text.GOAL_HEADING.format(id=goal.mal_id, name=goal.namn)
        parts = [
            f'<section class="mal" id="{goal_anchor(n)}"><h2>{esc(heading)}</h2>',
            '<div class="mal-huvud">',
            f"<p>{esc(report_text.GOAL_STATUS.format(rule=rule))}</p>",
            badge(goal.status, labels.SUBGOAL_STATUS_LABEL[goal.status]),
            f"<p>{esc(goal_counts(goal)) if goal.antal else ''}</p></div>",
            goal_comment(report, goal.mal_id),
        ]
        subgoals = report.subgoals.loc[report.subgoals["mal_id"] == goal.mal_id]
        if subgoals.empty:
            parts.append(f'<p class="inga">{esc(report_text.GOAL_NO_SUBGOALS)}</p>')
        for subgoal in subgoals.itertuples(index=False):
            own = indicators.loc[indicators["delmal_id"] == subgoal.delmal_id]
            blocks = [indicator_block(report, ind) for ind in own.itertuples(index=False)]
            # Printed, the first indicator follows the assessment without a page break between.
            first = (
                blocks.pop(0) if blocks else f'<p class="inga">{esc(report_text.NO_INDICATORS)}</p>'
            )
            who = responsible(report.dataset.subgoals, "delmal_id", subgoal.delmal_id)
            owner = f'<p class="meta">{esc(who)}</p>' if who else ""
            # Printed, the heading, the assessment and the first indicator's head stay on one page.
            parts.append(
                f'<article class="delmal" id="{anchors[subgoal.delmal_id]}">'
                f'<div class="delmal-inledning"><h3>{esc(subgoal.namn)}</h3>{owner}'
                f"{_assessment(report, subgoal)}{first}</div>{''.join(blocks)}"
                # The units' own assessments close the delmål: inside the kept-together head
                # they made it taller than a page, and between an indicator's head and its
                # signals they would split the indicator.
                f"{report_units.distribution(report, subgoal.delmal_id)}</article>"
            )
        parts.append("</section>")
        sections.append("".join(parts))
    return Fragment("".join(sections))
