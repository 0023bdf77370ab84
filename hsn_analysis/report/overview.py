"""The report's opening: title block, contents and Sammanfattning."""

from __future__ import annotations

from hsn_analysis.report import charts
from hsn_analysis.report.chart_images import STATUS_CHART_KEY
from hsn_analysis.report.context import Report
from hsn_analysis.report.markup import (
    Fragment,
    badge,
    bullet_list,
    css_string,
    esc,
    prose,
    table,
)
from hsn_analysis.report.markup import chart as chart_html
from hsn_analysis.report.palette import STATUS_SWATCH
from hsn_analysis.vocabulary import Change, SubgoalStatus
from hsn_analysis.words import labels, report_text, unit_text
from hsn_analysis.words.narrative import change_sentence, count_sentence
from hsn_analysis.words.signals_text import OVERVIEW_HEADING

APPENDIX_ANCHORS = {
    "helar": report_text.FULL_YEAR,
    "avvikelser": report_text.DEVIATIONS,
    "datakvalitet": report_text.DATA_QUALITY,
    "om-rapporten": report_text.ABOUT,
}


def goal_anchor(position: int) -> str:
    """The id of the n-th mål's section (ids from data could hold anything)."""
    return f"mal-{position + 1}"


def subgoal_anchors(report: Report) -> dict[str, str]:
    """delmal_id → the id of its article in the report."""
    return {sid: f"delmal-{n + 1}" for n, sid in enumerate(report.subgoals["delmal_id"])}


def format_run_time(report: Report) -> str:
    """`2025-09-26 kl. 06:00`: when the report's run started, in Swedish time."""
    return report_text.run_time_text(report.run_started)


def page_style(report: Report) -> str:
    """The printed pages' running header and "Sida n av N", as a `<style>` of @page rules
    (the text comes from data and the words module, so it cannot live in the static CSS)."""
    settings = report.dataset.settings
    right = report_text.RUNNING_HEAD_RIGHT.format(period=report.period.label)
    if settings.case_number:
        right += report_text.RUNNING_HEAD_CASE.format(case=settings.case_number)
    before, rest = report_text.PAGE_NUMBER.split("{page}")
    between, after = rest.split("{pages}")
    number = " ".join(
        part
        for part in (
            css_string(before) if before else "",
            "counter(page)",
            css_string(between) if between else "",
            "counter(pages)",
            css_string(after) if after else "",
        )
        if part
    )
    return (
        "<style>@page { "
        f"@top-left {{ content: {css_string(settings.board_name)}; }} "
        f"@top-right {{ content: {css_string(right)}; }} "
        f"@bottom-right {{ content: {number}; }} }} "
        "@page :first { @top-left { content: none; } @top-right { content: none; } }</style>"
    )


def document_particulars(report: Report) -> str:
    """Diarienummer, dokumentdatum, version and beslutsinstans, those that the settings give."""
    settings = report.dataset.settings
    when = settings.document_date.isoformat() if settings.document_date else ""
    given = [
        (label, value)
        for label, value in zip(
            report_text.DOCUMENT_LABELS,
            (settings.case_number, when, settings.document_version, settings.decided_by),
            strict=True,
        )
        if value
    ]
    if not given:
        return ""
    pairs = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in given)
    return f'<dl class="dokument">{pairs}</dl>'


def title_section(report: Report) -> Fragment:
    """Title block with board, plan year and period, the example-data banner and contents."""
    settings = report.dataset.settings
    period = report.period
    parts = [
        page_style(report),
        '<header class="rapporthuvud">',
        f'<p class="namnd">{esc(settings.board_name)}</p>',
        f"<h1>{esc(report_text.HEADING.format(year=settings.year))}</h1>",
        '<p class="period">'
        + esc(report_text.PERIOD_LINE.format(label=period.label, description=period.description))
        + "</p>",
        f'<p class="skapad">{esc(report_text.CREATED.format(when=format_run_time(report)))}</p>',
        document_particulars(report),
        "</header>",
    ]
    if settings.example_data:
        parts.append(f'<p class="exempeldata" role="note">{esc(labels.EXAMPLE_DATA_BANNER)}</p>')
    entries = [f'<a href="#sammanfattning">{esc(report_text.SUMMARY)}</a>']
    entries.append(f'<a href="#oversikt">{esc(OVERVIEW_HEADING)}</a>')
    for n, goal in enumerate(report.goals.itertuples(index=False)):
        name = report_text.GOAL_HEADING.format(id=goal.mal_id, name=goal.namn)
        entries.append(f'<a href="#{goal_anchor(n)}">{esc(name)}</a>')
    if not report.dataset.units.empty:  # the Basenheter section (report.units)
        entries.append(f'<a href="#basenheter">{esc(unit_text.UNITS_HEADING)}</a>')
    entries += [f'<a href="#{anchor}">{esc(text)}</a>' for anchor, text in APPENDIX_ANCHORS.items()]
    items = "".join(f"<li>{entry}</li>" for entry in entries)
    parts.append(
        f'<nav class="innehall" aria-label="{esc(report_text.CONTENTS)}">'
        f"<h2>{esc(report_text.CONTENTS)}</h2><ol>{items}</ol></nav>"
    )
    return Fragment("".join(parts))


def key_figures(report: Report) -> list[tuple[str, int, str]]:
    """The key figures: each status's count of delmål and the words after it (one or many)."""
    figures = []
    for status in ("rod", "gul", "gron", "ej_bedomd"):
        n = report.counts.of(status)
        words = report_text.KEY_FIGURE_TEXT_ONE if n == 1 else report_text.KEY_FIGURE_TEXT
        figures.append((status, n, words[status]))
    return figures


def _key_figures(report: Report) -> str:
    cards = []
    for status, n, words in key_figures(report):
        colour = STATUS_SWATCH[status].fill
        cards.append(
            f'<div style="border-top-color:{colour}">'
            f'<span class="antal">{n}</span>'
            f'<span class="text"><span aria-hidden="true">{labels.STATUS_SYMBOL[status]}</span> '
            f"{esc(words)}</span></div>"
        )
    return f'<div class="nyckeltal">{"".join(cards)}</div>'


def _goals_table(report: Report) -> str:
    rule = report.dataset.settings.rollup_rule.value
    rows = []
    for n, goal in enumerate(report.goals.itertuples(index=False)):
        name = report_text.GOAL_HEADING.format(id=goal.mal_id, name=goal.namn)
        rows.append(
            [
                f'<a href="#{goal_anchor(n)}">{esc(name)}</a>',
                *(str(getattr(goal, k)) for k in ("antal", "gron", "gul", "rod")),
                str(goal.ej_bedomd),
                badge(goal.status, labels.SHORT_STATUS[goal.status]),
            ]
        )
    c = report.counts
    totals = [c.total, c.green, c.yellow, c.red, c.not_assessed]
    rows.append([f"<strong>{esc(report_text.WHOLE_BOARD)}</strong>", *map(str, totals), ""])
    return table(
        report_text.GOALS_TABLE_HEADERS,
        rows,
        numeric=range(1, 6),
        caption=report_text.GOALS_TABLE_CAPTION.format(rule=rule),
        css_class="maltabell",
    )


def _subgoal_list(report: Report, status: SubgoalStatus) -> str:
    anchors = subgoal_anchors(report)
    chosen = report.subgoals.loc[report.subgoals["status"] == status.value]
    if chosen.empty:
        return f'<p class="inga">{esc(report_text.NONE_IN_LIST)}</p>'
    items = [
        f'<a href="#{anchors[row.delmal_id]}">{esc(row.namn)}</a> '
        f'<span class="meta">({esc(row.mal_id)})</span>'
        for row in chosen.itertuples(index=False)
    ]
    return bullet_list(items, "delmalslista")


def _changes(report: Report) -> str:
    subgoals = report.subgoals
    previous, current = report.period.previous.label, report.period.label
    sentence = f"<p>{esc(change_sentence(subgoals))}</p>"
    shown = {Change.BETTER.value, Change.WORSE.value, Change.NEW.value}
    changed = subgoals.loc[subgoals["forandring"].isin(shown)]
    if changed.empty:
        return sentence + f'<p class="inga">{esc(report_text.NO_CHANGES_TABLE)}</p>'
    anchors = subgoal_anchors(report)
    rows = [
        [
            f'<a href="#{anchors[row.delmal_id]}">{esc(row.namn)}</a>',
            esc(row.mal_id),
            badge(row.foregaende_status, labels.SHORT_STATUS[row.foregaende_status]),
            badge(row.status, labels.SHORT_STATUS[row.status]),
            esc(labels.CHANGE_LABEL[Change(row.forandring)]),
        ]
        for row in changed.itertuples(index=False)
    ]
    headers = [h.format(previous=previous, current=current) for h in report_text.CHANGES_HEADERS]
    return sentence + table(headers, rows, css_class="forandringar")


def administration_summary(report: Report) -> str:
    """The administration's own summary of the tertial (the `analys` table), first in
    Sammanfattning: each text under its heading, paragraphs and bullets kept, all escaped."""
    rows = report.result.analyses
    if rows.empty:
        return ""
    parts = [
        (f"<h3>{esc(row.rubrik)}</h3>" if row.rubrik else "") + prose(row.text)
        for row in rows.itertuples(index=False)
    ]
    label = esc(report_text.ADMINISTRATION_SUMMARY)
    return (
        f'<div class="forvaltningens-analys" role="group" aria-label="{label}">'
        f"{''.join(parts)}</div>"
    )


def summary_section(report: Report) -> Fragment:
    """Sammanfattning: count sentence, key figures, chart and table per mål, the lists of
    delmål that will not and will be reached, and what changed since the previous tertial."""
    chart = chart_html(
        report.chart(STATUS_CHART_KEY, lambda: charts.status_per_goal(report.goals)),
        charts.status_per_goal_alt(report.goals),
        css_class="statusdiagram",
    )
    parts = [
        '<section id="sammanfattning" class="sammanfattning">',
        f"<h2>{esc(report_text.SUMMARY)}</h2>",
        administration_summary(report),
        f'<p class="ingress">{esc(count_sentence(report.counts, report.period))}</p>',
        _key_figures(report),
        chart,
        _goals_table(report),
        f"<h3>{esc(report_text.RED_LIST)}</h3>",
        _subgoal_list(report, SubgoalStatus.RED),
        f"<h3>{esc(report_text.GREEN_LIST)}</h3>",
        _subgoal_list(report, SubgoalStatus.GREEN),
        f"<h3>{esc(report_text.CHANGES)} ({esc(report.period.previous.label)})</h3>",
        _changes(report),
        "</section>",
    ]
    return Fragment("".join(parts))
