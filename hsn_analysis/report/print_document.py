"""The report as data for the typeset PDF: the same sections, words and figures as the HTML, as
plain JSON (texts already worded, see `print_blocks`) that the Typst template lays out, and the
charts to draw. This module: the opening, the overview and one section per mål; the indicators
are `print_indicators`', the basenheter `print_units`' and the appendices `print_appendix`'s.
"""

from __future__ import annotations

from typing import Any

from hsn_analysis.dataset import Settings
from hsn_analysis.report import charts, print_appendix, print_indicators, print_units
from hsn_analysis.report import goals as report_goals
from hsn_analysis.report.benchmarks import measure_text
from hsn_analysis.report.chart_images import STATUS_CHART_KEY
from hsn_analysis.report.context import Report
from hsn_analysis.report.overview import format_run_time, key_figures, subgoal_anchors
from hsn_analysis.report.palette import STATUS_SWATCH
from hsn_analysis.report.print_blocks import (
    Block,
    Chart,
    Document,
    badge,
    bullets,
    heading,
    indicator_badge,
    named,
    para,
    signal_spans,
    span,
    table,
    written,
)
from hsn_analysis.report.signals import change_since_last_year
from hsn_analysis.vocabulary import Change, IndicatorStatus, SubgoalStatus
from hsn_analysis.words import labels, report_text
from hsn_analysis.words import signals_text as signal_words
from hsn_analysis.words.formatting import format_number
from hsn_analysis.words.narrative import change_sentence, count_sentence
from hsn_analysis.words.titles import report_title


def page_meta(settings: Settings) -> dict[str, Any]:
    """What every typeset report shares, the board's and a unit's: the running header's left
    side, the example-data banner, the contents' heading, the page numbers and the colours of
    the statuses."""
    before, rest = report_text.PAGE_NUMBER.split("{page}")
    between, after = rest.split("{pages}")
    return {
        "board": settings.board_name,
        "banner": labels.EXAMPLE_DATA_BANNER if settings.example_data else "",
        "contents": report_text.CONTENTS,
        "head_left": settings.board_name,
        "page": [before, between, after],
        "page_ref": report_text.PRINT_PAGE_REF,
        "swatch": {code: [s.fill, s.text] for code, s in STATUS_SWATCH.items()},
    }


def meta(report: Report) -> dict[str, Any]:
    """Title page, running header and page numbers, and the colours of the statuses."""
    settings = report.dataset.settings
    period = report.period
    right = report_text.RUNNING_HEAD_RIGHT.format(period=period.label)
    if settings.case_number:
        right += report_text.RUNNING_HEAD_CASE.format(case=settings.case_number)
    when = settings.document_date.isoformat() if settings.document_date else ""
    values = (settings.case_number, when, settings.document_version, settings.decided_by)
    return {
        **page_meta(settings),
        "title": report_title(settings, period),
        "heading": report_text.HEADING.format(year=settings.year),
        "period": report_text.PERIOD_LINE.format(
            label=period.label, description=period.description
        ),
        "created": report_text.CREATED.format(when=format_run_time(report)),
        "particulars": [
            [label, value]
            for label, value in zip(report_text.DOCUMENT_LABELS, values, strict=True)
            if value
        ],
        "head_right": right,
    }


def _key_figures(report: Report) -> Block:
    items = [
        {"n": str(n), "sym": labels.STATUS_SYMBOL[status], "t": words, "st": status}
        for status, n, words in key_figures(report)
    ]
    return {"k": "keys", "items": items}


def _goals_table(report: Report) -> Block:
    rule = report.dataset.settings.rollup_rule.value
    rows = []
    for goal in report.goals.itertuples(index=False):
        rows.append(
            [
                [span(report_text.GOAL_HEADING.format(id=goal.mal_id, name=goal.namn))],
                *([span(getattr(goal, k))] for k in ("antal", "gron", "gul", "rod", "ej_bedomd")),
                [badge(goal.status, labels.SHORT_STATUS[goal.status])],
            ]
        )
    c = report.counts
    totals = [c.total, c.green, c.yellow, c.red, c.not_assessed]
    rows.append([[span(report_text.WHOLE_BOARD, "b")], *([span(n)] for n in totals), []])
    return table(
        report_text.GOALS_TABLE_HEADERS,
        rows,
        numeric=range(1, 6),
        caption=report_text.GOALS_TABLE_CAPTION.format(rule=rule),
        widths=["1fr", *["auto"] * 6],
    )


def _subgoal_list(report: Report, status: SubgoalStatus) -> Block:
    chosen = report.subgoals.loc[report.subgoals["status"] == status.value]
    if chosen.empty:
        return para(report_text.NONE_IN_LIST, "inga")
    return bullets(named(row.namn, row.mal_id) for row in chosen.itertuples(index=False))


def _changes(report: Report) -> list[Block]:
    subgoals = report.subgoals
    previous, current = report.period.previous.label, report.period.label
    blocks = [para(change_sentence(subgoals))]
    shown = {Change.BETTER.value, Change.WORSE.value, Change.NEW.value}
    changed = subgoals.loc[subgoals["forandring"].isin(shown)]
    if changed.empty:
        return [*blocks, para(report_text.NO_CHANGES_TABLE, "inga")]
    rows = [
        [
            [span(row.namn)],
            [span(row.mal_id)],
            [badge(row.foregaende_status, labels.SHORT_STATUS[row.foregaende_status])],
            [badge(row.status, labels.SHORT_STATUS[row.status])],
            [span(labels.CHANGE_LABEL[Change(row.forandring)])],
        ]
        for row in changed.itertuples(index=False)
    ]
    headers = [h.format(previous=previous, current=current) for h in report_text.CHANGES_HEADERS]
    return [*blocks, table(headers, rows, widths=["1fr", *["auto"] * 4])]


def summary(report: Report, doc: Document) -> list[Block]:
    """Sammanfattning, as `overview.summary_section`."""
    blocks: list[Block] = []
    analyses = report.result.analyses
    own = []
    for row in analyses.itertuples(index=False):
        if row.rubrik:
            own.append(heading(row.rubrik, 2))
        own += written(row.text)
    if own:
        blocks.append({"k": "box", "c": "shade", "b": own})
    chart = doc.figure(
        STATUS_CHART_KEY,
        lambda: charts.status_per_goal(report.goals),
        charts.status_per_goal_alt(report.goals),
        "wide",
    )
    blocks += [
        para(count_sentence(report.counts, report.period), "ingress"),
        _key_figures(report),
        chart,
        _goals_table(report),
        heading(report_text.RED_LIST, 2),
        _subgoal_list(report, SubgoalStatus.RED),
        heading(report_text.GREEN_LIST, 2),
        _subgoal_list(report, SubgoalStatus.GREEN),
        heading(f"{report_text.CHANGES} ({report.period.previous.label})", 2),
        *_changes(report),
    ]
    return blocks


def _signed(value: float | None) -> str:
    if value is None:
        return "–"
    number = format_number(value)
    return number if number.startswith("-") or number == "0" else f"+{number}"


def overview(report: Report) -> list[Block]:
    """Översikt över indikatorerna, as `signals.overview_section`."""
    rows = []
    for row in report.current_indicators.itertuples(index=False):
        variation, assurance = signal_spans(report.signals.get(row.indikator_id))
        found = report.benchmarks.get(row.indikator_id)
        if found is None or found.rank is None:
            rank = [span(signal_words.NO_RANK)]
        else:
            measure = measure_text(found)
            rank = [span(f"{found.rank} av {found.count}")]
            rank += [span(f" {measure}", "m")] if measure else []
        due = row.status != IndicatorStatus.NOT_DUE
        change = _signed(change_since_last_year(report, row.indikator_id)) if due else "–"
        rows.append(
            [
                named(row.namn, row.indikator_id),
                [indicator_badge(row.status, row.maltyp, short=True)],
                [span(format_number(row.uppfyllelse) or "–")],
                [span(change)],
                variation,
                assurance,
                rank,
            ]
        )
    previous = report.period.same_period_last_year.short_label
    headers = [h.format(previous=previous) for h in signal_words.OVERVIEW_HEADERS]
    return [
        para(signal_words.OVERVIEW_INTRO.format(period=report.period.label), "lead"),
        table(
            headers,
            rows,
            numeric=[2, 3],
            style="dense",
            widths=["3fr", "auto", "1fr", "1fr", "1.3fr", "1.3fr", "0.8fr"],
        ),
        para(signal_words.OVERVIEW_RANK_NOTE, "meta"),
    ]


def _assessment(report: Report, subgoal: Any) -> list[Block]:
    status = subgoal.status
    line = [badge(status, labels.SUBGOAL_STATUS_LABEL[status])]
    change = report_goals.change_text(report, subgoal)
    if change:
        line.append(span(f"  {change}", "m"))
    blocks: list[Block] = [{"k": "p", "s": line, "c": "lead"}]
    if status == SubgoalStatus.NOT_ASSESSED.value:
        blocks.append(para(report_text.NOT_ASSESSED.format(period=report.period.label), "inga"))
        return blocks
    comment = [
        para(part)
        for part in (p.strip() for p in subgoal.kommentar.replace("\r\n", "\n").split("\n"))
        if part
    ]
    blocks += comment or [para(report_text.NO_COMMENT, "inga")]
    terms: list[list[Any]] = []
    for label, text in zip(
        report_text.ANALYSIS_LABELS[:2], (subgoal.analys, subgoal.atgarder), strict=True
    ):
        if text:
            terms.append([label, written(text)])
    if subgoal.prognos:
        forecast = badge(subgoal.prognos, labels.SUBGOAL_STATUS_LABEL[subgoal.prognos])
        terms.append([report_text.ANALYSIS_LABELS[2], [{"k": "p", "s": [forecast], "c": ""}]])
    if terms:
        blocks.append({"k": "dl", "items": terms})
    signature = report_goals.assessment_signature(subgoal)
    if signature:
        blocks.append(para(signature, "signatur"))
    return blocks


def goal_sections(report: Report, doc: Document) -> list[dict[str, Any]]:
    """One section per mål, as `goals.goal_sections`."""
    indicators = report.dataset.indicators
    rule = report.dataset.settings.rollup_rule.value
    anchors = subgoal_anchors(report)
    sections = []
    for goal in report.goals.itertuples(index=False):
        blocks: list[Block] = [
            {
                "k": "p",
                "s": [
                    span(report_text.GOAL_STATUS.format(rule=rule) + " "),
                    badge(goal.status, labels.SUBGOAL_STATUS_LABEL[goal.status]),
                    span(f"  {report_goals.goal_counts(goal)}" if goal.antal else "", "m"),
                ],
                "c": "",
            }
        ]
        found = report_goals.goal_comment_text(report, goal.mal_id)
        if found is not None:
            comment, signature = found
            shaded = written(comment) + ([para(signature, "signatur")] if signature else [])
            blocks.append({"k": "box", "c": "shade", "b": shaded})
        subgoals = report.subgoals.loc[report.subgoals["mal_id"] == goal.mal_id]
        if subgoals.empty:
            blocks.append(para(report_text.GOAL_NO_SUBGOALS, "inga"))
        for subgoal in subgoals.itertuples(index=False):
            own = indicators.loc[indicators["delmal_id"] == subgoal.delmal_id]
            who = report_goals.responsible(report.dataset.subgoals, "delmal_id", subgoal.delmal_id)
            anchor = {"id": anchors[subgoal.delmal_id]}
            opening = [
                {**heading(subgoal.namn, 2), **anchor},
                *([para(who, "lead-meta")] if who else []),
            ]
            opening += _assessment(report, subgoal)
            parts = [
                print_indicators.indicator_blocks(report, ind, doc)
                for ind in own.itertuples(index=False)
            ]
            if not parts:
                parts = [[para(report_text.NO_INDICATORS, "inga")]]
            # The heading, who answers for it and the status stay together; the text may break.
            blocks += opening
            blocks += [block for part in parts for block in part]
            blocks += print_units.distribution(report, subgoal.delmal_id)
        heading_text = report_text.GOAL_HEADING.format(id=goal.mal_id, name=goal.namn)
        sections.append({"h": heading_text, "part": True, "b": blocks})
    return sections


def project(report: Report) -> tuple[dict[str, Any], list[Chart]]:
    """The whole report as the template's data, and the charts its figures name."""
    doc = Document()
    sections: list[dict[str, Any]] = [
        {"h": report_text.SUMMARY, "b": summary(report, doc)},
        {"h": signal_words.OVERVIEW_HEADING, "b": overview(report)},
        *goal_sections(report, doc),
        *print_appendix.sections(report),
    ]
    return {"meta": meta(report), "sections": sections}, doc.charts


__all__ = ["Chart", "Document", "project"]
